#!/usr/bin/env python3
"""samples/README.md quotes what tcpview says about each sample: every
quoted line must still be what tcpview prints, so that the documentation
cannot drift from the program.

Two forms are quoted, each under "What tcpview says (`./tcpview
--color=never samples/NAME`, excerpts):": indented output lines (a
packet row, or an application line under one), each of which must be a
line of the output, ignoring the spaces around it; and the summary form
"NAME frame N: TEXT" / "NAME frame N (proto): TEXT" / "NAME: TEXT", whose
TEXT must appear in the output.  Exit 0 when all do.
"""
import os
import re
import subprocess
import sys

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
HEAD = re.compile(r"^What tcpview says \(`\./tcpview --color=never (samples/\S+)`, excerpts\):$")
SHORT = re.compile(r"^([\w.-]+\.pcap(?:ng)?)(?: frame \d+)?(?: \(\w+\))?: (.*)$")


def output(path, cache={}):
    if path not in cache:
        p = subprocess.run([TCPVIEW, "--color=never", os.path.join(SRCDIR, path)],
                           capture_output=True, text=True,
                           env=dict(os.environ, LC_ALL="C", TZ="UTC"))
        cache[path] = p.stdout
    return cache[path]


def main():
    lines = open(os.path.join(SRCDIR, "samples", "README.md"), encoding="utf-8").read().splitlines()
    current, checked, stale = None, 0, []
    for line in lines:
        m = HEAD.match(line)
        if m:
            current = m.group(1)
            continue
        if current is None:
            continue
        if line and not line.startswith("    "):
            if not line.startswith("```"):
                current = None	# the excerpt ended
            continue
        text = line.strip()
        if not text or text == "...":
            continue
        s = SHORT.match(text)
        if s:
            # The summary form names its own capture.
            ok = s.group(2) in output("samples/" + s.group(1))
        else:
            out = output(current)
            ok = any(o.strip() == text or (text.endswith("...") and
                     o.strip().startswith(text[:-3].rstrip())) for o in out.splitlines())
        checked += 1
        if not ok:
            stale.append(f"{current}: {text}")
    for s in stale:
        print("STALE " + s)
    print(f"samples/README.md: {checked} quoted lines, {len(stale)} stale")
    return 1 if stale or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
