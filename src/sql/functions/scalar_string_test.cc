#include "sql/functions/scalar_test_util.h"

namespace tributary::sql::test {
namespace {

std::string s(const Value& v) { return v.as<std::string>(); }
Value I(int32_t i) { return Value(i); }

TEST(ScalarString, CaseAndTrim) {
  EXPECT_EQ(s(call("LCASE", {kString}, {Value("MiXeD")})), "mixed");
  EXPECT_EQ(s(call("UCASE", {kString}, {Value("MiXeD")})), "MIXED");
  EXPECT_EQ(s(call("UCASE", {kString}, {Value("straße é ж")})), "STRAßE É Ж");
  EXPECT_EQ(s(call("LCASE", {kString}, {Value("ÀÉ Ω")})), "àé ω");
  EXPECT_EQ(s(call("TRIM", {kString}, {Value(" \t with white space \t")})), "with white space");
  EXPECT_EQ(s(call("LTRIM", {kString}, {Value("  a ")})), "a ");
  EXPECT_EQ(s(call("RTRIM", {kString}, {Value("  a ")})), "  a");
  EXPECT_TRUE(call("UCASE", {kString}, {Value()}).is_null());
}

TEST(ScalarString, Substring) {
  EXPECT_EQ(s(call("SUBSTRING", {kString, kInt}, {Value("some_string"), I(6)})), "string");
  EXPECT_EQ(s(call("SUBSTRING", {kString, kInt}, {Value("short"), I(6)})), "");
  EXPECT_EQ(s(call("SUBSTRING", {kString, kInt, kInt}, {Value(" \t with"), I(2), I(5)})), "\t wit");
  EXPECT_EQ(s(call("SUBSTRING", {kString, kInt}, {Value("hello"), I(-3)})), "llo");
  EXPECT_EQ(s(call("SUBSTRING", {kString, kInt, kInt}, {Value("héllo"), I(2), I(2)})), "él");
  EXPECT_EQ(call("SUBSTRING", {kBytes, kInt, kInt}, {Value(Bytes{"some_string"}), I(6), I(3)}).as<Bytes>().data, "str");
  EXPECT_TRUE(call("SUBSTRING", {kString, kInt}, {Value("x"), Value()}).is_null());
}

TEST(ScalarString, ConcatSkipsNulls) {
  auto b = bind("CONCAT", {kString, kString, kString});
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->null_if_any_null_arg);
  EXPECT_EQ(s(call_bound(*b, {Value("a"), Value(), Value("c")})), "ac");
  auto ws = bind("CONCAT_WS", {kString, kString, kString, kString});
  ASSERT_TRUE(ws.ok());
  EXPECT_EQ(s(call_bound(*ws, {Value("SEP"), Value("foo"), Value(), Value("baz")})), "fooSEPbaz");
  EXPECT_TRUE(call_bound(*ws, {Value(), Value("foo"), Value("x"), Value("baz")}).is_null());
}

TEST(ScalarString, ReplaceInstrInitcapLen) {
  EXPECT_EQ(s(call("REPLACE", {kString, kString, kString}, {Value("anaconda"), Value("a"), Value("o")})), "onocondo");
  EXPECT_EQ(call("INSTR", {kString, kString, kInt, kInt}, {Value("corporate floor"), Value("or"), I(4), I(2)}).as<int32_t>(), 14);
  EXPECT_EQ(call("INSTR", {kString, kString, kInt}, {Value("corporate floor"), Value("or"), I(-4)}).as<int32_t>(), 5);
  EXPECT_EQ(call("INSTR", {kString, kString}, {Value("short"), Value("or")}).as<int32_t>(), 3);
  EXPECT_EQ(call("INSTR", {kString, kString, kInt, kInt}, {Value("short"), Value("or"), I(4), I(2)}).as<int32_t>(), 0);
  EXPECT_EQ(s(call("INITCAP", {kString}, {Value("the   Quick br0wn fOx")})), "The   Quick Br0wn Fox");
  EXPECT_EQ(call("LEN", {kString}, {Value("ABC")}).as<int32_t>(), 3);
  EXPECT_EQ(call("LENGTH", {kBytes}, {Value(Bytes{"abc"})}).as<int32_t>(), 3);
}

TEST(ScalarString, PadMaskChr) {
  EXPECT_EQ(s(call("LPAD", {kString, kInt, kString}, {Value("abc"), I(6), Value("xy")})), "xyxabc");
  EXPECT_EQ(s(call("RPAD", {kString, kInt, kString}, {Value("abcdef"), I(3), Value("xy")})), "abc");
  EXPECT_TRUE(call("LPAD", {kString, kInt, kString}, {Value("a"), I(3), Value("")}).is_null());
  EXPECT_EQ(s(call("MASK", {kString}, {Value("AbC-12 z")})), "XxX-nn-x");
  EXPECT_EQ(s(call("MASK_LEFT", {kString, kInt}, {Value("AbC12"), I(2)})), "XxC12");
  EXPECT_EQ(s(call("MASK_RIGHT", {kString, kInt, kString}, {Value("AbC12"), I(2), Value("U")})), "AbCnn");
  EXPECT_EQ(s(call("MASK_KEEP_LEFT", {kString, kInt}, {Value("AbC12"), I(2)})), "AbXnn");
  EXPECT_EQ(s(call("MASK_KEEP_RIGHT", {kString, kInt}, {Value("AbC12"), I(2)})), "XxX12");
  EXPECT_EQ(s(call("CHR", {kInt}, {I(75)})), "K");
  EXPECT_EQ(s(call("CHR", {kString}, {Value("\\u004b")})), "K");
}

TEST(ScalarString, RegexAndSplit) {
  EXPECT_EQ(s(call("REGEXP_REPLACE", {kString, kString, kString}, {Value("baababaa"), Value("(ab)+"), Value("cat")})), "bacataa");
  EXPECT_EQ(s(call("REGEXP_EXTRACT", {kString, kString}, {Value("test."), Value("some_test_string")})), "test_");
  EXPECT_TRUE(call("REGEXP_EXTRACT", {kString, kString}, {Value("test."), Value("anothertest")}).is_null());
  EXPECT_EQ(s(call("REGEXP_EXTRACT", {kString, kString, kInt}, {Value("(.*) (.*)"), Value("andy coates"), I(2)})), "coates");
  EXPECT_EQ(strings(call("REGEXP_EXTRACT_ALL", {kString, kString}, {Value("test."), Value("some_test_string_testabab")})),
            (std::vector<std::string>{"test_", "testa"}));
  EXPECT_EQ(strings(call("REGEXP_SPLIT_TO_ARRAY", {kString, kString}, {Value("aabcda"), Value("(ab|cd)")})),
            (std::vector<std::string>{"a", "", "a"}));
  EXPECT_EQ(strings(call("SPLIT", {kString, kString}, {Value(".abc$$"), Value("$$")})), (std::vector<std::string>{".abc", ""}));
  EXPECT_EQ(strings(call("SPLIT", {kString, kString}, {Value("abc"), Value("")})), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(strings(call("SPLIT", {kString, kString}, {Value(""), Value("")})), (std::vector<std::string>{""}));
  Value m = call("SPLIT_TO_MAP", {kString, kString, kString}, {Value("a=1/b=2/c"), Value("/"), Value("=")});
  ASSERT_EQ(m.as_map().size(), 2u);
  EXPECT_EQ(m.as_map()[1].second.as<std::string>(), "2");
  EvalErrors errors;
  EXPECT_TRUE(call("REGEXP_EXTRACT", {kString, kString}, {Value("("), Value("x")}, &errors).is_null());
  EXPECT_EQ(errors.messages.size(), 1u);
}

TEST(ScalarString, BytesEncodings) {
  EXPECT_EQ(call("TO_BYTES", {kString, kString}, {Value("$$"), Value("utf8")}).as<Bytes>().data, "$$");
  EXPECT_EQ(call("TO_BYTES", {kString, kString}, {Value("YWJj"), Value("base64")}).as<Bytes>().data, "abc");
  EXPECT_EQ(s(call("FROM_BYTES", {kBytes, kString}, {Value(Bytes{"abc"}), Value("hex")})), "616263");
  EXPECT_EQ(s(call("FROM_BYTES", {kBytes, kString}, {Value(Bytes{"abcd"}), Value("base64")})), "YWJjZA==");
  EXPECT_EQ(s(call("ENCODE", {kString, kString, kString}, {Value("616263"), Value("hex"), Value("utf8")})), "abc");
  EXPECT_EQ(s(call("UUID", {}, {})).size(), 36u);
}

TEST(ScalarString, EltField) {
  EXPECT_EQ(s(call("ELT", {kInt, kString, kString}, {I(2), Value("a"), Value("b")})), "b");
  EXPECT_TRUE(call("ELT", {kInt, kString, kString}, {I(3), Value("a"), Value("b")}).is_null());
  EXPECT_EQ(call("FIELD", {kString, kString, kString}, {Value("b"), Value("a"), Value("b")}).as<int32_t>(), 2);
  EXPECT_EQ(call("FIELD", {kString, kString}, {Value(), Value("a")}).as<int32_t>(), 0);
}

}  // namespace
}  // namespace tributary::sql::test
