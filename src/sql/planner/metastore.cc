#include "sql/planner/metastore.h"

namespace tributary::sql {

const DataSource* Metastore::source(const std::string& name) const {
  auto it = sources_.find(name);
  return it == sources_.end() ? nullptr : &it->second;
}

DataSource* Metastore::mutable_source(const std::string& name) {
  auto it = sources_.find(name);
  return it == sources_.end() ? nullptr : &it->second;
}

void Metastore::put_source(DataSource source) {
  std::string name = source.name;
  sources_.insert_or_assign(name, std::move(source));
}

void Metastore::remove_source(const std::string& name) { sources_.erase(name); }

const SqlType* Metastore::type(const std::string& name) const {
  auto it = types_.find(name);
  return it == types_.end() ? nullptr : &it->second;
}

Result<SqlType> Metastore::resolve_type(const DataType& type) const {
  if (type.kind == TypeKind::custom) {
    const SqlType* found = this->type(type.custom_name);
    if (!found) return Status::error(Errc::invalid_argument, "Unknown type: " + type.custom_name);
    return *found;
  }
  SqlType out = type;
  for (auto& param : out.params) {
    auto resolved = resolve_type(param);
    if (!resolved.ok()) return resolved.status();
    param = std::move(*resolved);
  }
  return out;
}

}  // namespace tributary::sql
