#include "app/sql_service_host.h"

#include <boost/asio/ip/host_name.hpp>

#include <charconv>

#include "http/server.h"
#include "sql/rest/sql_rest.h"
#include "sql/server/sql_service.h"

namespace tributary::app {

struct SqlServiceHost::Impl {
  std::unique_ptr<sql::SqlService> service;
  std::unique_ptr<sql::SqlRestContext> rest;
  std::unique_ptr<http::Server> server;
};

std::string loopback_address(const std::string& listen) {
  auto colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") return "127.0.0.1" + listen.substr(colon);
  return listen;
}

std::string advertised_url(const std::string& listen_host, uint16_t port) {
  std::string host = listen_host;
  if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") host = boost::asio::ip::host_name();
  return "http://" + host + ":" + std::to_string(port);
}

Result<std::unique_ptr<SqlServiceHost>> SqlServiceHost::start(const std::string& bootstrap_servers,
                                                              const std::string& listen, const std::string& data_dir,
                                                              const std::string& service_id) {
  auto colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    std::string_view digits(listen.data() + colon + 1, listen.size() - colon - 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port < 0 || port > 65535) port = -1;
  }
  if (port < 0) return Status::error(Errc::invalid_argument, "--sql-listen expects host:port, got '" + listen + "'");
  auto impl = std::make_unique<Impl>();
  sql::SqlServiceOptions options;
  options.bootstrap_servers = bootstrap_servers;
  options.state_dir = data_dir + "/sql-state";
  options.service_id = service_id;
  impl->service = std::make_unique<sql::SqlService>(options);
  TRY_STATUS(impl->service->start());
  impl->rest = std::unique_ptr<sql::SqlRestContext>(new sql::SqlRestContext{*impl->service, {}});
  http::Router router;
  sql::add_sql_routes(router, *impl->rest);
  http::ServerOptions server_options;
  server_options.name = "sql";
  server_options.address = listen.substr(0, colon);
  server_options.port = static_cast<uint16_t>(port);
  server_options.threads = 4;
  server_options.error_formatter = sql::ksql_http_error;
  impl->server = std::make_unique<http::Server>(server_options, std::move(router));
  TRY_STATUS(impl->server->start());
  impl->service->run_queries(advertised_url(listen.substr(0, colon), impl->server->port()));
  return std::unique_ptr<SqlServiceHost>(new SqlServiceHost(std::move(impl)));
}

SqlServiceHost::SqlServiceHost(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqlServiceHost::~SqlServiceHost() { stop(); }

uint16_t SqlServiceHost::port() const { return impl_ && impl_->server ? impl_->server->port() : 0; }

void SqlServiceHost::stop() {
  if (!impl_) return;
  if (impl_->server) impl_->server->stop();
  if (impl_->service) impl_->service->stop();
  impl_.reset();
}

}  // namespace tributary::app
