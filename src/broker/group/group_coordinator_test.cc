// The coordinator thread end to end: asynchronous calls answered on its thread, durable commits,
// and the lag view for internal callers.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "broker/group/group_coordinator.h"
#include "common/clock.h"

namespace tributary::broker::group {
namespace {

namespace fs = std::filesystem;

Bytes one_record_batch() {
  protocol::Record r;
  r.value = Bytes{'x'};
  protocol::BatchBuildOptions options;
  options.base_timestamp = now_ms();
  return protocol::build_record_batch(options, std::span<const protocol::Record>(&r, 1));
}

TEST(GroupCoordinator, CommitsThenReportsLag) {
  fs::path dir = fs::temp_directory_path() / "tributary-group-coordinator-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  BrokerConfig config;
  ASSERT_TRUE(config.values().set("offsets.topic.num.partitions", "3").ok());
  TopicManager topics(config, dir);
  ASSERT_TRUE(topics.load().ok());
  ASSERT_TRUE(topics.create("t", 2, {}, false).ok());
  for (int i = 0; i < 5; ++i) {
    Bytes batch = one_record_batch();
    ASSERT_TRUE(topics.partition("t", 0)->log().append(std::span<uint8_t>(batch), now_ms()).ok());
  }
  GroupCommit group_commit;
  group_commit.start();
  {
    GroupCoordinator coordinator(config, topics, group_commit);
    ASSERT_TRUE(coordinator.start().ok());
    EXPECT_EQ(topics.find(kOffsetsTopic)->partitions.size(), 3u);
    // The replay is queued first on the coordinator thread; once a blocking call returns it is done.
    EXPECT_TRUE(coordinator.list_groups().empty());
    EXPECT_TRUE(coordinator.loaded());

    std::promise<CommitResult> committed;
    coordinator.commit({"g", -1, "", std::nullopt, {{{"t", 0}, {2}}, {{"t", 1}, {0}}}},
                       [&](CommitResult r) { committed.set_value(r); });
    CommitResult r = committed.get_future().get();
    EXPECT_EQ(r.partitions[0].second, GroupError::none);

    auto lag = coordinator.lag("g");
    ASSERT_EQ(lag.size(), 2u);
    EXPECT_EQ(lag[0].topic, "t");
    EXPECT_EQ(lag[0].committed_offset, 2);
    EXPECT_EQ(lag[0].log_end_offset, 5);
    EXPECT_EQ(lag[0].lag, 3);
    EXPECT_EQ(lag[1].lag, 0);
    EXPECT_TRUE(coordinator.lag("unknown").empty());

    std::promise<GroupError> heartbeat;
    coordinator.heartbeat({"g", 0, "nobody", std::nullopt}, [&](GroupError e) { heartbeat.set_value(e); });
    EXPECT_EQ(heartbeat.get_future().get(), GroupError::unknown_member_id);
    EXPECT_EQ(coordinator.describe_group("g").state, GroupState::empty);
    coordinator.stop();
  }
  group_commit.stop();
  topics.close_all();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tributary::broker::group
