#include "connect/runtime/converter.h"

#include "connect/runtime/json_converter.h"

namespace tributary::connect {
namespace {

// Strings as UTF-8 bytes; anything else is written as its JSON text.
class StringConverter : public Converter {
 public:
  Status configure(const Config&, bool) override { return Status(); }
  Result<std::optional<std::string>> from_connect(const std::string&, const SchemaAndValue& data) override {
    if (data.value.is_null()) return std::optional<std::string>();
    if (data.value.is_string()) return std::optional<std::string>(data.value.get<std::string>());
    if (data.value.is_binary()) {
      const auto& b = data.value.get_binary();
      return std::optional<std::string>(std::string(b.begin(), b.end()));
    }
    return std::optional<std::string>(data.value.dump());
  }
  Result<SchemaAndValue> to_connect(const std::string&, const std::optional<std::string>& bytes) override {
    SchemaAndValue out{schema::primitive("string", true), nullptr};
    if (bytes) out.value = *bytes;
    return out;
  }
};

// Bytes untouched; only bytes (or strings, taken as their bytes) can be written.
class ByteArrayConverter : public Converter {
 public:
  Status configure(const Config&, bool) override { return Status(); }
  Result<std::optional<std::string>> from_connect(const std::string& topic, const SchemaAndValue& data) override {
    if (data.value.is_null()) return std::optional<std::string>();
    if (data.value.is_binary()) {
      const auto& b = data.value.get_binary();
      return std::optional<std::string>(std::string(b.begin(), b.end()));
    }
    if (data.value.is_string()) return std::optional<std::string>(data.value.get<std::string>());
    return Status::error(Errc::invalid_argument,
                         "ByteArrayConverter is not compatible with objects of type " +
                             std::string(data.value.type_name()) + " (topic " + topic + ")");
  }
  Result<SchemaAndValue> to_connect(const std::string&, const std::optional<std::string>& bytes) override {
    SchemaAndValue out{schema::primitive("bytes", true), nullptr};
    if (bytes) out.value = nlohmann::json::binary(std::vector<uint8_t>(bytes->begin(), bytes->end()));
    return out;
  }
};

}  // namespace

const std::vector<std::string>& converter_classes() {
  static const std::vector<std::string> classes = {kByteArrayConverter, kJsonConverter, kStringConverter};
  return classes;
}

Result<std::unique_ptr<Converter>> make_converter(const std::string& class_name, const Config& config, bool is_key) {
  std::unique_ptr<Converter> converter;
  if (class_name == kJsonConverter || class_name == "JsonConverter") {
    converter = std::make_unique<JsonConverter>();
  } else if (class_name == kStringConverter || class_name == "StringConverter") {
    converter = std::make_unique<StringConverter>();
  } else if (class_name == kByteArrayConverter || class_name == "ByteArrayConverter") {
    converter = std::make_unique<ByteArrayConverter>();
  } else {
    return Status::error(Errc::invalid_argument, "Class " + class_name + " could not be found.");
  }
  TRY_STATUS(converter->configure(config, is_key));
  return converter;
}

Config sub_config(const Config& config, const std::string& prefix) {
  Config out;
  for (auto it = config.lower_bound(prefix); it != config.end() && it->first.rfind(prefix, 0) == 0; ++it)
    out[it->first.substr(prefix.size())] = it->second;
  return out;
}

namespace {
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::optional<std::string> base64_decode(const std::string& text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const char* p = std::char_traits<char>::find(kAlphabet, 64, c);
    if (!p) return std::nullopt;
    buffer = (buffer << 6) | uint32_t(p - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((buffer >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace tributary::connect
