/*
 * tracker.c - from decoded packets to connections and their events.
 *
 * Sits between the decoders and the reporters.  For each TCP packet it finds
 * the connection (flow_table.c), decides the direction, runs Wireshark's
 * sequence analysis (analyze.c), adds the story labels of SPEC §3
 * (handshake, data, ACK of new data, FIN teardown, RST and its reason, port
 * reuse), keeps Zeek's state and history (zeek.c), and hands the event to
 * the reporter.  No memory is allocated per packet: a connection is
 * allocated once and freed when it ends.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/analyze.h"
#include "tcpview/flow_recent.h"
#include "tcpview/flow_table.h"
#include "tcpview/seq.h"
#include "tcpview/tracker.h"

/*
 * A finished connection stays indexed a while in capture time, so that late
 * segments still join it: after a reset, the peer's data in flight and its
 * answering RST (2 s); after a complete FIN teardown, the duplicate last
 * ACKs some stacks send (0.5 s, short: busy servers close thousands of
 * connections a second, and each lingering one holds memory).
 */
#define RESET_LINGER_NS (2LL * 1000000000)
#define CLOSED_LINGER_NS (500LL * 1000000)
/* Idle connections end after this long without a packet (Zeek's
 * tcp_inactivity_timeout is 5 minutes too). */
#define IDLE_NS (300LL * 1000000000)
/* How often, in capture time, lingering and idle connections are looked at. */
#define EXPIRE_EVERY_NS 1000000LL
/* Longest application line quoted in the narration. */
#define QUOTE_MAX 72

struct conn_list {
	struct tv_conn *head, *tail;
};

struct tracker {
	struct tracker_config cfg;
	struct reporter *rep;
	struct flow_table *flows;
	struct flow_recent *recent;	/* 4-tuples of ended connections */
	struct tv_conn *last;		/* the previous packet's connection */
	struct tv_time last_expire;	/* capture time of the last expiry pass */
	struct conn_list open;		/* least recently active first */
	struct conn_list closing;	/* reset or refused, lingering */
	struct conn_list closed;	/* FIN teardown complete, lingering */
	uint64_t next_id;
	size_t nopen;
	struct tv_time now;
};

static void list_append(struct conn_list *l, struct tv_conn *c)
{
	c->idle_next = NULL;
	c->idle_prev = l->tail;
	if (l->tail != NULL)
		l->tail->idle_next = c;
	else
		l->head = c;
	l->tail = c;
}

static void list_unlink(struct conn_list *l, struct tv_conn *c)
{
	if (c->idle_prev != NULL)
		c->idle_prev->idle_next = c->idle_next;
	else
		l->head = c->idle_next;
	if (c->idle_next != NULL)
		c->idle_next->idle_prev = c->idle_prev;
	else
		l->tail = c->idle_prev;
	c->idle_prev = c->idle_next = NULL;
}

static bool conn_finished(const struct tv_conn *c)
{
	return c->state == CS_CLOSED || c->state == CS_RESET ||
	       c->state == CS_REFUSED;
}

static bool teardown_complete(const struct tv_conn *c)
{
	return c->state == CS_CLOSED && c->half[0].fin_acked && c->half[1].fin_acked;
}

static struct conn_list *list_of(struct tracker *t, const struct tv_conn *c)
{
	if (teardown_complete(c))
		return &t->closed;
	return conn_finished(c) ? &t->closing : &t->open;
}

struct tracker *tracker_new(const struct tracker_config *cfg, struct reporter *rep)
{
	struct tracker *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->cfg = *cfg;
	if (t->cfg.max_connections == 0)
		t->cfg.max_connections = TRACKER_DEFAULT_MAX_CONNECTIONS;
	t->rep = rep;
	t->flows = flow_table_new();
	t->recent = flow_recent_new();
	if (t->flows == NULL || t->recent == NULL) {
		flow_table_free(t->flows);
		flow_recent_free(t->recent);
		free(t);
		return NULL;
	}
	return t;
}

uint64_t tracker_connections(const struct tracker *t)
{
	return t->next_id;
}

