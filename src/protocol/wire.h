// Building blocks shared by the generated message codecs: the encodings that
// differ between classic and flexible (KIP-482 compact + tagged) versions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"

namespace tributary::protocol {

using tributary::ByteReader;
using tributary::Bytes;
using tributary::ByteWriter;
using tributary::DecodeError;

using Uuid = std::array<uint8_t, 16>;

namespace wire {

// Strings: int16 length (-1 = null) in classic versions, uvarint length+1
// (0 = null) in flexible ones.
std::string read_string(ByteReader& r, bool flexible);
std::optional<std::string> read_nullable_string(ByteReader& r, bool flexible);
void write_string(ByteWriter& w, std::string_view s, bool flexible);
// Used where a nullable member is sent in a version that cannot carry null.
void write_string_or_empty(ByteWriter& w, const std::optional<std::string>& s, bool flexible);
void write_nullable_string(ByteWriter& w, const std::optional<std::string>& s, bool flexible);

// Bytes and records: int32 length (-1 = null) classic, uvarint length+1 flexible.
Bytes read_bytes(ByteReader& r, bool flexible);
std::optional<Bytes> read_nullable_bytes(ByteReader& r, bool flexible);
void write_bytes(ByteWriter& w, std::span<const uint8_t> b, bool flexible);
void write_bytes_or_empty(ByteWriter& w, const std::optional<Bytes>& b, bool flexible);
void write_nullable_bytes(ByteWriter& w, const std::optional<Bytes>& b, bool flexible);

Uuid read_uuid(ByteReader& r);
void write_uuid(ByteWriter& w, const Uuid& u);

// Arrays: int32 count classic, uvarint count+1 flexible; -1 means null.
// Rejects counts larger than the bytes left, so hostile input cannot make us
// allocate huge vectors.
int32_t read_array_length(ByteReader& r, bool flexible);
void write_array_length(ByteWriter& w, int64_t n, bool flexible);

// Skips a whole tagged-field section (for structs that define no tags).
void skip_tagged_fields(ByteReader& r);
// Writes one tagged field: tag, size, payload.
void write_tagged_field(ByteWriter& w, uint32_t tag, std::span<const uint8_t> payload);

[[noreturn]] void throw_null_field(const char* field);

}  // namespace wire
}  // namespace tributary::protocol
