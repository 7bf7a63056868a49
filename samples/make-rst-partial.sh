#!/bin/bash
# rst-partial.pcap: experiment of the "Go httpd" article. The server accepts,
# waits 100 ms (the request is in its receive queue by then) and
# reads only 10 bytes of the request, writes "Hello world" and closes:
# the rest of the request is still unread, so close() sends RST again.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
close_experiment rst-partial 8102 partial 1 0
