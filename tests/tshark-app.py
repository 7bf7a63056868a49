#!/usr/bin/env python3
"""Differential test of the application layer: tcpview against tshark.

For every sample capture, tshark (PDML, TCP reassembly on) lists each
application record it dissects, and tcpview's `--json` must hold a record
of the same kind completed in the same frame (tshark's frame.number) with
the same values:

  http       request: method, uri, version, Host, User-Agent; response:
             status code and phrase, the request's frame (http.request_in)
  websocket  opcode, fin, mask, payload length, close code and reason
  http2      every frame: type, stream, length, flags (the flags the type
             defines, as tcpview names them), and the decoded header list
             of a header block, the settings, the WINDOW_UPDATE increment,
             the RST_STREAM / GOAWAY error
  tls        ClientHello: legacy version, SNI, ALPN offered, supported
             versions, number of cipher suites; ServerHello: version
             (supported_versions when present), cipher, ALPN chosen,
             HelloRetryRequest; alerts: level and description, or
             "encrypted" when tshark cannot read it either
  dns        transaction id, response flag, query name and type, rcode,
             AA/TC/RA/RD, A/AAAA answers and the answers' TTLs, and where
             the record is (UDP: the top-level "dns" list, TCP: the
             connection's "app" list)

and every record must carry its protocol's "proto" (a JSON object with a
duplicate key counts with its last value, as json.load and jq read it) and
be listed in the "app" list of its frame's event too.  Not compared: the
HTTP/2 connection preface (tshark's "Magic", not a frame: RFC 9113 §3.4),
tcpview's own summaries (http2_stream, tls_encrypted, switch, stop, ...).

Prints, per sample and protocol, "tshark N records, tcpview agrees on M",
then every disagreement (frame, field, tshark's value, tcpview's value).
Records only tcpview has are listed as notes (tshark is the reference here;
they do not fail the test).  Fails when a record tshark dissects is missing
from tcpview or differs, except where QUIRKS / EXCEPTIONS below document
that the difference is tshark's.

tshark's start-up costs about half a CPU second, so by default the
captures are concatenated with mergecap and dissected in one tshark run
(frame numbers mapped back with capinfos' counts); --per-file runs tshark
on each capture, which gives the same records, ten times slower.

Usage: tshark-app.py [--tcpview PATH] [--per-file] [--verbose] [CAPTURE...]
Default captures: $SRCDIR/samples/*.pcap and *.pcapng.  Environment:
TCPVIEW, SRCDIR (as set by make check).  Exit 0 when everything agrees,
1 otherwise, 77 when tshark is not installed (automake's "skipped").
"""
import argparse
import concurrent.futures
import glob
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# TCP reassembly on (tshark's default, pinned anyway: an HTTP message or
# HTTP/2 frame split over segments is shown in the segment that completes
# it, where tcpview puts its record too); HTTP headers and bodies
# reassembled, so a response is shown once, in its last segment.
PREFS = [
    "tcp.desegment_tcp_streams:TRUE",
    "tcp.reassemble_out_of_order:FALSE",
    "tcp.check_checksum:FALSE",
    "http.desegment_headers:TRUE",
    "http.desegment_body:TRUE",
    "http.dechunk_body:TRUE",
]

# Decode-as for the samples' non-standard ports (samples/README.md, the
# make-*.sh scripts).  8083 (http2.pcap) carries an h2c Upgrade connection
# and a prior-knowledge one: as "http", tshark's HTTP dissector follows the
# 101 to HTTP/2 on the first and hands the second to HTTP/2 when it sees
# the connection preface ("PRI * HTTP/2.0"), which decoding the port as
# http2 would get wrong for the HTTP/1.1 upgrade request.  8115
# (http2-streams.pcap) is prior knowledge only.  8116-8118 are TLS
# (tls12, tls13, tls-alert; tshark's TLS heuristic would find them too).
# tshark's HTTP-over-TCP heuristic (on by default) finds HTTP on the other
# ports, WebSocket after a 101; 53 is DNS's own port.
DECODE_AS = [
    "tcp.port==8083,http",
    "tcp.port==8115,http2",
    "tcp.port==8116,tls",
    "tcp.port==8117,tls",
    "tcp.port==8118,tls",
]
PROTOS = ["http", "websocket", "http2", "tls", "dns"]

