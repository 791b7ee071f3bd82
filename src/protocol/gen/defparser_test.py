#!/usr/bin/env python3
"""Unit tests for the .def parser: the format's rules and its error messages."""

import os
import sys
import unittest

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from defparser import DefError, parse_text  # noqa: E402
from model import VersionRange  # noqa: E402

GOOD = """
api Sample key=99 versions=0-5 flexible=4+
request
  name        string  nullable=2+
  items       []Item  1+
    id        int32
    tags      []string  3+
  hint        int64   4+  tag=0  default=-1
response
  error_code  int16
"""


class DefParserTest(unittest.TestCase):
    def test_parses_nesting_versions_and_attributes(self):
        api = parse_text(GOOD)
        self.assertEqual((api.name, api.key, api.first_flexible), ("Sample", 99, 4))
        name, items, hint = api.request.root.fields
        self.assertEqual(name.nullable, VersionRange(2, 5))
        self.assertEqual(items.versions, VersionRange(1, 5))
        self.assertEqual([f.name for f in items.struct.fields], ["id", "tags"])
        self.assertEqual(items.struct.fields[1].versions, VersionRange(3, 5))
        self.assertEqual((hint.tag, hint.default), (0, "-1"))
        self.assertEqual(api.file_stem, "sample")

    def assert_error(self, text, fragment):
        with self.assertRaises(DefError) as ctx:
            parse_text(text, "x.def")
        self.assertIn(fragment, str(ctx.exception))

    def test_rejects_tags_outside_flexible_versions(self):
        self.assert_error(GOOD.replace("4+  tag=0", "3+  tag=0"), "flexible")

    def test_rejects_bad_indent(self):
        self.assert_error(GOOD.replace("    id        int32", "   id int32"), "indent")

    def test_rejects_nullable_ints(self):
        self.assert_error(GOOD.replace("error_code  int16", "error_code  int16 nullable"),
                          "nullable")

    def test_rejects_unknown_types_and_attributes(self):
        self.assert_error(GOOD.replace("int16", "int17"), "unknown type")
        self.assert_error(GOOD.replace("default=-1", "deflt=-1"), "unknown attributes")

    def test_rejects_duplicate_fields_and_tags(self):
        self.assert_error(GOOD + "  error_code int16\n", "duplicate field")

    def test_errors_name_file_and_line(self):
        self.assert_error(GOOD.replace("int17", "").replace("int16", "int17"), "x.def:10")


if __name__ == "__main__":
    unittest.main()
