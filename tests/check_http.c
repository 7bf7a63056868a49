/*
 * check_http.c - unit tests of the HTTP/1.x message parser (app/http.h).
 *
 * Each case feeds one direction's bytes to a parser and compares what the
 * callbacks said, written down as a trace, with the expected trace.  Every
 * input is fed whole, split in two at every byte boundary, and one byte at
 * a time, and each way must give the same trace and stop at the same byte:
 * TCP may cut a stream anywhere (inputs over 4 KiB, made to test the
 * bounds, are split at a sample of places).  Body bytes are summed between other
 * callbacks, since how often on_body comes depends on the split.
 *
 * The messages are real: requests by curl 7.88.1 and python3-websockets,
 * responses by nginx 1.22.1, by the samples' Python server and by nghttpx,
 * copied from the samples' captures (tshark -z follow,tcp,raw) or recorded against
 * a local nginx; the rest are written from RFC 9112's grammar.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "tcpview/app/http.h"

/* --- the trace --------------------------------------------------------- */

struct trace {
	char s[65536];
	size_t len;
	uint64_t pending;	/* body bytes not written down yet */
	bool pending_missing;	/* ... and whether they were lost in a gap */
};

static void say(struct trace *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(t->s + t->len, sizeof(t->s) - t->len, fmt, ap);
	va_end(ap);
	ck_assert_msg(n >= 0 && (size_t)n < sizeof(t->s) - t->len, "trace too long");
	t->len += (size_t)n;
}

static void flush_body(struct trace *t)
{
	if (t->pending > 0)
		say(t, "%s %llu\n", t->pending_missing ? "missing" : "body",
		    (unsigned long long)t->pending);
	t->pending = 0;
}

static void text(struct trace *t, const char *key, const char *s, bool cut)
{
	say(t, " %s=%s%s", key, s, cut ? "+cut" : "");
}

static const char *const body_names[] = { "none", "length", "chunked", "close", "tunnel" };

static void on_head(void *ctx, const struct http_head *h)
{
	struct trace *t = ctx;
	flush_body(t);
	if (h->kind == HTTP_REQUESTS) {
		say(t, "req %s%s %s%s HTTP/%u.%u", h->method, h->method_cut ? "+cut" : "",
		    h->target, h->target_cut ? "+cut" : "", h->version_major, h->version_minor);
	} else {
		say(t, "resp %u %s%s HTTP/%u.%u", h->status, h->reason, h->reason_cut ? "+cut" : "",
		    h->version_major, h->version_minor);
		if (h->answers == HTTP_ANSWERS_HEAD)
			say(t, " answers=HEAD");
		if (h->answers == HTTP_ANSWERS_CONNECT)
			say(t, " answers=CONNECT");
		if (h->answers_assumed)
			say(t, " assumed");
	}
	say(t, " fields=%u", h->nfields);
	if (h->present & HTTP_HAVE_HOST)
		text(t, "host", h->host, h->host_cut);
	if (h->present & HTTP_HAVE_USER_AGENT)
		text(t, "ua", h->user_agent, h->user_agent_cut);
	if (h->present & HTTP_HAVE_CONTENT_LENGTH)
		say(t, " cl=%llu", (unsigned long long)h->content_length);
	if (h->present & HTTP_HAVE_TRANSFER_ENCODING) {
		text(t, "te", h->transfer_encoding, h->transfer_encoding_cut);
		if (h->chunked)
			say(t, " chunked");
	}
	if (h->te_and_cl)
		say(t, " te+cl");
	if (h->present & HTTP_HAVE_CONNECTION) {
		text(t, "conn", h->connection, h->connection_cut);
		say(t, "%s%s%s", h->conn_close ? " close" : "",
		    h->conn_keep_alive ? " keep-alive" : "", h->conn_upgrade ? " upgrade" : "");
	}
	if (h->present & HTTP_HAVE_UPGRADE)
		text(t, "upgrade", h->upgrade, h->upgrade_cut);
	if (h->present & HTTP_HAVE_WS_KEY)
		text(t, "key", h->ws_key, h->ws_key_cut);
	if (h->present & HTTP_HAVE_WS_ACCEPT)
		text(t, "accept", h->ws_accept, h->ws_accept_cut);
	if (h->present & HTTP_HAVE_CONTENT_TYPE)
		text(t, "ct", h->content_type, h->content_type_cut);
	say(t, " body=%s\n", body_names[h->body]);
}

static void on_body(void *ctx, uint64_t n, bool missing, const uint8_t *data)
{
	(void)data;
	struct trace *t = ctx;
	ck_assert_msg(n > 0, "on_body is never called for nothing");
	if (t->pending > 0 && t->pending_missing != missing)
		flush_body(t);
	t->pending += n;
	t->pending_missing = missing;
}

static void on_end(void *ctx, const struct http_end *e)
{
	struct trace *t = ctx;
	flush_body(t);
	say(t, "end len=%llu", (unsigned long long)e->body_len);
	if (e->body_missing > 0)
		say(t, " missing=%llu", (unsigned long long)e->body_missing);
	if (e->chunked)
		say(t, " chunked chunks=%u trailers=%u", e->chunks, e->trailers);
	say(t, "%s%s\n", e->until_close ? " close" : "", e->incomplete ? " incomplete" : "");
}

static void on_switch(void *ctx, const char *protocol)
{
	struct trace *t = ctx;
	flush_body(t);
	say(t, "switch %s\n", protocol);
}

static void on_error(void *ctx, const char *why)
{
	struct trace *t = ctx;
	flush_body(t);
	say(t, "error %s\n", why);
}

static const struct http_callbacks cbs = { on_head, on_body, on_end, on_switch, on_error };

static const char *const state_names[] = { "parsing", "waiting", "switched", "failed", "ended" };

/* --- running a case ---------------------------------------------------- */

/* Bytes a, then a gap of `gap` bytes (none when 0), then bytes b. */
struct input {
	enum http_kind kind;
	const char *expect;	/* methods queued first, space-separated */
	const uint8_t *a;
	size_t alen;
	uint64_t gap;
	const uint8_t *b;
	size_t blen;
	bool eof;		/* the stream ends after them */
};

static void queue_methods(struct http_parser *p, const char *expect)
{
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s", expect != NULL ? expect : "");
	for (char *save = NULL, *m = strtok_r(buf, " ", &save); m != NULL;
	     m = strtok_r(NULL, " ", &save)) {
		if (strcmp(m, "0.9") == 0)
			http_parser_expect_simple(p);	/* an HTTP/0.9 request */
		else
			http_parser_expect(p, m);
	}
}

/* Feeds `data` in pieces cut at `cuts` (ascending, inside it); returns
 * the bytes consumed. */
static size_t feed_pieces(struct http_parser *p, struct trace *t, const uint8_t *data,
			  size_t len, const size_t *cuts, size_t ncuts, size_t step)
{
	size_t used = 0, from = 0;
	for (size_t i = 0; i <= ncuts || (step > 0 && from < len); i++) {
		size_t to = step > 0 ? (from + step < len ? from + step : len)
				     : (i < ncuts ? cuts[i] : len);
		size_t n = http_parser_feed(p, data + from, to - from, &cbs, t);
		ck_assert_msg(n <= to - from, "feed consumes at most what it is given");
		used += n;
		from = to;
		if (step > 0 && from >= len)
			break;
	}
	return used;
}

static struct trace got;

/* One way of feeding `in`: a split at `cut_a` of a, at `cut_b` of b (0: none),
 * or one byte at a time (`bytewise`). */
