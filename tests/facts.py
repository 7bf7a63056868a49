#!/usr/bin/env python3
"""Facts a reader would check by eye, asserted on real captures.

Golden files pin every byte of the output; these tests say what matters in
it.  Each check runs `tcpview --json` on one capture and asserts named facts
(the RST frame and its reason, the window-scale arithmetic, ...).  The seed
capture from ../shared is used when it is there (it is not part of the
project); the project's own samples always are.

Environment: TCPVIEW (the binary), SRCDIR (top of the source tree),
SHARED_DIR (default: SRCDIR/../shared).
"""
import json
import os
import subprocess
import sys

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
SHARED = os.environ.get("SHARED_DIR", os.path.join(SRCDIR, "..", "shared"))
failures = 0
checks = 0


def tcpview_json(path, *args):
    p = subprocess.run([TCPVIEW, "--json", *args, path], capture_output=True,
                       env=dict(os.environ, LC_ALL="C", TZ="UTC"))
    if p.returncode != 0:
        raise AssertionError(f"{path}: exit {p.returncode}: {p.stderr.decode()}")
    return json.loads(p.stdout, object_pairs_hook=unique_keys)


def unique_keys(pairs):
    """A JSON object whose keys are all different (RFC 8259 4: SHOULD)."""
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise AssertionError(f"duplicate keys in {keys}")
    return dict(pairs)


def check(what, got, want):
    global failures, checks
    checks += 1
    if got != want:
        failures += 1
        print(f"FAIL {what}: got {got!r}, want {want!r}")


def events_by_frame(conn):
    return {e["frame"]: e for e in conn["events"]}


def seed_http():
    """The seed article's macOS capture (SPEC §4 and issue 2's facts)."""
    path = os.path.join(SHARED, "captures", "http.pcap")
    if not os.path.exists(path):
        print(f"skip: {path} not present")
        return
    doc = tcpview_json(path)
    check("seed: one connection", len(doc["connections"]), 1)
    c = doc["connections"][0]
    check("seed: client port", c["client"]["port"], 59774)
    check("seed: server port", c["server"]["port"], 8080)
    ev = events_by_frame(c)
    check("seed: frame 1", ev[1]["labels"], ["syn"])
    check("seed: frame 2", ev[2]["labels"], ["syn_ack"])
    check("seed: frame 3", ev[3]["labels"], ["handshake_ack"])
    opts = c["handshake"]["client_options"]
    check("seed: client MSS", opts["mss"], 16344)
    check("seed: client wscale", opts["wscale"], 6)
    check("seed: frame 4 labels", ev[4]["labels"], ["window_update"])
    check("seed: frame 4 win", (ev[4]["win"], ev[4]["win_raw"], ev[4]["win_shift"]),
          (408256, 6379, 6))
    check("seed: frame 5 data", (ev[5]["labels"], ev[5]["len"]), (["data"], 78))
    check("seed: frame 6 acks frame 5", (ev[6]["acks_frame"], ev[6]["ack"], ev[6]["ack_rtt"]),
          (5, 79, 0.000024))
    for f in (9, 11):
        check(f"seed: frame {f} fin", "fin" in ev[f]["labels"], True)
    for f in (10, 12):
        check(f"seed: frame {f} teardown_ack", "teardown_ack" in ev[f]["labels"], True)
    check("seed: teardown steps", [ev[f].get("teardown_step") for f in (9, 10, 11, 12)],
          [1, 2, 3, 4])
    check("seed: state", (c["state"], c["closed_by"], c["zeek_state"], c["history"]),
          ("closed", "client", "SF", "ShAaDdFf"))
    check("seed: bytes", (c["c2s"]["bytes"], c["s2c"]["bytes"]), (78, 128))
    check("seed: link type", doc["inputs"][0]["link_type"], "NULL")
    check("seed: handshake rtt", c["handshake"]["rtt"], 0.000107)

    text = subprocess.run([TCPVIEW, "--color=never", path], capture_output=True,
                          text=True, env=dict(os.environ, LC_ALL="C", TZ="UTC")).stdout
    for phrase in ("6379 << 6 = 408256", "handshake 3/3: connection established (RTT 0.107 ms)",
                   "acknowledges the 78 bytes of frame 5 after 0.024 ms",
                   "teardown 1/4: client has no more data to send",
                   "teardown 4/4"):
        check(f"seed text says {phrase!r}", phrase in text, True)


def sample(name):
    return os.path.join(SRCDIR, "samples", name)


