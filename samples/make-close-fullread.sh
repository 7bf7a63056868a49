#!/bin/bash
# close-fullread.pcap: experiment of the "Go httpd" article. The server accepts,
# waits 100 ms (the request is in its receive queue by then) and
# reads the whole request before writing "Hello world" and closing: nothing
# is left unread, so close() sends a normal FIN (server closes first).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
close_experiment close-fullread 8086 fullread 0 1