WS_OPCODES = {0: "continuation", 1: "text", 2: "binary", 8: "close",
              9: "ping", 10: "pong"}

# RFC 9113 §6 / §11.2 frame types (and the extension types tcpview names).
H2_TYPES = {0: "DATA", 1: "HEADERS", 2: "PRIORITY", 3: "RST_STREAM",
            4: "SETTINGS", 5: "PUSH_PROMISE", 6: "PING", 7: "GOAWAY",
            8: "WINDOW_UPDATE", 9: "CONTINUATION", 0xa: "ALTSVC",
            0xc: "ORIGIN", 0x10: "PRIORITY_UPDATE"}
# The flags each type defines (RFC 9113 §6.1-§6.10).  Other bits "MUST be
# ignored" (§4.1), and tcpview lists only the defined ones, so tshark's flags
# octet is decoded through this table before comparing.
H2_FLAGS = {
    "DATA": {0x01: "END_STREAM", 0x08: "PADDED"},
    "HEADERS": {0x01: "END_STREAM", 0x04: "END_HEADERS", 0x08: "PADDED",
                0x20: "PRIORITY"},
    "PUSH_PROMISE": {0x04: "END_HEADERS", 0x08: "PADDED"},
    "CONTINUATION": {0x04: "END_HEADERS"},
    "SETTINGS": {0x01: "ACK"},
    "PING": {0x01: "ACK"},
}
# RFC 9113 §11.3 (+ RFC 8441 §3, RFC 9218 §2.1).
H2_SETTINGS = {1: "SETTINGS_HEADER_TABLE_SIZE", 2: "SETTINGS_ENABLE_PUSH",
               3: "SETTINGS_MAX_CONCURRENT_STREAMS",
               4: "SETTINGS_INITIAL_WINDOW_SIZE", 5: "SETTINGS_MAX_FRAME_SIZE",
               6: "SETTINGS_MAX_HEADER_LIST_SIZE",
               8: "SETTINGS_ENABLE_CONNECT_PROTOCOL",
               9: "SETTINGS_NO_RFC7540_PRIORITIES"}
# RFC 9113 §7.
H2_ERRORS = ["NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR",
             "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
             "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL",
             "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
             "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"]

TLS_VERSIONS = {0x0300: "SSL 3.0", 0x0301: "TLS 1.0", 0x0302: "TLS 1.1",
                0x0303: "TLS 1.2", 0x0304: "TLS 1.3"}
# RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest.
HRR_RANDOM = ("cf21ad74e59a6111be1d8c021e65b891"
              "c2a211167abb8c5e079e09e2c8a8339c")
# The TLS Alert registry (IANA, RFC 8446 §6 and the RFCs named there).
TLS_ALERTS = {0: "close_notify", 10: "unexpected_message",
              20: "bad_record_mac", 21: "decryption_failed",
              22: "record_overflow", 30: "decompression_failure",
              40: "handshake_failure", 41: "no_certificate",
              42: "bad_certificate", 43: "unsupported_certificate",
              44: "certificate_revoked", 45: "certificate_expired",
              46: "certificate_unknown", 47: "illegal_parameter",
              48: "unknown_ca", 49: "access_denied", 50: "decode_error",
              51: "decrypt_error", 52: "too_many_cids_requested",
              60: "export_restriction", 70: "protocol_version",
              71: "insufficient_security", 80: "internal_error",
              86: "inappropriate_fallback", 90: "user_canceled",
              100: "no_renegotiation", 109: "missing_extension",
              110: "unsupported_extension", 111: "certificate_unobtainable",
              112: "unrecognized_name",
              113: "bad_certificate_status_response",
              114: "bad_certificate_hash_value", 115: "unknown_psk_identity",
              116: "certificate_required", 120: "no_application_protocol",
              121: "ech_required"}
