#include "common/crc32c.h"

#include <gtest/gtest.h>

#include <string>

namespace tributary {
namespace {

uint32_t crc_of(const std::string& s) { return crc32c(reinterpret_cast<const uint8_t*>(s.data()), s.size()); }

TEST(Crc32c, KnownVectors) {
  EXPECT_EQ(crc_of(""), 0u);
  EXPECT_EQ(crc_of("123456789"), 0xe3069283u);  // the standard check value of CRC-32C
  EXPECT_EQ(crc_of(std::string(32, '\0')), 0x8a9136aau);  // RFC 3720 B.4: 32 bytes of zeros
}

TEST(Crc32c, ExtendEqualsWhole) {
  std::string s = "The quick brown fox jumps over the lazy dog, many times over and over again.";
  for (size_t split = 0; split <= s.size(); ++split) {
    uint32_t a = crc32c(reinterpret_cast<const uint8_t*>(s.data()), split);
    uint32_t b = crc32c(reinterpret_cast<const uint8_t*>(s.data()) + split, s.size() - split, a);
    EXPECT_EQ(b, crc_of(s)) << split;
  }
}

}  // namespace
}  // namespace tributary
