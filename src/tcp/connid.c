/*
 * connid.c - tcp.stream numbering (see connid.h).
 *
 * Each remembered 4-tuple keeps its id and, per side of the key (the low
 * endpoint is side 0), the relative-sequence base Wireshark's
 * tcp_analyze_seq would hold: a SYN's sequence number, else the first
 * segment's minus one, or the peer's first ACK minus one; a SYN-ACK with a
 * new sequence number moves it (the tracker's isn_restart).
 *
 * The entries live in one array that doubles up to `remember`, chained in
 * order of last activity by index, and are found through an open-addressing
 * index of their keys' fingerprints (deletion shifts back, as in
 * flow/table.c, so that no tombstones pile up).
 */
#include "config.h"

#include <stdlib.h>

#include "tcpview/tcp/connid.h"

#define NONE UINT32_MAX
#define MIN_ENTRIES 1024u

/* 32 bytes: the id shares its word with the two bits that say which
 * bases are set (ids stay below 2^62). */
struct entry {
	uint64_t fp;		/* flow_key_fingerprint() */
	uint64_t id_bits;	/* id << 2 | a bit per side whose base is set */
	uint32_t base[2];
	uint32_t prev, next;	/* least recently active first */
};

#define ID(e) ((e)->id_bits >> 2)
#define BASE_SET(e, side) (((e)->id_bits >> (side)) & 1u)

struct connid {
	struct entry *e;
	uint32_t n, cap, remember;
	uint32_t *slot;		/* entry index + 1; 0: empty */
	size_t mask;
	uint32_t head, tail, last;
	uint64_t ids;
};

struct connid *connid_new(size_t remember)
{
	struct connid *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->remember = remember < MIN_ENTRIES ? MIN_ENTRIES
		    : remember > UINT32_MAX / 4 ? UINT32_MAX / 4 : (uint32_t)remember;
	c->head = c->tail = c->last = NONE;
	return c;
}

void connid_free(struct connid *c)
{
	if (c == NULL)
		return;
	free(c->e);
	free(c->slot);
	free(c);
}

uint64_t connid_count(const struct connid *c)
{
	return c->ids;
}

static uint32_t find(const struct connid *c, uint64_t fp)
{
	if (c->slot == NULL)
		return NONE;
	for (size_t i = fp & c->mask;; i = (i + 1) & c->mask) {
		uint32_t k = c->slot[i];
		if (k == 0)
			return NONE;
		if (c->e[k - 1].fp == fp)
			return k - 1;
	}
}

static void place(uint32_t *slot, size_t mask, uint64_t fp, uint32_t k)
{
	size_t i = fp & mask;
	while (slot[i] != 0)
		i = (i + 1) & mask;
	slot[i] = k + 1;
}

/* Removes entry k from the index (Knuth's algorithm R). */
static void unindex(struct connid *c, uint32_t k)
{
	size_t i = c->e[k].fp & c->mask;
	while (c->slot[i] != k + 1)
		i = (i + 1) & c->mask;
	c->slot[i] = 0;
	for (size_t j = (i + 1) & c->mask; c->slot[j] != 0; j = (j + 1) & c->mask) {
		size_t home = c->e[c->slot[j] - 1].fp & c->mask;
		/* Entry at j may move to the hole at i unless its home lies
		 * cyclically in (i, j]. */
		if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
			c->slot[i] = c->slot[j];
			c->slot[j] = 0;
			i = j;
		}
	}
}

static void unlink_entry(struct connid *c, uint32_t k)
{
	struct entry *e = &c->e[k];
	if (e->prev != NONE)
		c->e[e->prev].next = e->next;
	else
		c->head = e->next;
	if (e->next != NONE)
		c->e[e->next].prev = e->prev;
	else
		c->tail = e->prev;
}

static void append(struct connid *c, uint32_t k)
{
	struct entry *e = &c->e[k];
	e->next = NONE;
	e->prev = c->tail;
	if (c->tail != NONE)
		c->e[c->tail].next = k;
	else
		c->head = k;
	c->tail = k;
}

/* Room for one more entry: the array and its index grow (the index kept at
 * most half full); false when memory ran out. */
static bool grow(struct connid *c)
{
	uint32_t cap = c->cap == 0 ? MIN_ENTRIES : c->cap * 2;
	if (cap > c->remember)
		cap = c->remember;
	struct entry *e = realloc(c->e, (size_t)cap * sizeof(*e));
	if (e == NULL)
		return false;
	c->e = e;
	/* At most 3/4 full: linear probing stays short, and the index is a
	 * quarter of the memory. */
	size_t slots = 1;
	while (slots < (size_t)cap + cap / 3)
		slots <<= 1;
	uint32_t *slot = calloc(slots, sizeof(*slot));
	if (slot == NULL)
		return false;
	for (uint32_t k = 0; k < c->n; k++)
		place(slot, slots - 1, c->e[k].fp, k);
	free(c->slot);
	c->slot = slot;
	c->mask = slots - 1;
	c->cap = cap;
	return true;
}

/* An entry for a tuple seen for the first time: the least recently active
 * one makes room when the memory is full.  NONE when memory ran out. */
static uint32_t remember(struct connid *c, uint64_t fp)
{
	uint32_t k;
	if (c->n == c->cap && c->cap < c->remember && !grow(c) && c->n == 0)
		return NONE;
	if (c->n < c->cap) {
		k = c->n++;
	} else {
		k = c->head;
		unlink_entry(c, k);
		unindex(c, k);
	}
	c->e[k].fp = fp;
	place(c->slot, c->mask, fp, k);
	append(c, k);
	return k;
}

void connid_assign(struct connid *c, const struct tv_packet *p, struct conn_ref *ref)
{
	uint64_t fp = flow_key_fingerprint(&ref->key);
	uint32_t k = c->last != NONE && c->e[c->last].fp == fp ? c->last : find(c, fp);
	/* Which side of the key sent it: the low endpoint is side 0 (a
	 * self-connect, both ends one endpoint, is side 0 both ways). */
	int side = !(p->sport == ref->key.port_lo &&
		     tv_addr_bytes_eq(p->src.bytes, ref->key.addr_lo, p->src.family));
	bool syn = (p->flags & (TH_SYN | TH_ACK)) == TH_SYN;
	ref->fresh = ref->reuse = false;
	if (k == NONE) {
		k = remember(c, fp);
		ref->fresh = true;
	} else if (syn && BASE_SET(&c->e[k], side) && p->seq != c->e[k].base[side]) {
		/* tcp.analysis.reused_ports: a new ISN on a known 4-tuple. */
		ref->fresh = ref->reuse = true;
	}
	if (k == NONE) {	/* out of memory: a new id, remembered by nobody */
		ref->id = ++c->ids;
		return;
	}
	struct entry *e = &c->e[k];
	if (ref->fresh)
		e->id_bits = ++c->ids << 2;
	ref->id = ID(e);
	/* The bases as analyze.c's relative numbers set them. */
	if (!BASE_SET(e, side)) {
		e->base[side] = (p->flags & TH_SYN) ? p->seq : p->seq - 1;
		e->id_bits |= 1u << side;
	} else if ((p->flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) && p->seq != e->base[side]) {
		e->base[side] = p->seq;
	}
	if (!BASE_SET(e, !side) && (p->flags & TH_ACK)) {
		e->base[!side] = p->ack - 1;
		e->id_bits |= 1u << !side;
	}
	if (c->tail != k) {
		unlink_entry(c, k);
		append(c, k);
	}
	c->last = k;
}
