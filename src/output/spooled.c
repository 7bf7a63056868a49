/*
 * spooled.c - per-connection spools found by connection id (see spooled.h).
 */
#include "config.h"

#include <stdlib.h>

#include "tcpview/output/spooled.h"

void spooled_init(struct spooled *s, size_t budget, struct obuf *out)
{
	spool_arena_init(&s->arena, budget);
	idmap_init(&s->ids);
	s->out = out;
}

void spooled_open(struct spooled *s, uint64_t id)
{
	struct spool *sp = calloc(1, sizeof(*sp));
	if (sp == NULL || !idmap_put(&s->ids, id, sp)) {
		free(sp);
		obuf_lost(s->out, "out of memory for a connection's output");
	}
}

struct spool *spooled_get(struct spooled *s, uint64_t id)
{
	return idmap_get(&s->ids, id);
}

void spooled_write(struct spooled *s, struct spool *sp, const void *p, size_t n)
{
	spool_write(&s->arena, sp, p, n);
}

void spooled_drain(struct spooled *s, uint64_t id)
{
	struct spool *sp = idmap_take(&s->ids, id);
	if (sp == NULL)
		return;
	if (!spool_drain(&s->arena, sp, s->out))
		obuf_lost(s->out, "part of a connection's output could not be kept "
			  "in memory or in the temporary file");
	free(sp);
}

void spooled_forget(struct spooled *s, uint64_t id)
{
	struct spool *sp = idmap_take(&s->ids, id);
	if (sp != NULL) {
		spool_discard(&s->arena, sp);
		free(sp);
	}
}

void spooled_release(struct spooled *s)
{
	struct spool *sp;
	while ((sp = idmap_pop(&s->ids)) != NULL) {
		spool_discard(&s->arena, sp);
		free(sp);
	}
	idmap_release(&s->ids);
	spool_arena_release(&s->arena);
}
