#!/usr/bin/env python3
"""The JSON output follows its schema (SPEC §5 and §11, schema/tcpview.schema.json).

For every sample (and every capture of SHARED_DIR/corpus/real when it is
there), tcpview runs with --json, --jsonl, -s --json and -v --jsonl, and
once more with --json and --jsonl on all the samples together; each
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
SHOWN = 10      # kinds of problem printed (the first of each); the rest are counted

# Each run: its arguments and the definition its document must meet;
# None: JSON Lines, each line checked against "line".
MODES = [
    (["--json"], "document_narrated"),
    (["--jsonl"], None),
    (["-s", "--json"], "document_summary"),
    (["-v", "--jsonl"], None),
]
# The samples all at once, read as one capture.
MULTI_MODES = [(["--json"], "document_narrated"), (["--jsonl"], None)]
# What each document definition requires of its connections' items.
DOCUMENT_CONNECTION = {"document_narrated": "connection_narrated",
                       "document_summary": "connection_summary"}

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
    d = dict(pairs)
    if len(d) != len(pairs):
        raise ValueError(f"duplicate keys in {[k for k, _ in pairs]}")
    return d


# ---- memoisation ------------------------------------------------------------

# Keywords whose verdict depends on a value only through what Shape keeps.
MEMO_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "title", "description",
    "type", "enum", "const", "properties", "required", "additionalProperties",
    "propertyNames", "dependentRequired", "minProperties", "maxProperties",
    "items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
}
EXTRA = None    # the bucket of values checked by an additionalProperties schema


class Bucket:
    """What the schemas that may apply to the values of one member name test."""

    def __init__(self):
        self.numbers, self.strings, self.lengths, self.counts = set(), set(), set(), set()
        self.patterns = {}

    def freeze(self):
        self.numbers = sorted(self.numbers)
        self.lengths = sorted(self.lengths)
        self.counts = sorted(self.counts)
        self.patterns = list(self.patterns.values())
        self.plain = not (self.strings or self.lengths or self.patterns)


class Shape:
    """What of a JSON value the schema can see.

    A member's value is only ever tested by the subschemas of a
    "properties" entry of its name (or by an "additionalProperties"
    schema), and an array's items by what those reach through items,
    prefixItems and contains.  So, per member name, the enum and const
    values, bounds and patterns found there say everything a value can be
    told by: a value is kept as its side of each bound, its match of each
    pattern, and itself only when it is one of those constants.  Member
    names are kept as they are.
    """

    def __init__(self, schema):
        self.ok = True
        self.defs = schema.get("$defs", {})
        self.buckets = {}
        self.walk(schema)
        # A member an additionalProperties schema tests may have any name,
        # that of a "properties" entry elsewhere too: every name's bucket
        # holds what those schemas test, and a name no "properties" entry
        # has gets only that.
        self.default = self.buckets.pop(EXTRA, Bucket())
        for b in self.buckets.values():
            b.numbers |= self.default.numbers
            b.strings |= self.default.strings
            b.lengths |= self.default.lengths
            b.counts |= self.default.counts
            b.patterns.update(self.default.patterns)
            b.freeze()
        self.default.freeze()

    def bucket(self, name):
        if name not in self.buckets:
            self.buckets[name] = Bucket()
        return self.buckets[name]

    def walk(self, s):
        """Every subschema: files the values each "properties" entry tests."""
        if isinstance(s, list):
            for x in s:
                self.walk(x)
            return
        if not isinstance(s, dict):
            return
        for k, v in s.items():
            if k not in MEMO_KEYWORDS:
                self.ok = False
            if k in ("properties", "$defs"):
                for name, sub in v.items():
                    if k == "properties":
                        self.collect(sub, self.bucket(name), set())
                    self.walk(sub)
            elif k == "additionalProperties" and isinstance(v, dict):
                self.collect(v, self.bucket(EXTRA), set())
                self.walk(v)
            elif isinstance(v, (dict, list)) and k not in ("enum", "const", "required",
                                                             "dependentRequired", "type"):
                self.walk(v)

    def collect(self, s, b, seen):
        """The tests s makes of a value itself (and of its items), into b."""
        if isinstance(s, list):
            for x in s:
                self.collect(x, b, seen)
            return
        if not isinstance(s, dict):
            return
        for k, v in s.items():
            if k == "$ref":
                if v in seen:
                    continue
                seen.add(v)
                if not v.startswith("#/$defs/") or v[8:] not in self.defs:
                    self.ok = False
                    continue
                self.collect(self.defs[v[8:]], b, seen)
            elif k in ("enum", "const"):
                for x in (v if k == "enum" else [v]):
                    if isinstance(x, str):
                        b.strings.add(x)
                    elif isinstance(x, (int, float)) and not isinstance(x, bool):
                        b.numbers.add(x)
                    elif not isinstance(x, bool) and x is not None:
                        self.ok = False     # an object or array constant
            elif k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                b.numbers.add(v)
            elif k in ("minLength", "maxLength"):
                b.lengths.add(v)
            elif k in ("minItems", "maxItems"):
                b.counts.add(v)
            elif k == "pattern":
                b.patterns[v] = re.compile(v)
            elif k in ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "items",
                       "prefixItems", "contains"):
                self.collect(v, b, seen)
            # properties, additionalProperties, propertyNames, required...:
            # about an object's members, each filed under its own name.

    @staticmethod
    def place(bounds, x):
        if not bounds:
            return None
        i = bisect.bisect_left(bounds, x)
        return i, i < len(bounds) and bounds[i] == x

    def of(self, v, b=None):
        t = type(v)
        if t is dict:
            # Scalar members inline: this runs for every object of the output.
            get, default, place = self.buckets.get, self.default, self.place
            out = []
            for k, x in v.items():
                b = get(k, default)
                t = type(x)
                if t is str:
                    out.append((k, "S") if b.plain else (k, self.of(x, b)))
                elif t is int:
                    out.append((k, "I", place(b.numbers, x)))
                else:
                    out.append((k, self.of(x, b)))
            return tuple(out)
        if b is None:
            b = self.default
        if t is str:
            if b.plain:
                return "S"
            return ("S", v if v in b.strings else None, self.place(b.lengths, len(v)),
                    tuple(p.search(v) is not None for p in b.patterns))
        if t is int:
            return ("I", self.place(b.numbers, v))
        if t is list:
            try:
                unique = len(set(v)) == len(v)
            except TypeError:
                unique = len({json.dumps(x, sort_keys=True) for x in v}) == len(v)
            return ("A", self.place(b.counts, len(v)), unique) + tuple(self.of(x, b) for x in v)
        if t is float:
            return ("F", v.is_integer(), self.place(b.numbers, v))
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


def describe(err):
    """An error's message, without the dump of a whole object."""
    if err.validator == "not":
        rule = json.dumps(err.validator_value, separators=(",", ":"))
        msg = f"breaks the rule: not {rule}"
    elif err.validator in ("anyOf", "oneOf") and isinstance(err.instance, (dict, list)):
        msg = f"fits {'none' if err.validator == 'anyOf' else 'not exactly one'} of the " \
              f"{err.validator} branches"
    else:
        msg = err.message
        inst = repr(err.instance)
        if isinstance(err.instance, (dict, list)) and msg.startswith(inst):
            what = "the object" if isinstance(err.instance, dict) else \
                f"the array of {len(err.instance)}"
            msg = what + msg[len(inst):]
    return msg if len(msg) <= 240 else msg[:240] + "..."


