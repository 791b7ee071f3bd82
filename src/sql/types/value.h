// Runtime values of the SQL engine. One Value holds any SQL type; its static type lives beside it
// (in a Schema or a bound expression), so a Value never carries type names or field names.
// NULL is the empty alternative. Containers are shared and immutable once built, so copying a
// row that holds an array or struct is cheap.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tributary::sql {

// DECIMAL: unscaled / 10^scale. The precision lives in the type (DataType::precision).
struct Decimal {
  __int128 unscaled = 0;
  int32_t scale = 0;
};
struct Timestamp { int64_t millis = 0; };  // since the epoch, UTC
struct Date { int32_t days = 0; };         // since 1970-01-01
struct Time { int64_t millis = 0; };       // since midnight
struct Bytes { std::string data; };

struct Value;
using Array = std::vector<Value>;
using MapEntries = std::vector<std::pair<Value, Value>>;  // unique keys, insertion order kept
// Positional, per the STRUCT type's fields. A distinct type (not an alias of Array) so that the
// variant can tell a struct from an array.
struct StructFields : std::vector<Value> {
  using std::vector<Value>::vector;
};

struct Value {
  using Storage = std::variant<std::monostate, bool, int32_t, int64_t, double, Decimal, std::string,
                               Bytes, Timestamp, Date, Time, std::shared_ptr<const Array>,
                               std::shared_ptr<const MapEntries>, std::shared_ptr<const StructFields>>;
  Storage v;

  Value() = default;
  Value(bool b) : v(b) {}
  Value(int32_t i) : v(i) {}
  Value(int64_t i) : v(i) {}
  Value(double d) : v(d) {}
  Value(Decimal d) : v(d) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(const char* s) : v(std::string(s)) {}
  Value(Bytes b) : v(std::move(b)) {}
  Value(Timestamp t) : v(t) {}
  Value(Date d) : v(d) {}
  Value(Time t) : v(t) {}
  // Built non-const behind the const pointer: an owner holding the only reference may update
  // it in place (mutable_struct), which an object created const would not allow.
  static Value array(Array items) { Value r; r.v = std::shared_ptr<const Array>(std::make_shared<Array>(std::move(items))); return r; }
  static Value map(MapEntries entries) { Value r; r.v = std::shared_ptr<const MapEntries>(std::make_shared<MapEntries>(std::move(entries))); return r; }
  static Value struct_(StructFields fields) { Value r; r.v = std::shared_ptr<const StructFields>(std::make_shared<StructFields>(std::move(fields))); return r; }

  bool is_null() const { return v.index() == 0; }
  template <class T> bool is() const { return std::holds_alternative<T>(v); }
  template <class T> const T& as() const { return std::get<T>(v); }
  const Array& as_array() const { return *std::get<std::shared_ptr<const Array>>(v); }
  const MapEntries& as_map() const { return *std::get<std::shared_ptr<const MapEntries>>(v); }
  const StructFields& as_struct() const { return *std::get<std::shared_ptr<const StructFields>>(v); }
  bool is_array() const { return is<std::shared_ptr<const Array>>(); }
  bool is_map() const { return is<std::shared_ptr<const MapEntries>>(); }
  bool is_struct() const { return is<std::shared_ptr<const StructFields>>(); }
  // The struct's fields to update in place when this Value is their only owner; null otherwise
  // (then the caller builds a new struct, as values are shared and immutable).
  StructFields* mutable_struct() {
    auto* p = std::get_if<std::shared_ptr<const StructFields>>(&v);
    if (!p || !*p || p->use_count() != 1) return nullptr;
    return const_cast<StructFields*>(p->get());
  }
};

// Deep equality: same alternative and equal contents (NULL equals NULL here: this is grouping and
// map-key equality, not SQL's `=`). Decimals compare by numeric value across scales.
bool operator==(const Value& a, const Value& b);
// Deep hash consistent with operator==.
std::size_t hash_value(const Value& v);
struct ValueHash { std::size_t operator()(const Value& v) const { return hash_value(v); } };
// Total order for two values of the same SQL type (NULL first): MIN/MAX, ORDER, TOPK, sorting.
// Numbers of different alternatives compare numerically.
int compare_values(const Value& a, const Value& b);

// Decimal helpers: the value as a double, and rescaling (rounding half up) to another scale.
double decimal_to_double(const Decimal& d);
Decimal decimal_rescale(const Decimal& d, int32_t scale);
// Digits of a decimal as ksqlDB prints it: plain notation with exactly `scale` fractional digits.
std::string decimal_to_string(const Decimal& d);
// Parses "12.340", "-1", "1e3"; false when the text is not a number.
bool decimal_from_string(std::string_view text, Decimal* out);
// Number of significant digits of the unscaled value (for precision checks).
int decimal_digits(const Decimal& d);

}  // namespace tributary::sql
