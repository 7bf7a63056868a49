#!/bin/bash
# multilink.pcapng: one pcapng file whose two interfaces have different link
# types, which libpcap refuses ("an interface has a type 276 different from
# the type of the first interface") and tcpview reads with its own pcapng
# reader.  dumpcap captures on lo (EN10MB, filter port 8104) and on the
# "any" pseudo-interface as LINUX_SLL2 (filter port 8105) into one file;
# three HTTP GETs, to 8104, 8105 and 8104 again, are each seen on one
# interface only, so the link type changes twice along the file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_root
command -v dumpcap >/dev/null || die "missing dumpcap"
LO_PORT=8104
ANY_PORT=8105
OUT="$SAMPLES_OUT/multilink.pcapng"

server_start $LO_PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $LO_PORT
server_start $ANY_PORT "$PY" "$SAMPLES_DIR/servers/httpd.py" --port $ANY_PORT
# cap_start's extra options follow its -i lo -f FILTER: a second interface
# with its own link type and capture filter.
CAP_TOOL=dumpcap cap_start lo "$OUT" "tcp port $LO_PORT" \
    -i any -y LINUX_SLL2 -f "tcp port $ANY_PORT"
# dumpcap writes what each interface delivers as it comes; a pause after
# each GET lets every packet reach the file before the next connection, so
# the file stays in time order.
curl -sS -H 'Connection: close' "http://127.0.0.1:$LO_PORT/" >/dev/null
sleep 1
curl -sS -H 'Connection: close' "http://127.0.0.1:$ANY_PORT/" >/dev/null
sleep 1
curl -sS -H 'Connection: close' "http://127.0.0.1:$LO_PORT/second" >/dev/null
cap_stop 24
chmod 644 "$OUT"      # dumpcap creates its file with mode 600
server_stop

tsh "$OUT"
capinfos -t -E -c -s -u -l "$OUT"
capinfos -t "$OUT" | grep -q pcapng || die "not pcapng"
capinfos "$OUT" | grep -q 'Number of interfaces in file: 2' || die "not two interfaces"
capinfos -o "$OUT" | grep -q 'Strict time order: *True' || die "packets not in time order"
# link types along the file: frames 1-10 Ethernet, 11-20 SLL2, 21-30 Ethernet
[ "$(tshark -n -r "$OUT" -T fields -e frame.interface_id 2>/dev/null | uniq -c | wc -l)" = 3 ] ||
    die "the interfaces do not alternate lo, any, lo"
expect_frames "$OUT" "eth" 20 20
expect_frames "$OUT" "sll" 10 10
expect_frames "$OUT" "tcp.flags.syn==1 && tcp.flags.ack==0" 3 3
expect_frames "$OUT" "http.response" 3 3
expect_frames "$OUT" "tcp.flags.reset==1" 0 0
# The point of the sample: libpcap (here through tcpdump) refuses the file.
if tcpdump -n -r "$OUT" >/dev/null 2>"$TMPD/tcpdump.err"; then
    die "libpcap reads $OUT: it no longer shows the mixed link types"
fi
grep -q 'different from the type of the first interface' "$TMPD/tcpdump.err" ||
    { cat "$TMPD/tcpdump.err" >&2; die "libpcap refuses $OUT for another reason"; }
log "check ok: libpcap refuses it: $(cat "$TMPD/tcpdump.err")"