TLS_ALERT_LEVELS = {1: "warning", 2: "fatal"}
# Cipher suites are compared by name: tshark's (from its "Cipher Suite:
# NAME (0x....)" text) against tcpview's IANA name; where Wireshark's name
# is not IANA's, this maps it.
WIRESHARK_CIPHER_ALIASES = {}

# The record kinds compared, per protocol (tcpview's names).
KINDS = {
    "http": ("http_request", "http_response"),
    "websocket": ("websocket_frame",),
    "http2": ("http2_frame",),
    "tls": ("tls_client_hello", "tls_server_hello", "tls_alert"),
    "dns": ("dns",),
}
KIND_PROTO = {k: p for p, ks in KINDS.items() for k in ks}


# ---- tshark ------------------------------------------------------------------

def fields(e, name):
    """The descendants of e named name, in document order."""
    return [f for f in e.iter("field") if f.get("name") == name]


def first(e, name):
    for f in e.iter("field"):
        if f.get("name") == name:
            return f.get("show")
    return None


def showname_value(showname):
    """'Cipher Suite: TLS_X (0x1302)' -> 'TLS_X'."""
    s = showname.split(": ", 1)[-1]
    return s.rsplit(" (", 1)[0]


def run_tshark(path):
    """tshark's application records in a capture: [{frame, proto, kind, vals}]."""
    cmd = ["tshark", "-n", "-r", path, "-T", "pdml", "-J", " ".join(PROTOS),
           "-Y", " || ".join(PROTOS)]
    for p in PREFS:
        cmd += ["-o", p]
    for d in DECODE_AS:
        cmd += ["-d", d]
    cfg = tempfile.mkdtemp(prefix="tshark-app.")
    try:
        p = subprocess.run(cmd, capture_output=True,
                           env=dict(os.environ, WIRESHARK_CONFIG_DIR=cfg,
                                    LC_ALL="C", TZ="UTC"))
    finally:
        shutil.rmtree(cfg, ignore_errors=True)
    if p.returncode != 0:
        raise RuntimeError(f"tshark failed on {path}: {p.stderr.decode()[-500:]}")
    root = ET.fromstring(p.stdout)
    recs = []
    for pkt in root.iter("packet"):
        gi = pkt.find("proto[@name='geninfo']")
        frame = int(first(gi, "num"))
        # the snap length cut the frame: tshark dissects the captured part
        cut = int(first(gi, "caplen")) < int(first(gi, "len"))
        transport = None
        for pr in pkt.findall("proto"):
            name = pr.get("name")
            if name in ("tcp", "udp"):
                transport = name  # the innermost so far (VXLAN runs over UDP)
            fn = EXTRACT.get(name)
            if fn is None:
                continue
            if name == "http" and transport == "udp":
                continue  # SSDP and friends: HTTP over UDP is not tcpview's
            for kind, vals in fn(pr):
                if kind == "dns":
                    vals["transport"] = transport
                recs.append({"frame": frame, "proto": name, "kind": kind,
                             "vals": vals, "cut": cut})
    return recs


def frame_counts(paths):
    p = subprocess.run(["capinfos", "-T", "-r", "-c", *paths],
                       capture_output=True, text=True, check=True)
    counts = [int(line.rsplit("\t", 1)[1]) for line in p.stdout.splitlines()]
    if len(counts) != len(paths):
        raise RuntimeError("capinfos: " + p.stdout + p.stderr)
    return counts


def run_tshark_merged(paths):
    """run_tshark() on every capture with one tshark run (its start-up costs
    half a CPU second, 32 of them make the test slow): mergecap concatenates
    the captures (-a, every interface kept: -I none) and the frame numbers
    are mapped back with capinfos' per-file counts.  The samples each use
    ports of their own (samples/README.md), so no TCP connection or DNS
    transaction of one sample can be taken for another's (main() runs a
    capture alone when its endpoints meet another's); --per-file runs
    tshark on each file (the same records, ten times slower)."""
    tmp = tempfile.mkdtemp(prefix="tshark-app.")
    try:
        merged = os.path.join(tmp, "all.pcapng")
        subprocess.run(["mergecap", "-a", "-I", "none", "-F", "pcapng", "-w",
                        merged, *paths], check=True)
        counts = frame_counts(paths)
        if sum(counts) != frame_counts([merged])[0]:
            raise RuntimeError("mergecap lost or added frames")
        recs = run_tshark(merged)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out = {p: [] for p in paths}
    bounds, acc = [], 0
    for p, n in zip(paths, counts):
        bounds.append((acc, acc + n, p))
        acc += n
    for r in recs:
        for lo, hi, p in bounds:
            if lo < r["frame"] <= hi:
                r["frame"] -= lo
                if "request_frame" in r["vals"]:  # a frame of the same file
                    r["vals"]["request_frame"] -= lo
                out[p].append(r)
                break
    return out


