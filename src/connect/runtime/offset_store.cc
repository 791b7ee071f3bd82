#include "connect/runtime/offset_store.h"

namespace tributary::connect {
namespace {

std::string store_key(const std::string& connector, const nlohmann::json& partition) {
  return nlohmann::json::array({connector, partition}).dump();
}

class ConnectorOffsetReader : public OffsetReader {
 public:
  ConnectorOffsetReader(const OffsetStore& store, std::string connector) : store_(store), connector_(std::move(connector)) {}
  nlohmann::json offset(const nlohmann::json& partition) const override { return store_.get(connector_, partition); }

 private:
  const OffsetStore& store_;
  std::string connector_;
};

}  // namespace

Status OffsetStore::load() {
  auto records = topic_->read_all();
  if (!records.ok()) return records.status();
  std::lock_guard lock(mu_);
  for (const auto& [key, value] : *records) {
    auto parsed = nlohmann::json::parse(key, nullptr, false);
    if (!parsed.is_array() || parsed.size() != 2 || !parsed[0].is_string()) continue;  // not ours
    std::string connector = parsed[0];
    std::string partition_text = parsed[1].dump();
    if (!value) {
      offsets_[connector].erase(partition_text);
      continue;
    }
    auto offset = nlohmann::json::parse(*value, nullptr, false);
    if (offset.is_discarded()) continue;
    offsets_[connector][partition_text] = {parsed[1], offset};
  }
  return Status();
}

Status OffsetStore::write(const std::string& connector, const std::vector<PartitionOffset>& offsets) {
  if (offsets.empty()) return Status();
  std::vector<KeyValue> records;
  for (const auto& po : offsets)
    records.emplace_back(store_key(connector, po.partition),
                         po.offset.is_null() ? std::nullopt : std::optional<std::string>(po.offset.dump()));
  TRY_STATUS(topic_->write(records));
  std::lock_guard lock(mu_);
  for (const auto& po : offsets) {
    if (po.offset.is_null())
      offsets_[connector].erase(po.partition.dump());
    else
      offsets_[connector][po.partition.dump()] = po;
  }
  return Status();
}

nlohmann::json OffsetStore::get(const std::string& connector, const nlohmann::json& partition) const {
  std::lock_guard lock(mu_);
  auto c = offsets_.find(connector);
  if (c == offsets_.end()) return nullptr;
  auto p = c->second.find(partition.dump());
  return p == c->second.end() ? nlohmann::json() : p->second.offset;
}

std::vector<PartitionOffset> OffsetStore::all(const std::string& connector) const {
  std::lock_guard lock(mu_);
  std::vector<PartitionOffset> out;
  auto c = offsets_.find(connector);
  if (c != offsets_.end())
    for (const auto& [_, po] : c->second) out.push_back(po);
  return out;
}

Status OffsetStore::reset(const std::string& connector) {
  std::vector<KeyValue> records;
  for (const auto& po : all(connector)) records.emplace_back(store_key(connector, po.partition), std::nullopt);
  if (records.empty()) return Status();
  TRY_STATUS(topic_->write(records));
  std::lock_guard lock(mu_);
  offsets_.erase(connector);
  return Status();
}

std::unique_ptr<OffsetReader> OffsetStore::reader(const std::string& connector) const {
  return std::make_unique<ConnectorOffsetReader>(*this, connector);
}

}  // namespace tributary::connect
