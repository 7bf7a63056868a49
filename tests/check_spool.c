/*
 * check_spool.c - unit tests of util/spool.h, the per-connection output
 * held until the connection ends.
 *
 * Several spools share one arena whose memory budget is tiny (64 bytes),
 * so nearly everything goes to the arena's temporary file; writes to three
 * spools are interleaved line by line, as the lines of three connections
 * are.  Each spool must then drain into an obuf (on an open_memstream FILE)
 * complete and in order, spool_discard() must drop a spool without output,
 * and the arena's in-memory count must come back to 0.  Last, the spill
 * file is made unable to grow (RLIMIT_FSIZE, with SIGXFSZ ignored): every
 * byte must still come out, or spool_drain() must say that some did not.
 */
#include <check.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "tcpview/util/obuf.h"
#include "tcpview/util/spool.h"
#include "check_main.h"

#define NSPOOLS 3
#define BUDGET 64

/* An obuf writing to memory; `text` and `len` are valid after mem_close(). */
struct mem {
	FILE *fp;
	char *text;
	size_t len;
	struct obuf ob;
};

static void mem_open(struct mem *m)
{
	m->text = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->text, &m->len);
	ck_assert_msg(m->fp != NULL, "open_memstream should succeed");
	ck_assert_msg(obuf_init(&m->ob, m->fp, 4096), "obuf_init should succeed");
}

/* Flushes and closes; returns whether the obuf saw no write error. */
static bool mem_close(struct mem *m)
{
	bool ok = obuf_flush(&m->ob);
	obuf_release(&m->ob);
	fclose(m->fp);
	return ok;
}

/* Line `k` of spool `i`: "spool 1 line 0042 ........\n", lengths vary. */
static size_t line_of(char *buf, size_t cap, int i, int k)
{
	int n = snprintf(buf, cap, "spool %d line %04d %.*s\n", i, k, k % 23,
			 "..............................");
	return (size_t)n;
}

/* What spool `i` should hold after lines 0 .. nlines-1. */
static char *expected_text(int i, int nlines)
{
	size_t cap = (size_t)nlines * 64 + 1, len = 0;
	char *t = malloc(cap);
	ck_assert(t != NULL);
	for (int k = 0; k < nlines; k++)
		len += line_of(t + len, cap - len, i, k);
	return t;
}

/*
 * Three spools, 400 lines each written in turn (spool 0, 1, 2, 0, 1, ...),
 * about 40 KB against a 64-byte budget: the spill file is used, and each
 * spool drains whole and in order, returning true.
 */
/* Fixed-size records come back whole and in order, across the spill file
 * (a small budget) and the 8 KB chunks it is read in: 3001 records of 37
 * bytes cross chunk boundaries in the middle of a record. */
#define REC 37

struct rec_check {
	uint32_t next;
	bool ok;
};

static void check_record(void *ctx, void *rec)
{
	struct rec_check *c = ctx;
	const unsigned char *r = rec;
	uint32_t n;
	memcpy(&n, r, sizeof(n));
	if (n != c->next || r[4] != (unsigned char)n || r[REC - 1] != 0xa5)
		c->ok = false;
	c->next++;
}

START_TEST(records_come_back_whole)
{
	struct spool_arena a;
	struct spool s;
	memset(&s, 0, sizeof(s));
	spool_arena_init(&a, 4096);
	for (uint32_t i = 0; i < 3001; i++) {
		unsigned char r[REC];
		memset(r, 0, sizeof(r));
		memcpy(r, &i, sizeof(i));
		r[4] = (unsigned char)i;
		r[REC - 1] = 0xa5;
		spool_write(&a, &s, r, sizeof(r));
	}
	ck_assert(s.next > 0);	/* some went to the file */
	struct rec_check c = { 0, true };
	ck_assert(spool_drain_records(&a, &s, REC, check_record, &c));
	ck_assert(c.ok);
	ck_assert_uint_eq(c.next, 3001);
	/* A size that does not divide the bytes is refused, not misread. */
	struct spool t;
	memset(&t, 0, sizeof(t));
	spool_write(&a, &t, "abcdefg", 7);
	c.next = 0;
	ck_assert(!spool_drain_records(&a, &t, 4, check_record, &c));
	spool_arena_release(&a);
}
END_TEST