def samples():
    # A server that answers and closes without reading the request: RST.
    for name in ("rst-noread.pcap", "rst-partial.pcap"):
        c = tcpview_json(sample(name))["connections"][0]
        rst = [e for e in c["events"] if "rst" in e["labels"]]
        check(f"{name}: one RST", len(rst), 1)
        check(f"{name}: RST from the server, abort",
              (rst[0]["dir"], rst[0]["rst_reason"]), ("s2c", "abort"))
        check(f"{name}: state", (c["state"], c["reset_by"], c["zeek_state"]),
              ("reset", "server", "RSTR"))
        check(f"{name}: request bytes reached the server", c["c2s"]["bytes"] > 0, True)

    # Reading the whole request first: a clean FIN teardown, no RST.
    c = tcpview_json(sample("close-fullread.pcap"))["connections"][0]
    check("close-fullread: no RST", [e for e in c["events"] if "rst" in e["labels"]], [])
    check("close-fullread: state", (c["state"], c["closed_by"], c["zeek_state"]),
          ("closed", "server", "SF"))

    # Nothing listens: the SYN is answered by RST-ACK.
    c = tcpview_json(sample("refused.pcap"))["connections"][0]
    check("refused: state", (c["state"], c["zeek_state"], c["reset_by"]),
          ("refused", "REJ", "server"))
    check("refused: reason", c["events"][-1].get("rst_reason"), "refused")

    # The bundled http.pcap: GET with Connection: close, 4-way teardown.
    doc = tcpview_json(sample("http.pcap"))
    c = doc["connections"][0]
    check("http: state", (c["state"], c["zeek_state"]), ("closed", "SF"))
    check("http: handshake complete", c["handshake"]["complete"], True)
    data = [e for e in c["events"] if "data" in e["labels"]]
    check("http: request then response", [e["dir"] for e in data], ["c2s", "s2c"])
    # The application layer: the request's frame completes GET /, the
    # response's its answer.
    check("http: request in frame 5's event",
          [(a["kind"], a["method"], a["uri"]) for a in data[0]["app"]],
          [("http_request", "GET", "/")])
    resp = data[1]["app"][0]
    check("http: 200 OK with the 11-byte Hello world, in the response's frame",
          (resp["frame"], resp["status_code"], resp["response_body_len"], resp["body"]),
          (data[1]["frame"], 200, 11, "Hello world"))
    check("http: ttfb = frame 7 - frame 5",
          round(resp["ttfb"], 6), round(data[1]["time"] - data[0]["time"], 6))
    check("http: the connection's app list", [a["kind"] for a in c["app"]],
          ["http_request", "http_response"])
    for e in c["events"]:
        if e.get("win_shift", 0) > 0:
            check(f"http: frame {e['frame']} win = win_raw << win_shift",
                  e["win"], e["win_raw"] << e["win_shift"])


def labelled(conn, label):
    return [e["frame"] for e in conn["events"] if label in e["labels"]]


def app_list(name):
    doc = tcpview_json(sample(name))
    return doc, [a for c in doc["connections"] for a in c.get("app", [])]


