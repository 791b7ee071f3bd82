#include "connect/runtime/source_task_runner.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "common/logging.h"

namespace tributary::connect {
namespace {

using Clock = std::chrono::steady_clock;

std::string config_or(const Config& c, const std::string& key, const std::string& fallback) {
  auto it = c.find(key);
  return it == c.end() ? fallback : it->second;
}

}  // namespace

void SourceTaskRunner::run() {
  auto log = component_logger("connect");
  tolerate_all_ = config_or(setup_.connector_config, "errors.tolerance", "none") == "all";
  log_errors_ = config_or(setup_.connector_config, "errors.log.enable", "false") == "true";
  retry_ = std::make_unique<RetryOperator>(RetrySettings::from(setup_.connector_config),
                                           fmt::format("connector={} task={}", setup_.connector, setup_.task_id),
                                           sleep_unless([this] { return stopping(); }));
  auto converters = make_task_converters(setup_);
  if (!converters.ok()) return fail(converters.status().message());
  auto chain = transforms::TransformChain::create(setup_.connector_config);
  if (!chain.ok()) return fail(chain.status().message());
  transforms_ = std::move(*chain);
  auto producer = client::Producer::create(setup_.bootstrap_servers, setup_.client_props);
  if (!producer.ok()) return fail(producer.status().message());

  auto reader = setup_.offsets->reader(setup_.connector);
  SourceTaskContext context{setup_.connector, setup_.task_id, reader.get()};
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
    Result<std::vector<SourceRecord>> records = std::vector<SourceRecord>{};
    retry_->execute("TASK_POLL", [&] {
      records = task_->poll();
      return records.status();
    });
    if (!records.ok()) {
      commit_offsets(**producer);  // what was acknowledged before the failure still counts
      task_->stop();
      return fail(records.status().message());
    }
    metrics_.polled->inc(records->size());
    for (const auto& record : *records) {
      if (!(ok = send(record, *converters, **producer))) break;
    }
    if (!ok) break;
    if (records->empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (Clock::now() >= next_commit) {
      ok = commit_offsets(**producer);
      next_commit = Clock::now() + interval;
    }
  }
  if (ok) ok = commit_offsets(**producer);
  task_->stop();
  log->info("task_stopped connector={} task={}", setup_.connector, setup_.task_id);
}

bool SourceTaskRunner::skip_failed(const SourceRecord& record, const char* stage, const Status& why) {
  if (!tolerate_all_) {
    fail("Tolerance exceeded in error handler: " + why.message());
    return false;
  }
  metrics_.errors->inc();
  if (log_errors_)
    component_logger("connect")->warn("record_skipped connector={} task={} stage={} error=\"{}\"", setup_.connector,
                                      setup_.task_id, stage, why.message());
  // A skipped record still moves the source forward.
  pending_[record.source_partition.dump()] = {record.source_partition, record.source_offset};
  return true;
}

bool SourceTaskRunner::send(SourceRecord record, TaskConverters& converters, client::Producer& producer) {
  if (record.topic.empty()) {
    fail("source record without a topic");
    return false;
  }
  if (transforms_ && !transforms_->empty()) {
    std::optional<SourceRecord> original;  // a retry starts again from it
    if (retry_->retries()) original = record;
    Result<bool> kept = false;
    retry_->execute("TRANSFORMATION", [&] {
      if (original && retry_->attempts() > 1) record = *original;
      kept = transforms_->apply(record, transforms::RecordContext{});
      return kept.status();
    });
    if (!kept.ok()) return skip_failed(record, "TRANSFORMATION", kept.status());
    if (*kept && record.topic.empty())
      return skip_failed(record, "TRANSFORMATION", Status::error(Errc::invalid_argument, "a transform left the record without a topic"));
    if (!*kept) {
      // Filtered out: nothing to produce, but the source has moved past it.
      if (!record.source_partition.is_null() && !record.source_partition.empty())
        pending_[record.source_partition.dump()] = {record.source_partition, record.source_offset};
      return true;
    }
  }
  Result<std::optional<std::string>> key = std::optional<std::string>(), value = std::optional<std::string>();
  retry_->execute("KEY_CONVERTER", [&] {
    key = converters.key->from_connect(record.topic, record.key);
    return key.status();
  });
  if (key.ok()) {
    retry_->execute("VALUE_CONVERTER", [&] {
      value = converters.value->from_connect(record.topic, record.value);
      return value.status();
    });
  } else {
    value = key.status();
  }
  if (!key.ok() || !value.ok()) return skip_failed(record, key.ok() ? "VALUE_CONVERTER" : "KEY_CONVERTER",
                                                   key.ok() ? value.status() : key.status());
  client::OutboundRecord out;
  out.topic = record.topic;
  out.partition = record.kafka_partition.value_or(-1);
  out.key = std::move(*key);
  out.value = std::move(*value);
  out.timestamp_ms = record.timestamp_ms;
  for (const auto& h : record.headers) out.headers.emplace_back(h.key, h.value);
  Status sent = producer.send(out);
  if (!sent.ok()) {
    fail(sent.message());
    return false;
  }
  metrics_.written->inc();
  if (topics_seen_.insert(record.topic).second) setup_.status->add_topic(setup_.connector, record.topic);
  if (!record.source_partition.is_null() && !record.source_partition.empty())
    pending_[record.source_partition.dump()] = {record.source_partition, record.source_offset};
  return true;
}

bool SourceTaskRunner::commit_offsets(client::Producer& producer) {
  if (pending_.empty()) return true;
  Status flushed = producer.flush();
  if (!flushed.ok()) {
    // Some record may be lost: keep the old offsets so a restart produces these records again.
    fail("producer could not deliver records: " + flushed.message());
    return false;
  }
  std::vector<PartitionOffset> offsets;
  for (auto& [_, po] : pending_) offsets.push_back(std::move(po));
  pending_.clear();
  Status written = setup_.offsets->write(setup_.connector, offsets);
  if (!written.ok()) {
    component_logger("connect")->warn("offset_commit_failed connector={} task={} error=\"{}\"", setup_.connector,
                                      setup_.task_id, written.to_string());
    for (auto& po : offsets) pending_[po.partition.dump()] = po;  // retried at the next commit
    return true;
  }
  task_->commit();
  return true;
}

}  // namespace tributary::connect
