// The real journal: commits and group metadata go to __consumer_offsets on disk, and a new
// coordinator rebuilds offsets and generations from it after a restart.
#include <gtest/gtest.h>

#include <filesystem>

#include "broker/asio.h"
#include "broker/group/group_test_util.h"
#include "broker/group/offsets_topic.h"

namespace tributary::broker::group {
namespace {

namespace fs = std::filesystem;
using testing::Answer;
using testing::join_request;

// One broker "life": the topic manager, group commit and a coordinator over the given directory.
struct Life {
  explicit Life(const fs::path& dir) : topics(config, dir) {
    EXPECT_TRUE(topics.load().ok());
    if (!topics.find("t")) {
      EXPECT_TRUE(topics.create("t", 2, {}, false).ok());
    }
    group_commit.start();
    EXPECT_TRUE(journal.open(1).ok());
  }
  ~Life() {
    group_commit.stop();
    topics.close_all();
  }
  // Runs the completions posted by the journal until `done` holds.
  template <class Pred>
  void drain(Pred done) {
    for (int i = 0; i < 500 && !done(); ++i) {
      io.restart();
      io.run_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(done());
  }

  BrokerConfig config;
  TopicManager topics;
  GroupCommit group_commit;
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};  // run_for waits
  OffsetsTopic journal{topics, group_commit, [this](std::function<void()> fn) { boost::asio::post(io, fn); }};
  testing::FakeClock clock;
  GroupManager manager{GroupSettings{.min_session_timeout_ms = 1000}, clock.clock(), journal,
                       [this](const TopicPartition& tp) { return topics.partition(tp.topic, tp.partition) != nullptr; }};
};

TEST(OffsetsReplay, RestartRebuildsOffsetsAndGenerations) {
  fs::path dir = fs::temp_directory_path() / "tributary-group-replay-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    Life life(dir);
    auto internal = life.topics.find(kOffsetsTopic);
    ASSERT_TRUE(internal);
    EXPECT_TRUE(internal->internal);

    Answer<CommitResult> solo;
    life.manager.commit({"solo", -1, "", std::nullopt, {{{"t", 0}, {10, 2, "meta", -1}}}}, solo.callback());
    life.drain([&] { return solo.value.has_value(); });
    EXPECT_EQ(solo.value->partitions[0].second, GroupError::none);

    Answer<JoinResult> first, join;
    life.manager.join(join_request("g"), first.callback());
    life.manager.join(join_request("g", first.value->member_id), join.callback());
    ASSERT_TRUE(join.value);
    std::string member = join.value->member_id;
    Answer<SyncResult> sync;
    life.manager.sync({"g", 1, member, std::nullopt, std::nullopt, std::nullopt, {{member, Bytes{1}}}}, sync.callback());
    Answer<CommitResult> group_commit;
    life.manager.commit({"g", 1, member, std::nullopt, {{{"t", 1}, {20}}}}, group_commit.callback());
    life.drain([&] { return group_commit.value.has_value(); });

    Answer<CommitResult> doomed;
    life.manager.commit({"gone", -1, "", std::nullopt, {{{"t", 0}, {5}}}}, doomed.callback());
    life.drain([&] { return doomed.value.has_value(); });
    std::optional<std::vector<std::pair<std::string, GroupError>>> deleted;
    life.manager.delete_groups({"gone"}, [&](auto r) { deleted = r; });
    life.drain([&] { return deleted.has_value(); });
    EXPECT_EQ(deleted->at(0).second, GroupError::none);

    // A later commit for the same partition wins on replay.
    Answer<CommitResult> again;
    life.manager.commit({"solo", -1, "", std::nullopt, {{{"t", 0}, {11}}}}, again.callback());
    life.drain([&] { return again.value.has_value(); });
  }
  {
    Life life(dir);
    size_t records = 0;
    ASSERT_TRUE(life.journal
                    .replay([&](const RecordKey& key, const std::optional<std::span<const uint8_t>>& value) {
                      ++records;
                      life.manager.restore(key, value);
                    })
                    .ok());
    EXPECT_GE(records, 6u);
    auto solo = life.manager.fetch("solo", std::nullopt);
    ASSERT_EQ(solo.offsets.size(), 1u);
    EXPECT_EQ(solo.offsets[0].second->offset, 11);

    const Group* g = life.manager.find("g");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->state(), GroupState::empty) << "members rejoin after a restart";
    EXPECT_EQ(g->generation, 1);
    EXPECT_EQ(g->protocol_type, "consumer");
    auto offsets = life.manager.fetch("g", std::nullopt);
    ASSERT_EQ(offsets.offsets.size(), 1u);
    EXPECT_EQ(offsets.offsets[0].first, (TopicPartition{"t", 1}));
    EXPECT_EQ(offsets.offsets[0].second->offset, 20);
    EXPECT_EQ(life.manager.find("gone"), nullptr) << "tombstones delete on replay";

    // The next generation continues from the restored one.
    Answer<JoinResult> first, join;
    life.manager.join(join_request("g"), first.callback());
    life.manager.join(join_request("g", first.value->member_id), join.callback());
    ASSERT_TRUE(join.value);
    EXPECT_EQ(join.value->generation, 2);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tributary::broker::group
