// Converters: Connect data <-> the bytes of a Kafka record's key or value, chosen per connector with
// `key.converter` / `value.converter` (Kafka Connect's class names) and configured with the keys
// under those prefixes (`value.converter.schemas.enable=false`).
//
// Threads: a converter belongs to one task and is called only on that task's thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/api/config_def.h"
#include "connect/api/connect_record.h"

namespace tributary::connect {

class Converter {
 public:
  virtual ~Converter() = default;
  // `config` holds the keys under the converter's prefix, the prefix removed ("schemas.enable").
  virtual Status configure(const Config& config, bool is_key) = 0;
  // nullopt: a null key or value (a tombstone).
  virtual Result<std::optional<std::string>> from_connect(const std::string& topic, const SchemaAndValue& data) = 0;
  virtual Result<SchemaAndValue> to_connect(const std::string& topic, const std::optional<std::string>& bytes) = 0;
};

inline constexpr const char* kJsonConverter = "org.apache.kafka.connect.json.JsonConverter";
inline constexpr const char* kStringConverter = "org.apache.kafka.connect.storage.StringConverter";
inline constexpr const char* kByteArrayConverter = "org.apache.kafka.connect.converters.ByteArrayConverter";

// The converter classes this runtime provides (GET /connector-plugins?connectorsOnly=false).
const std::vector<std::string>& converter_classes();

// A configured converter for `class_name`; unknown names are invalid_argument.
Result<std::unique_ptr<Converter>> make_converter(const std::string& class_name, const Config& config, bool is_key);

// The keys of `config` under `prefix` ("value.converter."), the prefix removed.
Config sub_config(const Config& config, const std::string& prefix);

// Base64 as Kafka Connect's JsonConverter reads bytes (it writes them with common's base64_encode).
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace tributary::connect
