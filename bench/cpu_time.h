// CPU time of this process and of another one (from /proc), for records per CPU-second figures.
#pragma once

#include <map>
#include <string>

namespace tributary::bench {

// CPU seconds (user + system, every thread) this process has used.
double process_cpu_seconds();

// User + system CPU seconds of process `pid` (/proc/<pid>/stat, clock-tick resolution); -1 if gone.
double proc_cpu_seconds(int pid);

// The same per thread, summed by thread name (/proc/<pid>/task/*/stat, field 2), so a run can say
// which threads of the server used the CPU: librdkafka's "rdk:*" threads, the query runner, ...
std::map<std::string, double> proc_thread_cpu_seconds(int pid);

}  // namespace tributary::bench
