# shellcheck shell=bash
# Shared helpers for the samples/make-*.sh scripts.
# Source it from a script that runs with `set -euo pipefail`.
#
#   cap_start IFACE FILE FILTER [extra tcpdump options...]
#   cap_stop  [MIN_PACKETS]
#   server_start PORT CMD...     (runs CMD in the background, waits until PORT listens)
#   server_stop
#
# Set CAP_NETNS / SERVER_NETNS to a namespace name to run tcpdump / the server
# inside that network namespace (ip netns exec).

SAMPLES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3          # Debian's python3 (has python3-websockets)
CAP_NETNS="${CAP_NETNS:-}"
SERVER_NETNS="${SERVER_NETNS:-}"
CAP_PID=""
CAP_FILE=""
CAP_ERR=""
SERVER_PIDS=()
TMPD="$(mktemp -d /tmp/tcpview-samples.XXXXXX)"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

require_root() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (packet capture, namespaces)"
    for t in tcpdump tshark capinfos "$PY"; do
        command -v "$t" >/dev/null || die "missing $t"
    done
}

in_ns() {  # in_ns NS CMD... : run CMD in namespace NS ('' = here)
    local ns="$1"; shift
    if [ -n "$ns" ]; then ip netns exec "$ns" "$@"; else "$@"; fi
}

# Start tcpdump (or, with CAP_TOOL=dumpcap, dumpcap) and wait until it is
# really capturing: it says "listening on"/"Capturing on" on stderr after the
# socket is bound and the filter installed, and has written the file header.
cap_start() {
    local iface="$1" file="$2" filter="$3"; shift 3
    CAP_FILE="$file"
    CAP_ERR="$TMPD/cap.err"
    rm -f "$file"
    : >"$CAP_ERR"
    local -a cmd=()
    [ -z "$CAP_NETNS" ] || cmd=(ip netns exec "$CAP_NETNS")
    if [ "${CAP_TOOL:-tcpdump}" = dumpcap ]; then
        cmd+=(dumpcap -q -i "$iface" -f "$filter" -w "$file" "$@")
    else
        # -U: write every packet at once (so the header is on disk now),
        # -n: no name resolution, --immediate-mode: no buffering in libpcap,
        # -Z root: keep the file owned by root (tcpdump would switch to user tcpdump).
        cmd+=(tcpdump -n -U --immediate-mode -Z root -i "$iface" -w "$file" "$@" "$filter")
    fi
    # started directly (not through a function) so that $! is the capture
    # process itself and SIGINT reaches it
    "${cmd[@]}" 2>"$CAP_ERR" &
    CAP_PID=$!
    local i
    for i in $(seq 1 100); do
        if grep -qiE 'listening on|capturing on' "$CAP_ERR" && [ -s "$file" ] \
           && [ "$(stat -c %s "$file")" -ge 24 ]; then
            sleep 0.3   # let the kernel filter settle
            return 0
        fi
        kill -0 "$CAP_PID" 2>/dev/null || { cat "$CAP_ERR" >&2; die "capture exited early"; }
        sleep 0.1
    done
    cat "$CAP_ERR" >&2
    die "capture did not start"
}

# Stop the capture with SIGINT (clean end of file), check the packet count.
cap_stop() {
    local min="${1:-1}"
    [ -n "$CAP_PID" ] || return 0
    sleep 0.5          # late packets (FIN/ACK, TIME_WAIT ACKs) get captured
    kill -INT "$CAP_PID" 2>/dev/null || true
    wait "$CAP_PID" || true
    CAP_PID=""
    local n dropped
    n=$(capinfos -c -M -T "$CAP_FILE" | awk -F'\t' 'NR==2 {print $2}')
    dropped=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$CAP_ERR")
    [ -z "$dropped" ] || [ "$dropped" -eq 0 ] || die "$CAP_FILE: $dropped packets dropped by kernel"
    [ "$n" -ge "$min" ] || die "$CAP_FILE: only $n packets captured (want >= $min)"
    log "$(basename "$CAP_FILE"): $n packets, $(stat -c %s "$CAP_FILE") bytes"
}

