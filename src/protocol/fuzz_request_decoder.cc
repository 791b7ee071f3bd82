// libFuzzer target: decode a request header, then the request body for the
// key and version it names. Any outcome but success or DecodeError (a crash,
// a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>

#include "protocol/messages.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tributary::protocol;
  if (size < 4) return 0;
  tributary::ByteReader peek(data, size);
  const int16_t api_key = peek.i16();
  const int16_t api_version = peek.i16();
  if (!is_supported(api_key, api_version)) return 0;
  try {
    tributary::ByteReader r(data, size);
    RequestHeader header;
    header.decode(r, request_header_version(api_key, api_version));
    AnyRequest request = decode_request(header.api_key, header.api_version, r);
    // Whatever decoded must survive a second round trip byte for byte
    // (bytes, not values, so that a NaN would not count as a difference).
    tributary::ByteWriter first;
    encode_request(request, api_version, first);
    tributary::ByteReader again(first.buffer());
    tributary::ByteWriter second;
    encode_request(decode_request(api_key, api_version, again), api_version, second);
    if (first.buffer() != second.buffer()) __builtin_trap();
  } catch (const tributary::DecodeError&) {
  }
  return 0;
}
