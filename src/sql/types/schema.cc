#include "sql/types/schema.h"

namespace tributary::sql {

std::optional<std::size_t> Schema::find(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return i;
  }
  return std::nullopt;
}

std::vector<const Column*> Schema::key_columns() const {
  std::vector<const Column*> out;
  for (const auto& c : columns) {
    if (c.role == Column::Role::key) out.push_back(&c);
  }
  return out;
}

std::vector<const Column*> Schema::value_columns() const {
  std::vector<const Column*> out;
  for (const auto& c : columns) {
    if (c.role == Column::Role::value) out.push_back(&c);
  }
  return out;
}

std::string Schema::to_string() const {
  std::string s;
  for (const auto& c : columns) {
    if (!s.empty()) s += ", ";
    s += quote_identifier(c.name) + " " + type_to_string(c.type);
    switch (c.role) {
      case Column::Role::key: s += " KEY"; break;
      case Column::Role::headers: s += " HEADERS"; break;
      case Column::Role::header: s += " HEADER('" + c.header_key + "')"; break;
      case Column::Role::value: break;
    }
  }
  return s;
}

}  // namespace tributary::sql
