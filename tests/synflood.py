#!/usr/bin/env python3
"""Memory stays bounded: a synthetic flood of SYNs from distinct ports.

Writes a pcap of N SYNs, each from its own (address, port) to one server,
none answered, and runs tcpview over it.  Every SYN opens a connection that
never ends, so only the tracking limit (--max-connections, default 32768)
keeps memory bounded.  Asserts that peak RSS stays under 64 MiB for a
million SYNs in summary mode and for 200k in the text and JSON Lines modes,
that peak RSS does not grow with N (the same within a few MiB for N and
N/5), and that every connection is still reported.

Also a capture of many short sequential connections (handshake, request,
response, teardown): memory is flat in the number of connections, once the
capture is longer than the time a finished connection lingers.
"""
import os
import resource
import struct
import subprocess
import sys
import tempfile

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
# Under AddressSanitizer, shadow memory and quarantine make RSS meaningless:
# the runs still must succeed, the memory figures are only printed.
SANITIZED = os.environ.get("SANITIZERS") == "yes"
CAP_MIB = 1 << 20 if SANITIZED else 64
failures = 0
checks = 0


def ip_checksum(hdr):
    s = sum(struct.unpack("!10H", hdr))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return (~s) & 0xFFFF


def frame(src, dst, sport, dport, seq, ack, flags, payload=b""):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    total = 20 + len(tcp) + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, 0, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00"
    return eth + ip + tcp + payload


def write_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            usec = i * 10  # 100k packets per second of capture time
            f.write(struct.pack("<IIII", 1700000000 + usec // 1000000, usec % 1000000,
                                len(fr), len(fr)))
            f.write(fr)


def syn_frames(n):
    server = bytes([10, 0, 0, 1])
    for i in range(n):
        client = bytes([10, 1 + (i >> 16) % 200, (i >> 8) & 0xFF, 2 + (i & 0x7F)])
        yield frame(client, server, 1024 + (i % 60000), 80, 1000 + i, 0, 0x02)


def short_connections(n):
    server, client = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    req, resp = b"GET / HTTP/1.1\r\n\r\n", b"HTTP/1.1 200 OK\r\n\r\n"
    for i in range(n):
        cp, c, s = 20000 + i % 40000, 1000 * i, 5000 * i
        yield frame(client, server, cp, 80, c, 0, 0x02)
        yield frame(server, client, 80, cp, s, c + 1, 0x12)
        yield frame(client, server, cp, 80, c + 1, s + 1, 0x10)
        yield frame(client, server, cp, 80, c + 1, s + 1, 0x18, req)
        yield frame(server, client, 80, cp, s + 1, c + 1 + len(req), 0x18, resp)
        yield frame(client, server, cp, 80, c + 1 + len(req), s + 1 + len(resp), 0x11)
        yield frame(server, client, 80, cp, s + 1 + len(resp), c + 2 + len(req), 0x11)
        yield frame(client, server, cp, 80, c + 2 + len(req), s + 2 + len(resp), 0x10)


def fragment_frames(n):
    """n IPv4 datagrams, each carrying a 1480-byte TCP segment split in two
    fragments; the second fragment of every other datagram is missing, so
    half of them never complete and must be dropped by the reassembly's
    memory cap and timeout, never by growing."""
    server, client = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    eth = b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00"
    data = b"x" * 1460
    for i in range(n):
        tcp = struct.pack("!HHIIBBHHH", 40000 + i % 20000, 80, 1000 + 1460 * i, 0,
                          5 << 4, 0x18, 65535, 0, 0) + data
        ident = i & 0xFFFF
        for off, more in ((0, True), (744, False)):
            if not more and i % 2:
                continue
            part = tcp[off:off + 744] if more else tcp[off:]
            flags = (0x2000 if more else 0) | (off // 8)
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(part), ident, flags,
                             64, 6, 0, client, server)
            ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
            yield eth + ip + part


def peak_rss_mib(args):
    """Runs tcpview in a fresh child and returns (peak RSS MiB, stdout tail)."""
    code = ("import resource,subprocess,sys;"
            "p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.DEVNULL);"
            "sys.stdout.write(str(p.returncode)+' '+str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)+'\\n');"
            "sys.stdout.buffer.write(p.stdout[-300:])")
    out = subprocess.run([sys.executable, "-c", code, TCPVIEW, *args],
                         capture_output=True, env=dict(os.environ, LC_ALL="C", TZ="UTC")).stdout
    first, _, tail = out.partition(b"\n")
    rc, kib = first.split()
    return int(rc), int(kib) / 1024.0, tail.decode(errors="replace")


def check(what, ok, detail):
    global failures, checks
    checks += 1
    print(("ok   " if ok else "FAIL ") + what + ": " + detail)
    if not ok:
        failures += 1


def main():
    with tempfile.TemporaryDirectory() as d:
        big, small = os.path.join(d, "syn1m.pcap"), os.path.join(d, "syn200k.pcap")
        write_pcap(big, syn_frames(1000000))
        write_pcap(small, syn_frames(200000))
        rc, rss_big, tail = peak_rss_mib(["--summary", big])
        check("1M SYNs, --summary", rc == 0 and rss_big < CAP_MIB and "1000000 connections" in tail,
              f"exit {rc}, peak {rss_big:.1f} MiB")
        rc, rss_small, tail = peak_rss_mib(["--summary", small])
        check("summary memory does not grow with the flood",
              SANITIZED or abs(rss_big - rss_small) < 8,
              f"200k: {rss_small:.1f} MiB, 1M: {rss_big:.1f} MiB")
        for mode in ([], ["--jsonl"]):
            rc, rss, tail = peak_rss_mib(mode + [small])
            check(f"200k SYNs, {' '.join(mode) or 'text'}", rc == 0 and rss < CAP_MIB,
                  f"exit {rc}, peak {rss:.1f} MiB")

        # 20k connections span 1.6 s of capture time, more than a finished
        # connection lingers: from there on memory must stay flat.
        seq_big, seq_small = os.path.join(d, "seq100k.pcap"), os.path.join(d, "seq20k.pcap")
        write_pcap(seq_big, short_connections(100000))
        write_pcap(seq_small, short_connections(20000))
        for mode in (["--summary"], [], ["--json"]):
            rc1, rss1, _ = peak_rss_mib(mode + [seq_small])
            rc2, rss2, tail = peak_rss_mib(mode + [seq_big])
            check(f"sequential connections, {' '.join(mode) or 'text'}",
                  rc1 == 0 and rc2 == 0 and rss2 < CAP_MIB and (SANITIZED or rss2 - rss1 < 4),
                  f"20k: {rss1:.1f} MiB, 100k: {rss2:.1f} MiB")

        # 100k fragmented datagrams, half never completed: the reassembly
        # table is capped, and the 50k whole segments are analysed.
        frag = os.path.join(d, "frag100k.pcap")
        write_pcap(frag, fragment_frames(100000))
        rc, rss, tail = peak_rss_mib(["--summary", frag])
        check("100k fragmented datagrams, --summary",
              rc == 0 and rss < CAP_MIB and "(50000 TCP," in tail,
              f"exit {rc}, peak {rss:.1f} MiB, {tail.strip().splitlines()[-1] if tail.strip() else ''}")
    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
