// FileStreamSource: each line appended to a file becomes one record (a string value, no key) in
// `topic`, as Kafka's FileStreamSourceConnector does. The source offset is the byte position after
// the line ({"position": N} for partition {"filename": path}), so a restart continues after the
// last acknowledged line. Lines are emitted only once complete (newline-terminated).
#pragma once

#include "connect/api/connector.h"

namespace tributary::connect::file {

ConnectorPlugin file_stream_source_plugin();

}  // namespace tributary::connect::file
