#include "sql/expression/test_util.h"

namespace tributary::sql::testing {
namespace {

// A tiny registry: TWICE(INT|BIGINT), FIRST_NON_NULL(x, y), SHIFTED(x, n) whose result type
// depends on a literal argument, and an aggregate MYSUM.
void add_test_functions(FunctionRegistry& r) {
  r.add(ScalarFunction{"TWICE", "", [](const std::vector<SqlType>& types, const std::vector<Value>&) -> Result<BoundScalar> {
    if (types.size() != 1 || !is_integral(types[0])) {
      return Status::error(Errc::invalid_argument, "Function 'TWICE' does not accept parameters");
    }
    BoundScalar b;
    b.result_type = make_type(TypeKind::bigint);
    b.impl = [](std::span<const Value> args, EvalErrors&) {
      int64_t v = args[0].is<int32_t>() ? args[0].as<int32_t>() : args[0].as<int64_t>();
      return Value(v * 2);
    };
    return b;
  }});
  r.add(ScalarFunction{"FIRST_NON_NULL", "", [](const std::vector<SqlType>& types, const std::vector<Value>&) -> Result<BoundScalar> {
    BoundScalar b;
    b.result_type = types.at(0);
    b.null_if_any_null_arg = false;
    b.impl = [](std::span<const Value> args, EvalErrors&) { return args[0].is_null() ? args[1] : args[0]; };
    return b;
  }});
  r.add(ScalarFunction{"LITERAL_SEEN", "", [](const std::vector<SqlType>&, const std::vector<Value>& literals) -> Result<BoundScalar> {
    BoundScalar b;
    b.result_type = make_type(TypeKind::boolean);
    bool seen = !literals.at(1).is_null() && literals.at(1).as<int32_t>() == -1;
    b.impl = [seen](std::span<const Value>, EvalErrors&) { return Value(seen); };
    return b;
  }});
  r.add(AggregateFunction{"MYSUM", "", nullptr});
}

TEST(ExpressionFunctions, BindsThroughTheRegistry) {
  ExprFixture f;
  add_test_functions(f.functions);
  EXPECT_EQ(f.eval("TWICE(I)").as<int64_t>(), 10);
  EXPECT_EQ(f.eval("twice(L)").as<int64_t>(), 20);
  EXPECT_TRUE(f.eval("TWICE(N)").is_null());  // null_if_any_null_arg
  EXPECT_EQ(f.eval("FIRST_NON_NULL(N, I)").as<int32_t>(), 5);
  EXPECT_TRUE(f.eval("LITERAL_SEEN(I, -1)").as<bool>());  // folded literal passed at bind
  EXPECT_FALSE(f.eval("LITERAL_SEEN(I, I)").as<bool>());
  EXPECT_EQ(f.bind_error("WONT_FIND_ME(I)"), "Can't find any functions with the name 'WONT_FIND_ME'");
  EXPECT_NE(f.bind_error("TWICE(S)").find("does not accept"), std::string::npos);
  EXPECT_NE(f.bind_error("MYSUM(I)").find("Aggregate"), std::string::npos);
}

TEST(ExpressionLambdas, TransformFilterReduceOnArrays) {
  ExprFixture f;
  Value t = f.eval("TRANSFORM(A, x => x * 10)");
  ASSERT_TRUE(t.is_array());
  EXPECT_EQ(t.as_array()[2].as<int32_t>(), 30);
  Value withColumn = f.eval("TRANSFORM(A, x => x + I)");
  EXPECT_EQ(withColumn.as_array()[0].as<int32_t>(), 6);
  Value filtered = f.eval("FILTER(A, x => x > 1)");
  EXPECT_EQ(filtered.as_array().size(), 2u);
  EXPECT_EQ(f.eval("REDUCE(A, 0, (s, x) => s + x)").as<int32_t>(), 6);
  EXPECT_EQ(type_str(f.type_of("REDUCE(A, 0, (s, x) => s + x + L)")), "BIGINT");
  EXPECT_EQ(f.eval("REDUCE(A, 0, (s, x) => s + x + L)").as<int64_t>(), 36);
  Value nested = f.eval("TRANSFORM(A, x => REDUCE(A, x, (s, y) => s + y))");
  EXPECT_EQ(nested.as_array()[0].as<int32_t>(), 7);
  EXPECT_TRUE(f.eval("TRANSFORM(CAST(NULL AS ARRAY<INT>), x => x)").is_null());
}

TEST(ExpressionLambdas, MapsAndErrors) {
  ExprFixture f;
  Value m = f.eval("TRANSFORM(M, (k, v) => k || '!', (k, v) => v * 2)");
  ASSERT_TRUE(m.is_map());
  EXPECT_EQ(m.as_map()[0].first.as<std::string>(), "a!");
  EXPECT_EQ(m.as_map()[1].second.as<int32_t>(), 4);
  Value filtered = f.eval("FILTER(M, (k, v) => v > 1)");
  EXPECT_EQ(filtered.as_map().size(), 1u);
  EXPECT_EQ(f.eval("REDUCE(M, 0, (s, k, v) => s + v)").as<int32_t>(), 3);
  EXPECT_FALSE(f.bind_error("FILTER(A, x => x)").empty());
  EXPECT_FALSE(f.bind_error("TRANSFORM(A, (x, y) => x)").empty());
  EXPECT_FALSE(f.bind_error("TRANSFORM(I, x => x)").empty());
}

TEST(ExpressionScope, ListScopeResolution) {
  ListScope scope({{"L", "ID", make_type(TypeKind::int_)},
                   {"R", "ID", make_type(TypeKind::bigint)},
                   {"L", "NAME", make_type(TypeKind::string)}});
  auto name = scope.resolve("", "NAME");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->index, 2u);
  auto right = scope.resolve("R", "ID");
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right->index, 1u);
  EXPECT_EQ(scope.resolve("", "ID").status().message(), "Column 'ID' is ambiguous");
  EXPECT_EQ(scope.resolve("", "X").status().message(), "Column 'X' cannot be resolved.");
  EXPECT_EQ(scope.resolve("l", "ID").status().message(), "Column 'l.ID' cannot be resolved.");

  auto parsed = parse_expression("R.ID + 1");
  ASSERT_TRUE(parsed.ok());
  auto bound = bind_expression(*parsed.value(), scope);
  ASSERT_TRUE(bound.ok()) << bound.status().message();
  std::vector<Value> row{Value(int32_t{1}), Value(int64_t{41}), Value("n")};
  EvalErrors errors;
  EXPECT_EQ(bound.value()->eval(row, errors).as<int64_t>(), 42);
}

TEST(ExpressionConstant, EvaluateConstant) {
  auto e = parse_expression("1 + 2 * 3");
  ASSERT_TRUE(e.ok());
  SqlType type;
  auto v = evaluate_constant(*e.value(), &type);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->as<int32_t>(), 7);
  EXPECT_EQ(type_str(type), "INTEGER");
  auto arr = parse_expression("ARRAY['a', 'b']");
  auto av = evaluate_constant(*arr.value());
  ASSERT_TRUE(av.ok());
  EXPECT_EQ(av->as_array()[1].as<std::string>(), "b");
  auto col = parse_expression("FOO + 1");
  auto cv = evaluate_constant(*col.value());
  ASSERT_FALSE(cv.ok());
  EXPECT_EQ(cv.status().message(), "Column 'FOO' cannot be resolved.");
  auto bad = parse_expression("1 / 0");
  EXPECT_FALSE(evaluate_constant(*bad.value()).ok());
}

}  // namespace
}  // namespace tributary::sql::testing
