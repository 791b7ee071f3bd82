#include "sql/state/value_codec.h"

#include <cstring>

namespace tributary::sql {
namespace {

enum Tag : uint8_t {
  kNull = 0, kBool, kInt, kBigint, kDouble, kDecimal, kString, kBytes, kTimestamp, kDate, kTime,
  kArray, kMap, kStruct,
};

// Big-endian bytes appended in one call: per-byte push_back showed in profiles of the aggregate.
void append_u32(std::string& out, uint32_t v) {
  char bytes[4];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<char>((v >> (8 * (3 - i))) & 0xff);
  out.append(bytes, 4);
}

uint64_t read_u64(std::string_view in, std::size_t pos) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[pos + i]);
  return v;
}

bool read_u32(std::string_view in, std::size_t& pos, uint32_t& v) {
  if (pos + 4 > in.size()) return false;
  v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(in[pos + i]);
  pos += 4;
  return true;
}

bool read_i64_at(std::string_view in, std::size_t& pos, int64_t& v) {
  if (pos + 8 > in.size()) return false;
  v = static_cast<int64_t>(read_u64(in, pos));
  pos += 8;
  return true;
}

void append_text(std::string& out, std::string_view s) {
  append_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

bool read_text(std::string_view in, std::size_t& pos, std::string& s) {
  uint32_t n = 0;
  if (!read_u32(in, pos, n) || pos + n > in.size()) return false;
  s.assign(in.substr(pos, n));
  pos += n;
  return true;
}

bool read_list(std::string_view in, std::size_t& pos, std::vector<Value>& items) {
  uint32_t n = 0;
  if (!read_u32(in, pos, n)) return false;
  items.resize(n);
  for (auto& item : items) {
    if (!decode_value(in, pos, item)) return false;
  }
  return true;
}

}  // namespace

void append_i64(std::string& out, int64_t v) {
  auto u = static_cast<uint64_t>(v);
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((u >> (8 * (7 - i))) & 0xff);
  out.append(bytes, 8);
}

int64_t read_i64(std::string_view in) { return static_cast<int64_t>(read_u64(in, 0)); }

void append_ordered_i64(std::string& out, int64_t v) {
  append_i64(out, static_cast<int64_t>(static_cast<uint64_t>(v) ^ (uint64_t{1} << 63)));
}

int64_t read_ordered_i64(std::string_view in) {
  return static_cast<int64_t>(read_u64(in, 0) ^ (uint64_t{1} << 63));
}

void encode_value(const Value& v, std::string& out) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          out.push_back(kNull);
        } else if constexpr (std::is_same_v<T, bool>) {
          out.push_back(kBool);
          out.push_back(x ? 1 : 0);
        } else if constexpr (std::is_same_v<T, int32_t>) {
          out.push_back(kInt);
          append_u32(out, static_cast<uint32_t>(x));
        } else if constexpr (std::is_same_v<T, int64_t>) {
          out.push_back(kBigint);
          append_i64(out, x);
        } else if constexpr (std::is_same_v<T, double>) {
          out.push_back(kDouble);
          int64_t bits;
          std::memcpy(&bits, &x, 8);
          append_i64(out, bits);
        } else if constexpr (std::is_same_v<T, Decimal>) {
          out.push_back(kDecimal);
          append_u32(out, static_cast<uint32_t>(x.scale));
          auto u = static_cast<unsigned __int128>(x.unscaled);
          append_i64(out, static_cast<int64_t>(static_cast<uint64_t>(u >> 64)));
          append_i64(out, static_cast<int64_t>(static_cast<uint64_t>(u)));
        } else if constexpr (std::is_same_v<T, std::string>) {
          out.push_back(kString);
          append_text(out, x);
        } else if constexpr (std::is_same_v<T, Bytes>) {
          out.push_back(kBytes);
          append_text(out, x.data);
        } else if constexpr (std::is_same_v<T, Timestamp>) {
          out.push_back(kTimestamp);
          append_i64(out, x.millis);
        } else if constexpr (std::is_same_v<T, Date>) {
          out.push_back(kDate);
          append_u32(out, static_cast<uint32_t>(x.days));
        } else if constexpr (std::is_same_v<T, Time>) {
          out.push_back(kTime);
          append_i64(out, x.millis);
        } else if constexpr (std::is_same_v<T, std::shared_ptr<const Array>>) {
          out.push_back(kArray);
          append_u32(out, static_cast<uint32_t>(x->size()));
          for (const auto& item : *x) encode_value(item, out);
        } else if constexpr (std::is_same_v<T, std::shared_ptr<const MapEntries>>) {
          out.push_back(kMap);
          append_u32(out, static_cast<uint32_t>(x->size()));
          for (const auto& [k, val] : *x) {
            encode_value(k, out);
            encode_value(val, out);
          }
        } else {
          out.push_back(kStruct);
          append_u32(out, static_cast<uint32_t>(x->size()));
          for (const auto& item : *x) encode_value(item, out);
        }
      },
      v.v);
}

