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
    api<p::DescribeLogDirsRequest>("DescribeLogDirs", handle_describe_log_dirs),
    api<p::JoinGroupRequest>("JoinGroup", handle_join_group),
    api<p::SyncGroupRequest>("SyncGroup", handle_sync_group),
    api<p::HeartbeatRequest>("Heartbeat", handle_heartbeat),
    api<p::LeaveGroupRequest>("LeaveGroup", handle_leave_group),
    api<p::OffsetCommitRequest>("OffsetCommit", handle_offset_commit),
    api<p::OffsetFetchRequest>("OffsetFetch", handle_offset_fetch),
    api<p::OffsetDeleteRequest>("OffsetDelete", handle_offset_delete),
    api<p::ListGroupsRequest>("ListGroups", handle_list_groups),
    api<p::DescribeGroupsRequest>("DescribeGroups", handle_describe_groups),
    api<p::DeleteGroupsRequest>("DeleteGroups", handle_delete_groups),
    api<p::AddPartitionsToTxnRequest>("AddPartitionsToTxn", handle_add_partitions_to_txn),
    api<p::AddOffsetsToTxnRequest>("AddOffsetsToTxn", handle_add_offsets_to_txn),
    api<p::EndTxnRequest>("EndTxn", handle_end_txn),
    api<p::TxnOffsetCommitRequest>("TxnOffsetCommit", handle_txn_offset_commit),
};

}  // namespace

std::span<const ApiHandler> api_handlers() { return kHandlers; }

const ApiHandler* find_handler(int16_t api_key) {
  for (const auto& h : kHandlers)
    if (h.key == api_key) return &h;
  return nullptr;
}

}  // namespace tributary::broker
