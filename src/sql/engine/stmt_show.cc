// SHOW STREAMS|TABLES|QUERIES|TOPICS|PROPERTIES|TYPES|VARIABLES, DESCRIBE [EXTENDED], EXPLAIN:
// read-only statements answering with ksqlDB's REST entities.
#include "sql/engine/engine_internal.h"
#include "sql/planner/ast_util.h"

namespace tributary::sql {
namespace {

StatementResult entity(const Statement& s, const std::string& type, nlohmann::json body) {
  StatementResult r;
  r.statement_text = s.text;
  r.type = type;
  r.entity = std::move(body);
  return r;
}

// ksqlDB's REST schema of a type: {"type": "ARRAY", "memberSchema": {...}, "fields": null}.
nlohmann::json schema_json(const SqlType& t) {
  nlohmann::json j;
  std::string name;
  switch (t.kind) {
    case TypeKind::boolean: name = "BOOLEAN"; break;
    case TypeKind::int_: name = "INTEGER"; break;
    case TypeKind::bigint: name = "BIGINT"; break;
    case TypeKind::double_: name = "DOUBLE"; break;
    case TypeKind::decimal: name = "DECIMAL"; break;
    case TypeKind::string: name = "STRING"; break;
    case TypeKind::bytes: name = "BYTES"; break;
    case TypeKind::timestamp: name = "TIMESTAMP"; break;
    case TypeKind::date: name = "DATE"; break;
    case TypeKind::time: name = "TIME"; break;
    case TypeKind::array: name = "ARRAY"; break;
    case TypeKind::map: name = "MAP"; break;
    case TypeKind::struct_: name = "STRUCT"; break;
    case TypeKind::custom: name = t.custom_name; break;
  }
  j["type"] = name;
  j["fields"] = nullptr;
  j["memberSchema"] = nullptr;
  if (t.kind == TypeKind::array) j["memberSchema"] = schema_json(t.params[0]);
  if (t.kind == TypeKind::map) j["memberSchema"] = schema_json(t.params[1]);
  if (t.kind == TypeKind::struct_) {
    nlohmann::json fields = nlohmann::json::array();
    for (std::size_t i = 0; i < t.params.size(); ++i) {
      fields.push_back({{"name", t.fields[i]}, {"schema", schema_json(t.params[i])}});
    }
    j["fields"] = fields;
  }
  if (t.kind == TypeKind::decimal) {
    j["parameters"] = {{"precision", t.precision}, {"scale", t.scale}};
  }
  return j;
}

nlohmann::json source_summary(const DataSource& d) {
  return {{"type", source_type_name(d)},
          {"name", d.name},
          {"topic", d.topic},
          {"keyFormat", format_name(d.key_format)},
          {"valueFormat", format_name(d.value_format)},
          {"isWindowed", d.window.has_value()}};
}

nlohmann::json query_summary(const Engine::Impl& e, const RunningQuery& q) {
  nlohmann::json sinks = nlohmann::json::array();
  nlohmann::json topics = nlohmann::json::array();
  if (!q.sink.empty()) {
    sinks.push_back(q.sink);
    if (const DataSource* d = e.metastore.source(q.sink)) topics.push_back(d->topic);
  }
  return {{"queryString", q.sql},
          {"sinks", sinks},
          {"sinkKafkaTopics", topics},
          {"id", q.id},
          {"statusCount", {{q.state, 1}}},
          {"queryType", q.transient ? "PUSH" : "PERSISTENT"},
          {"state", q.state}};
}

}  // namespace

nlohmann::json describe_source(const Engine::Impl& e, const DataSource& d, bool extended) {
  nlohmann::json fields = nlohmann::json::array();
  // ROWTIME first, as ksqlDB lists it for persistent sources? ksqlDB lists only real columns.
  for (const auto& c : d.schema.columns) {
    nlohmann::json f = {{"name", c.name}, {"schema", schema_json(c.type)}};
    if (c.role == Column::Role::key) f["type"] = "KEY";
    if (c.role == Column::Role::headers || c.role == Column::Role::header) f["type"] = "HEADER";
    if (c.role == Column::Role::header) f["headerKey"] = c.header_key;
    fields.push_back(f);
  }
  nlohmann::json read = nlohmann::json::array(), write = nlohmann::json::array();
  for (const auto* q : e.queries_reading(d.name)) read.push_back(query_summary(e, *q));
  for (const auto* q : e.queries_writing(d.name)) write.push_back(query_summary(e, *q));
  return {{"name", d.name},
          {"windowType", d.window ? nlohmann::json(d.window->name) : nlohmann::json()},
          {"readQueries", read},
          {"writeQueries", write},
          {"fields", fields},
          {"type", source_type_name(d)},
          {"timestamp", d.timestamp_column},
          {"statistics", ""},
          {"errorStats", ""},
          {"extended", extended},
          {"keyFormat", format_name(d.key_format)},
          {"valueFormat", format_name(d.value_format)},
          {"topic", d.topic},
          {"partitions", e.topics.partitions(d.topic)},
          {"replication", 1},
          {"statement", d.sql},
          {"queryOffsetSummaries", nlohmann::json::array()},
          {"sourceConstraints", nlohmann::json::array()}};
}

Result<StatementResult> execute_show(Engine::Impl& e, const Statement& s, const Show& c) {
  std::string what = upper(c.what);
  if (what == "STREAMS" || what == "TABLES") {
    bool tables = what == "TABLES";
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [name, d] : e.metastore.sources()) {
      if (d.is_table == tables) list.push_back(c.extended ? describe_source(e, d, true) : source_summary(d));
    }
    if (c.extended) return entity(s, "source_descriptions", {{"sourceDescriptions", list}});
    return entity(s, tables ? "tables" : "streams", {{tables ? "tables" : "streams", list}});
  }
  if (what == "QUERIES") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& q : e.queries) {
      if (!q->internal) list.push_back(query_summary(e, *q));
    }
    return entity(s, "queries", {{"queries", list}});
  }
  if (what == "TOPICS" || what == "ALL TOPICS") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : e.topics.list()) {
      if (what == "TOPICS" && !t.empty() && t[0] == '_') continue;
      nlohmann::json replicas = nlohmann::json::array();
      for (int32_t i = 0; i < e.topics.partitions(t); ++i) replicas.push_back(1);
      list.push_back({{"name", t}, {"replicaInfo", replicas}});
    }
    return entity(s, "kafka_topics", {{"topics", list}});
  }
  if (what == "PROPERTIES") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [k, v] : e.effective_properties({})) {
      list.push_back({{"name", k}, {"scope", "KSQL"}, {"value", v}});
    }
    return entity(s, "properties", {{"properties", list}, {"overwrittenProperties", nlohmann::json::array()},
                                    {"defaultProperties", nlohmann::json::array()}});
  }
  if (what == "TYPES") {
    nlohmann::json types = nlohmann::json::object();
    for (const auto& [name, t] : e.metastore.types()) types[name] = schema_json(t);
    return entity(s, "type_list", {{"types", types}});
  }
  if (what == "VARIABLES") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [k, v] : e.variables) list.push_back({{"name", k}, {"value", v}});
    return entity(s, "variables", {{"variables", list}});
  }
  if (what == "FUNCTIONS") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [name, f] : FunctionRegistry::builtin().scalars()) {
      list.push_back({{"name", name}, {"type", "SCALAR"}, {"category", ""}});
    }
    for (const auto& [name, f] : FunctionRegistry::builtin().aggregates()) {
      list.push_back({{"name", name}, {"type", "AGGREGATE"}, {"category", ""}});
    }
    return entity(s, "function_names", {{"functions", list}});
  }
  return statement_error("SHOW " + c.what + " is not supported");
}

