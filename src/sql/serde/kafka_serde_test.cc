#include <gtest/gtest.h>

#include "sql/serde/serde_test_util.h"

namespace tributary::sql {
namespace {

using testing::col;
using testing::serde;
using testing::T;

TEST(KafkaSerde, PrimitivesBigEndian) {
  auto i = serde(Format::kafka, {col("V", T(TypeKind::int_))});
  auto bytes = i->serialize({Value(int32_t{0x01020304})});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(**bytes, std::string("\x01\x02\x03\x04", 4));
  EXPECT_EQ((*i->deserialize(std::string_view(**bytes)))[0], Value(int32_t{0x01020304}));

  auto l = serde(Format::kafka, {col("V", T(TypeKind::bigint))});
  bytes = l->serialize({Value(int64_t{-2})});
  EXPECT_EQ(**bytes, std::string(7, '\xff') + "\xfe");
  EXPECT_EQ((*l->deserialize(std::string_view(**bytes)))[0], Value(int64_t{-2}));

  auto d = serde(Format::kafka, {col("V", T(TypeKind::double_))});
  bytes = d->serialize({Value(1.0)});
  EXPECT_EQ(**bytes, std::string("\x3f\xf0\0\0\0\0\0\0", 8));
  EXPECT_EQ((*d->deserialize(std::string_view(**bytes)))[0], Value(1.0));

  auto s = serde(Format::kafka, {col("V", T(TypeKind::string))});
  EXPECT_EQ(**s->serialize({Value("bar")}), "bar");
  EXPECT_EQ((*s->deserialize(std::string_view("foo")))[0], Value("foo"));

  auto b = serde(Format::kafka, {col("V", T(TypeKind::bytes))});
  EXPECT_EQ((*b->deserialize(std::string_view("\x00\x01", 2)))[0].as<Bytes>().data, std::string("\x00\x01", 2));
}

TEST(KafkaSerde, NullsAndWrongSizes) {
  auto i = serde(Format::kafka, {col("V", T(TypeKind::int_))});
  auto out = i->serialize({Value()});
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->has_value());
  auto row = i->deserialize(std::nullopt);
  ASSERT_TRUE(row.ok());
  EXPECT_TRUE((*row)[0].is_null());
  auto bad = i->deserialize(std::string_view("abc"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Size of data received by IntegerDeserializer is not 4");
  auto l = serde(Format::kafka, {col("V", T(TypeKind::bigint))});
  EXPECT_EQ(l->deserialize(std::string_view("abc")).status().message(),
            "Size of data received by LongDeserializer is not 8");
  auto d = serde(Format::kafka, {col("V", T(TypeKind::double_))});
  EXPECT_EQ(d->deserialize(std::string_view("abc")).status().message(),
            "Size of data received by DoubleDeserializer is not 8");
}

TEST(KafkaSerde, NoColumnsMeansNoBytes) {
  auto s = serde(Format::kafka, {});
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->serialize({})->has_value());
  EXPECT_TRUE(s->deserialize(std::string_view("junk"))->empty());
}

TEST(KafkaSerde, RejectsUnsupportedSchemas) {
  auto r = make_serde(Format::kafka, {col("V0", T(TypeKind::boolean))}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "The 'KAFKA' format does not support type 'BOOLEAN'");
  r = make_serde(Format::kafka, {col("V", make_array(T(TypeKind::int_)))}, {});
  EXPECT_EQ(r.status().message(), "The 'KAFKA' format does not support type 'ARRAY'");
  r = make_serde(Format::kafka, {col("KEY", make_decimal(2, 1), Column::Role::key)}, {});
  EXPECT_EQ(r.status().message(), "The 'KAFKA' format does not support type 'DECIMAL'");
  r = make_serde(Format::kafka, {col("V0", T(TypeKind::int_)), col("V1", T(TypeKind::string))}, {});
  EXPECT_EQ(r.status().message(), "The 'KAFKA' format only supports a single field. Got: [`V0` INTEGER, `V1` STRING]");
  r = make_serde(Format::kafka, {col("K1", T(TypeKind::int_), Column::Role::key),
                                 col("K2", T(TypeKind::int_), Column::Role::key)}, {});
  EXPECT_EQ(r.status().message(),
            "The 'KAFKA' format only supports a single field. Got: [`K1` INTEGER KEY, `K2` INTEGER KEY]");
}

}  // namespace
}  // namespace tributary::sql
