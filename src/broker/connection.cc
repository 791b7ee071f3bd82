#include "broker/connection.h"

#include <fmt/format.h>

#include "broker/broker.h"
#include "broker/broker_metrics.h"
#include "broker/handler_table.h"
#include "broker/request_context.h"
#include "common/logging.h"
#include "protocol/messages.h"

namespace tributary::broker {
namespace asio = boost::asio;

void Responder::send(Bytes frame) const {
  auto connection = connection_;
  auto slot = slot_;
  asio::dispatch(connection->executor(), [connection, slot, frame = std::move(frame)]() mutable {
    connection->complete(slot, std::move(frame));
  });
}

asio::any_io_executor Responder::executor() const { return connection_->executor(); }

Connection::Connection(Broker& broker, asio::ip::tcp::socket socket) : broker_(broker), socket_(std::move(socket)) {
  boost::system::error_code ec;
  auto endpoint = socket_.remote_endpoint(ec);
  peer_ = ec ? "unknown" : fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
  kafka_connection_opened();
}

Connection::~Connection() { kafka_connection_closed(); }

void Connection::start() { read_size(); }

void Connection::close(const std::string& reason) {
  if (closed_) return;
  closed_ = true;
  if (!reason.empty()) component_logger("network")->warn("connection_closed peer={} reason=\"{}\"", peer_, reason);
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void Connection::read_size() {
  if (closed_) return;
  if (static_cast<int32_t>(queue_.size()) >= broker_.config().queued_max_requests()) {
    reading_paused_ = true;  // resumed by flush() once responses drain
    return;
  }
  asio::async_read(socket_, asio::buffer(size_buf_), [self = shared_from_this()](boost::system::error_code ec, size_t) {
    if (ec) return self->close(ec == asio::error::eof || ec == asio::error::operation_aborted ? "" : ec.message());
    int32_t size = static_cast<int32_t>(load_be32(self->size_buf_));
    int32_t max = self->broker_.config().socket_request_max_bytes();
    if (size < 4 || size > max)
      return self->close(fmt::format("request size {} is outside 4..{} (socket.request.max.bytes)", size, max));
    self->read_body(size);
  });
}

void Connection::read_body(int32_t size) {
  body_.resize(size);
  asio::async_read(socket_, asio::buffer(body_), [self = shared_from_this()](boost::system::error_code ec, size_t) {
    if (ec) return self->close(ec == asio::error::eof ? "truncated request" : ec.message());
    self->handle_frame();
    self->read_size();
  });
}

void Connection::handle_frame() {
  ByteReader peek(body_.data(), body_.size());
  int16_t api_key = peek.i16();
  int16_t api_version = peek.i16();
  const ApiHandler* handler = find_handler(api_key);
  if (!handler) return close(fmt::format("unknown api key {}", api_key));
  const ApiInstruments& instruments = api_instruments(*handler);
  instruments.requests->inc();
  bool supported = api_version >= handler->min_version && api_version <= handler->max_version;
  // ApiVersions must answer any version (v0 layout) so that clients can learn what we support.
  if (!supported && api_key != protocol::ApiVersionsRequest::kApiKey)
    return instruments.errors->inc(), close(fmt::format("unsupported version {} of {} (supported {}..{})", api_version, handler->name,
                             handler->min_version, handler->max_version));

  auto slot = std::make_shared<Responder::Slot>();
  slot->api = handler;
  slot->received = std::chrono::steady_clock::now();
  queue_.push_back(slot);
  try {
    ByteReader reader(body_.data(), body_.size());
    protocol::RequestHeader header;
    int16_t header_version = supported ? protocol::request_header_version(api_key, api_version) : 1;
    header.decode(reader, header_version);
    RequestContext ctx(broker_, header, Responder(shared_from_this(), slot), peer_);
    handler->handle(ctx, reader);
  } catch (const DecodeError& e) {
    // Kafka's answer to a request it cannot parse: drop the connection (its queue goes with it).
    instruments.errors->inc();
    close(fmt::format("malformed {} v{} request: {}", handler->name, api_version, e.what()));
  } catch (const std::exception& e) {
    instruments.errors->inc();
    close(fmt::format("error handling {} v{}: {}", handler->name, api_version, e.what()));
  }
}

void Connection::complete(const std::shared_ptr<Responder::Slot>& slot, Bytes frame) {
  slot->ready = true;
  slot->frame = std::move(frame);
  if (slot->api)
    api_instruments(*slot->api)
        .latency->observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - slot->received).count());
  flush();
}

void Connection::flush() {
  if (closed_ || write_in_progress_) return;
  std::vector<asio::const_buffer> buffers;
  while (!queue_.empty() && queue_.front()->ready) {
    if (!queue_.front()->frame.empty()) writing_.push_back(std::move(queue_.front()->frame));
    queue_.pop_front();
  }
  maybe_resume_reading();
  if (writing_.empty()) return;
  for (const auto& b : writing_) buffers.emplace_back(asio::buffer(b));
  write_in_progress_ = true;
  asio::async_write(socket_, buffers, [self = shared_from_this()](boost::system::error_code ec, size_t) {
    self->write_in_progress_ = false;
    self->writing_.clear();
    if (ec) return self->close(ec.message());
    self->flush();
  });
}

void Connection::maybe_resume_reading() {
  if (reading_paused_ && static_cast<int32_t>(queue_.size()) < broker_.config().queued_max_requests()) {
    reading_paused_ = false;
    read_size();
  }
}

}  // namespace tributary::broker
