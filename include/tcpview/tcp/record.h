/*
 * record.h - the complete records the analysis hands to its consumers.
 *
 * The TCP layer (tracker, sequence analysis, story labels, statistics,
 * Zeek state) fills these; the application layer adds to them; the words
 * (say/) and the outputs (output/) only read them.  A record holds values,
 * never a pointer into the tracker's live state or into libpcap's buffer:
 * a consumer may copy one and render it later or on another thread.  The
 * only pointers are to static strings (tcp_options.problem).
 *
 * Three records: struct tv_conn_info when a connection opens, struct
 * tv_event for each of its TCP packets, struct tv_conn_report when it ends.
 * The sink interface that carries them is in sink.h; the stable names of
 * every enum here are in names.h.
 */
#ifndef TCPVIEW_TCP_RECORD_H
#define TCPVIEW_TCP_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/decode/packet.h"

/* SPEC §3 labels, in the order the SPEC lists them (and output prints them). */
enum tv_label {
	L_SYN,
	L_SYN_ACK,
	L_HANDSHAKE_ACK,
	L_DATA,
	L_ACK,
	L_WINDOW_UPDATE,
	L_ZERO_WINDOW,
	L_ZERO_WINDOW_PROBE,
	L_ZERO_WINDOW_PROBE_ACK,
	L_WINDOW_FULL,
	L_KEEP_ALIVE,
	L_KEEP_ALIVE_ACK,
	L_DUP_ACK,
	L_RETRANSMISSION,
	L_FAST_RETRANSMISSION,
	L_SPURIOUS_RETRANSMISSION,
	L_OUT_OF_ORDER,
	L_LOST_SEGMENT,
	L_ACKED_UNSEEN,
	L_FIN,
	L_TEARDOWN_ACK,
	L_RST,
	L_PORT_REUSE,
	L_ICMP_ERROR,		/* not a segment: an ICMP error about one (SPEC §8) */
	L_COUNT
};

#define LBIT(l) (1u << (l))

enum tv_dir { DIR_C2S = 0, DIR_S2C = 1 };

/* tv_dir of the other side. */
static inline enum tv_dir dir_other(enum tv_dir d)
{
	return d == DIR_C2S ? DIR_S2C : DIR_C2S;
}

/* A reset after the connection was silent this long is told as a reset
 * after idle: servers and middleboxes drop idle connections (tcpview's
 * threshold, well under the shortest common NAT timeouts). */
#define TV_IDLE_RESET_NS (30 * 1000000000LL)

/* SPEC §6: why a reset happened, as far as the capture shows. */
enum rst_reason {
	RST_NONE,
	RST_REFUSED,		/* answers a SYN: nothing listens */
	RST_ABORT,		/* on an established connection */
	RST_AFTER_CLOSE,	/* data arrived after this side sent FIN */
	RST_UNKNOWN_CONNECTION,	/* the sender does not know the connection */
	/* The first the capture shows of a connection whose start it does
	 * not hold: no claim about why can be made. */
	RST_START_NOT_CAPTURED,
	/* A reset the receiver drops: in SYN-SENT one whose ACK does not
	 * acknowledge the SYN (RFC 9293 §3.10.7.3), forged or stale; the
	 * connection goes on. */
	RST_IGNORED,
};

/* A retransmission no duplicate ACK asked for, by what the capture shows. */
enum resend_kind {
	RESEND_NONE,
	RESEND_SYN,		/* a SYN sent again: no answer yet */
	RESEND_SYNACK,		/* a SYN-ACK sent again: its ACK has not come */
	RESEND_PROBE,		/* data, sooner than any RTO: a tail loss probe (RFC 8985) */
	RESEND_TIMEOUT,		/* data, after the retransmission timer (RFC 6298 §5.4) */
};

/* How a resend's wait compares with the one before (RFC 6298 §5.5). */
enum resend_backoff {
	BACKOFF_NONE,		/* the first resend: no previous wait */
	BACKOFF_DOUBLED,	/* 1.8 to 2.2 times */
	BACKOFF_SAME,		/* 0.9 to 1.1 times */
	BACKOFF_OTHER,
};

