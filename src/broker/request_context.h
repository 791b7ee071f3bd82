// What a handler gets for one request: the broker, the decoded header and where to send the answer.
#pragma once

#include <string>

#include "broker/broker.h"
#include "broker/connection.h"
#include "protocol/messages.h"

namespace tributary::broker {

// Frames a response: size, response header (v0 or v1 by the request's version), body.
template <class Response>
Bytes encode_response(const protocol::RequestHeader& header, const Response& response) {
  ByteWriter w;
  size_t size_at = w.reserve_i32();
  protocol::ResponseHeader response_header;
  response_header.correlation_id = header.correlation_id;
  response_header.encode(w, protocol::response_header_version(header.api_key, header.api_version));
  response.encode(w, header.api_version);
  w.patch_i32(size_at, static_cast<int32_t>(w.size() - 4));
  return w.take();
}

class RequestContext {
 public:
  RequestContext(Broker& broker, const protocol::RequestHeader& header, Responder responder, const std::string& peer)
      : broker(broker), header(header), responder(std::move(responder)), peer(peer) {}

  int16_t version() const { return header.api_version; }

  template <class Response>
  void respond(const Response& response) const {
    responder.send(encode_response(header, response));
  }

  // Decodes the request body for this version; a malformed body throws DecodeError (the connection closes).
  template <class Request>
  Request decode(ByteReader& body) const {
    Request request;
    request.decode(body, version());
    return request;
  }

  Broker& broker;
  protocol::RequestHeader header;
  Responder responder;
  const std::string& peer;
};

}  // namespace tributary::broker
