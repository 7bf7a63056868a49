#!/usr/bin/env python3
"""The JSON output follows its schema (SPEC §5 and §11, schema/tcpview.schema.json).

For every sample (and every capture of SHARED_DIR/corpus/real when it is
there), tcpview runs with --json, --jsonl, -s --json and -v --jsonl; each
document is validated against the schema's document definition (the
narrated one, or the --summary one) and each JSON Lines line against the
definition of its "type".  The schema closes every object it describes
(additionalProperties: false), so a member it does not document fails here
as surely as a wrong type or an unknown enum value.  Beside the schema: the
output is UTF-8 (RFC 8259 §8.1), no object repeats a key, and every line
starts with "type" and ends with a newline.  Exit 0 when all hold.

Validation is memoised: two objects that no keyword of the schema can tell
apart (same keys, same enum and const values, same pattern matches, same
side of every bound) get the same verdict, so the hundred thousand look-
alike events of a long capture are validated once per shape.  The schema
keywords this abstraction understands are listed in MEMO_KEYWORDS; a schema
that uses any other turns the memo off (slow, never wrong).

Needs the jsonschema module (Debian: python3-jsonschema, 4.10 or later).
Environment: TCPVIEW (the binary), SRCDIR (top of the source tree),
SHARED_DIR (default: SRCDIR/../shared).
"""
import bisect
import glob
import json
import os
import re
import subprocess
import sys

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
SHARED = os.environ.get("SHARED_DIR", os.path.join(SRCDIR, "..", "shared"))
SCHEMA = os.path.join(SRCDIR, "schema", "tcpview.schema.json")
SHOWN = 10      # problems printed; the rest are counted

# Each run: its arguments and the definition its document must meet;
# None: JSON Lines, each line checked against "line".
MODES = [
    (["--json"], "document_narrated"),
    (["--jsonl"], None),
    (["-s", "--json"], "document_summary"),
    (["-v", "--jsonl"], None),
]

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError as e:
    print(f"schema: python3-jsonschema is needed (apt-get install python3-jsonschema): {e}")
    sys.exit(1)

objects = 0     # JSON objects read, nested ones included


def unique_keys(pairs):
    """A JSON object whose keys are all different (RFC 8259 §4: SHOULD)."""
    global objects
    objects += 1
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate keys in {keys}")
    return dict(pairs)


# ---- memoisation ------------------------------------------------------------

# Keywords whose verdict depends on a value only through what shape() keeps.
MEMO_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "title", "description",
    "type", "enum", "const", "properties", "required", "additionalProperties",
    "propertyNames", "dependentRequired", "minProperties", "maxProperties",
    "items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
}
# Keywords whose value is a map of names to subschemas (or to name lists).
NAME_MAPS = {"$defs", "properties", "dependentRequired"}


class Shape:
    """What of a JSON value the schema can see (see the module's comment)."""

    def __init__(self, schema):
        self.ok = True
        self.numbers, self.strings, self.lengths, self.counts = set(), set(), set(), set()
        self.patterns = []
        self.scan(schema)
        self.numbers = sorted(self.numbers)
        self.lengths = sorted(self.lengths)
        self.counts = sorted(self.counts)

    def scan(self, s):
        if isinstance(s, list):
            for x in s:
                self.scan(x)
            return
        if not isinstance(s, dict):
            return
        for k, v in s.items():
            if k not in MEMO_KEYWORDS:
                self.ok = False
            if k in NAME_MAPS:
                for sub in v.values():
                    self.scan(sub)
            elif k in ("enum", "const"):
                for x in (v if k == "enum" else [v]):
                    if isinstance(x, str):
                        self.strings.add(x)
                    elif isinstance(x, (int, float)) and not isinstance(x, bool):
                        self.numbers.add(x)
                    elif not isinstance(x, bool) and x is not None:
                        self.ok = False     # an object or array constant
            elif k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                self.numbers.add(v)
            elif k in ("minLength", "maxLength"):
                self.lengths.add(v)
            elif k in ("minItems", "maxItems", "minProperties", "maxProperties"):
                self.counts.add(v)
            elif k == "pattern":
                self.patterns.append(re.compile(v))
            elif k not in ("description", "title", "$comment", "$id", "$schema", "$ref",
                           "required", "type", "uniqueItems"):
                self.scan(v)

    @staticmethod
    def place(bounds, x):
        i = bisect.bisect_left(bounds, x)
        return i, i < len(bounds) and bounds[i] == x

    def of(self, v):
        t = type(v)
        if t is dict:
            return ("O",) + tuple((k, self.of(x)) for k, x in v.items())
        if t is list:
            try:
                unique = len(set(v)) == len(v)
            except TypeError:
                unique = len({json.dumps(x, sort_keys=True) for x in v}) == len(v)
            return ("A", self.place(self.counts, len(v)), unique) + tuple(self.of(x) for x in v)
        if t is str:
            return ("S", v if v in self.strings else None, self.place(self.lengths, len(v)),
                    tuple(p.search(v) is not None for p in self.patterns))
        if t is int:
            return ("I", self.place(self.numbers, v))
        if t is float:
            return ("F", v.is_integer(), self.place(self.numbers, v))
        return ("V", v)     # true, false, null


