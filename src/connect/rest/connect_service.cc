#include "connect/rest/connect_service.h"

#include <unistd.h>

#include "common/logging.h"
#include "connect/rest/connect_rest.h"
#include "http/observability.h"

namespace tributary::connect {
namespace {

bool split_listen(const std::string& listen, std::string* host, uint16_t* port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  *host = listen.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  try {
    int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    *port = static_cast<uint16_t>(p);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace

ConnectService::ConnectService(ConnectServiceOptions options, PluginRegistry plugins)
    : options_(std::move(options)), plugins_(std::move(plugins)) {}

ConnectService::~ConnectService() { stop(); }

Status ConnectService::start() {
  http::ServerOptions server_options;
  server_options.name = "connect";
  if (!split_listen(options_.listen, &server_options.address, &server_options.port))
    return Status::error(Errc::invalid_argument, "bad connect listen address '" + options_.listen + "'");
  server_options.threads = 2;

  WorkerOptions worker_options;
  worker_options.bootstrap_servers = options_.bootstrap_servers;
  worker_options.config = options_.worker_config;
  worker_options.client_props = options_.client_props;
  worker_ = std::make_unique<Worker>(worker_options, plugins_);
  http::Router router;
  rest::add_connect_routes(router, *worker_);
  http::add_observability_routes(router, [this] {
    return worker_started_ ? http::ReadyState::ok() : http::ReadyState::waiting_for("connect: worker starting");
  });
  server_ = std::make_unique<http::Server>(server_options, std::move(router));
  TRY_STATUS(server_->start());
  // The worker id names the REST endpoint, whose port is known once bound (port 0 picks one).
  std::string host = server_options.address;
  if (host.empty() || host == "0.0.0.0" || host == "::") {
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    host = name;
  }
  worker_->set_worker_id(host + ":" + std::to_string(server_->port()));
  TRY_STATUS(worker_->start());
  worker_started_ = true;
  component_logger("connect")->info("connect_listening address={}:{} worker_id={} bootstrap={}",
                                    server_options.address, server_->port(), worker_->worker_id(),
                                    options_.bootstrap_servers);
  return Status();
}

void ConnectService::stop() {
  worker_started_ = false;
  if (server_) server_->stop();
  if (worker_) worker_->stop();
}

uint16_t ConnectService::port() const { return server_ ? server_->port() : 0; }

}  // namespace tributary::connect
