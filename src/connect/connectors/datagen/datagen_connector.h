// The data generator (Confluent's io.confluent.kafka.connect.datagen.DatagenConnector keys):
// `kafka.topic`, `quickstart`, `max.interval` (ms, a random pause of up to this between records of
// one task), `iterations` (records per task; < 1 means no end), `schema.keyfield`, `random.seed`.
// Each task's source offset is {"current.iteration": n} for partition {"task.id": id}, so a
// restarted task carries on with the next record number.
#pragma once

#include "connect/api/connector.h"

namespace tributary::connect::datagen {

ConnectorPlugin datagen_plugin();

}  // namespace tributary::connect::datagen