static void run_once(const struct input *in, size_t cut_a, size_t cut_b, bool bytewise)
{
	struct http_parser p;
	http_parser_init(&p, in->kind);
	queue_methods(&p, in->expect);
	memset(&got, 0, sizeof(got));
	size_t step = bytewise ? 1 : 0;
	size_t used = feed_pieces(&p, &got, in->a, in->alen, &cut_a, cut_a > 0, step);
	if (in->gap > 0)
		http_parser_gap(&p, in->gap, &cbs, &got);
	if (in->b != NULL)
		used += feed_pieces(&p, &got, in->b, in->blen, &cut_b, cut_b > 0, step);
	if (in->eof)
		http_parser_eof(&p, &cbs, &got);
	flush_body(&got);
	if (used == in->alen + in->blen)
		say(&got, "used all, %s\n", state_names[http_parser_state(&p)]);
	else
		say(&got, "used %zu, %s\n", used, state_names[http_parser_state(&p)]);
}

/*
 * Whether to split at `i` of `len` bytes: everywhere in inputs up to 4 KiB;
 * in the few bigger ones (the bounds tests), near both ends, near the
 * bounds, and every 61st byte elsewhere, to keep the suite fast.
 */
static bool split_at(size_t i, size_t len)
{
	if (len <= 4096 || i < 256 || i + 256 > len || i % 61 == 0)
		return true;
	size_t d = i > HTTP_HEAD_MAX ? i - HTTP_HEAD_MAX : HTTP_HEAD_MAX - i;
	return d < 128;
}

/* Runs `in` every way and checks each trace against `want`. */
static void check_input(const struct input *in, const char *want)
{
	run_once(in, 0, 0, false);
	ck_assert_msg(strcmp(got.s, want) == 0, "fed whole, got:\n%s\nwanted:\n%s", got.s, want);
	for (size_t i = 1; i < in->alen; i++) {
		if (!split_at(i, in->alen))
			continue;
		run_once(in, i, 0, false);
		ck_assert_msg(strcmp(got.s, want) == 0, "split at %zu, got:\n%s\nwanted:\n%s", i,
			      got.s, want);
	}
	for (size_t i = 1; i < in->blen; i++) {
		if (!split_at(i, in->blen))
			continue;
		run_once(in, 0, i, false);
		ck_assert_msg(strcmp(got.s, want) == 0, "split at %zu after the gap, got:\n%s\n"
			      "wanted:\n%s", i, got.s, want);
	}
	run_once(in, 0, 0, true);
	ck_assert_msg(strcmp(got.s, want) == 0, "byte by byte, got:\n%s\nwanted:\n%s", got.s, want);
}

static void check_bytes(enum http_kind kind, const char *expect, const void *data, size_t len,
			bool eof, const char *want)
{
	struct input in = { .kind = kind, .expect = expect, .a = data, .alen = len, .eof = eof };
	check_input(&in, want);
}

/* A string literal's bytes without its NUL. */
#define LIT(s) (s), (sizeof(s) - 1)
#define REQUESTS(bytes, eof, want) check_bytes(HTTP_REQUESTS, NULL, LIT(bytes), eof, want)
#define RESPONSES(expect, bytes, eof, want) check_bytes(HTTP_RESPONSES, expect, LIT(bytes), eof, want)

/* --- real messages ------------------------------------------------------ */

/* curl 7.88.1 to samples/servers/httpd.py (samples/keepalive.pcap, frames
 * 4, 8 and 12 of the client): three requests on one connection. */
#define CURL_GET(path) \
	"GET " path " HTTP/1.1\r\n" \
	"Host: 127.0.0.1:8081\r\n" \
	"User-Agent: curl/7.88.1\r\n" \
	"Accept: */*\r\n" \
	"\r\n"
#define CURL_GET_TRACE(path) \
	"req GET " path " HTTP/1.1 fields=3 host=127.0.0.1:8081 ua=curl/7.88.1 body=none\n" \
	"end len=0\n"

/* Its answer: 117 bytes of head and "Hello world". */
#define HELLO_RESPONSE \
	"HTTP/1.1 200 OK\r\n" \
	"Date: Sat, 21 Nov 2026 06:16:58 GMT\r\n" \
	"Content-Length: 11\r\n" \
	"Content-Type: text/plain; charset=utf-8\r\n" \
	"\r\n" \
	"Hello world"
#define HELLO_TRACE \
	"resp 200 OK HTTP/1.1 fields=3 cl=11 ct=text/plain; charset=utf-8 body=length\n" \
	"body 11\n" \
	"end len=11\n"

/* A keep-alive GET and two more pipelined behind it, in one run of bytes. */
START_TEST(pipelined_requests)
{
	REQUESTS(CURL_GET("/") CURL_GET("/one") CURL_GET("/two"), true,
		 CURL_GET_TRACE("/") CURL_GET_TRACE("/one") CURL_GET_TRACE("/two")
		 "used all, ended\n");
}
END_TEST

START_TEST(pipelined_responses)
{
	RESPONSES("GET GET GET", HELLO_RESPONSE HELLO_RESPONSE HELLO_RESPONSE, true,
		  HELLO_TRACE HELLO_TRACE HELLO_TRACE "used all, ended\n");
}
END_TEST

/* curl -H 'Connection: close' (samples/http.pcap frame 4). */
START_TEST(connection_close)
{
	REQUESTS("GET / HTTP/1.1\r\n"
		 "Host: 127.0.0.1:8080\r\n"
		 "User-Agent: curl/7.88.1\r\n"
		 "Accept: */*\r\n"
		 "Connection: close\r\n"
		 "\r\n", false,
		 "req GET / HTTP/1.1 fields=4 host=127.0.0.1:8080 ua=curl/7.88.1 "
		 "conn=close close body=none\n"
		 "end len=0\n"
		 "used all, parsing\n");
}
END_TEST

/* nginx answering HEAD / and then GET /nope on one connection: the first
 * response has Content-Length: 341 and no body (RFC 9112 §6.3 ¶1). */
START_TEST(head_then_get)
{
	RESPONSES("HEAD GET",
		  "HTTP/1.1 200 OK\r\n"
		  "Server: nginx/1.22.1\r\n"
		  "Date: Sun, 29 Nov 2026 00:52:14 GMT\r\n"
		  "Content-Type: text/html\r\n"
		  "Content-Length: 341\r\n"
		  "Last-Modified: Sun, 29 Nov 2026 00:52:09 GMT\r\n"
		  "Connection: keep-alive\r\n"
		  "ETag: \"6b0b7739-155\"\r\n"
		  "Accept-Ranges: bytes\r\n"
		  "\r\n"
		  "HTTP/1.1 404 Not Found\r\n"
		  "Server: nginx/1.22.1\r\n"
		  "Date: Sun, 29 Nov 2026 00:52:15 GMT\r\n"
		  "Content-Type: text/html\r\n"
		  "Content-Length: 153\r\n"
		  "Connection: keep-alive\r\n"
		  "\r\n"
		  "<html>\r\n"
		  "<head><title>404 Not Found</title></head>\r\n"
		  "<body>\r\n"
		  "<center><h1>404 Not Found</h1></center>\r\n"
		  "<hr><center>nginx/1.22.1</center>\r\n"
		  "</body>\r\n"
		  "</html>\r\n", false,
		  "resp 200 OK HTTP/1.1 answers=HEAD fields=8 cl=341 conn=keep-alive keep-alive "
		  "ct=text/html body=none\n"
		  "end len=0\n"
		  "resp 404 Not Found HTTP/1.1 fields=5 cl=153 conn=keep-alive keep-alive "
		  "ct=text/html body=length\n"
		  "body 153\n"
		  "end len=153\n"
		  "used all, parsing\n");
}
END_TEST

