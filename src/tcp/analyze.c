/*
 * analyze.c - sequence analysis matching TShark 4.0's tcp.analysis.* fields.
 *
 * Called by the tracker for every TCP segment of a connection.  Each rule
 * below names the Wireshark field it reproduces; the order of the checks and
 * the early exits ("goto finished_fwd" in packet-tcp.c) are Wireshark's, so
 * that a segment gets exactly tshark's label set.  `fwd` is the sender's
 * direction, `rev` the receiver's.  Windows are compared raw, as Wireshark
 * passes the unscaled 16-bit field to its analysis.
 */
#include "config.h"

#include <stdlib.h>

#include "analyze.h"
#include "tcpview/util/seq.h"

/* Wireshark's 20 ms fast-retransmission window after the last dup ACK. */
#define FAST_RETRANS_NS 20000000LL
/* Out-of-order bound when no initial RTT is known (packet-tcp.c). */
#define OOO_DEFAULT_NS 3000000LL
/* RFC 7323 §2.3: a shift above 14 is treated as 14. */
#define MAX_WSCALE 14

/* dupacknum value left by an ACKed-unseen report (Wireshark's -1 in a
 * guint32): it suppresses repeats and, being huge, passes "dupacknum >= 2". */
#define DUPACK_LOST_MARK UINT32_MAX

#define WS_UNKNOWN (-1)
#define WS_NONE (-2)

void analyze_half_init(struct tv_half *h)
{
	h->win_scale = WS_UNKNOWN;
	h->window = UINT32_MAX;	/* Wireshark starts tcp_flow_t.window at 0xFFFFFFFF */
}

void analyze_half_release(struct tv_half *h)
{
	free(h->ua);
	h->ua = NULL;
	h->ua_count = h->ua_cap = 0;
}

/* Time from `from` to `to` as Wireshark's unsigned 64-bit subtraction. */
static uint64_t elapsed_u64(struct tv_time from, struct tv_time to)
{
	return (uint64_t)tv_time_diff_ns(from, to);
}

static void unacked_push(struct tv_half *h, const struct tv_packet *p,
			 uint32_t nextseq)
{
	if (h->ua_count == h->ua_cap) {
		/* Small at first: most segments are acknowledged before the
		 * next ones are sent, and a SYN flood opens many connections. */
		uint32_t ncap = h->ua_cap ? h->ua_cap * 2 : 2;
		if (ncap > ANALYZE_MAX_UNACKED)
			ncap = ANALYZE_MAX_UNACKED;
		struct unacked *n = realloc(h->ua, ncap * sizeof(*n));
		if (n == NULL)
			return;	/* not tracked, as past Wireshark's cap */
		h->ua = n;
		h->ua_cap = ncap;
	}
	struct unacked *u = &h->ua[h->ua_count++];
	u->frame = p->frame;
	u->seq = p->seq;
	u->nextseq = nextseq;
	u->ts = p->ts;
	u->data = p->len > 0;
	u->resent = false;
}

/*
 * Removes from the receiver's unacked list what `ack` acknowledges
 * (tcp.analysis.acks_frame / ack_rtt).  Wireshark walks its list newest to
 * oldest and the last exact match wins, i.e. the oldest segment whose end is
 * `ack`; walking oldest first, the first match wins.  A segment `ack` falls
 * inside is trimmed to its unacknowledged part.
 */
static void unacked_ack(struct tv_half *rev, const struct tv_packet *p,
			struct tv_event *ev)
{
	uint32_t ack = p->ack, kept = 0;
	for (uint32_t i = 0; i < rev->ua_count; i++) {
		struct unacked *u = &rev->ua[i];
		if (ack == u->nextseq) {
			if (ev->acks_frame == 0) {
				ev->acks_frame = u->frame;
				ev->ack_rtt_ns = tv_time_diff_ns(u->ts, p->ts);
				ev->acks_data = u->data;
				ev->ack_of_resent = u->resent;
			}
		} else if (seq_gt(ack, u->seq) && seq_le(ack, u->nextseq)) {
			u->seq = ack;
			rev->ua[kept++] = *u;
			continue;
		} else if (seq_gt(u->nextseq, ack)) {
			rev->ua[kept++] = *u;
			continue;
		}
		/* acknowledged: dropped */
		if (ev->acked_first_frame == 0 || u->frame < ev->acked_first_frame)
			ev->acked_first_frame = u->frame;
	}
	rev->ua_count = kept;
}

