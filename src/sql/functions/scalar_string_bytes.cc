// Conversions between text and BYTES: TO_BYTES, FROM_BYTES, ENCODE (hex, utf8, ascii, base64).
#include "sql/functions/string_util.h"

namespace tributary::sql::fn {

void register_string_bytes(FunctionRegistry& r) {
  add_function(r, "TO_BYTES", {{{Param::string, Param::string}, returns(TypeKind::bytes),
      [](Args a, EvalErrors& e) -> Value {
        auto bytes = text_to_bytes(a[0].as<std::string>(), a[1].as<std::string>());
        if (!bytes) { e.add("Cannot convert '" + a[0].as<std::string>() + "' to bytes with encoding " + a[1].as<std::string>()); return {}; }
        return Value(Bytes{*bytes});
      }}});
  add_function(r, "FROM_BYTES", {{{Param::bytes, Param::string}, returns(TypeKind::string),
      [](Args a, EvalErrors& e) -> Value {
        auto text = bytes_to_text(a[0].as<Bytes>().data, a[1].as<std::string>());
        if (!text) { e.add("Unknown encoding " + a[1].as<std::string>()); return {}; }
        return Value(*text);
      }}});
  // ENCODE(str, input_encoding, output_encoding)
  add_function(r, "ENCODE", {{{Param::string, Param::string, Param::string}, returns(TypeKind::string),
      [](Args a, EvalErrors& e) -> Value {
        auto bytes = text_to_bytes(a[0].as<std::string>(), a[1].as<std::string>());
        if (!bytes) { e.add("Cannot decode '" + a[0].as<std::string>() + "' as " + a[1].as<std::string>()); return {}; }
        auto text = bytes_to_text(*bytes, a[2].as<std::string>());
        if (!text) { e.add("Unknown encoding " + a[2].as<std::string>()); return {}; }
        return Value(*text);
      }}});
}

}  // namespace tributary::sql::fn
