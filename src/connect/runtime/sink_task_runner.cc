#include "connect/runtime/sink_task_runner.h"

#include <fmt/format.h>

#include <chrono>
#include <regex>

#include "common/logging.h"

namespace tributary::connect {
namespace {

using Clock = std::chrono::steady_clock;

std::string config_or(const Config& c, const std::string& key, const std::string& fallback) {
  auto it = c.find(key);
  return it == c.end() ? fallback : it->second;
}

// librdkafka subscribes by regular expression when the name starts with '^'.
std::vector<std::string> subscription(const Config& config) {
  std::string regex = config_or(config, "topics.regex", "");
  if (!regex.empty()) return {regex[0] == '^' ? regex : "^" + regex};
  return split_config_list(config_or(config, "topics", ""));
}

}  // namespace

void SinkTaskRunner::run() {
  auto log = component_logger("connect");
  const Config& cc = setup_.connector_config;
  tolerate_all_ = config_or(cc, "errors.tolerance", "none") == "all";
  log_errors_ = config_or(cc, "errors.log.enable", "false") == "true";
  retry_ = std::make_unique<RetryOperator>(RetrySettings::from(cc),
                                           fmt::format("connector={} task={}", setup_.connector, setup_.task_id),
                                           sleep_unless([this] { return stopping(); }));
  dlq_topic_ = config_or(cc, "errors.deadletterqueue.topic.name", "");
  dlq_headers_ = config_or(cc, "errors.deadletterqueue.context.headers.enable", "false") == "true";
  auto converters = make_task_converters(setup_);
  if (!converters.ok()) return fail(converters.status().message());
  auto chain = transforms::TransformChain::create(cc);
  if (!chain.ok()) return fail(chain.status().message());
  transforms_ = std::move(*chain);
  client::Properties consumer_props = setup_.client_props;
  // A regex subscription fetches every topic's metadata on each refresh: keep librdkafka's 5 min
  // (Kafka Connect's metadata.max.age.ms) rather than the consumers' 100 ms fetch wake-up, at the
  // price of up to 1 s pauses while such a task catches up on librdkafka 2.0.
  if (!config_or(cc, "topics.regex", "").empty()) consumer_props.emplace("topic.metadata.refresh.interval.ms", "300000");
  auto consumer = client::GroupConsumer::create(setup_.bootstrap_servers, "connect-" + setup_.connector,
                                                consumer_props);
  if (!consumer.ok()) return fail(consumer.status().message());
  if (!dlq_topic_.empty()) {
    auto producer = client::Producer::create(setup_.bootstrap_servers, setup_.client_props);
    if (!producer.ok()) return fail(producer.status().message());
    dlq_producer_ = std::move(*producer);
  }
  Status subscribed = (*consumer)->subscribe(subscription(cc));
  if (!subscribed.ok()) return fail(subscribed.message());
  SinkTaskContext context{setup_.connector, setup_.task_id};
  Status started = task_->start(setup_.task_config, context);
  if (!started.ok()) {
    task_->stop();
    return fail(started.message());
  }
  setup_.status->put_task(setup_.connector, setup_.task_id, "RUNNING");
  log->info("task_started connector={} task={}", setup_.connector, setup_.task_id);

  auto interval = std::chrono::milliseconds(setup_.offset_flush_interval_ms);
  auto next_commit = Clock::now() + interval;
  bool ok = true;
  while (ok && !stopping()) {
    auto polled = (*consumer)->poll(200, 500);
    if (!polled.ok()) {
      ok = false;
      fail(polled.status().message());
      break;
    }
    metrics_.polled->inc(polled->size());
    std::vector<SinkRecord> batch;
    for (const auto& in : *polled) {
      SinkRecord out;
      if (convert(in, *converters, out)) batch.push_back(std::move(out));
      if (failed()) break;
      next_offsets_[{in.topic, in.partition}] = in.offset + 1;
    }
    if (failed()) {
      ok = false;
      break;
    }
    if (!batch.empty()) {
      Status put = retry_->execute("TASK_PUT", [&] { return task_->put(batch); });
      if (!put.ok()) {
        ok = false;
        fail(put.message());
        break;
      }
      metrics_.written->inc(batch.size());
    }
    if (Clock::now() >= next_commit) {
      ok = flush_and_commit(**consumer);
      next_commit = Clock::now() + interval;
    }
  }
  if (ok) flush_and_commit(**consumer);
  task_->stop();
  (*consumer)->close();
  if (dlq_producer_) dlq_producer_->flush();
  log->info("task_stopped connector={} task={}", setup_.connector, setup_.task_id);
}

bool SinkTaskRunner::convert(const client::ConsumedRecord& in, TaskConverters& converters, SinkRecord& out) {
  Result<SchemaAndValue> key = SchemaAndValue{}, value = SchemaAndValue{};
  retry_->execute("KEY_CONVERTER", [&] {
    key = converters.key->to_connect(in.topic, in.key);
    return key.status();
  });
  if (!key.ok()) return reject(in, "KEY_CONVERTER", key.status());
  retry_->execute("VALUE_CONVERTER", [&] {
    value = converters.value->to_connect(in.topic, in.value);
    return value.status();
  });
  if (!value.ok()) return reject(in, "VALUE_CONVERTER", value.status());
  out.topic = in.topic;
  out.kafka_partition = in.partition;
  out.kafka_offset = in.offset;
  out.timestamp_ms = in.timestamp_ms;
  out.key = std::move(*key);
  out.value = std::move(*value);
  for (const auto& [k, v] : in.headers) out.headers.push_back({k, v});
  if (!transforms_ || transforms_->empty()) return true;
  std::optional<SinkRecord> original;  // a retry starts again from it
  if (retry_->retries()) original = out;
  Result<bool> kept = false;
  retry_->execute("TRANSFORMATION", [&] {
    if (original && retry_->attempts() > 1) out = *original;
    kept = transforms_->apply(out, transforms::RecordContext{in.offset});
    return kept.status();
  });
  if (!kept.ok()) return reject(in, "TRANSFORMATION", kept.status());
  return *kept;
}

bool SinkTaskRunner::reject(const client::ConsumedRecord& in, const char* stage, const Status& why) {
  if (!tolerate_all_) {
    fail("Tolerance exceeded in error handler: " + why.message());
    return false;
  }
  metrics_.errors->inc();
  if (log_errors_)
    component_logger("connect")->warn("record_skipped connector={} task={} stage={} topic={} partition={} "
                                      "offset={} error=\"{}\"",
                                      setup_.connector, setup_.task_id, stage, in.topic, in.partition, in.offset,
                                      why.message());
  to_dead_letter_queue(in, stage, why.message());
  return false;
}

void SinkTaskRunner::to_dead_letter_queue(const client::ConsumedRecord& in, const char* stage, const std::string& error) {
  if (!dlq_producer_) return;
  client::OutboundRecord out;
  out.topic = dlq_topic_;
  out.key = in.key;
  out.value = in.value;
  out.timestamp_ms = in.timestamp_ms;
  out.headers = in.headers;
  if (dlq_headers_) {
    auto add = [&](const std::string& name, const std::string& value) { out.headers.emplace_back(name, value); };
    add("__connect.errors.topic", in.topic);
    add("__connect.errors.partition", std::to_string(in.partition));
    add("__connect.errors.offset", std::to_string(in.offset));
    add("__connect.errors.connector.name", setup_.connector);
    add("__connect.errors.task.id", std::to_string(setup_.task_id));
    add("__connect.errors.stage", stage);
    add("__connect.errors.class.name", "org.apache.kafka.connect.errors.DataException");
    add("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException");
    add("__connect.errors.exception.message", error);
  }
  Status s = dlq_producer_->send(out);
  if (s.ok())
    metrics_.dead_letters->inc();
  else
    component_logger("connect")->warn("dead_letter_failed connector={} error=\"{}\"", setup_.connector, s.message());
}

bool SinkTaskRunner::flush_and_commit(client::GroupConsumer& consumer) {
  if (next_offsets_.empty()) return true;
  // Dead-lettered records must be in the log before their offsets are committed as done.
  if (dlq_producer_) {
    Status s = dlq_producer_->flush();
    if (!s.ok()) {
      fail("dead letter queue: " + s.message());
      return false;
    }
  }
  Status flushed = task_->flush(next_offsets_);
  if (!flushed.ok()) {
    fail(flushed.message());
    return false;
  }
  std::map<client::TopicPartition, int64_t> offsets(next_offsets_.begin(), next_offsets_.end());
  Status committed = consumer.commit(offsets);
  if (!committed.ok())
    component_logger("connect")->warn("offset_commit_failed connector={} task={} error=\"{}\"", setup_.connector,
                                      setup_.task_id, committed.to_string());
  else
    next_offsets_.clear();
  return true;
}

}  // namespace tributary::connect
