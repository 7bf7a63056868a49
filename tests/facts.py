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


def main():
    seed_http()
    samples()
    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
