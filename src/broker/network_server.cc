#include "broker/network_server.h"

#include <fmt/format.h>

#include "broker/broker.h"
#include "broker/connection.h"
#include "common/logging.h"
#include "common/thread_name.h"

namespace tributary::broker {
namespace asio = boost::asio;
using asio::ip::tcp;

NetworkServer::NetworkServer(Broker& broker, int threads) : broker_(broker) {
  for (int i = 0; i < threads; ++i) workers_.push_back(std::make_unique<Worker>());
}

NetworkServer::~NetworkServer() { stop(); }

Status NetworkServer::listen(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) return Status::error(Errc::invalid_argument, fmt::format("bad listen host '{}': {}", host, ec.message()));
  for (auto& worker : workers_) {
    // Port 0: the first acceptor picks a free port and the others share it.
    tcp::endpoint endpoint(address, port_ ? port_ : port);
    auto acceptor = std::make_unique<tcp::acceptor>(worker->io);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) {
      int one = 1;
      if (::setsockopt(acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) != 0)
        ec = boost::system::error_code(errno, boost::system::system_category());
    }
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      return Status::error(Errc::io_error, fmt::format("cannot listen on {}:{}: {}", host, endpoint.port(), ec.message()));
    port_ = acceptor->local_endpoint().port();
    worker->acceptor = std::move(acceptor);
  }
  return Status();
}

void NetworkServer::accept(Worker& worker) {
  worker.acceptor->async_accept([this, &worker](boost::system::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !worker.acceptor->is_open()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Connection>(broker_, std::move(socket))->start();
    } else {
      component_logger("network")->warn("accept_failed error=\"{}\"", ec.message());
    }
    accept(worker);
  });
}

void NetworkServer::start() {
  for (auto& worker : workers_) {
    accept(*worker);
    worker->thread = std::thread([w = worker.get()] {
      name_this_thread("kafka-net");
      w->io.run();
    });
  }
}

void NetworkServer::stop() {
  for (auto& worker : workers_) {
    if (worker->acceptor) {
      asio::post(worker->io, [w = worker.get()] {
        boost::system::error_code ignored;
        w->acceptor->close(ignored);
      });
    }
    worker->io.stop();
  }
  for (auto& worker : workers_)
    if (worker->thread.joinable()) worker->thread.join();
}

}  // namespace tributary::broker
