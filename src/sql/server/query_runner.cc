#include "sql/server/query_runner.h"

#include <algorithm>
#include <chrono>

#include <librdkafka/rdkafka.h>

#include "client/group_admin.h"
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

// A query consumer's client.id: the prefix, then the worker's advertised REST URL.
constexpr std::string_view kClientIdPrefix = "tributary-sql@";

}  // namespace

Result<std::map<int32_t, std::string>> query_task_owners(client::KafkaHandle& admin, const std::string& group,
                                                         const std::string& changelog_topic) {
  auto described = client::GroupAdmin(admin, 5000).describe(group);
  if (!described.ok()) return described.status();
  std::map<int32_t, std::string> out;
  for (const auto& member : described->members) {
    if (!member.client_id.starts_with(kClientIdPrefix)) continue;
    for (const auto& tp : member.assignment) {
      if (tp.topic == changelog_topic) out[tp.partition] = member.client_id.substr(kClientIdPrefix.size());
    }
  }
  return out;
}

QueryRunner::QueryRunner(QueryRunnerContext ctx, Engine::QueryInfo query, std::vector<QueryTask> tasks, bool as_tasks,
                         bool from_latest)
    : ctx_(std::move(ctx)),
      query_(std::move(query)),
      tasks_(std::move(tasks)),
      as_tasks_(as_tasks),
      from_latest_(from_latest),
      engine_lock_(ctx_.engine_mu, std::defer_lock) {}

const std::string& QueryRunner::changelog_topic() const { return tasks_.front().changelog->topic(); }

std::vector<int32_t> QueryRunner::owned_tasks() const {
  std::lock_guard lock(owned_mu_);
  return owned_;
}

uint64_t QueryRunner::state_size_bytes() const {
  uint64_t total = 0;
  for (const auto& t : tasks_) total += t.state->approximate_size_bytes();
  return total;
}

void QueryRunner::mark_assigned() {
  {
    std::lock_guard lock(assigned_mu_);
    assigned_ = true;
  }
  assigned_cv_.notify_all();
}

std::map<client::TopicPartition, int64_t> QueryRunner::start_offsets(const std::vector<client::TopicPartition>& assigned) {
  std::map<client::TopicPartition, int64_t> out;
  if (from_latest_) {
    // The current end, fixed now: everything produced after the client got its header is seen.
    for (const auto& tp : assigned) {
      int64_t low = 0, high = 0;
      if (rd_kafka_query_watermark_offsets(ctx_.topics.producer().handle(), tp.first.c_str(), tp.second, &low, &high,
                                           5000) == RD_KAFKA_RESP_ERR_NO_ERROR)
        out[tp] = high;
    }
  }
  mark_assigned();
  return out;
}

std::map<client::TopicPartition, int64_t> QueryRunner::take_over(const std::vector<client::TopicPartition>& granted) {
  give_up();  // the eager protocol revokes first; this only guards against a missed revoke
  held_.clear();
  for (auto& task : tasks_) {
    if (std::find(granted.begin(), granted.end(), client::TopicPartition{changelog_topic(), task.partition}) !=
        granted.end())
      held_.push_back(&task);
  }
  std::map<client::TopicPartition, int64_t> out;
  if (!held_.empty()) {
    if (auto sources = become_owner()) out = std::move(*sources);
  }
  mark_assigned();
  return out;
}

