#include "console/messages.h"

#include <algorithm>
#include <chrono>
#include <deque>

#include "client/consumer.h"
#include "common/text_encoding.h"
#include "client/partition_reader.h"
#include "client/cluster_metadata.h"
#include "client/group_admin.h"
#include "client/partition_offsets.h"
#include "console/api_util.h"
#include "console/record_json.h"

namespace tributary::console {
namespace {

using client::ConsumedRecord;
using client::TopicPartition;

constexpr int64_t kMaxLimit = 1000;
constexpr int64_t kMaxScanPerPartition = 100000;  // with a search: bounds one request's work
constexpr auto kBrowseDeadline = std::chrono::seconds(20);

enum class From { beginning, end, offset, timestamp };

struct Query {
  std::vector<int32_t> partitions;
  From from = From::beginning;
  int64_t offset = 0, timestamp = 0, limit = 50;
  std::string needle;  // lower-cased search text
};

// One partition's read: from `next` up to `stop` (the end it had when the request came).
struct PartitionScan {
  int64_t next = 0, stop = 0, scanned = 0;
  bool done = false;
  std::deque<ConsumedRecord> kept;
};

Result<Query> parse_query(ConsoleContext& ctx, const std::string& topic, const http::Request& request) {
  Query q;
  auto partitions = selected_partitions(ctx, topic, request);
  if (!partitions.ok()) return partitions.status();
  q.partitions = std::move(*partitions);
  auto from_it = request.query.find("from");
  std::string from = from_it == request.query.end() ? "beginning" : from_it->second;
  if (from == "beginning" || from == "") q.from = From::beginning;
  else if (from == "end") q.from = From::end;
  else if (from == "offset") q.from = From::offset;
  else if (from == "timestamp") q.from = From::timestamp;
  else return Status::error(Errc::invalid_argument, "query parameter 'from' must be beginning, end, offset or timestamp");
  auto limit = int_param(request, "limit", 50, 1, kMaxLimit);
  if (!limit.ok()) return limit.status();
  q.limit = *limit;
  if (q.from == From::offset) {
    if (!request.query.count("offset")) return Status::error(Errc::invalid_argument, "query parameter 'offset' is required with from=offset");
    auto offset = int_param(request, "offset", 0, 0, INT64_MAX);
    if (!offset.ok()) return offset.status();
    q.offset = *offset;
  }
  if (q.from == From::timestamp) {
    if (!request.query.count("timestamp"))
      return Status::error(Errc::invalid_argument, "query parameter 'timestamp' is required with from=timestamp");
    auto ts = int_param(request, "timestamp", 0, 0, INT64_MAX);
    if (!ts.ok()) return ts.status();
    q.timestamp = *ts;
  }
  if (auto it = request.query.find("search"); it != request.query.end()) q.needle = ascii_lower(it->second);
  return q;
}

// Where each partition's read starts and stops.
Result<std::map<int32_t, PartitionScan>> plan(ConsoleContext& ctx, const std::string& topic, const Query& q) {
  std::vector<TopicPartition> tps;
  for (int32_t p : q.partitions) tps.emplace_back(topic, p);
  auto low = client::list_offsets(*ctx.admin, tps, client::OffsetSpec::earliest);
  if (!low.ok()) return low.status();
  auto high = client::list_offsets(*ctx.admin, tps, client::OffsetSpec::latest);
  if (!high.ok()) return high.status();
  std::map<int32_t, int64_t> by_time;
  if (q.from == From::timestamp) {
    client::GroupAdmin admin(*ctx.admin);
    auto found = admin.offsets_for_time(topic, q.partitions, q.timestamp);
    if (!found.ok()) return found.status();
    for (const auto& o : *found) by_time[o.partition] = o.offset;
  }
  std::map<int32_t, PartitionScan> scans;
  for (int32_t p : q.partitions) {
    auto l = low->find({topic, p}), h = high->find({topic, p});
    if (l == low->end() || h == high->end())
      return Status::error(Errc::io_error, "offsets of " + topic + "[" + std::to_string(p) + "] are not available");
    PartitionScan scan;
    scan.stop = h->second;
    switch (q.from) {
      case From::beginning: scan.next = l->second; break;
      // The last `limit` records; with a search, the last matches among the last records scanned.
      case From::end: scan.next = h->second - (q.needle.empty() ? q.limit : kMaxScanPerPartition); break;
      case From::offset: scan.next = q.offset; break;
      case From::timestamp: scan.next = by_time.count(p) ? by_time[p] : h->second; break;
    }
    scan.next = std::clamp(scan.next, l->second, h->second);
    scan.done = scan.next >= scan.stop;
    scans[p] = std::move(scan);
  }
  return scans;
}

void take(PartitionScan& scan, ConsumedRecord&& record, const Query& q) {
  if (scan.done || record.offset < scan.next || record.offset >= scan.stop) return;
  scan.next = record.offset + 1;
  ++scan.scanned;
  if (record_matches(record, q.needle)) {
    scan.kept.push_back(std::move(record));
    // From the end the window slides; otherwise the first `limit` matches are enough.
    if (q.from == From::end) {
      if (static_cast<int64_t>(scan.kept.size()) > q.limit) scan.kept.pop_front();
    } else if (static_cast<int64_t>(scan.kept.size()) >= q.limit) {
      scan.done = true;
    }
  }
  if (scan.next >= scan.stop || scan.scanned >= kMaxScanPerPartition) scan.done = true;
}

bool all_done(const std::map<int32_t, PartitionScan>& scans) {
  return std::all_of(scans.begin(), scans.end(), [](const auto& s) { return s.second.done; });
}

// Partitions whose position passed their stop without a record there (compacted gaps, markers).
void finish_by_position(rd_kafka_t* rk, const std::string& topic, std::map<int32_t, PartitionScan>& scans) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(scans.size()));
  for (const auto& [p, scan] : scans)
    if (!scan.done) rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
  if (list->cnt > 0 && rd_kafka_position(rk, list) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int i = 0; i < list->cnt; ++i) {
      auto& scan = scans[list->elems[i].partition];
      if (list->elems[i].offset >= scan.stop) scan.done = true;
    }
  }
  rd_kafka_topic_partition_list_destroy(list);
}

