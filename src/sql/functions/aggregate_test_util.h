// Test helpers for the aggregate families: bind through the built-in registry, then feed rows.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sql/functions/function_registry.h"

namespace tributary::sql::testing {

inline SqlType T(TypeKind k) { return make_type(k); }
inline const SqlType kInt = make_type(TypeKind::int_);
inline const SqlType kBigint = make_type(TypeKind::bigint);
inline const SqlType kDouble = make_type(TypeKind::double_);
inline const SqlType kString = make_type(TypeKind::string);
inline const SqlType kBool = make_type(TypeKind::boolean);

inline Value arr(Array items) { return Value::array(std::move(items)); }

// Binds `name`; `literals` defaults to all-NULL (no literal arguments).
inline Result<std::unique_ptr<BoundAggregate>> bind(const std::string& name,
                                                    const std::vector<SqlType>& types,
                                                    std::vector<Value> literals = {}) {
  const AggregateFunction* f = FunctionRegistry::builtin().aggregate(name);
  if (f == nullptr) return Status::error(Errc::not_found, "no aggregate " + name);
  if (literals.empty()) literals.resize(types.size());
  return f->bind(types, literals);
}

inline std::string bind_error(const std::string& name, const std::vector<SqlType>& types,
                              std::vector<Value> literals = {}) {
  auto r = bind(name, types, std::move(literals));
  return r.ok() ? std::string("<bound>") : r.status().message();
}

// One aggregation state driven row by row.
class Agg {
 public:
  Agg(const std::string& name, const std::vector<SqlType>& types, std::vector<Value> literals = {})
      : literals_(literals) {
    auto r = bind(name, types, std::move(literals));
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (r.ok()) fn_ = std::move(r.value());
    if (fn_) state_ = fn_->init();
  }
  // Row values for the aggregated columns; trailing literal arguments are appended from the
  // literals given at bind time.
  Agg& add(std::vector<Value> row) {
    state_ = fn_->add(state_, full(std::move(row)));
    return *this;
  }
  Agg& undo(std::vector<Value> row) {
    state_ = fn_->undo(state_, full(std::move(row)));
    return *this;
  }
  Value result() const { return fn_->result(state_); }
  const Value& state() const { return state_; }
  void set_state(Value s) { state_ = std::move(s); }
  const BoundAggregate& fn() const { return *fn_; }

 private:
  std::vector<Value> full(std::vector<Value> row) const {
    for (std::size_t i = row.size(); i < literals_.size(); ++i) row.push_back(literals_[i]);
    return row;
  }
  std::vector<Value> literals_;
  std::unique_ptr<BoundAggregate> fn_;
  Value state_;
};

}  // namespace tributary::sql::testing
