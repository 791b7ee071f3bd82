#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "connect/api/sink_task.h"
#include "connect/api/source_task.h"
#include "connect/connectors/builtin_connectors.h"
#include "connect/connectors/datagen/quickstarts.h"
#include "connect/runtime/connector_config.h"

namespace tributary::connect {
namespace {

class MapOffsets : public OffsetReader {
 public:
  nlohmann::json offset(const nlohmann::json& partition) const override {
    auto it = offsets.find(partition.dump());
    return it == offsets.end() ? nlohmann::json() : it->second;
  }
  std::map<std::string, nlohmann::json> offsets;
};

std::unique_ptr<SourceTask> source_task(const PluginRegistry& registry, const std::string& cls, const Config& config,
                                        Config* task_config) {
  auto connector = registry.find(cls)->create();
  EXPECT_TRUE(connector->start(config).ok());
  *task_config = connector->task_configs(1).at(0);
  return dynamic_cast<SourceConnector&>(*connector).create_task();
}

std::vector<SourceRecord> poll_until(SourceTask& task, size_t n) {
  std::vector<SourceRecord> all;
  for (int i = 0; i < 200 && all.size() < n; ++i) {
    auto batch = task.poll();
    EXPECT_TRUE(batch.ok());
    for (auto& r : *batch) all.push_back(std::move(r));
  }
  return all;
}

TEST(Datagen, PaymentsHaveTheScenarioRanges) {
  PluginRegistry registry = builtin_connectors();
  Config config = {{"name", "d"}, {"connector.class", "DatagenConnector"}, {"kafka.topic", "payments"},
                   {"quickstart", "payments"}, {"max.interval", "0"}, {"iterations", "500"}};
  Config task_config;
  auto task = source_task(registry, "io.confluent.kafka.connect.datagen.DatagenConnector", config, &task_config);
  MapOffsets offsets;
  ASSERT_TRUE(task->start(task_config, {"d", 0, &offsets}).ok());
  auto records = poll_until(*task, 500);
  ASSERT_EQ(records.size(), 500u);
  std::set<std::string> gateways;
  for (const auto& r : records) {
    const auto& v = r.value.value;
    EXPECT_GE(v["custid"].get<int>(), 1);
    EXPECT_LE(v["custid"].get<int>(), 10);
    EXPECT_GE(v["amount"].get<double>(), 1.0);
    EXPECT_LE(v["amount"].get<double>(), 100.0);
    gateways.insert(v["gateway"].get<std::string>());
    EXPECT_EQ(r.key.value, std::to_string(v["custid"].get<int>()));
    EXPECT_EQ(r.topic, "payments");
  }
  EXPECT_EQ(gateways, (std::set<std::string>{"visa", "paypal", "master", "stripe", "wallet"}));
  EXPECT_EQ(records.back().source_offset["current.iteration"], 499);
  EXPECT_TRUE(task->poll()->empty());  // iterations reached
}

TEST(Datagen, ResumesAfterTheCommittedIteration) {
  PluginRegistry registry = builtin_connectors();
  Config config = {{"name", "d"}, {"connector.class", "Datagen"}, {"kafka.topic", "t"}, {"quickstart", "rides"},
                   {"max.interval", "0"}, {"iterations", "10"}, {"random.seed", "42"}};
  Config task_config;
  auto first = source_task(registry, "Datagen", config, &task_config);
  MapOffsets none;
  ASSERT_TRUE(first->start(task_config, {"d", 0, &none}).ok());
  auto all = poll_until(*first, 10);
  MapOffsets offsets;
  offsets.offsets[nlohmann::json({{"task.id", 0}}).dump()] = {{"current.iteration", 6}};
  auto second = source_task(registry, "Datagen", config, &task_config);
  ASSERT_TRUE(second->start(task_config, {"d", 0, &offsets}).ok());
  auto rest = poll_until(*second, 3);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[0].value.value["ride_id"], 7);
  // Seeded: the same record number gives the same values.
  EXPECT_EQ(rest[0].value.value["city"], all[7].value.value["city"]);
  EXPECT_EQ(rest[0].value.value["fare"], all[7].value.value["fare"]);
}

TEST(Datagen, EveryQuickstartFitsItsSchema) {
  for (const auto& q : datagen::quickstarts()) {
    std::mt19937_64 rng(1);
    auto v = q.generate(rng, 1, 1000);
    for (const auto& f : q.value_schema["fields"]) EXPECT_TRUE(v.contains(f["field"])) << q.name << " " << f["field"];
    EXPECT_TRUE(v.contains(q.key_field)) << q.name;
  }
}

TEST(Datagen, ValidationNamesTheBadKeys) {
  PluginRegistry registry = builtin_connectors();
  const ConnectorPlugin* plugin = registry.find("DatagenConnector");
  ConfigInfos infos = validate_connector_config(
      *plugin, {{"name", "d"}, {"connector.class", "DatagenConnector"}, {"quickstart", "nope"}, {"max.interval", "x"}});
  auto messages = infos.messages();
  ASSERT_EQ(infos.error_count, 3);
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_NE(all.find("\"kafka.topic\""), std::string::npos) << all;
  EXPECT_NE(all.find("configuration quickstart"), std::string::npos) << all;
  EXPECT_NE(all.find("configuration max.interval"), std::string::npos) << all;
}

TEST(FileStream, SourceReadsCompleteLinesAndResumes) {
  auto path = std::filesystem::temp_directory_path() / ("fss-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(path) << "one\ntwo\r\nthree";  // "three" is still being written
  PluginRegistry registry = builtin_connectors();
  Config config = {{"name", "f"}, {"connector.class", "FileStreamSource"}, {"file", path.string()}, {"topic", "lines"}};
  Config task_config;
  auto task = source_task(registry, "FileStreamSource", config, &task_config);
  MapOffsets none;
  ASSERT_TRUE(task->start(task_config, {"f", 0, &none}).ok());
  auto records = poll_until(*task, 2);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].value.value, "two");
  EXPECT_EQ(records[1].source_offset["position"], 9);
  EXPECT_TRUE(task->poll()->empty());
  std::ofstream(path, std::ios::app) << "\nfour\n";
  MapOffsets offsets;
  offsets.offsets[records[1].source_partition.dump()] = records[1].source_offset;
  auto resumed = source_task(registry, "FileStreamSource", config, &task_config);
  ASSERT_TRUE(resumed->start(task_config, {"f", 0, &offsets}).ok());
  auto more = poll_until(*resumed, 2);
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].value.value, "three");
  EXPECT_EQ(more[1].value.value, "four");
  std::filesystem::remove(path);
}

