#include "sql/state/rocksdb_state.h"

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include <filesystem>

#include "common/logging.h"
#include "sql/state/value_codec.h"
#include "sql/state/write_back_cache.h"

namespace tributary::sql {
namespace {

// Store keys are "<name>\0<key>"; the offsets live under a name no store can have ("\1offsets").
constexpr std::string_view kOffsetsKey = RocksDbQueryState::kOffsetsKey;

std::string prefixed(const std::string& name, std::string_view key) {
  std::string out = name;
  out.push_back('\0');
  out.append(key);
  return out;
}

std::string encode_offsets(const SourceOffsets& offsets) {
  std::string out;
  for (const auto& [tp, offset] : offsets) {
    append_i64(out, static_cast<int64_t>(tp.first.size()));
    out += tp.first;
    append_i64(out, tp.second);
    append_i64(out, offset);
  }
  return out;
}

SourceOffsets decode_offsets(std::string_view in) {
  SourceOffsets out;
  std::size_t pos = 0;
  while (pos + 8 <= in.size()) {
    auto len = static_cast<std::size_t>(read_i64(in.substr(pos)));
    pos += 8;
    if (pos + len + 16 > in.size()) break;
    std::string topic(in.substr(pos, len));
    pos += len;
    auto partition = static_cast<int32_t>(read_i64(in.substr(pos)));
    int64_t offset = read_i64(in.substr(pos + 8));
    pos += 16;
    out[{topic, partition}] = offset;
  }
  return out;
}

}  // namespace

// One named store: a key prefix in the query's database. Reads and writes go through a
// write-back cache (write_back_cache.h); its dirty entries reach the pending batch when the query
// commits, or before a scan, which reads the batch and the database.
class RocksDbStore : public StateStore {
 public:
  RocksDbStore(RocksDbQueryState& state, std::string name) : state_(state), name_(std::move(name)) {
    std::lock_guard lock(state_.mu_);
    state_.stores_.push_back(this);
  }
  ~RocksDbStore() override {
    std::lock_guard lock(state_.mu_);
    flush_locked();  // a store closed before the commit still has its writes committed
    std::erase(state_.stores_, this);
  }

  std::optional<std::string> get(std::string_view key) const override {
    std::lock_guard lock(state_.mu_);
    if (const auto* cached = cache_.find(key)) return *cached;
    std::string value;
    rocksdb::Status s = state_.pending_->GetFromBatchAndDB(state_.db_, rocksdb::ReadOptions(), prefixed(name_, key), &value);
    std::optional<std::string> found;
    if (s.ok()) found = std::move(value);
    cache_.remember(key, found);
    return found;
  }
  void put(std::string_view key, std::string_view value) override {
    std::lock_guard lock(state_.mu_);
    cache_.put(key, value);
  }
  void remove(std::string_view key) override {
    std::lock_guard lock(state_.mu_);
    cache_.remove(key);
  }
  std::vector<StateEntry> scan_prefix(std::string_view prefix) const override {
    std::string from = prefixed(name_, prefix);
    std::string to = from;
    // The smallest key after every key starting with `from`: bump the last byte that can be bumped.
    while (!to.empty() && static_cast<unsigned char>(to.back()) == 0xff) to.pop_back();
    if (to.empty()) return scan_keys(from, std::nullopt);
    to.back() = static_cast<char>(static_cast<unsigned char>(to.back()) + 1);
    return scan_keys(from, to);
  }
  std::vector<StateEntry> scan_range(std::string_view from, std::string_view to) const override {
    return scan_keys(prefixed(name_, from), prefixed(name_, to));
  }
  void clear() override {
    for (const auto& [key, value] : scan_prefix("")) remove(key);
  }
  // Under the lock: a commit on the runner's thread never runs a hook being replaced or removed.
  void set_flush_hook(std::function<void()> hook) override {
    std::lock_guard lock(state_.mu_);
    StateStore::set_flush_hook(std::move(hook));
  }

  // Moves the dirty cached entries into the pending batch, after the flush hook has written back
  // what its operator keeps decoded; the caller holds state_.mu_.
  void flush_locked() const {
    run_flush_hook();
    if (!cache_.dirty()) return;
    std::string key = name_;
    key.push_back('\0');
    std::size_t base = key.size();
    cache_.flush([&](std::string_view k, const std::optional<std::string>& v) {
      key.resize(base);
      key.append(k);
      if (v) {
        state_.pending_->Put(key, rocksdb::Slice(v->data(), v->size()));
      } else {
        state_.pending_->Delete(key);
      }
    });
  }
  void forget_locked() const {
    if (cache_.size() > 0) cache_.clear();
  }

 private:
  std::vector<StateEntry> scan_keys(const std::string& from, const std::optional<std::string>& to) const {
    std::lock_guard lock(state_.mu_);
    flush_locked();
    std::vector<StateEntry> out;
    std::unique_ptr<rocksdb::Iterator> it(
        state_.pending_->NewIteratorWithBase(state_.db_->NewIterator(rocksdb::ReadOptions())));
    std::size_t strip = name_.size() + 1;
    for (it->Seek(from); it->Valid(); it->Next()) {
      rocksdb::Slice key = it->key();
      if (to && key.compare(*to) >= 0) break;
      out.emplace_back(std::string(key.data() + strip, key.size() - strip), it->value().ToString());
    }
    return out;
  }

  RocksDbQueryState& state_;
  std::string name_;
  mutable WriteBackCache cache_;
};

RocksDbQueryState::RocksDbQueryState(rocksdb::DB* db)
    : db_(db), pending_(std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0, true)) {}

