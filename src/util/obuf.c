/*
 * obuf.c - the slow paths of buffered output (see obuf.h).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "tcpview/util/fmt.h"
#include "tcpview/util/obuf.h"

bool obuf_init(struct obuf *o, FILE *fp, size_t cap)
{
	o->buf = malloc(cap);
	o->len = 0;
	o->cap = o->buf != NULL ? cap : 0;
	o->fp = fp;
	o->error = o->buf == NULL;
	o->lost = NULL;
	o->drain = NULL;
	o->drain_ctx = NULL;
	return o->buf != NULL;
}

/* Where the bytes go: the FILE, or the owner's function. */
static void put(struct obuf *o, const void *p, size_t n)
{
	if (o->drain != NULL)
		o->drain(o->drain_ctx, p, n);
	else if (fwrite(p, 1, n, o->fp) != n)
		o->error = true;
}

void obuf_release(struct obuf *o)
{
	free(o->buf);
	o->buf = NULL;
	o->cap = o->len = 0;
}

bool obuf_flush(struct obuf *o)
{
	if (o->len > 0)
		put(o, o->buf, o->len);
	o->len = 0;
	if (o->drain == NULL && fflush(o->fp) != 0)
		o->error = true;
	return !o->error;
}

void obuf_write_slow(struct obuf *o, const void *p, size_t n)
{
	if (o->len > 0)
		put(o, o->buf, o->len);
	o->len = 0;
	if (n >= o->cap) {
		put(o, p, n);
		return;
	}
	memcpy(o->buf, p, n);
	o->len = n;
}

void obuf_printf(struct obuf *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->cap - o->len;
	/* The hand-written formatter first; glibc's when it cannot do the
	 * format or the text may not have fitted. */
	va_start(ap, fmt);
	int n = fmt_vformat(o->buf + o->len, room, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n + 1 < room) {
		o->len += (size_t)n;
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < room) {
		o->len += (size_t)n;
		return;
	}
	/* Did not fit: format into a buffer of the right size. */
	char *tmp = malloc((size_t)n + 1);
	if (tmp == NULL) {
		o->error = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(tmp, (size_t)n + 1, fmt, ap);
	va_end(ap);
	obuf_write(o, tmp, (size_t)n);
	free(tmp);
}

void obuf_sink(void *ctx, const void *p, size_t n)
{
	obuf_write(ctx, p, n);
}

/* write(2) of everything from p, again after a short write or a signal. */
static void write_all(struct obuf *o, int fd, const char *p, size_t n)
{
	while (n > 0 && !o->error) {
		ssize_t k = write(fd, p, n);
		if (k == 0 || (k < 0 && errno != EINTR))
			o->error = true;
		if (k > 0) {
			p += k;
			n -= (size_t)k;
		}
	}
}

void obuf_writev(struct obuf *o, const struct iovec *iov, int n)
{
	int fd = o->drain == NULL ? fileno(o->fp) : -1;
	if (fd < 0) {
		for (int i = 0; i < n; i++)
			obuf_write(o, iov[i].iov_base, iov[i].iov_len);
		return;
	}
	/* What the buffer and the FILE hold goes first, to keep the order. */
	obuf_flush(o);
	/* writev(2) may write less than asked (a pipe, a signal): the iovec
	 * it stopped in is finished alone, the rest goes on as one call. */
	while (n > 0 && !o->error) {
		ssize_t k = writev(fd, iov, n);
		if (k < 0) {
			if (errno != EINTR)
				o->error = true;
			continue;
		}
		size_t left = (size_t)k;
		while (n > 0 && left >= iov->iov_len) {
			left -= iov->iov_len;
			iov++;
			n--;
		}
		if (k == 0 && n > 0) {
			o->error = true;	/* no progress: never spin */
		} else if (left > 0) {
			write_all(o, fd, (const char *)iov->iov_base + left,
				  iov->iov_len - left);
			iov++;
			n--;
		}
	}
}