class Checker:
    def __init__(self, schema):
        self.schema = schema
        self.shape = Shape(schema)
        self.validators = {}
        self.memo = {}
        self.problems = self.shown = 0
        self.kinds = set()

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
        """Counts a problem; prints the first of each kind (its first SHOWN kinds)."""
        self.problems += 1
        kind = re.sub(r"\[\d+\]", "[]", what)
        if kind not in self.kinds:
            self.kinds.add(kind)
            if len(self.kinds) <= SHOWN:
                self.shown += 1
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
            msg = describe(leaf)
            schema_path = "/".join(map(str, leaf.absolute_schema_path))
            out.append((list(leaf.absolute_path), f"{msg} (schema: $defs/{name}/{schema_path})"))
        if key is not None:
            self.memo[key] = out
        return out

    def validate(self, where, name, obj, prefix=()):
        for path, msg in self.errors(name, obj):
            self.problem(where, f"{path_of(list(prefix) + path) or '.'}: {msg}")

    def document(self, where, name, doc):
        # The connections one by one against the definition the document's
        # applies to them, and their events against $defs/event, so that
        # look-alike ones share a verdict; then the rest of the document.
        conn_def = DOCUMENT_CONNECTION[name]
        conns = doc.get("connections") if isinstance(doc, dict) else None
        if isinstance(conns, list):
            doc["connections"] = []
            for i, c in enumerate(conns):
                evs = c.get("events") if isinstance(c, dict) else None
                if isinstance(evs, list):
                    c["events"] = []
                    for j, ev in enumerate(evs):
                        self.validate(where, "event", ev, ("connections", i, "events", j))
                self.validate(where, conn_def, c, ("connections", i))
        self.validate(where, name, doc)

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

    def run(self, caps, modes=MODES):
        name = os.path.basename(caps[0]) if len(caps) == 1 else f"{len(caps)} files together"
        for args, doc_def in modes:
            where = f"{name} {' '.join(args)}"
            p = subprocess.run([TCPVIEW, *args, *caps], capture_output=True,
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
    samples = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap*")))
    if not samples:
        print(f"FAIL: no captures in {SRCDIR}/samples")
        return 1
    caps = list(samples)
    corpus = os.path.join(SHARED, "corpus", "real")
    if os.path.isdir(corpus):
        caps += sorted(glob.glob(os.path.join(corpus, "*")))
    else:
        print(f"skip: {corpus} not present")
    c = Checker(schema)
    if not c.shape.ok:
        print("note: the schema uses keywords the memo does not know; validating every object")
    for cap in caps:
        c.run([cap])
    # Several files in one run (SPEC §11): events and connections name their file.
    c.run(samples, MULTI_MODES)
    if c.problems > c.shown:
        print(f"... and {c.problems - c.shown} more ({len(c.kinds)} kinds in all)")
    print(f"schema: {len(caps)} captures, {objects} objects, {c.problems} problems")
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
