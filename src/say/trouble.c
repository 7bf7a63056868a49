/*
 * trouble.c - the words for the expert labels: port reuse, data sent
 * again, gaps, duplicate ACKs, zero windows and their probes, keep-alives,
 * and malformed options.  The rules behind them are the analysis's
 * (analyze.c, story.c); each family below only says what the record holds.
 * Each sentence is one message in the reader's language (tr.h), a variant
 * per side where it names the client or the server, its numbers formatted
 * here in the C locale and pasted into its placeholders.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/say/tr.h"
#include "tcpview/util/seq.h"

/* How the wait compares with the one before it (story.c decides). */
static void backoff(struct sb *s, const struct tv_event *ev)
{
	int64_t w = ev->resend_wait_ns, prev = ev->resend_prev_wait_ns;
	/* The messages continue the sentence of timeout() below. */
	switch (ev->resend_backoff) {
	case BACKOFF_DOUBLED:
		/* TRANSLATORS: continues a sentence that tells a segment sent
		 * again after a wait ("timeout: resent after 0.400 s without an
		 * acknowledgement (3rd sending of the data of frame 5)"). */
		sb_str(s, _(", twice the previous wait (exponential backoff, RFC 6298 5.5)"));
		break;
	case BACKOFF_SAME:
		/* TRANSLATORS: continues "timeout: resent after 0.400 s without
		 * an acknowledgement (...)", as the message before. */
		sb_str(s, _(", the same wait as before"));
		break;
	case BACKOFF_OTHER: {
		/* The ratio to one decimal, in integers (no locale). */
		int64_t tenths = tv_ns_add(tv_ns_mul(w, 10), prev / 2) / prev;
		char ratio[48];
		fmt_format(ratio, sizeof(ratio), "%" PRId64 ".%" PRId64, tenths / 10,
			   tenths % 10);
		/* TRANSLATORS: continues "timeout: resent after 0.400 s without
		 * an acknowledgement (...)"; %1$s is a ratio with one decimal,
		 * "1.5". */
		sb_msg(s, _(", %1$s times the previous wait"), SAY_ARGS(ratio));
		break;
	}
	default:
		break;
	}
}

/* "2nd", "3rd", "11th", ...: the rank of an attempt or a sending. */
static const char *ordinal(char o[48], unsigned n)
{
	struct num a;
	const char *msg;
	if (n % 100 >= 11 && n % 100 <= 13)
		/* TRANSLATORS: an ordinal number, the rank of an attempt or a
		 * sending in "(2nd attempt)", "(3rd sending of the data of frame
		 * 5)": English picks "st", "nd", "rd" or "th" by the digits; a
		 * language with one form translates the four messages alike. */
		msg = _("%1$sth");
	else if (n % 10 == 1)
		/* TRANSLATORS: an ordinal number, as "%1$sth". */
		msg = _("%1$sst");
	else if (n % 10 == 2)
		/* TRANSLATORS: an ordinal number, as "%1$sth". */
		msg = _("%1$snd");
	else if (n % 10 == 3)
		/* TRANSLATORS: an ordinal number, as "%1$sth". */
		msg = _("%1$srd");
	else
		msg = _("%1$sth");
	say_format(o, 48, msg, SAY_ARGS(num(&a, n)));
	return o;
}

