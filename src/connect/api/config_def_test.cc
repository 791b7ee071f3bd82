#include "connect/api/config_def.h"

#include <gtest/gtest.h>

namespace tributary::connect {
namespace {

ConfigDef sample() {
  ConfigDef def;
  def.define({.name = "file", .type = ConfigDefType::string, .default_value = std::nullopt, .doc = "path"});
  def.define({.name = "batch.size", .type = ConfigDefType::int_, .default_value = "2000", .min = 1});
  def.define({.name = "mode", .type = ConfigDefType::string, .default_value = "a", .allowed = {"a", "b"}});
  def.define({.name = "on", .type = ConfigDefType::boolean, .default_value = "false"});
  return def;
}

TEST(ConfigDef, ReportsEveryBadKey) {
  auto errors = sample().errors({{"batch.size", "zero"}, {"mode", "c"}, {"on", "yes"}});
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0], "Missing required configuration \"file\" which has no default value.");
  EXPECT_EQ(errors[1], "Invalid value zero for configuration batch.size: Not a number of type INT");
  EXPECT_NE(errors[2].find("configuration mode"), std::string::npos);
  EXPECT_NE(errors[3].find("configuration on"), std::string::npos);
}

TEST(ConfigDef, BoundsAndDefaults) {
  ConfigDef def = sample();
  EXPECT_EQ(def.errors({{"file", "/x"}, {"batch.size", "0"}}).at(0),
            "Invalid value 0 for configuration batch.size: Value must be at least 1");
  EXPECT_TRUE(def.errors({{"file", "/x"}, {"batch.size", " 5 "}, {"on", "TRUE"}}).empty());
  ParsedConfig parsed(def, {{"file", "/x"}, {"on", "true"}});
  EXPECT_EQ(parsed.get_int("batch.size"), 2000);
  EXPECT_EQ(parsed.get_string("mode"), "a");
  EXPECT_TRUE(parsed.get_bool("on"));
}

TEST(ConfigDef, ReportsCarryValuesAndRecommendations) {
  auto reports = sample().validate({{"file", "/x"}});
  ASSERT_EQ(reports.size(), 4u);
  EXPECT_EQ(reports[0].value, "/x");
  EXPECT_EQ(reports[2].value, "a");
  EXPECT_EQ(reports[2].recommended, (std::vector<std::string>{"a", "b"}));
}

TEST(ConfigDef, SplitsLists) {
  EXPECT_EQ(split_config_list(" a, b,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_config_list("").empty());
}

}  // namespace
}  // namespace tributary::connect
