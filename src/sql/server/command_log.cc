#include "sql/server/command_log.h"

#include <nlohmann/json.hpp>

#include "client/partition_reader.h"
#include "common/logging.h"

namespace tributary::sql {

bool changes_catalogue(const Statement& statement) {
  return std::visit(
      [](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        return std::is_same_v<T, CreateSource> || std::is_same_v<T, CreateType> || std::is_same_v<T, AlterSource> ||
               std::is_same_v<T, Drop> || std::is_same_v<T, Terminate> || std::is_same_v<T, InsertSelect>;
      },
      statement.node);
}

namespace {

std::optional<Command> parse_command(const client::ConsumedRecord& r) {
  if (!r.value) return std::nullopt;
  auto j = nlohmann::json::parse(*r.value, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("statement") || !j["statement"].is_string()) {
    component_logger("sql")->warn("command_skipped offset={} reason=\"not a command\"", r.offset);
    return std::nullopt;
  }
  Command c;
  c.statement = j["statement"].get<std::string>();
  if (j.contains("streamsProperties") && j["streamsProperties"].is_object()) {
    for (const auto& [k, v] : j["streamsProperties"].items()) c.properties[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  if (j.contains("origin") && j["origin"].is_string()) c.origin = j["origin"].get<std::string>();
  return c;
}

}  // namespace

Result<std::vector<Command>> CommandLog::read_all(int64_t& next_offset) const {
  std::vector<Command> out;
  next_offset = 0;
  auto records = client::read_topic_to_end(bootstrap_, topic_);
  if (!records.ok() && records.status().code() == Errc::not_found) return out;
  if (!records.ok()) return records.status();
  for (const auto& r : *records) {
    next_offset = r.offset + 1;
    if (auto c = parse_command(r)) out.push_back(std::move(*c));
  }
  return out;
}

Status CommandLog::follow(int64_t from_offset, const std::function<void(const Command*, int64_t)>& on_record,
                          const std::atomic<bool>& stop) const {
  auto reader = client::PartitionReader::create(bootstrap_);
  if (!reader.ok()) return reader.status();
  TRY_STATUS((*reader)->assign({{{topic_, 0}, from_offset}}));
  while (!stop.load()) {
    auto records = (*reader)->poll(200);
    if (!records.ok()) return records.status();
    for (const auto& r : *records) {
      auto c = parse_command(r);
      on_record(c ? &*c : nullptr, r.offset + 1);
    }
  }
  return Status();
}

Result<int64_t> CommandLog::end_offset() const {
  int64_t low = 0, high = 0;
  rd_kafka_resp_err_t err =
      rd_kafka_query_watermark_offsets(topics_.producer().handle(), topic_.c_str(), 0, &low, &high, 5000);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return client::kafka_status(err, "end of " + topic_);
  return high;
}

Status CommandLog::append(const Command& command) {
  nlohmann::json j = {{"statement", command.statement}, {"streamsProperties", command.properties}};
  if (!command.origin.empty()) j["origin"] = command.origin;
  client::OutboundRecord r;
  r.topic = topic_;
  r.partition = 0;
  r.value = j.dump();
  TRY_STATUS(topics_.producer().send(r));
  return topics_.flush();
}

}  // namespace tributary::sql
