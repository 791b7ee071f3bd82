// A librdkafka group consumer (subscribe + group.id) for the e2e and group-consume modes, with a
// rebalance callback that timestamps every assignment: the group's time to become stable is the
// time of the last one, which librdkafka does not report on its own.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tributary::bench {

struct Assignment {
  int64_t ns = 0;  // now_ns() when the assignment reached this member
  std::vector<int32_t> partitions;
};

// One member's view of its rebalances. Only the thread that polls the consumer touches it while the
// consumer runs (librdkafka calls the rebalance callback from the poll), so it needs no lock.
struct GroupMember {
  std::vector<Assignment> assignments;  // every assignment, including empty ones
  // Called on the polling thread just before the member starts fetching `partitions`.
  std::function<void(const std::vector<int32_t>& partitions)> on_assign;
  // Called on the polling thread before the member gives its partitions up.
  std::function<void()> on_revoke;
};

// A subscribed group consumer with auto-commit on and auto.offset.reset=earliest (the topics are
// fresh, so this reads everything). `extra` are additional librdkafka properties; `member` must
// outlive the client.
rd_kafka_t* new_group_consumer(const std::string& brokers, const std::string& group, const std::string& topic,
                               GroupMember* member,
                               const std::vector<std::pair<std::string, std::string>>& extra = {});

}  // namespace tributary::bench
