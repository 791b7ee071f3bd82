// Time zones for the date/time functions: UTC, fixed offsets ("+05:30", "GMT-8") and IANA names
// read from the system tz database (/usr/share/zoneinfo, TZif files), since the C++ library in use
// has no std::chrono tzdb.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tributary::sql::fn {

struct ZoneOffset {
  int32_t seconds = 0;     // east of UTC
  std::string abbreviation;  // "PDT", "UTC", "+05:30"
};

class TimeZone {
 public:
  // nullptr when the id is neither an offset nor a known zone name. Zones are cached.
  static std::shared_ptr<const TimeZone> find(const std::string& id);
  static std::shared_ptr<const TimeZone> utc();

  const std::string& id() const { return id_; }
  ZoneOffset offset_at(int64_t utc_seconds) const;
  // The offset to subtract from a local wall-clock time (earlier offset in overlaps).
  int32_t offset_for_local(int64_t local_seconds) const;

 private:
  struct Type { int32_t offset; std::string abbreviation; };
  std::string id_;
  std::vector<int64_t> transitions_;  // UTC seconds, ascending
  std::vector<uint8_t> transition_types_;
  std::vector<Type> types_;
  Type initial_{0, "UTC"};

  static std::shared_ptr<TimeZone> fixed(const std::string& id, int32_t offset, std::string abbreviation);
  static std::shared_ptr<TimeZone> load_tzif(const std::string& id);
};

// "+05:30" style text of an offset (Z for zero when `z_for_zero`).
std::string offset_text(int32_t seconds, bool colon, bool z_for_zero, bool with_minutes = true);

}  // namespace tributary::sql::fn
