#include "broker/group/group_coordinator.h"

#include <future>

#include "common/clock.h"
#include "common/logging.h"
#include "common/thread_name.h"

namespace tributary::broker::group {
namespace asio = boost::asio;

GroupSettings settings_from(const BrokerConfig& config) {
  const ConfigValues& v = config.values();
  GroupSettings s;
  s.min_session_timeout_ms = v.get_int("group.min.session.timeout.ms");
  s.max_session_timeout_ms = v.get_int("group.max.session.timeout.ms");
  s.initial_rebalance_delay_ms = v.get_int("group.initial.rebalance.delay.ms");
  s.max_group_size = v.get_int("group.max.size");
  s.offsets_retention_ms = v.get_long("offsets.retention.minutes") * 60 * 1000;
  return s;
}

GroupCoordinator::GroupCoordinator(const BrokerConfig& config, TopicManager& topics, GroupCommit& group_commit)
    : config_(config),
      topics_(topics),
      work_(io_.get_executor()),
      deadline_timer_(io_),
      expiry_timer_(io_),
      offsets_topic_(topics, group_commit, [this](std::function<void()> fn) { run(std::move(fn)); }),
      manager_(settings_from(config), GroupClock{steady_ms, now_ms}, offsets_topic_,
               [&topics](const TopicPartition& tp) { return topics.partition(tp.topic, tp.partition) != nullptr; }) {}

GroupCoordinator::~GroupCoordinator() { stop(); }

Status GroupCoordinator::start() {
  TRY_STATUS(offsets_topic_.open(config_.values().get_int("offsets.topic.num.partitions")));
  thread_ = std::thread([this] {
    name_this_thread("kafka-groups");
    io_.run();
  });
  asio::post(io_, [this] { load(); });
  return Status();
}

void GroupCoordinator::stop() {
  if (!thread_.joinable()) return;
  work_.reset();
  io_.stop();
  thread_.join();
}

void GroupCoordinator::load() {
  int64_t started = steady_ms();
  size_t records = 0;
  Status s = offsets_topic_.replay([&](const RecordKey& key, const std::optional<std::span<const uint8_t>>& value) {
    ++records;
    manager_.restore(key, value);
  });
  auto log = component_logger("groups");
  // A damaged tail should not keep every group offline: serve what was read, loudly.
  if (!s.ok()) log->error("offsets_replay_failed error=\"{}\"", s.to_string());
  loaded_ = true;
  log->info("group_coordinator_loaded groups={} records={} partitions={} ms={}", manager_.group_count(), records,
            offsets_topic_.partition_count(), steady_ms() - started);
  schedule_offset_expiry();
}

template <class Fn>
void GroupCoordinator::run(Fn fn) {
  asio::post(io_, [this, fn = std::move(fn)]() mutable {
    fn();
    rearm();
  });
}

template <class T, class Fn>
T GroupCoordinator::run_and_wait(Fn fn) {
  if (!thread_.joinable() || io_.stopped()) return T{};  // not started, or shut down
  std::promise<T> promise;
  auto future = promise.get_future();
  asio::post(io_, [&] { promise.set_value(fn()); });
  return future.get();
}

void GroupCoordinator::rearm() {
  int64_t next = manager_.next_deadline();
  if (next == armed_for_) return;
  armed_for_ = next;
  if (next == INT64_MAX) {
    deadline_timer_.cancel();
    return;
  }
  deadline_timer_.expires_at(asio::steady_timer::time_point(std::chrono::milliseconds(next)));
  deadline_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;  // re-armed or stopping
    armed_for_ = INT64_MAX;
    manager_.advance();
    rearm();
  });
}

void GroupCoordinator::schedule_offset_expiry() {
  expiry_timer_.expires_after(std::chrono::milliseconds(config_.values().get_long("offsets.retention.check.interval.ms")));
  expiry_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    manager_.expire_offsets();
    schedule_offset_expiry();
  });
}

// Each asynchronous call answers at once while the journal is still being replayed.

void GroupCoordinator::join(JoinRequest request, JoinCallback done) {
  if (!loaded_) {
    JoinResult r;
    r.error = GroupError::coordinator_load_in_progress;
    r.member_id = request.member_id;
    return done(std::move(r));
  }
  run([this, request = std::move(request), done = std::move(done)]() mutable { manager_.join(std::move(request), std::move(done)); });
}

void GroupCoordinator::sync(SyncRequest request, SyncCallback done) {
  if (!loaded_) return done(SyncResult{.error = GroupError::coordinator_load_in_progress});
  run([this, request = std::move(request), done = std::move(done)]() mutable { manager_.sync(std::move(request), std::move(done)); });
}

