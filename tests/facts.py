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
    return json.loads(p.stdout)


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
    check("http: request line quoted", "GET / HTTP/1.1" in data[0]["text"], True)
    for e in c["events"]:
        if e.get("win_shift", 0) > 0:
            check(f"http: frame {e['frame']} win = win_raw << win_shift",
                  e["win"], e["win_raw"] << e["win_shift"])


def labelled(conn, label):
    return [e["frame"] for e in conn["events"] if label in e["labels"]]


def more_samples():
    # Three requests on one keep-alive connection.
    c = tcpview_json(sample("keepalive.pcap"))["connections"][0]
    reqs = [e for e in c["events"] if e["dir"] == "c2s" and "data" in e["labels"]]
    check("keepalive: 3 requests on one connection", len(reqs), 3)
    check("keepalive: request lines quoted",
          [e["text"].split('"')[1] for e in reqs],
          ["GET / HTTP/1.1", "GET /one HTTP/1.1", "GET /two HTTP/1.1"])
    check("keepalive: 3 responses",
          len([e for e in c["events"] if e["dir"] == "s2c" and "data" in e["labels"]]), 3)

    # WebSocket: the upgrade, then frames both ways, closed cleanly.
    c = tcpview_json(sample("websocket.pcap"))["connections"][0]
    data = [e for e in c["events"] if "data" in e["labels"]]
    check("websocket: upgrade request", "GET /echo HTTP/1.1" in data[0]["text"], True)
    check("websocket: 101", "HTTP/1.1 101 Switching Protocols" in data[1]["text"], True)
    check("websocket: state", c["state"], "closed")

    # HTTP/2: an h2c upgrade aborted by curl, then prior knowledge.
    doc = tcpview_json(sample("http2.pcap"))
    by_id = {c["id"]: c for c in doc["connections"]}
    check("http2: two connections", sorted(by_id), [1, 2])
    check("http2: upgrade connection reset by the client",
          (by_id[1]["state"], by_id[1]["reset_by"]), ("reset", "client"))
    check("http2: prior knowledge starts with the preface",
          '"PRI * HTTP/2.0"' in [e for e in by_id[2]["events"] if "data" in e["labels"]][0]["text"],
          True)

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


def main():
    seed_http()
    samples()
    more_samples()
    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
