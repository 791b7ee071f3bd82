// The mirror's task: reads its assigned source partitions (no consumer group: it starts after the
// offsets the runtime kept), emits each record unchanged under the mirrored topic name, writes
// offset syncs once the runtime has committed, and (task 0) emits group checkpoints.
#pragma once

#include <memory>

#include "connect/api/source_task.h"

namespace tributary::connect::mirror {

// Task configuration key: the source partitions of this task, "topic:partition,...".
inline constexpr const char* kAssignedPartitionsKey = "task.assigned.partitions";

std::unique_ptr<SourceTask> make_mirror_task();

}  // namespace tributary::connect::mirror
