#include "protocol/wire.h"

#include <limits>

namespace tributary::protocol::wire {
namespace {

// Length prefix of strings (int16) and bytes (int32); -1 when null.
int64_t read_length(ByteReader& r, bool flexible, bool wide) {
  if (flexible) return static_cast<int64_t>(r.uvarint()) - 1;
  return wide ? r.i32() : r.i16();
}

void write_length(ByteWriter& w, int64_t n, bool flexible, bool wide) {
  if (flexible) {
    w.uvarint(static_cast<uint32_t>(n + 1));
  } else if (wide) {
    w.i32(static_cast<int32_t>(n));
  } else {
    if (n > std::numeric_limits<int16_t>::max()) throw std::length_error("string longer than 32767 bytes");
    w.i16(static_cast<int16_t>(n));
  }
}

std::span<const uint8_t> as_span(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::optional<std::string> read_nullable_string(ByteReader& r, bool flexible) {
  int64_t n = read_length(r, flexible, false);
  if (n < -1) throw DecodeError("negative string length");
  if (n == -1) return std::nullopt;
  auto b = r.bytes(static_cast<size_t>(n));
  return std::string(b.begin(), b.end());
}

std::string read_string(ByteReader& r, bool flexible) {
  auto s = read_nullable_string(r, flexible);
  if (!s) throw DecodeError("null in a non-nullable string");
  return std::move(*s);
}

void write_string(ByteWriter& w, std::string_view s, bool flexible) {
  write_length(w, static_cast<int64_t>(s.size()), flexible, false);
  w.bytes(as_span(s));
}

void write_string_or_empty(ByteWriter& w, const std::optional<std::string>& s, bool flexible) {
  write_string(w, s ? std::string_view(*s) : std::string_view(), flexible);
}

void write_nullable_string(ByteWriter& w, const std::optional<std::string>& s, bool flexible) {
  if (!s) {
    write_length(w, -1, flexible, false);
  } else {
    write_string(w, std::string_view(*s), flexible);
  }
}

std::optional<Bytes> read_nullable_bytes(ByteReader& r, bool flexible) {
  int64_t n = read_length(r, flexible, true);
  if (n < -1) throw DecodeError("negative bytes length");
  if (n == -1) return std::nullopt;
  auto b = r.bytes(static_cast<size_t>(n));
  return Bytes(b.begin(), b.end());
}

Bytes read_bytes(ByteReader& r, bool flexible) {
  auto b = read_nullable_bytes(r, flexible);
  if (!b) throw DecodeError("null in a non-nullable bytes field");
  return std::move(*b);
}

void write_bytes(ByteWriter& w, std::span<const uint8_t> b, bool flexible) {
  write_length(w, static_cast<int64_t>(b.size()), flexible, true);
  w.bytes(b);
}

void write_bytes_or_empty(ByteWriter& w, const std::optional<Bytes>& b, bool flexible) {
  write_bytes(w, b ? std::span<const uint8_t>(*b) : std::span<const uint8_t>(), flexible);
}

void write_nullable_bytes(ByteWriter& w, const std::optional<Bytes>& b, bool flexible) {
  if (!b) {
    write_length(w, -1, flexible, true);
  } else {
    write_bytes(w, std::span<const uint8_t>(*b), flexible);
  }
}

Uuid read_uuid(ByteReader& r) {
  Uuid u;
  auto b = r.bytes(u.size());
  std::copy(b.begin(), b.end(), u.begin());
  return u;
}

void write_uuid(ByteWriter& w, const Uuid& u) { w.bytes(u.data(), u.size()); }

int32_t read_array_length(ByteReader& r, bool flexible) {
  int64_t n = read_length(r, flexible, true);
  if (n < -1) throw DecodeError("negative array length");
  // Every element takes at least one byte on the wire.
  if (n > static_cast<int64_t>(r.remaining())) throw DecodeError("array length exceeds message");
  return static_cast<int32_t>(n);
}

void write_array_length(ByteWriter& w, int64_t n, bool flexible) { write_length(w, n, flexible, true); }

void skip_tagged_fields(ByteReader& r) {
  const uint32_t count = r.uvarint();
  for (uint32_t i = 0; i < count; ++i) {
    r.uvarint();  // tag
    r.skip(r.uvarint());
  }
}

void write_tagged_field(ByteWriter& w, uint32_t tag, std::span<const uint8_t> payload) {
  w.uvarint(tag);
  w.uvarint(static_cast<uint32_t>(payload.size()));
  w.bytes(payload);
}

void throw_null_field(const char* field) {
  throw DecodeError(std::string("null in non-nullable field ") + field);
}

}  // namespace tributary::protocol::wire
