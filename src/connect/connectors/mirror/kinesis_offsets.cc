#include "connect/connectors/mirror/kinesis_offsets.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace tributary::connect::mirror {
namespace {

std::optional<std::string> first_string(const nlohmann::json& j, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (j.contains(n) && j[n].is_string()) return j[n].get<std::string>();
  return std::nullopt;
}

std::optional<std::string> header(const client::ConsumedRecord& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return std::nullopt;
}

enum class Coverage { covered, not_covered, not_kinesis };

Coverage coverage(const client::ConsumedRecord& r, const KinesisCheckpoint& cp) {
  auto shard = header(r, "kinesis.shard.id");
  auto sequence = header(r, "kinesis.sequence.number");
  if (!shard || !sequence) return Coverage::not_kinesis;
  if (!cp.stream.empty()) {
    auto stream = header(r, "kinesis.stream");
    if (stream && *stream != cp.stream) return Coverage::not_kinesis;
  }
  auto it = cp.shards.find(*shard);
  if (it == cp.shards.end()) return Coverage::not_covered;
  if (it->second == kShardEnd) return Coverage::covered;
  bool numeric = !it->second.empty() && it->second.find_first_not_of("0123456789") == std::string::npos;
  if (!numeric) return Coverage::not_covered;  // TRIM_HORIZON, LATEST, ...: nothing processed yet
  return compare_sequence_numbers(*sequence, it->second) <= 0 ? Coverage::covered : Coverage::not_covered;
}

}  // namespace

int compare_sequence_numbers(const std::string& a, const std::string& b) {
  auto strip = [](const std::string& s) {
    auto first = s.find_first_not_of('0');
    return first == std::string::npos ? std::string("0") : s.substr(first);
  };
  std::string x = strip(a), y = strip(b);
  if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
  int c = x.compare(y);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

Result<KinesisCheckpoint> parse_kinesis_checkpoint(const std::string& json_text) {
  auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded()) return Status::error(Errc::invalid_argument, "the checkpoint is not JSON");
  KinesisCheckpoint cp;
  nlohmann::json entries = nlohmann::json::array();
  if (j.is_array()) {
    entries = j;
  } else if (j.is_object()) {
    if (auto s = first_string(j, {"stream", "streamName", "StreamName"})) cp.stream = *s;
    const nlohmann::json& shards = j.contains("shards") ? j["shards"] : nlohmann::json();
    if (shards.is_object()) {
      for (const auto& [shard, seq] : shards.items()) {
        if (!seq.is_string()) return Status::error(Errc::invalid_argument, "shard " + shard + ": sequence number is not a string");
        cp.shards[shard] = seq.get<std::string>();
      }
    } else if (shards.is_array()) {
      entries = shards;
    } else {
      return Status::error(Errc::invalid_argument, "the checkpoint has no \"shards\"");
    }
  } else {
    return Status::error(Errc::invalid_argument, "the checkpoint must be a JSON object or array");
  }
  for (const auto& e : entries) {
    if (!e.is_object()) return Status::error(Errc::invalid_argument, "a checkpoint entry is not an object");
    auto shard = first_string(e, {"shardId", "shard_id", "ShardId", "leaseKey"});
    auto seq = first_string(e, {"sequenceNumber", "sequence_number", "SequenceNumber", "checkpoint"});
    if (!shard || !seq)
      return Status::error(Errc::invalid_argument, "a checkpoint entry needs a shard id and a sequence number: " + e.dump());
    if (auto s = first_string(e, {"stream", "streamName"})) {
      if (!cp.stream.empty() && cp.stream != *s)
        return Status::error(Errc::invalid_argument, "the checkpoint mixes streams " + cp.stream + " and " + *s);
      cp.stream = *s;
    }
    cp.shards[*shard] = *seq;
  }
  if (cp.shards.empty()) return Status::error(Errc::invalid_argument, "the checkpoint names no shard");
  return cp;
}

std::vector<KinesisPartitionPlan> plan_kinesis_offsets(const std::vector<client::ConsumedRecord>& records,
                                                       const std::map<int32_t, int64_t>& end_offsets,
                                                       const KinesisCheckpoint& checkpoint) {
  std::map<int32_t, KinesisPartitionPlan> plans;
  std::map<int32_t, bool> stopped;  // the first uncovered record was seen
  for (const auto& [p, end] : end_offsets) plans[p] = {p, end, 0, 0};
  for (const auto& r : records) {
    auto it = plans.find(r.partition);
    if (it == plans.end()) continue;
    KinesisPartitionPlan& plan = it->second;
    Coverage c = coverage(r, checkpoint);
    if (stopped[r.partition]) {
      if (c == Coverage::covered) ++plan.reread;
      continue;
    }
    if (c == Coverage::not_covered) {
      plan.offset = r.offset;
      stopped[r.partition] = true;
    } else if (c == Coverage::covered) {
      ++plan.covered;
    }
  }
  std::vector<KinesisPartitionPlan> out;
  for (auto& [_, plan] : plans) out.push_back(plan);
  return out;
}

}  // namespace tributary::connect::mirror
