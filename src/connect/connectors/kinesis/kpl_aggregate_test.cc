#include "connect/connectors/kinesis/kpl_aggregate.h"

#include <gtest/gtest.h>

#include "connect/connectors/kinesis/protobuf_reader.h"
#include "connect/connectors/kinesis/shard_timestamp.h"

namespace tributary::connect::kinesis {
namespace {

using namespace std::string_literals;

// AggregatedRecord{partition_key_table: ["pk", "other"], records: [{0, "hi"}, {1, "yo", tags: [{"k"}]}]}
// written byte by byte from the protobuf encoding rules, independent of aggregate().
std::string hand_encoded() {
  std::string m;
  m += "\x0a\x02pk"s;
  m += "\x0a\x05other"s;
  m += "\x1a\x06\x08\x00\x1a\x02hi"s;
  m += "\x1a\x0b\x08\x01\x1a\x02yo\x22\x03\x0a\x01k"s;  // a tag (field 4) is skipped
  m += "\x78\x2a"s;                                   // unknown field 15 (varint 42) is skipped
  return m;
}

TEST(KplAggregate, DecodesAHandEncodedRecord) {
  auto users = deaggregate(frame_aggregated(hand_encoded()));
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].partition_key, "pk");
  EXPECT_EQ((*users)[0].data, "hi");
  EXPECT_EQ((*users)[1].partition_key, "other");
  EXPECT_EQ((*users)[1].data, "yo");
}

TEST(KplAggregate, RoundTripsWithExplicitHashKeys) {
  std::vector<KplUserRecord> in = {{"a", "", "1"}, {"b", "12345", std::string("\0\xff", 2)}, {"a", "12345", ""}};
  auto out = deaggregate(aggregate(in));
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 3u);
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ((*out)[i].partition_key, in[i].partition_key);
    EXPECT_EQ((*out)[i].explicit_hash_key, in[i].explicit_hash_key);
    EXPECT_EQ((*out)[i].data, in[i].data);
  }
}

TEST(KplAggregate, AnythingInvalidIsNotAggregated) {
  std::string good = frame_aggregated(hand_encoded());
  EXPECT_FALSE(deaggregate("plain data"));
  EXPECT_FALSE(deaggregate(good.substr(0, 10)));
  std::string bad_md5 = good;
  bad_md5.back() ^= 1;
  EXPECT_FALSE(deaggregate(bad_md5));
  std::string bad_magic = good;
  bad_magic[0] = 'x';
  EXPECT_FALSE(deaggregate(bad_magic));
  EXPECT_FALSE(deaggregate(frame_aggregated("\x0a\x09pk"s)));                        // length past the end
  EXPECT_FALSE(deaggregate(frame_aggregated("\x0a\x02pk\x1a\x04\x08\x05\x1a\x00"s)));  // key index 5 of 1
  EXPECT_FALSE(deaggregate(frame_aggregated("\x0a\x02pk\x1a\x02\x08\x00"s)));          // no data
  EXPECT_FALSE(deaggregate(frame_aggregated("\x0b"s)));                              // a group
  EXPECT_FALSE(deaggregate(frame_aggregated("\x08\x01"s)));                          // table entry as varint
  EXPECT_FALSE(deaggregate(frame_aggregated("\x78\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"s)));  // 11-byte varint
  auto empty = deaggregate(frame_aggregated(""));
  ASSERT_TRUE(empty);  // a valid message with no records
  EXPECT_TRUE(empty->empty());
}

TEST(ProtoReader, ReadsEveryWireTypeAndStopsAtTheEnd) {
  std::string m = "\x08\x96\x01\x11\x01\x00\x00\x00\x00\x00\x00\x80\x1a\x01z\x25\x01\x02\x03\x04"s;
  ProtoReader r(m);
  ProtoField f;
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f.integer, 150u);
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f.integer, 0x8000000000000001ull);
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f.bytes, "z");
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f.integer, 0x04030201u);
  EXPECT_FALSE(r.next(f));
  EXPECT_FALSE(r.failed());
  std::string truncated = "\x11\x01\x02"s;  // the reader keeps a view: the bytes must outlive it
  ProtoReader cut(truncated);
  EXPECT_FALSE(cut.next(f));
  EXPECT_TRUE(cut.failed());
}

TEST(ShardTimestamp, AcceptsEpochMillisDatesAndDateTimes) {
  EXPECT_EQ(parse_shard_timestamp("1700000000123"), 1700000000123);
  EXPECT_EQ(parse_shard_timestamp("2023-11-14"), 1699920000000);
  EXPECT_EQ(parse_shard_timestamp("2023-11-14T22:13:20Z"), 1700000000000);
  EXPECT_EQ(parse_shard_timestamp("2023-11-14T22:13:20.5"), 1700000000500);
  EXPECT_EQ(parse_shard_timestamp("2023-11-15T00:13:20.123+02:00"), 1700000000123);
  EXPECT_FALSE(parse_shard_timestamp(""));
  EXPECT_FALSE(parse_shard_timestamp("yesterday"));
  EXPECT_FALSE(parse_shard_timestamp("2023-13-01"));
  EXPECT_FALSE(parse_shard_timestamp("-5"));
}

}  // namespace
}  // namespace tributary::connect::kinesis
