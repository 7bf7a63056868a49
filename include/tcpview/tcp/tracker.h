/*
 * tracker.h - connections: lookup, roles, handshake, teardown, lifetime.
 *
 * The tracker owns every connection's state and the flow table.  For each
 * decoded TCP packet it finds (or opens) the connection, runs the sequence
 * analysis and the story labels, and hands a complete event record to its
 * sink (sink.h); when the sink asks for bytes, it reassembles each
 * direction and hands them on in order.  A connection ends when its
 * teardown completes or it is reset (after a short linger in capture time,
 * so that the last stragglers still join it), when it idles past a
 * timeout, when a new SYN takes over its 4-tuple, or at end of input; the
 * sink then gets its closing report and the memory is freed.  Memory is
 * thus bounded by the connections open at once.  The sink is the caller's.
 */
#ifndef TCPVIEW_TCP_TRACKER_H
#define TCPVIEW_TCP_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/decode/packet.h"
#include "tcpview/tcp/sink.h"

/* Connections followed at once unless --max-connections says otherwise. */
#define TRACKER_DEFAULT_MAX_CONNECTIONS 32768

struct tracker_config {
	/* At most this many connections are followed at once (0: the default);
	 * past it, the least recently active one is ended and reported. */
	size_t max_connections;
	/* Bytes held out of order per direction while reassembling (0: the
	 * default of reasm.h). */
	size_t reasm_pending_max;
	/* --conn: ids whose records reach the sink; NULL: all. */
	bool (*selected)(void *ctx, uint64_t id);
	void *selected_ctx;
};

struct tracker;

struct tracker *tracker_new(const struct tracker_config *cfg, struct tv_sink *sink);
/* Analyses one decoded TCP packet. */
void tracker_packet(struct tracker *t, const struct tv_packet *p);
/*
 * An ICMP or ICMPv6 error quoting a segment (DECODE_ICMP): attached to the
 * segment's connection as an icmp_error event; false when no connection
 * of that 4-tuple is known (the error is then only counted by the caller).
 */
bool tracker_icmp(struct tracker *t, const struct tv_packet *p);
/* Ends every open connection (end of input). */
void tracker_flush(struct tracker *t);
/* A live input has been quiet for `quiet_ns` of wall-clock time since the
 * last packet: the connections whose linger or idle time that passes end
 * now, as the next packet would have ended them. */
void tracker_idle(struct tracker *t, int64_t quiet_ns);
void tracker_free(struct tracker *t);

uint64_t tracker_connections(const struct tracker *t);

#endif