TEST(FileStream, SinkAppendsValuesAsLines) {
  auto path = std::filesystem::temp_directory_path() / ("fsk-" + std::to_string(::getpid()) + ".txt");
  std::filesystem::remove(path);
  PluginRegistry registry = builtin_connectors();
  auto connector = registry.find("FileStreamSink")->create();
  ASSERT_TRUE(connector->start({{"file", path.string()}, {"topics", "x"}}).ok());
  auto task = dynamic_cast<SinkConnector&>(*connector).create_task();
  ASSERT_TRUE(task->start(connector->task_configs(1).at(0), {"s", 0}).ok());
  SinkRecord a, b;
  a.value.value = "hello";
  b.value.value = {{"k", 1}};
  ASSERT_TRUE(task->put({a, b}).ok());
  ASSERT_TRUE(task->flush({}).ok());
  task->stop();
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "hello\n{\"k\":1}\n");
  std::filesystem::remove(path);
}

TEST(ConnectorConfig, SinksNeedTopicsAndCommonKeysAreChecked) {
  PluginRegistry registry = builtin_connectors();
  const ConnectorPlugin* plugin = registry.find("FileStreamSinkConnector");
  ConfigInfos infos = validate_connector_config(
      *plugin, {{"name", "s"}, {"connector.class", "FileStreamSink"}, {"file", "/tmp/x"}, {"tasks.max", "0"},
                {"errors.tolerance", "some"}, {"value.converter", "com.example.Missing"}});
  std::string all;
  for (const auto& m : infos.messages()) all += m + "\n";
  EXPECT_NE(all.find("Must configure one of topics or topics.regex"), std::string::npos) << all;
  EXPECT_NE(all.find("configuration tasks.max"), std::string::npos) << all;
  EXPECT_NE(all.find("configuration errors.tolerance"), std::string::npos) << all;
  EXPECT_NE(all.find("configuration value.converter"), std::string::npos) << all;
  ConfigInfos dlq = validate_connector_config(
      *plugin, {{"name", "s"}, {"connector.class", "FileStreamSink"}, {"file", "/tmp/x"}, {"topics", "a,b"},
                {"errors.deadletterqueue.topic.name", "b"}});
  EXPECT_EQ(dlq.error_count, 1);
}

}  // namespace
}  // namespace tributary::connect

#include "connect/runtime/reference_docs.h"

namespace tributary::connect {
namespace {

// docs/connect.md carries the generated key reference between two markers; set
// TRIBUTARY_UPDATE_DOCS=1 to rewrite it after changing a key.
TEST(ConnectDocs, KeyReferenceIsUpToDate) {
  std::filesystem::path doc = std::filesystem::path(TRIBUTARY_SOURCE_DIR) / "docs/connect.md";
  std::ifstream in(doc);
  ASSERT_TRUE(in) << doc;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string begin = "<!-- generated key reference: begin -->\n", end = "<!-- generated key reference: end -->";
  auto b = text.find(begin), e = text.find(end);
  ASSERT_TRUE(b != std::string::npos && e != std::string::npos && b < e);
  std::string generated = reference_markdown(builtin_connectors());
  std::string current = text.substr(b + begin.size(), e - b - begin.size());
  if (current != generated && std::getenv("TRIBUTARY_UPDATE_DOCS")) {
    std::ofstream(doc) << text.substr(0, b + begin.size()) + generated + text.substr(e);
    return;
  }
  EXPECT_EQ(current, generated) << "docs/connect.md is stale: run connect_test with TRIBUTARY_UPDATE_DOCS=1";
}

}  // namespace
}  // namespace tributary::connect
