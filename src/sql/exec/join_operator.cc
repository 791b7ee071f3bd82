#include "sql/exec/join_operator.h"

#include <algorithm>
#include <limits>

#include "sql/state/value_codec.h"

namespace tributary::sql {
namespace {

constexpr int64_t kDefaultRetentionMs = 86'400'000;

// Join keys compare by value: INT and BIGINT keys that are equal must meet in the store.
std::string key_bytes(const Value& key) {
  if (key.is<int32_t>()) return encode_values({Value(static_cast<int64_t>(key.as<int32_t>()))});
  return encode_values({key});
}

std::string encode_row(const std::vector<Value>& cols, int64_t ts) {
  std::vector<Value> all = cols;
  all.push_back(Value(ts));
  return encode_values(all);
}

bool decode_row(std::string_view bytes, std::vector<Value>& cols, int64_t& ts) {
  auto decoded = decode_values(bytes);
  if (!decoded.ok() || decoded->empty()) return false;
  cols = std::move(*decoded);
  ts = cols.back().is<int64_t>() ? cols.back().as<int64_t>() : 0;
  cols.pop_back();
  return true;
}

int64_t read_time(const StateStore& store, const std::string& key) {
  auto v = store.get(key);
  return v ? read_i64(*v) : std::numeric_limits<int64_t>::min();
}

void write_time(StateStore& store, const std::string& key, int64_t t) {
  std::string bytes;
  append_i64(bytes, t);
  store.put(key, bytes);
}

}  // namespace

JoinOperator::JoinOperator(const PlanNode& node, const Operator* next, std::unique_ptr<StateStore> store)
    : step_(node.join), next_(next), store_(std::move(store)) {
  left_width_ = node.inputs[0]->layout.size();
  right_width_ = node.inputs[1]->layout.size();
  auto keys = key_indexes(node.inputs[0]->layout);
  left_pk_index_ = keys.empty() ? 0 : keys[0];
}

std::optional<Value> JoinOperator::join_key(int side, const std::vector<Value>& cols, QueryContext* ctx) const {
  EvalErrors errors;
  Value v = (side == 0 ? step_.left_key : step_.right_key)->eval(cols, errors);
  if (ctx) report_eval_errors(errors, *ctx, "JOIN");
  if (v.is_null()) return std::nullopt;
  return v;
}

Row JoinOperator::joined(const Row& in, const std::vector<Value>* left, const std::vector<Value>* right,
                         const Value& key) const {
  Row out;
  out.cols.reserve(1 + left_width_ + right_width_);
  out.cols.push_back(key);
  for (std::size_t i = 0; i < left_width_; ++i) out.cols.push_back(left ? (*left)[i] : Value());
  for (std::size_t i = 0; i < right_width_; ++i) out.cols.push_back(right ? (*right)[i] : Value());
  out.timestamp = in.timestamp;
  out.partition = in.partition;
  out.offset = in.offset;
  out.window = in.window;
  return out;
}

void JoinOperator::emit_tombstone(const Row& in, const Value& key, QueryContext& ctx) const {
  Row out = joined(in, nullptr, nullptr, key);
  out.deleted = true;
  next_->process(out, ctx);
}

void JoinOperator::process_side(int side, const Row& row, QueryContext& ctx) const {
  switch (step_.kind) {
    case JoinStep::Kind::stream_stream: stream_stream(side, row, ctx); break;
    case JoinStep::Kind::stream_table: stream_table(side, row, ctx); break;
    case JoinStep::Kind::table_table:
      if (step_.foreign_key) table_table_foreign_key(side, row, ctx);
      else table_table(side, row, ctx);
      break;
  }
}

// ---- stream-stream ------------------------------------------------------------------------
// Store: "B" side key ts seq -> row (each side's window buffer); "O" ts side key seq -> row (outer
// rows waiting for their window to close); "t0"/"t1" per-side stream time, "ts" shared, "q" seq.

void JoinOperator::stream_stream(int side, const Row& row, QueryContext& ctx) const {
  if (row.deleted) return;
  auto key = join_key(side, row.cols, &ctx);
  if (!key) return;
  const int64_t t = row.timestamp;
  const int64_t window = step_.before_ms + step_.after_ms;
  const bool spurious_fix = step_.grace_ms >= 0;
  const int64_t grace = spurious_fix ? step_.grace_ms : std::max<int64_t>(kDefaultRetentionMs - window, 0);
  const int64_t retention = window + grace;
  // Windowed sources join on the windowed key: the same key in another window is another key.
  std::string kb = key_bytes(*key);
  if (row.window) {
    append_ordered_i64(kb, row.window->start);
    append_ordered_i64(kb, row.window->end);
  }
  const char side_char = side == 0 ? 'L' : 'R';
  const char other_char = side == 0 ? 'R' : 'L';

  int64_t seq = read_time(*store_, "q");
  seq = seq == std::numeric_limits<int64_t>::min() ? 0 : seq + 1;
  write_time(*store_, "q", seq);

  // This side's window buffer, which forgets records older than its retention.
  std::string side_time_key = side == 0 ? "t0" : "t1";
  int64_t side_time = std::max(read_time(*store_, side_time_key), t);
  write_time(*store_, side_time_key, side_time);
  if (t >= side_time - retention) {
    std::string k = std::string("B") + side_char + kb;
    append_ordered_i64(k, t);
    append_ordered_i64(k, seq);
    store_->put(k, encode_row(row.cols, t));
  }
  int64_t shared = std::max(read_time(*store_, "ts"), t);
  write_time(*store_, "ts", shared);

  const bool outer = step_.type == Join::Type::full || (step_.type == Join::Type::left && side == 0) ||
                     (step_.type == Join::Type::right && side == 1);
  const bool any_outer = step_.type != Join::Type::inner;

  // Outer rows whose window has closed without a match.
  if (spurious_fix && any_outer && t == shared) {
    std::string from = "O", to = "P";
    for (const auto& [k, bytes] : store_->scan_range(from, to)) {
      int64_t rec_ts = read_ordered_i64(std::string_view(k).substr(1, 8));
      bool rec_left = k[9] == 'L';
      int64_t lookback = rec_left ? step_.after_ms : step_.before_ms;
      if (rec_ts + lookback + grace >= shared) break;
      std::vector<Value> cols;
      int64_t ts;
      store_->remove(k);
      if (!decode_row(bytes, cols, ts)) continue;
      auto rec_key = join_key(rec_left ? 0 : 1, cols, nullptr);
      Row in;
      in.timestamp = rec_ts;
      in.partition = row.partition;
      Row out = rec_left ? joined(in, &cols, nullptr, rec_key.value_or(Value()))
                         : joined(in, nullptr, &cols, rec_key.value_or(Value()));
      next_->process(out, ctx);
    }
  }

  // Matches in the other side's buffer.
  int64_t from_ts = std::max<int64_t>(0, side == 0 ? t - step_.before_ms : t - step_.after_ms);
  int64_t to_ts = std::max<int64_t>(0, side == 0 ? t + step_.after_ms : t + step_.before_ms);
  std::string prefix = std::string("B") + other_char + kb;
  std::string lo = prefix, hi = prefix;
  append_ordered_i64(lo, from_ts);
  append_ordered_i64(hi, to_ts + 1);
  bool matched = false;
  for (const auto& [k, bytes] : store_->scan_range(lo, hi)) {
    std::vector<Value> other;
    int64_t other_ts;
    if (!decode_row(bytes, other, other_ts)) continue;
    matched = true;
    if (spurious_fix) {
      std::string o = "O";
      append_ordered_i64(o, other_ts);
      o += other_char;
      o += kb;
      o += std::string_view(k).substr(k.size() - 8);
      store_->remove(o);
    }
    Row out = side == 0 ? joined(row, &row.cols, &other, *key) : joined(row, &other, &row.cols, *key);
    out.timestamp = std::max(t, other_ts);
    next_->process(out, ctx);
  }
  if (matched || !outer) return;
  int64_t lookahead = side == 0 ? step_.after_ms : step_.before_ms;
  if (!spurious_fix || t + lookahead < shared) {
    Row out = side == 0 ? joined(row, &row.cols, nullptr, *key) : joined(row, nullptr, &row.cols, *key);
    next_->process(out, ctx);
    return;
  }
  std::string o = "O";
  append_ordered_i64(o, t);
  o += side_char;
  o += kb;
  append_ordered_i64(o, seq);
  store_->put(o, encode_row(row.cols, t));
}

// ---- stream-table -------------------------------------------------------------------------
// Store: "T" key -> the table side's current row.

void JoinOperator::stream_table(int side, const Row& row, QueryContext& ctx) const {
  if (side == 1) {
    auto key = join_key(1, row.cols, nullptr);
    if (!key) return;
    std::string k = "T" + key_bytes(*key);
    if (row.deleted) store_->remove(k);
    else store_->put(k, encode_row(row.cols, row.timestamp));
    return;
  }
  if (row.deleted) return;
  auto key = join_key(0, row.cols, &ctx);
  if (!key) return;
  std::vector<Value> right;
  int64_t ts;
  auto found = store_->get("T" + key_bytes(*key));
  bool have = found && decode_row(*found, right, ts);
  if (!have && step_.type == Join::Type::inner) return;
  next_->process(joined(row, &row.cols, have ? &right : nullptr, *key), ctx);
}

// ---- table-table on the primary key -------------------------------------------------------
// Store: "L" key / "R" key -> each side's current row.

void JoinOperator::table_table(int side, const Row& row, QueryContext& ctx) const {
  auto key = join_key(side, row.cols, row.deleted ? nullptr : &ctx);
  if (!key && row.old) key = join_key(side, *row.old, nullptr);
  if (!key) return;
  std::string kb = key_bytes(*key);
  const char* mine = side == 0 ? "L" : "R";
  const char* theirs = side == 0 ? "R" : "L";
  if (row.deleted) store_->remove(mine + kb);
  else store_->put(mine + kb, encode_row(row.cols, row.timestamp));

  std::vector<Value> other;
  int64_t other_ts = 0;
  auto found = store_->get(theirs + kb);
  bool have_other = found && decode_row(*found, other, other_ts);
  bool have_new = !row.deleted;
  bool have_old = row.old.has_value();

  // Whether this side / the other side must be present for a row to exist.
  bool need_mine, need_other;
  switch (step_.type) {
    case Join::Type::inner: need_mine = need_other = true; break;
    case Join::Type::left: need_mine = side == 0; need_other = side == 1; break;
    case Join::Type::right: need_mine = side == 1; need_other = side == 0; break;
    default: need_mine = need_other = false; break;
  }
  if (need_other && !have_other) return;
  auto exists = [&](bool mine_present) {
    if (need_mine && !mine_present) return false;
    return mine_present || have_other;
  };
  bool new_exists = exists(have_new);
  bool old_exists = exists(have_old);
  if (!new_exists && !old_exists) return;
  auto make = [&](const std::vector<Value>* mine_cols) {
    const std::vector<Value>* o = have_other ? &other : nullptr;
    return side == 0 ? joined(row, mine_cols, o, *key) : joined(row, o, mine_cols, *key);
  };
  Row out = make(have_new ? &row.cols : nullptr);
  out.deleted = !new_exists;
  if (old_exists) out.old = make(have_old ? &*row.old : nullptr).cols;
  out.timestamp = have_other ? std::max(row.timestamp, other_ts) : row.timestamp;
  next_->process(out, ctx);
}

// ---- table-table on a foreign key ---------------------------------------------------------
// Store: "L" left key -> left row; "R" right key -> right row; "I" fk left-key -> index.

void JoinOperator::table_table_foreign_key(int side, const Row& row, QueryContext& ctx) const {
  auto emit_for_left = [&](const std::vector<Value>& left, const Row& in, bool right_present,
                           const std::vector<Value>* right, int64_t right_ts, bool had_match) {
    const Value& lk = left[left_pk_index_];
    if (!right_present && step_.type == Join::Type::inner) {
      if (had_match) {
        Row t = joined(in, nullptr, nullptr, lk);
        t.deleted = true;
        next_->process(t, ctx);
      }
      return;
    }
    Row out = joined(in, &left, right_present ? right : nullptr, lk);
    out.timestamp = right_present ? std::max(in.timestamp, right_ts) : in.timestamp;
    next_->process(out, ctx);
  };

  if (side == 1) {
    auto rk = join_key(1, row.cols, nullptr);
    if (!rk && row.old) rk = join_key(1, *row.old, nullptr);
    if (!rk) return;
    std::string kb = key_bytes(*rk);
    bool had = store_->get("R" + kb).has_value();
    if (row.deleted) store_->remove("R" + kb);
    else store_->put("R" + kb, encode_row(row.cols, row.timestamp));
    for (const auto& [k, lkb] : store_->scan_prefix("I" + kb)) {
      auto left_bytes = store_->get("L" + lkb);
      std::vector<Value> left;
      int64_t lts;
      if (!left_bytes || !decode_row(*left_bytes, left, lts)) continue;
      emit_for_left(left, row, !row.deleted, &row.cols, row.timestamp, had);
    }
    return;
  }

  const std::vector<Value>& cols = row.deleted && row.old ? *row.old : row.cols;
  Value lk = cols[left_pk_index_];
  if (lk.is_null()) return;
  std::string lkb = key_bytes(lk);
  auto old_fk = row.old ? join_key(0, *row.old, nullptr) : std::nullopt;
  auto new_fk = row.deleted ? std::nullopt : join_key(0, row.cols, &ctx);
  bool old_matched = old_fk && store_->get("R" + key_bytes(*old_fk)).has_value();
  if (old_fk) store_->remove("I" + key_bytes(*old_fk) + lkb);
  if (row.deleted) {
    store_->remove("L" + lkb);
    if (old_matched || (row.old && step_.type == Join::Type::left)) emit_tombstone(row, lk, ctx);
    return;
  }
  store_->put("L" + lkb, encode_row(row.cols, row.timestamp));
  if (new_fk) store_->put("I" + key_bytes(*new_fk) + lkb, lkb);
  std::vector<Value> right;
  int64_t rts = 0;
  bool have_right = false;
  if (new_fk) {
    auto found = store_->get("R" + key_bytes(*new_fk));
    have_right = found && decode_row(*found, right, rts);
  }
  emit_for_left(row.cols, row, have_right, &right, rts, old_matched);
}

}  // namespace tributary::sql
