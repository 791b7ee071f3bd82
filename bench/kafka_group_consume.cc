// Group-consume mode: N members of one consumer group (threads here, each its own librdkafka client,
// as N processes would be) subscribe to a topic that already holds records and read all of it.
// Throughput is timed from the group's first assignment to the last record, so it includes the
// rebalances a group goes through while its members join; the time to become stable is reported too.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_stats.h"
#include "kafka_bench.h"
#include "kafka_group.h"
#include "rdkafka_util.h"

namespace tributary::bench {
namespace {

// State every member updates. Each partition's progress is published once per batch (not per
// record) so the members do not contend on shared cache lines at millions of records/s.
struct Shared {
  explicit Shared(const std::vector<int64_t>& end) : end(end), next(end.size()) {
    for (size_t p = 0; p < end.size(); ++p)
      if (end[p] == 0) ++complete;
  }
  const std::vector<int64_t> end;                // high watermark of each partition, read before subscribing
  std::vector<std::atomic<int64_t>> next;        // per partition: highest offset consumed + 1, by any member
  std::atomic<size_t> complete{0};               // partitions consumed up to their high watermark
  std::atomic<int64_t> last_record_ns{0};
  std::atomic<int64_t> consumed{0};              // sum of `next`, updated with it: for stable-phase rates
  std::atomic<bool> start{false};

  bool done() const { return complete == end.size(); }

