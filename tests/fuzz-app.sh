#!/bin/sh
# Replays the TLS and DNS parsers' fuzz seeds and past findings
# (tests/fuzz/tls, tests/fuzz/dns) through their harnesses, which abort
# when feeding an input in pieces reports anything else than feeding it
# whole; the suite's sanitizer build turns any memory error into a failure.
set -u
dir=${SRCDIR:-.}/tests/fuzz
for p in tls dns; do
	set -- "$dir/$p"/*
	[ -e "$1" ] || { echo "FAIL no seeds in $dir/$p"; exit 1; }
	./tests/fuzz/fuzz_$p "$@" || { echo "FAIL fuzz_$p"; exit 1; }
	echo "PASS fuzz_$p: $# inputs"
done
