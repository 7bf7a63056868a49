/*
 * check_ws.c - unit tests of the WebSocket frame parser (app/ws.h).
 *
 * Each case feeds one direction's bytes to a parser and compares what the
 * callbacks said, written down as a trace, with the expected trace.  Every
 * input is fed whole, split in two at every byte boundary, one byte at a
 * time, and in random pieces, and each way must give the same trace: TCP
 * may cut a stream anywhere (the 64 KiB frame is split at a sample of
 * places).
 *
 * The frames are RFC 6455 §5.7's examples, python3-websockets's
 * conversation in samples/websocket.pcap (tshark -Y websocket -e
 * tcp.payload), and frames written from §5.2's layout for the rules.
 */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "tcpview/app/ws.h"

/* --- the trace --------------------------------------------------------- */

struct trace {
	char s[65536];
	size_t len;
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

/* Bytes in double quotes, printable ASCII as is, the rest as \xNN. */
static void quoted(struct trace *t, const uint8_t *b, size_t len)
{
	say(t, "\"");
	for (size_t i = 0; i < len; i++) {
		if (b[i] == '"' || b[i] == '\\')
			say(t, "\\%c", b[i]);
		else if (b[i] >= 0x20 && b[i] < 0x7f)
			say(t, "%c", b[i]);
		else
			say(t, "\\x%02x", b[i]);
	}
	say(t, "\"");
}

static void on_frame(void *ctx, const struct ws_frame *f)
{
	struct trace *t = ctx;
	const char *op = ws_opcode_name(f->opcode);
	if (op != NULL)
		say(t, "frame %s %s", op, f->fin ? "fin" : "more");
	else
		say(t, "frame op=%u %s", f->opcode, f->fin ? "fin" : "more");
	if (f->rsv != 0)
		say(t, " rsv=%u", f->rsv);
	if (f->masked)
		say(t, " mask=%02x%02x%02x%02x", f->mask_key[0], f->mask_key[1], f->mask_key[2],
		    f->mask_key[3]);
	say(t, " hdr=%u len=%llu", f->header_len, (unsigned long long)f->payload_len);
	if (f->missing > 0)
		say(t, " missing=%llu", (unsigned long long)f->missing);
	if (f->incomplete)
		say(t, " incomplete");
	ck_assert(f->preview_len <= WS_PREVIEW_MAX);
	if (f->preview_len > 0 || f->preview_cut) {
		say(t, " preview=");
		quoted(t, f->preview, f->preview_len);
		say(t, "%s", f->preview_cut ? "+cut" : "");
	}
	if (f->text_utf8)
		say(t, " utf8");
	if (f->has_close_code) {
		const char *name = ws_close_code_name(f->close_code);
		say(t, " close=%u(%s) reason=", f->close_code, name != NULL ? name : "?");
		ck_assert(strlen(f->close_reason) == f->close_reason_len);
		quoted(t, (const uint8_t *)f->close_reason, f->close_reason_len);
	} else {
		ck_assert(f->close_code == 0 && f->close_reason_len == 0);
	}
	if (f->message_opcode != 0)
		say(t, " msg=%s#%llu/%llu%s", ws_opcode_name(f->message_opcode),
		    (unsigned long long)f->message_frames, (unsigned long long)f->message_len,
		    f->message_end ? " end" : "");
	else
		ck_assert(f->message_frames == 0 && f->message_len == 0 && !f->message_end);
	if (f->problem != NULL)
		say(t, " problem: %s", f->problem);
	say(t, "\n");
}

static void on_error(void *ctx, const char *why)
{
	struct trace *t = ctx;
	say(t, "error %s\n", why);
}

static const struct ws_callbacks cbs = { on_frame, on_error };

/* --- running a case ---------------------------------------------------- */

/* Bytes a, then a gap of `gap` bytes (none when 0), then bytes b. */
struct input {
	bool from_client;
	uint8_t rsv;		/* ws_parser_allow_rsv() */
	const uint8_t *a;
	size_t alen;
	uint64_t gap;
	const uint8_t *b;
	size_t blen;
	bool eof;		/* the stream ends after them */
};

/* How a run cuts its bytes: at `cut` (0: not), every `step` bytes, or in
 * pieces of random sizes from `seed`. */
struct cutting {
	size_t cut_a, cut_b;
	size_t step;
	unsigned seed;
};

static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void feed_pieces(struct ws_parser *p, struct trace *t, const uint8_t *data,
			size_t len, size_t cut, const struct cutting *how, unsigned *seed)
{
	size_t from = 0;
	while (from < len) {
		size_t n = len - from;
		if (how->step > 0)
			n = how->step;
		else if (how->seed != 0)
			n = next_rand(seed) % 4 == 0 ? 1 + next_rand(seed) % 300
						     : 1 + next_rand(seed) % 9;
		else if (cut > from)
			n = cut - from;
		if (n > len - from)
			n = len - from;
		ws_parser_feed(p, data + from, n, &cbs, t);
		from += n;
	}
}

static struct trace got;

static void run_once(const struct input *in, const struct cutting *how)
{
	struct ws_parser p;
	ws_parser_init(&p, in->from_client);
	ws_parser_allow_rsv(&p, in->rsv);
	memset(&got, 0, sizeof(got));
	unsigned seed = how->seed;
	feed_pieces(&p, &got, in->a, in->alen, how->cut_a, how, &seed);
	if (in->gap > 0)
		ws_parser_gap(&p, in->gap, &cbs, &got);
	if (in->b != NULL)
		feed_pieces(&p, &got, in->b, in->blen, how->cut_b, how, &seed);
	if (in->eof)
		ws_parser_eof(&p, &cbs, &got);
	say(&got, "%s\n", ws_parser_stopped(&p) ? "stopped" : "reading");
}

/* Whether to split at `i` of `len` bytes: everywhere up to 4 KiB; in the
 * 64 KiB frame near both ends and every 97th byte, to keep it fast. */
static bool split_at(size_t i, size_t len)
{
	return len <= 4096 || i < 256 || i + 256 > len || i % 97 == 0;
}

static void expect(const struct input *in, const struct cutting *how, const char *way,
		   size_t at, const char *want)
{
	run_once(in, how);
	ck_assert_msg(strcmp(got.s, want) == 0, "%s %zu, got:\n%s\nwanted:\n%s", way, at, got.s,
		      want);
}

/* Runs `in` every way and checks each trace against `want`. */
static void check_input(const struct input *in, const char *want)
{
	struct cutting how = { 0, 0, 0, 0 };
	expect(in, &how, "fed whole", 0, want);
	for (size_t i = 1; i < in->alen; i++) {
		if (!split_at(i, in->alen))
			continue;
		struct cutting at = { i, 0, 0, 0 };
		expect(in, &at, "split at", i, want);
	}
	for (size_t i = 1; i < in->blen; i++) {
		if (!split_at(i, in->blen))
			continue;
		struct cutting at = { 0, i, 0, 0 };
		expect(in, &at, "split after the gap at", i, want);
	}
	struct cutting bytewise = { 0, 0, 1, 0 };
	expect(in, &bytewise, "byte by byte", 1, want);
	for (unsigned seed = 1; seed <= 16; seed++) {
		struct cutting random = { 0, 0, 0, seed * 2654435761u };
		expect(in, &random, "random pieces, seed", seed, want);
	}
}

static void check_bytes(bool from_client, const uint8_t *data, size_t len, bool eof,
			const char *want)
{
	struct input in = { .from_client = from_client, .a = data, .alen = len, .eof = eof };
	check_input(&in, want);
}

#define SERVER(bytes, eof, want) check_bytes(false, bytes, sizeof(bytes), eof, want)
#define CLIENT(bytes, eof, want) check_bytes(true, bytes, sizeof(bytes), eof, want)

/* --- RFC 6455 §5.7 ---------------------------------------------------- */

/* A single-frame unmasked text message, and the same masked. */
START_TEST(rfc_single_frame)
{
	static const uint8_t unmasked[] = {
		0x81, 0x05,			/* FIN, text; unmasked, length 5 */
		0x48, 0x65, 0x6c, 0x6c, 0x6f,	/* "Hello" */
	};
	SERVER(unmasked, false,
	       "frame text fin hdr=2 len=5 preview=\"Hello\" utf8 msg=text#1/5 end\n"
	       "reading\n");
	static const uint8_t masked[] = {
		0x81, 0x85,			/* FIN, text; masked, length 5 */
		0x37, 0xfa, 0x21, 0x3d,		/* masking key */
		0x7f, 0x9f, 0x4d, 0x51, 0x58,	/* "Hello" masked */
	};
	CLIENT(masked, false,
	       "frame text fin mask=37fa213d hdr=6 len=5 preview=\"Hello\" utf8 "
	       "msg=text#1/5 end\n"
	       "reading\n");
}
END_TEST

/* A fragmented unmasked text message: "Hel" then "lo". */
START_TEST(rfc_fragmented)
{
	static const uint8_t frames[] = {
		0x01, 0x03, 0x48, 0x65, 0x6c,	/* text, no FIN: "Hel" */
		0x80, 0x02, 0x6c, 0x6f,		/* continuation, FIN: "lo" */
	};
	SERVER(frames, true,
	       "frame text more hdr=2 len=3 preview=\"Hel\" utf8 msg=text#1/3\n"
	       "frame continuation fin hdr=2 len=2 preview=\"lo\" utf8 msg=text#2/5 end\n"
	       "stopped\n");
}
END_TEST

/* An unmasked ping (the server's) and the masked pong answering it (the
 * client's); neither belongs to a message. */
START_TEST(rfc_ping_pong)
{
	static const uint8_t ping[] = {
		0x89, 0x05,			/* FIN, ping; length 5 */
		0x48, 0x65, 0x6c, 0x6c, 0x6f,	/* "Hello" */
	};
	SERVER(ping, false,
	       "frame ping fin hdr=2 len=5 preview=\"Hello\"\n"
	       "reading\n");
	static const uint8_t pong[] = {
		0x8a, 0x85,			/* FIN, pong; masked, length 5 */
		0x37, 0xfa, 0x21, 0x3d,		/* masking key */
		0x7f, 0x9f, 0x4d, 0x51, 0x58,	/* "Hello" masked */
	};
	CLIENT(pong, false,
	       "frame pong fin mask=37fa213d hdr=6 len=5 preview=\"Hello\"\n"
	       "reading\n");
}
END_TEST

#define LETTERS "abcdefghijklmnopqrstuvwxyz"
#define PREVIEW_64 "\"" LETTERS LETTERS "abcdefghijkl\"+cut"

/* A 256-byte binary message (16-bit length) and a 64 KiB one (64-bit
 * length), unmasked, each followed by a short text frame. */
START_TEST(rfc_long_lengths)
{
	static uint8_t in[10 + 65536 + 3];
	/* 0x82 0x7E 0x0100: FIN, binary; length 126 = a 16-bit length follows. */
	static const uint8_t head16[] = { 0x82, 0x7e, 0x01, 0x00 };
	memcpy(in, head16, sizeof(head16));
	for (size_t i = 0; i < 256; i++)
		in[4 + i] = (uint8_t)('a' + i % 26);
	memcpy(in + 4 + 256, "\x81\x01!", 3);
	check_bytes(false, in, 4 + 256 + 3, false,
		    "frame binary fin hdr=4 len=256 preview=" PREVIEW_64 " msg=binary#1/256 end\n"
		    "frame text fin hdr=2 len=1 preview=\"!\" utf8 msg=text#1/1 end\n"
		    "reading\n");
	/* 0x82 0x7F 0x0000000000010000: length 127 = a 64-bit length follows. */
	static const uint8_t head64[] = { 0x82, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
					  0x00, 0x00 };
	memcpy(in, head64, sizeof(head64));
	for (size_t i = 0; i < 65536; i++)
		in[10 + i] = (uint8_t)('a' + i % 26);
	memcpy(in + 10 + 65536, "\x81\x01!", 3);
	check_bytes(false, in, sizeof(in), true,
		    "frame binary fin hdr=10 len=65536 preview=" PREVIEW_64
		    " msg=binary#1/65536 end\n"
		    "frame text fin hdr=2 len=1 preview=\"!\" utf8 msg=text#1/1 end\n"
		    "stopped\n");
}
END_TEST

/* --- real conversations ------------------------------------------------ */

/* samples/websocket.pcap: python3-websockets 10.4 echoing three messages,
 * then the closing handshake (§7.1.2) with 1000 both ways. */
START_TEST(sample_conversation)
{
	static const uint8_t client[] = {
		/* frame 8: text "Hello world", key df6c2566 */
		0x81, 0x8b, 0xdf, 0x6c, 0x25, 0x66, 0x97, 0x09, 0x49, 0x0a, 0xb0, 0x4c, 0x52,
		0x09, 0xad, 0x00, 0x41,
		/* frame 10: text "second message", key 7b510811 */
		0x81, 0x8e, 0x7b, 0x51, 0x08, 0x11, 0x08, 0x34, 0x6b, 0x7e, 0x15, 0x35, 0x28,
		0x7c, 0x1e, 0x22, 0x7b, 0x70, 0x1c, 0x34,
		/* frame 12: text "bye", key d964ed9b */
		0x81, 0x83, 0xd9, 0x64, 0xed, 0x9b, 0xbb, 0x1d, 0x88,
		/* frame 14: close, key 028564fe, status 1000 */
		0x88, 0x82, 0x02, 0x85, 0x64, 0xfe, 0x01, 0x6d,
	};
	CLIENT(client, true,
	       "frame text fin mask=df6c2566 hdr=6 len=11 preview=\"Hello world\" utf8 "
	       "msg=text#1/11 end\n"
	       "frame text fin mask=7b510811 hdr=6 len=14 preview=\"second message\" utf8 "
	       "msg=text#1/14 end\n"
	       "frame text fin mask=d964ed9b hdr=6 len=3 preview=\"bye\" utf8 msg=text#1/3 end\n"
	       "frame close fin mask=028564fe hdr=6 len=2 preview=\"\\x03\\xe8\" "
	       "close=1000(normal closure) reason=\"\"\n"
	       "stopped\n");
	static const uint8_t server[] = {
		0x81, 0x0b, 'H', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', /* frame 9 */
		0x81, 0x0e, 's', 'e', 'c', 'o', 'n', 'd', ' ', 'm', 'e', 's', 's', 'a', 'g',
		'e',								/* frame 11 */
		0x81, 0x03, 'b', 'y', 'e',					/* frame 13 */
		0x88, 0x02, 0x03, 0xe8,		/* frame 15: close 1000 */
	};
	SERVER(server, true,
	       "frame text fin hdr=2 len=11 preview=\"Hello world\" utf8 msg=text#1/11 end\n"
	       "frame text fin hdr=2 len=14 preview=\"second message\" utf8 msg=text#1/14 end\n"
	       "frame text fin hdr=2 len=3 preview=\"bye\" utf8 msg=text#1/3 end\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xe8\" "
	       "close=1000(normal closure) reason=\"\"\n"
	       "stopped\n");
}
END_TEST

/* Close 1001 with a reason (§5.5.1), from the server and masked from the
 * client; an empty close; and codes from the registered ranges. */
START_TEST(close_frames)
{
	static const uint8_t server[] = {
		0x88, 0x11,		/* FIN, close; length 17 */
		0x03, 0xe9,		/* 1001 */
		's', 'e', 'r', 'v', 'e', 'r', ' ', 's', 'h', 'u', 't', 'd', 'o', 'w', 'n',
		0x88, 0x00,		/* close without a body */
	};
	SERVER(server, false,
	       "frame close fin hdr=2 len=17 preview=\"\\x03\\xe9server shutdown\" "
	       "close=1001(going away) reason=\"server shutdown\"\n"
	       "frame close fin hdr=2 len=0\n"
	       "reading\n");
	static const uint8_t client[] = {
		0x88, 0x91,		/* FIN, close; masked, length 17 */
		0x37, 0xfa, 0x21, 0x3d,	/* masking key */
		0x34, 0x13, 0x52, 0x58, 0x45, 0x8c, 0x44, 0x4f, 0x17, 0x89, 0x49, 0x48, 0x43,
		0x9e, 0x4e, 0x4a, 0x59,	/* 1001 "server shutdown" masked */
	};
	CLIENT(client, false,
	       "frame close fin mask=37fa213d hdr=6 len=17 preview=\"\\x03\\xe9server shutdown\" "
	       "close=1001(going away) reason=\"server shutdown\"\n"
	       "reading\n");
	static const uint8_t ranges[] = {
		0x88, 0x02, 0x0b, 0xb8,	/* 3000 */
		0x88, 0x02, 0x13, 0x87,	/* 4999 */
		0x88, 0x02, 0x03, 0xf6,	/* 1014 */
		0x88, 0x02, 0x03, 0xef,	/* 1007 */
	};
	SERVER(ranges, false,
	       "frame close fin hdr=2 len=2 preview=\"\\x0b\\xb8\" "
	       "close=3000(registered by IANA for libraries) reason=\"\"\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x13\\x87\" close=4999(private use) "
	       "reason=\"\"\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xf6\" close=1014(bad gateway) "
	       "reason=\"\"\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xef\" "
	       "close=1007(invalid frame payload data) reason=\"\"\n"
	       "reading\n");
}
END_TEST

/* §5.4: control frames in the middle of a fragmented message neither count
 * in it nor end it; a character may straddle two frames. */
START_TEST(interleaved_control)
{
	static const uint8_t frames[] = {
		0x01, 0x03, 'c', 'a', 'f',	/* text, no FIN: "caf" */
		0x89, 0x00,			/* ping, empty */
		0x00, 0x01, 0xc3,		/* continuation: first byte of U+00E9 */
		0x8a, 0x02, 'o', 'k',		/* pong "ok" */
		0x80, 0x01, 0xa9,		/* continuation, FIN: its last byte */
		0x02, 0x02, 0x00, 0x01,		/* binary, no FIN */
		0x80, 0x01, 0xff,		/* continuation, FIN */
	};
	SERVER(frames, false,
	       "frame text more hdr=2 len=3 preview=\"caf\" utf8 msg=text#1/3\n"
	       "frame ping fin hdr=2 len=0\n"
	       "frame continuation more hdr=2 len=1 preview=\"\\xc3\" utf8 msg=text#2/4\n"
	       "frame pong fin hdr=2 len=2 preview=\"ok\"\n"
	       "frame continuation fin hdr=2 len=1 preview=\"\\xa9\" utf8 msg=text#3/5 end\n"
	       "frame binary more hdr=2 len=2 preview=\"\\x00\\x01\" msg=binary#1/2\n"
	       "frame continuation fin hdr=2 len=1 preview=\"\\xff\" msg=binary#2/3 end\n"
	       "reading\n");
}
END_TEST

/* --- gaps and the end -------------------------------------------------- */

static void check_gap(bool from_client, const uint8_t *a, size_t alen, uint64_t gap,
		      const uint8_t *b, size_t blen, bool eof, const char *want)
{
	struct input in = { from_client, 0, a, alen, gap, b, blen, eof };
	check_input(&in, want);
}

/* Inside a payload of known length a gap is missing payload: the frame
 * ends where its length says, and the next one is read. */
START_TEST(gap_in_payload)
{
	static const uint8_t a[] = { 0x82, 0x0a, 0x00, 0x01, 0x02 };	/* binary, 10 */
	static const uint8_t b[] = { 0x07, 0x08, 0x09, 0x81, 0x02, 'h', 'i' };
	check_gap(false, a, sizeof(a), 4, b, sizeof(b), false,
		  "frame binary fin hdr=2 len=10 missing=4 preview=\"\\x00\\x01\\x02\"+cut "
		  "msg=binary#1/10 end\n"
		  "frame text fin hdr=2 len=2 preview=\"hi\" utf8 msg=text#1/2 end\n"
		  "reading\n");
	/* A gap that ends exactly with the payload. */
	check_gap(false, a, sizeof(a), 7, b + 3, sizeof(b) - 3, false,
		  "frame binary fin hdr=2 len=10 missing=7 preview=\"\\x00\\x01\\x02\"+cut "
		  "msg=binary#1/10 end\n"
		  "frame text fin hdr=2 len=2 preview=\"hi\" utf8 msg=text#1/2 end\n"
		  "reading\n");
	/* In a masked text message, inside "€" (e2 82 ac): the bytes after
	 * it are unmasked at their true offset, the continuation byte the gap
	 * left is skipped, and the rest is still checked as UTF-8. */
	static const uint8_t ta[] = {
		0x81, 0x87, 0x12, 0x34, 0x56, 0x78,	/* text, masked, 7 */
		0x73, 0xd6,				/* 'a', 0xe2 */
	};
	static const uint8_t tb[] = { 0xd4, 0x70, 0xf7, 0xff };	/* 0xac, 'b', U+00E9 */
	check_gap(true, ta, sizeof(ta), 1, tb, sizeof(tb), false,
		  "frame text fin mask=12345678 hdr=6 len=7 missing=1 preview=\"a\\xe2\"+cut utf8 "
		  "msg=text#1/7 end\n"
		  "reading\n");
	static const uint8_t bad[] = { 0xd4, 0x70, 0xf7, 0x00 };	/* 0xac, 'b', 0xc3 0x78 */
	check_gap(true, ta, sizeof(ta), 1, bad, sizeof(bad), false,
		  "frame text fin mask=12345678 hdr=6 len=7 missing=1 preview=\"a\\xe2\"+cut "
		  "msg=text#1/7 end problem: text not UTF-8\n"
		  "reading\n");
	/* A close frame whose code was lost has none. */
	static const uint8_t close[] = { 0x88, 0x04, 0x03 };
	static const uint8_t rest[] = { 'o', 'k' };
	check_gap(false, close, sizeof(close), 1, rest, sizeof(rest), false,
		  "frame close fin hdr=2 len=4 missing=1 preview=\"\\x03\"+cut\n"
		  "reading\n");
	/* A gap inside a ping does not touch the text message around it. */
	static const uint8_t pa[] = { 0x01, 0x01, 0xc3, 0x89, 0x03, 'a' };
	static const uint8_t pb[] = { 'c', 0x80, 0x01, 0x28 };
	check_gap(false, pa, sizeof(pa), 1, pb, sizeof(pb), false,
		  "frame text more hdr=2 len=1 preview=\"\\xc3\" utf8 msg=text#1/1\n"
		  "frame ping fin hdr=2 len=3 missing=1 preview=\"a\"+cut\n"
		  "frame continuation fin hdr=2 len=1 preview=\"(\" msg=text#2/2 end "
		  "problem: text not UTF-8\n"
		  "reading\n");
}
END_TEST

/* Anywhere else the framing is lost: one error, and the parser stops. */
START_TEST(gap_elsewhere)
{
	static const uint8_t a[] = { 0x82, 0x0a, 0x00, 0x01, 0x02 };
	static const uint8_t hi[] = { 0x81, 0x02, 'h', 'i' };
	/* Past the end of the payload: the frame first. */
	check_gap(false, a, sizeof(a), 20, hi, sizeof(hi), false,
		  "frame binary fin hdr=2 len=10 missing=7 preview=\"\\x00\\x01\\x02\"+cut "
		  "msg=binary#1/10 end\n"
		  "error gap in a frame header\n"
		  "stopped\n");
	/* In a header. */
	static const uint8_t head[] = { 0x82, 0x7e, 0x01 };
	check_gap(false, head, sizeof(head), 2, hi, sizeof(hi), true,
		  "error gap in a frame header\n"
		  "stopped\n");
	/* Between frames: what was lost began a header. */
	check_gap(false, hi, sizeof(hi), 5, hi, sizeof(hi), true,
		  "frame text fin hdr=2 len=2 preview=\"hi\" utf8 msg=text#1/2 end\n"
		  "error gap in a frame header\n"
		  "stopped\n");
	check_gap(true, NULL, 0, 1, hi, sizeof(hi), false,
		  "error gap in a frame header\n"
		  "stopped\n");
}
END_TEST

/* The end of the stream reports the frame it cut, and nothing between
 * frames. */
START_TEST(eof_mid_frame)
{
	static const uint8_t payload[] = { 0x81, 0x05, 'H', 'e', 'l' };
	SERVER(payload, true,
	       "frame text fin hdr=2 len=5 incomplete preview=\"Hel\"+cut utf8 msg=text#1/3 end\n"
	       "stopped\n");
	SERVER(payload, false,
	       "reading\n");
	/* A character cut by the end is not held against the text. */
	static const uint8_t utf8[] = { 0x81, 0x04, 'a', 0xe2 };
	SERVER(utf8, true,
	       "frame text fin hdr=2 len=4 incomplete preview=\"a\\xe2\"+cut utf8 msg=text#1/2 "
	       "end\n"
	       "stopped\n");
	/* In the extended length: the length is not known yet. */
	static const uint8_t len16[] = { 0x82, 0x7e, 0x01 };
	SERVER(len16, true,
	       "frame binary fin hdr=3 len=0 incomplete\n"
	       "stopped\n");
	/* In the masking key: the length is. */
	static const uint8_t key[] = { 0x81, 0x85, 0x37, 0xfa };
	CLIENT(key, true,
	       "frame text fin mask=37fa0000 hdr=4 len=5 incomplete preview=\"\"+cut\n"
	       "stopped\n");
	static const uint8_t one[] = { 0x88 };
	SERVER(one, true,
	       "frame close fin hdr=1 len=0 incomplete\n"
	       "stopped\n");
	static const uint8_t whole[] = { 0x89, 0x00, 0x8a, 0x00 };
	SERVER(whole, true,
	       "frame ping fin hdr=2 len=0\n"
	       "frame pong fin hdr=2 len=0\n"
	       "stopped\n");
	/* A close frame cut after the first byte of its code has none. */
	static const uint8_t close[] = { 0x88, 0x02, 0x03 };
	SERVER(close, true,
	       "frame close fin hdr=2 len=2 incomplete preview=\"\\x03\"+cut\n"
	       "stopped\n");
}
END_TEST

/* --- the rules --------------------------------------------------------- */

/* §5.1: a client masks every frame, a server none; the frame is read
 * all the same. */
START_TEST(mask_direction)
{
	static const uint8_t masked[] = { 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d,
					  0x51, 0x58 };
	SERVER(masked, false,
	       "frame text fin mask=37fa213d hdr=6 len=5 preview=\"Hello\" utf8 msg=text#1/5 end "
	       "problem: server frame masked\n"
	       "reading\n");
	static const uint8_t unmasked[] = { 0x81, 0x05, 'H', 'e', 'l', 'l', 'o' };
	CLIENT(unmasked, false,
	       "frame text fin hdr=2 len=5 preview=\"Hello\" utf8 msg=text#1/5 end "
	       "problem: client frame not masked\n"
	       "reading\n");
}
END_TEST

/* §5.2 and §5.5: reserved opcodes, long or fragmented control frames. */
START_TEST(opcode_rules)
{
	static const uint8_t reserved[] = {
		0x83, 0x00,		/* opcode 3: a reserved non-control frame */
		0x8b, 0x01, 0x00,	/* opcode 0xB: a reserved control frame */
		0x87, 0x00, 0x8f, 0x00,	/* the last of each */
	};
	SERVER(reserved, false,
	       "frame op=3 fin hdr=2 len=0 problem: reserved opcode\n"
	       "frame op=11 fin hdr=2 len=1 preview=\"\\x00\" problem: reserved opcode\n"
	       "frame op=7 fin hdr=2 len=0 problem: reserved opcode\n"
	       "frame op=15 fin hdr=2 len=0 problem: reserved opcode\n"
	       "reading\n");
	static uint8_t ping[4 + 126 + 2] = { 0x89, 0x7e, 0x00, 0x7e };	/* ping, 126 */
	memset(ping + 4, 'p', 126);
	memcpy(ping + 4 + 126, "\x89\x00", 2);
	SERVER(ping, false,
	       "frame ping fin hdr=4 len=126 preview=\"" "pppppppppppppppppppppppppppppppp"
	       "pppppppppppppppppppppppppppppppp\"+cut "
	       "problem: control frame payload longer than 125 bytes\n"
	       "frame ping fin hdr=2 len=0\n"
	       "reading\n");
	static const uint8_t fragmented[] = {
		0x09, 0x00,		/* ping without FIN */
		0x08, 0x02, 0x03, 0xe8,	/* close without FIN */
	};
	SERVER(fragmented, false,
	       "frame ping more hdr=2 len=0 problem: fragmented control frame\n"
	       "frame close more hdr=2 len=2 preview=\"\\x03\\xe8\" close=1000(normal closure) "
	       "reason=\"\" problem: fragmented control frame\n"
	       "reading\n");
	/* The first rule broken is the one reported. */
	static const uint8_t two[] = { 0x8b, 0x81, 0, 0, 0, 0, 0 };
	SERVER(two, false,
	       "frame op=11 fin mask=00000000 hdr=6 len=1 preview=\"\\x00\" "
	       "problem: server frame masked\n"
	       "reading\n");
}
END_TEST

/* §5.4: continuations only inside a message, no new message inside one. */
START_TEST(message_rules)
{
	static const uint8_t orphan[] = { 0x80, 0x02, 'l', 'o', 0x00, 0x00 };
	SERVER(orphan, false,
	       "frame continuation fin hdr=2 len=2 preview=\"lo\" "
	       "problem: continuation frame with no message in progress\n"
	       "frame continuation more hdr=2 len=0 "
	       "problem: continuation frame with no message in progress\n"
	       "reading\n");
	static const uint8_t overlap[] = {
		0x01, 0x01, 'a',	/* text, no FIN */
		0x82, 0x01, 'b',	/* binary, FIN: the text is abandoned */
		0x80, 0x01, 'c',	/* a continuation after the end */
	};
	SERVER(overlap, false,
	       "frame text more hdr=2 len=1 preview=\"a\" utf8 msg=text#1/1\n"
	       "frame binary fin hdr=2 len=1 preview=\"b\" msg=binary#1/1 end "
	       "problem: data frame inside an unfinished message\n"
	       "frame continuation fin hdr=2 len=1 preview=\"c\" "
	       "problem: continuation frame with no message in progress\n"
	       "reading\n");
}
END_TEST

/* §5.2: RSV bits are 0 unless an extension defines them; a message whose
 * first frame sets one is the extension's (permessage-deflate: RSV1,
 * compressed), not checked as text. */
START_TEST(rsv_bits)
{
	static const uint8_t frames[] = {
		0xc1, 0x02, 0xf2, 0x48,	/* RSV1, text: deflate output, not UTF-8 */
		0x41, 0x01, 0xff,	/* RSV1, text, no FIN */
		0x80, 0x01, 0xfe,	/* its continuation */
		0xb1, 0x00,		/* RSV2 | RSV3, text */
	};
	SERVER(frames, false,
	       "frame text fin rsv=4 hdr=2 len=2 preview=\"\\xf2H\" msg=text#1/2 end "
	       "problem: RSV bits set without a negotiated extension\n"
	       "frame text more rsv=4 hdr=2 len=1 preview=\"\\xff\" msg=text#1/1 "
	       "problem: RSV bits set without a negotiated extension\n"
	       "frame continuation fin hdr=2 len=1 preview=\"\\xfe\" msg=text#2/2 end\n"
	       "frame text fin rsv=3 hdr=2 len=0 msg=text#1/0 end "
	       "problem: RSV bits set without a negotiated extension\n"
	       "reading\n");
	struct input deflate = { false, WS_RSV1, frames, sizeof(frames), 0, NULL, 0, false };
	check_input(&deflate,
		    "frame text fin rsv=4 hdr=2 len=2 preview=\"\\xf2H\" msg=text#1/2 end\n"
		    "frame text more rsv=4 hdr=2 len=1 preview=\"\\xff\" msg=text#1/1\n"
		    "frame continuation fin hdr=2 len=1 preview=\"\\xfe\" msg=text#2/2 end\n"
		    "frame text fin rsv=3 hdr=2 len=0 msg=text#1/0 end "
		    "problem: RSV bits set without a negotiated extension\n"
		    "reading\n");
}
END_TEST

/* §5.2: a length in the shortest form; a 64-bit one below 2^63. */
START_TEST(length_rules)
{
	static const uint8_t long16[] = { 0x82, 0x7e, 0x00, 0x05, 1, 2, 3, 4, 5 };
	SERVER(long16, false,
	       "frame binary fin hdr=4 len=5 preview=\"\\x01\\x02\\x03\\x04\\x05\" "
	       "msg=binary#1/5 end problem: payload length not in its shortest form\n"
	       "reading\n");
	static uint8_t long64[10 + 256] = { 0x82, 0x7f, 0, 0, 0, 0, 0, 0, 0x01, 0x00 };
	SERVER(long64, false,
	       "frame binary fin hdr=10 len=256 preview=\""
	       "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	       "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	       "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	       "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
	       "\"+cut msg=binary#1/256 end problem: payload length not in its shortest form\n"
	       "reading\n");
	/* The largest length there is: 2^63 - 1, cut by the end. */
	static const uint8_t huge[] = { 0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					0xff, 'x' };
	SERVER(huge, true,
	       "frame binary fin hdr=10 len=9223372036854775807 incomplete preview=\"x\"+cut "
	       "msg=binary#1/1 end\n"
	       "stopped\n");
	/* The top bit set: not a length a frame can have; reading stops. */
	static const uint8_t top[] = { 0x81, 0x05, 'H', 'e', 'l', 'l', 'o',
				       0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x81, 0x00 };
	SERVER(top, true,
	       "frame text fin hdr=2 len=5 preview=\"Hello\" utf8 msg=text#1/5 end\n"
	       "error 64-bit payload length with its most significant bit set\n"
	       "stopped\n");
}
END_TEST

/* §5.5.1 and §7.4: a close body is empty or a code and a UTF-8 reason;
 * codes that must not be sent or are not assigned. */
START_TEST(close_rules)
{
	static const uint8_t one[] = { 0x88, 0x01, 0x03 };
	SERVER(one, false,
	       "frame close fin hdr=2 len=1 preview=\"\\x03\" "
	       "problem: close frame with a 1-byte payload\n"
	       "reading\n");
	static const uint8_t codes[] = {
		0x88, 0x02, 0x03, 0xe7,	/* 999 */
		0x88, 0x02, 0x03, 0xec,	/* 1004: reserved */
		0x88, 0x02, 0x03, 0xed,	/* 1005: no status received, never sent */
		0x88, 0x02, 0x03, 0xee,	/* 1006: abnormal closure, never sent */
		0x88, 0x02, 0x03, 0xf7,	/* 1015: TLS handshake, never sent */
		0x88, 0x02, 0x03, 0xf8,	/* 1016: unassigned */
		0x88, 0x02, 0x0b, 0xb7,	/* 2999: unassigned */
		0x88, 0x02, 0x13, 0x88,	/* 5000 */
		0x88, 0x02, 0x00, 0x00,	/* 0 */
	};
	SERVER(codes, false,
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xe7\" close=999(?) reason=\"\" "
	       "problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xec\" close=1004(?) reason=\"\" "
	       "problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xed\" "
	       "close=1005(no status received) reason=\"\" problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xee\" "
	       "close=1006(abnormal closure) reason=\"\" problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xf7\" "
	       "close=1015(TLS handshake) reason=\"\" problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x03\\xf8\" close=1016(?) reason=\"\" "
	       "problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x0b\\xb7\" close=2999(?) reason=\"\" "
	       "problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x13\\x88\" close=5000(?) reason=\"\" "
	       "problem: invalid close code\n"
	       "frame close fin hdr=2 len=2 preview=\"\\x00\\x00\" close=0(?) reason=\"\" "
	       "problem: invalid close code\n"
	       "reading\n");
	static const uint8_t reason[] = { 0x88, 0x04, 0x03, 0xe8, 0xff, 0xfe };
	SERVER(reason, false,
	       "frame close fin hdr=2 len=4 preview=\"\\x03\\xe8\\xff\\xfe\" "
	       "close=1000(normal closure) reason=\"\\xff\\xfe\" problem: close reason not UTF-8\n"
	       "reading\n");
	/* A reason cut to 123 bytes of a close frame too long. */
	static uint8_t big[4 + 130] = { 0x88, 0x7e, 0x00, 0x82, 0x03, 0xe9 };
	memset(big + 6, 'r', 128);
	char want[1024];
	snprintf(want, sizeof(want),
		 "frame close fin hdr=4 len=130 preview=\"\\x03\\xe9%.62s\"+cut "
		 "close=1001(going away) reason=\"%.123s\" "
		 "problem: control frame payload longer than 125 bytes\n"
		 "reading\n", (const char *)big + 6, (const char *)big + 6);
	check_bytes(false, big, sizeof(big), false, want);
}
END_TEST

/* §8.1: text is UTF-8 (RFC 3629), over the whole message. */
START_TEST(utf8_rules)
{
	static const uint8_t frames[] = {
		0x81, 0x02, 0xc3, 0x28,		/* a lead byte, then ASCII */
		0x81, 0x02, 0xc0, 0xaf,		/* overlong '/' */
		0x81, 0x03, 0xed, 0xa0, 0x80,	/* a surrogate, U+D800 */
		0x81, 0x04, 0xf4, 0x90, 0x80, 0x80,	/* past U+10FFFF */
		0x81, 0x01, 0xc3,		/* a character cut by FIN */
		0x81, 0x04, 0xf0, 0x9f, 0x98, 0x80,	/* U+1F600 */
		0x81, 0x03, 0xef, 0xbb, 0xbf,	/* U+FEFF */
	};
	SERVER(frames, false,
	       "frame text fin hdr=2 len=2 preview=\"\\xc3(\" msg=text#1/2 end "
	       "problem: text not UTF-8\n"
	       "frame text fin hdr=2 len=2 preview=\"\\xc0\\xaf\" msg=text#1/2 end "
	       "problem: text not UTF-8\n"
	       "frame text fin hdr=2 len=3 preview=\"\\xed\\xa0\\x80\" msg=text#1/3 end "
	       "problem: text not UTF-8\n"
	       "frame text fin hdr=2 len=4 preview=\"\\xf4\\x90\\x80\\x80\" msg=text#1/4 end "
	       "problem: text not UTF-8\n"
	       "frame text fin hdr=2 len=1 preview=\"\\xc3\" msg=text#1/1 end "
	       "problem: text not UTF-8\n"
	       "frame text fin hdr=2 len=4 preview=\"\\xf0\\x9f\\x98\\x80\" utf8 msg=text#1/4 "
	       "end\n"
	       "frame text fin hdr=2 len=3 preview=\"\\xef\\xbb\\xbf\" utf8 msg=text#1/3 end\n"
	       "reading\n");
	/* Found in one frame, said once; the message stays not UTF-8. */
	static const uint8_t message[] = {
		0x01, 0x01, 0xff,
		0x00, 0x01, 'a',
		0x80, 0x01, 'b',
		0x81, 0x01, 'c',	/* the next message is checked afresh */
	};
	SERVER(message, false,
	       "frame text more hdr=2 len=1 preview=\"\\xff\" msg=text#1/1 "
	       "problem: text not UTF-8\n"
	       "frame continuation more hdr=2 len=1 preview=\"a\" msg=text#2/2\n"
	       "frame continuation fin hdr=2 len=1 preview=\"b\" msg=text#3/3 end\n"
	       "frame text fin hdr=2 len=1 preview=\"c\" utf8 msg=text#1/1 end\n"
	       "reading\n");
	/* Past the preview: checked all the same. */
	static uint8_t longer[4 + 200] = { 0x81, 0x7e, 0x00, 0xc8 };
	memset(longer + 4, 'x', 200);
	longer[4 + 150] = 0x80;
	char want[512];
	snprintf(want, sizeof(want),
		 "frame text fin hdr=4 len=200 preview=\"%.64s\"+cut msg=text#1/200 end "
		 "problem: text not UTF-8\n"
		 "reading\n", (const char *)longer + 4);
	check_bytes(false, longer, sizeof(longer), false, want);
}
END_TEST

/* --- the rest of the API ----------------------------------------------- */

START_TEST(names)
{
	static const char *const ops[16] = { "continuation", "text", "binary", NULL, NULL, NULL,
					     NULL, NULL, "close", "ping", "pong" };
	for (unsigned op = 0; op < 256; op++) {
		const char *want = op < 16 ? ops[op] : NULL;
		const char *name = ws_opcode_name((uint8_t)op);
		ck_assert_msg(want == NULL ? name == NULL : name != NULL && strcmp(name, want) == 0,
			      "opcode %u", op);
	}
	static const struct {
		uint16_t code;
		const char *name;
	} codes[] = {
		{ 1000, "normal closure" }, { 1001, "going away" }, { 1002, "protocol error" },
		{ 1003, "unsupported data" }, { 1004, NULL }, { 1005, "no status received" },
		{ 1006, "abnormal closure" }, { 1007, "invalid frame payload data" },
		{ 1008, "policy violation" }, { 1009, "message too big" },
		{ 1010, "mandatory extension" }, { 1011, "internal error" },
		{ 1012, "service restart" }, { 1013, "try again later" }, { 1014, "bad gateway" },
		{ 1015, "TLS handshake" }, { 1016, NULL }, { 0, NULL }, { 999, NULL },
		{ 2999, NULL }, { 3000, "registered by IANA for libraries" },
		{ 3999, "registered by IANA for libraries" }, { 4000, "private use" },
		{ 4999, "private use" }, { 5000, NULL }, { 65535, NULL },
	};
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		const char *name = ws_close_code_name(codes[i].code);
		ck_assert_msg(codes[i].name == NULL ? name == NULL
			      : name != NULL && strcmp(name, codes[i].name) == 0,
			      "close code %u: %s", codes[i].code, name != NULL ? name : "NULL");
	}
}
END_TEST