RocksDbQueryState::~RocksDbQueryState() { delete db_; }

Result<std::unique_ptr<RocksDbQueryState>> RocksDbQueryState::open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  rocksdb::Options options;
  options.create_if_missing = true;
  options.max_open_files = 64;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, dir, &db);
  if (!s.ok()) return Status::error(Errc::io_error, "open state " + dir + ": " + s.ToString());
  return std::unique_ptr<RocksDbQueryState>(new RocksDbQueryState(db));
}

std::unique_ptr<StateStore> RocksDbQueryState::store(const std::string& name) {
  return std::make_unique<RocksDbStore>(*this, name);
}

void RocksDbQueryState::prepare(const SourceOffsets& next_offsets) {
  std::lock_guard lock(mu_);
  for (const RocksDbStore* store : stores_) store->flush_locked();
  if (!next_offsets.empty()) {
    std::string value;
    SourceOffsets stored;
    // A batch prepared but not written holds offsets the database does not have yet.
    if (pending_->GetFromBatchAndDB(db_, rocksdb::ReadOptions(), rocksdb::Slice(kOffsetsKey.data(), kOffsetsKey.size()),
                                    &value).ok())
      stored = decode_offsets(value);
    for (const auto& [tp, offset] : next_offsets) stored[tp] = offset;
    pending_->Put(rocksdb::Slice(kOffsetsKey.data(), kOffsetsKey.size()), encode_offsets(stored));
  }
  if (!on_change_) return;
  std::unique_ptr<rocksdb::WBWIIterator> it(pending_->NewIterator());
  std::optional<std::string> offsets;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const rocksdb::WriteEntry& e = it->Entry();
    std::string_view key(e.key.data(), e.key.size());
    if (key == kOffsetsKey) {
      offsets.emplace(e.value.data(), e.value.size());
    } else if (e.type == rocksdb::kPutRecord) {
      on_change_(key, std::string_view(e.value.data(), e.value.size()));
    } else if (e.type == rocksdb::kDeleteRecord) {
      on_change_(key, std::nullopt);
    }
  }
  // Last, so that a changelog cut short never holds offsets ahead of the state they belong to.
  if (offsets) on_change_(kOffsetsKey, *offsets);
}

Status RocksDbQueryState::write() {
  std::lock_guard lock(mu_);
  // The WAL is written before Write returns; without sync it sits in the page cache, which survives
  // the process being killed (the promise SQL state makes; the source offsets commit after it).
  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), pending_->GetWriteBatch());
  if (!s.ok()) return Status::error(Errc::io_error, "commit state: " + s.ToString());
  pending_->Clear();
  return Status();
}

void RocksDbQueryState::discard_pending() {
  std::lock_guard lock(mu_);
  for (const RocksDbStore* store : stores_) store->forget_locked();
  pending_->Clear();
}

std::optional<std::string> RocksDbQueryState::offsets_entry() const { return raw_get(kOffsetsKey); }

std::optional<std::string> RocksDbQueryState::raw_get(std::string_view key) const {
  std::lock_guard lock(mu_);
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()), &value).ok()) return std::nullopt;
  return value;
}

SourceOffsets RocksDbQueryState::offsets() const {
  auto value = offsets_entry();
  return value ? decode_offsets(*value) : SourceOffsets{};
}

Status RocksDbQueryState::restore(const std::vector<RestoredEntry>& entries) {
  std::lock_guard lock(mu_);
  for (const RocksDbStore* store : stores_) store->forget_locked();  // cached reads may predate the restore
  rocksdb::WriteBatch batch;
  for (const auto& [key, value] : entries) {
    rocksdb::Slice k(key.data(), key.size());
    rocksdb::Status s = value ? batch.Put(k, rocksdb::Slice(value->data(), value->size())) : batch.Delete(k);
    if (!s.ok()) return Status::error(Errc::io_error, "restore state: " + s.ToString());
  }
  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return Status::error(Errc::io_error, "restore state: " + s.ToString());
  return Status();
}

bool RocksDbQueryState::empty() const {
  std::lock_guard lock(mu_);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  it->SeekToFirst();
  return !it->Valid();
}

Status RocksDbQueryState::destroy() {
  std::lock_guard lock(mu_);
  for (const RocksDbStore* store : stores_) store->forget_locked();
  pending_->Clear();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) batch.Delete(it->key());
  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return Status::error(Errc::io_error, "destroy state: " + s.ToString());
  return Status();
}

uint64_t RocksDbQueryState::approximate_size_bytes() const {
  uint64_t sst = 0, memtables = 0;
  db_->GetIntProperty("rocksdb.total-sst-files-size", &sst);
  db_->GetIntProperty("rocksdb.cur-size-all-mem-tables", &memtables);
  return sst + memtables;
}

RocksDbQueryState* RocksDbStateStoreFactory::query(const std::string& query_id) {
  std::lock_guard lock(mu_);
  auto it = queries_.find(query_id);
  if (it != queries_.end()) return it->second.get();
  auto state = RocksDbQueryState::open(root_ + "/" + query_id);
  if (!state.ok()) {
    component_logger("sql")->error("state_open_failed query={} error=\"{}\"", query_id, state.status().message());
    return nullptr;
  }
  return queries_.emplace(query_id, std::move(*state)).first->second.get();
}

std::unique_ptr<StateStore> RocksDbStateStoreFactory::open(const std::string& query_id, const std::string& store_name) {
  RocksDbQueryState* state = query(query_id);
  if (!state) return nullptr;
  return state->store(store_name);
}

}  // namespace tributary::sql
