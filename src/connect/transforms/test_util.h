// Test helpers: build a configured transform or predicate by class name, and sample records.
#pragma once

#include <gtest/gtest.h>

#include "connect/transforms/registry.h"

namespace tributary::connect::transforms::testing {

inline std::unique_ptr<Transformation> make(const std::string& cls, const Config& config) {
  const TransformPlugin* p = find_transform(cls);
  EXPECT_NE(p, nullptr) << cls;
  if (!p) return nullptr;
  EXPECT_TRUE(p->config_def().errors(config).empty()) << p->config_def().errors(config).front();
  auto t = p->create();
  auto problems = t->configure(ParsedConfig(p->config_def(), config));
  EXPECT_TRUE(problems.empty()) << problems.front().key << ": " << problems.front().message;
  return t;
}

// A record with a schemaless value.
inline ConnectRecord map_record(nlohmann::json value, std::string topic = "orders") {
  ConnectRecord r;
  r.topic = std::move(topic);
  r.kafka_partition = 2;
  r.timestamp_ms = 1700000000123;  // 2023-11-14T22:13:20.123Z
  r.value = {nullptr, std::move(value)};
  return r;
}

// A record whose value is a struct {id int32, name string}.
inline ConnectRecord struct_record() {
  ConnectRecord r = map_record({{"id", 7}, {"name", "ann"}});
  r.value.schema = schema::structure("order", {schema::field("id", schema::primitive("int32")),
                                               schema::field("name", schema::primitive("string", true))});
  return r;
}

inline std::vector<std::string> field_names(const nlohmann::json& struct_schema) {
  std::vector<std::string> out;
  for (const auto& f : struct_schema["fields"]) out.push_back(f["field"]);
  return out;
}

}  // namespace tributary::connect::transforms::testing