  // Called by the member that owns `p` after a batch: it read up to `offset_end`.
  void advance(size_t p, int64_t offset_end, int64_t now) {
    int64_t prev = next[p].load();
    while (prev < offset_end && !next[p].compare_exchange_weak(prev, offset_end)) {
    }
    if (prev >= offset_end) return;
    consumed += std::min(offset_end, end[p]) - std::min(prev, end[p]);
    if (prev < end[p] && offset_end >= end[p] && ++complete == end.size()) last_record_ns = now;
  }
};

struct Member {
  GroupMember group;
  rd_kafka_t* rk = nullptr;
  std::vector<int64_t> next;  // this member's own per-partition position, seeded from Shared at assignment
  int64_t delivered = 0;      // every record handed to the application, redeliveries included
  int64_t bytes = 0;          // value bytes of `delivered`
  // One bit per offset below the partition's end: the union over members tells exactly which records
  // the group delivered at least once (duplicates and gaps), which positions alone cannot.
  std::vector<std::vector<uint64_t>> seen;
  int64_t first_record_ns = 0;
  std::vector<int64_t> consumed_at_assign;  // Shared::consumed when each assignment arrived
};

void run_member(Member& m, Shared& shared, double timeout_s) {
  while (!shared.start) std::this_thread::yield();
  rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(m.rk);
  std::vector<rd_kafka_message_t*> batch(10000);
  std::vector<char> touched(m.next.size());
  int64_t last_progress = now_ns();
  while (!shared.done()) {
    ssize_t n = rd_kafka_consume_batch_queue(queue, 100, batch.data(), batch.size());
    int64_t now = now_ns();
    if (n < 0) {
      fmt::print(stderr, "group consume: {}\n", rd_kafka_err2str(rd_kafka_last_error()));
      break;
    }
    if (n == 0 && now - last_progress > static_cast<int64_t>(timeout_s * 1e9)) {
      fmt::print(stderr, "group consume: no record for {} s\n", timeout_s);
      break;
    }
    std::fill(touched.begin(), touched.end(), 0);
    for (ssize_t i = 0; i < n; ++i) {
      rd_kafka_message_t* msg = batch[static_cast<size_t>(i)];
      auto p = static_cast<size_t>(msg->partition);
      if (msg->err) {
        if (msg->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
          fmt::print(stderr, "group consume partition {}: {}\n", msg->partition, rd_kafka_message_errstr(msg));
      } else if (p < m.next.size()) {
        ++m.delivered;
        m.bytes += static_cast<int64_t>(msg->len);
        if (!m.first_record_ns) m.first_record_ns = now;
        if (msg->offset >= 0 && msg->offset < shared.end[p])
          m.seen[p][static_cast<size_t>(msg->offset) / 64] |= uint64_t{1} << (msg->offset % 64);
        if (msg->offset > m.next[p] && m.next[p] == shared.next[p].load(std::memory_order_relaxed))
          fmt::print(stderr, "group consume: partition {} jumped from offset {} to {}\n", p, m.next[p], msg->offset);
        if (msg->offset >= m.next[p]) m.next[p] = msg->offset + 1, touched[p] = 1;
      }
      rd_kafka_message_destroy(msg);
    }
    if (n > 0) last_progress = now;
    for (size_t p = 0; p < touched.size(); ++p)
      if (touched[p]) shared.advance(p, m.next[p], now);
  }
  rd_kafka_queue_destroy(queue);
}

// High watermarks of every partition of the topic: what "everything" means for this run.
bool read_ends(rd_kafka_t* rk, const std::string& topic, std::vector<int64_t>& end) {
  int partitions = partition_count(rk, topic);
  if (partitions <= 0) return false;
  for (int p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, 10000);
    if (err) {
      fmt::print(stderr, "watermarks of {}/{}: {}\n", topic, p, rd_kafka_err2str(err));
      return false;
    }
    end.push_back(high);
  }
  return true;
}

}  // namespace

int run_group_consume(const GroupConsumeOptions& o) {
  // Same pre-fetch tuning as the simple consume mode, so the two are comparable.
  const std::vector<std::pair<std::string, std::string>> conf = {
      {"fetch.wait.max.ms", "100"},
      {"fetch.message.max.bytes", "4194304"},
      {"fetch.max.bytes", "52428800"},
      {"queued.min.messages", "1000000"},
      {"queued.max.messages.kbytes", "262144"},
  };
  std::vector<std::unique_ptr<Member>> members;
  for (int i = 0; i < o.members; ++i) members.push_back(std::make_unique<Member>());
  std::vector<int64_t> end;
  // The first member's client reads the watermarks before subscribing (subscribe happens below).
  {
    rd_kafka_conf_t* c = rd_kafka_conf_new();
    conf_set(c, "bootstrap.servers", o.brokers);
    rd_kafka_t* probe = new_client(RD_KAFKA_PRODUCER, c);
    bool ok = read_ends(probe, o.topic, end);
    rd_kafka_destroy(probe);
    if (!ok) return 1;
  }
  Shared shared(end);
  int64_t total = 0;
  for (int64_t e : end) total += e;

  for (auto& m : members) {
    Member* mp = m.get();
    mp->next.assign(end.size(), 0);
    for (int64_t e : end) mp->seen.emplace_back(static_cast<size_t>(e + 63) / 64, 0);
    mp->group.on_assign = [mp, &shared](const std::vector<int32_t>& partitions) {
      // Start where whoever owned the partition before stopped, so redeliveries count as duplicates.
      for (int32_t p : partitions) {
        auto i = static_cast<size_t>(p);
        if (i < mp->next.size()) mp->next[i] = shared.next[i];
      }
      mp->consumed_at_assign.push_back(shared.consumed);
    };
  }
  int64_t start = now_ns();
  for (auto& m : members) m->rk = new_group_consumer(o.brokers, o.group, o.topic, &m->group, conf);
  std::vector<std::thread> threads;
  for (auto& m : members) threads.emplace_back([&m, &shared, &o] { run_member(*m, shared, o.timeout_s); });
  shared.start = true;
  for (auto& t : threads) t.join();
  int64_t finished = shared.last_record_ns ? shared.last_record_ns.load() : now_ns();
  for (auto& m : members) rd_kafka_consumer_close(m->rk);
  for (auto& m : members) rd_kafka_destroy(m->rk);

  // First assignment: when the group first had an owner for some partition. Last assignment: when
  // the final generation reached its last member, i.e. the group was stable from then on.
  int64_t first_assign = INT64_MAX, last_assign = 0, first_record = INT64_MAX, consumed_at_stable = 0;
  int assignments = 0;
  int64_t delivered = 0, bytes = 0;
  std::string per_member;
  for (auto& m : members) {
    const auto& as = m->group.assignments;
    for (size_t i = 0; i < as.size(); ++i) {
      ++assignments;
      if (!as[i].partitions.empty()) first_assign = std::min(first_assign, as[i].ns);
      if (as[i].ns > last_assign) last_assign = as[i].ns, consumed_at_stable = m->consumed_at_assign[i];
    }
    if (m->first_record_ns) first_record = std::min(first_record, m->first_record_ns);
    delivered += m->delivered;
    bytes += m->bytes;
    per_member += (per_member.empty() ? "" : "/") + std::to_string(m->delivered);
  }
  // Records delivered at least once, from the union of the members' bitmaps.
  int64_t unique = 0;
  for (size_t p = 0; p < end.size(); ++p)
    for (size_t w = 0; w < members[0]->seen[p].size(); ++w) {
      uint64_t word = 0;
      for (auto& m : members) word |= m->seen[p][w];
      unique += __builtin_popcountll(word);
    }
  int64_t missing = total - unique;
  bool complete = shared.done() && missing == 0;
  int64_t consumed = shared.consumed;
  double secs = first_assign < finished ? static_cast<double>(finished - first_assign) / 1e9 : 0;
  double rps = secs > 0 ? static_cast<double>(unique) / secs : 0;
  double mean_size = delivered ? static_cast<double>(bytes) / static_cast<double>(delivered) : 0;
  // After the group became stable: the rate of the final generation alone.
  double stable_secs = last_assign < finished ? static_cast<double>(finished - last_assign) / 1e9 : 0;
  double stable_rps = stable_secs > 0 ? static_cast<double>(consumed - consumed_at_stable) / stable_secs : 0;
  auto since_start_ms = [start](int64_t t) { return t && t != INT64_MAX ? static_cast<double>(t - start) / 1e6 : -1; };
  Result()
      .str("bench", "kafka-group-consume")
      .str("label", o.label)
      .integer("members", o.members)
      .integer("partitions", static_cast<int64_t>(end.size()))
      .integer("records", unique)
      .integer("missing", missing)
      .integer("duplicates", delivered - unique)
      .str("member_records", per_member)
      .integer("assignments", assignments)
      .num("seconds", secs)
      .num("records_per_s", rps)
      .num("mb_per_s", secs > 0 ? mean_size * static_cast<double>(unique) / secs / 1e6 : 0)
      .num("first_assign_ms", since_start_ms(first_assign))
      .num("stable_ms", since_start_ms(last_assign))
      .num("first_record_ms", since_start_ms(first_record))
      .num("stable_records_per_s", stable_rps)
      .integer("records_after_stable", consumed - consumed_at_stable)
      .print_json();
  fmt::print(stderr,
             "group consume, {} member(s): {} records, {:.0f} records/s from the first assignment ({:.0f} after "
             "stable); first assignment {:.0f} ms, stable {:.0f} ms, first record {:.0f} ms, {} assignments, "
             "{} duplicates, per member {}\n",
             o.members, unique, rps, stable_rps, since_start_ms(first_assign), since_start_ms(last_assign),
             since_start_ms(first_record), assignments, delivered - unique, per_member);
  if (!complete)
    fmt::print(stderr, "group consume: reached the end of {} of {} partitions; {} of {} records never delivered\n",
               shared.complete.load(), end.size(), missing, total);
  return complete ? 0 : 1;
}

}  // namespace tributary::bench
