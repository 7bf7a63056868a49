/*
 * spool.h - per-connection output held until the connection ends.
 *
 * A story is printed when its connection ends, but its lines are made as
 * packets arrive.  Each connection's lines go to a spool; the spools of all
 * connections share one spool_arena, which keeps at most `budget` bytes in
 * memory and moves the rest to one anonymous temporary file, so memory
 * stays bounded however long a connection runs.  An output owns its arena
 * and one spool per open connection.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.
 */
#ifndef TCPVIEW_SPOOL_H
#define TCPVIEW_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcpview/util/obuf.h"

struct spool_extent {
	uint64_t off;
	size_t len;
};

struct spool {
	char *buf;
	size_t len, cap;
	struct spool_extent *ext;	/* spilled parts, in order */
	size_t next, ext_cap;
	bool lost;		/* bytes were dropped (out of memory) */
};

/* Buffers of ended spools kept for the next ones (see spool.c). */
#define SPOOL_SPARES 64

struct spool_arena {
	FILE *spill;		/* created on first need */
	uint64_t spill_end;
	size_t in_memory, budget;
	bool error;
	struct {
		char *buf;
		size_t cap;
	} spare[SPOOL_SPARES];
	size_t nspare;
};

void spool_arena_init(struct spool_arena *a, size_t budget);
void spool_arena_release(struct spool_arena *a);

void spool_write(struct spool_arena *a, struct spool *s, const void *p, size_t n);
/*
 * Writes everything spooled to `out`, in order, and empties the spool.
 * False when some of it could not be kept or read back: the caller reports
 * the loss (obuf_lost), it is never silent.  A spill that fails keeps the
 * bytes in memory instead, over the budget, rather than lose them.
 */
bool spool_drain(struct spool_arena *a, struct spool *s, struct obuf *out);
/* The same, handing the bytes to `put` in chunks of any size (a spool
 * of fixed-size records is read back this way; the caller joins records
 * a chunk boundary cuts).  `put` must not write to a spool of this arena. */
bool spool_drain_to(struct spool_arena *a, struct spool *s,
		    void (*put)(void *ctx, const void *p, size_t n), void *ctx);
/* A spool of fixed-size records (each written whole with spool_write):
 * `fn` gets each record in order, aligned for any type, valid during the
 * call.  Records are at most SPOOL_RECORD_MAX bytes; false as above, or
 * when the bytes were not whole records. */
#define SPOOL_RECORD_MAX 1024
bool spool_drain_records(struct spool_arena *a, struct spool *s, size_t size,
			 void (*fn)(void *ctx, void *rec), void *ctx);
/* Frees the spool without output. */
void spool_discard(struct spool_arena *a, struct spool *s);

#endif
