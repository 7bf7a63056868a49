#!/bin/sh
# Runs the unit suites and tcpview over every sample in every output mode
# under valgrind's memcheck: any invalid read or write, use of
# uninitialised memory or leak fails (make check-valgrind; not part of make
# check, where the sanitizer build in CI does the same job faster).
set -u
S=${SRCDIR:-.}/samples
VG="valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fail=0 runs=0
for t in tests/check_*; do
	case $t in *.c|*.h|*.o|*.log|*.trs) continue ;; esac
	runs=$((runs + 1))
	CK_FORK=no $VG "$t" >/dev/null 2>"$t.vg" || { echo "FAIL $t"; cat "$t.vg"; fail=$((fail + 1)); }
done
for s in "$S"/*.pcap "$S"/*.pcapng; do
	for mode in "" -s --json --jsonl --follow=1 -v; do
		runs=$((runs + 1))
		$VG "${TCPVIEW:-./tcpview}" $mode "$s" >/dev/null 2>vg.err ||
			{ echo "FAIL tcpview $mode $s"; cat vg.err; fail=$((fail + 1)); }
	done
done
rm -f vg.err tests/check_*.vg
echo "$((runs - fail)) passed, $fail failed"
[ "$fail" = 0 ]
