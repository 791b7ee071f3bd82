#include "sql/engine/query_metrics.h"

namespace tributary::sql {

metrics::Counter& query_records_failed(const std::string& query_id) {
  static auto& family = metrics::registry().counter(
      "tributary_sql_query_records_failed_total",
      "Records a persistent query could not process (deserialization or evaluation errors).", {"query_id"});
  return family.with({query_id});  // a failure path: one lookup per failed record is fine
}

}  // namespace tributary::sql
