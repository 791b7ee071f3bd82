// The one table of Kafka APIs this broker serves: it dispatches requests and drives ApiVersions.
#pragma once

#include <cstdint>
#include <span>

#include "common/bytes.h"

namespace tributary::broker {

class RequestContext;
using HandlerFn = void (*)(RequestContext& ctx, ByteReader& body);

struct ApiHandler {
  int16_t key;
  const char* name;
  int16_t min_version;
  int16_t max_version;
  HandlerFn handle;
};

std::span<const ApiHandler> api_handlers();
const ApiHandler* find_handler(int16_t api_key);

}  // namespace tributary::broker
