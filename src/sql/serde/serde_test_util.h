// Small builders shared by the serde tests.
#pragma once

#include <string>
#include <vector>

#include "sql/serde/serde.h"

namespace tributary::sql::testing {

inline SqlType T(TypeKind k) { return make_type(k); }
inline Column col(std::string name, SqlType type, Column::Role role = Column::Role::value) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.role = role;
  return c;
}
inline std::unique_ptr<Serde> serde(Format f, std::vector<Column> cols, SerdeOptions opts = {}) {
  auto r = make_serde(f, cols, opts);
  if (!r.ok()) return nullptr;
  return std::move(r.value());
}

}  // namespace tributary::sql::testing
