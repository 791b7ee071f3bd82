#include "cpu_time.h"

#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace tributary::bench {

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

namespace {

// Reads comm (field 2, in parentheses, may hold spaces) and utime + stime (fields 14 and 15).
bool read_stat(const std::string& path, std::string& comm, double& seconds) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return false;
  auto open = line.find('('), close = line.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return false;
  comm = line.substr(open + 1, close - open - 1);
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  // After the comm: field 3 (state) is the first; utime is field 14, i.e. the 12th here.
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  seconds = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  return true;
}

}  // namespace

double proc_cpu_seconds(int pid) {
  std::string comm;
  double seconds = 0;
  return read_stat("/proc/" + std::to_string(pid) + "/stat", comm, seconds) ? seconds : -1;
}

std::map<std::string, double> proc_thread_cpu_seconds(int pid) {
  std::map<std::string, double> out;
  std::string dir = "/proc/" + std::to_string(pid) + "/task";
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] == '.') continue;
    std::string comm;
    double seconds = 0;
    if (read_stat(dir + "/" + e->d_name + "/stat", comm, seconds)) out[comm] += seconds;
  }
  closedir(d);
  return out;
}

}  // namespace tributary::bench