wait_listen() {  # wait_listen PORT [NS [ADDR]]   ADDR as ss prints it: 127.0.0.1, [::1]
    local port="$1" ns="${2:-}" addr="${3:-}" i
    for i in $(seq 1 100); do
        if in_ns "$ns" ss -Hltn "sport = :$port" | grep -qF "$addr:$port"; then return 0; fi
        sleep 0.05
    done
    die "nothing listens on ${addr:-*}:$port"
}

# Make sure the port is free before a sample starts (stale server from an
# interrupted run).
port_free() {
    local port="$1" ns="${2:-}"
    if in_ns "$ns" ss -Hltn "sport = :$port" | grep -q .; then
        die "port $port is already in use"
    fi
}

# server_start PORT CMD...   run CMD in the background (in $SERVER_NETNS if
# set) and wait until something listens on PORT (on $SERVER_ADDR if set, for
# a second server on the same port). Several servers may run at once.
server_start() {
    local port="$1"; shift
    [ -n "${SERVER_ADDR:-}" ] || port_free "$port" "$SERVER_NETNS"
    local -a cmd=()
    [ -z "$SERVER_NETNS" ] || cmd=(ip netns exec "$SERVER_NETNS")
    cmd+=("$@")
    "${cmd[@]}" >>"$TMPD/server.out" 2>>"$TMPD/server.err" &
    SERVER_PIDS+=($!)
    wait_listen "$port" "$SERVER_NETNS" "${SERVER_ADDR:-}"
}

server_stop() {
    local p
    for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${SERVER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    SERVER_PIDS=()
}

# Cleanup on exit: stop what we started (by pid), remove the temp dir.
# Scripts with more to undo define cleanup_extra().
lib_cleanup() {
    local rc=$?
    [ -z "$CAP_PID" ] || { kill -INT "$CAP_PID" 2>/dev/null || true; wait "$CAP_PID" 2>/dev/null || true; }
    server_stop
    if declare -F cleanup_extra >/dev/null; then cleanup_extra || true; fi
    netns_lo_cleanup
    rm -rf "$TMPD"
    return $rc
}
trap lib_cleanup EXIT
trap 'exit 130' INT TERM

# tshark helpers used by the scripts' self-checks
# TSH_OPTS: extra tshark options for a sample (e.g. -d tcp.port==8083,http)
TSH_OPTS=()
tsh() { tshark -n "${TSH_OPTS[@]}" -r "$@" 2> >(grep -v 'Running as user' >&2); }
count_frames() {  # count_frames FILE DISPLAYFILTER
    tshark -n "${TSH_OPTS[@]}" -r "$1" -o tcp.analyze_sequence_numbers:TRUE -Y "$2" 2>/dev/null | wc -l
}
expect_frames() {  # expect_frames FILE DISPLAYFILTER MIN [MAX]
    local n; n=$(count_frames "$1" "$2")
    [ "$n" -ge "$3" ] || die "$(basename "$1"): '$2' matched $n frames, want >= $3"
    if [ $# -ge 4 ]; then
        [ "$n" -le "$4" ] || die "$(basename "$1"): '$2' matched $n frames, want <= $4"
    fi
    log "check ok: '$2' -> $n frames"
}

# netns_lo NS MTU: create network namespace NS whose only interface is its
# own loopback, with MTU bytes, no TSO/GSO/GRO and gso_max_segs 1, so that
# TCP builds one MSS-sized segment per packet as on an Ethernet path (not
# 64 KB super-segments, which netfilter would also see as one packet).
# The namespace is deleted on exit. Nothing outside it is touched.
NETNS_LO=()
netns_lo() {
    local ns="$1" mtu="$2"
    ip netns del "$ns" 2>/dev/null || true
    ip netns add "$ns"
    NETNS_LO+=("$ns")
    ip -n "$ns" link set lo mtu "$mtu" gso_max_segs 1 up
    command -v ethtool >/dev/null || die "missing ethtool"
    ip netns exec "$ns" ethtool -K lo tso off gso off gro off >/dev/null
}
netns_lo_cleanup() {
    local ns
    for ns in "${NETNS_LO[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    NETNS_LO=()
}
