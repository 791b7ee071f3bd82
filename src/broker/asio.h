// Boost.Asio, with the standard header that Boost 1.74's awaitable.hpp forgets under GCC 12 + C++20.
#pragma once

#include <utility>

#include <boost/asio.hpp>
