#include "connect/runtime/worker.h"

#include <fmt/format.h>

#include "common/logging.h"
#include "connect/api/sink_task.h"
#include "connect/api/source_task.h"
#include "connect/runtime/sink_task_runner.h"
#include "connect/runtime/source_task_runner.h"
#include "connect/runtime/worker_config.h"

namespace tributary::connect {

Status connector_not_found(const std::string& name) {
  return Status::error(Errc::not_found, "Connector " + name + " not found");
}

Worker::Worker(WorkerOptions options, const PluginRegistry& plugins)
    : options_(std::move(options)), plugins_(plugins) {}

Worker::~Worker() { stop(); }

Status Worker::start() {
  auto errors = worker_config_def().errors(options_.config);
  if (!errors.empty()) return Status::error(Errc::invalid_argument, fmt::format("{}", fmt::join(errors, "; ")));
  ParsedConfig config(worker_config_def(), options_.config);
  flush_interval_ms_ = config.get_long("offset.flush.interval.ms");
  // The converter defaults are worker keys too, so tasks see them even when not set explicitly.
  for (const auto* key : {"key.converter", "value.converter", "key.converter.schemas.enable",
                          "value.converter.schemas.enable"})
    options_.config.emplace(key, config.get_string(key));

  auto admin = client::KafkaHandle::create(options_.bootstrap_servers, options_.client_props);
  if (!admin.ok()) return admin.status();
  admin_ = std::move(*admin);
  auto open = [&](const std::string& key, int partitions) {
    return TopicStore::open(options_.bootstrap_servers, config.get_string(key), partitions, options_.client_props);
  };
  auto config_topic = open("config.storage.topic", 1);
  if (!config_topic.ok()) return config_topic.status();
  auto offset_topic = open("offset.storage.topic", config.get_int("offset.storage.partitions"));
  if (!offset_topic.ok()) return offset_topic.status();
  auto status_topic = open("status.storage.topic", config.get_int("status.storage.partitions"));
  if (!status_topic.ok()) return status_topic.status();
  configs_ = std::make_unique<ConfigStore>(std::move(*config_topic));
  offsets_ = std::make_unique<OffsetStore>(std::move(*offset_topic));
  statuses_ = std::make_unique<StatusStore>(std::move(*status_topic), options_.worker_id);
  TRY_STATUS(offsets_->load());
  TRY_STATUS(statuses_->load());
  auto stored = configs_->load();
  if (!stored.ok()) return stored.status();

  std::lock_guard lock(mu_);
  started_ = true;
  started_cv_.notify_all();
  for (auto& [name, c] : *stored) {
    Running& r = connectors_[name];
    r.config = c.config;
    r.target = c.target;
    r.plugin = plugins_.find(c.config.count("connector.class") ? c.config.at("connector.class") : "");
    start_connector(name, r);
  }
  component_logger("connect")->info("worker_started worker_id={} connectors={}", options_.worker_id,
                                    connectors_.size());
  return Status();
}

Status Worker::await_started(std::unique_lock<std::mutex>& lock) {
  // Requests that arrive while the worker reads its topics back wait for it rather than fail.
  if (!started_cv_.wait_for(lock, std::chrono::seconds(60), [&] { return started_ || stopped_; }) || stopped_)
    return Status::error(Errc::timed_out, "The worker is not running; try again shortly");
  return Status();
}

void Worker::stop() {
  std::lock_guard lock(mu_);
  stopped_ = true;
  started_cv_.notify_all();
  if (!started_) return;
  started_ = false;
  for (auto& [name, r] : connectors_) stop_connector(name, r);
  component_logger("connect")->info("worker_stopped worker_id={}", options_.worker_id);
}

std::string Worker::kafka_cluster_id() const {
  if (!admin_) return "";
  char* id = rd_kafka_clusterid(admin_->get(), 5000);
  if (!id) return "";
  std::string out = id;
  rd_kafka_mem_free(admin_->get(), id);
  return out;
}

Worker::Running* Worker::find(const std::string& name) {
  auto it = connectors_.find(name);
  return it == connectors_.end() ? nullptr : &it->second;
}

const Worker::Running* Worker::find(const std::string& name) const {
  auto it = connectors_.find(name);
  return it == connectors_.end() ? nullptr : &it->second;
}

void Worker::start_connector(const std::string& name, Running& r) {
  auto log = component_logger("connect");
  if (!r.plugin) {
    statuses_->put_connector(name, "FAILED", "no connector class named " + r.config["connector.class"]);
    return;
  }
  if (r.target == TargetState::stopped) {
    statuses_->remove_tasks(name, 0);
    statuses_->put_connector(name, "STOPPED");
    return;
  }
  r.instance = r.plugin->create();
  Status started = r.instance->start(r.config);
  if (!started.ok()) {
    log->error("connector_failed connector={} error=\"{}\"", name, started.message());
    statuses_->put_connector(name, "FAILED", started.message());
    r.instance.reset();
    return;
  }
  int max_tasks = ParsedConfig(common_connector_config_def(r.plugin->type), r.config).get_int("tasks.max");
  r.task_configs = r.instance->task_configs(max_tasks);
  Status written = configs_->put_task_configs(name, r.task_configs);
  if (!written.ok()) log->warn("task_configs_write_failed connector={} error=\"{}\"", name, written.to_string());
  statuses_->remove_tasks(name, static_cast<int>(r.task_configs.size()));
  bool paused = r.target == TargetState::paused;
  statuses_->put_connector(name, paused ? "PAUSED" : "RUNNING");
  log->info("connector_started connector={} class={} tasks={} state={}", name, r.plugin->class_name,
            r.task_configs.size(), target_state_name(r.target));
  if (paused) {
    for (size_t i = 0; i < r.task_configs.size(); ++i) statuses_->put_task(name, static_cast<int>(i), "PAUSED");
    return;
  }
  start_tasks(name, r);
}

void Worker::start_tasks(const std::string& name, Running& r) {
  r.runners.clear();
  for (size_t i = 0; i < r.task_configs.size(); ++i) r.runners.push_back(make_runner(name, r, static_cast<int>(i)));
  for (auto& runner : r.runners)
    if (runner) runner->start();
}

std::unique_ptr<TaskRunner> Worker::make_runner(const std::string& name, Running& r, int task) {
  TaskSetup setup;
  setup.connector = name;
  setup.task_id = task;
  setup.connector_config = r.config;
  setup.task_config = r.task_configs[task];
  setup.bootstrap_servers = options_.bootstrap_servers;
  setup.client_props = options_.client_props;
  setup.worker_config = options_.config;
  setup.offset_flush_interval_ms = flush_interval_ms_;
  setup.status = statuses_.get();
  setup.offsets = offsets_.get();
  statuses_->put_task(name, task, "UNASSIGNED");
  if (auto* source = dynamic_cast<SourceConnector*>(r.instance.get()))
    return std::make_unique<SourceTaskRunner>(std::move(setup), source->create_task());
  if (auto* sink = dynamic_cast<SinkConnector*>(r.instance.get()))
    return std::make_unique<SinkTaskRunner>(std::move(setup), sink->create_task());
  return nullptr;
}

void Worker::stop_tasks(Running& r) {
  for (auto& runner : r.runners)
    if (runner) runner->stop();
  r.runners.clear();
}

void Worker::stop_connector(const std::string&, Running& r) {
  stop_tasks(r);
  if (r.instance) r.instance->stop();
  r.instance.reset();
}

std::vector<std::string> Worker::connector_names() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& [name, _] : connectors_) out.push_back(name);
  return out;
}

