#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {
namespace {

template <class Response>
auto& add_result(Response& response, int8_t type, const std::string& name) {
  auto& r = response.responses.emplace_back();
  r.resource_type = type;
  r.resource_name = name;
  return r;
}

template <class R>
void set_error(R& r, const Status& s) {
  if (s.ok()) return;
  r.error_code = code(config_error(s));
  r.error_message = s.message();
}

template <class R>
bool reject_non_topic(R& r, int8_t type) {
  if (type == kResourceTopic) return false;
  // Broker settings are static: they come from --config and --set at start.
  r.error_code = code(KafkaError::invalid_request);
  r.error_message = type == kResourceBroker ? "Broker configs are static here; restart with --set key=value."
                                            : "Unsupported resource type " + std::to_string(type);
  return true;
}

}  // namespace

void handle_alter_configs(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::AlterConfigsRequest>(body);
  protocol::AlterConfigsResponse response;
  for (const auto& resource : request.resources) {
    auto& r = add_result(response, resource.resource_type, resource.resource_name);
    if (reject_non_topic(r, resource.resource_type)) continue;
    std::map<std::string, std::string> configs;
    for (const auto& c : resource.configs)
      if (c.value) configs[c.name] = *c.value;
    set_error(r, ctx.broker.topics().replace_configs(resource.resource_name, configs, request.validate_only));
  }
  ctx.respond(response);
}

void handle_incremental_alter_configs(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::IncrementalAlterConfigsRequest>(body);
  protocol::IncrementalAlterConfigsResponse response;
  for (const auto& resource : request.resources) {
    auto& r = add_result(response, resource.resource_type, resource.resource_name);
    if (reject_non_topic(r, resource.resource_type)) continue;
    std::vector<ConfigChange> changes;
    bool valid = true;
    for (const auto& c : resource.configs) {
      if (c.config_operation < 0 || c.config_operation > 3) {
        r.error_code = code(KafkaError::invalid_request);
        r.error_message = "Unknown config operation " + std::to_string(c.config_operation);
        valid = false;
        break;
      }
      changes.push_back({c.name, static_cast<AlterOp>(c.config_operation), c.value.value_or("")});
    }
    if (valid) set_error(r, ctx.broker.topics().alter_configs(resource.resource_name, changes, request.validate_only));
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
