/*
 * wrap.c - display width and word wrapping (see wrap.h).
 *
 * The widths follow Unicode's East Asian Width property as terminals use
 * it (UAX #11: W and F take two cells), for the ranges the program's
 * words and an application's quoted text can hold; combining marks take
 * none.  Invalid UTF-8 counts one cell per byte, as a terminal shows it.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "tcpview/util/wrap.h"

/* Length of the UTF-8 sequence at s (1 for a byte that starts none). */
static size_t seq_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char b = s[0];
	size_t len = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 :
		     (b & 0xf8) == 0xf0 ? 4 : 0;
	if (len == 0 || len > n) {
		*cp = b;
		return 1;
	}
	uint32_t v = len == 1 ? b : len == 2 ? (b & 0x1fu) : len == 3 ? (b & 0x0fu) : (b & 0x07u);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = b;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3fu);
	}
	*cp = v;
	return len;
}

/* Cells of a code point on a terminal (UAX #11; combining marks none). */
static size_t cells(uint32_t c)
{
	if ((c >= 0x0300 && c <= 0x036f) || (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0xfe00 && c <= 0xfe0f))
		return 0;
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
	    (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	return 1;
}

/* Whether the word at s (up to a space or the end) is a unit that stays
 * with the number before it: "42.4 ms", "20272 bytes", "8.3 MB/s". */
static bool unit_word(const char *s, size_t n)
{
	static const char *const units[] = {
		"ms", "s", "bytes", "byte", "B/s", "kB/s", "MB/s", "GB/s", "segments", "packets",
	};
	size_t len = 0;
	while (len < n && s[len] != ' ')
		len++;
	while (len > 0 && (s[len - 1] == ',' || s[len - 1] == ';' || s[len - 1] == ')' ||
			   s[len - 1] == ':' || s[len - 1] == '.'))
		len--;	/* "ms," "ms)" */
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i]) == len && memcmp(units[i], s, len) == 0)
			return true;
	return false;
}

/* The bytes and cells of the character (or colour sequence) at s. */
static size_t step(const char *s, size_t n, size_t *w)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == 0x1b && n >= 2 && u[1] == '[') {
		/* CSI: parameters, then a final byte 0x40-0x7e. */
		size_t i = 2;
		while (i < n && !(u[i] >= 0x40 && u[i] <= 0x7e))
			i++;
		*w = 0;
		return i < n ? i + 1 : n;
	}
	uint32_t cp;
	size_t len = seq_len(u, n, &cp);
	*w = cells(cp);
	return len;
}

size_t wrap_width(const char *s, size_t n)
{
	size_t w = 0, cw;
	for (size_t i = 0; i < n; i += step(s + i, n - i, &cw), w += cw)
		;
	return w;
}

size_t wrap_room(size_t n, size_t width, size_t indent)
{
	(void)width;
	/* A row ends at a space or is full, so it takes at least two bytes
	 * of the line (a character and the space after it), except the
	 * last: at most n / 2 + 1 rows, each with its indent and newline. */
	return n + (n / 2 + 2) * (indent + 1) + 1;
}

size_t wrap_line(const char *s, size_t n, size_t width, size_t indent, char *out)
{
	size_t o = 0;
	if (width == 0 || wrap_width(s, n) <= width) {
		memcpy(out, s, n);
		out[n] = '\n';
		return n + 1;
	}
	if (indent + 8 > width)
		indent = 0;	/* too narrow to indent */
	size_t i = 0, col = 0;
	bool first = true;
	while (i < n) {
		/* One row: from i, as many characters as fit; remember the
		 * last space to break at. */
		size_t j = i, brk = 0, cw;
		bool have_brk = false, seen = false;
		size_t limit = width - (first ? 0 : indent);
		col = 0;
		while (j < n) {
			size_t len = step(s + j, n - j, &cw);
			if (col + cw > limit && j > i)
				break;
			/* A break after some text of the row, never inside the
			 * spaces a line starts with. */
			if (s[j] == ' ' && seen && !(j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9' &&
						    unit_word(s + j + 1, n - j - 1))) {
				brk = j;
				have_brk = true;
			} else if (s[j] != ' ') {
				seen = true;
			}
			col += cw;
			j += len;
		}
		size_t end = j, next = j;
		/* Full in the middle of a word: back to the last space (a row
		 * that ends where a word does keeps that word). */
		if (j < n && s[j] != ' ' && have_brk && brk > i) {
			end = brk;
			next = brk;
		}
		while (end > i && s[end - 1] == ' ')
			end--;	/* no trailing spaces */
		while (next < n && s[next] == ' ')
			next++;
		if (!first) {
			memset(out + o, ' ', indent);
			o += indent;
		}
		memcpy(out + o, s + i, end - i);
		o += end - i;
		out[o++] = '\n';
		first = false;
		i = next;
	}
	return o;
}
