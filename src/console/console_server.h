// The web console's server: the embedded web page at "/", the JSON API under /api/ (overview,
// topics, messages, tail, groups, series, and the Connect and SQL proxies), and /metrics, /healthz,
// /readyz, on one HTTP listener. Start after the services it proxies; stop before them.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/observability.h"

namespace tributary::console {

struct ConsoleOptions {
  std::string listen = "0.0.0.0:8080";  // host:port, port 0 picks one
  std::string bootstrap_servers;        // the cluster shown
  std::string connect_url;              // "http://127.0.0.1:8083"; "" when no Connect service runs
  std::string sql_url;                  // "http://127.0.0.1:8088"; "" when no SQL service runs
  std::function<http::ReadyState()> ready;  // for /readyz; null = always ready
  int threads = 8;  // browse and admin calls block an I/O thread for their round trips
};

class ConsoleServer {
 public:
  explicit ConsoleServer(ConsoleOptions options);
  ~ConsoleServer();
  ConsoleServer(const ConsoleServer&) = delete;
  ConsoleServer& operator=(const ConsoleServer&) = delete;

  // Connects the admin client, starts the throughput sampler and binds the listener.
  Status start();
  uint16_t port() const;
  // Ends tails and streams, stops the listener and the sampler. Idempotent.
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tributary::console
