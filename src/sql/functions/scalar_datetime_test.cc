#include "sql/functions/scalar_test_util.h"

namespace tributary::sql::test {
namespace {

std::string s(const Value& v) { return v.as<std::string>(); }
constexpr int64_t kMillis = 1526075913000;  // 2018-05-11T21:58:33Z

TEST(ScalarDatetime, FormatTimestamp) {
  EXPECT_EQ(s(call("FORMAT_TIMESTAMP", {kTimestamp, kString}, {Value(Timestamp{kMillis}), Value("yyyy-MM-dd HH:mm:ss")})),
            "2018-05-11 21:58:33");
  EXPECT_EQ(s(call("FORMAT_TIMESTAMP", {kTimestamp, kString, kString},
                   {Value(Timestamp{kMillis}), Value("yyyy-MM-dd HH:mm:ss zzz"), Value("America/Los_Angeles")})),
            "2018-05-11 14:58:33 PDT");
  EXPECT_EQ(s(call("TIMESTAMPTOSTRING", {kBigint, kString, kString},
                   {Value(kMillis), Value("yyyy-MM-dd HH:mm:ss zzz"), Value("Europe/London")})),
            "2018-05-11 22:58:33 BST");
  EXPECT_EQ(s(call("TIMESTAMPTOSTRING", {kBigint, kString}, {Value(kMillis + 7), Value("EEE, d MMM yy h:mm a.SSS XXX")})),
            "Fri, 11 May 18 9:58 PM.007 Z");
  EXPECT_EQ(s(call("TIMESTAMPTOSTRING", {kBigint, kString, kString}, {Value(kMillis), Value("HH:mm Z"), Value("+05:30")})),
            "03:28 +0530");
  EvalErrors errors;
  EXPECT_TRUE(call("FORMAT_TIMESTAMP", {kTimestamp, kString, kString},
                   {Value(Timestamp{0}), Value("yyyy"), Value("Nowhere/City")}, &errors).is_null());
  EXPECT_EQ(errors.messages.size(), 1u);
}

TEST(ScalarDatetime, ParseTimestamp) {
  EXPECT_EQ(call("STRINGTOTIMESTAMP", {kString, kString}, {Value("2018-05-11T21:58:33Z"), Value("yyyy-MM-dd'T'HH:mm:ssX")}).as<int64_t>(),
            kMillis);
  EXPECT_EQ(call("STRINGTOTIMESTAMP", {kString, kString}, {Value("2020-05-11T21:58:33z"), Value("yyyy-MM-dd'T'HH:mm:ssX")}).as<int64_t>(),
            1589234313000);
  EXPECT_EQ(call("PARSE_TIMESTAMP", {kString, kString}, {Value("2018-05-11T21:58:33"), Value("yyyy-MM-dd'T'HH:mm:ss")})
                .as<Timestamp>().millis, kMillis);
  EXPECT_EQ(call("PARSE_TIMESTAMP", {kString, kString, kString},
                 {Value("2018-05-11 14:58:33.250"), Value("yyyy-MM-dd HH:mm:ss.SSS"), Value("America/Los_Angeles")})
                .as<Timestamp>().millis, kMillis + 250);
  EXPECT_EQ(call("STRINGTOTIMESTAMP", {kString, kString}, {Value("20180511 +0100"), Value("yyyyMMdd Z")}).as<int64_t>(),
            1525993200000);
  EvalErrors errors;
  EXPECT_TRUE(call("STRINGTOTIMESTAMP", {kString, kString}, {Value("2018-13-11"), Value("yyyy-MM-dd")}, &errors).is_null());
  EXPECT_TRUE(call("STRINGTOTIMESTAMP", {kString, kString}, {Value("2018-05-11x"), Value("yyyy-MM-dd")}, &errors).is_null());
  EXPECT_EQ(errors.messages.size(), 2u);
}

TEST(ScalarDatetime, ZoneEdgeCases) {
  // 2019-03-10 02:30 does not exist in Los Angeles (spring forward): java.time moves it to 03:30 PDT.
  EXPECT_EQ(call("STRINGTOTIMESTAMP", {kString, kString, kString},
                 {Value("2019-03-10 02:30"), Value("yyyy-MM-dd HH:mm"), Value("America/Los_Angeles")}).as<int64_t>(),
            1552213800000);
  EXPECT_EQ(s(call("TIMESTAMPTOSTRING", {kBigint, kString, kString},
                   {Value(int64_t{1552213800000}), Value("YYYY-MM-dd HH:mm z"), Value("America/Los_Angeles")})),
            "2019-03-10 03:30 PDT");
  EXPECT_EQ(s(call("TIMESTAMPTOSTRING", {kBigint, kString, kString}, {Value(int64_t{0}), Value("HH:mm XXX"), Value("GMT-3")})),
            "21:00 -03:00");
  EXPECT_EQ(s(call("TIMESTAMPTOSTRING", {kBigint, kString}, {Value(int64_t{-1}), Value("yyyy-MM-dd HH:mm:ss.SSS")})),
            "1969-12-31 23:59:59.999");
}

TEST(ScalarDatetime, Dates) {
  EXPECT_EQ(s(call("FORMAT_DATE", {kDate, kString}, {Value(Date{17662}), Value("yyyy-MM-dd")})), "2018-05-11");
  EXPECT_EQ(s(call("FORMAT_DATE", {kDate, kString}, {Value(Date{18993}), Value("dd-MMM-yyyy")})), "01-Jan-2022");
  EXPECT_EQ(call("PARSE_DATE", {kString, kString}, {Value("2018-05-11"), Value("yyyy-MM-dd")}).as<Date>().days, 17662);
  EXPECT_EQ(call("PARSE_DATE", {kString, kString}, {Value("01-jan-2022"), Value("dd-MMM-yyyy")}).as<Date>().days, 18993);
  EXPECT_EQ(call("STRINGTODATE", {kString, kString}, {Value("19691231"), Value("yyyyMMdd")}).as<int32_t>(), -1);
  EXPECT_EQ(s(call("DATETOSTRING", {kInt, kString}, {Value(int32_t{0}), Value("dd/MM/yyyy")})), "01/01/1970");
  EXPECT_EQ(call("UNIX_DATE", {kDate}, {Value(Date{5})}).as<int32_t>(), 5);
  EXPECT_EQ(call("FROM_DAYS", {kInt}, {Value(int32_t{5})}).as<Date>().days, 5);
  EXPECT_EQ(call("DATEADD", {kString, kInt, kDate}, {Value("DAYS"), Value(int32_t{3}), Value(Date{5})}).as<Date>().days, 8);
  EXPECT_EQ(call("DATESUB", {kString, kInt, kDate}, {Value("DAYS"), Value(int32_t{3}), Value(Date{5})}).as<Date>().days, 2);
}

TEST(ScalarDatetime, TimesAndShifts) {
  EXPECT_EQ(s(call("FORMAT_TIME", {kTime, kString}, {Value(Time{3723004}), Value("HH:mm:ss.SSS")})), "01:02:03.004");
  EXPECT_EQ(call("PARSE_TIME", {kString, kString}, {Value("01:02:03"), Value("HH:mm:ss")}).as<Time>().millis, 3723000);
  EXPECT_EQ(call("TIMESTAMPADD", {kString, kBigint, kTimestamp}, {Value("HOURS"), Value(int64_t{2}), Value(Timestamp{0})})
                .as<Timestamp>().millis, 7200000);
  EXPECT_EQ(call("TIMESTAMPSUB", {kString, kInt, kTimestamp}, {Value("SECONDS"), Value(int32_t{1}), Value(Timestamp{0})})
                .as<Timestamp>().millis, -1000);
  EXPECT_EQ(call("FROM_UNIXTIME", {kBigint}, {Value(int64_t{42})}).as<Timestamp>().millis, 42);
  EXPECT_EQ(call("UNIX_TIMESTAMP", {kTimestamp}, {Value(Timestamp{42})}).as<int64_t>(), 42);
  EXPECT_GT(call("UNIX_TIMESTAMP", {}, {}).as<int64_t>(), kMillis);
  // 21:58:33 UTC is 14:58:33 in Los Angeles: as a wall clock moved from UTC to LA it shifts -7h.
  EXPECT_EQ(call("CONVERT_TZ", {kTimestamp, kString, kString},
                 {Value(Timestamp{kMillis}), Value("UTC"), Value("America/Los_Angeles")}).as<Timestamp>().millis,
            kMillis - 7 * 3600000);
}

}  // namespace
}  // namespace tributary::sql::test
