// Producer-state snapshot files (`<20-digit offset>.snapshot`): the producer table as it stood
// after every batch below `offset`, so an open only re-reads batch headers from there on.
// Layout, byte by byte, in docs/storage-format.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "common/bytes.h"
#include "common/status.h"
#include "storage/producer_state.h"

namespace tributary::storage {

Bytes encode_producer_snapshot(int64_t offset, const ProducerMap& producers);
// Errc::corrupt when magic, version, offset, framing or checksum do not check out.
Result<ProducerMap> decode_producer_snapshot(std::span<const uint8_t> data, int64_t expected_offset);

// Atomic (temp + rename); durable adds fdatasync and a directory fsync.
Status write_producer_snapshot(const std::filesystem::path& dir, int64_t offset, const ProducerMap& producers,
                               bool durable);
Result<ProducerMap> read_producer_snapshot(const std::filesystem::path& dir, int64_t offset);
// Offsets of the snapshot files in `dir`, ascending.
Result<std::vector<int64_t>> list_producer_snapshots(const std::filesystem::path& dir);

}  // namespace tributary::storage
