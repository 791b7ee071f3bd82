#include "broker/handler_table.h"

#include "broker/handlers/handlers.h"
#include "protocol/messages.h"

namespace tributary::broker {
namespace {

namespace p = protocol;

// Version ranges come from the generated message classes, so the table cannot drift from the codecs.
template <class Request>
constexpr ApiHandler api(const char* name, HandlerFn fn) {
  return ApiHandler{Request::kApiKey, name, Request::kMinVersion, Request::kMaxVersion, fn};
}

const ApiHandler kHandlers[] = {
    api<p::ProduceRequest>("Produce", handle_produce),
    api<p::FetchRequest>("Fetch", handle_fetch),
    api<p::ListOffsetsRequest>("ListOffsets", handle_list_offsets),
    api<p::MetadataRequest>("Metadata", handle_metadata),
    api<p::FindCoordinatorRequest>("FindCoordinator", handle_find_coordinator),
    api<p::ApiVersionsRequest>("ApiVersions", handle_api_versions),
    api<p::CreateTopicsRequest>("CreateTopics", handle_create_topics),
    api<p::DeleteTopicsRequest>("DeleteTopics", handle_delete_topics),
    api<p::DeleteRecordsRequest>("DeleteRecords", handle_delete_records),
    api<p::InitProducerIdRequest>("InitProducerId", handle_init_producer_id),
    api<p::DescribeConfigsRequest>("DescribeConfigs", handle_describe_configs),
    api<p::AlterConfigsRequest>("AlterConfigs", handle_alter_configs),
    api<p::CreatePartitionsRequest>("CreatePartitions", handle_create_partitions),
    api<p::IncrementalAlterConfigsRequest>("IncrementalAlterConfigs", handle_incremental_alter_configs),
    api<p::DescribeClusterRequest>("DescribeCluster", handle_describe_cluster),
};

}  // namespace

std::span<const ApiHandler> api_handlers() { return kHandlers; }

const ApiHandler* find_handler(int16_t api_key) {
  for (const auto& h : kHandlers)
    if (h.key == api_key) return &h;
  return nullptr;
}

}  // namespace tributary::broker
