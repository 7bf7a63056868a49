/*
 * conn.h - the live state of one TCP connection (private to src/tcp).
 *
 * Owned by the tracker, which allocates a struct tv_conn when a
 * connection's first packet arrives and frees it after the sink has its
 * closing report.  Nothing outside src/tcp sees it: consumers get the
 * records of record.h.  The per-direction state follows Suricata's
 * TcpStream and Wireshark's tcp_flow_t: what a side has sent (its sequence
 * space) and what it has acknowledged of the other side.
 */
#ifndef TCPVIEW_TCP_CONN_H
#define TCPVIEW_TCP_CONN_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/decode/packet.h"
#include "tcpview/flow/table.h"
#include "tcpview/tcp/reasm.h"
#include "tcpview/tcp/record.h"

/* A segment sent and not yet acknowledged (Wireshark's tcp_unacked_t). */
struct unacked {
	uint64_t frame;
	uint32_t seq, nextseq;
	struct tv_time ts;
	bool data;		/* carried payload (not only SYN or FIN) */
	bool resent;		/* sent again since: its ACK's RTT is ambiguous (Karn) */
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
	/* Per packet: sequence space, Wireshark's analysis state. */
	bool base_set;
	int8_t win_scale;	/* -1 unknown, -2 no scaling, else the shift */
	bool is_first_ack;	/* between its SYN and its first ACK (Wireshark's is_first_ack) */
	bool ack_seen;		/* has sent a segment with ACK set */
	uint32_t ack_to;	/* the ACK number of its last segment with ACK set */
	bool fin_sent, fin_acked, rst_sent;
	bool zero_open;		/* advertising a zero window since zero_since */
	uint32_t base_seq;	/* relative numbers are from here */
	uint32_t syn_data;	/* bytes its SYN carried (TCP Fast Open, RFC 7413) */
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
	/* Zeek's TCP_Endpoint (zeek.c): its state and the one before the last
	 * change (enum zeek_endpoint, in a byte each), whether it sent a FIN
	 * (FIN_cnt > 0), and LastSeq().  They fill what was padding, since
	 * every connection in memory carries them (tests/synflood.py). */
	uint8_t zeek, zeek_prev;
	bool zeek_fin_seen;
	uint32_t ua_count, ua_cap;
	uint32_t zeek_last;
	/* Segments this side sent that the other has not acknowledged yet. */
	struct unacked *ua;

	/* Now and then: the handshake, teardown, trouble and its evidence
	 * (the 8-byte fields first, so that the 4-byte ones pack). */
	struct tv_time zero_since;
	/* The last timeout retransmission (story.c): its sequence number, when,
	 * the wait before it, and the how-manieth sending it was. */
	struct tv_time rtx_ts;
	int64_t rtx_wait;
	uint32_t rtx_seq;
	uint16_t rtx_count;
	uint64_t dup_frames[3];	/* the last duplicate ACKs this side sent */
	struct tv_time first_dup_ts; /* the first of the current run */
	uint64_t fin_frame;
	uint64_t data_after_peer_fin; /* bytes sent after the peer's FIN */
	uint32_t zero_probes;	/* probes the peer sent since zero_since */
	uint32_t zeek_counts[3]; /* T, W, G letters so far: Zeek repeats them at 1, 10, 100... */
	/* Zeek's TCP_Endpoint bookkeeping (zeek.c): StartSeq(), AckSeq(),
	 * the relative sequence numbers of the last SYN, FIN (its end) and
	 * RST, in 32 bits (see zeek.c), and the wraps of LastSeq() and
	 * AckSeq(), in 16 (65535 wraps are 256 TiB from one side). */
	uint32_t zeek_start, zeek_ack;
	uint32_t zeek_hist_syn, zeek_hist_fin, zeek_hist_rst;
	uint16_t zeek_seq_wraps, zeek_ack_wraps;

	/* For the report: packets, bytes, labels, RTT, SYN options. */
	struct tv_half_stats st;
};

