#include "connect/connectors/kinesis/kpl_aggregate.h"

#include <openssl/evp.h>

#include <cstdint>
#include <map>
#include <memory>

#include "connect/connectors/kinesis/protobuf_reader.h"

namespace tributary::connect::kinesis {
namespace {

constexpr std::string_view kMagic("\xF3\x89\x9A\xC2", 4);
constexpr size_t kDigestSize = 16;

std::string md5(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1)
    return {};
  return std::string(reinterpret_cast<const char*>(digest), size);
}

struct RawRecord {
  std::optional<uint64_t> partition_key_index, explicit_hash_key_index;
  std::optional<std::string_view> data;
};

std::optional<RawRecord> parse_record(std::string_view bytes) {
  RawRecord r;
  ProtoReader reader(bytes);
  ProtoField f;
  while (reader.next(f)) {
    if (f.number == 1 && f.wire_type == 0) r.partition_key_index = f.integer;
    else if (f.number == 2 && f.wire_type == 0) r.explicit_hash_key_index = f.integer;
    else if (f.number == 3 && f.wire_type == 2) r.data = f.bytes;
    else if (f.number <= 3) return std::nullopt;  // a known field with the wrong wire type
    // 4 (tags) and unknown fields are skipped.
  }
  if (reader.failed() || !r.partition_key_index || !r.data) return std::nullopt;
  return r;
}

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_bytes(std::string& out, uint32_t number, std::string_view bytes) {
  put_varint(out, (static_cast<uint64_t>(number) << 3) | 2);
  put_varint(out, bytes.size());
  out.append(bytes);
}

}  // namespace

std::optional<std::vector<KplUserRecord>> deaggregate(std::string_view record) {
  if (record.size() < kMagic.size() + kDigestSize || record.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  std::string_view message = record.substr(kMagic.size(), record.size() - kMagic.size() - kDigestSize);
  if (md5(message) != record.substr(record.size() - kDigestSize)) return std::nullopt;

  std::vector<std::string_view> partition_keys, hash_keys;
  std::vector<RawRecord> raw;
  ProtoReader reader(message);
  ProtoField f;
  while (reader.next(f)) {
    if (f.number >= 1 && f.number <= 3 && f.wire_type != 2) return std::nullopt;
    if (f.number == 1) partition_keys.push_back(f.bytes);
    else if (f.number == 2) hash_keys.push_back(f.bytes);
    else if (f.number == 3) {
      auto r = parse_record(f.bytes);
      if (!r) return std::nullopt;
      raw.push_back(*r);
    }
  }
  if (reader.failed()) return std::nullopt;
  std::vector<KplUserRecord> out;
  out.reserve(raw.size());
  for (const auto& r : raw) {
    if (*r.partition_key_index >= partition_keys.size()) return std::nullopt;
    KplUserRecord u;
    u.partition_key = std::string(partition_keys[*r.partition_key_index]);
    if (r.explicit_hash_key_index) {
      if (*r.explicit_hash_key_index >= hash_keys.size()) return std::nullopt;
      u.explicit_hash_key = std::string(hash_keys[*r.explicit_hash_key_index]);
    }
    u.data = std::string(*r.data);
    out.push_back(std::move(u));
  }
  return out;
}

std::string aggregate(const std::vector<KplUserRecord>& records) {
  std::map<std::string, uint64_t> key_index, hash_index;
  std::string keys, hashes, body;
  for (const auto& r : records) {
    auto [k, new_key] = key_index.emplace(r.partition_key, key_index.size());
    if (new_key) put_bytes(keys, 1, r.partition_key);
    std::string record;
    put_varint(record, 1 << 3);
    put_varint(record, k->second);
    if (!r.explicit_hash_key.empty()) {
      auto [h, new_hash] = hash_index.emplace(r.explicit_hash_key, hash_index.size());
      if (new_hash) put_bytes(hashes, 2, r.explicit_hash_key);
      put_varint(record, 2 << 3);
      put_varint(record, h->second);
    }
    put_bytes(record, 3, r.data);
    put_bytes(body, 3, record);
  }
  return frame_aggregated(keys + hashes + body);
}

std::string frame_aggregated(std::string_view protobuf_message) {
  return std::string(kMagic) + std::string(protobuf_message) + md5(protobuf_message);
}

}  // namespace tributary::connect::kinesis
