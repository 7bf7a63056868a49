/*
 * spool.c - bounded buffering of per-connection output (see spool.h).
 *
 * A spool grows in memory up to SPOOL_CHUNK bytes, or less when the arena
 * would go over budget; then its buffer is appended to the shared spill
 * file as one extent and reused.  Draining copies the extents back in
 * order, then the bytes still in memory.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpview/util/spool.h"

#define SPOOL_CHUNK (64 * 1024)
/* A connection's story in text is a few KB.  The buffer of an ended spool,
 * up to SPOOL_SPARE_MAX bytes, is kept for a later spool rather than
 * freed (at most SPOOL_SPARES of them), so that a capture of many short
 * connections does not allocate and grow a buffer per connection; a new
 * spool without a spare starts small, since thousands may be open at
 * once. */
#define SPOOL_SPARE_MAX (16 * 1024)
#define SPOOL_SMALL 256

void spool_arena_init(struct spool_arena *a, size_t budget)
{
	memset(a, 0, sizeof(*a));
	a->budget = budget;
}

/*
 * The spill file is written and read at known offsets with pwrite(2) and
 * pread(2), not through stdio: a seek empties stdio's buffer, so reading
 * back extents of a few KB each took a 4 KiB read(2) per packet's worth.
 */
static bool transfer_at(int fd, char *p, size_t n, off_t off, bool put)
{
	while (n > 0) {
		ssize_t k = put ? pwrite(fd, p, n, off) : pread(fd, p, n, off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)	/* pread 0: the file is shorter */
			return false;
		p += k;
		n -= (size_t)k;
		off += k;
	}
	return true;
}

void spool_arena_release(struct spool_arena *a)
{
	while (a->nspare > 0)
		free(a->spare[--a->nspare].buf);
	if (a->spill != NULL)
		fclose(a->spill);
	a->spill = NULL;
}

/* Moves the spool's buffer to the spill file. */
static void spill(struct spool_arena *a, struct spool *s)
{
	if (s->len == 0)
		return;
	if (a->spill == NULL && (a->spill = tmpfile()) == NULL) {
		a->error = true;
		return;
	}
	if (s->next == s->ext_cap) {
		size_t ncap = s->ext_cap ? s->ext_cap * 2 : 8;
		struct spool_extent *n = realloc(s->ext, ncap * sizeof(*n));
		if (n == NULL) {
			a->error = true;
			return;
		}
		s->ext = n;
		s->ext_cap = ncap;
	}
	/* Written at once: a write that failed later would lose bytes
	 * already counted as spilled. */
	int fd = fileno(a->spill);
	if (!transfer_at(fd, s->buf, s->len, (off_t)a->spill_end, true)) {
		a->error = true;	/* the bytes stay in memory */
		return;
	}
	s->ext[s->next].off = a->spill_end;
	s->ext[s->next].len = s->len;
	s->next++;
	a->spill_end += s->len;
	a->in_memory -= s->len;
	s->len = 0;
}

void spool_write(struct spool_arena *a, struct spool *s, const void *p,
		 size_t n)
{
	/* Over the budget, this spool's bytes go to the file first: the arena
	 * then holds at most the budget and the line being written. */
	if (s->len + n > SPOOL_CHUNK || a->in_memory + n > a->budget)
		spill(a, s);
	if (s->cap == 0 && a->nspare > 0) {
		a->nspare--;
		s->buf = a->spare[a->nspare].buf;
		s->cap = a->spare[a->nspare].cap;
	}
	if (s->len + n > s->cap) {
		size_t ncap = s->cap ? s->cap : SPOOL_SMALL;
		while (ncap < s->len + n)
			ncap *= 2;
		char *nb = realloc(s->buf, ncap);
		if (nb == NULL) {
			a->error = true;
			s->lost = true;	/* these bytes are dropped */
			return;
		}
		s->buf = nb;
		s->cap = ncap;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	a->in_memory += n;
}

bool spool_drain_to(struct spool_arena *a, struct spool *s,
		    void (*put)(void *ctx, const void *p, size_t n), void *ctx)
{
	char chunk[32 * 1024];
	bool ok = !s->lost;
	int fd = s->next > 0 ? fileno(a->spill) : -1;
	/* Every extent is read back even after another spool's write failed:
	 * what reached the file is still there.  A short read loses the rest
	 * of that extent, and says so. */
	for (size_t i = 0; i < s->next; i++) {
		uint64_t off = s->ext[i].off;
		for (size_t left = s->ext[i].len; left > 0;) {
			size_t want = left < sizeof(chunk) ? left
							   : sizeof(chunk);
			if (!transfer_at(fd, chunk, want, (off_t)off, false)) {
				ok = false;
				break;
			}
			put(ctx, chunk, want);
			left -= want;
			off += want;
		}
	}
	if (s->len > 0)
		put(ctx, s->buf, s->len);
	spool_discard(a, s);
	return ok;
}

struct records {
	size_t size, have;
	void (*fn)(void *ctx, void *rec);
	void *ctx;
	union {
		max_align_t align;	/* a record is read in place */
		unsigned char bytes[SPOOL_RECORD_MAX];
	} carry;
};

/* Chunks back into whole records: a chunk may end inside one. */
static void put_records(void *ctx, const void *p, size_t n)
{
	struct records *r = ctx;
	const unsigned char *b = p;
	while (n > 0) {
		size_t k = r->size - r->have < n ? r->size - r->have : n;
		memcpy(r->carry.bytes + r->have, b, k);
		r->have += k;
		b += k;
		n -= k;
		if (r->have == r->size) {
			r->fn(r->ctx, r->carry.bytes);
			r->have = 0;
		}
	}
}

bool spool_drain_records(struct spool_arena *a, struct spool *s, size_t size,
			 void (*fn)(void *ctx, void *rec), void *ctx)
{
	if (size == 0 || size > SPOOL_RECORD_MAX) {
		spool_discard(a, s);
		return false;
	}
	struct records r = { .size = size, .have = 0, .fn = fn, .ctx = ctx };
	bool ok = spool_drain_to(a, s, put_records, &r);
	return ok && r.have == 0;
}

bool spool_drain(struct spool_arena *a, struct spool *s, struct obuf *out)
{
	return spool_drain_to(a, s, obuf_sink, out);
}

void spool_discard(struct spool_arena *a, struct spool *s)
{
	a->in_memory -= s->len;
	if (s->buf != NULL && s->cap <= SPOOL_SPARE_MAX &&
	    a->nspare < SPOOL_SPARES) {
		a->spare[a->nspare].buf = s->buf;
		a->spare[a->nspare++].cap = s->cap;
	} else {
		free(s->buf);
	}
	free(s->ext);
	memset(s, 0, sizeof(*s));
}
