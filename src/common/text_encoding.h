// Byte/text encodings that several components need at their edges (the console's JSON, the SQL
// service's PRINT): strict UTF-8 validation and standard base64 with padding.
#pragma once

#include <string>
#include <string_view>

namespace tributary {

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool is_valid_utf8(std::string_view bytes);
std::string base64_encode(std::string_view bytes);
// Standard alphabet with padding; false for anything else.
bool base64_decode(std::string_view text, std::string& out);

}  // namespace tributary
