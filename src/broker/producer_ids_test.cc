// Producer id allocation: unique across restarts and crashes, KIP-360 epoch bumps and fencing.
#include "broker/producer_ids.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace tributary::broker {
namespace {

namespace fs = std::filesystem;

fs::path fresh_file(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("tributary-producer-ids-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir / "producer-ids";
}

constexpr int64_t kDay = 86400000;

TEST(ProducerIds, NeverRepeatAcrossRestartsAndCrashes) {
  fs::path file = fresh_file("restart");
  std::set<int64_t> seen;
  for (int life = 0; life < 3; ++life) {
    ProducerIdManager ids(file, kDay);  // destroyed without any shutdown step: like kill -9
    ASSERT_TRUE(ids.load().ok());
    for (int i = 0; i < 1500; ++i) {
      auto id = ids.allocate(1000);
      ASSERT_TRUE(id.ok()) << id.status().to_string();
      EXPECT_EQ(id->epoch, 0);
      EXPECT_TRUE(seen.insert(id->producer_id).second) << id->producer_id;
    }
  }
  // Each life used 1.5 blocks and the next one started at the next untouched block.
  EXPECT_EQ(*seen.rbegin(), 2 * 2000 + 1499);
}

TEST(ProducerIds, DamagedFileIsRefused) {
  fs::path file = fresh_file("damaged");
  {
    ProducerIdManager ids(file, kDay);
    ASSERT_TRUE(ids.load().ok());
    ASSERT_TRUE(ids.allocate(1000).ok());
  }
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(10);
  f.put('\x7f');
  f.close();
  ProducerIdManager ids(file, kDay);
  EXPECT_EQ(ids.load().code(), Errc::corrupt);
}

TEST(ProducerIds, BumpFollowsTheLatestEpochAndFencesOthers) {
  ProducerIdManager ids(fresh_file("bump"), kDay);
  ASSERT_TRUE(ids.load().ok());
  auto first = ids.allocate(1000);
  ASSERT_TRUE(first.ok());
  auto bumped = ids.bump(first->producer_id, 0, 2000);
  ASSERT_TRUE(bumped.ok());
  EXPECT_EQ(bumped->producer_id, first->producer_id);
  EXPECT_EQ(bumped->epoch, 1);
  EXPECT_EQ(ids.bump(first->producer_id, 0, 3000).status().code(), Errc::invalid_producer_epoch);  // stale
  EXPECT_EQ(ids.bump(first->producer_id, 5, 3000).status().code(), Errc::invalid_producer_epoch);  // ahead
  EXPECT_EQ(ids.bump(first->producer_id + 1, 0, 3000).status().code(), Errc::invalid_producer_epoch);  // never issued
  EXPECT_TRUE(ids.bump(first->producer_id, 1, 3000).ok());
}

TEST(ProducerIds, IdFromBeforeARestartIsTrustedAndAnExhaustedEpochGetsANewId) {
  fs::path file = fresh_file("restart-bump");
  int64_t id = -1, other = -1;
  {
    ProducerIdManager ids(file, kDay);
    ASSERT_TRUE(ids.load().ok());
    id = ids.allocate(1000)->producer_id;
    other = ids.allocate(1000)->producer_id;
  }
  ProducerIdManager ids(file, kDay);
  ASSERT_TRUE(ids.load().ok());
  auto bumped = ids.bump(id, 7, 2000);  // no memory of its epoch: trusted
  ASSERT_TRUE(bumped.ok());
  EXPECT_EQ(bumped->epoch, 8);
  auto renewed = ids.bump(other, INT16_MAX - 1, 4000);
  ASSERT_TRUE(renewed.ok());
  EXPECT_GE(renewed->producer_id, 1000);  // from the block after the restart
  EXPECT_EQ(renewed->epoch, 0);
}

}  // namespace
}  // namespace tributary::broker
