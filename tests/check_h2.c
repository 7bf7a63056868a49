/*
 * check_h2.c - unit tests of the HTTP/2 connection parser (app/h2.h).
 *
 * Two kinds of bytes.  Real ones: both connections of samples/http2.pcap
 * (curl 7.88.1 to nghttpx, prior knowledge and h2c upgrade), cut into
 * each direction's TCP segments with tshark -z follow,tcp,raw, each array
 * saying what tshark -d tcp.port==8083,http2 -O http2 reads in it.  And
 * the header blocks of RFC 7541 Appendix C (C.3 and C.4 requests, C.5 and
 * C.6 responses with a 256-byte dynamic table), wrapped in HEADERS frames
 * and conversations built for each rule: flow-control arithmetic (RFC
 * 9113 §6.9), CONTINUATION (§6.10), padding (§6.1), RST_STREAM and GOAWAY,
 * gaps, a bad preface, a frame over SETTINGS_MAX_FRAME_SIZE (§4.2).  The
 * parser must report what tshark and the RFC read, the same however each
 * direction is cut into feeds.
 */
#include <check.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nghttp2/nghttp2.h>

#include "check_main.h"
#include "tcpview/app/h2.h"

/* ---- samples/http2.pcap, connection 2: prior knowledge --------------- */

/* Client, frame 15: the preface, SETTINGS, WINDOW_UPDATE. */
static const uint8_t pk_c1[] = {
	/* Magic: PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n */
	0x50, 0x52, 0x49, 0x20, 0x2a, 0x20, 0x48, 0x54, 0x54, 0x50, 0x2f, 0x32,
	0x2e, 0x30, 0x0d, 0x0a, 0x0d, 0x0a, 0x53, 0x4d, 0x0d, 0x0a, 0x0d, 0x0a,
	/* SETTINGS, length 18, flags 0x00, stream 0 */
	0x00, 0x00, 0x12, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* Max concurrent streams (3): 100 */
	0x00, 0x03, 0x00, 0x00, 0x00, 0x64,
	/* Initial Windows size (4): 33554432 */
	0x00, 0x04, 0x02, 0x00, 0x00, 0x00,
	/* Enable PUSH (2): 0 */
	0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	/* WINDOW_UPDATE, length 4, stream 0: Window Size Increment 33488897 */
	0x00, 0x00, 0x04, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x01, 0xff, 0x00, 0x01,
};

/* Client, frame 17: HEADERS, stream 1, length 39, End Headers, End Stream:
 * GET /hello.txt (tshark: 6 headers). */
static const uint8_t pk_c2[] = {
	0x00, 0x00, 0x27, 0x01, 0x05, 0x00, 0x00, 0x00, 0x01,
	0x82,			/* :method: GET (indexed, 2) */
	/* :path: /hello.txt (literal without indexing, name 4, Huffman) */
	0x04, 0x88, 0x62, 0x72, 0xd1, 0x41, 0xd7, 0x4f, 0x94, 0xff,
	0x86,			/* :scheme: http (indexed, 6) */
	/* :authority: 127.0.0.1:8083 (incremental indexing, name 1) */
	0x41, 0x8a, 0x08, 0x9d, 0x5c, 0x0b, 0x81, 0x70, 0xdc, 0x78, 0x0f, 0x33,
	/* user-agent: curl/7.88.1 (incremental indexing, name 58) */
	0x7a, 0x88, 0x25, 0xb6, 0x50, 0xc3, 0xab, 0xbc, 0xf2, 0xe1,
	/* accept: "*" "/" "*" (incremental indexing, name 19) */
	0x53, 0x03, 0x2a, 0x2f, 0x2a,
};

/* Server, frame 19: SETTINGS (length 24) and SETTINGS ACK. */
static const uint8_t pk_s1[] = {
	0x00, 0x00, 0x18, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x03, 0x00, 0x00, 0x00, 0x64,	/* Max concurrent streams: 100 */
	0x00, 0x04, 0x00, 0x00, 0xff, 0xff,	/* Initial Windows size: 65535 */
	0x00, 0x09, 0x00, 0x00, 0x00, 0x01,	/* Unknown (9): 1 (RFC 9218) */
	0x00, 0x08, 0x00, 0x00, 0x00, 0x01,	/* Extended CONNECT: 1 */
	/* SETTINGS, length 0, flags 0x01 ACK */
	0x00, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
};

/* Client, frame 21: SETTINGS ACK. */
static const uint8_t pk_c3[] = {
	0x00, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
};

/* Server, frame 22: HEADERS, stream 1, length 91, End Headers (200 OK,
 * tshark: 8 headers), then DATA, stream 1, length 24, End Stream. */
static const uint8_t pk_s2[] = {
	0x00, 0x00, 0x5b, 0x01, 0x04, 0x00, 0x00, 0x00, 0x01,
	0x88,			/* :status: 200 (indexed, 8) */
	/* cache-control: max-age=3600 (incremental indexing, name 24) */
	0x58, 0x89, 0xa4, 0x7e, 0x56, 0x1c, 0xc5, 0x81, 0x97, 0x00, 0x0f,
	/* date: Sat, 21 Nov 2026 06:17:02 GMT (incremental indexing, name 33) */
	0x61, 0x96, 0xdc, 0x34, 0xfd, 0x28, 0x20, 0xa9, 0xa4, 0xfd, 0xd4, 0x10,
	0x04, 0xe2, 0x80, 0x72, 0xe0, 0x5d, 0xb8, 0x01, 0x29, 0x8b, 0x46, 0xff,
	/* content-length: 24 (without indexing, name 28) */
	0x0f, 0x0d, 0x02, 0x32, 0x34,
	/* last-modified: Sat, 21 Nov 2026 06:17:01 GMT (incremental, name 44) */
	0x6c, 0x96, 0xdc, 0x34, 0xfd, 0x28, 0x20, 0xa9, 0xa4, 0xfd, 0xd4, 0x10,
	0x04, 0xe2, 0x80, 0x72, 0xe0, 0x5d, 0xb8, 0x00, 0xa9, 0x8b, 0x46, 0xff,
	/* content-type: text/plain (incremental indexing, name 31) */
	0x5f, 0x87, 0x49, 0x7c, 0xa5, 0x8a, 0xe8, 0x19, 0xaa,
	/* server: nghttpx (incremental indexing, name 54) */
	0x76, 0x86, 0xaa, 0x69, 0xd2, 0x9a, 0xfc, 0xff,
	/* via: 2 nghttpx (incremental indexing, name 60) */
	0x7c, 0x87, 0x12, 0x95, 0x4d, 0x3a, 0x53, 0x5f, 0x9f,
	/* DATA, length 24, End Stream, stream 1: "Hello world from HTTP/2\n" */
	0x00, 0x00, 0x18, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x20,
	0x66, 0x72, 0x6f, 0x6d, 0x20, 0x48, 0x54, 0x54, 0x50, 0x2f, 0x32, 0x0a,
};

/* ---- samples/http2.pcap, connection 1: h2c upgrade ------------------- */

/*
 * After "GET /hello.txt HTTP/1.1 ... Upgrade: h2c" and "HTTP/1.1 101
 * Switching Protocols" (the HTTP/1.1 parser's part), the server's SETTINGS
 * came in the 101's segment; the client answered with the preface,
 * SETTINGS and WINDOW_UPDATE (the same bytes as pk_c1); the server sent
 * the response on stream 1, then acknowledged the client's SETTINGS.
 */
static const uint8_t up_s1[] = {
	0x00, 0x00, 0x18, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x03, 0x00, 0x00, 0x00, 0x64, 0x00, 0x04, 0x00, 0x00, 0xff, 0xff,
	0x00, 0x09, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01,
};
static const uint8_t up_s3[] = {
	0x00, 0x00, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
};

/* ---- RFC 7541 Appendix C header blocks ------------------------------- */

/* C.3.1: :method GET, :scheme http, :path /, :authority www.example.com
 * (table: 57 bytes) */
static const uint8_t c31[] = {
	0x82, 0x86, 0x84, 0x41, 0x0f, 0x77, 0x77, 0x77, 0x2e, 0x65, 0x78, 0x61,
	0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x63, 0x6f, 0x6d,
};
/* C.3.2: the same, and cache-control: no-cache (110 bytes) */
static const uint8_t c32[] = {
	0x82, 0x86, 0x84, 0xbe, 0x58, 0x08, 0x6e, 0x6f, 0x2d, 0x63, 0x61, 0x63,
	0x68, 0x65,
};
/* C.3.3: :method GET, :scheme https, :path /index.html, :authority
 * www.example.com, custom-key: custom-value (164 bytes) */
static const uint8_t c33[] = {
	0x82, 0x87, 0x85, 0xbf, 0x40, 0x0a, 0x63, 0x75, 0x73, 0x74, 0x6f, 0x6d,
	0x2d, 0x6b, 0x65, 0x79, 0x0c, 0x63, 0x75, 0x73, 0x74, 0x6f, 0x6d, 0x2d,
	0x76, 0x61, 0x6c, 0x75, 0x65,
};
/* C.4.1-C.4.3: the same requests, Huffman-coded */
static const uint8_t c41[] = {
	0x82, 0x86, 0x84, 0x41, 0x8c, 0xf1, 0xe3, 0xc2, 0xe5, 0xf2, 0x3a, 0x6b,
	0xa0, 0xab, 0x90, 0xf4, 0xff,
};
static const uint8_t c42[] = {
	0x82, 0x86, 0x84, 0xbe, 0x58, 0x86, 0xa8, 0xeb, 0x10, 0x64, 0x9c, 0xbf,
};
static const uint8_t c43[] = {
	0x82, 0x87, 0x85, 0xbf, 0x40, 0x88, 0x25, 0xa8, 0x49, 0xe9, 0x5b, 0xa9,
	0x7d, 0x7f, 0x89, 0x25, 0xa8, 0x49, 0xe9, 0x5b, 0xb8, 0xe8, 0xb4, 0xbf,
};

/* C.5.1: :status 302, cache-control private, date Mon, 21 Oct 2013
 * 20:13:21 GMT, location https://www.example.com (table: 222 bytes) */
static const uint8_t c51[] = {
	0x48, 0x03, 0x33, 0x30, 0x32, 0x58, 0x07, 0x70, 0x72, 0x69, 0x76, 0x61,
	0x74, 0x65, 0x61, 0x1d, 0x4d, 0x6f, 0x6e, 0x2c, 0x20, 0x32, 0x31, 0x20,
	0x4f, 0x63, 0x74, 0x20, 0x32, 0x30, 0x31, 0x33, 0x20, 0x32, 0x30, 0x3a,
	0x31, 0x33, 0x3a, 0x32, 0x31, 0x20, 0x47, 0x4d, 0x54, 0x6e, 0x17, 0x68,
	0x74, 0x74, 0x70, 0x73, 0x3a, 0x2f, 0x2f, 0x77, 0x77, 0x77, 0x2e, 0x65,
	0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x63, 0x6f, 0x6d,
};
/* C.5.2: :status 307 and the three others indexed; ":status: 302" is
 * evicted (222 bytes) */