def app_samples():
    # Pipelining: three GETs in one segment (frame 4), answered in order.
    _, apps = app_list("http-pipeline.pcap")
    reqs = [a for a in apps if a["kind"] == "http_request"]
    check("pipeline: three requests completed by frame 4",
          [(a["frame"], a["uri"], a.get("pipelined", False)) for a in reqs],
          [(4, "/index.html", False), (4, "/missing.html", True), (4, "/style.css", True)])
    check("pipeline: answers paired in order, one 404",
          [(a["uri"], a["status_code"]) for a in apps if a["kind"] == "http_response"],
          [("/index.html", 200), ("/missing.html", 404), ("/style.css", 200)])

    # Chunked both ways, with trailers, then a Content-Length request.
    _, apps = app_list("http-chunked.pcap")
    resp = [a for a in apps if a["kind"] == "http_response"]
    check("chunked: POST /orders with a chunked body of 46 bytes",
          [(a["method"], a["uri"], a["request_body_len"]) for a in resp],
          [("POST", "/orders", 46), ("POST", "/notes", 11)])
    check("chunked: the first response is chunked with 2 trailer fields",
          (resp[0]["chunked"], resp[0]["trailers"], resp[0]["response_frame"]), (True, 2, 22))

    # 100-continue, HEAD and 304 on one connection.
    _, apps = app_list("http-continue.pcap")
    check("continue: 100 (interim), 201, HEAD 200 without body, 304",
          [(a["status_code"], a.get("interim", False), a["response_body_len"])
           for a in apps if a["kind"] == "http_response"],
          [(100, True, 0), (201, False, 18), (200, False, 0), (304, False, 0)])

    # WebSocket: binary, ping/pong, a fragmented message, close 4000.
    _, apps = app_list("websocket-full.pcap")
    ws = [a for a in apps if a["kind"] == "websocket_frame"]
    check("websocket-full: opcodes in order",
          [a["opcode"] for a in ws],
          ["text", "text", "binary", "binary", "ping", "pong", "text", "continuation",
           "continuation", "continuation", "text", "close", "close"])
    pong = [a for a in ws if a["opcode"] == "pong"][0]
    check("websocket-full: the pong answers the ping of frame 12",
          (pong["frame"], pong["ping_frame"]), (13, 12))
    last = [a for a in ws if a["opcode"] == "continuation"][-1]
    check("websocket-full: the fragmented message ends in frame 18: 42 bytes in 4 frames",
          (last["frame"], last["message_end"], last["message_len"], last["message_frames"]),
          (18, True, 42, 4))
    closes = [a for a in ws if a["opcode"] == "close"]
    check("websocket-full: close 4000 with its reason, answered",
          [(a["close_code"], a["close_reason"], a.get("close_reply", False)) for a in closes],
          [(4000, "tcpview: session over", False), (4000, "tcpview: session over", True)])

    # HTTP/2: four concurrent streams, a 404, flow control.
    _, apps = app_list("http2-streams.pcap")
    streams = [a for a in apps if a["kind"] == "http2_stream"]
    check("http2-streams: streams 13-19 and their answers",
          [(a["stream"], a["path"], a["status"]) for a in streams],
          [(13, "/index.html", 200), (15, "/app.js", 200), (17, "/missing.html", 404),
           (19, "/big.bin", 200)])
    check("http2-streams: 204800 bytes on stream 19", streams[-1]["response_data"], 204800)
    wu = [a for a in apps if a.get("type") == "WINDOW_UPDATE"]
    check("http2-streams: each WINDOW_UPDATE adds its increment",
          all(a["window_after"] == a["window_before"] + a["increment"] for a in wu), True)
    data = [a for a in apps if a.get("type") == "DATA"]
    check("http2-streams: each DATA frame takes its length from the connection window",
          all(a["conn_window_after"] == a["conn_window_before"] - a["length"] for a in data),
          True)

    # TLS: hellos with SNI and ALPN; a rejected certificate.
    for name, version, cipher, alpn in (
            ("tls12.pcap", "TLS 1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "http/1.1"),
            ("tls13.pcap", "TLS 1.3", "TLS_AES_256_GCM_SHA384", None)):
        _, apps = app_list(name)
        ch = [a for a in apps if a["kind"] == "tls_client_hello"][0]
        sh = [a for a in apps if a["kind"] == "tls_server_hello"][0]
        check(f"{name}: SNI and ALPN offered", (ch["sni"], ch["alpn_offered"]),
              ("shop.example", ["h2", "http/1.1"]))
        check(f"{name}: version, cipher, ALPN chosen",
              (sh["version"], sh["cipher"], sh.get("alpn")), (version, cipher, alpn))
    _, apps = app_list("tls-alert.pcap")
    check("tls-alert: the client rejects the certificate in frame 8",
          [(a["frame"], a["dir"], a["level"], a["description"])
           for a in apps if a["kind"] == "tls_alert"], [(8, "c2s", "fatal", "unknown_ca")])

    # DNS, then HTTP to the address it gave.
    doc, apps = app_list("dns-http.pcap")
    udp = doc["dns"]
    check("dns-http: UDP queries and answers",
          [(a["frame"], a["query"], a["qtype_name"], a["response"], a.get("rcode_name"),
            a.get("answers")) for a in udp],
          [(1, "shop.example", "A", False, None, None),
           (2, "shop.example", "A", True, "NOERROR", ["127.0.0.7"]),
           (3, "shop.example", "AAAA", False, None, None),
           (4, "shop.example", "AAAA", True, "NOERROR", None),
           (25, "nosuch.example", "A", False, None, None),
           (26, "nosuch.example", "A", True, "NXDOMAIN", None)])
    web = [c for c in doc["connections"] if c["server"]["port"] == 80][0]
    check("dns-http: the HTTP connection's server is shop.example, named in frame 2",
          (web["server_name"], web["server_name_frame"]), ("shop.example", 2))
    tcp = [a for a in apps if a["proto"] == "dns"]
    check("dns-http: DNS over TCP, AAAA mail.shop.example = fd00::25",
          [(a["query"], a["response"], a.get("answers")) for a in tcp],
          [("mail.shop.example", False, None), ("mail.shop.example", True, ["fd00::25"])])

    # --follow marks where messages end, after the bytes that end them.
    out = subprocess.run([TCPVIEW, "--follow=1", sample("http-pipeline.pcap")],
                         capture_output=True, text=True,
                         env=dict(os.environ, LC_ALL="C", TZ="UTC")).stdout.splitlines()
    marks = [i for i, l in enumerate(out) if l.startswith("[frame ")]
    check("follow: a mark for each request and response", len(marks), 6)
    body = out.index("<body><h1>Welcome to shop.example</h1><p>Three requests, one segment.</p></body></html>")
    check("follow: the 200 for /index.html is marked right after its body",
          out[body + 1].startswith("[frame 8: server answers 200 OK to GET /index.html"), True)

    # Karn's rule: frame 10 resends frame 9's bytes, so frame 11's ACK of
    # them gives no RTT sample; the summary says one was left out.
    c = tcpview_json(sample("zero-window.pcap"))["connections"][0]
    e11 = [e for e in c["events"] if e["frame"] == 11][0]
    check("zero-window: frame 11 acknowledges frame 9's data, which frame 10 resent",
          e11.get("acks_frame"), 9)
    check("zero-window: Karn's rule leaves that sample out",
          (c["s2c"]["ack_rtt"]["samples"], c["s2c"]["ack_rtt"]["left_out"]), (17, 1))

    check("zero-window: frame 11's SACK block below its ACK is a D-SACK of frame 10's resend",
          "reports bytes 2897-4344 received twice (D-SACK, RFC 2883)" in e11["text"], True)
    # SACK blocks in the columns' relative numbers, with the hole before them.
    c = tcpview_json(sample("loss.pcap"))["connections"][0]
    e90 = [e for e in c["events"] if e["frame"] == 90][0]
    check("loss: frame 90's SACK told in relative numbers with the hole",
          "still expects byte 85433 and has 86881-89776 (SACK): missing 85433-86880" in e90["text"],
          True)

    # A SYN nobody answers: resent at a fixed 1 s (tcp_syn_linear_timeouts).
    c = tcpview_json(sample("syn-unanswered.pcap"))["connections"][0]
    again = [e for e in c["events"] if "resend_count" in e]
    check("syn-unanswered: every SYN after the first is told as sent again",
          [e["resend_count"] for e in again], list(range(2, len(c["events"]) + 1)))
    check("syn-unanswered: about 1 s between SYNs",
          all(0.9 < e["resend_wait"] < 1.2 for e in again), True)
    check("syn-unanswered: the words say it",
          again[0]["text"].startswith("SYN sent again after 1.0") and
          "no answer to the SYN of frame 1 (2nd attempt)" in again[0]["text"], True)
    check("syn-unanswered: state", (c["state"], c["zeek_state"]), ("syn_sent", "S0"))

    # Verdicts (SPEC §10): the decisive finding, with its numbers and frames.
    def findings(name):
        doc = tcpview_json(sample(name))
        return doc, [[(f["code"], f["frames"]) for f in c.get("findings", [])]
                     for c in doc["connections"]]
    doc, f = findings("syn-unanswered.pcap")
    check("verdict: syn-unanswered has syn_unanswered over frames 1-6",
          f, [[("syn_unanswered", [1, 2, 3, 4, 5, 6])]])
    check("verdict: the capture-wide verdict counts it by server",
          doc["verdict"]["text"], "1 of 1 connection failed: 1 of 1 to 127.0.0.1:8120 got no answer")
    check("verdict: refused", findings("refused.pcap")[1], [[("refused", [2])]])
    doc, f = findings("rto.pcap")
    rto = doc["connections"][0]["findings"][0]
    check("verdict: rto.pcap has 5 timeouts, frames 7-11, each wait at least 200 ms",
          (rto["code"], rto["count"], rto["frames"], all(w >= 0.2 for w in rto["waits"])),
          ("rto", 5, [7, 8, 9, 10, 11], True))
    check("verdict: rto.pcap's later waits double (RFC 6298 5.5)",
          all(1.8 <= b / a <= 2.2 for a, b in zip(rto["waits"][2:], rto["waits"][3:])), True)
    check("verdict: icmp-reject's SYNs were answered by ICMP errors, not unanswered",
          findings("icmp-reject.pcap")[1], [[("icmp_error", [2])], [("icmp_error", [4])]])
    check("verdict: loss.pcap's one fast retransmission (frame 162, 1448 bytes, RFC 5681 3.2)",
          findings("loss.pcap")[1], [[("fast_recovery", [162])]])
    doc, _ = findings("http2.pcap")
    c1 = [c for c in doc["connections"] if c["id"] == 1][0]
    check("verdict: http2.pcap's first connection ends with the client's abort (frame 11)",
          [(x["code"], x["frames"], x.get("bytes")) for x in c1["findings"]],
          [("reset_abort", [11], 246)])
    check("verdict: tls-alert is a failed TLS handshake first",
          findings("tls-alert.pcap")[1][0][0], ("tls_failed", [8]))
    check("verdict: seed 004's reset is reset_unread_data",
          findings("rst-noread.pcap")[1], [[("reset_unread_data", [8])]])
    doc, f = findings("zero-window.pcap")
    c = doc["connections"][0]
    check("verdict: zero-window stalled 3.352 s, from frame 13",
          (c["findings"][0]["code"], c["findings"][0]["seconds"], f[0][0][1][0]),
          ("zero_window_stall", 3.35206, 13))
    doc, f = findings("http.pcap")
    ph = doc["connections"][0]["phases"]
    check("phases: http.pcap's request waits 0.498 ms for the answer, all adding up",
          (ph["server_wait"], round(sum(ph.values()), 6)), (0.000498, doc["connections"][0]["duration"]))
    check("verdict: http.pcap completed, no finding",
          (f, doc["connections"][0]["verdict"].startswith("completed: 97 bytes from the client")),
          ([[]], True))

    # What set the pace (SPEC §10): the four samples made for it.
    c = tcpview_json(sample("app-limited.pcap"))["connections"][0]
    app = c["findings"][0]
    check("app-limited: the server paused 4 times, about 200 ms each, before frames 12-30",
          (app["code"], app["side"], app["count"], app["frames"],
           all(0.199 <= w <= 0.202 for w in app["waits"])),
          ("app_limited", "server", 4, [12, 18, 24, 30], True))
    check("app-limited: the pauses are the phase 'app_pause' and the verdict says completed",
          (c["phases"]["app_pause"], c["verdict"].startswith("completed:"),
           round(sum(c["phases"].values()), 6)), (app["seconds"], True, c["duration"]))
    c = tcpview_json(sample("nagle-delack.pcap"))["connections"][0]
    nd = c["findings"][0]
    check("nagle-delack: 5 client writes held for the server's delayed ACKs 11-35, 40-48 ms",
          (nd["code"], nd["side"], nd["count"], nd["frames"],
           all(0.040 <= w <= 0.050 for w in nd["waits"])),
          ("nagle_delayed_ack", "client", 5, [11, 17, 23, 29, 35], True))
    check("nagle-delack: request 1 (quick ACK, frame 5) is not one of them, nothing else found",
          [f["code"] for f in c["findings"]], ["nagle_delayed_ack"])
    c = tcpview_json(sample("reset-after-idle.pcap"))["connections"][0]
    check("reset-after-idle: the server's RST of frame 8 after 32 s of silence",
          [(f["code"], f["side"], f["frames"], round(f["seconds"])) for f in c["findings"]],
          [("reset_after_idle", "server", [8], 32)])
    _, apps = app_list("reset-after-idle.pcap")
    check("reset-after-idle: not told as an answer with the request unread",
          [a["kind"] for a in apps], ["http_request", "http_response"])
    c = tcpview_json(sample("rwnd-limited.pcap"))["connections"][0]
    rw = c["findings"][0]
    check("rwnd-limited: the client's 20272-byte window bounds the server's data",
          (rw["code"], rw["side"], rw["window"], rw["segments"] > 1300,
           rw["count"] * 2 > rw["segments"] - 100), ("rwnd_limited", "server", 20272, True, True))
    check("rwnd-limited: it got near window / RTT (20272 B / 30 ms), and RTT is the handshake's",
          (0.8 <= rw["rate"] / rw["window_ceiling"] <= 1.0, rw["rtt"] == c["handshake"]["rtt"]),
          (True, True))
    check("rwnd-limited: the path is faster than the window allows, so a window is named",
          rw.get("window_needed", 0) > 5 * rw["window"], True)

    # --brief: routine runs folded, the rest as in the story, the verdict.
    env = dict(os.environ, LC_ALL="C", TZ="UTC")
    out = subprocess.run([TCPVIEW, "--brief", sample("bulk-wscale.pcap")], capture_output=True,
                         text=True, env=env).stdout.splitlines()
    check("brief: bulk-wscale's transfer is one line after the request",
          [l.strip() for l in out if l.strip().startswith("...")][:2],
          ["... 1 packet (frame 4): 89 bytes from the client",
           "... 242 packets (frames 5-246) in 57.396 ms: 300121 bytes from the server, 34 ACKs"])
    check("brief: handshake, request, answer, teardown and verdict remain",
          (sum(" frame " in l for l in out), any("client asks GET /bytes/300000" in l for l in out),
           any(l.startswith("  verdict: completed") for l in out)), (6, True, True))
    p = subprocess.run([TCPVIEW, "--brief", "--json", sample("http.pcap")], capture_output=True,
                       text=True, env=env)
    check("brief: --brief with --json is a usage error", p.returncode, 2)

    # Seed 004: the server answered, then reset with the request unread.
    _, apps = app_list("rst-noread.pcap")
    check("rst-noread: the reset is told as an answer with the request unread",
          [(a["kind"], a.get("reason")) for a in apps][-1],
          ("reset", "answered_with_request_unread"))


def more_samples():
    # Three requests on one keep-alive connection.
    c = tcpview_json(sample("keepalive.pcap"))["connections"][0]
    reqs = [e for e in c["events"] if e["dir"] == "c2s" and "data" in e["labels"]]
    check("keepalive: 3 requests on one connection", len(reqs), 3)
    trans = [a for a in c["app"] if a["kind"] == "http_response"]
    check("keepalive: three transactions, depth 1-3",
          [(a["trans_depth"], a["method"], a["uri"], a["status_code"]) for a in trans],
          [(1, "GET", "/", 200), (2, "GET", "/one", 200), (3, "GET", "/two", 200)])
    check("keepalive: requests 2 and 3 come after an idle time",
          ["idle" in a for a in c["app"] if a["kind"] == "http_request"], [False, True, True])
    check("keepalive: 3 responses",
          len([e for e in c["events"] if e["dir"] == "s2c" and "data" in e["labels"]]), 3)

    # WebSocket: the upgrade, then frames both ways, closed cleanly.
    c = tcpview_json(sample("websocket.pcap"))["connections"][0]
    data = [e for e in c["events"] if "data" in e["labels"]]
    sw = [a for a in c["app"] if a["kind"] == "switch"]
    check("websocket: 101 switches with a matching accept key",
          [(a["status"], a["to"], a["accept_ok"]) for a in sw], [(101, "websocket", True)])
    ws = [a for a in c["app"] if a["kind"] == "websocket_frame"]
    check("websocket: three texts each way, then close 1000 both ways",
          [(a["dir"], a["opcode"], a.get("payload_text", a.get("close_code"))) for a in ws],
          [("c2s", "text", "Hello world"), ("s2c", "text", "Hello world"),
           ("c2s", "text", "second message"), ("s2c", "text", "second message"),
           ("c2s", "text", "bye"), ("s2c", "text", "bye"),
           ("c2s", "close", 1000), ("s2c", "close", 1000)])
    check("websocket: client frames masked, server frames not",
          {(a["dir"], a["masked"]) for a in ws if "masked" in a}, {("c2s", True), ("s2c", False)})
    check("websocket: the server closes TCP first, after the closing handshake (RFC 6455 7.1.1)",
          [(a["frame"], a["dir"], a["first"], a["sent_close"], a["got_close"])
           for a in c["app"] if a["kind"] == "websocket_tcp_end"], [(16, "s2c", True, True, True)])
    check("websocket: state", c["state"], "closed")

    # HTTP/2: an h2c upgrade aborted by curl, then prior knowledge.
    doc = tcpview_json(sample("http2.pcap"))
    by_id = {c["id"]: c for c in doc["connections"]}
    check("http2: two connections", sorted(by_id), [1, 2])
    check("http2: upgrade connection reset by the client",
          (by_id[1]["state"], by_id[1]["reset_by"]), ("reset", "client"))
    for i in (1, 2):
        streams = [a for a in by_id[i]["app"] if a["kind"] == "http2_stream"]
        check(f"http2: connection {i} answers GET /hello.txt on stream 1",
              [(a["stream"], a["method"], a["path"], a["status"], a["response_data"])
               for a in streams], [(1, "GET", "/hello.txt", 200, 24)])
    check("http2: connection 1 is an h2c upgrade",
          [(a["status"], a["to"]) for a in by_id[1]["app"] if a["kind"] == "switch"],
          [(101, "http2")])
    check("http2: prior knowledge starts with the client's SETTINGS",
          [a["type"] for a in by_id[2]["app"] if a["kind"] == "http2_frame"][0], "SETTINGS")

    app_samples()

    # Link types and address families.
    for name, link in (("any-sll.pcap", "LINUX_SLL"), ("any-sll2.pcap", "LINUX_SLL2"),
                       ("vlan.pcap", "EN10MB"), ("qinq.pcap", "EN10MB"),
                       ("pcapng.pcapng", "EN10MB"), ("null-loopback.pcap", "NULL"),
                       ("loop.pcap", "LOOP"), ("ipv6.pcap", "EN10MB")):
        doc = tcpview_json(sample(name))
        check(f"{name}: link type", doc["inputs"][0]["link_type"], link)
        check(f"{name}: every frame is TCP", doc["stats"]["tcp_packets"], doc["stats"]["packets"])
        check(f"{name}: closed cleanly", [c["zeek_state"] for c in doc["connections"]],
              ["SF"] * len(doc["connections"]))
    for name in ("null-loopback.pcap", "loop.pcap"):
        doc = tcpview_json(sample(name))
        check(f"{name}: IPv4 then IPv6", [c["client"]["addr"] for c in doc["connections"]],
              ["127.0.0.1", "::1"])
    c = tcpview_json(sample("ipv6.pcap"))["connections"][0]
    check("ipv6: over ::1", (c["client"]["addr"], c["server"]["addr"]), ("::1", "::1"))

    # Two link types in one pcapng file, which libpcap refuses: each frame is
    # decoded with its interface's link type; -f is compiled for each.
    doc = tcpview_json(sample("multilink.pcapng"))
    check("multilink: first interface's link type", doc["inputs"][0]["link_type"], "EN10MB")
    check("multilink: every frame is TCP", (doc["stats"]["packets"], doc["stats"]["tcp_packets"]),
          (30, 30))
    check("multilink: GETs to 8104 (lo), 8105 (any), 8104",
          [(c["server"]["port"], c["zeek_state"], len(c["events"])) for c in doc["connections"]],
          [(8104, "SF", 10), (8105, "SF", 10), (8104, "SF", 10)])
    check("multilink: frames of the second interface",
          [e["frame"] for e in doc["connections"][1]["events"]], list(range(11, 21)))
    check("multilink: nanosecond time stamps (if_tsresol 9)",
          len(doc["connections"][1]["events"][0]["time_ns"].split(".")[1]), 9)
    doc = tcpview_json(sample("multilink.pcapng"), "-f", "tcp port 8105")
    check("multilink: -f on the LINUX_SLL2 interface",
          [c["server"]["port"] for c in doc["connections"]], [8105])

    # Nanosecond time stamps keep their digits.
    e = tcpview_json(sample("nanosecond.pcap"))["connections"][0]["events"][1]
    check("nanosecond: time_ns has 9 decimals", len(e["time_ns"].split(".")[1]), 9)

    # Snap length 96: headers present, payload cut, length from IP.
    c = tcpview_json(sample("snaplen.pcap"))["connections"][0]
    cut = [(e["frame"], e["len"], e["captured_len"]) for e in c["events"] if e.get("truncated")]
    check("snaplen: frames 4 and 6 cut to 30 bytes", cut, [(4, 78, 30), (6, 128, 30)])
    check("snaplen: still closed cleanly", c["zeek_state"], "SF")

    # Window scaling: every scaled window is raw << 10.
    c = tcpview_json(sample("bulk-wscale.pcap"))["connections"][0]
    check("bulk-wscale: both sides offer shift 10",
          (c["handshake"]["client_options"]["wscale"], c["handshake"]["server_options"]["wscale"]),
          (10, 10))
    bad = [e["frame"] for e in c["events"] if "S" not in e["flags"]
           and e["win"] != e["win_raw"] << 10]
    check("bulk-wscale: win = win_raw << 10 after the handshake", bad, [])
    check("bulk-wscale: window shrinks to 1024 at frame 230",
          [e["win"] for e in c["events"] if e["frame"] == 230], [1024])
    check("bulk-wscale: window updates", labelled(c, "window_update"), [231, 248])

    # A slow reader: zero windows, probes, window updates (tshark's counts).
    c = tcpview_json(sample("zero-window.pcap"))["connections"][0]
    check("zero-window: first zero window at frame 13", labelled(c, "zero_window")[0], 13)
    check("zero-window: counts",
          tuple(len(labelled(c, l)) for l in ("zero_window", "window_full", "keep_alive",
                                               "window_update")), (13, 15, 9, 9))
    e17 = [e for e in c["events"] if e["frame"] == 17][0]
    check("zero-window: frame 17 reopens the window", "window_update" in e17["labels"], True)
    check("zero-window: frame 17 tells how long it was shut",
          "after its window stayed 0 for 1.245 s (2 probes)" in e17["text"], True)

    # 3% loss in a router namespace.
    c = tcpview_json(sample("loss.pcap"))["connections"][0]
    check("loss: previous segment not captured",
          labelled(c, "lost_segment"), [87, 150, 223, 264, 455, 463, 475, 542, 600, 683])
    check("loss: fast retransmission at 162", labelled(c, "fast_retransmission"), [162])
    e162 = [e for e in c["events"] if e["frame"] == 162][0]
    check("loss: frame 162 names the dup ACKs that asked for it",
          "asked for them 4 times (duplicate ACKs in frames ... 155, 159, 161)" in e162["text"],
          True)
    check("loss: dup ACKs 153-161 count 1..4",
          [e["dup_ack_num"] for e in c["events"] if 153 <= e["frame"] <= 161 and "dup_ack" in e["labels"]],
          [1, 2, 3, 4])
    check("loss: out of order", labelled(c, "out_of_order"),
          [91, 232, 268, 459, 467, 479, 546, 604, 691])


def diagnosis_samples():
    """Samples for the findings of SPEC §10 that need a capture's fault or a firewall."""
    c = tcpview_json(sample("midstream.pcap"))["connections"][0]
    ev = events_by_frame(c)
    check("midstream: no SYN, roles guessed, told as midstream",
          (c.get("midstream"), "midstream" in [f["code"] for f in c["findings"]]), (True, True))
    check("midstream: the client's first ACK acknowledges the 16 bytes it has seen",
          (ev[2].get("acked_bytes"), ev[2]["text"].startswith("client acknowledges the 16 bytes")),
          (16, True))
    c = tcpview_json(sample("capture-loss.pcap"))["connections"][0]
    loss = [f for f in c["findings"] if f["code"] == "capture_loss"]
    check("capture-loss: 75000 bytes the client acknowledged (frame 376) that the capture missed",
          [(f["frames"], f["bytes"]) for f in loss], [([376], 75000)])
    check("capture-loss: no network loss is claimed, and no pause across the hole",
          ([f["code"] for f in c["findings"] if f["code"] in ("rto", "fast_recovery")],
           max(w for f in c["findings"] if f["code"] == "app_limited" for w in f["waits"]) < 0.05),
          ([], True))
    doc = tcpview_json(sample("icmp-types.pcap"))
    conns = doc["connections"]
    codes = [(e["icmp"]["version"], e["icmp"]["type"], e["icmp"]["code"])
             for c in conns for e in c["events"] if "icmp" in e]
    check("icmp-types: every REJECT type, in order",
          codes, [(4, 3, 0), (4, 3, 1), (4, 3, 3), (4, 3, 2), (4, 3, 9), (4, 3, 10), (4, 3, 13),
                  (6, 1, 0), (6, 1, 1), (6, 1, 3), (6, 1, 4), (6, 1, 5), (6, 1, 6)])
    check("icmp-types: 13 icmp_error findings and the DROP's syn_unanswered",
          [c["findings"][0]["code"] for c in conns], ["icmp_error"] * 13 + ["syn_unanswered"])
    texts = [e["text"] for c in conns for e in c["events"] if e.get("icmp", {}).get("type") == 3]
    check("icmp-types: codes 9, 10 and 13 are told apart",
          len({t for t in texts if "prohibited" in t}), 3)
    v = doc["verdict"]
    check("icmp-types: the capture-wide verdict names 8 servers, first seen first, and the rest",
          (v["failed"], v["failing_servers"], [s["server"] for s in v["servers"]][:2],
           v["text"].endswith("; and failures with 6 more servers")),
          (14, 14, ["127.0.0.1:8130", "127.0.0.1:8131"], True))


def corpus_facts():
    """Verdicts found wrong on review (issue 13), on the shared captures."""
    real = os.path.join(SHARED, "corpus", "real")
    if not os.path.isdir(real):
        print(f"skip: {real} not present")
        return
    c = tcpview_json(os.path.join(real, "zeek__tcp_rst-inject-rae.pcap"))["connections"][0]
    ev = events_by_frame(c)
    check("rst-inject-rae: a RST whose ACK misses the SYN is ignored (RFC 9293 3.10.7.3)",
          (ev[2]["rst_reason"], c["state"], [f["code"] for f in c["findings"]]),
          ("ignored", "reset", ["reset_abort"]))
    check("rst-inject-rae: the SYN-ACK's new ISN stays in the connection, and says so",
          ("port_reuse" in ev[3]["labels"], "keeps it in the same connection" in ev[3]["text"]),
          (True, True))
    check("rst-inject-rae: a shift of 0 for the client is not 'both sides scale'",
          "only the server's windows are scaled" in ev[3]["text"], True)
    conns = tcpview_json(os.path.join(real, "ndpi__rtsp.pcapng"))["connections"]
    c5 = [c for c in conns if c["id"] == 5][0]
    check("rtsp: connection 5, refused and then accepted with data, is not 'refused'",
          (c5["state"], "refused" in [f["code"] for f in c5.get("findings", [])]), ("reset", False))
    c = tcpview_json(os.path.join(real, "suricata__tcp-fastopen-01_tfo.pcap"))["connections"][0]
    ev = events_by_frame(c)
    check("tfo: the experimental Fast Open option (kind 254) is told on the SYN and SYN-ACK",
          (ev[1]["text"].endswith("a TCP Fast Open cookie request"),
           "a TCP Fast Open cookie" in ev[2]["text"]), (True, True))
    c = tcpview_json(os.path.join(real, "suricata__tcp-fastopen-11_tfo-data-on-syn-nack.pcap"))[
        "connections"][0]
    ev = events_by_frame(c)
    check("tfo: data on a SYN is seq 1-517 as tshark numbers it, and its refusal is told",
          ("client sends 517 bytes (seq 1-517) with its SYN" in ev[1]["text"],
           "not the 517 bytes of data it carried" in ev[2]["text"]), (True, True))
    c = tcpview_json(os.path.join(real, "arkime__v6-http.pcap"))["connections"][0]
    check("v6-http: both FINs sent is closed, the missing last ACK said",
          (c["state"], c.get("last_ack_missing")), ("closed", True))
    out = subprocess.run([TCPVIEW, sample("zero-window.pcap")], capture_output=True, text=True,
                         env=dict(os.environ, LC_ALL="C", TZ="UTC")).stdout
    check("zero-window: the trouble line says the keep-alives were zero-window probes",
          "keep_alive 9 (all zero-window probes)" in out, True)
    check("zero-window: a window scale is told with its factor",
          "window scale 10 (\u00d71024)" in out, True)


def regress_facts():
    """Inputs that once made tcpview say something false (tests/fuzz/regress)."""
    path = os.path.join(SRCDIR, "tests", "fuzz", "regress", "dup-ack-of-unseen-ack.pcap")
    conns = tcpview_json(path)["connections"]
    dups = [e for c in conns for e in c["events"] if "dup_ack" in e["labels"]]
    check("regress: a duplicate ACK whose original is not in the capture names no frame 0",
          (len(dups) > 0, [e["frame"] for e in dups if e.get("dup_ack_frame", 1) == 0],
           [e["frame"] for e in dups if "of frame 0" in e["text"]]), (True, [], []))


def main():
    seed_http()
    regress_facts()
    samples()
    more_samples()
    diagnosis_samples()
    corpus_facts()
    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