/* What the SYN-ACK settles about window scaling (RFC 7323 §2.2). */
enum ws_outcome {
	WS_UNDECIDED,		/* not a SYN-ACK, or the client's SYN was not seen */
	WS_BOTH,		/* both SYNs carried the option: scaling from now on */
	WS_DECLINED,		/* the client offered it, the server did not */
	WS_NOT_OFFERED,		/* the client did not offer it */
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

/* Why the tracker stopped following a connection. */
enum conn_end_reason {
	END_CLOSED,		/* FIN teardown completed */
	END_RESET,
	END_PORT_REUSE,		/* a new SYN took over the 4-tuple */
	END_IDLE,		/* idle past the timeout, in capture time */
	END_EOF,		/* the input ended */
	END_LIMIT,		/* tracking limit reached */
};

/* Zeek's conn_state values (base/protocols/conn/main.zeek). */
enum zeek_conn_state {
	ZS_S0, ZS_S1, ZS_SF, ZS_REJ, ZS_S2, ZS_S3, ZS_RSTO, ZS_RSTR,
	ZS_RSTOS0, ZS_RSTRH, ZS_SH, ZS_SHR, ZS_OTH,
};

/* Options from a side's SYN (or SYN-ACK). */
struct syn_options {
	uint16_t present;	/* TCPOPT_HAVE_* */
	uint16_t mss;
	uint8_t wscale;
	uint8_t tfo_cookie_len;
};

struct tv_endpoint {
	struct tv_addr addr;
	uint16_t port;
};

/* Longest first line of an application message that an event quotes. */
#define TV_QUOTE_MAX 72

/* Longest server name a connection carries. */
#define TV_SERVER_NAME_MAX 127

/* A connection as it opens: who is who (SPEC §2). */
struct tv_conn_info {
	uint64_t id;		/* 1-based, in order of first packet */
	struct tv_endpoint end[2]; /* [DIR_C2S]: the client, [DIR_S2C]: the server */
	struct tv_time first_ts;
	uint64_t first_frame;
	uint16_t first_file;	/* the input of its first packet (0: the first) */
	int ts_digits;		/* 6 or 9: the precision of the input that opened it */
	bool midstream;		/* no SYN seen: roles guessed from the ports */
	bool port_reuse;	/* opened by a SYN on an earlier connection's 4-tuple */
	bool continued;		/* goes on after it had ended in memory (SPEC §2) */
};

/* One TCP packet of a connection: the packet's facts and what they mean. */
struct tv_event {
	/* The packet. */
	uint64_t conn;		/* connection id */
	uint64_t frame;		/* numbered in its input */
	uint16_t file;		/* that input (0: the first) */
	struct tv_time ts;
	enum tv_dir dir;
	uint8_t ts_digits;	/* 6 or 9: the precision of its input */
	uint16_t flags;		/* TH_* */
	uint16_t port[2];	/* the client's and the server's port */
	uint32_t len;		/* payload bytes on the wire */
	uint32_t captured_len;	/* of which captured */
	bool truncated;		/* payload cut by the snap length */
	uint8_t hdr_len;	/* TCP header bytes */
	struct tcp_options opt;

	/* Sequence space and window (Wireshark's tcp.seq, tcp.ack, tcp.window_size). */
	uint32_t seq, ack;	/* relative */
	uint32_t raw_seq, raw_ack; /* as on the wire */
	uint32_t win;		/* bytes: win_raw << win_shift when the scale is known */
	uint16_t win_raw;
	int8_t win_shift;	/* shift applied; -1 on a SYN or when unknown */
	bool win_scaled;	/* false: the scale is unknown (handshake not seen) */
	/* port_reuse on a SYN-ACK with a new ISN that stays in this
	 * connection (Wireshark flags it; the connection goes on). */
	bool isn_restart;
	/* After a data segment, when the receiver's ACKs and window scale are
	 * known: the bytes this side has sent beyond the receiver's last ACK
	 * (the highest sent, retransmissions not counted twice) and the
	 * receiver's last window (scaled), which bounds them (RFC 9293
	 * §3.8.6).  flight_known false: not computed. */
	bool flight_known;
	uint32_t in_flight, peer_win;

	int64_t rel_ns;		/* since the connection's first packet */
	int64_t irtt_ns;	/* the handshake's round trip so far (tcp.analysis.initial_rtt), 0: unknown */
	int64_t delta_ns;	/* since the connection's previous packet */

	uint32_t labels;	/* LBIT(L_*) */

	/* What it acknowledges (tcp.analysis.acks_frame, ack_rtt). */
	uint64_t acks_frame;	/* frame whose data this ACK completes (0: none) */
	int64_t ack_rtt_ns;
	bool acks_data;		/* the acknowledged segment carried data */
	uint32_t acked_bytes;	/* bytes newly acknowledged by this ACK */
	uint64_t acked_first_frame; /* oldest frame of the data newly acknowledged */
	bool ack_of_resent;	/* that data was sent more than once (Karn's rule) */

	/* Handshake. */
	int64_t handshake_rtt_ns; /* on handshake_ack: SYN → ACK */
	int64_t synack_rtt_ns;	/* on syn_ack: SYN → SYN-ACK */
	enum ws_outcome ws_outcome; /* on syn_ack */
	uint8_t ws_client_shift;	/* on syn_ack with WS_BOTH: the client's shift (capped) */
	/* On syn_ack, when the SYN carried data (TCP Fast Open): how many
	 * bytes, and whether this SYN-ACK acknowledges them (RFC 7413 §4.2)
	 * or only the SYN (the data is to be sent again). */
	uint32_t tfo_data;
	bool tfo_accepted;

