#include "http/server.h"

#include <thread>
#include <vector>

#include "common/thread_name.h"
#include "http/connection.h"

namespace tributary::http {

using namespace detail;

struct Server::Impl {
  Impl(ServerOptions options, Router router)
      : state(std::make_shared<ServerState>(std::move(options), std::move(router))),
        io(std::max(1, state->options.threads)),
        acceptor(net::make_strand(io)) {}

  void accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {
        state->log->warn("http_accept_failed server={} error=\"{}\"", state->options.name, ec.message());
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Connection>(std::move(socket), state)->start();
      }
      accept();
    });
  }

  std::shared_ptr<ServerState> state;
  net::io_context io;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  bool started = false;
  bool stopped = false;
};

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_shared<Impl>(std::move(options), std::move(router))) {}

Server::~Server() { stop(); }

uint16_t Server::port() const { return impl_->port; }

Status Server::start() {
  Impl& s = *impl_;
  if (s.started) return Status::error(Errc::invalid_argument, "HTTP server already started");
  beast::error_code ec;
  auto address = net::ip::make_address(s.state->options.address, ec);
  if (ec) return Status::error(Errc::invalid_argument, "invalid listen address " + s.state->options.address);
  tcp::endpoint endpoint(address, s.state->options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::error(Errc::io_error, fmt::format("cannot listen on {}:{}: {}", s.state->options.address,
                                                     s.state->options.port, ec.message()));
  }
  s.port = s.acceptor.local_endpoint().port();
  s.started = true;
  s.accept();
  for (int i = 0; i < std::max(1, s.state->options.threads); ++i) s.threads.emplace_back([&s] {
      name_this_thread("http");
      s.io.run();
    });
  s.state->log->info("http_listening server={} address={} port={} threads={}", s.state->options.name,
                     s.state->options.address, s.port, s.threads.size());
  return {};
}

void Server::stop() {
  Impl& s = *impl_;
  if (!s.started || s.stopped) return;
  s.stopped = true;
  s.state->stopping = true;
  net::post(s.acceptor.get_executor(), [&s] {
    beast::error_code ec;
    s.acceptor.close(ec);
  });
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(s.state->mutex);
    for (auto& [_, weak] : s.state->connections)
      if (auto c = weak.lock()) open.push_back(std::move(c));
  }
  for (auto& c : open) c->server_stopping();
  open.clear();
  {
    std::unique_lock lock(s.state->mutex);
    s.state->all_closed.wait_for(lock, s.state->options.stop_grace, [&] { return s.state->connections.empty(); });
  }
  s.io.stop();  // whatever is still running after the grace period is cut off
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  s.state->log->info("http_stopped server={}", s.state->options.name);
}

}  // namespace tributary::http
