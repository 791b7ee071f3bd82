// One client connection: reads size-prefixed request frames, dispatches them to the API handlers and
// writes responses strictly in request order (Kafka clients match them by position as well as by
// correlation id). Requests are pipelined: while one waits for an fsync or a long poll, later ones are
// read and handled, up to queued.max.requests.
#pragma once

#include "broker/asio.h"

#include <chrono>
#include <deque>
#include <memory>

#include "common/bytes.h"

namespace tributary::broker {

class Broker;
struct ApiHandler;

// Where a handler sends its response; copyable, callable from any thread, at most once.
class Responder {
 public:
  struct Slot {
    bool ready = false;
    Bytes frame;  // empty and ready: the request gets no response (Produce with acks=0)
    const ApiHandler* api = nullptr;  // for the latency histogram
    std::chrono::steady_clock::time_point received;
  };
  Responder(std::shared_ptr<class Connection> connection, std::shared_ptr<Slot> slot)
      : connection_(std::move(connection)), slot_(std::move(slot)) {}

  void send(Bytes frame) const;
  void send_nothing() const { send({}); }
  boost::asio::any_io_executor executor() const;

 private:
  std::shared_ptr<class Connection> connection_;
  std::shared_ptr<Slot> slot_;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Broker& broker, boost::asio::ip::tcp::socket socket);
  ~Connection();
  void start();

  boost::asio::any_io_executor executor() { return socket_.get_executor(); }

 private:
  friend class Responder;
  void read_size();
  void read_body(int32_t size);
  void handle_frame();
  void complete(const std::shared_ptr<Responder::Slot>& slot, Bytes frame);
  void flush();
  void close(const std::string& reason);
  void maybe_resume_reading();

  Broker& broker_;
  boost::asio::ip::tcp::socket socket_;
  std::string peer_;
  uint8_t size_buf_[4];
  Bytes body_;
  std::deque<std::shared_ptr<Responder::Slot>> queue_;
  std::vector<Bytes> writing_;
  bool write_in_progress_ = false;
  bool reading_paused_ = false;
  bool closed_ = false;
};

}  // namespace tributary::broker
