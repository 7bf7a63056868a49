/*
 * zeek.c - Zeek's view of a connection: conn_state and history.
 *
 * Zeek's conn.log is the lingua franca of connection summaries, so tcpview
 * reports the same two fields.  The tracker calls zeek_update() for every
 * TCP packet, after its own analysis, and zeek_conn_state() when the
 * connection ends.  zeek_update() is a transcription of what Zeek's TCP
 * analyzer does with a packet (TCPSessionAdapter::Process() in
 * src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc, TCP_Endpoint in
 * src/analyzer/protocol/tcp/TCP_Endpoint.{h,cc}), in its order: initialise
 * the endpoint's sequence numbers, record the packet's history letter, note
 * a zero window, initialise or advance what the peer has had acknowledged,
 * advance the endpoint's last sequence number (or count a retransmission),
 * then move the endpoint states.  zeek_conn_state() transcribes
 * conn_state() of base/protocols/conn/main.zeek over those states.  Only
 * what feeds the history and conn_state is kept; Zeek's weirds, events,
 * timers and role flips are not.
 */
#include "config.h"

#include <string.h>

#include "conn.h"

/* Zeek's TOO_LARGE_SEQ_DELTA: SYN and RST sequence numbers further than
 * this from the last one are not trusted (update_last_seq()). */
#define TOO_LARGE_SEQ_DELTA 1048576

/*
 * Zeek's TCP_Endpoint::HistoryMasks: one bit per kind of packet whose
 * letter is recorded once (CheckHistory()), shifted by 16 for the
 * responder.  S and H share a bit, as in Zeek: after a SYN, a SYN-ACK from
 * the same side adds a letter only through update_history()'s
 * new-sequence-number rule.
 */
enum {
	HIST_SYN_PKT = 0x1,
	HIST_FIN_PKT = 0x2,
	HIST_RST_PKT = 0x4,
	HIST_FIN_RST_PKT = 0x8,
	HIST_DATA_PKT = 0x10,
	HIST_ACK_PKT = 0x20,
	HIST_MULTI_FLAG_PKT = 0x40,
};

