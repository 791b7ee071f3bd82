// Column resolution over a flat (qualifier, name, type) list.
#include "sql/expression/expression.h"

namespace tributary::sql {

Result<ResolvedColumn> ListScope::resolve(const std::string& qualifier, const std::string& name) const {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (e.name != name || (!qualifier.empty() && e.qualifier != qualifier)) continue;
    if (found) return Status::error(Errc::invalid_argument, "Column '" + name + "' is ambiguous");
    found = i;
  }
  if (!found) {
    std::string shown = qualifier.empty() ? name : qualifier + "." + name;
    return Status::error(Errc::not_found, "Column '" + shown + "' cannot be resolved.");
  }
  return ResolvedColumn{*found, entries_[*found].type};
}

}  // namespace tributary::sql
