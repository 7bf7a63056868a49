/*
 * fuzz_h2.c - arbitrary bytes as the two directions of an HTTP/2
 * connection, through the connection parser (app/h2.h).
 *
 * The input's first byte picks how the connection starts (bit 0: with the
 * client preface; bit 1: after an h2c upgrade) and seeds the cutting.  The
 * rest is a series of records, each a 2-byte big-endian header (bit 15:
 * the server's direction; bit 14: a gap; bits 0-13: a length) followed,
 * unless it is a gap, by that many bytes of the direction.  Both
 * directions end after the last record.  The records are fed whole, then
 * again each cut into pieces whose sizes follow from the input's bytes;
 * both runs must report the same things in the same order (the parser's
 * promise that the cut does not matter), and everything reported must
 * stay within its bounds, or the harness aborts.  The same entry point
 * serves libFuzzer (make fuzz-app) and, with tests/fuzz/replay_main.c, a
 * main() that replays files: the seeds and past findings in tests/fuzz/h2,
 * in make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/app/h2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FNV-1a over everything reported, in order. */
struct digest {
	uint64_t h;
	unsigned events;
};

static void mix(struct digest *d, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		d->h = (d->h ^ b[i]) * 0x100000001b3ULL;
}

static void mix64(struct digest *d, uint64_t v)
{
	uint8_t b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	mix(d, b, sizeof(b));
}

static void check_string(const char *s, size_t len, size_t max)
{
	if (len > max || s[len] != '\0')
		abort();
}

static void mix_block(struct digest *d, const struct h2_header_block *b)
{
	mix64(d, b->stream_id);
	mix64(d, (uint64_t)b->type << 32 | b->promised_stream);
	mix64(d, (uint64_t)b->decoded << 1 | b->end_stream);
	mix64(d, b->frames);
	mix64(d, b->fragment_len);
	mix64(d, b->nfields);
	if (b->kept > H2_FIELDS_KEPT || b->kept > b->nfields || (!b->decoded && b->nfields))
		abort();
	for (int i = 0; i < b->kept; i++) {
		const struct h2_field *f = &b->fields[i];
		check_string(f->name, f->name_len, H2_NAME_MAX);
		check_string(f->value, f->value_len, H2_VALUE_MAX);
		mix(d, f->name, f->name_len);
		mix(d, f->value, f->value_len);
		mix64(d, (uint64_t)f->name_cut << 2 | (uint64_t)f->value_cut << 1 | f->never_indexed);
	}
}

static void mix_typed(struct digest *d, const struct h2_frame *f)
{
	switch (f->type) {
	case H2_DATA: {
		const struct h2_data_info *x = &f->u.data;
		if (x->data_len > f->length || x->data_missing > x->data_len)
			abort();
		mix64(d, x->data_len);
		mix64(d, x->data_missing);
		mix64(d, (uint64_t)x->pad_len << 8 | (uint64_t)x->padded << 2 |
			 (uint64_t)x->end_stream << 1 | x->window_exceeded);
		mix64(d, (uint64_t)x->conn_window_before);
		mix64(d, (uint64_t)x->conn_window_after);
		mix64(d, x->stream_window_known);
		mix64(d, (uint64_t)x->stream_window_before);
		mix64(d, (uint64_t)x->stream_window_after);
		break;
	}
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
	case H2_CONTINUATION: {
		const struct h2_headers_info *x = &f->u.headers;
		if (x->fragment_len > f->length)
			abort();
		mix64(d, (uint64_t)x->end_stream << 3 | (uint64_t)x->end_headers << 2 |
			 (uint64_t)x->padded << 1 | x->has_priority);
		mix64(d, (uint64_t)x->pad_len << 32 | x->fragment_len);
		mix64(d, (uint64_t)x->exclusive << 48 | (uint64_t)x->weight << 32 | x->dependency);
		mix64(d, x->promised_stream);
		if (x->block != NULL)
			mix_block(d, x->block);
		break;
	}
	case H2_PRIORITY:
		mix64(d, (uint64_t)f->u.priority.exclusive << 48 |
			 (uint64_t)f->u.priority.weight << 32 | f->u.priority.dependency);
		break;
	case H2_RST_STREAM:
		mix64(d, f->u.rst_stream.error_code);
		(void)h2_error_name(f->u.rst_stream.error_code);
		break;
	case H2_SETTINGS: {
		const struct h2_settings_info *x = &f->u.settings;
		if (x->kept > H2_SETTINGS_KEPT || x->kept > x->count)
			abort();
		mix64(d, (uint64_t)x->ack << 32 | x->count);
		for (int i = 0; i < x->kept; i++) {
			mix64(d, (uint64_t)x->entries[i].id << 32 | x->entries[i].value);
			(void)h2_settings_name(x->entries[i].id);
		}
		break;
	}
	case H2_PING:
		mix64(d, f->u.ping.ack);
		mix(d, f->u.ping.opaque, 8);
		break;
	case H2_GOAWAY: {
		const struct h2_goaway_info *x = &f->u.goaway;
		if (x->debug_kept > H2_DEBUG_KEPT || x->debug_kept > x->debug_len)
			abort();
		mix64(d, (uint64_t)x->last_stream_id << 32 | x->error_code);
		mix64(d, x->debug_len);
		mix(d, x->debug, x->debug_kept);
		break;
	}
	case H2_WINDOW_UPDATE: {
		const struct h2_window_update_info *x = &f->u.window_update;
		mix64(d, (uint64_t)x->increment << 2 | (uint64_t)x->window_known << 1 |
			 x->window_exceeded);
		mix64(d, (uint64_t)x->window_before);
		mix64(d, (uint64_t)x->window_after);
		break;
	}
	default:
		break;
	}
}

