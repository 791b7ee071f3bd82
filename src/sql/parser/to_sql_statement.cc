// Printing statements back to SQL; the output parses to the same AST (see the round-trip tests).
#include <type_traits>

#include "sql/parser/ast_statement.h"

namespace tributary::sql {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string to_sql(const Duration& d) { return std::to_string(d.value) + " " + d.unit; }

std::string to_sql(const SourceRef& s) {
  return quote_identifier(s.name) + (s.alias.empty() ? "" : " " + quote_identifier(s.alias));
}

std::string to_sql(const Properties& props) {
  std::string out = " WITH (";
  for (std::size_t i = 0; i < props.size(); ++i) {
    out += (i ? ", " : "") + quote_identifier(props[i].first) + "=" + to_sql(*props[i].second);
  }
  return out + ")";
}

std::string join_list(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (std::size_t i = 0; i < exprs.size(); ++i) out += (i ? ", " : "") + to_sql(*exprs[i]);
  return out;
}

std::string to_sql(const ColumnDef& c) {
  std::string out = quote_identifier(c.name) + " " + to_sql(c.type);
  switch (c.constraint) {
    case ColumnDef::Constraint::none: break;
    case ColumnDef::Constraint::key: out += " KEY"; break;
    case ColumnDef::Constraint::primary_key: out += " PRIMARY KEY"; break;
    case ColumnDef::Constraint::headers: out += " HEADERS"; break;
    case ColumnDef::Constraint::header: out += " HEADER(" + quote_string(c.header_key) + ")"; break;
  }
  return out;
}

std::string to_sql(const Join& j) {
  static const char* kTypes[] = {" INNER JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL OUTER JOIN "};
  std::string out = kTypes[static_cast<int>(j.type)] + to_sql(j.source);
  if (j.within_before) {
    out += " WITHIN (" + to_sql(*j.within_before) + ", " + to_sql(*j.within_after) + ")";
    if (j.grace) out += " GRACE PERIOD " + to_sql(*j.grace);
  }
  return out + " ON " + to_sql(*j.on);
}

std::string to_sql(const WindowSpec& w) {
  static const char* kTypes[] = {"TUMBLING", "HOPPING", "SESSION"};
  std::string out = std::string(" WINDOW ") + kTypes[static_cast<int>(w.type)] + " (";
  out += (w.type == WindowSpec::Type::session ? "" : "SIZE ") + to_sql(w.size);
  if (w.advance) out += ", ADVANCE BY " + to_sql(*w.advance);
  if (w.retention) out += ", RETENTION " + to_sql(*w.retention);
  if (w.grace) out += ", GRACE PERIOD " + to_sql(*w.grace);
  return out + ")";
}

}  // namespace

std::string to_sql(const Query& q) {
  std::string out = "SELECT ";
  for (std::size_t i = 0; i < q.items.size(); ++i) {
    const SelectItem& item = q.items[i];
    if (i) out += ", ";
    if (!item.expr) {
      out += item.star_source.empty() ? "*" : quote_identifier(item.star_source) + ".*";
      continue;
    }
    out += to_sql(*item.expr);
    if (!item.alias.empty()) out += " AS " + quote_identifier(item.alias);
  }
  out += " FROM " + to_sql(q.from);
  for (const Join& j : q.joins) out += to_sql(j);
  if (q.window) out += to_sql(*q.window);
  if (q.where) out += " WHERE " + to_sql(*q.where);
  if (!q.group_by.empty()) out += " GROUP BY " + join_list(q.group_by);
  if (!q.partition_by.empty()) out += " PARTITION BY " + join_list(q.partition_by);
  if (q.having) out += " HAVING " + to_sql(*q.having);
  if (q.emit == Query::Emit::changes) out += " EMIT CHANGES";
  if (q.emit == Query::Emit::final_) out += " EMIT FINAL";
  if (q.limit) out += " LIMIT " + std::to_string(*q.limit);
  return out;
}

