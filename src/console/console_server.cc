#include "console/console_server.h"

#include <charconv>

#include "common/logging.h"
#include "console/api_util.h"
#include "console/console_context.h"
#include "console/groups.h"
#include "console/messages.h"
#include "console/overview.h"
#include "console/proxy.h"
#include "console/series.h"
#include "console/tail.h"
#include "console/topics.h"
#include "console/web_assets.h"
#include "http/server.h"

namespace tributary::console {

struct ConsoleServer::Impl {
  ConsoleOptions options;
  BackgroundThreads threads;
  std::unique_ptr<SeriesSampler> series;
  ConsoleContext context;
  std::unique_ptr<http::Server> server;
  bool stopped = false;
};

namespace {

Result<std::pair<std::string, uint16_t>> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    const char* first = listen.data() + colon + 1;
    const char* last = listen.data() + listen.size();
    auto [end, ec] = std::from_chars(first, last, port);
    if (ec != std::errc() || end != last || port < 0 || port > 65535) port = -1;
  }
  if (port < 0) return Status::error(Errc::invalid_argument, "--console-listen expects host:port, got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return std::make_pair(host.empty() ? std::string("0.0.0.0") : host, static_cast<uint16_t>(port));
}

http::Router build_router(ConsoleServer::Impl& impl) {
  http::Router router;
  ConsoleContext& ctx = impl.context;
  add_overview_routes(router, ctx);
  add_topic_routes(router, ctx);
  add_message_routes(router, ctx);
  add_tail_routes(router, ctx);
  add_group_routes(router, ctx);
  add_series_routes(router, *impl.series);
  add_proxy_routes(router, {"/api/connect", &ctx.connect, {}}, impl.threads);
  add_proxy_routes(router, {"/api/sql", &ctx.sql, {"/query-stream", "/query"}}, impl.threads);
  // Unknown API paths answer JSON, not the web page.
  router.add_prefix("*", "/api/", [](http::Request& r) { return error_response(404, "no such API: " + r.path); });
  http::add_observability_routes(router, impl.options.ready);
  add_web_asset_routes(router);
  return router;
}

}  // namespace

ConsoleServer::ConsoleServer(ConsoleOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

ConsoleServer::~ConsoleServer() { stop(); }

Status ConsoleServer::start() {
  Impl& impl = *impl_;
  auto listen = split_listen(impl.options.listen);
  if (!listen.ok()) return listen.status();
  auto admin = client::KafkaHandle::create(impl.options.bootstrap_servers);
  if (!admin.ok()) return admin.status();
  impl.context.bootstrap = impl.options.bootstrap_servers;
  impl.context.admin = std::move(*admin);
  impl.context.connect = http::Upstream("connect", impl.options.connect_url);
  impl.context.sql = http::Upstream("sql", impl.options.sql_url);
  impl.series = std::make_unique<SeriesSampler>(impl.options.bootstrap_servers);
  impl.context.series = impl.series.get();
  impl.context.threads = &impl.threads;
  http::ServerOptions server_options;
  server_options.name = "console";
  server_options.address = listen->first;
  server_options.port = listen->second;
  server_options.threads = impl.options.threads;
  impl.server = std::make_unique<http::Server>(server_options, build_router(impl));
  TRY_STATUS(impl.server->start());
  impl.series->start();
  return Status();
}

uint16_t ConsoleServer::port() const { return impl_->server ? impl_->server->port() : 0; }

void ConsoleServer::stop() {
  Impl& impl = *impl_;
  if (impl.stopped) return;
  impl.stopped = true;
  // Streams first: stop_all's flag ends tails and proxied queries, then the server can drain.
  impl.threads.stop_all();
  if (impl.server) impl.server->stop();
  if (impl.series) impl.series->stop();
}

}  // namespace tributary::console
