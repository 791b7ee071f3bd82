// TimestampConverter$Key / $Value: converts a timestamp (the whole key/value, or `field`) between a
// formatted string, a Unix number (`unix.precision`) and Connect's Date, Time and Timestamp logical
// types. Strings are read and written with `format` (SimpleDateFormat letters, UTC).
#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/date_format.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

constexpr int64_t kMsPerDay = 86400000;
const char* kTimestamp = "org.apache.kafka.connect.data.Timestamp";
const char* kDate = "org.apache.kafka.connect.data.Date";
const char* kTime = "org.apache.kafka.connect.data.Time";

const ConfigDef& def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    using T = ConfigDefType;
    c.define(opt_key("field", T::string, "",
                     "The field containing the timestamp, or empty if the entire value is a timestamp."));
    auto target = req_key("target.type", T::string, "The desired timestamp representation.");
    target.allowed = {"string", "unix", "Date", "Time", "Timestamp"};
    c.define(target);
    auto format = opt_key("format", T::string, "",
                          "A SimpleDateFormat-compatible pattern for the timestamp (letters yMdHmsS, UTC). Used to "
                          "generate the output when type=string or used to parse the input if the input is a string.");
    format.validator = [](const std::string& v) { return check_date_pattern(v); };
    c.define(format);
    auto precision = opt_key("unix.precision", T::string, "milliseconds",
                             "The desired Unix precision for the timestamp, used to generate the output when "
                             "type=unix or used to parse the input if the input is a Long.");
    precision.allowed = {"seconds", "milliseconds", "microseconds", "nanoseconds"};
    c.define(precision);
    return c;
  }();
  return d;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

class TimestampConverter : public Transformation {
 public:
  explicit TimestampConverter(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    field_ = c.get_string("field");
    target_ = c.get_string("target.type");
    format_ = c.get_string("format");
    std::string p = c.get_string("unix.precision");
    per_ms_ = p == "microseconds" ? 1000 : p == "nanoseconds" ? 1000000 : 1;
    seconds_ = p == "seconds";
    if (target_ == "string" && format_.empty())
      return {{"format", "TimestampConverter requires format option to be specified when using string timestamps"}};
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (field_.empty()) return convert(data.schema, data.value);
    if (data.value.is_null()) return true;
    auto shape = require_structured(data, "converting timestamp formats");
    if (!shape.ok()) return shape.status();
    nlohmann::json none;
    nlohmann::json* schema = &none;
    if (*shape == Shape::with_schema) {
      for (auto& f : data.schema["fields"])
        if (f.value("field", "") == field_) schema = &f;
      if (schema == &none) return Status::error(Errc::invalid_argument, "Unknown field: " + field_);
    }
    if (!data.value.contains(field_)) return true;
    return convert(*schema, data.value[field_]);
  }

 private:
  // Converts `value` in place and rewrites `schema` (when there is one) to the target type.
  Result<bool> convert(nlohmann::json& schema, nlohmann::json& value) {
    bool has_schema = schema.is_object();
    if (!value.is_null()) {
      auto ms = to_millis(schema, value);
      if (!ms.ok()) return ms.status();
      value = from_millis(*ms, has_schema);
    }
    if (has_schema) {
      bool optional = schema.value("optional", false);
      std::string field = schema.value("field", "");
      schema = target_schema(optional);
      if (!field.empty()) schema["field"] = field;
    }
    return true;
  }

  Result<int64_t> to_millis(const nlohmann::json& schema, const nlohmann::json& value) const {
    std::string name = schema.is_object() ? schema.value("name", "") : "";
    if (name == kDate && value.is_number()) return value.get<int64_t>() * kMsPerDay;
    if ((name == kTimestamp || name == kTime) && value.is_number()) return value.get<int64_t>();
    if (value.is_string()) {
      if (format_.empty())
        return Status::error(Errc::invalid_argument,
                             "TimestampConverter requires format option to be specified when using string timestamps");
      auto ms = parse_date(format_, value.get<std::string>());
      if (!ms)
        return Status::error(Errc::invalid_argument, "Could not parse timestamp: value (" + value.get<std::string>() +
                                                         ") does not match pattern (" + format_ + ")");
      return *ms;
    }
    if (value.is_number_integer()) {
      int64_t n = value.get<int64_t>();
      return seconds_ ? n * 1000 : floor_div(n, per_ms_);
    }
    return Status::error(Errc::invalid_argument,
                         "Expected a timestamp (string, number or Connect logical type), found: " + java_type_name(value));
  }

  nlohmann::json from_millis(int64_t ms, bool has_schema) const {
    if (target_ == "string") return format_date(format_, ms);
    if (target_ == "unix") return seconds_ ? floor_div(ms, 1000) : ms * per_ms_;
    if (target_ == "Date") {
      int64_t days = floor_div(ms, kMsPerDay);
      return has_schema ? days : days * kMsPerDay;
    }
    if (target_ == "Time") return ms - floor_div(ms, kMsPerDay) * kMsPerDay;
    return ms;
  }

  nlohmann::json target_schema(bool optional) const {
    if (target_ == "string") return schema::primitive("string", optional);
    if (target_ == "unix") return schema::primitive("int64", optional);
    nlohmann::json s = schema::primitive(target_ == "Timestamp" ? "int64" : "int32", optional);
    s["name"] = target_ == "Timestamp" ? kTimestamp : target_ == "Date" ? kDate : kTime;
    s["version"] = 1;
    return s;
  }

  bool is_key_;
  std::string field_, target_, format_;
  int64_t per_ms_ = 1;
  bool seconds_ = false;
};

}  // namespace

std::vector<TransformPlugin> timestamp_converter_plugins() {
  return key_and_value("TimestampConverter", "Convert timestamps between different formats such as Unix epoch, strings, and Connect Date/Timestamp types.",
                       def, [](bool k) { return new TimestampConverter(k); });
}

}  // namespace tributary::connect::transforms
