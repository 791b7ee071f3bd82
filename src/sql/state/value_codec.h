// Binary encoding of Values for state stores. The encoding is self-describing (a tag byte per
// value) so stores need no schema, deterministic (equal values of one type encode alike, which
// makes encoded rows usable as store keys) and self-delimiting (an encoded row is never a prefix
// of another, so `encode(key) + suffix` keys scan by key prefix).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "sql/types/value.h"

namespace tributary::sql {

void encode_value(const Value& v, std::string& out);
std::string encode_values(const std::vector<Value>& values);
// Appends the encoding of `values` to `out` (store keys built in place).
void append_encoded_values(std::string& out, std::span<const Value> values);
// The encoding of `values` followed by `extra`, as if one list, without copying the values.
std::string encode_values(std::span<const Value> values, std::initializer_list<Value> extra);

// Reads one value at `pos`, advancing it; false on malformed input.
bool decode_value(std::string_view in, std::size_t& pos, Value& out);
Result<std::vector<Value>> decode_values(std::string_view in);

// 8 bytes that sort like the signed number (sign bit flipped, big-endian): window starts and
// timestamps inside store keys.
void append_ordered_i64(std::string& out, int64_t v);
int64_t read_ordered_i64(std::string_view in);
void append_i64(std::string& out, int64_t v);  // plain big-endian
int64_t read_i64(std::string_view in);

}  // namespace tributary::sql
