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

}  // namespace
}  // namespace tributary::connect::mirror
