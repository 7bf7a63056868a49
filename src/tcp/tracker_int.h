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
	struct conn_list open;		/* least recently active first */
	struct conn_list closing;	/* reset or refused, lingering */
	struct conn_list closed;	/* FIN teardown complete, lingering */
	uint64_t next_id;
	size_t nopen;
	struct tv_time now;
};

/* lifecycle.c */
struct conn_list *lifecycle_list_of(struct tracker *t, const struct tv_conn *c);
void lifecycle_touch(struct tracker *t, struct tv_conn *c, struct conn_list *was);
struct tv_conn *lifecycle_open(struct tracker *t, const struct tv_packet *p,
			       const struct flow_key *key, uint32_t hash, bool reuse);
void lifecycle_end(struct tracker *t, struct tv_conn *c, enum conn_end_reason why);
/* Ends connections idle (or lingering) past their timeout at t->now. */
void lifecycle_expire(struct tracker *t);
/* Ends every connection, the finished ones first. */
void lifecycle_flush(struct tracker *t);

/* stream.c */
void stream_segment(struct tracker *t, struct tv_conn *c, enum tv_dir d,
		    const struct tv_packet *p);
/* Delivers what is held, with gap marks, and frees the streams. */
void stream_finish(struct tv_conn *c);

#endif
