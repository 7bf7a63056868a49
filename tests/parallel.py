#!/usr/bin/env python3
"""Worker threads and shards (SPEC §14) change nothing but the speed.

For every sample:
- -j 2 and -j 3 (and the -jN and --jobs=N spellings) write exactly what
  one thread writes, in every output that is put back together from the
  workers (text, -v, --brief, --summary, --jsonl, --jsonl -s, --follow,
  --ladder, --ladder=mermaid), and --json, --html and --ladder=svg (written
  by one thread whatever -j says): the same bytes on stdout and stderr,
  the same exit status.
- For N = 2, 3 and 7, the --jsonl lines of the N shards together are the
  lines of one run, each exactly once, but for the capture-wide verdict
  (it needs every connection; no shard tells it); every connection is in
  exactly one shard, with all its events.
And the command line: -j alone is --json, -j N the worker threads; a bad
--jobs or --shard is a usage error (exit 2).

Environment: TCPVIEW (the binary), SRCDIR (top of the source tree).
"""
import collections
import glob
import json
import os
import subprocess
import sys

from tally import Tally

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
ENV = dict(os.environ, LC_ALL="C", TZ="UTC")
MODES = [[], ["-v"], ["--brief"], ["-s"], ["--jsonl"], ["--jsonl", "-s"], ["--follow=1"],
         ["--ladder"], ["--ladder=mermaid"], ["--json"], ["--html"], ["--ladder=svg"]]
TALLY = Tally(fail_prefix="FAIL")
check = TALLY.check


def run(args):
    p = subprocess.run([TCPVIEW, "--width=100"] + args, capture_output=True, env=ENV)
    return p.returncode, p.stdout, p.stderr


def threads(pcap):
    name = os.path.basename(pcap)
    for mode in MODES:
        one = run(mode + [pcap])
        for jobs in (["-j", "2"], ["-j3"], ["--jobs=2"]):
            got = run(jobs + mode + [pcap])
            check(got == one, "%s %s %s: not what one thread writes"
                  % (name, " ".join(jobs), " ".join(mode)))


def shards(pcap):
    name = os.path.basename(pcap)
    status, whole, _ = run(["--jsonl", pcap])
    lines = [l for l in whole.decode().splitlines()
             if json.loads(l).get("type") != "verdict"]
    for n in (2, 3, 7):
        union = []
        owner = {}
        for k in range(1, n + 1):
            st, out, _ = run(["--jsonl", "--shard=%d/%d" % (k, n), pcap])
            check(st == status, "%s --shard=%d/%d: exit %d, one run's %d" % (name, k, n, st, status))
            for l in out.decode().splitlines():
                rec = json.loads(l)
                check(rec.get("type") != "verdict",
                      "%s --shard=%d/%d tells the capture-wide verdict" % (name, k, n))
                union.append(l)
                conn = rec.get("conn", rec.get("id") if rec.get("type") == "connection" else None)
                if conn is not None and owner.setdefault(conn, k) != k:
                    check(False, "%s: connection %d in shards %d and %d of %d"
                          % (name, conn, owner[conn], k, n))
        check(collections.Counter(union) == collections.Counter(lines),
              "%s: the %d shards' lines are not one run's (%d lines, one run %d)"
              % (name, n, len(union), len(lines)))


def command_line(pcap):
    st, out, _ = run(["-j", pcap])
    check(st == 0 and out.startswith(b'{"tcpview"'), "-j alone is not --json")
    st, out, _ = run(["-j", "2", "-s", pcap])
    check(st == 0 and out == run(["-s", pcap])[1], "-j 2 -s is not the summary")
    for bad in (["--jobs=0"], ["--jobs=x"], ["-j", "0"], ["--shard=3/2"], ["--shard=0/2"],
                ["--shard=1"], ["--shard=a/b"]):
        st, _, err = run(bad + [pcap])
        check(st == 2 and b"tcpview: bad --" in err, "%s: exit %d, %r" % (" ".join(bad), st, err[:80]))


def main():
    pcaps = sorted(glob.glob(os.path.join(SRCDIR, "samples", "*.pcap*")))
    if not pcaps:
        print("no samples")
        return 1
    for pcap in pcaps:
        threads(pcap)
        shards(pcap)
    command_line(os.path.join(SRCDIR, "samples", "http.pcap"))
    return TALLY.finish(f" over {len(pcaps)} samples")


if __name__ == "__main__":
    sys.exit(main())
