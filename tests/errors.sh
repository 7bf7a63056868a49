#!/bin/sh
# Bad input and usage errors (SPEC §1): exit 1 with a message naming the
# file and packet, everything readable still reported; exit 2 for usage.
set -u
TCPVIEW=${TCPVIEW:-./tcpview}
S=${SRCDIR:-.}/samples
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect NAME STATUS STDERR-PATTERN STDOUT-PATTERN -- ARGS...
expect() {
	name=$1 want=$2 errpat=$3 outpat=$4
	shift 5
	"$TCPVIEW" --color=never "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	ok=1
	[ "$got" = "$want" ] || { echo "FAIL $name: exit $got, want $want"; ok=0; }
	if [ -n "$errpat" ] && ! grep -q -- "$errpat" "$tmp/err"; then
		echo "FAIL $name: stderr lacks '$errpat':"; cat "$tmp/err"; ok=0
	fi
	if [ -n "$outpat" ] && ! grep -q -- "$outpat" "$tmp/out"; then
		echo "FAIL $name: stdout lacks '$outpat'"; ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

expect "missing file" 1 "nope.pcap: No such file" "" -- "$tmp/nope.pcap"
printf 'this is not a capture\n' > "$tmp/text.pcap"
expect "not a capture" 1 "text.pcap: not a readable capture" "" -- "$tmp/text.pcap"

# Nothing to tell when no input opens: the text outputs write nothing (no
# totals of nothing); JSON still describes the input and its error.
expect_empty_stdout() {
	name=$1
	shift
	if [ -s "$tmp/out" ]; then
		echo "FAIL $name: stdout is not empty:"; head -3 "$tmp/out"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
expect "missing file, text" 1 "nope.pcap: No such file" "" -- "$tmp/nope.pcap"
expect_empty_stdout "missing file, text"
expect "missing file, json" 1 "nope.pcap: No such file" '"error":' -- --json "$tmp/nope.pcap"
: > "$tmp/empty.pcap"
expect "empty file" 1 "empty.pcap: the file is empty" "" -- "$tmp/empty.pcap"
expect_empty_stdout "empty file"
expect "empty stdin" 1 "standard input is empty" "" -- - < "$tmp/empty.pcap"

# A file cut in the middle of a record: the packets before it are still told.
size=$(wc -c < "$S/http.pcap")
head -c $((size - 30)) "$S/http.pcap" > "$tmp/cut.pcap"
expect "truncated file" 1 "cut.pcap: packet [0-9]*: " "handshake 3/3" -- "$tmp/cut.pcap"
expect "truncated file, json" 1 "cut.pcap: packet" '"complete":false' -- --json "$tmp/cut.pcap"

# A pcap header with link type 147 (USER0), which tcpview does not decode.
printf '\324\303\262\241\002\000\004\000\000\000\000\000\000\000\000\000\377\377\000\000\223\000\000\000' > "$tmp/user0.pcap"
expect "unsupported link type" 1 "user0.pcap: link type .* is not supported" "" -- "$tmp/user0.pcap"

# One bad input among good ones: the good ones are reported, exit 1.
expect "good and missing" 1 "missing.pcap" "connection 1" -- "$S/http.pcap" "$tmp/missing.pcap"

# Several files (SPEC §11): read in the time order of their packets, so a
# connection cut in two files, given in any order, is the connection of the
# whole file; the same file twice is a usage error.
if command -v editcap >/dev/null 2>&1; then
	editcap -r "$S/loss.pcap" "$tmp/first.pcap" 1-400 >/dev/null 2>&1
	editcap -r "$S/loss.pcap" "$tmp/second.pcap" 401-771 >/dev/null 2>&1
	"$TCPVIEW" -s "$S/loss.pcap" | grep -v ' connection' > "$tmp/whole"
	"$TCPVIEW" -s "$tmp/second.pcap" "$tmp/first.pcap" | grep -v ' connection' > "$tmp/split"
	if cmp -s "$tmp/whole" "$tmp/split"; then pass=$((pass + 1)); else
		echo "FAIL split files: not the connection of the whole file"
		diff "$tmp/whole" "$tmp/split"; fail=$((fail + 1)); fi
	expect "split files name their file" 0 "" '"file":"[^"]*second.pcap","time"' -- \
		--jsonl "$tmp/first.pcap" "$tmp/second.pcap"
fi
expect "same file twice" 2 "http.pcap is given twice" "" -- "$S/http.pcap" "$S/http.pcap"
cp "$S/http.pcap" "$tmp/copy.pcap"
ln "$tmp/copy.pcap" "$tmp/link.pcap" 2>/dev/null &&
	expect "same file, two names" 2 "given twice (under another name)" "" -- \
		"$tmp/copy.pcap" "$tmp/link.pcap"

# A second file older than the first: time goes backwards, nothing breaks.
expect "older second file" 0 "" "^3 connections, 35 packets" -- -s "$S/http2.pcap" "$S/http.pcap"
expect "stdin" 0 "" "handshake 3/3" -- - < "$S/http.pcap"
expect "-r" 0 "" "handshake 3/3" -- -r "$S/http.pcap"
expect "filter keeps" 0 "" "connection 1" -- -f "tcp port 8080" "$S/http.pcap"
expect "filter drops" 0 "" "0 connections" -- -f "port 9" "$S/http.pcap"
# A pcapng file whose interfaces have two link types: libpcap refuses it and
# tcpview's own pcapng reader reads it, -f compiled for each link type; not
# from standard input, which cannot be read twice.
expect "multi-link pcapng" 0 "" "^3 connections, 30 packets" -- -s "$S/multilink.pcapng"
expect "multi-link filter" 0 "" "^1 connection, 10 packets" -- -s -f "tcp port 8105" "$S/multilink.pcapng"
expect "multi-link stdin" 1 "^tcpview: -: packet 1: an interface has a type 276 .*not from standard input" "" -- - < "$S/multilink.pcapng"
expect "multi-link filter per link type" 1 "multilink.pcapng: packet 11: bad filter 'vlan' for link type LINUX_SLL2" "^0 connections" -- -s -f vlan "$S/multilink.pcapng"
expect "bad filter" 2 "bad filter 'port nine'" "" -- -f "port nine" "$S/http.pcap"
# No FILE: standard input is read when it is not a terminal (`tcpview <
# file`, as tcpdump's users expect); on a terminal it is a usage error.
expect "no file, empty stdin" 1 "standard input is empty" "" -- < /dev/null
expect "no file, stdin" 0 "" "handshake 3/3" -- < "$S/http.pcap"
if command -v script >/dev/null 2>&1; then
	script -qec "$TCPVIEW" /dev/null > "$tmp/out" 2>&1 < /dev/null
	got=$?
	if [ "$got" = 2 ] && grep -q "no capture file given" "$tmp/out"; then
		pass=$((pass + 1))
	else
		echo "FAIL no file on a terminal: exit $got"; cat "$tmp/out"; fail=$((fail + 1))
	fi
fi
expect "unknown option" 2 "unknown option" "" -- --nonsense "$S/http.pcap"
expect "bad --time" 2 "bad --time" "" -- --time=later "$S/http.pcap"
expect "two modes" 2 "choose one of" "" -- --json --jsonl "$S/http.pcap"
expect "json summary" 0 "" '"zeek_state":"SF"' -- --json -s "$S/http.pcap"
expect "bad --conn" 2 "bad connection list" "" -- -c 3-1 "$S/http.pcap"
# A selection naming connections the input does not have is a usage error,
# told after the input is read (the count is known only then); what was
# selected and exists is still reported.
expect "follow beyond" 2 "no connection 9 to follow: the input has 1 connection$" "" -- --follow=9 "$S/http.pcap"
expect "conn beyond" 2 "no connection 99 (--conn=99): the input has 1 connection$" "^1 connection, 10 packets" -- -c 99 "$S/http.pcap"
expect "conn partly beyond" 2 "no connection 5-7 (--conn=1,5-7)" "^connection 1:" -- -c 1,5-7 "$S/http.pcap"
expect "conn in range" 0 "" "^connection 1:" -- -c 1-7 "$S/http.pcap"
expect "follow outside conn" 2 "follow=1 is not among --conn=2" "" -- --follow=1 --conn=2 "$S/http.pcap"
expect "follow inside conn" 0 "" "Follow TCP stream: connection 1" -- --follow=1 --conn=1-2 "$S/http.pcap"
expect "help" 0 "" "Usage: tcpview" -- --help
expect "version" 0 "" "^tcpview [0-9]" -- --version

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