static const uint8_t c52[] = {
	0x48, 0x03, 0x33, 0x30, 0x37, 0xc1, 0xc0, 0xbf,
};
/* C.5.3: :status 200, cache-control private, date ...:22 GMT, location,
 * content-encoding gzip, set-cookie foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU;
 * max-age=3600; version=1; three entries evicted (215 bytes) */
static const uint8_t c53[] = {
	0x88, 0xc1, 0x61, 0x1d, 0x4d, 0x6f, 0x6e, 0x2c, 0x20, 0x32, 0x31, 0x20,
	0x4f, 0x63, 0x74, 0x20, 0x32, 0x30, 0x31, 0x33, 0x20, 0x32, 0x30, 0x3a,
	0x31, 0x33, 0x3a, 0x32, 0x32, 0x20, 0x47, 0x4d, 0x54, 0xc0, 0x5a, 0x04,
	0x67, 0x7a, 0x69, 0x70, 0x77, 0x38, 0x66, 0x6f, 0x6f, 0x3d, 0x41, 0x53,
	0x44, 0x4a, 0x4b, 0x48, 0x51, 0x4b, 0x42, 0x5a, 0x58, 0x4f, 0x51, 0x57,
	0x45, 0x4f, 0x50, 0x49, 0x55, 0x41, 0x58, 0x51, 0x57, 0x45, 0x4f, 0x49,
	0x55, 0x3b, 0x20, 0x6d, 0x61, 0x78, 0x2d, 0x61, 0x67, 0x65, 0x3d, 0x33,
	0x36, 0x30, 0x30, 0x3b, 0x20, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e,
	0x3d, 0x31,
};
/* C.6.1-C.6.3: the same responses, Huffman-coded */
static const uint8_t c61[] = {
	0x48, 0x82, 0x64, 0x02, 0x58, 0x85, 0xae, 0xc3, 0x77, 0x1a, 0x4b, 0x61,
	0x96, 0xd0, 0x7a, 0xbe, 0x94, 0x10, 0x54, 0xd4, 0x44, 0xa8, 0x20, 0x05,
	0x95, 0x04, 0x0b, 0x81, 0x66, 0xe0, 0x82, 0xa6, 0x2d, 0x1b, 0xff, 0x6e,
	0x91, 0x9d, 0x29, 0xad, 0x17, 0x18, 0x63, 0xc7, 0x8f, 0x0b, 0x97, 0xc8,
	0xe9, 0xae, 0x82, 0xae, 0x43, 0xd3,
};
static const uint8_t c62[] = {
	0x48, 0x83, 0x64, 0x0e, 0xff, 0xc1, 0xc0, 0xbf,
};
static const uint8_t c63[] = {
	0x88, 0xc1, 0x61, 0x96, 0xd0, 0x7a, 0xbe, 0x94, 0x10, 0x54, 0xd4, 0x44,
	0xa8, 0x20, 0x05, 0x95, 0x04, 0x0b, 0x81, 0x66, 0xe0, 0x84, 0xa6, 0x2d,
	0x1b, 0xff, 0xc0, 0x5a, 0x83, 0x9b, 0xd9, 0xab, 0x77, 0xad, 0x94, 0xe7,
	0x82, 0x1d, 0xd7, 0xf2, 0xe6, 0xc7, 0xb3, 0x35, 0xdf, 0xdf, 0xcd, 0x5b,
	0x39, 0x60, 0xd5, 0xaf, 0x27, 0x08, 0x7f, 0x36, 0x72, 0xc1, 0xab, 0x27,
	0x0f, 0xb5, 0x29, 0x1f, 0x95, 0x87, 0x31, 0x60, 0x65, 0xc0, 0x03, 0xed,
	0x4e, 0xe5, 0xb1, 0x06, 0x3d, 0x50, 0x07,
};

/* RFC 7541 §6.3: dynamic table size update to 256 (001 11111, then 225). */
static const uint8_t table_256[] = { 0x3f, 0xe1, 0x01 };

static const uint8_t preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/* ---- conversations --------------------------------------------------- */

/* A conversation: each direction's feeds in the order they happen. */
struct seg {
	int dir;
	bool gap;
	size_t off, len;
};

struct conv {
	bool preface;		/* h2_conn_init(..., client_preface) */
	const char *up_method, *up_path;	/* h2_conn_upgraded() first */
	size_t nseg, used;
	struct seg seg[512];
	uint8_t buf[1 << 17];
};

static void conv_reset(struct conv *cv, bool with_preface)
{
	cv->preface = with_preface;
	cv->up_method = cv->up_path = NULL;
	cv->nseg = cv->used = 0;
}

static void conv_bytes(struct conv *cv, int dir, const void *data, size_t len)
{
	ck_assert(cv->nseg < 512 && cv->used + len <= sizeof(cv->buf));
	memcpy(cv->buf + cv->used, data, len);
	cv->seg[cv->nseg++] = (struct seg){ dir, false, cv->used, len };
	cv->used += len;
}

static void conv_gap(struct conv *cv, int dir, size_t len)
{
	cv->seg[cv->nseg++] = (struct seg){ dir, true, 0, len };
}

