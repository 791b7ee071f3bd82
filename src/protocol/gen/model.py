"""In-memory model of a message definition (.def) file.

The parser (defparser.py) builds these objects; the emitters only read them.
"""

from dataclasses import dataclass, field as dc_field
from typing import List, Optional

PRIMITIVES = {
    "int8", "int16", "int32", "int64", "uint16", "bool", "float64",
    "string", "bytes", "records", "uuid",
}


@dataclass(frozen=True)
class VersionRange:
    """Inclusive range; hi is None for open-ended ranges like `3+`."""
    lo: int
    hi: Optional[int] = None

    def clamp(self, lo: int, hi: int) -> "VersionRange":
        new_hi = hi if self.hi is None else min(self.hi, hi)
        return VersionRange(max(self.lo, lo), new_hi)

    def is_empty(self) -> bool:
        return self.hi is not None and self.hi < self.lo

    def covers(self, other: "VersionRange") -> bool:
        if other.lo < self.lo:
            return False
        if self.hi is None:
            return True
        return other.hi is not None and other.hi <= self.hi

    def __str__(self) -> str:
        if self.hi is None:
            return f"{self.lo}+"
        return str(self.lo) if self.lo == self.hi else f"{self.lo}-{self.hi}"


@dataclass
class Field:
    name: str
    type_name: str            # element type for arrays, e.g. "int32" or "TopicData"
    is_array: bool
    versions: VersionRange    # clamped to the message's versions
    nullable: Optional[VersionRange] = None   # clamped to `versions`
    default: Optional[str] = None             # raw token from the .def file
    tag: Optional[int] = None
    struct: Optional["Struct"] = None         # set when the element type is a struct
    line: int = 0

    @property
    def is_struct(self) -> bool:
        return self.struct is not None

    @property
    def is_tagged(self) -> bool:
        return self.tag is not None


@dataclass
class Struct:
    name: str                 # C++ type name, e.g. "ProduceRequest" or "TopicData"
    fields: List[Field] = dc_field(default_factory=list)


@dataclass
class Message:
    kind: str                 # "request" or "response"
    root: Struct


@dataclass
class Api:
    name: str                 # CamelCase, e.g. "Produce"
    key: int
    versions: VersionRange    # always closed
    flexible: Optional[VersionRange]   # None when no version is flexible
    request: Optional[Message] = None
    response: Optional[Message] = None
    source: str = ""

    @property
    def first_flexible(self) -> int:
        return -1 if self.flexible is None else self.flexible.lo

    @property
    def file_stem(self) -> str:
        return snake_case(self.name)


def snake_case(camel: str) -> str:
    out = []
    for i, ch in enumerate(camel):
        if ch.isupper() and i > 0 and not camel[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)
