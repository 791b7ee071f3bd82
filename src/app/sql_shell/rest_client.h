// The shell's HTTP side: a libcurl client of ksqlDB's REST API (HTTP/1.1).
//   POST /ksql          {"ksql", "streamsProperties", "commandSequenceNumber"} -> array of entities
//   POST /query-stream  {"sql", "properties"}, Accept: application/vnd.ksqlapi.delimited.v1
//                       -> a header JSON object line, then one JSON array line per row
//   POST /query         {"ksql", "streamsProperties"} (PRINT) -> text lines
//   GET  /info
// Errors come back as the server's "message".
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace tributary::app::sql_shell {

using Properties = std::map<std::string, std::string>;

class RestClient {
 public:
  explicit RestClient(std::string server);  // "http://localhost:8088"
  const std::string& server() const { return server_; }

  Result<nlohmann::json> info();
  Result<nlohmann::json> ksql(const std::string& statements, const Properties& properties,
                              std::optional<int64_t> command_sequence = std::nullopt);

  struct QueryCallbacks {
    std::function<void(const nlohmann::json& header)> on_header;
    std::function<void(const nlohmann::json& row)> on_row;
  };
  enum class QueryEnd { completed, cancelled };
  // Streams a query's rows; `cancel` set (Ctrl-C) closes the connection, which ends a push query.
  Result<QueryEnd> query_stream(const std::string& sql, const Properties& properties, const QueryCallbacks& callbacks,
                                const std::atomic<bool>& cancel);
  // PRINT: every non-empty line of the /query response.
  Result<QueryEnd> print_topic(const std::string& sql, const Properties& properties,
                               const std::function<void(const std::string& line)>& on_line,
                               const std::atomic<bool>& cancel);

 private:
  std::string server_;
};

// The server's message from an error body: {"message": "..."} (ksqlDB) or the raw text.
std::string error_message(long http_status, const std::string& body);

}  // namespace tributary::app::sql_shell
