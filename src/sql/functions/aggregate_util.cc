#include "sql/functions/aggregate_util.h"

#include <atomic>
#include <chrono>

namespace tributary::sql::agg {

Status unsupported_args(const std::string& name, const std::vector<SqlType>& types) {
  std::string list;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (i) list += ", ";
    list += type_to_string(types[i]);
  }
  return Status::error(Errc::invalid_argument,
                       "Function '" + name + "' does not accept parameters (" + list + ").");
}

Result<int64_t> literal_int(const std::string& name, const std::string& param,
                            const std::vector<SqlType>& types, const std::vector<Value>& literals,
                            std::size_t index) {
  if (index < types.size() && is_integral(types[index]) && index < literals.size()) {
    const Value& v = literals[index];
    if (v.is<int32_t>()) return int64_t{v.as<int32_t>()};
    if (v.is<int64_t>()) return v.as<int64_t>();
  }
  return Status::error(
      Errc::invalid_argument,
      "Function '" + name + "' requires an INTEGER literal for parameter " + param + ".");
}

Result<bool> literal_bool(const std::string& name, const std::string& param,
                          const std::vector<SqlType>& types, const std::vector<Value>& literals,
                          std::size_t index) {
  if (index < types.size() && types[index].kind == TypeKind::boolean && index < literals.size() &&
      literals[index].is<bool>()) {
    return literals[index].as<bool>();
  }
  return Status::error(
      Errc::invalid_argument,
      "Function '" + name + "' requires a BOOLEAN literal for parameter " + param + ".");
}

bool is_int_bigint_double(const SqlType& t) {
  return t.kind == TypeKind::int_ || t.kind == TypeKind::bigint || t.kind == TypeKind::double_;
}

double numeric_as_double(const Value& v) {
  if (v.is<int32_t>()) return v.as<int32_t>();
  if (v.is<int64_t>()) return static_cast<double>(v.as<int64_t>());
  if (v.is<double>()) return v.as<double>();
  if (v.is<Decimal>()) return decimal_to_double(v.as<Decimal>());
  return 0;
}

int32_t wrap_add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

int64_t wrap_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

int64_t next_arrival_sequence() {
  static std::atomic<int64_t> counter{std::chrono::duration_cast<std::chrono::microseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count()};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace tributary::sql::agg
