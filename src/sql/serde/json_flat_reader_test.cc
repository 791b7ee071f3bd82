#include "sql/serde/json_flat_reader.h"

#include <gtest/gtest.h>

#include "sql/serde/serde_test_util.h"

namespace tributary::sql::json_detail {
namespace {

using sql::testing::col;
using sql::testing::T;

std::vector<Column> payment_columns() {
  return {col("ID", T(TypeKind::bigint)), col("GATEWAY", T(TypeKind::string)), col("AMOUNT", T(TypeKind::double_)),
          col("CUSTID", T(TypeKind::int_)), col("OK", T(TypeKind::boolean)), col("AT", T(TypeKind::timestamp))};
}

// The DOM path alone: a serde whose extra DECIMAL column keeps it off the fast path.
std::unique_ptr<Serde> dom_only_serde() {
  auto cols = payment_columns();
  cols.push_back(col("ZZ", make_decimal(10, 2)));
  return sql::testing::serde(Format::json, cols);
}

// Reads with the fast path; when it accepts, the DOM path must read the same values.
bool read_both(std::string_view json, std::vector<Value>* fast_out = nullptr) {
  FlatObjectReader reader(payment_columns());
  std::vector<Value> fast(payment_columns().size());
  if (!reader.read(json, fast.data())) return false;
  auto dom = dom_only_serde()->deserialize(json);
  EXPECT_TRUE(dom.ok()) << json << ": " << dom.status().message();
  if (dom.ok()) {
    for (std::size_t i = 0; i < fast.size(); ++i) EXPECT_EQ(fast[i], (*dom)[i]) << json << " column " << i;
  }
  if (fast_out) *fast_out = fast;
  return true;
}

TEST(FlatObjectReader, ReadsAFlatRecordOfScalarColumns) {
  std::vector<Value> row;
  ASSERT_TRUE(read_both(R"({"ID":1000017,"GATEWAY":"stripe","AMOUNT":37.1275,"CUSTID":8121,"OK":true,"AT":1700000000000})",
                        &row));
  EXPECT_EQ(row[0], Value(int64_t{1000017}));
  EXPECT_EQ(row[1], Value("stripe"));
  EXPECT_EQ(row[2], Value(37.1275));
  EXPECT_EQ(row[3], Value(int32_t{8121}));
  EXPECT_EQ(row[4], Value(true));
  EXPECT_EQ(row[5], Value(Timestamp{1700000000000}));
}

TEST(FlatObjectReader, AgreesWithTheDomPathOnWhatItAccepts) {
  EXPECT_TRUE(read_both(R"(  { "GATEWAY" : "a\"b\u00e9\n" , "ID" : -5 }  )"));
  EXPECT_TRUE(read_both(R"({"ID":null,"GATEWAY":null,"AMOUNT":null})"));
  EXPECT_TRUE(read_both(R"({"AMOUNT":1})"));  // an integer read as DOUBLE
  EXPECT_TRUE(read_both(R"({"AMOUNT":-0.0,"CUSTID":2147483648})"));  // INT wraps as Java's (int) cast
  EXPECT_TRUE(read_both(R"({"ID":9223372036854775807,"AMOUNT":1e308})"));
  EXPECT_TRUE(read_both(R"({"ID":1,"ID":2})"));  // the last duplicate wins, as in the DOM path
  EXPECT_TRUE(read_both(R"({})"));
}

TEST(FlatObjectReader, LeavesEverythingElseToTheDomPath) {
  for (const char* json : {
           R"({"ID":1.5})",                                // a float for BIGINT: Java's cast
           R"({"ID":18446744073709551615})",               // beyond int64
           R"({"ID":"12"})",                               // a numeric string
           R"({"GATEWAY":7})",                             // a number for STRING
           R"({"OK":"true"})",                             // a string for BOOLEAN
           R"({"id":1})",                                  // only a case-insensitive match
           R"({"I\u0044":1})",                             // a key written with an escape
           R"({"IDX":1})",                                 // a column's name followed by more
           R"({"I":1})",                                   // a prefix of a column's name
           R"({"ID":1,"EXTRA":[1,2]})",                    // a field that is not a column
           R"({"ID":1} x)",                                // text after the object
           R"({"ID":1}{"ID":2})",                          // a second document
           R"({"ID":1)",                                   // truncated
           R"([1,2])",                                     // not an object
           R"(null)",
       }) {
    FlatObjectReader reader(payment_columns());
    std::vector<Value> row(payment_columns().size());
    EXPECT_FALSE(reader.read(json, row.data())) << json;
  }
}

TEST(FlatObjectReader, WhatItLeavesTheSerdeStillReads) {
  auto serde = sql::testing::serde(Format::json, payment_columns());
  auto row = serde->deserialize(R"({"I\u0044":7,"GATEWAY":"visa"})");  // the DOM path unescapes the key
  ASSERT_TRUE(row.ok()) << row.status().message();
  EXPECT_EQ((*row)[0], Value(int64_t{7}));
  EXPECT_EQ((*row)[1], Value("visa"));
}

TEST(FlatObjectReader, IsUnusableWithColumnsItNeverReads) {
  EXPECT_TRUE(FlatObjectReader(payment_columns()).usable());
  EXPECT_FALSE(FlatObjectReader({col("D", make_decimal(4, 2))}).usable());
  EXPECT_FALSE(FlatObjectReader({col("A", make_array(T(TypeKind::int_)))}).usable());
  // Keys are compared raw: a name that JSON must escape is left to the DOM path.
  EXPECT_FALSE(FlatObjectReader({col("A\"B", T(TypeKind::int_))}).usable());
  EXPECT_FALSE(FlatObjectReader({col("A\\B", T(TypeKind::int_))}).usable());
}

}  // namespace
}  // namespace tributary::sql::json_detail
