#include "console/record_json.h"

#include "common/text_encoding.h"

#include <algorithm>
#include <cstdint>

namespace tributary::console {
namespace {

// Sets `text` and `encoding` fields for optional bytes: null stays null.
void put_bytes(nlohmann::json& out, const char* field, const char* encoding_field, const std::optional<std::string>& bytes) {
  if (!bytes) {
    out[field] = nullptr;
    out[encoding_field] = "utf8";
  } else if (is_valid_utf8(*bytes)) {
    out[field] = *bytes;
    out[encoding_field] = "utf8";
  } else {
    out[field] = base64_encode(*bytes);
    out[encoding_field] = "base64";
  }
}

bool contains_folded(std::string_view haystack, const std::string& lowered_needle) {
  auto it = std::search(haystack.begin(), haystack.end(), lowered_needle.begin(), lowered_needle.end(),
                        [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; });
  return it != haystack.end();
}

}  // namespace

namespace {

const char* timestamp_type_name(client::TimestampType type) {
  switch (type) {
    case client::TimestampType::create_time: return "create";
    case client::TimestampType::log_append_time: return "log_append";
    case client::TimestampType::none: break;
  }
  return "none";
}

}  // namespace

nlohmann::json record_to_json(const client::ConsumedRecord& r) {
  nlohmann::json out = {{"topic", r.topic}, {"partition", r.partition}, {"offset", r.offset},
                        {"timestamp", r.timestamp_ms}, {"timestamp_type", timestamp_type_name(r.timestamp_type)}};
  put_bytes(out, "key", "key_encoding", r.key);
  put_bytes(out, "value", "value_encoding", r.value);
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : r.headers) {
    nlohmann::json h;
    // Header keys are strings in Kafka's protocol, yet still bytes on the wire.
    h["key"] = is_valid_utf8(name) ? name : base64_encode(name);
    put_bytes(h, "value", "encoding", value);
    headers.push_back(std::move(h));
  }
  out["headers"] = std::move(headers);
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool record_matches(const client::ConsumedRecord& r, const std::string& needle) {
  if (needle.empty()) return true;
  if (r.key && contains_folded(*r.key, needle)) return true;
  if (r.value && contains_folded(*r.value, needle)) return true;
  for (const auto& [name, value] : r.headers) {
    if (contains_folded(name, needle)) return true;
    if (value && contains_folded(*value, needle)) return true;
  }
  return false;
}

}  // namespace tributary::console
