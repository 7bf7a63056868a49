/*
 * draw.h - where a picture's writer puts its bytes (output layer).
 *
 * The ladder writers (text, Mermaid, SVG) and the time-sequence graph
 * write through a struct draw_out: a function and its context, so that
 * the same writer fills a connection's spool, the document's spool or
 * the obuf without knowing which.  draw_printf() formats with
 * fmt_vformat (C locale, no allocation) into a bounded buffer on the
 * stack; draw_xml() escapes text for SVG and HTML (&, <, >, ", ').
 * Nothing here allocates.
 */
#ifndef TCPVIEW_OUTPUT_DRAW_H
#define TCPVIEW_OUTPUT_DRAW_H

#include <stddef.h>
#include <string.h>

struct draw_out {
	void (*put)(void *ctx, const void *p, size_t n);
	void *ctx;
};

static inline void draw_write(const struct draw_out *o, const void *p, size_t n)
{
	if (n > 0)
		o->put(o->ctx, p, n);
}

static inline void draw_puts(const struct draw_out *o, const char *s)
{
	draw_write(o, s, strlen(s));
}

/* At most 1023 bytes of output per call. */
void draw_printf(const struct draw_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* `s` (n bytes) with the five XML special characters escaped; control
 * bytes other than tab and newline, and bytes that are not well-formed
 * UTF-8, become '?' (XML 1.0 forbids them, and one would make a whole
 * standalone SVG unreadable). */
void draw_xml(const struct draw_out *o, const char *s, size_t n);

#endif
