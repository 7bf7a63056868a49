/*
 * story.c - the story labels of SPEC §3 and the state they move.
 *
 * After the sequence analysis (analyze.c) has given a segment tshark's
 * expert labels, this adds the labels a reader follows the conversation
 * by: the three steps of the handshake, data, the ACK of new data, the four
 * steps of the FIN teardown, and the reset with its reason (SPEC §6).  It
 * also decides what the narration will say about them (a FIN sent again, a
 * simultaneous close, a keep-alive that probes a zero window, the outcome of
 * window scaling), so that the words decide no TCP rule.
 */
#include "config.h"

#include "conn.h"
#include "tcpview/util/seq.h"

static void keep_syn_options(struct tv_half *h, const struct tv_packet *p)
{
	h->st.saw_syn = true;
	h->st.syn.present = p->opt.present;
	h->st.syn.mss = p->opt.mss;
	h->st.syn.wscale = p->opt.wscale;
	h->st.syn.tfo_cookie_len = p->opt.tfo_cookie_len;
}

/* RFC 7323 §2.2: scaling is on only when both SYNs carried the option. */
static enum ws_outcome ws_outcome(const struct tv_conn *c, const struct tv_packet *p)
{
	const struct tv_half *cl = &c->half[DIR_C2S];
	if (!cl->st.saw_syn)
		return WS_UNDECIDED;
	if (!(cl->st.syn.present & TCPOPT_HAVE_WSCALE))
		return WS_NOT_OFFERED;
	return (p->opt.present & TCPOPT_HAVE_WSCALE) ? WS_BOTH : WS_DECLINED;
}

/* The three steps of the handshake (RFC 9293 §3.5). */
static uint32_t handshake_labels(struct tv_conn *c, enum tv_dir d,
				 const struct tv_packet *p, struct tv_event *ev)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	uint16_t f = p->flags;
	if ((f & (TH_SYN | TH_ACK)) == TH_SYN) {
		if (c->syn_frame == 0)
			c->syn_frame = p->frame;
		keep_syn_options(me, p);
		me->syn_data = p->len;
		return LBIT(L_SYN);
	}
	if (f & TH_SYN) {
		if (c->synack_frame == 0) {
			c->synack_frame = p->frame;
			c->synack_ts = p->ts;
			if (c->have_syn_ts)
				ev->synack_rtt_ns = tv_time_diff_ns(c->syn_ts, p->ts);
		}
		keep_syn_options(me, p);
		ev->ws_outcome = ws_outcome(c, p);
		if (peer->syn_data > 0 && (f & TH_ACK)) {
			ev->tfo_data = peer->syn_data;
			ev->tfo_accepted = p->ack == peer->base_seq + 1 + peer->syn_data;
		}
		if (ev->ws_outcome == WS_BOTH) {
			uint8_t w = c->half[DIR_C2S].st.syn.wscale;
			ev->ws_client_shift = w > 14 ? 14 : w;	/* RFC 7323 §2.3 */
		}
		return LBIT(L_SYN_ACK);
	}
	if (!(f & TH_ACK) || c->hs_complete || c->synack_frame == 0 || (f & TH_RST))
		return 0;
	/* The client's ACK of the SYN-ACK completes it. */
	uint32_t l = 0;
	if (d == DIR_C2S && p->ack == peer->base_seq + 1) {
		l = LBIT(L_HANDSHAKE_ACK);
		c->hs_ack_frame = p->frame;
		if (c->have_syn_ts)
			ev->handshake_rtt_ns = tv_time_diff_ns(c->syn_ts, p->ts);
		c->hs_rtt_ns = ev->handshake_rtt_ns;
	}
	c->hs_complete = true;
	/* A SYN refused and then sent again and accepted (the same ISN, so
	 * the same connection): the refusal did not end it. */
	if (c->state == CS_REFUSED) {
		c->reset_by = -1;
		c->half[DIR_S2C].rst_sent = false;
	}
	if (c->state == CS_SYN_SENT || c->state == CS_REFUSED)
		c->state = CS_ESTABLISHED;
	return l;
}

