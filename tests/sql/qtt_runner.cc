// tributary-qtt: runs ksqlDB query validation cases (the JSON files of a directory) against the
// SQL engine with an in-memory TopicStore, one fresh engine per case, and reports
// `FAIL <file>: <case>: <first difference>` lines and a final `N passed, N failed`.
//
// Usage: tributary-qtt DIR [filter]   (filter: substring of "<file>: <case name>")
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sql/engine/engine.h"
#include "sql/engine/memory_topic_store.h"
#include "sql/parser/parser.h"
#include "sql/planner/metastore.h"
#include "sql/serde/serde.h"

using nlohmann::json;
using namespace tributary;
using namespace tributary::sql;

namespace {

struct CaseFailure {
  std::string message;
};

// ---- Comparing JSON values as ksqlDB's test framework does (numbers numerically) ----------

bool json_equal(const json& expected, const json& actual, std::string& where, const std::string& path) {
  if (expected.is_number() && actual.is_number()) {
    double a = expected.get<double>(), b = actual.get<double>();
    if (a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b))) return true;
    where = path;
    return false;
  }
  if (expected.is_object() && actual.is_object()) {
    if (expected.size() != actual.size()) {
      where = path + " (field count " + std::to_string(expected.size()) + " vs " + std::to_string(actual.size()) + ")";
      return false;
    }
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      auto found = actual.find(it.key());
      if (found == actual.end()) {
        where = path + "." + it.key() + " missing";
        return false;
      }
      if (!json_equal(it.value(), *found, where, path + "." + it.key())) return false;
    }
    return true;
  }
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      where = path + " (array size)";
      return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!json_equal(expected[i], actual[i], where, path + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
  }
  if (expected != actual) {
    where = path;
    return false;
  }
  return true;
}

// ---- Converting test records to and from bytes ------------------------------------------------

const DataSource* source_for_topic(const Engine& engine, const std::string& topic, bool prefer_sink) {
  const DataSource* found = nullptr;
  for (const auto& [name, d] : engine.metastore().sources()) {
    if (d.topic != topic) continue;
    if (!found) found = &d;
    if (prefer_sink && !d.writer_query.empty()) return &d;
  }
  return found;
}

std::vector<Column> part_columns(const DataSource& d, bool key) {
  std::vector<Column> out;
  for (const auto& c : d.schema.columns) {
    if (key ? c.role == Column::Role::key : c.role == Column::Role::value) out.push_back(c);
  }
  return out;
}

