/*
 * check_obuf.c - unit tests of util/obuf.h's obuf_writev(): the merge of
 * -j writes the workers' pieces where they lie, with writev(2), between
 * bytes that went through the buffer.  The order must hold, a FILE with no
 * descriptor must still get everything, and a writev(2) cut short by a
 * signal must go on from the byte where it stopped.
 */
#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpview/util/obuf.h"
#include "check_main.h"

/* Bytes that tell their place: byte i of a run started at `seed`. */
static void fill(char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('a' + (seed + i * 7) % 26);
}

/* What the output gets: "head:", the iovecs, then ":tail" if `tail`. */
struct script {
	struct iovec iov[300];
	int n;
	bool tail;
	char *expect;
	size_t len;
};

/* `n` iovecs over one buffer, of lengths 0, 1, ... up to `big`. */
static void script_make(struct script *s, int n, size_t big, bool tail)
{
	size_t total = 0, len[300];
	for (int i = 0; i < n; i++) {
		len[i] = i == 0 ? 0 : i == n - 1 ? big
					  : (size_t)(i * 37 % 5000);
		total += len[i];
	}
	char *data = malloc(total + 1);
	ck_assert_ptr_nonnull(data);
	fill(data, total, 3);
	s->n = n;
	size_t at = 0;
	for (int i = 0; i < n; i++) {
		s->iov[i].iov_base = data + at;
		s->iov[i].iov_len = len[i];
		at += len[i];
	}
	s->tail = tail;
	s->len = 5 + total + (tail ? 5 : 0);
	s->expect = malloc(s->len);
	ck_assert_ptr_nonnull(s->expect);
	memcpy(s->expect, "head:", 5);
	memcpy(s->expect + 5, data, total);
	if (tail)
		memcpy(s->expect + 5 + total, ":tail", 5);
}

static void script_free(struct script *s)
{
	free(s->iov[0].iov_base);
	free(s->expect);
}

/* Writes the script through an obuf of a small buffer on `fp`. */
static bool script_write(const struct script *s, FILE *fp)
{
	struct obuf o;
	ck_assert(obuf_init(&o, fp, 16));
	obuf_write(&o, "head:", 5);
	obuf_writev(&o, s->iov, s->n);
	if (s->tail)
		obuf_write(&o, ":tail", 5);
	bool ok = obuf_flush(&o);
	obuf_release(&o);
	return ok;
}

START_TEST(writev_keeps_the_order_on_a_file)
{
	struct script s;
	script_make(&s, 40, 200000, true);
	FILE *fp = tmpfile();
	ck_assert_ptr_nonnull(fp);
	ck_assert(script_write(&s, fp));
	rewind(fp);
	char *got = malloc(s.len + 1);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(fread(got, 1, s.len + 1, fp), s.len);
	ck_assert(memcmp(got, s.expect, s.len) == 0);
	free(got);
	fclose(fp);
	script_free(&s);
}
END_TEST

START_TEST(writev_without_a_descriptor_goes_through_the_buffer)
{
	struct script s;
	script_make(&s, 40, 200000, true);
	char *text = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_lt(fileno(fp), 0);
	ck_assert(script_write(&s, fp));
	fclose(fp);
	ck_assert_uint_eq(size, s.len);
	ck_assert(memcmp(text, s.expect, s.len) == 0);
	free(text);
	script_free(&s);
}
END_TEST

/* The far end of a pipe: reads everything in small bites, and interrupts
 * the writer with a signal between bites, so that its writev(2) returns
 * having written part of what it was asked (pipe(7): a blocked write
 * interrupted after some bytes returns their count). */
struct far_end {
	int fd;
	pthread_t writer;
	char *got;
	size_t len, cap;
	unsigned signals;
};

static void on_signal(int sig)
{
	(void)sig;
}

static void *read_slowly(void *arg)
{
	struct far_end *f = arg;
	for (;;) {
		size_t want = f->cap - f->len < 3000 ? f->cap - f->len : 3000;
		ssize_t k = want > 0 ? read(f->fd, f->got + f->len, want) : 0;
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		f->len += (size_t)k;
		if (f->len % 7 == 0 || k == 3000) {
			pthread_kill(f->writer, SIGUSR1);
			f->signals++;
		}
	}
	return NULL;
}

START_TEST(writev_goes_on_after_a_signal_cut_it_short)
{
	/* No SA_RESTART: the signal ends the blocked writev(2). */
	struct sigaction sa = { .sa_handler = on_signal }, old;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, &old), 0);
	struct script s;
	/* No tail: stdio's own write, were a signal to cut it, fails with
	 * EINTR (glibc does not retry), which is not what is tested. */
	script_make(&s, 300, 1 << 20, false);
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	struct far_end f = { .fd = fds[0], .writer = pthread_self(),
			     .cap = s.len + 1 };
	f.got = malloc(f.cap);
	ck_assert_ptr_nonnull(f.got);
	pthread_t reader;
	ck_assert_int_eq(pthread_create(&reader, NULL, read_slowly, &f), 0);
	FILE *fp = fdopen(fds[1], "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert(script_write(&s, fp));
	fclose(fp);
	pthread_join(reader, NULL);
	close(fds[0]);
	sigaction(SIGUSR1, &old, NULL);
	ck_assert_uint_gt(f.signals, 10);
	ck_assert_uint_eq(f.len, s.len);
	ck_assert(memcmp(f.got, s.expect, s.len) == 0);
	free(f.got);
	script_free(&s);
}
END_TEST

START_TEST(writev_error_is_sticky)
{
	struct script s;
	script_make(&s, 10, 1000, false);
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	close(fds[0]);	/* nobody reads: EPIPE */
	struct sigaction sa = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGPIPE, &sa, &old), 0);
	FILE *fp = fdopen(fds[1], "w");
	ck_assert_ptr_nonnull(fp);
	/* The iovecs alone, nothing buffered before or after them: a write
	 * of stdio's would fail on its own and hide whether obuf_writev()
	 * kept the error. */
	struct obuf o;
	ck_assert(obuf_init(&o, fp, 16));
	obuf_writev(&o, s.iov, s.n);
	ck_assert(!obuf_flush(&o));
	obuf_release(&o);
	fclose(fp);
	sigaction(SIGPIPE, &old, NULL);
	script_free(&s);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("obuf");
	TCase *tc = tcase_create("writev");
	tcase_add_test(tc, writev_keeps_the_order_on_a_file);
	tcase_add_test(tc, writev_without_a_descriptor_goes_through_the_buffer);
	tcase_add_test(tc, writev_goes_on_after_a_signal_cut_it_short);
	tcase_add_test(tc, writev_error_is_sticky);
	suite_add_tcase(s, tc);
	return s;
}