/* A timeout's retransmission, or a SYN or SYN-ACK sent again. */
static void timeout(struct sb *s, const struct tv_event *ev)
{
	char d[32], nth[48];
	struct num f;
	const char *wait = dur(d, ev->resend_wait_ns), *frame = num(&f, ev->orig_frame);
	ordinal(nth, ev->resend_count);
	if (ev->resend_kind == RESEND_SYN)
		/* TRANSLATORS: %1$s is the wait, "1.000 s"; %3$s an ordinal
		 * number, "2nd" (see "%1$sth"). */
		sb_msg(s, _("SYN sent again after %1$s: no answer to the SYN of frame %2$s "
			    "(%3$s attempt)"), SAY_ARGS(wait, frame, nth));
	else if (ev->resend_kind == RESEND_SYNACK && ev->dir == DIR_S2C)
		sb_msg(s, _("SYN-ACK sent again after %1$s: the client has not acknowledged the "
			    "SYN-ACK of frame %2$s (%3$s attempt)"), SAY_ARGS(wait, frame, nth));
	else if (ev->resend_kind == RESEND_SYNACK)
		sb_msg(s, _("SYN-ACK sent again after %1$s: the server has not acknowledged the "
			    "SYN-ACK of frame %2$s (%3$s attempt)"), SAY_ARGS(wait, frame, nth));
	else if (ev->resend_kind == RESEND_PROBE)
		/* TRANSLATORS: %1$s is the wait, %2$s an ordinal number, "3rd"
		 * (see "%1$sth"). */
		sb_msg(s, _("resent after %1$s with no acknowledgement and no duplicate ACK "
			    "asking for it (%2$s sending of the data of frame %3$s): sooner than a "
			    "retransmission timeout can fire (Linux's is at least 200 ms), so "
			    "likely a tail loss probe (RFC 8985 7)"), SAY_ARGS(wait, nth, frame));
	else
		/* TRANSLATORS: %1$s is the wait, %2$s an ordinal number, "3rd"
		 * (see "%1$sth"). */
		sb_msg(s, _("timeout: resent after %1$s without an acknowledgement (%2$s sending "
			    "of the data of frame %3$s)"), SAY_ARGS(wait, nth, frame));
	backoff(s, ev);
}

/* A fast retransmission, with the duplicate ACKs that asked for it. */
static void fast(struct sb *s, const struct tv_event *ev)
{
	struct num a, b, c;
	const char *from = num(&a, ev->seq),
		   *to = num(&b, (uint32_t)(ev->seq + (ev->len ? ev->len - 1 : 0)));
	bool client = ev->dir == DIR_S2C;	/* the client asked for them */
	if (ev->fast_dups == 0) {
		if (client)
			sb_msg(s, _("fast retransmission of bytes %1$s-%2$s: the client asked for "
				    "them again with duplicate ACKs, before its retransmission timer "
				    "(RFC 5681 3.2)"), SAY_ARGS(from, to));
		else
			sb_msg(s, _("fast retransmission of bytes %1$s-%2$s: the server asked for "
				    "them again with duplicate ACKs, before its retransmission timer "
				    "(RFC 5681 3.2)"), SAY_ARGS(from, to));
		return;
	}
	/* The last three frames of the duplicate ACKs: "... 7, 8, 9". */
	char d[32], frames[96];
	struct sb fl = { frames, sizeof(frames), 0, false };
	frames[0] = '\0';
	if (ev->fast_dups > 3)
		sb_lit(&fl, "...");
	for (int i = 0; i < 3 && ev->fast_dup_frames[i] != 0; i++) {
		if (i > 0)
			sb_str(&fl, _(", "));
		else if (fl.len > 0)
			sb_lit(&fl, " ");
		struct num f;
		sb_str(&fl, num(&f, ev->fast_dup_frames[i]));
	}
	const char *n = num(&c, ev->fast_dups), *within = dur(d, ev->fast_dup_span_ns);
	if (client)
		/* TRANSLATORS: %3$s is how many duplicate ACKs asked for the
		 * bytes, %4$s the frames of the last of them ("7, 8, 9", after
		 * "..." when there were more), %5$s the time they took. */
		sb_msg(s, Q_("fast retransmission of bytes %1$s-%2$s: the client asked for them "
			     "%3$s times (duplicate ACKs in frame %4$s) within %5$s, before its "
			     "retransmission timer (RFC 5681 3.2)",
			     "fast retransmission of bytes %1$s-%2$s: the client asked for them "
			     "%3$s times (duplicate ACKs in frames %4$s) within %5$s, before its "
			     "retransmission timer (RFC 5681 3.2)", ev->fast_dups),
		       SAY_ARGS(from, to, n, frames, within));
	else
		sb_msg(s, Q_("fast retransmission of bytes %1$s-%2$s: the server asked for them "
			     "%3$s times (duplicate ACKs in frame %4$s) within %5$s, before its "
			     "retransmission timer (RFC 5681 3.2)",
			     "fast retransmission of bytes %1$s-%2$s: the server asked for them "
			     "%3$s times (duplicate ACKs in frames %4$s) within %5$s, before its "
			     "retransmission timer (RFC 5681 3.2)", ev->fast_dups),
		       SAY_ARGS(from, to, n, frames, within));
}