/*
 * tcp.window_size and the window-scale option (RFC 7323 §2.2, §2.3).  The
 * shift applies to segments without SYN once known; the option is taken from
 * any segment, capped at 14, and counts from the next segment on.  On a SYN,
 * Wireshark's verify_tcp_window_scaling() decides: scaling is used only if
 * both SYNs offered it (-2: not used).
 */
static void window_fields(struct tv_half *fwd, struct tv_half *rev,
			  const struct tv_packet *p, struct tv_event *ev)
{
	ev->win_raw = p->win;
	ev->win = p->win;
	ev->win_shift = -1;
	ev->win_scaled = true;
	if (!(p->flags & TH_SYN)) {
		if (fwd->win_scale >= 0) {
			ev->win_shift = fwd->win_scale;
			ev->win = (uint32_t)p->win << fwd->win_scale;
		} else if (fwd->win_scale == WS_NONE) {
			ev->win_shift = 0;
		} else {
			ev->win_scaled = false;	/* handshake not seen: scale unknown */
		}
	}
	if (p->opt.present & TCPOPT_HAVE_WSCALE)
		fwd->win_scale = (int8_t)(p->opt.wscale > MAX_WSCALE ? MAX_WSCALE
							     : p->opt.wscale);
	if (p->flags & TH_SYN) {
		if (fwd->win_scale == WS_UNKNOWN) {
			fwd->win_scale = WS_NONE;
			rev->win_scale = WS_NONE;
		} else if ((p->flags & TH_ACK) && rev->win_scale == WS_NONE) {
			fwd->win_scale = WS_NONE;
		}
	}
}

/* The checks of tcp_analyze_sequence_number() up to "finished_fwd". */
static uint32_t window_and_ack_checks(const struct tv_half *fwd,
				      const struct tv_half *rev,
				      const struct tv_packet *p, struct tv_event *ev)
{
	uint32_t seq = p->seq, len = p->len, win = p->win, l = 0;
	bool ctl = (p->flags & (TH_SYN | TH_FIN | TH_RST)) != 0;

	/* tcp.analysis.zero_window_probe: 1 byte at the next expected
	 * sequence number while the receiver advertises 0 (RFC 9293 §3.8.6.1). */
	if (len == 1 && seq == fwd->nextseq && rev->window == 0)
		return LBIT(L_ZERO_WINDOW_PROBE);

	/* tcp.analysis.zero_window: the sender's own window is 0. */
	if (win == 0 && !ctl)
		l |= LBIT(L_ZERO_WINDOW);

	/* tcp.analysis.lost_segment: starts beyond the highest byte seen. */
	if (fwd->nextseq != 0 && seq_gt(seq, fwd->nextseq) && !(p->flags & TH_RST)) {
		l |= LBIT(L_LOST_SEGMENT);
		ev->missing_bytes = seq - fwd->nextseq;
	}

	/* tcp.analysis.keep_alive: 0 or 1 byte one before the next expected
	 * byte (RFC 1122 §4.2.3.6). */
	if (len <= 1 && seq == fwd->nextseq - 1 && !ctl)
		l |= LBIT(L_KEEP_ALIVE);

	bool same = len == 0 && seq == fwd->nextseq && p->ack == fwd->lastack && !ctl;

	/* tcp.analysis.window_update: only the window changed. */
	if (same && win != 0 && win != fwd->window)
		l |= LBIT(L_WINDOW_UPDATE);

	/* tcp.analysis.window_full: the data reaches the right edge of the
	 * receiver's window; the receiver's scale counts only after its first
	 * ACK of the handshake (Wireshark's is_first_ack). */
	if (len > 0 && rev->win_scale != WS_UNKNOWN && !ctl) {
		int shift = rev->is_first_ack || rev->win_scale == WS_NONE
				    ? 0 : rev->win_scale;
		if (seq + len == rev->lastack + (rev->window << shift))
			l |= LBIT(L_WINDOW_FULL);
	}

	/* tcp.analysis.keep_alive_ack: repeats the last ACK after a keep-alive. */
	if (same && win != 0 && win == fwd->window &&
	    (rev->lastsegmentflags & LBIT(L_KEEP_ALIVE)))
		return l | LBIT(L_KEEP_ALIVE_ACK);

	/* tcp.analysis.zero_window_probe_ack: the zero window repeated after a probe. */
	if (same && win == 0 && win == fwd->window &&
	    (rev->lastsegmentflags & LBIT(L_ZERO_WINDOW_PROBE)))
		return l | LBIT(L_ZERO_WINDOW_PROBE_ACK);

	/* tcp.analysis.duplicate_ack: nothing changed at all. */
	if (same && win != 0 && win == fwd->window)
		l |= LBIT(L_DUP_ACK);
	return l;
}