Result<ConnectorInfo> Worker::info(const std::string& name) const {
  std::lock_guard lock(mu_);
  const Running* r = find(name);
  if (!r) return connector_not_found(name);
  return ConnectorInfo{name, r->config, static_cast<int>(r->task_configs.size()),
                       r->plugin ? r->plugin->type : ConnectorType::source};
}

Result<ConnectorStatus> Worker::status(const std::string& name) const {
  std::lock_guard lock(mu_);
  const Running* r = find(name);
  if (!r) return connector_not_found(name);
  ConnectorStatus out;
  out.name = name;
  out.type = r->plugin ? r->plugin->type : ConnectorType::source;
  out.connector = statuses_->connector(name).value_or(StateInfo{"UNASSIGNED", "", options_.worker_id});
  if (r->target != TargetState::stopped) {
    for (size_t i = 0; i < r->task_configs.size(); ++i) {
      int id = static_cast<int>(i);
      out.tasks.emplace_back(id, statuses_->task(name, id).value_or(StateInfo{"UNASSIGNED", "", options_.worker_id}));
    }
  }
  return out;
}

Result<StateInfo> Worker::task_status(const std::string& name, int task) const {
  std::lock_guard lock(mu_);
  const Running* r = find(name);
  if (!r) return connector_not_found(name);
  auto state = statuses_->task(name, task);
  if (task < 0 || task >= static_cast<int>(r->task_configs.size()) || !state)
    return Status::error(Errc::not_found, fmt::format("No status found for task {}-{}", name, task));
  return *state;
}

