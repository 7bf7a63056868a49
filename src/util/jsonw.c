/*
 * jsonw.c - streaming JSON output into a fixed buffer (see jsonw.h).
 * String escapes follow cJSON's print_string_ptr: \" \\ \b \f \n \r \t,
 * other control characters as \u00xx, every other byte as is, except
 * bytes that are not UTF-8 (cJSON copies them; they would make the text
 * invalid JSON): each becomes \ufffd.
 */
#include "config.h"

#include <string.h>

#include "tcpview/util/jsonw.h"
#include "tcpview/util/fmt.h"

/* Bytes a JSON string cannot hold as they are (RFC 8259 §7). */
static const bool needs_escape[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
	[0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1,
	[0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1,
	[0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

void jsonw_init(struct jsonw *w, char *buf, size_t cap)
{
	w->buf = buf;
	w->len = 0;
	w->cap = cap;
	w->overflow = false;
	w->depth = 0;
	w->need_comma[0] = false;
}

/* The length of the valid UTF-8 sequence at s (RFC 3629 §4: no overlong
 * form, no surrogate, nothing past U+10FFFF), 0 if it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char b = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;	/* the second byte's range */
	if (b >= 0xc2 && b <= 0xdf)
		len = 2;
	else if (b >= 0xe0 && b <= 0xef) {
		len = 3;
		if (b == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (b == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (b >= 0xf0 && b <= 0xf4) {
		len = 4;
		if (b == 0xf0)
			lo = 0x90;	/* overlong */
		else if (b == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	} else {
		return 0;
	}
	if (len > n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

void jsonw_string(struct jsonw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	jsonw_value_start_(w);
	jsonw_putc_(w, '"');
	size_t run = 0;	/* bytes copied as they are, in one go */
	size_t i = 0;
	/* Eight bytes at a time while none needs a look (the narration is
	 * plain ASCII): a byte below 0x20, '"', '\\' or any byte from 0x80 on
	 * sets a high bit here. */
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
		uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
		uint64_t hit = ((v - ones * 0x20) & ~v) | ((q - ones) & ~q) |
			       ((b - ones) & ~b) | v;
		if (hit & highs)
			break;
	}
	for (; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x80) {
			/* RFC 8259 §8.1: JSON text is UTF-8.  Bytes of the wire
			 * that are not (Latin-1 in a header, a cut character)
			 * become U+FFFD, as a decoder would show them. */
			size_t len = utf8_len((const unsigned char *)s + i, n - i);
			if (len > 0) {
				i += len - 1;
				continue;
			}
			jsonw_put_(w, s + run, i - run);
			run = i + 1;
			jsonw_put_(w, "\\ufffd", 6);
			continue;
		}
		if (!needs_escape[ch])
			continue;
		jsonw_put_(w, s + run, i - run);
		run = i + 1;
		char esc[6] = { '\\', 0 };
		size_t elen = 2;
		switch (ch) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 15];
			elen = 6;
			break;
		}
		jsonw_put_(w, esc, elen);
	}
	jsonw_put_(w, s + run, n - run);
	jsonw_putc_(w, '"');
}

void jsonw_cstring(struct jsonw *w, const char *s)
{
	jsonw_string(w, s, strlen(s));
}

