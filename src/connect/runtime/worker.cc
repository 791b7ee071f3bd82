#include "connect/runtime/worker.h"

#include <fmt/format.h>

#include "common/logging.h"
#include "common/thread_name.h"
#include "connect/api/sink_task.h"
#include "connect/api/source_task.h"
#include "connect/runtime/sink_task_runner.h"
#include "connect/runtime/source_task_runner.h"
#include "connect/runtime/worker_config.h"

namespace tributary::connect {

namespace {
// A connector's way back to its worker (ConnectorContext); it only queues the request for the herder.
class QueueingContext : public ConnectorContext {
 public:
  explicit QueueingContext(std::function<void()> request) : request_(std::move(request)) {}
  void request_task_reconfiguration() override { request_(); }

 private:
  std::function<void()> request_;
};
}  // namespace

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
  heartbeat_interval_ms_ = config.get_int("heartbeat.interval.ms");
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
  auto tail = [&](const std::string& key) {
    return TopicTail::open(options_.bootstrap_servers, config.get_string(key), options_.client_props);
  };
  auto config_topic = open("config.storage.topic", 1);
  if (!config_topic.ok()) return config_topic.status();
  auto offset_topic = open("offset.storage.topic", config.get_int("offset.storage.partitions"));
  if (!offset_topic.ok()) return offset_topic.status();
  auto status_topic = open("status.storage.topic", config.get_int("status.storage.partitions"));
  if (!status_topic.ok()) return status_topic.status();
  auto config_tail = tail("config.storage.topic");
  if (!config_tail.ok()) return config_tail.status();
  auto status_tail = tail("status.storage.topic");
  if (!status_tail.ok()) return status_tail.status();
  configs_ = std::make_unique<ConfigStore>(std::move(*config_topic), std::move(*config_tail));
  offsets_ = std::make_unique<OffsetStore>(std::move(*offset_topic));
  statuses_ = std::make_unique<StatusStore>(std::move(*status_topic), std::move(*status_tail), options_.worker_id);
  TRY_STATUS(offsets_->load());
  TRY_STATUS(statuses_->load());
  TRY_STATUS(configs_->load());
  {
    std::lock_guard lock(mu_);
    std::set<std::string> all;
    for (const auto& [name, _] : configs_->connectors()) all.insert(name);
    sync_from_store(all);
  }

  client::GroupMemberOptions member;
  member.bootstrap_servers = options_.bootstrap_servers;
  member.group_id = config.get_string("group.id");
  member.protocol_type = kConnectProtocolType;
  member.client_id = "tributary-connect-" + options_.worker_id;
  member.group_instance_id = options_.worker_id;
  member.session_timeout_ms = config.get_int("session.timeout.ms");
  member.rebalance_timeout_ms = config.get_int("rebalance.timeout.ms");
  member_ = std::make_unique<client::GroupMember>(member);
  herder_ = std::thread([this] {
    name_this_thread("connect-herder");
    run();
  });

  // A (re)started worker runs its share before it answers: wait for the first assignment.
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, std::chrono::seconds(30), [&] { return started_ || stopped_; }))
    component_logger("connect")->warn("worker_not_yet_assigned worker_id={} group={}", options_.worker_id,
                                      member.group_id);
  component_logger("connect")->info("worker_started worker_id={} group={} connectors={}", options_.worker_id,
                                    member.group_id, connectors_.size());
  return Status();
}

Status Worker::await_started(std::unique_lock<std::mutex>& lock) {
  // Requests that arrive while the worker reads its topics back and joins its group wait for it.
  if (!cv_.wait_for(lock, std::chrono::seconds(60), [&] { return started_ || stopped_; }) || stopped_)
    return Status::error(Errc::timed_out, "The worker is not running; try again shortly");
  return Status();
}

void Worker::await_applied(int64_t offset) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, std::chrono::seconds(30), [&] { return settled_offset_ >= offset || stopped_; }))
    component_logger("connect")->warn("config_apply_slow offset={} applied={}", offset, settled_offset_);
}

