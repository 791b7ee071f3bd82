#include "sql/functions/datetime_pattern.h"

#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>

namespace tributary::sql::fn {
namespace {

const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};
const char* const kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr const char* kLetters = "yuYMLdDHhkKmsSaEGzZXxVn";  // Y: week-based year, treated as the year

// Common zone abbreviations accepted when parsing 'z' (java.time accepts more).
const std::map<std::string, int32_t>& abbreviations() {
  static const std::map<std::string, int32_t> m = {
      {"UTC", 0}, {"GMT", 0}, {"Z", 0}, {"PST", -8 * 3600}, {"PDT", -7 * 3600}, {"MST", -7 * 3600},
      {"MDT", -6 * 3600}, {"CST", -6 * 3600}, {"CDT", -5 * 3600}, {"EST", -5 * 3600}, {"EDT", -4 * 3600},
      {"BST", 3600}, {"CET", 3600}, {"CEST", 7200}, {"EET", 7200}, {"EEST", 3 * 3600}, {"IST", 19800},
      {"JST", 9 * 3600}, {"AEST", 10 * 3600}, {"AEDT", 11 * 3600}};
  return m;
}

std::string pad(int64_t v, int width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), '0');
  return v < 0 ? "-" + s : s;
}

bool iequals_prefix(const std::string& text, std::size_t pos, const std::string& word) {
  if (pos + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) != std::tolower(static_cast<unsigned char>(word[i]))) return false;
  return true;
}

bool is_numeric_letter(char c) { return std::strchr("yuYMLdDHhkKmsS", c) && c != 0; }

}  // namespace

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Civil-calendar conversions (proleptic Gregorian), by eras of 400 years.
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

Result<std::shared_ptr<const DateTimePattern>> DateTimePattern::compile(const std::string& pattern) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const DateTimePattern>> cache;
  {
    std::lock_guard lock(mu);
    auto it = cache.find(pattern);
    if (it != cache.end()) return it->second;
  }
  auto p = std::make_shared<DateTimePattern>();
  p->pattern_ = pattern;
  for (std::size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      std::string lit;
      ++i;
      if (i < pattern.size() && pattern[i] == '\'') { lit = "'"; ++i; }
      else {
        while (true) {
          if (i >= pattern.size()) return Status::error(Errc::invalid_argument, "Pattern ends with an incomplete string literal: " + pattern);
          if (pattern[i] == '\'') {
            if (i + 1 < pattern.size() && pattern[i + 1] == '\'') { lit += '\''; i += 2; continue; }
            ++i;
            break;
          }
          lit += pattern[i++];
        }
      }
      p->items_.push_back({0, 0, lit});
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      if (!std::strchr(kLetters, c)) return Status::error(Errc::invalid_argument, std::string("Unknown pattern letter: ") + c);
      std::size_t j = i;
      while (j < pattern.size() && pattern[j] == c) ++j;
      p->items_.push_back({c, static_cast<int>(j - i), ""});
      i = j;
    } else {
      p->items_.push_back({0, 0, std::string(1, c)});
      ++i;
    }
  }
  std::lock_guard lock(mu);
  if (cache.size() > 1000) cache.clear();
  cache[pattern] = p;
  return std::shared_ptr<const DateTimePattern>(p);
}

