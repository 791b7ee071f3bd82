// Text helpers shared by the record formats: Java-style number printing (ksqlDB writes values
// with Java's Double.toString), JSON string escaping and a lenient base64 decoder (BYTES in JSON
// and DELIMITED; they encode with common's base64_encode).
#pragma once

#include <string>
#include <string_view>

namespace tributary::sql {

// Java's Double.toString: 10.0, 0.001, 1.0E7, 1.234E-5, NaN, Infinity (shortest digits).
std::string java_double_string(double d);
void append_java_double(std::string& out, double d);

// Appends `s` as a quoted JSON string (escapes as Jackson does: \" \\ \b \f \n \r \t, \u00XX).
void append_json_string(std::string& out, std::string_view s);

// Standard alphabet; padding optional; false on any other character.
bool base64_decode(std::string_view text, std::string* out);

}  // namespace tributary::sql
