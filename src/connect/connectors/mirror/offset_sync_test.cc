#include "connect/connectors/mirror/offset_sync.h"

#include <gtest/gtest.h>

#include "connect/connectors/mirror/mirror_config.h"

namespace tributary::connect::mirror {
namespace {

TEST(OffsetSyncStore, NoSyncAtOrBelowMeansNoTranslation) {
  OffsetSyncStore store;
  EXPECT_FALSE(store.translate("rides", 0, 10).has_value());
  store.add({"rides", 0, 100, 0});
  EXPECT_FALSE(store.translate("rides", 0, 99).has_value());
  EXPECT_FALSE(store.translate("rides", 1, 100).has_value());
  EXPECT_FALSE(store.translate("other", 0, 100).has_value());
}

TEST(OffsetSyncStore, CommittedAtASyncedRecordResumesAtItsMirror) {
  OffsetSyncStore store;
  store.add({"rides", 0, 100, 0});
  // Committed 100: record 100 not read yet, and it is record 0 of the mirror.
  EXPECT_EQ(store.translate("rides", 0, 100), 0);
}

TEST(OffsetSyncStore, BeyondTheNewestSyncResumesJustAfterIt) {
  OffsetSyncStore store;
  store.add({"rides", 0, 100, 0});
  store.add({"rides", 0, 149, 49});
  // Committed 150 = everything up to the last synced record read.
  EXPECT_EQ(store.translate("rides", 0, 150), 50);
  // Further ahead than anything synced: never past what is known to be mirrored.
  EXPECT_EQ(store.translate("rides", 0, 400), 50);
}

TEST(OffsetSyncStore, ExactBetweenGapFreeSyncs) {
  OffsetSyncStore store;
  store.add({"rides", 0, 10, 0});
  store.add({"rides", 0, 20, 10});
  EXPECT_EQ(store.translate("rides", 0, 15), 5);
  EXPECT_EQ(store.translate("rides", 0, 20), 10);
  EXPECT_EQ(store.translate("rides", 0, 11), 1);
}

TEST(OffsetSyncStore, ConservativeAcrossASourceGap) {
  OffsetSyncStore store;
  // Source offsets 10..30 hold only 11 records (compaction): distances differ.
  store.add({"rides", 0, 10, 0});
  store.add({"rides", 0, 30, 10});
  EXPECT_EQ(store.translate("rides", 0, 25), 1);  // just after the sync below: re-reads, never skips
  EXPECT_EQ(store.translate("rides", 0, 30), 10);
}

TEST(OffsetSyncStore, PartitionsAreIndependentAndLaterSyncsReplace) {
  OffsetSyncStore store;
  store.add({"rides", 0, 5, 5});
  store.add({"rides", 1, 5, 2});
  store.add({"rides", 1, 5, 3});
  EXPECT_EQ(store.translate("rides", 0, 6), 6);
  EXPECT_EQ(store.translate("rides", 1, 6), 4);
  EXPECT_EQ(store.size(), 2u);
}

TEST(MirroredBatch, PinsFirstLastAndBothSidesOfGaps) {
  MirroredBatch batch;
  EXPECT_TRUE(batch.sync_points().empty());
  for (int64_t o : {10, 11, 12, 20, 21, 30}) batch.add(o);
  using P = std::pair<int64_t, int64_t>;
  EXPECT_EQ(batch.count(), 6);
  EXPECT_EQ(batch.sync_points(), (std::vector<P>{{0, 10}, {2, 12}, {3, 20}, {4, 21}, {5, 30}}));
  MirroredBatch one;
  one.add(7);
  EXPECT_EQ(one.sync_points(), (std::vector<P>{{0, 7}}));
}

TEST(MirroredBatch, SyncsFromABatchTranslateExactlyAcrossGaps) {
  // Source offsets with gaps mirrored to target 100.. in order: syncs from the batch make every
  // committed source offset translate to exactly the first unread mirrored record.
  std::vector<int64_t> source = {10, 11, 12, 20, 21, 30};
  MirroredBatch batch;
  for (int64_t o : source) batch.add(o);
  int64_t last_downstream = 105;
  OffsetSyncStore store;
  for (auto [index, upstream] : batch.sync_points())
    store.add({"t", 0, upstream, last_downstream - (batch.count() - 1 - index)});
  EXPECT_EQ(store.translate("t", 0, 10), 100);
  EXPECT_EQ(store.translate("t", 0, 12), 102);
  EXPECT_EQ(store.translate("t", 0, 13), 103);  // 13..19 do not exist: next is 20 at 103
  EXPECT_EQ(store.translate("t", 0, 20), 103);
  EXPECT_EQ(store.translate("t", 0, 22), 105);
  EXPECT_EQ(store.translate("t", 0, 31), 106);
}

TEST(OffsetSyncRecords, RoundTripAndRejectGarbage) {
  OffsetSync sync{"rides", 3, 1234, 77};
  auto parsed = parse_offset_sync(offset_sync_key(sync), offset_sync_value(sync));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->topic, "rides");
  EXPECT_EQ(parsed->partition, 3);
  EXPECT_EQ(parsed->upstream_offset, 1234);
  EXPECT_EQ(parsed->downstream_offset, 77);
  EXPECT_FALSE(parse_offset_sync(std::string("x"), offset_sync_value(sync)).has_value());
  EXPECT_FALSE(parse_offset_sync(offset_sync_key(sync), std::nullopt).has_value());

