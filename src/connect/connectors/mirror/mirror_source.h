// MirrorSourceConnector: copies topics of another Kafka cluster into this one, as MirrorMaker 2's
// connector of that name does. Topics matching `topics` are created here as
// `<source.cluster.alias>.<topic>` with the same partition count and configuration overrides, and
// every record keeps its partition, key, value, headers and timestamp (bytes untouched: the
// connector requires ByteArrayConverter). The source offset of partition
// {"cluster","topic","partition"} is {"offset": last mirrored source offset}, so a restart resumes
// after it. After each offset commit a task writes offset syncs (source offset -> mirrored offset)
// to `mm2-offset-syncs.<alias>.internal`; task 0 also translates the consumer groups' committed
// offsets every emit.checkpoints.interval.seconds into `<alias>.checkpoints.internal` and, with
// sync.group.offsets.enabled, commits them to idle groups of the same name here.
// With refresh.topics.enabled the source's topics are listed again every
// refresh.topics.interval.seconds; new matching topics (and partitions) are created here and the
// connector asks the runtime for new task configs (ConnectorContext), so they are mirrored without a
// restart.
#pragma once

#include "connect/api/connector.h"

namespace tributary::connect::mirror {

ConnectorPlugin mirror_source_plugin();

}  // namespace tributary::connect::mirror
