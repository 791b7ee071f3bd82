#include "connect/connectors/kinesis/protobuf_reader.h"

namespace tributary::connect::kinesis {

bool ProtoReader::varint(uint64_t& out) {
  out = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) return fail();
    auto byte = static_cast<uint8_t>(data_[pos_++]);
    if (shift == 63 && byte > 1) return fail();  // more than 64 bits
    out |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return fail();  // an 11th byte
}

bool ProtoReader::next(ProtoField& field) {
  if (failed_ || pos_ >= data_.size()) return false;
  uint64_t tag = 0;
  if (!varint(tag)) return false;
  field.number = static_cast<uint32_t>(tag >> 3);
  field.wire_type = static_cast<uint32_t>(tag & 7);
  field.integer = 0;
  field.bytes = {};
  if (field.number == 0 || (tag >> 3) > 0x1fffffff) return fail();  // valid numbers: 1 .. 2^29-1
  switch (field.wire_type) {
    case 0:
      return varint(field.integer);
    case 1:
    case 5: {
      size_t width = field.wire_type == 1 ? 8 : 4;
      if (data_.size() - pos_ < width) return fail();
      for (size_t i = 0; i < width; ++i)
        field.integer |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
      pos_ += width;
      return true;
    }
    case 2: {
      uint64_t length = 0;
      if (!varint(length)) return false;
      if (length > data_.size() - pos_) return fail();
      field.bytes = data_.substr(pos_, static_cast<size_t>(length));
      pos_ += static_cast<size_t>(length);
      return true;
    }
    default:
      return fail();
  }
}

}  // namespace tributary::connect::kinesis
