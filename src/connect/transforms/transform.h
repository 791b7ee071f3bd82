// Single Message Transforms: Kafka Connect's per-record transformations and predicates, configured
// with Kafka Connect's class names and keys (`transforms=a`, `transforms.a.type=...`). A transform
// changes one record in place or drops it; a predicate decides whether a transform applies.
//
// Data is the runtime's Connect model (connect_record.h): a schema in Connect's JSON form (null when
// schemaless) and a JSON value (objects for structs and maps).
//
// Threads: a transform belongs to one task and is called only on that task's thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/api/config_def.h"
#include "connect/api/connect_record.h"

namespace tributary::connect::transforms {

// A bad key found by configure(): the key without the `transforms.<alias>.` prefix.
struct ConfigProblem {
  std::string key;
  std::string message;
};
using ConfigProblems = std::vector<ConfigProblem>;

// What a record carries beyond ConnectRecord (sink records know their offset in the log).
struct RecordContext {
  std::optional<int64_t> kafka_offset;
};

class Transformation {
 public:
  virtual ~Transformation() = default;
  // `config` already passed the plugin's ConfigDef; returns the checks across keys that failed.
  virtual ConfigProblems configure(const ParsedConfig& config) = 0;
  // Transforms `record` in place; false drops it. An error is a failed record (errors.tolerance).
  virtual Result<bool> apply(ConnectRecord& record, const RecordContext& context) = 0;
};

class Predicate {
 public:
  virtual ~Predicate() = default;
  virtual ConfigProblems configure(const ParsedConfig& config) = 0;
  virtual bool test(const ConnectRecord& record) const = 0;
};

// A transform or predicate class: Kafka Connect's full class name, its keys and a factory.
template <typename T>
struct Plugin {
  std::string class_name;  // "org.apache.kafka.connect.transforms.InsertField$Value"
  std::string doc;
  std::function<const ConfigDef&()> config_def;
  std::function<std::unique_ptr<T>()> create;
};
using TransformPlugin = Plugin<Transformation>;
using PredicatePlugin = Plugin<Predicate>;

inline constexpr const char* kTransformPackage = "org.apache.kafka.connect.transforms.";
inline constexpr const char* kPredicatePackage = "org.apache.kafka.connect.transforms.predicates.";

}  // namespace tributary::connect::transforms
