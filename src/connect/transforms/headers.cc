// InsertHeader, DropHeaders and HeaderFrom$Key / $Value: add, remove, or fill headers from fields.
// Header values travel as bytes: strings as their UTF-8 bytes, other values as their JSON text.
#include <algorithm>

#include "connect/transforms/builtin_transforms.h"
#include "connect/transforms/record_data.h"

namespace tributary::connect::transforms {
namespace {

const ConfigDef& insert_def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(req_key("header", ConfigDefType::string, "The name of the header."));
    c.define(req_key("value.literal", ConfigDefType::string, "The literal value that is to be set as the header value on all records."));
    return c;
  }();
  return d;
}

class InsertHeader : public Transformation {
 public:
  ConfigProblems configure(const ParsedConfig& c) override {
    header_ = c.get_string("header");
    value_ = c.get_string("value.literal");
    return {};
  }
  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    record.headers.push_back({header_, value_});
    return true;
  }

 private:
  std::string header_, value_;
};

const ConfigDef& drop_def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(req_key("headers", ConfigDefType::list, "The name of the headers to be removed."));
    return c;
  }();
  return d;
}

class DropHeaders : public Transformation {
 public:
  ConfigProblems configure(const ParsedConfig& c) override {
    names_ = c.get_list("headers");
    if (names_.empty()) return {{"headers", "Invalid value [] for configuration headers: empty list is not allowed"}};
    return {};
  }
  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    std::erase_if(record.headers, [&](const ConnectHeader& h) {
      return std::find(names_.begin(), names_.end(), h.key) != names_.end();
    });
    return true;
  }

 private:
  std::vector<std::string> names_;
};

const ConfigDef& header_from_def() {
  static const ConfigDef d = [] {
    ConfigDef c;
    c.define(req_key("fields", ConfigDefType::list, "Field names in the record whose values are to be copied or moved to headers."));
    c.define(req_key("headers", ConfigDefType::list, "Header names, in the same order as the field names listed in the fields configuration property."));
    auto op = req_key("operation", ConfigDefType::string, "Either move if the fields are to be moved to the headers (removed from the key/value), or copy if the fields are to be copied to the headers (retained in the key/value).");
    op.allowed = {"move", "copy"};
    c.define(op);
    return c;
  }();
  return d;
}

class HeaderFrom : public Transformation {
 public:
  explicit HeaderFrom(bool is_key) : is_key_(is_key) {}

  ConfigProblems configure(const ParsedConfig& c) override {
    fields_ = c.get_list("fields");
    headers_ = c.get_list("headers");
    move_ = c.get_string("operation") == "move";
    if (fields_.size() != headers_.size())
      return {{"headers", "'fields' config must have the same number of elements as 'headers' config."}};
    return {};
  }

  Result<bool> apply(ConnectRecord& record, const RecordContext&) override {
    SchemaAndValue& data = operand(record, is_key_);
    if (data.value.is_null()) return true;
    auto shape = require_structured(data, "header " + std::string(move_ ? "move" : "copy"));
    if (!shape.ok()) return shape.status();
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (*shape == Shape::with_schema && !find_field(data.schema, fields_[i]))
        return Status::error(Errc::invalid_argument, fields_[i] + " is not a valid field name");
      nlohmann::json v = data.value.contains(fields_[i]) ? data.value[fields_[i]] : nlohmann::json();
      record.headers.push_back({headers_[i], header_bytes(v)});
    }
    if (!move_) return true;
    for (const auto& f : fields_) data.value.erase(f);
    if (*shape == Shape::with_schema) {
      std::vector<nlohmann::json> kept;
      for (const auto& f : data.schema["fields"])
        if (std::find(fields_.begin(), fields_.end(), f.value("field", "")) == fields_.end()) kept.push_back(f);
      data.schema = struct_schema(std::move(kept), data.schema);
    }
    return true;
  }

 private:
  bool is_key_;
  std::vector<std::string> fields_, headers_;
  bool move_ = false;
};

}  // namespace

std::vector<TransformPlugin> insert_header_plugins() {
  return {{std::string(kTransformPackage) + "InsertHeader", "Add a header to each record.", insert_def,
           [] { return std::unique_ptr<Transformation>(new InsertHeader()); }}};
}

std::vector<TransformPlugin> drop_headers_plugins() {
  return {{std::string(kTransformPackage) + "DropHeaders", "Remove headers by name.", drop_def,
           [] { return std::unique_ptr<Transformation>(new DropHeaders()); }}};
}

std::vector<TransformPlugin> header_from_plugins() {
  return key_and_value("HeaderFrom", "Moves or copies fields in the key/value of a record into that record's headers.",
                       header_from_def, [](bool k) { return new HeaderFrom(k); });
}

}  // namespace tributary::connect::transforms
