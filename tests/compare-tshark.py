#!/usr/bin/env python3
"""Compare tcpview with tshark, packet by packet.

For each capture, runs tshark (TShark 4.0 preferences pinned as in the
shared corpus's make-ref.sh) and `tcpview --jsonl`, joins the two on the
frame number, and compares: relative seq, relative ack (when the ACK flag is
set), the scaled window, and every analysis label that both compute.

Prints, per label, how many packets both / only tshark / only tcpview
flagged, and the share of TCP packets on which everything agrees.

Usage: compare-tshark.py [--tcpview PATH] [--min-agreement PCT]
                         [--min-analysed-agreement PCT] [--ref DIR]
                         [--exceptions FILE] [--verbose] CAPTURE...
With --ref DIR, tshark is not run: its output is read from DIR/NAME.tsv as
the shared corpus's make-ref.sh wrote it (rows of TCP quoted in ICMP errors,
which tshark gives no tcp.stream, are left out; rows of TCP in a tunnel,
whose addresses tshark lists once per IP layer, are compared like any
other; that file has no reused_ports column, so port_reuse is not
compared).
Exit status: 0 when the agreement is at least --min-agreement (default 0)
over all TCP packets and --min-analysed-agreement over those tcpview
analysed, 1 below, 77 when tshark is needed and not installed
(automake's "skipped").
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

PREFS = [
    "tcp.relative_sequence_numbers:TRUE",
    "tcp.analyze_sequence_numbers:TRUE",
    "tcp.desegment_tcp_streams:FALSE",
    "tcp.reassemble_out_of_order:FALSE",
    "tcp.check_checksum:FALSE",
    "tcp.track_bytes_in_flight:TRUE",
    "tcp.calculate_timestamps:TRUE",
    "tcp.ignore_tcp_timestamps:FALSE",
    "tcp.fastrt_supersedes_ooo:TRUE",
    "tcp.default_window_scaling:Not known",
]

# tshark field -> tcpview label
LABELS = {
    "tcp.analysis.window_update": "window_update",
    "tcp.analysis.retransmission": "retransmission",
    "tcp.analysis.fast_retransmission": "fast_retransmission",
    "tcp.analysis.spurious_retransmission": "spurious_retransmission",
    "tcp.analysis.out_of_order": "out_of_order",
    "tcp.analysis.lost_segment": "lost_segment",
    "tcp.analysis.ack_lost_segment": "acked_unseen",
    "tcp.analysis.duplicate_ack": "dup_ack",
    "tcp.analysis.zero_window": "zero_window",
    "tcp.analysis.zero_window_probe": "zero_window_probe",
    "tcp.analysis.zero_window_probe_ack": "zero_window_probe_ack",
    "tcp.analysis.keep_alive": "keep_alive",
    "tcp.analysis.keep_alive_ack": "keep_alive_ack",
    "tcp.analysis.window_full": "window_full",
    "tcp.analysis.reused_ports": "port_reuse",
}
BASE_FIELDS = ["frame.number", "tcp.flags", "tcp.seq", "tcp.ack", "tcp.len",
               "tcp.window_size", "tcp.analysis.acks_frame", "ip.proto",
               "ipv6.nxt", "icmp.type", "icmpv6.type"]


def run_tshark(path):
    fields = BASE_FIELDS + list(LABELS)
    cmd = ["tshark", "-n", "-r", path, "-Y", "tcp", "-T", "fields",
           "-E", "separator=\t", "-E", "occurrence=f"]
    for p in PREFS:
        cmd += ["-o", p]
    for f in fields:
        cmd += ["-e", f]
    env = dict(os.environ)
    env["WIRESHARK_CONFIG_DIR"] = tempfile.mkdtemp()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env).stdout
    shutil.rmtree(env["WIRESHARK_CONFIG_DIR"], ignore_errors=True)
    rows = {}
    for line in out.splitlines():
        v = line.split("\t")
        v += [""] * (len(fields) - len(v))
        r = dict(zip(fields, v))
        # TCP quoted inside ICMP errors is not a segment of the connection.
        if r["icmp.type"] or r["icmpv6.type"]:
            continue
        if not r["tcp.seq"]:
            continue
        frame = int(r["frame.number"])
        flags = int(r["tcp.flags"], 16) if r["tcp.flags"] else 0
        rows[frame] = {
            "seq": int(r["tcp.seq"]),
            "ack": int(r["tcp.ack"]) if (flags & 0x10) and r["tcp.ack"] else None,
            "win": int(r["tcp.window_size"]) if r["tcp.window_size"] else None,
            "acks_frame": int(r["tcp.analysis.acks_frame"]) if r["tcp.analysis.acks_frame"] else None,
            "labels": {lab for f, lab in LABELS.items() if r[f]},
        }
    return rows


def read_ref(path):
    """tshark's rows from a make-ref.sh TSV (see --ref)."""
    rows = {}
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            if not r.get("tcp.stream"):
                continue  # quoted in an ICMP error: not a segment of its own
            if not r.get("tcp.seq"):
                continue
            flags = r.get("tcp.flags.str", "")
            ack_set = "A" in flags
            rows[int(r["frame.number"])] = {
                "seq": int(r["tcp.seq"]),
                "ack": int(r["tcp.ack"]) if ack_set and r.get("tcp.ack") else None,
                "win": int(r["tcp.window_size"]) if r.get("tcp.window_size") else None,
                "acks_frame": int(r["tcp.analysis.acks_frame"]) if r.get("tcp.analysis.acks_frame") else None,
                "labels": {lab for f, lab in LABELS.items() if r.get(f)},
            }
    return rows