/* Retransmission in its three kinds (RFC 5681 §3.2 for the fast one). */
static void resent(struct sb *s, const struct tv_event *ev)
{
	uint32_t l = ev->labels;
	struct num a;
	if (l & LBIT(L_SPURIOUS_RETRANSMISSION)) {
		clause(s);
		/* The peer is the one that had acknowledged them. */
		if (ev->dir == DIR_S2C)
			sb_msg(s, Q_("spurious retransmission: the client had already acknowledged "
				     "these bytes, so %1$s byte went over the network again for "
				     "nothing",
				     "spurious retransmission: the client had already acknowledged "
				     "these bytes, so %1$s bytes went over the network again for "
				     "nothing", ev->len), SAY_ARGS(num(&a, ev->len)));
		else
			sb_msg(s, Q_("spurious retransmission: the server had already acknowledged "
				     "these bytes, so %1$s byte went over the network again for "
				     "nothing",
				     "spurious retransmission: the server had already acknowledged "
				     "these bytes, so %1$s bytes went over the network again for "
				     "nothing", ev->len), SAY_ARGS(num(&a, ev->len)));
	} else if (l & LBIT(L_FAST_RETRANSMISSION)) {
		clause(s);
		fast(s, ev);
	} else if (l & LBIT(L_RETRANSMISSION)) {
		clause(s);
		if (ev->resend_count >= 2)
			timeout(s, ev);
		else if (ev->orig_frame != 0)
			sb_msg(s, _("retransmission of data first sent in frame %1$s"),
			       SAY_ARGS(num(&a, ev->orig_frame)));
		else
			sb_str(s, _("retransmission"));
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
	char blocks[160];
	struct sb bl = { blocks, sizeof(blocks), 0, false };
	struct num a, b;
	blocks[0] = '\0';
	for (unsigned i = 0; i < o->sack_count; i++) {
		uint32_t left = o->sack_left[i] - base, right = o->sack_right[i] - base;
		if (i == 0 && ev->dsack) {
			if (dsack_only)
				clause(s);
			else
				sb_lit(s, "; ");
			sb_msg(s, _("reports bytes %1$s-%2$s received twice (D-SACK, RFC 2883)"),
			       SAY_ARGS(num(&a, left), num(&b, right - 1)));
			continue;
		}
		if (dsack_only)
			break;
		/* A block: "100-199", the numbers alone. */
		if (any)
			sb_str(&bl, _(", "));
		sb_str(&bl, num(&a, left));
		sb_lit(&bl, "-");
		sb_str(&bl, num(&a, right - 1));
		if (!any || seq_lt(left, lowest))
			lowest = left;
		any = true;
	}
	if (any && seq_gt(lowest, ev->ack))
		/* TRANSLATORS: continues "duplicate ACK #2 of frame 6: the
		 * client still expects byte 100" (and the D-SACK report after
		 * it, if any) with the blocks the receiver holds beyond it: %1$s
		 * is a list of byte ranges "200-299, 400-499"; %2$s-%3$s the
		 * range still missing. */
		sb_msg(s, _(" and has %1$s (SACK): missing %2$s-%3$s"),
		       SAY_ARGS(blocks, num(&a, ev->ack), num(&b, lowest - 1)));
	else if (any)
		/* TRANSLATORS: continues "duplicate ACK #2 of frame 6: the
		 * client still expects byte 100", as the message before. */
		sb_msg(s, _(" and has %1$s (SACK)"), SAY_ARGS(blocks));
}

/* Bytes out of order, not captured, or acknowledged unseen; dup ACKs. */
static void gaps(struct sb *s, const struct tv_event *ev)
{
	uint32_t l = ev->labels;
	struct num a, b, c;
	if (l & LBIT(L_OUT_OF_ORDER)) {
		clause(s);
		sb_str(s, _("out of order: these bytes come after later ones"));
	}
	if (l & LBIT(L_LOST_SEGMENT)) {
		clause(s);
		sb_msg(s, _("previous segment not captured: %1$s bytes are missing before this "
			    "one (capture started late or dropped them)"),
		       SAY_ARGS(num(&a, ev->missing_bytes)));
	}
	if (l & LBIT(L_ACKED_UNSEEN)) {
		clause(s);
		sb_str(s, _("acknowledges data the capture never saw"));
	}
	if (l & LBIT(L_DUP_ACK)) {
		clause(s);
		const char *n = num(&a, ev->dup_ack_num), *f = num(&b, ev->dup_ack_frame),
			   *byte = num(&c, ev->ack);
		/* No frame when the ACK it repeats is not in the capture. */
		if (ev->dup_ack_frame != 0 && ev->dir == DIR_C2S)
			sb_msg(s, _("duplicate ACK #%1$s of frame %2$s: the client still expects "
				    "byte %3$s"), SAY_ARGS(n, f, byte));
		else if (ev->dup_ack_frame != 0)
			sb_msg(s, _("duplicate ACK #%1$s of frame %2$s: the server still expects "
				    "byte %3$s"), SAY_ARGS(n, f, byte));
		else if (ev->dir == DIR_C2S)
			sb_msg(s, _("duplicate ACK #%1$s: the client still expects byte %2$s"),
			       SAY_ARGS(n, byte));
		else
			sb_msg(s, _("duplicate ACK #%1$s: the server still expects byte %2$s"),
			       SAY_ARGS(n, byte));
		sack_words(s, ev, false);
	} else if (ev->flags & TH_ACK) {
		sack_words(s, ev, true);	/* a D-SACK on any ACK */
	}
}

/* A receive window at zero, full, and the probes around it (RFC 9293 §3.8.6.1). */
static void windows(struct sb *s, const struct tv_event *ev)
{
	uint32_t l = ev->labels;
	bool client = ev->dir == DIR_C2S;	/* the sender is the client */
	if (l & LBIT(L_ZERO_WINDOW_PROBE)) {
		clause(s);
		sb_str(s, client ? _("zero-window probe: the client tests whether the server's "
				     "window has opened")
		       : _("zero-window probe: the server tests whether the client's window "
			   "has opened"));
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE_ACK)) {
		clause(s);
		sb_str(s, client ? _("the client answers the probe")
		       : _("the server answers the probe"));
	}
	if (l & LBIT(L_ZERO_WINDOW)) {
		clause(s);
		sb_str(s, client ? _("zero window: the client's receive buffer is full, the "
				     "server must wait")
		       : _("zero window: the server's receive buffer is full, the client must "
			   "wait"));
	}
	if (l & LBIT(L_WINDOW_FULL)) {
		clause(s);
		sb_str(s, client ? _("window full: this segment fills the server's advertised "
				     "window")
		       : _("window full: this segment fills the client's advertised window"));
	}
}