/* POST with Expect: 100-continue, and nginx's 100 Continue before its 201:
 * the interim response does not use up the request (RFC 9110 §15.2). */
START_TEST(continue_then_created)
{
	REQUESTS("POST /post HTTP/1.1\r\n"
		 "Host: 127.0.0.1:18080\r\n"
		 "User-Agent: curl/7.88.1\r\n"
		 "Accept: */*\r\n"
		 "Content-Length: 5\r\n"
		 "Expect: 100-continue\r\n"
		 "\r\n"
		 "hello", false,
		 "req POST /post HTTP/1.1 fields=5 host=127.0.0.1:18080 ua=curl/7.88.1 cl=5 "
		 "body=length\n"
		 "body 5\n"
		 "end len=5\n"
		 "used all, parsing\n");
	RESPONSES("POST HEAD",
		  "HTTP/1.1 100 Continue\r\n"
		  "\r\n"
		  "HTTP/1.1 201 Created\r\n"
		  "Server: nginx/1.22.1\r\n"
		  "Date: Sun, 29 Nov 2026 00:52:18 GMT\r\n"
		  "Content-Type: text/plain\r\n"
		  "Content-Length: 8\r\n"
		  "Connection: keep-alive\r\n"
		  "\r\n"
		  "created\n", false,
		  "resp 100 Continue HTTP/1.1 fields=0 body=none\n"
		  "end len=0\n"
		  "resp 201 Created HTTP/1.1 fields=5 cl=8 conn=keep-alive keep-alive "
		  "ct=text/plain body=length\n"
		  "body 8\n"
		  "end len=8\n"
		  "used all, parsing\n");
	/* A 103 Early Hints, and a 100 with no reason and no SP, before a
	 * response to HEAD: the HEAD is still the one answered. */
	RESPONSES("HEAD",
		  "HTTP/1.1 103 Early Hints\r\n"
		  "Link: </style.css>; rel=preload; as=style\r\n"
		  "\r\n"
		  "HTTP/1.1 100\r\n"
		  "\r\n"
		  "HTTP/1.1 200 OK\r\n"
		  "Content-Length: 10\r\n"
		  "\r\n", false,
		  "resp 103 Early Hints HTTP/1.1 answers=HEAD fields=1 body=none\n"
		  "end len=0\n"
		  "resp 100  HTTP/1.1 answers=HEAD fields=0 body=none\n"
		  "end len=0\n"
		  "resp 200 OK HTTP/1.1 answers=HEAD fields=1 cl=10 body=none\n"
		  "end len=0\n"
		  "used all, parsing\n");
}
END_TEST

/* nginx's 304 to If-None-Match, then a 204: neither has a body. */
START_TEST(not_modified_and_no_content)
{
	RESPONSES("GET DELETE GET",
		  "HTTP/1.1 304 Not Modified\r\n"
		  "Server: nginx/1.22.1\r\n"
		  "Date: Sun, 29 Nov 2026 00:52:16 GMT\r\n"
		  "Last-Modified: Sun, 29 Nov 2026 00:52:09 GMT\r\n"
		  "Connection: keep-alive\r\n"
		  "ETag: \"6b0b7739-155\"\r\n"
		  "\r\n"
		  "HTTP/1.1 204 No Content\r\n"
		  "Content-Length: 0\r\n"
		  "\r\n"
		  HELLO_RESPONSE, false,
		  "resp 304 Not Modified HTTP/1.1 fields=5 conn=keep-alive keep-alive body=none\n"
		  "end len=0\n"
		  "resp 204 No Content HTTP/1.1 fields=1 cl=0 body=none\n"
		  "end len=0\n"
		  HELLO_TRACE
		  "used all, parsing\n");
}
END_TEST

/* nginx with gzip on: a chunked response whose one chunk is binary. */
START_TEST(chunked_nginx)
{
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\n"
		  "Server: nginx/1.22.1\r\n"
		  "Date: Sun, 29 Nov 2026 00:52:17 GMT\r\n"
		  "Content-Type: text/html\r\n"
		  "Last-Modified: Sun, 29 Nov 2026 00:52:09 GMT\r\n"
		  "Transfer-Encoding: chunked\r\n"
		  "Connection: keep-alive\r\n"
		  "ETag: W/\"6b0b7739-155\"\r\n"
		  "Content-Encoding: gzip\r\n"
		  "\r\n"
		  "2b\r\n"
		  "\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03\xcbH\xcd\xc9\xc9WH+\xca\xcfU\xc8K"
		  "\xcf\xcc\xab\xe0\xca\x18\x15\xa0" "4<\xb8\x00\xd6\x01\xe1\xaeU\x01\x00\x00\r\n"
		  "0\r\n"
		  "\r\n", false,
		  "resp 200 OK HTTP/1.1 fields=8 te=chunked chunked conn=keep-alive keep-alive "
		  "ct=text/html body=chunked\n"
		  "body 43\n"
		  "end len=43 chunked chunks=1 trailers=0\n"
		  "used all, parsing\n");
}
END_TEST

/* Chunked as Go's net/http sends it with declared trailers, plus chunk
 * extensions (RFC 9112 §7.1.1) and a size in upper-case hex with leading
 * zeros; a chunked request follows the same rules. */
START_TEST(chunked_trailers_extensions)
{
	RESPONSES("POST",
		  "HTTP/1.1 200 OK\r\n"
		  "Trailer: Grpc-Status, X-Checksum\r\n"
		  "Date: Sun, 29 Nov 2026 00:52:17 GMT\r\n"
		  "Content-Type: text/plain; charset=utf-8\r\n"
		  "Transfer-Encoding: chunked\r\n"
		  "\r\n"
		  "5\r\n"
		  "hello\r\n"
		  "7;name=\"a;b\";flag\r\n"
		  ", world\r\n"
		  "000A \t; ext=1\r\n"
		  "0123456789\r\n"
		  "0;last\r\n"
		  "Grpc-Status: 0\r\n"
		  "X-Checksum: 8f14e45f\r\n"
		  "Content-Length: 99\r\n"
		  "\r\n"
		  HELLO_RESPONSE, false,
		  "resp 200 OK HTTP/1.1 fields=4 te=chunked chunked "
		  "ct=text/plain; charset=utf-8 body=chunked\n"
		  "body 22\n"
		  "end len=22 chunked chunks=3 trailers=3\n"
		  "resp 200 OK HTTP/1.1 assumed fields=3 cl=11 ct=text/plain; charset=utf-8 "
		  "body=length\n"
		  "body 11\n"
		  "end len=11\n"
		  "used all, parsing\n");
	REQUESTS("POST /post HTTP/1.1\r\n"
		 "Host: 127.0.0.1:18080\r\n"
		 "User-Agent: curl/7.88.1\r\n"
		 "Accept: */*\r\n"
		 "Transfer-Encoding: chunked\r\n"
		 "\r\n"
		 "5\r\n"
		 "hello\r\n"
		 "0\r\n"
		 "\r\n" CURL_GET("/"), false,
		 "req POST /post HTTP/1.1 fields=4 host=127.0.0.1:18080 ua=curl/7.88.1 "
		 "te=chunked chunked body=chunked\n"
		 "body 5\n"
		 "end len=5 chunked chunks=1 trailers=0\n"
		 CURL_GET_TRACE("/")
		 "used all, parsing\n");
}
END_TEST

