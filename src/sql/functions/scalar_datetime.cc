// Date and time functions. Patterns are Java DateTimeFormatter style (datetime_pattern.h); the
// zone defaults to UTC. A bad pattern, zone or text records an error and yields NULL.
#include <chrono>

#include "sql/functions/datetime_pattern.h"
#include "sql/functions/function_util.h"

namespace tributary::sql {
namespace {

using fn::Args;
using fn::DateTimePattern;
using fn::Overload;
using fn::Param;
using fn::returns;
using fn::TimeZone;

constexpr int64_t kMillisPerDay = 86'400'000;

const std::string& str(const Value& v) { return v.as<std::string>(); }

int64_t now_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::shared_ptr<const TimeZone> zone_arg(Args a, std::size_t index, EvalErrors& errors) {
  if (index >= a.size()) return TimeZone::utc();
  auto z = TimeZone::find(str(a[index]));
  if (!z) errors.add("Unknown time zone: " + str(a[index]));
  return z;
}

std::optional<std::string> format_millis(int64_t millis, const std::string& pattern, Args a, std::size_t zone_index,
                                         EvalErrors& errors) {
  auto p = DateTimePattern::compile(pattern);
  if (!p.ok()) { errors.add("Failed to format with pattern '" + pattern + "': " + p.status().message()); return std::nullopt; }
  auto z = zone_arg(a, zone_index, errors);
  if (!z) return std::nullopt;
  return (*p)->format(millis, *z);
}

std::optional<int64_t> parse_millis(const std::string& text, const std::string& pattern, Args a, std::size_t zone_index,
                                    const char* what, EvalErrors& errors) {
  auto p = DateTimePattern::compile(pattern);
  if (!p.ok()) { errors.add(std::string("Failed to parse ") + what + " '" + text + "' with formatter '" + pattern + "': " + p.status().message()); return std::nullopt; }
  auto z = zone_arg(a, zone_index, errors);
  if (!z) return std::nullopt;
  auto r = (*p)->parse(text, *z);
  if (!r.ok()) {
    errors.add(std::string("Failed to parse ") + what + " '" + text + "' with formatter '" + pattern + "': " + r.status().message());
    return std::nullopt;
  }
  return *r;
}

// Units of DATEADD/TIMESTAMPADD/TIMEADD, as java.util.concurrent.TimeUnit names them.
std::optional<int64_t> unit_millis(std::string unit) {
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() != 'S') unit += 'S';
  if (unit == "MILLISECONDS") return 1;
  if (unit == "SECONDS") return 1000;
  if (unit == "MINUTES") return 60'000;
  if (unit == "HOURS") return 3'600'000;
  if (unit == "DAYS") return kMillisPerDay;
  return std::nullopt;
}

// FORMAT_X(value, pattern [, zone]) and PARSE_X(text, pattern [, zone]) pairs.
void add_format_parse(FunctionRegistry& r, const char* format_name, const char* parse_name, Param value_param,
                      TypeKind parsed_type, bool with_zone, std::function<int64_t(const Value&)> to_millis,
                      std::function<Value(int64_t)> from_millis, const char* what) {
  std::vector<Overload> fmt = {{{value_param, Param::string}, returns(TypeKind::string),
      [to_millis](Args a, EvalErrors& e) -> Value {
        auto s = format_millis(to_millis(a[0]), str(a[1]), a, 99, e);
        return s ? Value(*s) : Value();
      }}};
  std::vector<Overload> parse = {{{Param::string, Param::string}, returns(parsed_type),
      [from_millis, what](Args a, EvalErrors& e) -> Value {
        auto m = parse_millis(str(a[0]), str(a[1]), a, 99, what, e);
        return m ? from_millis(*m) : Value();
      }}};
  if (with_zone) {
    fmt.push_back({{value_param, Param::string, Param::string}, returns(TypeKind::string),
        [to_millis](Args a, EvalErrors& e) -> Value {
          auto s = format_millis(to_millis(a[0]), str(a[1]), a, 2, e);
          return s ? Value(*s) : Value();
        }});
    parse.push_back({{Param::string, Param::string, Param::string}, returns(parsed_type),
        [from_millis, what](Args a, EvalErrors& e) -> Value {
          auto m = parse_millis(str(a[0]), str(a[1]), a, 2, what, e);
          return m ? from_millis(*m) : Value();
        }});
  }
  fn::add_function(r, format_name, fmt);
  fn::add_function(r, parse_name, parse);
}

// DATEADD(unit, n, date) and friends; the unit is passed as a string (DAYS, HOURS, ...).
void add_shift(FunctionRegistry& r, const char* name, Param target, TypeKind result, int sign,
               std::function<Value(const Value&, int64_t delta, EvalErrors&)> shift) {
  auto impl = [sign, shift, name = std::string(name)](Args a, EvalErrors& e) -> Value {
    auto unit = unit_millis(str(a[0]));
    if (!unit) { e.add(name + ": unknown time unit " + str(a[0])); return {}; }
    return shift(a[2], sign * fn::to_int64(a[1]) * *unit, e);
  };
  fn::add_function(r, name, {{{Param::string, Param::bigint, target}, returns(result), impl}});
}

}  // namespace

