// The SQL service with its REST listener, as `tributary serve` and `tributary sql-server` run it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace tributary::app {

class SqlServiceHost {
 public:
  // listen: "host:port"; state goes under data_dir/sql-state.
  static Result<std::unique_ptr<SqlServiceHost>> start(const std::string& bootstrap_servers, const std::string& listen,
                                                      const std::string& data_dir, const std::string& service_id = "default_");
  ~SqlServiceHost();
  void stop();
  // The REST listener's bound port (the one picked when --sql-listen asked for port 0).
  uint16_t port() const;

  struct Impl;

 private:
  explicit SqlServiceHost(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The URL other SQL workers reach this one's REST listener at: the listen host, or this machine's
// host name when listening on every interface.
std::string advertised_url(const std::string& listen_host, uint16_t port);

// "0.0.0.0:9092" -> "127.0.0.1:9092": the in-process services reach the embedded broker on loopback.
std::string loopback_address(const std::string& listen);

}  // namespace tributary::app
