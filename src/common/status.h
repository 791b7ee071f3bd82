// Status and Result<T>: the error model shared by every component.
// Errors cross component boundaries as values; exceptions stay inside byte decoding (DecodeError).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tributary {

enum class Errc {
  ok,
  corrupt,
  invalid_argument,
  not_found,
  io_error,
  out_of_range,
  unsupported,
  too_large,
  already_exists,
  timed_out,
  // Idempotent-producer checks on append (KIP-98): a sequence gap, a stale epoch, a producer
  // the partition has no state for that does not start at sequence 0.
  out_of_order_sequence,
  invalid_producer_epoch,
  unknown_producer_id,
};

const char* errc_name(Errc code);

class Status {
 public:
  Status() = default;
  static Status error(Errc code, std::string message) { return Status(code, std::move(message)); }

  bool ok() const { return code_ == Errc::ok; }
  Errc code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string to_string() const;

 private:
  Status(Errc code, std::string message) : code_(code), message_(std::move(message)) {}
  Errc code_ = Errc::ok;
  std::string message_;
};

// A value or the Status that explains why there is none. Accessing the value of an error is a bug.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Status error) : state_(std::move(error)) { assert(!std::get<Status>(state_).ok()); }

  bool ok() const { return std::holds_alternative<T>(state_); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }

 private:
  std::variant<T, Status> state_;
};

}  // namespace tributary

// Returns the Status of `expr` from the enclosing function when it is an error.
#define TRY_STATUS(expr)                              \
  do {                                                \
    ::tributary::Status try_status_ = (expr);         \
    if (!try_status_.ok()) return try_status_;        \
  } while (0)