void GroupCoordinator::heartbeat(HeartbeatRequest request, std::function<void(GroupError)> done) {
  if (!loaded_) return done(GroupError::coordinator_load_in_progress);
  run([this, request = std::move(request), done = std::move(done)] { done(manager_.heartbeat(request)); });
}

void GroupCoordinator::leave(std::string group_id, std::vector<MemberIdentity> members,
                             std::function<void(LeaveResult)> done) {
  if (!loaded_) return done(LeaveResult{.error = GroupError::coordinator_load_in_progress});
  run([this, group_id = std::move(group_id), members = std::move(members), done = std::move(done)] {
    done(manager_.leave(group_id, members));
  });
}

void GroupCoordinator::commit(CommitRequest request, CommitCallback done) {
  if (!loaded_) {
    CommitResult r;
    for (const auto& [tp, offset] : request.offsets) r.partitions.push_back({tp, GroupError::coordinator_load_in_progress});
    return done(std::move(r));
  }
  run([this, request = std::move(request), done = std::move(done)]() mutable { manager_.commit(std::move(request), std::move(done)); });
}

void GroupCoordinator::fetch(std::string group_id, std::optional<std::vector<TopicPartition>> partitions,
                             std::function<void(FetchOffsetsResult)> done) {
  if (!loaded_) return done(FetchOffsetsResult{.error = GroupError::coordinator_load_in_progress});
  run([this, group_id = std::move(group_id), partitions = std::move(partitions), done = std::move(done)] {
    done(manager_.fetch(group_id, partitions));
  });
}

void GroupCoordinator::delete_offsets(std::string group_id, std::vector<TopicPartition> partitions,
                                      std::function<void(DeleteOffsetsResult)> done) {
  if (!loaded_) return done(DeleteOffsetsResult{.error = GroupError::coordinator_load_in_progress});
  run([this, group_id = std::move(group_id), partitions = std::move(partitions), done = std::move(done)]() mutable {
    manager_.delete_offsets(group_id, partitions, std::move(done));
  });
}

void GroupCoordinator::delete_groups(std::vector<std::string> group_ids,
                                     std::function<void(std::vector<std::pair<std::string, GroupError>>)> done) {
  if (!loaded_) {
    std::vector<std::pair<std::string, GroupError>> r;
    for (auto& id : group_ids) r.push_back({id, GroupError::coordinator_load_in_progress});
    return done(std::move(r));
  }
  run([this, group_ids = std::move(group_ids), done = std::move(done)]() mutable {
    manager_.delete_groups(group_ids, std::move(done));
  });
}

void GroupCoordinator::list(std::function<void(std::vector<GroupListing>)> done) {
  run([this, done = std::move(done)] { done(manager_.list()); });
}

void GroupCoordinator::describe(std::vector<std::string> group_ids,
                                std::function<void(std::vector<GroupDescription>)> done) {
  if (!loaded_) {
    std::vector<GroupDescription> r;
    for (auto& id : group_ids) r.push_back({.error = GroupError::coordinator_load_in_progress, .group_id = id});
    return done(std::move(r));
  }
  run([this, group_ids = std::move(group_ids), done = std::move(done)] {
    std::vector<GroupDescription> r;
    for (const auto& id : group_ids) r.push_back(manager_.describe(id));
    done(std::move(r));
  });
}

std::vector<GroupListing> GroupCoordinator::list_groups() {
  return run_and_wait<std::vector<GroupListing>>([this] { return manager_.list(); });
}

GroupDescription GroupCoordinator::describe_group(const std::string& group_id) {
  return run_and_wait<GroupDescription>([&] { return manager_.describe(group_id); });
}

std::vector<PartitionLag> GroupCoordinator::lag(const std::string& group_id) {
  auto committed = run_and_wait<std::map<TopicPartition, CommittedOffset>>([&] { return manager_.committed(group_id); });
  std::vector<PartitionLag> out;
  for (const auto& [tp, offset] : committed) {
    PartitionLag lag{tp.topic, tp.partition, offset.offset, -1, -1};
    if (auto partition = topics_.partition(tp.topic, tp.partition)) {
      lag.log_end_offset = partition->log().log_end_offset();
      lag.lag = std::max<int64_t>(0, lag.log_end_offset - offset.offset);
    }
    out.push_back(lag);
  }
  return out;
}

}  // namespace tributary::broker::group
