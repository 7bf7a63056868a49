/*
 * sentence.c - the formatted appender of struct sb (see sentence.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "sentence.h"

void sb_put_cut(struct sb *s, const char *p, size_t n)
{
	if (n > s->cap - 1 - s->len)
		n = s->cap - 1 - s->len;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

void sb_printf(struct sb *s, const char *fmt, ...)
{
	va_list ap, ap2;
	if (s->len + 1 >= s->cap)
		return;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = fmt_vformat(s->buf + s->len, s->cap - s->len, fmt, ap);
	if (n < 0)
		n = vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap2);
	va_end(ap2);
	va_end(ap);
	if (n > 0)
		s->len = s->len + (size_t)n < s->cap ? s->len + (size_t)n : s->cap - 1;
}

/* Application text, quoted: printable ASCII kept, the rest as "\xNN". */
void sb_quoted(struct sb *s, const char *p, size_t n, bool cut)
{
	sb_lit(s, "\"");
	for (size_t i = 0; i < n; i++) {
		uint8_t ch = (uint8_t)p[i];
		if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
			sb_put(s, (const char *)&ch, 1);
		} else if (ch == '\n' || ch == '\r' || ch == '\t' || ch == '"' || ch == '\\') {
			char esc[2] = { '\\', ch == '\n' ? 'n' : ch == '\r' ? 'r' : ch == '\t' ? 't'
					  : (char)ch };
			sb_put(s, esc, 2);
		} else {
			char esc[8];
			sb_put(s, esc, fmt_format(esc, sizeof(esc), "\\x%02x", (unsigned)ch));
		}
	}
	sb_lit(s, "\"");
	if (cut)
		sb_lit(s, "...");
}
