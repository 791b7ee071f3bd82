#include "connect/connectors/mirror/kinesis_offsets.h"

#include <gtest/gtest.h>

namespace tributary::connect::mirror {
namespace {

client::ConsumedRecord kinesis_record(int32_t partition, int64_t offset, const std::string& shard,
                                      const std::string& sequence, const std::string& stream = "rides") {
  client::ConsumedRecord r;
  r.topic = "rides";
  r.partition = partition;
  r.offset = offset;
  r.headers = {{"kinesis.stream", stream}, {"kinesis.shard.id", shard}, {"kinesis.sequence.number", sequence}};
  return r;
}

TEST(KinesisCheckpoint, ParsesTheAcceptedShapes) {
  auto a = parse_kinesis_checkpoint(R"({"stream":"rides","shards":{"shardId-0":"49590","shardId-1":"SHARD_END"}})");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->stream, "rides");
  EXPECT_EQ(a->shards.at("shardId-0"), "49590");
  EXPECT_EQ(a->shards.at("shardId-1"), "SHARD_END");

  auto b = parse_kinesis_checkpoint(R"([{"stream":"rides","shardId":"s0","sequenceNumber":"7"},
                                        {"leaseKey":"s1","checkpoint":"9"}])");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->stream, "rides");
  EXPECT_EQ(b->shards.at("s1"), "9");

  EXPECT_FALSE(parse_kinesis_checkpoint("not json").ok());
  EXPECT_FALSE(parse_kinesis_checkpoint(R"({"stream":"rides"})").ok());
  EXPECT_FALSE(parse_kinesis_checkpoint(R"([{"shardId":"s0"}])").ok());
  EXPECT_FALSE(parse_kinesis_checkpoint(R"([{"stream":"a","shardId":"s","sequenceNumber":"1"},
                                           {"stream":"b","shardId":"t","sequenceNumber":"1"}])").ok());
}

TEST(KinesisCheckpoint, SequenceNumbersCompareAsNumbers) {
  EXPECT_LT(compare_sequence_numbers("9", "10"), 0);
  EXPECT_GT(compare_sequence_numbers("49590338271490256608559692538361571095921575989136588802",
                                     "49590338271490256608559692538361571095921575989136588801"), 0);
  EXPECT_EQ(compare_sequence_numbers("007", "7"), 0);
}

TEST(KinesisPlan, EachPartitionResumesAtItsFirstUncoveredRecord) {
  KinesisCheckpoint cp{"rides", {{"s0", "20"}, {"s1", "15"}}};
  std::vector<client::ConsumedRecord> records = {
      kinesis_record(0, 0, "s0", "10"), kinesis_record(0, 1, "s1", "11"), kinesis_record(0, 2, "s0", "20"),
      kinesis_record(0, 3, "s0", "30"), kinesis_record(0, 4, "s1", "12"),  // covered, after the first uncovered
      kinesis_record(1, 0, "s1", "15"), kinesis_record(1, 1, "s1", "16"),
  };
  auto plan = plan_kinesis_offsets(records, {{0, 5}, {1, 2}, {2, 0}}, cp);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].offset, 3);
  EXPECT_EQ(plan[0].covered, 3);
  EXPECT_EQ(plan[0].reread, 1);
  EXPECT_EQ(plan[1].offset, 1);
  EXPECT_EQ(plan[2].offset, 0);  // empty partition: its end
}

TEST(KinesisPlan, ShardEndCoversAllAndUnknownShardsCoverNothing) {
  KinesisCheckpoint cp{"", {{"parent", "SHARD_END"}, {"child", "TRIM_HORIZON"}}};
  std::vector<client::ConsumedRecord> records = {kinesis_record(0, 0, "parent", "1"),
                                                 kinesis_record(0, 1, "parent", "999")};
  EXPECT_EQ(plan_kinesis_offsets(records, {{0, 2}}, cp)[0].offset, 2);  // fully processed: the end
  records.push_back(kinesis_record(0, 2, "child", "1000"));
  records.push_back(kinesis_record(0, 3, "other", "5"));
  EXPECT_EQ(plan_kinesis_offsets(records, {{0, 4}}, cp)[0].offset, 2);
}

