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

void lifecycle_end(struct tracker *t, struct tv_conn *c, enum conn_end_reason why)
{
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
	if (why != END_PORT_REUSE)
		flow_recent_add(t->recent, &c->node.key, c->node.hash);
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

void lifecycle_flush(struct tracker *t)
{
	/* Finished connections first: they ended before the others. */
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
			       const struct flow_key *key, uint32_t hash, bool reuse)
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
	c->node.key = *key;
	c->node.hash = hash;
	if (!flow_table_insert(t->flows, &c->node)) {
		free(c);
		return NULL;
	}
	c->info.id = ++t->next_id;
	c->info.ts_digits = p->ts_digits;
	c->info.first_ts = c->last_ts = p->ts;
	c->info.first_frame = p->frame;
	c->info.port_reuse = reuse;
	c->closed_by = c->reset_by = -1;
	analyze_half_init(&c->half[0]);
	analyze_half_init(&c->half[1]);
	assign_roles(c, p);
	c->selected = t->cfg.selected == NULL ||
		      t->cfg.selected(t->cfg.selected_ctx, c->info.id);
	list_append(&t->open, c);
	t->nopen++;
	if (c->selected)
		t->sink->ops->conn_open(t->sink, &c->info);
	return c;
}