static void end_conn(struct tracker *t, struct tv_conn *c,
		     enum conn_end_reason why)
{
	c->end_reason = why;
	if (t->last == c)
		t->last = NULL;
	if (c->selected)
		t->rep->ops->connection_end(t->rep, c);
	flow_table_remove(t->flows, c);
	if (why != END_PORT_REUSE)
		flow_recent_add(t->recent, &c->key, c->hash);
	list_unlink(list_of(t, c), c);
	analyze_half_release(&c->half[0]);
	analyze_half_release(&c->half[1]);
	free(c);
	t->nopen--;
}

static enum conn_end_reason finished_reason(const struct tv_conn *c)
{
	return c->state == CS_CLOSED ? END_CLOSED : END_RESET;
}

/* Ends connections idle (or lingering) past their timeout at `now`. */
static void expire(struct tracker *t)
{
	while (t->closed.head != NULL &&
	       tv_time_diff_ns(t->closed.head->last_ts, t->now) > CLOSED_LINGER_NS)
		end_conn(t, t->closed.head, END_CLOSED);
	while (t->closing.head != NULL &&
	       tv_time_diff_ns(t->closing.head->last_ts, t->now) > RESET_LINGER_NS)
		end_conn(t, t->closing.head, finished_reason(t->closing.head));
	while (t->open.head != NULL &&
	       tv_time_diff_ns(t->open.head->last_ts, t->now) > IDLE_NS)
		end_conn(t, t->open.head, END_IDLE);
}

void tracker_flush(struct tracker *t)
{
	/* Finished connections first: they ended before the others. */
	while (t->closed.head != NULL)
		end_conn(t, t->closed.head, END_CLOSED);
	while (t->closing.head != NULL)
		end_conn(t, t->closing.head, finished_reason(t->closing.head));
	while (t->open.head != NULL)
		end_conn(t, t->open.head, END_EOF);
}

void tracker_free(struct tracker *t)
{
	if (t == NULL)
		return;
	tracker_flush(t);
	flow_table_free(t->flows);
	flow_recent_free(t->recent);
	free(t);
}

static void set_endpoint(struct tv_half *h, const struct tv_addr *a, uint16_t port)
{
	h->addr = *a;
	h->port = port;
}

/*
 * Opens a connection for packet `p`.  The client is the side that sent the
 * first SYN (the receiver of a SYN-ACK whose SYN was missed).  Without a SYN
 * the lower port is taken as the server's, the usual well-known or
 * registered service port, and the connection is marked midstream (SPEC §2).
 */
static struct tv_conn *open_conn(struct tracker *t, const struct tv_packet *p,
				 const struct flow_key *key, uint32_t hash,
				 int ts_digits)
{
	/* The tracking limit bounds memory: make room by ending the connection
	 * least likely to see more packets, a lingering finished one first,
	 * else the one idle longest.  It is reported, never dropped. */
	if (t->nopen >= t->cfg.max_connections) {
		if (t->closed.head != NULL)
			end_conn(t, t->closed.head, END_CLOSED);
		else if (t->closing.head != NULL)
			end_conn(t, t->closing.head, finished_reason(t->closing.head));
		else if (t->open.head != NULL)
			end_conn(t, t->open.head, END_LIMIT);
	}
	struct tv_conn *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->key = *key;
	c->hash = hash;
	if (!flow_table_insert(t->flows, c)) {
		free(c);
		return NULL;
	}
	c->id = ++t->next_id;
	c->ts_digits = ts_digits;
	c->first_ts = c->last_ts = p->ts;
	c->first_frame = p->frame;
	c->closed_by = c->reset_by = -1;
	analyze_half_init(&c->half[0]);
	analyze_half_init(&c->half[1]);
	c->half[0].msg_start = c->half[1].msg_start = true;

	bool src_is_client;
	if ((p->flags & (TH_SYN | TH_ACK)) == TH_SYN) {
		src_is_client = true;
		c->state = CS_SYN_SENT;
	} else if (p->flags & TH_SYN) {
		src_is_client = false;
		c->state = CS_SYN_SENT;
	} else {
		src_is_client = p->sport > p->dport;
		c->midstream = true;
		c->state = CS_MIDSTREAM;
	}
	if (src_is_client) {
		set_endpoint(&c->half[DIR_C2S], &p->src, p->sport);
		set_endpoint(&c->half[DIR_S2C], &p->dst, p->dport);
	} else {
		set_endpoint(&c->half[DIR_C2S], &p->dst, p->dport);
		set_endpoint(&c->half[DIR_S2C], &p->src, p->sport);
	}
	c->selected = t->cfg.selected == NULL ||
		      t->cfg.selected(t->cfg.selected_ctx, c->id);
	list_append(&t->open, c);
	t->nopen++;
	if (c->selected)
		t->rep->ops->connection_start(t->rep, c);
	return c;
}

