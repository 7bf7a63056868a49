/*
 * trouble.c - the words for the expert labels: port reuse, data sent
 * again, gaps, duplicate ACKs, zero windows and their probes, keep-alives,
 * and malformed options.  The rules behind them are the analysis's
 * (analyze.c, story.c); each family below only says what the record holds.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/util/seq.h"

/* How the wait compares with the one before it (story.c decides). */
static void backoff(struct sb *s, const struct tv_event *ev)
{
	int64_t w = ev->resend_wait_ns, prev = ev->resend_prev_wait_ns;
	switch (ev->resend_backoff) {
	case BACKOFF_DOUBLED:
		sb_lit(s, ", twice the previous wait (exponential backoff, RFC 6298 5.5)");
		break;
	case BACKOFF_SAME:
		sb_lit(s, ", the same wait as before");
		break;
	case BACKOFF_OTHER: {
		/* The ratio to one decimal, in integers (no locale). */
		int64_t tenths = (w * 10 + prev / 2) / prev;
		sb_printf(s, ", %" PRId64 ".%" PRId64 " times the previous wait", tenths / 10,
			  tenths % 10);
		break;
	}
	default:
		break;
	}
}

/* "2nd", "3rd", "11th", ... */
static const char *ordinal(unsigned n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	switch (n % 10) {
	case 1: return "st";
	case 2: return "nd";
	case 3: return "rd";
	default: return "th";
	}
}

/* A timeout's retransmission, or a SYN or SYN-ACK sent again. */
static void timeout(struct sb *s, const struct tv_event *ev, const char *peer)
{
	char dur[32];
	fmt_duration(dur, sizeof(dur), ev->resend_wait_ns);
	unsigned n = ev->resend_count;
	if (ev->resend_kind == RESEND_SYN)
		sb_printf(s, "SYN sent again after %s: no answer to the SYN of frame %" PRIu64
			  " (%u%s attempt)", dur, ev->orig_frame, n, ordinal(n));
	else if (ev->resend_kind == RESEND_SYNACK)
		sb_printf(s, "SYN-ACK sent again after %s: the %s has not acknowledged the "
			  "SYN-ACK of frame %" PRIu64 " (%u%s attempt)", dur, peer,
			  ev->orig_frame, n, ordinal(n));
	else if (ev->resend_kind == RESEND_PROBE)
		sb_printf(s, "resent after %s with no acknowledgement and no duplicate ACK "
			  "asking for it (%u%s sending of the data of frame %" PRIu64 "): sooner "
			  "than a retransmission timeout can fire (Linux's is at least 200 ms), "
			  "so likely a tail loss probe (RFC 8985 7)", dur, n, ordinal(n),
			  ev->orig_frame);
	else
		sb_printf(s, "timeout: resent after %s without an acknowledgement (%u%s sending "
			  "of the data of frame %" PRIu64 ")", dur, n, ordinal(n), ev->orig_frame);
	backoff(s, ev);
}

/* Retransmission in its three kinds (RFC 5681 §3.2 for the fast one). */
static void resent(struct sb *s, const struct tv_event *ev, const char *peer)
{
	uint32_t l = ev->labels;
	if (l & LBIT(L_SPURIOUS_RETRANSMISSION)) {
		clause(s);
		sb_printf(s, "spurious retransmission: the %s had already acknowledged "
			  "these bytes, so %" PRIu32 " byte%s went over the network again for "
			  "nothing", peer, ev->len, ev->len == 1 ? "" : "s");
	} else if (l & LBIT(L_FAST_RETRANSMISSION)) {
		clause(s);
		sb_printf(s, "fast retransmission of bytes %" PRIu32 "-%" PRIu32 ": the %s "
			  "asked for them ", ev->seq, ev->seq + (ev->len ? ev->len - 1 : 0),
			  peer);
		if (ev->fast_dups > 0) {
			char dur[32];
			fmt_duration(dur, sizeof(dur), ev->fast_dup_span_ns);
			sb_printf(s, "%u times (duplicate ACKs in frame%s", (unsigned)ev->fast_dups,
				  ev->fast_dups > 1 ? "s" : "");
			if (ev->fast_dups > 3)
				sb_printf(s, " ...");
			for (int i = 0; i < 3 && ev->fast_dup_frames[i] != 0; i++)
				sb_printf(s, "%s %" PRIu64, i ? "," : "", ev->fast_dup_frames[i]);
			sb_printf(s, ") within %s", dur);
		} else {
			sb_printf(s, "again with duplicate ACKs");
		}
		sb_printf(s, ", before its retransmission timer (RFC 5681 3.2)");
	} else if (l & LBIT(L_RETRANSMISSION)) {
		clause(s);
		if (ev->resend_count >= 2) {
			timeout(s, ev, peer);
			return;
		}
		sb_printf(s, "retransmission");
		if (ev->orig_frame != 0)
			sb_printf(s, " of data first sent in frame %" PRIu64, ev->orig_frame);
	}
}

/*
 * The SACK blocks of an ACK (RFC 2018) in the relative numbers of the
 * columns: what the receiver holds beyond the byte it expects, and the hole
 * before it; a first block below the ACK number reports bytes that
 * arrived twice (D-SACK, RFC 2883 4).  A block's right edge is the byte
 * after it.
 */