void Worker::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    cv_.notify_all();
  }
  stopping_ = true;
  if (member_) member_->abort();
  if (herder_.joinable()) herder_.join();
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

// ---- herder thread ----------------------------------------------------------------------------

void Worker::run() {
  auto log = component_logger("connect");
  using Clock = std::chrono::steady_clock;
  auto next_heartbeat = Clock::now() + std::chrono::milliseconds(heartbeat_interval_ms_);
  while (!stopping_) {
    bool rejoin;
    {
      std::lock_guard lock(mu_);
      rejoin = need_rejoin_;
    }
    if (rejoin) {
      rebalance();
      next_heartbeat = Clock::now() + std::chrono::milliseconds(heartbeat_interval_ms_);
      continue;
    }
    auto changed = configs_->poll(50);
    if (!changed.ok()) {
      log->warn("config_topic_read_failed error=\"{}\"", changed.status().to_string());
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    Status polled = statuses_->poll(0);
    if (!polled.ok()) log->warn("status_topic_read_failed error=\"{}\"", polled.to_string());
    auto restarts = configs_->take_restarts();
    std::set<std::string> reconfigs;
    {
      std::lock_guard lock(reconfig_mu_);
      reconfigs.swap(reconfig_requests_);
    }
    {
      std::lock_guard lock(mu_);
      for (const auto& name : reconfigs)
        if (Running* r = find(name)) reconfigure_tasks(name, *r);
      if (!changed->empty()) {
        sync_from_store(*changed);
        // A connector or task appeared or went away: the group must share the work out again.
        if (shape() != shape_assigned_) need_rejoin_ = true;
        reconcile();
      }
      if (!restarts.empty()) handle_restarts(restarts);
    }
    if (Clock::now() >= next_heartbeat) {
      if (member_->heartbeat() == client::GroupMember::Heartbeat::rejoin) {
        std::lock_guard lock(mu_);
        need_rejoin_ = true;
      }
      next_heartbeat = Clock::now() + std::chrono::milliseconds(heartbeat_interval_ms_);
    }
    std::lock_guard lock(mu_);
    if (!need_rejoin_ && configs_->offset() >= written_until_) {
      settled_offset_ = configs_->offset();
      cv_.notify_all();
    }
  }
  // Stop the work first (tasks commit their offsets), then leave so the others take it over at once.
  {
    std::lock_guard lock(mu_);
    for (auto& [name, r] : connectors_) {
      while (!r.runners.empty()) stop_task(r, r.runners.begin()->first);
      stop_instance(r);
    }
    started_ = false;
  }
  member_->leave();
  log->info("worker_stopped worker_id={}", options_.worker_id);
}

std::map<std::string, int> Worker::shape() const {
  std::map<std::string, int> out;
  for (const auto& [name, c] : configs_->connectors()) out[name] = static_cast<int>(c.tasks.size());
  return out;
}

std::map<std::string, ConnectAssignment> Worker::assign(const std::string& protocol,
                                                        const std::vector<client::JoinedMember>& members) {
  auto log = component_logger("connect");
  std::map<std::string, std::string> urls;
  int64_t max_offset = -1;
  for (const auto& m : members) {
    auto metadata = decode_metadata(m.metadata);
    if (!metadata.ok()) {
      log->warn("bad_worker_metadata member={} error=\"{}\"", m.member_id, metadata.status().to_string());
      continue;
    }
    urls[m.member_id] = metadata->url;
    max_offset = std::max(max_offset, metadata->config_offset);
  }
  // The leader assigns from a config view at least as new as every member's.
  if (configs_->offset() < max_offset) {
    auto changed = configs_->read_to_end();
    if (changed.ok()) {
      std::lock_guard lock(mu_);
      sync_from_store(*changed);
    }
  }
  std::map<std::string, ConnectAssignment> out;
  if (configs_->offset() < max_offset) {
    for (const auto& [id, url] : urls)
      out[id] = {.error = ConnectAssignment::kConfigMismatch, .leader = member_->member_id(),
                 .config_offset = configs_->offset()};
    return out;
  }
  out = assign_round_robin(urls, shape(), member_->member_id(), configs_->offset());
  log->info("assignment_computed protocol={} members={} connectors={} config_offset={}", protocol, urls.size(),
            configs_->connectors().size(), configs_->offset());
  return out;
}

void Worker::rebalance() {
  auto log = component_logger("connect");
  {
    std::lock_guard lock(mu_);
    shape_at_join_ = shape();
  }
  WorkerMetadata metadata{"http://" + options_.worker_id + "/", configs_->offset()};
  auto generation = member_->join(
      {{kConnectProtocolName, encode_metadata(metadata)}},
      [this](const std::string& protocol, const std::vector<client::JoinedMember>& members) {
        std::map<std::string, Bytes> out;
        for (const auto& [id, a] : assign(protocol, members)) out[id] = encode_assignment(a);
        return out;
      });
  if (!generation.ok()) {
    if (stopping_) return;
    log->warn("group_join_failed worker_id={} error=\"{}\"", options_.worker_id, generation.status().to_string());
    for (int i = 0; i < 20 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return;
  }
  auto assignment = decode_assignment(generation->assignment);
  if (!assignment.ok() || assignment->error != ConnectAssignment::kNoError) {
    // The leader was behind (or sent nonsense): read further and try again.
    log->warn("assignment_rejected worker_id={} error=\"{}\"", options_.worker_id,
              assignment.ok() ? "config offsets mismatch" : assignment.status().to_string());
    auto changed = configs_->read_to_end();
    std::lock_guard lock(mu_);
    if (changed.ok()) sync_from_store(*changed);
    return;
  }
  std::set<std::string> changed;
  if (configs_->offset() < assignment->config_offset) {
    auto read = configs_->read_to_end();
    if (read.ok()) changed = std::move(*read);
  }
  bool gained = false;
  {
    std::lock_guard lock(mu_);
    for (const auto& t : assignment->tasks) gained = gained || !assignment_.tasks.count(t);
  }
  // Tasks taken over from another worker start from what it committed, not what we read at start.
  if (gained && assigned_once_) {
    Status loaded = offsets_->load();
    if (!loaded.ok()) log->warn("offsets_reload_failed error=\"{}\"", loaded.to_string());
  }
  std::lock_guard lock(mu_);
  sync_from_store(changed);
  assignment_ = std::move(*assignment);
  generation_ = generation->generation_id;
  shape_assigned_ = shape();
  // Something changed while the group rebalanced: the leader may not have seen it. A leader handed an
  // older assignment (a restarted static member takes its old place without a rebalance) asks for a
  // new one: a leader's rejoin always rebalances.
  need_rejoin_ = shape_assigned_ != shape_at_join_ ||
                 (generation->leader_id == generation->member_id && assignment_.config_offset < configs_->offset());
  reconcile();
  assigned_once_ = true;
  started_ = true;
  cv_.notify_all();
  log->info("rebalance_done worker_id={} generation={} leader={} connectors={} tasks={}", options_.worker_id,
            generation_, assignment_.leader_url, assignment_.connectors.size(), assignment_.tasks.size());
}

void Worker::sync_from_store(const std::set<std::string>& changed) {
  const auto& stored = configs_->connectors();
  for (const auto& name : changed) {
    auto it = stored.find(name);
    if (it == stored.end()) {
      if (Running* r = find(name)) {
        while (!r->runners.empty()) stop_task(*r, r->runners.begin()->first);
        stop_instance(*r);
        connectors_.erase(name);
        statuses_->forget(name);
        component_logger("connect")->info("connector_deleted connector={}", name);
      }
      continue;
    }
    Running& r = connectors_[name];
    r.config = it->second.config;
    r.target = it->second.target;
    r.task_configs = it->second.tasks;
    auto cls = r.config.find("connector.class");
    r.plugin = plugins_.find(cls == r.config.end() ? "" : cls->second);
  }
}

void Worker::reconcile() {
  for (auto& [name, r] : connectors_) {
    reconcile_connector(name, r);
    reconcile_tasks(name, r);
  }
}

void Worker::reconcile_connector(const std::string& name, Running& r) {
  if (!assignment_.connectors.count(name)) {
    stop_instance(r);
    r.instance_failed = false;
    r.instance_config.clear();
    return;
  }
  if (r.instance_config != r.config) {
    stop_instance(r);
    r.instance_failed = false;
  }
  auto current = statuses_->connector(name);
  auto put_status = [&](const std::string& state) {
    if (!current || current->state != state || current->worker_id != options_.worker_id)
      statuses_->put_connector(name, state);
  };
  if (!r.plugin) {
    if (!r.instance_failed) {
      auto cls = r.config.find("connector.class");
      statuses_->put_connector(name, "FAILED",
                               "no connector class named " + (cls == r.config.end() ? std::string() : cls->second));
      r.instance_failed = true;
      r.instance_config = r.config;
    }
    return;
  }
  if (r.target == TargetState::stopped) {
    stop_instance(r);
    r.instance_config = r.config;
    if (!r.task_configs.empty()) {
      // A stopped connector has no tasks (Kafka Connect writes an empty task set too).
      int64_t end = -1;
      Status written = configs_->put_task_configs(name, {}, &end);
      if (written.ok()) written_until_ = std::max(written_until_, end);
    }
    if (!current || current->state != "STOPPED" || current->worker_id != options_.worker_id) {
      statuses_->remove_tasks(name, 0);
      statuses_->put_connector(name, "STOPPED");
    }
    return;
  }
  if (!r.instance && !r.instance_failed) start_instance(name, r);
  if (r.instance) put_status(r.target == TargetState::paused ? "PAUSED" : "RUNNING");
}

void Worker::start_instance(const std::string& name, Running& r) {
  auto log = component_logger("connect");
  r.instance_config = r.config;
  if (!r.context)
    r.context = std::make_unique<QueueingContext>([this, name] {
      std::lock_guard lock(reconfig_mu_);
      reconfig_requests_.insert(name);
    });
  r.instance = r.plugin->create();
  r.instance->initialize(r.context.get());
  Status started = r.instance->start(r.config);
  if (!started.ok()) {
    log->error("connector_failed connector={} error=\"{}\"", name, started.message());
    statuses_->put_connector(name, "FAILED", started.message());
    r.instance.reset();
    r.instance_failed = true;
    return;
  }
  int max_tasks = ParsedConfig(common_connector_config_def(r.plugin->type), r.config).get_int("tasks.max");
  std::vector<Config> tasks = r.instance->task_configs(max_tasks);
  if (tasks != r.task_configs) write_task_configs(name, tasks);
  log->info("connector_started connector={} class={} tasks={} state={}", name, r.plugin->class_name, tasks.size(),
            target_state_name(r.target));
}

void Worker::write_task_configs(const std::string& name, const std::vector<Config>& tasks) {
  // Every worker (this one too) picks the new task configs up from the config topic; a changed task
  // count changes the shape, so the group rebalances.
  int64_t end = -1;
  Status written = configs_->put_task_configs(name, tasks, &end);
  if (written.ok())
    written_until_ = std::max(written_until_, end);
  else
    component_logger("connect")->warn("task_configs_write_failed connector={} error=\"{}\"", name,
                                      written.to_string());
  statuses_->remove_tasks(name, static_cast<int>(tasks.size()));
}

void Worker::reconfigure_tasks(const std::string& name, Running& r) {
  // Only the worker running the instance answers; a stopped connector has no tasks.
  if (!r.instance || !r.plugin || r.target == TargetState::stopped) return;
  int max_tasks = ParsedConfig(common_connector_config_def(r.plugin->type), r.config).get_int("tasks.max");
  std::vector<Config> tasks = r.instance->task_configs(max_tasks);
  if (tasks == r.task_configs) return;
  component_logger("connect")->info("task_reconfiguration connector={} tasks={} was={}", name, tasks.size(),
                                    r.task_configs.size());
  write_task_configs(name, tasks);
}

void Worker::stop_instance(Running& r) {
  if (r.instance) r.instance->stop();
  r.instance.reset();
}

void Worker::reconcile_tasks(const std::string& name, Running& r) {
  std::set<int> mine;
  for (const auto& [connector, task] : assignment_.tasks)
    if (connector == name && task < static_cast<int>(r.task_configs.size())) mine.insert(task);
  if (r.target != TargetState::started || !r.plugin) mine.clear();
  std::vector<int> running;
  for (const auto& [id, _] : r.runners) running.push_back(id);
  for (int id : running)
    if (!mine.count(id)) stop_task(r, id);
  if (r.target == TargetState::paused && r.plugin) {
    for (const auto& [connector, task] : assignment_.tasks) {
      if (connector != name || task >= static_cast<int>(r.task_configs.size()) || r.paused_tasks.count(task)) continue;
      statuses_->put_task(name, task, "PAUSED");
      r.paused_tasks.insert(task);
    }
    return;
  }
  r.paused_tasks.clear();
  for (int id : mine) {
    auto runner = r.runners.find(id);
    bool same = runner != r.runners.end() && r.runner_configs[id] == r.task_configs[id] &&
                r.runner_connector_configs[id] == r.config;
    if (same) continue;
    if (runner != r.runners.end()) stop_task(r, id);
    auto created = make_runner(name, r, id);
    if (!created) continue;
    created->start();
    r.runners[id] = std::move(created);
  }
}

void Worker::stop_task(Running& r, int task) {
  auto it = r.runners.find(task);
  if (it == r.runners.end()) return;
  if (it->second) it->second->stop();
  r.runners.erase(it);
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
  r.runner_configs[task] = r.task_configs[task];
  r.runner_connector_configs[task] = r.config;
  statuses_->put_task(name, task, "UNASSIGNED");
  // Tasks come from a fresh instance: the connector itself may run on another worker.
  auto factory = r.plugin->create();
  if (auto* source = dynamic_cast<SourceConnector*>(factory.get()))
    return std::make_unique<SourceTaskRunner>(std::move(setup), source->create_task());
  if (auto* sink = dynamic_cast<SinkConnector*>(factory.get()))
    return std::make_unique<SinkTaskRunner>(std::move(setup), sink->create_task());
  return nullptr;
}

bool Worker::runs_everything(const std::string& name, const Running& r) const {
  if (!assignment_.connectors.count(name)) return false;
  for (size_t i = 0; i < r.task_configs.size(); ++i)
    if (!assignment_.tasks.count({name, static_cast<int>(i)})) return false;
  return true;
}

void Worker::restart_here(const std::string& name, Running& r, int task, bool include_tasks, bool only_failed) {
  if (task >= 0) {
    if (r.target != TargetState::started) return;
    stop_task(r, task);
    reconcile_tasks(name, r);
    return;
  }
  bool owner = assignment_.connectors.count(name) > 0;
  bool connector_failed = owner && statuses_->connector(name).value_or(StateInfo{}).state == "FAILED";
  bool any_task_failed = false;
  for (const auto& [_, runner] : r.runners) any_task_failed = any_task_failed || (runner && runner->failed());
  if (only_failed && !connector_failed && !(include_tasks && any_task_failed)) return;
  if (owner && (!only_failed || connector_failed)) {
    stop_instance(r);
    r.instance_failed = false;
    r.instance_config.clear();
  }
  if (include_tasks) {
    std::vector<int> ids;
    for (const auto& [id, runner] : r.runners)
      if (!only_failed || (runner && runner->failed())) ids.push_back(id);
    for (int id : ids) stop_task(r, id);
  }
  reconcile_connector(name, r);
  reconcile_tasks(name, r);
}

void Worker::handle_restarts(const std::vector<RestartRequest>& restarts) {
  for (const auto& req : restarts) {
    Running* r = find(req.connector);
    if (!r) continue;
    if (req.task >= 0 && !r->runners.count(req.task)) continue;
    restart_here(req.connector, *r, req.task, req.include_tasks, req.only_failed);
  }
}

// ---- REST -------------------------------------------------------------------------------------

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
  out.connector = statuses_->connector(name).value_or(StateInfo{"UNASSIGNED", "", ""});
  if (r->target != TargetState::stopped) {
    for (size_t i = 0; i < r->task_configs.size(); ++i) {
      int id = static_cast<int>(i);
      out.tasks.emplace_back(id, statuses_->task(name, id).value_or(StateInfo{"UNASSIGNED", "", ""}));
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
  {
    std::unique_lock lock(mu_);
    TRY_STATUS(await_started(lock));
    bool exists = find(name) != nullptr;
    if (exists && !allow_replace) return Status::error(Errc::already_exists, "Connector " + name + " already exists");
    *created = !exists;
  }
  int64_t end = -1;
  TRY_STATUS(configs_->put_connector(name, config, &end));
  component_logger("connect")->info("connector_{} connector={}", *created ? "created" : "updated", name);
  await_applied(end);
  std::lock_guard lock(mu_);
  const Running* r = find(name);
  return ConnectorInfo{name, r ? r->config : config, r ? static_cast<int>(r->task_configs.size()) : 0, plugin->type};
}

Status Worker::delete_connector(const std::string& name) {
  {
    std::unique_lock lock(mu_);
    TRY_STATUS(await_started(lock));
    if (!find(name)) return connector_not_found(name);
  }
  int64_t end = -1;
  TRY_STATUS(configs_->remove_connector(name, &end));
  await_applied(end);
  statuses_->remove(name);
  return Status();
}

Status Worker::set_target_state(const std::string& name, TargetState state) {
  {
    std::unique_lock lock(mu_);
    TRY_STATUS(await_started(lock));
    Running* r = find(name);
    if (!r) return connector_not_found(name);
    if (r->target == state) return Status();
  }
  int64_t end = -1;
  TRY_STATUS(configs_->put_target_state(name, state, &end));
  await_applied(end);
  return Status();
}

Status Worker::restart_connector(const std::string& name, bool include_tasks, bool only_failed) {
  {
    std::unique_lock lock(mu_);
    TRY_STATUS(await_started(lock));
    Running* r = find(name);
    if (!r) return connector_not_found(name);
    if (runs_everything(name, *r)) {
      restart_here(name, *r, -1, include_tasks, only_failed);
      return Status();
    }
  }
  // Parts run elsewhere: the request goes through the config topic to every worker.
  int64_t end = -1;
  TRY_STATUS(configs_->request_restart({name, -1, include_tasks, only_failed}, &end));
  await_applied(end);
  return Status();
}

Status Worker::restart_task(const std::string& name, int task) {
  {
    std::unique_lock lock(mu_);
    TRY_STATUS(await_started(lock));
    Running* r = find(name);
    if (!r) return connector_not_found(name);
    if (task < 0 || task >= static_cast<int>(r->task_configs.size()))
      return Status::error(Errc::not_found, fmt::format("Task {}-{} not found", name, task));
    if (r->target != TargetState::started) return Status();
    if (r->runners.count(task)) {
      restart_here(name, *r, task, false, false);
      return Status();
    }
  }
  int64_t end = -1;
  TRY_STATUS(configs_->request_restart({name, task, false, false}, &end));
  await_applied(end);
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
  {
    std::lock_guard lock(mu_);
    if (!find(name)) return connector_not_found(name);
  }
  // Tasks on other workers commit there: the offsets topic, not this worker's copy, is the answer.
  Status loaded = offsets_->load();
  if (!loaded.ok()) component_logger("connect")->warn("offsets_reload_failed error=\"{}\"", loaded.to_string());
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