/* Keep-alives (RFC 1122 §4.2.3.6), or what Wireshark calls one. */
static void keep_alive(struct sb *s, const struct tv_event *ev)
{
	bool client = ev->dir == DIR_C2S;	/* the sender is the client */
	if (ev->labels & LBIT(L_KEEP_ALIVE)) {
		clause(s);
		if (ev->probes_zero_window)
			sb_str(s, client ? _("keep-alive (Wireshark's name) used as a zero-window "
					     "probe: the server's window is 0, so the client asks "
					     "with an empty segment whether it has opened")
			       : _("keep-alive (Wireshark's name) used as a zero-window probe: "
				   "the client's window is 0, so the server asks with an empty "
				   "segment whether it has opened"));
		else
			sb_str(s, client ? _("keep-alive: the client checks that the connection is "
					     "still there (RFC 1122 4.2.3.6)")
			       : _("keep-alive: the server checks that the connection is still "
				   "there (RFC 1122 4.2.3.6)"));
	}
	if (ev->labels & LBIT(L_KEEP_ALIVE_ACK)) {
		clause(s);
		sb_str(s, client ? _("the client answers the keep-alive")
		       : _("the server answers the keep-alive"));
	}
}

void say_trouble(struct sb *s, const struct tv_event *ev)
{
	if ((ev->labels & LBIT(L_PORT_REUSE)) && ev->isn_restart) {
		clause(s);
		sb_str(s, _("its sequence numbers start again from a new ISN (Wireshark: port "
			    "numbers reused); tcpview keeps it in the same connection"));
	} else if (ev->labels & LBIT(L_PORT_REUSE)) {
		clause(s);
		sb_str(s, _("port reuse: a new connection on the 4-tuple of an earlier one"));
	}
	resent(s, ev);
	gaps(s, ev);
	windows(s, ev);
	keep_alive(s, ev);
	if (ev->opt.problem != NULL) {
		clause(s);
		/* TRANSLATORS: %1$s is what is wrong with them, as the option
		 * parser names it. */
		sb_msg(s, _("malformed TCP options (%1$s)"), SAY_ARGS(_(ev->opt.problem)));
	}
}
