// FileStreamSink: appends each record's value to `file`, one per line, as Kafka's
// FileStreamSinkConnector does (strings as they are, other values as JSON). flush() syncs the file,
// so consumer offsets are committed only for lines on disk.
#pragma once

#include "connect/api/connector.h"

namespace tributary::connect::file {

ConnectorPlugin file_stream_sink_plugin();

}  // namespace tributary::connect::file
