#include "console/web/embedded_assets.h"

namespace tributary::console {

const EmbeddedFile* find_embedded_file(std::string_view path) {
  // A few dozen files: a linear scan is as fast as anything else here.
  for (const auto& file : embedded_files())
    if (file.path == path) return &file;
  return nullptr;
}

}  // namespace tributary::console
