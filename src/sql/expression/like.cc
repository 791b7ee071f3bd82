// LIKE with % (any run) and _ (one character), optional ESCAPE; case-sensitive as in ksqlDB.
#include "sql/expression/internal.h"

namespace tributary::sql::expr {
namespace {

struct Token {
  enum Kind { literal, one, any } kind;
  std::string text;  // literal bytes (one UTF-8 character or a run)
};

std::vector<Token> compile(const std::string& pattern, int escape) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (escape >= 0 && c == static_cast<char>(escape) && i + 1 < pattern.size()) {
      c = pattern[++i];
    } else if (c == '%') {
      if (out.empty() || out.back().kind != Token::any) out.push_back({Token::any, {}});
      continue;
    } else if (c == '_') {
      out.push_back({Token::one, {}});
      continue;
    }
    if (out.empty() || out.back().kind != Token::literal) out.push_back({Token::literal, {}});
    out.back().text += c;
  }
  return out;
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// Greedy matching that only backtracks to the last '%': O(pattern * text) at worst.
bool match(const std::vector<Token>& tokens, std::string_view s) {
  constexpr std::size_t npos = std::string_view::npos;
  std::size_t t = 0, i = 0, star_t = npos, star_i = 0;
  while (t < tokens.size() || i < s.size()) {
    if (t < tokens.size()) {
      const Token& tok = tokens[t];
      if (tok.kind == Token::any) {
        star_t = t++;
        star_i = i;
        continue;
      }
      if (tok.kind == Token::one && i < s.size()) {
        i += std::min(s.size() - i, utf8_length(static_cast<unsigned char>(s[i])));
        ++t;
        continue;
      }
      if (tok.kind == Token::literal && s.compare(i, tok.text.size(), tok.text) == 0) {
        i += tok.text.size();
        ++t;
        continue;
      }
    }
    if (star_t == npos || star_i >= s.size()) return false;
    star_i += std::min(s.size() - star_i, utf8_length(static_cast<unsigned char>(s[star_i])));
    i = star_i;
    t = star_t + 1;
  }
  return true;
}

class LikeNode final : public Node {
 public:
  LikeNode(bool negated, NodePtr value, NodePtr pattern, NodePtr escape)
      : Node(make_type(TypeKind::boolean)), negated_(negated), value_(std::move(value)), pattern_(std::move(pattern)),
        escape_(std::move(escape)) {
    if (pattern_->is_constant() && (!escape_ || escape_->is_constant())) {
      EvalErrors errors;
      Value p = pattern_->eval({}, errors);
      if (!p.is_null()) {
        compiled_ = compile(p.as<std::string>(), escape_char({}, errors));
        precompiled_ = true;
      }
    }
  }

  Value eval(std::span<const Value> row, EvalErrors& errors) const override {
    Value s1, s2;
    const Value& v = eval_child(*value_, row, errors, s1);
    bool matched = false;
    if (!v.is_null()) {
      if (precompiled_) {
        matched = match(compiled_, v.as<std::string>());
      } else {
        const Value& p = eval_child(*pattern_, row, errors, s2);
        if (!p.is_null()) matched = match(compile(p.as<std::string>(), escape_char(row, errors)), v.as<std::string>());
      }
    }
    return Value(negated_ ? !matched : matched);
  }

 private:
  int escape_char(std::span<const Value> row, EvalErrors& errors) const {
    if (!escape_) return -1;
    Value e = escape_->eval(row, errors);
    if (e.is_null() || e.as<std::string>().empty()) return -1;
    return static_cast<unsigned char>(e.as<std::string>()[0]);
  }

  bool negated_;
  NodePtr value_, pattern_, escape_;
  bool precompiled_ = false;
  std::vector<Token> compiled_;
};

}  // namespace

Result<NodePtr> bind_like(const Expr& e, BindContext& ctx) {
  std::vector<NodePtr> nodes;
  for (const auto& arg : e.args) {
    auto n = bind_node(*arg, ctx);
    if (!n.ok()) return n.status();
    NodePtr node = std::move(n.value());
    if (node->is_null_literal()) node = make_constant(Value(), make_type(TypeKind::string), "null");
    if (node->type().kind != TypeKind::string) {
      return bind_error("Operator LIKE requires STRING operands, but " + node->sql + " is " + type_to_string(node->type()));
    }
    nodes.push_back(std::move(node));
  }
  if (nodes.size() > 2 && nodes[2]->is_constant()) {
    EvalErrors errors;
    Value esc = nodes[2]->eval({}, errors);
    if (!esc.is_null() && esc.as<std::string>().size() != 1) {
      return bind_error("Escape character must be a single character: " + nodes[2]->sql);
    }
  }
  bool constant = true;
  for (const auto& n : nodes) constant = constant && n->is_constant();
  NodePtr escape = nodes.size() > 2 ? std::move(nodes[2]) : nullptr;
  return fold_if_constant(std::make_unique<LikeNode>(e.negated, std::move(nodes[0]), std::move(nodes[1]), std::move(escape)),
                          constant);
}

}  // namespace tributary::sql::expr
