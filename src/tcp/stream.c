/*
 * stream.c - each direction's bytes in order, for a sink that wants them.
 *
 * Only when the sink has a bytes callback: then every selected connection
 * allocates two reassemblers (reasm.c) with its first payload, and
 * their in-order runs and gap marks go to the sink as they become
 * deliverable.  Application dissectors and Follow TCP Stream read this,
 * never the packets.
 */
#include "config.h"

#include <stdlib.h>

#include "tracker_int.h"

static void deliver(void *ctx, uint64_t frame, const uint8_t *data, size_t len)
{
	struct tv_stream_side *s = ctx;
	s->t->sink->ops->bytes(s->t->sink, s->conn, s->dir, frame, data, len);
}

/* Set up with the connection's first payload: most connections of a busy
 * capture never reach here (SYN floods, scans, refused ones). */
static struct tv_stream *stream_start(struct tracker *t, struct tv_conn *c)
{
	struct tv_stream *st = calloc(1, sizeof(*st));
	if (st == NULL)
		return NULL;
	for (int d = 0; d < 2; d++) {
		st->side[d].t = t;
		st->side[d].conn = c->info.id;
		st->side[d].dir = (enum tv_dir)d;
		reasm_init(&st->side[d].ra, deliver, &st->side[d]);
		if (t->cfg.reasm_pending_max != 0)
			st->side[d].ra.pending_max = t->cfg.reasm_pending_max;
		/* With the side's SYN seen, its stream starts right after it:
		 * data that arrives before earlier data is then held, not
		 * taken for the start. */
		const struct tv_half *h = &c->half[d];
		if (h->st.saw_syn && h->base_set)
			reasm_start_at(&st->side[d].ra, h->base_seq + 1);
	}
	return st;
}

void stream_segment(struct tracker *t, struct tv_conn *c, enum tv_dir d,
		    const struct tv_packet *p)
{
	if (c->stream != NULL && (p->flags & TH_ACK) && !(p->flags & TH_RST))
		reasm_acked(&c->stream->side[dir_other(d)].ra, p->ack);
	if (p->len == 0 || t->sink->ops->bytes == NULL || !c->selected)
		return;
	if (c->stream == NULL && (c->stream = stream_start(t, c)) == NULL) {
		/* Out of memory: the sink is told these bytes are missing. */
		t->sink->ops->bytes(t->sink, c->info.id, d, p->frame, NULL, p->len);
		return;
	}
	/* The stream starts after the SYN, which takes one sequence number. */
	uint32_t seq = p->seq + ((p->flags & TH_SYN) ? 1 : 0);
	reasm_add(&c->stream->side[d].ra, seq, p->payload, p->payload_caplen, p->len,
		  p->frame);
}

void stream_finish(struct tv_conn *c)
{
	if (c->stream == NULL)
		return;
	reasm_finish(&c->stream->side[0].ra);
	reasm_finish(&c->stream->side[1].ra);
	free(c->stream);
	c->stream = NULL;
}
