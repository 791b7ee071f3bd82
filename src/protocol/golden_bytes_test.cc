// Hand-checked wire encodings, built byte by byte from the Kafka protocol guide.
#include <gtest/gtest.h>

#include "protocol/messages.h"

namespace tributary::protocol {
namespace {

template <typename Message>
Bytes encode_message(const Message& m, int16_t version) {
  ByteWriter w;
  m.encode(w, version);
  return w.take();
}

template <typename Message>
Message decode_message(const Bytes& bytes, int16_t version) {
  ByteReader r(bytes);
  Message m;
  m.decode(r, version);
  EXPECT_EQ(r.remaining(), 0u);
  return m;
}

TEST(GoldenBytesTest, ApiVersionsV0RequestWithHeaderV1) {
  RequestHeader header{.api_key = 18, .api_version = 0, .correlation_id = 1, .client_id = "kcat"};
  ByteWriter w;
  header.encode(w, request_header_version(18, 0));
  ApiVersionsRequest{}.encode(w, 0);  // v0 has an empty body
  const Bytes expected{0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,  // key, version, correlation id
                       0x00, 0x04, 'k',  'c',  'a',  't'};              // client_id (int16 length)
  EXPECT_EQ(w.buffer(), expected);
  ByteReader r(expected);
  RequestHeader decoded;
  decoded.decode(r, 1);
  EXPECT_EQ(decoded, header);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(GoldenBytesTest, ApiVersionsV3RequestWithHeaderV2) {
  RequestHeader header{.api_key = 18, .api_version = 3, .correlation_id = 7, .client_id = "rd"};
  ApiVersionsRequest body{.client_software_name = "librdkafka", .client_software_version = "2.0.2"};
  ByteWriter w;
  header.encode(w, request_header_version(18, 3));
  body.encode(w, 3);
  const Bytes expected{
      0x00, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x07,
      0x00, 0x02, 'r', 'd',                                         // client_id stays int16-prefixed in v2
      0x00,                                                         // header tagged fields
      0x0b, 'l', 'i', 'b', 'r', 'd', 'k', 'a', 'f', 'k', 'a',       // compact string: length + 1
      0x06, '2', '.', '0', '.', '2',
      0x00};                                                        // body tagged fields
  EXPECT_EQ(w.buffer(), expected);
  ByteReader r(expected);
  RequestHeader decoded_header;
  decoded_header.decode(r, 2);
  EXPECT_EQ(decoded_header, header);
  ApiVersionsRequest decoded_body;
  decoded_body.decode(r, 3);
  EXPECT_EQ(decoded_body, body);
}

ApiVersionsResponse produce_only_response() {
  ApiVersionsResponse resp;
  resp.api_keys.push_back({.api_key = 0, .min_version = 3, .max_version = 9});
  return resp;
}

TEST(GoldenBytesTest, ApiVersionsV0Response) {
  const Bytes expected{0x00, 0x00,              // error_code
                       0x00, 0x00, 0x00, 0x01,  // array length
                       0x00, 0x00, 0x00, 0x03, 0x00, 0x09};
  EXPECT_EQ(encode_message(produce_only_response(), 0), expected);
  EXPECT_EQ(decode_message<ApiVersionsResponse>(expected, 0), produce_only_response());
}

TEST(GoldenBytesTest, ApiVersionsV3ResponseWithTaggedField) {
  ApiVersionsResponse resp = produce_only_response();
  resp.throttle_time_ms = 5;
  const Bytes plain{0x00, 0x00,                                   // error_code
                    0x02,                                         // compact array: 1 entry
                    0x00, 0x00, 0x00, 0x03, 0x00, 0x09, 0x00,     // entry + its tagged fields
                    0x00, 0x00, 0x00, 0x05,                       // throttle_time_ms
                    0x00};                                        // no tagged fields
  EXPECT_EQ(encode_message(resp, 3), plain);
  EXPECT_EQ(decode_message<ApiVersionsResponse>(plain, 3), resp);

  resp.finalized_features_epoch = 2;
  Bytes tagged(plain.begin(), plain.end() - 1);
  const Bytes section{0x01,                                       // one tagged field
                      0x01, 0x08,                                 // tag 1, 8 bytes
                      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02};
  tagged.insert(tagged.end(), section.begin(), section.end());
  EXPECT_EQ(encode_message(resp, 3), tagged);
  EXPECT_EQ(decode_message<ApiVersionsResponse>(tagged, 3), resp);
}

TEST(GoldenBytesTest, MetadataV1Request) {
  MetadataRequest req;
  req.topics.emplace().push_back({.name = "foo"});
  const Bytes expected{0x00, 0x00, 0x00, 0x01, 0x00, 0x03, 'f', 'o', 'o'};
  EXPECT_EQ(encode_message(req, 1), expected);
  EXPECT_EQ(decode_message<MetadataRequest>(expected, 1), req);

  // v1 null topics means "all topics".
  MetadataRequest all;
  const Bytes null_array{0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(encode_message(all, 1), null_array);
  EXPECT_EQ(decode_message<MetadataRequest>(null_array, 1), all);
}

TEST(GoldenBytesTest, MetadataV0CannotCarryNullTopics) {
  // In v0 "all topics" is the empty array; null is sent as empty and rejected on decode.
  EXPECT_EQ(encode_message(MetadataRequest{}, 0), (Bytes{0x00, 0x00, 0x00, 0x00}));
  const Bytes null_array{0xff, 0xff, 0xff, 0xff};
  ByteReader r(null_array);
  MetadataRequest m;
  EXPECT_THROW(m.decode(r, 0), DecodeError);
}

ProduceRequest one_batch_produce() {
  ProduceRequest req;
  req.acks = -1;
  req.timeout_ms = 30000;
  auto& topic = req.topic_data.emplace_back();
  topic.name = "t";
  topic.partition_data.push_back({.index = 0, .records = Bytes{0xaa, 0xbb}});
  return req;
}

TEST(GoldenBytesTest, ProduceV3Request) {
  const Bytes expected{0xff, 0xff,                          // transactional_id: null
                       0xff, 0xff,                          // acks = -1
                       0x00, 0x00, 0x75, 0x30,              // timeout_ms = 30000
                       0x00, 0x00, 0x00, 0x01,              // one topic
                       0x00, 0x01, 't',
                       0x00, 0x00, 0x00, 0x01,              // one partition
                       0x00, 0x00, 0x00, 0x00,              // index 0
                       0x00, 0x00, 0x00, 0x02, 0xaa, 0xbb};  // records (int32 length)
  EXPECT_EQ(encode_message(one_batch_produce(), 3), expected);
  EXPECT_EQ(decode_message<ProduceRequest>(expected, 3), one_batch_produce());
}

TEST(GoldenBytesTest, ProduceV9FlexibleRequest) {
  ProduceRequest req = one_batch_produce();
  req.transactional_id = "tx";
  const Bytes expected{0x03, 't', 'x',                      // compact nullable string
                       0xff, 0xff,
                       0x00, 0x00, 0x75, 0x30,
                       0x02,                                // compact array: one topic
                       0x02, 't',
                       0x02,                                // one partition
                       0x00, 0x00, 0x00, 0x00,
                       0x03, 0xaa, 0xbb,                    // compact records
                       0x00,                                // partition tagged fields
                       0x00,                                // topic tagged fields
                       0x00};                               // request tagged fields
  EXPECT_EQ(encode_message(req, 9), expected);
  EXPECT_EQ(decode_message<ProduceRequest>(expected, 9), req);
}

TEST(GoldenBytesTest, CompactNullRecordsAndStrings) {
  ProduceRequest req = one_batch_produce();
  req.topic_data[0].partition_data[0].records.reset();
  const Bytes encoded = encode_message(req, 9);
  EXPECT_EQ(encoded[0], 0x00);                // null transactional_id
  EXPECT_EQ(encoded[encoded.size() - 4], 0);  // null records before three tag sections
  EXPECT_EQ(decode_message<ProduceRequest>(encoded, 9), req);
}

TEST(GoldenBytesTest, UnknownTaggedFieldsAreSkipped) {
  const Bytes with_unknown{0x02, 'k',                 // client_software_name
                           0x02, '1',                 // client_software_version
                           0x02,                      // two tagged fields
                           0x05, 0x02, 0xde, 0xad,    // tag 5: unknown
                           0x63, 0x00};               // tag 99: unknown, empty
  auto req = decode_message<ApiVersionsRequest>(with_unknown, 3);
  EXPECT_EQ(req.client_software_name, "k");
  EXPECT_EQ(req.client_software_version, "1");
}

TEST(GoldenBytesTest, FetchV12ClusterIdIsTaggedField0) {
  FetchRequest req;
  req.cluster_id = "c";
  const Bytes encoded = encode_message(req, 12);
  // Ends with: rack_id "" (0x01), then tagged fields {count 1, tag 0, size 2, compact "c"}.
  const Bytes tail{0x01, 0x01, 0x00, 0x02, 0x02, 'c'};
  ASSERT_GE(encoded.size(), tail.size());
  EXPECT_TRUE(std::equal(tail.begin(), tail.end(), encoded.end() - tail.size()));
  EXPECT_EQ(decode_message<FetchRequest>(encoded, 12), req);
  // Not sent in v11, which has no tagged fields.
  FetchRequest v11 = decode_message<FetchRequest>(encode_message(req, 11), 11);
  EXPECT_EQ(v11.cluster_id, std::nullopt);
}

TEST(GoldenBytesTest, FetchV12TaggedStructInPartition) {
  FetchResponse resp;
  auto& partition = resp.responses.emplace_back().partitions.emplace_back();
  partition.current_leader.leader_id = 3;
  partition.current_leader.leader_epoch = 4;
  auto decoded = decode_message<FetchResponse>(encode_message(resp, 12), 12);
  EXPECT_EQ(decoded, resp);
  EXPECT_EQ(decoded.responses[0].partitions[0].diverging_epoch.epoch, -1);  // default, not sent
}

TEST(GoldenBytesTest, NullInNonNullableStringThrows) {
  // Heartbeat v0: group_id null.
  const Bytes bytes{0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00};
  ByteReader r(bytes);
  HeartbeatRequest m;
  EXPECT_THROW(m.decode(r, 0), DecodeError);
}

TEST(GoldenBytesTest, NullableOnlyInLaterVersions) {
  // JoinGroup response protocol_name is nullable from v7 (flexible from v6).
  JoinGroupResponse resp;
  EXPECT_EQ(resp.protocol_name, std::nullopt);
  const Bytes v6 = encode_message(resp, 6);
  const Bytes v7 = encode_message(resp, 7);
  // v6: throttle(4) error(2) generation(4) protocol_name "" -> 0x01.
  EXPECT_EQ(v6[10], 0x01);
  // v7: protocol_type null (0x00) then protocol_name null (0x00).
  EXPECT_EQ(v7[10], 0x00);
  EXPECT_EQ(v7[11], 0x00);
  EXPECT_EQ(decode_message<JoinGroupResponse>(v7, 7), resp);
  Bytes null_in_v6 = v6;
  null_in_v6[10] = 0x00;
  ByteReader r(null_in_v6);
  JoinGroupResponse m;
  EXPECT_THROW(m.decode(r, 6), DecodeError);
}

TEST(GoldenBytesTest, UnknownTaggedFieldsInNestedStructsAreSkipped) {
  const Bytes bytes{0x00, 0x00,                          // error_code
                    0x02,                                // one api key
                    0x00, 0x12, 0x00, 0x00, 0x00, 0x03,
                    0x01, 0x2a, 0x01, 0xff,              // entry: unknown tag 42, 1 byte
                    0x00, 0x00, 0x00, 0x00,              // throttle_time_ms
                    0x01, 0x01, 0x08,                    // tag 1 (finalized epoch), 8 bytes
                    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07};
  auto resp = decode_message<ApiVersionsResponse>(bytes, 3);
  ASSERT_EQ(resp.api_keys.size(), 1u);
  EXPECT_EQ(resp.api_keys[0].api_key, 18);
  EXPECT_EQ(resp.api_keys[0].max_version, 3);
  EXPECT_EQ(resp.finalized_features_epoch, 7);
}

TEST(GoldenBytesTest, TruncatedTaggedFieldThrows) {
  // Tag 1 claims 8 bytes but only 2 follow.
  const Bytes bytes{0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x08, 0x00, 0x00};
  ByteReader r(bytes);
  ApiVersionsResponse m;
  EXPECT_THROW(m.decode(r, 3), DecodeError);
}

TEST(GoldenBytesTest, HugeArrayCountIsRejectedWithoutAllocating) {
  // Metadata v1 request claiming 2^31-1 topics in a 6-byte message.
  const Bytes bytes{0x7f, 0xff, 0xff, 0xff, 0x00, 0x00};
  ByteReader r(bytes);
  MetadataRequest m;
  EXPECT_THROW(m.decode(r, 1), DecodeError);
}

TEST(HeadersTest, HeaderVersions) {
  EXPECT_EQ(request_header_version(18, 2), 1);
  EXPECT_EQ(request_header_version(18, 3), 2);
  EXPECT_EQ(response_header_version(18, 3), 0);  // ApiVersions: always v0
  EXPECT_EQ(response_header_version(3, 8), 0);
  EXPECT_EQ(response_header_version(3, 9), 1);
  EXPECT_EQ(request_header_version(0, 9), 2);
  EXPECT_EQ(request_header_version(47, 0), 1);
  EXPECT_EQ(request_header_version(60, 0), 2);
}

TEST(HeadersTest, RequestHeaderNullClientIdAndTaggedFields) {
  RequestHeader header{.api_key = 3, .api_version = 12, .correlation_id = -2};
  ByteWriter w;
  header.encode(w, 2);
  const Bytes expected{0x00, 0x03, 0x00, 0x0c, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0x00};
  EXPECT_EQ(w.buffer(), expected);
  // An unknown tagged field in the header is skipped.
  Bytes with_tag(expected.begin(), expected.end() - 1);
  for (uint8_t b : {0x01, 0x09, 0x01, 0x00}) with_tag.push_back(b);
  ByteReader r(with_tag);
  RequestHeader decoded;
  decoded.decode(r, 2);
  EXPECT_EQ(decoded, header);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(HeadersTest, ResponseHeaders) {
  ResponseHeader header{.correlation_id = 9};
  ByteWriter v0, v1;
  header.encode(v0, 0);
  header.encode(v1, 1);
  EXPECT_EQ(v0.buffer(), (Bytes{0, 0, 0, 9}));
  EXPECT_EQ(v1.buffer(), (Bytes{0, 0, 0, 9, 0}));
  ByteReader r(v1.buffer());
  ResponseHeader decoded;
  decoded.decode(r, 1);
  EXPECT_EQ(decoded, header);
  Bytes truncated{0, 0, 0};
  ByteReader rt(truncated);
  EXPECT_THROW(decoded.decode(rt, 0), DecodeError);
}

}  // namespace
}  // namespace tributary::protocol
