// A subset of Java's SimpleDateFormat patterns, in UTC, as TimestampConverter and TimestampRouter
// use them: yyyy/yy, MM, dd, HH, mm, ss, SSS, 'quoted text'; other non-letters are literal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tributary::connect::transforms {

// An error message when `pattern` uses a letter this subset does not know.
std::optional<std::string> check_date_pattern(const std::string& pattern);
std::string format_date(const std::string& pattern, int64_t epoch_ms);
// nullopt when `text` does not match `pattern`.
std::optional<int64_t> parse_date(const std::string& pattern, const std::string& text);

}  // namespace tributary::connect::transforms
