#!/usr/bin/env python3
"""Hostile input (SPEC §1 exit status, §7 quality bars).

Damaged captures are built in a temporary directory -- from the bundled
samples (truncations, broken record and block headers, wrong link types,
damage to a pcapng file whose interfaces have two link types, random byte
flips) and from hand-built Ethernet/IPv4/IPv6/TCP packets -- and
tcpview is run on each in every output mode with a timeout.  For every run:

  * the exit status is 0 or 1: never a signal, never 2, never a hang;
  * with 1, stderr names the file and says what is wrong ("packet N" for
    damage inside a record);
  * stderr carries no sanitizer report (AddressSanitizer, runtime error:);
  * --json output parses, and inputs[0].complete is false exactly when the
    exit status is 1; every --jsonl line parses;
  * what was read before the damage is still reported: the events of the
    frames before the damaged one equal those of the intact file.

Environment: TCPVIEW (binary), SRCDIR (source tree).  Standard library only.
"""
import concurrent.futures
import glob
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import time

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
TIMEOUT = 20
JOBS = max(2, os.cpu_count() or 2)
SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "MemorySanitizer",
                   "UndefinedBehaviorSanitizer", "ThreadSanitizer",
                   "runtime error:", "SUMMARY: ")
MODES = {
    "text": ["--color=never"],
    "json": ["--json"],
    "jsonl": ["--jsonl"],
    "summary": ["-s", "--color=never"],
    "follow": ["--follow=1", "--color=never"],
}
# Per-event fields that depend only on the packet itself and the packets
# before it (see prefix comparison).
PREFIX_FIELDS = ("conn", "frame", "dir", "flags", "seq", "ack", "len",
                 "win", "win_raw", "win_shift", "labels")
BASE_FIELDS = ("frame", "dir", "flags", "seq", "ack", "len")

passed = 0
failed = 0
failures = []


def check(name, ok, msg=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        failures.append(name)
        print("FAIL %s: %s" % (name, msg))
        sys.stdout.flush()
    return ok


# ---------------------------------------------------------------- running

class Run:
    def __init__(self, mode, path, rc, out, err, secs):
        self.mode, self.path, self.rc = mode, path, rc
        self.out, self.err, self.secs = out, err, secs
        self.doc = None          # --json document
        self.lines = None        # --jsonl objects
        self.parse_error = None
        if rc is None or not isinstance(out, str):
            return
        if mode == "json":
            try:
                self.doc = json.loads(out)
            except ValueError as e:
                self.parse_error = str(e)
        elif mode == "jsonl":
            self.lines = []
            for i, line in enumerate(out.splitlines(), 1):
                try:
                    self.lines.append(json.loads(line))
                except ValueError as e:
                    self.parse_error = "line %d: %s" % (i, e)
                    break

    def events(self):
        """Every TCP event with its connection id, in frame order."""
        ev = []
        if self.lines is not None:
            ev = [o for o in self.lines if o.get("type") == "event"]
        elif self.doc is not None:
            for c in self.doc.get("connections", []):
                for e in c.get("events", []):
                    e = dict(e)
                    e["conn"] = c.get("id")
                    ev.append(e)
        return sorted(ev, key=lambda e: e.get("frame", 0))

    def stats(self):
        if self.doc is not None:
            return self.doc.get("stats", {})
        if self.lines:
            for o in self.lines:
                if o.get("type") == "stats":
                    return o
        return {}

    def input0(self):
        if self.doc is not None:
            ins = self.doc.get("inputs") or [{}]
            return ins[0]
        for o in self.lines or []:
            if o.get("type") == "input":
                return o
        return None


def run(path, mode, extra=()):
    cmd = [TCPVIEW] + MODES[mode] + list(extra) + [path]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return Run(mode, path, None, "", "", TIMEOUT)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    return Run(mode, path, p.returncode, out, err, time.monotonic() - t0)


def run_many(jobs):
    """jobs: list of (path, mode).  Runs them in parallel, keeps the order."""
    with concurrent.futures.ThreadPoolExecutor(JOBS) as ex:
        return list(ex.map(lambda j: run(j[0], j[1]), jobs))


def how(r):
    return "%s %s %s" % (TCPVIEW, " ".join(MODES[r.mode]), r.path)


def check_common(name, r, want_rc=None, err_has=()):
    """The bars every run must meet; returns True when all held."""
    name = "%s [%s]" % (name, r.mode)
    if r.rc is None:
        return check(name, False, "no exit within %d s (hang): %s"
                     % (TIMEOUT, how(r)))
    ok = True
    if r.rc < 0:
        return check(name, False, "killed by signal %d: %s\n%s"
                     % (-r.rc, how(r), r.err[-2000:]))
    # --follow=1 on an input where nothing decodes to a connection is a
    # usage error (exit 2) told on stderr; the input itself was fine.
    nothing_to_follow = (r.mode == "follow" and r.rc == 2 and
                         "no connection 1 to follow: the input has 0" in r.err)
    ok &= check(name + " exit status", r.rc in (0, 1) or nothing_to_follow,
                "exit %d (want 0 or 1): %s\n%s" % (r.rc, how(r), r.err[-800:]))
    if want_rc is not None and r.rc in (0, 1):
        ok &= check(name + " exit status", r.rc == want_rc,
                    "exit %d, want %d: %s\n%s"
                    % (r.rc, want_rc, how(r), r.err[-800:]))
    san = [m for m in SANITIZER_MARKS if m in r.err]
    ok &= check(name + " sanitizer-clean", not san,
                "sanitizer report (%s): %s\n%s"
                % (", ".join(san), how(r), r.err[-3000:]))
    base = os.path.basename(r.path)
    if r.rc == 1:
        ok &= check(name + " message", base in r.err and len(r.err.strip()) > len(base) + 2,
                    "exit 1 but stderr does not name %s and the problem: %r (%s)"
                    % (base, r.err[-400:], how(r)))
    if r.rc in (0, 1):
        for pat in err_has:
            ok &= check(name + " message", pat in r.err,
                        "stderr lacks %r: %r (%s)" % (pat, r.err[-400:], how(r)))
    if r.mode in ("json", "jsonl") and r.rc in (0, 1):
        ok &= check(name + " parses", r.parse_error is None,
                    "output is not valid %s: %s: %s\n...%s"
                    % (r.mode.upper(), r.parse_error, how(r), r.out[-300:]))
        if r.parse_error is None:
            i0 = r.input0()
            if r.mode == "json" or i0 is not None:
                complete = (i0 or {}).get("complete")
                ok &= check(name + " complete flag", complete == (r.rc == 0),
                            "exit %d but inputs[0].complete is %r: %s"
                            % (r.rc, complete, how(r)))
            elif r.rc == 1 and r.mode == "jsonl":
                ok &= check(name + " input line", False,
                            "exit 1 but no {\"type\":\"input\"} line: %s" % how(r))
    return ok


def project(ev, fields):
    return [tuple(e.get(f) for f in fields) for e in ev]


def check_events(name, got, want, fields, r):
    g, w = project(got, fields), project(want, fields)
    if g == w:
        return check(name, True)
    for i, (a, b) in enumerate(zip(g, w)):
        if a != b:
            return check(name, False,
                         "event %d differs (fields %s):\n  got  %s\n  want %s\n  (%s)"
                         % (i, ",".join(fields), a, b, how(r)))
    return check(name, False, "%d events, want %d (frames got %s, want %s) (%s)"
                 % (len(g), len(w), [e[1] if len(e) > 1 else e[0] for e in g][-5:],
                    [e[1] if len(e) > 1 else e[0] for e in w][-5:], how(r)))


# ------------------------------------------------------------- containers

def pcap_records(data):
    """[(offset, header_len, caplen)] of a pcap file's records."""
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    else:
        e = ">"
    recs = []
    off = 24
    while off + 16 <= len(data):
        caplen = struct.unpack_from(e + "I", data, off + 8)[0]
        recs.append((off, 16, caplen))
        off += 16 + caplen
    return recs, e


PACKET_BLOCKS = (0x00000006, 0x00000003, 0x00000002)


def pcapng_blocks(data):
    """[(offset, type, total_length)] of a little-endian pcapng file."""
    blocks = []
    off = 0
    while off + 12 <= len(data):
        t, l = struct.unpack_from("<II", data, off)
        blocks.append((off, t, l))
        if l < 12:
            break
        off += l
    return blocks


def units(path, data):
    """(offset, length, packet-number-or-0) of every record/block."""
    if path.endswith(".pcapng"):
        n = 0
        out = []
        for off, t, l in pcapng_blocks(data):
            if t in PACKET_BLOCKS:
                n += 1
                out.append((off, l, n))
            else:
                out.append((off, l, 0))
        return out, 28
    recs, _ = pcap_records(data)
    return [(off, 16 + cl, i + 1) for i, (off, _h, cl) in enumerate(recs)], 24


def cut_expectation(path, data, k):
    """For data[:k]: (want_rc, frames_complete, failing_packet_or_None)."""
    us, header = units(path, data)
    if k >= len(data):
        return 0, None, None
    if path.endswith(".pcapng"):
        # libpcap opens a pcapng file only once it has read the section
        # header and the first interface description.
        idb_end = next((off + l for off, l, n in us if not n and off > 0), len(data))
        if k < idb_end:
            return 1, 0, None
    elif k < header:
        return 1, 0, None
    done = 0
    for off, l, n in us:
        if off + l <= k:
            if n:
                done = n
            continue
        if off == k:            # cut exactly between two records
            return 0, done, None
        return 1, done, done + 1
    return 0, done, None


# ---------------------------------------------------------------- packets

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def tcp_hdr(sport, dport, seq, ack, flags, win, opts=b"", doff=None, payload=b""):
    while len(opts) % 4:
        opts += b"\x01"
    if doff is None:
        doff = 5 + len(opts) // 4
    fl = 0
    for ch, bit in (("F", 1), ("S", 2), ("R", 4), ("P", 8), ("A", 16)):
        if ch in flags:
            fl |= bit
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff,
                       ack & 0xffffffff, (doff & 0xf) << 4, fl, win, 0, 0) + opts + payload


