/*
 * defrag.c - IP fragment reassembly with bounded memory (see defrag.h).
 *
 * Datagrams being reassembled are kept in a small hash table keyed by
 * (version, source, destination, protocol, id) and on a list in order of
 * creation, so the oldest is the one dropped when memory or time runs out.
 * Each holds a 64 KiB buffer only as large as the highest fragment end
 * seen so far, and a bitmap of the bytes it has, in units of 8 (fragment
 * offsets are multiples of 8; a last fragment may end anywhere, and its
 * tail is tracked by the datagram's total length).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/decode/defrag.h"

#define MAX_DATAGRAM 65535u
#define UNITS ((MAX_DATAGRAM + 7) / 8)
#define BUCKETS 1024u

struct datagram {
	struct datagram *next_in_bucket;
	struct datagram *older, *newer;	/* creation order */
	uint8_t version, proto;
	struct tv_addr src, dst;
	uint32_t id;
	struct tv_time last;	/* last fragment's time */
	uint32_t total;		/* 0 until the last fragment is seen */
	uint32_t have_end;	/* highest byte seen */
	uint32_t cap;		/* bytes allocated in data */
	uint8_t *data;
	uint8_t have[UNITS / 8 + 1];	/* bit per 8-byte unit received */
	bool uncaptured;	/* some bytes were cut by the snap length */
};

struct defrag {
	struct datagram *bucket[BUCKETS];
	struct datagram *oldest, *newest;
	size_t bytes;
	uint8_t *done;		/* the last datagram returned */
};

struct defrag *defrag_new(void)
{
	return calloc(1, sizeof(struct defrag));
}

size_t defrag_bytes(const struct defrag *df)
{
	return df->bytes;
}

static uint32_t bucket_of(const struct defrag_frag *f)
{
	uint32_t h = f->id * 2654435761u ^ f->proto;
	size_t n = f->version == 4 ? 4 : 16;
	for (size_t i = 0; i < n; i++)
		h = (h ^ f->src.bytes[i] ^ ((uint32_t)f->dst.bytes[i] << 8)) * 16777619u;
	return h & (BUCKETS - 1);
}

static bool same(const struct datagram *g, const struct defrag_frag *f)
{
	return g->version == f->version && g->id == f->id && g->proto == f->proto &&
	       tv_addr_bytes_eq(g->src.bytes, f->src.bytes, f->version) &&
	       tv_addr_bytes_eq(g->dst.bytes, f->dst.bytes, f->version);
}

static void drop(struct defrag *df, struct datagram *g)
{
	struct defrag_frag key = { .version = g->version, .src = g->src, .dst = g->dst,
				   .id = g->id, .proto = g->proto };
	struct datagram **pp = &df->bucket[bucket_of(&key)];
	while (*pp != g)
		pp = &(*pp)->next_in_bucket;
	*pp = g->next_in_bucket;
	if (g->older != NULL)
		g->older->newer = g->newer;
	else
		df->oldest = g->newer;
	if (g->newer != NULL)
		g->newer->older = g->older;
	else
		df->newest = g->older;
	df->bytes -= sizeof(*g) + g->cap;
	free(g->data);
	free(g);
}

void defrag_free(struct defrag *df)
{
	if (df == NULL)
		return;
	while (df->oldest != NULL)
		drop(df, df->oldest);
	free(df->done);
	free(df);
}

static struct datagram *find_or_add(struct defrag *df, const struct defrag_frag *f,
				    struct tv_time now)
{
	uint32_t b = bucket_of(f);
	for (struct datagram *g = df->bucket[b]; g != NULL; g = g->next_in_bucket)
		if (same(g, f))
			return g;
	struct datagram *g = calloc(1, sizeof(*g));
	if (g == NULL)
		return NULL;
	g->version = f->version;
	g->proto = f->proto;
	g->src = f->src;
	g->dst = f->dst;
	g->id = f->id;
	g->last = now;
	g->next_in_bucket = df->bucket[b];
	df->bucket[b] = g;
	g->older = df->newest;
	if (df->newest != NULL)
		df->newest->newer = g;
	else
		df->oldest = g;
	df->newest = g;
	df->bytes += sizeof(*g);
	return g;
}