START_TEST(interleaved_spools_drain_in_order)
{
	enum { NLINES = 400 };
	struct spool_arena a;
	struct spool sp[NSPOOLS];
	memset(sp, 0, sizeof(sp));
	spool_arena_init(&a, BUDGET);
	for (int k = 0; k < NLINES; k++) {
		for (int i = 0; i < NSPOOLS; i++) {
			char line[80];
			size_t n = line_of(line, sizeof(line), i, k);
			spool_write(&a, &sp[i], line, n);
		}
	}
	ck_assert_msg(a.spill != NULL && a.spill_end > 0,
		      "with a %d-byte budget the lines must go to the spill file", BUDGET);
	ck_assert_msg(!a.error, "no spill error expected");

	/* Drained in another order than written: 1, 0, 2. */
	static const int order[NSPOOLS] = { 1, 0, 2 };
	for (int j = 0; j < NSPOOLS; j++) {
		int i = order[j];
		struct mem m;
		mem_open(&m);
		bool ok = spool_drain(&a, &sp[i], &m.ob);
		ck_assert_msg(mem_close(&m), "spool %d: the obuf should see no write error", i);
		ck_assert_msg(ok, "spool %d: spool_drain should return true", i);
		char *want = expected_text(i, NLINES);
		ck_assert_msg(m.len == strlen(want), "spool %d: %zu bytes expected, got %zu", i,
			      strlen(want), m.len);
		ck_assert_msg(memcmp(m.text, want, m.len) == 0,
			      "spool %d: the lines must come out complete and in order", i);
		ck_assert_msg(sp[i].len == 0 && sp[i].next == 0, "spool %d is empty after draining", i);
		free(want);
		free(m.text);
	}
	ck_assert_msg(a.in_memory == 0, "arena in_memory back to 0, got %zu", a.in_memory);
	spool_arena_release(&a);
}
END_TEST

/*
 * spool_discard() frees a spool (in memory and spilled parts) without
 * output; the other spools' spilled bytes are untouched, and a discarded
 * spool can be written and drained again from scratch.
 */
START_TEST(discard_frees_without_output)
{
	enum { NLINES = 200 };
	struct spool_arena a;
	struct spool sp[NSPOOLS];
	memset(sp, 0, sizeof(sp));
	spool_arena_init(&a, BUDGET);
	for (int k = 0; k < NLINES; k++) {
		for (int i = 0; i < NSPOOLS; i++) {
			char line[80];
			size_t n = line_of(line, sizeof(line), i, k);
			spool_write(&a, &sp[i], line, n);
		}
	}
	ck_assert_msg(sp[1].next > 0, "spool 1 has spilled parts before the discard");
	spool_discard(&a, &sp[1]);
	ck_assert_msg(sp[1].len == 0 && sp[1].next == 0 && sp[1].buf == NULL && sp[1].ext == NULL,
		      "a discarded spool holds nothing");

	/* Reused: only what is written after the discard comes out. */
	spool_write(&a, &sp[1], "again\n", 6);
	struct mem m;
	mem_open(&m);
	ck_assert_msg(spool_drain(&a, &sp[1], &m.ob), "draining the reused spool succeeds");
	mem_close(&m);
	ck_assert_msg(m.len == 6 && memcmp(m.text, "again\n", 6) == 0,
		      "the reused spool gives only \"again\\n\", got %zu bytes", m.len);
	free(m.text);

	for (int i = 0; i < NSPOOLS; i += 2) {
		mem_open(&m);
		ck_assert_msg(spool_drain(&a, &sp[i], &m.ob), "spool %d drains", i);
		mem_close(&m);
		char *want = expected_text(i, NLINES);
		ck_assert_msg(m.len == strlen(want) && memcmp(m.text, want, m.len) == 0,
			      "spool %d is complete after spool 1 was discarded", i);
		free(want);
		free(m.text);
	}
	ck_assert_msg(a.in_memory == 0, "arena in_memory back to 0, got %zu", a.in_memory);

	/* Discarding a spool that never spilled also returns its memory. */
	struct spool one;
	memset(&one, 0, sizeof(one));
	spool_write(&a, &one, "x", 1);
	ck_assert_msg(a.in_memory == 1, "one byte in memory");
	spool_discard(&a, &one);
	ck_assert_msg(a.in_memory == 0, "discard returns it: in_memory 0, got %zu", a.in_memory);
	spool_arena_release(&a);
}
END_TEST

/*
 * spool.h: the arena "keeps at most `budget` bytes in memory and moves the
 * rest to one anonymous temporary file".  After every write of the
 * interleaved lines, the bytes the arena counts in memory must be within
 * the 64-byte budget, give or take the line just written.
 */
START_TEST(memory_stays_within_budget)
{
	enum { NLINES = 200, LINE_MAX_LEN = 64 };
	struct spool_arena a;
	struct spool sp[NSPOOLS];
	memset(sp, 0, sizeof(sp));
	spool_arena_init(&a, BUDGET);
	size_t worst = 0;
	int worst_k = -1;
	for (int k = 0; k < NLINES; k++) {
		for (int i = 0; i < NSPOOLS; i++) {
			char line[80];
			size_t n = line_of(line, sizeof(line), i, k);
			spool_write(&a, &sp[i], line, n);
			if (a.in_memory > worst) {
				worst = a.in_memory;
				worst_k = k;
			}
		}
	}
	ck_assert_msg(!a.error, "no spill error expected");
	ck_assert_msg(worst <= BUDGET + LINE_MAX_LEN, "in_memory reached %zu bytes (line %d) with a "
		      "%d-byte budget", worst, worst_k, BUDGET);
	for (int i = 0; i < NSPOOLS; i++)
		spool_discard(&a, &sp[i]);
	spool_arena_release(&a);
}
END_TEST

