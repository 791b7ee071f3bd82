// A small HTTP/1.1 server: one io_context run by N threads, keep-alive, body size limit (413),
// chunked streaming responses, structured request logs and Prometheus counters.
// Used by the ksqlDB REST API, Kafka Connect REST and the web console.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/response.h"
#include "http/router.h"

namespace tributary::http {

struct ServerOptions {
  std::string name = "http";  // metrics label and log field
  std::string address = "0.0.0.0";
  uint16_t port = 0;  // 0 = ephemeral (see Server::port())
  int threads = 2;
  size_t body_limit = 1024 * 1024;
  size_t header_limit = 16 * 1024;
  std::chrono::seconds idle_timeout{60};   // a keep-alive connection with no request is closed
  std::chrono::seconds stop_grace{5};      // how long stop() lets in-flight requests finish
  size_t stream_max_buffered = 16 * 1024 * 1024;
  ErrorFormatter error_formatter;  // default: default_error
};

class Server {
 public:
  Server(ServerOptions options, Router router);
  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the I/O threads. The bound port is port() afterwards.
  Status start();
  uint16_t port() const;
  // Graceful: stops accepting, lets in-flight responses finish (up to stop_grace), ends streams,
  // closes idle connections, joins the threads. Idempotent. Not to be called from a handler.
  void stop();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace tributary::http