def run_tcpview(tcpview, path):
    p = subprocess.run([tcpview, "--jsonl", path], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C", TZ="UTC"))
    rows = {}
    for line in p.stdout.splitlines():
        o = json.loads(line)
        if o.get("type") != "event":
            continue
        rows[o["frame"]] = {
            "seq": o["seq"],
            "ack": o.get("ack"),
            "win": o["win"],
            "acks_frame": o.get("acks_frame"),
            "labels": set(o["labels"]) & set(LABELS.values()),
        }
    return rows


def load_exceptions(path):
    """Lines 'capture-basename frame field reason...' for documented differences."""
    exc = {}
    if not path:
        return exc
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, frame, field, *_ = line.split(None, 3)
            exc.setdefault((name, int(frame)), set()).add(field)
    return exc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tcpview", default=os.environ.get("TCPVIEW", "./tcpview"))
    ap.add_argument("--min-agreement", type=float, default=0.0)
    ap.add_argument("--min-analysed-agreement", type=float, default=0.0)
    ap.add_argument("--ref")
    ap.add_argument("--exceptions")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("captures", nargs="+")
    a = ap.parse_args()
    if a.ref is None and shutil.which("tshark") is None:
        print("SKIP: tshark is not installed")
        return 77
    skip_labels = {"port_reuse"} if a.ref else set()
    exceptions = load_exceptions(a.exceptions)

    per_label = {lab: [0, 0, 0] for lab in LABELS.values()}  # both, tshark only, tcpview only
    fields = {"seq": 0, "ack": 0, "win": 0, "acks_frame": 0, "missing": 0}
    total = agree = 0
    for path in a.captures:
        name = os.path.basename(path)
        if a.ref:
            ts = read_ref(os.path.join(a.ref, name + ".tsv"))
        else:
            ts = run_tshark(path)
        tv = run_tcpview(a.tcpview, path)
        file_total = file_agree = 0
        for frame, t in sorted(ts.items()):
            ok_fields = exceptions.get((name, frame), set())
            total += 1
            file_total += 1
            v = tv.get(frame)
            if v is None:
                fields["missing"] += 1
                if a.verbose:
                    print(f"{name} frame {frame}: not analysed by tcpview")
                continue
            diffs = []
            for k in ("seq", "ack", "win", "acks_frame"):
                if t[k] != v[k] and k not in ok_fields:
                    fields[k] += 1
                    diffs.append(f"{k} tshark={t[k]} tcpview={v[k]}")
            for lab in LABELS.values():
                if lab in ok_fields or lab in skip_labels:
                    continue
                i = (lab in t["labels"], lab in v["labels"])
                if i == (True, True):
                    per_label[lab][0] += 1
                elif i == (True, False):
                    per_label[lab][1] += 1
                    diffs.append(f"-{lab}")
                elif i == (False, True):
                    per_label[lab][2] += 1
                    diffs.append(f"+{lab}")
            if diffs:
                if a.verbose:
                    print(f"{name} frame {frame}: " + ", ".join(diffs))
            else:
                agree += 1
                file_agree += 1
        if a.verbose or len(a.captures) > 1:
            pct = 100.0 * file_agree / file_total if file_total else 100.0
            print(f"{name}: {file_agree}/{file_total} packets agree ({pct:.2f}%)")

    print(f"\n{'label':26} {'both':>8} {'tshark only':>12} {'tcpview only':>13}")
    for lab, (b, t, v) in per_label.items():
        print(f"{lab:26} {b:8} {t:12} {v:13}")
    print(f"\nfield differences: " + ", ".join(f"{k} {n}" for k, n in fields.items()))
    pct = 100.0 * agree / total if total else 100.0
    analysed = total - fields["missing"]
    apct = 100.0 * agree / analysed if analysed else 100.0
    print(f"agreement: {agree}/{total} TCP packets identical ({pct:.3f}%)")
    print(f"of the packets tcpview analysed: {agree}/{analysed} ({apct:.3f}%)")
    return 0 if pct >= a.min_agreement and apct >= a.min_analysed_agreement else 1


if __name__ == "__main__":
    sys.exit(main())
