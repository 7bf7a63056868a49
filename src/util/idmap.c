/*
 * idmap.c - connection id → consumer state (see idmap.h).
 *
 * Ids are dense and increasing, so a multiplicative hash spreads them
 * well.  The table doubles above 1/2 load and halves below 1/8, like the
 * flow table, so a run of millions of short connections never degrades it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/util/idmap.h"

#define MIN_SLOTS 64u

static size_t home(const struct idmap *m, uint64_t id)
{
	return (size_t)((id * 0x9e3779b97f4a7c15ULL) >> 32) & m->mask;
}

void idmap_init(struct idmap *m)
{
	memset(m, 0, sizeof(*m));
}

static struct idmap_slot *near(struct idmap *m, uint64_t id)
{
	return &m->near[id % IDMAP_NEAR];
}

void idmap_release(struct idmap *m)
{
	free(m->slots);
	idmap_init(m);
}

size_t idmap_count(const struct idmap *m)
{
	return m->count;
}

static struct idmap_slot *find(struct idmap *m, uint64_t id)
{
	if (m->slots == NULL || id == 0)	/* 0 marks an empty slot */
		return NULL;
	for (size_t i = home(m, id);; i = (i + 1) & m->mask) {
		struct idmap_slot *s = &m->slots[i];
		if (s->id == id)
			return s;
		if (s->id == 0)
			return NULL;
	}
}

void *idmap_get(struct idmap *m, uint64_t id)
{
	struct idmap_slot *c = near(m, id);
	if (c->id == id && id != 0)
		return c->value;	/* NULL: known to be absent */
	struct idmap_slot *s = find(m, id);
	*c = (struct idmap_slot){ id, s != NULL ? s->value : NULL };
	return c->value;
}

static void place(struct idmap *m, uint64_t id, void *value)
{
	size_t i = home(m, id);
	while (m->slots[i].id != 0)
		i = (i + 1) & m->mask;
	m->slots[i].id = id;
	m->slots[i].value = value;
}

static bool resize(struct idmap *m, size_t nslots)
{
	struct idmap_slot *old = m->slots;
	size_t oldn = old != NULL ? m->mask + 1 : 0;
	struct idmap_slot *ns = calloc(nslots, sizeof(*ns));
	if (ns == NULL)
		return false;
	m->slots = ns;
	m->mask = nslots - 1;
	for (size_t i = 0; i < oldn; i++)
		if (old[i].id != 0)
			place(m, old[i].id, old[i].value);
	free(old);
	return true;
}

bool idmap_put(struct idmap *m, uint64_t id, void *value)
{
	struct idmap_slot *s = find(m, id);
	if (s != NULL) {
		s->value = value;
		*near(m, id) = (struct idmap_slot){ id, value };
		return true;
	}
	size_t nslots = m->slots != NULL ? m->mask + 1 : 0;
	if ((m->count + 1) * 2 > nslots &&
	    !resize(m, nslots != 0 ? nslots * 2 : MIN_SLOTS))
		return false;
	place(m, id, value);
	m->count++;
	*near(m, id) = (struct idmap_slot){ id, value };
	return true;
}

void *idmap_take(struct idmap *m, uint64_t id)
{
	struct idmap_slot *s = find(m, id);
	if (s == NULL)
		return NULL;
	void *value = s->value;
	if (near(m, id)->id == id)
		*near(m, id) = (struct idmap_slot){ 0, NULL };
	size_t i = (size_t)(s - m->slots);
	/* Backward-shift deletion (Knuth's algorithm R): no tombstones. */
	for (size_t j = (i + 1) & m->mask; m->slots[j].id != 0; j = (j + 1) & m->mask) {
		size_t h = home(m, m->slots[j].id);
		bool between = i <= j ? (h > i && h <= j) : (h > i || h <= j);
		if (!between) {
			m->slots[i] = m->slots[j];
			i = j;
		}
	}
	m->slots[i].id = 0;
	m->slots[i].value = NULL;
	m->count--;
	size_t nslots = m->mask + 1;
	if (nslots > MIN_SLOTS && m->count * 8 < nslots)
		resize(m, nslots / 2);
	return value;
}

void *idmap_pop(struct idmap *m)
{
	for (size_t i = 0; m->count > 0 && i <= m->mask; i++)
		if (m->slots[i].id != 0)
			return idmap_take(m, m->slots[i].id);
	return NULL;
}
