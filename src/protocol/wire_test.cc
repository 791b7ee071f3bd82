#include "protocol/wire.h"

#include <gtest/gtest.h>

namespace tributary::protocol {
namespace {

TEST(WireTest, ClassicStringHasInt16Length) {
  ByteWriter w;
  wire::write_string(w, "ab", false);
  EXPECT_EQ(w.buffer(), (Bytes{0, 2, 'a', 'b'}));
}

TEST(WireTest, CompactStringHasUvarintLengthPlusOne) {
  ByteWriter w;
  wire::write_string(w, "ab", true);
  EXPECT_EQ(w.buffer(), (Bytes{3, 'a', 'b'}));
}

TEST(WireTest, NullStrings) {
  ByteWriter classic, compact;
  wire::write_nullable_string(classic, std::nullopt, false);
  wire::write_nullable_string(compact, std::nullopt, true);
  EXPECT_EQ(classic.buffer(), (Bytes{0xff, 0xff}));
  EXPECT_EQ(compact.buffer(), (Bytes{0}));
  ByteReader r1(classic.buffer());
  ByteReader r2(compact.buffer());
  EXPECT_EQ(wire::read_nullable_string(r1, false), std::nullopt);
  EXPECT_EQ(wire::read_nullable_string(r2, true), std::nullopt);
}

TEST(WireTest, NullInNonNullableStringThrows) {
  Bytes classic{0xff, 0xff};
  ByteReader r(classic);
  EXPECT_THROW(wire::read_string(r, false), DecodeError);
}

TEST(WireTest, NullableMemberInNonNullableVersionIsSentEmpty) {
  ByteWriter w;
  wire::write_string_or_empty(w, std::optional<std::string>(), false);
  EXPECT_EQ(w.buffer(), (Bytes{0, 0}));
}

TEST(WireTest, BytesLengths) {
  ByteWriter classic, compact;
  wire::write_bytes(classic, Bytes{7}, false);
  wire::write_nullable_bytes(compact, std::nullopt, true);
  EXPECT_EQ(classic.buffer(), (Bytes{0, 0, 0, 1, 7}));
  EXPECT_EQ(compact.buffer(), (Bytes{0}));
  ByteWriter null_classic;
  wire::write_nullable_bytes(null_classic, std::nullopt, false);
  EXPECT_EQ(null_classic.buffer(), (Bytes{0xff, 0xff, 0xff, 0xff}));
}

TEST(WireTest, ArrayLengths) {
  ByteWriter w;
  wire::write_array_length(w, 2, false);
  wire::write_array_length(w, -1, false);
  wire::write_array_length(w, 2, true);
  wire::write_array_length(w, -1, true);
  EXPECT_EQ(w.buffer(), (Bytes{0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff, 3, 0}));
}

TEST(WireTest, ArrayLengthLargerThanInputIsRejected) {
  Bytes huge{0x7f, 0xff, 0xff, 0xff, 1, 2};
  ByteReader r(huge);
  EXPECT_THROW(wire::read_array_length(r, false), DecodeError);
  Bytes negative{0xff, 0xff, 0xff, 0xfe};
  ByteReader r2(negative);
  EXPECT_THROW(wire::read_array_length(r2, false), DecodeError);
}

TEST(WireTest, UuidIsSixteenRawBytes) {
  Uuid u{};
  for (size_t i = 0; i < u.size(); ++i) u[i] = static_cast<uint8_t>(i);
  ByteWriter w;
  wire::write_uuid(w, u);
  ASSERT_EQ(w.size(), 16u);
  ByteReader r(w.buffer());
  EXPECT_EQ(wire::read_uuid(r), u);
}

TEST(WireTest, TaggedFieldsAreSkipped) {
  // Two tagged fields: tag 0 with 2 bytes, tag 5 with 1 byte.
  Bytes section{2, 0, 2, 0xaa, 0xbb, 5, 1, 0xcc, 0x42};
  ByteReader r(section);
  wire::skip_tagged_fields(r);
  EXPECT_EQ(r.i8(), 0x42);
}

TEST(WireTest, TruncatedTaggedFieldThrows) {
  Bytes section{1, 0, 5, 0xaa};
  ByteReader r(section);
  EXPECT_THROW(wire::skip_tagged_fields(r), DecodeError);
}

}  // namespace
}  // namespace tributary::protocol