def x_http(pr):
    method = first(pr, "http.request.method")
    if method is not None:
        v = {"method": method, "uri": first(pr, "http.request.uri"),
             "version": (first(pr, "http.request.version") or "").replace("HTTP/", "")}
        # None: absent, and tcpview must not have it either
        v["host"] = first(pr, "http.host")
        v["user_agent"] = first(pr, "http.user_agent")
        yield "http_request", v
        return
    code = first(pr, "http.response.code")
    if code is not None:
        v = {"status_code": int(code),
             "status_msg": first(pr, "http.response.phrase") or ""}
        req = first(pr, "http.request_in")
        if req is not None:
            v["request_frame"] = int(req)
        yield "http_response", v
    # neither: a continuation or body tshark could not attach (not a message)


def x_websocket(pr):
    v = {}
    op = int(first(pr, "websocket.opcode"))
    v["opcode"] = WS_OPCODES.get(op, op)
    v["fin"] = first(pr, "websocket.fin") == "1"
    v["masked"] = first(pr, "websocket.mask") == "1"
    v["len"] = int(first(pr, "websocket.payload_length"))
    # payload_length shows 126/127 for the extended forms: the real length
    # is in websocket.payload_length_ext_16 / _64
    for ext in ("websocket.payload_length_ext_16", "websocket.payload_length_ext_64"):
        x = first(pr, ext)
        if x is not None:
            v["len"] = int(x)
    cc = first(pr, "websocket.payload.close.status_code")
    v["close_code"] = int(cc) if cc is not None else None
    v["close_reason"] = first(pr, "websocket.payload.close.reason")
    yield "websocket_frame", v


def x_http2(pr):
    for st in pr.findall("field[@name='http2.stream']"):
        t = first(st, "http2.type")
        if t is None:
            continue  # the connection preface ("Magic"): not a frame (RFC 9113 §3.4)
        t = int(t)
        tname = H2_TYPES.get(t, t)
        flags = int(first(st, "http2.flags"), 16)
        defined = H2_FLAGS.get(tname, {})
        v = {"type": tname, "stream": int(first(st, "http2.streamid")),
             "length": int(first(st, "http2.length")),
             "flags": sorted(n for bit, n in defined.items() if flags & bit)}
        if tname in ("HEADERS", "PUSH_PROMISE", "CONTINUATION"):
            hs = st.findall("field[@name='http2.header']")
            if hs:
                v["headers"] = [(first(h, "http2.header.name"),
                                 first(h, "http2.header.value")) for h in hs]
        if tname == "SETTINGS":
            sets = []
            for s in st.findall("field[@name='http2.settings']"):
                kids = list(s)
                sid = int(first(s, "http2.settings.id"))
                val = next((int(k.get("show")) for k in kids
                            if k.get("name") != "http2.settings.id"), None)
                sets.append((H2_SETTINGS.get(sid, sid), val))
            v["settings"] = sets
        if tname == "WINDOW_UPDATE":
            v["increment"] = int(first(st, "http2.window_update.window_size_increment"))
        for ef in ("http2.rst_stream.error", "http2.goaway.error"):
            e = first(st, ef)
            if e is not None:
                e = int(e)
                v["error"] = H2_ERRORS[e] if e < len(H2_ERRORS) else e
        yield "http2_frame", v