/* Zeek's seq_delta(): the signed 32-bit distance from b to a. */
static int32_t seq_delta(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

/* TCP_Endpoint::AddHistory(): lower case for the responder. */
static void add_history(struct tv_conn *c, enum tv_dir d, char code)
{
	char ch = d == DIR_C2S ? code : (char)(code - 'A' + 'a');
	if ((size_t)c->history_len + 1 < sizeof(c->history)) {
		c->history[c->history_len++] = ch;
		c->history[c->history_len] = '\0';
	}
}

/*
 * TCP_Endpoint::CheckHistory() over Connection::CheckHistory(): the first
 * packet of a kind records its letter and returns false; later ones
 * return true and record nothing.
 */
static bool check_history(struct tv_conn *c, enum tv_dir d, uint32_t mask, char code)
{
	if (d != DIR_C2S)
		mask <<= 16;
	if (c->history_seen & mask)
		return true;
	c->history_seen |= mask;
	add_history(c, d, code);
	return false;
}

/* Connection::ScaledHistoryEntry(): at the 1st, 10th, 100th ... time. */
static void scaled(struct tv_conn *c, enum tv_dir d, int which, char letter)
{
	uint32_t n = ++c->half[d].zeek_counts[which];
	for (uint32_t at = 1; at <= n && at != 0; at *= 10)
		if (at == n) {
			add_history(c, d, letter);
			return;
		}
}

/* TCP_Endpoint::SetState(): the old state is kept in prev_state. */
static void set_state(struct tv_half *h, enum zeek_endpoint s)
{
	if (h->zeek != s) {
		h->zeek_prev = h->zeek;
		h->zeek = (uint8_t)s;
	}
}

/* TCP_Endpoint::InitStartSeq(), InitAckSeq() and InitLastSeq() at once. */
static void init_seqs(struct tv_half *h, uint32_t start, uint32_t last)
{
	h->zeek_start = start;
	h->zeek_ack = start;
	h->zeek_last = last;
}

/*
 * TCP_Endpoint::UpdateLastSeq() and UpdateAckSeq(): Zeek counts a wrap of
 * the 32-bit space when the new number is below the old one as plain
 * integers (the callers have made sure it moved forward), so the raw
 * comparison is the rule here, not a mistake.
 */
static void update_last(struct tv_half *h, uint32_t seq)
{
	if (seq < h->zeek_last)
		h->zeek_seq_wraps++;
	h->zeek_last = seq;
}

static void update_ack(struct tv_half *h, uint32_t seq)
{
	if (seq < h->zeek_ack)
		h->zeek_ack_wraps++;
	h->zeek_ack = seq;
}

/*
 * init_endpoint(): where an endpoint's sequence numbers start.  A first
 * SYN starts them at its own number; a first packet of another kind starts
 * them one before it, as if a SYN had been missed, with the last number at
 * the packet's start so that the packet is not taken for a retransmission.
 * A later SYN with a new number, or any SYN once established, starts them
 * again; so does a SYN after a RST that was the endpoint's first packet
 * (the RST may have been forged).
 */
static void init_endpoint(struct tv_half *h, uint16_t f, uint32_t seq, uint32_t last)
{
	switch (h->zeek) {
	case ZK_INACTIVE:
		if (f & TH_SYN) {
			init_seqs(h, seq, last);
		} else {
			init_seqs(h, seq - 1, seq);
		}
		break;
	case ZK_SYN_SENT:
	case ZK_SYN_ACK_SENT:
		if ((f & TH_SYN) && seq != h->zeek_start)
			init_seqs(h, seq, last);
		break;
	case ZK_ESTABLISHED:
	case ZK_PARTIAL:
		if (f & TH_SYN)
			init_seqs(h, seq, last);
		break;
	case ZK_RESET:
		if ((f & TH_SYN) && h->zeek_prev == ZK_INACTIVE)
			init_seqs(h, seq, last);
		break;
	case ZK_CLOSED:
		break;
	}
}

/*
 * get_relative_seq(): `cur` relative to the endpoint's start, in 64 bits,
 * the wraps counted so far adjusted by where `cur` falls from `last`.
 * Before any wrap a number before the start is an underflow, returned as
 * Zeek returns it (the negative distance converted to uint64_t).
 */
static uint64_t relative_seq(const struct tv_half *h, uint32_t cur, uint32_t last,
			     uint32_t wraps, bool *underflow)
{
	int32_t delta = seq_delta(cur, last);
	if (delta < 0) {
		if (wraps != 0 && cur > last)
			wraps--;	/* part of the previous 32-bit space */
	} else if (delta > 0) {
		if (cur < last)
			wraps++;	/* the space wrapped around */
	}
	if (wraps == 0) {
		delta = seq_delta(cur, h->zeek_start);
		if (delta < 0)
			*underflow = true;
		return (uint64_t)(int64_t)delta;
	}
	return ((uint64_t)wraps << 32) + cur - h->zeek_start;
}

/*
 * update_history(): the letter of the packet's kind.  S (H with ACK), F
 * and R are recorded again when their sequence number differs from the
 * last one of that kind from this endpoint (for a FIN, the number after
 * its data); D, A, Q and I only once per direction.  Zeek keeps those
 * relative numbers in 64 bits, tcpview their low 32 bits (struct
 * tv_half stays small): the two differ only for two packets of a kind
 * exactly a multiple of 4 GiB of sequence space apart.
 */
static void update_history(struct tv_conn *c, enum tv_dir d, uint16_t f,
			   uint64_t rel_seq, uint32_t len)
{
	struct tv_half *me = &c->half[d];
	int bits = !!(f & TH_SYN) + !!(f & TH_FIN) + !!(f & TH_RST);

	if (bits > 1) {
		if ((f & TH_FIN) && (f & TH_RST))
			check_history(c, d, HIST_FIN_RST_PKT, 'I');
		else
			check_history(c, d, HIST_MULTI_FLAG_PKT, 'Q');
	} else if (bits == 1) {
		if (f & TH_SYN) {
			char code = (f & TH_ACK) ? 'H' : 'S';
			if (check_history(c, d, HIST_SYN_PKT, code) &&
			    (uint32_t)rel_seq != me->zeek_hist_syn)
				add_history(c, d, code);
			me->zeek_hist_syn = (uint32_t)rel_seq;
		}
		if (f & TH_FIN) {
			if (check_history(c, d, HIST_FIN_PKT, 'F') &&
			    (uint32_t)(rel_seq + len) != me->zeek_hist_fin)
				add_history(c, d, 'F');
			me->zeek_hist_fin = (uint32_t)(rel_seq + len);
		}
		if (f & TH_RST) {
			if (check_history(c, d, HIST_RST_PKT, 'R') &&
			    (uint32_t)rel_seq != me->zeek_hist_rst)
				add_history(c, d, 'R');
			me->zeek_hist_rst = (uint32_t)rel_seq;
		}
	} else if (len > 0) {
		check_history(c, d, HIST_DATA_PKT, 'D');
	} else if (f & TH_ACK) {
		check_history(c, d, HIST_ACK_PKT, 'A');
	}
}

/*
 * The acknowledgement number, as Process() takes it: the first ACK for an
 * endpoint not heard from yet starts that endpoint's numbers just before
 * it (init_peer()); later ones advance what it has had acknowledged
 * (update_ack_seq()), unless before its start or carried by a RST.  An ACK
 * number of 0 that would jump far ahead is taken for a broken one.
 */
static void take_ack(struct tv_half *peer, uint16_t f, uint32_t ack)
{
	if (peer->zeek == ZK_INACTIVE) {
		init_seqs(peer, ack - 1, ack - 1);
		return;
	}
	bool underflow = false;
	relative_seq(peer, ack, peer->zeek_ack, peer->zeek_ack_wraps, &underflow);
	if (underflow || (f & TH_RST))
		return;
	int32_t delta = seq_delta(ack, peer->zeek_ack);
	if (ack == 0 && delta > TOO_LARGE_SEQ_DELTA)
		return;
	if (delta > 0)
		update_ack(peer, ack);
}

/*
 * update_last_seq(): `last` is the number one past the segment.  A segment
 * that moves it forward advances the endpoint; one that does not, and
 * carries payload, is a retransmission (TCP_Endpoint::DidRxmit(): T).  A
 * SYN or RST far from the last number is not trusted; a FIN right after
 * the SYN is trusted even backwards (a connection of more than 2 GB seen
 * only by its SYN and FIN); nothing is trusted once the endpoint has
 * reset.  (Zeek returns the distance, delta_last, only for a weird.)
 */
static void update_last_seq(struct tv_conn *c, enum tv_dir d, uint16_t f,
			       uint32_t last, uint32_t len)
{
	struct tv_half *me = &c->half[d];
	int32_t delta = seq_delta(last, me->zeek_last);

	if ((f & (TH_SYN | TH_RST)) &&
	    (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA))
		;
	else if ((f & TH_FIN) && me->zeek_last == me->zeek_start + 1)
		update_last(me, last);
	else if (me->zeek == ZK_RESET)
		;
	else if (delta > 0)
		update_last(me, last);
	else if (len > 0)
		scaled(c, d, 0, 'T');
}

/*
 * TCPSessionAdapter::UpdateInactiveState(): the first packets of an
 * endpoint.  The originator's SYN is SYN_SENT (SYN_ACK_SENT with ACK).
 * The responder's SYN, with ACK or without (a simultaneous open, or a SYN
 * and SYN-ACK sent the wrong way round, where Zeek also flips the roles),
 * establishes it and an originator in SYN_SENT.  FIN closes, RST resets.
 * Without any of them: a pure ACK from the responder to an originator in
 * SYN_SENT changes nothing (stacks that ACK a SYN before answering it); an
 * ACK when the peer is established establishes; anything else is partial.
 */
static void update_inactive(struct tv_half *me, struct tv_half *peer, struct tv_half *orig,
			    bool is_orig, uint16_t f, uint32_t seq, uint32_t len)
{
	if (f & TH_SYN) {
		if (is_orig) {
			set_state(me, (f & TH_ACK) ? ZK_SYN_ACK_SENT : ZK_SYN_SENT);
		} else {
			if (!(f & TH_ACK) && peer->zeek == ZK_SYN_ACK_SENT &&
			    seq == me->zeek_start)
				set_state(peer, ZK_ESTABLISHED);
			if (peer->zeek == ZK_SYN_SENT)
				set_state(peer, ZK_ESTABLISHED);
			set_state(me, ZK_ESTABLISHED);
		}
	}
	if (f & TH_FIN)
		set_state(me, ZK_CLOSED);
	if (f & TH_RST)
		set_state(me, ZK_RESET);
	if (me->zeek == ZK_INACTIVE) {
		if (!is_orig && len == 0 && orig->zeek == ZK_SYN_SENT)
			;
		else if ((f & TH_ACK) && peer->zeek == ZK_ESTABLISHED)
			set_state(me, ZK_ESTABLISHED);
		else
			set_state(me, ZK_PARTIAL);
	}
}

/* TCPSessionAdapter::UpdateSYN_SentState(): FIN closes, RST resets. */
static void update_syn_sent(struct tv_half *me, uint16_t f)
{
	if (f & TH_FIN)
		set_state(me, ZK_CLOSED);
	if (f & TH_RST)
		set_state(me, ZK_RESET);
}

/*
 * TCPSessionAdapter::UpdateEstablishedState(): a SYN from a partial
 * endpoint whose peer is silent starts over as SYN_SENT.  A FIN closes;
 * if the peer had closed and then reset, its RST is taken as part of a
 * normal close and the peer is closed again.  A RST resets.
 */
static void update_established(struct tv_half *me, struct tv_half *peer, uint16_t f)
{
	if ((f & TH_SYN) && me->zeek == ZK_PARTIAL && peer->zeek == ZK_INACTIVE &&
	    !(f & TH_ACK))
		set_state(me, ZK_SYN_SENT);
	if ((f & TH_FIN) && !(f & TH_RST)) {
		set_state(me, ZK_CLOSED);
		if (peer->zeek == ZK_RESET && peer->zeek_prev == ZK_CLOSED)
			set_state(peer, ZK_CLOSED);
	}
	if (f & TH_RST)
		set_state(me, ZK_RESET);
}

/* TCPSessionAdapter::UpdateClosedState(): a RST after our FIN resets,
 * unless both sides had closed (the FIN exchange already ended it). */
static void update_closed(struct tv_half *me, struct tv_half *peer, uint16_t f)
{
	if ((f & TH_RST) && peer->zeek != ZK_CLOSED)
		set_state(me, ZK_RESET);
}

/* TCPSessionAdapter::UpdateStateMachine(): by the endpoint's state.  In
 * RESET (UpdateResetState()) nothing changes. */
static void update_state_machine(struct tv_conn *c, enum tv_dir d, uint16_t f,
				 uint32_t seq, uint32_t len)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];

	switch (me->zeek) {
	case ZK_INACTIVE:
		update_inactive(me, peer, &c->half[DIR_C2S], d == DIR_C2S, f, seq, len);
		break;
	case ZK_SYN_SENT:
	case ZK_SYN_ACK_SENT:
		update_syn_sent(me, f);
		break;
	case ZK_ESTABLISHED:
	case ZK_PARTIAL:
		update_established(me, peer, f);
		break;
	case ZK_CLOSED:
		update_closed(me, peer, f);
		break;
	case ZK_RESET:
		break;
	}
}

