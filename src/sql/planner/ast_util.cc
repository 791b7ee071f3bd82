#include "sql/planner/ast_util.h"

#include <algorithm>
#include <cctype>

namespace tributary::sql {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string unqualified_sql(const Expr& e) {
  ExprPtr copy = rewrite(std::make_shared<Expr>(e), [](const Expr& node) -> ExprPtr {
    if (node.kind != ExprKind::column || node.qualifier.empty()) return nullptr;
    auto c = std::make_shared<Expr>(node);
    c->qualifier.clear();
    return c;
  });
  return to_sql(*copy);
}

std::string joined_sql(const Expr& e) {
  ExprPtr copy = rewrite(std::make_shared<Expr>(e), [](const Expr& node) -> ExprPtr {
    if (node.kind != ExprKind::column || node.qualifier.empty()) return nullptr;
    auto c = std::make_shared<Expr>(node);
    c->text = node.qualifier + "_" + node.text;
    c->qualifier.clear();
    return c;
  });
  return to_sql(*copy);
}

std::string expr_text(const Expr& e) { return to_sql(e); }

ExprPtr rewrite(const ExprPtr& e, const std::function<ExprPtr(const Expr&)>& replace) {
  if (!e) return e;
  if (ExprPtr r = replace(*e)) return r;
  bool changed = false;
  std::vector<ExprPtr> args;
  args.reserve(e->args.size());
  for (const auto& a : e->args) {
    args.push_back(rewrite(a, replace));
    if (args.back() != a) changed = true;
  }
  if (!changed) return e;
  auto copy = std::make_shared<Expr>(*e);
  copy->args = std::move(args);
  return copy;
}

ExprPtr column_ref(const std::string& name, const std::string& qualifier) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::column;
  e->text = name;
  e->qualifier = qualifier;
  return e;
}

bool is_aggregate_call(const Expr& e, const FunctionRegistry& functions) {
  return e.kind == ExprKind::function_call && functions.is_aggregate(upper(e.text));
}

bool contains_aggregate(const Expr& e, const FunctionRegistry& functions) {
  if (is_aggregate_call(e, functions)) return true;
  for (const auto& a : e.args) {
    if (a && contains_aggregate(*a, functions)) return true;
  }
  return false;
}

void collect_aggregates(const ExprPtr& e, const FunctionRegistry& functions, std::vector<ExprPtr>& out) {
  if (!e) return;
  if (is_aggregate_call(*e, functions)) {
    out.push_back(e);
    return;
  }
  for (const auto& a : e->args) collect_aggregates(a, functions, out);
}

namespace {
void collect_columns_inner(const ExprPtr& e, const std::vector<std::string>& lambda_params,
                           std::vector<const Expr*>& out) {
  if (!e) return;
  if (e->kind == ExprKind::column) {
    bool is_param = e->qualifier.empty() &&
                    std::find(lambda_params.begin(), lambda_params.end(), e->text) != lambda_params.end();
    if (!is_param) out.push_back(e.get());
    return;
  }
  if (e->kind == ExprKind::lambda) {
    auto params = lambda_params;
    params.insert(params.end(), e->names.begin(), e->names.end());
    for (const auto& a : e->args) collect_columns_inner(a, params, out);
    return;
  }
  for (const auto& a : e->args) collect_columns_inner(a, lambda_params, out);
}
}  // namespace

void collect_columns(const ExprPtr& e, std::vector<const Expr*>& out) { collect_columns_inner(e, {}, out); }

std::optional<std::string> default_column_name(const Expr& e) {
  if (e.kind == ExprKind::column) return e.text;
  if (e.kind == ExprKind::dereference) return e.text;
  return std::nullopt;
}

int64_t duration_ms(const Duration& d) {
  std::string u = upper(d.unit);
  int64_t mult = 1;
  if (u.rfind("MILLISECOND", 0) == 0) mult = 1;
  else if (u.rfind("SECOND", 0) == 0) mult = 1000;
  else if (u.rfind("MINUTE", 0) == 0) mult = 60'000;
  else if (u.rfind("HOUR", 0) == 0) mult = 3'600'000;
  else if (u.rfind("DAY", 0) == 0) mult = 86'400'000;
  return d.value * mult;
}

Result<int64_t> parse_duration_text(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::size_t digits = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (digits == i) return Status::error(Errc::invalid_argument, "Invalid duration: '" + text + "'");
  int64_t value = std::stoll(text.substr(digits, i - digits));
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  std::string unit = upper(text.substr(i));
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.pop_back();
  static const char* kUnits[] = {"MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY"};
  for (const char* u : kUnits) {
    std::string s = u;
    if (unit == s || unit == s + "S") return duration_ms(Duration{value, s + "S"});
  }
  return Status::error(Errc::invalid_argument,
                       "Invalid duration: '" + text + "'. Unknown time unit: '" + unit + "'");
}

std::string column_text(const Expr& e) {
  return e.qualifier.empty() ? e.text : e.qualifier + "." + e.text;
}

}  // namespace tributary::sql
