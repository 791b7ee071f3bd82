// Push queries for the REST layer: rows stream to a callback as records arrive. Pull queries
// live in pull_query.cc.
#include "sql/engine/engine_internal.h"

namespace tributary::sql {
namespace {

class CallbackOperator : public Operator {
 public:
  CallbackOperator(Layout layout, std::function<void(const PushRow&)> on_row, std::shared_ptr<bool> closed)
      : layout_(std::move(layout)), on_row_(std::move(on_row)), closed_(std::move(closed)) {}
  void process(const Row& row, QueryContext&) const override {
    if (*closed_) return;
    PushRow out;
    out.tombstone = row.deleted;
    out.columns = nlohmann::json::array();
    for (std::size_t i = 0; i < layout_.size(); ++i) {
      bool value_col = !layout_[i].key;
      out.columns.push_back(row.deleted && value_col ? nlohmann::json() : value_to_json(row.cols[i], layout_[i].type));
    }
    on_row_(out);
  }

 private:
  Layout layout_;
  std::function<void(const PushRow&)> on_row_;
  std::shared_ptr<bool> closed_;
};

class Handle : public PushQueryHandle {
 public:
  Handle(Engine::Impl& engine, QueryHeader header, std::shared_ptr<bool> closed)
      : engine_(engine), header_(std::move(header)), closed_(std::move(closed)) {}
  const QueryHeader& header() const override { return header_; }
  void close() override {
    if (*closed_) return;
    *closed_ = true;
    engine_.terminate(header_.query_id);
  }
  bool closed() const override { return *closed_; }

 private:
  Engine::Impl& engine_;
  QueryHeader header_;
  std::shared_ptr<bool> closed_;
};

}  // namespace

Result<std::shared_ptr<PushQueryHandle>> Engine::start_push_query(const Statement& statement,
                                                                  const std::map<std::string, std::string>& request,
                                                                  std::function<void(const PushRow&)> on_row) {
  Impl& e = *impl_;
  const auto* qs = std::get_if<QueryStatement>(&statement.node);
  if (!qs) return statement_error("Not a query: " + statement.text);
  PlanOptions options;
  options.properties = e.effective_properties(request);
  options.persistent = false;
  auto plan = plan_query(qs->query, e.metastore, options);
  if (!plan.ok()) return plan.status();
  QueryHeader header;
  header.query_id = "transient_" + (plan->source_names.empty() ? std::string("") : plan->source_names[0]) + "_" +
                    std::to_string(e.next_transient_number++);
  for (const auto& c : plan->root->layout) {
    header.column_names.push_back(c.name);
    header.column_types.push_back(type_to_string(c.type));
  }
  auto closed = std::make_shared<bool>(false);
  auto terminal = std::make_unique<CallbackOperator>(plan->root->layout, std::move(on_row), closed);
  auto built = build_query(*plan, std::move(terminal), *e.stores, header.query_id);
  if (!built.ok()) return built.status();
  auto q = std::make_unique<RunningQuery>();
  q->id = header.query_id;
  q->sql = statement.text;
  q->sources = plan->source_names;
  q->plan = std::move(*plan);
  q->built = std::move(*built);
  q->properties = options.properties;
  q->transient = true;
  record_query_info(*q);
  e.queries.push_back(std::move(q));
  return std::shared_ptr<PushQueryHandle>(std::make_shared<Handle>(e, header, closed));
}

}  // namespace tributary::sql
