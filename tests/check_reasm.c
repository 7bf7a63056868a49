/*
 * check_reasm.c - unit tests of reasm.h, one direction's byte stream put
 * back in order: in-order bytes delivered at once, retransmitted overlap
 * trimmed, early segments held until the gap fills, a gap that never fills
 * reported by reasm_finish() as a gap mark (data == NULL), bytes cut by the
 * snap length (caplen < len) reported as a gap, and a stream whose sequence
 * numbers wrap 2^32 in the middle.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/tcp/reasm.h"
#include "check_main.h"

#define MAX_CHUNKS 32

/* What the sink received: the bytes in order, and each call. */
struct sink {
	char bytes[1024];
	size_t nbytes;
	struct { uint64_t frame; bool gap; size_t len; } chunk[MAX_CHUNKS];
	size_t nchunks;
};

static void collect(void *ctx, uint64_t frame, const uint8_t *data, size_t len)
{
	struct sink *s = ctx;
	if (s->nchunks < MAX_CHUNKS) {
		s->chunk[s->nchunks].frame = frame;
		s->chunk[s->nchunks].gap = data == NULL;
		s->chunk[s->nchunks].len = len;
	}
	s->nchunks++;
	if (data == NULL) {
		/* show a gap as '#' per missing byte */
		for (size_t i = 0; i < len && s->nbytes < sizeof(s->bytes) - 1; i++)
			s->bytes[s->nbytes++] = '#';
	} else {
		for (size_t i = 0; i < len && s->nbytes < sizeof(s->bytes) - 1; i++)
			s->bytes[s->nbytes++] = (char)data[i];
	}
	s->bytes[s->nbytes] = '\0';
}

static bool add(struct reasm *r, uint32_t seq, const char *text, uint64_t frame)
{
	uint32_t n = (uint32_t)strlen(text);
	return reasm_add(r, seq, (const uint8_t *)text, n, n, frame);
}

START_TEST(in_order_delivery)
{
	struct sink s = { 0 };
	struct reasm r;
	reasm_init(&r, collect, &s);
	ck_assert(add(&r, 1000, "hello", 1));
	ck_assert_msg(strcmp(s.bytes, "hello") == 0, "in-order bytes go out at once");
	ck_assert(add(&r, 1005, " world", 2));
	reasm_finish(&r);
	ck_assert_msg(strcmp(s.bytes, "hello world") == 0, "stream should read \"hello world\", "
		      "got \"%s\"", s.bytes);
	ck_assert_msg(s.nchunks == 2 && s.chunk[0].frame == 1 && s.chunk[1].frame == 2,
		      "two deliveries, from frames 1 and 2");
	ck_assert_msg(r.next == 1011, "next expected seq should be 1011, got %u", r.next);
	ck_assert_msg(reasm_add(&r, 1011, NULL, 0, 0, 3), "an empty segment is accepted");
	ck_assert_msg(s.nchunks == 2, "an empty segment delivers nothing");
}
END_TEST

START_TEST(retransmitted_overlap_trimmed)
{
	struct sink s = { 0 };
	struct reasm r;
	reasm_init(&r, collect, &s);
	add(&r, 1000, "hello", 1);
	add(&r, 1000, "hello", 2);		/* exact retransmission */
	ck_assert_msg(s.nchunks == 1, "a full retransmission delivers nothing new");
	add(&r, 1003, "lo world", 3);		/* overlaps "lo", brings " world" */
	reasm_finish(&r);
	ck_assert_msg(strcmp(s.bytes, "hello world") == 0, "overlap must be trimmed: got \"%s\"",
		      s.bytes);
	ck_assert_msg(s.nchunks == 2 && s.chunk[1].len == 6 && s.chunk[1].frame == 3,
		      "frame 3 contributes only its 6 new bytes");
}
END_TEST