/* One frame (RFC 9113 §4.1: 24-bit length, type, flags, R + stream id). */
static void conv_frame(struct conv *cv, int dir, uint8_t type, uint8_t flags, uint32_t sid,
		       const void *payload, size_t len)
{
	uint8_t h[9] = {
		(uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len, type, flags,
		(uint8_t)(sid >> 24), (uint8_t)(sid >> 16), (uint8_t)(sid >> 8), (uint8_t)sid,
	};
	ck_assert(cv->nseg < 512 && cv->used + 9 + len <= sizeof(cv->buf));
	memcpy(cv->buf + cv->used, h, 9);
	if (len > 0)
		memcpy(cv->buf + cv->used + 9, payload, len);
	cv->seg[cv->nseg++] = (struct seg){ dir, false, cv->used, 9 + len };
	cv->used += 9 + len;
}

/* The client's preface and an empty SETTINGS, and the server's SETTINGS. */
static void conv_start(struct conv *cv)
{
	conv_reset(cv, true);
	conv_bytes(cv, H2_CLIENT, preface, 24);
	conv_frame(cv, H2_CLIENT, H2_SETTINGS, 0, 0, NULL, 0);
	conv_frame(cv, H2_SERVER, H2_SETTINGS, 0, 0, NULL, 0);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A SETTINGS frame of one entry. */
static void conv_setting(struct conv *cv, int dir, uint16_t id, uint32_t value)
{
	uint8_t p[6] = { (uint8_t)(id >> 8), (uint8_t)id };
	put32(p + 2, value);
	conv_frame(cv, dir, H2_SETTINGS, 0, 0, p, 6);
}

static void conv_window_update(struct conv *cv, int dir, uint32_t sid, uint32_t inc)
{
	uint8_t p[4];
	put32(p, inc);
	conv_frame(cv, dir, H2_WINDOW_UPDATE, 0, sid, p, 4);
}

/* ---- what the parser reports ----------------------------------------- */

#define FRAMES_KEPT 400
#define BLOCKS_KEPT 8

struct seen {
	int nframes, nblocks, nstreams, nerr;
	struct h2_frame frames[FRAMES_KEPT];
	int frame_dir[FRAMES_KEPT];
	int frame_block[FRAMES_KEPT];	/* index in blocks, or -1 */
	struct h2_header_block blocks[BLOCKS_KEPT];
	struct h2_stream_info streams[300];
	int err_dir[4];
	char err[4][80];
	size_t at;		/* bytes fed so far, for the log */
	char log[1 << 17];
	size_t loglen;
};

static void logf_(struct seen *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct seen *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(s->log + s->loglen, sizeof(s->log) - s->loglen, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->loglen += (size_t)n;
	if (s->loglen >= sizeof(s->log))
		s->loglen = sizeof(s->log) - 1;
}

static void log_block(struct seen *s, const struct h2_header_block *b)
{
	logf_(s, " block(sid %u type %u promised %u end %d decoded %d frames %u len %llu n %u)",
	      b->stream_id, b->type, b->promised_stream, b->end_stream, b->decoded, b->frames,
	      (unsigned long long)b->fragment_len, b->nfields);
	for (int i = 0; i < b->kept; i++)
		logf_(s, " [%s%s: %s%s%s]", b->fields[i].name, b->fields[i].name_cut ? "..." : "",
		      b->fields[i].value, b->fields[i].value_cut ? "..." : "",
		      b->fields[i].never_indexed ? " NI" : "");
}

static void log_typed(struct seen *s, const struct h2_frame *f)
{
	const struct h2_data_info *x = &f->u.data;
	const struct h2_headers_info *h = &f->u.headers;
	const struct h2_window_update_info *w = &f->u.window_update;
	switch (f->type) {
	case H2_DATA:
		logf_(s, " data %u miss %u pad %d/%u es %d conn %lld>%lld stream %d %lld>%lld x %d",
		      x->data_len, x->data_missing, x->padded, x->pad_len, x->end_stream,
		      (long long)x->conn_window_before, (long long)x->conn_window_after,
		      x->stream_window_known, (long long)x->stream_window_before,
		      (long long)x->stream_window_after, x->window_exceeded);
		break;
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
	case H2_CONTINUATION:
		logf_(s, " es %d eh %d pad %d/%u frag %u prio %d %d %u %u promised %u", h->end_stream,
		      h->end_headers, h->padded, h->pad_len, h->fragment_len, h->has_priority,
		      h->exclusive, h->dependency, h->weight, h->promised_stream);
		if (h->block != NULL)
			log_block(s, h->block);
		break;
	case H2_SETTINGS:
		logf_(s, " ack %d count %u", f->u.settings.ack, f->u.settings.count);
		for (int i = 0; i < f->u.settings.kept; i++)
			logf_(s, " %u=%u", f->u.settings.entries[i].id, f->u.settings.entries[i].value);
		break;
	case H2_WINDOW_UPDATE:
		logf_(s, " inc %u known %d %lld>%lld x %d", w->increment, w->window_known,
		      (long long)w->window_before, (long long)w->window_after, w->window_exceeded);
		break;
	case H2_RST_STREAM:
		logf_(s, " error %u", f->u.rst_stream.error_code);
		break;
	case H2_GOAWAY:
		logf_(s, " last %u error %u debug %u/%u", f->u.goaway.last_stream_id,
		      f->u.goaway.error_code, f->u.goaway.debug_kept, f->u.goaway.debug_len);
		break;
	case H2_PING:
		logf_(s, " ack %d", f->u.ping.ack);
		break;
	default:
		break;
	}
}

static void on_frame(void *ctx, int dir, const struct h2_frame *f)
{
	struct seen *s = ctx;
	logf_(s, "@%zu F%d %s flags %02x len %u sid %u miss %llu prob %s", s->at, dir,
	      h2_frame_type_name(f->type) ? h2_frame_type_name(f->type) : "?", f->flags,
	      f->length, f->stream_id, (unsigned long long)f->missing,
	      f->problem ? f->problem : "-");
	log_typed(s, f);
	logf_(s, "\n");
	if (s->nframes >= FRAMES_KEPT)
		return;
	int i = s->nframes++;
	s->frames[i] = *f;
	s->frame_dir[i] = dir;
	s->frame_block[i] = -1;
	bool blocky = f->type == H2_HEADERS || f->type == H2_PUSH_PROMISE ||
		      f->type == H2_CONTINUATION;
	if (blocky) {
		s->frames[i].u.headers.block = NULL;
		if (f->u.headers.block != NULL && s->nblocks < BLOCKS_KEPT) {
			s->blocks[s->nblocks] = *f->u.headers.block;
			s->frame_block[i] = s->nblocks++;
		}
	}
}

static void on_stream(void *ctx, const struct h2_stream_info *si)
{
	struct seen *s = ctx;
	logf_(s, "@%zu S%u %s %s %s %u lost %d hdrs %u/%u data %llu/%llu miss %llu/%llu end %d/%d "
	      "reset %d/%u/%u open %d push %d\n", s->at, si->id, si->method, si->path,
	      si->authority, si->status, si->headers_lost, si->request_headers,
	      si->response_headers, (unsigned long long)si->request_data,
	      (unsigned long long)si->response_data, (unsigned long long)si->request_missing,
	      (unsigned long long)si->response_missing, si->request_end, si->response_end,
	      si->reset, si->reset_dir, si->reset_error, si->open_at_end, si->pushed);
	if (s->nstreams < 300)
		s->streams[s->nstreams++] = *si;
}

static void on_error(void *ctx, int dir, const char *why)
{
	struct seen *s = ctx;
	logf_(s, "@%zu E%d %s\n", s->at, dir, why);
	if (s->nerr < 4) {
		s->err_dir[s->nerr] = dir;
		snprintf(s->err[s->nerr], sizeof(s->err[0]), "%s", why);
	}
	s->nerr++;
}

static const struct h2_callbacks cbs = {
	.on_frame = on_frame,
	.on_stream = on_stream,
	.on_error = on_error,
};

static struct h2_conn conn;

/* How each segment is cut into feeds. */
enum cut { CUT_MERGED, CUT_SEGMENTS, CUT_BYTES, CUT_RANDOM };

static void start(struct seen *s, const struct conv *cv)
{
	memset(s, 0, offsetof(struct seen, log));
	s->log[0] = '\0';
	s->loglen = 0;
	ck_assert(h2_conn_init(&conn, cv->preface));
	if (cv->up_method != NULL)
		h2_conn_upgraded(&conn, cv->up_method, cv->up_path);
}

static void feed(struct seen *s, const struct conv *cv, size_t i, enum cut cut, unsigned *rnd)
{
	const struct seg *g = &cv->seg[i];
	if (g->gap) {
		h2_gap(&conn, g->dir, g->len, &cbs, s);
		return;
	}
	for (size_t at = 0; at < g->len;) {
		size_t n = g->len - at;
		if (cut == CUT_BYTES) {
			n = 1;
		} else if (cut == CUT_RANDOM) {
			*rnd = *rnd * 1103515245u + 12345u;
			size_t k = 1 + (*rnd >> 16) % 23;
			n = n < k ? n : k;
		}
		s->at += n;
		h2_feed(&conn, g->dir, cv->buf + g->off + at, n, &cbs, s);
		at += n;
	}
}

/* Runs a conversation; with `eof`, both directions end after it. */
static void run(struct seen *s, const struct conv *cv, enum cut cut, unsigned seed, bool eof)
{
	start(s, cv);
	for (size_t i = 0; i < cv->nseg; i++) {
		size_t j = i;
		if (cut == CUT_MERGED) {
			/* a direction's consecutive segments in one feed */
			while (j + 1 < cv->nseg && !cv->seg[i].gap && !cv->seg[j + 1].gap &&
			       cv->seg[j + 1].dir == cv->seg[i].dir &&
			       cv->seg[j + 1].off == cv->seg[j].off + cv->seg[j].len)
				j++;
		}
		if (j > i) {
			size_t len = cv->seg[j].off + cv->seg[j].len - cv->seg[i].off;
			s->at += len;
			h2_feed(&conn, cv->seg[i].dir, cv->buf + cv->seg[i].off, len, &cbs, s);
			i = j;
		} else {
			feed(s, cv, i, cut, &seed);
		}
	}
	if (eof) {
		h2_eof(&conn, H2_CLIENT, &cbs, s);
		h2_eof(&conn, H2_SERVER, &cbs, s);
	}
	h2_conn_release(&conn);
}

/* The log without the "@offset" prefixes, which depend on the cut. */
static void strip_offsets(char *out, size_t max, const char *log)
{
	size_t o = 0;
	for (const char *p = log; *p != '\0' && o + 1 < max; p++) {
		if (*p == '@' && (p == log || p[-1] == '\n')) {
			while (*p != ' ' && *p != '\0')
				p++;
			continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* The block of the i-th frame, which must have one. */
static const struct h2_header_block *block_of(const struct seen *s, int i)
{
	ck_assert_msg(i < s->nframes && s->frame_block[i] >= 0, "frame %d has no block", i);
	return &s->blocks[s->frame_block[i]];
}

static void assert_field(const struct h2_header_block *b, int i, const char *name,
			 const char *value)
{
	ck_assert_msg(i < b->kept, "field %d of %d", i, b->kept);
	ck_assert_str_eq(b->fields[i].name, name);
	ck_assert_str_eq(b->fields[i].value, value);
	ck_assert(!b->fields[i].name_cut && !b->fields[i].value_cut);
}

/* ---- the real capture ------------------------------------------------ */

static void conv_prior_knowledge(struct conv *cv)
{
	conv_reset(cv, true);
	conv_bytes(cv, H2_CLIENT, pk_c1, sizeof(pk_c1));
	conv_bytes(cv, H2_CLIENT, pk_c2, sizeof(pk_c2));
	conv_bytes(cv, H2_SERVER, pk_s1, sizeof(pk_s1));
	conv_bytes(cv, H2_CLIENT, pk_c3, sizeof(pk_c3));
	conv_bytes(cv, H2_SERVER, pk_s2, sizeof(pk_s2));
}

START_TEST(prior_knowledge_capture)
{
	static struct conv cv;
	static struct seen s;
	conv_prior_knowledge(&cv);
	run(&s, &cv, CUT_SEGMENTS, 0, false);
	ck_assert_msg(s.nerr == 0, "%s", s.log);
	ck_assert_int_eq(s.nframes, 8);
	static const uint8_t types[] = { 4, 8, 1, 4, 4, 4, 1, 0 };
	static const int dirs[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
	for (int i = 0; i < 8; i++) {
		ck_assert_uint_eq(s.frames[i].type, types[i]);
		ck_assert_int_eq(s.frame_dir[i], dirs[i]);
		ck_assert_msg(s.frames[i].problem == NULL, "%d: %s", i, s.frames[i].problem);
	}
	/* client SETTINGS: tshark's three entries, in order */
	const struct h2_settings_info *st = &s.frames[0].u.settings;
	ck_assert(!st->ack);
	ck_assert_uint_eq(st->count, 3);
	ck_assert_uint_eq(st->entries[0].id, 3);
	ck_assert_uint_eq(st->entries[0].value, 100);
	ck_assert_uint_eq(st->entries[1].id, 4);
	ck_assert_uint_eq(st->entries[1].value, 33554432);
	ck_assert_uint_eq(st->entries[2].id, 2);
	ck_assert_uint_eq(st->entries[2].value, 0);
	/* WINDOW_UPDATE on stream 0 grows the server's connection window */
	const struct h2_window_update_info *w = &s.frames[1].u.window_update;
	ck_assert_uint_eq(w->increment, 33488897);
	ck_assert(w->window_known);
	ck_assert_int_eq(w->window_before, 65535);
	ck_assert_int_eq(w->window_after, 33554432);
	/* the request: tshark's six fields */
	const struct h2_header_block *b = block_of(&s, 2);
	ck_assert(b->decoded);
	ck_assert_uint_eq(b->nfields, 6);
	ck_assert_uint_eq(b->stream_id, 1);
	ck_assert(b->end_stream);
	assert_field(b, 0, ":method", "GET");
	assert_field(b, 1, ":path", "/hello.txt");
	assert_field(b, 2, ":scheme", "http");
	assert_field(b, 3, ":authority", "127.0.0.1:8083");
	assert_field(b, 4, "user-agent", "curl/7.88.1");
	assert_field(b, 5, "accept", "*/*");
	/* the server's SETTINGS and ACK */
	ck_assert_uint_eq(s.frames[3].u.settings.count, 4);
	ck_assert_uint_eq(s.frames[3].u.settings.entries[3].id, 8);
	ck_assert(s.frames[4].u.settings.ack);
	/* the response: tshark's eight fields */
	b = block_of(&s, 6);
	ck_assert(b->decoded && !b->end_stream);
	ck_assert_uint_eq(b->nfields, 8);
	assert_field(b, 0, ":status", "200");
	assert_field(b, 1, "cache-control", "max-age=3600");
	assert_field(b, 2, "date", "Sat, 21 Nov 2026 06:17:02 GMT");
	assert_field(b, 3, "content-length", "24");
	assert_field(b, 4, "last-modified", "Sat, 21 Nov 2026 06:17:01 GMT");
	assert_field(b, 5, "content-type", "text/plain");
	assert_field(b, 6, "server", "nghttpx");
	assert_field(b, 7, "via", "2 nghttpx");
	/* DATA: 24 bytes against the windows the client opened */
	const struct h2_data_info *di = &s.frames[7].u.data;
	ck_assert_uint_eq(di->data_len, 24);
	ck_assert(di->end_stream && !di->padded && !di->window_exceeded);
	ck_assert_int_eq(di->conn_window_before, 33554432);
	ck_assert_int_eq(di->conn_window_after, 33554408);
	ck_assert(di->stream_window_known);
	ck_assert_int_eq(di->stream_window_before, 33554432);
	ck_assert_int_eq(di->stream_window_after, 33554408);
	/* the stream, paired, reported right after the DATA that closed it */
	ck_assert_int_eq(s.nstreams, 1);
	const struct h2_stream_info *si = &s.streams[0];
	ck_assert_uint_eq(si->id, 1);
	ck_assert_str_eq(si->method, "GET");
	ck_assert_str_eq(si->path, "/hello.txt");
	ck_assert_str_eq(si->authority, "127.0.0.1:8083");
	ck_assert_uint_eq(si->status, 200);
	ck_assert_uint_eq(si->request_headers, 1);
	ck_assert_uint_eq(si->response_headers, 1);
	ck_assert_uint_eq(si->request_data, 0);
	ck_assert_uint_eq(si->response_data, 24);
	ck_assert(si->request_end && si->response_end);
	ck_assert(!si->reset && !si->open_at_end && !si->pushed && !si->headers_lost);
	ck_assert_uint_eq(conn.nstreams, 0);
}
END_TEST

START_TEST(upgrade_capture)
{
	static struct conv cv;
	static struct seen s;
	conv_reset(&cv, true);
	cv.up_method = "GET";
	cv.up_path = "/hello.txt";
	conv_bytes(&cv, H2_SERVER, up_s1, sizeof(up_s1));
	conv_bytes(&cv, H2_CLIENT, pk_c1, sizeof(pk_c1));
	conv_bytes(&cv, H2_SERVER, pk_s2, sizeof(pk_s2));
	conv_bytes(&cv, H2_SERVER, up_s3, sizeof(up_s3));
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_msg(s.nerr == 0, "%s", s.log);
	ck_assert_int_eq(s.nframes, 6);
	/* Stream 1 opened at 65535 before the client's SETTINGS, which moved
	 * it by 33554432 - 65535 (§6.9.2). */
	const struct h2_data_info *di = &s.frames[4].u.data;
	ck_assert_uint_eq(s.frames[4].type, H2_DATA);
	ck_assert_int_eq(di->stream_window_before, 33554432);
	ck_assert_int_eq(di->stream_window_after, 33554408);
	ck_assert_int_eq(s.nstreams, 1);
	const struct h2_stream_info *si = &s.streams[0];
	ck_assert_uint_eq(si->id, 1);
	ck_assert_str_eq(si->method, "GET");
	ck_assert_str_eq(si->path, "/hello.txt");
	ck_assert_uint_eq(si->status, 200);
	ck_assert_uint_eq(si->request_headers, 0);	/* the request was HTTP/1.1 */
	ck_assert_uint_eq(si->response_headers, 1);
	ck_assert_uint_eq(si->response_data, 24);
	ck_assert(si->request_end && si->response_end && !si->open_at_end);
}
END_TEST

/* ---- RFC 7541 Appendix C --------------------------------------------- */

/* The dynamic table of direction `dir`'s decoder, in RFC 7541 §4.1 bytes
 * (a peek at private state: the RFC states it after each block). */
static size_t table_size(int dir)
{
	return nghttp2_hd_inflate_get_dynamic_table_size(conn.side[dir].inflater);
}

/* Feeds the segments one by one, checking the table after the i-th of
 * them against sizes[i] (0: not checked). */
static void run_checking_tables(struct seen *s, const struct conv *cv, int dir,
				const size_t *sizes)
{
	unsigned rnd = 0;
	start(s, cv);
	for (size_t i = 0; i < cv->nseg; i++) {
		feed(s, cv, i, CUT_BYTES, &rnd);
		if (sizes[i] != 0)
			ck_assert_msg(table_size(dir) == sizes[i], "segment %zu: table %zu, not %zu",
				      i, table_size(dir), sizes[i]);
	}
	h2_conn_release(&conn);
}

static void conv_requests(struct conv *cv, const uint8_t *b1, size_t n1, const uint8_t *b2,
			  size_t n2, const uint8_t *b3, size_t n3)
{
	conv_start(cv);
	uint8_t flags = H2_FLAG_END_STREAM | H2_FLAG_END_HEADERS;
	conv_frame(cv, H2_CLIENT, H2_HEADERS, flags, 1, b1, n1);
	conv_frame(cv, H2_CLIENT, H2_HEADERS, flags, 3, b2, n2);
	conv_frame(cv, H2_CLIENT, H2_HEADERS, flags, 5, b3, n3);
}

static void assert_c3_requests(const struct seen *s)
{
	ck_assert_msg(s->nerr == 0 && s->nframes == 5 && s->nblocks == 3, "%s", s->log);
	const struct h2_header_block *b = &s->blocks[0];
	ck_assert(b->decoded);
	ck_assert_uint_eq(b->nfields, 4);
	assert_field(b, 0, ":method", "GET");
	assert_field(b, 1, ":scheme", "http");
	assert_field(b, 2, ":path", "/");
	assert_field(b, 3, ":authority", "www.example.com");
	b = &s->blocks[1];
	ck_assert_uint_eq(b->nfields, 5);
	assert_field(b, 0, ":method", "GET");
	assert_field(b, 1, ":scheme", "http");
	assert_field(b, 2, ":path", "/");
	assert_field(b, 3, ":authority", "www.example.com");
	assert_field(b, 4, "cache-control", "no-cache");
	b = &s->blocks[2];
	ck_assert_uint_eq(b->nfields, 5);
	assert_field(b, 0, ":method", "GET");
	assert_field(b, 1, ":scheme", "https");
	assert_field(b, 2, ":path", "/index.html");
	assert_field(b, 3, ":authority", "www.example.com");
	assert_field(b, 4, "custom-key", "custom-value");
}

/* segments: preface, client SETTINGS, server SETTINGS, three HEADERS */
static const size_t c3_tables[] = { 0, 0, 0, 57, 110, 164 };

START_TEST(rfc7541_c3_requests)
{
	static struct conv cv;
	static struct seen s;
	conv_requests(&cv, c31, sizeof(c31), c32, sizeof(c32), c33, sizeof(c33));
	run_checking_tables(&s, &cv, H2_CLIENT, c3_tables);
	assert_c3_requests(&s);
}
END_TEST

START_TEST(rfc7541_c4_huffman_requests)
{
	static struct conv cv;
	static struct seen s;
	conv_requests(&cv, c41, sizeof(c41), c42, sizeof(c42), c43, sizeof(c43));
	run_checking_tables(&s, &cv, H2_CLIENT, c3_tables);
	assert_c3_requests(&s);
}
END_TEST

/*
 * The responses of C.5 (or C.6) on streams 1, 3, 5, after the client
 * announced SETTINGS_HEADER_TABLE_SIZE 256 and the server acknowledged it:
 * the server's first block then starts with the size update RFC 7541 §4.2
 * requires (the RFC's examples assume the table was 256 from the start).
 */
static void conv_responses(struct conv *cv, const uint8_t *b1, size_t n1, const uint8_t *b2,
			   size_t n2, const uint8_t *b3, size_t n3, bool with_update)
{
	conv_reset(cv, true);
	conv_bytes(cv, H2_CLIENT, preface, 24);
	conv_setting(cv, H2_CLIENT, H2_SETTINGS_HEADER_TABLE_SIZE, 256);
	conv_frame(cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_STREAM | H2_FLAG_END_HEADERS, 1, c31,
		   sizeof(c31));
	conv_frame(cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_STREAM | H2_FLAG_END_HEADERS, 3, c32,
		   sizeof(c32));
	conv_frame(cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_STREAM | H2_FLAG_END_HEADERS, 5, c33,
		   sizeof(c33));
	conv_frame(cv, H2_SERVER, H2_SETTINGS, 0, 0, NULL, 0);
	conv_frame(cv, H2_SERVER, H2_SETTINGS, H2_FLAG_ACK, 0, NULL, 0);
	uint8_t first[128];
	size_t pre = with_update ? sizeof(table_256) : 0;
	memcpy(first, table_256, pre);
	memcpy(first + pre, b1, n1);
	uint8_t flags = H2_FLAG_END_STREAM | H2_FLAG_END_HEADERS;
	conv_frame(cv, H2_SERVER, H2_HEADERS, flags, 1, first, pre + n1);
	conv_frame(cv, H2_SERVER, H2_HEADERS, flags, 3, b2, n2);
	conv_frame(cv, H2_SERVER, H2_HEADERS, flags, 5, b3, n3);
}

static void assert_c5_responses(const struct seen *s)
{
	ck_assert_msg(s->nerr == 0 && s->nblocks == 6, "%s", s->log);
	const struct h2_header_block *b = &s->blocks[3];
	ck_assert(b->decoded);
	ck_assert_uint_eq(b->nfields, 4);
	assert_field(b, 0, ":status", "302");
	assert_field(b, 1, "cache-control", "private");
	assert_field(b, 2, "date", "Mon, 21 Oct 2013 20:13:21 GMT");
	assert_field(b, 3, "location", "https://www.example.com");
	b = &s->blocks[4];
	ck_assert_uint_eq(b->nfields, 4);
	assert_field(b, 0, ":status", "307");
	assert_field(b, 1, "cache-control", "private");
	assert_field(b, 2, "date", "Mon, 21 Oct 2013 20:13:21 GMT");
	assert_field(b, 3, "location", "https://www.example.com");
	b = &s->blocks[5];
	ck_assert_uint_eq(b->nfields, 6);
	assert_field(b, 0, ":status", "200");
	assert_field(b, 1, "cache-control", "private");
	assert_field(b, 2, "date", "Mon, 21 Oct 2013 20:13:22 GMT");
	assert_field(b, 3, "location", "https://www.example.com");
	assert_field(b, 4, "content-encoding", "gzip");
	assert_field(b, 5, "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
	/* each stream paired with its status */
	ck_assert_int_eq(s->nstreams, 3);
	static const uint16_t status[] = { 302, 307, 200 };
	static const char *const paths[] = { "/", "/", "/index.html" };
	for (int i = 0; i < 3; i++) {
		ck_assert_uint_eq(s->streams[i].id, (uint32_t)(2 * i + 1));
		ck_assert_uint_eq(s->streams[i].status, status[i]);
		ck_assert_str_eq(s->streams[i].path, paths[i]);
		ck_assert_str_eq(s->streams[i].authority, "www.example.com");
	}
}

/* segments: preface, SETTINGS, 3 requests, SETTINGS, ACK, 3 responses */
static const size_t c5_tables[] = { 0, 0, 0, 0, 0, 0, 0, 222, 222, 215 };

START_TEST(rfc7541_c5_responses_evict)
{
	static struct conv cv;
	static struct seen s;
	conv_responses(&cv, c51, sizeof(c51), c52, sizeof(c52), c53, sizeof(c53), true);
	run_checking_tables(&s, &cv, H2_SERVER, c5_tables);
	assert_c5_responses(&s);
}
END_TEST

START_TEST(rfc7541_c6_huffman_responses_evict)
{
	static struct conv cv;
	static struct seen s;
	conv_responses(&cv, c61, sizeof(c61), c62, sizeof(c62), c63, sizeof(c63), true);
	run_checking_tables(&s, &cv, H2_SERVER, c5_tables);
	assert_c5_responses(&s);
}
END_TEST

/*
 * Without the size update after the ACK of a smaller table, the encoder
 * broke RFC 7541 §4.2: the blocks are reported as not decoded (never with
 * values read from the wrong table), and so are the ones after them.
 */
START_TEST(table_shrink_needs_update)
{
	static struct conv cv;
	static struct seen s;
	conv_responses(&cv, c51, sizeof(c51), c52, sizeof(c52), c53, sizeof(c53), false);
	run(&s, &cv, CUT_MERGED, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nblocks == 6, "%s", s.log);
	for (int i = 3; i < 6; i++) {
		ck_assert(!s.blocks[i].decoded);
		ck_assert_uint_eq(s.blocks[i].nfields, 0);
	}
	ck_assert_int_eq(s.nstreams, 3);
	ck_assert(s.streams[0].headers_lost);
	ck_assert_uint_eq(s.streams[0].status, 0);
	ck_assert_str_eq(s.streams[0].method, "GET");	/* the client's side is fine */
}
END_TEST

/*
 * The table may grow up to what the decoder's side announced, capped at
 * H2_HEADER_TABLE_CAP: an update to 65536 after SETTINGS_HEADER_TABLE_SIZE
 * 2^20 is accepted, one to 65537 is not.
 */
START_TEST(table_size_capped)
{
	static struct conv cv;
	static struct seen s;
	/* dynamic table size updates (RFC 7541 §6.3): 65536, 65537 */
	static const uint8_t up65536[] = { 0x3f, 0xe1, 0xff, 0x03, 0x88 };
	static const uint8_t up65537[] = { 0x3f, 0xe2, 0xff, 0x03, 0x88 };
	for (int k = 0; k < 2; k++) {
		conv_start(&cv);
		conv_setting(&cv, H2_CLIENT, H2_SETTINGS_HEADER_TABLE_SIZE, 1u << 20);
		conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 1,
			   c31, sizeof(c31));
		conv_frame(&cv, H2_SERVER, H2_SETTINGS, H2_FLAG_ACK, 0, NULL, 0);
		conv_frame(&cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 1,
			   k == 0 ? up65536 : up65537, 5);
		run(&s, &cv, CUT_SEGMENTS, 0, true);
		ck_assert_msg(s.nblocks == 2, "%s", s.log);
		ck_assert_msg(s.blocks[1].decoded == (k == 0), "%s", s.log);
		ck_assert_uint_eq(s.streams[0].status, k == 0 ? 200 : 0);
	}
}
END_TEST

/* ---- frames and their arithmetic ------------------------------------- */

/* :method GET, :scheme http, :path / (static table: 2, 6, 4) */
static const uint8_t get_root[] = { 0x82, 0x86, 0x84 };
static const uint8_t status_200[] = { 0x88 };
static const uint8_t status_404[] = { 0x8d };

/*
 * Windows (RFC 9113 §6.9): the client's DATA uses its connection and
 * stream windows; the server's SETTINGS_INITIAL_WINDOW_SIZE 16 moves the
 * open stream's window by 16 - 65535 (§6.9.2) and leaves the connection's
 * alone; the next DATA goes below zero (flagged); WINDOW_UPDATE grows
 * them back.
 */
static void conv_windows(struct conv *cv)
{
	static uint8_t data[60];
	conv_reset(cv, true);
	conv_bytes(cv, H2_CLIENT, preface, 24);
	conv_setting(cv, H2_CLIENT, H2_SETTINGS_INITIAL_WINDOW_SIZE, 100);	/* 1 */
	conv_frame(cv, H2_SERVER, H2_SETTINGS, 0, 0, NULL, 0);			/* 2 */
	conv_frame(cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 1, get_root, 3);	/* 3 */
	conv_frame(cv, H2_CLIENT, H2_DATA, 0, 1, data, 30);				/* 4 */
	conv_setting(cv, H2_SERVER, H2_SETTINGS_INITIAL_WINDOW_SIZE, 16);	/* 5 */
	conv_frame(cv, H2_CLIENT, H2_DATA, H2_FLAG_END_STREAM, 1, data, 10);	/* 6 */
	conv_window_update(cv, H2_SERVER, 1, 100);				/* 7 */
	conv_window_update(cv, H2_SERVER, 0, 1000);				/* 8 */
	conv_frame(cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS, 1, status_200, 1);	/* 9 */
	conv_frame(cv, H2_SERVER, H2_DATA, 0, 1, data, 60);			/* 10 */
	conv_frame(cv, H2_SERVER, H2_DATA, 0, 1, data, 50);			/* 11 */
	conv_setting(cv, H2_CLIENT, H2_SETTINGS_INITIAL_WINDOW_SIZE, 200);	/* 12 */
	conv_frame(cv, H2_SERVER, H2_DATA, H2_FLAG_END_STREAM, 1, data, 5);	/* 13 */
	conv_window_update(cv, H2_CLIENT, 9, 5);	/* 14: a stream not tracked */
	conv_window_update(cv, H2_CLIENT, 0, 0x7fffffff);	/* 15: too far */
}

static void assert_data(const struct h2_frame *f, int64_t cb, int64_t ca, int64_t sb, int64_t sa,
			bool exceeded)
{
	ck_assert_uint_eq(f->type, H2_DATA);
	ck_assert_int_eq(f->u.data.conn_window_before, cb);
	ck_assert_int_eq(f->u.data.conn_window_after, ca);
	ck_assert(f->u.data.stream_window_known);
	ck_assert_int_eq(f->u.data.stream_window_before, sb);
	ck_assert_int_eq(f->u.data.stream_window_after, sa);
	ck_assert(f->u.data.window_exceeded == exceeded);
	ck_assert((f->problem != NULL) == exceeded);
}

static void assert_update(const struct h2_frame *f, bool known, int64_t before, int64_t after)
{
	ck_assert_uint_eq(f->type, H2_WINDOW_UPDATE);
	ck_assert(f->u.window_update.window_known == known);
	ck_assert_int_eq(f->u.window_update.window_before, before);
	ck_assert_int_eq(f->u.window_update.window_after, after);
}

START_TEST(settings_and_window_arithmetic)
{
	static struct conv cv;
	static struct seen s;
	conv_windows(&cv);
	run(&s, &cv, CUT_MERGED, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nframes == 15, "%s", s.log);
	/* frame i is segment i + 1 */
	assert_data(&s.frames[3], 65535, 65505, 65535, 65505, false);
	assert_data(&s.frames[5], 65505, 65495, 65505 + 16 - 65535, -24, true);
	ck_assert_str_eq(s.frames[5].problem, "DATA beyond the flow-control window");
	ck_assert_uint_eq(s.frames[5].problem_error, H2_FLOW_CONTROL_ERROR);
	assert_update(&s.frames[6], true, -24, 76);
	assert_update(&s.frames[7], true, 65495, 66495);
	/* the server's stream window started at the client's 100 */
	assert_data(&s.frames[9], 65535, 65475, 100, 40, false);
	assert_data(&s.frames[10], 65475, 65425, 40, -10, true);
	/* 200 - 100 more for the open stream */
	assert_data(&s.frames[12], 65425, 65420, 90, 85, false);
	assert_update(&s.frames[13], false, 0, 0);
}
END_TEST

/* The same, through the last WINDOW_UPDATE, which is over 2^31-1. */
START_TEST(window_over_limit)
{
	static struct conv cv;
	static struct seen s;
	conv_windows(&cv);
	run(&s, &cv, CUT_MERGED, 0, true);
	const struct h2_frame *f = &s.frames[14];
	ck_assert_int_eq(f->u.window_update.window_before, 65420);
	ck_assert_int_eq(f->u.window_update.window_after, 65420 + 0x7fffffffLL);
	ck_assert(f->u.window_update.window_exceeded);
	ck_assert_str_eq(f->problem, "window over 2^31-1");
	ck_assert_str_eq(h2_error_name(f->problem_error), "FLOW_CONTROL_ERROR");
}
END_TEST

/*
 * C.4.1 in three frames (§6.10), cut inside the Huffman string of
 * :authority: HEADERS with END_STREAM, CONTINUATION, CONTINUATION with
 * END_HEADERS.  Each frame is reported; the block, on the last one.
 */
static void conv_continuation(struct conv *cv)
{
	conv_start(cv);
	conv_frame(cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_STREAM, 1, c41, 6);
	conv_frame(cv, H2_CLIENT, H2_CONTINUATION, 0, 1, c41 + 6, 5);
	conv_frame(cv, H2_CLIENT, H2_CONTINUATION, H2_FLAG_END_HEADERS, 1, c41 + 11,
		   sizeof(c41) - 11);
	conv_frame(cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 1,
		   status_404, 1);
}

START_TEST(headers_continuation)
{
	static struct conv cv;
	static struct seen s;
	conv_continuation(&cv);
	run(&s, &cv, CUT_BYTES, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nframes == 6, "%s", s.log);
	ck_assert_uint_eq(s.frames[2].type, H2_HEADERS);
	ck_assert(s.frames[2].u.headers.end_stream && !s.frames[2].u.headers.end_headers);
	ck_assert_int_eq(s.frame_block[2], -1);
	ck_assert_uint_eq(s.frames[3].type, H2_CONTINUATION);
	ck_assert_int_eq(s.frame_block[3], -1);
	ck_assert_uint_eq(s.frames[4].type, H2_CONTINUATION);
	ck_assert(s.frames[4].u.headers.end_headers);
	ck_assert_uint_eq(s.frames[4].u.headers.fragment_len, sizeof(c41) - 11);
	const struct h2_header_block *b = block_of(&s, 4);
	ck_assert(b->decoded && b->end_stream);
	ck_assert_uint_eq(b->type, H2_HEADERS);
	ck_assert_uint_eq(b->frames, 3);
	ck_assert_uint_eq(b->fragment_len, sizeof(c41));
	assert_field(b, 3, ":authority", "www.example.com");
	ck_assert_int_eq(s.nstreams, 1);
	ck_assert_uint_eq(s.streams[0].status, 404);
	ck_assert(s.streams[0].request_end);
	ck_assert_uint_eq(s.streams[0].request_headers, 1);
}
END_TEST

/* A frame between HEADERS and its CONTINUATION breaks the block (§6.10):
 * flagged, and the direction's HPACK is lost from then on. */
START_TEST(continuation_interrupted)
{
	static struct conv cv;
	static struct seen s;
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, 0, 1, c41, 6);
	conv_window_update(&cv, H2_CLIENT, 0, 10);
	conv_frame(&cv, H2_CLIENT, H2_CONTINUATION, H2_FLAG_END_HEADERS, 1, c41 + 6,
		   sizeof(c41) - 6);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 3, c31, sizeof(c31));
	run(&s, &cv, CUT_SEGMENTS, 0, false);
	ck_assert_msg(s.nerr == 0 && s.nframes == 6, "%s", s.log);
	ck_assert_str_eq(s.frames[3].problem, "frame inside a header block");
	ck_assert_str_eq(s.frames[4].problem, "CONTINUATION without a header block");
	ck_assert_int_eq(s.frame_block[4], -1);
	const struct h2_header_block *b = block_of(&s, 5);
	ck_assert(!b->decoded);
	ck_assert_uint_eq(b->kept, 0);
}
END_TEST

/*
 * Padding (§6.1, §6.2): DATA with 5 bytes of padding after 10 of data
 * uses all 16 bytes of window; HEADERS with PADDED and PRIORITY reads
 * Pad Length, the priority fields (§6.2: E, dependency, weight - 1),
 * the fragment and skips the padding.
 */
START_TEST(padded_frames)
{
	static struct conv cv;
	static struct seen s;
	/* Pad Length 3; E=1, depends on 0, weight 16 (15 + 1); block; padding */
	static const uint8_t headers[] = {
		0x03, 0x80, 0x00, 0x00, 0x00, 0x0f, 0x82, 0x86, 0x84, 0x00, 0x00, 0x00,
	};
	/* Pad Length 5; 10 bytes of data; 5 bytes of padding */
	static const uint8_t data[] = {
		0x05, 'h', 'e', 'l', 'l', 'o', ' ', 'h', '2', '!', '\n', 0, 0, 0, 0, 0,
	};
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS,
		   H2_FLAG_END_HEADERS | H2_FLAG_PADDED | H2_FLAG_PRIORITY, 1, headers,
		   sizeof(headers));
	conv_frame(&cv, H2_CLIENT, H2_DATA, H2_FLAG_END_STREAM | H2_FLAG_PADDED, 1, data,
		   sizeof(data));
	run(&s, &cv, CUT_BYTES, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nframes == 4, "%s", s.log);
	const struct h2_headers_info *h = &s.frames[2].u.headers;
	ck_assert(h->padded && h->has_priority && h->exclusive);
	ck_assert_uint_eq(h->pad_len, 3);
	ck_assert_uint_eq(h->dependency, 0);
	ck_assert_uint_eq(h->weight, 16);
	ck_assert_uint_eq(h->fragment_len, 3);
	ck_assert(block_of(&s, 2)->decoded);
	const struct h2_data_info *di = &s.frames[3].u.data;
	ck_assert(di->padded && di->end_stream);
	ck_assert_uint_eq(di->pad_len, 5);
	ck_assert_uint_eq(di->data_len, 10);
	ck_assert_int_eq(di->conn_window_after, 65535 - 16);
	ck_assert_int_eq(di->stream_window_after, 65535 - 16);
	ck_assert_uint_eq(s.streams[0].request_data, 10);
	ck_assert(s.streams[0].open_at_end);	/* the server never answered */
}
END_TEST

/* Padding longer than the payload (§6.1: a PROTOCOL_ERROR). */
START_TEST(padding_too_long)
{
	static struct conv cv;
	static struct seen s;
	static const uint8_t data[] = { 0x09, 'x', 'y', 0, 0 };
	static const uint8_t headers[] = { 0x04, 0x82, 0x86 };
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_DATA, H2_FLAG_PADDED, 1, data, sizeof(data));
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_PADDED | H2_FLAG_END_HEADERS, 1, headers,
		   sizeof(headers));
	conv_frame(&cv, H2_CLIENT, H2_DATA, H2_FLAG_PADDED, 1, NULL, 0);
	run(&s, &cv, CUT_SEGMENTS, 0, false);
	ck_assert_msg(s.nerr == 0 && s.nframes == 5, "%s", s.log);
	ck_assert_str_eq(s.frames[2].problem, "padding exceeds the payload");
	ck_assert_uint_eq(s.frames[2].u.data.data_len, 0);
	ck_assert_str_eq(s.frames[3].problem, "padding exceeds the payload");
	ck_assert(!block_of(&s, 3)->decoded);
	ck_assert_str_eq(s.frames[4].problem, "PADDED frame without a Pad Length");
}
END_TEST

/* RST_STREAM (§6.4) closes a stream at once; GOAWAY (§6.8) carries an
 * error and debug data, of which the first 64 bytes are kept. */
START_TEST(rst_stream_and_goaway)
{
	static struct conv cv;
	static struct seen s;
	uint8_t rst[4], goaway[8 + 100];
	put32(rst, H2_CANCEL);
	put32(goaway, 1);
	put32(goaway + 4, H2_ENHANCE_YOUR_CALM);
	for (int i = 0; i < 100; i++)
		goaway[8 + i] = (uint8_t)('a' + i % 26);
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 1, get_root, 3);
	conv_frame(&cv, H2_CLIENT, H2_RST_STREAM, 0, 1, rst, 4);
	conv_frame(&cv, H2_SERVER, H2_GOAWAY, 0, 0, goaway, sizeof(goaway));
	run(&s, &cv, CUT_BYTES, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nframes == 5, "%s", s.log);
	ck_assert_uint_eq(s.frames[3].u.rst_stream.error_code, H2_CANCEL);
	ck_assert_str_eq(h2_error_name(s.frames[3].u.rst_stream.error_code), "CANCEL");
	ck_assert_int_eq(s.nstreams, 1);
	ck_assert(s.streams[0].reset && !s.streams[0].open_at_end);
	ck_assert_uint_eq(s.streams[0].reset_dir, H2_CLIENT);
	ck_assert_uint_eq(s.streams[0].reset_error, H2_CANCEL);
	/* the stream was reported with the RST_STREAM, before the GOAWAY */
	ck_assert_ptr_nonnull(strstr(s.log, "S1 GET / "));
	ck_assert(strstr(s.log, "S1 GET") < strstr(s.log, "GOAWAY"));
	const struct h2_goaway_info *g = &s.frames[4].u.goaway;
	ck_assert_uint_eq(g->last_stream_id, 1);
	ck_assert_uint_eq(g->error_code, H2_ENHANCE_YOUR_CALM);
	ck_assert_str_eq(h2_error_name(g->error_code), "ENHANCE_YOUR_CALM");
	ck_assert_uint_eq(g->debug_len, 100);
	ck_assert_uint_eq(g->debug_kept, H2_DEBUG_KEPT);
	ck_assert(memcmp(g->debug, goaway + 8, H2_DEBUG_KEPT) == 0);
}
END_TEST

/*
 * GET /x answered 404 with a body: the stream pairs the request's
 * :method, :path and :authority with the response's :status.
 */
static void conv_get_404(struct conv *cv)
{
	/* :method GET; :path /x (literal without indexing, name 4); :scheme
	 * http; :authority example.org (incremental indexing, name 1) */
	static const uint8_t req[] = {
		0x82, 0x04, 0x02, '/', 'x', 0x86, 0x41, 0x0b, 'e', 'x', 'a', 'm', 'p', 'l',
		'e', '.', 'o', 'r', 'g',
	};
	conv_start(cv);
	conv_frame(cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 1, req,
		   sizeof(req));
	conv_frame(cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS, 1, status_404, 1);
	conv_frame(cv, H2_SERVER, H2_DATA, H2_FLAG_END_STREAM, 1, "not found", 9);
}

START_TEST(stream_get_404)
{
	static struct conv cv;
	static struct seen s;
	conv_get_404(&cv);
	run(&s, &cv, CUT_MERGED, 0, false);
	ck_assert_msg(s.nerr == 0 && s.nstreams == 1, "%s", s.log);
	const struct h2_stream_info *si = &s.streams[0];
	ck_assert_uint_eq(si->id, 1);
	ck_assert_str_eq(si->method, "GET");
	ck_assert_str_eq(si->path, "/x");
	ck_assert_str_eq(si->authority, "example.org");
	ck_assert_uint_eq(si->status, 404);
	ck_assert_uint_eq(si->response_data, 9);
	ck_assert(si->request_end && si->response_end && !si->open_at_end);
}
END_TEST

/* The server pushes stream 2 from stream 1 (§8.4). */
START_TEST(push_promise)
{
	static struct conv cv;
	static struct seen s;
	/* promised stream 2; :method GET, :scheme http, :path /index.html (5) */
	static const uint8_t promise[] = { 0x00, 0x00, 0x00, 0x02, 0x82, 0x86, 0x85 };
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 1,
		   get_root, 3);
	conv_frame(&cv, H2_SERVER, H2_PUSH_PROMISE, H2_FLAG_END_HEADERS, 1, promise,
		   sizeof(promise));
	conv_frame(&cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS, 1, status_200, 1);
	conv_frame(&cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS, 2, status_200, 1);
	conv_frame(&cv, H2_SERVER, H2_DATA, H2_FLAG_END_STREAM, 2, "<html>", 6);
	conv_frame(&cv, H2_SERVER, H2_DATA, H2_FLAG_END_STREAM, 1, "/", 1);
	run(&s, &cv, CUT_SEGMENTS, 0, false);
	ck_assert_msg(s.nerr == 0 && s.nstreams == 2, "%s", s.log);
	ck_assert_uint_eq(s.frames[3].u.headers.promised_stream, 2);
	const struct h2_header_block *b = block_of(&s, 3);
	ck_assert_uint_eq(b->type, H2_PUSH_PROMISE);
	ck_assert_uint_eq(b->promised_stream, 2);
	const struct h2_stream_info *si = &s.streams[0];
	ck_assert_uint_eq(si->id, 2);
	ck_assert(si->pushed && si->request_end && si->response_end);
	ck_assert_str_eq(si->path, "/index.html");
	ck_assert_uint_eq(si->status, 200);
	ck_assert_uint_eq(si->response_data, 6);
	ck_assert_uint_eq(s.streams[1].id, 1);
	ck_assert(!s.streams[1].pushed);
}
END_TEST