  Checkpoint c{"billing", "companyb.rides", 1, 50, 20, "m"};
  auto back = parse_checkpoint(checkpoint_key(c), checkpoint_value(c));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->group, "billing");
  EXPECT_EQ(back->topic, "companyb.rides");
  EXPECT_EQ(back->upstream_offset, 50);
  EXPECT_EQ(back->downstream_offset, 20);
  EXPECT_EQ(back->metadata, "m");
}

TEST(MirrorSettings, NamesFollowTheReplicationPolicy) {
  Config config{{"source.cluster.alias", "companyb"},
                {"source.cluster.bootstrap.servers", "b:9092"},
                {"target.cluster.bootstrap.servers", "a:9092"}};
  MirrorSettings s = MirrorSettings::from(config);
  EXPECT_EQ(s.remote_topic("rides"), "companyb.rides");
  EXPECT_EQ(s.offset_syncs_topic(), "mm2-offset-syncs.companyb.internal");
  EXPECT_EQ(s.checkpoints_topic(), "companyb.checkpoints.internal");
  config["replication.policy.separator"] = "_";
  EXPECT_EQ(MirrorSettings::from(config).remote_topic("rides"), "companyb_rides");
}

TEST(MirrorSettings, DefaultFiltersSkipInternalTopicsAndGroups) {
  Config config{{"source.cluster.alias", "b"}, {"source.cluster.bootstrap.servers", "b:1"},
                {"target.cluster.bootstrap.servers", "a:1"}};
  MirrorSettings s = MirrorSettings::from(config);
  NameFilter topics = s.topic_filter();
  EXPECT_TRUE(topics.matches("rides"));
  EXPECT_FALSE(topics.matches("__consumer_offsets"));
  EXPECT_FALSE(topics.matches("mm2-offset-syncs.b.internal"));
  EXPECT_FALSE(topics.matches("x.checkpoints.internal"));
  NameFilter groups = s.group_filter();
  EXPECT_TRUE(groups.matches("billing"));
  EXPECT_FALSE(groups.matches("connect-file-sink"));
  EXPECT_FALSE(groups.matches("console-consumer-123"));

  config["topics"] = "rides.*, payments";
  NameFilter chosen = MirrorSettings::from(config).topic_filter();
  EXPECT_TRUE(chosen.matches("rides-eu"));
  EXPECT_TRUE(chosen.matches("payments"));
  EXPECT_FALSE(chosen.matches("payments-v2"));  // whole-name match, as Java's Pattern.matches
}

TEST(MirrorConfig, RejectsBadRegexAndMissingClusters) {
  auto errors = mirror_config_def().errors({{"source.cluster.alias", "b"}, {"topics", "rides("}});
  bool regex = false, bootstrap = false;
  for (const auto& e : errors) {
    regex |= e.find("topics") != std::string::npos;
    bootstrap |= e.find("source.cluster.bootstrap.servers") != std::string::npos;
  }
  EXPECT_TRUE(regex);
  EXPECT_TRUE(bootstrap);
}

}  // namespace
}  // namespace tributary::connect::mirror