/* The largest chunk size 2^63 - 1 is read without overflow (and the stream
 * ends inside it); 2^63 is an error at its last digit. */
START_TEST(chunk_size_limits)
{
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "7fffffffffffffff\r\nabc", true,
		  "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		  "body 3\n"
		  "end len=3 chunked chunks=1 trailers=0 incomplete\n"
		  "used all, ended\n");
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "8000000000000000\r\n", false,
		  "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		  "error chunk size too large\n"
		  "used 62, failed\n");
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "xyz\r\n", false,
		  "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		  "error invalid chunk size\n"
		  "used 47, failed\n");
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "3\r\nabcX\r\n", false,
		  "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		  "body 3\n"
		  "error chunk data not followed by CRLF\n"
		  "used 53, failed\n");
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "5x\r\n", false,
		  "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		  "error invalid chunk size\n"
		  "used 48, failed\n");
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "5;a\x01\r\n", false,
		  "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		  "error invalid chunk extension\n"
		  "used 50, failed\n");
}
END_TEST

/* A chunk-size line with extensions past HTTP_CHUNK_LINE_MAX bytes. */
START_TEST(chunk_line_too_long)
{
	static const char head[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;";
	static char msg[sizeof(head) + 2000];
	memcpy(msg, head, sizeof(head) - 1);
	memset(msg + sizeof(head) - 1, 'x', 2000);
	char want[256];
	snprintf(want, sizeof(want),
		 "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		 "error chunk-size line too long\n"
		 "used %d, failed\n", 47 + HTTP_CHUNK_LINE_MAX);
	check_bytes(HTTP_RESPONSES, "GET", msg, sizeof(msg) - 1, false, want);
}
END_TEST

/* An HTTP/1.0 response without Content-Length, as the Python server sends
 * it: its body runs to the end of the stream (RFC 9112 §6.3 ¶8). */
/* HTTP/0.9 (RFC 1945 §4.1, §6), as zeek__ipv6-http-atomic-frag.pcap has
 * it: "GET /bad.html" and no version; the answer is the body alone, read
 * to the close. */
START_TEST(http09)
{
	REQUESTS("GET /bad.html\r\n", false,
		 "req GET /bad.html HTTP/0.9 fields=0 body=none\n"
		 "end len=0\n"
		 "used all, parsing\n");
	RESPONSES("0.9", "<html>Bad!</html>\n", true,
		  "resp 0  HTTP/0.9 fields=0 body=close\n"
		  "body 18\n"
		  "end len=18 close\n"
		  "used all, ended\n");
}
END_TEST

START_TEST(body_until_close)
{
	RESPONSES("GET",
		  "HTTP/1.0 200 OK\r\n"
		  "Server: SimpleHTTP/0.6 Python/3.11.2\r\n"
		  "Date: Sun, 29 Nov 2026 00:52:17 GMT\r\n"
		  "Content-type: text/plain\r\n"
		  "\r\n"
		  "line one\n"
		  "HTTP/1.1 200 OK\r\n", true,
		  "resp 200 OK HTTP/1.0 fields=3 ct=text/plain body=close\n"
		  "body 26\n"
		  "end len=26 close\n"
		  "used all, ended\n");
	/* A response whose last coding is not chunked is read to the close
	 * too (§6.3 ¶4), Content-Length or not. */
	RESPONSES("GET",
		  "HTTP/1.1 200 OK\r\n"
		  "Transfer-Encoding: gzip\r\n"
		  "Content-Length: 3\r\n"
		  "\r\n"
		  "abcdef", true,
		  "resp 200 OK HTTP/1.1 fields=2 cl=3 te=gzip te+cl body=close\n"
		  "body 6\n"
		  "end len=6 close\n"
		  "used all, ended\n");
}
END_TEST

/* python3-websockets's handshake (samples/websocket.pcap): the request
 * parser waits after the Upgrade request, the response parser switches
 * after the 101, and the frames behind it are left for the caller. */
START_TEST(websocket_upgrade)
{
	REQUESTS("GET /echo HTTP/1.1\r\n"
		 "Host: 127.0.0.1:8082\r\n"
		 "Upgrade: websocket\r\n"
		 "Connection: Upgrade\r\n"
		 "Sec-WebSocket-Key: W+6lf1ghroyxtSLZgfN83g==\r\n"
		 "Sec-WebSocket-Version: 13\r\n"
		 "User-Agent: Python/3.11 websockets/10.4\r\n"
		 "\r\n"
		 "\x81\x8b\xdf\x6c\x25\x66\x97\x09\x49\x0a\xb0\x4c\x52\x09\xad\x00\x41", false,
		 "req GET /echo HTTP/1.1 fields=6 host=127.0.0.1:8082 "
		 "ua=Python/3.11 websockets/10.4 conn=Upgrade upgrade upgrade=websocket "
		 "key=W+6lf1ghroyxtSLZgfN83g== body=none\n"
		 "end len=0\n"
		 "used 198, waiting\n");
	RESPONSES("GET",
		  "HTTP/1.1 101 Switching Protocols\r\n"
		  "Upgrade: websocket\r\n"
		  "Connection: Upgrade\r\n"
		  "Sec-WebSocket-Accept: Tor6WwslAUWht2PjwTEYhejRXbg=\r\n"
		  "Date: Sat, 21 Nov 2026 06:17:00 GMT\r\n"
		  "Server: Python/3.11 websockets/10.4\r\n"
		  "\r\n"
		  "\x81\x0bHello world", false,
		  "resp 101 Switching Protocols HTTP/1.1 fields=5 conn=Upgrade upgrade "
		  "upgrade=websocket accept=Tor6WwslAUWht2PjwTEYhejRXbg= body=tunnel\n"
		  "end len=0\n"
		  "switch websocket\n"
		  "used 203, switched\n");
}
END_TEST

/* curl --http2 over cleartext to nghttpx (samples/http2.pcap): Upgrade: h2c
 * with HTTP2-Settings, 101, and the server's SETTINGS frame behind it. */
START_TEST(h2c_upgrade)
{
	REQUESTS("GET /hello.txt HTTP/1.1\r\n"
		 "Host: 127.0.0.1:8083\r\n"
		 "User-Agent: curl/7.88.1\r\n"
		 "Accept: */*\r\n"
		 "Connection: Upgrade, HTTP2-Settings\r\n"
		 "Upgrade: h2c\r\n"
		 "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n"
		 "\r\n"
		 "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", false,
		 "req GET /hello.txt HTTP/1.1 fields=6 host=127.0.0.1:8083 ua=curl/7.88.1 "
		 "conn=Upgrade, HTTP2-Settings upgrade upgrade=h2c body=none\n"
		 "end len=0\n"
		 "used 180, waiting\n");
	RESPONSES("GET",
		  "HTTP/1.1 101 Switching Protocols\r\n"
		  "Connection: Upgrade\r\n"
		  "Upgrade: h2c\r\n"
		  "\r\n"
		  "\x00\x00\x18\x04\x00\x00\x00\x00\x00", false,
		  "resp 101 Switching Protocols HTTP/1.1 fields=2 conn=Upgrade upgrade "
		  "upgrade=h2c body=tunnel\n"
		  "end len=0\n"
		  "switch h2c\n"
		  "used 71, switched\n");
}
END_TEST

/* curl -p through a proxy: CONNECT, 200, then TLS in the tunnel; a 407
 * instead is an ordinary response, and the request parser resumes. */
START_TEST(connect_tunnel)
{
	REQUESTS("CONNECT example.com:443 HTTP/1.1\r\n"
		 "Host: example.com:443\r\n"
		 "User-Agent: curl/7.88.1\r\n"
		 "Proxy-Connection: Keep-Alive\r\n"
		 "\r\n"
		 "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", false,
		 "req CONNECT example.com:443 HTTP/1.1 fields=3 host=example.com:443 "
		 "ua=curl/7.88.1 body=none\n"
		 "end len=0\n"
		 "used 114, waiting\n");
	RESPONSES("CONNECT",
		  "HTTP/1.1 200 Connection established\r\n"
		  "\r\n"
		  "\x16\x03\x03\x00\x7a\x02\x00\x00\x76\x03\x03", false,
		  "resp 200 Connection established HTTP/1.1 answers=CONNECT fields=0 body=tunnel\n"
		  "end len=0\n"
		  "switch CONNECT\n"
		  "used 39, switched\n");
	RESPONSES("CONNECT GET",
		  "HTTP/1.1 407 Proxy Authentication Required\r\n"
		  "Proxy-Authenticate: Basic realm=\"proxy\"\r\n"
		  "Content-Length: 0\r\n"
		  "\r\n" HELLO_RESPONSE, false,
		  "resp 407 Proxy Authentication Required HTTP/1.1 answers=CONNECT fields=2 cl=0 "
		  "body=length\n"
		  "end len=0\n"
		  HELLO_TRACE
		  "used all, parsing\n");

	struct http_parser p;
	static const char req[] = "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
				  CURL_GET("/");
	http_parser_init(&p, HTTP_REQUESTS);
	memset(&got, 0, sizeof(got));
	size_t n = http_parser_feed(&p, (const uint8_t *)req, sizeof(req) - 1, &cbs, &got);
	ck_assert_msg(n == 59 && http_parser_state(&p) == HTTP_WAITING,
		      "stops after the CONNECT (used %zu)", n);
	http_parser_resume(&p);
	n += http_parser_feed(&p, (const uint8_t *)req + n, sizeof(req) - 1 - n, &cbs, &got);
	ck_assert_msg(n == sizeof(req) - 1 && http_parser_state(&p) == HTTP_PARSING,
		      "after resume the next request is read");
	ck_assert_msg(strstr(got.s, "req GET / HTTP/1.1") != NULL, "got:\n%s", got.s);
}
END_TEST

/* Content-Length per RFC 9110 §8.6: identical values in a list or in
 * several fields stand for one; different values, signs, spaces inside a
 * number, an empty value, and a number past 2^63 are errors. */
START_TEST(content_length_rules)
{
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: 3, 3\r\ncontent-length:3 \r\n\r\nabc", false,
		 "req POST / HTTP/1.1 fields=2 cl=3 body=length\n"
		 "body 3\n"
		 "end len=3\n"
		 "used all, parsing\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", false,
		 "error conflicting Content-Length values\n"
		 "used 56, failed\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\nhello!", false,
		 "error conflicting Content-Length values\n"
		 "used 40, failed\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\nhello", false,
		 "error invalid Content-Length\n"
		 "used 33, failed\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\nhello", false,
		 "error invalid Content-Length\n"
		 "used 35, failed\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", false,
		 "error invalid Content-Length\n"
		 "used 34, failed\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: \r\n\r\n", false,
		 "error empty Content-Length\n"
		 "used 36, failed\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: 9223372036854775807\r\n\r\nab", true,
		 "req POST / HTTP/1.1 fields=1 cl=9223372036854775807 body=length\n"
		 "body 2\n"
		 "end len=2 incomplete\n"
		 "used all, ended\n");
	REQUESTS("POST / HTTP/1.1\r\nContent-Length: 9223372036854775808\r\n\r\n", false,
		 "error Content-Length too large\n"
		 "used 51, failed\n");
	RESPONSES("GET", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab", false,
		  "error conflicting Content-Length values\n"
		  "used 56, failed\n");
}
END_TEST