	/* Trouble and its evidence. */
	uint32_t dup_ack_num;	/* dup_ack: how many so far (tcp.analysis.duplicate_ack_num) */
	uint64_t dup_ack_frame;	/* the ACK it duplicates */
	uint64_t orig_frame;	/* retransmission: frame that first carried this data */
	/* A retransmission that no duplicate ACK asked for (a timeout, RFC
	 * 6298 §5.4, or a SYN/SYN-ACK resent): the how-manieth sending of
	 * these bytes this is (2 = the first resend), the wait since the
	 * previous sending, and the wait before that (0: none, the previous
	 * one was the original), for the backoff of §5.5. */
	uint16_t resend_count;
	uint8_t resend_kind;	/* enum resend_kind */
	uint8_t resend_backoff;	/* enum resend_backoff */
	/* The first SACK block lies below the ACK number: a D-SACK reporting
	 * bytes received twice (RFC 2883 §4). */
	bool dsack;
	int64_t resend_wait_ns;
	int64_t resend_prev_wait_ns;
	uint32_t fast_dups;	/* fast retransmission: dup ACKs that asked for it */
	uint64_t fast_dup_frames[3]; /* the last of them (0: none) */
	int64_t fast_dup_span_ns; /* from the first of them to this packet */
	int64_t zero_ns;	/* window update ending a zero window: how long */
	uint32_t zero_probes;	/* and how many probes the peer sent meanwhile */
	uint32_t missing_bytes;	/* lost_segment: bytes not seen before this one */
	bool probes_zero_window; /* keep_alive sent while the peer's window is 0 */

	/* Teardown and reset. */
	uint8_t teardown_step;	/* fin / teardown_ack: 1..4 */
	bool fin_again;		/* fin: this side had sent its FIN before */
	bool simultaneous_close; /* fin (step 3): the first FIN is not acknowledged yet */
	enum rst_reason rst_reason;
	uint64_t rst_fin_frame;	/* rst after_close: the sender's FIN */
	uint64_t rst_received;	/* rst abort: bytes the sender had received */

	/* icmp_error: what the router or host said (the packet fields above
	 * are those of the segment it quotes). */
	struct tv_icmp icmp;

	/* The application slot: filled by the application layer (app/). */
	uint8_t quote_len;	/* first line of an application message, 0: none */
	char quote[TV_QUOTE_MAX];
};

/* One direction's figures over the whole connection. */
struct tv_half_stats {
	uint64_t packets, bytes;
	uint64_t retransmitted_bytes;
	uint32_t counts[L_COUNT];	/* packets per label */
	uint32_t keep_alive_probes;	/* of counts[L_KEEP_ALIVE]: probes of a zero window */
	/* ACK RTT of this side's data (data/ACK pairs only), following Karn's
	 * rule: ACKs of data sent more than once are left out, and counted. */
	uint64_t rtt_count, rtt_skipped;
	int64_t rtt_min_ns, rtt_max_ns, rtt_sum_ns;
	bool saw_syn;		/* sent a SYN or SYN-ACK */
	struct syn_options syn;
	/* When this side's payload flowed, since the connection's first
	 * packet (valid when bytes > 0): its first and last data, and its
	 * last data before the peer sent any (the end of a request). */
	int64_t first_data_ns, last_data_ns, data_before_peer_ns;
};

/* A connection as it ends: its state, history and figures. */
struct tv_conn_report {
	struct tv_conn_info info;
	struct tv_time last_ts;
	uint64_t last_frame;
	uint64_t packets;
	enum conn_state state;
	enum conn_end_reason end_reason;
	int8_t closed_by, reset_by; /* a tv_dir, or -1 */
	enum zeek_conn_state zeek_state;
	char history[32];	/* Zeek's history letters */
	bool hs_complete;
	/* closed: both sides sent FIN, but the ACK of the second FIN is not
	 * in the capture (RFC 9293 §3.6: its sender is closed all the same). */
	bool last_ack_missing;
	int64_t hs_rtt_ns;	/* SYN → the client's handshake ACK (0: not seen) */
	struct tv_half_stats half[2];
	/* The application slot, filled by the application layer (app/):
	 * the name a DNS answer earlier in the capture gave the server's
	 * address (SPEC §9), "" when none. */
	char server_name[TV_SERVER_NAME_MAX + 1];
	bool server_name_cut;
	uint64_t name_frame;	/* the DNS answer's frame */
	int64_t name_age_ns;	/* from that answer to the connection's first packet */
};

#endif
