#include "connect/runtime/worker_config.h"

namespace tributary::connect {
namespace {

ConfigDef make_def() {
  using T = ConfigDefType;
  ConfigDef def;
  def.define({.name = "group.id", .type = T::string, .default_value = "connect-cluster", .importance = Importance::high,
              .doc = "The Connect cluster this worker belongs to: workers with the same group.id (and internal topics) "
                     "form a group of protocol type \"connect\" and share its connectors and tasks."});
  def.define({.name = "session.timeout.ms", .type = T::int_, .default_value = "10000", .importance = Importance::high,
              .doc = "How long the group waits for a silent worker before moving its connectors and tasks to the others.",
              .min = 1});
  def.define({.name = "heartbeat.interval.ms", .type = T::int_, .default_value = "3000", .importance = Importance::high,
              .doc = "How often a worker heartbeats to the group coordinator (and so how soon it notices a rebalance); "
                     "well below session.timeout.ms.",
              .min = 1});
  def.define({.name = "rebalance.timeout.ms", .type = T::int_, .default_value = "60000",
              .importance = Importance::medium,
              .doc = "How long the group waits for every worker to rejoin once a rebalance begins.", .min = 1});
  def.define({.name = "config.storage.topic", .type = T::string, .default_value = "connect-configs",
              .importance = Importance::high, .doc = "Compacted topic holding connector configurations and target states."});
  def.define({.name = "offset.storage.topic", .type = T::string, .default_value = "connect-offsets",
              .importance = Importance::high, .doc = "Compacted topic holding source connector offsets."});
  def.define({.name = "status.storage.topic", .type = T::string, .default_value = "connect-status",
              .importance = Importance::high, .doc = "Compacted topic holding connector and task states and active topics."});
  def.define({.name = "offset.storage.partitions", .type = T::int_, .default_value = "25", .importance = Importance::low,
              .doc = "Partitions of the offsets topic when the worker creates it.", .min = 1});
  def.define({.name = "status.storage.partitions", .type = T::int_, .default_value = "5", .importance = Importance::low,
              .doc = "Partitions of the status topic when the worker creates it.", .min = 1});
  def.define({.name = "offset.flush.interval.ms", .type = T::long_, .default_value = "60000",
              .importance = Importance::low,
              .doc = "How often source offsets are committed (after the records they cover are acknowledged) and sink "
                     "tasks flushed and their consumer offsets committed.",
              .min = 1});
  def.define({.name = "key.converter", .type = T::class_, .default_value = "org.apache.kafka.connect.json.JsonConverter",
              .importance = Importance::high, .doc = "Default converter of record keys (key.converter.* configures it)."});
  def.define({.name = "value.converter", .type = T::class_,
              .default_value = "org.apache.kafka.connect.json.JsonConverter", .importance = Importance::high,
              .doc = "Default converter of record values (value.converter.* configures it)."});
  def.define({.name = "key.converter.schemas.enable", .type = T::boolean, .default_value = "true",
              .importance = Importance::low, .doc = "JsonConverter keys with the schema envelope."});
  def.define({.name = "value.converter.schemas.enable", .type = T::boolean, .default_value = "true",
              .importance = Importance::low, .doc = "JsonConverter values with the schema envelope."});
  return def;
}

}  // namespace

const ConfigDef& worker_config_def() {
  static const ConfigDef def = make_def();
  return def;
}

}  // namespace tributary::connect