/*
 * Retransmission, fast retransmission, spurious retransmission and
 * out-of-order, in Wireshark's order (spurious first; with the default
 * fastrt_supersedes_ooo, fast before out-of-order).  Fast and spurious also
 * carry `retransmission`, as tcp.analysis.retransmission is set for both.
 */
static uint32_t retransmission_checks(const struct tv_conn *c,
				      const struct tv_half *fwd,
				      const struct tv_half *rev,
				      const struct tv_packet *p, uint32_t labels,
				      struct tv_event *ev)
{
	uint32_t seq = p->seq, len = p->len;
	bool synfin = (p->flags & (TH_SYN | TH_FIN)) != 0;
	if (!(len > 0 || synfin) || (labels & LBIT(L_KEEP_ALIVE)))
		return 0;

	bool not_advanced = fwd->nextseq != 0 && seq_lt(seq, fwd->nextseq);
	/* Data starting one byte early after a zero-window probe is new data. */
	if (len > 1 && fwd->nextseq - 1 == seq)
		not_advanced = false;

	ev->orig_frame = 0;
	for (uint32_t i = 0; i < fwd->ua_count; i++)
		if (seq_ge(seq, fwd->ua[i].seq) && seq_lt(seq, fwd->ua[i].nextseq)) {
			ev->orig_frame = fwd->ua[i].frame;
			break;
		}

	/* tcp.analysis.spurious_retransmission: the receiver had already
	 * acknowledged all of it. */
	if (len > 0 && rev->lastack != 0 && seq_le(seq + len, rev->lastack))
		return LBIT(L_SPURIOUS_RETRANSMISSION) | LBIT(L_RETRANSMISSION);

	/* tcp.analysis.fast_retransmission: at least 2 dup ACKs asked for this
	 * sequence number, the last one less than 20 ms ago (RFC 5681 §3.2);
	 * the unsigned compare lets an ACKed-unseen mark count, as in tshark. */
	if (not_advanced && rev->dupacknum >= 2 && rev->lastack == seq &&
	    elapsed_u64(rev->lastack_time, p->ts) < (uint64_t)FAST_RETRANS_NS)
		return LBIT(L_FAST_RETRANSMISSION) | LBIT(L_RETRANSMISSION);

	/* tcp.analysis.out_of_order: sent within one initial RTT (3 ms when
	 * unknown) of the highest segment, and not a plain resend of the end. */
	uint64_t thres = c->irtt_ns > 0 ? (uint64_t)c->irtt_ns : OOO_DEFAULT_NS;
	if (not_advanced && elapsed_u64(fwd->nextseq_time, p->ts) < thres &&
	    fwd->nextseq != seq + len + (synfin ? 1 : 0))
		return LBIT(L_OUT_OF_ORDER);