def x_tls(pr):
    for rec in pr.findall("field[@name='tls.record']"):
        ctype = int(first(rec, "tls.record.content_type") or -1)
        if ctype == 21:
            level = first(rec, "tls.alert_message.level")
            desc = first(rec, "tls.alert_message.desc")
            if level is None or desc is None:
                yield "tls_alert", {"encrypted": True}
            else:
                yield "tls_alert", {
                    "level": TLS_ALERT_LEVELS.get(int(level), int(level)),
                    "description": TLS_ALERTS.get(int(desc), int(desc))}
            continue
        if ctype != 22:
            continue
        for hs in rec.findall("field[@name='tls.handshake']"):
            ht = first(hs, "tls.handshake.type")
            if ht is None:
                continue  # encrypted handshake message
            ht = int(ht)
            if ht not in (1, 2):
                continue
            legacy = int(first(hs, "tls.handshake.version"), 16)
            svs = [int(f.get("show"), 16)
                   for f in fields(hs, "tls.handshake.extensions.supported_version")]
            alpn = [f.get("show") for f in fields(hs, "tls.handshake.extensions_alpn_str")]
            if ht == 1:
                v = {"version": TLS_VERSIONS.get(legacy, "0x%04x" % legacy),
                     "cipher_suites": len(fields(hs, "tls.handshake.ciphersuite"))}
                v["sni"] = first(hs, "tls.handshake.extensions_server_name")
                v["alpn_offered"] = alpn or None
                v["supported_versions"] = [TLS_VERSIONS.get(x, x) for x in svs] or None
                yield "tls_client_hello", v
            elif ht == 2:
                ver = svs[0] if svs else legacy
                cs = fields(hs, "tls.handshake.ciphersuite")[0]
                cname = showname_value(cs.get("showname"))
                cname = WIRESHARK_CIPHER_ALIASES.get(cname, cname)
                if cname.startswith("Unknown"):
                    cname = "0x%04x" % int(cs.get("show"), 16)
                random = (first(hs, "tls.handshake.random") or "").replace(":", "")
                v = {"version": TLS_VERSIONS.get(ver, "0x%04x" % ver),
                     "cipher": cname,
                     "hello_retry": random == HRR_RANDOM}
                v["alpn"] = alpn[0] if alpn else None
                yield "tls_server_hello", v


def x_dns(pr):
    v = {"trans_id": int(first(pr, "dns.id"), 16),
         "response": first(pr, "dns.flags.response") == "1",
         "RD": first(pr, "dns.flags.recdesired") == "1"}
    q = first(pr, "dns.qry.name")
    if q is not None:
        v["query"] = "" if q == "<Root>" else q
        v["qtype"] = int(first(pr, "dns.qry.type"))
    if v["response"]:
        v["rcode"] = int(first(pr, "dns.flags.rcode"))
        v["AA"] = first(pr, "dns.flags.authoritative") == "1"
        v["TC"] = first(pr, "dns.flags.truncated") == "1"
        v["RA"] = first(pr, "dns.flags.recavail") == "1"
        addrs, ttls = [], []
        for sect in pr.findall("field"):
            if sect.get("show") != "Answers":
                continue
            for rr in sect.findall("field"):
                ttl = first(rr, "dns.resp.ttl")
                if ttl is not None:
                    ttls.append(int(ttl))
                for n in ("dns.a", "dns.aaaa"):
                    a = first(rr, n)
                    if a is not None:
                        addrs.append(str(ipaddress.ip_address(a)))
        v["addr_answers"] = addrs
        v["TTLs"] = ttls
    yield "dns", v


EXTRACT = {"http": x_http, "websocket": x_websocket, "http2": x_http2,
           "tls": x_tls, "dns": x_dns}


# ---- tcpview -----------------------------------------------------------------