def path_of(parts):
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def leaves(err):
    """The errors that say what is wrong, not the allOf/if/anyOf that led there."""
    if not err.context:
        return [err]
    out = []
    for e in err.context:
        out.extend(leaves(e))
    return out


class Checker:
    def __init__(self, schema):
        self.schema = schema
        self.shape = Shape(schema)
        self.validators = {}
        self.memo = {}
        self.captures = self.problems = 0

    def validator(self, name):
        v = self.validators.get(name)
        if v is None:
            # The one file's $defs with the definition as its root: every
            # $ref is local, which jsonschema 4.10 and 4.18+ resolve alike.
            # No format_checker: formats are not asserted.
            v = Draft202012Validator({"$schema": self.schema["$schema"],
                                      "$id": self.schema["$id"], "$defs": self.schema["$defs"],
                                      "$ref": f"#/$defs/{name}"})
            self.validators[name] = v
        return v

    def problem(self, where, what):
        self.problems += 1
        if self.problems <= SHOWN:
            print(f"FAIL {where}: {what}")

    def errors(self, name, obj):
        """[(path, message)] of obj against $defs/name, memoised by shape."""
        key = (name, self.shape.of(obj)) if self.shape.ok else None
        if key is not None and key in self.memo:
            return self.memo[key]
        out = []
        for err in self.validator(name).iter_errors(obj):
            # When no branch of an anyOf/oneOf fits, the deepest leaf is
            # the likeliest culprit.
            leaf = max(leaves(err), key=lambda e: len(e.absolute_path))
            msg = leaf.message if len(leaf.message) <= 240 else leaf.message[:240] + "..."
            schema_path = "/".join(map(str, leaf.absolute_schema_path))
            out.append((list(leaf.absolute_path), f"{msg} (schema: {schema_path})"))
        if key is not None:
            self.memo[key] = out
        return out

    def validate(self, where, name, obj, prefix=()):
        for path, msg in self.errors(name, obj):
            self.problem(where, f"{path_of(list(prefix) + path) or '.'}: {msg}")

    def document(self, where, name, doc):
        # Each connection's events are checked one by one against
        # $defs/event (what the document's definition does for them), so
        # that look-alike events share a verdict.
        events = []
        if isinstance(doc, dict) and isinstance(doc.get("connections"), list):
            for i, c in enumerate(doc["connections"]):
                if isinstance(c, dict) and isinstance(c.get("events"), list):
                    events.append((i, c["events"]))
                    c["events"] = []
        self.validate(where, name, doc)
        for i, evs in events:
            for j, ev in enumerate(evs):
                self.validate(where, "event", ev, ("connections", i, "events", j))

    def lines(self, where, text):
        lines = text.split("\n")
        if lines[-1] != "":
            self.problem(where, "the last line does not end with a newline")
        for n, line in enumerate(lines[:-1], 1):
            try:
                obj = json.loads(line, object_pairs_hook=unique_keys)
            except ValueError as e:
                self.problem(f"{where} line {n}", f"not JSON: {e}")
                continue
            if not isinstance(obj, dict) or next(iter(obj), None) != "type":
                self.problem(f"{where} line {n}", "not an object that starts with \"type\"")
                continue
            self.validate(f"{where} line {n}", "line", obj)

    def run(self, cap):
        self.captures += 1
        for args, doc_def in MODES:
            where = f"{os.path.basename(cap)} {' '.join(args)}"
            p = subprocess.run([TCPVIEW, *args, cap], capture_output=True,
                               env=dict(os.environ, LC_ALL="C", TZ="UTC"))
            if p.returncode not in (0, 1):
                self.problem(where, f"exit {p.returncode}: {p.stderr.decode(errors='replace')}")
                continue
            try:
                text = p.stdout.decode("utf-8")
            except UnicodeDecodeError as e:
                self.problem(where, f"output is not UTF-8: {e}")
                text = p.stdout.decode("utf-8", errors="replace")
            if doc_def is None:
                self.lines(where, text)
                continue
            try:
                doc = json.loads(text, object_pairs_hook=unique_keys)
            except ValueError as e:
                self.problem(where, f"not one JSON document: {e}")
                continue
            self.document(where, doc_def, doc)


def main():
    try:
        with open(SCHEMA) as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print(f"FAIL {SCHEMA}: {e}")
        return 1
    caps = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap*")))
    if not caps:
        print(f"FAIL: no captures in {SRCDIR}/samples")
        return 1
    corpus = os.path.join(SHARED, "corpus", "real")
    if os.path.isdir(corpus):
        caps += sorted(glob.glob(os.path.join(corpus, "*")))
    else:
        print(f"skip: {corpus} not present")
    c = Checker(schema)
    if not c.shape.ok:
        print("note: the schema uses keywords the memo does not know; validating every object")
    for cap in caps:
        c.run(cap)
    if c.problems > SHOWN:
        print(f"... and {c.problems - SHOWN} more")
    print(f"schema: {c.captures} captures, {objects} objects, {c.problems} problems")
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
