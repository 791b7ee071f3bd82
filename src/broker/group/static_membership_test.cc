// Static membership (KIP-345): a restarted member with the same group.instance.id takes its old
// place; its previous member id is fenced.
#include "broker/group/group_test_util.h"

namespace tributary::broker::group {
namespace {

using testing::Answer;
using testing::GroupTest;
using testing::join_request;
using testing::protocol;

JoinRequest static_join(const std::string& instance, const std::string& member_id = "",
                        std::vector<ProtocolMetadata> protocols = {protocol("range")}) {
  JoinRequest r = join_request("g", member_id, std::move(protocols));
  r.instance_id = instance;
  return r;
}

class StaticMembership : public GroupTest {
 protected:
  // Two static members in a Stable generation; returns {leader, follower} member ids.
  std::pair<std::string, std::string> stable_pair() {
    Answer<JoinResult> a, b;
    manager->join(static_join("i-a"), a.callback());  // static members skip MEMBER_ID_REQUIRED
    EXPECT_EQ(a.value->error, GroupError::none);
    sync_now(a.value->member_id, 1);
    manager->join(static_join("i-b"), b.callback());
    Answer<JoinResult> a2;
    manager->join(static_join("i-a", a.value->member_id), a2.callback());
    EXPECT_TRUE(b.value && a2.value);
    std::string leader = a.value->member_id, follower = b.value->member_id;
    sync_now(leader, 2, {{leader, Bytes{1}}, {follower, Bytes{2}}});
    EXPECT_EQ(sync_now(follower, 2).assignment, Bytes{2});
    EXPECT_EQ(state(), GroupState::stable);
    return {leader, follower};
  }
};

TEST_F(StaticMembership, RejoinWithSameInstanceIdReplacesTheMemberWithoutARebalance) {
  auto [leader, follower] = stable_pair();
  Answer<JoinResult> restarted;
  manager->join(static_join("i-b"), restarted.callback());
  ASSERT_TRUE(restarted.value);
  EXPECT_EQ(restarted.value->error, GroupError::none);
  EXPECT_NE(restarted.value->member_id, follower);
  EXPECT_EQ(restarted.value->generation, 2) << "no new generation";
  EXPECT_EQ(state(), GroupState::stable);
  EXPECT_EQ(sync_now(restarted.value->member_id, 2).assignment, Bytes{2}) << "keeps its assignment";
  EXPECT_EQ(manager->heartbeat({"g", 2, follower, std::string("i-b")}), GroupError::fenced_instance_id);
  Answer<CommitResult> stale_commit;
  manager->commit({"g", 2, follower, std::string("i-b"), {{{"t", 0}, {1}}}}, stale_commit.callback());
  EXPECT_EQ(stale_commit.value->partitions[0].second, GroupError::fenced_instance_id);
}

TEST_F(StaticMembership, RestartedLeaderIsToldToSkipAssignment) {
  auto [leader, follower] = stable_pair();
  Answer<JoinResult> restarted;
  manager->join(static_join("i-a"), restarted.callback());
  ASSERT_TRUE(restarted.value);
  EXPECT_TRUE(restarted.value->skip_assignment);
  EXPECT_EQ(restarted.value->leader, restarted.value->member_id);
  EXPECT_EQ(restarted.value->members.size(), 2u);
  EXPECT_EQ(state(), GroupState::stable);
}

TEST_F(StaticMembership, ChangedProtocolsStartARebalance) {
  auto [leader, follower] = stable_pair();
  Answer<JoinResult> restarted;
  manager->join(static_join("i-b", "", {protocol("range", Bytes{4, 5})}), restarted.callback());
  EXPECT_FALSE(restarted.value);
  EXPECT_EQ(state(), GroupState::preparing_rebalance);
}

TEST_F(StaticMembership, LeaveByInstanceIdAndFencing) {
  auto [leader, follower] = stable_pair();
  LeaveResult r = manager->leave("g", {{"wrong-id", std::string("i-b")}, {"", std::string("i-zz")}});
  EXPECT_EQ(r.members[0].second, GroupError::fenced_instance_id);
  EXPECT_EQ(r.members[1].second, GroupError::unknown_member_id);
  r = manager->leave("g", {{"", std::string("i-b")}});
  EXPECT_EQ(r.members[0].second, GroupError::none);
  EXPECT_EQ(state(), GroupState::preparing_rebalance);
  Answer<JoinResult> stale;
  manager->join(static_join("i-a", "not-the-leader"), stale.callback());
  EXPECT_EQ(stale.value->error, GroupError::fenced_instance_id);
}

}  // namespace
}  // namespace tributary::broker::group