static bool unit_has(const struct datagram *g, uint32_t u)
{
	return (g->have[u / 8] >> (u % 8)) & 1;
}

/* Copies the fragment's bytes the datagram does not have yet: the first
 * copy of a byte wins. */
static void place(struct datagram *g, const struct defrag_frag *f)
{
	uint32_t end = f->offset + f->len;
	for (uint32_t u = f->offset / 8; u * 8 < end; u++) {
		if (unit_has(g, u))
			continue;
		uint32_t from = u * 8 > f->offset ? u * 8 : f->offset;
		uint32_t to = (u + 1) * 8 < end ? (u + 1) * 8 : end;
		/* A unit is complete when its 8 bytes (or the datagram's last
		 * bytes) are all in this fragment. */
		bool whole = from == u * 8 && (to == (u + 1) * 8 || !f->more);
		for (uint32_t i = from; i < to; i++) {
			uint32_t k = i - f->offset;
			if (k < f->caplen)
				g->data[i] = f->data[k];
			else
				g->uncaptured = true;
		}
		if (whole)
			g->have[u / 8] |= (uint8_t)(1u << (u % 8));
	}
}

static bool complete(const struct datagram *g)
{
	if (g->total == 0)
		return false;
	for (uint32_t u = 0; u * 8 < g->total; u++)
		if (!unit_has(g, u))
			return false;
	return true;
}

/* Drops what is too old at `now`, then the oldest until `need` fits. */
static void make_room(struct defrag *df, struct tv_time now, size_t need)
{
	while (df->oldest != NULL &&
	       tv_time_diff_ns(df->oldest->last, now) > DEFRAG_TIMEOUT_NS)
		drop(df, df->oldest);
	while (df->oldest != NULL && df->bytes + need > DEFRAG_MAX_BYTES)
		drop(df, df->oldest);
}

const uint8_t *defrag_add(struct defrag *df, const struct defrag_frag *f,
			  struct tv_time now, uint32_t *len)
{
	free(df->done);
	df->done = NULL;
	uint32_t end = f->offset + f->len;
	if (f->offset % 8 != 0 || end > MAX_DATAGRAM || (f->more && f->len % 8 != 0))
		return NULL;	/* not a fragment a stack sends: ignored */
	make_room(df, now, sizeof(struct datagram) + end);
	struct datagram *g = find_or_add(df, f, now);
	if (g == NULL)
		return NULL;
	g->last = now;
	if (end > g->cap) {
		uint32_t ncap = end < 1024 ? 1024 : end;
		if (ncap < g->cap * 2)
			ncap = g->cap * 2 < MAX_DATAGRAM ? g->cap * 2 : MAX_DATAGRAM;
		uint8_t *nd = realloc(g->data, ncap);
		if (nd == NULL) {
			drop(df, g);
			return NULL;
		}
		df->bytes += ncap - g->cap;
		g->data = nd;
		g->cap = ncap;
	}
	if (!f->more) {
		if (g->total != 0 && g->total != end) {
			drop(df, g);	/* two different ends: inconsistent, given up */
			return NULL;
		}
		g->total = end;
	}
	if (end > g->have_end)
		g->have_end = end;
	place(g, f);
	if (!complete(g) || g->have_end > g->total)
		return NULL;
	bool uncaptured = g->uncaptured;
	uint8_t *data = g->data;
	uint32_t total = g->total;
	g->data = NULL;
	df->bytes -= g->cap;
	g->cap = 0;
	drop(df, g);
	if (uncaptured) {
		free(data);
		return NULL;
	}
	df->done = data;
	*len = total;
	return data;
}
