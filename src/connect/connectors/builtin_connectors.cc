#include "connect/connectors/builtin_connectors.h"

#include "connect/connectors/datagen/datagen_connector.h"
#include "connect/connectors/file/file_stream_sink.h"
#include "connect/connectors/file/file_stream_source.h"
#include "connect/connectors/kinesis/kinesis_source.h"
#include "connect/connectors/mirror/mirror_source.h"

namespace tributary::connect {

PluginRegistry builtin_connectors() {
  PluginRegistry registry;
  registry.add(datagen::datagen_plugin());
  registry.add(file::file_stream_source_plugin());
  registry.add(file::file_stream_sink_plugin());
  registry.add(kinesis::kinesis_source_plugin());
  registry.add(mirror::mirror_source_plugin());
  return registry;
}

}  // namespace tributary::connect