Result<std::vector<Config>> Worker::task_configs(const std::string& name) const {
  std::lock_guard lock(mu_);
  const Running* r = find(name);
  if (!r) return connector_not_found(name);
  return r->task_configs;
}

Result<ConnectorInfo> Worker::put_connector(const std::string& name, Config config, bool allow_replace,
                                            bool* created) {
  config["name"] = name;
  auto cls = config.find("connector.class");
  if (cls == config.end() || cls->second.empty())
    return Status::error(Errc::invalid_argument,
                         "Connector config " + nlohmann::json(config).dump() + " contains no connector type");
  const ConnectorPlugin* plugin = plugins_.find(cls->second);
  if (!plugin)
    return Status::error(Errc::invalid_argument,
                         fmt::format("Failed to find any class that implements Connector and which name matches {}, "
                                     "available connectors are: {}",
                                     cls->second, fmt::join(plugins_.class_names(), ", ")));
  ConfigInfos infos = validate_connector_config(*plugin, config);
  if (infos.error_count > 0)
    return Status::error(Errc::invalid_argument,
                         fmt::format("Connector configuration is invalid and contains the following {} error(s):\n{}\n"
                                     "You can also find the above list of errors at the endpoint "
                                     "`/connector-plugins/{{connectorType}}/config/validate`",
                                     infos.error_count, fmt::join(infos.messages(), "\n")));
  std::unique_lock lock(mu_);
  TRY_STATUS(await_started(lock));
  Running* existing = find(name);
  if (existing && !allow_replace) return Status::error(Errc::already_exists, "Connector " + name + " already exists");
  TRY_STATUS(configs_->put_connector(name, config));
  *created = existing == nullptr;
  Running& r = connectors_[name];
  stop_connector(name, r);
  r.config = config;
  r.plugin = plugin;
  start_connector(name, r);
  component_logger("connect")->info("connector_{} connector={}", *created ? "created" : "updated", name);
  return ConnectorInfo{name, r.config, static_cast<int>(r.task_configs.size()), plugin->type};
}

Status Worker::delete_connector(const std::string& name) {
  std::unique_lock lock(mu_);
  TRY_STATUS(await_started(lock));
  Running* r = find(name);
  if (!r) return connector_not_found(name);
  TRY_STATUS(configs_->remove_connector(name));
  stop_connector(name, *r);
  connectors_.erase(name);
  statuses_->remove(name);
  component_logger("connect")->info("connector_deleted connector={}", name);
  return Status();
}

Status Worker::set_target_state(const std::string& name, TargetState state) {
  std::unique_lock lock(mu_);
  TRY_STATUS(await_started(lock));
  Running* r = find(name);
  if (!r) return connector_not_found(name);
  if (r->target == state) return Status();
  TRY_STATUS(configs_->put_target_state(name, state));
  stop_connector(name, *r);
  r->target = state;
  if (state == TargetState::stopped) r->task_configs.clear();
  start_connector(name, *r);
  return Status();
}

