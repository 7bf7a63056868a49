#!/bin/sh
# Replays the HTTP, TLS, DNS, WebSocket and HTTP/2 parsers' fuzz seeds and
# past findings (tests/fuzz/http, tests/fuzz/tls, tests/fuzz/dns,
# tests/fuzz/ws, tests/fuzz/h2)
# through their harnesses, which abort when feeding an input in pieces
# reports anything else than feeding it whole; the suite's sanitizer build
# turns any memory error into a failure.
set -u
dir=${SRCDIR:-.}/tests/fuzz
for p in http tls dns ws h2; do
	prog=./tests/fuzz/fuzz_$p
	[ $p = http ] && prog=./tests/fuzz/replay_http
	set -- "$dir/$p"/*
	[ -e "$1" ] || { echo "FAIL no seeds in $dir/$p"; exit 1; }
	$prog "$@" || { echo "FAIL $prog"; exit 1; }
	echo "PASS $prog: $# inputs"
done
