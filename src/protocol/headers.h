// Request and response headers, which wrap every message body on the wire
// (after the int32 size prefix).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "protocol/wire.h"

namespace tributary::protocol {

// v0: api_key, api_version, correlation_id. v1: + client_id. v2: + tagged fields.
struct RequestHeader {
  int16_t api_key = 0;
  int16_t api_version = 0;
  int32_t correlation_id = 0;
  std::optional<std::string> client_id;  // v1+; stays a classic (non-compact) string in v2

  void decode(ByteReader& r, int16_t header_version);  // throws DecodeError
  void encode(ByteWriter& w, int16_t header_version) const;
  bool operator==(const RequestHeader&) const = default;
};

// v0: correlation_id. v1: + tagged fields.
struct ResponseHeader {
  int32_t correlation_id = 0;

  void decode(ByteReader& r, int16_t header_version);  // throws DecodeError
  void encode(ByteWriter& w, int16_t header_version) const;
  bool operator==(const ResponseHeader&) const = default;
};

// Header versions for a message: 2/1 for flexible versions, else 1/0.
// ApiVersions responses always use header v0 so that a client can parse the
// answer even when it asked with a version the broker does not support.
// Unknown api keys get the classic headers.
int16_t request_header_version(int16_t api_key, int16_t api_version);
int16_t response_header_version(int16_t api_key, int16_t api_version);

}  // namespace tributary::protocol
