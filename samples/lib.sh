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
# Where the captures are written; another directory to try a script out
# without replacing the committed sample.
SAMPLES_OUT="${SAMPLES_OUT:-$SAMPLES_DIR}"
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

# --- recipes shared by several samples -------------------------------------

# close_experiment NAME PORT MODE RSTS FINS: the "Go httpd" experiments.
# servers/httpd.py accepts, waits 100 ms (the request is in its receive
# queue by then), handles the request as MODE says (noread, partial,
# fullread), answers and closes; curl reads until the server closes (no
# Content-Length; after a RST it exits 56).  The server must send RSTS
# resets and FINS FINs.
close_experiment() {
    local name=$1 port=$2 mode=$3 rsts=$4 fins=$5
    local out="$SAMPLES_OUT/$name.pcap"
    server_start "$port" "$PY" "$SAMPLES_DIR/servers/httpd.py" --port "$port" \
        --mode "$mode" --delay 0.1
    cap_start lo "$out" "tcp port $port"
    curl -sS "http://127.0.0.1:$port/" >/dev/null || log "curl exit status $?"
    cap_stop 6
    server_stop
    tsh "$out"
    expect_frames "$out" "tcp.flags.reset==1 && tcp.srcport==$port" "$rsts" "$rsts"
    expect_frames "$out" "tcp.flags.fin==1 && tcp.srcport==$port" "$fins" "$fins"
}

# any_capture NAME PORT LINKTYPE CAPINFOS_TEXT: an HTTP GET captured on the
# "any" pseudo-interface with tcpdump -y LINKTYPE (LINUX_SLL or LINUX_SLL2).
any_capture() {
    local name=$1 port=$2 linktype=$3 text=$4
    local out="$SAMPLES_OUT/$name.pcap"
    server_start "$port" "$PY" "$SAMPLES_DIR/servers/httpd.py" --port "$port"
    cap_start any "$out" "tcp port $port" -y "$linktype"
    curl -sS "http://127.0.0.1:$port/" >/dev/null
    cap_stop 8
    server_stop
    tsh "$out"
    capinfos -t -E -c -s -u -l "$out"
    capinfos -E "$out" | grep -q "$text" || die "link type is not $linktype"
    expect_frames "$out" "http.response" 1 1
}

# relinked_capture NAME PORT TO AF6 CAPINFOS_TEXT: two HTTP GETs on lo, over
# 127.0.0.1 and ::1, captured as Ethernet and CONVERTED by tools/relink.py
# to link type TO (null or loop), IPv6 written as address family AF6.
# Linux cannot capture these link types; nothing but the link header
# changes.
relinked_capture() {
    local name=$1 port=$2 to=$3 af6=$4 text=$5
    local out="$SAMPLES_OUT/$name.pcap" raw="$TMPD/raw.pcap"
    server_start "$port" "$PY" "$SAMPLES_DIR/servers/httpd.py" --host 127.0.0.1 --port "$port"
    SERVER_ADDR='[::1]' server_start "$port" "$PY" "$SAMPLES_DIR/servers/httpd.py" \
        --host ::1 --port "$port"
    cap_start lo "$raw" "tcp port $port"
    curl -sS "http://127.0.0.1:$port/" >/dev/null
    curl -sS -g "http://[::1]:$port/" >/dev/null
    cap_stop 16
    server_stop
    "$PY" "$SAMPLES_DIR/tools/relink.py" --to "$to" --af6 "$af6" "$raw" "$out"
    tsh "$out"
    capinfos -t -E -c -s -u -l "$out"
    capinfos -E "$out" | grep -q "$text" || die "wrong link type"
    expect_frames "$out" "ip && tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
    expect_frames "$out" "ipv6 && tcp.flags.syn==1 && tcp.flags.ack==0" 1 1
    expect_frames "$out" "null.family == 2 && ip" 10 10
    expect_frames "$out" "null.family == $af6 && ipv6" 10 10
    expect_frames "$out" "http.response" 2 2
}

