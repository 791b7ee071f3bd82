#include "sql/exec/timestamp_extractor.h"

namespace tributary::sql {

TimestampExtractor::TimestampExtractor(std::string column, SqlType type, std::string format)
    : column_(std::move(column)), type_(std::move(type)), format_(std::move(format)) {
  if (type_.kind == TypeKind::string) {
    if (const ScalarFunction* parse = FunctionRegistry::builtin().scalar("STRINGTOTIMESTAMP")) {
      auto bound = parse->bind({make_type(TypeKind::string), make_type(TypeKind::string)}, {Value(), Value(format_)});
      if (bound.ok()) parser_ = std::move(*bound);
    }
  }
}

Result<int64_t> TimestampExtractor::extract(const Value& v) const {
  if (v.is_null()) return Status::error(Errc::invalid_argument, "Timestamp column " + column_ + " is NULL");
  if (v.is<int64_t>()) return v.as<int64_t>();
  if (v.is<int32_t>()) return static_cast<int64_t>(v.as<int32_t>());
  if (v.is<Timestamp>()) return v.as<Timestamp>().millis;
  if (v.is<std::string>()) {
    if (!parser_) return Status::error(Errc::invalid_argument, "No timestamp parser available");
    EvalErrors errors;
    Value args[2] = {v, Value(format_)};
    Value parsed = parser_->impl(std::span<const Value>(args, 2), errors);
    if (!errors.messages.empty()) return Status::error(Errc::invalid_argument, errors.messages.front());
    if (parsed.is<int64_t>()) return parsed.as<int64_t>();
    if (parsed.is<Timestamp>()) return parsed.as<Timestamp>().millis;
    return Status::error(Errc::invalid_argument, "Could not parse timestamp '" + v.as<std::string>() + "'");
  }
  return Status::error(Errc::invalid_argument, "Unsupported timestamp column type");
}

}  // namespace tributary::sql
