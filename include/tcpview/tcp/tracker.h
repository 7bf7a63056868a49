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
#include "tcpview/tcp/connid.h"
#include "tcpview/tcp/sink.h"
#include "tcpview/util/tvtime.h"

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
	/*
	 * Called as a connection starts to end, before any of its closing
	 * records: `list` says which list it ended from, a finished one
	 * first (0: FIN teardown complete, 1: reset or refused, 2: open) and
	 * `last_packet` is its last packet's conn_ref.packet.  Within one
	 * tracker_expire() connections end in that order, which is how a
	 * run with several trackers (-j) puts their stories back in the
	 * order of one.  NULL: not told.
	 */
	void (*ending)(void *ctx, uint64_t id, unsigned list, uint64_t last_packet);
	void *ending_ctx;
};

struct tracker;

struct tracker *tracker_new(const struct tracker_config *cfg, struct tv_sink *sink);
/*
 * Analyses one decoded TCP packet of the connection `ref` names (connid.h:
 * the run layer numbers connections before any of them is analysed).  The
 * connections whose time is up end in tracker_expire(), which the caller
 * calls when tracker_expiry_due() says, before the packet.
 */
void tracker_packet_ref(struct tracker *t, const struct tv_packet *p,
			const struct conn_ref *ref);
void tracker_expire(struct tracker *t, struct tv_time now);
/* The same with the tracker's own numbering and clock (one tracker that
 * sees every packet: the tests). */
void tracker_packet(struct tracker *t, const struct tv_packet *p);

/*
 * How often, in capture time, lingering and idle connections are looked
 * at: once per millisecond of it, not on every packet (the timeouts are
 * half a second and more).  Decided on every TCP packet's time whoever
 * analyses it, so that a connection ends at the same packet whichever
 * thread or process follows it.  It may go backwards (a second, older
 * file; clock steps): nothing expires then, since only connections idle
 * for a positive time past their timeout end.
 */
#define TRACKER_EXPIRE_EVERY_NS 1000000LL
static inline bool tracker_expiry_due(struct tv_time *last, struct tv_time now)
{
	int64_t since = tv_time_diff_ns(*last, now);
	if (since < TRACKER_EXPIRE_EVERY_NS && since >= 0)
		return false;
	*last = now;
	return true;
}
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

/* Connections numbered by tracker_packet()'s own numbering. */
uint64_t tracker_connections(const struct tracker *t);

#endif
