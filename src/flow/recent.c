/*
 * recent.c - a direct-mapped cache of ended connections' 4-tuples
 * (see flow_recent.h).  One slot per hash bucket; adding overwrites.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/flow/recent.h"

/*
 * A slot holds a 64-bit fingerprint of the key rather than the key: eight
 * bytes a slot keep the table in cache (it is probed on every SYN), and a
 * false match needs two keys agreeing in slot and in 64 bits.  0 is empty.
 */
struct flow_recent {
	uint64_t slots[FLOW_RECENT_SLOTS];
};

/* 64 bits from the key's words, each mixed in with a multiply-xorshift. */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static uint64_t fingerprint(const struct flow_key *k)
{
	uint64_t w[4];
	memcpy(w, k->addr_lo, 16);
	memcpy(w + 2, k->addr_hi, 16);
	uint64_t h = mix(0x243f6a8885a308d3ULL,
			 (uint64_t)k->family << 32 | (uint64_t)k->port_lo << 16 | k->port_hi);
	for (int i = 0; i < 4; i++)
		h = mix(h, w[i]);
	h = mix(h, k->tunnel);
	return h != 0 ? h : 1;
}

struct flow_recent *flow_recent_new(void)
{
	return calloc(1, sizeof(struct flow_recent));
}

void flow_recent_free(struct flow_recent *r)
{
	free(r);
}

void flow_recent_add(struct flow_recent *r, const struct flow_key *key, uint32_t hash)
{
	r->slots[hash & (FLOW_RECENT_SLOTS - 1)] = fingerprint(key);
}

bool flow_recent_take(struct flow_recent *r, const struct flow_key *key, uint32_t hash)
{
	uint64_t *s = &r->slots[hash & (FLOW_RECENT_SLOTS - 1)];
	if (*s == 0 || *s != fingerprint(key))
		return false;
	*s = 0;
	return true;
}
