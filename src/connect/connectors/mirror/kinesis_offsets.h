// Moving a consumer from Kinesis to Kafka (`tributary migrate kinesis`): a Kinesis consumer's
// checkpoint (the last processed sequence number per shard) becomes a consumer group's offsets in
// the topic the Kinesis source connector wrote. That connector stamps every record with the
// headers kinesis.stream, kinesis.shard.id and kinesis.sequence.number (and kinesis.subsequence.number
// for the user records of a KPL aggregated record); records of one shard may land in any partition
// (keyed by partition key). Each partition resumes at the latest offset that still leaves every record
// the checkpoint does not cover to be read: right after the checkpointed record when the partition
// holds it, past duplicates a restarted source wrote again. Nothing is skipped; covered records after
// that offset (possible only when one partition interleaves shards checkpointed at different points)
// are re-read and counted.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "client/consumer.h"
#include "common/status.h"

namespace tributary::connect::mirror {

inline constexpr const char* kShardEnd = "SHARD_END";  // KCL: the shard was read to its end

struct KinesisCheckpoint {
  std::string stream;                        // empty: records of any stream
  std::map<std::string, std::string> shards; // shard id -> last processed sequence number (or SHARD_END)
  // shard id -> the last processed user record of a KPL aggregated record (the KCL's
  // checkpointSubSequenceNumber); absent: 0, as the KCL reads a checkpoint without one.
  std::map<std::string, int64_t> sub_sequences;
};

// Accepts {"stream": s, "shards": {shard: seq, ...}}, {"stream": s, "shards": [entry, ...]} or a bare
// array of entries; an entry is {"shardId"|"shard_id"|"leaseKey": id, "sequenceNumber"|
// "sequence_number"|"checkpoint": seq, "subSequenceNumber"|"sub_sequence_number"|
// "checkpointSubSequenceNumber"?: n, "stream"?}. In the object form a shard's value is the sequence
// number or such an entry without the shard id.
Result<KinesisCheckpoint> parse_kinesis_checkpoint(const std::string& json_text);

// Sequence numbers are decimal integers of up to 128 bits: compared as numbers, not as text.
int compare_sequence_numbers(const std::string& a, const std::string& b);

struct KinesisPartitionPlan {
  int32_t partition = 0;
  int64_t offset = 0;   // where the group resumes
  int64_t covered = 0;  // records before `offset` that the checkpoint covers
  int64_t reread = 0;   // covered records at or after `offset` (delivered again)
};

// One plan per partition in `end_offsets` (partition -> log end); `records` are the topic's records
// in log order per partition.
std::vector<KinesisPartitionPlan> plan_kinesis_offsets(const std::vector<client::ConsumedRecord>& records,
                                                       const std::map<int32_t, int64_t>& end_offsets,
                                                       const KinesisCheckpoint& checkpoint);

}  // namespace tributary::connect::mirror