	/* tcp.analysis.retransmission: anything else below the highest byte. */
	return not_advanced ? LBIT(L_RETRANSMISSION) : 0;
}

/*
 * Relative numbers (Wireshark's base_seq): a SYN's own sequence number,
 * else seq - 1 so the first segment seen shows 1; the peer's base is taken
 * from the first ACK (ack - 1) when its SYN was not seen.
 */
static void relative_bases(struct tv_half *fwd, struct tv_half *rev,
			   const struct tv_packet *p)
{
	if (!fwd->base_set) {
		fwd->base_seq = (p->flags & TH_SYN) ? p->seq : p->seq - 1;
		fwd->base_set = true;
	}
	if (!rev->base_set && (p->flags & TH_ACK)) {
		rev->base_seq = p->ack - 1;
		rev->base_set = true;
	}
}

/*
 * finished_fwd: a new ACK number restarts the dup-ACK count; after an
 * ACKed-unseen mark the next dup ACK counts as #1 (tshark 4.0.17).
 */
static void count_dup_acks(struct tv_half *fwd, const struct tv_packet *p,
			   uint32_t labels, struct tv_event *ev)
{
	if (p->ack != fwd->lastack) {
		fwd->lastnondupack = p->frame;
		fwd->dupacknum = 0;
	} else if (labels & LBIT(L_DUP_ACK)) {
		fwd->dupacknum = fwd->dupacknum == DUPACK_LOST_MARK
					 ? 1 : fwd->dupacknum + 1;
		ev->dup_ack_num = fwd->dupacknum;
		ev->dup_ack_frame = fwd->lastnondupack;
		/* Evidence for the narration of a fast retransmission. */
		if (fwd->dupacknum == 1)
			fwd->first_dup_ts = p->ts;
		fwd->dup_frames[(fwd->dupacknum - 1) % 3] = p->frame;
	}
}

/*
 * tcp.analysis.ack_lost_segment: acknowledges data never seen.  If the
 * receiver sent more since the boundary was set, the boundary moves up to
 * it and the ACK is flagged; otherwise only the first such ACK is flagged,
 * and the receiver's dupacknum is marked until its own ACK number changes,
 * so repeated ACKs of the same gap stay quiet (tshark 4.0.17, checked on
 * crafted captures).
 */
static uint32_t acked_unseen(struct tv_half *rev, const struct tv_packet *p)
{
	if (rev->maxseqtobeacked == 0 || !seq_gt(p->ack, rev->maxseqtobeacked) ||
	    !(p->flags & TH_ACK))
		return 0;
	if (seq_lt(rev->maxseqtobeacked, rev->nextseq)) {
		rev->maxseqtobeacked = rev->nextseq;
		return LBIT(L_ACKED_UNSEEN);
	}
	uint32_t l = rev->dupacknum == 0 ? LBIT(L_ACKED_UNSEEN) : 0;
	rev->dupacknum = DUPACK_LOST_MARK;
	return l;
}

/* The dup ACKs that asked for a fast retransmission: the evidence told. */
static void fast_evidence(const struct tv_half *rev, const struct tv_packet *p,
			  struct tv_event *ev)
{
	if (rev->dupacknum == DUPACK_LOST_MARK)
		return;
	uint32_t n = rev->dupacknum, shown = n < 3 ? n : 3;
	ev->fast_dups = n;
	for (uint32_t i = 0; i < shown; i++)
		ev->fast_dup_frames[i] = rev->dup_frames[(n - shown + i) % 3];
	ev->fast_dup_span_ns = tv_time_diff_ns(rev->first_dup_ts, p->ts);
}

/*
 * Remembers the segment until it is acknowledged, and moves the sender's
 * highest sequence number; SYN and FIN count as one byte of sequence space
 * (RFC 9293 §3.4).  A zero-window probe moves neither (packet-tcp.c).
 */
