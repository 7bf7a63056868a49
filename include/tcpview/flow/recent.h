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

/*
 * Which of `n` parts a flow of this hash belongs to, when several trackers
 * share a capture (-j workers, --shard processes).  Decided by the bits
 * that choose the flow's slot here, so that the flows that share a slot
 * share a tracker, which then remembers and forgets each of them exactly
 * as one tracker for all would.  The bits are mixed so that the parts get
 * about as many flows each; `salt` makes another split of the same bits
 * (the workers of one shard: else they would all get one part).
 */
static inline unsigned flow_recent_part(uint32_t hash, unsigned n, uint32_t salt)
{
	uint32_t x = ((hash & (FLOW_RECENT_SLOTS - 1)) ^ salt) * 0x9e3779b1u;
	x ^= x >> 15;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	return (unsigned)(((uint64_t)x * n) >> 32);
}

struct flow_recent *flow_recent_new(void);
void flow_recent_free(struct flow_recent *r);
/* Remembers `key` with `n` bytes of `blob` (at most FLOW_RECENT_BLOB). */
void flow_recent_put(struct flow_recent *r, const struct flow_key *key, uint32_t hash,
		     const void *blob, size_t n);
/* True when `key` ended and is remembered: copies its blob out and forgets it. */
bool flow_recent_get(struct flow_recent *r, const struct flow_key *key, uint32_t hash,
		     void *blob, size_t n);

#endif