static void on_frame(void *ctx, int dir, const struct h2_frame *f)
{
	struct digest *d = ctx;
	d->events++;
	mix64(d, (uint64_t)dir << 56 | (uint64_t)f->type << 48 | (uint64_t)f->flags << 40 |
		 f->length);
	mix64(d, f->stream_id);
	mix64(d, f->missing);
	if (f->problem != NULL)
		mix(d, f->problem, strlen(f->problem));
	mix64(d, f->problem_error);
	if (f->length > 0xffffff || f->missing > f->length)
		abort();
	mix_typed(d, f);
	const char *names[8];
	size_t n = h2_flag_names(f->type, f->flags, names, 8);
	for (size_t i = 0; i < n && i < 8; i++)
		mix(d, names[i], strlen(names[i]));
	(void)h2_frame_type_name(f->type);
}

static void on_stream(void *ctx, const struct h2_stream_info *s)
{
	struct digest *d = ctx;
	d->events++;
	check_string(s->method, strlen(s->method), H2_METHOD_MAX);
	check_string(s->path, strlen(s->path), H2_PATH_MAX);
	check_string(s->authority, strlen(s->authority), H2_AUTHORITY_MAX);
	if (s->request_missing > s->request_data || s->response_missing > s->response_data ||
	    s->id == 0)
		abort();
	mix64(d, s->id);
	mix(d, s->method, strlen(s->method));
	mix(d, s->path, strlen(s->path));
	mix(d, s->authority, strlen(s->authority));
	mix64(d, (uint64_t)s->status << 32 | (uint64_t)s->pushed << 1 | s->headers_lost);
	mix64(d, (uint64_t)s->request_headers << 32 | s->response_headers);
	mix64(d, s->request_data);
	mix64(d, s->response_data);
	mix64(d, s->request_missing);
	mix64(d, s->response_missing);
	mix64(d, (uint64_t)s->request_end << 4 | (uint64_t)s->response_end << 3 |
		 (uint64_t)s->reset << 2 | (uint64_t)s->reset_dir << 1 | s->open_at_end);
	mix64(d, s->reset_error);
}

static void on_error(void *ctx, int dir, const char *why)
{
	struct digest *d = ctx;
	d->events++;
	mix64(d, (uint64_t)dir);
	mix(d, why, strlen(why));
}

static const struct h2_callbacks cbs = { on_frame, on_stream, on_error };

static struct h2_conn conn;

/* Runs the whole input; `seed` nonzero cuts each record into pieces. */
static void run(const uint8_t *data, size_t size, uint32_t seed, struct digest *dg)
{
	if (!h2_conn_init(&conn, data[0] & 1))
		abort();
	if (data[0] & 2)
		h2_conn_upgraded(&conn, "GET", "/");
	(void)h2_looks_like_preface(data + 1, size - 1);
	size_t off = 1;
	while (size - off >= 2) {
		unsigned hdr = (unsigned)data[off] << 8 | data[off + 1];
		int dir = (hdr >> 15) & 1;
		size_t len = hdr & 0x3fff;
		off += 2;
		if (hdr & 0x4000) {
			h2_gap(&conn, dir, len, &cbs, dg);
			continue;
		}
		if (len > size - off)
			len = size - off;
		for (size_t at = 0; at < len;) {
			size_t n = len - at;
			if (seed != 0) {
				seed = seed * 1103515245u + 12345u;
				size_t cut = 1 + (seed >> 16) % 97;
				if (n > cut)
					n = cut;
			}
			h2_feed(&conn, dir, data + off + at, n, &cbs, dg);
			at += n;
		}
		off += len;
	}
	h2_eof(&conn, H2_CLIENT, &cbs, dg);
	h2_eof(&conn, H2_SERVER, &cbs, dg);
	if (conn.nstreams != 0 || conn.streams_untracked > conn.streams_seen)
		abort();	/* every stream is reported once both sides end */
	h2_conn_release(&conn);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	struct digest whole = { 0xcbf29ce484222325ULL, 0 }, cut = whole;
	uint32_t seed = 2166136261u;
	for (size_t i = 0; i < size && i < 64; i++)
		seed = (seed ^ data[i]) * 16777619u;
	run(data, size, 0, &whole);
	run(data, size, seed | 1, &cut);
	if (whole.h != cut.h || whole.events != cut.events)
		abort();	/* the cut changed what was reported */
	return 0;
}
