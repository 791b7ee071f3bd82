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

}  // namespace tributary::broker
