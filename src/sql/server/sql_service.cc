#include "sql/server/sql_service.h"

#include <charconv>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "common/logging.h"
#include "common/thread_name.h"
#include "sql/engine/query_metrics.h"
#include "sql/parser/parser.h"
#include "sql/state/memory_state_store.h"

namespace tributary::sql {
namespace {

// Persistent queries keep state in RocksDB; push queries in memory (they never resume).
class ServerStateFactory : public StateStoreFactory {
 public:
  explicit ServerStateFactory(std::string root) : rocks_(std::move(root)) {}
  std::unique_ptr<StateStore> open(const std::string& query_id, const std::string& store_name) override {
    if (query_id.rfind("transient_", 0) == 0) return std::make_unique<MemoryStateStore>();
    return rocks_.open(query_id, store_name);
  }
  RocksDbStateStoreFactory& rocks() { return rocks_; }

 private:
  RocksDbStateStoreFactory rocks_;
};

}  // namespace

namespace {

// Tells this process's commands from other servers' in the shared command log.
std::string new_instance_id() {
  std::random_device random;
  return fmt::format("{:08x}{:08x}", random(), random());
}

}  // namespace

SqlService::SqlService(SqlServiceOptions options) : options_(std::move(options)), instance_id_(new_instance_id()) {}

SqlService::~SqlService() { stop(); }

Status SqlService::start() {
  auto log = component_logger("sql");
  auto topics = KafkaTopicStore::create(options_.bootstrap_servers);
  if (!topics.ok()) return topics.status();
  topics_ = std::move(*topics);
  EngineOptions engine_options;
  engine_options.service_id = options_.service_id;
  engine_options.processing_log_topic = options_.service_id + "ksql_processing_log";
  engine_options.properties = options_.properties;
  engine_options.repartition = true;
  auto factory = std::make_unique<ServerStateFactory>(options_.state_dir);
  state_ = &factory->rocks();
  engine_ = std::make_unique<Engine>(*topics_, engine_options, std::move(factory));
  commands_ = std::make_unique<CommandLog>(options_.bootstrap_servers,
                                           "_confluent-ksql-" + options_.service_id + "_command_topic", *topics_);
  TRY_STATUS(commands_->ensure_topic());
  int64_t next_command = 0;
  auto commands = commands_->read_all(next_command);
  if (!commands.ok()) return commands.status();
  {
    std::lock_guard lock(mu_);
    for (const auto& c : *commands) {
      auto r = engine_->execute(c.statement, c.properties);
      if (!r.ok()) log->warn("command_replay_failed statement=\"{}\" error=\"{}\"", c.statement, r.status().message());
    }
  }
  log->info("sql_started commands_replayed={} bootstrap={}", commands->size(), options_.bootstrap_servers);
  remove_orphaned_topics();
  // Statements other servers of the service run from now on reach this one through the log.
  followed_ = next_command;
  command_follower_ = std::thread([this, next_command] {
    name_this_thread("sql-commands");
    Status s = commands_->follow(
        next_command,
        [this](const Command* c, int64_t next_offset) {
          if (c) apply_command(*c);
          std::lock_guard lock(followed_mu_);
          followed_ = next_offset;
          followed_cv_.notify_all();
        },
        stopping_);
    if (!s.ok()) component_logger("sql")->error("command_follow_failed error=\"{}\"", s.message());
  });
  started_ = true;
  collector_ = metrics::registry().add_collector([this](metrics::CollectorSink& sink) { collect(sink); });
  return Status();
}

void SqlService::remove_orphaned_topics() {
  std::set<std::string> live;
  int64_t next_number = 0;
  {
    std::lock_guard lock(mu_);
    for (const auto& q : engine_->queries()) live.insert(q.id);
    next_number = engine_->next_query_number();
  }
  const std::string prefix = query_group_prefix();
  for (const std::string& topic : topics_->list()) {
    if (!topic.starts_with(prefix)) continue;
    std::string_view suffix;
    for (std::string_view s : {kGroupByRepartition, kJoinRepartition}) {
      if (topic.ends_with(s)) suffix = s;
    }
    if (suffix.empty()) continue;
    std::string id = topic.substr(prefix.size(), topic.size() - prefix.size() - suffix.size());
    // Queries numbered from next_number on were created after the command log was read here
    // (another server runs them): not orphans.
    int64_t number = -1;
    std::string_view digits = std::string_view(id).substr(id.rfind('_') + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (live.count(id) || ec != std::errc() || end != digits.data() + digits.size() || number >= next_number) continue;
    Status removed = topics_->remove(topic);
    component_logger("sql")->info("orphaned_topic_removed topic={} ok={}", topic, removed.ok());
  }
}

void SqlService::apply_command(const Command& command) {
  if (command.origin == instance_id_) return;  // run here already
  Result<std::vector<StatementResult>> r = [&] {
    std::lock_guard lock(mu_);
    return engine_->execute(command.statement, command.properties);
  }();
  auto log = component_logger("sql");
  if (!r.ok()) {
    log->warn("command_apply_failed statement=\"{}\" error=\"{}\"", command.statement, r.status().message());
    return;
  }
  log->info("command_applied origin={} statement=\"{}\"", command.origin, command.statement);
  sync_runners();
}

Status SqlService::catch_up() {
  auto end = commands_->end_offset();
  if (!end.ok()) return end.status();
  std::unique_lock lock(followed_mu_);
  if (!followed_cv_.wait_for(lock, std::chrono::seconds(10), [&] { return followed_ >= *end; }))
    return Status::error(Errc::timed_out, "this server could not catch up with the command log in time");
  return Status();
}

void SqlService::collect(metrics::CollectorSink& sink) const {
  std::lock_guard lock(runners_mu_);
  sink.gauge("tributary_sql_queries_running", "Persistent queries running on this server.", {},
             static_cast<double>(runners_.size()));
  for (const auto& [id, runner] : runners_) {
    sink.counter("tributary_sql_query_records_processed_total",
                 "Source records a persistent query has processed since it started on this server.",
                 {{"query_id", id}}, static_cast<double>(runner->processed()));
    sink.gauge("tributary_sql_query_active",
               "1 when this server runs the query now: a query with state runs on one server at a time.",
               {{"query_id", id}}, runner->active() ? 1.0 : 0.0);
    if (runner->stateful()) {
      sink.gauge("tributary_sql_query_state_store_size_bytes",
                 "RocksDB's estimate of the query's state here: SST files plus memtables.", {{"query_id", id}},
                 static_cast<double>(runner->state_size_bytes()));
      sink.gauge("tributary_sql_query_tasks", "Tasks (source partitions) of the query this server runs now; 1 for a "
                 "query with state run whole here.", {{"query_id", id}},
                 static_cast<double>(runner->owned_tasks().size()));
    }
  }
}

void SqlService::stop() {
  if (!started_) return;
  started_ = false;
  stopping_ = true;
  if (command_follower_.joinable()) command_follower_.join();
  collector_.reset();
  std::map<std::string, std::unique_ptr<QueryRunner>> runners;
  {
    std::lock_guard lock(runners_mu_);
    runners.swap(runners_);
  }
  for (auto& [id, r] : runners) r->stop();
  if (topics_) (void)topics_->flush();
}

std::string SqlService::query_group_prefix() const { return query_name_prefix(options_.service_id); }

std::string SqlService::changelog_topic(const std::string& query_id) const {
  return query_topic_name(options_.service_id, query_id, kChangelog);
}

std::string SqlService::advertised_url() const {
  std::lock_guard lock(runners_mu_);
  return options_.advertised_url;
}

void SqlService::run_queries(const std::string& advertised_url) {
  {
    std::lock_guard lock(runners_mu_);
    options_.advertised_url = advertised_url;
    queries_running_ = true;
  }
  sync_runners();
}

void SqlService::sync_runners() {
  std::vector<Engine::QueryInfo> queries;
  {
    std::lock_guard lock(mu_);
    queries = engine_->queries();
  }
  std::lock_guard lock(runners_mu_);
  if (!queries_running_) return;
  std::map<std::string, bool> live;
  for (const auto& q : queries) {
    if (q.transient) continue;
    live[q.id] = true;
    if (runners_.count(q.id)) continue;
    std::vector<QueryTask> tasks;
    bool as_tasks = false;
    if (q.stateful) {
      auto made = query_tasks(q, as_tasks);
      if (!made.ok()) {
        component_logger("sql")->error("changelog_failed id={} error=\"{}\"", q.id, made.status().message());
        continue;
      }
      tasks = std::move(*made);
    }
    QueryRunnerContext ctx{options_.bootstrap_servers, query_group_prefix(), *engine_, mu_, *topics_,
                           options_.advertised_url};
    auto runner = std::make_unique<QueryRunner>(ctx, q, std::move(tasks), as_tasks, false);
    Status s = runner->start(false);
    if (!s.ok()) {
      component_logger("sql")->error("query_start_failed id={} error=\"{}\"", q.id, s.message());
      continue;
    }
    runners_[q.id] = std::move(runner);
    query_records_failed(q.id);  // the series exists (at 0) from the start
  }
  for (auto it = runners_.begin(); it != runners_.end();) {
    if (live.count(it->first) || it->first.rfind("transient_", 0) == 0) {
      ++it;
    } else {
      // The query was terminated or dropped (here or on another server): its changelog goes too,
      // as ksqlDB deletes a terminated query's internal topics.
      bool stateful = it->second->stateful();
      it->second->stop();
      if (stateful) {
        // The repartition topic stays until a server starts (remove_orphaned_topics): deleting a
        // topic that another worker's consumer still has assigned can hang that consumer's
        // destruction in librdkafka 2.0.
        Status removed = topics_->remove(changelog_topic(it->first));
        if (!removed.ok() && removed.code() != Errc::not_found)
          component_logger("sql")->warn("changelog_delete_failed id={} error=\"{}\"", it->first, removed.message());
      }
      it = runners_.erase(it);
    }
  }
}

Result<std::vector<QueryTask>> SqlService::query_tasks(const Engine::QueryInfo& q, bool& as_tasks) {
  // A query whose state splits by source partition runs as a task per partition, its changelog
  // made with as many partitions. The changelog, which every worker sees alike, decides: one made
  // with one partition (by a query run whole, or an older version) keeps the query whole.
  std::string topic = changelog_topic(q.id);
  // Task p reads partition p of every source topic: only co-partitioned sources (equal counts) can.
  int32_t source_partitions = q.source_topics.empty() ? 1 : std::max(topics_->partitions(q.source_topics.front()), 1);
  std::optional<std::string> differing;
  for (const auto& t : q.source_topics) {
    if (std::max(topics_->partitions(t), 1) != source_partitions) differing = t;
  }
  int32_t wanted = q.state_per_partition && !differing ? source_partitions : 1;
  TRY_STATUS(topics_->create_compacted(topic, wanted));  // an existing changelog keeps its partitions
  // Every worker must see the same count (it decides how the query runs): wait for the metadata.
  int32_t existing = topics_->partitions(topic);
  for (int attempt = 0; existing == 0 && attempt < 50; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    existing = topics_->partitions(topic);
  }
  if (existing == 0) return Status::error(Errc::timed_out, "changelog topic " + topic + " did not appear");
  as_tasks = existing > 1;
  if (as_tasks && (!q.state_per_partition || existing != source_partitions || differing)) {
    // Tasks over other partitions than the sources' would skip records or split groups.
    return Status::error(Errc::invalid_argument,
                         fmt::format("the changelog {} has {} partitions but the source topic {} has {}: a query run as "
                                     "tasks needs one per source partition",
                                     topic, existing, differing.value_or(q.source_topics.front()),
                                     topics_->partitions(differing.value_or(q.source_topics.front()))));
  }
  std::vector<QueryTask> tasks;
  for (int32_t p = 0; p < (as_tasks ? source_partitions : 1); ++p) {
    RocksDbQueryState* state = state_->query(as_tasks ? Engine::task_state_id(q.id, p) : q.id);
    if (!state) return Status::error(Errc::io_error, "cannot open the state of query " + q.id);
    QueryTask task;
    task.partition = p;
    task.state = state;
    task.changelog = std::make_unique<QueryChangelog>(options_.bootstrap_servers, topic, p, *topics_);
    task.changelog->attach(*state);
    tasks.push_back(std::move(task));
  }
  return tasks;
}

Result<Statement> SqlService::parse(std::string_view text) {
  std::lock_guard lock(mu_);
  VariableResolver resolver = [this](const std::string& name) { return engine_->variable(name); };
  return parse_statement(text, resolver);
}

std::vector<StatementResult> SqlService::execute(std::string_view text, const PropertyMap& properties,
                                                 std::optional<SqlError>& error) {
  std::vector<StatementResult> results;
  Result<std::vector<Statement>> statements = [&] {
    std::lock_guard lock(mu_);
    VariableResolver resolver = [this](const std::string& name) { return engine_->variable(name); };
    return parse_script(text, resolver);
  }();
  if (!statements.ok()) {
    error = Engine::to_sql_error(statements.status(), std::string(text));
    return results;
  }
  for (const auto& s : *statements) {
    // A statement that changes the catalogue runs after every command other servers logged before
    // it, and reaches the log before the next one here runs: servers apply them in one order.
    std::unique_lock<std::mutex> catalogue_lock(catalogue_mu_, std::defer_lock);
    if (changes_catalogue(s)) {
      catalogue_lock.lock();
      if (Status caught_up = catch_up(); !caught_up.ok()) {
        error = SqlError{50000, caught_up.message(), s.text};
        return results;
      }
    }
    Result<StatementResult> r = [&] {
      std::lock_guard lock(mu_);
      return engine_->execute(s, properties);
    }();
    if (!r.ok()) {
      error = Engine::to_sql_error(r.status(), s.text);
      return results;
    }
    if (changes_catalogue(s)) {
      Status logged = commands_->append(Command{s.text, properties, instance_id_});
      if (!logged.ok()) {
        // The statement ran but would not survive a restart: say so rather than pretend.
        error = SqlError{50000, "Statement executed but could not be written to the command log: " + logged.message(),
                         s.text};
        return results;
      }
      sync_runners();
    }
    results.push_back(std::move(*r));
  }
  return results;
}

Result<PullRoute> SqlService::pull_route(const Statement& statement) {
  std::optional<std::string> query_id;
  {
    std::lock_guard lock(mu_);
    query_id = engine_->pull_query_state_owner(statement);
  }
  if (!query_id) return PullRoute{};
  // What this worker runs of the query. Without a runner here (not started yet, or it failed to)
  // it keeps none of the table: the worker running it whole, or its task holders, answer.
  struct Here {
    bool whole = false;
    bool as_tasks = false;
    int32_t task_count = 0;
    std::vector<int32_t> owned;
  };
  auto here = [&] {
    std::lock_guard lock(runners_mu_);
    auto it = runners_.find(*query_id);
    if (it == runners_.end()) return Here{};
    const QueryRunner& r = *it->second;
    return Here{r.active() && !r.as_tasks(), r.as_tasks(), r.task_count(), r.owned_tasks()};
  };
  // While the group rebalances (a worker joining or leaving) some changelog partitions have no
  // holder for a moment: a few seconds at most, the members' heartbeat interval plus the hand-over.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (true) {
    Here h = here();
    if (h.whole) return PullRoute{};
    auto owners = query_task_owners(topics_->admin_handle(), query_group_prefix() + *query_id, changelog_topic(*query_id));
    if (!owners.ok()) return owners.status();
    std::string me = advertised_url();
    PullRoute route;
    bool complete = true;
    if (!h.as_tasks) {
      auto it = owners->find(0);
      complete = it != owners->end() && it->second != me;
      if (complete) {
        route.here = false;
        route.remote[it->second] = {};
      }
    } else {
      route.local_tasks = std::vector<int32_t>();
      for (int32_t p = 0; p < h.task_count && complete; ++p) {
        auto it = owners->find(p);
        if (std::find(h.owned.begin(), h.owned.end(), p) != h.owned.end()) {
          route.local_tasks->push_back(p);
        } else if (it != owners->end() && it->second != me) {
          route.remote[it->second].push_back(p);
        } else {
          complete = false;
        }
      }
    }
    if (complete) return route;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return Status::error(Errc::io_error, "No server runs query " + *query_id + " at the moment (it is moving to another "
                                       "server); retry the pull query shortly");
}

Result<std::pair<QueryHeader, std::vector<PushRow>>> SqlService::pull(const Statement& statement,
                                                                      const PropertyMap& properties,
                                                                      const std::optional<std::vector<int32_t>>& tasks) {
  std::lock_guard lock(mu_);
  return engine_->pull_query(statement, properties, tasks);
}

Result<std::shared_ptr<PushSubscription>> SqlService::push(const Statement& statement, const PropertyMap& properties,
                                                           std::function<void(const PushRow&)> on_row) {
  std::shared_ptr<PushQueryHandle> handle;
  Engine::QueryInfo info;
  {
    std::lock_guard lock(mu_);
    auto h = engine_->start_push_query(statement, properties, std::move(on_row));
    if (!h.ok()) return h.status();
    handle = *h;
    for (const auto& q : engine_->queries()) {
      if (q.id == handle->header().query_id) info = q;
    }
  }
  auto reset = properties.find("auto.offset.reset");
  bool from_latest = reset == properties.end() || reset->second != "earliest";
  QueryRunnerContext ctx{options_.bootstrap_servers, "_confluent-ksql-" + options_.service_id, *engine_, mu_, *topics_,
                         advertised_url()};
  auto runner = std::make_shared<QueryRunner>(ctx, info, std::vector<QueryTask>{}, false, from_latest);
  Status s = runner->start(true);
  auto close = [this, runner, handle] {
    runner->stop();
    std::lock_guard lock(mu_);
    handle->close();
  };
  if (!s.ok()) {
    close();
    return s;
  }
  return std::make_shared<PushSubscription>(handle->header(), close);
}

}  // namespace tributary::sql
