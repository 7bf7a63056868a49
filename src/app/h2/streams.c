/*
 * streams.c - the streams of an HTTP/2 connection: a bounded table of the
 * open ones, each with its request, its response and its two flow-control
 * windows, reported through on_stream as they close (see h2.h).
 *
 * A stream opens with the first HEADERS frame on a new id, or with the
 * PUSH_PROMISE that reserves it (RFC 9113 §5.1); ids only grow, per
 * initiator (§5.1.1), so an id at or below the highest one seen is a
 * stream that closed (or was never tracked) and is not opened again.  It
 * closes when both sides have sent END_STREAM, or either RST_STREAM
 * (§5.1), or once both sides' bytes have ended; its slot is then free.
 * At most H2_STREAMS_MAX are tracked: past that, new streams are counted
 * and their frames read without a stream to count them against.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "h2_int.h"

static int slot_of(const struct h2_conn *c, uint32_t id)
{
	if (id == 0)
		return -1;
	for (int i = 0; i < (int)c->cap; i++)
		if (c->ids[i] == id)
			return i;
	return -1;
}

struct h2_stream *h2_stream_find(struct h2_conn *c, uint32_t id)
{
	int i = slot_of(c, id);
	return i < 0 ? NULL : &c->streams[i];
}

/* Room for one more stream: the table doubles, up to H2_STREAMS_MAX. */
static bool room(struct h2_conn *c)
{
	if (c->nstreams < c->cap)
		return true;
	if (c->cap == H2_STREAMS_MAX)
		return false;
	uint32_t ncap = c->cap == 0 ? 8 : c->cap * 2;
	uint32_t *ids = realloc(c->ids, ncap * sizeof(*ids));
	if (ids == NULL)
		return false;
	c->ids = ids;
	struct h2_stream *st = realloc(c->streams, ncap * sizeof(*st));
	if (st == NULL)
		return false;
	c->streams = st;
	memset(ids + c->cap, 0, (ncap - c->cap) * sizeof(*ids));
	c->cap = ncap;
	return true;
}

struct h2_stream *h2_stream_open(struct h2_conn *c, uint32_t id)
{
	int kind = (id & 1) ? 0 : 1;	/* client-initiated ids are odd */
	if (id == 0 || id <= c->max_id[kind])
		return NULL;
	c->max_id[kind] = id;
	c->streams_seen++;
	if (!room(c)) {
		c->streams_untracked++;	/* past the cap, or out of memory */
		return NULL;
	}
	int i = 0;
	while (c->ids[i] != 0)
		i++;
	c->ids[i] = id;
	c->nstreams++;
	struct h2_stream *st = &c->streams[i];
	memset(st, 0, sizeof(*st));
	st->info.id = id;
	/* §6.9.2: a sender's stream window starts at what the receiver set */
	st->window[H2_CLIENT] = c->side[H2_SERVER].initial_window;
	st->window[H2_SERVER] = c->side[H2_CLIENT].initial_window;
	for (int d = 0; d < 2; d++) {
		if (c->side[d].done) {
			st->done[d] = true;
			st->info.open_at_end = true;
		}
	}
	return st;
}

void h2_stream_side_end(struct h2_stream *st, int d)
{
	if (d == H2_CLIENT)
		st->info.request_end = true;
	else
		st->info.response_end = true;
	st->done[d] = true;
}

static bool closed(const struct h2_stream *st)
{
	return st->info.reset || (st->done[0] && st->done[1]);
}

static void report(struct h2_conn *c, int i, const struct h2_callbacks *cb, void *ctx)
{
	if (cb->on_stream != NULL)
		cb->on_stream(ctx, &c->streams[i].info);
	c->ids[i] = 0;
	c->nstreams--;
}

void h2_stream_settle(struct h2_conn *c, uint32_t id, const struct h2_callbacks *cb,
		      void *ctx)
{
	int i = slot_of(c, id);
	if (i >= 0 && closed(&c->streams[i]))
		report(c, i, cb, ctx);
}

void h2_streams_shift(struct h2_conn *c, int sender, int64_t delta)
{
	for (uint32_t i = 0; i < c->cap; i++)
		if (c->ids[i] != 0)
			c->streams[i].window[sender] += delta;
}

/*
 * Side `d` sends nothing more: the streams it had not ended end with it,
 * and those whose other side is done too are reported, by id (the table's
 * order means nothing).
 */
