#!/usr/bin/env python3
"""A capture read live from a pipe (SPEC §11).

`tcpdump -U -w - | tcpview -`: a connection's story must come out within
a second of its end, while the pipe stays open, not when it closes.  The
test writes samples/http.pcap into tcpview's standard input, keeps the
pipe open, and times the story's first line on its standard output; then
it checks that `tcpview < file` and `tcpview -s < file` (no FILE) read
standard input as tcpdump's users expect.

Environment: TCPVIEW (the binary), SRCDIR (top of the source tree).
"""
import os
import select
import subprocess
import sys
import time

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
LIMIT = 1.0	# seconds from the last packet to the story


def main():
    failures = 0
    data = open(os.path.join(SRCDIR, "samples", "http.pcap"), "rb").read()
    env = dict(os.environ, LC_ALL="C", TZ="UTC")
    p = subprocess.Popen([TCPVIEW, "--color=never", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, env=env)
    p.stdin.write(data)
    p.stdin.flush()
    sent = time.monotonic()
    got, line = None, b""
    while time.monotonic() - sent < 3 * LIMIT:
        r, _, _ = select.select([p.stdout], [], [], 0.05)
        if r:
            line = p.stdout.readline()
            got = time.monotonic() - sent
            break
    p.stdin.close()
    p.stdout.read()
    p.wait()
    if got is None or not line.startswith(b"connection 1:"):
        failures += 1
        print(f"FAIL live pipe: no story while the pipe was open (got {line!r})")
    elif got > LIMIT:
        failures += 1
        print(f"FAIL live pipe: the story came {got:.3f} s after the last packet")
    else:
        print(f"ok   live pipe: the story came {got:.3f} s after the last packet")

    for args in ([], ["-s"]):
        with open(os.path.join(SRCDIR, "samples", "http.pcap"), "rb") as f:
            q = subprocess.run([TCPVIEW, "--color=never", *args], stdin=f,
                               capture_output=True, env=env)
        if q.returncode != 0 or b"1 connection, 10 packets" not in q.stdout:
            failures += 1
            print(f"FAIL tcpview {' '.join(args)} < file: exit {q.returncode}, "
                  f"{q.stderr.decode()[:200]}")
        else:
            print(f"ok   tcpview {' '.join(args)} < file reads standard input")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
