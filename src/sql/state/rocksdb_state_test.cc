#include "sql/state/rocksdb_state.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace tributary::sql {
namespace {

class RocksDbStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rocksdb_state_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(RocksDbStateTest, ReadsSeePendingWritesAndStoresAreSeparate) {
  auto state = RocksDbQueryState::open(dir_.string());
  ASSERT_TRUE(state.ok());
  auto a = (*state)->store("A");
  auto b = (*state)->store("B");
  a->put("k1", "1");
  a->put("k2", "2");
  b->put("k1", "other");
  EXPECT_EQ(a->get("k1"), "1");
  EXPECT_EQ(b->get("k1"), "other");
  EXPECT_FALSE(a->get("k3").has_value());
  auto entries = a->scan_prefix("k");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1], StateEntry("k2", "2"));
  EXPECT_EQ(a->scan_range("k1", "k2").size(), 1u);
  a->remove("k1");
  EXPECT_FALSE(a->get("k1").has_value());
}

TEST_F(RocksDbStateTest, OnlyCommittedStateAndOffsetsSurviveReopen) {
  {
    auto state = RocksDbQueryState::open(dir_.string());
    ASSERT_TRUE(state.ok());
    auto s = (*state)->store("AGG");
    s->put("gw1", "10");
    ASSERT_TRUE((*state)->commit({{{"payments", 0}, 42}}).ok());
    s->put("gw1", "11");  // never committed: as if the process died here
  }
  auto state = RocksDbQueryState::open(dir_.string());
  ASSERT_TRUE(state.ok());
  EXPECT_EQ((*state)->store("AGG")->get("gw1"), "10");
  SourceOffsets offsets = (*state)->offsets();
  ASSERT_EQ(offsets.size(), 1u);
  EXPECT_EQ((offsets[{"payments", 0}]), 42);
}

TEST_F(RocksDbStateTest, CommitReportsChangesForTheChangelogAndRestoreReplaysThem) {
  std::vector<std::pair<std::string, std::optional<std::string>>> changes;
  {
    auto state = RocksDbQueryState::open(dir_.string());
    ASSERT_TRUE(state.ok());
    (*state)->on_change([&](std::string_view k, std::optional<std::string_view> v) {
      changes.emplace_back(std::string(k), v ? std::optional<std::string>(std::string(*v)) : std::nullopt);
    });
    auto s = (*state)->store("T");
    s->put("a", "1");
    s->put("b", "2");
    s->remove("b");
    ASSERT_TRUE((*state)->commit({}).ok());
  }
  ASSERT_EQ(changes.size(), 2u);
  auto copy_dir = dir_.string() + "_copy";
  std::filesystem::remove_all(copy_dir);
  auto copy = RocksDbQueryState::open(copy_dir);
  ASSERT_TRUE(copy.ok());
  EXPECT_TRUE((*copy)->empty());
  for (const auto& [k, v] : changes) {
    ASSERT_TRUE((*copy)->restore(k, v ? std::optional<std::string_view>(*v) : std::nullopt).ok());
  }
  EXPECT_EQ((*copy)->store("T")->get("a"), "1");
  EXPECT_FALSE((*copy)->store("T")->get("b").has_value());
  copy->reset();
  std::filesystem::remove_all(copy_dir);
}

TEST_F(RocksDbStateTest, PreparedCommitsReachTheDatabaseOnlyWhenWrittenAndKeepTheirOffsets) {
  std::vector<std::string> sent;  // changelog keys in the order the state hands them over
  {
    auto state = RocksDbQueryState::open(dir_.string());
    ASSERT_TRUE(state.ok());
    (*state)->on_change([&](std::string_view k, std::optional<std::string_view>) { sent.emplace_back(k); });
    auto s = (*state)->store("AGG");
    s->put("gw1", "1");
    (*state)->prepare({{{"payments", 0}, 10}, {{"payments", 1}, 5}});
    // The offsets entry comes last: a changelog cut short never holds offsets ahead of its state.
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent.back(), RocksDbQueryState::kOffsetsKey);
    EXPECT_FALSE((*state)->offsets_entry().has_value());  // prepared, not written
    // The changelog flush failed: the next batch prepares again, for partition 0 only.
    s->put("gw2", "2");
    (*state)->prepare({{{"payments", 0}, 20}});
    ASSERT_TRUE((*state)->write().ok());
    EXPECT_EQ((*state)->raw_get(std::string("AGG") + '\0' + "gw1"), "1");
  }
  auto state = RocksDbQueryState::open(dir_.string());
  ASSERT_TRUE(state.ok());
  EXPECT_EQ((*state)->store("AGG")->get("gw2"), "2");
  SourceOffsets offsets = (*state)->offsets();
  EXPECT_EQ((offsets[{"payments", 0}]), 20);
  EXPECT_EQ((offsets[{"payments", 1}]), 5);  // from the first prepare, never written alone
  (*state)->store("AGG")->put("gw3", "3");
  (*state)->prepare({});
  (*state)->discard_pending();
  ASSERT_TRUE((*state)->write().ok());
  EXPECT_FALSE((*state)->store("AGG")->get("gw3").has_value());
}

