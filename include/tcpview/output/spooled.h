/*
 * spooled.h - each open connection's output, held until it ends (output
 * layer).
 *
 * The text story and the JSON event list of a connection are made packet
 * by packet but printed when the connection closes.  A struct spooled keeps
 * one spool (util/spool.h) per open connection, found by connection id,
 * all sharing one memory budget and one temporary file.  It owns the spools
 * and the arena; what cannot be kept is reported on the obuf (obuf_lost),
 * never dropped in silence.
 */
#ifndef TCPVIEW_OUTPUT_SPOOLED_H
#define TCPVIEW_OUTPUT_SPOOLED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/util/idmap.h"
#include "tcpview/util/obuf.h"
#include "tcpview/util/spool.h"

struct spooled {
	struct spool_arena arena;
	struct idmap ids;	/* connection id → struct spool */
	struct obuf *out;	/* where losses are reported */
};

void spooled_init(struct spooled *s, size_t budget, struct obuf *out);
/* Starts connection `id`'s spool. */
void spooled_open(struct spooled *s, uint64_t id);
/* Its spool, or NULL (not open, or out of memory: already reported). */
struct spool *spooled_get(struct spooled *s, uint64_t id);
void spooled_write(struct spooled *s, struct spool *sp, const void *p, size_t n);
/* Writes what connection `id` spooled to the obuf and forgets it. */
void spooled_drain(struct spooled *s, uint64_t id);
/* Forgets what connection `id` spooled, without output. */
void spooled_forget(struct spooled *s, uint64_t id);
/* Frees every spool left without output, and the arena. */
void spooled_release(struct spooled *s);

/* Whether nothing has been written to `sp` yet. */
static inline bool spooled_empty(const struct spool *sp)
{
	return sp->len == 0 && sp->next == 0;
}

#endif
