#include "common/thread_name.h"

#include <pthread.h>

#include <string>

namespace tributary {

void name_this_thread(std::string_view name) {
  std::string cut(name.substr(0, 15));
  pthread_setname_np(pthread_self(), cut.c_str());  // only fails for names over 15 bytes
}

}  // namespace tributary