/* ---- the same however it is cut -------------------------------------- */

typedef void (*conv_fn)(struct conv *);

static void conv_upgrade(struct conv *cv)
{
	conv_reset(cv, true);
	cv->up_method = "GET";
	cv->up_path = "/hello.txt";
	conv_bytes(cv, H2_SERVER, up_s1, sizeof(up_s1));
	conv_bytes(cv, H2_CLIENT, pk_c1, sizeof(pk_c1));
	conv_bytes(cv, H2_SERVER, pk_s2, sizeof(pk_s2));
	conv_bytes(cv, H2_SERVER, up_s3, sizeof(up_s3));
}

static void conv_c6(struct conv *cv)
{
	conv_responses(cv, c61, sizeof(c61), c62, sizeof(c62), c63, sizeof(c63), true);
}

static void conv_gaps(struct conv *cv)
{
	conv_get_404(cv);
	size_t data = cv->seg[--cv->nseg].off;	/* the DATA, with 4 of its 9 bytes lost */
	conv_bytes(cv, H2_SERVER, cv->buf + data, 12);
	conv_gap(cv, H2_SERVER, 4);
	conv_bytes(cv, H2_SERVER, cv->buf + data + 16, 2);
}

static const conv_fn convs[] = {
	conv_prior_knowledge, conv_upgrade, conv_c6, conv_windows, conv_continuation,
	conv_get_404, conv_gaps,
};
#define NCONVS (sizeof(convs) / sizeof(convs[0]))

