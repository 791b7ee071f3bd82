// CREATE STREAM|TABLE ... AS SELECT and INSERT INTO ... SELECT: plan the query, describe the sink,
// start the persistent query. The sink is registered only once the query runs.
#include "sql/engine/engine_internal.h"
#include "sql/engine/source_properties.h"
#include "sql/functions/aggregate_options.h"
#include "sql/planner/ast_util.h"

namespace tributary::sql {
namespace {

std::string schema_text(const Schema& schema) {
  std::string s;
  for (const auto& c : schema.columns) {
    if (c.role == Column::Role::headers || c.role == Column::Role::header) continue;
    if (!s.empty()) s += ", ";
    s += "`" + c.name + "` " + type_to_string(c.type) + (c.role == Column::Role::key ? " KEY" : "");
  }
  return s;
}

bool schemas_compatible(const Schema& result, const Schema& sink) {
  std::vector<const Column*> a, b;
  for (const auto& c : result.columns) a.push_back(&c);
  for (const auto& c : sink.columns) {
    if (c.role == Column::Role::key || c.role == Column::Role::value) b.push_back(&c);
  }
  if (a.size() != b.size()) return false;
  // Keys first in both; compare keys then values in order.
  auto keys_then_values = [](std::vector<const Column*> v) {
    std::stable_partition(v.begin(), v.end(), [](const Column* c) { return c->role == Column::Role::key; });
    return v;
  };
  a = keys_then_values(a);
  b = keys_then_values(b);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i]->name != b[i]->name || a[i]->role != b[i]->role || !type_equals(a[i]->type, b[i]->type)) return false;
  }
  return true;
}

Status check_intermediate_types(const QueryPlan& plan, const DataSource& sink) {
  if (sink.value_format != Format::delimited && sink.value_format != Format::kafka) return Status();
  std::function<bool(const PlanNodePtr&)> uses_structured = [&](const PlanNodePtr& n) {
    if (n->kind == PlanNode::Kind::aggregate) {
      for (const auto& call : n->aggregate.calls) {
        if (aggregate_has_structured_state(call.name)) return true;
      }
    }
    for (const auto& in : n->inputs) {
      if (uses_structured(in)) return true;
    }
    return false;
  };
  if (!uses_structured(plan.root)) return Status();
  return statement_error("One of the functions used in the statement has an intermediate type that the value format "
                         "can not handle. Please remove the function or change the format.");
}

int32_t source_partitions(Engine::Impl& e, const QueryPlan& plan) {
  int32_t n = 0;
  for (const auto& name : plan.source_names) {
    if (const DataSource* d = e.metastore.source(name)) n = std::max(n, e.topics.partitions(d->topic));
  }
  return std::max(n, 1);
}

// Puts a repartition step into the plan where it needs one (plan.h) and creates its topic, with as
// many partitions as the rows' destination: the aggregation's source, or the joined table. Returns
// the topic when it was created here (to remove should the query not start).
Result<std::optional<std::string>> add_repartition_topic(Engine::Impl& e, const std::string& id, QueryPlan& plan,
                                                         bool is_table) {
  std::string topic;
  RepartitionStep* step = nullptr;
  if (int32_t n = source_partitions(e, plan); is_table && n > 1) {
    topic = query_topic_name(e.options.service_id, id, kGroupByRepartition);
    step = add_repartition(plan, topic, n);
  } else if (!is_table) {
    topic = query_topic_name(e.options.service_id, id, kJoinRepartition);
    step = add_join_repartition(plan, topic, [&](const std::string& t) { return e.topics.partitions(t); });
  }
  if (!step) return std::optional<std::string>();
  if (int32_t existing = e.topics.partitions(topic); e.topics.exists(topic) && existing > 0) {
    // Left by an earlier run of this statement (the command log replayed). Should the sources have
    // grown since, rows still go where the topic has partitions; the runtime then finds the
    // partition counts differ and runs the query whole, which reads them all. Failing here
    // instead would drop the query from the log's replay and shift every later query's id.
    step->partitions = existing;
    return std::optional<std::string>();
  }
  if (Status st = e.topics.create(topic, step->partitions); !st.ok()) return statement_error(st.message());
  return std::optional<std::string>(topic);
}

// Creates the sink topic when needed, then starts the query; removes a topic it created on failure.
Result<RunningQuery*> start_with_topic(Engine::Impl& e, const std::string& id, const Statement& s, QueryPlan plan,
                                       const DataSource& sink, int32_t partitions, const PropertyMap& props) {
  bool created = false;
  if (!e.topics.exists(sink.topic)) {
    auto st = e.topics.create(sink.topic, partitions);
    if (!st.ok()) return statement_error(st.message());
    created = true;
  }
  auto q = e.start_persistent(id, s, std::move(plan), sink, props);
  if (!q.ok() && created) (void)e.topics.remove(sink.topic);
  return q;
}

}  // namespace

