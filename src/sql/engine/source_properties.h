// WITH (...) properties that describe how a source is stored: formats, serde options, windowed
// keys, timestamps. Shared by CREATE STREAM/TABLE and CREATE ... AS SELECT (which inherits what
// it does not set from its first source).
#pragma once

#include <map>
#include <string>

#include "sql/engine/engine_internal.h"

namespace tributary::sql {

using WithMap = std::map<std::string, std::string>;

// Sets key/value formats and serde options of `target` from WITH, the inherited source, or the
// engine defaults (ksql.persistence.default.format.*); errors as ksqlDB words them.
Status apply_format_properties(DataSource& target, const WithMap& with, const PropertyMap& props,
                               const DataSource* inherit);
// WINDOW_TYPE / WINDOW_SIZE of a windowed source.
Status apply_window_properties(DataSource& target, const WithMap& with);
// TIMESTAMP / TIMESTAMP_FORMAT: the column must be a value column of the schema.
Status apply_timestamp_properties(DataSource& target, const WithMap& with);
// Key and value formats can carry the schema's columns.
Status check_source_formats(const DataSource& source);

std::string unquote_name(const std::string& text);  // `x` keeps case, bare words upper-case

}  // namespace tributary::sql
