#include "sql/planner/plan.h"

namespace tributary::sql {

ListScope scope_of(const Layout& layout) {
  std::vector<ListScope::Entry> entries;
  entries.reserve(layout.size());
  for (const auto& c : layout) entries.push_back({c.qualifier, c.name, c.type});
  return ListScope(std::move(entries));
}

std::vector<std::size_t> key_indexes(const Layout& layout) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    if (layout[i].key) out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> value_indexes(const Layout& layout) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < layout.size(); ++i) {
    if (!layout[i].key) out.push_back(i);
  }
  return out;
}

std::string PlanNode::describe() const {
  std::string kind_text;
  switch (kind) {
    case Kind::source: kind_text = "Source " + source.source.name + " (topic " + source.source.topic + ")"; break;
    case Kind::filter: kind_text = "Filter"; break;
    case Kind::project: kind_text = "Project"; break;
    case Kind::rekey: kind_text = "PartitionBy"; break;
    case Kind::aggregate: kind_text = aggregate.window ? "WindowedAggregate" : "Aggregate"; break;
    case Kind::suppress: kind_text = "Suppress"; break;
    case Kind::join: kind_text = "Join"; break;
  }
  std::string cols;
  for (const auto& c : layout) {
    if (!cols.empty()) cols += ", ";
    cols += c.name + " " + type_to_string(c.type) + (c.key ? " KEY" : "");
  }
  return kind_text + (is_table ? " [table]" : " [stream]") + " => " + cols;
}

}  // namespace tributary::sql
