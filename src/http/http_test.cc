// Drives a real server on an ephemeral port with a plain socket client.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <thread>

#include "http/metrics.h"
#include "http/server.h"
#include "http/static_files.h"
#include "http/stream_writer.h"

namespace tributary::http {
namespace {

using namespace std::chrono_literals;

// A blocking TCP client with a receive timeout so a broken server fails the test instead of hanging it.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool connected() const { return connected_; }
  void send(const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;
      off += n;
    }
  }
  // Reads until the peer closes (or the timeout).
  std::string read_all() {
    std::string out;
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, n);
    }
    return out;
  }
  // Reads until `needle` has arrived.
  std::string read_until(const std::string& needle) {
    char buf[4096];
    while (pending_.find(needle) == std::string::npos) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      pending_.append(buf, n);
    }
    size_t end = pending_.find(needle);
    if (end == std::string::npos) return std::exchange(pending_, "");
    std::string out = pending_.substr(0, end + needle.size());
    pending_.erase(0, end + needle.size());
    return out;
  }
  // One response with a Content-Length body, leaving the connection open.
  std::string read_response() {
    std::string head = read_until("\r\n\r\n");
    size_t cl = head.find("Content-Length: ");
    size_t length = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 16));
    char buf[4096];
    while (pending_.size() < length) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      pending_.append(buf, n);
    }
    std::string body = pending_.substr(0, length);
    pending_.erase(0, length);
    return head + body;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string pending_;
};

std::string body_of(const std::string& response) {
  size_t p = response.find("\r\n\r\n");
  return p == std::string::npos ? "" : response.substr(p + 4);
}

unsigned status_of(const std::string& response) {
  return response.size() > 12 ? std::stoul(response.substr(9, 3)) : 0;
}

// Decodes a chunked body (after the head); stops at the terminating chunk.
std::string dechunk(const std::string& body, bool* complete = nullptr) {
  std::string out;
  size_t pos = 0;
  if (complete) *complete = false;
  while (pos < body.size()) {
    size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos) break;
    size_t size = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
    if (size == 0) {
      if (complete) *complete = true;
      break;
    }
    out += body.substr(eol + 2, size);
    pos = eol + 2 + size + 2;
  }
  return out;
}

std::string get(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
}

std::string post(const std::string& target, const std::string& body, const std::string& connection = "close") {
  return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: " + connection + "\r\n\r\n" + body;
}