START_TEST(out_of_order_held_until_gap_fills)
{
	struct sink s = { 0 };
	struct reasm r;
	reasm_init(&r, collect, &s);
	add(&r, 1000, "abc", 1);
	add(&r, 1006, "ghi", 2);		/* early: bytes 1003-1005 missing */
	ck_assert_msg(strcmp(s.bytes, "abc") == 0, "an early segment is held, not delivered");
	ck_assert_msg(r.pending_bytes == 3, "3 bytes held, got %zu", r.pending_bytes);
	add(&r, 1003, "def", 3);		/* fills the gap */
	ck_assert_msg(strcmp(s.bytes, "abcdefghi") == 0, "gap filled: \"abcdefghi\", got \"%s\"",
		      s.bytes);
	ck_assert_msg(s.nchunks == 3 && s.chunk[1].frame == 3 && s.chunk[2].frame == 2,
		      "frame 3's bytes then the held frame 2's");
	ck_assert_msg(r.pending == NULL && r.pending_bytes == 0, "nothing left held");
	reasm_finish(&r);
	ck_assert_msg(s.nchunks == 3, "finish has nothing more to deliver");
}
END_TEST

START_TEST(gap_reported_at_finish)
{
	struct sink s = { 0 };
	struct reasm r;
	reasm_init(&r, collect, &s);
	add(&r, 1000, "abc", 1);
	add(&r, 1010, "xyz", 2);		/* 1003-1009 never arrive */
	ck_assert_msg(strcmp(s.bytes, "abc") == 0, "held until finish");
	reasm_finish(&r);
	ck_assert_msg(strcmp(s.bytes, "abc#######xyz") == 0,
		      "finish: a 7-byte gap mark then \"xyz\", got \"%s\"", s.bytes);
	ck_assert_msg(s.nchunks == 3 && s.chunk[1].gap && s.chunk[1].len == 7,
		      "the gap mark has data == NULL and len 7");
	ck_assert_msg(!s.chunk[2].gap && s.chunk[2].frame == 2, "then frame 2's bytes");
	ck_assert_msg(r.pending == NULL, "finish frees what was held");
}
END_TEST

START_TEST(truncated_segment_gap)
{
	struct sink s = { 0 };
	struct reasm r;
	reasm_init(&r, collect, &s);
	/* 10 bytes on the wire, 3 captured (snap length). */
	ck_assert(reasm_add(&r, 1000, (const uint8_t *)"abc", 3, 10, 1));
	ck_assert_msg(strcmp(s.bytes, "abc#######") == 0,
		      "captured bytes then a 7-byte gap, got \"%s\"", s.bytes);
	ck_assert_msg(s.nchunks == 2 && s.chunk[1].gap && s.chunk[1].len == 7 &&
		      s.chunk[1].frame == 1, "gap mark of 7 bytes from frame 1");
	add(&r, 1010, "klm", 2);
	reasm_finish(&r);
	ck_assert_msg(strcmp(s.bytes, "abc#######klm") == 0,
		      "the next segment continues right after the gap, got \"%s\"", s.bytes);
}
END_TEST

START_TEST(wrap_in_the_middle)
{
	struct sink s = { 0 };
	struct reasm r;
	reasm_init(&r, collect, &s);
	add(&r, 0xfffffffau, "abc", 1);		/* 0xfffffffa-0xfffffffc */
	add(&r, 0x00000000u, "ghi", 3);		/* after the wrap: early */
	ck_assert_msg(strcmp(s.bytes, "abc") == 0, "segment after the wrap is held");
	add(&r, 0xfffffffdu, "def", 2);		/* 0xfffffffd-0xffffffff: fills the gap */
	add(&r, 0x00000003u, "jkl", 4);
	add(&r, 0xfffffffeu, "ef", 5);		/* old retransmission across the wrap point */
	reasm_finish(&r);
	ck_assert_msg(strcmp(s.bytes, "abcdefghijkl") == 0,
		      "stream across 2^32 should read \"abcdefghijkl\", got \"%s\"", s.bytes);
	ck_assert_msg(r.next == 6, "next expected seq after the wrap should be 6, got %u", r.next);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("reasm");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, in_order_delivery);
	tcase_add_test(tc, retransmitted_overlap_trimmed);
	tcase_add_test(tc, out_of_order_held_until_gap_fills);
	tcase_add_test(tc, gap_reported_at_finish);
	tcase_add_test(tc, truncated_segment_gap);
	tcase_add_test(tc, wrap_in_the_middle);
	suite_add_tcase(s, tc);
	return s;
}