std::optional<std::string> raw_bytes(const json& j) {
  if (j.is_null()) return std::nullopt;
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

std::optional<std::string> encode_part(const DataSource* d, bool key, const json& j) {
  if (j.is_null()) return std::nullopt;
  if (!d) return raw_bytes(j);
  Format format = key ? d->key_format : d->value_format;
  switch (format) {
    case Format::json: return j.dump();
    case Format::delimited: return raw_bytes(j);
    case Format::none: return std::nullopt;
    case Format::kafka: {
      auto columns = part_columns(*d, key);
      if (columns.size() != 1) return raw_bytes(j);
      auto v = value_from_json(j, columns[0].type, columns[0].name);
      if (!v.ok()) return raw_bytes(j);
      auto serde = make_serde(format, columns, key ? d->key_options : d->value_options);
      if (!serde.ok()) return raw_bytes(j);
      auto bytes = (*serde)->serialize({*v});
      if (!bytes.ok() || !*bytes) return raw_bytes(j);
      return **bytes;
    }
  }
  return raw_bytes(j);
}

json decode_part(const DataSource* d, bool key, const std::optional<std::string>& bytes) {
  if (!bytes) return nullptr;
  Format format = d ? (key ? d->key_format : d->value_format) : Format::json;
  switch (format) {
    case Format::json: {
      auto j = json::parse(*bytes, nullptr, false);
      if (j.is_discarded()) return *bytes;
      return j;
    }
    case Format::delimited: return *bytes;
    case Format::none: return nullptr;
    case Format::kafka: {
      auto columns = part_columns(*d, key);
      auto serde = make_serde(format, columns, key ? d->key_options : d->value_options);
      if (!serde.ok() || columns.size() != 1) return *bytes;
      auto values = (*serde)->deserialize(std::string_view(*bytes));
      if (!values.ok() || values->empty()) return "<undecodable: " + (values.ok() ? std::string("empty") : values.status().message()) + ">";
      return value_to_json((*values)[0], columns[0].type);
    }
  }
  return *bytes;
}

WindowBounds::Type window_type(const json& w) {
  std::string t = w.value("type", "time");
  std::transform(t.begin(), t.end(), t.begin(), ::tolower);
  return t == "session" ? WindowBounds::Type::session : WindowBounds::Type::time;
}

std::string show(const json& j) { return j.dump(); }

// ---- One case ---------------------------------------------------------------------------------

std::string substitute(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string expected_message(const json& c) {
  if (!c.contains("expectedException")) return "";
  return c["expectedException"].value("message", "");
}

Status check_schema(const DataSource& d, const std::string& expected_schema) {
  // Expected schemas say KEY or PRIMARY KEY; parse them all as a stream's.
  std::string schema = expected_schema;
  for (auto at = schema.find(" PRIMARY KEY"); at != std::string::npos; at = schema.find(" PRIMARY KEY")) {
    schema.replace(at, 12, " KEY");
  }
  auto parsed = parse_statement("CREATE STREAM X (" + schema + ") WITH (kafka_topic='x', value_format='json');");
  if (!parsed.ok()) return Status::error(Errc::invalid_argument, "cannot parse expected schema: " + parsed.status().message());
  const auto& cs = std::get<CreateSource>(parsed->node);
  std::vector<std::string> expected_keys, expected_values, actual_keys, actual_values;
  Metastore empty;
  for (const auto& def : cs.columns) {
    auto t = empty.resolve_type(def.type);
    std::string text = def.name + " " + (t.ok() ? type_to_string(*t) : "?");
    (def.constraint == ColumnDef::Constraint::key || def.constraint == ColumnDef::Constraint::primary_key
         ? expected_keys
         : expected_values).push_back(text);
  }
  for (const auto& c : d.schema.columns) {
    std::string text = c.name + " " + type_to_string(c.type);
    (c.role == Column::Role::key ? actual_keys : actual_values).push_back(text);
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  if (expected_keys != actual_keys || expected_values != actual_values) {
    return Status::error(Errc::invalid_argument, "schema of " + d.name + ": expected keys [" + join(expected_keys) +
                                                     "] values [" + join(expected_values) + "], got keys [" +
                                                     join(actual_keys) + "] values [" + join(actual_values) + "]");
  }
  return Status();
}

std::optional<std::string> run_case(const json& c) {
  MemoryTopicStore topics;
  EngineOptions options;
  options.service_id = "some.ksql.service.id";
  options.properties["tributary.auto.create.source.topics"] = "true";
  if (c.contains("properties")) {
    for (auto it = c["properties"].begin(); it != c["properties"].end(); ++it) {
      options.properties[it.key()] = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
    }
  }
  if (c.contains("topics")) {
    for (const auto& t : c["topics"]) {
      (void)topics.create(t.value("name", ""), t.value("partitions", 1));
    }
  }
  Engine engine(topics, options);
  std::string format;
  if (c.contains("format")) {
    const json& f = c["format"];
    format = f.is_array() && !f.empty() ? f[0].get<std::string>() : (f.is_string() ? f.get<std::string>() : "");
  }
  std::string expected_error = expected_message(c);

  const json& statements = c["statements"];
  for (std::size_t i = 0; i < statements.size(); ++i) {
    std::string text = statements[i].get<std::string>();
    if (!format.empty()) text = substitute(text, "{FORMAT}", format);
    // Leading newlines give each statement its line number in the case, as ksqlDB reports it.
    auto result = engine.execute(std::string(i, '\n') + text);
    if (!result.ok()) {
      const std::string& m = result.status().message();
      if (!expected_error.empty()) {
        if (m.find(expected_error) != std::string::npos) return std::nullopt;
        return "statement " + std::to_string(i + 1) + " failed with '" + m + "', expected '" + expected_error + "'";
      }
      return "statement " + std::to_string(i + 1) + " failed: " + m;
    }
  }
  bool has_inputs = c.contains("inputs") && !c["inputs"].empty();
  if (!expected_error.empty() && !has_inputs) return "expected exception '" + expected_error + "' but statements succeeded";

  // Inputs, each processed completely (with whatever it triggers downstream) before the next.
  if (has_inputs) {
    for (const auto& in : c["inputs"]) {
      std::string topic = in.value("topic", "");
      const DataSource* d = source_for_topic(engine, topic, false);
      KafkaRecord r;
      r.topic = topic;
      r.timestamp = in.value("timestamp", int64_t{0});
      r.key = encode_part(d, true, in.contains("key") ? in["key"] : json());
      r.value = encode_part(d, false, in.contains("value") ? in["value"] : json());
      if (in.contains("window") && r.key) {
        const json& w = in["window"];
        r.key = append_window(*r.key, {window_type(w), w.value("start", int64_t{0}), w.value("end", int64_t{0})});
      }
      if (!topics.exists(topic)) (void)topics.create(topic, 1);
      topics.produce(r);
      for (auto pending = topics.drain(); !pending.empty(); pending = topics.drain()) {
        for (const auto& record : pending) engine.process(record);
      }
    }
  }
  if (!expected_error.empty()) {
    for (const auto& e : engine.query_errors()) {
      if (e.find(expected_error) != std::string::npos) return std::nullopt;
    }
    return "expected exception '" + expected_error + "' but none occurred";
  }

  // Outputs, per topic in order.
  if (c.contains("outputs")) {
    std::map<std::string, std::vector<json>> expected;
    std::vector<std::string> order;
    for (const auto& out : c["outputs"]) {
      std::string topic = out.value("topic", "");
      if (!expected.count(topic)) order.push_back(topic);
      expected[topic].push_back(out);
    }
    for (const auto& topic : order) {
      const auto& want = expected[topic];
      const auto& got = topics.records(topic);
      const DataSource* d = source_for_topic(engine, topic, true);
      for (std::size_t i = 0; i < want.size(); ++i) {
        if (i >= got.size()) {
          return "topic " + topic + ": expected " + std::to_string(want.size()) + " records, got " +
                 std::to_string(got.size()) + "; missing " + show(want[i]);
        }
        const json& w = want[i];
        const KafkaRecord& r = got[i];
        std::optional<std::string> key_bytes = r.key;
        json window;
        if (d && d->window && key_bytes) {
          auto split = split_window(*key_bytes, d->window->type, d->window->size_ms);
          if (split.ok()) {
            key_bytes = split->first;
            window = {{"start", split->second.start}, {"end", split->second.end},
                      {"type", split->second.type == WindowBounds::Type::session ? "session" : "time"}};
          }
        }
        json actual_key = decode_part(d, true, key_bytes);
        json actual_value = decode_part(d, false, r.value);
        std::string where;
        std::string pos = "topic " + topic + " record " + std::to_string(i + 1) + ": ";
        if (w.contains("key") && !json_equal(w["key"], actual_key, where, "key")) {
          return pos + "key expected " + show(w["key"]) + " got " + show(actual_key);
        }
        if (!json_equal(w.contains("value") ? w["value"] : json(), actual_value, where, "value")) {
          return pos + "value expected " + show(w.value("value", json())) + " got " + show(actual_value) + " (at " + where + ")";
        }
        if (w.contains("timestamp") && w["timestamp"].get<int64_t>() != r.timestamp) {
          return pos + "timestamp expected " + show(w["timestamp"]) + " got " + std::to_string(r.timestamp);
        }
        if (w.contains("window")) {
          const json& ew = w["window"];
          bool same = !window.is_null() && ew.value("start", int64_t{-1}) == window["start"].get<int64_t>() &&
                      ew.value("end", int64_t{-1}) == window["end"].get<int64_t>() &&
                      (window_type(ew) == WindowBounds::Type::session) == (window["type"] == "session");
          if (!same) return pos + "window expected " + show(ew) + " got " + show(window);
        }
      }
      if (got.size() > want.size()) {
        const KafkaRecord& extra = got[want.size()];
        return "topic " + topic + ": expected " + std::to_string(want.size()) + " records, got " +
               std::to_string(got.size()) + "; first extra key " + show(decode_part(d, true, extra.key)) + " value " +
               show(decode_part(d, false, extra.value));
      }
    }
  }

  if (c.contains("post")) {
    const json& post = c["post"];
    if (post.contains("sources")) {
      for (const auto& s : post["sources"]) {
        std::string name = s.value("name", "");
        const DataSource* d = engine.metastore().source(name);
        if (!d) return "post: source " + name + " does not exist";
        std::string type = s.value("type", "");
        std::transform(type.begin(), type.end(), type.begin(), ::tolower);
        if (!type.empty() && type != (d->is_table ? "table" : "stream")) {
          return "post: source " + name + " is a " + (d->is_table ? "table" : "stream") + ", expected " + type;
        }
        if (s.contains("schema") && s["schema"].is_string()) {
          auto st = check_schema(*d, s["schema"].get<std::string>());
          if (!st.ok()) return "post: " + st.message();
        }
        if (s.contains("keyFormat")) {
          const json& kf = s["keyFormat"];
          std::string f = kf.value("format", "");
          if (!f.empty() && f != format_name(d->key_format)) {
            return "post: " + name + " key format " + format_name(d->key_format) + ", expected " + f;
          }
          if (kf.contains("windowType") && kf["windowType"].is_string()) {
            std::string wt = kf["windowType"].get<std::string>();
            if (!d->window || d->window->name != wt) return "post: " + name + " window type differs, expected " + wt;
            if (kf.contains("windowSize") && kf["windowSize"].is_number() &&
                kf["windowSize"].get<int64_t>() != d->window->size_ms) {
              return "post: " + name + " window size differs";
            }
          }
        }
      }
    }
    if (post.contains("topics") && post["topics"].contains("blacklist")) {
      std::regex blacklist(post["topics"]["blacklist"].get<std::string>());
      for (const auto& t : topics.list()) {
        if (std::regex_match(t, blacklist)) return "post: topic " + t + " should not exist";
      }
    }
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tributary-qtt DIR [filter]\n";
    return 2;
  }
  std::string filter = argc > 2 ? argv[2] : "";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  int passed = 0, failed = 0;
  for (const auto& path : files) {
    std::ifstream in(path);
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
      std::cout << "FAIL " << path.filename().string() << ": <file>: not valid JSON\n";
      ++failed;
      continue;
    }
    for (const auto& c : doc["tests"]) {
      std::string label = path.filename().string() + ": " + c.value("name", "?");
      if (!filter.empty() && label.find(filter) == std::string::npos) continue;
      std::optional<std::string> failure;
      try {
        failure = run_case(c);
      } catch (const std::exception& e) {
        failure = std::string("exception: ") + e.what();
      }
      if (failure) {
        std::cout << "FAIL " << label << ": " << *failure << "\n";
        ++failed;
      } else {
        ++passed;
      }
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
