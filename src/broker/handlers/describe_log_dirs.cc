// DescribeLogDirs: the broker's one log directory and the bytes each partition's segments take in it.
// Kafka UIs (and our console) read topic sizes from here.
#include <sys/statvfs.h>

#include <algorithm>

#include <filesystem>

#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {
namespace {

using Response = protocol::DescribeLogDirsResponse;

Response::Result::Topic describe_topic(const TopicSnapshot& topic, const std::vector<int32_t>* wanted) {
  Response::Result::Topic out;
  out.name = topic.name;
  for (const auto& p : topic.partitions) {
    if (wanted && std::find(wanted->begin(), wanted->end(), p->index()) == wanted->end()) continue;
    Response::Result::Topic::Partition part;
    part.partition_index = p->index();
    part.partition_size = p->log().size_bytes();  // same accessor as the partition_size_bytes metric
    part.offset_lag = 0;                          // a single broker: no replica is catching up
    part.is_future_key = false;
    out.partitions.push_back(part);
  }
  return out;
}

}  // namespace

void handle_describe_log_dirs(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::DescribeLogDirsRequest>(body);
  TopicManager& topics = ctx.broker.topics();
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(topics.log_dir(), ec);
  if (ec) dir = topics.log_dir();

  Response::Result result;
  result.error_code = 0;
  result.log_dir = dir.string();
  if (!request.topics) {  // null: every topic
    for (const auto& topic : topics.list()) result.topics.push_back(describe_topic(topic, nullptr));
  } else {
    for (const auto& wanted : *request.topics) {
      auto topic = topics.find(wanted.topic);
      if (!topic) continue;  // unknown topics are left out, as Kafka does
      auto t = describe_topic(*topic, &wanted.partitions);
      if (!t.partitions.empty()) result.topics.push_back(std::move(t));
    }
  }
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) == 0) {
    result.total_bytes = static_cast<int64_t>(fs.f_blocks) * static_cast<int64_t>(fs.f_frsize);
    result.usable_bytes = static_cast<int64_t>(fs.f_bavail) * static_cast<int64_t>(fs.f_frsize);
  }
  Response response;
  response.results.push_back(std::move(result));
  ctx.respond(response);
}

}  // namespace tributary::broker
