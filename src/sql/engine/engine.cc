// Engine: statement dispatch and record processing. The statement handlers live in stmt_*.cc.
#include <algorithm>
#include <charconv>
#include <chrono>

#include "sql/engine/engine_internal.h"
#include "sql/engine/query_metrics.h"
#include "sql/exec/materialize_operator.h"
#include "sql/parser/parser.h"
#include "sql/state/memory_state_store.h"

namespace tributary::sql {
namespace {

// What one persistent query's operators see of the engine while a record flows.
class EngineQueryContext : public QueryContext {
 public:
  EngineQueryContext(Engine::Impl& engine, RunningQuery& query, const KafkaRecord* record)
      : engine_(engine), query_(query), record_(record) {}
  const std::string& query_id() const override { return query_.id; }
  void produce(KafkaRecord record) override { engine_.topics.produce(std::move(record)); }
  void log_error(const std::string& message, const KafkaRecord* record) override {
    if (query_.internal) return;  // the queries reading the same topic report it
    if (message.rfind("Fatal user code error", 0) == 0) {
      query_.state = "ERROR";
      query_.error = message;
      engine_.runtime_errors.push_back(message);
    }
    engine_.log_processing_error(query_.id, message, record ? record : record_);
  }
  const std::map<std::string, std::string>& properties() const override { return query_.properties; }
  bool coalescing() const override { return query_.in_batch && query_.record_cache; }

 private:
  Engine::Impl& engine_;
  RunningQuery& query_;
  const KafkaRecord* record_;
};

}  // namespace

Engine::Impl::Impl(TopicStore& t, EngineOptions o, std::unique_ptr<StateStoreFactory> s)
    : topics(t), options(std::move(o)), stores(std::move(s)) {
  if (!stores) stores = std::make_unique<MemoryStateStoreFactory>();
}

PropertyMap Engine::Impl::effective_properties(const PropertyMap& request) const {
  PropertyMap out = options.properties;
  for (const auto& [k, v] : session_properties) out[k] = v;
  for (const auto& [k, v] : request) out[k] = v;
  return out;
}

RunningQuery* Engine::Impl::find_query(const std::string& id) {
  for (auto& q : queries) {
    if (q->id == id) return q.get();
  }
  return nullptr;
}

std::vector<const RunningQuery*> Engine::Impl::queries_reading(const std::string& source) const {
  std::vector<const RunningQuery*> out;
  for (const auto& q : queries) {
    if (!q->transient && !q->internal && std::find(q->sources.begin(), q->sources.end(), source) != q->sources.end()) {
      out.push_back(q.get());
    }
  }
  return out;
}

std::vector<const RunningQuery*> Engine::Impl::queries_writing(const std::string& source) const {
  std::vector<const RunningQuery*> out;
  for (const auto& q : queries) {
    if (!q->transient && q->sink == source) out.push_back(q.get());
  }
  return out;
}

void Engine::Impl::terminate(const std::string& id) {
  for (auto it = queries.begin(); it != queries.end(); ++it) {
    if ((*it)->id != id) continue;
    for (auto* store : (*it)->all_stores()) store->clear();
    queries.erase(it);
    return;
  }
}

namespace {
// ksqlDB's ksql.streams.cache.max.bytes.buffering: 10 MB unless set; 0 turns the cache off.
bool record_cache_enabled(const PropertyMap& properties) {
  auto it = properties.find("ksql.streams.cache.max.bytes.buffering");
  if (it == properties.end()) return true;
  long long bytes = 0;
  const std::string& v = it->second;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), bytes);
  return ec != std::errc() || bytes > 0;
}
}  // namespace

