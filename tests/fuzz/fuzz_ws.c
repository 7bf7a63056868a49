/*
 * fuzz_ws.c - arbitrary bytes through the WebSocket frame parser
 * (app/ws.h), as the client's frames and as the server's.
 *
 * The first input byte picks where the rest is split in two (and how long
 * a gap between the two parts is), and which RSV bits an extension allows;
 * the rest is fed to a client parser and to a server parser, each whole,
 * split at that place, in pieces whose sizes follow from the input's own
 * bytes, and with the gap.  Besides the sanitizers, the harness checks the
 * contract of ws.h and aborts when it breaks: every frame within its
 * bounds, nothing after a stop, one error at most, an incomplete frame only
 * at the end, and the same callbacks however the bytes are split.  It also
 * checks that the accept key computed for the input is accepted.
 *
 * The same entry point serves libFuzzer (clang -fsanitize=fuzzer, `make
 * fuzz-app`) and, built with tests/fuzz/replay_main.c, a main() that
 * replays files: the seeds and past findings in tests/fuzz/ws, in make
 * check.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/app/ws.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the callbacks said, as a running hash, and where the parser is. */
struct watch {
	uint64_t hash;
	bool stopped;		/* on_error came */
	bool ended;		/* ws_parser_eof was called */
	bool incomplete;	/* an incomplete frame came */
	uint64_t frames;
};

static void mix(struct watch *w, uint64_t v)
{
	w->hash = (w->hash ^ v) * 0x100000001b3ULL;
}

static void mix_bytes(struct watch *w, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		mix(w, b[i]);
	mix(w, 0x100);
}

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_ws: %s\n", what);
		abort();
	}
}

/* The bounds and promises of struct ws_frame. */
static void check_frame(const struct ws_frame *f)
{
	check(f->opcode <= 0xF && f->rsv <= 7, "opcode or RSV out of range");
	check(f->header_len >= 1 && f->header_len <= 14, "header length out of range");
	check(f->preview_len <= WS_PREVIEW_MAX, "preview past its bound");
	check(f->preview_len <= f->payload_len, "preview longer than the payload");
	check(f->missing <= f->payload_len, "more missing than payload");
	check(f->close_reason_len <= WS_CLOSE_REASON_MAX &&
	      strlen(f->close_reason) <= f->close_reason_len, "close reason past its bound");
	check(f->opcode == WS_OP_CLOSE || (!f->has_close_code && f->close_reason_len == 0),
	      "a close code on another frame");
	check(!f->has_close_code || f->payload_len >= 2, "a close code without its bytes");
	check(f->message_opcode == 0 || f->message_opcode == WS_OP_TEXT ||
	      f->message_opcode == WS_OP_BINARY, "a message of another opcode");
	check(f->message_opcode != 0 || (f->message_frames == 0 && f->message_len == 0 &&
					 !f->message_end), "message facts outside a message");
	check(f->message_opcode == 0 || f->message_frames >= 1, "a message without frames");
	check(!f->message_end || f->fin, "a message ended without FIN");
	check(!f->text_utf8 || f->message_opcode == WS_OP_TEXT, "UTF-8 on a frame not text");
	check(f->problem == NULL || f->problem[0] != '\0', "an empty problem");
	check(ws_opcode_name(f->opcode) != NULL || f->problem != NULL || f->incomplete,
	      "a reserved opcode without a problem");
}

static void on_frame(void *ctx, const struct ws_frame *f)
{
	struct watch *w = ctx;
	check(!w->stopped && !w->incomplete, "a frame after a stop or an incomplete frame");
	check(!f->incomplete || w->ended, "an incomplete frame before the end");
	check_frame(f);
	w->incomplete = f->incomplete;
	w->frames++;
	mix(w, 1);
	mix(w, (uint64_t)f->fin | (uint64_t)f->rsv << 1 | (uint64_t)f->opcode << 4 |
	       (uint64_t)f->masked << 8 | (uint64_t)f->incomplete << 9 |
	       (uint64_t)f->preview_cut << 10 | (uint64_t)f->text_utf8 << 11 |
	       (uint64_t)f->has_close_code << 12 | (uint64_t)f->message_end << 13);
	mix_bytes(w, f->mask_key, sizeof(f->mask_key));
	mix(w, f->header_len);
	mix(w, f->payload_len);
	mix(w, f->missing);
	mix_bytes(w, f->preview, f->preview_len);
	mix(w, f->close_code);
	mix_bytes(w, f->close_reason, f->close_reason_len);
	mix(w, f->message_opcode);
	mix(w, f->message_frames);
	mix(w, f->message_len);
	mix_bytes(w, f->problem != NULL ? f->problem : "", f->problem != NULL ?
		  strlen(f->problem) : 0);
}