/*
 * Bytes of the peer's data that this ACK newly acknowledges: the advance of
 * the ACK number, less the sequence number the peer's SYN and FIN occupy
 * (RFC 9293 §3.4).  Before a side's first ACK the peer's base is the start,
 * unless the base was itself guessed from this ACK (midstream).
 */
static uint32_t newly_acked(const struct tv_half *peer, uint32_t prev_ack,
			    bool had_ack, uint32_t ack)
{
	uint32_t from;
	if (had_ack)
		from = prev_ack;
	else if (peer->st.saw_syn)
		from = peer->base_seq;
	else if (peer->st.packets > 0)
		from = peer->base_seq + 1;	/* midstream: from the first byte seen */
	else
		return 0;	/* the peer's numbers are guessed from this ACK */
	uint32_t n = seq_dist(from, ack);
	if (n == 0)
		return 0;
	if (peer->st.saw_syn && seq_le(from, peer->base_seq) && seq_gt(ack, peer->base_seq))
		n--;
	if (peer->fin_sent && seq_le(from, peer->fin_seq) && seq_gt(ack, peer->fin_seq) &&
	    n > 0)
		n--;
	return n;
}

/* Data, and the ACK of new data (a pure ACK only gets the `ack` label). */
static uint32_t data_and_ack_labels(struct tv_conn *c, enum tv_dir d,
				    const struct tv_packet *p, uint32_t prev_ack,
				    bool had_ack, struct tv_event *ev)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	uint32_t l = 0;
	bool resent = (ev->labels & (LBIT(L_RETRANSMISSION) | LBIT(L_OUT_OF_ORDER))) != 0;
	if (p->len > 0) {
		l |= LBIT(L_DATA);
		if (!resent && peer->fin_sent)
			me->data_after_peer_fin += p->len;
	}
	if ((p->flags & TH_ACK) && !(p->flags & TH_RST)) {
		ev->acked_bytes = newly_acked(peer, prev_ack, had_ack, p->ack);
		if (ev->acked_bytes > 0 && p->len == 0 && !(p->flags & (TH_SYN | TH_FIN)))
			l |= LBIT(L_ACK);
	}
	return l;
}

/*
 * FIN teardown (RFC 9293 §3.6): the first FIN is step 1, its ACK step 2,
 * the second FIN step 3 and its ACK step 4.
 */
static uint32_t teardown_labels(struct tv_conn *c, enum tv_dir d,
				const struct tv_packet *p, struct tv_event *ev)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	uint16_t f = p->flags;
	uint32_t l = 0;
	if ((f & TH_ACK) && peer->fin_sent && !peer->fin_acked &&
	    seq_gt(p->ack, peer->fin_seq)) {
		peer->fin_acked = true;
		l |= LBIT(L_TEARDOWN_ACK);
		ev->teardown_step = me->fin_sent ? 4 : 2;
	}
	if (f & TH_FIN) {
		l |= LBIT(L_FIN);
		ev->fin_again = me->fin_sent;
		if (!me->fin_sent) {
			me->fin_sent = true;
			me->fin_seq = p->seq + p->len;
			me->fin_frame = p->frame;
			if (c->closed_by < 0)
				c->closed_by = (int)d;
			ev->teardown_step = peer->fin_sent ? 3 : 1;
			if (c->state == CS_ESTABLISHED || c->state == CS_MIDSTREAM ||
			    c->state == CS_SYN_SENT)
				c->state = CS_HALF_CLOSED;
		}
		/* Step 3 before the first FIN was acknowledged: both sides
		 * closed at once (RFC 9293 §3.6, case 2). */
		ev->simultaneous_close = !peer->fin_acked;
	}
	if (me->fin_sent && peer->fin_sent && me->fin_acked && peer->fin_acked &&
	    c->state == CS_HALF_CLOSED)
		c->state = CS_CLOSED;
	return l;
}

