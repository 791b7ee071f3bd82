// CREATE [OR REPLACE] [SOURCE] STREAM|TABLE name (columns) WITH (...): registers a source over a
// topic (creating the topic when PARTITIONS is given).
#include "sql/engine/engine_internal.h"
#include "sql/engine/source_properties.h"
#include "sql/planner/ast_util.h"

namespace tributary::sql {
namespace {

bool contains_map(const SqlType& t) {
  if (t.kind == TypeKind::map) return true;
  for (const auto& p : t.params) {
    if (contains_map(p)) return true;
  }
  return false;
}

bool is_reserved_column(const std::string& name) {
  return name == kRowTime || name == kRowPartition || name == kRowOffset || name == kWindowStart || name == kWindowEnd;
}

}  // namespace

Status check_key_type(const Column& col) {
  if (!contains_map(col.type)) return Status();
  return statement_error("Map keys, including types that contain maps, are not supported as they may lead to "
                         "unexpected behavior due to inconsistent serialization. Key column name: `" + col.name +
                         "`. Column type: " + type_to_string(col.type) +
                         ". See https://github.com/confluentinc/ksql/issues/6621 for more.");
}

// Checks an existing source of that name; returns true when the statement should do nothing.
Result<bool> check_existing(Engine::Impl& e, const CreateSource& c) {
  const DataSource* existing = e.metastore.source(c.name);
  const char* kind = c.is_table ? "table" : "stream";
  if (c.or_replace && c.is_source) {
    return statement_error(std::string("Cannot add ") + kind + " '" + c.name +
                           "': CREATE OR REPLACE is not supported on source " + kind + "s.");
  }
  if (!existing) return false;
  if (c.if_not_exists) return true;
  if (c.or_replace) {
    if (existing->is_source || c.is_source) {
      return statement_error(std::string("Cannot add ") + kind + " '" + c.name +
                             "': CREATE OR REPLACE is not supported on source " + kind + "s.");
    }
    if (existing->is_table != c.is_table) {
      return statement_error(std::string("Cannot add ") + kind + " '" + c.name + "': A " + existing->kind_lower() +
                             " with the same name already exists");
    }
    return false;
  }
  return statement_error(std::string("Cannot add ") + kind + " '" + c.name + "': A " + existing->kind_lower() +
                         " with the same name already exists");
}

Result<Schema> schema_from_columns(const Engine::Impl& e, const std::vector<ColumnDef>& defs, bool is_table) {
  Schema schema;
  bool has_key = false;
  for (const auto& def : defs) {
    if (is_reserved_column(def.name)) {
      return statement_error("'" + def.name + "' is a reserved column name. You cannot use it as a name for a column.");
    }
    if (schema.find(def.name)) return statement_error("Duplicate column names: " + def.name);
    auto type = e.metastore.resolve_type(def.type);
    if (!type.ok()) return statement_error(type.status().message());
    Column col;
    col.name = def.name;
    col.type = *type;
    switch (def.constraint) {
      case ColumnDef::Constraint::key:
      case ColumnDef::Constraint::primary_key:
        col.role = Column::Role::key;
        has_key = true;
        TRY_STATUS(check_key_type(col));
        break;
      case ColumnDef::Constraint::headers: col.role = Column::Role::headers; break;
      case ColumnDef::Constraint::header:
        col.role = Column::Role::header;
        col.header_key = def.header_key;
        break;
      case ColumnDef::Constraint::none: col.role = Column::Role::value; break;
    }
    schema.columns.push_back(std::move(col));
  }
  if (is_table && !has_key) {
    return statement_error("Tables require a PRIMARY KEY. Please define the PRIMARY KEY.");
  }
  return schema;
}

Status ensure_topic(Engine::Impl& e, const std::string& topic, const WithMap& with, const PropertyMap& props,
                    const char* kind) {
  auto partitions = with.find("PARTITIONS");
  if (e.topics.exists(topic)) return Status();
  int32_t count = 0;
  if (partitions != with.end()) {
    count = static_cast<int32_t>(std::stol(partitions->second));
  } else {
    auto auto_create = props.find("tributary.auto.create.source.topics");
    if (auto_create == props.end() || auto_create->second != "true") {
      return statement_error("Topic '" + topic + "' does not exist. If you want to create a new topic for the " +
                             kind + " please re-run the statement providing the required 'PARTITIONS' configuration "
                             "in the WITH clause (and optionally 'REPLICAS'). For more details please refer to "
                             "https://docs.ksqldb.io/en/latest/developer-guide/ksqldb-reference/create-" + kind + "/");
    }
    count = 1;
  }
  auto created = e.topics.create(topic, count);
  if (!created.ok()) return statement_error(created.message());
  return Status();
}

Result<StatementResult> execute_create_source(Engine::Impl& e, const Statement& s, const CreateSource& c,
                                              const PropertyMap& props) {
  auto skip = check_existing(e, c);
  if (!skip.ok()) return skip.status();
  const char* kind = c.is_table ? "Table" : "Stream";
  if (*skip) return status_result(s, std::string(kind) + " already exists.");

  auto with = with_properties(c.properties);
  if (!with.ok()) return with.status();
  auto schema = schema_from_columns(e, c.columns, c.is_table);
  if (!schema.ok()) return schema.status();

  DataSource d;
  d.name = c.name;
  d.is_table = c.is_table;
  d.is_source = c.is_source;
  d.schema = std::move(*schema);
  d.sql = s.text;
  auto topic = with->find("KAFKA_TOPIC");
  if (topic == with->end()) {
    return statement_error(std::string("Missing required property \"KAFKA_TOPIC\" for CREATE ") +
                           (c.is_table ? "TABLE" : "STREAM"));
  }
  d.topic = topic->second;
  TRY_STATUS(apply_format_properties(d, *with, props, nullptr));
  if (d.schema.columns.empty()) {
    return statement_error("The statement does not define any columns.");
  }
  TRY_STATUS(apply_window_properties(d, *with));
  TRY_STATUS(apply_timestamp_properties(d, *with));
  TRY_STATUS(check_source_formats(d));
  TRY_STATUS(ensure_topic(e, d.topic, *with, props, c.is_table ? "table" : "stream"));

  // A replaced table starts over with the new schema.
  e.stop_materializer(d.name);
  if (d.is_table) {
    auto started = e.start_materializer(d);
    if (!started.ok()) return started;
  }
  e.metastore.put_source(std::move(d));
  return status_result(s, std::string(kind) + " created");
}

}  // namespace tributary::sql
