#include "connect/api/connector.h"

namespace tributary::connect {

const char* connector_type_name(ConnectorType type) { return type == ConnectorType::source ? "source" : "sink"; }

}  // namespace tributary::connect
