#!/bin/bash
# any-sll.pcap: an HTTP GET captured on "any" with the older cooked header
# LINUX_SLL (DLT 113), forced with tcpdump -y LINUX_SLL.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
any_capture any-sll 8090 LINUX_SLL 'Linux cooked-mode capture v1'