/*
 * get_segment_len(): the sequence space a segment takes, its payload and
 * one for a SYN and for a FIN; a RST's payload is not part of the stream.
 */
static uint32_t segment_len(uint16_t f, uint32_t len)
{
	uint32_t n = len;
	if (f & TH_SYN)
		n++;
	if (f & TH_FIN)
		n++;
	if (f & TH_RST)
		n -= len;
	return n;
}

/*
 * TCPSessionAdapter::Process(), the steps that feed the history and the
 * endpoint states, in its order: the history letter is chosen before the
 * packet moves any state, and the zero-window and retransmission checks
 * see the states as they were before it.
 */
void zeek_update(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
		 uint32_t labels)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	uint16_t f = p->flags;
	uint32_t one_past = p->seq + segment_len(f, p->len);

	init_endpoint(me, f, p->seq, one_past);
	bool underflow = false;
	uint64_t rel_seq = relative_seq(me, p->seq, me->zeek_last, me->zeek_seq_wraps,
					&underflow);
	update_history(c, d, f, rel_seq, p->len);

	/* update_window(): a zero window (W) unless on a RST, after the
	 * peer's FIN or after this side's RST.  Scaling cannot make a zero
	 * window nonzero or the reverse, so the raw field decides. */
	if (p->win == 0 && !(f & TH_RST) && peer->zeek != ZK_CLOSED && me->zeek != ZK_RESET)
		scaled(c, d, 1, 'W');

	if (f & TH_FIN)
		me->zeek_fin_seen = true;
	if (f & TH_ACK)
		take_ack(peer, f, p->ack);
	update_last_seq(c, d, f, one_past, p->len);
	update_state_machine(c, d, f, p->seq, p->len);

	/* Content gaps (G) are still taken from the lost-segment label, not
	 * from Zeek's reassembler (TCP_Endpoint::Gap()). */
	if (labels & LBIT(L_LOST_SEGMENT))
		scaled(c, d, 2, 'G');
}