/* Whether `p` travels between the two endpoints of `c`, either way. */
static bool same_tuple(const struct tv_conn *c, const struct tv_packet *p)
{
	const struct tv_half *a = &c->half[DIR_C2S], *b = &c->half[DIR_S2C];
	if (p->src.family != a->addr.family)
		return false;
	int fam = p->src.family;
	if (p->sport == a->port && p->dport == b->port)
		return tv_addr_bytes_eq(p->src.bytes, a->addr.bytes, fam) &&
		       tv_addr_bytes_eq(p->dst.bytes, b->addr.bytes, fam);
	if (p->sport == b->port && p->dport == a->port)
		return tv_addr_bytes_eq(p->src.bytes, b->addr.bytes, fam) &&
		       tv_addr_bytes_eq(p->dst.bytes, a->addr.bytes, fam);
	return false;
}

static enum tv_dir packet_dir(const struct tv_conn *c, const struct tv_packet *p)
{
	/* A self-connect (both ends one address and port) reads as client
	 * to server throughout, as it cannot be told apart. */
	const struct tv_half *cl = &c->half[DIR_C2S];
	bool from_client = p->sport == cl->port &&
			   tv_addr_bytes_eq(p->src.bytes, cl->addr.bytes, p->src.family);
	return from_client ? DIR_C2S : DIR_S2C;
}

static void keep_syn_options(struct tv_half *h, const struct tv_packet *p)
{
	h->syn.present = p->opt.present;
	h->syn.mss = p->opt.mss;
	h->syn.wscale = p->opt.wscale;
	h->syn.tfo_cookie_len = p->opt.tfo_cookie_len;
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
	else if (peer->saw_syn)
		from = peer->base_seq;
	else
		return 0;
	uint32_t n = seq_dist(from, ack);
	if (n == 0)
		return 0;
	if (peer->saw_syn && seq_le(from, peer->base_seq) && seq_gt(ack, peer->base_seq))
		n--;
	if (peer->fin_sent && seq_le(from, peer->fin_seq) && seq_gt(ack, peer->fin_seq) &&
	    n > 0)
		n--;
	return n;
}

/* The first line of an application message, when it is printable text. */
static void quote_message(struct tv_half *me, struct tv_half *peer,
			  const struct tv_packet *p, struct tv_event *ev)
{
	if (!me->msg_start)
		return;
	me->msg_start = false;
	peer->msg_start = true;
	uint32_t n = 0;
	while (n < p->payload_caplen && n < QUOTE_MAX) {
		uint8_t ch = p->payload[n];	/* bounded by payload_caplen */
		if (ch == '\r' || ch == '\n')
			break;
		if (ch < 0x20 || ch > 0x7e)
			return;	/* binary: nothing to quote */
		n++;
	}
	if (n >= 3) {
		ev->quote = p->payload;
		ev->quote_len = (uint8_t)n;
	}
}

/* SPEC §6: what the capture says about why side `d` sent this RST. */
static enum rst_reason rst_reason(const struct tv_conn *c, enum tv_dir d)
{
	const struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	if (d == DIR_S2C && peer->saw_syn && !me->saw_syn && !c->hs_complete)
		return RST_REFUSED;	/* RST answering the client's SYN: nothing listens */
	if (me->rst_sent || (me->packets == 0 && !c->hs_complete))
		return RST_UNKNOWN_CONNECTION;
	if (me->fin_sent && peer->data_after_peer_fin > 0)
		return RST_AFTER_CLOSE;
	return RST_ABORT;
}

