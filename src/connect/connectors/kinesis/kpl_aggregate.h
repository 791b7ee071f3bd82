// KPL aggregated records: the Kinesis Producer Library packs many user records into one Kinesis
// record. Its public format: the 4 magic bytes F3 89 9A C2, a protobuf message
//   AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
//                      repeated Record records = 3; }
//   Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
//            required bytes data = 3; repeated Tag tags = 4; }
// and the 16-byte MD5 of the protobuf bytes. A record with the magic but a wrong MD5, a message that
// does not parse, a missing required field or an index outside its table is not aggregated: like
// the KCL, the caller passes it on as it is.
//
// Threads: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tributary::connect::kinesis {

struct KplUserRecord {
  std::string partition_key;
  std::string explicit_hash_key;  // empty when none
  std::string data;
};

// The user records in order (their index is the KCL's sub-sequence number), or nullopt when
// `record` is not a valid aggregated record.
std::optional<std::vector<KplUserRecord>> deaggregate(std::string_view record);

// The magic, `protobuf_message` and its MD5: a Kinesis record (the fuzz target frames its input so).
std::string frame_aggregated(std::string_view protobuf_message);

// Builds an aggregated record (for tests and tools): the inverse of deaggregate.
std::string aggregate(const std::vector<KplUserRecord>& records);

}  // namespace tributary::connect::kinesis
