// kinesis.shard.timestamp (Confluent's key, used with kinesis.position=AT_TIMESTAMP): epoch
// milliseconds, or a date "yyyy-MM-dd" / date-time "yyyy-MM-dd'T'HH:mm:ss[.SSS][Z|+HH:mm|-HH:mm]"
// (UTC when no zone is given).
//
// Threads: pure functions.
#pragma once

#include <optional>
#include <string>

namespace tributary::connect::kinesis {

// Milliseconds since the epoch, or nullopt when `text` is none of the accepted forms.
std::optional<int64_t> parse_shard_timestamp(const std::string& text);

}  // namespace tributary::connect::kinesis
