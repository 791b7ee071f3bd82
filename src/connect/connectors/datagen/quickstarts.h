// The data generator's quickstarts: for each, the Connect schema of its values, the field used as
// the record key, and a generator of realistic values. Values depend only on the quickstart, the
// record's sequence number and the random draw from `rng`, so a seeded rng repeats a record exactly.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace tributary::connect::datagen {

struct Quickstart {
  std::string name;
  std::string key_field;
  nlohmann::json value_schema;  // Connect JSON schema (struct)
  // `id` is unique across the connector's tasks; `now_ms` the record's timestamp.
  std::function<nlohmann::json(std::mt19937_64& rng, int64_t id, int64_t now_ms)> generate;
};

const std::vector<Quickstart>& quickstarts();
const Quickstart* find_quickstart(const std::string& name);
std::vector<std::string> quickstart_names();

}  // namespace tributary::connect::datagen
