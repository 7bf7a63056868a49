/*
 * event.h - what the analyzer says about one TCP packet.
 *
 * The tracker fills one struct tv_event per TCP packet of a connection and
 * hands it to the reporter, which turns it into text or JSON; nothing here
 * knows about output formats.  The event borrows the packet and the
 * connection: both are valid only during the reporter's event() call.
 */
#ifndef TCPVIEW_EVENT_H
#define TCPVIEW_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/packet.h"

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
	L_COUNT
};

#define LBIT(l) (1u << (l))

/* The stable snake_case name of a label ("window_update"). */
const char *label_name(enum tv_label l);

enum tv_dir { DIR_C2S = 0, DIR_S2C = 1 };

/* SPEC §6: why a reset happened, as far as the capture shows. */
enum rst_reason {
	RST_NONE,
	RST_REFUSED,		/* answers a SYN: nothing listens */
	RST_ABORT,		/* on an established connection */
	RST_AFTER_CLOSE,	/* data arrived after this side sent FIN */
	RST_UNKNOWN_CONNECTION,	/* the sender does not know the connection */
};

const char *rst_reason_name(enum rst_reason r);

struct tv_conn;

struct tv_event {
	const struct tv_packet *pkt;
	const struct tv_conn *conn;
	enum tv_dir dir;
	uint32_t labels;	/* LBIT(L_*) */

	uint32_t seq, ack;	/* relative, unless absolute sequence numbers were asked */
	uint32_t win;		/* bytes: win_raw << win_shift when the scale is known */
	uint16_t win_raw;
	int8_t win_shift;	/* shift applied; -1 on a SYN or when unknown */
	bool win_scaled;	/* false: the scale is unknown (handshake not seen) */

	int64_t rel_ns;		/* since the connection's first packet */
	int64_t delta_ns;	/* since the connection's previous packet */

	uint64_t acks_frame;	/* frame whose data this ACK completes (0: none) */
	int64_t ack_rtt_ns;
	bool acks_data;		/* the acknowledged segment carried data */
	uint32_t acked_bytes;	/* bytes newly acknowledged by this ACK */
	uint64_t acked_first_frame; /* oldest frame of the data newly acknowledged */

	int64_t handshake_rtt_ns; /* on handshake_ack: SYN → ACK */
	int64_t synack_rtt_ns;	/* on syn_ack: SYN → SYN-ACK */

	uint32_t dup_ack_num;	/* dup_ack: how many so far (tcp.analysis.duplicate_ack_num) */
	uint64_t dup_ack_frame;	/* the ACK it duplicates */

	uint64_t orig_frame;	/* retransmission: frame that first carried this data */
	uint32_t fast_dups;	/* fast retransmission: dup ACKs that asked for it */
	uint64_t fast_dup_frames[3]; /* the last of them (0: none) */
	int64_t fast_dup_span_ns; /* from the first of them to this packet */
	int64_t zero_ns;	/* window update ending a zero window: how long */
	uint32_t zero_probes;	/* and how many probes the peer sent meanwhile */
	uint32_t missing_bytes;	/* lost_segment: bytes not seen before this one */

	uint8_t teardown_step;	/* fin / teardown_ack: 1..4 */
	enum rst_reason rst_reason;

	const uint8_t *quote;	/* first line of an application message, or NULL */
	uint8_t quote_len;
};

#endif
