#include "connect/runtime/task_key.h"

#include <exception>

namespace tributary::connect {

bool split_task_key(const std::string& rest, std::string* name, int* id) {
  auto dash = rest.rfind('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 >= rest.size()) return false;
  try {
    size_t used = 0;
    *id = std::stoi(rest.substr(dash + 1), &used);
    if (used != rest.size() - dash - 1 || *id < 0) return false;
  } catch (const std::exception&) {
    return false;  // not a number, or out of int's range
  }
  *name = rest.substr(0, dash);
  return true;
}

}  // namespace tributary::connect