/* Transfer-Encoding (RFC 9112 §6.1, §6.3): chunked must be last; with
 * Content-Length as well it wins; names and codings are case-insensitive,
 * repeated fields join into one list. */
START_TEST(transfer_encoding_rules)
{
	REQUESTS("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", false,
		 "error Transfer-Encoding in a request without chunked last\n"
		 "used 52, failed\n");
	REQUESTS("POST / HTTP/1.1\r\ntransfer-encoding: gzip\r\nTRANSFER-ENCODING:  CHUNKED \r\n"
		 "Content-Length: 100\r\n\r\n"
		 "2\r\nab\r\n0\r\n\r\n", false,
		 "req POST / HTTP/1.1 fields=3 cl=100 te=gzip, CHUNKED chunked te+cl "
		 "body=chunked\n"
		 "body 2\n"
		 "end len=2 chunked chunks=1 trailers=0\n"
		 "used all, parsing\n");
	REQUESTS("POST / HTTP/1.1\r\nTransfer-Encoding: gzip;q=\"a,chunked\"\r\n\r\n", false,
		 "error Transfer-Encoding in a request without chunked last\n"
		 "used 57, failed\n");
	/* A quoted string with an escaped quote and a comma inside. */
	REQUESTS("POST / HTTP/1.1\r\nTransfer-Encoding: x;q=\"a\\\",b\", chunked\r\n\r\n"
		 "0\r\n\r\n", false,
		 "req POST / HTTP/1.1 fields=1 te=x;q=\"a\\\",b\", chunked chunked body=chunked\n"
		 "end len=0 chunked chunks=0 trailers=0\n"
		 "used all, parsing\n");
}
END_TEST

/* Line ends, folds and whitespace (RFC 9112 §2.2, §5): bare LF, empty
 * lines before a request, obs-fold joined with one space, OWS trimmed,
 * names in any case, a whitespace-led line after the start line skipped. */
START_TEST(lenient_syntax)
{
	REQUESTS("\r\n\nGET /a HTTP/1.0\n"
		 " ignored: line\n"
		 "hOsT:\t example.com \t\n"
		 "User-Agent: folded\r\n"
		 "   \t across\n"
		 "\tthree lines  \r\n"
		 "Connection: Keep-Alive,\r\n"
		 " foo\n"
		 "CONNECTION: ,close\r\n"
		 "X-Empty:\r\n"
		 "Content-Length-Or-Something-Longer: 12\r\n"
		 "\n", false,
		 "req GET /a HTTP/1.0 fields=6 host=example.com ua=folded across three lines "
		 "conn=Keep-Alive, foo, ,close close keep-alive body=none\n"
		 "end len=0\n"
		 "used all, parsing\n");
	/* The ", " join needs a value after it: a repeated empty field adds
	 * nothing, and Upgrade keeps its first protocol only. */
	REQUESTS("GET / HTTP/1.1\r\nConnection: upgrade\r\nConnection:\r\n"
		 "Upgrade: , WebSocket/13 , h2c\r\nUpgrade: h2c\r\n\r\n", false,
		 "req GET / HTTP/1.1 fields=4 conn=upgrade upgrade upgrade=WebSocket/13 body=none\n"
		 "end len=0\n"
		 "used all, waiting\n");
	/* HTTP/1.0 requests cannot upgrade (RFC 9110 §7.8): no wait. */
	REQUESTS("GET / HTTP/1.0\r\nUpgrade: websocket\r\n\r\n", false,
		 "req GET / HTTP/1.0 fields=1 upgrade=websocket body=none\n"
		 "end len=0\n"
		 "used all, parsing\n");
	/* Responses may start after empty lines too, and obs-text is fine. */
	RESPONSES("GET", "\r\nHTTP/1.1 200 \xc3\x9c" "ber OK\r\nContent-Length: 0\r\n\r\n", false,
		  "resp 200 \xc3\x9c" "ber OK HTTP/1.1 fields=1 cl=0 body=length\n"
		  "end len=0\n"
		  "used all, parsing\n");
}
END_TEST

