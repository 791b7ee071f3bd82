#include "sql/exec/suppress_operator.h"

#include <limits>

#include "sql/state/value_codec.h"

namespace tributary::sql {
namespace {

int64_t read_or(const StateStore& store, const char* key, int64_t fallback) {
  auto v = store.get(key);
  return v ? read_i64(*v) : fallback;
}

void write(StateStore& store, const char* key, int64_t value) {
  std::string bytes;
  append_i64(bytes, value);
  store.put(key, bytes);
}

}  // namespace

std::string SuppressOperator::buffer_key(const Row& row) const {
  std::vector<Value> key;
  for (auto i : key_indexes_) key.push_back(row.cols[i]);
  std::string k = "B";
  append_ordered_i64(k, step_.session ? row.window->end : row.window->start);
  k += encode_values(key);
  append_ordered_i64(k, step_.session ? row.window->start : row.window->end);
  return k;
}

void SuppressOperator::emit(std::string_view bytes, const Row& trigger, QueryContext& ctx) const {
  auto decoded = decode_values(bytes);
  if (!decoded.ok() || decoded->size() < 3) return;
  auto& v = *decoded;
  std::size_t n = v.size();
  Row out;
  out.window = WindowBounds{step_.session ? WindowBounds::Type::session : WindowBounds::Type::time,
                            v[n - 2].as<int64_t>(), v[n - 1].as<int64_t>()};
  out.timestamp = v[n - 3].as<int64_t>();
  v.resize(n - 3);
  out.cols = std::move(v);
  out.partition = trigger.partition;
  next_->process(out, ctx);
}

void SuppressOperator::process(const Row& row, QueryContext& ctx) const {
  int64_t observed = std::max(read_or(*store_, "T", std::numeric_limits<int64_t>::min()), row.timestamp);
  write(*store_, "T", observed);
  if (row.window) {
    std::string k = buffer_key(row);
    if (row.deleted) {
      store_->remove(k);
    } else {
      std::vector<Value> stored = row.cols;
      stored.push_back(Value(row.timestamp));
      stored.push_back(Value(row.window->start));
      stored.push_back(Value(row.window->end));
      store_->put(k, encode_values(stored));
    }
  }
  int64_t close = observed - step_.grace_ms - (step_.session ? step_.window_size_ms : 0);
  auto last = store_->get("C");
  if (last && read_i64(*last) >= close) return;
  write(*store_, "C", close);

  if (step_.session) {
    std::string to = "B";
    append_ordered_i64(to, close + 1);
    for (const auto& [k, bytes] : store_->scan_range("B", to)) {
      store_->remove(k);
      emit(bytes, row, ctx);
    }
    return;
  }
  int64_t start = close - step_.window_size_ms;
  if (start < 0) return;
  std::string to = "B";
  append_ordered_i64(to, start + 1);
  for (const auto& [k, bytes] : store_->scan_range("B", to)) {
    int64_t window_start = read_ordered_i64(std::string_view(k).substr(1, 8));
    store_->remove(k);
    if (window_start == start) emit(bytes, row, ctx);
  }
}

}  // namespace tributary::sql
