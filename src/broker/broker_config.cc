#include "broker/broker_config.h"

#include <algorithm>
#include <thread>

namespace tributary::broker {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;

ConfigTable make_broker_table() {
  using T = ConfigType;
  return ConfigTable("Broker", {
      {.name = "node.id", .type = T::int_, .default_value = "1", .doc = "The id of this broker in Metadata responses.", .min = 0},
      {.name = "log.dirs", .type = T::string, .default_value = "", .doc = "Where partition logs live. Empty: `<data-dir>/log`.", .nullable = true},
      {.name = "advertised.listeners", .type = T::string, .default_value = "", .doc = "`PLAINTEXT://host:port` that clients are told to connect to. Empty: the Kafka listener's address (`localhost` when it listens on every interface).", .nullable = true},
      {.name = "num.network.threads", .type = T::int_, .default_value = "0", .doc = "Threads that own connections (one Asio io_context each). 0: one per core.", .min = 0, .max = 256},
      {.name = "num.partitions", .type = T::int_, .default_value = "1", .doc = "Partitions of an auto-created topic, and of CreateTopics asking for -1.", .min = 1, .max = 100000},
      {.name = "default.replication.factor", .type = T::int_, .default_value = "1", .doc = "Replication factor reported for auto-created topics; a single broker keeps one copy.", .min = 1, .max = 1},
      {.name = "auto.create.topics.enable", .type = T::boolean, .default_value = "true", .doc = "Create a topic when a client asks Metadata for one that does not exist."},
      {.name = "delete.topic.enable", .type = T::boolean, .default_value = "true", .doc = "Allow DeleteTopics."},
      {.name = "message.max.bytes", .type = T::int_, .default_value = "1048588", .doc = "Largest record batch the broker accepts (MESSAGE_TOO_LARGE beyond).", .min = 0},
      {.name = "socket.request.max.bytes", .type = T::int_, .default_value = "104857600", .doc = "Largest request frame; a bigger size prefix closes the connection.", .min = 1},
      {.name = "queued.max.requests", .type = T::int_, .default_value = "500", .doc = "Requests one connection may have in flight before the broker stops reading from it.", .min = 1},
      {.name = "log.segment.bytes", .type = T::int_, .default_value = "1073741824", .doc = "Roll a segment once it reaches this size.", .min = 14},
      {.name = "log.roll.ms", .type = T::long_, .default_value = "", .doc = "Roll a segment after this age. Unset: log.roll.hours.", .min = 1, .nullable = true},
      {.name = "log.roll.hours", .type = T::int_, .default_value = "168", .doc = "Roll a segment after this many hours.", .min = 1},
      {.name = "log.retention.ms", .type = T::long_, .default_value = "", .doc = "Delete segments older than this; -1 keeps them forever. Unset: log.retention.minutes, then log.retention.hours.", .min = -1, .nullable = true},
      {.name = "log.retention.minutes", .type = T::int_, .default_value = "", .doc = "As log.retention.ms, in minutes.", .min = -1, .nullable = true},
      {.name = "log.retention.hours", .type = T::int_, .default_value = "168", .doc = "As log.retention.ms, in hours.", .min = -1},
      {.name = "log.retention.bytes", .type = T::long_, .default_value = "-1", .doc = "Delete the oldest segments while a partition is larger than this; -1: no limit.", .min = -1},
      {.name = "log.retention.check.interval.ms", .type = T::long_, .default_value = "300000", .doc = "How often retention, rolling by age and compaction run.", .min = 1},
      {.name = "log.cleanup.policy", .type = T::list, .default_value = "delete", .doc = "Default cleanup policy of topics.", .allowed = {"delete", "compact"}},
      {.name = "log.index.interval.bytes", .type = T::int_, .default_value = "4096", .doc = "Bytes of log between two offset index entries.", .min = 0},
      {.name = "log.cleaner.delete.retention.ms", .type = T::long_, .default_value = "86400000", .doc = "How long compaction keeps tombstones.", .min = 0},
      {.name = "log.cleaner.min.compaction.lag.ms", .type = T::long_, .default_value = "0", .doc = "Records younger than this are not compacted.", .min = 0},
      {.name = "log.message.timestamp.type", .type = T::string, .default_value = "CreateTime", .doc = "Keep the producer's timestamps or stamp the append time.", .allowed = {"CreateTime", "LogAppendTime"}},
      {.name = "log.segment.delete.delay.ms", .type = T::long_, .default_value = "60000", .doc = "Grace before a deleted segment's files are removed.", .min = 0},
      {.name = "log.flush.interval.ms", .type = T::long_, .default_value = "", .doc = "Also fdatasync acks=0/1 data at this interval. Unset: only acks=all writes are synced, the rest when the OS writes back.", .min = 1, .nullable = true},
      {.name = "producer.id.expiration.ms", .type = T::long_, .default_value = "86400000", .doc = "Forget an idempotent producer's sequence state this long after its last batch (by the batch timestamp); its next batch must then start at sequence 0 (UNKNOWN_PRODUCER_ID otherwise).", .min = 1},
      {.name = "group.min.session.timeout.ms", .type = T::int_, .default_value = "6000", .doc = "Shortest session.timeout.ms a group member may ask for (INVALID_SESSION_TIMEOUT below).", .min = 1},
      {.name = "group.max.session.timeout.ms", .type = T::int_, .default_value = "1800000", .doc = "Longest session.timeout.ms a group member may ask for (INVALID_SESSION_TIMEOUT above).", .min = 1},
      {.name = "group.initial.rebalance.delay.ms", .type = T::int_, .default_value = "0", .doc = "How long a new (Empty) group waits for more members before its first rebalance. Kafka's default is 3000; 0 here so a single consumer (tests, development) starts at once. Set 3000 when many consumers start together.", .min = 0},
      {.name = "group.max.size", .type = T::int_, .default_value = "2147483647", .doc = "Most members a consumer group may have (GROUP_MAX_SIZE_REACHED beyond).", .min = 1},
      {.name = "offsets.topic.num.partitions", .type = T::int_, .default_value = "1", .doc = "Partitions of `__consumer_offsets`, read when it is created (an existing topic keeps its count, since groups are placed by it). Kafka's default of 50 spreads coordinators over brokers; a single broker gains nothing from that, and one partition lets concurrent commits share one fdatasync.", .min = 1, .max = 1000},
      {.name = "offsets.retention.minutes", .type = T::int_, .default_value = "10080", .doc = "Committed offsets of a group that has been Empty this long (or of a standalone consumer, this long after the commit) are deleted.", .min = 1},
      {.name = "offsets.retention.check.interval.ms", .type = T::long_, .default_value = "600000", .doc = "How often expired offsets are looked for.", .min = 1},
      {.name = "log.level", .type = T::string, .default_value = "info", .doc = "Log level.", .allowed = {"trace", "debug", "info", "warn", "error", "off"}},
  });
}

struct TopicKeySpec {
  const char* topic_key;
  const char* broker_key;
};

// Topic keys and the broker keys that give their defaults.
constexpr TopicKeySpec kTopicSynonyms[] = {
    {"cleanup.policy", "log.cleanup.policy"},
    {"segment.bytes", "log.segment.bytes"},
    {"segment.ms", "log.roll.ms"},
    {"retention.ms", "log.retention.ms"},
    {"retention.bytes", "log.retention.bytes"},
    {"max.message.bytes", "message.max.bytes"},
    {"index.interval.bytes", "log.index.interval.bytes"},
    {"delete.retention.ms", "log.cleaner.delete.retention.ms"},
    {"min.compaction.lag.ms", "log.cleaner.min.compaction.lag.ms"},
    {"message.timestamp.type", "log.message.timestamp.type"},
    {"file.delete.delay.ms", "log.segment.delete.delay.ms"},
    {"flush.ms", "log.flush.interval.ms"},
};

ConfigTable make_topic_table() {
  using T = ConfigType;
  return ConfigTable("Topic", {
      {.name = "cleanup.policy", .type = T::list, .default_value = "delete", .doc = "delete: retention by time and size; compact: keep the last record per key.", .allowed = {"delete", "compact"}, .synonym = "log.cleanup.policy"},
      {.name = "compression.type", .type = T::string, .default_value = "producer", .doc = "Batches are stored as the producer compressed them.", .allowed = {"producer"}},
      {.name = "segment.bytes", .type = T::int_, .default_value = "1073741824", .doc = "Segment size before a roll.", .min = 14, .synonym = "log.segment.bytes"},
      {.name = "segment.ms", .type = T::long_, .default_value = "604800000", .doc = "Segment age before a roll.", .min = 1, .synonym = "log.roll.ms"},
      {.name = "retention.ms", .type = T::long_, .default_value = "604800000", .doc = "Age after which segments are deleted; -1 forever.", .min = -1, .synonym = "log.retention.ms"},
      {.name = "retention.bytes", .type = T::long_, .default_value = "-1", .doc = "Partition size above which the oldest segments are deleted.", .min = -1, .synonym = "log.retention.bytes"},
      {.name = "max.message.bytes", .type = T::int_, .default_value = "1048588", .doc = "Largest record batch accepted for this topic.", .min = 0, .synonym = "message.max.bytes"},
      {.name = "index.interval.bytes", .type = T::int_, .default_value = "4096", .doc = "Bytes between offset index entries.", .min = 0, .synonym = "log.index.interval.bytes"},
      {.name = "delete.retention.ms", .type = T::long_, .default_value = "86400000", .doc = "How long compaction keeps tombstones.", .min = 0, .synonym = "log.cleaner.delete.retention.ms"},
      {.name = "min.compaction.lag.ms", .type = T::long_, .default_value = "0", .doc = "Records younger than this stay uncompacted.", .min = 0, .synonym = "log.cleaner.min.compaction.lag.ms"},
      {.name = "message.timestamp.type", .type = T::string, .default_value = "CreateTime", .doc = "CreateTime or LogAppendTime.", .allowed = {"CreateTime", "LogAppendTime"}, .synonym = "log.message.timestamp.type"},
      {.name = "file.delete.delay.ms", .type = T::long_, .default_value = "60000", .doc = "Grace before deleted segment files are removed.", .min = 0, .synonym = "log.segment.delete.delay.ms"},
      {.name = "flush.ms", .type = T::long_, .default_value = "9223372036854775807", .doc = "fdatasync interval for acks=0/1 data.", .min = 0, .synonym = "log.flush.interval.ms"},
      {.name = "min.insync.replicas", .type = T::int_, .default_value = "1", .doc = "Accepted for compatibility; a single broker is the only replica.", .min = 1, .max = 1},
  });
}

}  // namespace

