#include "connect/connectors/mirror/kinesis_offsets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace tributary::connect::mirror {
namespace {

std::optional<std::string> first_string(const nlohmann::json& j, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (j.contains(n) && j[n].is_string()) return j[n].get<std::string>();
  return std::nullopt;
}

// A sub-sequence number given as a number or as decimal text.
std::optional<int64_t> first_integer(const nlohmann::json& j, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (!j.contains(n)) continue;
    if (j[n].is_number_integer() && j[n].get<int64_t>() >= 0) return j[n].get<int64_t>();
    if (j[n].is_string()) {
      const std::string s = j[n].get<std::string>();
      if (!s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos) return std::stoll(s);
    }
  }
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
  int c = compare_sequence_numbers(*sequence, it->second);
  if (c != 0) return c < 0 ? Coverage::covered : Coverage::not_covered;
  // The checkpointed Kinesis record itself: with KPL aggregation, only its user records up to the
  // checkpoint's sub-sequence number are processed (a plain record is sub-sequence 0).
  auto sub_text = header(r, "kinesis.subsequence.number");
  int64_t sub = sub_text ? std::strtoll(sub_text->c_str(), nullptr, 10) : 0;
  auto cp_sub = cp.sub_sequences.find(*shard);
  return sub <= (cp_sub == cp.sub_sequences.end() ? 0 : cp_sub->second) ? Coverage::covered : Coverage::not_covered;
}

// Identifies one user record, so that copies written again after a source restart count once.
std::string record_key(const client::ConsumedRecord& r) {
  return header(r, "kinesis.shard.id").value_or("") + "/" + header(r, "kinesis.sequence.number").value_or("") + "/" +
         header(r, "kinesis.subsequence.number").value_or("0");
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
        if (seq.is_object()) {
          nlohmann::json entry = seq;
          entry["shardId"] = shard;
          entries.push_back(entry);
          continue;
        }
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
    if (auto sub = first_integer(e, {"subSequenceNumber", "sub_sequence_number", "SubSequenceNumber",
                                             "checkpointSubSequenceNumber"})) cp.sub_sequences[*shard] = *sub;
  }
  if (cp.shards.empty()) return Status::error(Errc::invalid_argument, "the checkpoint names no shard");
  return cp;
}

std::vector<KinesisPartitionPlan> plan_kinesis_offsets(const std::vector<client::ConsumedRecord>& records,
                                                       const std::map<int32_t, int64_t>& end_offsets,
                                                       const KinesisCheckpoint& checkpoint) {
  struct Scan {
    std::map<std::string, int64_t> last_uncovered;  // user record -> offset of its last copy
    std::vector<int64_t> covered;                   // offsets of covered records
  };
  std::map<int32_t, Scan> scans;
  for (const auto& [p, _] : end_offsets) scans[p];
  for (const auto& r : records) {
    auto it = scans.find(r.partition);
    if (it == scans.end()) continue;
    Coverage c = coverage(r, checkpoint);
    if (c == Coverage::covered) it->second.covered.push_back(r.offset);
    if (c == Coverage::not_covered) it->second.last_uncovered[record_key(r)] = r.offset;  // log order: the last wins
  }
  std::vector<KinesisPartitionPlan> out;
  for (const auto& [p, end] : end_offsets) {
    const Scan& scan = scans[p];
    KinesisPartitionPlan plan{p, end, 0, 0};
    // The latest offset from which the last copy of every uncovered record is still ahead.
    for (const auto& [_, offset] : scan.last_uncovered) plan.offset = std::min(plan.offset, offset);
    for (int64_t offset : scan.covered) ++(offset < plan.offset ? plan.covered : plan.reread);
    out.push_back(plan);
  }
  return out;
}

}  // namespace tributary::connect::mirror
