#include "console/record_json.h"

#include <gtest/gtest.h>

namespace tributary::console {
namespace {

TEST(RecordJson, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));            // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));        // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));    // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(RecordJson, Base64RoundTrip) {
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

TEST(RecordJson, BinaryBytesGoOutAsBase64) {
  client::ConsumedRecord r;
  r.topic = "t";
  r.offset = 7;
  r.key = std::string("\xff\xfe", 2);
  r.value = "{\"a\":1}";
  r.headers.emplace_back("h", std::nullopt);
  r.timestamp_type = client::TimestampType::create_time;
  auto j = record_to_json(r);
  EXPECT_EQ(j["key_encoding"], "base64");
  EXPECT_EQ(j["key"], "//4=");
  EXPECT_EQ(j["value_encoding"], "utf8");
  EXPECT_EQ(j["value"], "{\"a\":1}");
  EXPECT_TRUE(j["headers"][0]["value"].is_null());
}

TEST(RecordJson, SearchIgnoresCaseAndLooksInHeaders) {
  client::ConsumedRecord r;
  r.key = "Order-1";
  r.value = "nothing";
  r.headers.emplace_back("trace", std::string("ABC-xyz"));
  EXPECT_TRUE(record_matches(r, ascii_lower("order")));
  EXPECT_TRUE(record_matches(r, ascii_lower("abc-X")));
  EXPECT_TRUE(record_matches(r, ""));
  EXPECT_FALSE(record_matches(r, "missing"));
}

}  // namespace
}  // namespace tributary::console
