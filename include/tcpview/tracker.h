/*
 * tracker.h - connections: lookup, roles, handshake, teardown, lifetime.
 *
 * The tracker owns every struct tv_conn and the flow table.  For each
 * decoded TCP packet it finds (or opens) the connection, runs the sequence
 * analysis (analyze.c), adds the story labels and hands one event to the
 * reporter.  A connection ends when its teardown completes or it is reset
 * (after a short linger in capture time, so that the last stragglers still
 * join it), when it idles past a timeout, when a new SYN takes over its
 * 4-tuple, or at end of input; the reporter then gets connection_end() and
 * the memory is freed.  Memory is thus bounded by the connections open at
 * once.
 */
#ifndef TCPVIEW_TRACKER_H
#define TCPVIEW_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/packet.h"
#include "tcpview/report.h"

/* Connections followed at once unless --max-connections says otherwise. */
#define TRACKER_DEFAULT_MAX_CONNECTIONS 32768

struct tracker_config {
	bool absolute_seq;
	/* At most this many connections are followed at once (0: the default);
	 * past it, the least recently active one is ended and reported. */
	size_t max_connections;
	/* --conn: ids to report; NULL reports all. */
	bool (*selected)(void *ctx, uint64_t id);
	void *selected_ctx;
};

struct tracker;

struct tracker *tracker_new(const struct tracker_config *cfg, struct reporter *rep);
/* Analyses one decoded TCP packet; `ts_digits` is its input's precision. */
void tracker_packet(struct tracker *t, const struct tv_packet *p, int ts_digits);
/* Ends every open connection (end of input). */
void tracker_flush(struct tracker *t);
void tracker_free(struct tracker *t);

uint64_t tracker_connections(const struct tracker *t);

#endif
