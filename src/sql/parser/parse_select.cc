// SELECT ... FROM ... [JOIN ...] [WINDOW ...] [WHERE] [GROUP BY] [PARTITION BY] [HAVING]
// [EMIT CHANGES|FINAL] [LIMIT n], clauses in ksqlDB's fixed order.
#include "sql/parser/parser_internal.h"

namespace tributary::sql {

Result<Query> Parser::parse_query() {
  Query q;
  q.pos = peek().pos;
  TRY_STATUS(expect_keyword("SELECT"));
  do {
    SQL_ASSIGN(SelectItem item, parse_select_item());
    q.items.push_back(std::move(item));
  } while (accept_symbol(","));
  TRY_STATUS(expect_keyword("FROM"));
  SQL_ASSIGN(q.from, parse_source_ref());
  while (true) {
    Join::Type type = Join::Type::inner;
    if (accept_keyword("INNER")) {
    } else if (accept_keyword("LEFT")) {
      type = Join::Type::left;
      accept_keyword("OUTER");
    } else if (accept_keyword("RIGHT")) {
      type = Join::Type::right;
      accept_keyword("OUTER");
    } else if (accept_keyword("FULL")) {
      type = Join::Type::full;
      accept_keyword("OUTER");
    } else if (!at_keyword("JOIN")) {
      break;
    }
    SQL_ASSIGN(Join join, parse_join(type));
    q.joins.push_back(std::move(join));
  }
  if (accept_keyword("WINDOW")) {
    SQL_ASSIGN(q.window, parse_window());
  }
  if (accept_keyword("WHERE")) {
    SQL_ASSIGN(q.where, parse_expr());
  }
  if (accept_keyword("GROUP")) {
    TRY_STATUS(expect_keyword("BY"));
    SQL_ASSIGN(q.group_by, parse_grouping_list());
  }
  if (accept_keyword("PARTITION")) {
    TRY_STATUS(expect_keyword("BY"));
    SQL_ASSIGN(q.partition_by, parse_grouping_list());
  }
  if (accept_keyword("HAVING")) {
    SQL_ASSIGN(q.having, parse_expr());
  }
  if (accept_keyword("EMIT")) {
    if (accept_keyword("CHANGES")) {
      q.emit = Query::Emit::changes;
    } else if (accept_keyword("FINAL")) {
      q.emit = Query::Emit::final_;
    } else {
      return error_expecting("CHANGES or FINAL");
    }
  }
  if (accept_keyword("LIMIT")) {
    SQL_ASSIGN(q.limit, parse_integer("the LIMIT row count"));
  }
  return q;
}

Result<SelectItem> Parser::parse_select_item() {
  SelectItem item;
  if (accept_symbol("*")) return item;
  if (at_identifier() && at_symbol(".", 1) && at_symbol("*", 2)) {
    item.star_source = peek().text;
    advance();
    advance();
    advance();
    return item;
  }
  SQL_ASSIGN(item.expr, parse_expr());
  if (accept_keyword("AS")) {
    SQL_ASSIGN(item.alias, parse_identifier("an alias"));
  } else if (at_identifier()) {
    SQL_ASSIGN(item.alias, parse_identifier("an alias"));
  }
  return item;
}

Result<SourceRef> Parser::parse_source_ref() {
  SourceRef ref;
  ref.pos = peek().pos;
  SQL_ASSIGN(ref.name, parse_identifier("a stream or table name"));
  if (accept_keyword("AS")) {
    SQL_ASSIGN(ref.alias, parse_identifier("an alias"));
  } else if (at_identifier()) {
    SQL_ASSIGN(ref.alias, parse_identifier("an alias"));
  }
  return ref;
}

Result<Join> Parser::parse_join(Join::Type type) {
  Join join;
  join.type = type;
  TRY_STATUS(expect_keyword("JOIN"));
  SQL_ASSIGN(join.source, parse_source_ref());
  if (accept_keyword("WITHIN")) {
    if (accept_symbol("(")) {
      SQL_ASSIGN(join.within_before, parse_duration());
      TRY_STATUS(expect_symbol(","));
      SQL_ASSIGN(join.within_after, parse_duration());
      TRY_STATUS(expect_symbol(")"));
    } else {
      SQL_ASSIGN(join.within_before, parse_duration());
      join.within_after = join.within_before;
    }
    if (accept_keyword("GRACE")) {
      TRY_STATUS(expect_keyword("PERIOD"));
      SQL_ASSIGN(join.grace, parse_duration());
    }
  }
  TRY_STATUS(expect_keyword("ON"));
  SQL_ASSIGN(join.on, parse_expr());
  return join;
}

// TUMBLING (SIZE d [, RETENTION d] [, GRACE PERIOD d]), HOPPING (SIZE d, ADVANCE BY d, ...),
// SESSION (d, ...). Options may come in any order; what each window needs is checked at the end.
Result<WindowSpec> Parser::parse_window() {
  WindowSpec w;
  if (accept_keyword("TUMBLING")) {
    w.type = WindowSpec::Type::tumbling;
  } else if (accept_keyword("HOPPING")) {
    w.type = WindowSpec::Type::hopping;
  } else if (accept_keyword("SESSION")) {
    w.type = WindowSpec::Type::session;
  } else {
    return error_expecting("TUMBLING, HOPPING or SESSION");
  }
  const Token& open = peek();
  TRY_STATUS(expect_symbol("("));
  bool has_size = false;
  do {
    if (accept_keyword("SIZE")) {
      SQL_ASSIGN(w.size, parse_duration());
      has_size = true;
    } else if (accept_keyword("ADVANCE")) {
      TRY_STATUS(expect_keyword("BY"));
      SQL_ASSIGN(w.advance, parse_duration());
    } else if (accept_keyword("RETENTION")) {
      SQL_ASSIGN(w.retention, parse_duration());
    } else if (accept_keyword("GRACE")) {
      TRY_STATUS(expect_keyword("PERIOD"));
      SQL_ASSIGN(w.grace, parse_duration());
    } else if (w.type == WindowSpec::Type::session && !has_size) {
      SQL_ASSIGN(w.size, parse_duration());
      has_size = true;
    } else {
      return error_expecting("SIZE, ADVANCE BY, RETENTION or GRACE PERIOD");
    }
  } while (accept_symbol(","));
  TRY_STATUS(expect_symbol(")"));
  if (!has_size) return error_at(open, "window needs a size");
  if (w.type == WindowSpec::Type::hopping && !w.advance) return error_at(open, "HOPPING window needs ADVANCE BY");
  return w;
}

// GROUP BY / PARTITION BY take `a, b` or `(a, b)`; a lone parenthesised expression such as
// `(a + b) * 2` must stay an expression, so only a top-level comma inside the parentheses
// makes it a list.
Result<std::vector<ExprPtr>> Parser::parse_grouping_list() {
  if (at_symbol("(")) {
    int depth = 0;
    bool comma = false;
    std::size_t i = 0;
    for (;; ++i) {
      const Token& t = peek(i);
      if (t.kind == TokenKind::end) break;
      if (t.kind != TokenKind::symbol) continue;
      if (t.text == "(" || t.text == "[") ++depth;
      if (t.text == ")" || t.text == "]") --depth;
      if (depth == 0) break;
      if (depth == 1 && t.text == ",") comma = true;
    }
    if (comma) {
      advance();
      SQL_ASSIGN(std::vector<ExprPtr> list, parse_expr_list());
      TRY_STATUS(expect_symbol(")"));
      return list;
    }
  }
  return parse_expr_list();
}

}  // namespace tributary::sql