/* What breaks the syntax stops the parser at the offending byte. */
START_TEST(syntax_errors)
{
	REQUESTS("GET / HTTP/1.1\r\nHost : x\r\n\r\n", false,
		 "error whitespace before the colon of a header field\n"
		 "used 20, failed\n");
	REQUESTS("GET / HTTP/1.1\r\nHost\r\n\r\n", false,
		 "error header field without a colon\n"
		 "used 21, failed\n");
	REQUESTS("GET / HTTP/1.1\r\nHo(st: x\r\n\r\n", false,
		 "error invalid header field name\n"
		 "used 18, failed\n");
	REQUESTS("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", false,
		 "error CR not followed by LF\n"
		 "used 24, failed\n");
	REQUESTS("GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", false,
		 "error NUL in a header field value\n"
		 "used 23, failed\n");
	/* Only GET had a version-less form (HTTP/0.9, RFC 1945 §4.1). */
	REQUESTS("POST /\r\n", false,
		 "error request line without an HTTP version\n"
		 "used 7, failed\n");
	REQUESTS("GET  / HTTP/1.1\r\n", false,
		 "error invalid request line\n"
		 "used 4, failed\n");
	REQUESTS("GET / http/1.1\r\n", false,
		 "error invalid HTTP version\n"
		 "used 6, failed\n");
	REQUESTS("GET / HTTP/1.1 \r\n", false,
		 "error invalid HTTP version\n"
		 "used 14, failed\n");
	REQUESTS("GET / HTTP/x.1\r\n", false,
		 "error invalid HTTP version\n"
		 "used 11, failed\n");
	REQUESTS("GET / HTTP/1x1\r\n", false,
		 "error invalid HTTP version\n"
		 "used 12, failed\n");
	REQUESTS("GET / HTTP/1.x\r\n", false,
		 "error invalid HTTP version\n"
		 "used 13, failed\n");
	REQUESTS("GET /a\x01" "b HTTP/1.1\r\n", false,
		 "error invalid request target\n"
		 "used 6, failed\n");
	REQUESTS("GET / HTTP/1.1\r\n: x\r\n\r\n", false,
		 "error invalid header field name\n"
		 "used 16, failed\n");
	/* The HTTP/2 connection preface (RFC 9113 §3.4) is not HTTP/1.x. */
	REQUESTS("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", false,
		 "error not HTTP/1.x\n"
		 "used 11, failed\n");
	RESPONSES("GET", "HTTP/1.1 20 OK\r\n\r\n", false,
		  "error invalid status code\n"
		  "used 11, failed\n");
	RESPONSES("GET", "HTTP/1.1 099 Odd\r\n\r\n", false,
		  "error invalid status code\n"
		  "used 11, failed\n");
	RESPONSES("GET", "HTTP/1.1 2000 OK\r\n\r\n", false,
		  "error invalid status code\n"
		  "used 12, failed\n");
	RESPONSES("GET", "HTTP/1.1 200 O\x01K\r\n\r\n", false,
		  "error invalid reason phrase\n"
		  "used 14, failed\n");
	RESPONSES("GET", "HTTP/1.1\r\n\r\n", false,
		  "error invalid status line\n"
		  "used 9, failed\n");
	/* Only an incomplete head is an error at the end of the stream. */
	REQUESTS("GET / HTTP/1.1\r\nHost: x\r\n", true,
		 "error stream ended inside a message head\n"
		 "used all, failed\n");
	REQUESTS("\r\n", true, "used all, ended\n");
}
END_TEST

/* Binary data is refused at its first byte: a TLS ClientHello (record
 * type 22) sent to a port taken for HTTP, and an SSH banner to a response
 * parser. */
START_TEST(not_http)
{
	static const uint8_t hello[] = {
		0x16, 0x03, 0x01, 0x02, 0x00,	/* handshake record, TLS 1.0, 512 bytes */
		0x01, 0x00, 0x01, 0xfc,		/* ClientHello, 508 bytes */
		0x03, 0x03,			/* TLS 1.2 */
		0x5e, 0x6a, 0x1c, 0x99, 0x3d, 0x10, 0x4a, 0x7b,
	};
	check_bytes(HTTP_REQUESTS, NULL, hello, sizeof(hello), false,
		    "error not an HTTP request\n"
		    "used 0, failed\n");
	check_bytes(HTTP_RESPONSES, "GET", hello, sizeof(hello), false,
		    "error not an HTTP response\n"
		    "used 0, failed\n");
	RESPONSES("GET", "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", false,
		  "error not an HTTP response\n"
		  "used 0, failed\n");
	RESPONSES("GET", "HTTX/1.1 200 OK\r\n", false,
		  "error not an HTTP response\n"
		  "used 3, failed\n");
	/* A text protocol fails by the end of its first line at the latest. */
	REQUESTS("EHLO mail.example.com\r\n", false,
		 "error request line without an HTTP version\n"
		 "used 22, failed\n");
	static char longword[100];
	memset(longword, 'A', sizeof(longword));
	check_bytes(HTTP_REQUESTS, NULL, longword, sizeof(longword), false,
		    "error not an HTTP request\n"
		    "used 64, failed\n");
}
END_TEST

/* A head of 20 KiB (one huge cookie) fails once it passes HTTP_HEAD_MAX,
 * whatever comes after; 201 fields fail likewise.  Values past their bound
 * are cut, flagged, and cost nothing more. */
START_TEST(head_bounds)
{
	static char big[20 * 1024 + 64];
	int n = snprintf(big, sizeof(big), "GET / HTTP/1.1\r\nCookie: ");
	memset(big + n, 'c', sizeof(big) - (size_t)n - 5);
	memcpy(big + sizeof(big) - 5, "\r\n\r\n", 4);
	char want[128];
	snprintf(want, sizeof(want), "error header section too long\nused %d, failed\n",
		 HTTP_HEAD_MAX);
	check_bytes(HTTP_REQUESTS, NULL, big, sizeof(big) - 1, false, want);

	static char many[8192];
	size_t len = (size_t)snprintf(many, sizeof(many), "HTTP/1.1 200 OK\r\n");
	for (int i = 0; i < HTTP_FIELDS_MAX + 1; i++)
		len += (size_t)snprintf(many + len, sizeof(many) - len, "X-%d: y\r\n", i);
	len += (size_t)snprintf(many + len, sizeof(many) - len, "\r\n");
	/* It fails at the first byte of field 201: 10 bytes and the empty
	 * line before the end. */
	snprintf(want, sizeof(want), "error header section too long\nused %zu, failed\n",
		 len - 12);
	check_bytes(HTTP_RESPONSES, "GET", many, len, false, want);

	/* Exactly HTTP_FIELDS_MAX is fine. */
	len = (size_t)snprintf(many, sizeof(many), "HTTP/1.1 204 No Content\r\n");
	for (int i = 0; i < HTTP_FIELDS_MAX; i++)
		len += (size_t)snprintf(many + len, sizeof(many) - len, "X-%d: y\r\n", i);
	len += (size_t)snprintf(many + len, sizeof(many) - len, "\r\n");
	snprintf(want, sizeof(want), "resp 204 No Content HTTP/1.1 fields=%d body=none\n"
		 "end len=0\nused all, parsing\n", HTTP_FIELDS_MAX);
	check_bytes(HTTP_RESPONSES, "GET", many, len, false, want);

	/* A 300-byte target, a 200-byte User-Agent: cut, and the rest of
	 * the message still read. */
	static char cut[1024];
	len = (size_t)snprintf(cut, sizeof(cut), "GET /%0299d HTTP/1.1\r\nUser-Agent: %0200d \r\n"
			       "Content-Type: text/html                                                "
			       "                         \r\n\r\n", 0, 0);
	char target[HTTP_TARGET_MAX + 1], ua[HTTP_USER_AGENT_MAX + 1];
	target[0] = '/';
	memset(target + 1, '0', HTTP_TARGET_MAX - 1);
	target[HTTP_TARGET_MAX] = '\0';
	memset(ua, '0', HTTP_USER_AGENT_MAX);
	ua[HTTP_USER_AGENT_MAX] = '\0';
	char longwant[1024];
	snprintf(longwant, sizeof(longwant),
		 "req GET %s+cut HTTP/1.1 fields=2 ua=%s+cut ct=text/html body=none\n"
		 "end len=0\nused all, parsing\n", target, ua);
	check_bytes(HTTP_REQUESTS, NULL, cut, len, false, longwant);

	ck_assert_msg(sizeof(struct http_parser) <= 2048,
		      "a parser is %zu bytes, embedded twice per connection",
		      sizeof(struct http_parser));
}
END_TEST

