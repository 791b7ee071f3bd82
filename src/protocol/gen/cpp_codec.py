"""C++ snippets for one field: its member type, and its decode/encode statements.

Generated code calls the hand-written helpers in src/protocol/wire.h for
everything that differs between classic and flexible (compact) encodings.
"""

from typing import List, Optional

from model import Field, VersionRange

SCALAR_CPP = {
    "int8": "int8_t", "int16": "int16_t", "int32": "int32_t", "int64": "int64_t",
    "uint16": "uint16_t", "bool": "bool", "float64": "double",
    "string": "std::string", "bytes": "Bytes", "records": "Bytes", "uuid": "Uuid",
}

# Fixed-width types read/written straight through ByteReader/ByteWriter.
_FIXED_METHOD = {
    "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
    "uint16": "u16", "bool": "boolean", "float64": "f64",
}


def is_optional(f: Field) -> bool:
    # Records are nullable in every version that has them.
    return f.nullable is not None or f.type_name == "records"


def elem_cpp(f: Field) -> str:
    return f.struct.name if f.is_struct else SCALAR_CPP[f.type_name]


def member_cpp(f: Field) -> str:
    t = elem_cpp(f)
    if f.is_array:
        t = f"std::vector<{t}>"
    return f"std::optional<{t}>" if is_optional(f) else t


def default_init(f: Field) -> str:
    """Brace-initializer contents for the member (empty means value-init)."""
    d = f.default
    if d is None or d == "null":
        return ""
    if f.type_name == "string" and not f.is_array:
        return '"' + d.strip('"') + '"'
    return d


def member_decl(f: Field) -> str:
    init = default_init(f)
    t = member_cpp(f)
    if init:
        return f"{t} {f.name} = {init};"
    if not f.is_array and not f.is_struct and f.type_name in _FIXED_METHOD:
        return f"{t} {f.name} = {'false' if f.type_name == 'bool' else '0'};"
    return f"{t} {f.name}{{}};"


def version_cond(rng: VersionRange, outer: VersionRange) -> Optional[str]:
    """C++ condition for `version in rng`, or None when it always holds in `outer`."""
    parts = []
    if rng.lo > outer.lo:
        parts.append(f"version >= {rng.lo}")
    if rng.hi is not None and (outer.hi is None or rng.hi < outer.hi):
        parts.append(f"version <= {rng.hi}")
    return " && ".join(parts) if parts else None


def _nullable_state(f: Field):
    """'never', 'always' (in every version of the field) or a C++ condition."""
    if f.type_name == "records" and not f.is_array:
        return "always"
    if f.nullable is None:
        return "never"
    cond = version_cond(f.nullable, f.versions)
    return "always" if cond is None else cond


def _read_scalar(type_name: str, r: str, nullable: bool) -> str:
    if type_name in _FIXED_METHOD:
        return f"{r}.{_FIXED_METHOD[type_name]}()"
    if type_name == "uuid":
        return f"wire::read_uuid({r})"
    kind = "string" if type_name == "string" else "bytes"
    prefix = "read_nullable_" if nullable else "read_"
    return f"wire::{prefix}{kind}({r}, flexible)"


def _write_scalar(type_name: str, w: str, value: str, nullable: bool, or_empty=False) -> str:
    if type_name in _FIXED_METHOD:
        return f"{w}.{_FIXED_METHOD[type_name]}({value});"
    if type_name == "uuid":
        return f"wire::write_uuid({w}, {value});"
    kind = "string" if type_name == "string" else "bytes"
    prefix = "write_nullable_" if nullable else "write_"
    suffix = "_or_empty" if or_empty else ""
    return f"wire::{prefix}{kind}{suffix}({w}, {value}, flexible);"


def decode_lines(f: Field, r: str, target: str) -> List[str]:
    """Statements that read field `f` from reader `r` into `target`."""
    state = _nullable_state(f)
    name = f'"{f.name}"'
    if f.is_array:
        out = [f"const int32_t n = wire::read_array_length({r}, flexible);",
               "if (n < 0) {"]
        if state == "never":
            out.append(f"  wire::throw_null_field({name});")
        elif state != "always":
            out.append(f"  if (!({state})) wire::throw_null_field({name});")
        out.append("} else {")
        vec = target
        if is_optional(f):
            out.append(f"  auto& items = {target}.emplace();")
            vec = "items"
        out.append(f"  {vec}.reserve(static_cast<size_t>(n));")
        out.append("  for (int32_t i = 0; i < n; ++i) {")
        if f.is_struct:
            out.append(f"    {vec}.emplace_back().decode({r}, version);")
        else:
            out.append(f"    {vec}.push_back({_read_scalar(f.type_name, r, False)});")
        out += ["  }", "}"]
        return ["{"] + ["  " + line for line in out] + ["}"]
    if f.is_struct:
        return [f"{target}.decode({r}, version);"]
    if state == "never":
        return [f"{target} = {_read_scalar(f.type_name, r, False)};"]
    out = [f"{target} = {_read_scalar(f.type_name, r, True)};"]
    if state != "always":
        out.append(f"if (!{target} && !({state})) wire::throw_null_field({name});")
    return out


def encode_lines(f: Field, w: str, value: str) -> List[str]:
    """Statements that write `value` (field `f`) to writer `w`."""
    state = _nullable_state(f)
    if f.is_array:
        elem = "item.encode({w}, version);".format(w=w) if f.is_struct else \
            _write_scalar(f.type_name, w, "item", False)
        if not is_optional(f):
            return [f"wire::write_array_length({w}, {value}.size(), flexible);",
                    f"for (const auto& item : {value}) {elem}"]
        null_len = "-1" if state == "always" else f"({state}) ? -1 : 0"
        return [f"if (!{value}) {{",
                f"  wire::write_array_length({w}, {null_len}, flexible);",
                "} else {",
                f"  wire::write_array_length({w}, {value}->size(), flexible);",
                f"  for (const auto& item : *{value}) {elem}",
                "}"]
    if f.is_struct:
        return [f"{value}.encode({w}, version);"]
    if state == "never":
        return [_write_scalar(f.type_name, w, value, False)]
    if state == "always":
        return [_write_scalar(f.type_name, w, value, True)]
    # Null is only legal in some versions; elsewhere it is sent as empty.
    return [f"if ({state}) {_write_scalar(f.type_name, w, value, True)}",
            f"else {_write_scalar(f.type_name, w, value, False, or_empty=True)}"]
