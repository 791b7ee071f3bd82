#include "common/config_table.h"

#include <gtest/gtest.h>

#include <fstream>

namespace tributary {
namespace {

ConfigTable test_table() {
  return ConfigTable("Test", {
      {.name = "num.partitions", .type = ConfigType::int_, .default_value = "1", .doc = "d", .min = 1},
      {.name = "auto.create.topics.enable", .type = ConfigType::boolean, .default_value = "true", .doc = "d"},
      {.name = "cleanup.policy", .type = ConfigType::list, .default_value = "delete", .doc = "d",
       .allowed = {"delete", "compact"}},
  });
}

TEST(ConfigTable, DefaultsAndOverrides) {
  ConfigTable table = test_table();
  ConfigValues v(&table);
  EXPECT_EQ(v.get_int("num.partitions"), 1);
  ASSERT_TRUE(v.set("num.partitions", "6").ok());
  EXPECT_EQ(v.get_int("num.partitions"), 6);
  ASSERT_TRUE(v.set("cleanup.policy", "compact,delete").ok());
  EXPECT_EQ(v.get_list("cleanup.policy").size(), 2u);
}

TEST(ConfigTable, RejectsBadValuesWithTheKeyName) {
  ConfigTable table = test_table();
  ConfigValues v(&table);
  Status s = v.set("num.partitions", "0");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("num.partitions"), std::string::npos);
  EXPECT_FALSE(v.set("num.partitions", "six").ok());
  EXPECT_FALSE(v.set("auto.create.topics.enable", "maybe").ok());
  EXPECT_FALSE(v.set("cleanup.policy", "shred").ok());
  EXPECT_EQ(v.set("no.such.key", "1").code(), Errc::not_found);
}

TEST(ConfigTable, PropertiesFile) {
  ConfigTable table = test_table();
  ConfigValues v(&table);
  auto path = std::filesystem::temp_directory_path() / "tributary_config_test.properties";
  std::ofstream(path) << "# comment\nnum.partitions = 3\n\nauto.create.topics.enable=false\n";
  ASSERT_TRUE(v.load_properties(path).ok());
  EXPECT_EQ(v.get_int("num.partitions"), 3);
  EXPECT_FALSE(v.get_bool("auto.create.topics.enable"));
  std::ofstream(path) << "num.partitions\n";
  EXPECT_FALSE(v.load_properties(path).ok());
  std::filesystem::remove(path);
}

TEST(ConfigTable, MarkdownListsEveryKey) {
  ConfigTable table = test_table();
  std::string md = table.markdown();
  for (const auto& k : table.keys()) EXPECT_NE(md.find(k.name), std::string::npos);
}

}  // namespace
}  // namespace tributary
