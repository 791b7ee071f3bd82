// tributary-bench-fsync: the disk's limit for what acks=all costs, measured the way a log appends:
// write one block at the end of a file, fdatasync, repeat. The 64 KiB figure is the reference the
// benchmark targets are stated against; the small-block figure is the raw syncs/s ceiling.
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <string>
#include <vector>

#include "bench_stats.h"

using namespace tributary::bench;

int main(int argc, char** argv) {
  std::string dir, label;
  int block = 64 * 1024;
  double seconds = 5;
  CLI::App app{"Sequential write + fdatasync loop: one JSON line per run on stdout"};
  app.add_option("--dir,-d", dir, "Directory on the filesystem to measure (a temp file is created and removed)")
      ->required();
  app.add_option("--block-size", block, "Bytes written before each fdatasync")->check(CLI::Range(1, 64 << 20));
  app.add_option("--seconds", seconds, "How long to loop");
  app.add_option("--label", label, "Copied into the JSON result");
  CLI11_PARSE(app, argc, argv);

  std::string path = fmt::format("{}/fsync-bench.{}", dir, getpid());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fmt::print(stderr, "open {}: {}\n", path, std::strerror(errno));
    return 1;
  }
  std::vector<char> buf(static_cast<size_t>(block), 'x');
  std::vector<uint32_t> sync_us;
  int64_t start = now_ns(), now = start, deadline = start + static_cast<int64_t>(seconds * 1e9);
  int64_t syncs = 0;
  bool failed = false;
  while (now < deadline) {
    // Appending (not overwriting) means every sync also commits the new file size, as segments do.
    if (::write(fd, buf.data(), buf.size()) != static_cast<ssize_t>(buf.size()) || ::fdatasync(fd) != 0) {
      fmt::print(stderr, "write/fdatasync {}: {}\n", path, std::strerror(errno));
      failed = true;
      break;
    }
    int64_t t = now_ns();
    sync_us.push_back(static_cast<uint32_t>((t - now) / 1000));
    now = t;
    ++syncs;
  }
  ::close(fd);
  ::unlink(path.c_str());
  if (failed) return 1;

  double secs = static_cast<double>(now - start) / 1e9;
  double rate = static_cast<double>(syncs) / secs;
  double mbps = rate * block / 1e6;
  double p50 = percentile(sync_us, 50) / 1000, p99 = percentile(sync_us, 99) / 1000;
  Result()
      .str("bench", "fsync")
      .str("label", label)
      .integer("block_size", block)
      .integer("syncs", syncs)
      .num("seconds", secs)
      .num("syncs_per_s", rate)
      .num("mb_per_s", mbps)
      .num("p50_ms", p50)
      .num("p99_ms", p99)
      .print_json();
  fmt::print(stderr, "fsync {} B blocks: {:.0f} syncs/s, {:.1f} MB/s, p50 {:.3f} ms p99 {:.3f} ms\n", block, rate,
             mbps, p50, p99);
  return 0;
}
