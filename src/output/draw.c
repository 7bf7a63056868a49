/*
 * draw.c - formatted and escaped text for the pictures' writers (output
 * layer, under the ladders and the time-sequence graph).
 *
 * A picture is written through a struct draw_out (draw.h) and never
 * knows where its bytes go.  draw_printf() formats in the C locale with
 * fmt_vformat, without allocating, into a buffer on the stack; draw_xml()
 * makes any text safe inside an SVG or HTML element or attribute value,
 * so that the words of the say layer and the strings quoted from packets
 * cannot end an element or break the document's XML.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "tcpview/output/draw.h"
#include "tcpview/util/fmt.h"

void draw_printf(const struct draw_out *o, const char *fmt, ...)
{
	char buf[1024];
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = fmt_vformat(buf, sizeof(buf), fmt, ap);
	/* A directive fmt_vformat does not do falls back to vsnprintf, as
	 * fmt_format() does; the writers use none whose output depends on
	 * the locale (no %f: coordinates are formatted from integers). */
	if (n < 0) {
		n = vsnprintf(buf, sizeof(buf), fmt, aq);
		if (n < 0)
			n = 0;
		else if ((size_t)n >= sizeof(buf))
			n = (int)sizeof(buf) - 1;
	}
	va_end(aq);
	va_end(ap);
	draw_write(o, buf, (size_t)n);
}

/*
 * Bytes of the well-formed UTF-8 sequence at s[0] (n bytes left), or 0
 * when it is not one (RFC 3629 §4: no overlong forms, no surrogates,
 * nothing past U+10FFFF).  An ill-formed byte would make the whole SVG
 * unreadable to an XML parser, so it becomes '?' like a control byte.
 */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned lo = 0x80, hi = 0xbf;	/* range of the second byte */
	if (c < 0xc2)
		return 0;	/* a continuation byte, or an overlong lead */
	if (c < 0xe0) {
		len = 2;
	} else if (c < 0xf0) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c < 0xf5) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

void draw_xml(const struct draw_out *o, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0;		/* start of the bytes that need no change */
	for (size_t i = 0; i < n;) {
		const char *rep;
		size_t skip = 1;
		switch (p[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			if (p[i] < 0x80) {
				/* XML 1.0 §2.2 allows tab, newline and carriage
				 * return among the controls; a newline is kept
				 * (a tooltip may have two lines), CR is not. */
				if (p[i] >= 0x20 || p[i] == '\t' || p[i] == '\n') {
					i++;
					continue;
				}
				rep = "?";
				break;
			}
			skip = utf8_len(p + i, n - i);
			if (skip > 0) {
				i += skip;
				continue;
			}
			rep = "?";
			skip = 1;
			break;
		}
		draw_write(o, s + run, i - run);
		draw_puts(o, rep);
		i += skip;
		run = i;
	}
	draw_write(o, s + run, n - run);
}
