// The shell against a stand-in ksqlDB server (tributary_http) on an ephemeral port.
#include "app/sql_shell/shell.h"

#include <gtest/gtest.h>

#include <mutex>
#include <sstream>
#include <thread>

#include "http/server.h"
#include "http/stream_writer.h"

namespace tributary::app::sql_shell {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class FakeKsqlServer {
 public:
  FakeKsqlServer() {
    http::Router router;
    router.add("GET", "/info", [](http::Request&) {
      return http::json_response({{"KsqlServerInfo", {{"version", "0.29.0"}}}});
    });
    router.add("POST", "/ksql", [this](http::Request& r) {
      json body = json::parse(r.body);
      record("/ksql", body);
      std::string sql = body["ksql"];
      if (sql.rfind("BAD", 0) == 0) {
        return http::json_response({{"@type", "statement_error"},
                                    {"error_code", 40001},
                                    {"message", "line 1:1: mismatched input 'BAD' expecting ';'"},
                                    {"statementText", sql},
                                    {"entities", json::array()}},
                                   400);
      }
      if (sql.rfind("SHOW STREAMS", 0) == 0) {
        return http::json_response(json::array(
            {{{"@type", "streams"},
              {"streams", {{{"type", "STREAM"}, {"name", "S1"}, {"topic", "t1"}, {"keyFormat", "KAFKA"},
                            {"valueFormat", "JSON"}, {"isWindowed", false}}}}}}));
      }
      return http::json_response(json::array({{{"@type", "currentStatus"},
                                               {"statementText", sql},
                                               {"commandStatus", {{"status", "SUCCESS"}, {"message", "Stream created"}}},
                                               {"commandSequenceNumber", 7}}}));
    });
    router.add("POST", "/query-stream", [this](http::Request& r) {
      json body = json::parse(r.body);
      record("/query-stream", body);
      accept_header_ = r.header("accept");
      std::string sql = body["sql"];
      bool push = sql.find("EMIT CHANGES") != std::string::npos;
      if (sql.find("missing") != std::string::npos) {
        return http::json_response({{"@type", "generic_error"}, {"error_code", 40001},
                                    {"message", "MISSING does not exist."}}, 400);
      }
      return http::stream_response("application/vnd.ksqlapi.delimited.v1", [this, push](auto writer) {
        writer->on_close([this] { push_closed_ = true; });
        producer_ = std::thread([this, writer, push] {
          writer->write(R"({"queryId":"q1","columnNames":["ID","NAME"],"columnTypes":["INTEGER","STRING"]})" "\n");
          for (int i = 0; push ? writer->is_open() : i < 2; ++i) {
            if (!writer->write(json::array({i, "name" + std::to_string(i)}).dump() + "\n")) break;
            // A push query never ends by itself: after a few rows, the user presses Ctrl-C.
            if (push && i == 2) Shell::interrupt_flag() = true;
            std::this_thread::sleep_for(5ms);
          }
          if (!push) writer->close();
        });
      });
    });
    http::ServerOptions options;
    options.name = "fake-ksql";
    options.address = "127.0.0.1";
    server_ = std::make_unique<http::Server>(options, std::move(router));
    EXPECT_TRUE(server_->start().ok());
  }
  ~FakeKsqlServer() {
    server_->stop();
    if (producer_.joinable()) producer_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  std::vector<std::pair<std::string, json>> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  std::string accept_header_;
  std::atomic<bool> push_closed_{false};

 private:
  void record(const std::string& path, const json& body) {
    std::lock_guard lock(mutex_);
    requests_.emplace_back(path, body);
  }
  std::mutex mutex_;
  std::vector<std::pair<std::string, json>> requests_;
  std::thread producer_;
  std::unique_ptr<http::Server> server_;
};

struct ShellRun {
  std::ostringstream out, err;
  int code = -1;
};

ShellRun run(const std::string& server, const std::string& script) {
  ShellRun r;
  ShellOptions options;
  options.server = server;
  Shell shell(options, r.out, r.err);
  r.code = shell.run_script(script);
  return r;
}

TEST(ShellTest, RunsStatementsInOrderWithLocalProperties) {
  FakeKsqlServer server;
  ShellRun r = run(server.url(),
                   "SET 'auto.offset.reset'='earliest';\n"
                   "CREATE STREAM s (id INT) WITH (kafka_topic='s', value_format='json');\n"
                   "SHOW STREAMS;\n"
                   "UNSET 'auto.offset.reset';\n"
                   "SHOW STREAMS;");
  EXPECT_EQ(r.code, 0) << r.err.str();
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].second["ksql"], "CREATE STREAM s (id INT) WITH (kafka_topic='s', value_format='json');");
  EXPECT_EQ(requests[0].second["streamsProperties"], json({{"auto.offset.reset", "earliest"}}));
  EXPECT_EQ(requests[1].second["commandSequenceNumber"], 7);
  EXPECT_EQ(requests[2].second["streamsProperties"], json::object());
  std::string out = r.out.str();
  EXPECT_NE(out.find("Successfully changed local property 'auto.offset.reset' to 'earliest'."), std::string::npos);
  EXPECT_NE(out.find(" Stream created \n"), std::string::npos);
  EXPECT_NE(out.find(" S1          | t1          | KAFKA      | JSON         | false    "), std::string::npos);
}