Result<StatementResult> execute_describe(Engine::Impl& e, const Statement& s, const Describe& c) {
  if (c.target == Describe::Target::streams || c.target == Describe::Target::tables) {
    Show show;
    show.what = c.target == Describe::Target::streams ? "STREAMS" : "TABLES";
    show.extended = true;
    return execute_show(e, s, show);
  }
  if (c.target == Describe::Target::function) {
    std::string name = upper(c.name);
    const auto& r = FunctionRegistry::builtin();
    if (const auto* f = r.scalar(name)) {
      return entity(s, "describe_function", {{"name", name}, {"description", f->description}, {"type", "SCALAR"},
                                             {"author", "Confluent"}, {"version", ""}, {"path", "internal"},
                                             {"functions", nlohmann::json::array()}});
    }
    if (const auto* f = r.aggregate(name)) {
      return entity(s, "describe_function", {{"name", name}, {"description", f->description}, {"type", "AGGREGATE"},
                                             {"author", "Confluent"}, {"version", ""}, {"path", "internal"},
                                             {"functions", nlohmann::json::array()}});
    }
    return statement_error("Can't find any functions with the name '" + name + "'");
  }
  const DataSource* d = e.metastore.source(c.name);
  if (!d) return statement_error("Could not find STREAM/TABLE '" + c.name + "' in the Metastore");
  return entity(s, "sourceDescription", {{"sourceDescription", describe_source(e, *d, c.extended)}});
}

