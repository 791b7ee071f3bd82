#include "common/bytes.h"

#include <gtest/gtest.h>

#include <limits>

namespace tributary {
namespace {

TEST(Bytes, FixedWidthRoundTrip) {
  ByteWriter w;
  w.i8(-3);
  w.i16(-2);
  w.i32(0x12345678);
  w.i64(-1);
  w.f64(2.5);
  w.boolean(true);
  EXPECT_EQ(w.buffer()[3], 0x12);  // big-endian
  ByteReader r(w.buffer().data(), w.size());
  EXPECT_EQ(r.i8(), -3);
  EXPECT_EQ(r.i16(), -2);
  EXPECT_EQ(r.i32(), 0x12345678);
  EXPECT_EQ(r.i64(), -1);
  EXPECT_EQ(r.f64(), 2.5);
  EXPECT_TRUE(r.boolean());
  EXPECT_TRUE(r.empty());
}

TEST(Bytes, VarintsMatchTheProtocolGuide) {
  ByteWriter w;
  w.varint(-1);  // zig-zag: -1 -> 1
  w.varint(1);   // 1 -> 2
  w.uvarint(300);
  EXPECT_EQ(w.buffer(), (Bytes{0x01, 0x02, 0xac, 0x02}));
  for (int64_t v : {int64_t{0}, int64_t{-64}, int64_t{63}, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max()}) {
    ByteWriter w2;
    w2.varlong(v);
    ByteReader r(w2.buffer().data(), w2.size());
    EXPECT_EQ(r.varlong(), v);
  }
}

TEST(Bytes, TruncationThrows) {
  Bytes b{0x00, 0x01};
  ByteReader r(b.data(), b.size());
  EXPECT_THROW(r.i32(), DecodeError);
  Bytes endless(11, 0xff);
  ByteReader r2(endless.data(), endless.size());
  EXPECT_THROW(r2.uvarlong(), DecodeError);
}

TEST(Bytes, PatchLength) {
  ByteWriter w;
  size_t at = w.reserve_i32();
  w.bytes("abc", 3);
  w.patch_i32(at, 3);
  ByteReader r(w.buffer().data(), w.size());
  EXPECT_EQ(r.i32(), 3);
}

}  // namespace
}  // namespace tributary
