#!/bin/bash
# loop.pcap: two HTTP GETs on loopback, one over IPv4 (127.0.0.1) and one
# over IPv6 (::1), CONVERTED to link type LOOP (DLT 108, OpenBSD loopback:
# 4-byte address family in network byte order; AF_INET 2, AF_INET6 24 as on
# OpenBSD). Linux cannot capture with this link type, so the packets
# are a real capture on lo (Ethernet link type) whose 14-byte Ethernet header
# tools/relink.py replaces with the 4-byte family header. Nothing else changes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
relinked_capture loop 8100 loop 24 'OpenBSD loopback'
