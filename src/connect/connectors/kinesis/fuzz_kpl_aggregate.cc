// libFuzzer target: arbitrary bytes as a Kinesis record's data, both as they come and framed as an
// aggregated record (magic + bytes + their MD5, so the protobuf decoder is reached). Whatever
// de-aggregates must aggregate and de-aggregate again to the same user records; a crash or a
// sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "connect/connectors/kinesis/kpl_aggregate.h"

namespace {

bool same(const std::vector<tributary::connect::kinesis::KplUserRecord>& a,
          const std::vector<tributary::connect::kinesis::KplUserRecord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].partition_key != b[i].partition_key || a[i].explicit_hash_key != b[i].explicit_hash_key ||
        a[i].data != b[i].data)
      return false;
  return true;
}

void check(std::string_view record) {
  using namespace tributary::connect::kinesis;
  auto records = deaggregate(record);
  if (!records) return;
  auto again = deaggregate(aggregate(*records));
  if (!again || !same(*records, *again)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  check(bytes);
  check(tributary::connect::kinesis::frame_aggregated(bytes));
  return 0;
}
