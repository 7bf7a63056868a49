#!/usr/bin/env python3
"""Findings stand on evidence (SPEC §10, issue 12).

For every sample (and every capture of ../shared/corpus/real when it is
there), each connection's findings must point at frames of that
connection, and no finding may contradict what the connection's own
records say: refused only on a refused connection, syn_unanswered only
when the server sent nothing, a reset finding only with a RST in the
frames it names, zero_window_stall only with a zero window, rto only on
retransmissions, capture_loss only on ACKs of unseen data, midstream only
when no SYN was seen.  Every connection has a verdict, and phases that
add up to its duration.  Exit 0 when all
hold.
"""
import glob
import json
import os
import subprocess
import sys

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")


def labels_at(conn, frames):
    by = {e["frame"]: e for e in conn["events"]}
    return [set(by[f]["labels"]) if f in by else None for f in frames]


def problems_of(conn):
    out = []
    if not conn.get("verdict"):
        out.append("no verdict")
    ph = conn.get("phases")
    if ph is None:
        out.append("no phases")
    else:
        # SPEC §10: the phases add up to the duration (each printed to the
        # µs, so up to 7 roundings apart).
        total = sum(ph.values())
        if abs(total - conn["duration"]) > 8e-6 or min(ph.values()) < 0:
            out.append(f"phases {ph} do not add up to {conn['duration']}")
    frames = {e["frame"] for e in conn["events"]}
    for f in conn.get("findings", []):
        code, ev = f["code"], f["frames"]
        missing = [x for x in ev if x not in frames]
        if missing:
            out.append(f"{code}: frames {missing} are not the connection's")
            continue
        labs = labels_at(conn, ev)
        if code == "refused" and conn["state"] != "refused":
            out.append(f"refused on a {conn['state']} connection")
        if code == "syn_unanswered" and conn["s2c"]["packets"] > 0:
            out.append("syn_unanswered but the server sent packets")
        if code.startswith("reset_") and not any("rst" in l for l in labs):
            out.append(f"{code} without a RST in its frames")
        if code == "zero_window_stall" and "zero_window" not in labs[0]:
            out.append("zero_window_stall that starts on no zero window")
        if code in ("rto", "fast_recovery") and not all("retransmission" in l for l in labs):
            out.append(f"{code} on frames that are not retransmissions")
        if code == "capture_loss" and not all("acked_unseen" in l for l in labs):
            out.append("capture_loss on frames that acknowledge nothing unseen")
        if code == "midstream" and not conn.get("midstream"):
            out.append("midstream on a connection whose SYN was seen")
    return out


def main():
    caps = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap*")))
    caps += sorted(glob.glob(os.path.join(SRCDIR, "..", "shared", "corpus", "real", "*")))
    bad = conns = findings = 0
    for cap in caps:
        p = subprocess.run([TCPVIEW, "--json", cap], capture_output=True,
                           env=dict(os.environ, LC_ALL="C", TZ="UTC"))
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            print(f"FAIL {cap}: output is not JSON")
            bad += 1
            continue
        for c in doc["connections"]:
            conns += 1
            findings += len(c.get("findings", []))
            for why in problems_of(c):
                print(f"FAIL {os.path.basename(cap)} connection {c['id']}: {why}")
                bad += 1
    print(f"verdicts: {len(caps)} captures, {conns} connections, {findings} findings, "
          f"{bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