http::Response browse(ConsoleContext& ctx, const std::string& topic, const http::Request& request) {
  auto q = parse_query(ctx, topic, request);
  if (!q.ok()) return error_response(q.status());
  auto planned = plan(ctx, topic, *q);
  if (!planned.ok()) return error_response(planned.status());
  auto& scans = *planned;
  bool timed_out = false;
  if (!all_done(scans)) {
    auto reader = client::PartitionReader::create(ctx.bootstrap);
    if (!reader.ok()) return error_response(reader.status());
    std::map<TopicPartition, int64_t> starts;
    for (const auto& [p, scan] : scans)
      if (!scan.done) starts[{topic, p}] = scan.next;
    Status assigned = (*reader)->assign(starts);
    if (!assigned.ok()) return error_response(assigned);
    auto deadline = std::chrono::steady_clock::now() + kBrowseDeadline;
    while (!all_done(scans)) {
      if (std::chrono::steady_clock::now() > deadline) {
        timed_out = true;
        break;
      }
      auto records = (*reader)->poll(200);
      if (!records.ok()) return error_response(records.status());
      if (records->empty()) finish_by_position((*reader)->handle(), topic, scans);
      for (auto& r : *records) {
        auto it = scans.find(r.partition);
        if (it != scans.end()) take(it->second, std::move(r), *q);
      }
    }
  }
  std::vector<ConsumedRecord> all;
  int64_t scanned = 0;
  for (auto& [_, scan] : scans) {
    scanned += scan.scanned;
    for (auto& r : scan.kept) all.push_back(std::move(r));
  }
  std::sort(all.begin(), all.end(), [](const ConsumedRecord& a, const ConsumedRecord& b) {
    return std::tie(a.timestamp_ms, a.partition, a.offset) < std::tie(b.timestamp_ms, b.partition, b.offset);
  });
  // Across partitions: the first `limit` by time, or the last `limit` when reading from the end.
  if (static_cast<int64_t>(all.size()) > q->limit) {
    if (q->from == From::end) all.erase(all.begin(), all.end() - q->limit);
    else all.resize(q->limit);
  }
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& r : all) messages.push_back(record_to_json(r));
  nlohmann::json body = {{"messages", std::move(messages)}, {"scanned", scanned}};
  if (timed_out) body["timed_out"] = true;  // a partial answer: the cluster was too slow
  return http::json_response(body);
}