std::optional<std::map<client::TopicPartition, int64_t>> QueryRunner::become_owner() {
  auto log = component_logger("sql");
  std::vector<int32_t> partitions;
  for (const QueryTask* task : held_) partitions.push_back(task->partition);
  Status s;
  {
    std::lock_guard lock(ctx_.engine_mu);
    auto replace_state = [&]() -> Status {
      for (QueryTask* task : held_) {
        task->state->discard_pending();
        TRY_STATUS(task->changelog->make_current(*task->state));
      }
      return Status();
    };
    s = ctx_.engine.rebuild_query(query_.id, replace_state,
                                  as_tasks_ ? std::optional<std::vector<int32_t>>(partitions) : std::nullopt);
  }
  if (!s.ok()) {
    // The group chose this worker: it tries again from the polling loop (retry_owner).
    log->error("query_takeover_failed id={} error=\"{}\"", query_.id, s.message());
    next_owner_attempt_ = std::chrono::steady_clock::now() + kOwnerRetry;
    return std::nullopt;
  }
  std::map<client::TopicPartition, int64_t> out;
  for (const QueryTask* task : held_) {
    SourceOffsets stored = task->state->offsets();
    for (const auto& topic : query_.source_topics) {
      // A task reads its own partition; a query run whole reads them all.
      int32_t first = as_tasks_ ? task->partition : 0;
      int32_t end = as_tasks_ ? task->partition + 1 : ctx_.topics.partitions(topic);
      for (int32_t p = first; p < end; ++p) {
        auto it = stored.find({topic, p});
        out[{topic, p}] = it != stored.end() ? it->second : client::GroupConsumer::kCommittedOffset;
      }
    }
  }
  {
    std::lock_guard lock(owned_mu_);
    owned_ = partitions;
  }
  owner_ = true;
  log->info("query_taken_over id={} tasks={} partitions={}", query_.id, fmt::join(partitions, ","), out.size());
  return out;
}

void QueryRunner::retry_owner() {
  if (held_.empty() || owner_ || std::chrono::steady_clock::now() < next_owner_attempt_) return;
  auto sources = become_owner();
  if (!sources) return;
  if (Status s = consumer_->assign(*sources); !s.ok()) {
    component_logger("sql")->error("query_assign_failed id={} error=\"{}\"", query_.id, s.message());
    give_up();  // nothing was processed; the tasks' instances go until the next attempt
    next_owner_attempt_ = std::chrono::steady_clock::now() + kOwnerRetry;
  }
}

void QueryRunner::finish_batch() {
  end_engine_batch();
  commit_batch();
  commit_group();
}

void QueryRunner::give_up() {
  if (!owner_) return;
  finish_batch();
  owner_ = false;
  {
    std::lock_guard lock(owned_mu_);
    owned_.clear();
  }
  if (as_tasks_) {
    // Pull queries here must not read tasks that move on: their instances go.
    std::lock_guard lock(ctx_.engine_mu);
    (void)ctx_.engine.rebuild_query(query_.id, [] { return Status(); }, std::vector<int32_t>{});
  }
  component_logger("sql")->info("query_given_up id={}", query_.id);
}

