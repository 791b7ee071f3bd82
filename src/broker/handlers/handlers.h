// One function per Kafka API, each in its own file.
#pragma once

#include "broker/handler_table.h"

namespace tributary::broker {

void handle_produce(RequestContext& ctx, ByteReader& body);
void handle_fetch(RequestContext& ctx, ByteReader& body);
void handle_list_offsets(RequestContext& ctx, ByteReader& body);
void handle_metadata(RequestContext& ctx, ByteReader& body);
void handle_find_coordinator(RequestContext& ctx, ByteReader& body);
void handle_api_versions(RequestContext& ctx, ByteReader& body);
void handle_create_topics(RequestContext& ctx, ByteReader& body);
void handle_delete_topics(RequestContext& ctx, ByteReader& body);
void handle_delete_records(RequestContext& ctx, ByteReader& body);
void handle_init_producer_id(RequestContext& ctx, ByteReader& body);
void handle_describe_configs(RequestContext& ctx, ByteReader& body);
void handle_alter_configs(RequestContext& ctx, ByteReader& body);
void handle_create_partitions(RequestContext& ctx, ByteReader& body);
void handle_incremental_alter_configs(RequestContext& ctx, ByteReader& body);
void handle_describe_cluster(RequestContext& ctx, ByteReader& body);
void handle_describe_log_dirs(RequestContext& ctx, ByteReader& body);
// Consumer groups and committed offsets (group coordinator in broker/group/).
void handle_join_group(RequestContext& ctx, ByteReader& body);
void handle_sync_group(RequestContext& ctx, ByteReader& body);
void handle_heartbeat(RequestContext& ctx, ByteReader& body);
void handle_leave_group(RequestContext& ctx, ByteReader& body);
void handle_offset_commit(RequestContext& ctx, ByteReader& body);
void handle_offset_fetch(RequestContext& ctx, ByteReader& body);
void handle_offset_delete(RequestContext& ctx, ByteReader& body);
void handle_list_groups(RequestContext& ctx, ByteReader& body);
void handle_describe_groups(RequestContext& ctx, ByteReader& body);
void handle_delete_groups(RequestContext& ctx, ByteReader& body);
// Transactions (txn_stubs.cc): answered COORDINATOR_NOT_AVAILABLE until they exist.
void handle_add_partitions_to_txn(RequestContext& ctx, ByteReader& body);
void handle_add_offsets_to_txn(RequestContext& ctx, ByteReader& body);
void handle_end_txn(RequestContext& ctx, ByteReader& body);
void handle_txn_offset_commit(RequestContext& ctx, ByteReader& body);

}  // namespace tributary::broker
