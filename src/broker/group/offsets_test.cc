// __consumer_offsets record layouts, OffsetCommit/OffsetFetch/OffsetDelete rules and expiry.
#include "broker/group/group_test_util.h"

namespace tributary::broker::group {
namespace {

using testing::Answer;
using testing::GroupTest;

TEST(OffsetsRecords, OffsetKeyMatchesKafkasLayout) {
  Bytes key = encode_offset_key("g", {"t", 1});
  EXPECT_EQ(key, (Bytes{0, 1, 0, 1, 'g', 0, 1, 't', 0, 0, 0, 1}));
  auto decoded = decode_record_key(key);
  ASSERT_TRUE(decoded.ok());
  auto& k = std::get<OffsetRecordKey>(*decoded);
  EXPECT_EQ(k.group, "g");
  EXPECT_EQ(k.partition, (TopicPartition{"t", 1}));
}

TEST(OffsetsRecords, OffsetValueV3RoundTripsAndOlderVersionsDecode) {
  CommittedOffset o{42, 7, "meta", 1234};
  Bytes value = encode_offset_value(o);
  EXPECT_EQ(value[1], 3) << "value version 3";
  auto decoded = decode_offset_value(value);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, o);

  ByteWriter v1;  // {offset, metadata, commit_timestamp, expire_timestamp}
  v1.i16(1);
  v1.i64(9);
  v1.i16(0);
  v1.i64(55);
  v1.i64(99);
  auto old = decode_offset_value(v1.buffer());
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, (CommittedOffset{9, -1, "", 55}));
  EXPECT_EQ(decode_offset_value(Bytes{0, 3, 0}).status().code(), Errc::corrupt);
  EXPECT_EQ(decode_offset_value(Bytes{0, 9}).status().code(), Errc::unsupported);
}

TEST(OffsetsRecords, GroupMetadataRoundTrips) {
  StoredGroup g;
  g.protocol_type = "consumer";
  g.generation = 5;
  g.protocol_name = "range";
  g.leader = "m1";
  g.state_timestamp = 77;
  g.members.push_back({"m1", std::string("inst"), "client", "/10.0.0.1", 30000, 10000, Bytes{1}, Bytes{2, 3}});
  g.members.push_back({"m2", std::nullopt, "client", "/10.0.0.2", 30000, 10000, {}, {}});
  Bytes key = encode_group_key("grp");
  EXPECT_EQ(key, (Bytes{0, 2, 0, 3, 'g', 'r', 'p'}));
  EXPECT_EQ(std::get<GroupRecordKey>(*decode_record_key(key)).group, "grp");
  auto decoded = decode_group_value(encode_group_value(g));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, g);
}

TEST(OffsetsRecords, GroupsArePlacedByJavaStringHash) {
  EXPECT_EQ(offsets_partition_for("foo", 50), 101574 % 50);  // "foo".hashCode() == 101574
  EXPECT_EQ(offsets_partition_for("anything", 1), 0);
  for (const char* id : {"a", "consumer-group-with-a-long-name", "zzzzzzzzzzzz"}) {
    int32_t p = offsets_partition_for(id, 7);
    EXPECT_GE(p, 0);
    EXPECT_LT(p, 7);
  }
}

TEST_F(GroupTest, StandaloneCommitsAreFetchedBack) {
  Answer<CommitResult> commit;
  manager->commit({"solo", -1, "", std::nullopt,
                   {{{"t", 0}, {10, 3, "m", -1}}, {{"t", 1}, {20}}, {{"missing", 0}, {1}}}},
                  commit.callback());
  ASSERT_TRUE(commit.value);
  EXPECT_EQ(commit.value->partitions[0].second, GroupError::none);
  EXPECT_EQ(commit.value->partitions[2].second, GroupError::unknown_topic_or_partition);
  EXPECT_EQ(journal.written.size(), 2u) << "one record per accepted partition";

  auto all = manager->fetch("solo", std::nullopt);
  ASSERT_EQ(all.offsets.size(), 2u);
  EXPECT_EQ(all.offsets[0].second->offset, 10);
  EXPECT_EQ(all.offsets[0].second->leader_epoch, 3);
  EXPECT_EQ(all.offsets[0].second->metadata, "m");
  EXPECT_EQ(all.offsets[0].second->commit_timestamp, clock.wall);

  auto some = manager->fetch("solo", std::vector<TopicPartition>{{"t", 1}, {"t", 5}});
  EXPECT_EQ(some.offsets[0].second->offset, 20);
  EXPECT_FALSE(some.offsets[1].second) << "no commit: the handler answers -1";
  EXPECT_TRUE(manager->fetch("nobody", std::nullopt).offsets.empty());
}

