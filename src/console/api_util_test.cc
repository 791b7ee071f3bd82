#include "console/api_util.h"

#include <gtest/gtest.h>

namespace tributary::console {
namespace {

TEST(ApiUtil, TopicNames) {
  EXPECT_TRUE(valid_topic_name("payments.v1_x-2"));
  EXPECT_FALSE(valid_topic_name(""));
  EXPECT_FALSE(valid_topic_name("."));
  EXPECT_FALSE(valid_topic_name(".."));
  EXPECT_FALSE(valid_topic_name("a b"));
  EXPECT_FALSE(valid_topic_name("a/b"));
  EXPECT_FALSE(valid_topic_name(std::string(250, 'a')));
  EXPECT_TRUE(valid_topic_name(std::string(249, 'a')));
}

TEST(ApiUtil, IntParamNamesTheParameter) {
  http::Request request;
  request.query = {{"limit", "5"}, {"bad", "5x"}, {"big", "99999999999999999999"}};
  EXPECT_EQ(*int_param(request, "limit", 50, 1, 1000), 5);
  EXPECT_EQ(*int_param(request, "absent", 50, 1, 1000), 50);
  auto bad = int_param(request, "bad", 0, 0, 10);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'bad'"), std::string::npos);
  EXPECT_FALSE(int_param(request, "big", 0, 0, INT64_MAX).ok());
  EXPECT_FALSE(int_param(request, "limit", 0, 6, 10).ok());
}

TEST(ApiUtil, ErrorStatusMapping) {
  EXPECT_EQ(error_response(Status::error(Errc::not_found, "x")).status, 404u);
  EXPECT_EQ(error_response(Status::error(Errc::invalid_argument, "x")).status, 400u);
  EXPECT_EQ(error_response(Status::error(Errc::already_exists, "x")).status, 409u);
  EXPECT_EQ(error_response(Status::error(Errc::timed_out, "x")).status, 504u);
  EXPECT_EQ(error_response(Status::error(Errc::io_error, "x")).status, 502u);
  auto body = nlohmann::json::parse(error_response(404, "gone").body);
  EXPECT_EQ(body, nlohmann::json({{"error_code", 404}, {"message", "gone"}}));
}

TEST(ApiUtil, OptionalFieldsCheckTypes) {
  auto body = nlohmann::json::parse(R"({"s": "x", "n": 3, "wrong": [1]})");
  EXPECT_EQ(**optional_string(body, "s"), "x");
  EXPECT_FALSE(optional_string(body, "absent")->has_value());
  EXPECT_FALSE(optional_string(body, "wrong").ok());
  EXPECT_EQ(**optional_int(body, "n", 0, 10), 3);
  EXPECT_FALSE(optional_int(body, "n", 4, 10).ok());
  EXPECT_FALSE(optional_int(body, "s", 0, 10).ok());
}

}  // namespace
}  // namespace tributary::console