/*
 * A write larger than a spool's in-memory chunk, between small ones, and an
 * empty spool drained: all in order, nothing for the empty one.
 */
START_TEST(large_and_empty_writes)
{
	enum { BIG = 200 * 1024 };
	struct spool_arena a;
	struct spool s, empty;
	memset(&s, 0, sizeof(s));
	memset(&empty, 0, sizeof(empty));
	spool_arena_init(&a, BUDGET);
	char *big = malloc(BIG);
	ck_assert(big != NULL);
	for (size_t i = 0; i < BIG; i++)
		big[i] = (char)('a' + i % 26);
	spool_write(&a, &s, "head\n", 5);
	spool_write(&a, &s, big, BIG);
	spool_write(&a, &s, "tail\n", 5);

	struct mem m;
	mem_open(&m);
	ck_assert_msg(spool_drain(&a, &s, &m.ob), "the spool drains");
	ck_assert_msg(spool_drain(&a, &empty, &m.ob), "an empty spool drains (nothing)");
	mem_close(&m);
	ck_assert_msg(m.len == 5 + BIG + 5, "%d bytes expected, got %zu", 5 + BIG + 5, m.len);
	ck_assert_msg(memcmp(m.text, "head\n", 5) == 0 && memcmp(m.text + 5, big, BIG) == 0 &&
		      memcmp(m.text + 5 + BIG, "tail\n", 5) == 0,
		      "head, the 200 KB block and tail, in that order");
	ck_assert_msg(a.in_memory == 0, "arena in_memory back to 0, got %zu", a.in_memory);
	free(big);
	free(m.text);
	spool_arena_release(&a);
}
END_TEST

/*
 * The spill file cannot grow past 4 KB (RLIMIT_FSIZE; SIGXFSZ ignored, so a
 * write past the limit fails with EFBIG instead of killing the process).
 * The limit is set only around the spool calls and lifted before any
 * ck_assert, since Check writes files of its own.  spool.h: a spill that
 * fails keeps the bytes in memory rather than lose them, so every spool
 * comes out whole and in order, and spool_drain() says so.
 */
START_TEST(spill_failure_is_never_silent)
{
	enum { NLINES = 600 };
	struct spool_arena a;
	struct spool sp[NSPOOLS];
	struct mem m[NSPOOLS];
	bool ok[NSPOOLS];
	memset(sp, 0, sizeof(sp));
	for (int i = 0; i < NSPOOLS; i++)
		mem_open(&m[i]);
	spool_arena_init(&a, BUDGET);

	struct rlimit old, lim;
	ck_assert_msg(getrlimit(RLIMIT_FSIZE, &old) == 0, "getrlimit should succeed");
	struct sigaction ign, was;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	ck_assert_msg(sigaction(SIGXFSZ, &ign, &was) == 0, "SIGXFSZ should be ignored");
	lim = old;
	lim.rlim_cur = 4096;
	if (old.rlim_max != RLIM_INFINITY && old.rlim_max < lim.rlim_cur)
		lim.rlim_cur = old.rlim_max;
	int set = setrlimit(RLIMIT_FSIZE, &lim);

	/* --- no ck_assert from here until the limit is lifted --- */
	for (int k = 0; k < NLINES; k++) {
		for (int i = 0; i < NSPOOLS; i++) {
			char line[80];
			size_t n = line_of(line, sizeof(line), i, k);
			spool_write(&a, &sp[i], line, n);
		}
	}
	bool arena_error = a.error;
	for (int i = 0; i < NSPOOLS; i++)
		ok[i] = spool_drain(&a, &sp[i], &m[i].ob);
	int lifted = setrlimit(RLIMIT_FSIZE, &old);
	/* --- the limit is lifted --- */

	sigaction(SIGXFSZ, &was, NULL);
	ck_assert_msg(set == 0 && lifted == 0, "setrlimit(RLIMIT_FSIZE) should succeed");
	ck_assert_msg(arena_error, "about 50 KB against a 4 KB file limit: the spill must fail "
		      "(or this test tests nothing)");
	for (int i = 0; i < NSPOOLS; i++) {
		mem_close(&m[i]);
		char *want = expected_text(i, NLINES);
		bool whole = m[i].len == strlen(want) && memcmp(m[i].text, want, m[i].len) == 0;
		ck_assert_msg(whole && ok[i], "spool %d: %zu of the %zu bytes written came out "
			      "(spool_drain said %s)", i, m[i].len, strlen(want),
			      ok[i] ? "true" : "false");
		free(want);
		free(m[i].text);
	}
	ck_assert_msg(a.in_memory == 0, "arena in_memory back to 0, got %zu", a.in_memory);
	spool_arena_release(&a);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("spool");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, interleaved_spools_drain_in_order);
	tcase_add_test(tc, discard_frees_without_output);
	tcase_add_test(tc, memory_stays_within_budget);
	tcase_add_test(tc, large_and_empty_writes);
	tcase_add_test(tc, spill_failure_is_never_silent);
	tcase_add_test(tc, records_come_back_whole);
	suite_add_tcase(s, tc);
	return s;
}
