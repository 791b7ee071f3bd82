#include "sql/server/query_runner.h"

#include <chrono>

#include <librdkafka/rdkafka.h>

#include "common/logging.h"

namespace tributary::sql {
namespace {

KafkaRecord to_engine_record(client::ConsumedRecord r) {
  KafkaRecord out;
  out.topic = std::move(r.topic);
  out.partition = r.partition;
  out.offset = r.offset;
  out.timestamp = r.timestamp_ms;
  out.key = std::move(r.key);
  out.value = std::move(r.value);
  for (auto& [k, v] : r.headers) out.headers.push_back(Header{std::move(k), std::move(v)});
  return out;
}

}  // namespace

QueryRunner::QueryRunner(QueryRunnerContext ctx, Engine::QueryInfo query, RocksDbQueryState* state, bool from_latest)
    : ctx_(std::move(ctx)), query_(std::move(query)), state_(state), from_latest_(from_latest) {}

std::map<client::TopicPartition, int64_t> QueryRunner::start_offsets(const std::vector<client::TopicPartition>& assigned) {
  std::map<client::TopicPartition, int64_t> out;
  if (state_) {
    SourceOffsets stored = state_->offsets();
    for (const auto& tp : assigned) {
      auto it = stored.find(tp);
      if (it != stored.end()) out[tp] = it->second;
    }
  } else if (from_latest_) {
    // The current end, fixed now: everything produced after the client got its header is seen.
    for (const auto& tp : assigned) {
      int64_t low = 0, high = 0;
      if (rd_kafka_query_watermark_offsets(ctx_.topics.producer().handle(), tp.first.c_str(), tp.second, &low, &high,
                                           5000) == RD_KAFKA_RESP_ERR_NO_ERROR)
        out[tp] = high;
    }
  }
  {
    std::lock_guard lock(assigned_mu_);
    assigned_ = true;
  }
  assigned_cv_.notify_all();
  return out;
}

Status QueryRunner::start(bool wait_for_assignment) {
  client::Properties props = {{"auto.offset.reset", from_latest_ ? "latest" : "earliest"},
                              {"session.timeout.ms", "10000"}};
  std::string group = ctx_.group_prefix + query_.id;
  if (query_.transient) {
    group += "_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  auto consumer = client::GroupConsumer::create(ctx_.bootstrap_servers, group, props);
  if (!consumer.ok()) return consumer.status();
  consumer_ = std::move(*consumer);
  consumer_->on_assign([this](const std::vector<client::TopicPartition>& tps) { return start_offsets(tps); });
  TRY_STATUS(consumer_->subscribe(query_.source_topics));
  thread_ = std::thread([this] { run(); });
  if (wait_for_assignment) {
    std::unique_lock lock(assigned_mu_);
    if (!assigned_cv_.wait_for(lock, std::chrono::seconds(15), [&] { return assigned_; }))
      return Status::error(Errc::timed_out, "query " + query_.id + ": no partitions assigned in time");
  }
  return Status();
}

void QueryRunner::run() {
  auto log = component_logger("sql");
  log->info("query_started id={} topics={}", query_.id, fmt::join(query_.source_topics, ","));
  // Offsets state has committed but the group has not yet: restarts read the offsets kept with
  // the state, so the group's copy (for monitoring and lag) is committed once a second and when
  // the query has caught up (an empty poll), not after every batch.
  std::map<client::TopicPartition, int64_t> group_pending;
  auto last_group_commit = std::chrono::steady_clock::now();
  auto commit_group = [&] {
    if (group_pending.empty()) return;
    if (Status s = consumer_->commit(group_pending); !s.ok())
      log->warn("query_commit_failed id={} error=\"{}\"", query_.id, s.message());
    group_pending.clear();
    last_group_commit = std::chrono::steady_clock::now();
  };
  while (!stopping_.load()) {
    auto records = consumer_->poll(100, kMaxBatch);
    if (!records.ok()) {
      log->error("query_poll_failed id={} error=\"{}\"", query_.id, records.status().message());
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      continue;
    }
    if (records->empty()) {
      commit_group();
      continue;
    }
    std::map<client::TopicPartition, int64_t> next;
    {
      std::lock_guard lock(ctx_.engine_mu);
      ctx_.engine.begin_batch(query_.id);
      int64_t* next_offset = nullptr;  // the current partition's entry: a batch holds runs of one partition
      const std::string* topic = nullptr;
      int32_t partition = -1;
      for (auto& r : *records) {
        if (!topic || r.partition != partition || r.topic != *topic) {
          auto it = next.try_emplace({r.topic, r.partition}, 0).first;
          next_offset = &it->second;
          topic = &it->first.first;
          partition = r.partition;
        }
        *next_offset = r.offset + 1;
        ctx_.engine.process(query_.id, to_engine_record(std::move(r)));
      }
      ctx_.engine.end_batch(query_.id);  // the batch's coalesced table changes
    }
    processed_ += static_cast<int64_t>(records->size());
    log->debug("query_batch id={} records={} processed={}", query_.id, records->size(), processed_.load());
    if (query_.transient) continue;
    // Outputs first, then state with offsets, then the group's offsets: a crash in between
    // repeats output records at worst, never loses them or double-counts state.
    Status s = ctx_.topics.flush();
    if (s.ok() && state_) s = state_->commit(next);
    if (!s.ok()) {
      log->warn("query_commit_failed id={} error=\"{}\"", query_.id, s.message());
      continue;
    }
    for (const auto& [tp, offset] : next) group_pending[tp] = offset;
    if (!state_ || std::chrono::steady_clock::now() - last_group_commit >= std::chrono::seconds(1))
      commit_group();
  }
  commit_group();
  log->info("query_stopped id={} processed={}", query_.id, processed_.load());
}

void QueryRunner::stop() {
  if (stopping_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
  if (consumer_) consumer_->close();
}

}  // namespace tributary::sql
