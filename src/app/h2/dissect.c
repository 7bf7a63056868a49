/*
 * dissect.c - HTTP/2 in the application layer: frames and streams.
 *
 * One h2_conn per connection (h2.h), both sides, started by the client's
 * preface (prior knowledge, RFC 9113 §3.3) or by an h2c upgrade (RFC 7540
 * §3.2, whose request becomes stream 1).  Every frame is a record, its
 * header block decoded (HPACK through libnghttp2) and copied in by value;
 * every stream that closes is a record pairing its request and response,
 * with the time from the request's end to the response's first HEADERS.
 */
#include "config.h"

#include <string.h>

#include "../layer_int.h"
#include "tcpview/app/h2.h"

/* Times of the streams being answered: a small table, since only their
 * order matters for ttfb; a stream not found just has no ttfb. */
#define H2_TIMED 64

struct h2_timed {
	uint32_t id;
	bool request_ended, answered;
	struct tv_time request_end;
	uint64_t request_frame, response_frame;
	int64_t ttfb_ns;
};

struct h2_state {
	struct app_conn *c;
	enum tv_dir dir;
	bool ready;
	struct h2_conn h2;
	struct h2_timed timed[H2_TIMED];
};

static struct h2_timed *timed(struct h2_state *st, uint32_t id, bool create)
{
	struct h2_timed *t = &st->timed[id % H2_TIMED];
	if (t->id == id)
		return t;
	if (!create)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->id = id;
	t->ttfb_ns = -1;
	return t;
}

/* Request end and response start, per stream, for ttfb. */
static void time_frame(struct h2_state *st, enum tv_dir d, const struct h2_frame *f)
{
	if (f->stream_id == 0)
		return;
	bool headers = f->type == H2_HEADERS;
	bool end = (headers && f->u.headers.end_stream) ||
		   (f->type == H2_DATA && f->u.data.end_stream);
	if (d == DIR_C2S) {
		struct h2_timed *t = timed(st, f->stream_id, headers);
		if (t != NULL && headers && t->request_frame == 0)
			t->request_frame = st->c->frame;
		if (t != NULL && end) {
			t->request_ended = true;
			t->request_end = st->c->ts;
		}
	} else if (headers) {
		struct h2_timed *t = timed(st, f->stream_id, false);
		if (t != NULL && !t->answered) {
			t->answered = true;
			t->response_frame = st->c->frame;
			if (t->request_ended)
				t->ttfb_ns = tv_time_diff_ns(t->request_end, st->c->ts);
		}
	}
}

static void on_frame(void *ctx, int dir, const struct h2_frame *f)
{
	struct h2_state *st = ctx;
	enum tv_dir d = dir == H2_CLIENT ? DIR_C2S : DIR_S2C;
	time_frame(st, d, f);
	struct tv_app a;
	a.proto = AP_HTTP2;
	a.kind = AK_H2_FRAME;
	struct tv_app_h2 *h = &a.u.h2;
	h->f = *f;
	h->has_block = false;
	bool block = f->type == H2_HEADERS || f->type == H2_PUSH_PROMISE ||
		     f->type == H2_CONTINUATION;
	if (block) {
		h->f.u.headers.block = NULL;
		if (f->u.headers.block != NULL) {
			h->has_block = true;
			h->block = *f->u.headers.block;
		}
	}
	app_emit(st->c, d, &a);
}

static void on_stream(void *ctx, const struct h2_stream_info *s)
{
	struct h2_state *st = ctx;
	struct tv_app a;
	a.proto = AP_HTTP2;
	a.kind = AK_H2_STREAM;
	struct tv_app_h2_stream *r = &a.u.h2s;
	r->s = *s;
	r->request_frame = r->response_frame = 0;
	r->ttfb_ns = -1;
	struct h2_timed *t = timed(st, s->id, false);
	if (t != NULL) {
		r->request_frame = t->request_frame;
		r->response_frame = t->response_frame;
		r->ttfb_ns = t->ttfb_ns;
		t->id = 0;
	}
	app_emit(st->c, st->dir, &a);
}

static void on_error(void *ctx, int dir, const char *why)
{
	struct h2_state *st = ctx;
	app_stop(st->c, dir == H2_CLIENT ? DIR_C2S : DIR_S2C, why);
}

static const struct h2_callbacks callbacks = {
	.on_frame = on_frame,
	.on_stream = on_stream,
	.on_error = on_error,
};

static bool h2_start(struct app_conn *c)
{
	struct h2_state *st = c->state;
	memset(st->timed, 0, sizeof(st->timed));
	st->c = c;
	st->dir = DIR_C2S;
	st->ready = h2_conn_init(&st->h2, true);
	return st->ready;
}

void app_h2_upgraded(struct app_conn *c, const char *method, const char *path)
{
	struct h2_state *st = c->state;
	h2_conn_upgraded(&st->h2, method, path);
	/* The upgraded request ended with its HTTP/1.1 message. */
	struct h2_timed *t = timed(st, 1, true);
	t->request_ended = true;
	t->request_end = c->ts;
}

static int side_of(enum tv_dir d)
{
	return d == DIR_C2S ? H2_CLIENT : H2_SERVER;
}

static void h2_bytes(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len)
{
	struct h2_state *st = c->state;
	st->dir = d;
	h2_feed(&st->h2, side_of(d), data, len, &callbacks, st);
}

static void h2_lost(struct app_conn *c, enum tv_dir d, uint64_t len)
{
	struct h2_state *st = c->state;
	st->dir = d;
	h2_gap(&st->h2, side_of(d), len, &callbacks, st);
}

static void h2_end(struct app_conn *c, enum tv_dir d)
{
	struct h2_state *st = c->state;
	st->dir = d;
	h2_eof(&st->h2, side_of(d), &callbacks, st);
}

static void h2_release(struct app_conn *c)
{
	struct h2_state *st = c->state;
	if (st->ready)
		h2_conn_release(&st->h2);
}

const struct app_dissector app_h2 = {
	.proto = AP_HTTP2,
	.start = h2_start,
	.bytes = h2_bytes,
	.gap = h2_lost,
	.eof = h2_end,
	.release = h2_release,
	.size = sizeof(struct h2_state),
};
