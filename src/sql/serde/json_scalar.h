// Scalar coercions of ksqlDB's JSON format (and DELIMITED fields): text to numbers, decimals
// fitted to their type, Jackson-like float text. Shared by json_coerce.h and delimited_serde.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/types/sql_type.h"
#include "sql/types/value.h"

namespace tributary::sql::json_detail {

enum class JKind { null, boolean, integer, floating, string, array, object };

// Failure of a coercion: the message without its location, and the path below the caller,
// built back to front as the error unwinds (only on the error path).
struct CoerceError {
  std::string message;
  std::string path;
};

// Text of a JSON float as Jackson's exact-decimal node prints it, as near as a double allows:
// shortest digits, "1.0" keeps its point, exponents as 1.5E+20 / 1E-7.
std::string float_text(double d);

bool failed_string_coercion(const SqlType& type, CoerceError& err);
// Java's Long.parseLong (optional sign, digits only).
bool parse_int64_text(std::string_view s, int64_t* out);
// Java's Double.parseDouble: surrounding whitespace allowed, NaN and Infinity spelled out.
bool parse_double_text(std::string_view s, double* out);

// DECIMAL: rounded half-up to the type's scale; too many integer digits is an error, as
// ksqlDB's DecimalUtil.ensureFit reports it.
bool fit_decimal(const Decimal& d, const SqlType& type, std::string_view text, Value& out, CoerceError& err);

// Java narrowing (int) cast: the low 32 bits.
inline int32_t wrap_int32(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); }
// Java's (long) cast of a double: truncation, saturating, NaN to 0.
int64_t double_to_int64(double d);

// A JSON string read as a scalar SQL type (TextNode coercions); also used for MAP keys and
// DELIMITED fields. False with an empty message for types text cannot hold.
bool coerce_text(std::string_view s, const SqlType& type, Value& out, CoerceError& err);

inline void to_upper(std::string_view key, std::string& out) {
  out.assign(key);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
}

}  // namespace tributary::sql::json_detail