Result<RunningQuery*> Engine::Impl::start_persistent(const std::string& id, const Statement& statement,
                                                     QueryPlan plan, const DataSource& sink,
                                                     const PropertyMap& properties) {
  auto q = std::make_unique<RunningQuery>();
  q->id = id;
  q->sql = statement.text;
  q->sink = sink.name;
  q->sources = plan.source_names;
  q->plan = std::move(plan);
  q->properties = properties;
  q->record_cache = record_cache_enabled(properties);
  if (sink.is_table) q->materializes = sink.name;
  q->build = [this, sink](RunningQuery& q, const std::string& state_id) -> Result<QueryInstance> {
    int32_t partitions = std::max(topics.partitions(sink.topic), 1);
    auto sink_op = SinkOperator::make(sink, q.plan.root->layout, partitions);
    if (!sink_op.ok()) return sink_op.status();
    std::unique_ptr<Operator> terminal = std::move(*sink_op);
    StateStore* materialized = nullptr;
    if (sink.is_table) {
      // Tables written by a query answer pull queries from the rows they emit.
      auto store = stores->open(state_id, "Materialized");
      materialized = store.get();
      terminal = std::make_unique<MaterializeOperator>(key_indexes(q.plan.root->layout).size(),
                                                       q.plan.window.has_value(), std::move(store), std::move(terminal));
    }
    auto built = build_query(q.plan, std::move(terminal), *stores, state_id);
    if (!built.ok()) return built.status();
    if (materialized) (*built)->stores.push_back(materialized);
    return QueryInstance{std::move(*built), materialized};
  };
  TRY_STATUS(build_whole(*q));
  queries.push_back(std::move(q));
  return queries.back().get();
}

namespace {
// Discards every row: the materializer's state is its source's table store.
class DiscardOperator : public Operator {
 public:
  void process(const Row&, QueryContext&) const override {}
};
}  // namespace

Status Engine::Impl::start_materializer(const DataSource& table) {
  QueryPlan plan;
  auto node = std::make_shared<PlanNode>();
  node->kind = PlanNode::Kind::source;
  node->source.source = table;
  node->source.alias = table.name;
  node->is_table = true;
  node->window = table.window;
  plan.root = node;
  plan.is_table = true;
  plan.window = table.window;
  plan.source_names = {table.name};
  auto q = std::make_unique<RunningQuery>();
  q->id = "CST_" + table.name + "_" + std::to_string(next_materializer_number);
  q->sql = table.sql;
  q->sources = {table.name};
  q->plan = std::move(plan);
  q->internal = true;
  q->materializes = table.name;
  q->build = [this](RunningQuery& q, const std::string& state_id) -> Result<QueryInstance> {
    auto built = build_query(q.plan, std::make_unique<DiscardOperator>(), *stores, state_id);
    if (!built.ok()) return built.status();
    StateStore* materialized = (*built)->stores.empty() ? nullptr : (*built)->stores.front();
    return QueryInstance{std::move(*built), materialized};
  };
  TRY_STATUS(build_whole(*q));
  ++next_materializer_number;
  queries.push_back(std::move(q));
  return Status();
}

void Engine::Impl::stop_materializer(const std::string& table) {
  std::vector<std::string> ids;
  for (const auto& q : queries) {
    if (q->internal && q->materializes == table) ids.push_back(q->id);
  }
  for (const auto& id : ids) terminate(id);
}

const RunningQuery* Engine::Impl::materialization_of(const std::string& table) const {
  for (const auto& q : queries) {
    if (!q->transient && q->keeps_rows() && q->materializes == table && q->state != "ERROR") return q.get();
  }
  for (const auto& q : queries) {
    if (!q->transient && q->keeps_rows() && q->materializes == table) return q.get();
  }
  return nullptr;
}

void Engine::Impl::run(RunningQuery& query, const KafkaRecord& record) {
  if (query.state == "ERROR") return;
  const BuiltQuery* built = query.built.get();
  if (query.as_tasks) {
    auto it = query.tasks.find(record.partition);
    if (it == query.tasks.end()) return;  // a partition this worker does not run
    built = it->second.built.get();
  }
  if (!built) return;
  EngineQueryContext ctx(*this, query, &record);
  for (const auto& source : built->sources) {
    if (source->topic() == record.topic) source->process_record(record, ctx);
  }
  for (const auto& source : built->repartition_sources) {
    if (source->topic() == record.topic) source->process_record(record, ctx);
  }
}

