#include "common/thread_name.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <string>
#include <thread>

namespace tributary {
namespace {

std::string name_of_this_thread() {
  char name[16] = {};
  pthread_getname_np(pthread_self(), name, sizeof(name));
  return name;
}

TEST(ThreadName, NamesTheCallingThreadAndCutsLongNames) {
  std::string short_name, long_name;
  std::thread([&] {
    name_this_thread("sql-query");
    short_name = name_of_this_thread();
    name_this_thread("a-name-longer-than-fifteen-bytes");
    long_name = name_of_this_thread();
  }).join();
  EXPECT_EQ(short_name, "sql-query");
  EXPECT_EQ(long_name, "a-name-longer-t");
}

}  // namespace
}  // namespace tributary