def run_tcpview(tcpview, path):
    p = subprocess.run([tcpview, "--json", path], capture_output=True,
                       env=dict(os.environ, LC_ALL="C", TZ="UTC"))
    if p.returncode != 0:
        raise RuntimeError(f"tcpview failed on {path}: exit {p.returncode}: "
                           f"{p.stderr.decode()[-500:]}")
    def pairs(kv):
        o, dups = {}, []
        for k, val in kv:
            if k in o:
                dups.append((k, o[k], val))
            o[k] = val  # last wins, as json.load and jq read it
        if dups:
            o["_dups"] = dups
        return o

    doc = json.loads(p.stdout, object_pairs_hook=pairs)
    recs, peers = [], set()
    for c in doc.get("connections", []) + doc.get("dns", []):
        if "client" in c and "server" in c:
            peers.add(frozenset(((c["client"]["addr"], c["client"]["port"]),
                                 (c["server"]["addr"], c["server"]["port"]))))
    for c in doc.get("connections", []):
        # the records each frame completed, as its event lists them
        in_event = {}
        for e in c.get("events", []):
            for r in e.get("app", []):
                in_event.setdefault(e["frame"], []).append(r)
        for r in c.get("app", []):
            r["_where"] = "tcp"
            plain = {k: v for k, v in r.items() if k[0] != "_"}
            r["_event_frames"] = [f for f, xs in sorted(in_event.items())
                                  if plain in xs]
            r["_in_event"] = r["frame"] in r["_event_frames"]
            recs.append(r)
    for r in doc.get("dns", []):
        r["_where"] = "udp"
        recs.append(r)
    return recs, peers


def tcpview_vals(r):
    """The compared members of a tcpview record, shaped as x_*() shape them."""
    k = r["kind"]
    if k == "http2_frame":
        v = dict(r)
        v["flags"] = sorted(r.get("flags", []))
        if "headers" in r:
            v["headers"] = [(h["name"], h["value"], h.get("cut", False))
                            for h in r["headers"]]
        if "settings" in r:
            v["settings"] = [(s.get("name", s.get("id")), s["value"])
                             for s in r["settings"]]
        return v
    if k == "dns":
        v = dict(r)
        addrs = []
        for a in r.get("answers", []):
            try:
                addrs.append(str(ipaddress.ip_address(a)))
            except ValueError:
                pass
        if r.get("response"):
            v["addr_answers"] = addrs
            v["TTLs"] = r.get("TTLs", [])
        # UDP in the top-level "dns" list, TCP in its connection's
        v["transport"] = r["_where"]
        if r.get("transport") not in (None, r["_where"]):
            v["transport"] = f"{r['transport']} (listed as {r['_where']})"
        return v
    return r


def diff(t, v):
    """[(field, tshark value, tcpview value)] for the fields tshark has."""
    out = []
    if v.get("proto") != t["proto"]:
        dup = [d for d in v.get("_dups", []) if d[0] == "proto"]
        note = (f" (duplicate key: first {dup[0][1]!r}, last {dup[0][2]!r})"
                if dup else "")
        out.append(("proto", t["proto"], f"{v.get('proto')!r}{note}"))
    for f, tv in t["vals"].items():
        vv = v.get(f)
        if f == "headers" and vv is not None:
            total = v.get("headers_total", len(vv))
            ok = total == len(tv) and all(
                n == tn and (val == tval or (cut and tval.startswith(val)))
                for (n, val, cut), (tn, tval) in zip(vv, tv))
            if not ok:
                mine = [(n, val) for n, val, _ in vv]
                if total != len(tv):
                    out.append(("headers (count)", len(tv), total))
                for i, (a, b) in enumerate(zip(tv, mine)):
                    if a != b and not (vv[i][2] and a[0] == b[0] and
                                       a[1].startswith(b[1])):
                        out.append((f"headers[{i}]", a, b))
            continue
        if f == "hello_retry" or f in ("AA", "TC", "RA", "RD"):
            vv = bool(vv)  # absent members are false (key_true)
        if f == "status_msg" and vv is None:
            vv = ""
        if tv != vv:
            out.append((f, tv, vv))
    if v.get("_in_event") is False:
        out.append(("events[].app", f"in frame {t['frame']}'s event",
                    "in the connection's app list only"))
    return out


# ---- tshark's quirks -----------------------------------------------------------
# Each rule: (name, reason, applies(tshark record, tcpview records of the
# frame, difference or None for a record missing from tcpview)).

def _cut_head(t, same_frame, d):
    """tshark's frame is cut; tcpview says the head was cut and leaves
    out the one field whose value the cut left partial."""
    if not t["cut"] or d is None:
        return False
    mine = [r for r in same_frame if r.get("kind") == t["kind"] and r.get("head_cut")]
    return bool(mine) and d[2] is None