std::string encode_values(const std::vector<Value>& values) {
  std::string out;
  out.reserve(4 + 12 * values.size());  // scalars take 5-9 bytes: one allocation, not a doubling series
  append_u32(out, static_cast<uint32_t>(values.size()));
  for (const auto& v : values) encode_value(v, out);
  return out;
}

void append_encoded_values(std::string& out, std::span<const Value> values) {
  append_u32(out, static_cast<uint32_t>(values.size()));
  for (const auto& v : values) encode_value(v, out);
}

std::string encode_values(std::span<const Value> values, std::initializer_list<Value> extra) {
  std::string out;
  out.reserve(4 + 12 * (values.size() + extra.size()));
  append_u32(out, static_cast<uint32_t>(values.size() + extra.size()));
  for (const auto& v : values) encode_value(v, out);
  for (const auto& v : extra) encode_value(v, out);
  return out;
}

bool decode_value(std::string_view in, std::size_t& pos, Value& out) {
  if (pos >= in.size()) return false;
  auto tag = static_cast<uint8_t>(in[pos++]);
  switch (tag) {
    case kNull: out = Value(); return true;
    case kBool:
      if (pos >= in.size()) return false;
      out = Value(in[pos++] != 0);
      return true;
    case kInt: {
      uint32_t u;
      if (!read_u32(in, pos, u)) return false;
      out = Value(static_cast<int32_t>(u));
      return true;
    }
    case kBigint: {
      int64_t x;
      if (!read_i64_at(in, pos, x)) return false;
      out = Value(x);
      return true;
    }
    case kDouble: {
      int64_t bits;
      if (!read_i64_at(in, pos, bits)) return false;
      double d;
      std::memcpy(&d, &bits, 8);
      out = Value(d);
      return true;
    }
    case kDecimal: {
      uint32_t scale;
      int64_t hi, lo;
      if (!read_u32(in, pos, scale) || !read_i64_at(in, pos, hi) || !read_i64_at(in, pos, lo)) return false;
      auto u = (static_cast<unsigned __int128>(static_cast<uint64_t>(hi)) << 64) | static_cast<uint64_t>(lo);
      out = Value(Decimal{static_cast<__int128>(u), static_cast<int32_t>(scale)});
      return true;
    }
    case kString: {
      std::string s;
      if (!read_text(in, pos, s)) return false;
      out = Value(std::move(s));
      return true;
    }
    case kBytes: {
      std::string s;
      if (!read_text(in, pos, s)) return false;
      out = Value(Bytes{std::move(s)});
      return true;
    }
    case kTimestamp: {
      int64_t x;
      if (!read_i64_at(in, pos, x)) return false;
      out = Value(Timestamp{x});
      return true;
    }
    case kDate: {
      uint32_t u;
      if (!read_u32(in, pos, u)) return false;
      out = Value(Date{static_cast<int32_t>(u)});
      return true;
    }
    case kTime: {
      int64_t x;
      if (!read_i64_at(in, pos, x)) return false;
      out = Value(Time{x});
      return true;
    }
    case kArray: {
      Array items;
      if (!read_list(in, pos, items)) return false;
      out = Value::array(std::move(items));
      return true;
    }
    case kMap: {
      uint32_t n;
      if (!read_u32(in, pos, n)) return false;
      MapEntries entries(n);
      for (auto& [k, val] : entries) {
        if (!decode_value(in, pos, k) || !decode_value(in, pos, val)) return false;
      }
      out = Value::map(std::move(entries));
      return true;
    }
    case kStruct: {
      StructFields fields;
      if (!read_list(in, pos, fields)) return false;
      out = Value::struct_(std::move(fields));
      return true;
    }
    default: return false;
  }
}

Result<std::vector<Value>> decode_values(std::string_view in) {
  std::size_t pos = 0;
  std::vector<Value> values;
  if (!read_list(in, pos, values) || pos != in.size()) {
    return Status::error(Errc::corrupt, "malformed state value");
  }
  return values;
}

}  // namespace tributary::sql