/* Whole, segment by segment, byte by byte and in random pieces: the same
 * callbacks, in the same order. */
START_TEST(every_cut_same)
{
	static struct conv cv;
	static struct seen whole, cut;
	static char a[sizeof(whole.log)], b[sizeof(whole.log)];
	convs[_i](&cv);
	run(&whole, &cv, CUT_MERGED, 0, true);
	ck_assert_msg(whole.nframes > 3 && whole.nstreams > 0, "%s", whole.log);
	strip_offsets(a, sizeof(a), whole.log);
	for (unsigned k = 0; k < 12; k++) {
		enum cut c = k == 0 ? CUT_SEGMENTS : k == 1 ? CUT_BYTES : CUT_RANDOM;
		run(&cut, &cv, c, k * 7919u + 1, true);
		strip_offsets(b, sizeof(b), cut.log);
		ck_assert_msg(strcmp(a, b) == 0, "conversation %d cut %u:\n%s\nvs\n%s", _i, k, b, a);
	}
}
END_TEST

/* A stream is cut in two at every byte of each segment: the same. */
START_TEST(every_split_point_same)
{
	static struct conv cv;
	static struct seen whole, cut;
	static char a[sizeof(whole.log)], b[sizeof(whole.log)];
	conv_prior_knowledge(&cv);
	run(&whole, &cv, CUT_SEGMENTS, 0, true);
	strip_offsets(a, sizeof(a), whole.log);
	for (size_t i = 0; i < cv.nseg; i++) {
		for (size_t k = 1; k < cv.seg[i].len; k++) {
			start(&cut, &cv);
			unsigned rnd = 0;
			for (size_t j = 0; j < cv.nseg; j++) {
				const struct seg *g = &cv.seg[j];
				if (j != i) {
					feed(&cut, &cv, j, CUT_SEGMENTS, &rnd);
					continue;
				}
				h2_feed(&conn, g->dir, cv.buf + g->off, k, &cbs, &cut);
				h2_feed(&conn, g->dir, cv.buf + g->off + k, g->len - k, &cbs, &cut);
			}
			h2_eof(&conn, H2_CLIENT, &cbs, &cut);
			h2_eof(&conn, H2_SERVER, &cbs, &cut);
			h2_conn_release(&conn);
			strip_offsets(b, sizeof(b), cut.log);
			ck_assert_msg(strcmp(a, b) == 0, "segment %zu cut at %zu:\n%s", i, k, b);
		}
	}
}
END_TEST