QUIRKS = [
    ("snaplen-cut head",
     "The snap length cut the frame (frame.cap_len < frame.len: snaplen.pcap "
     "keeps 30 payload bytes), so the message head was never captured "
     "whole.  tshark dissects the captured prefix as if it were the message, "
     "and the value of the field the cut went through comes out cut too "
     "(Host \"127.0.0.\" in snaplen.pcap frame 4).  tcpview records the "
     "message with head_cut and leaves that value out rather than report a "
     "wrong one; every other field must still agree.",
     _cut_head),
]

# Single differences, by sample, frame, kind and field (None: any):
# (sample, frame, kind, field) -> reason.  None are needed today.
EXCEPTIONS = {
}


def excepted(sample, t, same_frame, d):
    for (s_, fr, k, f), _reason in EXCEPTIONS.items():
        if s_ == sample and fr in (None, t["frame"]) and k == t["kind"] and \
                f in (None, d[0] if d else None):
            return "exception"
    for name, _reason, applies in QUIRKS:
        if applies(t, same_frame, d):
            return name
    return None


# ---- comparison ----------------------------------------------------------------

def event_note(r):
    """Where the events list a connection's record, when not in its frame."""
    if r.get("_where") != "tcp" or r.get("_in_event"):
        return ""
    if not r["_event_frames"]:
        return " (and in no event's \"app\" list)"
    return f" (listed in the events of frames {r['_event_frames']})"