static void remember_segment(struct tv_half *fwd, const struct tv_packet *p,
			     uint32_t labels)
{
	uint32_t nextseq = p->seq + p->len;
	if (p->len > 0 || (p->flags & (TH_SYN | TH_FIN))) {
		if (p->flags & (TH_SYN | TH_FIN))
			nextseq += 1;
		if (fwd->ua_count < ANALYZE_MAX_UNACKED)
			unacked_push(fwd, p, nextseq);
	}
	bool zwp = (labels & LBIT(L_ZERO_WINDOW_PROBE)) != 0;
	if ((seq_gt(nextseq, fwd->nextseq) || fwd->nextseq == 0) && !zwp) {
		fwd->nextseq = nextseq;
		fwd->nextseq_frame = p->frame;
		fwd->nextseq_time = p->ts;
	}
	if ((p->seq == fwd->maxseqtobeacked || fwd->maxseqtobeacked == 0) && !zwp)
		fwd->maxseqtobeacked = fwd->nextseq;
	fwd->window = p->win;
	fwd->lastack = p->ack;
	fwd->lastack_time = p->ts;
	fwd->lastsegmentflags = labels;
}

/*
 * Wireshark's is_first_ack (between a side's SYN and its first ACK,
 * window_full ignores its scale) and tcp.analysis.initial_rtt (latest SYN
 * to the first ACK after it).
 */
static void handshake_timing(struct tv_conn *c, struct tv_half *fwd,
			     const struct tv_packet *p)
{
	uint16_t sa = p->flags & (TH_SYN | TH_ACK);
	if (p->flags & TH_SYN)
		fwd->is_first_ack = true;
	else if (sa == TH_ACK)
		fwd->is_first_ack = false;
	if (sa == TH_SYN) {
		c->syn_ts = p->ts;
		c->have_syn_ts = true;
	} else if (sa == TH_ACK && c->have_syn_ts && c->irtt_ns == 0) {
		c->irtt_ns = tv_time_diff_ns(c->syn_ts, p->ts);
	}
}

/*
 * A data segment's bytes in flight: the highest byte sent (after this
 * segment) less the receiver's last acknowledgment, and the receiver's
 * window that bounds them, scaled as window_full scales it.  Only once the
 * receiver has acknowledged something and its scale is known; an ACK
 * beyond what was seen (the capture missed data) gives nothing.
 */
static void flight(const struct tv_half *fwd, const struct tv_half *rev,
		   const struct tv_packet *p, struct tv_event *ev)
{
	if (p->len == 0 || !rev->ack_seen || rev->win_scale == WS_UNKNOWN ||
	    seq_lt(fwd->nextseq, rev->lastack))
		return;
	int shift = rev->is_first_ack || rev->win_scale == WS_NONE ? 0 : rev->win_scale;
	ev->flight_known = true;
	ev->in_flight = fwd->nextseq - rev->lastack;
	ev->peer_win = rev->window << shift;
}

void analyze_segment(struct tv_conn *c, enum tv_dir d,
		     const struct tv_packet *p, struct tv_event *ev)
{
	struct tv_half *fwd = &c->half[d], *rev = &c->half[dir_other(d)];

	relative_bases(fwd, rev, p);
	uint32_t l = window_and_ack_checks(fwd, rev, p, ev);
	count_dup_acks(fwd, p, l, ev);
	l |= acked_unseen(rev, p);
	l |= retransmission_checks(c, fwd, rev, p, l, ev);
	if (l & LBIT(L_FAST_RETRANSMISSION))
		fast_evidence(rev, p, ev);
	remember_segment(fwd, p, l);
	flight(fwd, rev, p, ev);
	unacked_ack(rev, p, ev);
	ev->labels |= l;

	/* Displayed numbers: tcp.seq is relative; tcp.ack only with ACK set. */
	ev->raw_seq = p->seq;
	ev->raw_ack = p->ack;
	ev->seq = p->seq - fwd->base_seq;
	ev->ack = (p->flags & TH_ACK) ? p->ack - rev->base_seq : p->ack;
	window_fields(fwd, rev, p, ev);
	handshake_timing(c, fwd, p);
	ev->irtt_ns = c->irtt_ns;
}
