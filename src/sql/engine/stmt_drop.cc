// DROP STREAM|TABLE [IF EXISTS] name [DELETE TOPIC], DROP TYPE, TERMINATE.
#include "sql/engine/engine_internal.h"
#include "sql/planner/ast_util.h"

namespace tributary::sql {

Result<StatementResult> execute_drop(Engine::Impl& e, const Statement& s, const Drop& c) {
  std::string object = upper(c.object);
  if (object == "TYPE") {
    if (!e.metastore.type(c.name)) {
      if (c.if_exists) return status_result(s, "Type " + c.name + " does not exist.");
      return statement_error("Type " + c.name + " does not exist.");
    }
    e.metastore.remove_type(c.name);
    return status_result(s, "Dropped type '" + c.name + "'");
  }
  std::string kind = object == "TABLE" ? "Table" : "Stream";
  const DataSource* d = e.metastore.source(c.name);
  if (!d) {
    if (c.if_exists) return status_result(s, "Source " + c.name + " does not exist.");
    return statement_error(kind + " " + c.name + " does not exist");
  }
  if ((object == "TABLE") != d->is_table) {
    return statement_error("Incompatible data source type is " + source_type_name(*d) + ", but statement was DROP " +
                           object);
  }
  auto readers = e.queries_reading(c.name);
  if (!readers.empty()) {
    std::string ids;
    for (std::size_t i = 0; i < readers.size(); ++i) ids += (i ? ", " : "") + readers[i]->id;
    return statement_error("Cannot drop " + c.name + ".\nThe following queries read from this source: [" + ids +
                           "].\nThe following queries write into this source: [].\nYou need to terminate them "
                           "before dropping " + c.name + ".");
  }
  for (const auto* q : e.queries_writing(c.name)) e.terminate(q->id);
  e.stop_materializer(c.name);
  std::string topic = d->topic;
  e.metastore.remove_source(c.name);
  if (c.delete_topic) (void)e.topics.remove(topic);
  return status_result(s, "Source `" + c.name + "` (topic: " + topic + ") was dropped.");
}

Result<StatementResult> execute_terminate(Engine::Impl& e, const Statement& s, const Terminate& c) {
  if (c.all) {
    std::vector<std::string> ids;
    for (const auto& q : e.queries) {
      if (!q->transient && !q->internal) ids.push_back(q->id);
    }
    for (const auto& id : ids) e.terminate(id);
    return status_result(s, "Terminated all queries.");
  }
  RunningQuery* q = e.find_query(c.query_id);
  if (!q) {
    // Ids are case-insensitive in ksqlDB.
    for (auto& candidate : e.queries) {
      if (upper(candidate->id) == upper(c.query_id)) q = candidate.get();
    }
  }
  if (!q) return statement_error("Unknown queryId: " + c.query_id);
  std::string id = q->id;
  e.terminate(id);
  return status_result(s, "Query terminated.", id);
}

}  // namespace tributary::sql