def compare(sample, ts, tv):
    """Per-protocol [tshark records, agreeing, excepted] and the problem lines."""
    counts = {p: [0, 0, 0] for p in KINDS}
    problems, notes, quirks = [], [], []
    cmp = [r for r in tv if r.get("kind") in KIND_PROTO]
    used = [False] * len(cmp)

    def where(t):
        w = f"{sample} frame {t['frame']} {t['kind']}"
        if t["kind"] == "http2_frame":
            w += f" {t['vals']['type']} stream {t['vals']['stream']}"
        return w

    def same_frame(t):
        return [r for r in tv if r.get("frame") == t["frame"]]

    # 1. each tshark record against tcpview's of the same kind in its frame
    unmatched = []
    for t in ts:
        proto = KIND_PROTO[t["kind"]]
        counts[proto][0] += 1
        best, best_d = None, None
        for i, r in enumerate(cmp):
            if used[i] or r["frame"] != t["frame"] or r["kind"] != t["kind"]:
                continue
            d = diff(t, tcpview_vals(r))
            if best is None or len(d) < len(best_d):
                best, best_d = i, d
            if not d:
                break
        if best is None:
            unmatched.append(t)
            continue
        used[best] = True
        real = []
        for d in best_d:
            q = excepted(sample, t, same_frame(t), d)
            if q:
                quirks.append(f"{where(t)}: {d[0]}: tshark {d[1]!r}, "
                              f"tcpview {d[2]!r} ({q})")
            else:
                real.append(d)
        for f, a, b in real:
            problems.append(f"{where(t)}: {f}: tshark {a!r}, tcpview {b!r}")
        if not real:
            counts[proto][2 if best_d else 1] += 1
    # 2. the rest: the same record in another frame of tcpview's, or missing
    for t in unmatched:
        proto = KIND_PROTO[t["kind"]]
        vals = json.dumps(t["vals"], default=str)
        moved = [i for i, r in enumerate(cmp) if not used[i] and
                 r["kind"] == t["kind"] and
                 not [d for d in diff(t, tcpview_vals(r)) if d[0] != "events[].app"]]
        if moved:
            i = min(moved, key=lambda i: abs(cmp[i]["frame"] - t["frame"]))
            used[i] = True
            d = ("frame", t["frame"], cmp[i]["frame"])
            q = excepted(sample, t, same_frame(t), d)
            if q:
                counts[proto][2] += 1
                quirks.append(f"{where(t)}: frame: tshark {d[1]}, tcpview {d[2]} ({q})")
            else:
                problems.append(f"{where(t)}: frame: tshark {d[1]}, tcpview {d[2]}"
                                f"{event_note(cmp[i])} (the record is otherwise "
                                f"the same: {vals})")
            continue
        q = excepted(sample, t, same_frame(t), None)
        if q:
            counts[proto][2] += 1
            quirks.append(f"{where(t)}: missing from tcpview ({q}); tshark: {vals}")
        else:
            problems.append(f"{where(t)}: missing from tcpview (tshark: {vals})")
    for i, r in enumerate(cmp):
        if not used[i]:
            notes.append(f"{sample} frame {r['frame']} {r['kind']}: only in "
                         f"tcpview{event_note(r)}")
    return counts, problems, notes, quirks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tcpview", default=os.environ.get("TCPVIEW", "./tcpview"))
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--per-file", action="store_true",
                    help="one tshark run per capture instead of one in all")
    ap.add_argument("captures", nargs="*")
    a = ap.parse_args()
    if shutil.which("tshark") is None:
        print("SKIP: tshark is not installed")
        return 77
    caps = a.captures
    if not caps:
        s = os.path.join(os.environ.get("SRCDIR", "."), "samples")
        caps = sorted(glob.glob(os.path.join(s, "*.pcap")) +
                      glob.glob(os.path.join(s, "*.pcapng")))
    caps = list(dict.fromkeys(caps))
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        tv = dict(zip(caps, pool.map(lambda c: run_tcpview(a.tcpview, c), caps)))
        # One tshark run for all, but each capture alone that shares a pair
        # of endpoints (address and port) with another: tshark would take
        # the two for one conversation.
        if a.per_file or not (shutil.which("mergecap") and shutil.which("capinfos")):
            alone = set(caps)
        else:
            seen, alone = {}, set()
            for c in caps:
                for pair in tv[c][1]:
                    if pair in seen and seen[pair] != c:
                        alone |= {c, seen[pair]}
                    seen.setdefault(pair, c)
        merged = [c for c in caps if c not in alone]
        ts = run_tshark_merged(merged) if len(merged) > 1 else {}
        rest = [c for c in caps if c not in ts]
        ts.update(zip(rest, pool.map(run_tshark, rest)))
        results = [(c, ts[c], tv[c][0]) for c in caps]

    total = {p: [0, 0, 0] for p in KINDS}
    all_problems, all_notes, all_quirks = [], [], []
    print(f"{'sample':22} {'protocol':10} {'tshark':>6} {'agree':>6} {'quirk':>6}")
    for c, ts, tv in results:
        name = os.path.basename(c)
        counts, problems, notes, quirks = compare(name, ts, tv)
        for p, (n, m, e) in counts.items():
            for i, x in enumerate((n, m, e)):
                total[p][i] += x
            if n or a.verbose:
                print(f"{name:22} {p:10} {n:6} {m:6} {e:6}   tshark {n} records, "
                      f"tcpview agrees on {m}" + (f" (+{e} tshark quirks)" if e else ""))
        if not any(n for n, _, _ in counts.values()):
            print(f"{name:22} {'-':10} {0:6} {0:6} {0:6}   tshark dissects no "
                  "application records")
        all_problems += problems
        all_notes += notes
        all_quirks += quirks
    print()
    for p, (n, m, e) in total.items():
        print(f"total {p:10} tshark {n} records, tcpview agrees on {m}"
              + (f" (+{e} tshark quirks)" if e else ""))
    if all_quirks:
        print("\ntshark quirks excepted:")
        for q in all_quirks:
            print("  " + q)
        for name, reason, _ in QUIRKS:
            if any(f"({name})" in q for q in all_quirks):
                print(f"  ({name}): {reason}")
        for key, reason in EXCEPTIONS.items():
            print(f"  (exception {key}): {reason}")
    if all_notes:
        print("\nnotes (records only tcpview has; not failures):")
        for n in all_notes:
            print("  " + n)
    if all_problems:
        print(f"\n{len(all_problems)} disagreements:")
        for pr in all_problems:
            print("  " + pr)
        return 1
    print("\nevery record tshark dissects agrees")
    return 0


if __name__ == "__main__":
    sys.exit(main())
