#include "common/text_encoding.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TEST(TextEncoding, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));            // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));        // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));    // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(TextEncoding, Base64RoundTrip) {
  for (std::string s : {std::string(""), std::string("a"), std::string("ab"), std::string("abc"), std::string("\x00\xff\x10", 3)}) {
    std::string decoded;
    ASSERT_TRUE(base64_decode(base64_encode(s), decoded)) << s;
    EXPECT_EQ(decoded, s);
  }
  EXPECT_EQ(base64_encode("hello"), "aGVsbG8=");
  std::string out;
  EXPECT_FALSE(base64_decode("a*==", out));
  EXPECT_FALSE(base64_decode("abc", out));
}

}  // namespace
}  // namespace tributary
