#!/usr/bin/env python3
"""Text output folded to a width (SPEC §11), checked on every sample.

At --width=80 and 100 (the compact layout: the narration under the packet
columns) and 200 (the narration beside them), in the default, --brief and
-v outputs, and for --summary: no line is wider than the width in display
columns (East Asian wide characters count two), and no word is cut: every
word of the folded text is a word of the unfolded text (--width=0), or a
piece of one too long for a row.  At
200 columns the words are even the same, in the same order.

Environment: TCPVIEW (the binary), SRCDIR (top of the source tree).
"""
import glob
import os
import subprocess
import sys
import unicodedata

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
# The compact layout's column titles, which the unfolded text does not have.
TITLES = {"time", "frame", "dir", "flags", "seq", "ack", "len", "win"}


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in line)


def run(args):
    p = subprocess.run([TCPVIEW, "--color=never", *args], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C", TZ="UTC"))
    return p.stdout


def main():
    failures = checks = 0
    samples = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap*")))
    for path in samples:
        name = os.path.basename(path)
        for mode in ([], ["--brief"], ["-v"], ["-s"]):
            flat = run(["--width=0", *mode, path])
            words = set(flat.split()) | TITLES
            for w in (80, 100, 200):
                out = run([f"--width={w}", *mode, path])
                checks += 1
                wide = [l for l in out.splitlines() if width(l) > w]
                # -s at full width keeps its 177 columns (SPEC §4's row).
                if wide and not (mode == ["-s"] and w == 200):
                    failures += 1
                    print(f"FAIL {name} {mode} --width={w}: {len(wide)} lines wider, "
                          f"e.g. {wide[0][:100]!r}")
                # A word longer than a row is cut where the row ends.
                long = [x for x in words if width(x) > w - 20]
                cut = [x for x in out.split()
                       if x not in words and not any(x in y for y in long)]
                if cut:
                    failures += 1
                    print(f"FAIL {name} {mode} --width={w}: words cut: {cut[:5]}")
                if w == 200 and mode != ["-s"] and out.split() != flat.split():
                    failures += 1
                    print(f"FAIL {name} {mode} --width=200: not the same words as unfolded")
    print(f"width: {len(samples)} samples, {checks} outputs, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
