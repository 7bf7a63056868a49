/*
 * table.c - the flow table: open-addressing index of live flows.
 *
 * Linear probing keeps a lookup to a few adjacent cache lines; deletion
 * shifts the following entries back (Knuth's algorithm R) instead of leaving
 * tombstones, so a table that sees millions of short connections never
 * degrades.  The table doubles above 1/2 load and halves below 1/8, a gap
 * wide enough that no sequence of inserts and removals rehashes repeatedly.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/flow/table.h"

#define MIN_SLOTS 1024u

struct slot {
	uint32_t hash;
	struct flow_node *node;	/* NULL: empty */
};

struct flow_table {
	struct slot *slots;
	size_t mask;		/* slots - 1 */
	size_t count;
};

struct flow_table *flow_table_new(void)
{
	struct flow_table *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->slots = calloc(MIN_SLOTS, sizeof(*t->slots));
	if (t->slots == NULL) {
		free(t);
		return NULL;
	}
	t->mask = MIN_SLOTS - 1;
	return t;
}

void flow_table_free(struct flow_table *t)
{
	if (t != NULL)
		free(t->slots);
	free(t);
}

size_t flow_table_count(const struct flow_table *t)
{
	return t->count;
}

/* Compares (address, port) endpoints: the canonical order of a key.  The
 * bytes are compared as big-endian words, as memcmp would order them. */
static int endpoint_cmp(const struct tv_addr *a, uint16_t pa,
			const struct tv_addr *b, uint16_t pb)
{
	size_t n = a->family == 4 ? 4 : 16;
	for (size_t i = 0; i < n; i += 4) {
		uint32_t x, y;
		memcpy(&x, a->bytes + i, 4);
		memcpy(&y, b->bytes + i, 4);
		if (x != y)
			return ntohl(x) < ntohl(y) ? -1 : 1;
	}
	return (int)pa - (int)pb;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

/* The key's words mixed in by multiply-xorshift (the key is zeroed past an
 * IPv4 address, so every key is hashed as the same 40 bytes). */
static uint32_t key_hash(const struct flow_key *k)
{
	uint64_t w[4];
	memcpy(w, k->addr_lo, 16);
	memcpy(w + 2, k->addr_hi, 16);
	uint64_t h = mix(0x243f6a8885a308d3ULL,
			 (uint64_t)k->family << 32 | (uint64_t)k->port_lo << 16 | k->port_hi);
	h = mix(h, w[0]);
	if (k->family != 4) {
		h = mix(h, w[1]);
		h = mix(h, w[3]);
	}
	h = mix(h, w[2]);
	h = mix(h, k->tunnel);
	return (uint32_t)(h ^ h >> 32);
}

uint32_t flow_key_make(const struct tv_packet *p, struct flow_key *key)
{
	memset(key, 0, sizeof(*key));
	key->family = p->src.family;
	size_t alen = p->src.family == 4 ? 4 : 16;
	bool reversed = endpoint_cmp(&p->src, p->sport, &p->dst, p->dport) > 0;
	const struct tv_addr *lo = reversed ? &p->dst : &p->src;
	const struct tv_addr *hi = reversed ? &p->src : &p->dst;
	memcpy(key->addr_lo, lo->bytes, alen);
	memcpy(key->addr_hi, hi->bytes, alen);
	key->port_lo = reversed ? p->dport : p->sport;
	key->port_hi = reversed ? p->sport : p->dport;
	key->tunnel = p->tunnel_id;
	return key_hash(key);
}

uint64_t flow_key_fingerprint(const struct flow_key *k)
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

bool flow_key_equal(const struct flow_key *a, const struct flow_key *b)
{
	/* IPv4 keys have zeros past their 4 bytes, so 16 compare the same. */
	return a->family == b->family && a->port_lo == b->port_lo &&
	       a->port_hi == b->port_hi && a->tunnel == b->tunnel &&
	       tv_addr_bytes_eq(a->addr_lo, b->addr_lo, 6) &&
	       tv_addr_bytes_eq(a->addr_hi, b->addr_hi, 6);
}

struct flow_node *flow_table_find(const struct flow_table *t,
				const struct flow_key *key, uint32_t hash)
{
	for (size_t i = hash & t->mask;; i = (i + 1) & t->mask) {
		const struct slot *s = &t->slots[i];
		if (s->node == NULL)
			return NULL;
		if (s->hash == hash && flow_key_equal(&s->node->key, key))
			return s->node;
	}
}

static void place(struct slot *slots, size_t mask, uint32_t hash,
		  struct flow_node *n)
{
	size_t i = hash & mask;
	while (slots[i].node != NULL)
		i = (i + 1) & mask;
	slots[i].hash = hash;
	slots[i].node = n;
}

static bool resize(struct flow_table *t, size_t nslots)
{
	struct slot *ns = calloc(nslots, sizeof(*ns));
	if (ns == NULL)
		return false;
	for (size_t i = 0; i <= t->mask; i++)
		if (t->slots[i].node != NULL)
			place(ns, nslots - 1, t->slots[i].hash, t->slots[i].node);
	free(t->slots);
	t->slots = ns;
	t->mask = nslots - 1;
	return true;
}

bool flow_table_insert(struct flow_table *t, struct flow_node *n)
{
	if ((t->count + 1) * 2 > t->mask + 1 && !resize(t, (t->mask + 1) * 2))
		return false;
	place(t->slots, t->mask, n->hash, n);
	t->count++;
	return true;
}

void flow_table_remove(struct flow_table *t, struct flow_node *n)
{
	size_t i = n->hash & t->mask;
	while (t->slots[i].node != n) {
		if (t->slots[i].node == NULL)
			return;
		i = (i + 1) & t->mask;
	}
	/* Backward-shift: move up every entry whose probe path crossed slot i. */
	for (size_t j = (i + 1) & t->mask; t->slots[j].node != NULL;
	     j = (j + 1) & t->mask) {
		size_t home = t->slots[j].hash & t->mask;
		/* Entry j may fill hole i unless its home lies in (i, j]. */
		bool home_between = i <= j ? (home > i && home <= j)
					   : (home > i || home <= j);
		if (!home_between) {
			t->slots[i] = t->slots[j];
			i = j;
		}
	}
	t->slots[i].node = NULL;
	t->count--;
	size_t nslots = t->mask + 1;
	if (nslots > MIN_SLOTS && t->count * 8 < nslots)
		resize(t, nslots / 2);
}