std::string DateTimePattern::format(int64_t epoch_millis, const TimeZone& zone) const {
  int64_t utc_seconds = floor_div(epoch_millis, 1000);
  ZoneOffset off = zone.offset_at(utc_seconds);
  int64_t local_millis = epoch_millis + int64_t{off.seconds} * 1000;
  int64_t days = floor_div(local_millis, 86400000);
  int64_t ms_of_day = local_millis - days * 86400000;
  int64_t year;
  int month, day;
  civil_from_days(days, &year, &month, &day);
  int hour = static_cast<int>(ms_of_day / 3600000), minute = static_cast<int>(ms_of_day / 60000 % 60);
  int second = static_cast<int>(ms_of_day / 1000 % 60), millis = static_cast<int>(ms_of_day % 1000);
  int weekday = static_cast<int>(floor_div(days + 3, 7) * -7 + days + 3);  // 0 = Monday (1970-01-01 was a Thursday)
  std::string out;
  for (const Item& it : items_) {
    int n = it.count;
    switch (it.letter) {
      case 0: out += it.literal; break;
      case 'y': case 'u': case 'Y': out += n == 2 ? pad(((year % 100) + 100) % 100, 2) : pad(year, n); break;
      case 'M': case 'L':
        if (n >= 4) out += kMonths[month - 1];
        else if (n == 3) out += std::string(kMonths[month - 1]).substr(0, 3);
        else out += pad(month, n);
        break;
      case 'd': out += pad(day, n); break;
      case 'D': out += pad(days - days_from_civil(year, 1, 1) + 1, n); break;
      case 'H': out += pad(hour, n); break;
      case 'k': out += pad(hour == 0 ? 24 : hour, n); break;
      case 'K': out += pad(hour % 12, n); break;
      case 'h': out += pad(hour % 12 == 0 ? 12 : hour % 12, n); break;
      case 'm': out += pad(minute, n); break;
      case 's': out += pad(second, n); break;
      case 'S': {
        std::string frac = pad(millis, 3) + std::string(n > 3 ? n - 3 : 0, '0');
        out += frac.substr(0, n);
        break;
      }
      case 'n': out += std::to_string(int64_t{millis} * 1000000); break;
      case 'a': out += hour < 12 ? "AM" : "PM"; break;
      case 'E': out += n >= 4 ? kDays[weekday] : std::string(kDays[weekday]).substr(0, 3); break;
      case 'G': out += year > 0 ? "AD" : "BC"; break;
      case 'z': out += off.abbreviation; break;
      case 'V': out += zone.id(); break;
      case 'Z':
        if (n <= 3) out += offset_text(off.seconds, false, false);
        else if (n == 4) out += off.seconds == 0 ? "GMT" : "GMT" + offset_text(off.seconds, true, false);
        else out += offset_text(off.seconds, true, true);
        break;
      case 'X': case 'x': {
        bool z = it.letter == 'X';
        if (n == 1) out += offset_text(off.seconds, false, z, false);
        else out += offset_text(off.seconds, n >= 3, z);
        break;
      }
    }
  }
  return out;
}