TEST_F(GroupTest, CommitsAreVisibleOnlyOnceDurable) {
  journal.hold = true;
  Answer<CommitResult> commit;
  manager->commit({"solo", -1, "", std::nullopt, {{{"t", 0}, {10}}}}, commit.callback());
  EXPECT_FALSE(commit.value);
  EXPECT_TRUE(manager->fetch("solo", std::nullopt).offsets.empty());
  journal.held[0](Status());
  ASSERT_TRUE(commit.value);
  EXPECT_EQ(manager->fetch("solo", std::nullopt).offsets.size(), 1u);

  journal.hold = false;
  journal.fail = true;
  Answer<CommitResult> failed;
  manager->commit({"solo", -1, "", std::nullopt, {{{"t", 0}, {99}}}}, failed.callback());
  EXPECT_EQ(failed.value->partitions[0].second, GroupError::storage_error);
  EXPECT_EQ(manager->fetch("solo", std::nullopt).offsets[0].second->offset, 10);
}

TEST_F(GroupTest, OversizedMetadataIsRejected) {
  Answer<CommitResult> commit;
  manager->commit({"solo", -1, "", std::nullopt, {{{"t", 0}, {1, -1, std::string(5000, 'x')}}}}, commit.callback());
  EXPECT_EQ(commit.value->partitions[0].second, GroupError::offset_metadata_too_large);
}

TEST_F(GroupTest, StandaloneOffsetsExpireAfterRetention) {
  make_manager({.offsets_retention_ms = 60000});
  Answer<CommitResult> old_commit, new_commit;
  manager->commit({"solo", -1, "", std::nullopt, {{{"t", 0}, {1}}}}, old_commit.callback());
  clock.wall += 50000;
  manager->commit({"solo", -1, "", std::nullopt, {{{"t", 1}, {2}}}}, new_commit.callback());
  clock.wall += 20000;
  manager->expire_offsets();
  auto left = manager->fetch("solo", std::nullopt);
  ASSERT_EQ(left.offsets.size(), 1u);
  EXPECT_EQ(left.offsets[0].first.partition, 1);
  EXPECT_FALSE(journal.written.back().second.value) << "expiry writes a tombstone";
  clock.wall += 60000;
  manager->expire_offsets();
  EXPECT_EQ(manager->find("solo"), nullptr) << "an Empty group without offsets goes away";
}

TEST_F(GroupTest, ConsumerGroupOffsetsExpireOnlyOnceEmptyForTheRetention) {
  make_manager({.offsets_retention_ms = 60000});
  Answer<JoinResult> join;
  std::string a = join_new(join);
  sync_now(a, 1);
  Answer<CommitResult> commit;
  manager->commit({"g", 1, a, std::nullopt, {{{"t", 0}, {5}}}}, commit.callback());
  clock.wall += 120000;
  manager->heartbeat({"g", 1, a, std::nullopt});
  manager->expire_offsets();
  EXPECT_EQ(manager->fetch("g", std::nullopt).offsets.size(), 1u) << "active groups keep their offsets";
  manager->leave("g", {{a, std::nullopt}});
  clock.wall += 30000;
  manager->expire_offsets();
  EXPECT_EQ(manager->fetch("g", std::nullopt).offsets.size(), 1u);
  clock.wall += 31000;
  manager->expire_offsets();
  EXPECT_TRUE(manager->fetch("g", std::nullopt).offsets.empty());
}

TEST_F(GroupTest, OffsetDeleteRefusesTopicsTheGroupSubscribesTo) {
  // ConsumerProtocolSubscription v0 for topic "t": version, [topics], user data.
  ByteWriter w;
  w.i16(0);
  w.i32(1);
  w.i16(1);
  w.bytes("t", 1);
  w.i32(-1);
  Answer<JoinResult> join;
  std::string a = join_new(join, "g", {testing::protocol("range", w.buffer())});
  sync_now(a, 1);
  Answer<CommitResult> commit;
  manager->commit({"g", 1, a, std::nullopt, {{{"t", 0}, {5}}, {{"u", 0}, {6}}}}, commit.callback());

  std::optional<DeleteOffsetsResult> r;
  manager->delete_offsets("g", {{"t", 0}, {"u", 0}}, [&](DeleteOffsetsResult x) { r = x; });
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error, GroupError::none);
  EXPECT_EQ(r->partitions[0].second, GroupError::group_subscribed_to_topic);
  EXPECT_EQ(r->partitions[1].second, GroupError::none);
  EXPECT_EQ(manager->fetch("g", std::nullopt).offsets.size(), 1u);
  manager->delete_offsets("nope", {{"t", 0}}, [&](DeleteOffsetsResult x) { r = x; });
  EXPECT_EQ(r->error, GroupError::group_id_not_found);
}

}  // namespace
}  // namespace tributary::broker::group
