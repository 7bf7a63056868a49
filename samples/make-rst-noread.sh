#!/bin/bash
# rst-noread.pcap: experiment of the "Go httpd" article. The server accepts,
# waits 100 ms (the request is in its receive queue by then) and
# writes "Hello world" and closes the socket WITHOUT reading the request.
# The unread request bytes make close() send RST instead of FIN
# (RFC 1122 4.2.2.13, RFC 9293 3.6).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
close_experiment rst-noread 8084 noread 1 0