TEST(ShellTest, StopsAtTheFirstErrorAndPrintsTheServerMessage) {
  FakeKsqlServer server;
  ShellRun r = run(server.url(), "SHOW STREAMS; BAD STATEMENT; SHOW STREAMS;");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.str(), "line 1:1: mismatched input 'BAD' expecting ';'\n");
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(ShellTest, PullQueryPrintsABoxedTable) {
  FakeKsqlServer server;
  ShellRun r = run(server.url(), "SET 'a'='b'; SELECT * FROM t WHERE id = 1;");
  EXPECT_EQ(r.code, 0) << r.err.str();
  EXPECT_EQ(server.accept_header_, "application/vnd.ksqlapi.delimited.v1");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].first, "/query-stream");
  EXPECT_EQ(requests[0].second["sql"], "SELECT * FROM t WHERE id = 1;");
  EXPECT_EQ(requests[0].second["properties"], json({{"a", "b"}}));
  std::string out = r.out.str();
  EXPECT_NE(out.find("|ID "), std::string::npos);
  EXPECT_NE(out.find("|NAME "), std::string::npos);
  EXPECT_NE(out.find("|1 "), std::string::npos);
  EXPECT_NE(out.find("|name1 "), std::string::npos);
  EXPECT_EQ(out.find("Query terminated"), std::string::npos);
}

TEST(ShellTest, InterruptCancelsAPushQueryAndTheShellGoesOn) {
  FakeKsqlServer server;
  ShellRun r = run(server.url(), "SELECT * FROM s EMIT CHANGES; SHOW STREAMS;");
  EXPECT_EQ(r.code, 0) << r.err.str();
  std::string out = r.out.str();
  EXPECT_NE(out.find("|name2 "), std::string::npos);
  EXPECT_NE(out.find("Query terminated\n"), std::string::npos);
  EXPECT_NE(out.find(" S1 "), std::string::npos);  // the next statement ran
  for (int i = 0; i < 300 && !server.push_closed_; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(server.push_closed_);  // the server saw the connection go and stopped the query
}

TEST(ShellTest, QueryErrorsUseTheServerMessage) {
  FakeKsqlServer server;
  ShellRun r = run(server.url(), "SELECT * FROM missing;");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.str(), "MISSING does not exist.\n");
}

TEST(ShellTest, UnreachableServerIsAnError) {
  ShellRun r = run("http://127.0.0.1:1", "SHOW STREAMS;");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.str().find("could not reach the server at http://127.0.0.1:1/ksql"), std::string::npos);
}

TEST(ShellTest, MalformedSetIsAClientSideError) {
  ShellRun r = run("http://127.0.0.1:1", "SET foo = 'bar';");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.str(), "expected SET 'property'='value';\n");
}

}  // namespace
}  // namespace tributary::app::sql_shell
