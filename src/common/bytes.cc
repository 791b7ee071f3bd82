#include "common/bytes.h"

#include <bit>
#include <cstring>

namespace tributary {

const uint8_t* ByteReader::take(size_t n) {
  if (n > size_ - pos_) {
    throw DecodeError("truncated input: need " + std::to_string(n) + " bytes at offset " +
                      std::to_string(pos_) + ", have " + std::to_string(size_ - pos_));
  }
  const uint8_t* p = data_ + pos_;
  pos_ += n;
  return p;
}

uint16_t ByteReader::u16() {
  const uint8_t* p = take(2);
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t ByteReader::u32() { return load_be32(take(4)); }
uint64_t ByteReader::u64() { return load_be64(take(8)); }
double ByteReader::f64() { return std::bit_cast<double>(u64()); }

uint64_t ByteReader::uvarlong() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = *take(1);
    value |= uint64_t(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return value;
  }
  throw DecodeError("varint longer than 10 bytes");
}

uint32_t ByteReader::uvarint() {
  uint64_t v = uvarlong();
  if (v > UINT32_MAX) throw DecodeError("varint does not fit in 32 bits");
  return static_cast<uint32_t>(v);
}

int32_t ByteReader::varint() {
  uint32_t v = uvarint();
  return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1));
}

int64_t ByteReader::varlong() {
  uint64_t v = uvarlong();
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

void ByteWriter::u16(uint16_t v) {
  buf_.push_back(uint8_t(v >> 8));
  buf_.push_back(uint8_t(v));
}

void ByteWriter::u32(uint32_t v) {
  uint8_t b[4];
  store_be32(b, v);
  buf_.insert(buf_.end(), b, b + 4);
}

void ByteWriter::u64(uint64_t v) {
  uint8_t b[8];
  store_be64(b, v);
  buf_.insert(buf_.end(), b, b + 8);
}

void ByteWriter::f64(double v) { u64(std::bit_cast<uint64_t>(v)); }

void ByteWriter::uvarlong(uint64_t v) {
  while (v >= 0x80) {
    buf_.push_back(uint8_t(v | 0x80));
    v >>= 7;
  }
  buf_.push_back(uint8_t(v));
}

void ByteWriter::bytes(const void* data, size_t n) {
  if (n == 0) return;
  const auto* p = static_cast<const uint8_t*>(data);
  buf_.insert(buf_.end(), p, p + n);
}

void ByteWriter::patch_i32(size_t pos, int32_t v) { store_be32(buf_.data() + pos, uint32_t(v)); }

}  // namespace tributary