void Engine::Impl::flush(RunningQuery& query) {
  if (query.state == "ERROR") return;
  EngineQueryContext ctx(*this, query, nullptr);
  if (query.built) query.built->flush(ctx);
  for (const auto& [_, task] : query.tasks) task.built->flush(ctx);
}

Status Engine::Impl::build_whole(RunningQuery& q) {
  auto instance = q.build(q, q.id);
  if (!instance.ok()) return instance.status();
  q.built = std::move(instance->built);
  q.materialized = instance->materialized;
  record_query_info(q);
  return Status();
}

void record_query_info(RunningQuery& q) {
  Engine::QueryInfo& info = q.info;
  info = Engine::QueryInfo{};
  info.id = q.id;
  info.sink = q.sink;
  info.transient = q.transient;
  for (const auto& s : q.built->sources) {
    if (std::find(info.source_topics.begin(), info.source_topics.end(), s->topic()) == info.source_topics.end())
      info.source_topics.push_back(s->topic());
    for (const Column& c : s->source().schema.columns) {
      if (c.role == Column::Role::headers || c.role == Column::Role::header) info.reads_headers = true;
    }
  }
  info.stateful = !q.built->stores.empty();
  info.state_per_partition = info.stateful && q.plan.state_per_partition;
  // Read back as tasks: partition p of the repartition topic goes to the task of source partition p.
  for (const auto& s : q.built->repartition_sources) info.source_topics.push_back(s->topic());
}

std::vector<StateStore*> RunningQuery::materialized_stores() const {
  std::vector<StateStore*> out;
  if (materialized) out.push_back(materialized);
  for (const auto& [_, task] : tasks) {
    if (task.materialized) out.push_back(task.materialized);
  }
  return out;
}

std::vector<StateStore*> RunningQuery::all_stores() const {
  std::vector<StateStore*> out;
  if (built) out = built->stores;
  for (const auto& [_, task] : tasks) out.insert(out.end(), task.built->stores.begin(), task.built->stores.end());
  return out;
}

