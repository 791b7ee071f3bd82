#include "sql/functions/time_zone.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace tributary::sql::fn {
namespace {

int64_t read_be(const std::string& d, std::size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(d[pos + i]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

// Parses "+05:30", "-0800", "+5", "05:30" (sign required unless `sign_optional`).
bool parse_offset(std::string s, int32_t* out) {
  if (s.empty()) return false;
  int sign = 1;
  if (s[0] == '+' || s[0] == '-') { sign = s[0] == '-' ? -1 : 1; s = s.substr(1); }
  else return false;
  s.erase(std::remove(s.begin(), s.end(), ':'), s.end());
  if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), ::isdigit)) return false;
  int h = 0, m = 0, sec = 0;
  if (s.size() <= 2) h = std::stoi(s);
  else if (s.size() <= 4) { h = std::stoi(s.substr(0, s.size() - 2)); m = std::stoi(s.substr(s.size() - 2)); }
  else { h = std::stoi(s.substr(0, s.size() - 4)); m = std::stoi(s.substr(s.size() - 4, 2)); sec = std::stoi(s.substr(s.size() - 2)); }
  if (h > 18 || m > 59 || sec > 59) return false;
  *out = sign * (h * 3600 + m * 60 + sec);
  return true;
}

}  // namespace

std::string offset_text(int32_t seconds, bool colon, bool z_for_zero, bool with_minutes) {
  if (seconds == 0 && z_for_zero) return "Z";
  char buf[16];
  int32_t a = std::abs(seconds);
  int h = a / 3600, m = (a / 60) % 60;
  if (!with_minutes && m == 0) std::snprintf(buf, sizeof buf, "%c%02d", seconds < 0 ? '-' : '+', h);
  else std::snprintf(buf, sizeof buf, colon ? "%c%02d:%02d" : "%c%02d%02d", seconds < 0 ? '-' : '+', h, m);
  return buf;
}

std::shared_ptr<TimeZone> TimeZone::fixed(const std::string& id, int32_t offset, std::string abbreviation) {
  auto z = std::make_shared<TimeZone>();
  z->id_ = id;
  z->initial_ = {offset, std::move(abbreviation)};
  return z;
}

std::shared_ptr<TimeZone> TimeZone::load_tzif(const std::string& id) {
  if (id.empty() || id.find("..") != std::string::npos || id[0] == '/') return nullptr;
  std::ifstream in("/usr/share/zoneinfo/" + id, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string d = ss.str();
  if (d.size() < 44 || d.compare(0, 4, "TZif") != 0) return nullptr;
  auto counts = [&](std::size_t h, int64_t c[6]) { for (int i = 0; i < 6; ++i) c[i] = read_be(d, h + 20 + 4 * i, 4); };
  int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  std::size_t pos = 44;
  int time_size = 4;
  if (d[4] >= '2') {
    // Skip the 32-bit block and use the 64-bit one that follows its own header.
    pos += c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (d.size() < pos + 44) return nullptr;
    counts(pos, c);
    pos += 44;
    time_size = 8;
  }
  std::size_t need = pos + c[3] * time_size + c[3] + c[4] * 6 + c[5];
  if (d.size() < need || c[4] == 0) return nullptr;
  auto z = std::make_shared<TimeZone>();
  z->id_ = id;
  for (int64_t i = 0; i < c[3]; ++i) z->transitions_.push_back(read_be(d, pos + i * time_size, time_size));
  pos += c[3] * time_size;
  for (int64_t i = 0; i < c[3]; ++i) z->transition_types_.push_back(static_cast<uint8_t>(d[pos + i]));
  pos += c[3];
  std::size_t types_pos = pos, chars_pos = pos + c[4] * 6;
  for (int64_t i = 0; i < c[4]; ++i) {
    int32_t off = static_cast<int32_t>(read_be(d, types_pos + i * 6, 4));
    uint8_t abbr = static_cast<uint8_t>(d[types_pos + i * 6 + 5]);
    std::string name;
    for (std::size_t k = chars_pos + abbr; k < chars_pos + c[5] && d[k]; ++k) name += d[k];
    z->types_.push_back({off, name});
  }
  z->initial_ = z->types_[0];
  return z;
}

std::shared_ptr<const TimeZone> TimeZone::utc() {
  static const auto z = fixed("UTC", 0, "UTC");
  return z;
}

std::shared_ptr<const TimeZone> TimeZone::find(const std::string& id) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TimeZone>> cache;
  std::lock_guard lock(mu);
  auto it = cache.find(id);
  if (it != cache.end()) return it->second;
  std::shared_ptr<const TimeZone> z;
  std::string upper = id;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  int32_t off = 0;
  if (upper == "UTC" || upper == "GMT" || upper == "Z" || upper == "UT") {
    z = fixed(id, 0, upper == "Z" ? "Z" : upper);
  } else if (parse_offset(id, &off)) {
    z = fixed(id, off, offset_text(off, true, true));
  } else if ((upper.rfind("UTC", 0) == 0 || upper.rfind("GMT", 0) == 0) && parse_offset(id.substr(3), &off)) {
    z = fixed(id, off, upper.substr(0, 3) + offset_text(off, true, false));
  } else {
    z = load_tzif(id);
  }
  if (z) cache[id] = z;
  return z;
}

ZoneOffset TimeZone::offset_at(int64_t utc_seconds) const {
  if (transitions_.empty() || utc_seconds < transitions_.front()) return {initial_.offset, initial_.abbreviation};
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds);
  const Type& t = types_[transition_types_[(it - transitions_.begin()) - 1]];
  return {t.offset, t.abbreviation};
}

int32_t TimeZone::offset_for_local(int64_t local_seconds) const {
  // Try the offsets in effect around the local time; prefer the earlier one in an overlap.
  int32_t before = offset_at(local_seconds - 86400).seconds;
  int32_t after = offset_at(local_seconds + 86400).seconds;
  for (int32_t candidate : {before, after})
    if (offset_at(local_seconds - candidate).seconds == candidate) return candidate;
  return before;  // a gap: the pre-gap offset moves the time forward, as java.time does
}

}  // namespace tributary::sql::fn
