/*
 * lifecycle.c - a connection from its first packet to its report.
 *
 * Opens connections (roles, SPEC §2), keeps them on three lists in order
 * of last activity (open; reset or refused and lingering; closed by FINs
 * and lingering), ends them when their time is up, and on the way out
 * hands the sink the closing report before the memory is freed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "tracker_int.h"

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

_Static_assert(sizeof(struct tv_resume) <= FLOW_RECENT_BLOB,
	       "what an ended connection leaves must fit the flow layer's record");

static void leave_resume(const struct tv_conn *c, struct tv_resume *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->id = c->info.id;
	rs->first_ts = c->info.first_ts;
	rs->client_port = c->info.end[DIR_C2S].port;
	rs->state = (uint8_t)c->state;
	rs->ts_digits = (uint8_t)c->info.ts_digits;
	rs->closed_by = (int8_t)c->closed_by;
	rs->reset_by = (int8_t)c->reset_by;
	if (c->node.key.port_lo == c->info.end[DIR_C2S].port &&
	    tv_addr_bytes_eq(c->node.key.addr_lo, c->info.end[DIR_C2S].addr.bytes,
			     c->info.end[DIR_C2S].addr.family))
		rs->bits |= RESUME_CLIENT_SRC;
	if (c->info.midstream)
		rs->bits |= RESUME_MIDSTREAM;
	if (c->hs_complete)
		rs->bits |= RESUME_HS_COMPLETE;
	for (int d = 0; d < 2; d++) {
		const struct tv_half *h = &c->half[d];
		rs->base_seq[d] = h->base_seq;
		rs->lastack[d] = h->lastack;
		rs->win_scale[d] = h->win_scale;
		rs->bits |= (uint16_t)((h->base_set ? RESUME_BASE_SET << d : 0) |
				       (h->st.saw_syn ? RESUME_SAW_SYN << d : 0) |
				       (h->fin_sent ? RESUME_FIN_SENT << d : 0) |
				       (h->fin_acked ? RESUME_FIN_ACKED << d : 0) |
				       (h->ack_seen ? RESUME_ACK_SEEN << d : 0));
	}
}

/*
 * A connection that ended in memory (idle, forced out by the tracking
 * limit, lingered past its close) speaks again: it goes on under its id,
 * with its roles, relative sequence bases, window scale and how far its
 * handshake and teardown had come (SPEC §2, "continued").
 */
static void take_resume(struct tv_conn *c, const struct tv_packet *p, const struct tv_resume *rs)
{
	c->info.id = rs->id;
	c->info.continued = true;
	c->info.first_ts = rs->first_ts;
	c->info.ts_digits = rs->ts_digits;
	c->info.midstream = (rs->bits & RESUME_MIDSTREAM) != 0;
	struct tv_endpoint src = { p->src, p->sport }, dst = { p->dst, p->dport };
	bool src_is_client = p->sport == rs->client_port;
	if (p->sport == p->dport) {
		/* Same port both ways: the key's order decides. */
		bool src_is_lo = tv_addr_bytes_eq(c->node.key.addr_lo, p->src.bytes,
						  p->src.family);
		src_is_client = src_is_lo == ((rs->bits & RESUME_CLIENT_SRC) != 0);
	}
	c->info.end[DIR_C2S] = src_is_client ? src : dst;
	c->info.end[DIR_S2C] = src_is_client ? dst : src;
	c->state = (enum conn_state)rs->state;
	c->closed_by = rs->closed_by;
	c->reset_by = rs->reset_by;
	c->hs_complete = (rs->bits & RESUME_HS_COMPLETE) != 0;
	for (int d = 0; d < 2; d++) {
		struct tv_half *h = &c->half[d];
		h->base_seq = rs->base_seq[d];
		/* What the next ACK newly acknowledges counts from here, not
		 * from the start of the stream. */
		h->lastack = rs->lastack[d];
		h->ack_to = rs->lastack[d];
		h->ack_seen = (rs->bits & (RESUME_ACK_SEEN << d)) != 0;
		h->win_scale = rs->win_scale[d];
		h->base_set = (rs->bits & (RESUME_BASE_SET << d)) != 0;
		h->st.saw_syn = (rs->bits & (RESUME_SAW_SYN << d)) != 0;
		h->fin_sent = (rs->bits & (RESUME_FIN_SENT << d)) != 0;
		h->fin_acked = (rs->bits & (RESUME_FIN_ACKED << d)) != 0;
	}
}

void lifecycle_end(struct tracker *t, struct tv_conn *c, enum conn_end_reason why)
{
	if (t->cfg.ending != NULL) {
		struct conn_list *l = lifecycle_list_of(t, c);
		unsigned list = l == &t->closed ? 0 : l == &t->closing ? 1 : 2;
		t->cfg.ending(t->cfg.ending_ctx, c->info.id, list, c->last_packet);
	}
	c->end_reason = why;
	if (t->last == c)
		t->last = NULL;
	if (c->selected) {
		stream_finish(c);
		struct tv_conn_report r;
		stats_report(c, &r);
		t->sink->ops->conn_close(t->sink, &r);
	}
	flow_table_remove(t->flows, &c->node);
	if (why != END_PORT_REUSE) {
		struct tv_resume rs;
		leave_resume(c, &rs);
		flow_recent_put(t->recent, &c->node.key, c->node.hash, &rs, sizeof(rs));
	}
	list_unlink(lifecycle_list_of(t, c), c);
	analyze_half_release(&c->half[0]);
	analyze_half_release(&c->half[1]);
	free(c);
	t->nopen--;
}

