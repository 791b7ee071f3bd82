// `tributary groups`: list, describe (with lag), reset offsets and delete consumer groups, in the
// spirit of kafka-consumer-groups. Works against any Kafka cluster through librdkafka.
#pragma once

#include <CLI/CLI.hpp>

namespace tributary::app {

void add_groups_command(CLI::App& app, int& exit_code);

}  // namespace tributary::app
