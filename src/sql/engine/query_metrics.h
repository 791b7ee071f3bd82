// Per-query Prometheus counters the engine records into (common/metrics.h); the server's collector
// adds records processed, state size and running queries (sql/server/sql_service.cc).
#pragma once

#include <string>

#include "common/metrics.h"

namespace tributary::sql {

// Records a query could not process (each also goes to the processing log). Created at zero when
// a query starts, so every running query shows the series.
metrics::Counter& query_records_failed(const std::string& query_id);

}  // namespace tributary::sql
