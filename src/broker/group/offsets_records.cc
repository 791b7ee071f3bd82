#include "broker/group/offsets_records.h"

#include <fmt/format.h>

namespace tributary::broker::group {
namespace {

constexpr int16_t kOffsetKeyVersion = 1;
constexpr int16_t kGroupKeyVersion = 2;
constexpr int16_t kOffsetValueVersion = 3;
constexpr int16_t kGroupValueVersion = 3;

void put_string(ByteWriter& w, const std::string& s) {
  w.i16(static_cast<int16_t>(s.size()));
  w.bytes(s.data(), s.size());
}

void put_nullable(ByteWriter& w, const std::optional<std::string>& s) {
  if (!s) return w.i16(-1);
  put_string(w, *s);
}

void put_bytes(ByteWriter& w, const Bytes& b) {
  w.i32(static_cast<int32_t>(b.size()));
  w.bytes(b);
}

std::optional<std::string> get_nullable(ByteReader& r) {
  int16_t len = r.i16();
  if (len < 0) return std::nullopt;
  auto b = r.bytes(static_cast<size_t>(len));
  return std::string(b.begin(), b.end());
}

std::string get_string(ByteReader& r) { return get_nullable(r).value_or(""); }

Bytes get_bytes(ByteReader& r) {
  int32_t len = r.i32();
  if (len < 0) return {};
  auto b = r.bytes(static_cast<size_t>(len));
  return Bytes(b.begin(), b.end());
}

// Runs a decoder, turning a truncated buffer into Errc::corrupt.
template <class T, class Fn>
Result<T> decode_with(std::span<const uint8_t> data, const char* what, Fn fn) {
  try {
    ByteReader r(data);
    return fn(r);
  } catch (const DecodeError& e) {
    return Status::error(Errc::corrupt, fmt::format("truncated {}: {}", what, e.what()));
  }
}

}  // namespace

Bytes encode_offset_key(const std::string& group, const TopicPartition& tp) {
  ByteWriter w;
  w.i16(kOffsetKeyVersion);
  put_string(w, group);
  put_string(w, tp.topic);
  w.i32(tp.partition);
  return w.take();
}

Bytes encode_offset_value(const CommittedOffset& offset) {
  ByteWriter w;
  w.i16(kOffsetValueVersion);
  w.i64(offset.offset);
  w.i32(offset.leader_epoch);
  put_string(w, offset.metadata);
  w.i64(offset.commit_timestamp);
  return w.take();
}

Bytes encode_group_key(const std::string& group) {
  ByteWriter w;
  w.i16(kGroupKeyVersion);
  put_string(w, group);
  return w.take();
}

Bytes encode_group_value(const StoredGroup& group) {
  ByteWriter w;
  w.i16(kGroupValueVersion);
  put_string(w, group.protocol_type);
  w.i32(group.generation);
  put_nullable(w, group.protocol_name);
  put_nullable(w, group.leader);
  w.i64(group.state_timestamp);
  w.i32(static_cast<int32_t>(group.members.size()));
  for (const auto& m : group.members) {
    put_string(w, m.member_id);
    put_nullable(w, m.instance_id);
    put_string(w, m.client_id);
    put_string(w, m.client_host);
    w.i32(m.rebalance_timeout_ms);
    w.i32(m.session_timeout_ms);
    put_bytes(w, m.subscription);
    put_bytes(w, m.assignment);
  }
  return w.take();
}

Result<RecordKey> decode_record_key(std::span<const uint8_t> key) {
  return decode_with<RecordKey>(key, "__consumer_offsets key", [](ByteReader& r) -> Result<RecordKey> {
    int16_t version = r.i16();
    if (version == 0 || version == 1) {
      OffsetRecordKey k;
      k.group = get_string(r);
      k.partition.topic = get_string(r);
      k.partition.partition = r.i32();
      return RecordKey(k);
    }
    if (version == 2) return RecordKey(GroupRecordKey{get_string(r)});
    return Status::error(Errc::unsupported, fmt::format("unknown __consumer_offsets key version {}", version));
  });
}

Result<CommittedOffset> decode_offset_value(std::span<const uint8_t> value) {
  return decode_with<CommittedOffset>(value, "offset commit value", [](ByteReader& r) -> Result<CommittedOffset> {
    int16_t version = r.i16();
    if (version < 0 || version > 3)
      return Status::error(Errc::unsupported, fmt::format("unknown offset commit value version {}", version));
    CommittedOffset o;
    o.offset = r.i64();
    if (version >= 3) o.leader_epoch = r.i32();
    o.metadata = get_string(r);
    o.commit_timestamp = r.i64();
    if (version == 1) r.i64();  // expire_timestamp: retention is the broker's since KIP-211
    return o;
  });
}

Result<StoredGroup> decode_group_value(std::span<const uint8_t> value) {
  return decode_with<StoredGroup>(value, "group metadata value", [](ByteReader& r) -> Result<StoredGroup> {
    int16_t version = r.i16();
    if (version < 0 || version > 3)
      return Status::error(Errc::unsupported, fmt::format("unknown group metadata value version {}", version));
    StoredGroup g;
    g.protocol_type = get_string(r);
    g.generation = r.i32();
    g.protocol_name = get_nullable(r);
    g.leader = get_nullable(r);
    if (version >= 2) g.state_timestamp = r.i64();
    int32_t count = r.i32();
    for (int32_t i = 0; i < count; ++i) {
      StoredMember m;
      m.member_id = get_string(r);
      if (version >= 3) m.instance_id = get_nullable(r);
      m.client_id = get_string(r);
      m.client_host = get_string(r);
      if (version >= 1) m.rebalance_timeout_ms = r.i32();
      m.session_timeout_ms = r.i32();
      m.subscription = get_bytes(r);
      m.assignment = get_bytes(r);
      g.members.push_back(std::move(m));
    }
    return g;
  });
}

int32_t offsets_partition_for(const std::string& group, int32_t partitions) {
  int32_t hash = 0;
  for (unsigned char c : group) hash = static_cast<int32_t>(31u * static_cast<uint32_t>(hash) + c);
  // Kafka's Utils.abs maps INT_MIN to 0 rather than overflowing.
  int32_t non_negative = hash == INT32_MIN ? 0 : (hash < 0 ? -hash : hash);
  return partitions <= 0 ? 0 : non_negative % partitions;
}

}  // namespace tributary::broker::group