/* Both directions' byte streams, for a sink that wants them. */
struct tv_stream {
	struct tv_stream_side {
		struct tracker *t;
		uint64_t conn;
		enum tv_dir dir;
		struct reasm ra;
	} side[2];
};

struct tv_conn {
	struct flow_node node;	/* key and hash, indexed by the flow table */
	struct tv_conn_info info;
	struct tv_half half[2];	/* [DIR_C2S]: what the client sends */

	struct tv_time last_ts;
	uint64_t packets;
	uint64_t last_frame;
	uint64_t last_packet;	/* conn_ref.packet of its last packet */

	enum conn_state state;
	bool selected;		/* its records reach the sink (--conn) */
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

	char history[32];	/* Zeek's history letters */
	uint8_t history_len;
	uint32_t history_seen;	/* Zeek's hist_seen: kinds of packet already lettered,
				 * the responder's shifted by 16 */

	/* Reassembly, when the sink wants bytes: allocated with the first
	 * payload, so the many connections without any (SYN floods, scans,
	 * refused ones) cost nothing. */
	struct tv_stream *stream;
	struct tv_conn *idle_prev, *idle_next; /* LRU list, least recent first */
};

/* Whether the connection is over (closed by FINs, reset or refused). */
static inline bool conn_finished(const struct tv_conn *c)
{
	return c->state == CS_CLOSED || c->state == CS_RESET ||
	       c->state == CS_REFUSED;
}

/* story.c: handshake, data, ACK, FIN teardown and RST labels and state. */
void story_packet(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
		  uint32_t prev_ack, bool had_ack, struct tv_event *ev);

/*
 * Per direction: packets, payload bytes, bytes sent again, packets per
 * label, and the ACK RTT of its data.  Inline: it runs for every packet.
 */
static inline void stats_count(struct tv_conn *c, enum tv_dir d, const struct tv_event *ev)
{
	struct tv_half_stats *me = &c->half[d].st;
	me->packets++;
	if (ev->len > 0) {
		/* The phases of SPEC §10 (diagnose/) need when data flowed. */
		if (me->bytes == 0)
			me->first_data_ns = ev->rel_ns;
		me->last_data_ns = ev->rel_ns;
		if (c->half[dir_other(d)].st.bytes == 0)
			me->data_before_peer_ns = ev->rel_ns;
	}
	me->bytes += ev->len;
	if (ev->labels & LBIT(L_RETRANSMISSION))
		me->retransmitted_bytes += ev->len;
	for (uint32_t l = ev->labels; l != 0; l &= l - 1)
		me->counts[__builtin_ctz(l)]++;
	if (ev->probes_zero_window)
		me->keep_alive_probes++;
	/* RTT statistics from data/ACK pairs only: a SYN's or FIN's answer
	 * measures the peer's stack, not the path with data in flight. */
	if (ev->acks_frame != 0 && ev->acks_data && ev->ack_rtt_ns > 0) {
		struct tv_half_stats *sender = &c->half[dir_other(d)].st;
		/* Karn's rule (RFC 6298 §3): an ACK of data sent more than
		 * once does not tell which sending it answers. */
		if (ev->ack_of_resent) {
			sender->rtt_skipped++;
			return;
		}
		if (sender->rtt_count == 0 || ev->ack_rtt_ns < sender->rtt_min_ns)
			sender->rtt_min_ns = ev->ack_rtt_ns;
		if (ev->ack_rtt_ns > sender->rtt_max_ns)
			sender->rtt_max_ns = ev->ack_rtt_ns;
		sender->rtt_sum_ns = tv_ns_add(sender->rtt_sum_ns, ev->ack_rtt_ns);
		sender->rtt_count++;
	}
}

/* stats.c: the closing report. */
void stats_report(const struct tv_conn *c, struct tv_conn_report *r);

/* zeek.c: Zeek's endpoint states and history letters for one packet, and
 * the conn_state they give.  Of the packet's labels only the lost segment
 * is read (the G letter); the rest follows Zeek's own rules. */
void zeek_update(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
		 uint32_t labels);
enum zeek_conn_state zeek_conn_state(const struct tv_conn *c);

#endif
