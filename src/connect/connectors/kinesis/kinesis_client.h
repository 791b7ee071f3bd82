// Kinesis' JSON API (Kinesis_20131202.<Operation> over HTTPS, SigV4-signed) behind a small transport
// interface, so the source task can be tested without a network.
//
// Threads: one client per connector or task, used by one thread at a time.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "common/status.h"
#include "connect/connectors/kinesis/sigv4.h"

namespace tributary::connect::kinesis {

// A failed call: the Kinesis error type ("ExpiredIteratorException", ...) is the Status message's
// first word, so callers can tell throttling and expiry from real failures. The code is io_error when
// the call may pass if retried (no connection, HTTP 5xx, throttling, expiry), else invalid_argument.
bool is_error_type(const Status& status, const std::string& type);

class KinesisTransport {
 public:
  virtual ~KinesisTransport() = default;
  // Calls one operation ("ListShards", "GetShardIterator", "GetRecords") with a JSON body.
  virtual Result<nlohmann::json> call(const std::string& operation, const nlohmann::json& body) = 0;
};

struct KinesisEndpoint {
  std::string url;     // "https://kinesis.us-west-2.amazonaws.com" or an emulator's "http://127.0.0.1:4567"
  std::string region;  // signing region
  AwsCredentials credentials;
  int timeout_ms = 10000;
};

// The endpoint for a region unless `override_url` is set; credentials from the given keys, else the
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN environment variables.
KinesisEndpoint make_endpoint(const std::string& region, const std::string& override_url, const std::string& key_id,
                              const std::string& secret);

std::unique_ptr<KinesisTransport> make_http_transport(KinesisEndpoint endpoint);

// Every shard of a stream (ListShards, following NextToken).
Result<nlohmann::json> list_shards(KinesisTransport& transport, const std::string& stream);

}  // namespace tributary::connect::kinesis
