// Constructors of the concrete formats; make_serde validates the columns first.
#pragma once

#include <memory>
#include <vector>

#include "sql/serde/serde.h"

namespace tributary::sql {

std::unique_ptr<Serde> make_json_serde(const std::vector<Column>& columns, const SerdeOptions& options);
std::unique_ptr<Serde> make_kafka_serde(const std::vector<Column>& columns);
std::unique_ptr<Serde> make_delimited_serde(const std::vector<Column>& columns, const SerdeOptions& options);

}  // namespace tributary::sql
