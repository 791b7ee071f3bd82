#include "http/connection.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "common/logging.h"
#include "http/metrics.h"

namespace tributary::http::detail {
namespace {

constexpr auto kLingerTimeout = std::chrono::seconds(2);

bool is_http_error(const beast::error_code& ec) {
  return &ec.category() == &bhttp::make_error_code(bhttp::error::bad_method).category();
}

// logfmt value: quoted when it contains spaces, quotes or '='.
std::string logfmt(const std::string& value) {
  if (!value.empty() && value.find_first_of(" \"=\t\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\t') ? ' ' : c;
  }
  return out + "\"";
}

}  // namespace

// ---- ServerState ----

ServerState::ServerState(ServerOptions o, Router r)
    : options(std::move(o)), router(std::move(r)), log(component_logger("http")) {}

Response ServerState::error(unsigned status, const std::string& message) const {
  return options.error_formatter ? options.error_formatter(status, message) : default_error(status, message);
}

void ServerState::add(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex);
  connections[connection.get()] = connection;
}

void ServerState::remove(Connection* connection) {
  std::lock_guard lock(mutex);
  connections.erase(connection);
  if (connections.empty()) all_closed.notify_all();
}

// ---- Connection: lifecycle ----

Connection::Connection(tcp::socket socket, std::shared_ptr<ServerState> state)
    : stream_(std::move(socket)), state_(std::move(state)) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
  http_metrics().connection_opened(state_->options.name);
}

Connection::~Connection() {
  // A stream still open here (forced stop): tell its producer.
  if (writer_) writer_->mark_closed();
  http_metrics().connection_closed(state_->options.name);
  state_->remove(this);
}

void Connection::start() {
  state_->add(shared_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_request(); });
}

void Connection::server_stopping() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    switch (self->phase_) {
      case Phase::reading: self->close_now(); break;  // idle keep-alive connection
      case Phase::streaming:
        if (self->writer_) self->writer_->close();  // terminating chunk, then close
        break;
      default: break;  // handling/writing: on_sent sees `stopping` and closes
    }
  });
}

void Connection::close_now() {
  if (closed_) return;
  closed_ = true;
  phase_ = Phase::closing;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

void Connection::linger_close() {
  if (closed_) return;
  phase_ = Phase::closing;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  // Closing with unread request bytes would reset the connection and could destroy the response we
  // just sent (a 413 before the body was read); read until the client closes or the timeout.
  stream_.expires_after(kLingerTimeout);
  if (!writer_) drain();  // a stream's disconnect watch is already reading
}

void Connection::drain() {
  stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec) return self->close_now();
    self->drain();
  });
}

// ---- Connection: requests ----

void Connection::read_request() {
  if (closed_) return;
  if (state_->stopping) return close_now();
  phase_ = Phase::reading;
  parser_.emplace();
  parser_->body_limit(state_->options.body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(state_->options.header_limit));
  stream_.expires_after(state_->options.idle_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
}

void Connection::on_header(beast::error_code ec) {
  if (ec) return reject_malformed(ec);
  if (parser_->is_done()) return on_request({});
  auto& request = parser_->get();
  if (beast::iequals(request[bhttp::field::expect], "100-continue")) {
    static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(stream_, net::buffer(kContinue), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->close_now();
      self->read_body();
    });
    return;
  }
  read_body();
}

void Connection::read_body() {
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, size_t) { self->on_request(ec); });
}

void Connection::reject_malformed(beast::error_code ec) {
  // The client went away or idled out: nothing to answer.
  if (!is_http_error(ec) || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
    return close_now();
  }
  bool head_read = parser_ && parser_->is_header_done();
  method_ = head_read ? std::string(parser_->get().method_string()) : "-";
  target_ = head_read ? std::string(parser_->get().target()) : "-";
  route_ = "rejected";  // never reached a handler
  started_ = std::chrono::steady_clock::now();
  counted_ = false;
  if (ec == bhttp::error::body_limit) {
    return send(state_->error(413, fmt::format("request body exceeds the limit of {} bytes",
                                               state_->options.body_limit)),
                false);
  }
  if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
    return send(state_->error(431, "request headers too large"), false);
  }
  send(state_->error(400, "malformed HTTP request: " + ec.message()), false);
}

void Connection::on_request(beast::error_code ec) {
  if (ec) return reject_malformed(ec);
  handle_request();
}

void Connection::handle_request() {
  phase_ = Phase::handling;
  stream_.expires_never();  // the handler may take its time; writes get their own deadline
  auto& raw = parser_->get();
  Request request;
  request.method = std::string(raw.method_string());
  request.target = std::string(raw.target());
  request.remote = remote_;
  method_ = request.method;
  target_ = request.target;
  route_ = "unmatched";
  started_ = std::chrono::steady_clock::now();
  counted_ = false;
  bytes_sent_ = 0;
  bool keep_alive = raw.keep_alive() && !state_->stopping;

  // Absolute-form targets ("http://host/path") are legal; reduce them to the path.
  if (request.target.rfind("http://", 0) == 0 || request.target.rfind("https://", 0) == 0) {
    size_t path_start = request.target.find('/', request.target.find("//") + 2);
    request.target = path_start == std::string::npos ? "/" : request.target.substr(path_start);
  }
  if (request.target.empty() || request.target[0] != '/') {
    return send(state_->error(400, "request target must be an absolute path"), false);
  }
  parse_target(request.target, request.path, request.query);
  for (const auto& field : raw) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(raw.body());

  Response response = dispatch(request);
  if (response.stream && request.method != "HEAD") return start_stream(std::move(response));
  if (request.method == "HEAD") response.stream = nullptr;
  send(std::move(response), keep_alive);
}

