#!/bin/sh
# Agreement with tshark over the shared corpus of real captures from other
# projects (../shared/corpus, when it is there), against the reference
# tshark output stored beside it: at least 99.9% of the TCP packets, tunnel
# and ICMP-quoted rows aside, must be identical.  Skips (77) without it.
set -u
corpus=${SHARED_DIR:-${SRCDIR:-.}/../shared}/corpus
[ -d "$corpus/real" ] && [ -d "$corpus/ref" ] || { echo "SKIP: no $corpus"; exit 77; }
exec "${PYTHON3:-python3}" "${SRCDIR:-.}/tests/compare-tshark.py" \
	--tcpview "${TCPVIEW:-./tcpview}" --ref "$corpus/ref" \
	--min-agreement 99.9 --min-analysed-agreement 99.9 "$corpus"/real/*
