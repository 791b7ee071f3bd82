// Round trips of every generated message at every version it supports, using
// the populated samples from the generated protocol/samples.h.
#include <gtest/gtest.h>

#include <string>

#include "protocol/messages.h"
#include "protocol/samples.h"

namespace tributary::protocol {
namespace {

template <typename Message>
Bytes encode_message(const Message& m, int16_t version) {
  ByteWriter w;
  m.encode(w, version);
  return w.take();
}

template <typename Message>
std::string describe(int16_t version) {
  const ApiInfo* api = find_api(Message::kApiKey);
  return std::string(api ? api->name : "?") + " key " + std::to_string(Message::kApiKey) + " v" +
         std::to_string(version);
}

TEST(MessagesTest, EveryMessageRoundTripsAtEveryVersion) {
  int checked = 0;
  samples::for_each_sample([&](const auto& sample) {
    using Message = std::decay_t<decltype(sample)>;
    for (int16_t v = Message::kMinVersion; v <= Message::kMaxVersion; ++v) {
      SCOPED_TRACE(describe<Message>(v));
      const Bytes encoded = encode_message(sample, v);
      Message decoded;
      ByteReader r(encoded);
      ASSERT_NO_THROW(decoded.decode(r, v));
      EXPECT_EQ(r.remaining(), 0u);
      EXPECT_EQ(encode_message(decoded, v), encoded);
      ++checked;
    }
  });
  EXPECT_GT(checked, 100);
}

TEST(MessagesTest, DecodeResetsFieldsAbsentFromTheVersion) {
  // Decoding into a populated object must give the same result as decoding
  // into a fresh one: fields the version lacks go back to their defaults.
  samples::for_each_sample([&](const auto& sample) {
    using Message = std::decay_t<decltype(sample)>;
    for (int16_t v = Message::kMinVersion; v <= Message::kMaxVersion; ++v) {
      SCOPED_TRACE(describe<Message>(v));
      const Bytes encoded = encode_message(sample, v);
      Message fresh;
      ByteReader r(encoded);
      fresh.decode(r, v);
      Message reused = sample;
      ByteReader r2(encoded);
      reused.decode(r2, v);
      EXPECT_EQ(reused, fresh);
    }
  });
}

TEST(MessagesTest, EveryStrictPrefixThrowsDecodeError) {
  samples::for_each_sample([&](const auto& sample) {
    using Message = std::decay_t<decltype(sample)>;
    for (int16_t v = Message::kMinVersion; v <= Message::kMaxVersion; ++v) {
      SCOPED_TRACE(describe<Message>(v));
      const Bytes encoded = encode_message(sample, v);
      for (size_t n = 0; n < encoded.size(); ++n) {
        ByteReader r(encoded.data(), n);
        Message m;
        EXPECT_THROW(m.decode(r, v), DecodeError) << "prefix of " << n << " bytes";
      }
    }
  });
}

TEST(MessagesTest, CorruptedBytesNeverCrash) {
  // Flip each byte of every encoding; decoding may succeed or throw
  // DecodeError, but nothing else.
  samples::for_each_sample([&](const auto& sample) {
    using Message = std::decay_t<decltype(sample)>;
    for (int16_t v = Message::kMinVersion; v <= Message::kMaxVersion; ++v) {
      Bytes encoded = encode_message(sample, v);
      for (size_t i = 0; i < encoded.size(); ++i) {
        Bytes corrupted = encoded;
        corrupted[i] ^= 0xff;
        ByteReader r(corrupted);
        Message m;
        try {
          m.decode(r, v);
        } catch (const DecodeError&) {
        }
      }
    }
  });
}

TEST(MessagesTest, ApiTableMatchesGeneratedConstants) {
  int messages = 0;
  samples::for_each_sample([&](const auto& sample) {
    using Message = std::decay_t<decltype(sample)>;
    const ApiInfo* api = find_api(Message::kApiKey);
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->min_version, Message::kMinVersion);
    EXPECT_EQ(api->max_version, Message::kMaxVersion);
    EXPECT_EQ(api->first_flexible_version, Message::kFirstFlexibleVersion);
    ++messages;
  });
  EXPECT_EQ(static_cast<size_t>(messages), 2 * all_apis().size());
}

TEST(MessagesTest, DispatchDecodesTheRightType) {
  samples::for_each_sample([&](const auto& sample) {
    using Message = std::decay_t<decltype(sample)>;
    const int16_t v = Message::kMaxVersion;
    const Bytes encoded = encode_message(sample, v);
    ByteReader r(encoded);
    Message direct;
    direct.decode(r, v);
    ByteReader r2(encoded);
    constexpr bool is_request = std::is_constructible_v<AnyRequest, Message>;
    if constexpr (is_request) {
      AnyRequest any = decode_request(Message::kApiKey, v, r2);
      ASSERT_TRUE(std::holds_alternative<Message>(any));
      EXPECT_EQ(std::get<Message>(any), direct);
      ByteWriter w;
      encode_request(any, v, w);
      EXPECT_EQ(w.buffer(), encoded);
    } else {
      AnyResponse any = decode_response(Message::kApiKey, v, r2);
      ASSERT_TRUE(std::holds_alternative<Message>(any));
      EXPECT_EQ(std::get<Message>(any), direct);
      ByteWriter w;
      encode_response(any, v, w);
      EXPECT_EQ(w.buffer(), encoded);
    }
  });
}

TEST(MessagesTest, DispatchRejectsUnknownKeysAndVersions) {
  Bytes empty;
  ByteReader r(empty);
  EXPECT_THROW(decode_request(17, 0, r), DecodeError);  // SaslHandshake: not supported
  EXPECT_THROW(decode_request(ProduceRequest::kApiKey, 2, r), DecodeError);
  EXPECT_THROW(decode_request(ApiVersionsRequest::kApiKey, 4, r), DecodeError);
}

TEST(ApiTableTest, LookupAndFlexibility) {
  ASSERT_NE(find_api(18), nullptr);
  EXPECT_EQ(find_api(18)->name, "ApiVersions");
  EXPECT_EQ(find_api(4), nullptr);  // LeaderAndIsr: broker-internal
  EXPECT_TRUE(is_supported(0, 9));
  EXPECT_FALSE(is_supported(0, 2));
  EXPECT_TRUE(is_flexible(3, 9));
  EXPECT_FALSE(is_flexible(3, 8));
  EXPECT_FALSE(is_flexible(47, 0));  // OffsetDelete has no flexible version
  EXPECT_TRUE(is_flexible(60, 0));   // DescribeCluster is flexible from v0
  for (size_t i = 1; i < all_apis().size(); ++i) {
    EXPECT_LT(all_apis()[i - 1].key, all_apis()[i].key);
  }
}

}  // namespace
}  // namespace tributary::protocol
