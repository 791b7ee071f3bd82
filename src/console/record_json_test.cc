#include "console/record_json.h"

#include <gtest/gtest.h>

namespace tributary::console {
namespace {

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