/* How long a zero window lasted, and how often the peer probed it. */
static void zero_window_watch(struct tv_conn *c, enum tv_dir d,
			      const struct tv_packet *p, struct tv_event *ev)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	if (!(p->flags & (TH_SYN | TH_RST))) {
		if (p->win == 0 && !me->zero_open) {
			me->zero_open = true;
			me->zero_since = p->ts;
			me->zero_probes = 0;
		} else if (p->win != 0 && me->zero_open) {
			me->zero_open = false;
			ev->zero_ns = tv_time_diff_ns(me->zero_since, p->ts);
			ev->zero_probes = me->zero_probes;
		}
	}
	if (peer->zero_open &&
	    (ev->labels & (LBIT(L_ZERO_WINDOW_PROBE) | LBIT(L_KEEP_ALIVE))))
		peer->zero_probes++;
	/* Linux probes a zero window with an empty segment one byte below
	 * the next (tcp_xmit_probe_skb), which Wireshark's rule calls a
	 * keep-alive: the narration says what it really is. */
	if (ev->labels & LBIT(L_KEEP_ALIVE))
		ev->probes_zero_window = peer->window == 0;
}

/* The shortest retransmission timeout a sender uses: Linux's TCP_RTO_MIN
 * (200 ms; RFC 6298 §2.4 asks for 1 s, which stacks do not follow).  A
 * resend of data sooner than that is not the timer's. */
#define RTO_MIN_NS (200 * 1000000LL)

/* The wait against the one before: doubled is RFC 6298 §5.5's backoff. */
static uint8_t backoff_of(int64_t w, int64_t prev)
{
	if (prev <= 0)
		return BACKOFF_NONE;
	int64_t w10 = tv_ns_mul(w, 10);
	if (w10 >= tv_ns_mul(prev, 18) && w10 <= tv_ns_mul(prev, 22))
		return BACKOFF_DOUBLED;
	if (w10 >= tv_ns_mul(prev, 9) && w10 <= tv_ns_mul(prev, 11))
		return BACKOFF_SAME;
	return BACKOFF_OTHER;
}

/*
 * A retransmission that no duplicate ACK asked for is a timeout's (RFC
 * 6298 §5.4), or a SYN or SYN-ACK sent again: how long the sender waited
 * since it last sent these bytes, and how long the time before, which is
 * the backoff of §5.5 (twice each time; Linux resends its first SYNs at
 * a fixed interval where net.ipv4.tcp_syn_linear_timeouts is set).
 */
static void resend_wait(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
			struct tv_event *ev)
{
	struct tv_half *me = &c->half[d];
	uint32_t l = ev->labels;
	/* Karn (RFC 6298 §3): the bytes this resends make their ACK's RTT
	 * ambiguous, whatever kind of retransmission it is. */
	if ((l & LBIT(L_RETRANSMISSION)) && p->len > 0)
		for (uint32_t i = 0; i < me->ua_count; i++)
			if (seq_lt(me->ua[i].seq, p->seq + p->len) && seq_gt(me->ua[i].nextseq, p->seq))
				me->ua[i].resent = true;
	if (!(l & LBIT(L_RETRANSMISSION)) ||
	    (l & (LBIT(L_FAST_RETRANSMISSION) | LBIT(L_SPURIOUS_RETRANSMISSION))) ||
	    ev->orig_frame == 0)
		return;
	if (me->rtx_count > 0 && me->rtx_seq == p->seq) {
		ev->resend_count = (uint16_t)(me->rtx_count + 1);
		ev->resend_wait_ns = tv_time_diff_ns(me->rtx_ts, p->ts);
		ev->resend_prev_wait_ns = me->rtx_wait;
	} else {
		const struct unacked *u = NULL;
		for (uint32_t i = 0; i < me->ua_count; i++)
			if (me->ua[i].frame == ev->orig_frame)
				u = &me->ua[i];
		if (u == NULL)
			return;
		ev->resend_count = 2;
		ev->resend_wait_ns = tv_time_diff_ns(u->ts, p->ts);
		ev->resend_prev_wait_ns = 0;
	}
	if ((p->flags & (TH_SYN | TH_ACK)) == TH_SYN)
		ev->resend_kind = RESEND_SYN;
	else if (p->flags & TH_SYN)
		ev->resend_kind = RESEND_SYNACK;
	else
		ev->resend_kind = ev->resend_wait_ns < RTO_MIN_NS ? RESEND_PROBE : RESEND_TIMEOUT;
	ev->resend_backoff = backoff_of(ev->resend_wait_ns, ev->resend_prev_wait_ns);
	me->rtx_seq = p->seq;
	me->rtx_ts = p->ts;
	me->rtx_wait = ev->resend_wait_ns;
	me->rtx_count = ev->resend_count < UINT16_MAX ? ev->resend_count : UINT16_MAX - 1;
}

