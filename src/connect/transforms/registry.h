// Every transform and predicate class, found by Kafka Connect's full class name or by the name
// without its package ("InsertField$Value", "TopicNameMatches").
#pragma once

#include <string>
#include <vector>

#include "connect/transforms/transform.h"

namespace tributary::connect::transforms {

const std::vector<TransformPlugin>& transform_plugins();
const std::vector<PredicatePlugin>& all_predicate_plugins();
const TransformPlugin* find_transform(const std::string& name);
const PredicatePlugin* find_predicate(const std::string& name);

}  // namespace tributary::connect::transforms
