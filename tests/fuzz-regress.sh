#!/bin/sh
# Replays every input the fuzzer ever found trouble with (tests/fuzz/regress)
# through the whole pipeline and all outputs; the suite's sanitizer build
# (configure --enable-sanitizers) turns any memory error into a failure.
set -u
dir=${SRCDIR:-.}/tests/fuzz/regress
set -- "$dir"/*
[ -e "$1" ] || { echo "no regression inputs yet"; exit 0; }
exec ./tests/fuzz/replay "$@"
