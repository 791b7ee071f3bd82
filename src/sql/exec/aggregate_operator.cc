#include "sql/exec/aggregate_operator.h"

#include <algorithm>
#include <limits>

#include "sql/state/value_codec.h"

namespace tributary::sql {
namespace {

const char kStreamTimeKey[] = "T";

// Stored state: the aggregate states, then the timestamp of the row last emitted.
std::string encode_states(const std::vector<Value>& states, int64_t timestamp) {
  return encode_values(states, {Value(timestamp)});
}

bool decode_states(const std::string& bytes, std::vector<Value>& states, int64_t& timestamp) {
  auto decoded = decode_values(bytes);
  if (!decoded.ok() || decoded->empty()) return false;
  states = std::move(*decoded);
  timestamp = states.back().is<int64_t>() ? states.back().as<int64_t>() : 0;
  states.pop_back();
  return true;
}

}  // namespace

std::optional<AggregateOperator::Group> AggregateOperator::group_of(const std::vector<Value>& cols,
                                                                    QueryContext* ctx) const {
  Group g;
  g.key.reserve(step_.group_exprs.size());
  g.args.reserve(step_.calls.size());
  EvalErrors errors;
  for (const auto& e : step_.group_exprs) {
    g.key.push_back(e->eval(cols, errors));
    if (g.key.back().is_null()) {
      if (ctx) report_eval_errors(errors, *ctx, "GROUP BY");
      return std::nullopt;  // ksqlDB skips records whose grouping key is NULL
    }
  }
  for (const auto& call : step_.calls) {
    std::vector<Value> args;
    args.reserve(call.args.size());
    for (const auto& a : call.args) args.push_back(a->eval(cols, errors));
    g.args.push_back(std::move(args));
  }
  if (ctx) report_eval_errors(errors, *ctx, "aggregate");
  return g;
}

std::vector<Value> AggregateOperator::init_states() const {
  std::vector<Value> states;
  for (const auto& call : step_.calls) states.push_back(call.function->init());
  return states;
}

std::vector<Value> AggregateOperator::results(const std::vector<Value>& states) const {
  std::vector<Value> out;
  for (std::size_t i = 0; i < step_.calls.size(); ++i) out.push_back(step_.calls[i].function->result(states[i]));
  return out;
}

std::vector<Value> AggregateOperator::added(const std::vector<Value>& states, const Group& g) const {
  std::vector<Value> out;
  out.reserve(step_.calls.size());
  for (std::size_t i = 0; i < step_.calls.size(); ++i) out.push_back(step_.calls[i].function->add(states[i], g.args[i]));
  return out;
}

std::vector<Value> AggregateOperator::row_cols(const Group& g, const std::vector<Value>& states,
                                               const std::optional<WindowBounds>& window) const {
  std::vector<Value> cols;
  cols.reserve(g.key.size() + step_.calls.size() + 2);
  cols.insert(cols.end(), g.key.begin(), g.key.end());
  for (std::size_t i = 0; i < step_.calls.size(); ++i) cols.push_back(step_.calls[i].function->result(states[i]));
  if (step_.window) {
    cols.push_back(Value(window ? window->start : int64_t{0}));
    cols.push_back(Value(window ? window->end : int64_t{0}));
  }
  return cols;
}

void AggregateOperator::emit(const Group& g, const std::vector<Value>& states, const std::vector<Value>* old_states,
                             int64_t timestamp, const std::optional<WindowBounds>& window, const Row& in,
                             QueryContext& ctx) const {
  Row out;
  out.cols = row_cols(g, states, window);
  if (old_states) out.old = row_cols(g, *old_states, window);
  out.timestamp = timestamp;
  out.partition = in.partition;
  out.offset = in.offset;
  out.window = window;
  next_->process(out, ctx);
}

int64_t AggregateOperator::advance_stream_time(int64_t timestamp) const {
  int64_t observed = std::numeric_limits<int64_t>::min();
  if (auto stored = store_->get(kStreamTimeKey)) observed = read_i64(*stored);
  if (timestamp > observed) {
    observed = timestamp;
    std::string bytes;
    append_i64(bytes, observed);
    store_->put(kStreamTimeKey, bytes);
  }
  return observed;
}

void AggregateOperator::process(const Row& row, QueryContext& ctx) const {
  if (step_.input_is_table) {
    update_table(row, ctx);
    return;
  }
  if (row.deleted) return;
  if (!step_.window) {
    update_unwindowed(row, ctx);
    return;
  }
  auto g = group_of(row.cols, &ctx);
  if (!g) {
    advance_stream_time(row.timestamp);
    return;
  }
  if (step_.window->type == WindowSpec::Type::session) {
    update_session(*g, row, ctx);
  } else {
    update_time_windows(*g, row, ctx);
  }
}

void AggregateOperator::update_unwindowed(const Row& row, QueryContext& ctx) const {
  auto g = group_of(row.cols, &ctx);
  if (!g) return;
  std::string key = "A" + encode_values(g->key);
  std::vector<Value> states;
  bool existed = false;
  int64_t timestamp = row.timestamp;
  if (auto stored = store_->get(key)) {
    int64_t previous_ts = 0;
    existed = decode_states(*stored, states, previous_ts);
    if (existed) timestamp = std::max(timestamp, previous_ts);
  }
  if (!existed) states = init_states();
  std::vector<Value> next = added(states, *g);
  store_->put(key, encode_states(next, timestamp));
  emit(*g, next, existed ? &states : nullptr, timestamp, std::nullopt, row, ctx);
}

void AggregateOperator::update_table(const Row& row, QueryContext& ctx) const {
  std::optional<Group> old_group;
  std::optional<Group> new_group;
  if (row.old) old_group = group_of(*row.old, nullptr);
  if (!row.deleted) new_group = group_of(row.cols, &ctx);

  auto load = [&](const Group& g, std::vector<Value>& states, int64_t& ts) {
    states = init_states();
    ts = 0;
    if (auto stored = store_->get("A" + encode_values(g.key))) {
      if (decode_states(*stored, states, ts)) return true;
      states = init_states();
    }
    return false;
  };

  bool same_key = old_group && new_group && old_group->key == new_group->key;
  if (old_group) {
    std::vector<Value> states;
    int64_t ts;
    if (load(*old_group, states, ts)) {
      std::vector<Value> before = states;
      for (std::size_t i = 0; i < step_.calls.size(); ++i) {
        states[i] = step_.calls[i].function->undo(states[i], old_group->args[i]);
      }
      if (same_key) {
        for (std::size_t i = 0; i < step_.calls.size(); ++i) {
          states[i] = step_.calls[i].function->add(states[i], new_group->args[i]);
        }
      }
      int64_t out_ts = std::max(ts, row.timestamp);
      store_->put("A" + encode_values(old_group->key), encode_states(states, out_ts));
      emit(same_key ? *new_group : *old_group, states, &before, out_ts, std::nullopt, row, ctx);
      if (same_key) return;
    }
  }
  if (new_group) {
    std::vector<Value> states;
    int64_t ts;
    std::optional<std::vector<Value>> before;
    if (load(*new_group, states, ts)) before = states;
    for (std::size_t i = 0; i < step_.calls.size(); ++i) {
      states[i] = step_.calls[i].function->add(states[i], new_group->args[i]);
    }
    int64_t out_ts = before ? std::max(ts, row.timestamp) : row.timestamp;
    store_->put("A" + encode_values(new_group->key), encode_states(states, out_ts));
    emit(*new_group, states, before ? &*before : nullptr, out_ts, std::nullopt, row, ctx);
  }
}

void AggregateOperator::update_time_windows(const Group& g, const Row& row, QueryContext& ctx) const {
  int64_t observed = advance_stream_time(row.timestamp);
  int64_t close_time = observed - step_.grace_ms;
  int64_t ts = row.timestamp;
  int64_t size = step_.window_size_ms;
  int64_t advance = step_.window_advance_ms > 0 ? step_.window_advance_ms : size;
  // Windows containing ts, earliest first (as Kafka Streams enumerates them).
  int64_t first = std::max<int64_t>(0, ts - size + advance) / advance * advance;
  std::string key;
  key.reserve(48);
  key.push_back('W');
  append_encoded_values(key, g.key);
  const std::size_t prefix_size = key.size();
  for (int64_t start = first; start <= ts; start += advance) {
    if (start + size <= ts) continue;
    WindowBounds w{WindowBounds::Type::time, start, start + size};
    if (w.end <= close_time) {
      ctx.log_error("Skipping record for expired window", nullptr);
      continue;
    }
    key.resize(prefix_size);
    append_ordered_i64(key, start);
    std::vector<Value> states;
    bool existed = false;
    int64_t out_ts = ts;
    if (auto stored = store_->get(key)) {
      int64_t previous_ts = 0;
      existed = decode_states(*stored, states, previous_ts);
      if (existed) out_ts = std::max(ts, previous_ts);
    }
    if (!existed) states = init_states();
    std::vector<Value> next = added(states, g);
    store_->put(key, encode_states(next, out_ts));
    emit(g, next, existed ? &states : nullptr, out_ts, w, row, ctx);
  }
}

void AggregateOperator::update_session(const Group& g, const Row& row, QueryContext& ctx) const {
  int64_t observed = advance_stream_time(row.timestamp);
  int64_t gap = step_.window_size_ms;
  // A session can still grow by the gap, so it closes gap + grace after its end.
  int64_t close_time = observed - step_.grace_ms - gap;
  int64_t ts = row.timestamp;
  std::string prefix = "S" + encode_values(g.key);

  WindowBounds merged{WindowBounds::Type::session, ts, ts};
  std::vector<Value> states = init_states();
  int64_t out_ts = ts;
  struct Old { std::string key; WindowBounds window; std::vector<Value> states; int64_t ts; };
  std::vector<Old> absorbed;
  for (const auto& [key, bytes] : store_->scan_prefix(prefix)) {
    std::string_view suffix(key);
    suffix.remove_prefix(prefix.size());
    if (suffix.size() != 16) continue;
    int64_t end = read_ordered_i64(suffix.substr(0, 8));
    int64_t start = read_ordered_i64(suffix.substr(8, 8));
    if (end < observed - step_.grace_ms - gap) {
      store_->remove(key);  // past the session store's retention
      continue;
    }
    if (end < ts - gap || start > ts + gap) continue;
    Old old{key, {WindowBounds::Type::session, start, end}, {}, 0};
    if (!decode_states(bytes, old.states, old.ts)) continue;
    absorbed.push_back(std::move(old));
  }
  for (const auto& old : absorbed) {
    merged.start = std::min(merged.start, old.window.start);
    merged.end = std::max(merged.end, old.window.end);
  }
  if (merged.end < close_time) {
    ctx.log_error("Skipping record for expired session", nullptr);
    return;
  }
  for (const auto& old : absorbed) {
    for (std::size_t i = 0; i < step_.calls.size(); ++i) {
      states[i] = step_.calls[i].function->merge(states[i], old.states[i]);
    }
    out_ts = std::max(out_ts, old.ts);
  }
  // Sessions merged into the new one are deleted downstream first.
  for (const auto& old : absorbed) {
    store_->remove(old.key);
    if (old.window.start == merged.start && old.window.end == merged.end) continue;
    Row tombstone;
    std::vector<Value> cols = g.key;
    for (std::size_t i = 0; i < step_.calls.size(); ++i) cols.push_back(Value());
    cols.push_back(Value(old.window.start));
    cols.push_back(Value(old.window.end));
    tombstone.cols = std::move(cols);
    std::vector<Value> old_cols = g.key;
    auto r = results(old.states);
    old_cols.insert(old_cols.end(), r.begin(), r.end());
    old_cols.push_back(Value(old.window.start));
    old_cols.push_back(Value(old.window.end));
    tombstone.old = std::move(old_cols);
    tombstone.deleted = true;
    tombstone.timestamp = old.ts;
    tombstone.partition = row.partition;
    tombstone.offset = row.offset;
    tombstone.window = old.window;
    next_->process(tombstone, ctx);
  }
  const std::vector<Value>* old_states = nullptr;
  for (const auto& old : absorbed) {
    if (old.window.start == merged.start && old.window.end == merged.end) old_states = &old.states;
  }
  for (std::size_t i = 0; i < step_.calls.size(); ++i) {
    states[i] = step_.calls[i].function->add(states[i], g.args[i]);
  }
  std::string key = prefix;
  append_ordered_i64(key, merged.end);
  append_ordered_i64(key, merged.start);
  store_->put(key, encode_states(states, out_ts));
  emit(g, states, old_states, out_ts, merged, row, ctx);
}

}  // namespace tributary::sql
