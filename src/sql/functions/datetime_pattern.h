// Java DateTimeFormatter-style patterns ('yyyy-MM-dd HH:mm:ss.SSS', 'dd-MMM-yyyy', quoted
// literals) for the date/time functions: letters y u M L d D H h k K m s S a E G z Z X x V.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "sql/functions/time_zone.h"

namespace tributary::sql::fn {

int64_t days_from_civil(int64_t y, int m, int d);
void civil_from_days(int64_t days, int64_t* y, int* m, int* d);
int64_t floor_div(int64_t a, int64_t b);

class DateTimePattern {
 public:
  // Compiled patterns are cached; an unknown letter or unterminated quote is an error.
  static Result<std::shared_ptr<const DateTimePattern>> compile(const std::string& pattern);

  std::string format(int64_t epoch_millis, const TimeZone& zone) const;
  // Epoch millis of `text`; a zone or offset in the text wins over `zone`.
  Result<int64_t> parse(const std::string& text, const TimeZone& zone) const;
  const std::string& pattern() const { return pattern_; }

 private:
  struct Item {
    char letter = 0;  // 0 for a literal
    int count = 0;
    std::string literal;
  };
  std::string pattern_;
  std::vector<Item> items_;
};

}  // namespace tributary::sql::fn
