#include "sql/engine/source_properties.h"

#include "sql/planner/ast_util.h"

namespace tributary::sql {
namespace {

std::optional<std::string> get(const WithMap& with, const char* key) {
  auto it = with.find(key);
  if (it == with.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> prop(const PropertyMap& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  return it->second;
}

Result<char> parse_delimiter(const std::string& name, const std::string& text) {
  std::string prefix = "Failed to prepare statement: Configuration " + name + " is invalid: ";
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return statement_error(prefix + "Delimiter cannot be empty, if you meant to have a tab or space for delimiter, "
                                    "please use the special values 'TAB' or 'SPACE'\nExample valid value: ';'");
  }
  std::string u = upper(text);
  if (u == "TAB") return '\t';
  if (u == "SPACE") return ' ';
  if (text.size() != 1) {
    return statement_error(prefix + "Invalid delimiter value: '" + text +
                           "'. Delimiter must be a single character or TAB or SPACE");
  }
  return text[0];
}

}  // namespace

std::string unquote_name(const std::string& text) {
  if (text.size() >= 2 && text.front() == '`' && text.back() == '`') return text.substr(1, text.size() - 2);
  return upper(text);
}

Status apply_format_properties(DataSource& target, const WithMap& with, const PropertyMap& props,
                               const DataSource* inherit) {
  auto format = get(with, "FORMAT");
  auto key_format = get(with, "KEY_FORMAT");
  auto value_format = get(with, "VALUE_FORMAT");
  if (format && key_format) {
    return statement_error("Cannot supply both 'KEY_FORMAT' and 'FORMAT' properties, as 'FORMAT' sets both key and "
                           "value formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.");
  }
  if (format && value_format) {
    return statement_error("Cannot supply both 'VALUE_FORMAT' and 'FORMAT' properties, as 'FORMAT' sets both key and "
                           "value formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.");
  }
  if (format) key_format = value_format = format;

  std::string key_text;
  if (key_format) key_text = *key_format;
  else if (inherit) key_text = format_name(inherit->key_format);
  else key_text = prop(props, "ksql.persistence.default.format.key").value_or("KAFKA");
  std::string value_text;
  if (value_format) value_text = *value_format;
  else if (inherit) value_text = format_name(inherit->value_format);
  else if (auto d = prop(props, "ksql.persistence.default.format.value")) value_text = *d;
  else {
    return statement_error("Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one "
                           "or set a default via the 'ksql.persistence.default.format.value' config.");
  }
  auto kf = parse_format(key_text);
  if (!kf.ok()) return statement_error(kf.status().message());
  auto vf = parse_format(value_text);
  if (!vf.ok()) return statement_error(vf.status().message());
  target.key_format = *kf;
  target.value_format = *vf;
  // A keyless inherited key format keeps the default for a result that has a key again.
  if (!key_format && inherit && inherit->key_format == Format::none) {
    auto d = parse_format(prop(props, "ksql.persistence.default.format.key").value_or("KAFKA"));
    if (d.ok()) target.key_format = *d;
  }

  bool has_key = !target.schema.key_columns().empty();
  if (key_format && !has_key && !target.is_table && *kf != Format::none && !format && inherit) {
    return statement_error("Key format specified for stream without key columns.");
  }
  // A keyless source remembers a declared key format for results that get a key (PARTITION BY).
  if (!has_key && !key_format) target.key_format = Format::none;

  target.key_options = SerdeOptions{};
  target.key_options.wrap_single = false;
  target.value_options = SerdeOptions{};
  if (inherit && !value_format && !format) target.value_options.delimiter = inherit->value_options.delimiter;

  if (auto wrap = get(with, "WRAP_SINGLE_VALUE")) {
    bool on = upper(*wrap) == "TRUE";
    if (*vf == Format::kafka || *vf == Format::delimited) {
      if (on) {
        return statement_error(std::string("Format '") + format_name(*vf) +
                               "' does not support 'WRAP_SINGLE_VALUE' set to 'true'.");
      }
    }
    target.value_options.wrap_single = on;
    target.wrap_single_value_set = true;
  } else if (auto d = prop(props, "ksql.persistence.wrap.single.values")) {
    target.value_options.wrap_single = upper(*d) != "FALSE";
  }
  if (*vf != Format::json) target.value_options.wrap_single = *vf == Format::json;

  if (auto delim = get(with, "VALUE_DELIMITER")) {
    if (*vf != Format::delimited) {
      return statement_error(std::string(format_name(*vf)) + " does not support the following configs: [delimiter]");
    }
    auto c = parse_delimiter("VALUE_DELIMITER", *delim);
    if (!c.ok()) return c.status();
    target.value_options.delimiter = *c;
  }
  if (auto delim = get(with, "KEY_DELIMITER")) {
    if (*kf != Format::delimited) {
      return statement_error(std::string(format_name(*kf)) + " does not support the following configs: [delimiter]");
    }
    auto c = parse_delimiter("KEY_DELIMITER", *delim);
    if (!c.ok()) return c.status();
    target.key_options.delimiter = *c;
  }
  return Status();
}

Status apply_window_properties(DataSource& target, const WithMap& with) {
  auto type = get(with, "WINDOW_TYPE");
  auto size = get(with, "WINDOW_SIZE");
  if (!type) {
    if (size) return statement_error("'WINDOW_SIZE' should not be set for non-windowed sources.");
    return Status();
  }
  KeyWindow w;
  w.name = upper(*type);
  if (w.name == "SESSION") {
    w.type = WindowBounds::Type::session;
    if (size) return statement_error("'WINDOW_SIZE' should not be set for SESSION windows.");
  } else if (w.name == "TUMBLING" || w.name == "HOPPING") {
    w.type = WindowBounds::Type::time;
    if (!size) return statement_error("'WINDOW_SIZE' is required for TUMBLING and HOPPING windows.");
    auto ms = parse_duration_text(*size);
    if (!ms.ok()) return statement_error("Configuration WINDOW_SIZE is invalid: " + ms.status().message());
    w.size_ms = *ms;
  } else {
    return statement_error("Configuration WINDOW_TYPE is invalid: Unknown window type: '" + *type + "'");
  }
  target.window = w;
  return Status();
}

Status apply_timestamp_properties(DataSource& target, const WithMap& with) {
  auto column = get(with, "TIMESTAMP");
  auto format = get(with, "TIMESTAMP_FORMAT");
  if (!column) {
    if (format) target.timestamp_format = *format;
    return Status();
  }
  std::string name = unquote_name(*column);
  auto index = target.schema.find(name);
  if (!index) {
    return statement_error("The TIMESTAMP column set in the WITH clause does not exist in the schema: '" + name + "'");
  }
  const Column& c = target.schema.columns[*index];
  TypeKind k = c.type.kind;
  if (k != TypeKind::bigint && k != TypeKind::timestamp && k != TypeKind::string) {
    return statement_error("Timestamp column, " + name + ", should be LONG(INT64), TIMESTAMP, or a String with a "
                           "timestamp_format specified.");
  }
  if (k == TypeKind::string && !format) {
    return statement_error("A String timestamp field has been specified without also specifying the "
                           "timestamp_format property.");
  }
  target.timestamp_column = name;
  if (format) target.timestamp_format = *format;
  return Status();
}

Status check_source_formats(const DataSource& source) {
  std::vector<Column> keys, values;
  for (const auto& c : source.schema.columns) {
    if (c.role == Column::Role::key) keys.push_back(c);
    else if (c.role == Column::Role::value) values.push_back(c);
  }
  TRY_STATUS(check_format(source.key_format, keys, source.key_options, true));
  auto serde = make_serde(source.value_format, values, source.value_options);
  if (!serde.ok()) return statement_error(serde.status().message());
  return Status();
}

}  // namespace tributary::sql
