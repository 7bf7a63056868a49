#!/bin/sh
# Golden test driver for one sample capture (automake test log compiler).
#
# Runs tcpview's text and JSON output, and its ladder as text (80 columns)
# and as Mermaid, on the capture and diffs them against
# tests/golden/NAME.txt, NAME.json, NAME.ladder and NAME.mmd.  With REGEN=1 it rewrites the golden
# files instead: read the diff before committing them (git diff tests/golden).
# Environment: TCPVIEW (binary), SRCDIR (source tree); LC_ALL=C and TZ=UTC
# are set so the output does not depend on the machine.
set -u
pcap=$1
name=$(basename "$pcap")
name=${name%.*}
golden=${SRCDIR:-.}/tests/golden
LC_ALL=C TZ=UTC
export LC_ALL TZ
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

"${TCPVIEW:-./tcpview}" --color=never "$pcap" > "$tmp/$name.txt" || exit 1
"${TCPVIEW:-./tcpview}" --json "$pcap" > "$tmp/$name.json" || exit 1
"${TCPVIEW:-./tcpview}" --ladder --width=80 --color=never "$pcap" > "$tmp/$name.ladder" || exit 1
"${TCPVIEW:-./tcpview}" --ladder=mermaid "$pcap" > "$tmp/$name.mmd" || exit 1
# The JSON names the input file; golden files must not depend on the path.
sed -i "s|\"file\":\"[^\"]*\"|\"file\":\"$name\"|" "$tmp/$name.json"

if [ "${REGEN:-0}" = 1 ]; then
	cp "$tmp/$name.txt" "$tmp/$name.json" "$tmp/$name.ladder" "$tmp/$name.mmd" "$golden/" &&
		echo "regenerated $name"
	exit 0
fi
status=0
for ext in txt json ladder mmd; do
	if ! diff -u "$golden/$name.$ext" "$tmp/$name.$ext"; then
		echo "FAIL: $name.$ext differs from tests/golden/$name.$ext"
		status=1
	fi
done
exit $status
