// Kinesis source: copies a Kinesis stream into a topic. Confluent's class name and keys
// (kafka.topic, kinesis.stream, kinesis.region, kinesis.position, kinesis.record.limit,
// kinesis.throughput.exceeded.backoff.ms, aws.access.key.id, aws.secret.key.id) plus
// kinesis.endpoint for emulators and private endpoints.
//
// Shards are spread over tasks (a child shard goes with its parent); a task reads a child only once
// its parent is drained and adopts the children of a shard it sees close (a split mid-stream). Each
// record's partition key becomes the Kafka key, its data the value (bytes), its approximate arrival
// time the timestamp; the shard id and sequence number travel as headers. The source offset is the
// sequence number per shard, so a restart continues AFTER_SEQUENCE_NUMBER; an expired iterator is
// renewed the same way; throttling backs off.
//
// Not yet: KPL de-aggregation, AT_TIMESTAMP, new shards of a split whose parent another task owns.
#pragma once

#include <functional>
#include <memory>

#include "connect/api/connector.h"
#include "connect/connectors/kinesis/kinesis_client.h"

namespace tributary::connect::kinesis {

// How connectors and tasks get a transport: HTTP by default, a fake in tests.
using TransportFactory = std::function<std::unique_ptr<KinesisTransport>(const Config& config)>;

ConnectorPlugin kinesis_source_plugin(TransportFactory factory = {});

}  // namespace tributary::connect::kinesis
