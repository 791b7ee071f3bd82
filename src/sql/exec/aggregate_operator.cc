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

AggregateOperator::AggregateOperator(const PlanNode& node, const Operator* next, std::unique_ptr<StateStore> store,
                                     bool may_coalesce)
    : step_(node.aggregate), next_(next), store_(std::move(store)), may_coalesce_(may_coalesce) {
  if (store_) store_->set_flush_hook([this] { write_back(); });
}

AggregateOperator::~AggregateOperator() {
  if (!store_) return;
  // Unhooked first: a commit running now finishes before this returns, none starts later.
  store_->set_flush_hook(nullptr);
  write_back();  // a store closed before the commit still gets the last states
}

bool AggregateOperator::fill_group(const std::vector<Value>& cols, QueryContext* ctx, Group& g) const {
  g.key.clear();
  g.args.resize(step_.calls.size());
  EvalErrors errors;
  for (const auto& e : step_.group_exprs) {
    g.key.push_back(e->eval(cols, errors));
    if (g.key.back().is_null()) {
      if (ctx) report_eval_errors(errors, *ctx, "GROUP BY");
      return false;  // ksqlDB skips records whose grouping key is NULL
    }
  }
  for (std::size_t i = 0; i < step_.calls.size(); ++i) {
    auto& args = g.args[i];
    args.clear();
    for (const auto& a : step_.calls[i].args) args.push_back(a->eval(cols, errors));
  }
  if (ctx) report_eval_errors(errors, *ctx, "aggregate");
  return true;
}

std::optional<AggregateOperator::Group> AggregateOperator::group_of(const std::vector<Value>& cols,
                                                                    QueryContext* ctx) const {
  Group g;
  g.key.reserve(step_.group_exprs.size());
  if (!fill_group(cols, ctx, g)) return std::nullopt;
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

void AggregateOperator::fill_cols(std::vector<Value>& cols, const Group& g, const std::vector<Value>& states,
                                  const std::optional<WindowBounds>& window) const {
  cols.clear();
  cols.reserve(g.key.size() + step_.calls.size() + 2);
  cols.insert(cols.end(), g.key.begin(), g.key.end());
  for (std::size_t i = 0; i < step_.calls.size(); ++i) cols.push_back(step_.calls[i].function->result(states[i]));
  if (step_.window) {
    cols.push_back(Value(window ? window->start : int64_t{0}));
    cols.push_back(Value(window ? window->end : int64_t{0}));
  }
}

std::vector<Value> AggregateOperator::row_cols(const Group& g, const std::vector<Value>& states,
                                               const std::optional<WindowBounds>& window) const {
  std::vector<Value> cols;
  fill_cols(cols, g, states, window);
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
  if (!stream_time_loaded_) {
    stream_time_ = std::numeric_limits<int64_t>::min();
    if (auto stored = store_->get(kStreamTimeKey)) stream_time_ = read_i64(*stored);
    stream_time_loaded_ = true;
  }
  if (timestamp > stream_time_) {
    stream_time_ = timestamp;
    stream_time_dirty_ = true;
  }
  return stream_time_;
}

AggregateOperator::Cached& AggregateOperator::load(const std::string& key) const {
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxCached) {
    write_back();
    cache_.clear();
  }
  Cached c;
  if (auto stored = store_->get(key)) c.existed = decode_states(*stored, c.states, c.timestamp);
  if (!c.existed) {
    c.states = init_states();
    c.timestamp = 0;
  }
  return cache_.emplace(key, std::move(c)).first->second;
}

void AggregateOperator::write_back() const {
  if (stream_time_dirty_) {
    std::string bytes;
    append_i64(bytes, stream_time_);
    store_->put(kStreamTimeKey, bytes);
    stream_time_dirty_ = false;
  }
  for (auto& [key, c] : cache_) {
    if (!c.dirty) continue;
    store_->put(key, encode_states(c.states, c.timestamp));
    c.dirty = false;
  }
}

void AggregateOperator::update_cached(const std::string& key, const Group& g, const Row& row,
                                      const std::optional<WindowBounds>& window, QueryContext& ctx) const {
  Cached& c = load(key);
  int64_t out_ts = c.existed ? std::max(row.timestamp, c.timestamp) : row.timestamp;
  const bool coalesce = may_coalesce_ && ctx.coalescing();
  Row* out = &out_;
  if (coalesce) {
    auto [it, inserted] = pending_.try_emplace(key);
    out = &it->second.row;
    it->second.seq = seq_++;
    if (inserted) {
      it->second.group_key = g.key;
      // The old row is the one before the batch: what downstream last saw for this key.
      if (c.existed) out->old = row_cols(g, c.states, window);
    }
  } else if (c.existed) {
    if (!out_.old) out_.old.emplace();
    fill_cols(*out_.old, g, c.states, window);
  } else {
    out_.old.reset();
  }
  for (std::size_t i = 0; i < step_.calls.size(); ++i) step_.calls[i].function->add_to(c.states[i], g.args[i]);
  c.timestamp = out_ts;
  c.existed = true;
  c.dirty = true;
  if (!coalesce) fill_cols(out->cols, g, c.states, window);
  out->timestamp = out_ts;
  out->partition = row.partition;
  out->offset = row.offset;
  out->window = window;
  out->deleted = false;
  out->null_key = false;
  if (!coalesce) {
    next_->process(out_, ctx);
  } else if (pending_.size() > kMaxPending) {
    flush(ctx);  // cache pressure: Kafka Streams evicts (and forwards) too
  }
}

void AggregateOperator::flush(QueryContext& ctx) const {
  if (pending_.empty()) return;
  std::vector<std::pair<const std::string*, Pending*>> order;
  order.reserve(pending_.size());
  for (auto& [key, p] : pending_) order.emplace_back(&key, &p);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second->seq < b.second->seq; });
  Group g;
  for (auto& [key, p] : order) {
    g.key = std::move(p->group_key);
    // The current states (read back from the store if the cache was trimmed meanwhile).
    fill_cols(p->row.cols, g, load(*key).states, p->row.window);
    next_->process(p->row, ctx);
  }
  pending_.clear();
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
  if (!fill_group(row.cols, &ctx, group_)) {
    advance_stream_time(row.timestamp);
    return;
  }
  if (step_.window->type == WindowSpec::Type::session) {
    update_session(group_, row, ctx);
  } else {
    update_time_windows(group_, row, ctx);
  }
}

void AggregateOperator::update_unwindowed(const Row& row, QueryContext& ctx) const {
  if (!fill_group(row.cols, &ctx, group_)) return;
  key_.clear();
  key_.push_back('A');
  append_encoded_values(key_, group_.key);
  update_cached(key_, group_, row, std::nullopt, ctx);
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
  key_.clear();
  key_.push_back('W');
  append_encoded_values(key_, g.key);
  const std::size_t prefix_size = key_.size();
  for (int64_t start = first; start <= ts; start += advance) {
    if (start + size <= ts) continue;
    WindowBounds w{WindowBounds::Type::time, start, start + size};
    if (w.end <= close_time) {
      ctx.log_error("Skipping record for expired window", nullptr);
      continue;
    }
    key_.resize(prefix_size);
    append_ordered_i64(key_, start);
    update_cached(key_, g, row, w, ctx);
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
