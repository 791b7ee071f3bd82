#include "connect/runtime/json_converter.h"

#include <algorithm>
#include <cctype>

#include "common/text_encoding.h"

namespace tributary::connect {
namespace {

// Connect values as JSON text: bytes become base64 strings, everything else is already JSON.
nlohmann::json to_json_value(const nlohmann::json& value) {
  if (value.is_binary()) {
    const auto& b = value.get_binary();
    return base64_encode(std::string(b.begin(), b.end()));
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = to_json_value(it.value());
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(to_json_value(item));
    return out;
  }
  return value;
}

// The payload read back under its schema: base64 strings of bytes fields become bytes again.
Result<nlohmann::json> from_json_value(const nlohmann::json& schema, const nlohmann::json& value) {
  if (!schema.is_object() || value.is_null()) return value;
  std::string type = schema.value("type", "");
  if (type == "bytes" && value.is_string()) {
    auto decoded = base64_decode(value.get<std::string>());
    if (!decoded) return Status::error(Errc::invalid_argument, "Invalid bytes field: not base64");
    return nlohmann::json::binary(std::vector<uint8_t>(decoded->begin(), decoded->end()));
  }
  if (type == "struct" && value.is_object() && schema.contains("fields")) {
    nlohmann::json out = value;
    for (const auto& field : schema["fields"]) {
      std::string name = field.value("field", "");
      if (!out.contains(name)) continue;
      auto converted = from_json_value(field, out[name]);
      if (!converted.ok()) return converted.status();
      out[name] = std::move(*converted);
    }
    return out;
  }
  return value;
}

}  // namespace

Status JsonConverter::configure(const Config& config, bool) {
  auto it = config.find("schemas.enable");
  if (it != config.end()) {
    std::string v = it->second;
    std::transform(v.begin(), v.end(), v.begin(), ::tolower);
    if (v != "true" && v != "false")
      return Status::error(Errc::invalid_argument,
                           "Invalid value " + it->second + " for configuration schemas.enable: Expected value to be "
                           "either true or false");
    schemas_enabled_ = v == "true";
  }
  return Status();
}

Result<std::optional<std::string>> JsonConverter::from_connect(const std::string&, const SchemaAndValue& data) {
  if (data.value.is_null() && data.schema.is_null()) return std::optional<std::string>();
  nlohmann::json payload = to_json_value(data.value);
  if (!schemas_enabled_) return std::optional<std::string>(payload.dump());
  nlohmann::json envelope = {{"schema", data.schema}, {"payload", payload}};
  return std::optional<std::string>(envelope.dump());
}

Result<SchemaAndValue> JsonConverter::to_connect(const std::string& topic, const std::optional<std::string>& bytes) {
  if (!bytes) return SchemaAndValue{};
  nlohmann::json parsed = nlohmann::json::parse(*bytes, nullptr, false);
  if (parsed.is_discarded())
    return Status::error(Errc::invalid_argument,
                         "Converting byte[] to Kafka Connect data failed due to serialization error of topic " + topic);
  if (!schemas_enabled_) return SchemaAndValue{nullptr, std::move(parsed)};
  if (!parsed.is_object() || parsed.size() != 2 || !parsed.contains("schema") || !parsed.contains("payload"))
    return Status::error(Errc::invalid_argument,
                         "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not "
                         "contain additional fields. If you are trying to deserialize plain JSON data, set "
                         "schemas.enable=false in your converter configuration.");
  auto value = from_json_value(parsed["schema"], parsed["payload"]);
  if (!value.ok()) return value.status();
  return SchemaAndValue{parsed["schema"], std::move(*value)};
}

}  // namespace tributary::connect
