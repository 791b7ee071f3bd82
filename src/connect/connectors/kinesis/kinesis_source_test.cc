#include "connect/connectors/kinesis/kinesis_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "connect/api/source_task.h"

namespace tributary::connect::kinesis {
namespace {

using nlohmann::json;

// An in-memory stream: shard A holds two records and is closed (split into B and C), B holds one,
// C none.
// Iterators are "<shard>:<index>"; the first GetRecords on B says the iterator expired and the
// second call on A is throttled once, so both recoveries are exercised.
struct FakeStream {
  std::map<std::string, std::vector<std::string>> data = {{"A", {"a1", "a2"}}, {"B", {"b1"}}, {"C", {}}};
  std::map<std::string, bool> closed = {{"A", true}, {"B", false}, {"C", false}};
  std::vector<std::string> calls;
  bool expired_once = false, throttled_once = false;
  int get_records_on_a = 0;
};

class FakeTransport : public KinesisTransport {
 public:
  explicit FakeTransport(FakeStream& s) : s_(s) {}
  Result<json> call(const std::string& op, const json& body) override {
    s_.calls.push_back(op);
    if (op == "ListShards")
      return json{{"Shards",
                    {{{"ShardId", "A"}}, {{"ShardId", "B"}, {"ParentShardId", "A"}}, {{"ShardId", "C"}, {"ParentShardId", "A"}}}}};
    if (op == "GetShardIterator") {
      std::string shard = body["ShardId"];
      size_t index = 0;
      if (body["ShardIteratorType"] == "AFTER_SEQUENCE_NUMBER") {
        std::string seq = body["StartingSequenceNumber"];
        index = std::stoul(seq.substr(seq.find('-') + 1)) + 1;
      }
      return json{{"ShardIterator", shard + ":" + std::to_string(index)}};
    }
    std::string it = body["ShardIterator"];
    std::string shard = it.substr(0, it.find(':'));
    size_t index = std::stoul(it.substr(it.find(':') + 1));
    if (shard == "B" && !s_.expired_once) {
      s_.expired_once = true;
      return Status::error(Errc::io_error, "ExpiredIteratorException: Iterator expired");
    }
    if (shard == "A" && ++s_.get_records_on_a == 2 && !s_.throttled_once) {
      s_.throttled_once = true;
      return Status::error(Errc::io_error, "ProvisionedThroughputExceededException: slow down");
    }
    json records = json::array();
    const auto& items = s_.data[shard];
    size_t end = std::min(items.size(), index + 1);  // one record per call
    for (size_t i = index; i < end; ++i) {
      std::string b64 = i == 0 && shard == "A" ? "YTE=" : shard == "A" ? "YTI=" : "YjE=";  // a1, a2, b1
      records.push_back({{"Data", b64}, {"PartitionKey", "pk-" + items[i]}, {"SequenceNumber", shard + "-" + std::to_string(i)},
                         {"ApproximateArrivalTimestamp", 1700000000.5}});
    }
    json reply = {{"Records", records}};
    if (!(s_.closed[shard] && end >= items.size() && index >= items.size()))
      reply["NextShardIterator"] = shard + ":" + std::to_string(end);
    else
      reply["NextShardIterator"] = nullptr;
    return reply;
  }

 private:
  FakeStream& s_;
};

class MapOffsets : public OffsetReader {
 public:
  json offset(const json& partition) const override {
    auto it = offsets.find(partition.dump());
    return it == offsets.end() ? json() : it->second;
  }
  std::map<std::string, json> offsets;
};

Config base_config() {
  return {{"name", "k"}, {"connector.class", "KinesisSource"}, {"kafka.topic", "payments-kinesis"},
          {"kinesis.stream", "payments"}, {"kinesis.throughput.exceeded.backoff.ms", "0"},
          {"kinesis.empty.records.backoff.ms", "0"}};
}

std::vector<SourceRecord> drain(SourceTask& task, size_t n) {
  std::vector<SourceRecord> out;
  for (int i = 0; i < 100 && out.size() < n; ++i) {
    auto batch = task.poll();
    EXPECT_TRUE(batch.ok()) << batch.status().to_string();
    if (!batch.ok()) break;
    for (auto& r : *batch) out.push_back(std::move(r));
  }
  return out;
}

TEST(KinesisSource, ReadsParentThenAdoptedChildThroughExpiryAndThrottling) {
  FakeStream stream;
  auto plugin = kinesis_source_plugin([&](const Config&) { return std::make_unique<FakeTransport>(stream); });
  auto connector = plugin.create();
  ASSERT_TRUE(connector->start(base_config()).ok());
  auto tasks = connector->task_configs(2);
  ASSERT_EQ(tasks.size(), 1u);  // B follows its parent A into the same task
  EXPECT_EQ(tasks[0]["kinesis.shard.ids"], "A,B,C");
  tasks[0]["kinesis.shard.ids"] = "A";  // as if B appeared after the task started (a split mid-stream)
  auto task = dynamic_cast<SourceConnector&>(*connector).create_task();
  MapOffsets offsets;
  ASSERT_TRUE(task->start(tasks[0], {"k", 0, &offsets}).ok());
  auto records = drain(*task, 3);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].key.value, "pk-a1");
  EXPECT_EQ(std::string(records[0].value.value.get_binary().begin(), records[0].value.value.get_binary().end()), "a1");
  EXPECT_EQ(records[1].source_offset["sequence.number"], "A-1");
  EXPECT_EQ(records[2].key.value, "pk-b1");
  EXPECT_EQ(records[2].source_partition["kinesis.shard.id"], "B");
  EXPECT_EQ(records[0].timestamp_ms, 1700000000500);
  EXPECT_EQ(records[2].headers[2].value, "B-0");
  EXPECT_TRUE(stream.expired_once && stream.throttled_once);
  // Both children were adopted: C is read too (and found empty).
  drain(*task, 1);
  EXPECT_GE(std::count(stream.calls.begin(), stream.calls.end(), "GetShardIterator"), 4);
}

TEST(KinesisSource, ResumesAfterTheStoredSequenceNumber) {
  FakeStream stream;
  stream.expired_once = stream.throttled_once = true;
  auto plugin = kinesis_source_plugin([&](const Config&) { return std::make_unique<FakeTransport>(stream); });
  auto connector = plugin.create();
  ASSERT_TRUE(connector->start(base_config()).ok());
  auto task = dynamic_cast<SourceConnector&>(*connector).create_task();
  MapOffsets offsets;
  offsets.offsets[json({{"kinesis.stream", "payments"}, {"kinesis.shard.id", "A"}}).dump()] = {{"sequence.number", "A-0"}};
  ASSERT_TRUE(task->start(connector->task_configs(1)[0], {"k", 0, &offsets}).ok());
  auto records = drain(*task, 2);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].key.value, "pk-a2");
  EXPECT_EQ(records[1].key.value, "pk-b1");
}

TEST(KinesisSource, UnreachableEndpointFailsTheConnectorWithTheReason) {
  auto plugin = kinesis_source_plugin();
  auto connector = plugin.create();
  Config config = base_config();
  config["kinesis.endpoint"] = "http://127.0.0.1:1";
  config["aws.access.key.id"] = "x";
  config["aws.secret.key.id"] = "y";
  Status s = connector->start(config);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("ListShards"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace tributary::connect::kinesis