/* ---- gaps ------------------------------------------------------------ */

/* Inside DATA, lost bytes are counted and the framing goes on. */
START_TEST(gap_inside_data)
{
	static struct conv cv;
	static struct seen s;
	conv_gaps(&cv);
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nstreams == 1, "%s", s.log);
	const struct h2_frame *f = &s.frames[s.nframes - 1];
	ck_assert_uint_eq(f->type, H2_DATA);
	ck_assert_uint_eq(f->missing, 4);
	ck_assert_uint_eq(f->u.data.data_len, 9);
	ck_assert_uint_eq(f->u.data.data_missing, 4);
	ck_assert(f->u.data.end_stream);
	ck_assert_uint_eq(s.streams[0].response_data, 9);
	ck_assert_uint_eq(s.streams[0].response_missing, 4);
	ck_assert(s.streams[0].response_end && !s.streams[0].open_at_end);
}
END_TEST

/* A gap running past the DATA into the next frame header loses the
 * framing: that direction stops, the other goes on.  The DATA frame itself
 * did end, END_STREAM and all, before the framing was lost. */
START_TEST(gap_past_data)
{
	static struct conv cv;
	static struct seen s;
	conv_get_404(&cv);
	size_t data = cv.seg[--cv.nseg].off;	/* 3 of the DATA's 9 bytes, then 7 lost */
	conv_bytes(&cv, H2_SERVER, cv.buf + data, 12);
	conv_gap(&cv, H2_SERVER, 7);
	conv_frame(&cv, H2_CLIENT, H2_PING, 0, 0, "12345678", 8);
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.err_dir[0], H2_SERVER);
	ck_assert_str_eq(s.err[0], "gap in a frame header");
	ck_assert_uint_eq(s.frames[s.nframes - 1].type, H2_PING);
	ck_assert_uint_eq(s.frames[s.nframes - 2].u.data.data_missing, 6);
	ck_assert_int_eq(s.nstreams, 1);
	ck_assert(!s.streams[0].open_at_end && s.streams[0].response_end);
	ck_assert_uint_eq(s.streams[0].response_missing, 6);
	ck_assert(strstr(s.log, "S1 ") < strstr(s.log, "E1 gap"));
}
END_TEST

