// The embedded web page (console/web): "/" is index.html, other paths by name; routes the page
// handles itself (no file extension) get index.html too.
#pragma once

#include "http/router.h"

namespace tributary::console {

void add_web_asset_routes(http::Router& router);

}  // namespace tributary::console
