#!/bin/bash
# qinq.pcap: an HTTP GET carried in 802.1ad (QinQ) frames: outer S-tag
# 802.1ad VLAN 200, inner C-tag 802.1Q VLAN 10, between two network
# namespaces (10.200.201.1 client, .2 server) joined by a veth pair whose
# ends push the inner then the outer tag and pop them (see tagged_capture
# in lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
tagged_capture qinq 8092 qinq 10.200.201 "-DINNER_ID=10 -DOUTER_ID=200" \
    "vlan and vlan and tcp port 8092"
expect_frames "$SAMPLES_OUT/qinq.pcap" \
    "eth.type == 0x88a8 && ieee8021ad.id == 200 && vlan.id == 10 && tcp" 8
expect_frames "$SAMPLES_OUT/qinq.pcap" "!vlan || !ieee8021ad" 0 0
