#!/usr/bin/python3
"""Rewrite an Ethernet (DLT_EN10MB) pcap as a BSD loopback capture.

  relink.py --to null|loop [--af6 N] IN.pcap OUT.pcap

Linux cannot capture with these link types, so the tcpview samples
null-loopback.pcap and loop.pcap are real loopback captures converted by
this script. For every packet the 14-byte Ethernet header is removed and a
4-byte address-family header is put in its place:

  null  LINKTYPE_NULL (0): AF value in the capturing host's byte order,
        written little-endian here (as an x86/ARM macOS or BSD host would)
  loop  LINKTYPE_LOOP (108): AF value in network byte order (OpenBSD)

AF_INET is 2 everywhere; AF_INET6 differs by OS: 30 macOS (default here),
28 FreeBSD, 24 OpenBSD/NetBSD. The file header (magic, version, time-stamp
precision, snaplen) is kept except for the link type; caplen and len of
every record shrink by 10. Standard library only.
"""
import argparse
import struct
import sys

LINKTYPE = {"null": 0, "loop": 108}
ETH_IPV4, ETH_IPV6 = 0x0800, 0x86DD


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--to", choices=sorted(LINKTYPE), required=True)
    ap.add_argument("--af6", type=int, default=30, help="AF_INET6 value (30 macOS, 28 FreeBSD, 24 OpenBSD)")
    ap.add_argument("input")
    ap.add_argument("output")
    a = ap.parse_args()

    with open(a.input, "rb") as f:
        data = f.read()
    if len(data) < 24:
        sys.exit("relink: input too short for a pcap header")
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        sys.exit("relink: not a pcap file (pcapng is not supported)")
    vmaj, vmin, thiszone, sigfigs, snaplen, linktype = struct.unpack(e + "HHiIII", data[4:24])
    if linktype != 1:
        sys.exit(f"relink: link type {linktype}, expected 1 (EN10MB)")

    fam_fmt = "<I" if a.to == "null" else ">I"
    out = [magic, struct.pack(e + "HHiIII", vmaj, vmin, thiszone, sigfigs, snaplen, LINKTYPE[a.to])]
    off, n = 24, 0
    while off < len(data):
        if off + 16 > len(data):
            sys.exit(f"relink: truncated record header after packet {n}")
        ts_sec, ts_frac, caplen, length = struct.unpack(e + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + caplen]
        if len(pkt) != caplen:
            sys.exit(f"relink: truncated packet {n + 1}")
        if caplen < 14:
            sys.exit(f"relink: packet {n + 1} shorter than an Ethernet header")
        ethertype = struct.unpack(">H", pkt[12:14])[0]
        if ethertype == ETH_IPV4:
            af = 2
        elif ethertype == ETH_IPV6:
            af = a.af6
        else:
            sys.exit(f"relink: packet {n + 1} has ethertype 0x{ethertype:04x}, not IPv4/IPv6")
        body = struct.pack(fam_fmt, af) + pkt[14:]
        out.append(struct.pack(e + "IIII", ts_sec, ts_frac, caplen - 10, length - 10))
        out.append(body)
        off += 16 + caplen
        n += 1
    with open(a.output, "wb") as f:
        f.write(b"".join(out))
    print(f"relink: {n} packets -> {a.output} (link type {LINKTYPE[a.to]})", file=sys.stderr)


if __name__ == "__main__":
    main()
