/*
 * recent.h - the flows that have ended, and what their owner needs to
 * continue them.
 *
 * When the tracker frees a connection it leaves its key here with a few
 * bytes of its own (FLOW_RECENT_BLOB: the connection's id, roles and
 * sequence bases), so that a later packet of the same 4-tuple continues
 * the same connection, as tshark's tcp.stream does however long ago it was
 * last seen, and a SYN with a new ISN is told apart as port reuse
 * (tcp.analysis.reused_ports).  The memory is a fixed direct-mapped cache:
 * a newer key may push out an older one whose slot it shares, so it is a
 * bounded "recently ended" record, never a complete one.  It owns its
 * table; the blobs are copied in and out.
 */
#ifndef TCPVIEW_FLOW_RECENT_H
#define TCPVIEW_FLOW_RECENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/flow/table.h"

/* Slots of the cache (a power of two) and the bytes each keeps for its
 * owner: 16384 × 64 bytes, 1 MiB. */
#define FLOW_RECENT_SLOTS 16384u
#define FLOW_RECENT_BLOB 56

struct flow_recent;

struct flow_recent *flow_recent_new(void);
void flow_recent_free(struct flow_recent *r);
/* Remembers `key` with `n` bytes of `blob` (at most FLOW_RECENT_BLOB). */
void flow_recent_put(struct flow_recent *r, const struct flow_key *key, uint32_t hash,
		     const void *blob, size_t n);
/* True when `key` ended and is remembered: copies its blob out and forgets it. */
bool flow_recent_get(struct flow_recent *r, const struct flow_key *key, uint32_t hash,
		     void *blob, size_t n);

#endif
