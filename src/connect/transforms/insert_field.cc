// InsertField$Key / $Value: adds the record's topic, partition, offset (sink records), timestamp
// and/or a static string as fields. A field name ending in "!" is required (the value must exist),
// "?" (or nothing) optional.
#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

struct FieldSpec {
  std::string name;  // empty: not inserted
  bool optional = true;
};

FieldSpec parse_spec(const std::string& text) {
  if (text.empty()) return {};
  if (text.back() == '!') return {text.substr(0, text.size() - 1), false};
  if (text.back() == '?') return {text.substr(0, text.size() - 1), true};
  return {text, true};
}

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    using T = ConfigDefType;
    c.define(opt_key("topic.field", T::string, "", "Field name for the record topic; suffix ! required, ? optional."));
    c.define(opt_key("partition.field", T::string, "", "Field name for the record partition."));
    c.define(opt_key("offset.field", T::string, "", "Field name for the record offset (sink connectors only)."));
    c.define(opt_key("timestamp.field", T::string, "", "Field name for the record timestamp."));
    c.define(opt_key("static.field", T::string, "", "Field name for a static value."));
    c.define(opt_key("static.value", T::string, "", "The static field value."));
    return c;
  }();
  return d;
}

class InsertField : public Transformation {
 public:
  explicit InsertField(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    topic_ = parse_spec(c.get_string("topic.field"));
    partition_ = parse_spec(c.get_string("partition.field"));
    offset_ = parse_spec(c.get_string("offset.field"));
    timestamp_ = parse_spec(c.get_string("timestamp.field"));
    static_ = parse_spec(c.get_string("static.field"));
    static_value_ = c.get_string("static.value");
    if (!static_.name.empty() && !c.originals().count("static.value"))
      return {{"static.value", "static.value is required when static.field is set"}};
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext& ctx) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (data.value.is_null() && !data.schema.is_object()) return true;  // tombstones pass untouched
    auto shape = require_structured(data, "field insertion");
    if (!shape.ok()) return shape.status();
    if (data.value.is_null()) return true;
    std::vector<std::pair<FieldSpec, std::pair<nlohmann::json, nlohmann::json>>> inserts;  // spec, (schema, value)
    auto prim = [](const char* t, bool optional) { return schema::primitive(t, optional); };
    if (!topic_.name.empty()) inserts.push_back({topic_, {prim("string", topic_.optional), record.topic}});
    if (!partition_.name.empty())
      inserts.push_back({partition_, {prim("int32", partition_.optional),
                                      record.kafka_partition ? nlohmann::json(*record.kafka_partition) : nullptr}});
    if (!offset_.name.empty()) {
      if (!ctx.kafka_offset)
        return Status::error(Errc::invalid_argument, "offset.field is only supported for sink connectors");
      inserts.push_back({offset_, {prim("int64", offset_.optional), *ctx.kafka_offset}});
    }
    if (!timestamp_.name.empty()) {
      nlohmann::json ts_schema = prim("int64", timestamp_.optional);
      ts_schema["name"] = "org.apache.kafka.connect.data.Timestamp";
      ts_schema["version"] = 1;
      inserts.push_back({timestamp_, {ts_schema, record.timestamp_ms ? nlohmann::json(record.timestamp_ms) : nullptr}});
    }
    if (!static_.name.empty()) inserts.push_back({static_, {prim("string", static_.optional), static_value_}});
    for (auto& [spec, sv] : inserts) {
      if (sv.second.is_null() && !spec.optional)
        return Status::error(Errc::invalid_argument, "Field " + spec.name + " is required but the record has no value");
      data.value[spec.name] = sv.second;
      if (*shape == Shape::with_schema && !find_field(data.schema, spec.name))
        data.schema["fields"].push_back(make_field(spec.name, sv.first));
    }
    return true;
  }

 private:
  bool is_key_;
  FieldSpec topic_, partition_, offset_, timestamp_, static_;
  std::string static_value_;
};

}  // namespace

std::vector<TransformPlugin> insert_field_plugins() {
  return key_and_value("InsertField", "Insert fields using attributes from the record metadata or a configured static value.",
                       def, [](bool k) { return new InsertField(k); });
}

}  // namespace tributary::connect::transforms
