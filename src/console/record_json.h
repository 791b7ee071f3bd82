// A Kafka record as the console's JSON shows it (messages and the live tail), and the search match.
// Keys, values and header values that are not valid UTF-8 go out as base64 with encoding "base64",
// so any bytes survive the trip to the browser.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "client/consumer.h"

namespace tributary::console {

nlohmann::json record_to_json(const client::ConsumedRecord& record);

// Lower-cased `needle` (empty matches everything) as a substring of the key, value or any header key
// or value, ignoring ASCII case.
bool record_matches(const client::ConsumedRecord& record, const std::string& lowered_needle);
std::string ascii_lower(std::string_view text);

}  // namespace tributary::console
