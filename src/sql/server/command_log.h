// The SQL service's command log: every statement that changes the catalogue or the set of
// persistent queries, in the order it succeeded, in one single-partition topic
// (`_confluent-ksql-<service id>_command_topic`, as ksqlDB names it). A restarted server replays it
// and so gets the same sources and the same query ids, whose state and offsets it then resumes;
// running servers of one service id follow it, so a statement run on one reaches them all.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sql/parser/ast_statement.h"
#include "sql/server/kafka_topic_store.h"

namespace tributary::sql {

struct Command {
  std::string statement;
  std::map<std::string, std::string> properties;
  std::string origin;  // the server process that ran it first (and so need not apply it again)
};

// True for statements the log keeps: CREATE (incl. AS SELECT), CREATE TYPE, ALTER, DROP,
// TERMINATE and INSERT INTO ... SELECT. Queries, INSERT VALUES and session settings are not kept.
bool changes_catalogue(const Statement& statement);

class CommandLog {
 public:
  CommandLog(std::string bootstrap_servers, std::string topic, KafkaTopicStore& topics)
      : bootstrap_(std::move(bootstrap_servers)), topic_(std::move(topic)), topics_(topics) {}

  Status ensure_topic() { return topics_.create(topic_, 1); }
  // Every command so far; `next_offset` gets the offset after the last one.
  Result<std::vector<Command>> read_all(int64_t& next_offset) const;
  // Hands each record from `from_offset` on to `on_record` as servers append them (the command, or
  // null for a record that is none, and the offset after it), until `stop` is set (checked at
  // least every 200 ms).
  Status follow(int64_t from_offset, const std::function<void(const Command*, int64_t next_offset)>& on_record,
                const std::atomic<bool>& stop) const;
  // The offset the next appended command will get.
  Result<int64_t> end_offset() const;
  // Durable (acknowledged by the log) before it returns.
  Status append(const Command& command);
  const std::string& topic() const { return topic_; }

 private:
  std::string bootstrap_;
  std::string topic_;
  KafkaTopicStore& topics_;
};

}  // namespace tributary::sql
