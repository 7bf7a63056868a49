/*
 * tracker_int.h - the tracker's own state (private to src/tcp).
 *
 * tracker.c takes each packet to its connection; lifecycle.c opens, lists
 * and ends connections; stream.c reassembles their bytes for the sink.
 */
#ifndef TCPVIEW_TCP_TRACKER_INT_H
#define TCPVIEW_TCP_TRACKER_INT_H

#include "conn.h"
#include "tcpview/flow/recent.h"
#include "tcpview/flow/table.h"
#include "tcpview/tcp/tracker.h"

struct conn_list {
	struct tv_conn *head, *tail;
};

struct tracker {
	struct tracker_config cfg;
	struct tv_sink *sink;
	struct flow_table *flows;
	struct flow_recent *recent;	/* 4-tuples of ended connections */
	struct tv_conn *last;		/* the previous packet's connection */
	struct tv_time last_expire;	/* capture time of the last expiry pass */
	struct tv_time last_ts;		/* the last packet's time (tracker_idle) */
	bool last_ts_set;
	struct conn_list open;		/* least recently active first */
	struct conn_list closing;	/* reset or refused, lingering */
	struct conn_list closed;	/* FIN teardown complete, lingering */
	struct connid *ids;		/* tracker_packet()'s own numbering */
	uint64_t packets;		/* ... and count */
	size_t nopen;
	struct tv_time now;
};

/* The lists, inline: every packet moves its connection to a list's tail. */
static inline void list_append(struct conn_list *l, struct tv_conn *c)
{
	c->idle_next = NULL;
	c->idle_prev = l->tail;
	if (l->tail != NULL)
		l->tail->idle_next = c;
	else
		l->head = c;
	l->tail = c;
}

static inline void list_unlink(struct conn_list *l, struct tv_conn *c)
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

static inline bool teardown_complete(const struct tv_conn *c)
{
	return c->state == CS_CLOSED && c->half[0].fin_acked && c->half[1].fin_acked;
}

static inline struct conn_list *lifecycle_list_of(struct tracker *t,
						  const struct tv_conn *c)
{
	if (teardown_complete(c))
		return &t->closed;
	return conn_finished(c) ? &t->closing : &t->open;
}

/* Keeps each list in order of last activity; a connection that just
 * finished moves to its lingering list. */
static inline void lifecycle_touch(struct tracker *t, struct tv_conn *c,
				   struct conn_list *was)
{
	list_unlink(was, c);
	list_append(lifecycle_list_of(t, c), c);
}

/*
 * What an ended connection leaves in the flow layer's record of ended
 * flows (flow/recent.h), so that a later packet of its 4-tuple continues
 * it under its id with the same relative numbers and window scale, as
 * tshark's tcp.stream does (SPEC §2).
 */
struct tv_resume {
	uint64_t id;
	struct tv_time first_ts;
	uint32_t base_seq[2];
	uint32_t lastack[2];	/* the last ACK number each side sent */
	uint16_t client_port;
	int8_t win_scale[2];
	int8_t closed_by, reset_by;
	uint8_t state, ts_digits;
	uint16_t bits;		/* RESUME_* */
};

enum {
	RESUME_CLIENT_SRC = 1 << 0,	/* the client is the key's low side */
	RESUME_MIDSTREAM = 1 << 1,
	RESUME_HS_COMPLETE = 1 << 2,
	RESUME_BASE_SET = 1 << 3,	/* << direction */
	RESUME_SAW_SYN = 1 << 5,	/* << direction */
	RESUME_FIN_SENT = 1 << 7,	/* << direction */
	RESUME_FIN_ACKED = 1 << 9,	/* << direction */
	RESUME_ACK_SEEN = 1 << 11,	/* << direction */
};

/* lifecycle.c */
/* Opens a connection for `p`; with `rs`, the continuation of an ended one. */
struct tv_conn *lifecycle_open(struct tracker *t, const struct tv_packet *p,
			       const struct conn_ref *ref, const struct tv_resume *rs);
void lifecycle_end(struct tracker *t, struct tv_conn *c, enum conn_end_reason why);
/* Ends connections idle (or lingering) past their timeout at t->now. */
void lifecycle_expire(struct tracker *t);
/* Ends every connection, the finished ones first. */
void lifecycle_flush(struct tracker *t);

/* stream.c */
void stream_segment(struct tracker *t, struct tv_conn *c, enum tv_dir d,
		    const struct tv_packet *p);
/* Delivers what is held, with gap marks, and frees what it holds. */
void stream_finish(struct tv_conn *c);

#endif
