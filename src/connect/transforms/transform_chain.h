// A connector's transform chain, built from its configuration as Kafka Connect reads it:
//   transforms=a,b                     aliases, applied in this order
//   transforms.a.type=<class>          e.g. org.apache.kafka.connect.transforms.InsertField$Value
//   transforms.a.<key>=...             the transform's own keys
//   transforms.a.predicate=p           apply only to records p matches ...
//   transforms.a.negate=true           ... or does not match
//   predicates=p, predicates.p.type=<class>, predicates.p.<key>=...
// Source tasks run it before conversion, sink tasks after.
//
// Threads: a chain belongs to one task and is used only on that task's thread.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "connect/api/config_def.h"
#include "connect/transforms/transform.h"

namespace tributary::connect::transforms {

// The validation of every transforms.* and predicates.* key of a connector configuration.
struct ChainValidation {
  std::vector<ConfigDefKey> definitions;  // the per-alias keys, prefixed ("transforms.a.regex")
  std::vector<ConfigValueReport> values;  // one per definition, same order
  // Errors that belong to keys defined elsewhere ("transforms", "predicates").
  std::vector<std::pair<std::string, std::string>> other_errors;
};
ChainValidation validate_transform_config(const Config& connector_config);

class TransformChain {
 public:
  // An invalid configuration is invalid_argument with every error message.
  static Result<std::unique_ptr<TransformChain>> create(const Config& connector_config);
  ~TransformChain();

  bool empty() const { return steps_.empty(); }
  // Runs the chain on `record`: false when a transform dropped it; an error names the transform.
  Result<bool> apply(ConnectRecord& record, const RecordContext& context) const;

 private:
  struct Step {
    std::string alias;
    std::string class_name;
    std::unique_ptr<Transformation> transform;
    const Predicate* predicate = nullptr;
    bool negate = false;
  };
  TransformChain() = default;

  std::vector<std::unique_ptr<Predicate>> predicates_;
  std::vector<Step> steps_;
};

}  // namespace tributary::connect::transforms