void h2_streams_side_done(struct h2_conn *c, int d, const struct h2_callbacks *cb,
			  void *ctx)
{
	int order[H2_STREAMS_MAX];
	int n = 0;
	for (int i = 0; i < (int)c->cap; i++) {
		struct h2_stream *st = &c->streams[i];
		if (c->ids[i] == 0)
			continue;
		if (!st->done[d] && !st->info.reset) {
			st->done[d] = true;
			st->info.open_at_end = true;
		}
		if (!closed(st))
			continue;
		int k = n++;
		for (; k > 0 && c->ids[order[k - 1]] > c->ids[i]; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	for (int k = 0; k < n; k++)
		report(c, order[k], cb, ctx);
}

/* Copies a pseudo-header's value, cut to `max` bytes. */
static void keep_value(char *dst, bool *cut, const struct h2_field *f, size_t max)
{
	size_t n = f->value_len < max ? f->value_len : max;
	memcpy(dst, f->value, n);
	dst[n] = '\0';
	*cut = f->value_cut || f->value_len > max;
}

/*
 * The request's pseudo-header fields (§8.3.1): the first of each is kept.
 * Without :authority, the Host field stands for it (§8.3.1 allows it).
 */
static void request_fields(struct h2_stream_info *si, const struct h2_header_block *b)
{
	const struct h2_field *host = NULL;
	for (int i = 0; i < b->kept; i++) {
		const struct h2_field *f = &b->fields[i];
		if (strcmp(f->name, ":method") == 0 && si->method[0] == '\0')
			keep_value(si->method, &si->method_cut, f, H2_METHOD_MAX);
		else if (strcmp(f->name, ":path") == 0 && si->path[0] == '\0')
			keep_value(si->path, &si->path_cut, f, H2_PATH_MAX);
		else if (strcmp(f->name, ":authority") == 0 && si->authority[0] == '\0')
			keep_value(si->authority, &si->authority_cut, f, H2_AUTHORITY_MAX);
		else if (strcmp(f->name, "host") == 0 && host == NULL)
			host = f;
	}
	if (si->authority[0] == '\0' && host != NULL)
		keep_value(si->authority, &si->authority_cut, host, H2_AUTHORITY_MAX);
}

/* §8.3.2: :status is a three-digit code; a final one replaces an interim
 * (1xx) one, never the other way round. */
static void response_fields(struct h2_stream_info *si, const struct h2_header_block *b)
{
	for (int i = 0; i < b->kept; i++) {
		const struct h2_field *f = &b->fields[i];
		if (strcmp(f->name, ":status") != 0)
			continue;
		const char *v = f->value;
		if (f->value_len != 3 || v[0] < '1' || v[0] > '9' || v[1] < '0' || v[1] > '9' ||
		    v[2] < '0' || v[2] > '9')
			return;
		uint16_t status = (uint16_t)((v[0] - '0') * 100 + (v[1] - '0') * 10 + (v[2] - '0'));
		if (si->status == 0 || si->status < 200)
			si->status = status;
		return;
	}
}

void h2_streams_block(struct h2_conn *c, int d, const struct h2_header_block *b)
{
	bool push = b->type == H2_PUSH_PROMISE;
	struct h2_stream *st = h2_stream_find(c, push ? b->promised_stream : b->stream_id);
	if (st == NULL)
		return;
	if (!b->decoded)
		st->info.headers_lost = true;
	else if (push || d == H2_CLIENT)
		request_fields(&st->info, b);
	else
		response_fields(&st->info, b);
	/* §6.2: END_STREAM takes effect with the block's last frame */
	if (!push && b->end_stream)
		h2_stream_side_end(st, d);
}

/* Copies a C string, cut to `max` bytes. */
static void keep_string(char *dst, bool *cut, const char *src, size_t max)
{
	size_t n = src == NULL ? 0 : strlen(src);
	*cut = n > max;
	if (n > max)
		n = max;
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* RFC 7540 §3.2: the upgraded request is stream 1, and the client has
 * sent all of it (half-closed (local) on its side). */
void h2_conn_upgraded(struct h2_conn *c, const char *method, const char *path)
{
	struct h2_stream *st = h2_stream_open(c, 1);
	if (st == NULL)
		return;
	keep_string(st->info.method, &st->info.method_cut, method, H2_METHOD_MAX);
	keep_string(st->info.path, &st->info.path_cut, path, H2_PATH_MAX);
	h2_stream_side_end(st, H2_CLIENT);
}
