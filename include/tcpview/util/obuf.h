/*
 * obuf.h - buffered output to a FILE.
 *
 * Reporters write through an obuf so that output leaves the process in large
 * writes and small appends stay inline.  The obuf owns its buffer, not the
 * FILE.  A write error is sticky and reported once, at obuf_flush().
 * Output that a writer could not produce (memory, a spool that failed) is
 * marked with obuf_lost(): the first reason is kept in `lost` (a static
 * string) for main.c to report, so that nothing is dropped in silence.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.
 */
#ifndef TCPVIEW_OBUF_H
#define TCPVIEW_OBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>

struct obuf {
	char *buf;
	size_t len, cap;
	FILE *fp;
	bool error;
	const char *lost;	/* why some output is missing, or NULL */
	/* When set, what the buffer lets go goes here instead of to fp (a
	 * worker thread's output, put back in order by its owner). */
	void (*drain)(void *ctx, const void *p, size_t n);
	void *drain_ctx;
};

static inline void obuf_lost(struct obuf *o, const char *why)
{
	if (o->lost == NULL)
		o->lost = why;
}

bool obuf_init(struct obuf *o, FILE *fp, size_t cap);
void obuf_release(struct obuf *o);
/* Writes out what is buffered; false if any write failed. */
bool obuf_flush(struct obuf *o);
void obuf_write_slow(struct obuf *o, const void *p, size_t n);
/* obuf_write() for a writer that takes a function and its context (ctx:
 * the obuf): a spool drained, a picture drawn straight to the output. */
void obuf_sink(void *ctx, const void *p, size_t n);
void obuf_printf(struct obuf *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Writes the bytes of `n` iovecs where they lie, after what is buffered:
 * with writev(2) on the FILE's descriptor, so that bytes made elsewhere
 * (a worker's out blocks) leave without a copy; through the buffer when
 * the output is a drain or a FILE with no descriptor.
 */
void obuf_writev(struct obuf *o, const struct iovec *iov, int n);

static inline void obuf_write(struct obuf *o, const void *p, size_t n)
{
	if (o->cap - o->len >= n) {
		memcpy(o->buf + o->len, p, n);
		o->len += n;
	} else {
		obuf_write_slow(o, p, n);
	}
}

/*
 * Room for `n` bytes at the end of the buffer, flushing first if needed:
 * a writer fills it in place and then commits what it used with
 * obuf_commit().  NULL when the buffer is smaller than n.
 */
static inline char *obuf_reserve(struct obuf *o, size_t n)
{
	if (o->cap - o->len < n) {
		obuf_flush(o);
		if (o->cap - o->len < n)
			return NULL;
	}
	return o->buf + o->len;
}

static inline void obuf_commit(struct obuf *o, size_t n)
{
	o->len += n;
}

static inline void obuf_puts(struct obuf *o, const char *s)
{
	obuf_write(o, s, strlen(s));
}

static inline void obuf_putc(struct obuf *o, char ch)
{
	if (o->len == o->cap)
		obuf_write_slow(o, &ch, 1);
	else
		o->buf[o->len++] = ch;
}

#endif
