// AWS Signature Version 4 for the Kinesis source's HTTP calls (the algorithm as AWS documents it:
// canonical request, string to sign, HMAC-SHA256 key derivation by date, region and service).
// First piece of the Kinesis source; the connector itself is not written yet.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tributary::connect::kinesis {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // optional (temporary credentials): sent as X-Amz-Security-Token
};

struct SignableRequest {
  std::string method = "POST";
  std::string host;                  // also sent as the Host header
  std::string path = "/";            // already URI-encoded
  std::string query;                 // canonical query string ("" for Kinesis' JSON API)
  std::vector<std::pair<std::string, std::string>> headers;  // besides host and x-amz-date
  std::string body;
};

struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // hex
  std::string authorization;  // the Authorization header value
  std::vector<std::pair<std::string, std::string>> headers;  // every header to send, signed ones included
};

// `amz_date` is the request time as YYYYMMDD'T'HHMMSS'Z'.
Signature sign(const SignableRequest& request, const AwsCredentials& credentials, const std::string& region,
               const std::string& service, const std::string& amz_date);

std::string sha256_hex(const std::string& data);
// The derived signing key (raw bytes) for a date (YYYYMMDD), region and service.
std::string signing_key(const std::string& secret, const std::string& date, const std::string& region,
                        const std::string& service);
std::string to_hex(const std::string& bytes);

}  // namespace tributary::connect::kinesis
