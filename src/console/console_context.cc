#include "console/console_context.h"

namespace tributary::console {

Result<client::RecordSender*> ConsoleContext::sender() {
  std::lock_guard lock(sender_mu_);
  if (!sender_) {
    auto created = client::RecordSender::create(bootstrap);
    if (!created.ok()) return created.status();
    sender_ = std::move(*created);
  }
  return sender_.get();
}

bool is_internal_topic(const std::string& name) {
  return name.starts_with("_") || name.starts_with("connect-");
}

}  // namespace tributary::console
