#include "app/sql_shell/response_printer.h"

#include <fmt/format.h>

#include "app/sql_shell/table_printer.h"

namespace tributary::app::sql_shell {
namespace {

using nlohmann::json;

// A string member, "" when absent or null; non-strings as JSON text.
std::string str(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

const json& array_of(const json& object, const char* key) {
  static const json kEmpty = json::array();
  if (!object.is_object()) return kEmpty;
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : kEmpty;
}

std::string join(const json& values, const char* separator) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += separator;
    out += v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

std::string format_sources(const json& entity, const char* list_key, const char* title) {
  std::vector<TableRow> rows;
  for (const auto& s : array_of(entity, list_key)) {
    rows.push_back({str(s, "name"), str(s, "topic"), str(s, "keyFormat"), str(s, "valueFormat"),
                    str(s, "isWindowed").empty() ? "false" : str(s, "isWindowed")});
  }
  return render_listing({title, "Kafka Topic", "Key Format", "Value Format", "Windowed"}, rows);
}

std::string format_queries(const json& entity) {
  std::vector<TableRow> rows;
  for (const auto& q : array_of(entity, "queries")) {
    std::string status = str(q, "state");
    if (q.contains("statusCount") && q["statusCount"].is_object() && !q["statusCount"].empty()) {
      status.clear();
      for (const auto& [state, count] : q["statusCount"].items())
        status += (status.empty() ? "" : " ") + state + ":" + count.dump();
    }
    rows.push_back({str(q, "id"), str(q, "queryType"), status, join(array_of(q, "sinks"), ","),
                    join(array_of(q, "sinkKafkaTopics"), ","), str(q, "queryString")});
  }
  return render_listing({"Query ID", "Query Type", "Status", "Sink Name", "Sink Kafka Topic", "Query String"}, rows) +
         "For detailed information on a Query run: EXPLAIN <Query ID>;\n";
}

std::string field_type(const json& field, bool is_table) {
  std::string type = format_schema(field.value("schema", json::object()));
  std::string kind = str(field, "type");
  if (kind == "KEY") type += is_table ? "  (primary key)" : "  (key)";
  return type;
}

std::string format_fields(const json& fields, bool is_table) {
  std::vector<TableRow> rows;
  for (const auto& f : fields) rows.push_back({str(f, "name"), field_type(f, is_table)});
  return render_listing({"Field", "Type"}, rows);
}

std::string format_source_description(const json& d) {
  bool is_table = str(d, "type") == "TABLE";
  std::string out = fmt::format("\n{:<20} : {}\n", "Name", str(d, "name"));
  bool extended = d.value("extended", false);
  if (extended) {
    out += fmt::format("{:<20} : {}\n", "Type", str(d, "type"));
    if (!str(d, "timestamp").empty()) out += fmt::format("{:<20} : {}\n", "Timestamp field", str(d, "timestamp"));
    out += fmt::format("{:<20} : {}\n", "Key format", str(d, "keyFormat"));
    out += fmt::format("{:<20} : {}\n", "Value format", str(d, "valueFormat"));
    out += fmt::format("{:<20} : {} (partitions: {}, replication: {})\n", "Kafka topic", str(d, "topic"),
                       str(d, "partitions"), str(d, "replication"));
    if (!str(d, "statement").empty()) out += fmt::format("{:<20} : {}\n", "Statement", str(d, "statement"));
  }
  out += format_fields(array_of(d, "fields"), is_table);
  if (!extended) {
    return out + "For runtime statistics and query details run: DESCRIBE <Stream,Table> EXTENDED;\n";
  }
  auto queries = [&](const char* key, const std::string& title) {
    const json& list = array_of(d, key);
    if (list.empty()) return std::string();
    std::string text = fmt::format("\n{}\n", title);
    for (const auto& q : list) text += fmt::format("{} : {}\n", str(q, "id"), str(q, "queryString"));
    return text;
  };
  out += queries("readQueries", "Queries that read from this " + std::string(is_table ? "TABLE" : "STREAM") + "\n-----------------------------------");
  out += queries("writeQueries", "Queries that write from this " + std::string(is_table ? "TABLE" : "STREAM") + "\n-----------------------------------");
  if (!str(d, "statistics").empty()) out += "\nLocal runtime statistics\n------------------------\n" + str(d, "statistics") + "\n";
  if (!str(d, "errorStats").empty()) out += str(d, "errorStats") + "\n";
  return out;
}

std::string format_query_description(const json& q) {
  std::string out = fmt::format("\n{:<20} : {}\n", "ID", str(q, "id"));
  if (!str(q, "queryType").empty()) out += fmt::format("{:<20} : {}\n", "Query Type", str(q, "queryType"));
  out += fmt::format("{:<20} : {}\n", "SQL", str(q, "statementText"));
  if (!str(q, "state").empty()) out += fmt::format("{:<20} : {}\n", "Status", str(q, "state"));
  out += format_fields(array_of(q, "fields"), false);
  out += "\nSources that this query reads from: \n-----------------------------------\n";
  for (const auto& s : array_of(q, "sources")) out += (s.is_string() ? s.get<std::string>() : str(s, "name")) + "\n";
  out += "\nSinks that this query writes to: \n-----------------------------------\n";
  for (const auto& s : array_of(q, "sinks")) out += (s.is_string() ? s.get<std::string>() : str(s, "name")) + "\n";
  if (!str(q, "executionPlan").empty()) out += "\nExecution plan      \n--------------      \n" + str(q, "executionPlan") + "\n";
  if (!str(q, "topology").empty()) out += "\nProcessing topology \n------------------- \n" + str(q, "topology") + "\n";
  return out;
}

std::string format_topics(const json& entity) {
  std::vector<TableRow> rows;
  for (const auto& t : array_of(entity, "topics")) {
    const json& replicas = array_of(t, "replicaInfo");
    std::string replica_text;
    for (const auto& r : replicas) replica_text += (replica_text.empty() ? "" : " ") + r.dump();
    rows.push_back({str(t, "name"), std::to_string(replicas.size()), replica_text});
  }
  return render_listing({"Kafka Topic", "Partitions", "Partition Replicas"}, rows);
}

std::string format_properties(const json& entity) {
  std::vector<TableRow> rows;
  for (const auto& p : array_of(entity, "properties"))
    rows.push_back({str(p, "name"), str(p, "scope"), str(p, "value")});
  return render_listing({"Property", "Scope", "Effective Value"}, rows);
}

std::string format_function_names(const json& entity) {
  std::vector<TableRow> rows;
  for (const auto& f : array_of(entity, "functions")) rows.push_back({str(f, "name"), str(f, "category")});
  return render_listing({"Function Name", "Category"}, rows) +
         "For detailed information on a function run: DESCRIBE FUNCTION <Function Name>;\n";
}

std::string format_function_description(const json& entity) {
  std::string out = fmt::format("\n{:<12}: {}\n", "Name", str(entity, "name"));
  if (!str(entity, "author").empty()) out += fmt::format("{:<12}: {}\n", "Author", str(entity, "author"));
  if (!str(entity, "version").empty()) out += fmt::format("{:<12}: {}\n", "Version", str(entity, "version"));
  out += fmt::format("{:<12}: {}\n", "Overview", str(entity, "description"));
  out += fmt::format("{:<12}: {}\n", "Type", str(entity, "type"));
  for (const auto& variant : array_of(entity, "functions")) {
    std::string args;
    for (const auto& a : array_of(variant, "arguments")) {
      if (!args.empty()) args += ", ";
      args += str(a, "name").empty() ? str(a, "type") : str(a, "name") + " " + str(a, "type");
    }
    out += fmt::format("\n\t{:<12}: {}({})\n", "Variation", str(entity, "name"), args);
    out += fmt::format("\t{:<12}: {}\n", "Returns", str(variant, "returnType"));
    if (!str(variant, "description").empty()) out += fmt::format("\t{:<12}: {}\n", "Description", str(variant, "description"));
  }
  return out;
}

std::string format_types(const json& entity) {
  std::vector<TableRow> rows;
  if (entity.contains("types") && entity["types"].is_object())
    for (const auto& [name, schema] : entity["types"].items()) rows.push_back({name, format_schema(schema)});
  return render_listing({"Type Name", "Schema"}, rows);
}

}  // namespace

std::string format_schema(const json& schema) {
  if (!schema.is_object()) return schema.is_string() ? schema.get<std::string>() : "";
  std::string type = str(schema, "type");
  if (type == "STRING") return "VARCHAR(STRING)";
  if (type == "ARRAY") return "ARRAY<" + format_schema(schema.value("memberSchema", json())) + ">";
  if (type == "MAP") return "MAP<STRING, " + format_schema(schema.value("memberSchema", json())) + ">";
  if (type == "STRUCT") {
    std::string out = "STRUCT<";
    bool first = true;
    for (const auto& f : array_of(schema, "fields")) {
      out += (first ? "" : ", ") + str(f, "name") + " " + format_schema(f.value("schema", json()));
      first = false;
    }
    return out + ">";
  }
  if (type == "DECIMAL" && schema.contains("parameters") && schema["parameters"].is_object()) {
    const json& p = schema["parameters"];
    return fmt::format("DECIMAL({}, {})", str(p, "precision"), str(p, "scale"));
  }
  return type;
}

std::string cell_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string format_entity(const json& entity) {
  std::string type = str(entity, "@type");
  std::string out;
  if (type == "currentStatus") {
    std::string message = str(entity.value("commandStatus", json::object()), "message");
    out = render_listing({"Message"}, {{message}});
  } else if (type == "streams") {
    out = format_sources(entity, "streams", "Stream Name");
  } else if (type == "tables") {
    out = format_sources(entity, "tables", "Table Name");
  } else if (type == "queries") {
    out = format_queries(entity);
  } else if (type == "sourceDescription") {
    out = format_source_description(entity.value("sourceDescription", json::object()));
  } else if (type == "sourceDescriptionList") {
    for (const auto& d : array_of(entity, "sourceDescriptions")) out += format_source_description(d);
  } else if (type == "queryDescription") {
    out = format_query_description(entity.value("queryDescription", json::object()));
  } else if (type == "kafka_topics" || type == "kafka_topics_extended") {
    out = format_topics(entity);
  } else if (type == "properties") {
    out = format_properties(entity);
  } else if (type == "function_names") {
    out = format_function_names(entity);
  } else if (type == "describe_function") {
    out = format_function_description(entity);
  } else if (type == "type_list") {
    out = format_types(entity);
  } else if (type == "error_entity") {
    out = str(entity, "errorMessage") + "\n";
  } else {
    out = entity.dump(2) + "\n";
  }
  for (const auto& warning : array_of(entity, "warnings")) out += "WARNING: " + str(warning, "message") + "\n";
  return out;
}

}  // namespace tributary::app::sql_shell
