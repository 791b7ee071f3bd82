"""Parser for our message definition format (see src/protocol/README.md).

Errors carry file:line so a typo in a .def file is easy to find.
"""

import re
from typing import List, Optional, Tuple

from model import PRIMITIVES, Api, Field, Message, Struct, VersionRange

INDENT = 2
_RANGE_RE = re.compile(r"^(\d+)(\+|-(\d+))?$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_TYPE_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")


class DefError(Exception):
    pass


def parse_range(text: str, where: str) -> VersionRange:
    m = _RANGE_RE.match(text)
    if not m:
        raise DefError(f"{where}: bad version range '{text}'")
    lo = int(m.group(1))
    if m.group(2) == "+":
        return VersionRange(lo, None)
    hi = int(m.group(3)) if m.group(3) else lo
    if hi < lo:
        raise DefError(f"{where}: empty version range '{text}'")
    return VersionRange(lo, hi)


def parse_file(path: str) -> Api:
    with open(path, encoding="utf-8") as f:
        return parse_text(f.read(), path)


def parse_text(text: str, path: str = "<def>") -> Api:
    api: Optional[Api] = None
    current: Optional[Message] = None
    # Stack of (indent level, struct, versions of the owning field).
    stack: List[Tuple[int, Struct, VersionRange]] = []

    for lineno, raw in enumerate(text.splitlines(), 1):
        where = f"{path}:{lineno}"
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        tokens = line.split()

        if indent == 0 and tokens[0] == "api":
            if api is not None:
                raise DefError(f"{where}: only one api per file")
            api = _parse_api_line(tokens, where)
            api.source = path
            continue
        if api is None:
            raise DefError(f"{where}: file must start with an 'api' line")
        if indent == 0 and tokens[0] in ("request", "response"):
            if len(tokens) != 1:
                raise DefError(f"{where}: '{tokens[0]}' takes no arguments")
            suffix = "Request" if tokens[0] == "request" else "Response"
            current = Message(tokens[0], Struct(api.name + suffix))
            setattr(api, tokens[0], current)
            stack = [(1, current.root, api.versions)]
            continue
        if current is None:
            raise DefError(f"{where}: field outside request/response")
        if indent % INDENT:
            raise DefError(f"{where}: indent by {INDENT} spaces")
        level = indent // INDENT
        # Each stack entry is a struct whose fields sit at that indent level;
        # a shallower line closes the deeper structs.
        while len(stack) > 1 and stack[-1][0] > level:
            stack.pop()
        parent_level, parent, parent_versions = stack[-1]
        if level != parent_level:
            raise DefError(f"{where}: bad indent (fields of this struct sit at {parent_level * INDENT} spaces)")
        field = _parse_field(tokens, where, parent_versions, api)
        field.line = lineno
        _check_unique(parent, field, where)
        parent.fields.append(field)
        if field.struct is not None:
            stack.append((level + 1, field.struct, field.versions))

    if api is None or api.request is None or api.response is None:
        raise DefError(f"{path}: needs an api line, a request and a response")
    _check_structs_nonempty(api.request.root, path)
    _check_structs_nonempty(api.response.root, path)
    return api


def _parse_api_line(tokens: List[str], where: str) -> Api:
    if len(tokens) < 4 or not _TYPE_RE.match(tokens[1]):
        raise DefError(f"{where}: expected 'api Name key=N versions=A-B [flexible=C+]'")
    attrs = _parse_attrs(tokens[2:], where)
    versions = parse_range(attrs.pop("versions", ""), where)
    if versions.hi is None:
        raise DefError(f"{where}: api versions must be closed, e.g. 0-9")
    flexible = None
    if "flexible" in attrs:
        flexible = parse_range(attrs.pop("flexible"), where).clamp(versions.lo, versions.hi)
        if flexible.hi != versions.hi:
            raise DefError(f"{where}: flexible versions must run to the max version")
    key = int(attrs.pop("key"))
    if attrs:
        raise DefError(f"{where}: unknown api attributes {sorted(attrs)}")
    return Api(tokens[1], key, versions, flexible)


def _parse_attrs(tokens: List[str], where: str) -> dict:
    attrs = {}
    for tok in tokens:
        if "=" not in tok:
            raise DefError(f"{where}: expected key=value, got '{tok}'")
        k, v = tok.split("=", 1)
        attrs[k] = v
    return attrs


def _parse_field(tokens, where, parent_versions: VersionRange, api: Api) -> Field:
    if len(tokens) < 2:
        raise DefError(f"{where}: expected 'name type [versions] [attrs]'")
    name, type_tok = tokens[0], tokens[1]
    if not _NAME_RE.match(name):
        raise DefError(f"{where}: field names are snake_case: '{name}'")
    is_array = type_tok.startswith("[]")
    elem = type_tok[2:] if is_array else type_tok
    if elem not in PRIMITIVES and not _TYPE_RE.match(elem):
        raise DefError(f"{where}: unknown type '{type_tok}'")
    if elem == "records" and is_array:
        raise DefError(f"{where}: arrays of records are not supported")

    rest = tokens[2:]
    versions = parent_versions
    if rest and _RANGE_RE.match(rest[0]):
        versions = parse_range(rest[0], where).clamp(parent_versions.lo, parent_versions.hi)
        rest = rest[1:]
        if versions.is_empty():
            raise DefError(f"{where}: field versions outside its parent's")
    nullable = None
    plain_attrs = []
    for tok in rest:
        if tok == "nullable":
            nullable = versions
        else:
            plain_attrs.append(tok)
    attrs = _parse_attrs(plain_attrs, where)
    if "nullable" in attrs:
        nullable = parse_range(attrs.pop("nullable"), where).clamp(versions.lo, versions.hi)
    field = Field(name, elem, is_array, versions, nullable)
    field.default = attrs.pop("default", None)
    if "tag" in attrs:
        field.tag = int(attrs.pop("tag"))
        if api.flexible is None or not api.flexible.covers(versions):
            raise DefError(f"{where}: tagged fields must be limited to flexible versions")
    if attrs:
        raise DefError(f"{where}: unknown attributes {sorted(attrs)}")
    if elem not in PRIMITIVES:
        field.struct = Struct(elem)
        if nullable is not None and not is_array:
            raise DefError(f"{where}: nullable structs are not supported")
    if nullable is not None and not is_array and elem not in ("string", "bytes", "records"):
        raise DefError(f"{where}: only strings, bytes and arrays can be nullable")
    return field


def _check_unique(parent: Struct, field: Field, where: str) -> None:
    for other in parent.fields:
        if other.name == field.name:
            raise DefError(f"{where}: duplicate field '{field.name}'")
        if field.struct and other.struct and other.struct.name == field.struct.name:
            raise DefError(f"{where}: duplicate struct '{field.struct.name}' in one scope")
        if field.tag is not None and other.tag == field.tag:
            raise DefError(f"{where}: duplicate tag {field.tag}")


def _check_structs_nonempty(struct: Struct, path: str) -> None:
    for f in struct.fields:
        if f.struct is not None:
            if not f.struct.fields:
                raise DefError(f"{path}:{f.line}: struct '{f.struct.name}' has no fields")
            _check_structs_nonempty(f.struct, path)
