// POST /inserts-stream: the first line names the target ({"target": "S"}), every further line is
// one row as a JSON object; each row is acknowledged with {"status":"ok","seq":n} or an error line.
#include <sstream>

#include "sql/parser/ast_statement.h"
#include "sql/rest/sql_rest.h"

namespace tributary::sql {
namespace {

ExprPtr literal(const nlohmann::json& j) {
  auto e = std::make_shared<Expr>();
  if (j.is_null()) {
    e->kind = ExprKind::null_literal;
  } else if (j.is_boolean()) {
    e->kind = ExprKind::bool_literal;
    e->text = j.get<bool>() ? "TRUE" : "FALSE";
  } else if (j.is_number_integer()) {
    e->kind = ExprKind::integer_literal;
    e->text = j.dump();
  } else if (j.is_number()) {
    e->kind = ExprKind::double_literal;
    e->text = j.dump();
    if (e->text.find_first_of("eE") == std::string::npos) e->text += "E0";
  } else if (j.is_string()) {
    e->kind = ExprKind::string_literal;
    e->text = j.get<std::string>();
  } else if (j.is_array()) {
    e->kind = ExprKind::array_ctor;
    for (const auto& item : j) e->args.push_back(literal(item));
  } else {
    e->kind = ExprKind::struct_ctor;
    for (const auto& [k, v] : j.items()) {
      e->names.push_back(k);
      e->args.push_back(literal(v));
    }
  }
  return e;
}

// The row as an INSERT INTO ... VALUES statement, so inserts get the engine's checks and coercions.
std::string insert_sql(const std::string& target, const nlohmann::json& row) {
  Statement s;
  InsertValues insert;
  insert.target = target;
  for (const auto& [k, v] : row.items()) {
    std::string upper = k;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    insert.columns.push_back(upper);
    insert.values.push_back(literal(v));
  }
  s.node = std::move(insert);
  return to_sql(s);
}

}  // namespace

void add_inserts_endpoint(http::Router& router, SqlRestContext& ctx) {
  router.add("POST", "/inserts-stream", [&ctx](http::Request& req) {
    std::istringstream in(req.body);
    std::string line;
    std::string target;
    while (target.empty() && std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("target") || !j["target"].is_string())
        return ksql_error(400, 40000, "The first line must be a JSON object with a string 'target' field");
      target = j["target"].get<std::string>();
    }
    if (target.empty()) return ksql_error(400, 40000, "The request names no target");
    std::string out;
    int64_t seq = 0;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto row = nlohmann::json::parse(line, nullptr, false);
      nlohmann::json ack = {{"seq", seq++}};
      if (row.is_discarded() || !row.is_object()) {
        ack["status"] = "error";
        ack["error_code"] = 40000;
        ack["message"] = "Each row must be a JSON object";
      } else {
        std::optional<SqlError> error;
        ctx.service.execute(insert_sql(target, row), {}, error);
        if (error) {
          ack["status"] = "error";
          ack["error_code"] = error->error_code;
          ack["message"] = error->message;
        } else {
          ack["status"] = "ok";
        }
      }
      out += ack.dump() + "\n";
    }
    return http::text_response(std::move(out), 200, "application/vnd.ksqlapi.delimited.v1");
  });
}

}  // namespace tributary::sql
