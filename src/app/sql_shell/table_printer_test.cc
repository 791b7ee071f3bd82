#include "app/sql_shell/table_printer.h"

#include <gtest/gtest.h>

#include "app/sql_shell/response_printer.h"

namespace tributary::app::sql_shell {
namespace {

using nlohmann::json;

TEST(TablePrinterTest, ListingColumnsFitTheirWidestCell) {
  EXPECT_EQ(render_listing({"Stream Name", "Kafka Topic"}, {{"PAGEVIEWS", "pageviews"}, {"S", "a-much-longer-topic"}}),
            " Stream Name | Kafka Topic         \n"
            "-----------------------------------\n"
            " PAGEVIEWS   | pageviews           \n"
            " S           | a-much-longer-topic \n"
            "-----------------------------------\n");
}

TEST(TablePrinterTest, BoxedTableSharesTheTerminalAndWrapsLongValues) {
  BoxedTable table({"ID", "NAME"}, 23);  // (23 - 3) / 2 = 10 columns each
  EXPECT_EQ(table.widths(), (std::vector<size_t>{10, 10}));
  EXPECT_EQ(table.header(),
            "+----------+----------+\n"
            "|ID        |NAME      |\n"
            "+----------+----------+\n");
  EXPECT_EQ(table.row({"1", "abcdefghijklm"}),
            "|1         |abcdefghij|\n"
            "|          |klm       |\n");
  EXPECT_EQ(table.row({"é", "x"}), "|é         |x         |\n");
  EXPECT_EQ(table.footer(), "+----------+----------+\n");
}

TEST(TablePrinterTest, HeadersWiderThanTheShareKeepTheirWidth) {
  BoxedTable table({"A_VERY_LONG_COLUMN_NAME"}, 10);
  EXPECT_EQ(table.widths()[0], 23u);
}

TEST(ResponsePrinterTest, CurrentStatusPrintsTheMessage) {
  json entity = {{"@type", "currentStatus"},
                 {"statementText", "CREATE STREAM s ..."},
                 {"commandStatus", {{"status", "SUCCESS"}, {"message", "Stream created"}}},
                 {"commandSequenceNumber", 4}};
  EXPECT_EQ(format_entity(entity),
            " Message        \n"
            "----------------\n"
            " Stream created \n"
            "----------------\n");
}

TEST(ResponsePrinterTest, StreamsListing) {
  json entity = {{"@type", "streams"},
                 {"streams", {{{"type", "STREAM"}, {"name", "PAGEVIEWS"}, {"topic", "pageviews"},
                               {"keyFormat", "KAFKA"}, {"valueFormat", "JSON"}, {"isWindowed", false}}}}};
  std::string text = format_entity(entity);
  EXPECT_NE(text.find(" Stream Name | Kafka Topic | Key Format | Value Format | Windowed "), std::string::npos);
  EXPECT_NE(text.find(" PAGEVIEWS   | pageviews   | KAFKA      | JSON         | false    "), std::string::npos);
}

TEST(ResponsePrinterTest, DescribeListsFieldsWithTypesAndKeys) {
  json fields = json::array({
      {{"name", "ID"}, {"schema", {{"type", "STRING"}}}, {"type", "KEY"}},
      {{"name", "TAGS"}, {"schema", {{"type", "ARRAY"}, {"memberSchema", {{"type", "INTEGER"}}}}}},
      {{"name", "ADDR"},
       {"schema", {{"type", "STRUCT"},
                   {"fields", {{{"name", "CITY"}, {"schema", {{"type", "STRING"}}}}}}}}},
  });
  json entity = {{"@type", "sourceDescription"},
                 {"sourceDescription", {{"name", "USERS"}, {"type", "TABLE"}, {"fields", fields}}}};
  std::string text = format_entity(entity);
  EXPECT_NE(text.find("Name                 : USERS"), std::string::npos);
  EXPECT_NE(text.find(" ID    | VARCHAR(STRING)  (primary key)"), std::string::npos);
  EXPECT_NE(text.find(" TAGS  | ARRAY<INTEGER>"), std::string::npos);
  EXPECT_NE(text.find(" ADDR  | STRUCT<CITY VARCHAR(STRING)>"), std::string::npos);
}

TEST(ResponsePrinterTest, QueriesAndWarnings) {
  json entity = {{"@type", "queries"},
                 {"queries", {{{"id", "CSAS_X_1"}, {"queryType", "PERSISTENT"}, {"state", "RUNNING"},
                               {"sinks", {"X"}}, {"sinkKafkaTopics", {"X"}}, {"queryString", "CREATE ..."}}}},
                 {"warnings", {{{"message", "careful"}}}}};
  std::string text = format_entity(entity);
  EXPECT_NE(text.find(" CSAS_X_1 | PERSISTENT | RUNNING | X         | X                | CREATE ..."),
            std::string::npos);
  EXPECT_NE(text.find("WARNING: careful\n"), std::string::npos);
}

TEST(ResponsePrinterTest, CellsShowStringsBareAndOtherValuesAsJson) {
  EXPECT_EQ(cell_text("abc"), "abc");
  EXPECT_EQ(cell_text(nullptr), "null");
  EXPECT_EQ(cell_text(1.5), "1.5");
  EXPECT_EQ(cell_text(json{{"A", 1}}), "{\"A\":1}");
}

}  // namespace
}  // namespace tributary::app::sql_shell
