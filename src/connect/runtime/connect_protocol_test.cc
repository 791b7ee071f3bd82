#include "connect/runtime/connect_protocol.h"

#include <gtest/gtest.h>

namespace tributary::connect {
namespace {

TEST(ConnectProtocol, MetadataBytesFollowConnectProtocolV0) {
  Bytes bytes = encode_metadata({"http://w1:8083/", 41});
  // version 0, url as an int16-length string, config offset int64.
  Bytes expected = {0, 0, 0, 15};
  for (char c : std::string("http://w1:8083/")) expected.push_back(static_cast<uint8_t>(c));
  for (int i = 0; i < 7; ++i) expected.push_back(0);
  expected.push_back(41);
  EXPECT_EQ(bytes, expected);
  auto back = decode_metadata(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, (WorkerMetadata{"http://w1:8083/", 41}));
}

TEST(ConnectProtocol, AssignmentBytesCarryTheConnectorAsTaskMinusOne) {
  ConnectAssignment a;
  a.leader = "m1";
  a.leader_url = "u";
  a.config_offset = 7;
  a.connectors = {"c"};
  a.tasks = {{"c", 2}};
  Bytes bytes = encode_assignment(a);
  Bytes expected = {0, 0,  0, 0,  0, 2, 'm', '1', 0, 1, 'u', 0, 0, 0, 0, 0, 0, 0, 7,
                    0, 0, 0, 1,  0, 1, 'c',  0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2};
  EXPECT_EQ(bytes, expected);
  auto back = decode_assignment(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, a);
}

TEST(ConnectProtocol, TruncatedOrHostileBytesAreErrorsNotCrashes) {
  Bytes bytes = encode_assignment({.leader = "m", .connectors = {"a", "b"}, .tasks = {{"a", 0}}});
  for (size_t n = 0; n < bytes.size(); ++n) {
    Bytes cut(bytes.begin(), bytes.begin() + static_cast<long>(n));
    EXPECT_FALSE(decode_assignment(cut).ok()) << n;
  }
  Bytes huge = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff};
  EXPECT_FALSE(decode_assignment(huge).ok());
  EXPECT_FALSE(decode_metadata({0, 0, 0, 9, 'x'}).ok());
}

TEST(ConnectProtocol, RoundRobinSpreadsConnectorsThenTasksEvenly) {
  auto out = assign_round_robin({{"m-b", "http://b/"}, {"m-a", "http://a/"}}, {{"x", 4}, {"y", 1}}, "m-b", 12);
  ASSERT_EQ(out.size(), 2u);
  // Members sorted by id: m-a gets connector x, m-b connector y; the tasks continue the round.
  EXPECT_EQ(out["m-a"].connectors, (std::set<std::string>{"x"}));
  EXPECT_EQ(out["m-b"].connectors, (std::set<std::string>{"y"}));
  EXPECT_EQ(out["m-a"].tasks, (std::set<TaskId>{{"x", 0}, {"x", 2}, {"y", 0}}));
  EXPECT_EQ(out["m-b"].tasks, (std::set<TaskId>{{"x", 1}, {"x", 3}}));
  for (const auto& [id, a] : out) {
    EXPECT_EQ(a.leader, "m-b");
    EXPECT_EQ(a.leader_url, "http://b/");
    EXPECT_EQ(a.config_offset, 12);
  }
}

TEST(ConnectProtocol, EveryTaskIsAssignedExactlyOnceAndLoadsDifferByAtMostOne) {
  std::map<std::string, std::string> members = {{"a", ""}, {"b", ""}, {"c", ""}};
  std::map<std::string, int> connectors = {{"c1", 4}, {"c2", 3}, {"c3", 0}, {"c4", 7}};
  auto out = assign_round_robin(members, connectors, "a", 0);
  std::multiset<TaskId> seen;
  size_t lo = SIZE_MAX, hi = 0;
  for (const auto& [id, a] : out) {
    seen.insert(a.tasks.begin(), a.tasks.end());
    size_t load = a.tasks.size() + a.connectors.size();
    lo = std::min(lo, load);
    hi = std::max(hi, load);
  }
  EXPECT_EQ(seen.size(), 14u);
  for (const auto& t : seen) EXPECT_EQ(seen.count(t), 1u);
  EXPECT_LE(hi - lo, 1u);
  EXPECT_TRUE(assign_round_robin({}, connectors, "a", 0).empty());
}

}  // namespace
}  // namespace tributary::connect
