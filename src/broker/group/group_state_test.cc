// The classic group state machine driven directly: joins, syncs, heartbeats, leaves and timeouts.
#include "broker/group/group_test_util.h"

namespace tributary::broker::group {
namespace {

using testing::Answer;
using testing::GroupTest;
using testing::join_request;
using testing::protocol;

TEST_F(GroupTest, FirstMemberLearnsItsIdThenFormsGenerationOne) {
  Answer<JoinResult> join;
  std::string id = join_new(join);
  EXPECT_EQ(id.rfind("client-", 0), 0u) << id;
  EXPECT_EQ(id.size(), std::string("client-").size() + 36);
  ASSERT_TRUE(join.value);
  EXPECT_EQ(join.value->error, GroupError::none);
  EXPECT_EQ(join.value->generation, 1);
  EXPECT_EQ(join.value->leader, id);
  EXPECT_EQ(join.value->protocol_name, "range");
  ASSERT_EQ(join.value->members.size(), 1u);
  EXPECT_EQ(join.value->members[0].metadata, (Bytes{1, 2, 3}));
  EXPECT_EQ(state(), GroupState::completing_rebalance);

  SyncResult sync = sync_now(id, 1, {{id, Bytes{9}}});
  EXPECT_EQ(sync.error, GroupError::none);
  EXPECT_EQ(sync.assignment, Bytes{9});
  EXPECT_EQ(state(), GroupState::stable);
  EXPECT_EQ(manager->heartbeat({"g", 1, id, std::nullopt}), GroupError::none);
  EXPECT_FALSE(journal.written.empty()) << "the generation is written to the journal";
}

TEST_F(GroupTest, SecondMemberTriggersARebalanceThatWaitsForTheFirst) {
  Answer<JoinResult> a_join;
  std::string a = join_new(a_join);
  sync_now(a, 1, {{a, Bytes{1}}});

  Answer<JoinResult> b_join;
  std::string b = join_new(b_join);
  EXPECT_FALSE(b_join.value) << "B waits until A rejoins";
  EXPECT_EQ(state(), GroupState::preparing_rebalance);
  EXPECT_EQ(manager->heartbeat({"g", 1, a, std::nullopt}), GroupError::rebalance_in_progress);

  Answer<JoinResult> a_rejoin;
  manager->join(join_request("g", a), a_rejoin.callback());
  ASSERT_TRUE(a_rejoin.value && b_join.value);
  EXPECT_EQ(a_rejoin.value->generation, 2);
  EXPECT_EQ(b_join.value->generation, 2);
  EXPECT_EQ(a_rejoin.value->leader, a);
  EXPECT_EQ(a_rejoin.value->members.size(), 2u);
  EXPECT_TRUE(b_join.value->members.empty()) << "only the leader sees the members";

  Answer<SyncResult> b_sync;
  manager->sync({"g", 2, b, std::nullopt, std::nullopt, std::nullopt, {}}, b_sync.callback());
  EXPECT_FALSE(b_sync.value) << "a follower waits for the leader's assignments";
  SyncResult a_sync = sync_now(a, 2, {{a, Bytes{1}}, {b, Bytes{2}}});
  ASSERT_TRUE(b_sync.value);
  EXPECT_EQ(a_sync.assignment, Bytes{1});
  EXPECT_EQ(b_sync.value->assignment, Bytes{2});
  EXPECT_EQ(state(), GroupState::stable);
}

TEST_F(GroupTest, PicksTheProtocolEveryMemberSupports) {
  Answer<JoinResult> a_join, b_join;
  std::string a = join_new(a_join, "g", {protocol("range"), protocol("roundrobin")});
  sync_now(a, 1);
  join_new(b_join, "g", {protocol("roundrobin")});
  Answer<JoinResult> a_rejoin;
  manager->join(join_request("g", a, {protocol("range"), protocol("roundrobin")}), a_rejoin.callback());
  ASSERT_TRUE(a_rejoin.value);
  EXPECT_EQ(a_rejoin.value->protocol_name, "roundrobin");

  Answer<JoinResult> c_join;
  manager->join(join_request("g", "", {protocol("sticky")}), c_join.callback());
  ASSERT_TRUE(c_join.value);
  EXPECT_EQ(c_join.value->error, GroupError::inconsistent_group_protocol);
  JoinRequest other_type = join_request("g");
  other_type.protocol_type = "connect";
  Answer<JoinResult> d_join;
  manager->join(other_type, d_join.callback());
  EXPECT_EQ(d_join.value->error, GroupError::inconsistent_group_protocol);
}

TEST_F(GroupTest, MembersWhoStopHeartbeatingAreRemoved) {
  Answer<JoinResult> a_join, b_join;
  std::string a = join_new(a_join);
  sync_now(a, 1);
  std::string b = join_new(b_join);
  Answer<JoinResult> a_rejoin;
  manager->join(join_request("g", a), a_rejoin.callback());
  sync_now(a, 2, {});
  sync_now(b, 2);
  ASSERT_EQ(state(), GroupState::stable);

  clock.steady += 6000;
  EXPECT_EQ(manager->heartbeat({"g", 2, a, std::nullopt}), GroupError::none);
  EXPECT_LE(manager->next_deadline(), clock.steady + 4000) << "B's session ends first";
  clock.steady += 5000;  // B silent for 11 s > 10 s session
  manager->advance();
  EXPECT_EQ(state(), GroupState::preparing_rebalance);
  EXPECT_EQ(manager->heartbeat({"g", 2, b, std::nullopt}), GroupError::unknown_member_id);
  Answer<JoinResult> a_again;
  manager->join(join_request("g", a), a_again.callback());
  ASSERT_TRUE(a_again.value);
  EXPECT_EQ(a_again.value->generation, 3);
  EXPECT_EQ(a_again.value->members.size(), 1u);
}

TEST_F(GroupTest, MembersThatDoNotRejoinWithinTheRebalanceTimeoutAreDropped) {
  Answer<JoinResult> a_join, b_join, c_join;
  std::string a = join_new(a_join);
  sync_now(a, 1);
  std::string b = join_new(b_join);
  Answer<JoinResult> a_rejoin;
  manager->join(join_request("g", a), a_rejoin.callback());
  sync_now(a, 2);
  sync_now(b, 2);

  std::string c = join_new(c_join);  // rebalance: A and B must rejoin
  Answer<JoinResult> a_rejoin2;
  manager->join(join_request("g", a), a_rejoin2.callback());
  clock.steady += 8000;
  EXPECT_EQ(manager->heartbeat({"g", 2, b, std::nullopt}), GroupError::rebalance_in_progress);  // alive, but not rejoining
  clock.steady += 23000;  // past the 30 s rebalance timeout
  manager->advance();
  ASSERT_TRUE(a_rejoin2.value && c_join.value);
  EXPECT_EQ(a_rejoin2.value->generation, 3);
  EXPECT_EQ(a_rejoin2.value->members.size(), 2u);
  EXPECT_EQ(manager->heartbeat({"g", 3, b, std::nullopt}), GroupError::unknown_member_id);
}

TEST_F(GroupTest, ALeaderThatNeverSyncsIsDroppedAtTheSyncDeadline) {
  Answer<JoinResult> a_join, b_join;
  std::string a = join_new(a_join);
  sync_now(a, 1);
  std::string b = join_new(b_join);
  Answer<JoinResult> a_rejoin;
  manager->join(join_request("g", a), a_rejoin.callback());
  Answer<SyncResult> b_sync;
  manager->sync({"g", 2, b, std::nullopt, std::nullopt, std::nullopt, {}}, b_sync.callback());
  for (int i = 0; i < 4; ++i) {  // the leader keeps heartbeating but never sends SyncGroup
    clock.steady += 8000;
    manager->heartbeat({"g", 2, a, std::nullopt});
    manager->advance();
  }
  ASSERT_TRUE(b_sync.value);
  EXPECT_EQ(b_sync.value->error, GroupError::rebalance_in_progress);
  EXPECT_EQ(manager->heartbeat({"g", 2, a, std::nullopt}), GroupError::unknown_member_id);
}

TEST_F(GroupTest, GenerationAndMembershipChecks) {
  Answer<JoinResult> a_join;
  std::string a = join_new(a_join);
  Answer<CommitResult> during;
  manager->commit({"g", 1, a, std::nullopt, {{{"t", 0}, {5}}}}, during.callback());
  EXPECT_EQ(during.value->partitions[0].second, GroupError::rebalance_in_progress);
  sync_now(a, 1);
  EXPECT_EQ(manager->heartbeat({"g", 0, a, std::nullopt}), GroupError::illegal_generation);
  EXPECT_EQ(manager->heartbeat({"g", 1, "nobody", std::nullopt}), GroupError::unknown_member_id);
  EXPECT_EQ(manager->heartbeat({"other", 1, a, std::nullopt}), GroupError::unknown_member_id);
  EXPECT_EQ(sync_now(a, 7).error, GroupError::illegal_generation);

  Answer<CommitResult> wrong_gen, unknown, standalone, good;
  manager->commit({"g", 5, a, std::nullopt, {{{"t", 0}, {5}}}}, wrong_gen.callback());
  EXPECT_EQ(wrong_gen.value->partitions[0].second, GroupError::illegal_generation);
  manager->commit({"g", 1, "nobody", std::nullopt, {{{"t", 0}, {5}}}}, unknown.callback());
  EXPECT_EQ(unknown.value->partitions[0].second, GroupError::unknown_member_id);
  manager->commit({"g", -1, "", std::nullopt, {{{"t", 0}, {5}}}}, standalone.callback());
  EXPECT_EQ(standalone.value->partitions[0].second, GroupError::unknown_member_id) << "the group has members";
  manager->commit({"g", 1, a, std::nullopt, {{{"t", 0}, {5}}, {{"missing", 0}, {1}}}}, good.callback());
  EXPECT_EQ(good.value->partitions[0].second, GroupError::none);
  EXPECT_EQ(good.value->partitions[1].second, GroupError::unknown_topic_or_partition);
}

TEST_F(GroupTest, RejectsBadJoins) {
  Answer<JoinResult> no_id, short_session, unknown;
  manager->join(join_request(""), no_id.callback());
  EXPECT_EQ(no_id.value->error, GroupError::invalid_group_id);
  JoinRequest r = join_request("g");
  r.session_timeout_ms = 10;
  manager->join(r, short_session.callback());
  EXPECT_EQ(short_session.value->error, GroupError::invalid_session_timeout);
  manager->join(join_request("g", "ghost"), unknown.callback());
  EXPECT_EQ(unknown.value->error, GroupError::unknown_member_id);

  make_manager({.max_group_size = 1});
  Answer<JoinResult> a_join, b_join;
  join_new(a_join);
  manager->join(join_request("g"), b_join.callback());
  EXPECT_EQ(b_join.value->error, GroupError::group_max_size_reached);
}

TEST_F(GroupTest, OldClientsJoinInOneStep) {
  JoinRequest r = join_request("g");
  r.require_known_member_id = false;  // JoinGroup v0-3
  Answer<JoinResult> join;
  manager->join(r, join.callback());
  ASSERT_TRUE(join.value);
  EXPECT_EQ(join.value->error, GroupError::none);
  EXPECT_EQ(join.value->generation, 1);
}

TEST_F(GroupTest, LeavingEmptiesTheGroupWhichCanThenBeDeleted) {
  Answer<JoinResult> a_join;
  std::string a = join_new(a_join);
  sync_now(a, 1);
  Answer<CommitResult> commit;
  manager->commit({"g", 1, a, std::nullopt, {{{"t", 0}, {5}}}}, commit.callback());

  std::optional<std::vector<std::pair<std::string, GroupError>>> busy;
  manager->delete_groups({"g"}, [&](auto r) { busy = r; });
  EXPECT_EQ(busy->at(0).second, GroupError::non_empty_group);

  LeaveResult left = manager->leave("g", {{a, std::nullopt}, {"ghost", std::nullopt}});
  EXPECT_EQ(left.members[0].second, GroupError::none);
  EXPECT_EQ(left.members[1].second, GroupError::unknown_member_id);
  EXPECT_EQ(state(), GroupState::empty);
  EXPECT_EQ(manager->find("g")->generation, 2);

  std::optional<std::vector<std::pair<std::string, GroupError>>> deleted;
  manager->delete_groups({"g", "nope"}, [&](auto r) { deleted = r; });
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->at(0).second, GroupError::none);
  EXPECT_EQ(deleted->at(1).second, GroupError::group_id_not_found);
  EXPECT_EQ(manager->find("g"), nullptr);
  EXPECT_FALSE(journal.written.back().second.value) << "deletion writes tombstones";
}

TEST_F(GroupTest, NewGroupsWaitTheInitialRebalanceDelay) {
  make_manager({.initial_rebalance_delay_ms = 3000});
  Answer<JoinResult> a_join, b_join;
  join_new(a_join);
  EXPECT_FALSE(a_join.value);
  clock.steady += 2000;
  join_new(b_join);  // extends the delay by another 3 s
  clock.steady += 2000;
  manager->advance();
  EXPECT_FALSE(a_join.value);
  clock.steady += 1000;
  manager->advance();
  ASSERT_TRUE(a_join.value && b_join.value);
  EXPECT_EQ(a_join.value->generation, 1);
  EXPECT_EQ(b_join.value->generation, 1);
}

TEST_F(GroupTest, PendingMemberIdsExpire) {
  Answer<JoinResult> first;
  manager->join(join_request("g"), first.callback());
  ASSERT_EQ(first.value->error, GroupError::member_id_required);
  EXPECT_EQ(manager->find("g")->pending_members.size(), 1u);
  clock.steady += 10001;
  manager->advance();
  EXPECT_TRUE(manager->find("g")->pending_members.empty());
  Answer<JoinResult> late;
  manager->join(join_request("g", first.value->member_id), late.callback());
  EXPECT_EQ(late.value->error, GroupError::unknown_member_id);
}

TEST_F(GroupTest, ListsAndDescribesGroups) {
  Answer<JoinResult> a_join;
  std::string a = join_new(a_join);
  sync_now(a, 1, {{a, Bytes{7}}});
  auto listed = manager->list();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].state, GroupState::stable);
  EXPECT_EQ(listed[0].protocol_type, "consumer");
  GroupDescription d = manager->describe("g");
  EXPECT_EQ(d.protocol_name, "range");
  ASSERT_EQ(d.members.size(), 1u);
  EXPECT_EQ(d.members[0].assignment, Bytes{7});
  EXPECT_EQ(d.members[0].client_host, "/127.0.0.1");
  EXPECT_EQ(manager->describe("unknown").state, GroupState::dead);
  EXPECT_EQ(parse_state("stable"), GroupState::stable);
}

}  // namespace
}  // namespace tributary::broker::group
