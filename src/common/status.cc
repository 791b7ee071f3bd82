#include "common/status.h"

namespace tributary {

const char* errc_name(Errc code) {
  switch (code) {
    case Errc::ok: return "ok";
    case Errc::corrupt: return "corrupt";
    case Errc::invalid_argument: return "invalid argument";
    case Errc::not_found: return "not found";
    case Errc::io_error: return "I/O error";
    case Errc::out_of_range: return "out of range";
    case Errc::unsupported: return "unsupported";
    case Errc::too_large: return "too large";
    case Errc::already_exists: return "already exists";
    case Errc::timed_out: return "timed out";
    case Errc::out_of_order_sequence: return "out of order sequence";
    case Errc::invalid_producer_epoch: return "invalid producer epoch";
    case Errc::unknown_producer_id: return "unknown producer id";
  }
  return "unknown";
}

std::string Status::to_string() const {
  if (ok()) return "ok";
  return std::string(errc_name(code_)) + ": " + message_;
}

}  // namespace tributary
