// Appends values as ksqlDB's JSON format writes them, straight into a byte buffer (no DOM).
#pragma once

#include <string>

#include "sql/types/sql_type.h"
#include "sql/types/value.h"

namespace tributary::sql {

// DOUBLE as Java prints it (10.0), DECIMAL in plain notation with its scale, TIMESTAMP/TIME as
// millis, DATE as days, BYTES as base64, STRUCT as an object with its field names.
void append_json_value(std::string& out, const Value& v, const SqlType& type);

}  // namespace tributary::sql