void Engine::Impl::log_processing_error(const std::string& query_id, const std::string& message,
                                        const KafkaRecord* record) {
  query_records_failed(query_id).inc();
  const std::string& topic = options.processing_log_topic;
  if (topic.empty()) return;
  if (!topics.exists(topic)) {
    if (!topics.create(topic, 1).ok()) return;
  }
  nlohmann::json entry;
  entry["level"] = "ERROR";
  entry["logger"] = "processing." + query_id;
  entry["time"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  entry["message"] = {{"type", 0}, {"errorMessage", message}};
  if (record) {
    entry["message"]["topic"] = record->topic;
    entry["message"]["partition"] = record->partition;
    entry["message"]["offset"] = record->offset;
  }
  KafkaRecord out;
  out.topic = topic;
  out.value = entry.dump();
  topics.produce(std::move(out));
}

std::string query_name_prefix(const std::string& service_id) { return "_confluent-ksql-" + service_id + "query_"; }

std::string query_topic_name(const std::string& service_id, const std::string& query_id, std::string_view suffix) {
  return query_name_prefix(service_id) + query_id + std::string(suffix);
}

Engine::Engine(TopicStore& topics, EngineOptions options, std::unique_ptr<StateStoreFactory> stores)
    : impl_(std::make_unique<Impl>(topics, std::move(options), std::move(stores))) {}

Engine::~Engine() = default;

const Metastore& Engine::metastore() const { return impl_->metastore; }
const EngineOptions& Engine::options() const { return impl_->options; }
std::vector<std::string> Engine::query_errors() const { return impl_->runtime_errors; }

void Engine::process(const KafkaRecord& record) {
  // Queries may be added or removed by callbacks; iterate over a snapshot of ids.
  std::vector<RunningQuery*> snapshot;
  for (auto& q : impl_->queries) snapshot.push_back(q.get());
  for (auto* q : snapshot) impl_->run(*q, record);
}

SqlError Engine::to_sql_error(const Status& status, const std::string& statement_text) {
  SqlError e;
  e.message = status.message();
  e.statement_text = statement_text;
  e.error_code = status.code() == Errc::invalid_argument || status.code() == Errc::not_found ||
                         status.code() == Errc::already_exists || status.code() == Errc::unsupported
                     ? 40001
                     : 50000;
  return e;
}

Result<StatementResult> Engine::execute(const Statement& statement, const std::map<std::string, std::string>& request) {
  Impl& e = *impl_;
  PropertyMap props = e.effective_properties(request);
  return std::visit(
      [&](const auto& node) -> Result<StatementResult> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, CreateSource>) {
          if (node.as_query) return execute_create_as(e, statement, node, props);
          return execute_create_source(e, statement, node, props);
        } else if constexpr (std::is_same_v<T, InsertSelect>) {
          return execute_insert_select(e, statement, node, props);
        } else if constexpr (std::is_same_v<T, InsertValues>) {
          return execute_insert_values(e, statement, node, props);
        } else if constexpr (std::is_same_v<T, Drop>) {
          return execute_drop(e, statement, node);
        } else if constexpr (std::is_same_v<T, Terminate>) {
          return execute_terminate(e, statement, node);
        } else if constexpr (std::is_same_v<T, Show>) {
          return execute_show(e, statement, node);
        } else if constexpr (std::is_same_v<T, Describe>) {
          return execute_describe(e, statement, node);
        } else if constexpr (std::is_same_v<T, Explain>) {
          return execute_explain(e, statement, node, props);
        } else if constexpr (std::is_same_v<T, CreateType>) {
          return execute_create_type(e, statement, node);
        } else if constexpr (std::is_same_v<T, AlterSource>) {
          return execute_alter(e, statement, node);
        } else if constexpr (std::is_same_v<T, SetProperty>) {
          e.session_properties[node.name] = node.value;
          return status_result(statement, "Successfully set property " + node.name);
        } else if constexpr (std::is_same_v<T, UnsetProperty>) {
          e.session_properties.erase(node.name);
          return status_result(statement, "Successfully unset property " + node.name);
        } else if constexpr (std::is_same_v<T, DefineVariable>) {
          e.variables[node.name] = node.value;
          return status_result(statement, "Variable " + node.name + " defined");
        } else if constexpr (std::is_same_v<T, UndefineVariable>) {
          if (!e.variables.erase(node.name)) {
            StatementResult r;
            r.statement_text = statement.text;
            r.type = "warning_entity";
            r.entity = {{"message", "Cannot undefine variable '" + node.name + "' which was never defined"}};
            return r;
          }
          return status_result(statement, "Variable " + node.name + " undefined");
        } else if constexpr (std::is_same_v<T, QueryStatement>) {
          return statement_error("The following statement types should be issued to the websocket endpoint '/query': "
                                 "\n\t* PRINT\n\t* SELECT");
        } else if constexpr (std::is_same_v<T, Print>) {
          return statement_error("The following statement types should be issued to the websocket endpoint '/query': "
                                 "\n\t* PRINT\n\t* SELECT");
        } else {
          return statement_error("Unsupported statement");
        }
      },
      statement.node);
}

Result<std::vector<StatementResult>> Engine::execute(std::string_view text,
                                                     const std::map<std::string, std::string>& properties) {
  VariableResolver resolver = [this](const std::string& name) -> std::optional<std::string> {
    auto it = impl_->variables.find(name);
    if (it == impl_->variables.end()) return std::nullopt;
    return it->second;
  };
  auto statements = parse_script(text, resolver);
  if (!statements.ok()) return statements.status();
  std::vector<StatementResult> results;
  for (const auto& s : *statements) {
    auto r = execute(s, properties);
    if (!r.ok()) return r.status();
    results.push_back(std::move(*r));
  }
  return results;
}

}  // namespace tributary::sql
