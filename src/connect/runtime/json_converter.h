// Kafka Connect's JsonConverter: with `schemas.enable=true` (the default) each key or value is the
// envelope {"schema": <Connect JSON schema>, "payload": <value>}; with false, plain JSON. Bytes are
// base64 strings, as in Kafka Connect.
#pragma once

#include "connect/runtime/converter.h"

namespace tributary::connect {

class JsonConverter : public Converter {
 public:
  Status configure(const Config& config, bool is_key) override;
  Result<std::optional<std::string>> from_connect(const std::string& topic, const SchemaAndValue& data) override;
  Result<SchemaAndValue> to_connect(const std::string& topic, const std::optional<std::string>& bytes) override;

  bool schemas_enabled() const { return schemas_enabled_; }

 private:
  bool schemas_enabled_ = true;
};

}  // namespace tributary::connect
