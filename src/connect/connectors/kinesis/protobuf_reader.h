// A minimal reader of the protobuf wire format (varints, fixed 32/64-bit and length-delimited
// fields), enough to decode KPL aggregated records without a protobuf library. Every read is
// bounds-checked: the bytes come from the network. Groups (wire types 3 and 4) are rejected.
//
// Threads: a reader is used by one thread; it only looks at the bytes it was given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tributary::connect::kinesis {

struct ProtoField {
  uint32_t number = 0;
  uint32_t wire_type = 0;    // 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32
  uint64_t integer = 0;      // varint and fixed values
  std::string_view bytes;    // length-delimited values (a view into the reader's input)
};

class ProtoReader {
 public:
  explicit ProtoReader(std::string_view data) : data_(data) {}
  // The reader keeps a view: a temporary string would be gone before the first read.
  explicit ProtoReader(std::string&&) = delete;
  // The next field; false at the end of the input or when the input is malformed (then failed()).
  bool next(ProtoField& field);
  bool failed() const { return failed_; }

 private:
  bool varint(uint64_t& out);
  bool fail() {
    failed_ = true;
    return false;
  }

  std::string_view data_;
  size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace tributary::connect::kinesis
