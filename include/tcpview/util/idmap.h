/*
 * idmap.h - a map from connection ids to a consumer's own per-connection
 * state.
 *
 * Low-level primitive (util layer): it uses only libc.  Consumers of the
 * analysis records (the application layer, the outputs) keep what they
 * need per connection here, keyed by the record's id, instead of in the
 * tracker's connection.  Open addressing with linear probing and
 * backward-shift deletion.  In front of the table, a few entries keyed by
 * the id's low bits: the connections active at one time have ids close
 * together (they are numbered as they start), so they rarely share an
 * entry, and a lookup reads one small array instead of a slot of a table
 * that thousands of lingering connections spread over; an id looked up
 * and not found is remembered there too (value NULL), since consumers ask
 * again for a connection they keep nothing for.  The map owns its table,
 * never the values.
 */
#ifndef TCPVIEW_UTIL_IDMAP_H
#define TCPVIEW_UTIL_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idmap_slot {
	uint64_t id;		/* 0: empty (ids start at 1) */
	void *value;
};

#define IDMAP_NEAR 32

struct idmap {
	struct idmap_slot *slots;
	size_t mask, count;
	struct idmap_slot near[IDMAP_NEAR];	/* [id % IDMAP_NEAR]: a copy, or NULL */
};

void idmap_init(struct idmap *m);
void idmap_release(struct idmap *m);
/* The value of `id`, or NULL. */
void *idmap_get(struct idmap *m, uint64_t id);
/* Sets the value of `id` (id > 0, value != NULL); false when memory ran out. */
bool idmap_put(struct idmap *m, uint64_t id, void *value);
/* Removes `id` and returns its value (NULL when absent). */
void *idmap_take(struct idmap *m, uint64_t id);
size_t idmap_count(const struct idmap *m);
/* Removes some entry and returns its value; NULL when the map is empty
 * (for releasing what is left). */
void *idmap_pop(struct idmap *m);

#endif