Result<StatementResult> execute_create_as(Engine::Impl& e, const Statement& s, const CreateSource& c,
                                          const PropertyMap& props) {
  auto skip = check_existing(e, c);
  if (!skip.ok()) return skip.status();
  if (*skip) return status_result(s, std::string(c.is_table ? "Table" : "Stream") + " already exists.");
  auto with = with_properties(c.properties);
  if (!with.ok()) return with.status();

  PlanOptions options;
  options.properties = props;
  options.sink_name = c.name;
  if (auto ts = with->find("TIMESTAMP"); ts != with->end()) options.sink_timestamp_column = unquote_name(ts->second);
  auto plan = plan_query(*c.as_query, e.metastore, options);
  if (!plan.ok()) return plan.status();
  if (plan->is_table && !c.is_table) {
    return statement_error("Invalid result type. Your SELECT query produces a TABLE. "
                           "Please use CREATE TABLE AS SELECT statement instead.");
  }
  if (!plan->is_table && c.is_table) {
    return statement_error("Invalid result type. Your SELECT query produces a STREAM. "
                           "Please use CREATE STREAM AS SELECT statement instead.");
  }

  for (const auto& col : plan->schema.columns) {
    if (col.role == Column::Role::key) TRY_STATUS(check_key_type(col));
  }
  const DataSource* first = e.metastore.source(plan->source_names.front());
  DataSource sink;
  sink.name = c.name;
  sink.is_table = c.is_table;
  sink.schema = plan->schema;
  sink.sql = s.text;
  auto topic = with->find("KAFKA_TOPIC");
  if (topic != with->end()) {
    sink.topic = topic->second;
  } else {
    auto prefix = props.find("ksql.output.topic.name.prefix");
    sink.topic = (prefix != props.end() ? prefix->second : "") + c.name;
  }
  TRY_STATUS(apply_format_properties(sink, *with, props, first));
  if (with->count("WINDOW_TYPE") || with->count("WINDOW_SIZE")) {
    return statement_error("Invalid config variable(s) in the WITH clause: WINDOW_TYPE");
  }
  sink.window = plan->window;
  TRY_STATUS(apply_timestamp_properties(sink, *with));
  TRY_STATUS(check_source_formats(sink));
  TRY_STATUS(check_intermediate_types(*plan, sink));

  int32_t partitions = source_partitions(e, *plan);
  if (auto p = with->find("PARTITIONS"); p != with->end()) partitions = static_cast<int32_t>(std::stol(p->second));

  std::string id = std::string(c.is_table ? "CTAS_" : "CSAS_") + c.name + "_" + std::to_string(e.next_query_number);
  std::vector<std::string> replaced;
  if (c.or_replace) {
    for (const auto* q : e.queries_writing(c.name)) replaced.push_back(q->id);
  }
  // On the server, an aggregation grouped by other columns than its source's key reads its rows
  // back from a repartition topic, and so does the stream side of a join on another column than
  // its key, so that the query can run as tasks over several workers.
  std::optional<std::string> repartition;
  if (e.options.repartition) {
    auto made = add_repartition_topic(e, id, *plan, c.is_table);
    if (!made.ok()) return made.status();
    repartition = *made;
  }
  auto q = start_with_topic(e, id, s, std::move(*plan), sink, partitions, props);
  if (!q.ok()) {
    if (repartition) (void)e.topics.remove(*repartition);
    return q.status();
  }
  ++e.next_query_number;
  for (const auto& old : replaced) e.terminate(old);
  sink.writer_query = id;
  e.metastore.put_source(std::move(sink));
  return status_result(s, std::string("Created query with ID ") + id, id);
}

Result<StatementResult> execute_insert_select(Engine::Impl& e, const Statement& s, const InsertSelect& c,
                                              const PropertyMap& props) {
  const DataSource* target = e.metastore.source(c.target);
  if (!target) {
    return statement_error("Line: " + std::to_string(s.pos.line) + ", Col: " + std::to_string(s.pos.column + 12) +
                           ": Source `" + c.target + "` does not exist.");
  }
  if (target->is_source) return statement_error("Cannot insert into read-only " + std::string(target->kind_lower()) + ": " + c.target);
  if (target->is_table) {
    return statement_error("INSERT INTO can only be used to insert into a stream. " + c.target + " is a table.");
  }
  PlanOptions options;
  options.properties = props;
  options.sink_name = c.target;
  auto plan = plan_query(c.query, e.metastore, options);
  if (!plan.ok()) return plan.status();
  if (plan->is_table) {
    return statement_error("INSERT INTO can only be used to insert into a stream. The SELECT produces a table.");
  }
  if (!schemas_compatible(plan->schema, target->schema)) {
    return statement_error("Incompatible schema between results and sink.\nResult schema is " +
                           schema_text(plan->schema) + "\nSink schema is " + schema_text(target->schema));
  }
  // The sink's columns, in the order the query produces them.
  DataSource sink = *target;
  sink.schema = plan->schema;
  std::string id = "INSERTQUERY_" + std::to_string(e.next_query_number);
  auto q = e.start_persistent(id, s, std::move(*plan), sink, props);
  if (!q.ok()) return q.status();
  ++e.next_query_number;
  (*q)->sink = c.target;
  return status_result(s, "Created query with ID " + id, id);
}

}  // namespace tributary::sql
