/*
 * flow_recent.c - a direct-mapped cache of ended connections' 4-tuples
 * (see flow_recent.h).  One slot per hash bucket; adding overwrites.
 */
#include "config.h"

#include <stdlib.h>

#include "tcpview/flow_recent.h"
#include "tcpview/flow_table.h"

struct recent_slot {
	bool used;
	struct flow_key key;
};

struct flow_recent {
	struct recent_slot slots[FLOW_RECENT_SLOTS];
};

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
	struct recent_slot *s = &r->slots[hash & (FLOW_RECENT_SLOTS - 1)];
	s->used = true;
	s->key = *key;
}

bool flow_recent_take(struct flow_recent *r, const struct flow_key *key, uint32_t hash)
{
	struct recent_slot *s = &r->slots[hash & (FLOW_RECENT_SLOTS - 1)];
	if (!s->used || !flow_key_equal(&s->key, key))
		return false;
	s->used = false;
	return true;
}
