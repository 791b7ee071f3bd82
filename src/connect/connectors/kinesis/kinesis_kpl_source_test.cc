// The Kinesis source with KPL aggregated records, resuming inside one, and AT_TIMESTAMP.
#include <gtest/gtest.h>

#include <map>

#include "connect/api/source_task.h"
#include "connect/connectors/kinesis/kinesis_source.h"
#include "connect/connectors/kinesis/kpl_aggregate.h"

namespace tributary::connect::kinesis {
namespace {

using nlohmann::json;

std::string base64(const std::string& in) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += alphabet[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// One open shard "S": an aggregated record (3 user records), a plain one, and one with the magic and
// a wrong MD5 (passed on whole). Every GetRecords returns everything from the iterator's position.
class OneShard : public KinesisTransport {
 public:
  OneShard() {
    std::string bad = aggregate({{"x", "", "lost?"}});
    bad.back() ^= 1;
    records_ = {{"100", "outer-pk", aggregate({{"pk-a", "", "a"}, {"pk-b", "", "b"}, {"pk-a", "", "c"}})},
                {"200", "plain-pk", "plain"},
                {"300", "bad-pk", bad}};
  }
  Result<json> call(const std::string& op, const json& body) override {
    requests.push_back({op, body});
    if (op == "ListShards") return json{{"Shards", {{{"ShardId", "S"}}}}};
    if (op == "GetShardIterator") {
      size_t index = 0;
      std::string type = body["ShardIteratorType"];
      if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
        while (index < records_.size() && records_[index].seq != body["StartingSequenceNumber"]) ++index;
        if (type == "AFTER_SEQUENCE_NUMBER") ++index;
      }
      return json{{"ShardIterator", std::to_string(index)}};
    }
    size_t index = std::stoul(body["ShardIterator"].get<std::string>());
    json out = json::array();
    for (size_t i = index; i < records_.size(); ++i)
      out.push_back({{"SequenceNumber", records_[i].seq}, {"PartitionKey", records_[i].key},
                     {"Data", base64(records_[i].data)}});
    return json{{"Records", out}, {"NextShardIterator", std::to_string(records_.size())}};
  }
  std::vector<std::pair<std::string, json>> requests;

 private:
  struct Rec {
    std::string seq, key, data;
  };
  std::vector<Rec> records_;
};

class MapOffsets : public OffsetReader {
 public:
  json offset(const json& partition) const override {
    auto it = offsets.find(partition.dump());
    return it == offsets.end() ? json() : it->second;
  }
  std::map<std::string, json> offsets;
};

Config config() {
  return {{"name", "k"}, {"connector.class", "KinesisSource"}, {"kafka.topic", "t"}, {"kinesis.stream", "s"},
          {"kinesis.empty.records.backoff.ms", "0"}};
}

std::string text(const SourceRecord& r) {
  const auto& b = r.value.value.get_binary();
  return std::string(b.begin(), b.end());
}

std::string header(const SourceRecord& r, const std::string& name) {
  for (const auto& h : r.headers)
    if (h.key == name) return h.value.value_or("");
  return "<none>";
}

std::vector<SourceRecord> run(OneShard& shard, const Config& c, MapOffsets& offsets) {
  auto plugin = kinesis_source_plugin([&](const Config&) {
    struct Borrowed : KinesisTransport {
      explicit Borrowed(OneShard& s) : s(s) {}
      Result<json> call(const std::string& op, const json& body) override { return s.call(op, body); }
      OneShard& s;
    };
    return std::make_unique<Borrowed>(shard);
  });
  auto connector = plugin.create();
  EXPECT_TRUE(connector->start(c).ok());
  auto task = dynamic_cast<SourceConnector&>(*connector).create_task();
  EXPECT_TRUE(task->start(connector->task_configs(1)[0], {"k", 0, &offsets}).ok());
  auto batch = task->poll();
  EXPECT_TRUE(batch.ok());
  return batch.ok() ? *batch : std::vector<SourceRecord>{};
}

TEST(KinesisKpl, EachUserRecordIsARecordWithItsKeyAndSubSequenceNumber) {
  OneShard shard;
  MapOffsets offsets;
  auto records = run(shard, config(), offsets);
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].key.value, "pk-a");
  EXPECT_EQ(text(records[0]), "a");
  EXPECT_EQ(records[1].key.value, "pk-b");
  EXPECT_EQ(records[2].key.value, "pk-a");
  EXPECT_EQ(text(records[2]), "c");
  EXPECT_EQ(header(records[1], "kinesis.sequence.number"), "100");
  EXPECT_EQ(header(records[1], "kinesis.subsequence.number"), "1");
  EXPECT_EQ(header(records[1], "kinesis.shard.id"), "S");
  EXPECT_EQ(records[1].source_offset, json({{"sequence.number", "100"}, {"sub.sequence.number", 1}}));
  EXPECT_EQ(records[2].source_offset, json({{"sequence.number", "100"}}));  // the last: resume after it
  EXPECT_EQ(records[3].key.value, "plain-pk");
  EXPECT_EQ(header(records[3], "kinesis.subsequence.number"), "<none>");
  EXPECT_EQ(records[4].key.value, "bad-pk");  // wrong MD5: passed on as it is
  EXPECT_EQ(text(records[4]).substr(0, 4), "\xF3\x89\x9A\xC2");
}

TEST(KinesisKpl, ResumesInsideAnAggregatedRecord) {
  OneShard shard;
  MapOffsets offsets;
  offsets.offsets[json({{"kinesis.stream", "s"}, {"kinesis.shard.id", "S"}}).dump()] = {
      {"sequence.number", "100"}, {"sub.sequence.number", 0}};
  auto records = run(shard, config(), offsets);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(text(records[0]), "b");
  EXPECT_EQ(text(records[1]), "c");
  bool at = false;
  for (const auto& [op, body] : shard.requests)
    at = at || (op == "GetShardIterator" && body["ShardIteratorType"] == "AT_SEQUENCE_NUMBER" &&
                body["StartingSequenceNumber"] == "100");
  EXPECT_TRUE(at);
}

TEST(KinesisKpl, AtTimestampAsksForTheIteratorAtThatTime) {
  OneShard shard;
  MapOffsets offsets;
  Config c = config();
  c["kinesis.position"] = "AT_TIMESTAMP";
  c["kinesis.shard.timestamp"] = "1700000000250";
  run(shard, c, offsets);
  bool asked = false;
  for (const auto& [op, body] : shard.requests)
    if (op == "GetShardIterator") {
      asked = true;
      EXPECT_EQ(body["ShardIteratorType"], "AT_TIMESTAMP");
      EXPECT_DOUBLE_EQ(body["Timestamp"].get<double>(), 1700000000.25);
    }
  EXPECT_TRUE(asked);
}

TEST(KinesisKpl, AtTimestampWithoutAValidTimestampIsRejectedByName) {
  auto plugin = kinesis_source_plugin();
  auto connector = plugin.create();
  Config c = config();
  c["kinesis.position"] = "AT_TIMESTAMP";
  auto more = connector->validate_more(c);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].first, "kinesis.shard.timestamp");
  c["kinesis.shard.timestamp"] = "soon";
  auto reports = plugin.config_def().validate(c);
  bool named = false;
  for (const auto& r : reports)
    if (r.name == "kinesis.shard.timestamp")
      named = !r.errors.empty() && r.errors[0].find("kinesis.shard.timestamp") != std::string::npos;
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace tributary::connect::kinesis
