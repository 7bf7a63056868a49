#!/bin/sh
# Differential test: tcpview against tshark on every sample, packet by
# packet (relative seq/ack, scaled window, shared analysis labels).  Prints
# the agreement per label; fails below 99% of packets identical.  Skips
# (exit 77) where tshark is not installed.
set -u
command -v tshark >/dev/null 2>&1 || { echo "SKIP: tshark not installed"; exit 77; }
S=${SRCDIR:-.}/samples
exec "${PYTHON3:-python3}" "${SRCDIR:-.}/tests/compare-tshark.py" \
	--tcpview "${TCPVIEW:-./tcpview}" --min-agreement 99 "$S"/*.pcap "$S"/*.pcapng
