#!/bin/bash
# any-sll2.pcap: an HTTP GET captured on the pseudo-interface "any", which
# this tcpdump/libpcap (4.99/1.10) records as LINUX_SLL2 (DLT 276).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
any_capture any-sll2 8089 LINUX_SLL2 'Linux cooked-mode capture v2'
expect_frames "$SAMPLES_OUT/any-sll2.pcap" "sll.ifindex" 1