// Counts the rows a streaming handler produced and whether its producer saw the end.
struct Producer {
  std::atomic<int> rows{0};
  std::atomic<bool> closed_seen{false};
  std::atomic<bool> finished{false};
  std::thread thread;
  ~Producer() {
    if (thread.joinable()) thread.join();
  }
};

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("http_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(root_ / "css");
    std::ofstream(root_ / "index.html") << "<html>console</html>";
    std::ofstream(root_ / "css" / "app.css") << "body{}";
    std::ofstream(root_.parent_path() / "http_test_secret.txt") << "secret";

    Router router;
    router.add("GET", "/hello", [](Request&) { return json_response({{"hello", "world"}}); });
    router.add("POST", "/echo", [](Request& r) {
      auto body = parse_json_body(r);
      if (!body.ok()) return default_error(400, body.status().message());
      return json_response({{"got", *body}});
    });
    router.add("GET", "/status/{id}", [](Request& r) { return json_response({{"id", r.param("id")}}); });
    router.add("GET", "/status/all", [](Request&) { return json_response({{"all", true}}); });
    router.add("GET", "/connectors/{name}/tasks/{task}", [](Request& r) {
      return json_response({{"name", r.param("name")}, {"task", r.param("task")}, {"q", r.query["expand"]}});
    });
    router.add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("kaput"); });
    router.add("GET", "/metrics", [](Request&) { return text_response(render_http_metrics(), 200, "text/plain"); });
    router.add_prefix("GET", "/ui/", static_files_handler({root_}));
    router.add("POST", "/stream/finite", [](Request&) {
      return stream_response("application/x-ndjson", [](std::shared_ptr<StreamWriter> w) {
        std::thread([w] {
          for (int i = 0; i < 3; ++i) w->write("row " + std::to_string(i) + "\n");
          w->close();
        }).detach();
      });
    });
    router.add("POST", "/stream/endless", [this](Request&) {
      return stream_response("application/x-ndjson", [this](std::shared_ptr<StreamWriter> w) {
        w->on_close([this] { producer_.closed_seen = true; });
        producer_.thread = std::thread([this, w] {
          while (w->write("{\"row\":" + std::to_string(producer_.rows.load()) + "}\n")) {
            ++producer_.rows;
            std::this_thread::sleep_for(5ms);
          }
          producer_.finished = true;
        });
      });
    });
    ServerOptions options;
    options.name = "test";
    options.address = "127.0.0.1";
    options.body_limit = 1000;
    options.threads = 2;
    options.stop_grace = std::chrono::seconds(2);
    server_ = std::make_unique<Server>(options, std::move(router));
    ASSERT_TRUE(server_->start().ok());
    ASSERT_NE(server_->port(), 0);
  }
  void TearDown() override {
    server_->stop();
    std::filesystem::remove_all(root_);
    std::filesystem::remove(root_.parent_path() / "http_test_secret.txt");
  }

  std::string roundtrip(const std::string& request) {
    Client c(server_->port());
    EXPECT_TRUE(c.connected());
    c.send(request);
    return c.read_all();
  }

  std::filesystem::path root_;
  Producer producer_;
  std::unique_ptr<Server> server_;
};