/*
 * TCP_Endpoint::Size(): the sequence space an endpoint used, from its
 * start to the further of its last number and what was acknowledged of
 * it, less the SYN and the FIN.  A half-open connection found and aborted
 * (SYN then RST, peer silent, something acknowledged) counts 0.
 */
static uint64_t endpoint_size(const struct tv_half *h, const struct tv_half *peer)
{
	uint64_t last = ((uint64_t)h->zeek_seq_wraps << 32) + h->zeek_last;
	uint64_t ack = ((uint64_t)h->zeek_ack_wraps << 32) + h->zeek_ack;
	bool no_data_acked = ack == h->zeek_start || ack == (uint64_t)h->zeek_start + 1;

	if (h->zeek_prev == ZK_SYN_SENT && h->zeek == ZK_RESET && peer->zeek == ZK_INACTIVE &&
	    !no_data_acked)
		return 0;
	uint64_t size = (last > ack ? last : ack) - h->zeek_start;
	if (size != 0)
		size--;
	if (h->zeek_fin_seen && size != 0)
		size--;
	return size;
}

/* Zeek's conn_state() (base/protocols/conn/main.zeek), for TCP. */
enum zeek_conn_state zeek_conn_state(const struct tv_conn *c)
{
	const struct tv_half *o = &c->half[DIR_C2S], *r = &c->half[DIR_S2C];
	enum zeek_endpoint os = o->zeek, rs = r->zeek;
	bool o_inactive = os == ZK_INACTIVE || os == ZK_PARTIAL;
	bool r_inactive = rs == ZK_INACTIVE || rs == ZK_PARTIAL;