/* SPEC §6: what the capture says about why side `d` sent this RST. */
static enum rst_reason rst_reason(const struct tv_conn *c, enum tv_dir d,
				  const struct tv_packet *p)
{
	const struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	if (d == DIR_S2C && peer->st.saw_syn && !me->st.saw_syn && !c->hs_complete) {
		/* RFC 9293 §3.10.7.3, SYN-SENT: a reset counts only with an ACK
		 * of the SYN (SND.UNA < SEG.ACK =< SND.NXT); any other is
		 * dropped, and the client goes on waiting. */
		if (!(p->flags & TH_ACK) || !seq_gt(p->ack, peer->base_seq) ||
		    seq_gt(p->ack, peer->nextseq))
			return RST_IGNORED;
		return RST_REFUSED;	/* RST answering the client's SYN: nothing listens */
	}
	/* Nothing of the connection before: no SYN, this side silent.  The
	 * capture began after it, so it cannot tell why (SPEC §10). */
	if (c->info.midstream && me->st.packets == 0 && peer->st.packets == 0)
		return RST_START_NOT_CAPTURED;
	if (me->rst_sent || (me->st.packets == 0 && !c->hs_complete))
		return RST_UNKNOWN_CONNECTION;
	if (me->fin_sent && peer->data_after_peer_fin > 0)
		return RST_AFTER_CLOSE;
	return RST_ABORT;
}

static uint32_t reset_labels(struct tv_conn *c, enum tv_dir d,
			     const struct tv_packet *p, struct tv_event *ev)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	if (!(p->flags & TH_RST))
		return 0;
	ev->rst_reason = rst_reason(c, d, p);
	ev->rst_fin_frame = me->fin_frame;
	ev->rst_received = peer->st.bytes;
	if (ev->rst_reason == RST_IGNORED)
		return LBIT(L_RST);
	me->rst_sent = true;
	if (c->reset_by < 0 && !conn_finished(c)) {
		c->reset_by = (int)d;
		c->state = ev->rst_reason == RST_REFUSED ? CS_REFUSED : CS_RESET;
	}
	return LBIT(L_RST);
}

void story_packet(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
		  uint32_t prev_ack, bool had_ack, struct tv_event *ev)
{
	uint32_t l = handshake_labels(c, d, p, ev);
	l |= data_and_ack_labels(c, d, p, prev_ack, had_ack, ev);
	l |= teardown_labels(c, d, p, ev);
	zero_window_watch(c, d, p, ev);
	l |= reset_labels(c, d, p, ev);
	ev->labels |= l;
	resend_wait(c, d, p, ev);
	/* RFC 2883 §4: a first SACK block at or below the cumulative ACK
	 * reports a duplicate, not a hole. */
	ev->dsack = (p->opt.present & TCPOPT_HAVE_SACK) && p->opt.sack_count > 0 &&
		    (p->flags & TH_ACK) && seq_le(p->opt.sack_right[0], p->ack);
}