Status Worker::restart_connector(const std::string& name, bool include_tasks, bool only_failed) {
  std::unique_lock lock(mu_);
  TRY_STATUS(await_started(lock));
  Running* r = find(name);
  if (!r) return connector_not_found(name);
  bool connector_failed = statuses_->connector(name).value_or(StateInfo{}).state == "FAILED";
  bool any_task_failed = false;
  for (const auto& runner : r->runners) any_task_failed = any_task_failed || (runner && runner->failed());
  if (only_failed && !connector_failed && !(include_tasks && any_task_failed)) return Status();
  if (include_tasks || !r->instance) {
    if (!include_tasks || !only_failed || connector_failed) {
      stop_connector(name, *r);
      start_connector(name, *r);
      return Status();
    }
    // Only the failed tasks.
    for (size_t i = 0; i < r->runners.size(); ++i) {
      if (!r->runners[i] || !r->runners[i]->failed()) continue;
      r->runners[i]->stop();
      r->runners[i] = make_runner(name, *r, static_cast<int>(i));
      if (r->runners[i]) r->runners[i]->start();
    }
    return Status();
  }
  // The connector instance alone; its tasks keep running.
  if (r->instance) r->instance->stop();
  r->instance = r->plugin->create();
  Status started = r->instance->start(r->config);
  statuses_->put_connector(name, started.ok() ? (r->target == TargetState::paused ? "PAUSED" : "RUNNING") : "FAILED",
                           started.ok() ? "" : started.message());
  return Status();
}

Status Worker::restart_task(const std::string& name, int task) {
  std::unique_lock lock(mu_);
  TRY_STATUS(await_started(lock));
  Running* r = find(name);
  if (!r) return connector_not_found(name);
  if (task < 0 || task >= static_cast<int>(r->task_configs.size()))
    return Status::error(Errc::not_found, fmt::format("Task {}-{} not found", name, task));
  if (r->target != TargetState::started || !r->instance) return Status();
  if (static_cast<int>(r->runners.size()) <= task) return Status();
  if (r->runners[task]) r->runners[task]->stop();
  r->runners[task] = make_runner(name, *r, task);
  if (r->runners[task]) r->runners[task]->start();
  return Status();
}

Result<std::set<std::string>> Worker::active_topics(const std::string& name) const {
  std::lock_guard lock(mu_);
  if (!find(name)) return connector_not_found(name);
  return statuses_->topics(name);
}

Status Worker::reset_active_topics(const std::string& name) {
  std::lock_guard lock(mu_);
  if (!find(name)) return connector_not_found(name);
  statuses_->reset_topics(name);
  return Status();
}

Result<std::vector<PartitionOffset>> Worker::source_offsets(const std::string& name) const {
  std::lock_guard lock(mu_);
  if (!find(name)) return connector_not_found(name);
  return offsets_->all(name);
}

}  // namespace tributary::connect

namespace tributary::connect {

namespace {
Status offsets_editable(const std::string& name, const ConnectorPlugin* plugin, TargetState target) {
  if (plugin && plugin->type == ConnectorType::sink)
    return Status::error(Errc::unsupported, "Altering a sink connector's offsets is not supported yet; use "
                                            "`tributary groups` on the group connect-" + name);
  if (target != TargetState::stopped)
    return Status::error(Errc::invalid_argument,
                         "Connectors must be in the STOPPED state before their offsets can be modified. This can be "
                         "done for the specified connector by issuing a 'PUT' request to the '/connectors/" + name +
                         "/stop' endpoint");
  return Status();
}
}  // namespace

Status Worker::alter_source_offsets(const std::string& name, const std::vector<PartitionOffset>& offsets) {
  std::unique_lock lock(mu_);
  TRY_STATUS(await_started(lock));
  Running* r = find(name);
  if (!r) return connector_not_found(name);
  TRY_STATUS(offsets_editable(name, r->plugin, r->target));
  return offsets_->write(name, offsets);
}

Status Worker::reset_source_offsets(const std::string& name) {
  std::unique_lock lock(mu_);
  TRY_STATUS(await_started(lock));
  Running* r = find(name);
  if (!r) return connector_not_found(name);
  TRY_STATUS(offsets_editable(name, r->plugin, r->target));
  return offsets_->reset(name);
}

}  // namespace tributary::connect
