#include "console/record_json.h"

#include <algorithm>
#include <cstdint>

namespace tributary::console {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (and JSON encoders refuse them).
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool base64_decode(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=') {
      if (i < text.size() - 2) return false;
      ++padding;
      continue;
    }
    if (padding) return false;
    const char* at = std::find(kAlphabet, kAlphabet + 64, c);
    if (at == kAlphabet + 64) return false;
    buffer = (buffer << 6) | static_cast<uint32_t>(at - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return true;
}

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
