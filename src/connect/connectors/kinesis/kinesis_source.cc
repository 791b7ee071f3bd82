#include "connect/connectors/kinesis/kinesis_source.h"

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "connect/api/source_task.h"
#include "connect/connectors/kinesis/kpl_aggregate.h"
#include "connect/connectors/kinesis/shard_timestamp.h"

namespace tributary::connect::kinesis {
namespace {

using Clock = std::chrono::steady_clock;

const ConfigDef& kinesis_def() {
  static const ConfigDef def = [] {
    auto non_empty = [](const std::string& v) -> std::optional<std::string> {
      if (v.empty()) return "String must be non-empty";
      return std::nullopt;
    };
    ConfigDef d;
    d.define({.name = "kafka.topic", .type = ConfigDefType::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "Topic the records are written to.", .validator = non_empty});
    d.define({.name = "kinesis.stream", .type = ConfigDefType::string, .default_value = std::nullopt,
              .importance = Importance::high, .doc = "The Kinesis stream to read.", .validator = non_empty});
    d.define({.name = "kinesis.region", .type = ConfigDefType::string, .default_value = "us-west-2",
              .importance = Importance::medium, .doc = "AWS region of the stream (also the signing region)."});
    d.define({.name = "kinesis.endpoint", .type = ConfigDefType::string, .default_value = "",
              .importance = Importance::low,
              .doc = "Endpoint URL instead of https://kinesis.<region>.amazonaws.com (emulators, private endpoints)."});
    d.define({.name = "kinesis.position", .type = ConfigDefType::string, .default_value = "TRIM_HORIZON",
              .importance = Importance::medium,
              .doc = "Where a shard without a stored offset starts: its oldest record, only new ones, or its first record "
                     "at or after kinesis.shard.timestamp.",
              .allowed = {"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}});
    d.define({.name = "kinesis.shard.timestamp", .type = ConfigDefType::string, .default_value = "",
              .importance = Importance::low,
              .doc = "With kinesis.position=AT_TIMESTAMP: epoch milliseconds, yyyy-MM-dd or "
                     "yyyy-MM-dd'T'HH:mm:ss[.SSS] with an optional zone (Z or +HH:mm; UTC without one); "
                     "applies to every shard.",
              .validator = [](const std::string& v) -> std::optional<std::string> {
                if (!v.empty() && !parse_shard_timestamp(v))
                  return "Expected epoch milliseconds, yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ss[.SSS][Z|+HH:mm]";
                return std::nullopt;
              }});
    d.define({.name = "kinesis.record.limit", .type = ConfigDefType::int_, .default_value = "500",
              .importance = Importance::low, .doc = "Records asked for in one GetRecords call.", .min = 1,
              .max = 10000});
    d.define({.name = "kinesis.throughput.exceeded.backoff.ms", .type = ConfigDefType::long_, .default_value = "10000",
              .importance = Importance::low, .doc = "Pause of a shard after Kinesis throttled it.", .min = 0});
    d.define({.name = "kinesis.empty.records.backoff.ms", .type = ConfigDefType::long_, .default_value = "1000",
              .importance = Importance::low, .doc = "Pause of a shard after a GetRecords call returned nothing.",
              .min = 0});
    d.define({.name = "aws.access.key.id", .type = ConfigDefType::string, .default_value = "",
              .importance = Importance::high, .doc = "AWS access key id; AWS_ACCESS_KEY_ID when empty."});
    d.define({.name = "aws.secret.key.id", .type = ConfigDefType::password, .default_value = "",
              .importance = Importance::high, .doc = "AWS secret access key; AWS_SECRET_ACCESS_KEY when empty."});
    return d;
  }();
  return def;
}

std::unique_ptr<KinesisTransport> http_transport(const Config& config) {
  ParsedConfig c(kinesis_def(), config);
  return make_http_transport(make_endpoint(c.get_string("kinesis.region"), c.get_string("kinesis.endpoint"),
                                           c.get_string("aws.access.key.id"), c.get_string("aws.secret.key.id")));
}

struct Shard {
  std::string id;
  std::string parent;  // "" when none (or not ours)
  std::string iterator;
  std::string last_sequence;  // the last record handed over completely
  // A stored offset inside a KPL aggregated record: re-read it (AT_SEQUENCE_NUMBER) and skip its user
  // records up to this index.
  std::string resume_sequence;
  std::optional<int64_t> resume_after_sub;
  bool open = true;  // false once drained after closing
  Clock::time_point next_read = Clock::now();
};

class KinesisSourceTask : public SourceTask {
 public:
  explicit KinesisSourceTask(TransportFactory factory) : factory_(std::move(factory)) {}

  Status start(const Config& config, const SourceTaskContext& context) override {
    ParsedConfig c(kinesis_def(), config);
    topic_ = c.get_string("kafka.topic");
    stream_ = c.get_string("kinesis.stream");
    position_ = c.get_string("kinesis.position");
    if (position_ == "AT_TIMESTAMP") {
      auto ms = parse_shard_timestamp(c.get_string("kinesis.shard.timestamp"));
      if (!ms) return Status::error(Errc::invalid_argument, "kinesis.position=AT_TIMESTAMP needs kinesis.shard.timestamp");
      timestamp_ms_ = *ms;
    }
    limit_ = c.get_int("kinesis.record.limit");
    throttle_backoff_ = std::chrono::milliseconds(c.get_long("kinesis.throughput.exceeded.backoff.ms"));
    empty_backoff_ = std::chrono::milliseconds(c.get_long("kinesis.empty.records.backoff.ms"));
    offsets_ = context.offsets;
    transport_ = factory_(config);
    auto parents = nlohmann::json::parse(config.at("kinesis.shard.parents"), nullptr, false);
    for (const auto& id : split_config_list(config.at("kinesis.shard.ids")))
      add_shard(id, parents.is_object() ? parents.value(id, "") : "");
    return Status();
  }

  Result<std::vector<SourceRecord>> poll() override {
    std::vector<SourceRecord> out;
    auto now = Clock::now();
    bool any_ready = false;
    for (size_t n = 0; n < shards_.size(); ++n) {
      Shard& shard = shards_[(cursor_ + n) % shards_.size()];
      if (!shard.open || now < shard.next_read || !parent_drained(shard)) continue;
      any_ready = true;
      TRY_STATUS(read_shard(shard, out));
      if (!out.empty()) {
        cursor_ = (cursor_ + n + 1) % shards_.size();
        break;
      }
    }
    if (out.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(any_ready ? 50 : 100));
    return out;
  }

  void stop() override {}

 private:
  nlohmann::json partition_of(const std::string& shard) const {
    return {{"kinesis.stream", stream_}, {"kinesis.shard.id", shard}};
  }

  void add_shard(const std::string& id, const std::string& parent) {
    for (const auto& s : shards_)
      if (s.id == id) return;
    Shard shard;
    shard.id = id;
    shard.parent = parent;
    nlohmann::json offset = offsets_->offset(partition_of(id));
    if (offset.is_object() && offset["sequence.number"].is_string()) {
      if (offset.contains("sub.sequence.number") && offset["sub.sequence.number"].is_number_integer()) {
        shard.resume_sequence = offset["sequence.number"].get<std::string>();
        shard.resume_after_sub = offset["sub.sequence.number"].get<int64_t>();
      } else {
        shard.last_sequence = offset["sequence.number"].get<std::string>();
      }
    }
    shards_.push_back(std::move(shard));
  }

  // A child shard waits until its parent (when this task owns it) is drained.
  bool parent_drained(const Shard& shard) const {
    for (const auto& s : shards_)
      if (s.id == shard.parent) return !s.open;
    return true;
  }

  Status renew_iterator(Shard& shard) {
    nlohmann::json request = {{"StreamName", stream_}, {"ShardId", shard.id}};
    if (shard.resume_after_sub) {
      request["ShardIteratorType"] = "AT_SEQUENCE_NUMBER";
      request["StartingSequenceNumber"] = shard.resume_sequence;
    } else if (!shard.last_sequence.empty()) {
      request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
      request["StartingSequenceNumber"] = shard.last_sequence;
    } else {
      request["ShardIteratorType"] = position_;
      if (position_ == "AT_TIMESTAMP") request["Timestamp"] = static_cast<double>(timestamp_ms_) / 1000.0;
    }
    auto reply = transport_->call("GetShardIterator", request);
    if (!reply.ok()) return reply.status();
    shard.iterator = reply->value("ShardIterator", "");
    return Status();
  }

  Status read_shard(Shard& shard, std::vector<SourceRecord>& out) {
    if (shard.iterator.empty()) TRY_STATUS(renew_iterator(shard));
    auto reply = transport_->call("GetRecords", {{"ShardIterator", shard.iterator}, {"Limit", limit_}});
    if (!reply.ok()) {
      const Status& s = reply.status();
      if (is_error_type(s, "ExpiredIteratorException")) {
        shard.iterator.clear();  // renewed from the last sequence number on the next read
        return Status();
      }
      if (is_error_type(s, "ProvisionedThroughputExceededException") || is_error_type(s, "LimitExceededException")) {
        shard.next_read = Clock::now() + throttle_backoff_;
        return Status();
      }
      return s;
    }
    for (const auto& r : (*reply)["Records"]) {
      auto data = base64_decode(r.value("Data", ""));
      if (!data) return Status::error(Errc::corrupt, "Kinesis record data is not base64 in shard " + shard.id);
      std::optional<int64_t> timestamp_ms;
      if (r.contains("ApproximateArrivalTimestamp") && r["ApproximateArrivalTimestamp"].is_number())
        timestamp_ms = static_cast<int64_t>(r["ApproximateArrivalTimestamp"].get<double>() * 1000.0);
      std::string sequence = r.value("SequenceNumber", "");
      int64_t skip_through = -1;  // user records already delivered before a restart
      if (shard.resume_after_sub && sequence == shard.resume_sequence) skip_through = *shard.resume_after_sub;
      shard.resume_after_sub.reset();
      if (auto users = deaggregate(*data)) {
        for (size_t i = 0; i < users->size(); ++i) {
          if (static_cast<int64_t>(i) <= skip_through) continue;
          bool last = i + 1 == users->size();
          auto& u = (*users)[i];
          out.push_back(make_record(shard, u.partition_key, u.data, timestamp_ms, sequence, static_cast<int64_t>(i), last));
        }
      } else {
        out.push_back(make_record(shard, r.value("PartitionKey", ""), *data, timestamp_ms, sequence, std::nullopt, true));
      }
      shard.last_sequence = sequence;
    }
    if (!reply->contains("NextShardIterator") || (*reply)["NextShardIterator"].is_null()) {
      // Closed by a split or merge and read to its end: its children come next.
      shard.open = false;
      return adopt_children(shard.id);
    }
    shard.iterator = (*reply)["NextShardIterator"].get<std::string>();
    if ((*reply)["Records"].empty()) shard.next_read = Clock::now() + empty_backoff_;
    return Status();
  }

  // `sub` is the index of a user record in a KPL aggregated record. Its offset names it unless it is
  // the last one, so a restart re-reads the aggregated record and skips what was delivered.
  SourceRecord make_record(const Shard& shard, const std::string& partition_key, const std::string& data,
                           std::optional<int64_t> timestamp_ms, const std::string& sequence, std::optional<int64_t> sub,
                           bool last_of_record) const {
    SourceRecord record;
    record.topic = topic_;
    record.key = {schema::primitive("string", true), partition_key};
    record.value = {schema::primitive("bytes", true), nlohmann::json::binary({data.begin(), data.end()})};
    record.timestamp_ms = timestamp_ms.value_or(0);
    record.headers = {{"kinesis.stream", stream_}, {"kinesis.shard.id", shard.id}, {"kinesis.sequence.number", sequence}};
    if (sub) record.headers.push_back({"kinesis.subsequence.number", std::to_string(*sub)});
    record.source_partition = partition_of(shard.id);
    record.source_offset = {{"sequence.number", sequence}};
    if (sub && !last_of_record) record.source_offset["sub.sequence.number"] = *sub;
    return record;
  }

  // By value: adding shards moves the vector that the caller's shard (and its id) lives in.
  Status adopt_children(std::string parent) {
    auto shards = list_shards(*transport_, stream_);
    if (!shards.ok()) return shards.status();
    for (const auto& s : *shards)
      if (s.value("ParentShardId", "") == parent) add_shard(s.value("ShardId", ""), parent);
    return Status();
  }

  static std::optional<std::string> base64_decode(const std::string& text) {
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
      if (c == '=') break;
      auto p = alphabet.find(c);
      if (p == std::string::npos) return std::nullopt;
      buffer = (buffer << 6) | static_cast<uint32_t>(p);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((buffer >> bits) & 0xff);
      }
    }
    return out;
  }

  TransportFactory factory_;
  std::unique_ptr<KinesisTransport> transport_;
  const OffsetReader* offsets_ = nullptr;
  std::string topic_, stream_, position_;
  int64_t timestamp_ms_ = 0;  // AT_TIMESTAMP
  int limit_ = 500;
  Clock::duration throttle_backoff_{}, empty_backoff_{};
  std::vector<Shard> shards_;
  size_t cursor_ = 0;
};

class KinesisSourceConnector : public SourceConnector {
 public:
  explicit KinesisSourceConnector(TransportFactory factory) : factory_(std::move(factory)) {}
  const ConfigDef& config_def() const override { return kinesis_def(); }

  std::vector<std::pair<std::string, std::string>> validate_more(const Config& config) const override {
    ParsedConfig c(kinesis_def(), config);
    if (c.get_string("kinesis.position") == "AT_TIMESTAMP" && c.get_string("kinesis.shard.timestamp").empty())
      return {{"kinesis.shard.timestamp",
               "Missing required configuration \"kinesis.shard.timestamp\": kinesis.position=AT_TIMESTAMP needs it"}};
    return {};
  }

  // Lists the shards now, so an unreachable endpoint or bad credentials fail the connector with the
  // reason in its status.
  Status start(const Config& config) override {
    config_ = config;
    auto transport = factory_(config);
    auto shards = list_shards(*transport, config.at("kinesis.stream"));
    if (!shards.ok()) return shards.status();
    shards_ = std::move(*shards);
    return Status();
  }

  // Round robin over shard lineages: a child goes to the task of its parent.
  std::vector<Config> task_configs(int max_tasks) override {
    std::map<std::string, int> task_of;
    std::vector<std::vector<std::string>> ids(max_tasks);
    nlohmann::json parents = nlohmann::json::object();
    int next = 0;
    for (const auto& s : shards_) {
      std::string id = s.value("ShardId", ""), parent = s.value("ParentShardId", "");
      auto p = task_of.find(parent);
      int task = p != task_of.end() ? p->second : next++ % max_tasks;
      task_of[id] = task;
      ids[task].push_back(id);
      if (p != task_of.end()) parents[id] = parent;
    }
    std::vector<Config> tasks;
    for (int i = 0; i < max_tasks; ++i) {
      if (ids[i].empty()) continue;
      Config c = config_;
      std::string list;
      for (const auto& id : ids[i]) list += (list.empty() ? "" : ",") + id;
      c["kinesis.shard.ids"] = list;
      c["kinesis.shard.parents"] = parents.dump();
      tasks.push_back(std::move(c));
    }
    return tasks;
  }
  void stop() override {}
  std::unique_ptr<SourceTask> create_task() override { return std::make_unique<KinesisSourceTask>(factory_); }

 private:
  TransportFactory factory_;
  Config config_;
  nlohmann::json shards_;
};

}  // namespace

ConnectorPlugin kinesis_source_plugin(TransportFactory factory) {
  if (!factory) factory = http_transport;
  return {.class_name = "io.confluent.connect.kinesis.KinesisSourceConnector",
          .aliases = {"KinesisSource"},
          .type = ConnectorType::source,
          .version = "0.1.0",
          .create = [factory] { return std::make_unique<KinesisSourceConnector>(factory); },
          .config_def = []() -> const ConfigDef& { return kinesis_def(); }};
}

}  // namespace tributary::connect::kinesis
