// Test doubles for GroupManager: a clock the test moves, a journal that keeps records in memory,
// and helpers that run the join/sync steps and capture their answers.
#pragma once

#include <gtest/gtest.h>

#include <optional>

#include "broker/group/group_manager.h"

namespace tributary::broker::group::testing {

struct FakeClock {
  int64_t steady = 1'000'000;
  int64_t wall = 1'700'000'000'000;
  GroupClock clock() {
    return {[this] { return steady; }, [this] { return wall; }};
  }
};

// Completes writes immediately (or holds them when `hold` is set) and keeps every record.
class FakeJournal : public Journal {
 public:
  void write(const std::string& group, std::vector<protocol::Record> records,
             std::function<void(Status)> done) override {
    for (auto& r : records) written.push_back({group, std::move(r)});
    if (hold) held.push_back(std::move(done));
    else done(fail ? Status::error(Errc::io_error, "disk on fire") : Status());
  }
  std::vector<std::pair<std::string, protocol::Record>> written;
  std::vector<std::function<void(Status)>> held;
  bool hold = false;
  bool fail = false;
};

inline ProtocolMetadata protocol(const std::string& name, Bytes metadata = {1, 2, 3}) { return {name, metadata}; }

inline JoinRequest join_request(const std::string& group, const std::string& member_id = "",
                                std::vector<ProtocolMetadata> protocols = {protocol("range")}) {
  JoinRequest r;
  r.group_id = group;
  r.member_id = member_id;
  r.client_id = "client";
  r.client_host = "/127.0.0.1";
  r.protocol_type = "consumer";
  r.session_timeout_ms = 10000;
  r.rebalance_timeout_ms = 30000;
  r.protocols = std::move(protocols);
  r.require_known_member_id = true;
  return r;
}

// Holds the answer of a JoinGroup or SyncGroup that may arrive later.
template <class T>
struct Answer {
  std::optional<T> value;
  std::function<void(T)> callback() {
    return [this](T v) { value = std::move(v); };
  }
};

class GroupTest : public ::testing::Test {
 protected:
  GroupTest() { make_manager({}); }

  void make_manager(GroupSettings settings) {
    settings.min_session_timeout_ms = 1000;
    manager = std::make_unique<GroupManager>(settings, clock.clock(), journal,
                                             [this](const TopicPartition& tp) { return tp.topic != "missing"; });
  }

  // The two-step join of a dynamic member (MEMBER_ID_REQUIRED, then the real join); returns its id.
  std::string join_new(Answer<JoinResult>& answer, const std::string& group = "g",
                       std::vector<ProtocolMetadata> protocols = {protocol("range")}) {
    Answer<JoinResult> first;
    manager->join(join_request(group, "", protocols), first.callback());
    EXPECT_TRUE(first.value);
    EXPECT_EQ(first.value->error, GroupError::member_id_required);
    std::string id = first.value->member_id;
    manager->join(join_request(group, id, protocols), answer.callback());
    return id;
  }

  SyncResult sync_now(const std::string& member_id, int32_t generation,
                      std::vector<std::pair<std::string, Bytes>> assignments = {}, const std::string& group = "g") {
    Answer<SyncResult> answer;
    manager->sync({group, generation, member_id, std::nullopt, std::nullopt, std::nullopt, std::move(assignments)},
                  answer.callback());
    EXPECT_TRUE(answer.value) << "SyncGroup should have been answered";
    return answer.value.value_or(SyncResult{});
  }

  GroupState state(const std::string& group = "g") {
    const Group* g = manager->find(group);
    return g ? g->state() : GroupState::dead;
  }

  FakeClock clock;
  FakeJournal journal;
  std::unique_ptr<GroupManager> manager;
};

}  // namespace tributary::broker::group::testing
