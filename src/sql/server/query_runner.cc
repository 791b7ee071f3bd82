#include "sql/server/query_runner.h"

#include <chrono>

#include <librdkafka/rdkafka.h>

#include "common/logging.h"
#include "common/thread_name.h"

namespace tributary::sql {
namespace {

// The engine's record from a fetched message, reusing `out`'s buffers (no allocation once they
// have grown to the sizes the topic's records need). Headers only when the query reads them:
// librdkafka parses a message's headers on request into an allocated list, which cost about a
// tenth of the query thread's time for records without any.
void fill_engine_record(const client::RecordView& r, bool with_headers, KafkaRecord& out) {
  std::string_view topic = r.topic();
  if (out.topic != topic) out.topic.assign(topic);
  out.partition = r.partition();
  out.offset = r.offset();
  out.timestamp = r.timestamp_ms();
  auto assign = [](std::optional<std::string>& to, std::optional<std::string_view> from) {
    if (!from) {
      to.reset();
    } else if (to) {
      to->assign(*from);
    } else {
      to.emplace(*from);
    }
  };
  assign(out.key, r.key());
  assign(out.value, r.value());
  out.headers.clear();
  if (!with_headers) return;
  r.for_each_header([&](std::string_view name, std::optional<std::string_view> value) {
    out.headers.push_back(Header{std::string(name), value ? std::optional<std::string>(*value) : std::nullopt});
  });
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
  thread_ = std::thread([this] {
    name_this_thread("sql-query");
    run();
  });
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
  KafkaRecord record;  // reused for every message
  std::map<client::TopicPartition, int64_t> next;
  while (!stopping_.load()) {
    // The engine is locked from the first message on (not while waiting for it) to the batch's end.
    std::unique_lock<std::mutex> engine_lock(ctx_.engine_mu, std::defer_lock);
    next.clear();
    int64_t* next_offset = nullptr;  // the current partition's entry: a batch holds runs of one partition
    const std::string* topic = nullptr;
    int32_t partition = -1;
    std::size_t seen = 0;
    auto polled = consumer_->poll_each(100, kMaxBatch, [&](const client::RecordView& r) {
      ++seen;
      if (!engine_lock.owns_lock()) {
        engine_lock.lock();
        ctx_.engine.begin_batch(query_.id);
      }
      fill_engine_record(r, query_.reads_headers, record);
      if (!topic || record.partition != partition || record.topic != *topic) {
        auto it = next.try_emplace({record.topic, record.partition}, 0).first;
        next_offset = &it->second;
        topic = &it->first.first;
        partition = record.partition;
      }
      *next_offset = record.offset + 1;
      ctx_.engine.process(query_.id, record);
    });
    if (engine_lock.owns_lock()) {
      ctx_.engine.end_batch(query_.id);  // the batch's coalesced table changes
      engine_lock.unlock();
    }
    if (!polled.ok()) {
      log->error("query_poll_failed id={} error=\"{}\"", query_.id, polled.status().message());
      if (seen == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        continue;
      }
      // What the batch processed before the error is committed as usual below.
    } else if (seen == 0) {
      commit_group();
      continue;
    }
    processed_ += static_cast<int64_t>(seen);
    log->debug("query_batch id={} records={} processed={}", query_.id, seen, processed_.load());
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
