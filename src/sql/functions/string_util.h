// Helpers shared by the string function files: code-point access to UTF-8 text (ksqlDB counts
// characters, not bytes), the byte encodings of TO_BYTES/FROM_BYTES/ENCODE, and registration
// hooks of the string sub-families.
#pragma once

#include <optional>
#include <string>

#include "sql/functions/function_util.h"

namespace tributary::sql::fn {

std::u32string utf8_decode(const std::string& s);
std::string utf8_encode(const std::u32string& s);
std::string utf8_encode(char32_t c);
// Simple case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic letters.
char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);
std::string to_lower(const std::string& s);
std::string to_upper(const std::string& s);

// Encodings "hex", "utf8", "ascii", "base64" (case-insensitive); nullopt for invalid input or
// an unknown encoding.
std::optional<std::string> bytes_to_text(const std::string& bytes, const std::string& encoding);
std::optional<std::string> text_to_bytes(const std::string& text, const std::string& encoding);

void register_string_basic(FunctionRegistry& r);
void register_string_regex(FunctionRegistry& r);
void register_string_mask(FunctionRegistry& r);
void register_string_bytes(FunctionRegistry& r);

}  // namespace tributary::sql::fn
