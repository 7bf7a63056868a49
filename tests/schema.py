#!/usr/bin/env python3
"""The JSON output follows its schema (SPEC §5 and §11, schema/tcpview.schema.json).

For every sample (and every capture of SHARED_DIR/corpus/real when it is
there), tcpview runs with --json, --jsonl, -s --json and -v --jsonl; each
document is validated against the schema's document definition (the
narrated or the --summary one) and each JSON Lines line against the
definition its "type" names.  The schema closes every object it describes
(additionalProperties: false), so a member the schema does not document
fails here as surely as a wrong type or an unknown enum value.  Beside the
schema: the output is UTF-8 (RFC 8259 §8.1), no object repeats a key, and
every line starts with "type".  Exit 0 when all hold, 1 otherwise.

Needs the jsonschema module (Debian: python3-jsonschema, 4.10 or later).
Environment: TCPVIEW (the binary), SRCDIR (top of the source tree),
SHARED_DIR (default: SRCDIR/../shared).
"""
import glob
import json
import os
import subprocess
import sys

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
SHARED = os.environ.get("SHARED_DIR", os.path.join(SRCDIR, "..", "shared"))
SCHEMA = os.path.join(SRCDIR, "schema", "tcpview.schema.json")
SHOWN = 10      # problems printed in full; the rest are only counted
objects = 0     # JSON objects read, nested ones included

# Each run: its arguments, and the definition a document of it must meet
# (JSON Lines output is checked line by line against "line").
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


def unique_keys(pairs):
    """A JSON object whose keys are all different (RFC 8259 §4: SHOULD)."""
    global objects
    objects += 1
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise ValueError(f"duplicate keys {dup}")
    return dict(pairs)


def path_of(err):
    """Where a validation error is, as a jq path: .connections[3].events[0].flags"""
    out = ""
    for p in err.absolute_path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out or "."


def leaf_errors(err):
    """The errors that say what is wrong, not the if/then/allOf that led there."""
    if not err.context:
        return [err]
    out = []
    for e in err.context:
        out.extend(leaf_errors(e))
    return out


class Checker:
    def __init__(self, schema):
        # A resolver-free setup that works with jsonschema 4.10 (Debian 12)
        # and 4.18+: every $ref is local to this one file.
        self.validators = {}
        self.schema = schema
        self.captures = self.problems = 0

    def validator(self, name):
        v = self.validators.get(name)
        if v is None:
            sub = {"$schema": self.schema["$schema"], "$id": self.schema["$id"],
                   "$defs": self.schema["$defs"], "$ref": f"#/$defs/{name}"}
            v = Draft202012Validator(sub)     # no format_checker: formats not asserted
            self.validators[name] = v
        return v

    def problem(self, where, what):
        self.problems += 1
        if self.problems <= SHOWN:
            print(f"FAIL {where}: {what}")

    def validate(self, where, name, obj):
        errors = sorted(self.validator(name).iter_errors(obj),
                        key=lambda e: list(map(str, e.absolute_path)))
        for err in errors:
            leaves = leaf_errors(err)
            # Several leaves when an anyOf/oneOf found no branch: the
            # deepest one is the likeliest culprit.
            leaf = max(leaves, key=lambda e: len(e.absolute_path))
            msg = leaf.message
            if len(msg) > 300:
                msg = msg[:300] + "..."
            self.problem(where, f"{path_of(leaf)}: {msg} (schema: "
                         f"{'/'.join(map(str, leaf.absolute_schema_path))})")

    def run(self, cap):
        self.captures += 1
        base = os.path.basename(cap)
        for args, doc_def in MODES:
            where = f"{base} {' '.join(args)}"
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
            if doc_def is not None:
                try:
                    doc = json.loads(text, object_pairs_hook=unique_keys)
                except ValueError as e:
                    self.problem(where, f"not one JSON document: {e}")
                    continue
                self.validate(where, doc_def, doc)
                continue
            lines = text.split("\n")
            if lines[-1] != "":
                self.problem(where, "the last line has no newline")
            for n, line in enumerate(lines[:-1], 1):
                try:
                    obj = json.loads(line, object_pairs_hook=unique_keys)
                    first = next(iter(obj), None) if isinstance(obj, dict) else None
                except ValueError as e:
                    self.problem(f"{where} line {n}", f"not JSON: {e}")
                    continue
                if first != "type":
                    self.problem(f"{where} line {n}", f"starts with {first!r}, not \"type\"")
                self.validate(f"{where} line {n}", "line", obj)


def main():
    try:
        with open(SCHEMA) as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print(f"FAIL {SCHEMA}: {e}")
        return 1
    caps = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap*")))
    corpus = os.path.join(SHARED, "corpus", "real")
    if os.path.isdir(corpus):
        caps += sorted(glob.glob(os.path.join(corpus, "*")))
    else:
        print(f"skip: {corpus} not present")
    if not caps:
        print(f"FAIL: no captures under {SRCDIR}/samples")
        return 1
    c = Checker(schema)
    for cap in caps:
        c.run(cap)
    if c.problems > SHOWN:
        print(f"... and {c.problems - SHOWN} more")
    print(f"schema: {c.captures} captures, {objects} objects, {c.problems} problems")
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
