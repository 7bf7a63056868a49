#!/usr/bin/env python3
"""The layer rule of STYLE.md, checked over the source tree.

Layers, lowest first: util, capture, decode, flow, tcp, app, diagnose, say,
output, run, cli, and src/main.c on top.  A file in src/LAYER/ or
include/tcpview/LAYER/ may include "tcpview/L/..." only for L at or below
its own layer, and a quoted include without a folder only from its own
directory, or "../x.h" from a folder one level inside a layer's (a layer's
private headers, such as src/tcp/conn.h or src/app/layer_int.h, stay
inside it).  Two more rules: tcp/tracker.h, which drives the analysis, is included
only by the run layer and its own (outputs see records and the sink, never the
tracker); and no patch leftovers (*.orig, *.rej) lie in the tree.
Exit 0 when every rule holds; each breach is named with file and line.
"""
import os
import re
import sys

LAYERS = ["util", "capture", "decode", "flow", "tcp", "app", "diagnose",
          "say", "output", "run", "cli", "main"]
RANK = {name: i for i, name in enumerate(LAYERS)}
ONLY_FOR = {"tcp/tracker.h": {"tcp", "run"}}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def layer_of(rel):
    parts = rel.split("/")
    if parts[0] == "src" and len(parts) == 2:
        return "main" if parts[1] == "main.c" else None
    if parts[0] == "src":
        return parts[1]
    if parts[:2] == ["include", "tcpview"] and len(parts) >= 4:
        return parts[2]
    return None


def main():
    top = os.environ.get("SRCDIR") or os.path.join(os.path.dirname(__file__), "..")
    top = os.path.abspath(top)
    problems, files, bad = [], 0, set()
    for root in ("src", "include"):
        for dirpath, _, names in os.walk(os.path.join(top, root)):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, top)
                if name.endswith((".orig", ".rej")):
                    problems.append("%s: patch leftover" % rel)
                    continue
                if not name.endswith((".c", ".h")):
                    continue
                layer = layer_of(rel)
                if layer not in RANK:
                    problems.append("%s: not in a layer folder (%s)"
                                    % (rel, ", ".join(LAYERS[:-1])))
                    continue
                files += 1
                with open(path, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        inc = m.group(1)
                        where = "%s:%d: #include \"%s\"" % (rel, lineno, inc)
                        if inc == "config.h":
                            continue
                        if inc.startswith("tcpview/"):
                            target = inc.split("/")[1]
                            if target not in RANK:
                                problems.append("%s: no such layer" % where)
                            elif RANK[target] > RANK[layer]:
                                problems.append("%s: %s includes the higher layer %s"
                                                % (where, layer, target))
                            allowed = ONLY_FOR.get(inc[len("tcpview/"):])
                            if allowed and layer not in allowed:
                                problems.append("%s: only %s may include it"
                                                % (where, ", ".join(sorted(allowed))))
                        elif inc.startswith("../") and "/" not in inc[3:] and \
                                root == "src" and rel.count("/") == 3 and \
                                os.path.exists(os.path.join(dirpath, inc)):
                            pass	# src/LAYER/PROTO/x.c and its layer's src/LAYER/y.h
                        elif "/" in inc or not os.path.exists(
                                os.path.join(dirpath, inc)):
                            problems.append("%s: a private header of another "
                                            "folder" % where)
    for p in problems:
        print("FAIL " + p)
        bad.add(p.split(":")[0])
    print("layers: %d passed, %d failed" % (files - len(bad), len(bad)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