def ipv4(src, dst, l4, proto=6, ihl=5, total=None, opts=b""):
    if total is None:
        total = 20 + len(opts) + len(l4)
    h = struct.pack("!BBHHHBBH4s4s", (4 << 4) | (ihl & 0xf), 0, total & 0xffff,
                    1, 0x4000, 64, proto, 0, bytes(src), bytes(dst)) + opts
    h = h[:10] + struct.pack("!H", csum(h[:20])) + h[12:]
    return h + l4


def ether(payload, etype=0x0800):
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + struct.pack("!H", etype) + payload


def pcap_file(frames, linktype=1, snaplen=262144, t0=1700000000):
    """frames: list of bytes or (bytes, caplen, wirelen, raw-header-override)."""
    out = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, linktype)]
    for i, f in enumerate(frames):
        usec = i * 1000
        out.append(struct.pack("<IIII", t0 + usec // 1000000, usec % 1000000,
                               len(f), len(f)))
        out.append(f)
    return b"".join(out)


C_IP, S_IP = (10, 0, 0, 1), (10, 0, 0, 2)
CP, SP = 40000, 80


def conv(c_isn=1000, s_isn=5000, c_opts=b"", s_opts=b"", nseg=3, seglen=100,
         win=1000, extra=None):
    """A small conversation; `extra` maps index -> packet inserted before it."""
    pk = []
    def c2s(seq, ack, flags, payload=b"", opts=b"", w=win):
        pk.append(ether(ipv4(C_IP, S_IP, tcp_hdr(CP, SP, seq, ack, flags, w, opts, payload=payload))))
    def s2c(seq, ack, flags, payload=b"", opts=b"", w=win):
        pk.append(ether(ipv4(S_IP, C_IP, tcp_hdr(SP, CP, seq, ack, flags, w, opts, payload=payload))))
    c2s(c_isn, 0, "S", opts=c_opts, w=65535)
    s2c(s_isn, c_isn + 1, "SA", opts=s_opts, w=65535)
    c2s(c_isn + 1, s_isn + 1, "A")
    seq = c_isn + 1
    for i in range(nseg):
        c2s(seq, s_isn + 1, "PA", payload=bytes([65 + i % 26]) * seglen)
        seq += seglen
        s2c(s_isn + 1, seq, "A")
    c2s(seq, s_isn + 1, "FA")
    s2c(s_isn + 1, seq + 1, "FA")
    c2s(seq + 1, s_isn + 2, "A")
    if extra:
        for idx in sorted(extra, reverse=True):
            pk.insert(idx, extra[idx])
    return pk


