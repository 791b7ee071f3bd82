// PRINT 'topic' [FROM BEGINNING] [INTERVAL n] [LIMIT n] on /query, as ksqlDB answers it: text lines,
// "Key format: ..." and "Value format: ..." guessed from the first record, then one line per record.
// The topic is read by a PartitionReader on a thread of its own so no HTTP I/O thread ever waits on
// the log; the thread stops when the client disconnects, LIMIT is reached or the service stops.
#include <atomic>
#include <ctime>

#include <fmt/format.h>

#include "client/partition_reader.h"
#include "common/text_encoding.h"
#include "http/stream_writer.h"
#include "sql/rest/sql_rest.h"

namespace tributary::sql {
namespace {

// ksqlDB guesses a format from the bytes alone; objects and arrays that parse are JSON.
std::string guess_format(const std::optional<std::string>& bytes) {
  if (!bytes) return "KAFKA_STRING";
  auto start = bytes->find_first_not_of(" \t\r\n");
  if (start != std::string::npos && ((*bytes)[start] == '{' || (*bytes)[start] == '[') &&
      nlohmann::json::accept(*bytes))
    return "JSON";
  return is_valid_utf8(*bytes) ? "KAFKA_STRING" : "KAFKA_BYTES";
}

// ksqlDB's "yyyy/MM/dd HH:mm:ss.SSS Z", in UTC.
std::string rowtime_text(int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  int millis = static_cast<int>(ms - static_cast<int64_t>(seconds) * 1000);
  return fmt::format("{:04}/{:02}/{:02} {:02}:{:02}:{:02}.{:03} Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

std::string record_line(const client::ConsumedRecord& r) {
  return "rowtime: " + rowtime_text(r.timestamp_ms) + ", key: " + (r.key ? *r.key : "<null>") +
         ", value: " + (r.value ? *r.value : "<null>") + ", partition: " + std::to_string(r.partition) + "\n";
}

void read_topic(const std::string& bootstrap, std::map<client::TopicPartition, int64_t> starts, int64_t interval,
                int64_t limit, const std::shared_ptr<http::StreamWriter>& writer,
                const std::shared_ptr<std::atomic<bool>>& closed) {
  auto reader = client::PartitionReader::create(bootstrap);
  if (!reader.ok() || !(*reader)->assign(starts).ok()) {
    writer->write("Error: " + (reader.ok() ? std::string("cannot read the topic") : reader.status().message()) + "\n");
    writer->close();
    return;
  }
  int64_t seen = 0, printed = 0;
  bool formats_written = false;
  while (!closed->load() && (limit < 0 || printed < limit)) {
    auto records = (*reader)->poll(500, 500);
    if (!records.ok()) {
      writer->write("Error: " + records.status().message() + "\n");
      break;
    }
    std::string batch;
    for (const auto& r : *records) {
      if (limit >= 0 && printed >= limit) break;
      if (seen++ % interval != 0) continue;
      if (!formats_written) {
        batch += "Key format: " + guess_format(r.key) + "\nValue format: " + guess_format(r.value) + "\n";
        formats_written = true;
      }
      batch += record_line(r);
      ++printed;
    }
    if (!batch.empty() && !writer->write(batch)) break;
  }
  writer->close();
}

}  // namespace

http::Response run_print(SqlRestContext& ctx, const Print& print, const std::string& statement_text) {
  if (print.interval && *print.interval < 1)
    return ksql_error(400, 40001, "INTERVAL must be a positive number", statement_text);
  int32_t partitions = ctx.service.topic_partitions(print.topic);
  if (partitions <= 0) {
    return ksql_error(400, 40001,
                      "Could not find topic '" + print.topic +
                          "', or the KSQL user does not have permissions to list the topic. "
                          "Topic names are case-sensitive.",
                      statement_text);
  }
  std::map<client::TopicPartition, int64_t> starts;
  for (int32_t p = 0; p < partitions; ++p)
    starts[{print.topic, p}] = print.from_beginning ? client::PartitionReader::kBeginning : client::PartitionReader::kEnd;
  std::string bootstrap = ctx.service.options().bootstrap_servers;
  int64_t interval = print.interval.value_or(1);
  int64_t limit = print.limit.value_or(-1);
  return http::stream_response("text/plain; charset=utf-8", [=, &ctx](std::shared_ptr<http::StreamWriter> writer) {
    auto closed = std::make_shared<std::atomic<bool>>(false);
    writer->on_close([closed] { *closed = true; });
    // Owns only copies and shared state, so it may outlive the request (it ends within one poll of
    // `closed` being set: by the client leaving, or by the service stopping).
    ctx.streams.start(closed, [=] { read_topic(bootstrap, starts, interval, limit, writer, closed); });
  });
}

}  // namespace tributary::sql