/*
 * Inside a header block, lost bytes leave that direction's HPACK state
 * unknown (RFC 7541 §2.2): frames are still read, but this block and the
 * later ones are reported as not decoded, never with guessed values.
 */
START_TEST(gap_inside_header_block)
{
	static struct conv cv;
	static struct seen s;
	conv_requests(&cv, c31, sizeof(c31), c32, sizeof(c32), c33, sizeof(c33));
	/* stream 1's HEADERS: header and 5 bytes, 6 lost, the rest */
	struct seg h1 = cv.seg[3];
	cv.seg[3] = (struct seg){ H2_CLIENT, false, h1.off, 14 };
	memmove(&cv.seg[6], &cv.seg[4], 2 * sizeof(struct seg));
	cv.seg[4] = (struct seg){ H2_CLIENT, true, 0, 6 };
	cv.seg[5] = (struct seg){ H2_CLIENT, false, h1.off + 20, h1.len - 20 };
	cv.nseg = 8;
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nblocks == 3, "%s", s.log);
	ck_assert_uint_eq(s.frames[2].missing, 6);
	ck_assert_uint_eq(s.frames[2].u.headers.fragment_len, sizeof(c31));
	for (int i = 0; i < 3; i++) {
		ck_assert(!s.blocks[i].decoded);
		ck_assert_uint_eq(s.blocks[i].kept, 0);
	}
	ck_assert_int_eq(s.nstreams, 3);
	ck_assert(s.streams[0].headers_lost);
	ck_assert_str_eq(s.streams[2].method, "");
}
END_TEST

START_TEST(gap_elsewhere)
{
	static struct conv cv;
	static struct seen s;
	/* in the preface */
	conv_reset(&cv, true);
	conv_bytes(&cv, H2_CLIENT, preface, 10);
	conv_gap(&cv, H2_CLIENT, 14);
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_str_eq(s.err[0], "gap in the connection preface");
	/* in a SETTINGS frame's entries */
	conv_start(&cv);
	conv_bytes(&cv, H2_SERVER, "\0\0\x0c\x04\0\0\0\0\0\0\x04", 11);
	conv_gap(&cv, H2_SERVER, 4);
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.err_dir[0], H2_SERVER);
	ck_assert_str_eq(s.err[0], "gap in a control frame");
	/* in a frame header */
	conv_start(&cv);
	conv_bytes(&cv, H2_CLIENT, "\0\0", 2);
	conv_gap(&cv, H2_CLIENT, 1);
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_str_eq(s.err[0], "gap in a frame header");
	/* in an unknown frame type's payload: skipped anyway */
	conv_start(&cv);
	conv_bytes(&cv, H2_CLIENT, "\0\0\x05\xfa\0\0\0\0\0\x01", 10);
	conv_gap(&cv, H2_CLIENT, 4);
	conv_frame(&cv, H2_CLIENT, H2_PING, 0, 0, "abcdefgh", 8);
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nframes == 4, "%s", s.log);
	ck_assert_uint_eq(s.frames[2].type, 0xfa);
	ck_assert_uint_eq(s.frames[2].missing, 4);
}
END_TEST

/* ---- refusals -------------------------------------------------------- */

/* An HTTP/1.1 request is refused at its first byte (§3.4). */
START_TEST(bad_preface)
{
	static struct conv cv;
	static struct seen s;
	conv_reset(&cv, true);
	conv_bytes(&cv, H2_CLIENT, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27);
	run(&s, &cv, CUT_BYTES, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.err_dir[0], H2_CLIENT);
	ck_assert_str_eq(s.err[0], "not HTTP/2: bad connection preface");
	ck_assert_ptr_nonnull(strstr(s.log, "@1 E0 not HTTP/2"));
	/* "PRI * HTTP/1.1": refused at the '1' */
	conv_reset(&cv, true);
	conv_bytes(&cv, H2_CLIENT, "PRI * HTTP/1.1\r\n", 16);
	run(&s, &cv, CUT_BYTES, 0, true);
	ck_assert_ptr_nonnull(strstr(s.log, "@12 E0 not HTTP/2"));
	/* A server answering in HTTP/1.1: its first frame is not SETTINGS */
	conv_reset(&cv, true);
	conv_bytes(&cv, H2_SERVER, "HTTP/1.1 400 Bad Request\r\n", 26);
	run(&s, &cv, CUT_MERGED, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.err_dir[0], H2_SERVER);
	ck_assert_str_eq(s.err[0], "not HTTP/2: the first frame is not SETTINGS");
	/* Cut short: the end of the preface never came. */
	conv_reset(&cv, true);
	conv_bytes(&cv, H2_CLIENT, preface, 20);
	run(&s, &cv, CUT_MERGED, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_str_eq(s.err[0], "stream ended inside the connection preface");
}
END_TEST

/*
 * §4.2: a frame over the receiver's SETTINGS_MAX_FRAME_SIZE (16384 until
 * it says otherwise) stops the direction; after the server's 32768, a
 * 16385-byte frame is fine.
 */
START_TEST(frame_too_large)
{
	static struct conv cv;
	static struct seen s;
	static uint8_t big[16385];
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 1, get_root, 3);
	conv_frame(&cv, H2_CLIENT, H2_DATA, 0, 1, big, sizeof(big));
	run(&s, &cv, CUT_MERGED, 0, true);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_int_eq(s.err_dir[0], H2_CLIENT);
	ck_assert_str_eq(s.err[0], "frame larger than SETTINGS_MAX_FRAME_SIZE");
	ck_assert_int_eq(s.nframes, 3);
	ck_assert_int_eq(s.nstreams, 1);
	ck_assert(s.streams[0].open_at_end);

	conv_start(&cv);
	conv_setting(&cv, H2_SERVER, H2_SETTINGS_MAX_FRAME_SIZE, 32768);
	conv_setting(&cv, H2_SERVER, H2_SETTINGS_MAX_FRAME_SIZE, 100);	/* ignored */
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 1, get_root, 3);
	conv_frame(&cv, H2_CLIENT, H2_DATA, 0, 1, big, sizeof(big));
	run(&s, &cv, CUT_MERGED, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nframes == 6, "%s", s.log);
	ck_assert_str_eq(s.frames[3].problem, "SETTINGS_MAX_FRAME_SIZE out of range");
	ck_assert_uint_eq(s.frames[5].u.data.data_len, sizeof(big));
}
END_TEST

/* Control frames of the wrong length or on the wrong stream are read,
 * reported with the problem, and change nothing. */
START_TEST(malformed_control_frames)
{
	static struct conv cv;
	static struct seen s;
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_PING, 0, 0, "1234567", 7);
	conv_frame(&cv, H2_CLIENT, H2_PING, 0, 3, "12345678", 8);
	conv_frame(&cv, H2_CLIENT, H2_WINDOW_UPDATE, 0, 0, "\0\0\0", 3);
	conv_frame(&cv, H2_CLIENT, H2_WINDOW_UPDATE, 0, 0, "\0\0\0\0", 4);
	conv_frame(&cv, H2_CLIENT, H2_SETTINGS, 0, 0, "\0\x02\0\0\0\x02\0", 7);
	conv_frame(&cv, H2_CLIENT, H2_SETTINGS, H2_FLAG_ACK, 0, "\0\x02\0\0\0\0", 6);
	conv_frame(&cv, H2_CLIENT, H2_RST_STREAM, 0, 0, "\0\0\0\x08", 4);
	conv_frame(&cv, H2_CLIENT, H2_PRIORITY, 0, 1, "\0\0\0\0", 4);
	conv_frame(&cv, H2_CLIENT, H2_GOAWAY, 0, 0, "\0\0\0", 3);
	run(&s, &cv, CUT_BYTES, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nframes == 11, "%s", s.log);
	static const char *const why[] = {
		"PING payload is not 8 bytes", "connection frame on a stream",
		"WINDOW_UPDATE payload is not 4 bytes", "WINDOW_UPDATE increment of 0",
		"SETTINGS payload not a multiple of 6", "SETTINGS ACK with a payload",
		"stream frame on stream 0", "PRIORITY payload is not 5 bytes",
		"GOAWAY payload under 8 bytes",
	};
	for (int i = 0; i < 9; i++)
		ck_assert_str_eq(s.frames[i + 2].problem, why[i]);
	/* the first SETTINGS entry (ENABLE_PUSH 2) is read and refused */
	ck_assert_uint_eq(s.frames[6].u.settings.count, 1);
	ck_assert_uint_eq(s.frames[6].u.settings.entries[0].value, 2);
	ck_assert_uint_eq(s.frames[4].u.window_update.increment, 0);
	ck_assert(!s.frames[4].u.window_update.window_known);
}
END_TEST