/* §1.3's example, and python3-websockets's handshake in
 * samples/websocket.pcap (frames 4 and 6). */
START_TEST(accept_key)
{
	char out[WS_ACCEPT_LEN + 1];
	static const char key[] = "dGhlIHNhbXBsZSBub25jZQ==";
	ws_accept_for(key, strlen(key), out);
	ck_assert_str_eq(out, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	ck_assert(ws_accept_ok(key, strlen(key), out, strlen(out)));
	static const char sample[] = "W+6lf1ghroyxtSLZgfN83g==";
	static const char answer[] = "Tor6WwslAUWht2PjwTEYhejRXbg=";
	ck_assert(ws_accept_ok(sample, strlen(sample), answer, strlen(answer)));
	ck_assert(!ws_accept_ok(sample, strlen(sample), answer, strlen(answer) - 1));
	ck_assert(!ws_accept_ok(key, strlen(key), answer, strlen(answer)));
	ck_assert(!ws_accept_ok(sample, strlen(sample) - 1, answer, strlen(answer)));
	ws_accept_for(NULL, 0, out);
	ck_assert_uint_eq(strlen(out), WS_ACCEPT_LEN);
}
END_TEST

/* No callbacks at all, nothing to read, and a stopped parser. */
START_TEST(stopped_parser)
{
	struct ws_parser p;
	static const uint8_t hello[] = { 0x81, 0x05, 'H', 'e', 'l', 'l', 'o' };
	ws_parser_init(&p, false);
	ws_parser_feed(&p, hello, sizeof(hello), NULL, NULL);
	ws_parser_feed(&p, NULL, 0, NULL, NULL);
	ws_parser_gap(&p, 0, NULL, NULL);
	ck_assert(!ws_parser_stopped(&p));
	ws_parser_gap(&p, 1, NULL, NULL);
	ck_assert(ws_parser_stopped(&p));
	memset(&got, 0, sizeof(got));
	ws_parser_feed(&p, hello, sizeof(hello), &cbs, &got);
	ws_parser_gap(&p, 5, &cbs, &got);
	ws_parser_eof(&p, &cbs, &got);
	ck_assert_msg(got.len == 0, "a stopped parser says nothing: %s", got.s);
	ws_parser_init(&p, true);
	ws_parser_eof(&p, &cbs, &got);
	ck_assert(ws_parser_stopped(&p));
	ws_parser_feed(&p, hello, sizeof(hello), &cbs, &got);
	ws_parser_eof(&p, &cbs, &got);
	ck_assert_msg(got.len == 0, "an ended parser says nothing: %s", got.s);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("ws");
	TCase *tc = tcase_create("frames");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rfc_single_frame);
	tcase_add_test(tc, rfc_fragmented);
	tcase_add_test(tc, rfc_ping_pong);
	tcase_add_test(tc, rfc_long_lengths);
	tcase_add_test(tc, sample_conversation);
	tcase_add_test(tc, close_frames);
	tcase_add_test(tc, interleaved_control);
	tcase_add_test(tc, gap_in_payload);
	tcase_add_test(tc, gap_elsewhere);
	tcase_add_test(tc, eof_mid_frame);
	suite_add_tcase(s, tc);

	TCase *rules = tcase_create("rules");
	tcase_set_timeout(rules, 60);
	tcase_add_test(rules, mask_direction);
	tcase_add_test(rules, opcode_rules);
	tcase_add_test(rules, message_rules);
	tcase_add_test(rules, rsv_bits);
	tcase_add_test(rules, length_rules);
	tcase_add_test(rules, close_rules);
	tcase_add_test(rules, utf8_rules);
	tcase_add_test(rules, names);
	tcase_add_test(rules, accept_key);
	tcase_add_test(rules, stopped_parser);
	suite_add_tcase(s, rules);
	return s;
}
