#include "connect/connectors/kinesis/shard_timestamp.h"

#include <cstdint>
#include <ctime>
#include <regex>

namespace tributary::connect::kinesis {

std::optional<int64_t> parse_shard_timestamp(const std::string& text) {
  if (!text.empty() && text.size() <= 15 && text.find_first_not_of("0123456789") == std::string::npos)
    return std::stoll(text);
  static const std::regex date_time(
      R"((\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:\d{2})?)?)");
  std::smatch m;
  if (!std::regex_match(text, m, date_time)) return std::nullopt;
  auto num = [&](int i) { return m[i].matched ? std::stoi(m[i].str()) : 0; };
  std::tm tm{};
  tm.tm_year = num(1) - 1900;
  tm.tm_mon = num(2) - 1;
  tm.tm_mday = num(3);
  tm.tm_hour = num(4);
  tm.tm_min = num(5);
  tm.tm_sec = num(6);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
    return std::nullopt;
  int64_t ms = static_cast<int64_t>(timegm(&tm)) * 1000;
  if (m[7].matched) {
    std::string frac = m[7].str();
    frac.resize(3, '0');
    ms += std::stoi(frac);
  }
  if (m[8].matched && m[8].str() != "Z") {
    std::string zone = m[8].str();
    int64_t offset_min = std::stoi(zone.substr(1, 2)) * 60 + std::stoi(zone.substr(4, 2));
    ms -= (zone[0] == '-' ? -1 : 1) * offset_min * 60000;
  }
  return ms;
}

}  // namespace tributary::connect::kinesis
