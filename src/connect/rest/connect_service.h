// The Connect service as `tributary serve` and `tributary connect` run it: a Worker with the
// built-in connectors behind the REST API on its own HTTP server.
//
// Threads: start() and stop() from the app's main thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "connect/api/plugin_registry.h"
#include "connect/runtime/worker.h"
#include "http/server.h"

namespace tributary::connect {

struct ConnectServiceOptions {
  std::string bootstrap_servers;
  std::string listen = "0.0.0.0:8083";  // host:port, port 0 picks one
  Config worker_config;                 // keys of worker_config_def()
  client::Properties client_props;
};

class ConnectService {
 public:
  ConnectService(ConnectServiceOptions options, PluginRegistry plugins);
  ~ConnectService();

  // Binds the REST listener, then starts the worker (which resumes every stored connector).
  Status start();
  void stop();
  uint16_t port() const;

 private:
  ConnectServiceOptions options_;
  PluginRegistry plugins_;
  std::unique_ptr<Worker> worker_;
  std::unique_ptr<http::Server> server_;
  std::atomic<bool> worker_started_{false};  // /readyz: the REST listener is up before the worker
};

}  // namespace tributary::connect
