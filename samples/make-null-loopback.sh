#!/bin/bash
# null-loopback.pcap: two HTTP GETs on loopback, one over IPv4 (127.0.0.1) and one
# over IPv6 (::1), CONVERTED to link type NULL (DLT 0, BSD/macOS loopback:
# 4-byte address family in host byte order, written little-endian; AF_INET 2,
# AF_INET6 30 as on macOS). Linux cannot capture with this link type, so the packets
# are a real capture on lo (Ethernet link type) whose 14-byte Ethernet header
# tools/relink.py replaces with the 4-byte family header. Nothing else changes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
relinked_capture null-loopback 8099 null 30 'NULL/Loopback'
