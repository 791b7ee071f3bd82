// The Kafka listener: one Asio io_context per thread, each with its own SO_REUSEPORT acceptor, so the
// kernel spreads connections and a connection lives on one thread for its whole life (no cross-core
// hops on the request path).
#pragma once

#include "broker/asio.h"

#include <memory>
#include <thread>
#include <vector>

#include "common/status.h"

namespace tributary::broker {

class Broker;

class NetworkServer {
 public:
  NetworkServer(Broker& broker, int threads);
  ~NetworkServer();

  Status listen(const std::string& host, uint16_t port);
  void start();
  void stop();
  uint16_t port() const { return port_; }

 private:
  struct Worker {
    boost::asio::io_context io{1};
    std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor;
    std::thread thread;
  };
  void accept(Worker& worker);

  Broker& broker_;
  std::vector<std::unique_ptr<Worker>> workers_;
  uint16_t port_ = 0;
};

}  // namespace tributary::broker