TEST_F(RocksDbStateTest, CachedWritesReachTheDatabaseOnceAtCommit) {
  std::vector<std::pair<std::string, std::optional<std::string>>> changes;
  auto state = RocksDbQueryState::open(dir_.string());
  ASSERT_TRUE(state.ok());
  (*state)->on_change([&](std::string_view k, std::optional<std::string_view> v) {
    changes.emplace_back(std::string(k), v ? std::optional<std::string>(std::string(*v)) : std::nullopt);
  });
  auto s = (*state)->store("W");
  for (int i = 0; i < 1000; ++i) {
    s->put("T", std::to_string(i));
    s->put("k" + std::to_string(i % 3), std::to_string(i));
  }
  s->put("gone", "x");
  s->remove("gone");
  EXPECT_EQ(s->get("T"), "999");  // reads see the cached, uncommitted writes
  EXPECT_FALSE(s->get("gone").has_value());
  auto scanned = s->scan_prefix("k");  // so do scans
  ASSERT_EQ(scanned.size(), 3u);
  EXPECT_EQ(scanned[0], StateEntry("k0", "999"));
  ASSERT_TRUE((*state)->commit({}).ok());
  // One change per key written: T, k0, k1, k2 and the deleted "gone".
  EXPECT_EQ(changes.size(), 5u);
  changes.clear();
  ASSERT_TRUE((*state)->commit({}).ok());
  EXPECT_TRUE(changes.empty());
  s->put("T", "1000");
  s.reset();  // a store closed before the commit still has its writes committed
  ASSERT_TRUE((*state)->commit({}).ok());
  EXPECT_EQ((*state)->store("W")->get("T"), "1000");
  EXPECT_EQ((*state)->store("W")->get("k1"), "997");
}

TEST_F(RocksDbStateTest, DestroyDropsCachedWrites) {
  auto state = RocksDbQueryState::open(dir_.string());
  ASSERT_TRUE(state.ok());
  auto s = (*state)->store("W");
  s->put("a", "1");
  ASSERT_TRUE((*state)->commit({}).ok());
  s->put("b", "2");
  ASSERT_TRUE((*state)->destroy().ok());
  EXPECT_FALSE(s->get("a").has_value());
  EXPECT_FALSE(s->get("b").has_value());
  ASSERT_TRUE((*state)->commit({}).ok());
  EXPECT_TRUE((*state)->empty());
}

TEST_F(RocksDbStateTest, FlushHookWritesBackBeforeCommitAndScan) {
  auto state = RocksDbQueryState::open(dir_.string());
  ASSERT_TRUE(state.ok());
  auto s = (*state)->store("A");
  int value = 0;  // what an operator keeps decoded, written back only through the hook
  int hook_calls = 0;
  s->set_flush_hook([&] {
    ++hook_calls;
    s->put("k", std::to_string(value));
  });
  value = 7;
  ASSERT_EQ(s->scan_prefix("k").size(), 1u);  // a scan sees the written-back value
  EXPECT_EQ(s->scan_prefix("k")[0].second, "7");
  value = 8;
  ASSERT_TRUE((*state)->commit({{{"t", 0}, 42}}).ok());  // the commit carries it with the offsets
  EXPECT_GE(hook_calls, 3);
  s->set_flush_hook(nullptr);
  s.reset();
  state->reset();
  auto reopened = RocksDbQueryState::open(dir_.string());
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->store("A")->get("k"), "8");
  EXPECT_EQ(((*reopened)->offsets()[{"t", 0}]), 42);
}

}  // namespace
}  // namespace tributary::sql