	if (rs == ZK_RESET) {
		if (os == ZK_SYN_SENT || os == ZK_SYN_ACK_SENT ||
		    (os == ZK_RESET && endpoint_size(o, r) == 0 && endpoint_size(r, o) == 0))
			return ZS_REJ;
		return o_inactive ? ZS_RSTRH : ZS_RSTR;
	}
	if (os == ZK_RESET) {
		if (r_inactive) {
			/* Zeek: history =~ /^\^?S[^HAFGIQ]*R/ (case matters). */
			const char *h = c->history;
			if (*h++ != 'S')
				return ZS_OTH;
			for (; *h != '\0' && *h != 'R'; h++)
				if (strchr("HAFGIQ", *h) != NULL)
					return ZS_OTH;
			return *h == 'R' ? ZS_RSTOS0 : ZS_OTH;
		}
		return ZS_RSTO;
	}
	if (rs == ZK_CLOSED && os == ZK_CLOSED)
		return ZS_SF;
	if (os == ZK_CLOSED)
		return r_inactive ? ZS_SH : ZS_S2;
	if (rs == ZK_CLOSED)
		return o_inactive ? ZS_SHR : ZS_S3;
	if (os == ZK_SYN_SENT && rs == ZK_INACTIVE)
		return ZS_S0;
	if (os == ZK_ESTABLISHED && rs == ZK_ESTABLISHED)
		return ZS_S1;
	return ZS_OTH;
}