static enum conn_end_reason finished_reason(const struct tv_conn *c)
{
	return c->state == CS_CLOSED ? END_CLOSED : END_RESET;
}

void lifecycle_expire(struct tracker *t)
{
	while (t->closed.head != NULL &&
	       tv_time_diff_ns(t->closed.head->last_ts, t->now) > CLOSED_LINGER_NS)
		lifecycle_end(t, t->closed.head, END_CLOSED);
	while (t->closing.head != NULL &&
	       tv_time_diff_ns(t->closing.head->last_ts, t->now) > RESET_LINGER_NS)
		lifecycle_end(t, t->closing.head, finished_reason(t->closing.head));
	while (t->open.head != NULL &&
	       tv_time_diff_ns(t->open.head->last_ts, t->now) > IDLE_NS)
		lifecycle_end(t, t->open.head, END_IDLE);
}

static int by_id(const void *a, const void *b)
{
	uint64_t x = (*(struct tv_conn *const *)a)->info.id;
	uint64_t y = (*(struct tv_conn *const *)b)->info.id;
	return x < y ? -1 : x > y;
}

/* Why a connection still in memory at the end of the input ends. */
static enum conn_end_reason eof_reason(struct tracker *t, const struct tv_conn *c)
{
	struct conn_list *l = lifecycle_list_of(t, (struct tv_conn *)c);
	return l == &t->closed ? END_CLOSED : l == &t->closing ? finished_reason(c) : END_EOF;
}

/*
 * At the end of the input every connection in memory ends at once: their
 * stories come in connection-id order (SPEC §11), whatever list each was
 * in.  The array holds the connections open at once, no more.
 */
void lifecycle_flush(struct tracker *t)
{
	struct tv_conn **all = t->nopen > 0 ? malloc(t->nopen * sizeof(*all)) : NULL;
	size_t n = 0;
	if (all != NULL) {
		struct conn_list *lists[] = { &t->closed, &t->closing, &t->open };
		for (size_t i = 0; i < 3; i++)
			for (struct tv_conn *c = lists[i]->head; c != NULL && n < t->nopen;
			     c = c->idle_next)
				all[n++] = c;
		qsort(all, n, sizeof(*all), by_id);
		for (size_t i = 0; i < n; i++)
			lifecycle_end(t, all[i], eof_reason(t, all[i]));
		free(all);
	}
	/* Out of memory for the array: in list order, finished first. */
	while (t->closed.head != NULL)
		lifecycle_end(t, t->closed.head, END_CLOSED);
	while (t->closing.head != NULL)
		lifecycle_end(t, t->closing.head, finished_reason(t->closing.head));
	while (t->open.head != NULL)
		lifecycle_end(t, t->open.head, END_EOF);
}

/*
 * The client is the side that sent the first SYN (the receiver of a
 * SYN-ACK whose SYN was missed).  Without a SYN the lower port is taken as
 * the server's, the usual well-known or registered service port, and the
 * connection is marked midstream (SPEC §2).
 */
static void assign_roles(struct tv_conn *c, const struct tv_packet *p)
{
	bool src_is_client;
	if (p->flags & TH_SYN) {
		src_is_client = !(p->flags & TH_ACK);
		c->state = CS_SYN_SENT;
	} else {
		src_is_client = p->sport > p->dport;
		c->info.midstream = true;
		c->state = CS_MIDSTREAM;
	}
	struct tv_endpoint src = { p->src, p->sport }, dst = { p->dst, p->dport };
	c->info.end[DIR_C2S] = src_is_client ? src : dst;
	c->info.end[DIR_S2C] = src_is_client ? dst : src;
}

struct tv_conn *lifecycle_open(struct tracker *t, const struct tv_packet *p,
			       const struct conn_ref *ref, const struct tv_resume *rs)
{
	/* The tracking limit bounds memory: make room by ending the connection
	 * least likely to see more packets, a lingering finished one first,
	 * else the one idle longest.  It is reported, never dropped. */
	if (t->nopen >= t->cfg.max_connections) {
		if (t->closed.head != NULL)
			lifecycle_end(t, t->closed.head, END_CLOSED);
		else if (t->closing.head != NULL)
			lifecycle_end(t, t->closing.head, finished_reason(t->closing.head));
		else if (t->open.head != NULL)
			lifecycle_end(t, t->open.head, END_LIMIT);
	}
	struct tv_conn *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->node.key = ref->key;
	c->node.hash = ref->hash;
	if (!flow_table_insert(t->flows, &c->node)) {
		free(c);
		return NULL;
	}
	c->info.ts_digits = p->ts_digits;
	c->info.first_ts = c->last_ts = p->ts;
	c->info.first_frame = p->frame;
	c->info.first_file = p->file;
	c->info.port_reuse = ref->reuse;
	c->closed_by = c->reset_by = -1;
	analyze_half_init(&c->half[0]);
	analyze_half_init(&c->half[1]);
	if (rs != NULL) {
		take_resume(c, p, rs);
	} else {
		/* A new connection; or one whose record of its end is gone
		 * (the cache is bounded): it still goes on under its id. */
		c->info.id = ref->id;
		c->info.continued = !ref->fresh;
		assign_roles(c, p);
	}
	c->selected = t->cfg.selected == NULL ||
		      t->cfg.selected(t->cfg.selected_ctx, c->info.id);
	/* A continued connection may already be closed or reset: it joins the
	 * list its state says, as every list move assumes. */
	list_append(lifecycle_list_of(t, c), c);
	t->nopen++;
	if (c->selected)
		t->sink->ops->conn_open(t->sink, &c->info);
	return c;
}