std::string to_sql(const Statement& statement) {
  return std::visit(
      Overloaded{
          [](const CreateSource& c) {
            std::string out = "CREATE ";
            if (c.or_replace) out += "OR REPLACE ";
            if (c.is_source) out += "SOURCE ";
            out += c.is_table ? "TABLE " : "STREAM ";
            if (c.if_not_exists) out += "IF NOT EXISTS ";
            out += quote_identifier(c.name);
            if (!c.columns.empty()) {
              out += " (";
              for (std::size_t i = 0; i < c.columns.size(); ++i) out += (i ? ", " : "") + to_sql(c.columns[i]);
              out += ")";
            }
            if (!c.properties.empty()) out += to_sql(c.properties);
            if (c.as_query) out += " AS " + to_sql(*c.as_query);
            return out;
          },
          [](const AlterSource& a) {
            std::string out = std::string("ALTER ") + (a.is_table ? "TABLE " : "STREAM ") + quote_identifier(a.name);
            for (std::size_t i = 0; i < a.added.size(); ++i) out += (i ? ", ADD COLUMN " : " ADD COLUMN ") + to_sql(a.added[i]);
            return out;
          },
          [](const CreateType& t) {
            return std::string("CREATE TYPE ") + (t.if_not_exists ? "IF NOT EXISTS " : "") +
                   quote_identifier(t.name) + " AS " + to_sql(t.type);
          },
          [](const InsertValues& i) {
            std::string out = "INSERT INTO " + quote_identifier(i.target);
            if (!i.columns.empty()) {
              out += " (";
              for (std::size_t k = 0; k < i.columns.size(); ++k) out += (k ? ", " : "") + quote_identifier(i.columns[k]);
              out += ")";
            }
            return out + " VALUES (" + join_list(i.values) + ")";
          },
          [](const InsertSelect& i) {
            return "INSERT INTO " + quote_identifier(i.target) +
                   (i.properties.empty() ? "" : to_sql(i.properties)) + " " + to_sql(i.query);
          },
          [](const QueryStatement& q) { return to_sql(q.query); },
          [](const Show& s) { return "SHOW " + s.what + (s.extended ? " EXTENDED" : ""); },
          [](const Describe& d) {
            switch (d.target) {
              case Describe::Target::function: return "DESCRIBE FUNCTION " + quote_identifier(d.name);
              case Describe::Target::streams: return std::string("DESCRIBE STREAMS") + (d.extended ? " EXTENDED" : "");
              case Describe::Target::tables: return std::string("DESCRIBE TABLES") + (d.extended ? " EXTENDED" : "");
              case Describe::Target::source: break;
            }
            return std::string("DESCRIBE ") + (d.extended ? "EXTENDED " : "") + quote_identifier(d.name);
          },
          [](const Explain& e) {
            return "EXPLAIN " + (e.statement ? to_sql(*e.statement) : quote_identifier(e.query_id));
          },
          [](const Drop& d) {
            return "DROP " + d.object + (d.if_exists ? " IF EXISTS " : " ") + quote_identifier(d.name) +
                   (d.delete_topic ? " DELETE TOPIC" : "");
          },
          [](const Terminate& t) { return "TERMINATE " + (t.all ? std::string("ALL") : quote_identifier(t.query_id)); },
          [](const Print& p) {
            std::string out = "PRINT " + quote_string(p.topic);
            if (p.from_beginning) out += " FROM BEGINNING";
            if (p.interval) out += " INTERVAL " + std::to_string(*p.interval);
            if (p.limit) out += " LIMIT " + std::to_string(*p.limit);
            return out;
          },
          [](const SetProperty& s) { return "SET " + quote_string(s.name) + "=" + quote_string(s.value); },
          [](const UnsetProperty& u) { return "UNSET " + quote_string(u.name); },
          [](const DefineVariable& d) { return "DEFINE " + quote_identifier(d.name) + "=" + quote_string(d.value); },
          [](const UndefineVariable& u) { return "UNDEFINE " + quote_identifier(u.name); },
      },
      statement.node);
}

}  // namespace tributary::sql