/* Handshake, data, ACK, FIN teardown and RST labels, and the state they move. */
static void story(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
		  uint32_t prev_ack, bool had_ack, struct tv_event *ev)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	uint16_t f = p->flags;
	uint32_t l = 0;
	bool resent = (ev->labels & (LBIT(L_RETRANSMISSION) | LBIT(L_OUT_OF_ORDER))) != 0;

	if ((f & (TH_SYN | TH_ACK)) == TH_SYN) {
		l |= LBIT(L_SYN);
		if (c->syn_frame == 0)
			c->syn_frame = p->frame;
		me->saw_syn = true;
		keep_syn_options(me, p);
	} else if (f & TH_SYN) {
		l |= LBIT(L_SYN_ACK);
		if (c->synack_frame == 0) {
			c->synack_frame = p->frame;
			c->synack_ts = p->ts;
			if (c->have_syn_ts)
				ev->synack_rtt_ns = tv_time_diff_ns(c->syn_ts, p->ts);
		}
		me->saw_syn = true;
		keep_syn_options(me, p);
	} else if ((f & TH_ACK) && !c->hs_complete && c->synack_frame != 0 &&
		   !(f & TH_RST)) {
		/* RFC 9293 §3.5: the client's ACK of the SYN-ACK completes it. */
		if (d == DIR_C2S && p->ack == peer->base_seq + 1) {
			l |= LBIT(L_HANDSHAKE_ACK);
			c->hs_ack_frame = p->frame;
			if (c->have_syn_ts)
				ev->handshake_rtt_ns = tv_time_diff_ns(c->syn_ts, p->ts);
			c->hs_rtt_ns = ev->handshake_rtt_ns;
		}
		c->hs_complete = true;
		if (c->state == CS_SYN_SENT)
			c->state = CS_ESTABLISHED;
	}

	if (p->len > 0) {
		l |= LBIT(L_DATA);
		if (!resent) {
			quote_message(me, peer, p, ev);
			if (peer->fin_sent)
				me->data_after_peer_fin += p->len;
		}
	}

	if ((f & TH_ACK) && !(f & TH_RST)) {
		ev->acked_bytes = newly_acked(peer, prev_ack, had_ack, p->ack);
		if (ev->acked_bytes > 0 && p->len == 0 && !(f & (TH_SYN | TH_FIN)))
			l |= LBIT(L_ACK);
	}

	/* FIN teardown: the first FIN is step 1, its ACK step 2, the second
	 * FIN step 3 and its ACK step 4 (RFC 9293 §3.6). */
	if ((f & TH_ACK) && peer->fin_sent && !peer->fin_acked &&
	    seq_gt(p->ack, peer->fin_seq)) {
		peer->fin_acked = true;
		l |= LBIT(L_TEARDOWN_ACK);
		ev->teardown_step = me->fin_sent ? 4 : 2;
	}
	if ((f & TH_FIN) && !me->fin_sent) {
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
	if (f & TH_FIN)
		l |= LBIT(L_FIN);
	if (me->fin_sent && peer->fin_sent && me->fin_acked && peer->fin_acked &&
	    c->state == CS_HALF_CLOSED)
		c->state = CS_CLOSED;

	/* How long a zero window lasted, and how often the peer probed it. */
	if (!(f & (TH_SYN | TH_RST))) {
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

	if (f & TH_RST) {
		l |= LBIT(L_RST);
		ev->rst_reason = rst_reason(c, d);
		me->rst_sent = true;
		if (c->reset_by < 0 && !conn_finished(c)) {
			c->reset_by = (int)d;
			c->state = ev->rst_reason == RST_REFUSED ? CS_REFUSED : CS_RESET;
		}
	}
	ev->labels |= l;
}

/* Per-direction counters for the connection summary. */
static void count(struct tv_conn *c, enum tv_dir d, const struct tv_event *ev)
{
	struct tv_half *me = &c->half[d];
	me->packets++;
	me->bytes += ev->pkt->len;
	if (ev->labels & LBIT(L_RETRANSMISSION))
		me->retransmitted_bytes += ev->pkt->len;
	for (uint32_t l = ev->labels; l != 0; l &= l - 1)
		me->counts[__builtin_ctz(l)]++;
	/* RTT statistics from data/ACK pairs only: a SYN's or FIN's answer
	 * measures the peer's stack, not the path with data in flight. */
	if (ev->acks_frame != 0 && ev->acks_data && ev->ack_rtt_ns > 0) {
		struct tv_half *sender = &c->half[dir_other(d)];
		if (sender->rtt_count == 0 || ev->ack_rtt_ns < sender->rtt_min_ns)
			sender->rtt_min_ns = ev->ack_rtt_ns;
		if (ev->ack_rtt_ns > sender->rtt_max_ns)
			sender->rtt_max_ns = ev->ack_rtt_ns;
		sender->rtt_sum_ns += ev->ack_rtt_ns;
		sender->rtt_count++;
	}
}

void tracker_packet(struct tracker *t, const struct tv_packet *p, int ts_digits)
{
	/* Capture time, as this packet tells it.  It may go backwards (a
	 * second, older file; clock steps): nothing expires then, since only
	 * connections idle for a positive time past their timeout end. */
	t->now = p->ts;
	/* The list heads are the coldest connections in memory: look at them
	 * once per millisecond of capture time, not on every packet (the
	 * timeouts are half a second and more). */
	int64_t since = tv_time_diff_ns(t->last_expire, p->ts);
	if (since >= EXPIRE_EVERY_NS || since < 0) {
		t->last_expire = p->ts;
		expire(t);
	}

	/* Consecutive packets of one connection (a bulk transfer, an
	 * exchange) skip the hash lookup. */
	struct flow_key key;
	uint32_t hash;
	struct tv_conn *c = t->last;
	if (c != NULL && same_tuple(c, p)) {
		key = c->key;
		hash = c->hash;
	} else {
		hash = flow_key_make(p, &key);
		c = flow_table_find(t->flows, &key, hash);
	}
	bool reuse = false;

	/*
	 * Port reuse (tcp.analysis.reused_ports): a SYN whose sequence number
	 * is not the ISN this side used before opens a new connection on the
	 * same 4-tuple; the same ISN is the SYN sent again, and Wireshark
	 * rewinds nextseq for it.
	 */
	if (c != NULL && (p->flags & (TH_SYN | TH_ACK)) == TH_SYN) {
		struct tv_half *h = &c->half[packet_dir(c, p)];
		if (h->base_set && p->seq != h->base_seq) {
			end_conn(t, c, END_PORT_REUSE);
			c = NULL;
			reuse = true;
		} else if (h->base_set) {
			h->nextseq = h->maxseqtobeacked;
		}
	}
	/* A SYN on the 4-tuple of a connection already ended and forgotten
	 * is port reuse too. */
	if (c == NULL && (p->flags & (TH_SYN | TH_ACK)) == TH_SYN &&
	    flow_recent_take(t->recent, &key, hash))
		reuse = true;
	if (c == NULL) {
		c = open_conn(t, p, &key, hash, ts_digits);
		if (c == NULL)
			return;	/* out of memory: the packet is counted, not analysed */
		c->port_reuse = reuse;
	}

	enum tv_dir d = packet_dir(c, p);
	struct tv_half *me = &c->half[d];
	struct tv_event ev;
	/* A struct copy, not memset: gcc makes a short memset "rep stos",
	 * slow to start, and this runs for every packet. */
	static const struct tv_event no_event;
	ev = no_event;
	ev.pkt = p;
	ev.conn = c;
	ev.dir = d;
	ev.rel_ns = tv_time_diff_ns(c->first_ts, p->ts);
	ev.delta_ns = tv_time_diff_ns(c->last_ts, p->ts);
	if (reuse)
		ev.labels |= LBIT(L_PORT_REUSE);

	/* A SYN-ACK with a new sequence number: Wireshark keeps the stream,
	 * takes the new ISN and flags reused ports. */
	if ((p->flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) && me->base_set &&
	    p->seq != me->base_seq) {
		me->base_seq = p->seq;
		ev.labels |= LBIT(L_PORT_REUSE);
	}

	uint32_t prev_ack = me->lastack;
	bool had_ack = me->ack_seen;
	struct conn_list *prev_list = list_of(t, c);
	analyze_segment(c, d, p, &ev);
	story(c, d, p, prev_ack, had_ack, &ev);
	if (p->flags & TH_ACK)
		me->ack_seen = true;
	if (t->cfg.absolute_seq) {
		ev.seq = p->seq;
		ev.ack = p->ack;
	}
	zeek_update(c, d, p, ev.labels);
	count(c, d, &ev);

	c->packets++;
	c->last_ts = p->ts;
	c->last_frame = p->frame;
	if (c->selected)
		t->rep->ops->event(t->rep, &ev);

	/* Keep each list in order of last activity; a connection that just
	 * finished moves to its lingering list. */
	list_unlink(prev_list, c);
	list_append(list_of(t, c), c);
	t->last = c;
}
