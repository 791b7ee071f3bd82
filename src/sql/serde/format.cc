#include <algorithm>
#include <cctype>

#include "sql/serde/serde.h"

namespace tributary::sql {

Result<Format> parse_format(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "JSON") return Format::json;
  if (upper == "KAFKA") return Format::kafka;
  if (upper == "DELIMITED") return Format::delimited;
  if (upper == "NONE") return Format::none;
  return Status::error(Errc::invalid_argument, "Unknown format: " + std::string(name));
}

const char* format_name(Format f) {
  switch (f) {
    case Format::json: return "JSON";
    case Format::kafka: return "KAFKA";
    case Format::delimited: return "DELIMITED";
    case Format::none: return "NONE";
  }
  return "NONE";
}

}  // namespace tributary::sql
