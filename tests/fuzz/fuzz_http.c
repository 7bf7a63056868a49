/*
 * fuzz_http.c - arbitrary bytes through the HTTP/1.x parser (app/http.h),
 * as requests and as responses.
 *
 * The first input byte picks where the rest is split in two (and how long
 * a gap between the two parts is); the rest is fed to a request parser and
 * to a response parser that expects a few methods (GET, HEAD, CONNECT,
 * POST).  Each is fed whole, split, and with the gap; a parser that fails
 * is resynced one byte further on, a waiting one resumed, until the bytes
 * run out.  Besides the sanitizers, the harness checks the contract of
 * http.h and aborts when it breaks: callbacks in order (head, body, end),
 * one error per failure, no byte consumed while stopped, and the same
 * callbacks however the bytes are split.
 *
 * The same entry point serves libFuzzer (clang -fsanitize=fuzzer, `make
 * fuzz-http`) and, built with tests/fuzz/replay_main.c, a main() that replays
 * files: the seeds and past findings in tests/fuzz/http, in make check.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/app/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the callbacks said, as a running hash, and where a message stands. */
struct watch {
	uint64_t hash;
	bool in_message;	/* on_head came, on_end not yet */
	bool stopped;		/* on_error or on_switch came */
	uint64_t body;
};

static void mix(struct watch *w, uint64_t v)
{
	w->hash = (w->hash ^ v) * 0x100000001b3ULL;
}

static void mix_str(struct watch *w, const char *s)
{
	for (; *s != '\0'; s++)
		mix(w, (uint8_t)*s);
	mix(w, 0x100);
}

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_http: %s\n", what);
		abort();
	}
}

static void on_head(void *ctx, const struct http_head *h)
{
	struct watch *w = ctx;
	check(!w->in_message && !w->stopped, "on_head inside a message or after a stop");
	check(strlen(h->method) <= HTTP_METHOD_MAX && strlen(h->target) <= HTTP_TARGET_MAX &&
	      strlen(h->reason) <= HTTP_REASON_MAX && strlen(h->host) <= HTTP_HOST_MAX &&
	      strlen(h->user_agent) <= HTTP_USER_AGENT_MAX &&
	      strlen(h->upgrade) <= HTTP_UPGRADE_MAX && h->nfields <= HTTP_FIELDS_MAX &&
	      h->head_len <= HTTP_HEAD_MAX, "a head value past its bound");
	w->in_message = true;
	mix(w, 1);
	mix(w, h->status);
	mix(w, h->body);
	mix(w, h->content_length);
	mix(w, h->nfields);
	mix(w, h->head_len);
	mix(w, h->present);
	mix_str(w, h->method);
	mix_str(w, h->target);
	mix_str(w, h->reason);
	mix_str(w, h->host);
	mix_str(w, h->user_agent);
	mix_str(w, h->transfer_encoding);
	mix_str(w, h->connection);
	mix_str(w, h->upgrade);
	mix_str(w, h->content_type);
	mix(w, (uint64_t)h->chunked << 1 | h->conn_close << 2 | h->conn_keep_alive << 3 |
	       h->conn_upgrade << 4 | h->target_cut << 5 | h->host_cut << 6);
}

static void on_body(void *ctx, uint64_t n, bool missing, const uint8_t *data)
{
	(void)data;
	struct watch *w = ctx;
	check(w->in_message && !w->stopped && n > 0, "on_body outside a message");
	/* Summed, not hashed: how often it comes depends on the split. */
	if (!missing)
		w->body += n;
}

static void on_end(void *ctx, const struct http_end *e)
{
	struct watch *w = ctx;
	check(w->in_message && !w->stopped, "on_end without on_head");
	check(e->body_missing <= e->body_len, "more missing than body");
	w->in_message = false;
	mix(w, 2);
	mix(w, w->body);
	mix(w, e->body_len);
	mix(w, e->chunks);
	mix(w, e->trailers);
	mix(w, (uint64_t)e->chunked | e->until_close << 1 | e->incomplete << 2);
	w->body = 0;
}

static void on_switch(void *ctx, const char *protocol)
{
	struct watch *w = ctx;
	check(!w->in_message && !w->stopped, "on_switch inside a message");
	w->stopped = true;
	mix(w, 3);
	mix_str(w, protocol);
}

static void on_error(void *ctx, const char *why)
{
	struct watch *w = ctx;
	check(!w->stopped, "a second stop without a resync");
	w->stopped = true;
	mix(w, 4);
	mix_str(w, why);
}

static const struct http_callbacks cbs = { on_head, on_body, on_end, on_switch, on_error };

/* Feeds `data`, checking that only a stopped parser stops consuming. */
static size_t feed(struct http_parser *p, struct watch *w, const uint8_t *data, size_t len)
{
	size_t n = http_parser_feed(p, data, len, &cbs, w);
	check(n <= len, "consumed more than given");
	check(n == len || http_parser_state(p) != HTTP_PARSING, "stopped while parsing");
	return n;
}

/* Feeds everything from `data`, in pieces cut at `cut`, restarting a
 * stopped parser after the byte it stopped at; a gap of `gap` bytes before
 * the cut.  Returns the callbacks' hash. */
static uint64_t run(enum http_kind kind, const uint8_t *data, size_t size, size_t cut,
		    uint64_t gap)
{
	struct http_parser p;
	struct watch w = { .hash = 0xcbf29ce484222325ULL };
	http_parser_init(&p, kind);
	static const char *const methods[] = { "GET", "HEAD", "CONNECT", "POST", "GET" };
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		http_parser_expect(&p, methods[i]);
	http_parser_expect_simple(&p);	/* the sixth answers an HTTP/0.9 request */
	size_t at = 0;
	bool gap_done = gap == 0;
	while (at < size) {
		size_t end = at < cut ? cut : size;
		if (!gap_done && at == cut) {
			http_parser_gap(&p, gap, &cbs, &w);
			gap_done = true;
		}
		size_t n = feed(&p, &w, data + at, end - at);
		at += n;
		if (at == end)
			continue;
		check(feed(&p, &w, data + at, end - at) == 0, "a stopped parser consumed bytes");
		mix(&w, 5);
		mix(&w, at);
		switch (http_parser_state(&p)) {
		case HTTP_WAITING:
			http_parser_resume(&p);
			check(!w.in_message, "waiting inside a message");
			break;
		case HTTP_FAILED:
			at++;	/* past the byte it refused */
			/* fall through */
		default:
			http_parser_resync(&p);
			w.in_message = w.stopped = false;
			w.body = 0;
			break;
		}
	}
	http_parser_eof(&p, &cbs, &w);
	check(http_parser_state(&p) != HTTP_PARSING, "parsing after the end");
	check(http_parser_feed(&p, data, size, &cbs, &w) == 0, "consumed after the end");
	return w.hash;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t pick = data[0];
	data++, size--;
	size_t cut = size > 0 ? pick % (size + 1) : 0;
	for (int k = 0; k < 2; k++) {
		enum http_kind kind = k == 0 ? HTTP_REQUESTS : HTTP_RESPONSES;
		uint64_t whole = run(kind, data, size, 0, 0);
		check(run(kind, data, size, cut, 0) == whole, "the split changed what was said");
		(void)run(kind, data, size, cut, (uint64_t)pick * 7 + 1);
	}
	return 0;
}