# tagged_capture NAME PORT TAG NET DEFINES FILTER: an HTTP GET between two
# network namespaces made here, tcpview-TAG-a (client NET.1) and
# tcpview-TAG-b (server NET.2), joined by a veth pair.  This kernel has no
# 802.1Q driver ("ip link add ... type vlan": Unknown device type), so each
# veth end pushes the tags on egress and pops them on ingress with a tc BPF
# program (tools/vlan_tag.bpf.c built with clang -DEFINES, kernel helpers
# bpf_skb_vlan_push/pop).  The capture runs on the client's veth inside its
# namespace: tcpdump sees outgoing frames after the tags were pushed and
# incoming frames before they are popped, so every frame carries them.  The
# namespaces are deleted on exit.
tagged_capture() {
    local name=$1 port=$2 tag=$3 net=$4 defines=$5 filter=$6
    local out="$SAMPLES_OUT/$name.pcap" dev="tv${tag:0:1}" ns n side
    command -v clang >/dev/null || die "missing clang (to build tools/vlan_tag.bpf.c)"
    TAGGED_NS=("tcpview-$tag-a" "tcpview-$tag-b")
    cleanup_extra() {
        ip netns del "${TAGGED_NS[0]}" 2>/dev/null || true
        ip netns del "${TAGGED_NS[1]}" 2>/dev/null || true
    }
    cleanup_extra
    # shellcheck disable=SC2086 # DEFINES is a list of -D options
    clang -O2 -target bpf -c "$SAMPLES_DIR/tools/vlan_tag.bpf.c" $defines -o "$TMPD/vlan_tag.o"
    ip netns add "${TAGGED_NS[0]}"
    ip netns add "${TAGGED_NS[1]}"
    ip link add "${dev}a" netns "${TAGGED_NS[0]}" type veth peer name "${dev}b" \
        netns "${TAGGED_NS[1]}"
    for side in a b; do
        if [ $side = a ]; then ns=${TAGGED_NS[0]} n=1; else ns=${TAGGED_NS[1]} n=2; fi
        ip -n "$ns" link set lo up
        # tags written into the frame bytes rather than kept as skb metadata
        ip netns exec "$ns" ethtool -K "$dev$side" txvlan off tx-vlan-stag-hw-insert off \
            >/dev/null 2>&1 || true
        tc -n "$ns" qdisc add dev "$dev$side" clsact
        tc -n "$ns" filter add dev "$dev$side" egress bpf da obj "$TMPD/vlan_tag.o" sec egress
        tc -n "$ns" filter add dev "$dev$side" ingress bpf da obj "$TMPD/vlan_tag.o" sec ingress
        ip -n "$ns" addr add "$net.$n/24" dev "$dev$side"
        ip -n "$ns" link set "$dev$side" up
    done
    SERVER_NETNS=${TAGGED_NS[1]} server_start "$port" "$PY" "$SAMPLES_DIR/servers/httpd.py" \
        --host "$net.2" --port "$port"
    CAP_NETNS=${TAGGED_NS[0]} cap_start "${dev}a" "$out" "$filter"
    ip netns exec "${TAGGED_NS[0]}" curl -sS --max-time 5 "http://$net.2:$port/" >/dev/null
    cap_stop 8
    server_stop
    tsh "$out" -V -c 1 | grep -A5 '802.1' || true
    tsh "$out"
    expect_frames "$out" "http.response" 1 1
}

# tls_session PORT OUT VERSION: one TLS session between OpenSSL's test
# tools, captured on lo into OUT: a self-signed ECDSA P-256 certificate for
# shop.example made in $TMPD, openssl s_server with ALPN http/1.1 and -rev
# (it sends back each line reversed), and openssl s_client VERSION
# (-tls1_2, -tls1_3) with SNI shop.example and ALPN "h2,http/1.1", writing
# its key log to $TMPD/keys.log for the checks (not kept).
tls_session() {
    local port=$1 out=$2 version=$3
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
        -subj /CN=shop.example -addext subjectAltName=DNS:shop.example \
        -keyout "$TMPD/key.pem" -out "$TMPD/cert.pem" 2>/dev/null
    server_start "$port" openssl s_server -accept "127.0.0.1:$port" -naccept 1 -rev \
        -cert "$TMPD/cert.pem" -key "$TMPD/key.pem" -alpn http/1.1 "$version"
    cap_start lo "$out" "tcp port $port"
    # the pause lets the server's answer arrive before s_client sees the
    # end of its input and closes (without -ign_eof/-quiet, EOF means close)
    (printf 'hello shop.example\n'; sleep 0.3) |
        openssl s_client -connect "127.0.0.1:$port" -servername shop.example \
            -alpn h2,http/1.1 "$version" -brief -keylogfile "$TMPD/keys.log" >&2 2>&1
    cap_stop 14
    server_stop
}