TEST_F(HttpServerTest, ServesJsonRoute) {
  std::string r = roundtrip(get("/hello"));
  EXPECT_EQ(status_of(r), 200u);
  EXPECT_NE(r.find("Content-Type: application/json"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(body_of(r)), nlohmann::json({{"hello", "world"}}));
}

TEST_F(HttpServerTest, ParsesJsonBodyAndRejectsInvalidJson) {
  std::string ok = roundtrip(post("/echo", R"({"a":[1,2]})"));
  EXPECT_EQ(status_of(ok), 200u);
  EXPECT_EQ(nlohmann::json::parse(body_of(ok))["got"]["a"][1], 2);

  std::string bad = roundtrip(post("/echo", "{nope"));
  EXPECT_EQ(status_of(bad), 400u);
  EXPECT_NE(nlohmann::json::parse(body_of(bad))["message"].get<std::string>().find("invalid JSON"),
            std::string::npos);
}

TEST_F(HttpServerTest, AnswersExpectContinueBeforeTheBody) {
  Client c(server_->port());
  c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(c.read_until("\r\n\r\n"), "HTTP/1.1 100 Continue\r\n\r\n");
  c.send("42");
  EXPECT_EQ(nlohmann::json::parse(body_of(c.read_all()))["got"], 42);
}

TEST_F(HttpServerTest, UnknownPathIs404AndWrongMethodIs405) {
  std::string r = roundtrip(get("/nope"));
  EXPECT_EQ(status_of(r), 404u);
  auto body = nlohmann::json::parse(body_of(r));
  EXPECT_EQ(body["error_code"], 404);
  EXPECT_EQ(body["message"], "no route for GET /nope");

  std::string m = roundtrip(post("/hello", "{}"));
  EXPECT_EQ(status_of(m), 405u);
  EXPECT_NE(m.find("Allow: GET"), std::string::npos);
}

TEST_F(HttpServerTest, OversizedBodyIs413WithJsonError) {
  std::string r = roundtrip(post("/echo", "[" + std::string(5000, ' ') + "]"));
  EXPECT_EQ(status_of(r), 413u);
  auto body = nlohmann::json::parse(body_of(r));
  EXPECT_EQ(body["error_code"], 413);
  EXPECT_EQ(body["message"], "request body exceeds the limit of 1000 bytes");
}

TEST_F(HttpServerTest, ChunkedBodyOverLimitIs413) {
  std::string chunk(600, 'x');
  std::string request =
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + chunk + "\r\n258\r\n" + chunk +
      "\r\n0\r\n\r\n";
  EXPECT_EQ(status_of(roundtrip(request)), 413u);
}

TEST_F(HttpServerTest, CapturesPathParametersAndQuery) {
  auto id = nlohmann::json::parse(body_of(roundtrip(get("/status/abc%20d"))));
  EXPECT_EQ(id["id"], "abc d");
  // A literal route beats a capture at the same position.
  EXPECT_EQ(nlohmann::json::parse(body_of(roundtrip(get("/status/all"))))["all"], true);
  auto task = nlohmann::json::parse(body_of(roundtrip(get("/connectors/my-sink/tasks/3?expand=status"))));
  EXPECT_EQ(task["name"], "my-sink");
  EXPECT_EQ(task["task"], "3");
  EXPECT_EQ(task["q"], "status");
}

TEST_F(HttpServerTest, MalformedRequestIs400AndServerKeepsServing) {
  std::string r = roundtrip("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(status_of(r), 400u);
  EXPECT_EQ(status_of(roundtrip("GET /hello HTTP/1.1\r\nContent-Length: zz\r\n\r\n")), 400u);
  EXPECT_EQ(status_of(roundtrip("GET nothing-absolute HTTP/1.1\r\nHost: x\r\n\r\n")), 400u);
  {
    Client half(server_->port());  // a client that vanishes mid-request
    half.send("POST /echo HTTP/1.1\r\nContent-Length: 50\r\n\r\n{\"a\"");
  }
  EXPECT_EQ(status_of(roundtrip(get("/hello"))), 200u);
}

TEST_F(HttpServerTest, HandlerExceptionIs500) {
  std::string r = roundtrip(get("/boom"));
  EXPECT_EQ(status_of(r), 500u);
  EXPECT_EQ(nlohmann::json::parse(body_of(r))["message"], "internal error: kaput");
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Client c(server_->port());
  c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string first = c.read_response();
  EXPECT_EQ(status_of(first), 200u);
  EXPECT_EQ(first.find("Connection: close"), std::string::npos);
  c.send(post("/echo", "7", "keep-alive"));
  std::string second = c.read_response();
  EXPECT_EQ(nlohmann::json::parse(body_of(second))["got"], 7);
  c.send(get("/status/9"));
  EXPECT_EQ(nlohmann::json::parse(body_of(c.read_all()))["id"], "9");
}

TEST_F(HttpServerTest, ServesStaticFilesInsideTheRootOnly) {
  std::string css = roundtrip(get("/ui/css/app.css"));
  EXPECT_EQ(status_of(css), 200u);
  EXPECT_NE(css.find("Content-Type: text/css"), std::string::npos);
  EXPECT_EQ(body_of(css), "body{}");
  EXPECT_EQ(body_of(roundtrip(get("/ui/"))), "<html>console</html>");
  EXPECT_EQ(status_of(roundtrip(get("/ui/../http_test_secret.txt"))), 404u);
  EXPECT_EQ(status_of(roundtrip(get("/ui/%2e%2e/http_test_secret.txt"))), 404u);
  EXPECT_EQ(status_of(roundtrip(get("/ui/missing.js"))), 404u);
  std::string head = roundtrip("HEAD /ui/css/app.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(head.find("Content-Length: 6"), std::string::npos);
  EXPECT_EQ(body_of(head), "");
}

TEST_F(HttpServerTest, StreamsChunksUntilTheProducerCloses) {
  std::string r = roundtrip(post("/stream/finite", "{}"));
  EXPECT_EQ(status_of(r), 200u);
  EXPECT_NE(r.find("Transfer-Encoding: chunked"), std::string::npos);
  bool complete = false;
  EXPECT_EQ(dechunk(body_of(r), &complete), "row 0\nrow 1\nrow 2\n");
  EXPECT_TRUE(complete);
}

TEST_F(HttpServerTest, ClientDisconnectStopsTheProducer) {
  {
    Client c(server_->port());
    c.send(post("/stream/endless", "{}"));
    std::string head = c.read_until("\r\n\r\n");
    EXPECT_EQ(status_of(head), 200u);
    c.read_until("{\"row\":3}");  // rows keep arriving
  }  // the client goes away
  auto deadline = std::chrono::steady_clock::now() + 3s;
  while (!producer_.finished && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(producer_.closed_seen);
  EXPECT_TRUE(producer_.finished);
  EXPECT_GE(producer_.rows, 3);
}

TEST_F(HttpServerTest, StopEndsOpenStreams) {
  Client c(server_->port());
  c.send(post("/stream/endless", "{}"));
  c.read_until("{\"row\":1}");
  server_->stop();
  EXPECT_TRUE(producer_.closed_seen);
  std::string rest = c.read_all();
  EXPECT_NE(rest.find("0\r\n\r\n"), std::string::npos);  // the stream was terminated properly
  if (producer_.thread.joinable()) producer_.thread.join();
  EXPECT_TRUE(producer_.finished);
}

TEST_F(HttpServerTest, CountsRequestsForPrometheus) {
  roundtrip(get("/hello"));
  roundtrip(get("/status/1"));
  roundtrip(get("/status/2"));
  roundtrip(get("/missing"));
  EXPECT_GE(http_metrics().request_count("test", "GET", "/status/{id}", 200), 2u);
  std::string text = body_of(roundtrip(get("/metrics")));
  EXPECT_NE(text.find("# TYPE tributary_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("tributary_http_requests_total{server=\"test\",method=\"GET\",route=\"/hello\",code=\"200\"}"),
            std::string::npos);
  EXPECT_NE(text.find("route=\"unmatched\",code=\"404\"}"), std::string::npos);
}

TEST(RouterTest, PrefersExactThenCapturesThenLongestPrefix) {
  Router router;
  auto tag = [](std::string name) { return [name](Request&) { return text_response(name); }; };
  router.add_prefix("GET", "/", tag("root"));
  router.add_prefix("GET", "/ui/", tag("ui"));
  router.add("GET", "/ui/{page}", tag("page"));
  router.add("GET", "/ui/about", tag("about"));
  auto route_of = [&](std::string target) {
    Request r;
    r.method = "GET";
    r.target = target;
    auto m = router.match(r);
    return m.handler ? (*m.handler)(r).body : "none";
  };
  EXPECT_EQ(route_of("/ui/about"), "about");
  EXPECT_EQ(route_of("/ui/x"), "page");
  EXPECT_EQ(route_of("/ui/x/y"), "ui");
  EXPECT_EQ(route_of("/other"), "root");
}

TEST(StreamWriterTest, FramesChunksAndRefusesWritesAfterClose) {
  StreamWriter w;
  int closed = 0;
  w.on_close([&] { ++closed; });
  EXPECT_TRUE(w.write("hello"));
  EXPECT_TRUE(w.write(""));
  w.close();
  EXPECT_FALSE(w.write("late"));
  auto p = w.take();
  EXPECT_EQ(p.bytes, "5\r\nhello\r\n0\r\n\r\n");
  EXPECT_TRUE(p.last);
  w.mark_closed();
  w.mark_closed();
  EXPECT_EQ(closed, 1);
}

TEST(StreamWriterTest, AbortsWhenTheClientDoesNotKeepUp) {
  StreamWriter w(10);
  EXPECT_TRUE(w.write("12345"));
  EXPECT_FALSE(w.write("1234567890"));
  EXPECT_FALSE(w.is_open());
  EXPECT_TRUE(w.take().abort);
}

}  // namespace
}  // namespace tributary::http
