// Translating consumer groups' committed offsets from the source cluster to the mirror: shared by
// the mirror's checkpoint emitter and `tributary migrate mirror`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "client/group_admin.h"
#include "common/status.h"
#include "connect/connectors/mirror/mirror_config.h"
#include "connect/connectors/mirror/offset_sync.h"

namespace tributary::connect::mirror {

// Every offset sync in the offset-syncs topic on the target cluster (an empty store if it is missing).
Result<OffsetSyncStore> load_offset_syncs(const std::string& target_bootstrap, const std::string& topic);

// The checkpoints of one group: its committed offsets on the source, for mirrored topics, translated
// through `syncs`. Partitions without a sync at or below the committed offset are left out.
Result<std::vector<Checkpoint>> translate_group(client::GroupAdmin& source, const std::string& group,
                                                const MirrorSettings& settings, const OffsetSyncStore& syncs);

// Which checkpoints would move the target group forward (absent or behind there): what is safe to
// commit. The group must have no active members on the target (Kafka refuses otherwise).
Result<std::vector<client::PartitionOffset>> forward_offsets(client::GroupAdmin& target, const std::string& group,
                                                             const std::vector<Checkpoint>& checkpoints);

}  // namespace tributary::connect::mirror
