#!/usr/bin/env python3
"""Generates the protocol message codecs from src/protocol/defs/*.def.

Usage: generate.py --out DIR DEF...
Writes DIR/protocol/<api>.h/.cc per definition plus messages.h, api_table.cc,
any_message.h/.cc and samples.h (test helper). Files whose content did not
change are left untouched so that rebuilds stay incremental.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from defparser import DefError, parse_file  # noqa: E402
from emit_message import emit_header, emit_source  # noqa: E402
from emit_samples import emit_samples  # noqa: E402
from emit_tables import (emit_any_header, emit_any_source, emit_api_table,  # noqa: E402
                         emit_messages_header)


def write_if_changed(path: str, text: str) -> None:
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("defs", nargs="+")
    args = parser.parse_args()

    try:
        apis = [parse_file(path) for path in args.defs]
    except DefError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    apis.sort(key=lambda a: a.key)
    for a in apis:
        expected = os.path.splitext(os.path.basename(a.source))[0]
        if expected != a.file_stem:
            print(f"error: {a.source}: file must be named {a.file_stem}.def", file=sys.stderr)
            return 1
    keys = [a.key for a in apis]
    if len(set(keys)) != len(keys):
        print("error: duplicate api keys", file=sys.stderr)
        return 1

    out = os.path.join(args.out, "protocol")
    os.makedirs(out, exist_ok=True)
    for a in apis:
        write_if_changed(os.path.join(out, f"{a.file_stem}.h"), emit_header(a))
        write_if_changed(os.path.join(out, f"{a.file_stem}.cc"), emit_source(a))
    write_if_changed(os.path.join(out, "messages.h"), emit_messages_header(apis))
    write_if_changed(os.path.join(out, "api_table.cc"), emit_api_table(apis))
    write_if_changed(os.path.join(out, "any_message.h"), emit_any_header(apis))
    write_if_changed(os.path.join(out, "any_message.cc"), emit_any_source(apis))
    write_if_changed(os.path.join(out, "samples.h"), emit_samples(apis))
    return 0


if __name__ == "__main__":
    sys.exit(main())
