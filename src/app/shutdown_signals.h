// How every long-running subcommand waits for Ctrl-C or a SIGTERM.
#pragma once

#include <csignal>

namespace tributary::app {

// Blocks SIGINT/SIGTERM in every thread (threads started later inherit the mask) and ignores
// SIGPIPE; the returned set is for sigwait on the main thread.
sigset_t block_shutdown_signals();

}  // namespace tributary::app