void register_datetime_functions(FunctionRegistry& r) {
  auto ts_millis = [](const Value& v) { return v.as<Timestamp>().millis; };
  auto long_millis = [](const Value& v) { return v.as<int64_t>(); };
  auto date_millis = [](const Value& v) { return int64_t{v.as<Date>().days} * kMillisPerDay; };
  auto int_date_millis = [](const Value& v) { return int64_t{v.as<int32_t>()} * kMillisPerDay; };
  auto time_millis = [](const Value& v) { return v.as<Time>().millis; };
  auto to_days = [](int64_t m) { return static_cast<int32_t>(fn::floor_div(m, kMillisPerDay)); };

  add_format_parse(r, "FORMAT_TIMESTAMP", "PARSE_TIMESTAMP", Param::timestamp, TypeKind::timestamp, true, ts_millis,
                   [](int64_t m) { return Value(Timestamp{m}); }, "timestamp");
  add_format_parse(r, "TIMESTAMPTOSTRING", "STRINGTOTIMESTAMP", Param::bigint, TypeKind::bigint, true, long_millis,
                   [](int64_t m) { return Value(m); }, "timestamp");
  add_format_parse(r, "FORMAT_DATE", "PARSE_DATE", Param::date, TypeKind::date, false, date_millis,
                   [to_days](int64_t m) { return Value(Date{to_days(m)}); }, "date");
  add_format_parse(r, "DATETOSTRING", "STRINGTODATE", Param::int_, TypeKind::int_, false, int_date_millis,
                   [to_days](int64_t m) { return Value(to_days(m)); }, "date");
  add_format_parse(r, "FORMAT_TIME", "PARSE_TIME", Param::time, TypeKind::time, false, time_millis,
                   [](int64_t m) { return Value(Time{m - fn::floor_div(m, kMillisPerDay) * kMillisPerDay}); }, "time");

  fn::add_function(r, "UNIX_TIMESTAMP", {
      {{}, returns(TypeKind::bigint), [](Args, EvalErrors&) { return Value(now_millis()); }},
      {{Param::timestamp}, returns(TypeKind::bigint), [](Args a, EvalErrors&) { return Value(a[0].as<Timestamp>().millis); }},
  });
  fn::add_function(r, "UNIX_DATE", {
      {{}, returns(TypeKind::int_), [to_days](Args, EvalErrors&) { return Value(to_days(now_millis())); }},
      {{Param::date}, returns(TypeKind::int_), [](Args a, EvalErrors&) { return Value(a[0].as<Date>().days); }},
  });
  fn::add_function(r, "FROM_UNIXTIME", {{{Param::bigint}, returns(TypeKind::timestamp),
      [](Args a, EvalErrors&) { return Value(Timestamp{a[0].as<int64_t>()}); }}});
  fn::add_function(r, "FROM_DAYS", {{{Param::int_}, returns(TypeKind::date),
      [](Args a, EvalErrors&) { return Value(Date{a[0].as<int32_t>()}); }}});
  // CONVERT_TZ(ts, from, to): reinterprets the wall-clock time of `from` as one of `to`.
  fn::add_function(r, "CONVERT_TZ", {{{Param::timestamp, Param::string, Param::string}, returns(TypeKind::timestamp),
      [](Args a, EvalErrors& e) -> Value {
        auto from = zone_arg(a, 1, e);
        auto to = zone_arg(a, 2, e);
        if (!from || !to) return {};
        int64_t ms = a[0].as<Timestamp>().millis;
        int64_t s = fn::floor_div(ms, 1000);
        return Value(Timestamp{ms + (int64_t{to->offset_at(s).seconds} - from->offset_at(s).seconds) * 1000});
      }}});

  auto shift_date = [](const Value& v, int64_t delta, EvalErrors& e) -> Value {
    if (delta % kMillisPerDay != 0) { e.add("DATEADD/DATESUB only accept whole days"); return {}; }
    return Value(Date{static_cast<int32_t>(v.as<Date>().days + delta / kMillisPerDay)});
  };
  auto shift_ts = [](const Value& v, int64_t delta, EvalErrors&) { return Value(Timestamp{v.as<Timestamp>().millis + delta}); };
  auto shift_time = [](const Value& v, int64_t delta, EvalErrors&) {
    int64_t m = v.as<Time>().millis + delta;
    return Value(Time{m - fn::floor_div(m, kMillisPerDay) * kMillisPerDay});
  };
  add_shift(r, "DATEADD", Param::date, TypeKind::date, 1, shift_date);
  add_shift(r, "DATESUB", Param::date, TypeKind::date, -1, shift_date);
  add_shift(r, "TIMESTAMPADD", Param::timestamp, TypeKind::timestamp, 1, shift_ts);
  add_shift(r, "TIMESTAMPSUB", Param::timestamp, TypeKind::timestamp, -1, shift_ts);
  add_shift(r, "TIMEADD", Param::time, TypeKind::time, 1, shift_time);
  add_shift(r, "TIMESUB", Param::time, TypeKind::time, -1, shift_time);
}

}  // namespace tributary::sql