// "key"/"value" with an optional "<field>_encoding": "base64".
Result<std::optional<std::string>> bytes_field(const nlohmann::json& body, const std::string& field) {
  auto text = optional_string(body, field);
  if (!text.ok() || !*text) return text;
  auto encoding = optional_string(body, field + "_encoding");
  if (!encoding.ok()) return encoding.status();
  if (!*encoding || **encoding == "utf8") return text;
  if (**encoding != "base64") return Status::error(Errc::invalid_argument, "field '" + field + "_encoding' must be utf8 or base64");
  std::string decoded;
  if (!base64_decode(**text, decoded)) return Status::error(Errc::invalid_argument, "field '" + field + "' is not valid base64");
  return std::optional<std::string>(std::move(decoded));
}

http::Response produce(ConsoleContext& ctx, const std::string& topic, const http::Request& request) {
  auto body = json_object_body(request);
  if (!body.ok()) return error_response(body.status());
  auto info = client::describe_topic(*ctx.admin, topic);
  if (!info.ok()) return error_response(info.status());
  client::OutboundRecord record;
  record.topic = topic;
  auto partition = optional_int(*body, "partition", 0, INT32_MAX);
  if (!partition.ok()) return error_response(partition.status());
  if (*partition) {
    if (**partition >= static_cast<int64_t>(info->partitions.size()))
      return error_response(400, "field 'partition': topic '" + topic + "' has " + std::to_string(info->partitions.size()) +
                                     " partitions");
    record.partition = static_cast<int32_t>(**partition);
  }
  auto key = bytes_field(*body, "key");
  if (!key.ok()) return error_response(key.status());
  auto value = bytes_field(*body, "value");
  if (!value.ok()) return error_response(value.status());
  record.key = std::move(*key);
  record.value = std::move(*value);
  if (auto it = body->find("headers"); it != body->end() && !it->is_null()) {
    if (!it->is_array()) return error_response(400, "field 'headers' must be an array of {\"key\", \"value\"}");
    for (const auto& h : *it) {
      if (!h.is_object()) return error_response(400, "field 'headers' must be an array of {\"key\", \"value\"}");
      auto hk = optional_string(h, "key");
      if (!hk.ok() || !*hk) return error_response(400, "field 'headers[].key' must be a string");
      auto hv = optional_string(h, "value");
      if (!hv.ok()) return error_response(400, "field 'headers[].value' must be a string or null");
      record.headers.emplace_back(**hk, *hv);
    }
  }
  auto sender = ctx.sender();
  if (!sender.ok()) return error_response(sender.status());
  auto position = (*sender)->send(record);
  if (!position.ok()) return error_response(position.status());
  return http::json_response({{"partition", position->partition}, {"offset", position->offset}}, 201);
}

}  // namespace

Result<std::vector<int32_t>> selected_partitions(ConsoleContext& ctx, const std::string& topic, const http::Request& request) {
  auto info = client::describe_topic(*ctx.admin, topic);
  if (!info.ok()) return info.status();
  std::vector<int32_t> all;
  for (const auto& p : info->partitions) all.push_back(p.id);
  auto it = request.query.find("partition");
  if (it == request.query.end() || it->second.empty() || it->second == "all") return all;
  auto partition = int_param(request, "partition", 0, 0, INT32_MAX);
  if (!partition.ok())
    return Status::error(Errc::invalid_argument, "query parameter 'partition' must be a partition number or 'all'");
  if (std::find(all.begin(), all.end(), *partition) == all.end())
    return Status::error(Errc::not_found, "topic '" + topic + "' has no partition " + std::to_string(*partition));
  return std::vector<int32_t>{static_cast<int32_t>(*partition)};
}

void add_message_routes(http::Router& router, ConsoleContext& ctx) {
  router.add("GET", "/api/topics/{name}/messages", [&ctx](http::Request& r) { return browse(ctx, r.param("name"), r); });
  router.add("POST", "/api/topics/{name}/messages", [&ctx](http::Request& r) { return produce(ctx, r.param("name"), r); });
}

}  // namespace tributary::console