Response Connection::dispatch(Request& request) {
  Router::Match match = state_->router.match(request);
  if (match.outcome == Router::Outcome::not_found) {
    return state_->error(404, fmt::format("no route for {} {}", request.method, request.path));
  }
  if (match.outcome == Router::Outcome::method_not_allowed) {
    Response r = state_->error(405, fmt::format("method {} not allowed for {}", request.method, request.path));
    r.headers.emplace_back("Allow", match.allow);
    return r;
  }
  route_ = match.route;
  try {
    return (*match.handler)(request);
  } catch (const std::exception& e) {
    state_->log->error("http_handler_failed server={} route={} error={}", state_->options.name, logfmt(route_),
                       logfmt(e.what()));
    return state_->error(500, std::string("internal error: ") + e.what());
  } catch (...) {
    return state_->error(500, "internal error");
  }
}

void Connection::send(Response response, bool keep_alive) {
  phase_ = Phase::writing;
  status_ = response.status;
  auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
  message->version(11);
  message->result(response.status);
  if (const char* reason = status_reason(response.status); *reason) message->reason(reason);
  message->set(bhttp::field::server, "tributary");
  message->set(bhttp::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) message->insert(name, value);
  message->keep_alive(keep_alive);
  size_t length = response.body.size();
  if (method_ == "HEAD") {
    message->content_length(length);  // what a GET would have sent; no body
  } else {
    message->body() = std::move(response.body);
    message->prepare_payload();
  }
  in_flight_ = message;
  stream_.expires_after(state_->options.idle_timeout);
  bhttp::async_write(stream_, *message,
                     [self = shared_from_this(), keep_alive](beast::error_code ec, size_t bytes) {
                       self->on_sent(ec, bytes, keep_alive);
                     });
}

void Connection::on_sent(beast::error_code ec, size_t bytes, bool keep_alive) {
  in_flight_.reset();
  bytes_sent_ += bytes;
  request_done(status_);
  if (ec) return close_now();
  if (!keep_alive || state_->stopping) return linger_close();
  read_request();
}

void Connection::request_done(unsigned status) {
  if (counted_) return;
  counted_ = true;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  http_metrics().record(state_->options.name, method_, route_, status, seconds);
  state_->log->info("http_request server={} method={} path={} route={} status={} bytes={} duration_ms={:.1f} remote={}",
                    state_->options.name, logfmt(method_), logfmt(target_), logfmt(route_), status, bytes_sent_,
                    seconds * 1000, remote_);
}

// ---- Connection: chunked streams ----

void Connection::start_stream(Response response) {
  phase_ = Phase::streaming;
  status_ = response.status;
  writer_ = std::make_shared<StreamWriter>(state_->options.stream_max_buffered);
  // The head is written by hand: Beast's serializer would want to own the chunk framing too.
  std::string head = fmt::format("HTTP/1.1 {} {}\r\nServer: tributary\r\nContent-Type: {}\r\n", response.status,
                                 status_reason(response.status), response.content_type);
  for (const auto& [name, value] : response.headers) head += fmt::format("{}: {}\r\n", name, value);
  // The connection ends with the stream: the disconnect watch below reads from the socket, so a
  // pipelined next request could not be parsed anyway.
  head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  stream_out_ = std::move(head);
  stream_writing_ = true;
  stream_.expires_never();
  net::async_write(stream_, net::buffer(stream_out_), [self = shared_from_this()](beast::error_code ec, size_t n) {
    self->on_stream_sent(ec, n);
  });
  writer_->attach(std::static_pointer_cast<StreamSink>(shared_from_this()));
  watch_disconnect();
  try {
    response.stream(writer_);
  } catch (const std::exception& e) {
    state_->log->error("http_stream_start_failed route={} error={}", logfmt(route_), logfmt(e.what()));
    writer_->close();
  }
}

void Connection::wake() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->flush_stream(); });
}

void Connection::flush_stream() {
  if (closed_ || stream_writing_ || !writer_) return;
  StreamWriter::Pending pending = writer_->take();
  if (pending.abort) {
    state_->log->warn("http_stream_aborted server={} route={} reason=client_not_reading remote={}",
                      state_->options.name, logfmt(route_), remote_);
    finish_stream();
    return close_now();
  }
  if (pending.bytes.empty()) return;
  stream_out_ = std::move(pending.bytes);
  stream_last_ = pending.last;
  stream_writing_ = true;
  net::async_write(stream_, net::buffer(stream_out_), [self = shared_from_this()](beast::error_code ec, size_t n) {
    self->on_stream_sent(ec, n);
  });
}

void Connection::on_stream_sent(beast::error_code ec, size_t bytes) {
  stream_writing_ = false;
  bytes_sent_ += bytes;
  if (ec) {
    finish_stream();
    return close_now();
  }
  if (stream_last_) {
    // The request was read completely before streaming began, so nothing unread can turn the close
    // into a reset: no need to linger.
    finish_stream();
    return close_now();
  }
  flush_stream();
}

void Connection::watch_disconnect() {
  // The client sends nothing while it receives a stream; a completed read means it closed (or reset).
  stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, size_t) {
    if (ec) {
      self->finish_stream();
      return self->close_now();
    }
    self->watch_disconnect();
  });
}

void Connection::finish_stream() {
  if (!writer_) return;
  writer_->mark_closed();
  request_done(status_);
}

}  // namespace tributary::http::detail
