/*
 * cursor.h - bounds-checked reads from a packet buffer.
 *
 * Every decoder reads packet bytes through a cursor and never indexes the
 * buffer directly, so a bounds check cannot be forgotten (the idea of
 * tcpdump's GET_BE_U_4).  A read past the end returns 0 and sets the sticky
 * `short_read` flag; decoders check the flag once after a group of reads and
 * tell "cut short by the snap length" apart from "invalid".
 *
 * Ownership: a cursor only borrows the bytes it points at; they belong to the
 * caller (usually libpcap's buffer, valid until the next read).
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.
 */
#ifndef TCPVIEW_CURSOR_H
#define TCPVIEW_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cursor {
	const uint8_t *p;	/* next byte to read */
	const uint8_t *end;	/* one past the last captured byte */
	bool short_read;	/* sticky: a read ran past `end` */
};

static inline struct cursor cursor_make(const uint8_t *data, size_t len)
{
	struct cursor c = { data, data + len, false };
	return c;
}

static inline size_t cursor_left(const struct cursor *c)
{
	return (size_t)(c->end - c->p);
}

/* True when `n` more bytes can be read. */
static inline bool cursor_has(const struct cursor *c, size_t n)
{
	return cursor_left(c) >= n;
}

static inline bool cursor_skip(struct cursor *c, size_t n)
{
	if (!cursor_has(c, n)) {
		c->p = c->end;
		c->short_read = true;
		return false;
	}
	c->p += n;
	return true;
}

static inline uint8_t cur_u8(struct cursor *c)
{
	if (!cursor_has(c, 1)) {
		c->short_read = true;
		return 0;
	}
	return *c->p++;
}

static inline uint16_t cur_u16be(struct cursor *c)
{
	if (!cursor_has(c, 2)) {
		c->p = c->end;
		c->short_read = true;
		return 0;
	}
	uint16_t v = (uint16_t)((c->p[0] << 8) | c->p[1]);
	c->p += 2;
	return v;
}

static inline uint32_t cur_u32be(struct cursor *c)
{
	if (!cursor_has(c, 4)) {
		c->p = c->end;
		c->short_read = true;
		return 0;
	}
	uint32_t v = ((uint32_t)c->p[0] << 24) | ((uint32_t)c->p[1] << 16) |
		     ((uint32_t)c->p[2] << 8) | (uint32_t)c->p[3];
	c->p += 4;
	return v;
}

static inline uint32_t cur_u32le(struct cursor *c)
{
	if (!cursor_has(c, 4)) {
		c->p = c->end;
		c->short_read = true;
		return 0;
	}
	uint32_t v = ((uint32_t)c->p[3] << 24) | ((uint32_t)c->p[2] << 16) |
		     ((uint32_t)c->p[1] << 8) | (uint32_t)c->p[0];
	c->p += 4;
	return v;
}

/* Copies `n` bytes into `dst`; on a short read `dst` is zeroed. */
static inline bool cur_copy(struct cursor *c, void *dst, size_t n)
{
	uint8_t *d = dst;
	if (!cursor_has(c, n)) {
		for (size_t i = 0; i < n; i++)
			d[i] = 0;
		c->p = c->end;
		c->short_read = true;
		return false;
	}
	for (size_t i = 0; i < n; i++)
		d[i] = c->p[i];
	c->p += n;
	return true;
}

/*
 * Checks that a fixed-size header of `n` bytes is there and returns it,
 * advancing past it; NULL (short_read set) when it is cut short.  The caller
 * reads only inside those `n` bytes, with span_be16()/span_be32(): one
 * bounds check per header, as tcpdump's ND_TCHECK_LEN before its EXTRACTs.
 */
/* How many bytes come before the first that is `a`, `b` or `z` (all that
 * are left when none is): a scan for a parser's fast paths, reading only
 * inside the cursor; nothing is consumed. */
static inline size_t cursor_until3(const struct cursor *c, uint8_t a, uint8_t b, uint8_t z)
{
	size_t n = cursor_left(c);
	for (size_t i = 0; i < n; i++) {
		uint8_t v = c->p[i];
		if (v == a || v == b || v == z)
			return i;
	}
	return n;
}

static inline const uint8_t *cur_take(struct cursor *c, size_t n)
{
	if (!cursor_has(c, n)) {
		c->p = c->end;
		c->short_read = true;
		return NULL;
	}
	const uint8_t *span = c->p;
	c->p += n;
	return span;
}

/* Big-endian loads inside a span cur_take() has checked. */
static inline uint16_t span_be16(const uint8_t *span, size_t off)
{
	return (uint16_t)((span[off] << 8) | span[off + 1]);
}

static inline uint32_t span_be32(const uint8_t *span, size_t off)
{
	return ((uint32_t)span[off] << 24) | ((uint32_t)span[off + 1] << 16) |
	       ((uint32_t)span[off + 2] << 8) | (uint32_t)span[off + 3];
}

/*
 * A sub-cursor over the next `n` bytes (clamped to what is captured), with
 * the parent advanced past them.  Used for TCP options and IPv6 extension
 * headers, whose length fields must not let a decoder read beyond them.
 */
static inline struct cursor cursor_sub(struct cursor *c, size_t n)
{
	size_t have = cursor_left(c);
	struct cursor sub = { c->p, c->p + (n < have ? n : have), n > have };
	c->p = sub.end;
	if (n > have)
		c->short_read = true;
	return sub;
}

#endif
