#include "sql/exec/query_builder.h"

#include "sql/exec/aggregate_operator.h"
#include "sql/exec/filter_operator.h"
#include "sql/exec/join_operator.h"
#include "sql/exec/project_operator.h"
#include "sql/exec/suppress_operator.h"

namespace tributary::sql {
namespace {

struct Builder {
  BuiltQuery& query;
  StateStoreFactory& stores;
  const std::string& query_id;
  bool under_suppress = false;  // EMIT FINAL needs every change of the aggregate above it

  std::unique_ptr<StateStore> open(const PlanNode& node, const std::string& what) {
    auto store = stores.open(query_id, what + "-" + std::to_string(node.id));
    query.stores.push_back(store.get());
    return store;
  }

  template <class Op>
  Operator* keep(std::unique_ptr<Op> op) {
    Operator* raw = op.get();
    query.operators.push_back(std::move(op));
    return raw;
  }

  Status build(const PlanNodePtr& node, const Operator* next) {
    switch (node->kind) {
      case PlanNode::Kind::source: {
        std::unique_ptr<StateStore> store;
        if (node->is_table) store = open(*node, "Source");
        auto op = SourceOperator::make(*node, next, std::move(store));
        if (!op.ok()) return op.status();
        query.sources.push_back(std::move(*op));
        return Status();
      }
      case PlanNode::Kind::filter:
        return build(node->inputs[0], keep(std::make_unique<FilterOperator>(*node, next)));
      case PlanNode::Kind::project:
        return build(node->inputs[0], keep(std::make_unique<ProjectOperator>(*node, next)));
      case PlanNode::Kind::rekey:
        return build(node->inputs[0], keep(std::make_unique<RekeyOperator>(*node, next)));
      case PlanNode::Kind::aggregate:
        return build(node->inputs[0],
                     keep(std::make_unique<AggregateOperator>(*node, next, open(*node, "Aggregate"), !under_suppress)));
      case PlanNode::Kind::suppress:
        under_suppress = true;
        return build(node->inputs[0],
                     keep(std::make_unique<SuppressOperator>(*node, next, open(*node, "Suppress"))));
      case PlanNode::Kind::repartition: {
        // Rows go out to the topic here and come back, as records of it, through the source.
        auto writer = RepartitionOperator::make(*node);
        if (!writer.ok()) return writer.status();
        query.repartition_sources.push_back(
            std::make_unique<RepartitionSource>(*node, next, open(*node, "Repartition")));
        return build(node->inputs[0], keep(std::move(*writer)));
      }
      case PlanNode::Kind::join: {
        auto join = std::make_unique<JoinOperator>(*node, next, open(*node, "Join"));
        JoinOperator* raw = join.get();
        keep(std::move(join));
        for (std::size_t side = 0; side < node->inputs.size(); ++side) {
          Operator* input = keep(std::make_unique<JoinSideOperator>(raw, static_cast<int>(side)));
          TRY_STATUS(build(node->inputs[side], input));
        }
        return Status();
      }
    }
    return Status::error(Errc::unsupported, "unknown plan node");
  }
};

}  // namespace

Result<std::unique_ptr<BuiltQuery>> build_query(const QueryPlan& plan, std::unique_ptr<Operator> terminal,
                                                StateStoreFactory& stores, const std::string& query_id) {
  auto query = std::make_unique<BuiltQuery>();
  query->terminal = std::move(terminal);
  Builder builder{*query, stores, query_id};
  TRY_STATUS(builder.build(plan.root, query->terminal.get()));
  return query;
}

}  // namespace tributary::sql
