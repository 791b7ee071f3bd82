#include "connect/runtime/task_runner.h"

#include "common/logging.h"
#include "common/thread_name.h"

namespace tributary::connect {
namespace {

Result<std::unique_ptr<Converter>> converter_for(const TaskSetup& setup, const std::string& which, bool is_key) {
  auto it = setup.connector_config.find(which);
  if (it != setup.connector_config.end() && !it->second.empty())
    return make_converter(it->second, sub_config(setup.connector_config, which + "."), is_key);
  auto w = setup.worker_config.find(which);
  std::string cls = w != setup.worker_config.end() && !w->second.empty() ? w->second : kJsonConverter;
  return make_converter(cls, sub_config(setup.worker_config, which + "."), is_key);
}

}  // namespace

Result<TaskConverters> make_task_converters(const TaskSetup& setup) {
  auto key = converter_for(setup, "key.converter", true);
  if (!key.ok()) return key.status();
  auto value = converter_for(setup, "value.converter", false);
  if (!value.ok()) return value.status();
  return TaskConverters{std::move(*key), std::move(*value)};
}

TaskRunner::~TaskRunner() { stop(); }

void TaskRunner::start() {
  stopping_ = false;
  thread_ = std::thread([this] {
    name_this_thread("connect-task");
    run();
  });
}

void TaskRunner::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void TaskRunner::fail(const std::string& trace) {
  failed_ = true;
  metrics_.errors->inc();
  component_logger("connect")->error("task_failed connector={} task={} error=\"{}\"", setup_.connector,
                                     setup_.task_id, trace);
  setup_.status->put_task(setup_.connector, setup_.task_id, "FAILED", trace);
}

}  // namespace tributary::connect
