// The predicates: TopicNameMatches (the whole topic matches `pattern`), HasHeaderKey (a header named
// `name` exists), RecordIsTombstone (the value is null).
#include <regex>

#include "connect/transforms/builtin_transforms.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& topic_def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    auto pattern = req_key("pattern", ConfigDefType::string,
                           "A Java regular expression for matching against the name of a record's topic.");
    pattern.validator = [](const std::string& v) -> std::optional<std::string> {
      if (v.empty()) return "String must be non-empty";
      try {
        std::regex re(v);
      } catch (const std::regex_error& e) {
        return std::string("Invalid regex: ") + e.what();
      }
      return std::nullopt;
    };
    c.define(pattern);
    return c;
  }();
  return d;
}

class TopicNameMatches : public Predicate {
 public:
  ConfigProblems configure(const ParsedConfig& c) override {
    pattern_ = std::regex(c.get_string("pattern"));
    return {};
  }
  bool test(const ConnectRecord& record) const override { return std::regex_match(record.topic, pattern_); }

 private:
  std::regex pattern_;
};

const ConfigDef& header_def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    auto name = req_key("name", ConfigDefType::string, "The header name.");
    name.validator = [](const std::string& v) -> std::optional<std::string> {
      if (v.empty()) return "String must be non-empty";
      return std::nullopt;
    };
    c.define(name);
    return c;
  }();
  return d;
}

class HasHeaderKey : public Predicate {
 public:
  ConfigProblems configure(const ParsedConfig& c) override {
    name_ = c.get_string("name");
    return {};
  }
  bool test(const ConnectRecord& record) const override {
    for (const auto& h : record.headers)
      if (h.key == name_) return true;
    return false;
  }

 private:
  std::string name_;
};

const ConfigDef& empty_def() {
  static const ConfigDef d;
  return d;
}

class RecordIsTombstone : public Predicate {
 public:
  ConfigProblems configure(const ParsedConfig&) override { return {}; }
  bool test(const ConnectRecord& record) const override { return record.value.value.is_null(); }
};

}  // namespace

std::vector<PredicatePlugin> predicate_plugins() {
  std::string p = kPredicatePackage;
  return {
      {p + "TopicNameMatches", "A predicate which is true for records with a topic name that matches the configured regular expression.",
       topic_def, [] { return std::unique_ptr<Predicate>(new TopicNameMatches()); }},
      {p + "HasHeaderKey", "A predicate which is true for records with at least one header with the configured name.",
       header_def, [] { return std::unique_ptr<Predicate>(new HasHeaderKey()); }},
      {p + "RecordIsTombstone", "A predicate which is true for records which are tombstones (i.e. have null value).",
       empty_def, [] { return std::unique_ptr<Predicate>(new RecordIsTombstone()); }},
  };
}

}  // namespace tributary::connect::transforms
