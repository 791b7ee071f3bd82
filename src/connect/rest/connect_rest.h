// Kafka Connect's REST API (the paths, JSON shapes and status codes of Apache Kafka's Connect REST
// interface) over one Worker. Errors use {"error_code": <status>, "message": "..."}.
//
// Threads: handlers run on the HTTP server's I/O threads and call the Worker's control methods.
#pragma once

#include "connect/runtime/worker.h"
#include "http/router.h"

namespace tributary::connect::rest {

// Registers every route on `router`; `worker` must outlive the server.
void add_connect_routes(http::Router& router, Worker& worker);

// Pieces shared by the route files.
void add_connector_routes(http::Router& router, Worker& worker);   // /connectors, config, delete
void add_lifecycle_routes(http::Router& router, Worker& worker);   // status, tasks, restart, pause...
void add_plugin_routes(http::Router& router, Worker& worker);      // /, /connector-plugins

}  // namespace tributary::connect::rest
