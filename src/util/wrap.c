/*
 * wrap.c - display width and word wrapping (see wrap.h).
 *
 * The widths follow Unicode's East Asian Width property as terminals use
 * it (UAX #11: W and F take two cells), for the ranges the program's
 * words and an application's quoted text can hold; combining marks take
 * none.  Invalid UTF-8 counts one cell per byte, as a terminal shows it.
 * Lines break at spaces, and between the characters of Japanese text
 * (which has none), minding the kinsoku rules.
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

/* Han and kana, whose text runs without spaces: a line may break between
 * two of their characters (UAX #14 classes ID, and CJ for small kana),
 * as Japanese is typeset.  Hangul is left out: Korean puts spaces between
 * its words and breaks there. */
static bool cjk(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0xff00 && c <= 0xff60);
}

/* Kinsoku (JIS X 4051): characters a line must not start with (closing
 * brackets and punctuation, the prolonged sound mark, small kana) ... */
static bool no_line_start(uint32_t c)
{
	static const uint32_t list[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, 0xff09, 0x300d, 0x300f, 0x3011, 0xff1a, 0xff1b,
		0xff1f, 0xff01, 0x30fc, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083,
		0x3085, 0x3087, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5,
		0x30e7, 0x30fb, ')', ',', '.', ':', ';', ']',
	};
	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
		if (list[i] == c)
			return true;
	return false;
}

/* ... and characters it must not end with (opening brackets). */
static bool no_line_end(uint32_t c)
{
	return c == 0xff08 || c == 0x300c || c == 0x300e || c == 0x3010 || c == '(' || c == '[';
}

/* Whether a row may end between `prev` and `cur` without a space: next to
 * Han or kana, unless kinsoku forbids it or it would part a number from
 * the counter or unit after it ("97バイト"), or a katakana word. */
static bool cjk_break(uint32_t prev, uint32_t cur)
{
	if (!cjk(prev) && !cjk(cur))
		return false;
	if (cur == ' ' || prev == ' ' || no_line_start(cur) || no_line_end(prev))
		return false;
	/* A katakana word is a loanword ("ウィンドウ"): kept whole, as
	 * an English word is. */
	if (prev >= 0x30a1 && prev <= 0x30fc && cur >= 0x30a1 && cur <= 0x30fc)
		return false;
	return !(prev >= '0' && prev <= '9');
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
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t u = strlen(units[i]);
		if (u > len || memcmp(units[i], s, u) != 0)
			continue;
		/* "ms," "ms)" and, in Japanese, "ms）" "ms、": punctuation,
		 * ASCII or not, may follow the unit. */
		unsigned char next = u < len ? (unsigned char)s[u] : ' ';
		if (next == ' ' || next == ',' || next == ';' || next == ')' || next == ':' ||
		    next == '.' || next >= 0x80)
			return true;
	}
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
		uint32_t prev = ' ', cur = ' ';
		col = 0;
		while (j < n) {
			size_t len = step(s + j, n - j, &cw);
			seq_len((const unsigned char *)s + j, n - j, &cur);
			if (col + cw > limit && j > i)
				break;
			/* A break after some text of the row, never inside the
			 * spaces a line starts with. */
			if (s[j] == ' ' && seen && !(j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9' &&
						    unit_word(s + j + 1, n - j - 1))) {
				brk = j;
				have_brk = true;
			} else if (s[j] != ' ') {
				if (seen && cjk_break(prev, cur)) {
					brk = j;
					have_brk = true;
				}
				seen = true;
			}
			if (cw > 0 || len > 1 || s[j] != 0x1b)
				prev = cur;
			col += cw;
			j += len;
		}
		size_t end = j, next = j;
		/* Full in the middle of a word: back to the last break (a row
		 * that ends where a word does, or between two characters of
		 * Japanese text, keeps what it holds). */
		if (j < n && s[j] != ' ' && !cjk_break(prev, cur) && have_brk && brk > i) {
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