static void sack_words(struct sb *s, const struct tv_event *ev, bool dsack_only)
{
	const struct tcp_options *o = &ev->opt;
	if (!(o->present & TCPOPT_HAVE_SACK) || o->sack_count == 0)
		return;
	uint32_t base = ev->raw_ack - ev->ack;	/* the data sender's ISN */
	uint32_t lowest = 0;
	bool any = false;
	for (unsigned i = 0; i < o->sack_count; i++) {
		uint32_t left = o->sack_left[i] - base, right = o->sack_right[i] - base;
		if (i == 0 && ev->dsack) {
			if (dsack_only)
				clause(s);
			else
				sb_lit(s, "; ");
			sb_printf(s, "reports bytes %" PRIu32 "-%" PRIu32 " received twice "
				  "(D-SACK, RFC 2883)", left, right - 1);
			continue;
		}
		if (dsack_only)
			break;
		sb_printf(s, "%s%" PRIu32 "-%" PRIu32, any ? ", " : " and has ", left, right - 1);
		if (!any || seq_lt(left, lowest))
			lowest = left;
		any = true;
	}
	if (any && seq_gt(lowest, ev->ack))
		sb_printf(s, " (SACK): missing %" PRIu32 "-%" PRIu32, ev->ack, lowest - 1);
	else if (any)
		sb_lit(s, " (SACK)");
}

/* Bytes out of order, not captured, or acknowledged unseen; dup ACKs. */
static void gaps(struct sb *s, const struct tv_event *ev, const char *who)
{
	uint32_t l = ev->labels;
	if (l & LBIT(L_OUT_OF_ORDER)) {
		clause(s);
		sb_printf(s, "out of order: these bytes come after later ones");
	}
	if (l & LBIT(L_LOST_SEGMENT)) {
		clause(s);
		sb_printf(s, "previous segment not captured: %" PRIu32 " bytes are "
			  "missing before this one (capture started late or dropped them)",
			  ev->missing_bytes);
	}
	if (l & LBIT(L_ACKED_UNSEEN)) {
		clause(s);
		sb_printf(s, "acknowledges data the capture never saw");
	}
	if (l & LBIT(L_DUP_ACK)) {
		clause(s);
		/* No frame when the ACK it repeats is not in the capture. */
		if (ev->dup_ack_frame != 0)
			sb_printf(s, "duplicate ACK #%" PRIu32 " of frame %" PRIu64 ": the %s "
				  "still expects byte %" PRIu32, ev->dup_ack_num,
				  ev->dup_ack_frame, who, ev->ack);
		else
			sb_printf(s, "duplicate ACK #%" PRIu32 ": the %s still expects byte %"
				  PRIu32, ev->dup_ack_num, who, ev->ack);
		sack_words(s, ev, false);
	} else if (ev->flags & TH_ACK) {
		sack_words(s, ev, true);	/* a D-SACK on any ACK */
	}
}

/* A receive window at zero, full, and the probes around it (RFC 9293 §3.8.6.1). */
static void windows(struct sb *s, const struct tv_event *ev, const char *who,
		    const char *peer)
{
	uint32_t l = ev->labels;
	if (l & LBIT(L_ZERO_WINDOW_PROBE)) {
		clause(s);
		sb_printf(s, "zero-window probe: the %s tests whether the %s's window "
			  "has opened", who, peer);
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE_ACK)) {
		clause(s);
		sb_printf(s, "the %s answers the probe", who);
	}
	if (l & LBIT(L_ZERO_WINDOW)) {
		clause(s);
		sb_printf(s, "zero window: the %s's receive buffer is full, the %s must "
			  "wait", who, peer);
	}
	if (l & LBIT(L_WINDOW_FULL)) {
		clause(s);
		sb_printf(s, "window full: this segment fills the %s's advertised window",
			  peer);
	}
}

/* Keep-alives (RFC 1122 §4.2.3.6), or what Wireshark calls one. */
static void keep_alive(struct sb *s, const struct tv_event *ev, const char *who,
		       const char *peer)
{
	if (ev->labels & LBIT(L_KEEP_ALIVE)) {
		clause(s);
		if (ev->probes_zero_window)
			sb_printf(s, "keep-alive (Wireshark's name) used as a zero-window "
				  "probe: the %s's window is 0, so the %s asks with an "
				  "empty segment whether it has opened", peer, who);
		else
			sb_printf(s, "keep-alive: the %s checks that the connection is "
				  "still there (RFC 1122 4.2.3.6)", who);
	}
	if (ev->labels & LBIT(L_KEEP_ALIVE_ACK)) {
		clause(s);
		sb_printf(s, "the %s answers the keep-alive", who);
	}
}

void say_trouble(struct sb *s, const struct tv_event *ev)
{
	const char *who = side(ev->dir);
	const char *peer = side(dir_other(ev->dir));

	if ((ev->labels & LBIT(L_PORT_REUSE)) && ev->isn_restart) {
		clause(s);
		sb_printf(s, "its sequence numbers start again from a new ISN (Wireshark: port "
			  "numbers reused); tcpview keeps it in the same connection");
	} else if (ev->labels & LBIT(L_PORT_REUSE)) {
		clause(s);
		sb_printf(s, "port reuse: a new connection on the 4-tuple of an earlier one");
	}
	resent(s, ev, peer);
	gaps(s, ev, who);
	windows(s, ev, who, peer);
	keep_alive(s, ev, who, peer);
	if (ev->opt.problem != NULL) {
		clause(s);
		sb_printf(s, "malformed TCP options (%s)", ev->opt.problem);
	}
}
