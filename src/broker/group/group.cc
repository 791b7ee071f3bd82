#include "broker/group/group.h"

#include <algorithm>

namespace tributary::broker::group {

const char* state_name(GroupState state) {
  switch (state) {
    case GroupState::empty: return "Empty";
    case GroupState::preparing_rebalance: return "PreparingRebalance";
    case GroupState::completing_rebalance: return "CompletingRebalance";
    case GroupState::stable: return "Stable";
    case GroupState::dead: return "Dead";
  }
  return "Unknown";
}

std::optional<GroupState> parse_state(const std::string& name) {
  for (auto s : {GroupState::empty, GroupState::preparing_rebalance, GroupState::completing_rebalance,
                 GroupState::stable, GroupState::dead}) {
    std::string candidate = state_name(s);
    if (std::equal(candidate.begin(), candidate.end(), name.begin(), name.end(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return s;
  }
  return std::nullopt;
}

const Bytes* Member::metadata_for(const std::string& protocol) const {
  for (const auto& p : protocols)
    if (p.name == protocol) return &p.metadata;
  return nullptr;
}

bool Member::same_protocols(const std::vector<ProtocolMetadata>& other) const {
  if (other.size() != protocols.size()) return false;
  for (size_t i = 0; i < other.size(); ++i)
    if (other[i].name != protocols[i].name || other[i].metadata != protocols[i].metadata) return false;
  return true;
}

void Group::transition(GroupState to, int64_t wall_now) {
  state_ = to;
  state_since_ = wall_now;
}

Member* Group::member(const std::string& member_id) {
  auto it = members.find(member_id);
  return it == members.end() ? nullptr : &it->second;
}

std::optional<std::string> Group::static_member_id(const std::string& instance_id) const {
  auto it = static_members.find(instance_id);
  if (it == static_members.end()) return std::nullopt;
  return it->second;
}

bool Group::all_members_joined() const {
  if (!pending_members.empty()) return false;
  return std::all_of(members.begin(), members.end(), [](const auto& m) { return bool(m.second.awaiting_join); });
}

int32_t Group::max_rebalance_timeout_ms() const {
  int32_t max = 0;
  for (const auto& [id, m] : members) max = std::max(max, m.rebalance_timeout_ms);
  return max;
}

bool Group::supports(const std::string& type, const std::vector<ProtocolMetadata>& protocols,
                     const std::string& ignoring) const {
  if (type.empty() || protocols.empty()) return false;
  bool others = std::any_of(members.begin(), members.end(), [&](const auto& m) { return m.first != ignoring; });
  if (!others) return true;
  if (type != protocol_type) return false;
  for (const auto& candidate : protocols) {
    bool everyone = std::all_of(members.begin(), members.end(), [&](const auto& m) {
      return m.first == ignoring || m.second.metadata_for(candidate.name) != nullptr;
    });
    if (everyone) return true;
  }
  return false;
}

std::optional<std::string> Group::select_protocol() const {
  if (members.empty()) return std::nullopt;
  // Candidates in the order of the first member's preference, so ties resolve deterministically.
  std::vector<std::string> candidates;
  for (const auto& p : members.begin()->second.protocols) {
    bool everyone = std::all_of(members.begin(), members.end(),
                                [&](const auto& m) { return m.second.metadata_for(p.name) != nullptr; });
    if (everyone) candidates.push_back(p.name);
  }
  if (candidates.empty()) return std::nullopt;
  std::map<std::string, int> votes;
  for (const auto& [id, m] : members) {
    for (const auto& p : m.protocols) {
      if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
        ++votes[p.name];
        break;
      }
    }
  }
  std::string best = candidates.front();
  for (const auto& c : candidates)
    if (votes[c] > votes[best]) best = c;
  return best;
}

std::set<std::string> Group::subscribed_topics() const {
  std::set<std::string> topics;
  if (protocol_type != "consumer" || !protocol_name) return topics;
  // ConsumerProtocolSubscription: version int16, topics [string] (classic encoding), then fields
  // we do not need.
  for (const auto& [id, m] : members) {
    const Bytes* metadata = m.metadata_for(*protocol_name);
    if (!metadata) continue;
    try {
      ByteReader r(metadata->data(), metadata->size());
      r.i16();
      int32_t count = r.i32();
      for (int32_t i = 0; i < count; ++i) {
        int16_t len = r.i16();
        auto bytes = r.bytes(len < 0 ? 0 : static_cast<size_t>(len));
        topics.emplace(bytes.begin(), bytes.end());
      }
    } catch (const DecodeError&) {
      // unparsable metadata subscribes to nothing we can name
    }
  }
  return topics;
}

}  // namespace tributary::broker::group
