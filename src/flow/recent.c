/*
 * recent.c - a direct-mapped cache of ended connections' 4-tuples
 * (see flow_recent.h).  One slot per hash bucket; adding overwrites.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/flow/recent.h"

/*
 * A slot holds a 64-bit fingerprint of the key rather than the key (a
 * false match needs two keys agreeing in slot and in 64 bits; 0 is empty)
 * and the caller's few bytes about the flow.
 */
struct slot {
	uint64_t fp;
	uint8_t blob[FLOW_RECENT_BLOB];
};

struct flow_recent {
	struct slot slots[FLOW_RECENT_SLOTS];
};

struct flow_recent *flow_recent_new(void)
{
	return calloc(1, sizeof(struct flow_recent));
}

void flow_recent_free(struct flow_recent *r)
{
	free(r);
}

void flow_recent_put(struct flow_recent *r, const struct flow_key *key, uint32_t hash,
		     const void *blob, size_t n)
{
	struct slot *s = &r->slots[hash & (FLOW_RECENT_SLOTS - 1)];
	s->fp = flow_key_fingerprint(key);
	memset(s->blob, 0, sizeof(s->blob));
	memcpy(s->blob, blob, n < sizeof(s->blob) ? n : sizeof(s->blob));
}

bool flow_recent_get(struct flow_recent *r, const struct flow_key *key, uint32_t hash,
		     void *blob, size_t n)
{
	struct slot *s = &r->slots[hash & (FLOW_RECENT_SLOTS - 1)];
	if (s->fp == 0 || s->fp != flow_key_fingerprint(key))
		return false;
	s->fp = 0;
	memcpy(blob, s->blob, n < sizeof(s->blob) ? n : sizeof(s->blob));
	return true;
}
