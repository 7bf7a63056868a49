#!/usr/bin/env python3
"""The ladders of every sample (SPEC §12), checked against tshark and the JSON.

For each sample:
- --ladder --no-fold: every TCP packet is one arrow, carrying its frame
  number: the frames with an arrow are exactly the frames tshark's
  `-z flow,tcp` draws (and the JSON's events), plus the DNS answer when a
  DNS lane is drawn.
- --ladder (folded): arrows plus the packets of the folded runs add up to
  the same packets; a folded run is at least 4 packets.
- At --width=80 and --width=120 no line is wider than the width.
- --ladder=svg is well-formed XML with one g.arrow per arrow and the same
  g.fold runs as the text; --ladder=mermaid has one sequenceDiagram per
  connection, every message line between declared participants, and no
  raw ';' or '#' in a message (Mermaid would read them as syntax).
- The arrows' words quote what the JSON says of the same frame: the
  flags, the relative seq and ack, the window, and the application's
  method and status where there is one.

Environment: TCPVIEW (the binary), SRCDIR (top of the source tree).
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.dom.minidom

from tally import Tally

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
ENV = dict(os.environ, LC_ALL="C", TZ="UTC")
ARROW_HEADS = ("\u25b6", "\u25c0", "\u2715")   # ▶ ◀ ✕
FOLD_MIN = 4


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in line)


def run(args):
    p = subprocess.run([TCPVIEW, "--color=never", *args], capture_output=True, text=True,
                       env=ENV)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"tcpview {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


def arrow_frames(text):
    """Frame numbers at the end of arrow lines, and the fold runs."""
    frames, folds = [], []
    for line in text.splitlines():
        if "\u2550" in line:            # ═: a folded run
            folds.append(line)
            continue
        if any(h in line for h in ARROW_HEADS) and ("\u2500" in line or "\u254c" in line
                                                     or "\u2504" in line):
            m = re.search(r"(\d+)\s*$", line)
            frames.append(int(m.group(1)) if m else 0)
    return frames, folds


def tshark_frames(path):
    """Frames tshark's flow graph of TCP draws (-z flow,tcp,network)."""
    if shutil.which("tshark") is None:
        return None
    p = subprocess.run(["tshark", "-n", "-r", path, "-T", "fields", "-e", "frame.number",
                        "-Y", "tcp && !icmp && !icmpv6"], capture_output=True, text=True)
    if p.returncode != 0:
        return None
    frames = [int(x) for x in p.stdout.split()]
    flow = subprocess.run(["tshark", "-n", "-r", path, "-q", "-z", "flow,tcp,network"],
                          capture_output=True, text=True).stdout
    drawn = sum(1 for l in flow.splitlines() if re.match(r"^(?:\d+\s*)?\|\s*\d+\.\d+\s*\|", l))
    return frames, drawn