Result<int64_t> DateTimePattern::parse(const std::string& text, const TimeZone& zone) const {
  int64_t year = 1970;
  int month = 1, day = 1, day_of_year = 0, hour = 0, minute = 0, second = 0, hour12 = -1, pm = -1;
  int64_t nanos = 0;
  std::optional<int32_t> offset;
  std::shared_ptr<const TimeZone> parsed_zone;
  std::size_t pos = 0;
  auto fail = [&](std::size_t at) {
    return Status::error(Errc::invalid_argument,
                         "Text '" + text + "' could not be parsed at index " + std::to_string(at));
  };
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const Item& it = items_[k];
    bool next_numeric = k + 1 < items_.size() && items_[k + 1].letter && is_numeric_letter(items_[k + 1].letter);
    if (it.letter == 0) {
      if (!iequals_prefix(text, pos, it.literal)) return fail(pos);
      pos += it.literal.size();
      continue;
    }
    if (is_numeric_letter(it.letter) && !((it.letter == 'M' || it.letter == 'L') && it.count >= 3)) {
      // Adjacent numeric fields ('yyyyMMdd') take exactly their width; others read greedily.
      std::size_t max = next_numeric ? static_cast<std::size_t>(it.count) : (it.letter == 'S' ? 9 : (it.count > 2 ? 10 : 2));
      if (it.letter == 'y' || it.letter == 'u' || it.letter == 'Y') max = next_numeric ? it.count : 10;
      std::size_t start = pos;
      bool negative = false;
      if ((it.letter == 'y' || it.letter == 'u' || it.letter == 'Y') && pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
        ++start;
      }
      while (pos < text.size() && pos - start < max && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      if (pos == start) return fail(start);
      if (next_numeric && pos - start != static_cast<std::size_t>(it.count)) return fail(start);
      std::string digits = text.substr(start, pos - start);
      int64_t v = std::stoll(digits);
      if (negative) v = -v;
      switch (it.letter) {
        case 'y': case 'u': case 'Y': year = (it.count == 2 && digits.size() == 2) ? 2000 + v : v; break;
        case 'M': case 'L': month = static_cast<int>(v); break;
        case 'd': day = static_cast<int>(v); break;
        case 'D': day_of_year = static_cast<int>(v); break;
        case 'H': case 'k': hour = static_cast<int>(v % 24); break;
        case 'h': case 'K': hour12 = static_cast<int>(v % 12); break;
        case 'm': minute = static_cast<int>(v); break;
        case 's': second = static_cast<int>(v); break;
        case 'S': {
          while (digits.size() < 9) digits += '0';
          nanos = std::stoll(digits.substr(0, 9));
          break;
        }
      }
      continue;
    }
    switch (it.letter) {
      case 'M': case 'L': case 'E': {
        const char* const* names = it.letter == 'E' ? kDays : kMonths;
        int count = it.letter == 'E' ? 7 : 12;
        int found = -1;
        for (int i = 0; i < count && found < 0; ++i) {
          std::string full = names[i];
          if (it.count >= 4 && iequals_prefix(text, pos, full)) { found = i; pos += full.size(); }
          else if (it.count < 4 && iequals_prefix(text, pos, full.substr(0, 3))) { found = i; pos += 3; }
        }
        if (found < 0) return fail(pos);
        if (it.letter != 'E') month = found + 1;
        break;
      }
      case 'a':
        if (iequals_prefix(text, pos, "AM")) pm = 0;
        else if (iequals_prefix(text, pos, "PM")) pm = 1;
        else return fail(pos);
        pos += 2;
        break;
      case 'G':
        if (!iequals_prefix(text, pos, "AD") && !iequals_prefix(text, pos, "BC")) return fail(pos);
        pos += 2;
        break;
      case 'X': case 'x': case 'Z': {
        if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z') && it.letter != 'x') { offset = 0; ++pos; break; }
        if (it.letter == 'Z' && iequals_prefix(text, pos, "GMT")) pos += 3;
        if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return fail(pos);
        int sign = text[pos] == '-' ? -1 : 1;
        std::size_t p = pos + 1;
        std::string digits;
        while (p < text.size() && (std::isdigit(static_cast<unsigned char>(text[p])) || text[p] == ':') && digits.size() < 6) {
          if (text[p] != ':') digits += text[p];
          ++p;
        }
        if (digits.size() != 2 && digits.size() != 4 && digits.size() != 6) return fail(pos);
        int h = std::stoi(digits.substr(0, 2)), m = digits.size() >= 4 ? std::stoi(digits.substr(2, 2)) : 0;
        offset = sign * (h * 3600 + m * 60);
        pos = p;
        break;
      }
      case 'z': case 'V': {
        std::size_t p = pos;
        while (p < text.size() && (std::isalnum(static_cast<unsigned char>(text[p])) || std::strchr("/_+-:", text[p]))) ++p;
        std::string word = text.substr(pos, p - pos);
        std::string upper = word;
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        auto ab = abbreviations().find(upper);
        if (it.letter == 'z' && ab != abbreviations().end()) offset = ab->second;
        else if (auto z = TimeZone::find(word)) parsed_zone = z;
        else return fail(pos);
        pos = p;
        break;
      }
      default: return fail(pos);
    }
  }
  if (pos != text.size())
    return Status::error(Errc::invalid_argument,
                         "Text '" + text + "' could not be parsed, unparsed text found at index " + std::to_string(pos));
  if (hour12 >= 0) hour = hour12 + (pm == 1 ? 12 : 0);
  else if (pm == 1 && hour < 12) hour += 12;
  if (month < 1 || month > 12 || day < 1 || day > 31 || minute > 59 || second > 59) return fail(0);
  int64_t days = day_of_year > 0 ? days_from_civil(year, 1, 1) + day_of_year - 1 : days_from_civil(year, month, day);
  if (day_of_year == 0) {
    int64_t y2; int m2, d2;
    civil_from_days(days, &y2, &m2, &d2);
    if (m2 != month) return fail(0);  // e.g. February 30
  }
  int64_t local_seconds = days * 86400 + hour * 3600 + minute * 60 + second;
  int32_t off = offset ? *offset : (parsed_zone ? parsed_zone : nullptr) ? parsed_zone->offset_for_local(local_seconds)
                                                                         : zone.offset_for_local(local_seconds);
  return (local_seconds - off) * 1000 + nanos / 1000000;
}

}  // namespace tributary::sql::fn
