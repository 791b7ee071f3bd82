#include "connect/runtime/converter.h"

#include <gtest/gtest.h>

#include "common/text_encoding.h"

namespace tributary::connect {
namespace {

std::unique_ptr<Converter> make(const std::string& name, Config config = {}) {
  auto c = make_converter(name, config, false);
  EXPECT_TRUE(c.ok()) << c.status().to_string();
  return std::move(*c);
}

TEST(JsonConverter, WritesTheSchemaEnvelopeByDefault) {
  auto c = make(kJsonConverter);
  SchemaAndValue data{schema::structure("p", {schema::field("custid", schema::primitive("int32"))}), {{"custid", 7}}};
  auto bytes = c->from_connect("t", data);
  ASSERT_TRUE(bytes.ok());
  auto parsed = nlohmann::json::parse(**bytes);
  EXPECT_EQ(parsed["payload"]["custid"], 7);
  EXPECT_EQ(parsed["schema"]["type"], "struct");
  auto back = c->to_connect("t", *bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->value["custid"], 7);
}

TEST(JsonConverter, PlainJsonWithoutSchemas) {
  auto c = make(kJsonConverter, {{"schemas.enable", "false"}});
  auto bytes = c->from_connect("t", {nullptr, {{"a", "b"}}});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(**bytes, R"({"a":"b"})");
  EXPECT_FALSE(c->from_connect("t", {nullptr, nullptr})->has_value());  // tombstone
}

TEST(JsonConverter, RejectsPlainJsonWhenSchemasAreExpected) {
  auto c = make(kJsonConverter);
  auto back = c->to_connect("t", std::string(R"({"a":1})"));
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("schemas.enable=false"), std::string::npos);
  EXPECT_FALSE(c->to_connect("t", std::string("{not json")).ok());
}

TEST(JsonConverter, BytesTravelAsBase64) {
  auto c = make(kJsonConverter);
  SchemaAndValue data{schema::primitive("bytes"), nlohmann::json::binary({0, 1, 2, 255})};
  auto bytes = c->from_connect("t", data);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(nlohmann::json::parse(**bytes)["payload"], "AAEC/w==");
  auto back = c->to_connect("t", *bytes);
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(back->value.is_binary());
  EXPECT_EQ(back->value.get_binary().size(), 4u);
}

TEST(StringAndByteArrayConverters, RoundTrip) {
  auto s = make(kStringConverter);
  EXPECT_EQ(**s->from_connect("t", {nullptr, "hello"}), "hello");
  EXPECT_EQ(**s->from_connect("t", {nullptr, 42}), "42");
  EXPECT_EQ(s->to_connect("t", std::string("x"))->value, "x");
  auto b = make(kByteArrayConverter);
  auto back = b->to_connect("t", std::string("\x00\x01", 2));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(**b->from_connect("t", *back), std::string("\x00\x01", 2));
  EXPECT_FALSE(b->from_connect("t", {nullptr, {{"a", 1}}}).ok());
}

TEST(Converters, UnknownClassAndPrefixes) {
  EXPECT_FALSE(make_converter("com.example.Nope", {}, false).ok());
  Config c = {{"value.converter", "x"}, {"value.converter.schemas.enable", "false"}, {"key.converter", "y"}};
  EXPECT_EQ(sub_config(c, "value.converter."), (Config{{"schemas.enable", "false"}}));
  EXPECT_EQ(base64_decode(base64_encode("hello!?")), "hello!?");
}

}  // namespace
}  // namespace tributary::connect