# ------------------------------------------------------------------ cases

def write(tmp, name, data):
    p = os.path.join(tmp, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


def intact_runs(samples):
    runs = run_many([(s, "jsonl") for s in samples])
    ref = {}
    for s, r in zip(samples, runs):
        if check_common("intact %s" % os.path.basename(s), r, want_rc=0):
            ref[s] = r
    return ref


def case_truncation(tmp, samples, ref):
    jobs, meta = [], []
    for s in samples:
        if s not in ref:
            continue
        data = open(s, "rb").read()
        us, _ = units(s, data)
        offs = {0, 1, 23, 24, 25, 40}
        for off, l, _n in us[:5]:
            offs.update({off, off + 4, off + 8, off + 15, off + 16,
                         off + 16 + (l - 16) // 2, off + l - 1})
        for i in range(1, 11):
            offs.add(len(data) * i // 11)
        offs = sorted(o for o in offs if 0 <= o < len(data))
        base = os.path.basename(s)
        for k in offs:
            p = write(tmp, "cut%d-%s" % (k, base), data[:k])
            want = cut_expectation(s, data, k)
            jobs.append((p, "jsonl"))
            meta.append((s, k, want))
            # The other modes on a spread subset of the cuts.
            if k in (0, 25) or k == offs[len(offs) // 2] or k == offs[-1] \
               or (us[2:3] and k == us[2][0] + 20):
                for m in ("text", "json", "summary", "follow"):
                    jobs.append((p, m))
                    meta.append((s, k, want))
    runs = run_many(jobs)
    for (s, k, (want_rc, done, bad)), r in zip(meta, runs):
        name = "truncated %s at %d" % (os.path.basename(s), k)
        err_has = ["packet %d" % bad] if (bad and want_rc == 1) else []
        if not check_common(name, r, want_rc=want_rc, err_has=err_has):
            continue
        if r.mode == "text" and done:
            frames = sorted({e["frame"] for e in ref[s].events() if e["frame"] <= done})
            told = {int(m) for m in re.findall(r"(?m)^\s+\S+\s+frame (\d+)\s", r.out)}
            missing = [f for f in frames if f not in told]
            check(name + " [text] prefix told", not missing,
                  "frames %s of the intact file are not narrated (%s)" % (missing[:10], how(r)))
        if r.mode in ("json", "jsonl"):
            want = [e for e in ref[s].events() if e["frame"] <= done]
            fields = PREFIX_FIELDS if r.mode == "jsonl" else PREFIX_FIELDS[1:]
            check_events(name + " [%s] prefix kept" % r.mode, r.events(), want,
                         fields, r)
            if r.mode == "json" and r.rc == 1 and done:
                i0 = r.input0()
                check(name + " [json] packets counted",
                      i0.get("packets") == done,
                      "inputs[0].packets %r, want %d (%s)" % (i0.get("packets"), done, how(r)))
    return len(jobs)


def set_rec(data, e, off, caplen=None, wire=None):
    b = bytearray(data)
    if caplen is not None:
        struct.pack_into(e + "I", b, off + 8, caplen)
    if wire is not None:
        struct.pack_into(e + "I", b, off + 12, wire)
    return bytes(b)


def case_record_headers(tmp, ref, http):
    data = open(http, "rb").read()
    recs, e = pcap_records(data)
    intact = ref[http].events()
    n = len(recs)
    idx = 2   # damage frame 3
    off, _h, cl = recs[idx]
    cases = []
    # caplen 0, no data: frame 3 is empty, everything else intact.
    d = data[:off] + set_rec(data[off:off + 16], e, 0, caplen=0) + data[off + 16 + cl:]
    cases.append(("caplen 0", d, 0, None, {3}))
    # caplen 0 but the data left in place: libpcap reads it as the next header.
    d = set_rec(data, e, off, caplen=0)
    cases.append(("caplen 0, data left", d, None, None, None))
    # caplen above 256 KiB: libpcap refuses the record.
    d = set_rec(data, e, off, caplen=262145)
    cases.append(("caplen 262145", d, 1, 3, None))
    d = set_rec(data, e, off, caplen=0x7fffffff)
    cases.append(("caplen 0x7fffffff", d, 1, 3, None))
    # caplen above the file's snaplen (but sane): the file header says 64.
    d = bytearray(data)
    struct.pack_into(e + "I", d, 16, 64)
    cases.append(("every caplen > snaplen 64", bytes(d), 0, None, "snap"))
    # one record's caplen above the snaplen, with that many bytes present.
    d = bytearray(data)
    struct.pack_into(e + "I", d, 16, cl - 10)
    cases.append(("caplen > snaplen", bytes(d), 0, None, "snap"))
    # len < caplen, len 0, len huge.
    for label, wire in (("len < caplen", cl - 10), ("len 0", 0),
                        ("len 0xffffffff", 0xffffffff)):
        cases.append((label, set_rec(data, e, off, wire=wire), 0, None, set()))
    # Timestamps: the largest seconds, microseconds out of range, going back.
    def set_ts(sec=None, frac=None):
        b = bytearray(data)
        if sec is not None:
            struct.pack_into(e + "I", b, off, sec)
        if frac is not None:
            struct.pack_into(e + "I", b, off + 4, frac)
        return bytes(b)
    cases.append(("timestamp seconds 0xffffffff", set_ts(sec=0xffffffff), 0, None, set()))
    cases.append(("timestamp microseconds 0xffffffff", set_ts(frac=0xffffffff), 0, None, set()))
    cases.append(("timestamp 0 (time goes back)", set_ts(sec=0, frac=0), 0, None, set()))
    # The same damage on every record.
    d = bytearray(data)
    for roff, _h, rcl in recs:
        struct.pack_into(e + "I", d, roff + 12, 0xffffffff)
    cases.append(("len 0xffffffff everywhere", bytes(d), 0, None, set()))

    jobs, meta = [], []
    for label, d, want_rc, bad, keep in cases:
        p = write(tmp, "rec-%s.pcap" % label.replace(" ", "_").replace(">", "gt").replace("<", "lt"), d)
        for m in MODES:
            jobs.append((p, m))
            meta.append((label, want_rc, bad, keep))
    runs = run_many(jobs)
    for (label, want_rc, bad, keep), r in zip(meta, runs):
        name = "record header: %s" % label
        err_has = ["packet %d" % bad] if bad else []
        if not check_common(name, r, want_rc=want_rc, err_has=err_has):
            continue
        if r.mode not in ("json", "jsonl"):
            continue
        st = r.stats()
        if bad:       # frames before the bad record are told, as in the intact file
            want = [x for x in intact if x["frame"] < bad]
            check_events(name + " [%s] prefix kept" % r.mode, r.events(), want,
                         PREFIX_FIELDS[1:], r)
        elif keep == "snap":
            check(name + " [%s] all packets read" % r.mode, st.get("packets") == n,
                  "stats.packets %r, want %d (%s)" % (st.get("packets"), n, how(r)))
            got = r.events()
            check(name + " [%s] packets still analysed" % r.mode,
                  len(got) + st.get("malformed", 0) + st.get("other_packets", 0) == n
                  and len(got) > 0,
                  "%d events, stats %s (%s)" % (len(got), st, how(r)))
            check_events(name + " [%s] seq/ack kept" % r.mode, got,
                         [x for x in intact if x["frame"] in {g["frame"] for g in got}],
                         ("frame", "dir", "flags", "seq", "ack"), r)
        elif keep is not None:
            check(name + " [%s] all packets read" % r.mode, st.get("packets") == n,
                  "stats.packets %r, want %d (%s)" % (st.get("packets"), n, how(r)))
            if keep:
                check(name + " [%s] counted malformed" % r.mode,
                      st.get("malformed", 0) + st.get("other_packets", 0) == len(keep),
                      "stats %s, want %d malformed/other (%s)" % (st, len(keep), how(r)))
            want = [x for x in intact if x["frame"] not in keep]
            check_events(name + " [%s] other packets analysed" % r.mode,
                         r.events(), want, BASE_FIELDS, r)
    return len(jobs)


def case_linktypes(tmp, ref, samples_by_name):
    jobs, meta = [], []
    relabels = [
        ("http.pcap", 0, 0), ("http.pcap", 101, 0), ("http.pcap", 113, 0),
        ("http.pcap", 276, 0), ("http.pcap", 108, 0), ("http.pcap", 228, 0),
        ("http.pcap", 229, 0), ("http.pcap", 147, 1), ("http.pcap", 0xffff, 1),
        ("http.pcap", 0x0fffffff, 1),
        ("null-loopback.pcap", 1, 0), ("null-loopback.pcap", 113, 0),
        ("null-loopback.pcap", 276, 0), ("ipv6.pcap", 101, 0),
        ("any-sll.pcap", 1, 0), ("any-sll2.pcap", 113, 0), ("loop.pcap", 0, 0),
        ("vlan.pcap", 0, 0), ("ipv6.pcap", 228, 0), ("http.pcap", 229, 0),
        # The link types read since issue 10, over bytes that are not
        # theirs: PPP, PPP in HDLC framing, PPPoE without Ethernet, Cisco
        # HDLC, 802.11, radiotap, PPI, NFLOG, ARCNET.
        ("http.pcap", 9, 0), ("vlan.pcap", 50, 0), ("http.pcap", 51, 0),
        ("vlan.pcap", 104, 0), ("http.pcap", 105, 0), ("vlan.pcap", 127, 0),
        ("http.pcap", 192, 0), ("vlan.pcap", 239, 0), ("http.pcap", 129, 0),
        ("loss.pcap", 127, 0), ("loss.pcap", 239, 0), ("loss.pcap", 192, 0),
    ]
    for base, lt, want_rc in relabels:
        s = samples_by_name.get(base)
        if s is None:
            continue
        d = bytearray(open(s, "rb").read())
        struct.pack_into("<I", d, 20, lt)
        p = write(tmp, "lt%d-%s" % (lt, base), bytes(d))
        for m in MODES:
            jobs.append((p, m))
            meta.append((base, lt, want_rc, s))
    runs = run_many(jobs)
    for (base, lt, want_rc, s), r in zip(meta, runs):
        name = "%s relabelled link type %d" % (base, lt)
        err_has = ["not supported"] if want_rc == 1 else []
        if not check_common(name, r, want_rc=want_rc, err_has=err_has):
            continue
        if want_rc == 0 and r.mode in ("json", "jsonl"):
            st = r.stats()
            n = ref[s].input0()
            n = n.get("packets") if n else None
            check(name + " [%s] packets accounted" % r.mode,
                  st.get("packets") == n and
                  st.get("tcp_packets", 0) + st.get("other_packets", 0) +
                  st.get("malformed", 0) == n,
                  "stats %s, want %r packets each counted once (%s)" % (st, n, how(r)))
    return len(jobs)


def ng_block(t, body):
    l = 12 + len(body)
    return struct.pack("<II", t, l) + body + struct.pack("<I", l)


def case_pcapng(tmp, ref, s):
    data = open(s, "rb").read()
    blocks = pcapng_blocks(data)
    intact = ref[s].events()
    pkt_blocks = [(off, l) for off, t, l in blocks if t in PACKET_BLOCKS]
    # damage the 3rd packet block: packets 1-2 must survive.
    boff, bl = pkt_blocks[2]
    cases = []
    def total(v, trailer=False):
        d = bytearray(data)
        struct.pack_into("<I", d, boff + (bl - 4 if trailer else 4), v)
        return bytes(d)
    for v in (0, 4, 8, 11):
        cases.append(("block length %d" % v, total(v), 1, 3))
    cases.append(("block length not a multiple of 4", total(bl + 2), 1, 3))
    cases.append(("block length - 1", total(bl - 1), 1, 3))
    cases.append(("block length larger than the file", total(len(data) * 4), 1, 3))
    cases.append(("block length 0xfffffffc", total(0xfffffffc), 1, 3))
    cases.append(("trailing length mismatch", total(bl + 4, trailer=True), 1, 3))
    cases.append(("trailing length 0", total(0, trailer=True), 1, 3))
    # EPB with a captured length beyond its block.
    d = bytearray(data)
    struct.pack_into("<I", d, boff + 20, bl * 2)
    cases.append(("EPB caplen beyond its block", bytes(d), 1, 3))
    d = bytearray(data)
    struct.pack_into("<I", d, boff + 8, 7)       # interface id that does not exist
    cases.append(("EPB unknown interface", bytes(d), 1, 3))
    # Timestamps: far in the future, the largest, going back to 0.  The
    # file is readable: exit 0, every packet analysed.
    for label, hi, lo in (("EPB timestamp far in the future", 0x00400000, 0),
                          ("EPB timestamp 0xffffffffffffffff", 0xffffffff, 0xffffffff),
                          ("EPB timestamp 0", 0, 0)):
        d = bytearray(data)
        struct.pack_into("<II", d, boff + 12, hi, lo)
        cases.append((label, bytes(d), 0, None))
    # Section header: truncated, too short, bad byte-order magic.
    shb_len = blocks[0][2]
    for k in (4, 8, 12, 16, 24, 27, 28, shb_len - 1):
        cases.append(("section header cut at %d" % k, data[:k], 1, None))
    d = bytearray(data)
    struct.pack_into("<I", d, 4, 16)
    cases.append(("section header length 16", bytes(d), 1, None))
    d = bytearray(data)
    struct.pack_into("<I", d, 8, 0xdeadbeef)
    cases.append(("section header bad byte-order magic", bytes(d), 1, None))
    d = bytearray(data)
    struct.pack_into("<I", d, 4, 0xfffffff0)
    cases.append(("section header length huge", bytes(d), 1, None))
    # Interface description: an unknown link type, no interface at all.
    idb = next(off for off, t, l in blocks if t == 1)
    d = bytearray(data)
    struct.pack_into("<H", d, idb + 8, 147)
    cases.append(("interface link type 147", bytes(d), 1, None))
    d = data[:idb] + data[idb + blocks[1][2]:]
    cases.append(("no interface description", d, 1, None))

    jobs, meta = [], []
    for label, d, want_rc, bad in cases:
        p = write(tmp, "ng-%s.pcapng" % label.replace(" ", "_"), d)
        for m in MODES:
            jobs.append((p, m))
            meta.append((label, want_rc, bad))
    runs = run_many(jobs)
    for (label, want_rc, bad), r in zip(meta, runs):
        name = "pcapng: %s" % label
        err_has = ["packet %d" % bad] if bad else []
        if label == "interface link type 147":
            err_has = ["not supported"]
        if not check_common(name, r, want_rc=want_rc, err_has=err_has):
            continue
        if want_rc == 0 and r.mode in ("json", "jsonl"):
            st = r.stats()
            n = len(pkt_blocks)
            check(name + " [%s] packets analysed" % r.mode,
                  st.get("packets") == n and st.get("tcp_packets") == len(intact),
                  "stats %s, want %d packets, %d TCP (%s)" % (st, n, len(intact), how(r)))
        if bad and r.mode in ("json", "jsonl"):
            want = [x for x in intact if x["frame"] < bad]
            check_events(name + " [%s] prefix kept" % r.mode, r.events(), want,
                         PREFIX_FIELDS[1:], r)
    return len(jobs)


def ng_to_big_endian(data):
    """A little-endian pcapng file's SHB, IDB and EPB blocks rewritten in
    big-endian order (options: code, length and the numeric values tcpview
    or tshark read); every other block is left out."""
    out = []
    for off, t, l in pcapng_blocks(data):
        body = data[off + 8:off + l - 4]
        if t == 0x0A0D0D0A:
            major, minor, slen = struct.unpack_from("<HHq", body, 4)
            fixed = struct.pack(">IHHq", 0x1A2B3C4D, major, minor, slen)
            opts, sizes = body[16:], {}
        elif t == 1:
            lt, res, snap = struct.unpack_from("<HHI", body)
            fixed = struct.pack(">HHI", lt, res, snap)
            opts, sizes = body[8:], {8: "Q", 14: "q"}
        elif t == 6:
            iface, hi, lo, cap, wire = struct.unpack_from("<IIIII", body)
            pad = (4 - cap % 4) % 4
            fixed = struct.pack(">IIIII", iface, hi, lo, cap, wire) + body[20:20 + cap + pad]
            opts, sizes = body[20 + cap + pad:], {2: "I", 4: "Q"}
        else:
            continue
        conv = []
        while len(opts) >= 4:
            code, olen = struct.unpack_from("<HH", opts)
            val = opts[4:4 + olen]
            if code in sizes and len(val) == struct.calcsize(sizes[code]):
                val = struct.pack(">" + sizes[code], *struct.unpack("<" + sizes[code], val))
            conv.append(struct.pack(">HH", code, olen) + val + b"\0" * ((4 - olen % 4) % 4))
            opts = opts[4 + olen + (4 - olen % 4) % 4:]
            if code == 0:
                break
        b = fixed + b"".join(conv)
        out.append(struct.pack(">II", t, 12 + len(b)) + b + struct.pack(">I", 12 + len(b)))
    return b"".join(out)


def case_multilink(tmp, ref, s):
    """samples/multilink.pcapng: interfaces of two link types, which libpcap
    refuses and tcpview's own pcapng reader reads (frames 1-10 and 21-30 on
    interface 0, EN10MB; 11-20 on interface 1, LINUX_SLL2)."""
    data = open(s, "rb").read()
    blocks = pcapng_blocks(data)
    intact = ref[s].events()
    n = len([b for b in blocks if b[1] in PACKET_BLOCKS])
    pkts = [(off, l) for off, t, l in blocks if t in PACKET_BLOCKS]
    idbs = [(off, l) for off, t, l in blocks if t == 1]
    cases = []
    # Damage to packet 3 (interface 0) and packet 13 (interface 1).
    for k in (3, 13):
        boff, bl = pkts[k - 1]
        def total(v, trailer=False, boff=boff, bl=bl):
            d = bytearray(data)
            struct.pack_into("<I", d, boff + (bl - 4 if trailer else 4), v)
            return bytes(d)
        for v in (0, 8, 11):
            cases.append(("packet %d block length %d" % (k, v), total(v), 1, k,
                          "block total length %d is less than" % v))
        cases.append(("packet %d block length not a multiple of 4" % k, total(bl + 2), 1, k,
                      "not a multiple of 4"))
        cases.append(("packet %d block length larger than the file" % k, total(len(data) * 4),
                      1, k, "the file ends inside the block"))
        cases.append(("packet %d block length 0xfffffffc" % k, total(0xfffffffc), 1, k,
                      "16 MiB"))
        cases.append(("packet %d trailing length mismatch" % k, total(bl + 4, trailer=True),
                      1, k, "trailing block total length"))
        d = bytearray(data)
        struct.pack_into("<I", d, boff + 20, bl * 2)
        cases.append(("packet %d captured length beyond its block" % k, bytes(d), 1, k,
                      "captured length"))
        d = bytearray(data)
        struct.pack_into("<I", d, boff + 8, 7)
        cases.append(("packet %d unknown interface 7" % k, bytes(d), 1, k,
                      "names interface 7"))
        for label, hi, lo in (("far in the future", 0x00400000, 0),
                              ("0xffffffffffffffff", 0xffffffff, 0xffffffff),
                              ("0", 0, 0)):
            d = bytearray(data)
            struct.pack_into("<II", d, boff + 12, hi, lo)
            cases.append(("packet %d timestamp %s" % (k, label), bytes(d), 0, None, None))
    # Interface 1 relabelled 147 (USER0, which libpcap does not name): its
    # 10 frames are counted and named by number, the file is fine (exit 0).
    # Interface 0 relabelled: the file's link type is not supported (exit 1),
    # as for any file.
    d = bytearray(data)
    struct.pack_into("<H", d, idbs[1][0] + 8, 147)
    cases.append(("interface 1 link type 147", bytes(d), 0, None, "unsupported"))
    d = bytearray(data)
    struct.pack_into("<H", d, idbs[0][0] + 8, 147)
    cases.append(("interface 0 link type 147", bytes(d), 1, None, "not supported"))
    # Interface 1 described only just before its first packet: libpcap reads
    # frames 1-10, refuses the rest; the file is read again from its start.
    ioff, il = idbs[1]
    first1 = pkts[10][0]
    d = data[:ioff] + data[ioff + il:first1] + data[ioff:ioff + il] + data[first1:]
    cases.append(("interface 1 described mid-file", d, 0, None, "same"))
    # A second section in big-endian order: the same file again.
    cases.append(("second section big-endian", data + ng_to_big_endian(data), 0, None,
                  "twice"))
    # Cut inside the second interface's description (libpcap's own error).
    cases.append(("cut in interface 1", data[:ioff + il - 4], 1, 1, None))

    jobs, meta = [], []
    for i, (label, d, want_rc, bad, what) in enumerate(cases):
        p = write(tmp, "ml%02d.pcapng" % i, d)
        for m in MODES:
            jobs.append((p, m))
            meta.append((label, want_rc, bad, what))
    runs = run_many(jobs)
    for (label, want_rc, bad, what), r in zip(meta, runs):
        name = "multi-link pcapng: %s" % label
        err_has = ["packet %d" % bad] if bad else []
        if bad and what:
            err_has.append(what)
        if what in ("not supported",):
            err_has = [what]
        if what == "unsupported":
            err_has = ["10 packets of link type DLT 147 not analysed"]
        if not check_common(name, r, want_rc=want_rc, err_has=err_has):
            continue
        if r.mode not in ("json", "jsonl"):
            continue
        st = r.stats()
        if bad:
            want = [x for x in intact if x["frame"] < bad]
            check_events(name + " [%s] prefix kept" % r.mode, r.events(), want,
                         PREFIX_FIELDS[1:], r)
        elif what == "unsupported":
            check(name + " [%s] counted" % r.mode,
                  (st.get("packets"), st.get("tcp_packets"), st.get("other_packets"),
                   (r.input0() or {}).get("unsupported_link")) ==
                  (n, n - 10, 10, {"type": "DLT 147", "packets": 10}),
                  "stats %s, input %s (%s)" % (st, r.input0(), how(r)))
            check_events(name + " [%s] interface 0 analysed" % r.mode, r.events(),
                         [x for x in intact if not 11 <= x["frame"] <= 20],
                         PREFIX_FIELDS[1:], r)
        elif what == "same":
            check_events(name + " [%s] as the intact file" % r.mode, r.events(), intact,
                         PREFIX_FIELDS[1:], r)
        elif what == "twice":
            check(name + " [%s] both sections read" % r.mode,
                  (st.get("packets"), st.get("tcp_packets")) == (2 * n, 2 * n),
                  "stats %s (%s)" % (st, how(r)))
            check_events(name + " [%s] first section as the intact file" % r.mode,
                         [e for e in r.events() if e["frame"] <= n], intact,
                         PREFIX_FIELDS[1:], r)
        elif want_rc == 0:
            check(name + " [%s] packets analysed" % r.mode,
                  st.get("packets") == n and st.get("tcp_packets") == len(intact),
                  "stats %s, want %d packets, %d TCP (%s)" % (st, n, len(intact), how(r)))
    return len(jobs)


def opt_mss(v):
    return struct.pack("!BBH", 2, 4, v)


def opt_ws(v):
    return struct.pack("!BBB", 3, 3, v)


def case_packets(tmp):
    runs_total = 0
    good = conv()
    n_good = len(good)
    # ---- malformed packets inserted as frame 5 (after the first data segment)
    def bad_tcp(**kw):
        return tcp_hdr(CP, SP, 1101, 5001, "A", 1000, **kw)
    t_ok = bad_tcp()
    mal = [
        ("IPv4 IHL 4", ether(ipv4(C_IP, S_IP, t_ok, ihl=4)), "malformed"),
        ("IPv4 IHL 0", ether(ipv4(C_IP, S_IP, t_ok, ihl=0)), "malformed"),
        ("IPv4 IHL beyond the packet", ether(ipv4(C_IP, S_IP, b"", ihl=15)), "malformed"),
        ("IPv4 IHL 15, packet ends in the options", ether(ipv4(C_IP, S_IP, b"", ihl=15, opts=b"\x01" * 12)), "malformed"),
        ("IPv4 total length 10", ether(ipv4(C_IP, S_IP, t_ok, total=10)), "malformed"),
        ("IPv4 total length 19", ether(ipv4(C_IP, S_IP, t_ok, total=19)), "malformed"),
        ("IPv4 total length 30 (TCP cut)", ether(ipv4(C_IP, S_IP, t_ok, total=30)), "malformed"),
        ("IPv4 header cut", ether(ipv4(C_IP, S_IP, b"")[:12]), "malformed"),
        ("TCP data offset 0", ether(ipv4(C_IP, S_IP, bad_tcp(doff=0))), "malformed"),
        ("TCP data offset 4", ether(ipv4(C_IP, S_IP, bad_tcp(doff=4))), "malformed"),
        ("TCP data offset 15, header 20", ether(ipv4(C_IP, S_IP, bad_tcp(doff=15))), "malformed"),
        ("TCP data offset 6, header 20", ether(ipv4(C_IP, S_IP, bad_tcp(doff=6))), "malformed"),
        ("TCP header cut", ether(ipv4(C_IP, S_IP, t_ok[:12])), "malformed"),
        ("TCP option length 0", ether(ipv4(C_IP, S_IP, bad_tcp(opts=b"\x08\x00\x00\x00"))), "option"),
        ("TCP option length 1", ether(ipv4(C_IP, S_IP, bad_tcp(opts=b"\x08\x01\x00\x00"))), "option"),
        ("TCP option past the header", ether(ipv4(C_IP, S_IP, bad_tcp(opts=b"\x01\x01\x08\x0a\x00\x00\x00\x00"))), "option"),
        ("TCP option kind only at the end", ether(ipv4(C_IP, S_IP, bad_tcp(opts=b"\x01\x01\x01\x05"))), "option"),
        ("TCP SACK length 3", ether(ipv4(C_IP, S_IP, bad_tcp(opts=b"\x05\x03\x00\x01"))), "option"),
        ("TCP SACK length 255", ether(ipv4(C_IP, S_IP, bad_tcp(opts=b"\x05\xff" + b"\0" * 38))), "option"),
        ("Ethernet header cut", ether(b"")[:9], "malformed"),
        ("VLAN tag cut", ether(b"\x00\x01", etype=0x8100), "malformed"),
        ("100 stacked VLAN tags", ether(b"\x00\x01\x81\x00" * 100 + b"\x00\x01\x08\x00" + ipv4(C_IP, S_IP, t_ok), etype=0x8100), "any"),
        ("IP version 7", ether(b"\x75" + ipv4(C_IP, S_IP, t_ok)[1:]), "any"),
        ("IPv6 header cut", ether(b"\x60\0\0\0\0\x14\x06\x40" + b"\0" * 10, etype=0x86dd), "malformed"),
    ]
    # IPv6: 20 chained hop-by-hop headers, then TCP.
    c6 = bytes(15) + b"\x01"
    s6 = bytes(15) + b"\x02"
    tcp6 = tcp_hdr(CP, SP, 1, 1, "A", 100)
    chain = b"".join(b"\x00\x00" + b"\x01\x04\0\0\0\0" for _ in range(19)) + b"\x06\x00\x01\x04\0\0\0\0"
    ip6 = struct.pack("!IHBB16s16s", 6 << 28, len(chain) + len(tcp6), 0, 64, c6, s6) + chain + tcp6
    mal.append(("IPv6 20 hop-by-hop headers", ether(ip6, etype=0x86dd), "any"))
    # Every extension kind chained to itself, and one that claims 2 KiB.
    for kind in (0, 43, 60, 51, 135):
        ext = bytes([kind, 0]) + b"\0" * 6      # next header = itself, 8 bytes
        ip6 = struct.pack("!IHBB16s16s", 6 << 28, 8 * 40, kind, 64, c6, s6) + ext * 40
        mal.append(("IPv6 40 x ext header %d" % kind, ether(ip6, etype=0x86dd), "any"))
    ip6 = struct.pack("!IHBB16s16s", 6 << 28, 64, 0, 64, c6, s6) + b"\x06\xff" + b"\0" * 14
    mal.append(("IPv6 ext header longer than the packet", ether(ip6, etype=0x86dd), "malformed"))
    ip6 = struct.pack("!IHBB16s16s", 6 << 28, 4, 0, 64, c6, s6) + b"\x06\x00" + b"\0" * 6 + tcp6
    mal.append(("IPv6 ext header longer than payload length", ether(ip6, etype=0x86dd), "malformed"))

    jobs, meta = [], []
    for label, pkt, kind in mal:
        frames = conv(extra={5: pkt})
        p = write(tmp, "pkt-%s.pcap" % label.replace(" ", "_").replace("/", "_").replace("(", "").replace(")", ""),
                  pcap_file(frames))
        for m in MODES:
            jobs.append((p, m))
            meta.append((label, kind))
    ref_p = write(tmp, "pkt-good.pcap", pcap_file(good))
    jobs.append((ref_p, "json"))
    meta.append(("good", None))
    runs = run_many(jobs)
    runs_total += len(jobs)
    ref_run = runs[-1]
    check_common("hand-built conversation", ref_run, want_rc=0)
    ref_ev = ref_run.events()
    check("hand-built conversation analysed", len(ref_ev) == n_good,
          "%d events, want %d (%s)" % (len(ref_ev), n_good, how(ref_run)))
    # good frames keep their numbers: 1..5 then 7..n+1 (frame 6 is the bad one)
    def renumber(ev):
        out = []
        for e in ev:
            e = dict(e)
            if e["frame"] >= 6:
                e["frame"] += 1
            out.append(e)
        return out
    want_good = renumber(ref_ev)
    for (label, kind), r in zip(meta[:-1], runs[:-1]):
        name = "packet: %s" % label
        if not check_common(name, r, want_rc=0):
            continue
        if r.mode not in ("json", "jsonl"):
            continue
        st = r.stats()
        got = r.events()
        bad_ev = [e for e in got if e["frame"] == 6]
        others = [e for e in got if e["frame"] != 6]
        check(name + " [%s] all packets read" % r.mode, st.get("packets") == n_good + 1,
              "stats.packets %r, want %d (%s)" % (st.get("packets"), n_good + 1, how(r)))
        if kind == "malformed":
            check(name + " [%s] counted malformed" % r.mode,
                  st.get("malformed") == 1 and not bad_ev,
                  "stats %s, event for frame 6: %s (%s)" % (st, bad_ev, how(r)))
        elif kind == "option":
            prob = bad_ev and (bad_ev[0].get("options") or {}).get("problem")
            check(name + " [%s] told" % r.mode,
                  st.get("malformed") == 1 or prob,
                  "neither counted malformed nor an options problem in the event: stats %s, event %s (%s)"
                  % (st, bad_ev, how(r)))
        check_events(name + " [%s] good packets analysed" % r.mode, others, want_good,
                     BASE_FIELDS + ("win",), r)
    # ---- window scale above 14 in both SYNs
    jobs, meta = [], []
    for shift in (14, 15, 255):
        frames = conv(c_opts=opt_mss(1460) + opt_ws(shift), s_opts=opt_mss(1460) + opt_ws(shift),
                      win=1000)
        p = write(tmp, "wscale%d.pcap" % shift, pcap_file(frames))
        for m in MODES:
            jobs.append((p, m))
            meta.append(shift)
    runs = run_many(jobs)
    runs_total += len(jobs)
    for shift, r in zip(meta, runs):
        name = "window scale %d in both SYNs" % shift
        if not check_common(name, r, want_rc=0) or r.mode not in ("json", "jsonl"):
            continue
        ev = r.events()
        later = [e for e in ev if e["frame"] >= 3]
        bad = [(e["frame"], e.get("win"), e.get("win_raw"), e.get("win_shift"))
               for e in later if e.get("win") != (e.get("win_raw", -1) << 14)
               or e.get("win_raw") != 1000]
        check(name + " [%s] shift capped at 14" % r.mode, later and not bad,
              "want win == win_raw << 14 (1000 << 14 = %d); got (frame, win, win_raw, win_shift) %s (%s)"
              % (1000 << 14, bad[:4], how(r)))
        syns = [e for e in ev if e["frame"] <= 2]
        check(name + " [%s] SYN windows unscaled" % r.mode,
              len(syns) == 2 and all(e.get("win") == 65535 for e in syns),
              "SYN windows %s (%s)" % ([e.get("win") for e in syns], how(r)))
    # ---- sequence numbers wrapping past 2^32
    jobs, meta = [], []
    for c_isn, s_isn in ((0xFFFFFF00, 0xFFFFFFF0), (0xFFFFFFFF, 0xFFFFFFFE), (0xFFFFF000, 0)):
        frames = conv(c_isn=c_isn, s_isn=s_isn, nseg=6, seglen=1448, win=65000)
        p = write(tmp, "wrap%08x.pcap" % c_isn, pcap_file(frames))
        for m in MODES:
            jobs.append((p, m))
            meta.append(c_isn)
    runs = run_many(jobs)
    runs_total += len(jobs)
    for c_isn, r in zip(meta, runs):
        name = "sequence wrap, client ISN 0x%08x" % c_isn
        if not check_common(name, r, want_rc=0) or r.mode not in ("json", "jsonl"):
            continue
        ev = r.events()
        data = [e["seq"] for e in ev if e.get("dir") == "c2s" and e.get("len", 0) > 0]
        check(name + " [%s] relative seq increases" % r.mode,
              data == [1 + 1448 * i for i in range(6)],
              "data seq %s, want %s (%s)" % (data, [1 + 1448 * i for i in range(6)], how(r)))
        acks = [e.get("ack") for e in ev if e.get("dir") == "s2c" and "ack" in (e.get("labels") or [])]
        check(name + " [%s] relative ack increases" % r.mode,
              acks == [1 + 1448 * i for i in range(1, 7)],
              "acks %s (%s)" % (acks, how(r)))
        badl = sorted({l for e in ev for l in e.get("labels", [])} &
                      {"retransmission", "fast_retransmission", "spurious_retransmission",
                       "lost_segment", "out_of_order", "acked_unseen", "dup_ack"})
        check(name + " [%s] no false alarms" % r.mode, not badl,
              "labels %s (%s)" % (badl, how(r)))
        conns = {e.get("conn") for e in ev}
        check(name + " [%s] one connection" % r.mode, len(conns) == 1 and len(ev) == 18,
              "%d connections, %d events (%s)" % (len(conns), len(ev), how(r)))
    return runs_total


def flip_variants(data, rng, skip_header):
    n = rng.randint(1, 8)
    b = bytearray(data)
    for _ in range(n):
        i = rng.randrange(skip_header if rng.random() < 0.9 else 0, len(b))
        b[i] ^= rng.randint(1, 255)
    return bytes(b)


def case_bitflips(tmp, samples_by_name):
    rng = random.Random(20240611)
    jobs, meta = [], []
    for base in ("http.pcap", "pcapng.pcapng", "ipv6.pcap", "multilink.pcapng"):
        s = samples_by_name.get(base)
        if s is None:
            continue
        data = open(s, "rb").read()
        for v in range(200):
            d = flip_variants(data, rng, 24 if base.endswith(".pcap") else 0)
            p = write(tmp, "flip%03d-%s" % (v, base), d)
            jobs.append((p, "json"))
            meta.append((base, v))
            jobs.append((p, ("text", "jsonl", "summary", "follow")[v % 4]))
            meta.append((base, v))
    runs = run_many(jobs)
    for (base, v), r in zip(meta, runs):
        check_common("bit flips %s variant %d" % (base, v), r)
    return len(jobs)


def main():
    t0 = time.monotonic()
    if not os.access(TCPVIEW, os.X_OK):
        print("TCPVIEW=%s is not executable" % TCPVIEW)
        print("0 passed, 1 failed")
        return 1
    samples = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap")) +
                     glob.glob(os.path.join(SRCDIR, "samples", "*.pcapng")))
    by_name = {os.path.basename(s): s for s in samples}
    check("samples found", len(samples) >= 3 and "http.pcap" in by_name
          and "pcapng.pcapng" in by_name, "samples in %s/samples: %s" % (SRCDIR, list(by_name)))
    runs = 0
    keep = os.environ.get("CORRUPT_KEEP")     # a directory to keep the inputs in
    if keep:
        os.makedirs(keep, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tcpview-corrupt.") as tmpdir:
        tmp = keep or tmpdir
        ref = intact_runs(samples)
        runs += len(samples)
        steps = [
            ("truncation", lambda: case_truncation(tmp, samples, ref)),
            ("record headers", lambda: case_record_headers(tmp, ref, by_name["http.pcap"])
             if by_name.get("http.pcap") in ref else 0),
            ("link types", lambda: case_linktypes(tmp, ref, {k: v for k, v in by_name.items() if v in ref})),
            ("pcapng blocks", lambda: case_pcapng(tmp, ref, by_name["pcapng.pcapng"])
             if by_name.get("pcapng.pcapng") in ref else 0),
            ("multi-link pcapng", lambda: case_multilink(tmp, ref, by_name["multilink.pcapng"])
             if by_name.get("multilink.pcapng") in ref else 0),
            ("hand-built packets", lambda: case_packets(tmp)),
            ("bit flips", lambda: case_bitflips(tmp, by_name)),
        ]
        for label, fn in steps:
            t = time.monotonic()
            n = fn()
            runs += n
            print("# %s: %d runs, %.1f s" % (label, n, time.monotonic() - t))
            sys.stdout.flush()
    print("# %d tcpview runs in %.1f s" % (runs, time.monotonic() - t0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
