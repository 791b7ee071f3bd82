// libFuzzer target: every input must end in a Status, never a crash, hang or huge allocation.
#include <cstddef>
#include <cstdint>
#include <span>

#include "protocol/record_batch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tributary::protocol;
  std::span<const uint8_t> input(data, size);
  // Walk the buffer without CRC checks so the fuzzer can reach the record decoder.
  ValidateOptions options;
  options.verify_crc = false;
  ValidPrefix prefix = valid_batch_prefix(input, options);
  for (const BatchInfo& batch : prefix.batches) {
    auto records = decode_records(input.subspan(batch.position, batch.size), 1 << 20);
    tributary::Status checked = validate_records(input.subspan(batch.position, batch.size), true, 1 << 20);
    // Both walks accept exactly the same framing.
    if (checked.ok() && !records.ok()) __builtin_trap();
    (void)records;
  }
  (void)validate_batches(input);
  // Also treat the whole input as a compressed payload of each codec.
  for (int codec = 0; codec <= 4; ++codec) {
    (void)decompress(static_cast<CompressionCodec>(codec), input, 1 << 20);
  }
  return 0;
}