Result<StatementResult> execute_explain(Engine::Impl& e, const Statement& s, const Explain& c, const PropertyMap& props) {
  std::string plan_text;
  std::string sql;
  std::string id;
  if (!c.query_id.empty()) {
    RunningQuery* q = e.find_query(c.query_id);
    if (!q) return statement_error("Query with id:" + c.query_id + " does not exist, use SHOW QUERIES to view the full set of running queries.");
    std::function<void(const PlanNodePtr&, int)> walk = [&](const PlanNodePtr& n, int depth) {
      plan_text += std::string(depth * 2, ' ') + " > [ " + n->describe() + " ]\n";
      for (const auto& in : n->inputs) walk(in, depth + 1);
    };
    walk(q->plan.root, 0);
    sql = q->sql;
    id = q->id;
  } else if (c.statement) {
    const Query* query = nullptr;
    std::string sink;
    if (auto* cs = std::get_if<CreateSource>(&c.statement->node); cs && cs->as_query) {
      query = &*cs->as_query;
      sink = cs->name;
    } else if (auto* is = std::get_if<InsertSelect>(&c.statement->node)) {
      query = &is->query;
      sink = is->target;
    } else if (auto* qs = std::get_if<QueryStatement>(&c.statement->node)) {
      query = &qs->query;
    }
    if (!query) return statement_error("The provided statement does not run a ksql query");
    PlanOptions options;
    options.properties = props;
    options.sink_name = sink;
    options.persistent = !sink.empty();
    auto plan = plan_query(*query, e.metastore, options);
    if (!plan.ok()) return plan.status();
    std::function<void(const PlanNodePtr&, int)> walk = [&](const PlanNodePtr& n, int depth) {
      plan_text += std::string(depth * 2, ' ') + " > [ " + n->describe() + " ]\n";
      for (const auto& in : n->inputs) walk(in, depth + 1);
    };
    walk(plan->root, 0);
    sql = c.statement->text;
  }
  nlohmann::json description = {{"id", id},
                                 {"statementText", sql},
                                 {"executionPlan", plan_text},
                                 {"topology", ""},
                                 {"fields", nlohmann::json::array()},
                                 {"sources", nlohmann::json::array()},
                                 {"sinks", nlohmann::json::array()},
                                 {"overriddenProperties", nlohmann::json::object()},
                                 {"state", "RUNNING"},
                                 {"queryType", "PERSISTENT"}};
  return entity(s, "queryDescription", {{"queryDescription", description}});
}

Result<StatementResult> execute_create_type(Engine::Impl& e, const Statement& s, const CreateType& c) {
  if (e.metastore.type(c.name)) {
    if (c.if_not_exists) return status_result(s, "Type " + c.name + " already exists");
    return statement_error("Cannot register custom type '" + c.name + "' since it is already registered with type: " +
                           type_to_string(*e.metastore.type(c.name)));
  }
  auto type = e.metastore.resolve_type(c.type);
  if (!type.ok()) return statement_error(type.status().message());
  e.metastore.put_type(c.name, *type);
  return status_result(s, "Registered custom type with name '" + c.name + "' and SQL type " + type_to_string(*type));
}

Result<StatementResult> execute_alter(Engine::Impl& e, const Statement& s, const AlterSource& c) {
  DataSource* d = e.metastore.mutable_source(c.name);
  const char* kind = c.is_table ? "table" : "stream";
  if (!d) return statement_error(std::string("Source ") + c.name + " does not exist.");
  if (d->is_source) {
    return statement_error(std::string("Cannot alter ") + kind + " '" + c.name + "': ALTER operations are not supported on source " + kind + "s.");
  }
  if (d->is_table != c.is_table) {
    return statement_error("Incompatible data source type is " + source_type_name(*d) + ", but statement was ALTER " +
                           (c.is_table ? "TABLE" : "STREAM"));
  }
  Schema schema = d->schema;
  for (const auto& def : c.added) {
    if (schema.find(def.name)) {
      return statement_error("Cannot add column `" + def.name + "` to schema. A column with the same name already exists.");
    }
    auto type = e.metastore.resolve_type(def.type);
    if (!type.ok()) return statement_error(type.status().message());
    schema.columns.push_back({def.name, *type, Column::Role::value, ""});
  }
  d->schema = std::move(schema);
  return status_result(s, std::string(c.is_table ? "Table" : "Stream") + " " + c.name + " altered.");
}

}  // namespace tributary::sql
