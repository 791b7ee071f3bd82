#include "sql/server/command_log.h"

#include <nlohmann/json.hpp>

#include "client/snapshot_reader.h"
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

Result<std::vector<Command>> CommandLog::read_all() const {
  std::vector<Command> out;
  auto reader = client::SnapshotReader::create(bootstrap_);
  if (!reader.ok()) return reader.status();
  auto records = (*reader)->read_to_end(topic_);
  if (!records.ok() && records.status().code() == Errc::not_found) return out;
  if (!records.ok()) return records.status();
  for (const auto& r : *records) {
    if (!r.value) continue;
    auto j = nlohmann::json::parse(*r.value, nullptr, false);
    if (j.is_discarded() || !j.contains("statement")) {
      component_logger("sql")->warn("command_skipped offset={} reason=\"not a command\"", r.offset);
      continue;
    }
    Command c;
    c.statement = j["statement"].get<std::string>();
    if (j.contains("streamsProperties")) {
      for (const auto& [k, v] : j["streamsProperties"].items()) c.properties[k] = v.is_string() ? v.get<std::string>() : v.dump();
    }
    out.push_back(std::move(c));
  }
  return out;
}

Status CommandLog::append(const Command& command) {
  nlohmann::json j = {{"statement", command.statement}, {"streamsProperties", command.properties}};
  client::OutboundRecord r;
  r.topic = topic_;
  r.partition = 0;
  r.value = j.dump();
  TRY_STATUS(topics_.producer().send(r));
  return topics_.flush();
}

}  // namespace tributary::sql