def main():
    tally = Tally()
    check = tally.check

    samples = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap*")))
    for path in samples:
        name = os.path.basename(path)
        doc = json.loads(run(["--json", path]))
        events = {}
        multi = len(doc["inputs"]) > 1
        for c in doc["connections"]:
            for ev in c.get("events", []):
                events[ev["frame"]] = ev
        tcp_frames = sorted(f for f, ev in events.items() if "icmp" not in ev)
        icmp_frames = sorted(f for f, ev in events.items() if "icmp" in ev)

        nofold = run(["--ladder", "--no-fold", "--width=100", path])
        frames, folds = arrow_frames(nofold)
        check(not folds, f"{name}: --no-fold folded a run")
        # DNS rows: the answer carries its (UDP) frame, the query none.
        drawn = [f for f in frames if f in events]
        extra = [f for f in frames if f not in events]
        check(sorted(drawn) == sorted(events), f"{name}: --no-fold arrows {len(drawn)} "
              f"!= events {len(events)}")
        check(all(f == 0 or f not in events for f in extra) and len(extra) % 2 == 0,
              f"{name}: arrows for frames that are no event: {extra[:6]}")
        ts = tshark_frames(path)
        if ts is not None and not multi:
            frames_ts, drawn_ts = ts
            check(tcp_frames == sorted(frames_ts),
                  f"{name}: TCP arrows {len(tcp_frames)} != tshark's tcp frames "
                  f"{len(frames_ts)}")
            check(drawn_ts == len(tcp_frames),
                  f"{name}: tshark -z flow,tcp draws {drawn_ts}, tcpview {len(tcp_frames)}")

        folded = run(["--ladder", "--width=80", path])
        f_frames, f_folds = arrow_frames(folded)
        runs = 0
        for line in folded.splitlines():
            m = re.search(r"\u00d7(\d+) packets \(frames (\d+)-(\d+)\)", line)
            if m:
                k = int(m.group(1))
                check(k >= FOLD_MIN, f"{name}: a folded run of {k} packets")
                runs += k
        drawn_f = len([f for f in f_frames if f in events])
        check(drawn_f + runs == len(events),
              f"{name}: folded ladder: {drawn_f} arrows + {runs} folded != {len(events)}")
        for w in (80, 120):
            out = folded if w == 80 else run(["--ladder", f"--width={w}", path])
            wide = [l for l in out.splitlines() if width(l) > w]
            check(not wide, f"{name}: --width={w}: {len(wide)} lines too wide: "
                  f"{wide[:1]}")

        # The words of an arrow say what the JSON says of its frame.
        for line_no, line in enumerate(nofold.splitlines()):
            m = re.match(r"^\s*[│|]?\s*(.*?)\s*[│|]\s*$", line)
            words = re.search(r"\b([A-Z,]+) seq (\d+)(?: ack (\d+))?(?: len (\d+))? win (\d+)",
                              line)
            if not words:
                continue
            # The arrow line follows the words (and the application's line).
            rest = nofold.splitlines()[line_no + 1:line_no + 8]
            fr = None
            for r in rest:
                fa, _ = arrow_frames(r)
                if fa:
                    fr = fa[0]
                    break
            ev = events.get(fr)
            if ev is None or "icmp" in ev:
                continue
            check(int(words.group(2)) == ev["seq"] and
                  (words.group(3) is None or int(words.group(3)) == ev.get("ack")) and
                  int(words.group(5)) == ev["win"] and
                  int(words.group(4) or 0) == ev["len"],
                  f"{name}: frame {fr}: arrow says {words.group(0)!r}, JSON seq {ev['seq']} "
                  f"ack {ev.get('ack')} len {ev['len']} win {ev['win']}")
        for ev in events.values():
            for a in ev.get("app", []):
                if a.get("kind") == "http_request":
                    check(f"{a['method']} " in nofold, f"{name}: {a['method']} not drawn")
                if a.get("kind") == "http_response" and "status_code" in a:
                    check(str(a["status_code"]) in nofold,
                          f"{name}: status {a['status_code']} not drawn")

        svg = run(["--ladder=svg", path])
        try:
            dom = xml.dom.minidom.parseString(svg)
        except Exception as e:  # noqa: BLE001 - any parse error is the finding
            check(False, f"{name}: SVG is not well-formed: {e}")
            dom = None
        if dom is not None:
            groups = dom.getElementsByTagName("g")
            arrows = [g for g in groups if g.getAttribute("class") == "arrow"]
            fold_g = [g for g in groups if g.getAttribute("class") == "fold"]
            in_folds = sum(int(g.getAttribute("data-packets")) for g in fold_g)
            svg_frames = [int(g.getAttribute("data-frame")) for g in arrows]
            check(len(svg_frames) + in_folds == len(events) and
                  all(f in events for f in svg_frames),
                  f"{name}: SVG arrows and folds do not add up to the packets")

        mmd = run(["--ladder=mermaid", path])
        blocks = [b for b in re.split(r"(?m)^%% tcpview ", mmd) if b.strip()]
        check(len(blocks) == len(doc["connections"]),
              f"{name}: {len(blocks)} Mermaid diagrams for {len(doc['connections'])} "
              "connections")
        for b in blocks:
            lines = b.splitlines()
            check(len(lines) > 1 and lines[1] == "sequenceDiagram",
                  f"{name}: a diagram does not start with sequenceDiagram")
            ids = set(re.findall(r"^    participant (\w+) as ", b, re.M))
            for l in lines[2:]:
                m = re.match(r"^    (\w+)(-->>|->>|--x|-x)(\w+): (.*)$", l)
                if m:
                    check(m.group(1) in ids and m.group(3) in ids,
                          f"{name}: message between undeclared participants: {l}")
                    check(";" not in m.group(4).replace("#59;", "").replace("#35;", "")
                          .replace("#34;", "").replace("#38;", "").replace("#60;", "")
                          .replace("#62;", "") and "#" not in re.sub(r"#\d+;", "",
                                                                      m.group(4)),
                          f"{name}: raw ; or # in a Mermaid message: {l}")
    return tally.finish(f" over {len(samples)} samples")


if __name__ == "__main__":
    sys.exit(main())
