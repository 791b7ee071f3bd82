#include "connect/runtime/connect_protocol.h"

namespace tributary::connect {
namespace {

constexpr int16_t kVersion = 0;
constexpr int32_t kConnectorTask = -1;

void write_string(ByteWriter& w, const std::string& s) {
  w.i16(static_cast<int16_t>(s.size()));
  w.bytes(s.data(), s.size());
}

std::string read_string(ByteReader& r) {
  int16_t n = r.i16();
  if (n < 0) return "";  // null: Kafka Connect sends a null leader only in an empty assignment
  auto b = r.bytes(static_cast<size_t>(n));
  return std::string(b.begin(), b.end());
}

Status bad(const std::string& what, const char* why) {
  return Status::error(Errc::corrupt, "bad Connect protocol " + what + ": " + why);
}

}  // namespace

Bytes encode_metadata(const WorkerMetadata& metadata) {
  ByteWriter w;
  w.i16(kVersion);
  write_string(w, metadata.url);
  w.i64(metadata.config_offset);
  return w.take();
}

Result<WorkerMetadata> decode_metadata(const Bytes& bytes) {
  try {
    ByteReader r(bytes);
    // Later versions (1: "compatible", 2: "sessioned") extend version 0's fields, so they read as 0.
    if (r.i16() < 0) return bad("metadata", "negative version");
    WorkerMetadata m;
    m.url = read_string(r);
    m.config_offset = r.i64();
    return m;
  } catch (const DecodeError& e) {
    return bad("metadata", e.what());
  }
}

Bytes encode_assignment(const ConnectAssignment& a) {
  std::map<std::string, std::vector<int32_t>> by_connector;
  for (const auto& c : a.connectors) by_connector[c].push_back(kConnectorTask);
  for (const auto& [c, t] : a.tasks) by_connector[c].push_back(t);
  ByteWriter w;
  w.i16(kVersion);
  w.i16(a.error);
  write_string(w, a.leader);
  write_string(w, a.leader_url);
  w.i64(a.config_offset);
  w.i32(static_cast<int32_t>(by_connector.size()));
  for (const auto& [connector, tasks] : by_connector) {
    write_string(w, connector);
    w.i32(static_cast<int32_t>(tasks.size()));
    for (int32_t t : tasks) w.i32(t);
  }
  return w.take();
}

Result<ConnectAssignment> decode_assignment(const Bytes& bytes) {
  try {
    ByteReader r(bytes);
    if (r.i16() < 0) return bad("assignment", "negative version");
    ConnectAssignment a;
    a.error = r.i16();
    a.leader = read_string(r);
    a.leader_url = read_string(r);
    a.config_offset = r.i64();
    int32_t connectors = r.i32();
    if (connectors < 0 || static_cast<size_t>(connectors) > r.remaining()) return bad("assignment", "bad count");
    for (int32_t i = 0; i < connectors; ++i) {
      std::string connector = read_string(r);
      int32_t tasks = r.i32();
      if (tasks < 0 || static_cast<size_t>(tasks) > r.remaining() / 4) return bad("assignment", "bad task count");
      for (int32_t j = 0; j < tasks; ++j) {
        int32_t t = r.i32();
        if (t == kConnectorTask)
          a.connectors.insert(connector);
        else if (t >= 0)
          a.tasks.insert({connector, t});
      }
    }
    return a;
  } catch (const DecodeError& e) {
    return bad("assignment", e.what());
  }
}

std::map<std::string, ConnectAssignment> assign_round_robin(const std::map<std::string, std::string>& members,
                                                            const std::map<std::string, int>& connectors,
                                                            const std::string& leader, int64_t config_offset) {
  std::map<std::string, ConnectAssignment> out;
  std::vector<std::string> ids;
  std::string leader_url = members.count(leader) ? members.at(leader) : "";
  for (const auto& [id, url] : members) {
    ids.push_back(id);  // std::map: sorted by id
    ConnectAssignment& a = out[id];
    a.leader = leader;
    a.leader_url = leader_url;
    a.config_offset = config_offset;
  }
  if (ids.empty()) return out;
  size_t next = 0;
  for (const auto& [name, _] : connectors) out[ids[next++ % ids.size()]].connectors.insert(name);
  for (const auto& [name, count] : connectors)
    for (int t = 0; t < count; ++t) out[ids[next++ % ids.size()]].tasks.insert({name, t});
  return out;
}

}  // namespace tributary::connect
