/*
 * record.h - what the diagnosis found about a connection (diagnose layer,
 * SPEC §10).
 *
 * The diagnosis (diagnose/diagnose.c) watches each connection's records
 * and, as it ends, hands the sink that follows it one struct tv_diagnosis:
 * the findings, each with its code, the side it concerns, the evidence
 * frames and the numbers, in the order of diagnose_code.  The words (say/)
 * make the finding's sentence and the verdict from it.  A value with no
 * pointer but static strings; valid during the call only.  It comes right
 * before the connection's conn_close.  At the end of the input, one more
 * with conn 0 carries the capture-wide verdict (struct tv_capture_verdict).
 */
#ifndef TCPVIEW_DIAGNOSE_RECORD_H
#define TCPVIEW_DIAGNOSE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tcpview/tcp/record.h"

/* Finding codes, the stable names of diagnose_code_name(), most decisive
 * first: the verdict speaks of the first one found. */
enum diagnose_code {
	DX_REFUSED,
	DX_SYN_UNANSWERED,
	DX_ICMP_ERROR,
	DX_TLS_FAILED,		/* a fatal TLS alert ended the handshake */
	DX_RESET_UNREAD_DATA,
	DX_RESET_AFTER_IDLE,
	DX_RESET_ABORT,
	DX_ZERO_WINDOW_STALL,
	DX_RTO,
	DX_FAST_RECOVERY,
	DX_RWND_LIMITED,	/* the receiver's window set the pace */
	DX_NAGLE_DELAYED_ACK,	/* small writes held for a delayed ACK */
	DX_APP_LIMITED,		/* the sender had nothing to send */
	DX_CAPTURE_LOSS,
	DX_MIDSTREAM,
	DX_COUNT
};

#define DX_FRAMES 8	/* evidence frames kept per finding */

struct tv_finding {
	enum diagnose_code code;
	int8_t dir;		/* the side it concerns (tv_dir), -1: both */
	uint32_t count;		/* how many times it happened */
	uint8_t nframes;
	uint64_t frames[DX_FRAMES];	/* the evidence, the first ones */
	int64_t seconds_ns;	/* the time it cost or lasted (0: none) */
	/* syn_unanswered, rto: the waits between sendings (backoff). */
	uint8_t nwaits;
	int64_t waits_ns[DX_FRAMES];
	/* app_limited, nagle_delayed_ack: when each of those waits began,
	 * since the connection's first packet (for the phases). */
	int64_t at_ns[DX_FRAMES];
	uint64_t bytes;		/* rto, fast_recovery: bytes resent; capture_loss: missing */
	struct tv_icmp icmp;	/* icmp_error */
	bool reopened;		/* zero_window_stall: a window update ended it */
	uint8_t alert;		/* tls_failed: the alert's description (RFC 8446 §6) */
	bool answered;		/* reset_unread_data: after an HTTP response (RFC 9112 §9.6) */
	/* rwnd_limited: the sender's data segments, how many filled the
	 * window (count), the receiver's window (the largest while full), the
	 * round trip, the rate reached and the window's ceiling (window / RTT),
	 * the path's rate from the spacing of ACKs within a flight (0:
	 * unknown) and the window that rate needs at this RTT. */
	uint64_t segments;
	uint32_t window;
	int64_t rtt_ns;
	uint64_t rate, ceiling, path_rate, need_window;
	/* nagle_delayed_ack: the longest wait; waits_ns holds the first ones
	 * (app_limited: the first pauses). */
	int64_t longest_ns;
};

/*
 * Where a connection's time went (SPEC §10), in ns, adding up to its
 * duration: the handshake; the client's request (from the handshake to its
 * last data before the server sent any); the server's wait before its
 * first data; the transfer from there to the last data, less the time
 * stalled on a zero window, waiting for retransmission timeouts, paused
 * by the application or waiting for delayed ACKs (each as far as it fits);
 * the close, from the last data to the last packet.
 */
struct tv_phases {
	int64_t connect, request, server_wait, transfer, zero_window, rto;
	int64_t app_pause, delayed_ack, close;
};

struct tv_diagnosis {
	uint64_t conn;		/* 0: the capture-wide verdict */
	struct tv_phases phases;
	uint8_t nfindings;
	struct tv_finding f[DX_COUNT];
	/* The connection's facts the verdict needs. */
	struct tv_endpoint server;
	enum conn_state state;
	int64_t duration_ns;
	uint64_t bytes[2];
	int8_t closed_by, reset_by;
};

/* The capture-wide verdict: failures grouped by server (SPEC §10). */
#define DX_SERVERS_TOLD 8
struct tv_capture_verdict {
	uint64_t connections, failed;
	uint64_t failing_servers;	/* servers with a failure, told or not */
	uint8_t nservers;
	struct tv_server_tally {
		struct tv_endpoint server;
		uint64_t first_conn;	/* its first connection's id */
		uint64_t connections, unanswered, refused, reset, icmp, tls;
	} servers[DX_SERVERS_TOLD];	/* the ones with the most failures, then the first seen */
};

const char *diagnose_code_name(enum diagnose_code c);

/* Adds an evidence frame to a finding; past DX_FRAMES only `count` grows. */
static inline void tv_finding_add_frame(struct tv_finding *f, uint64_t frame)
{
	if (f->nframes < DX_FRAMES)
		f->frames[f->nframes++] = frame;
}

/* Copies `d` with only its findings in use (an output keeping it until
 * the conn_close that follows: most connections have none). */
static inline void tv_diagnosis_copy(struct tv_diagnosis *to, const struct tv_diagnosis *d)
{
	memcpy(to, d, offsetof(struct tv_diagnosis, f));
	memcpy(to->f, d->f, d->nfindings * sizeof(d->f[0]));
	memcpy(&to->server, &d->server,
	       sizeof(*d) - offsetof(struct tv_diagnosis, server));
}

#endif