Status QueryRunner::start(bool wait_for_assignment) {
  client::Properties props = {{"auto.offset.reset", from_latest_ ? "latest" : "earliest"},
                              {"session.timeout.ms", "10000"},
                              {"client.id", std::string(kClientIdPrefix) + ctx_.advertised_url}};
  // The owner election reassigns in place of what the group granted: only the eager protocol.
  if (stateful()) props["partition.assignment.strategy"] = "range";
  std::string group = ctx_.group_prefix + query_.id;
  if (query_.transient) {
    group += "_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  auto consumer = client::GroupConsumer::create(ctx_.bootstrap_servers, group, props);
  if (!consumer.ok()) return consumer.status();
  consumer_ = std::move(*consumer);
  if (stateful()) {
    consumer_->on_assign_instead([this](const std::vector<client::TopicPartition>& tps) { return take_over(tps); });
    consumer_->on_revoke([this](const std::vector<client::TopicPartition>&) {
      give_up();
      held_.clear();
    });
    TRY_STATUS(consumer_->subscribe({changelog_topic()}));
  } else {
    consumer_->on_assign([this](const std::vector<client::TopicPartition>& tps) { return start_offsets(tps); });
    // Offsets of what was processed reach the group before another worker gets the partitions.
    consumer_->on_revoke([this](const std::vector<client::TopicPartition>&) { finish_batch(); });
    TRY_STATUS(consumer_->subscribe(query_.source_topics));
  }
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

void QueryRunner::end_engine_batch() {
  if (!engine_lock_.owns_lock()) return;
  ctx_.engine.end_batch(query_.id);  // the batch's coalesced table changes
  engine_lock_.unlock();
}

bool QueryRunner::commit_batch() {
  std::size_t seen = std::exchange(batch_seen_, 0);
  if (batch_next_.empty()) return true;
  processed_ += static_cast<int64_t>(seen);
  component_logger("sql")->debug("query_batch id={} records={} processed={}", query_.id, seen, processed_.load());
  if (query_.transient) {
    batch_next_.clear();
    return true;
  }
  // Outputs and changelog first, then state with offsets, then the group's offsets: a crash in
  // between repeats output records at worst, never loses them or double-counts state.
  for (QueryTask* task : held_) {
    if (!as_tasks_) {
      task->state->prepare(batch_next_);
      continue;
    }
    SourceOffsets own;  // a task's offsets entry holds its own partition only
    for (const auto& [tp, offset] : batch_next_) {
      if (tp.second == task->partition) own[tp] = offset;
    }
    task->state->prepare(own);
  }
  Status s = ctx_.topics.flush();
  for (QueryTask* task : held_) {
    if (s.ok()) s = task->state->write();
  }
  if (!s.ok()) {
    // What was prepared is prepared again, with the offsets, by the next batch's commit.
    component_logger("sql")->warn("query_commit_failed id={} error=\"{}\"", query_.id, s.message());
    batch_next_.clear();
    return false;
  }
  for (const auto& [tp, offset] : batch_next_) group_pending_[tp] = offset;
  batch_next_.clear();
  return true;
}

void QueryRunner::commit_group() {
  if (group_pending_.empty()) return;
  if (Status s = consumer_->commit(group_pending_); !s.ok())
    component_logger("sql")->warn("query_commit_failed id={} error=\"{}\"", query_.id, s.message());
  group_pending_.clear();
  last_group_commit_ = std::chrono::steady_clock::now();
}

void QueryRunner::run() {
  auto log = component_logger("sql");
  log->info("query_started id={} topics={}", query_.id, fmt::join(query_.source_topics, ","));
  last_group_commit_ = std::chrono::steady_clock::now();
  KafkaRecord record;  // reused for every message
  int64_t* next_offset = nullptr;  // the current partition's entry: a batch holds runs of one partition
  const std::string* topic = nullptr;
  int32_t partition = -1;
  while (!stopping_.load()) {
    if (stateful()) retry_owner();
    topic = nullptr;
    // The engine is locked from the first message on (not while waiting for it) to the batch's end.
    auto polled = consumer_->poll_each(100, kMaxBatch, [&](const client::RecordView& r) {
      if (stateful() && !owner_) return;  // fetched before the query was given up
      ++batch_seen_;
      if (!engine_lock_.owns_lock()) {
        engine_lock_.lock();
        ctx_.engine.begin_batch(query_.id);
        topic = nullptr;  // a rebalance in the poll committed the batch: its entries are gone
      }
      fill_engine_record(r, query_.reads_headers, record);
      if (!topic || record.partition != partition || record.topic != *topic) {
        auto it = batch_next_.try_emplace({record.topic, record.partition}, 0).first;
        next_offset = &it->second;
        topic = &it->first.first;
        partition = record.partition;
      }
      *next_offset = record.offset + 1;
      ctx_.engine.process(query_.id, record);
    });
    end_engine_batch();
    if (!polled.ok()) {
      log->error("query_poll_failed id={} error=\"{}\"", query_.id, polled.status().message());
      if (batch_next_.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        continue;
      }
      // What the batch processed before the error is committed as usual below.
    } else if (batch_next_.empty()) {
      commit_group();
      continue;
    }
    if (!commit_batch() || query_.transient) continue;
    if (!stateful() || std::chrono::steady_clock::now() - last_group_commit_ >= std::chrono::seconds(1)) commit_group();
  }
  finish_batch();
  log->info("query_stopped id={} processed={}", query_.id, processed_.load());
}

void QueryRunner::stop() {
  if (stopping_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
  // Leaving the group revokes (the callback runs here, the polling thread having ended) and lets
  // another worker take the query over at once.
  if (consumer_) consumer_->close();
}

}  // namespace tributary::sql
