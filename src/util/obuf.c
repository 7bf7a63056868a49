/*
 * obuf.c - the slow paths of buffered output (see obuf.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

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
