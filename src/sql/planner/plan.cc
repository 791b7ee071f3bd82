#include "sql/planner/plan.h"

#include <functional>

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
    case Kind::repartition: kind_text = "Repartition (topic " + repartition.topic + ")"; break;
  }
  std::string cols;
  for (const auto& c : layout) {
    if (!cols.empty()) cols += ", ";
    cols += c.name + " " + type_to_string(c.type) + (c.key ? " KEY" : "");
  }
  return kind_text + (is_table ? " [table]" : " [stream]") + " => " + cols;
}

namespace {

std::vector<PlanNode*> nodes_of(PlanNode* root) {
  std::vector<PlanNode*> nodes;
  std::function<void(PlanNode*)> walk = [&](PlanNode* n) {
    nodes.push_back(n);
    for (const auto& in : n->inputs) walk(in.get());
  };
  walk(root);
  return nodes;
}

// The one source node under `root`, or null when there are several.
const PlanNode* only_source(PlanNode* root) {
  const PlanNode* found = nullptr;
  for (const PlanNode* n : nodes_of(root)) {
    if (n->kind != PlanNode::Kind::source) continue;
    if (found) return nullptr;
    found = n;
  }
  return found;
}

// Puts a repartition step between `parent` and its first input. Its id (1000 + the parent's)
// never shifts the ids, and so the state store names, of the other nodes.
RepartitionStep& insert_repartition(PlanNode& parent, const std::string& topic, int32_t partitions,
                                    std::vector<std::shared_ptr<BoundExpr>> key_exprs) {
  const PlanNodePtr& input = parent.inputs[0];
  auto node = std::make_shared<PlanNode>();
  node->kind = PlanNode::Kind::repartition;
  node->id = 1000 + parent.id;
  node->inputs = {input};
  node->layout = input->layout;
  node->is_table = false;
  node->window = input->window;
  node->repartition.topic = topic;
  node->repartition.partitions = partitions;
  node->repartition.key_exprs = std::move(key_exprs);
  parent.inputs[0] = node;
  return node->repartition;
}

}  // namespace

RepartitionStep* add_repartition(QueryPlan& plan, const std::string& topic, int32_t partitions) {
  if (plan.state_per_partition || !plan.is_table) return nullptr;
  PlanNode* aggregate = nullptr;
  for (PlanNode* n : nodes_of(plan.root.get())) {
    if (n->kind == PlanNode::Kind::join || n->kind == PlanNode::Kind::repartition) return nullptr;
    if (n->kind == PlanNode::Kind::source && (n->is_table || n->window)) return nullptr;
    if (n->kind == PlanNode::Kind::aggregate) {
      if (aggregate) return nullptr;
      aggregate = n;
    }
  }
  if (!aggregate || aggregate->aggregate.input_is_table) return nullptr;
  RepartitionStep& step = insert_repartition(*aggregate, topic, partitions, aggregate->aggregate.group_exprs);
  plan.state_per_partition = true;
  return &step;
}

RepartitionStep* add_join_repartition(QueryPlan& plan, const std::string& topic,
                                      const std::function<int32_t(const std::string& topic)>& partitions_of) {
  if (plan.state_per_partition || plan.is_table) return nullptr;
  PlanNode* join = nullptr;
  for (PlanNode* n : nodes_of(plan.root.get())) {
    switch (n->kind) {
      case PlanNode::Kind::join:
        if (join) return nullptr;
        join = n;
        break;
      case PlanNode::Kind::aggregate:
      case PlanNode::Kind::suppress:
      case PlanNode::Kind::repartition:
        return nullptr;  // only the join keeps state
      default:
        break;
    }
  }
  if (!join || join->join.kind != JoinStep::Kind::stream_table || join->join.foreign_key) return nullptr;
  const PlanNode* stream = only_source(join->inputs[0].get());
  const PlanNode* table = only_source(join->inputs[1].get());
  if (!stream || !table || stream->is_table || stream->window || !table->is_table || table->window) return nullptr;
  if (!type_equals(join->join.left_key->type(), join->join.right_key->type())) return nullptr;
  int32_t partitions = partitions_of(table->source.source.topic);
  if (partitions <= 1 || partitions_of(stream->source.source.topic) != partitions) return nullptr;

  RepartitionStep& step = insert_repartition(*join, topic, partitions, {join->join.left_key});
  step.key_format = table->source.source.key_format;
  step.key_options = table->source.source.key_options;
  plan.state_per_partition = true;
  return &step;
}

}  // namespace tributary::sql
