/*
 * conn.h - the state of one TCP connection, per direction.
 *
 * Owned by the tracker (tracker.c), which allocates a struct tv_conn when a
 * connection's first packet arrives and frees it after the reporter's
 * connection_end().  Reporters read it; `report` is theirs to hang their own
 * per-connection state on.  The per-direction state follows Suricata's
 * TcpStream and Wireshark's tcp_flow_t: what a side has sent (its sequence
 * space) and what it has acknowledged of the other side.
 */
#ifndef TCPVIEW_CONN_H
#define TCPVIEW_CONN_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/event.h"
#include "tcpview/packet.h"

/* Canonical 4-tuple: the lower (address, port) first, so both directions meet. */
struct flow_key {
	uint8_t family;
	uint8_t addr_lo[16], addr_hi[16];
	uint16_t port_lo, port_hi;
};

/* A segment sent and not yet acknowledged (Wireshark's tcp_unacked_t). */
struct unacked {
	uint64_t frame;
	uint32_t seq, nextseq;
	struct tv_time ts;
	bool data;		/* carried payload (not only SYN or FIN) */
};

/* Options from a side's SYN (or SYN-ACK). */
struct syn_options {
	uint16_t present;	/* TCPOPT_HAVE_* */
	uint16_t mss;
	uint8_t wscale;
	uint8_t tfo_cookie_len;
};

/* Zeek's per-endpoint states (TCP_INACTIVE ... TCP_RESET). */
enum zeek_endpoint {
	ZK_INACTIVE,
	ZK_SYN_SENT,
	ZK_SYN_ACK_SENT,
	ZK_PARTIAL,
	ZK_ESTABLISHED,
	ZK_CLOSED,
	ZK_RESET,
};

/*
 * One direction.  Fields are grouped by how often they are touched: those
 * every packet reads or writes first (so a packet touches few cache lines),
 * the figures kept only for the report after them.
 */
struct tv_half {
	/* Per packet: identity, sequence space, Wireshark's analysis state. */
	struct tv_addr addr;	/* the sender of this direction */
	uint16_t port;
	bool base_set;
	bool saw_syn;		/* sent a SYN or SYN-ACK */
	int8_t win_scale;	/* -1 unknown, -2 no scaling, else the shift */
	bool is_first_ack;	/* between its SYN and its first ACK (Wireshark's is_first_ack) */
	bool ack_seen;		/* has sent a segment with ACK set */
	bool fin_sent, fin_acked, rst_sent;
	bool zero_open;		/* advertising a zero window since zero_since */
	bool msg_start;		/* the next new data starts an application message */
	uint32_t base_seq;	/* relative numbers are from here */
	uint32_t nextseq;	/* highest seq + len sent (0: nothing yet) */
	uint32_t maxseqtobeacked;
	uint32_t lastack;	/* last ack number this side sent */
	uint32_t dupacknum;	/* unsigned as in Wireshark: DUPACK_LOST_MARK is "huge" */
	uint32_t window;	/* last raw window this side advertised */
	uint32_t lastsegmentflags; /* labels of this side's previous segment */
	uint32_t fin_seq;	/* sequence number of the FIN */
	struct tv_time nextseq_time;
	struct tv_time lastack_time;
	uint64_t lastnondupack;	/* frame of the last ACK that moved */
	uint64_t nextseq_frame;
	uint64_t packets, bytes;
	enum zeek_endpoint zeek;
	uint32_t ua_count, ua_cap;
	/* Segments this side sent that the other has not acknowledged yet. */
	struct unacked *ua;

	/* Now and then: the handshake, teardown, trouble and its evidence. */
	struct syn_options syn;
	uint32_t zero_probes;	/* probes the peer sent meanwhile */
	struct tv_time zero_since;
	uint64_t dup_frames[3];	/* the last duplicate ACKs this side sent */
	struct tv_time first_dup_ts; /* the first of the current run */
	uint64_t fin_frame;
	uint64_t data_after_peer_fin; /* bytes sent after the peer's FIN */
	uint32_t zeek_counts[3]; /* T, W, G letters so far: Zeek repeats them at 1, 10, 100... */

	/* For the report. */
	uint64_t retransmitted_bytes;
	uint32_t counts[L_COUNT];
	uint64_t rtt_count;
	int64_t rtt_min_ns, rtt_max_ns, rtt_sum_ns;
};

enum conn_state {
	CS_SYN_SENT,
	CS_ESTABLISHED,
	CS_HALF_CLOSED,
	CS_CLOSED,
	CS_RESET,
	CS_REFUSED,
	CS_MIDSTREAM,
};

const char *conn_state_name(enum conn_state s);

/* Why the tracker stopped following a connection. */
enum conn_end_reason {
	END_CLOSED,		/* FIN teardown completed */
	END_RESET,
	END_PORT_REUSE,		/* a new SYN took over the 4-tuple */
	END_IDLE,		/* idle past the timeout, in capture time */
	END_EOF,		/* the input ended */
	END_LIMIT,		/* tracking limit reached */
};

struct tv_conn {
	uint64_t id;		/* 1-based, in order of first packet */
	struct flow_key key;
	uint32_t hash;
	struct tv_half half[2];	/* [DIR_C2S]: what the client sends */

	struct tv_time first_ts, last_ts;
	uint64_t packets;
	uint64_t first_frame, last_frame;
	int ts_digits;		/* 6 or 9, from the input that opened it */

	enum conn_state state;
	bool midstream;		/* no SYN seen: roles guessed from the ports */
	bool port_reuse;	/* opened by a SYN on an earlier connection's 4-tuple */
	bool selected;		/* passes --conn */
	enum conn_end_reason end_reason;
	int closed_by, reset_by; /* a tv_dir, or -1 */

	/* Handshake (RFC 9293 §3.5). */
	uint64_t syn_frame, synack_frame, hs_ack_frame;
	struct tv_time syn_ts;	/* latest SYN (Wireshark's ts_mru_syn) */
	struct tv_time synack_ts;
	bool have_syn_ts;
	int64_t irtt_ns;	/* Wireshark's tcp.analysis.initial_rtt: SYN → first ACK */
	int64_t hs_rtt_ns;	/* SYN → the client's handshake ACK (0: not seen) */
	bool hs_complete;
	uint8_t teardown_steps;

	char history[32];	/* Zeek's history letters */
	uint8_t history_len;
	uint32_t history_seen;	/* letters already recorded, per direction */

	struct tv_conn *idle_prev, *idle_next; /* LRU list, least recent first */
	void *report;		/* the reporter's own per-connection state */
};

/* tv_dir of the other side. */
static inline enum tv_dir dir_other(enum tv_dir d)
{
	return d == DIR_C2S ? DIR_S2C : DIR_C2S;
}

/* Zeek's conn_state ("SF", "REJ", ...) derived from the endpoint states. */
const char *conn_zeek_state(const struct tv_conn *c);

/* Zeek's endpoint states and history letters for one packet (zeek.c). */
void zeek_update(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
		 uint32_t labels);

#endif
