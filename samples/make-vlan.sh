#!/bin/bash
# vlan.pcap: an HTTP GET carried in 802.1Q frames (VLAN 100), between two
# network namespaces (10.200.100.1 client, .2 server) joined by a veth pair
# whose ends push and pop the tag (see tagged_capture in lib.sh: this
# kernel has no 802.1Q driver, so a tc BPF program does the tagging).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
tagged_capture vlan 8091 vlan 10.200.100 "-DINNER_ID=100" "vlan and tcp port 8091"
expect_frames "$SAMPLES_OUT/vlan.pcap" "vlan.id == 100 && vlan.etype == 0x0800 && tcp" 8
expect_frames "$SAMPLES_OUT/vlan.pcap" "!vlan" 0 0
