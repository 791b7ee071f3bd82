// Boost.Asio + Beast, with the standard header that Boost 1.74's awaitable.hpp forgets under GCC 12 + C++20.
// Only the .cc files of this library include it: the public headers stay free of Beast.
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
