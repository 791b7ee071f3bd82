#include "broker/broker.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "broker/group/group_coordinator.h"
#include "broker/network_server.h"
#include "broker/producer_ids.h"
#include "common/clock.h"
#include "common/logging.h"
#include "common/thread_name.h"

namespace tributary::broker {
namespace fs = std::filesystem;

bool split_host_port(const std::string& address, std::string* host, uint16_t* port) {
  auto colon = address.rfind(':');
  if (colon == std::string::npos) return false;
  std::string h = address.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  auto p = parse_long(address.substr(colon + 1));
  if (!p || *p < 0 || *p > 65535) return false;
  *host = h.empty() ? "0.0.0.0" : h;
  *port = static_cast<uint16_t>(*p);
  return true;
}

namespace {

// Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (22 characters).
std::string new_cluster_id() {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::random_device rd;
  std::string id;
  for (int i = 0; i < 22; ++i) id += kAlphabet[rd() % 64];
  return id;
}

}  // namespace

Broker::Broker(BrokerConfig config, fs::path data_dir) : config_(std::move(config)), data_dir_(std::move(data_dir)) {}

Broker::~Broker() { stop(); }

Status Broker::load_cluster_id() {
  fs::path meta = data_dir_ / "meta.properties";
  std::ifstream in(meta);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("cluster.id=", 0) == 0) identity_.cluster_id = line.substr(11);
  }
  if (!identity_.cluster_id.empty()) return Status();
  identity_.cluster_id = new_cluster_id();
  std::ofstream out(meta);
  out << "# written by tributary on first start\nversion=1\ncluster.id=" << identity_.cluster_id
      << "\nnode.id=" << identity_.node_id << "\n";
  if (!out) return Status::error(Errc::io_error, "cannot write " + meta.string());
  return Status();
}

// Two brokers on one data directory would interleave writes into the same segments; the kernel
// drops the lock when the process dies, so a kill -9 never leaves it stale.
Status Broker::lock_data_dir() {
  fs::path path = data_dir_ / ".lock";
  lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) return Status::error(Errc::io_error, "cannot open " + path.string());
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
    return Status::error(Errc::already_exists,
                         fmt::format("data dir {} is in use by another tributary process", data_dir_.string()));
  return Status();
}

Status Broker::start(const std::string& listen) {
  auto log = component_logger("broker");
  std::string host;
  uint16_t port = 0;
  if (!split_host_port(listen, &host, &port))
    return Status::error(Errc::invalid_argument, fmt::format("bad listen address '{}': expected HOST:PORT", listen));
  std::error_code ec;
  fs::create_directories(data_dir_, ec);
  if (ec) return Status::error(Errc::io_error, fmt::format("cannot create data dir {}: {}", data_dir_.string(), ec.message()));
  TRY_STATUS(lock_data_dir());
  identity_.node_id = config_.node_id();
  TRY_STATUS(load_cluster_id());
  producer_ids_ = std::make_unique<ProducerIdManager>(data_dir_ / "producer-ids",
                                                      config_.values().get_long("producer.id.expiration.ms"));
  TRY_STATUS(producer_ids_->load());

  fs::path log_dir = config_.values().get("log.dirs");
  if (log_dir.empty()) log_dir = data_dir_ / "log";
  fs::create_directories(log_dir, ec);
  if (ec) return Status::error(Errc::io_error, fmt::format("cannot create log dir {}: {}", log_dir.string(), ec.message()));
  topics_ = std::make_unique<TopicManager>(config_, log_dir);
  TRY_STATUS(topics_->load());
  group_commit_.start();
  groups_ = std::make_unique<group::GroupCoordinator>(config_, *topics_, group_commit_);
  TRY_STATUS(groups_->start());

  server_ = std::make_unique<NetworkServer>(*this, config_.network_threads());
  TRY_STATUS(server_->listen(host, port));
  identity_.port = server_->port();
  identity_.host = host == "0.0.0.0" || host == "::" ? "localhost" : host;
  std::string advertised = config_.values().get("advertised.listeners");
  if (!advertised.empty()) {
    std::string address = advertised.substr(advertised.find("://") == std::string::npos ? 0 : advertised.find("://") + 3);
    uint16_t adv_port = 0;
    if (!split_host_port(address, &identity_.host, &adv_port))
      return Status::error(Errc::invalid_argument, "bad advertised.listeners '" + advertised + "'");
    identity_.port = adv_port;
  }
  server_->start();
  collectors_ = register_broker_collectors(*topics_, *groups_);
  housekeeper_ = std::thread([this] {
    name_this_thread("log-housekeeper");
    housekeeping_loop();
  });
  log->info("kafka_listener_started address={}:{} advertised={}:{} threads={} cluster_id={} data_dir={}", host,
            server_->port(), identity_.host, identity_.port, config_.network_threads(), identity_.cluster_id,
            data_dir_.string());
  return Status();
}

uint16_t Broker::port() const { return server_ ? server_->port() : 0; }

// Retention, rolls by age, compaction and the optional periodic flush of acks=0/1 data.
void Broker::housekeeping_loop() {
  int64_t retention_interval = config_.retention_check_interval_ms();
  int64_t flush_interval = config_.values().is_set("log.flush.interval.ms") ? config_.flush_interval_ms() : -1;
  int64_t tick = flush_interval > 0 ? std::min(retention_interval, flush_interval) : retention_interval;
  int64_t next_retention = steady_ms() + retention_interval;
  std::unique_lock lock(housekeeper_mutex_);
  while (!stopping_) {
    housekeeper_cv_.wait_for(lock, std::chrono::milliseconds(tick), [&] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    if (flush_interval > 0)
      for (auto& p : topics_->all_partitions()) p->log().sync();
    if (steady_ms() >= next_retention) {
      topics_->maintain(now_ms());
      next_retention = steady_ms() + retention_interval;
    }
    lock.lock();
  }
}

void Broker::stop() {
  {
    std::lock_guard lock(housekeeper_mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  housekeeper_cv_.notify_all();
  collectors_.reset();  // waits for a scrape in progress, which reads topics_ and groups_
  if (housekeeper_.joinable()) housekeeper_.join();
  if (server_) server_->stop();
  if (groups_) groups_->stop();
  group_commit_.stop();
  if (topics_) topics_->close_all();
  if (lock_fd_ >= 0) ::close(lock_fd_);
  component_logger("broker")->info("broker_stopped");
}

}  // namespace tributary::broker