/* Trailer sections are bounded like heads (RFC 9112 §7.1.2). */
START_TEST(trailer_bounds)
{
	static char msg[HTTP_HEAD_MAX + 256];
	size_t len = (size_t)snprintf(msg, sizeof(msg),
				      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
				      "0\r\nX-Long: ");
	memset(msg + len, 'v', sizeof(msg) - len);
	char want[256];
	snprintf(want, sizeof(want),
		 "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		 "error trailer section too long\n"
		 "used %d, failed\n", 50 + HTTP_HEAD_MAX);
	check_bytes(HTTP_RESPONSES, "GET", msg, sizeof(msg), false, want);
	/* Cut inside the trailers: the message ends incomplete. */
	RESPONSES("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		  "1\r\nx\r\n0\r\nA: b\r\nC: d", true,
		  "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
		  "body 1\n"
		  "end len=1 chunked chunks=1 trailers=2 incomplete\n"
		  "used all, ended\n");
}
END_TEST

/* Gaps (sink bytes with data == NULL): inside a body of known length they
 * are counted as missing body and parsing goes on after it. */
START_TEST(gap_in_body)
{
	static const char a[] = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789";
	static const char b[] = "0123456789" HELLO_RESPONSE;
	struct input in = { HTTP_RESPONSES, "GET GET", (const uint8_t *)a, sizeof(a) - 1, 80,
			    (const uint8_t *)b, sizeof(b) - 1, false };
	check_input(&in, "resp 200 OK HTTP/1.1 fields=1 cl=100 body=length\n"
			 "body 10\n"
			 "missing 80\n"
			 "body 10\n"
			 "end len=100 missing=80\n"
			 HELLO_TRACE
			 "used all, parsing\n");
	/* A gap that ends exactly with the body. */
	struct input exact = { HTTP_RESPONSES, "GET GET", (const uint8_t *)a, sizeof(a) - 1, 90,
			       (const uint8_t *)HELLO_RESPONSE, sizeof(HELLO_RESPONSE) - 1, false };
	check_input(&exact, "resp 200 OK HTTP/1.1 fields=1 cl=100 body=length\n"
			    "body 10\n"
			    "missing 90\n"
			    "end len=100 missing=90\n"
			    HELLO_TRACE
			    "used all, parsing\n");
	/* Inside a chunk's data, and in a body read until the close. */
	static const char c1[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab";
	static const char c2[] = "\r\n0\r\n\r\n";
	struct input chunk = { HTTP_RESPONSES, "GET", (const uint8_t *)c1, sizeof(c1) - 1, 14,
			       (const uint8_t *)c2, sizeof(c2) - 1, false };
	check_input(&chunk, "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
			    "body 2\n"
			    "missing 14\n"
			    "end len=16 missing=14 chunked chunks=1 trailers=0\n"
			    "used all, parsing\n");
	static const char u[] = "HTTP/1.0 200 OK\r\n\r\nabc";
	struct input close = { HTTP_RESPONSES, "GET", (const uint8_t *)u, sizeof(u) - 1, 1000,
			       (const uint8_t *)"def", 3, true };
	check_input(&close, "resp 200 OK HTTP/1.0 fields=0 body=close\n"
			    "body 3\n"
			    "missing 1000\n"
			    "body 3\n"
			    "end len=1006 missing=1000 close\n"
			    "used all, ended\n");
}
END_TEST

/* Anywhere else a gap loses the framing: an error, and the parser stays
 * stopped until the caller resyncs it. */
START_TEST(gap_elsewhere)
{
	static const char a[] = "GET / HTTP/1.1\r\nHo";
	static const char b[] = "st: x\r\n\r\n";
	struct input head = { HTTP_REQUESTS, NULL, (const uint8_t *)a, sizeof(a) - 1, 5,
			      (const uint8_t *)b, sizeof(b) - 1, false };
	check_input(&head, "error gap in the message head\n"
			   "used 18, failed\n");
	/* Between messages too: what was lost began a head. */
	struct input between = { HTTP_REQUESTS, NULL, (const uint8_t *)LIT(CURL_GET("/")), 40,
				 (const uint8_t *)LIT(CURL_GET("/one")), false };
	check_input(&between, CURL_GET_TRACE("/")
			      "error gap in the message head\n"
			      "used 78, failed\n");
	/* A gap running past the end of the body. */
	static const char r[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab";
	struct input past = { HTTP_RESPONSES, "GET GET", (const uint8_t *)r, sizeof(r) - 1, 50,
			      (const uint8_t *)"TP/1.1 200 OK\r\n\r\n", 17, false };
	check_input(&past, "resp 200 OK HTTP/1.1 fields=1 cl=5 body=length\n"
			   "body 2\n"
			   "missing 3\n"
			   "end len=5 missing=3\n"
			   "error gap in the message head\n"
			   "used 40, failed\n");
	/* In a chunk-size line. */
	static const char c[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1";
	struct input chunk = { HTTP_RESPONSES, "GET", (const uint8_t *)c, sizeof(c) - 1, 3,
			       (const uint8_t *)"\r\n", 2, false };
	check_input(&chunk, "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
			    "error gap in the chunked framing\n"
			    "used 48, failed\n");
	/* Past the end of a chunk's data. */
	static const char d[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nab";
	struct input data = { HTTP_RESPONSES, "GET", (const uint8_t *)d, sizeof(d) - 1, 10,
			      (const uint8_t *)"\r\n", 2, false };
	check_input(&data, "resp 200 OK HTTP/1.1 fields=1 te=chunked chunked body=chunked\n"
			   "body 2\n"
			   "missing 2\n"
			   "error gap in the chunked framing\n"
			   "used 52, failed\n");

	/* resync: the next byte starts a message again. */
	struct http_parser p;
	http_parser_init(&p, HTTP_REQUESTS);
	memset(&got, 0, sizeof(got));
	http_parser_feed(&p, (const uint8_t *)a, sizeof(a) - 1, &cbs, &got);
	http_parser_gap(&p, 5, &cbs, &got);
	ck_assert(http_parser_state(&p) == HTTP_FAILED);
	ck_assert_msg(http_parser_feed(&p, (const uint8_t *)b, sizeof(b) - 1, &cbs, &got) == 0,
		      "a failed parser consumes nothing");
	http_parser_gap(&p, 5, &cbs, &got);
	http_parser_eof(&p, &cbs, &got);
	http_parser_resync(&p);
	ck_assert(http_parser_state(&p) == HTTP_PARSING);
	static const char next[] = CURL_GET("/two");
	ck_assert(http_parser_feed(&p, (const uint8_t *)next, sizeof(next) - 1, &cbs, &got) ==
		  sizeof(next) - 1);
	ck_assert_msg(strcmp(got.s, "error gap in the message head\n" CURL_GET_TRACE("/two")) == 0,
		      "one error, then the request after the resync; got:\n%s", got.s);
}
END_TEST

/* More than HTTP_EXPECT_MAX requests waiting: the oldest methods are
 * forgotten and their responses taken as answers to GET, in order. */
START_TEST(expect_queue_overflow)
{
	char expect[512] = "";
	for (int i = 0; i < HTTP_EXPECT_MAX + 2; i++)
		strcat(expect, "HEAD ");
	static char in[4096], want[16384];
	size_t len = 0, wlen = 0;
	for (int i = 0; i < HTTP_EXPECT_MAX + 3; i++) {
		/* The first two answer forgotten HEADs (read as GETs: with a
		 * body), the next 32 remembered HEADs, the last no request. */
		bool body = i < 2 || i == HTTP_EXPECT_MAX + 2;
		len += (size_t)snprintf(in + len, sizeof(in) - len,
					"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n%s",
					body ? "abc" : "");
		wlen += (size_t)snprintf(want + wlen, sizeof(want) - wlen,
					 "resp 200 OK HTTP/1.1%s fields=1 cl=3 body=%s\n%send len=%d\n",
					 body ? " assumed" : " answers=HEAD", body ? "length" : "none",
					 body ? "body 3\n" : "", body ? 3 : 0);
	}
	snprintf(want + wlen, sizeof(want) - wlen, "used all, parsing\n");
	check_bytes(HTTP_RESPONSES, expect, in, len, false, want);

	struct http_parser p;
	http_parser_init(&p, HTTP_RESPONSES);
	for (int i = 0; i < HTTP_EXPECT_MAX + 2; i++)
		http_parser_expect(&p, "GET");
	ck_assert(http_parser_pending(&p) == HTTP_EXPECT_MAX + 2);
	ck_assert(http_parser_dropped(&p) == 2);
	static const char one[] = "HTTP/1.1 204 No Content\r\n\r\n";
	http_parser_feed(&p, (const uint8_t *)one, sizeof(one) - 1, NULL, NULL);
	ck_assert(http_parser_pending(&p) == HTTP_EXPECT_MAX + 1);
	/* A request parser ignores expectations. */
	http_parser_init(&p, HTTP_REQUESTS);
	http_parser_expect(&p, "HEAD");
	ck_assert(http_parser_pending(&p) == 0);
}
END_TEST

/* The whole exchange of samples/keepalive.pcap, with the caller's wiring:
 * each request's method is queued for the response parser from on_head. */
struct pair {
	struct trace t;
	struct http_parser *resp;
};

static void pair_head(void *ctx, const struct http_head *h)
{
	struct pair *pr = ctx;
	if (h->version_major == 0)
		http_parser_expect_simple(pr->resp);
	else
		http_parser_expect(pr->resp, h->method);
	on_head(&pr->t, h);
}

static void pair_end(void *ctx, const struct http_end *e)
{
	struct pair *pr = ctx;
	on_end(&pr->t, e);
}

START_TEST(request_response_wiring)
{
	static const char req[] = "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n" CURL_GET("/");
	static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n" HELLO_RESPONSE;
	static const char get[] = HELLO_RESPONSE;
	static struct pair pr;
	struct http_parser rq, rs;
	http_parser_init(&rq, HTTP_REQUESTS);
	http_parser_init(&rs, HTTP_RESPONSES);
	pr.resp = &rs;
	struct http_callbacks rcb = { pair_head, NULL, pair_end, NULL, NULL };
	ck_assert(http_parser_feed(&rq, (const uint8_t *)req, sizeof(req) - 1, &rcb, &pr) ==
		  sizeof(req) - 1);
	ck_assert(http_parser_pending(&rs) == 2);
	memset(&got, 0, sizeof(got));
	ck_assert(http_parser_feed(&rs, (const uint8_t *)resp, sizeof(resp) - 1, &cbs, &got) ==
		  sizeof(resp) - 1);
	ck_assert_msg(strcmp(got.s, "resp 200 OK HTTP/1.1 answers=HEAD fields=1 cl=11 body=none\n"
			     "end len=0\n" HELLO_TRACE) == 0, "got:\n%s", got.s);
	ck_assert(http_parser_pending(&rs) == 0);
	/* No callbacks at all is allowed. */
	http_parser_init(&rs, HTTP_RESPONSES);
	ck_assert(http_parser_feed(&rs, (const uint8_t *)get, sizeof(get) - 1, NULL, NULL) ==
		  sizeof(get) - 1);
	ck_assert(http_parser_feed(&rs, (const uint8_t *)get, 0, NULL, NULL) == 0);
	http_parser_gap(&rs, 0, NULL, NULL);
	ck_assert(http_parser_state(&rs) == HTTP_PARSING);
	http_parser_gap(&rs, 1, NULL, NULL);
	ck_assert_msg(http_parser_state(&rs) == HTTP_FAILED, "a gap where a head begins");
	http_parser_resync(&rs);
	http_parser_eof(&rs, NULL, NULL);
	ck_assert(http_parser_state(&rs) == HTTP_ENDED);
	ck_assert(http_parser_feed(&rs, (const uint8_t *)resp, 4, NULL, NULL) == 0);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("messages");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, pipelined_requests);
	tcase_add_test(tc, pipelined_responses);
	tcase_add_test(tc, connection_close);
	tcase_add_test(tc, head_then_get);
	tcase_add_test(tc, continue_then_created);
	tcase_add_test(tc, not_modified_and_no_content);
	tcase_add_test(tc, chunked_nginx);
	tcase_add_test(tc, chunked_trailers_extensions);
	tcase_add_test(tc, chunk_size_limits);
	tcase_add_test(tc, chunk_line_too_long);
	tcase_add_test(tc, body_until_close);
	tcase_add_test(tc, http09);
	tcase_add_test(tc, websocket_upgrade);
	tcase_add_test(tc, h2c_upgrade);
	tcase_add_test(tc, connect_tunnel);
	suite_add_tcase(s, tc);

	TCase *rules = tcase_create("rules");
	tcase_set_timeout(rules, 120);
	tcase_add_test(rules, content_length_rules);
	tcase_add_test(rules, transfer_encoding_rules);
	tcase_add_test(rules, lenient_syntax);
	tcase_add_test(rules, syntax_errors);
	tcase_add_test(rules, not_http);
	tcase_add_test(rules, head_bounds);
	tcase_add_test(rules, trailer_bounds);
	tcase_add_test(rules, gap_in_body);
	tcase_add_test(rules, gap_elsewhere);
	tcase_add_test(rules, expect_queue_overflow);
	tcase_add_test(rules, request_response_wiring);
	suite_add_tcase(s, rules);
	return s;
}
