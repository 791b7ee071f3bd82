#include "protocol/headers.h"

#include "protocol/api_table.h"

namespace tributary::protocol {
namespace {
constexpr int16_t kApiVersionsKey = 18;
}  // namespace

void RequestHeader::decode(ByteReader& r, int16_t header_version) {
  *this = {};
  api_key = r.i16();
  api_version = r.i16();
  correlation_id = r.i32();
  if (header_version >= 1) client_id = wire::read_nullable_string(r, /*flexible=*/false);
  if (header_version >= 2) wire::skip_tagged_fields(r);
}

void RequestHeader::encode(ByteWriter& w, int16_t header_version) const {
  w.i16(api_key);
  w.i16(api_version);
  w.i32(correlation_id);
  if (header_version >= 1) wire::write_nullable_string(w, client_id, /*flexible=*/false);
  if (header_version >= 2) w.uvarint(0);
}

void ResponseHeader::decode(ByteReader& r, int16_t header_version) {
  *this = {};
  correlation_id = r.i32();
  if (header_version >= 1) wire::skip_tagged_fields(r);
}

void ResponseHeader::encode(ByteWriter& w, int16_t header_version) const {
  w.i32(correlation_id);
  if (header_version >= 1) w.uvarint(0);
}

int16_t request_header_version(int16_t api_key, int16_t api_version) {
  return is_flexible(api_key, api_version) ? 2 : 1;
}

int16_t response_header_version(int16_t api_key, int16_t api_version) {
  if (api_key == kApiVersionsKey) return 0;
  return is_flexible(api_key, api_version) ? 1 : 0;
}

}  // namespace tributary::protocol
