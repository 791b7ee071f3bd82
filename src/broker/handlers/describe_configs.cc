#include "broker/handlers/handler_util.h"
#include "broker/handlers/handlers.h"

namespace tributary::broker {
namespace {

// DescribeConfigs' config_source and config_type codes.
enum Source : int8_t { kTopicOverride = 1, kStaticBroker = 4, kDefault = 5 };

int8_t type_code(ConfigType t) {
  switch (t) {
    case ConfigType::boolean: return 1;
    case ConfigType::string: return 2;
    case ConfigType::int_: return 3;
    case ConfigType::long_: return 5;
    case ConfigType::double_: return 6;
    case ConfigType::list: return 7;
  }
  return 0;
}

template <class Result>
void add_entry(Result& result, const protocol::DescribeConfigsRequest& request, int16_t version, const ConfigKey& key,
               const std::string& value, Source source, const std::vector<std::pair<int8_t, std::string>>& synonyms,
               const std::string& synonym_name) {
  auto& e = result.configs.emplace_back();
  e.name = key.name;
  if (value.empty() && key.nullable) e.value = std::nullopt; else e.value = value;
  e.read_only = false;
  e.is_default = source == kDefault;
  e.config_source = source;
  e.is_sensitive = false;
  e.config_type = type_code(key.type);
  if (version >= 3 && request.include_documentation) e.documentation = key.doc;
  if (request.include_synonyms) {
    for (const auto& [src, v] : synonyms) {
      auto& s = e.synonyms.emplace_back();
      s.name = src == kTopicOverride ? key.name : synonym_name.empty() ? key.name : synonym_name;
      s.value = v;
      s.source = src;
    }
  }
}

template <class Resource>
bool wanted(const Resource& resource, const std::string& name) {
  if (!resource.configuration_keys || resource.configuration_keys->empty()) return true;
  const auto& keys = *resource.configuration_keys;
  return std::find(keys.begin(), keys.end(), name) != keys.end();
}

}  // namespace

void handle_describe_configs(RequestContext& ctx, ByteReader& body) {
  auto request = ctx.decode<protocol::DescribeConfigsRequest>(body);
  const BrokerConfig& broker = ctx.broker.config();
  protocol::DescribeConfigsResponse response;
  for (const auto& resource : request.resources) {
    auto& result = response.results.emplace_back();
    result.resource_type = resource.resource_type;
    result.resource_name = resource.resource_name;
    if (resource.resource_type == kResourceTopic) {
      auto topic = ctx.broker.topics().find(resource.resource_name);
      if (!topic) {
        result.error_code = code(KafkaError::unknown_topic_or_partition);
        result.error_message = "Topic " + resource.resource_name + " does not exist.";
        continue;
      }
      for (const ConfigKey& key : topic_config_table().keys()) {
        if (!wanted(resource, key.name)) continue;
        std::string synonym = broker.topic_synonym(key.name);
        std::vector<std::pair<int8_t, std::string>> synonyms;
        auto it = topic->overrides.find(key.name);
        if (it != topic->overrides.end()) synonyms.emplace_back(kTopicOverride, it->second);
        if (!synonym.empty() && broker.values().is_set(synonym)) synonyms.emplace_back(kStaticBroker, broker.values().get(synonym));
        synonyms.emplace_back(kDefault, key.default_value);
        Source source = it != topic->overrides.end() ? kTopicOverride
                        : (!synonym.empty() && broker.values().is_set(synonym)) ? kStaticBroker
                                                                                 : kDefault;
        std::string value = it != topic->overrides.end() ? it->second : broker.topic_default(key.name);
        add_entry(result, request, ctx.version(), key, value, source, synonyms, synonym);
      }
    } else if (resource.resource_type == kResourceBroker) {
      if (!resource.resource_name.empty() && resource.resource_name != std::to_string(ctx.broker.identity().node_id)) {
        result.error_code = code(KafkaError::invalid_request);
        result.error_message = "Unknown broker " + resource.resource_name;
        continue;
      }
      for (const ConfigKey& key : broker_config_table().keys()) {
        if (!wanted(resource, key.name)) continue;
        bool set = broker.values().is_set(key.name);
        std::vector<std::pair<int8_t, std::string>> synonyms;
        if (set) synonyms.emplace_back(kStaticBroker, broker.values().get(key.name));
        synonyms.emplace_back(kDefault, key.default_value);
        add_entry(result, request, ctx.version(), key, broker.values().get(key.name), set ? kStaticBroker : kDefault,
                  synonyms, key.name);
      }
    } else {
      result.error_code = code(KafkaError::invalid_request);
      result.error_message = "Unsupported resource type " + std::to_string(resource.resource_type);
    }
  }
  ctx.respond(response);
}

}  // namespace tributary::broker
