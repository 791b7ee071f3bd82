// `tributary migrate`: move a consumer onto this cluster without losing its place.
//   migrate kinesis: a Kinesis consumer's checkpoint (sequence number per shard) -> a consumer group's
//                    offsets in the topic the Kinesis source connector filled.
//   migrate mirror:  a group's committed offsets on the mirrored (source) cluster -> the same group's
//                    offsets in the mirrored topics here, through the mirror's offset syncs.
// Both print the plan and change nothing unless --execute, like `tributary groups reset-offsets`.
#pragma once

#include <CLI/CLI.hpp>

namespace tributary::app {

void add_migrate_command(CLI::App& app, int& exit_code);

}  // namespace tributary::app