static void on_error(void *ctx, const char *why)
{
	struct watch *w = ctx;
	check(!w->stopped && !w->ended, "a second error, or one after the end");
	check(why != NULL && why[0] != '\0', "an empty error");
	w->stopped = true;
	mix(w, 2);
	mix_bytes(w, why, strlen(why));
}

static const struct ws_callbacks cbs = { on_frame, on_error };

/* Feeds data[from, to) in pieces: one piece, or sizes taken from the bytes
 * themselves (so that the fuzzer explores the cuts too). */
static void feed(struct ws_parser *p, struct watch *w, const uint8_t *data, size_t from,
		 size_t to, bool pieces)
{
	while (from < to) {
		size_t n = to - from;
		if (pieces)
			n = 1 + data[from] % 13;
		if (n > to - from)
			n = to - from;
		ws_parser_feed(p, data + from, n, &cbs, w);
		from += n;
		check(w->stopped == ws_parser_stopped(p), "stopped without an error, or not");
	}
}

/* Feeds all of `data`, the part before `cut` and then the rest (with a gap
 * of `gap` bytes between them, none when 0), and the end.  Returns the
 * callbacks' hash. */
static uint64_t run(bool from_client, uint8_t rsv, const uint8_t *data, size_t size,
		    size_t cut, uint64_t gap, bool pieces)
{
	struct ws_parser p;
	struct watch w = { .hash = 0xcbf29ce484222325ULL };
	ws_parser_init(&p, from_client);
	ws_parser_allow_rsv(&p, rsv);
	feed(&p, &w, data, 0, cut, pieces);
	if (gap > 0)
		ws_parser_gap(&p, gap, &cbs, &w);
	check(w.stopped == ws_parser_stopped(&p), "stopped without an error after a gap");
	feed(&p, &w, data, cut, size, pieces);
	w.ended = true;
	uint64_t before = w.frames;
	ws_parser_eof(&p, &cbs, &w);
	check(w.frames - before <= 1, "more than one frame at the end");
	check(ws_parser_stopped(&p), "reading after the end");
	uint64_t hash = w.hash;
	ws_parser_feed(&p, data, size, &cbs, &w);
	ws_parser_gap(&p, 1, &cbs, &w);
	ws_parser_eof(&p, &cbs, &w);
	check(w.hash == hash, "said something after the end");
	return hash;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t pick = data[0];
	data++, size--;
	size_t cut = size > 0 ? pick % (size + 1) : 0;
	uint8_t rsv = (pick & 0x80) ? WS_RSV1 : 0;
	for (int k = 0; k < 2; k++) {
		bool from_client = k == 0;
		uint64_t whole = run(from_client, rsv, data, size, 0, 0, false);
		check(run(from_client, rsv, data, size, cut, 0, false) == whole,
		      "the split changed what was said");
		check(run(from_client, rsv, data, size, 0, 0, true) == whole,
		      "feeding in pieces changed what was said");
		(void)run(from_client, rsv, data, size, cut, (uint64_t)pick * 7 + 1, false);
		(void)run(from_client, rsv, data, size, cut, (uint64_t)pick << 56, true);
	}
	char accept[WS_ACCEPT_LEN + 1];
	ws_accept_for((const char *)data, size, accept);
	check(strlen(accept) == WS_ACCEPT_LEN, "an accept key of the wrong length");
	check(ws_accept_ok((const char *)data, size, accept, WS_ACCEPT_LEN), "accept key refused");
	return 0;
}