const ConfigTable& broker_config_table() {
  static const ConfigTable table = make_broker_table();
  return table;
}

const ConfigTable& topic_config_table() {
  static const ConfigTable table = make_topic_table();
  return table;
}

int32_t BrokerConfig::network_threads() const {
  int32_t n = values_.get_int("num.network.threads");
  if (n > 0) return n;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::string BrokerConfig::topic_synonym(const std::string& topic_key) const {
  for (const auto& s : kTopicSynonyms)
    if (topic_key == s.topic_key) return s.broker_key;
  return "";
}

std::string BrokerConfig::topic_default(const std::string& topic_key) const {
  if (topic_key == "retention.ms") {
    if (values_.is_set("log.retention.ms")) return values_.get("log.retention.ms");
    if (values_.is_set("log.retention.minutes")) {
      int64_t m = values_.get_long("log.retention.minutes");
      return std::to_string(m < 0 ? -1 : m * 60000);
    }
    int64_t h = values_.get_long("log.retention.hours");
    return std::to_string(h < 0 ? -1 : h * kHourMs);
  }
  if (topic_key == "segment.ms") {
    if (values_.is_set("log.roll.ms")) return values_.get("log.roll.ms");
    return std::to_string(values_.get_long("log.roll.hours") * kHourMs);
  }
  if (topic_key == "flush.ms" && !values_.is_set("log.flush.interval.ms")) {
    return topic_config_table().find("flush.ms")->default_value;
  }
  std::string broker_key = topic_synonym(topic_key);
  if (!broker_key.empty()) return values_.get(broker_key);
  return topic_config_table().find(topic_key)->default_value;
}

std::string effective_topic_value(const BrokerConfig& broker, const ConfigValues& overrides, const std::string& key) {
  if (overrides.is_set(key)) return overrides.get(key);
  return broker.topic_default(key);
}

storage::LogConfig make_log_config(const BrokerConfig& broker, const ConfigValues& overrides) {
  auto value = [&](const char* key) { return effective_topic_value(broker, overrides, key); };
  auto num = [&](const char* key) { return parse_long(value(key)).value_or(0); };
  storage::LogConfig c;
  auto policy = split_list(value("cleanup.policy"));
  c.cleanup_delete = std::find(policy.begin(), policy.end(), "delete") != policy.end();
  c.cleanup_compact = std::find(policy.begin(), policy.end(), "compact") != policy.end();
  c.segment_bytes = num("segment.bytes");
  c.segment_ms = num("segment.ms");
  c.retention_ms = num("retention.ms");
  c.retention_bytes = num("retention.bytes");
  c.max_message_bytes = static_cast<int32_t>(num("max.message.bytes"));
  c.index_interval_bytes = static_cast<int32_t>(num("index.interval.bytes"));
  c.delete_retention_ms = num("delete.retention.ms");
  c.min_compaction_lag_ms = num("min.compaction.lag.ms");
  c.log_append_time = value("message.timestamp.type") == "LogAppendTime";
  c.file_delete_delay_ms = num("file.delete.delay.ms");
  c.producer_id_expiration_ms = broker.values().get_long("producer.id.expiration.ms");
  return c;
}

std::string config_markdown() {
  std::string out =
      "# Configuration reference\n\n"
      "Generated by `tributary config-docs` from the tables in `src/broker/broker_config.cc`; do not edit.\n"
      "Set keys with `--config FILE` (Java properties: `key=value` lines) or `--set key=value` (repeatable; wins "
      "over the file). Topic keys are set per topic with CreateTopics, AlterConfigs or IncrementalAlterConfigs; "
      "unset ones fall back to the broker key named in their description.\n\n";
  out += broker_config_table().markdown();
  out += "\n";
  out += topic_config_table().markdown();
  return out;
}

}  // namespace tributary::broker
