// Kafka Connect's internal-topic keys name a task as "<connector>-<task id>" (connector names may
// contain dashes themselves): "task-<connector>-<id>", "status-task-<connector>-<id>", ...
#pragma once

#include <string>

namespace tributary::connect {

// "<name>-<id>" -> name, id; false when there is no non-negative numeric suffix.
bool split_task_key(const std::string& rest, std::string* name, int* id);

}  // namespace tributary::connect
