// Big-endian readers and writers for the Kafka wire format and our on-disk formats.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace tributary {

using Bytes = std::vector<uint8_t>;

// Thrown by ByteReader on truncated or malformed input; callers that read untrusted bytes catch it
// at their component boundary and turn it into a Status or a protocol error.
struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Bounds-checked cursor over bytes it does not own. Never reads past the end.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  explicit ByteReader(std::span<const uint8_t> bytes) : ByteReader(bytes.data(), bytes.size()) {}

  int8_t i8() { return static_cast<int8_t>(*take(1)); }
  int16_t i16() { return static_cast<int16_t>(u16()); }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  uint16_t u16();
  uint32_t u32();
  uint64_t u64();
  double f64();
  bool boolean() { return i8() != 0; }

  uint32_t uvarint();
  uint64_t uvarlong();
  int32_t varint();   // zig-zag
  int64_t varlong();  // zig-zag

  std::span<const uint8_t> bytes(size_t n) { return {take(n), n}; }
  void skip(size_t n) { take(n); }

  size_t remaining() const { return size_ - pos_; }
  size_t position() const { return pos_; }
  bool empty() const { return pos_ == size_; }

 private:
  const uint8_t* take(size_t n);

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Appends big-endian values to a buffer it owns.
class ByteWriter {
 public:
  ByteWriter() = default;
  explicit ByteWriter(size_t reserve) { buf_.reserve(reserve); }

  void i8(int8_t v) { buf_.push_back(static_cast<uint8_t>(v)); }
  void i16(int16_t v) { u16(static_cast<uint16_t>(v)); }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void u16(uint16_t v);
  void u32(uint32_t v);
  void u64(uint64_t v);
  void f64(double v);
  void boolean(bool v) { i8(v ? 1 : 0); }

  void uvarint(uint32_t v) { uvarlong(v); }
  void uvarlong(uint64_t v);
  void varint(int32_t v) { uvarint((static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31)); }
  void varlong(int64_t v) { uvarlong((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }

  void bytes(const void* data, size_t n);
  void bytes(std::span<const uint8_t> b) { bytes(b.data(), b.size()); }

  size_t size() const { return buf_.size(); }
  Bytes& buffer() { return buf_; }
  const Bytes& buffer() const { return buf_; }
  Bytes take() { return std::move(buf_); }

  // Placeholder for a length known only after the body is written.
  size_t reserve_i32() {
    size_t pos = buf_.size();
    i32(0);
    return pos;
  }
  void patch_i32(size_t pos, int32_t v);

 private:
  Bytes buf_;
};

// Size in bytes of the unsigned varint encoding of v.
inline size_t uvarint_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Host-order helpers for fixed positions inside byte buffers (record batch headers, index entries).
inline uint32_t load_be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
inline uint64_t load_be64(const uint8_t* p) { return (uint64_t(load_be32(p)) << 32) | load_be32(p + 4); }
inline void store_be32(uint8_t* p, uint32_t v) {
  p[0] = uint8_t(v >> 24);
  p[1] = uint8_t(v >> 16);
  p[2] = uint8_t(v >> 8);
  p[3] = uint8_t(v);
}
inline void store_be64(uint8_t* p, uint64_t v) {
  store_be32(p, uint32_t(v >> 32));
  store_be32(p + 4, uint32_t(v));
}

}  // namespace tributary
