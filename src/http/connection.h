// One client connection (internal to the library): reads requests, dispatches them through the
// router, writes responses or drives a chunked stream, and keeps the connection alive between requests.
#pragma once

#include "http/beast.h"

#include <spdlog/logger.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/server.h"
#include "http/stream_writer.h"

namespace tributary::http::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

class Connection;

// What every connection of a server shares: configuration, routes and the registry stop() waits on.
struct ServerState {
  ServerState(ServerOptions o, Router r);
  Response error(unsigned status, const std::string& message) const;
  void add(const std::shared_ptr<Connection>& connection);
  void remove(Connection* connection);

  ServerOptions options;
  Router router;
  std::shared_ptr<spdlog::logger> log;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable all_closed;
  std::map<Connection*, std::weak_ptr<Connection>> connections;
};

class Connection : public std::enable_shared_from_this<Connection>, public StreamSink {
 public:
  Connection(tcp::socket socket, std::shared_ptr<ServerState> state);
  ~Connection() override;

  void start();
  // From Server::stop (any thread): finish what is in flight, then close.
  void server_stopping();
  void wake() override;  // StreamSink: the writer has something to send

 private:
  enum class Phase { reading, handling, writing, streaming, closing };

  void read_request();
  void on_header(beast::error_code ec);
  void read_body();
  void on_request(beast::error_code ec);
  void reject_malformed(beast::error_code ec);
  void handle_request();
  Response dispatch(Request& request);
  void send(Response response, bool keep_alive);
  void on_sent(beast::error_code ec, size_t bytes, bool keep_alive);

  void start_stream(Response response);
  void flush_stream();
  void on_stream_sent(beast::error_code ec, size_t bytes);
  void watch_disconnect();
  void finish_stream();

  void linger_close();  // half-close, drain what the client still sends, then close
  void drain();
  void close_now();
  void request_done(unsigned status);

  beast::tcp_stream stream_;
  std::shared_ptr<ServerState> state_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> in_flight_;  // the response being written, alive until the write completes
  Phase phase_ = Phase::reading;
  bool closed_ = false;
  std::string remote_;

  // The current request, for the log line and metrics.
  std::string method_;
  std::string target_;
  std::string route_;
  unsigned status_ = 0;
  size_t bytes_sent_ = 0;
  std::chrono::steady_clock::time_point started_;
  bool counted_ = false;

  std::shared_ptr<StreamWriter> writer_;
  std::string stream_out_;
  bool stream_writing_ = false;
  bool stream_last_ = false;
  std::array<char, 1024> scratch_;
};

}  // namespace tributary::http::detail
