// The group coordinator: one thread with its own Asio io_context owns every group (GroupManager)
// and the __consumer_offsets journal. Handlers call the asynchronous methods from connection
// threads; the work runs on the coordinator thread, and `done` is called there (answering through
// the thread-safe Responder). JoinGroup and SyncGroup answers wait there until the rebalance step
// completes. Timers on the same thread expire sessions and rebalances and drop old offsets.
#pragma once

#include "broker/asio.h"

#include <atomic>
#include <memory>
#include <thread>

#include "broker/broker_config.h"
#include "broker/group/group_manager.h"
#include "broker/group/offsets_topic.h"

namespace tributary::broker::group {

GroupSettings settings_from(const BrokerConfig& config);

class GroupCoordinator {
 public:
  GroupCoordinator(const BrokerConfig& config, TopicManager& topics, GroupCommit& group_commit);
  ~GroupCoordinator();

  // Opens (or creates) __consumer_offsets, starts the thread and replays the topic on it; until
  // the replay ends, requests are answered COORDINATOR_LOAD_IN_PROGRESS.
  Status start();
  void stop();
  bool loaded() const { return loaded_; }

  void join(JoinRequest request, JoinCallback done);
  void sync(SyncRequest request, SyncCallback done);
  void heartbeat(HeartbeatRequest request, std::function<void(GroupError)> done);
  void leave(std::string group_id, std::vector<MemberIdentity> members, std::function<void(LeaveResult)> done);
  void commit(CommitRequest request, CommitCallback done);
  void fetch(std::string group_id, std::optional<std::vector<TopicPartition>> partitions,
             std::function<void(FetchOffsetsResult)> done);
  void delete_offsets(std::string group_id, std::vector<TopicPartition> partitions,
                      std::function<void(DeleteOffsetsResult)> done);
  void delete_groups(std::vector<std::string> group_ids,
                     std::function<void(std::vector<std::pair<std::string, GroupError>>)> done);
  void list(std::function<void(std::vector<GroupListing>)> done);
  void describe(std::vector<std::string> group_ids, std::function<void(std::vector<GroupDescription>)> done);

  // Blocking views for internal callers (console, /metrics); never call them on the coordinator thread.
  std::vector<GroupListing> list_groups();
  GroupDescription describe_group(const std::string& group_id);
  std::vector<PartitionLag> lag(const std::string& group_id);

 private:
  // Runs `fn` on the coordinator thread, then re-arms the deadline timer.
  template <class Fn>
  void run(Fn fn);
  template <class T, class Fn>
  T run_and_wait(Fn fn);
  void load();
  void rearm();
  void schedule_offset_expiry();

  const BrokerConfig& config_;
  TopicManager& topics_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::steady_timer deadline_timer_;
  boost::asio::steady_timer expiry_timer_;
  int64_t armed_for_ = INT64_MAX;
  std::thread thread_;
  std::atomic<bool> loaded_{false};
  OffsetsTopic offsets_topic_;
  GroupManager manager_;
};

}  // namespace tributary::broker::group