TEST(KinesisPlan, RecordsWithoutKinesisHeadersOrOfAnotherStreamDoNotStopTheScan) {
  KinesisCheckpoint cp{"rides", {{"s0", "5"}}};
  client::ConsumedRecord plain;
  plain.partition = 0;
  plain.offset = 1;
  std::vector<client::ConsumedRecord> records = {kinesis_record(0, 0, "s0", "1"), plain,
                                                 kinesis_record(0, 2, "s9", "1", "payments"),
                                                 kinesis_record(0, 3, "s0", "5"), kinesis_record(0, 4, "s0", "6")};
  auto plan = plan_kinesis_offsets(records, {{0, 5}}, cp);
  EXPECT_EQ(plan[0].offset, 4);
  EXPECT_EQ(plan[0].covered, 2);
}

TEST(KinesisPlan, DuplicatesFromASourceRestartAreNotReadAgain) {
  // s0-12 and s0-13 were written again after a restart: the group resumes at the second copy of 12's
  // successor, right after the last copy of the checkpointed record.
  KinesisCheckpoint cp{"rides", {{"s0", "12"}}};
  std::vector<client::ConsumedRecord> records = {
      kinesis_record(0, 0, "s0", "10"), kinesis_record(0, 1, "s0", "11"), kinesis_record(0, 2, "s0", "12"),
      kinesis_record(0, 3, "s0", "13"), kinesis_record(0, 4, "s0", "12"), kinesis_record(0, 5, "s0", "13"),
      kinesis_record(0, 6, "s0", "14")};
  auto plan = plan_kinesis_offsets(records, {{0, 7}}, cp);
  EXPECT_EQ(plan[0].offset, 5);
  EXPECT_EQ(plan[0].covered, 4);
  EXPECT_EQ(plan[0].reread, 0);
}

TEST(KinesisPlan, SubSequenceNumbersSplitAnAggregatedRecord) {
  auto sub = [](int32_t partition, int64_t offset, const std::string& seq, int n) {
    auto r = kinesis_record(partition, offset, "s0", seq);
    r.headers.emplace_back("kinesis.subsequence.number", std::to_string(n));
    return r;
  };
  std::vector<client::ConsumedRecord> records = {sub(0, 0, "7", 0), sub(1, 0, "7", 1), sub(0, 1, "7", 2),
                                                 sub(1, 1, "8", 0), sub(0, 2, "8", 1)};
  auto cp = parse_kinesis_checkpoint(R"([{"leaseKey":"s0","checkpoint":"7","checkpointSubSequenceNumber":1}])");
  ASSERT_TRUE(cp.ok()) << cp.status().message();
  auto plan = plan_kinesis_offsets(records, {{0, 3}, {1, 2}}, *cp);
  EXPECT_EQ(plan[0].offset, 1);  // 7/2 is not processed yet
  EXPECT_EQ(plan[1].offset, 1);
  // Without a sub-sequence number only the first user record of 7 counts as processed (the KCL's reading).
  auto bare = parse_kinesis_checkpoint(R"({"shards":{"s0":"7"}})");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(plan_kinesis_offsets(records, {{0, 3}, {1, 2}}, *bare)[1].offset, 0);
  auto object = parse_kinesis_checkpoint(R"({"shards":{"s0":{"sequenceNumber":"8","subSequenceNumber":"1"}}})");
  ASSERT_TRUE(object.ok()) << object.status().message();
  auto all = plan_kinesis_offsets(records, {{0, 3}, {1, 2}}, *object);
  EXPECT_EQ(all[0].offset, 3);
  EXPECT_EQ(all[1].offset, 2);
}

}  // namespace
}  // namespace tributary::connect::mirror