/* ---- the end, and bounds --------------------------------------------- */

/*
 * Streams left open are reported, in id order, once both directions have
 * ended; a direction that ends inside a frame says so.
 */
START_TEST(eof_open_streams)
{
	static struct conv cv;
	static struct seen s;
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 5, get_root, 3);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 7,
		   get_root, 3);
	conv_frame(&cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS, 7, status_200, 1);
	conv_bytes(&cv, H2_SERVER, "\0\0\x20\0\0\0\0\0\x07" "abc", 12);
	run(&s, &cv, CUT_MERGED, 0, false);
	ck_assert_int_eq(s.nstreams, 0);
	start(&s, &cv);	/* again, ending one side at a time */
	for (size_t i = 0; i < cv.nseg; i++)
		h2_feed(&conn, cv.seg[i].dir, cv.buf + cv.seg[i].off, cv.seg[i].len, &cbs, &s);
	h2_eof(&conn, H2_CLIENT, &cbs, &s);
	ck_assert_int_eq(s.nstreams, 0);	/* the server may still answer */
	h2_eof(&conn, H2_SERVER, &cbs, &s);
	h2_eof(&conn, H2_SERVER, &cbs, &s);	/* twice: nothing more */
	h2_conn_release(&conn);
	ck_assert_int_eq(s.nerr, 1);
	ck_assert_str_eq(s.err[0], "stream ended inside a frame");
	ck_assert_int_eq(s.nstreams, 2);
	ck_assert_uint_eq(s.streams[0].id, 5);
	ck_assert_uint_eq(s.streams[1].id, 7);
	ck_assert(s.streams[0].open_at_end && s.streams[1].open_at_end);
	ck_assert(!s.streams[0].request_end && s.streams[1].request_end);
	ck_assert_uint_eq(s.streams[1].status, 200);
}
END_TEST

/* At most H2_STREAMS_MAX streams are tracked; the others are counted, and
 * their windows are unknown. */
START_TEST(stream_cap)
{
	static struct conv cv;
	static struct seen s;
	conv_start(&cv);
	for (uint32_t i = 0; i < 300; i++)
		conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 2 * i + 1, get_root, 3);
	conv_frame(&cv, H2_CLIENT, H2_DATA, 0, 599, "x", 1);
	conv_frame(&cv, H2_CLIENT, H2_DATA, 0, 511, "x", 1);
	run(&s, &cv, CUT_MERGED, 0, false);
	ck_assert_uint_eq(conn.streams_seen, 300);
	ck_assert_uint_eq(conn.streams_untracked, 300 - H2_STREAMS_MAX);
	ck_assert(!s.frames[s.nframes - 2].u.data.stream_window_known);
	ck_assert(s.frames[s.nframes - 1].u.data.stream_window_known);
	ck_assert_int_eq(s.frames[s.nframes - 1].u.data.conn_window_after, 65533);
	run(&s, &cv, CUT_MERGED, 0, true);
	ck_assert_int_eq(s.nstreams, H2_STREAMS_MAX);
	ck_assert_uint_eq(s.streams[H2_STREAMS_MAX - 1].id, 2 * H2_STREAMS_MAX - 1);
}
END_TEST

/* Fields are kept cut: a 100-byte name, a 300-byte value, 40 fields. */
START_TEST(fields_cut)
{
	static struct conv cv;
	static struct seen s;
	static uint8_t block[1024];
	size_t n = 0;
	block[n++] = 0x00;	/* literal without indexing, new name */
	block[n++] = 100;
	memset(block + n, 'n', 100), n += 100;
	block[n++] = 0x7f;	/* value length 127 + 173 = 300 */
	block[n++] = 173;
	block[n++] = 0x01;
	memset(block + n, 'v', 300), n += 300;
	for (int i = 0; i < 39; i++)
		block[n++] = 0x82;
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS, 1, block, n);
	run(&s, &cv, CUT_MERGED, 0, false);
	const struct h2_header_block *b = block_of(&s, 2);
	ck_assert(b->decoded);
	ck_assert_uint_eq(b->nfields, 40);
	ck_assert_uint_eq(b->kept, H2_FIELDS_KEPT);
	ck_assert(b->fields[0].name_cut && b->fields[0].value_cut);
	ck_assert_uint_eq(b->fields[0].name_len, H2_NAME_MAX);
	ck_assert_uint_eq(b->fields[0].value_len, H2_VALUE_MAX);
	ck_assert_uint_eq(strlen(b->fields[0].value), H2_VALUE_MAX);
	assert_field(b, 31, ":method", "GET");
}
END_TEST

/* A block HPACK refuses (index 0, RFC 7541 §6.1) is not decoded, and the
 * later blocks of that direction neither; the other direction is fine. */
START_TEST(hpack_error)
{
	static struct conv cv;
	static struct seen s;
	static const uint8_t bad[] = { 0x82, 0x80 };
	conv_start(&cv);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 1, bad,
		   2);
	conv_frame(&cv, H2_CLIENT, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 3,
		   get_root, 3);
	conv_frame(&cv, H2_SERVER, H2_HEADERS, H2_FLAG_END_HEADERS | H2_FLAG_END_STREAM, 1,
		   status_404, 1);
	run(&s, &cv, CUT_SEGMENTS, 0, true);
	ck_assert_msg(s.nerr == 0 && s.nblocks == 3, "%s", s.log);
	ck_assert(!s.blocks[0].decoded && !s.blocks[1].decoded && s.blocks[2].decoded);
	ck_assert_uint_eq(s.streams[0].status, 404);
	ck_assert(s.streams[0].headers_lost);
}
END_TEST

START_TEST(looks_like_preface)
{
	const uint8_t *p = preface;
	ck_assert(!h2_looks_like_preface(p, 0));
	ck_assert(!h2_looks_like_preface(p, 2));
	ck_assert(h2_looks_like_preface(p, 3));
	ck_assert(h2_looks_like_preface(p, 24));
	ck_assert(h2_looks_like_preface(pk_c1, sizeof(pk_c1)));
	ck_assert(!h2_looks_like_preface((const uint8_t *)"PRI * HTTP/1.1", 14));
	ck_assert(!h2_looks_like_preface((const uint8_t *)"GET / HTTP/1.1", 14));
	ck_assert(!h2_looks_like_preface(pk_s1, sizeof(pk_s1)));
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(h2_frame_type_name(H2_DATA), "DATA");
	ck_assert_str_eq(h2_frame_type_name(H2_RST_STREAM), "RST_STREAM");
	ck_assert_str_eq(h2_frame_type_name(H2_WINDOW_UPDATE), "WINDOW_UPDATE");
	ck_assert_str_eq(h2_frame_type_name(H2_CONTINUATION), "CONTINUATION");
	ck_assert_str_eq(h2_frame_type_name(0x10), "PRIORITY_UPDATE");
	ck_assert_ptr_null(h2_frame_type_name(0xb));
	ck_assert_ptr_null(h2_frame_type_name(0xff));
	ck_assert_str_eq(h2_settings_name(1), "SETTINGS_HEADER_TABLE_SIZE");
	ck_assert_str_eq(h2_settings_name(4), "SETTINGS_INITIAL_WINDOW_SIZE");
	ck_assert_str_eq(h2_settings_name(8), "SETTINGS_ENABLE_CONNECT_PROTOCOL");
	ck_assert_str_eq(h2_settings_name(9), "SETTINGS_NO_RFC7540_PRIORITIES");
	ck_assert_ptr_null(h2_settings_name(0));
	ck_assert_ptr_null(h2_settings_name(7));
	ck_assert_str_eq(h2_error_name(0), "NO_ERROR");
	ck_assert_str_eq(h2_error_name(0x9), "COMPRESSION_ERROR");
	ck_assert_str_eq(h2_error_name(0xd), "HTTP_1_1_REQUIRED");
	ck_assert_ptr_null(h2_error_name(0xe));
	const char *out[4];
	ck_assert_uint_eq(h2_flag_names(H2_HEADERS, 0x2d, out, 4), 4);
	ck_assert_str_eq(out[0], "END_STREAM");
	ck_assert_str_eq(out[1], "END_HEADERS");
	ck_assert_str_eq(out[2], "PADDED");
	ck_assert_str_eq(out[3], "PRIORITY");
	ck_assert_uint_eq(h2_flag_names(H2_DATA, 0xff, out, 4), 2);
	ck_assert_str_eq(out[0], "END_STREAM");
	ck_assert_str_eq(out[1], "PADDED");
	ck_assert_uint_eq(h2_flag_names(H2_SETTINGS, 0x05, out, 4), 1);
	ck_assert_str_eq(out[0], "ACK");
	ck_assert_uint_eq(h2_flag_names(H2_PING, 0x01, out, 4), 1);
	ck_assert_str_eq(out[0], "ACK");
	ck_assert_uint_eq(h2_flag_names(H2_CONTINUATION, 0x05, out, 4), 1);
	ck_assert_str_eq(out[0], "END_HEADERS");
	ck_assert_uint_eq(h2_flag_names(H2_GOAWAY, 0xff, out, 4), 0);
	ck_assert_uint_eq(h2_flag_names(H2_HEADERS, 0x2d, out, 1), 4);	/* counts all */
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("h2");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, prior_knowledge_capture);
	tcase_add_test(tc, upgrade_capture);
	tcase_add_test(tc, rfc7541_c3_requests);
	tcase_add_test(tc, rfc7541_c4_huffman_requests);
	tcase_add_test(tc, rfc7541_c5_responses_evict);
	tcase_add_test(tc, rfc7541_c6_huffman_responses_evict);
	tcase_add_test(tc, table_shrink_needs_update);
	tcase_add_test(tc, table_size_capped);
	tcase_add_test(tc, settings_and_window_arithmetic);
	tcase_add_test(tc, window_over_limit);
	tcase_add_test(tc, headers_continuation);
	tcase_add_test(tc, continuation_interrupted);
	tcase_add_test(tc, padded_frames);
	tcase_add_test(tc, padding_too_long);
	tcase_add_test(tc, rst_stream_and_goaway);
	tcase_add_test(tc, stream_get_404);
	tcase_add_test(tc, push_promise);
	tcase_add_loop_test(tc, every_cut_same, 0, (int)NCONVS);
	tcase_add_test(tc, every_split_point_same);
	tcase_add_test(tc, gap_inside_data);
	tcase_add_test(tc, gap_past_data);
	tcase_add_test(tc, gap_inside_header_block);
	tcase_add_test(tc, gap_elsewhere);
	tcase_add_test(tc, bad_preface);
	tcase_add_test(tc, frame_too_large);
	tcase_add_test(tc, malformed_control_frames);
	tcase_add_test(tc, eof_open_streams);
	tcase_add_test(tc, stream_cap);
	tcase_add_test(tc, fields_cut);
	tcase_add_test(tc, hpack_error);
	tcase_add_test(tc, looks_like_preface);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return s;
}
