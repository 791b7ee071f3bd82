// Windowed keys as ksqlDB writes them to topics: the inner key, then the window as big-endian
// millis (time windows: start; session windows: end then start).
#include "sql/serde/serde.h"

namespace tributary::sql {
namespace {

void append_be64(std::string& out, int64_t v) {
  uint64_t u = static_cast<uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((u >> shift) & 0xFF);
}

int64_t read_be64(std::string_view b) {
  uint64_t u = 0;
  for (int i = 0; i < 8; ++i) u = (u << 8) | static_cast<uint8_t>(b[i]);
  return static_cast<int64_t>(u);
}

}  // namespace

std::string append_window(std::string key, const WindowBounds& window) {
  switch (window.type) {
    case WindowBounds::Type::none: break;
    case WindowBounds::Type::time: append_be64(key, window.start); break;
    case WindowBounds::Type::session:
      append_be64(key, window.end);
      append_be64(key, window.start);
      break;
  }
  return key;
}

Result<std::pair<std::string, WindowBounds>> split_window(std::string_view key, WindowBounds::Type type,
                                                         int64_t window_size_ms) {
  WindowBounds bounds;
  bounds.type = type;
  switch (type) {
    case WindowBounds::Type::none: return std::make_pair(std::string(key), bounds);
    case WindowBounds::Type::time:
      if (key.size() < 8) {
        return Status::error(Errc::corrupt, "Windowed key too short: " + std::to_string(key.size()) +
                                                " bytes, a time window needs 8");
      }
      bounds.start = read_be64(key.substr(key.size() - 8));
      bounds.end = bounds.start + window_size_ms;
      return std::make_pair(std::string(key.substr(0, key.size() - 8)), bounds);
    case WindowBounds::Type::session:
      if (key.size() < 16) {
        return Status::error(Errc::corrupt, "Windowed key too short: " + std::to_string(key.size()) +
                                                " bytes, a session window needs 16");
      }
      bounds.end = read_be64(key.substr(key.size() - 16, 8));
      bounds.start = read_be64(key.substr(key.size() - 8));
      return std::make_pair(std::string(key.substr(0, key.size() - 16)), bounds);
  }
  return Status::error(Errc::invalid_argument, "unknown window type");
}

}  // namespace tributary::sql
