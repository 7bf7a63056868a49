/*
 * jsonw.h - a small streaming JSON writer for the per-packet events.
 *
 * cJSON builds a tree of allocated nodes per object; for one event per
 * packet that allocation dominated --jsonl, so events are written straight
 * into a caller's buffer instead.  The text is exactly what cJSON's
 * unformatted printer gives for the same members (same escapes, no spaces),
 * so both writers can serve one document and the tests parse every output
 * with cJSON.  Nesting is tracked to 8 levels.  The writer owns nothing: it
 * fills the buffer it is given and sets `overflow` rather than run past it.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.
 */
#ifndef TCPVIEW_JSONW_H
#define TCPVIEW_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tcpview/util/fmt.h"

#define JSONW_MAX_DEPTH 8

/* Forced inline for the writers that take a key: the key is a literal at
 * nearly every call, and inlined its length is known when compiled (no
 * strlen, a fixed-size copy).  Left to itself, link-time optimisation
 * made one out-of-line copy for all of them. */
#define JSONW_KEYED static inline __attribute__((always_inline))

struct jsonw {
	char *buf;
	size_t len, cap;
	bool overflow;
	int depth;
	bool need_comma[JSONW_MAX_DEPTH + 1];	/* [0]: the top level */
};

void jsonw_init(struct jsonw *w, char *buf, size_t cap);
/* A member's key (inside an object), before its value; written without
 * escaping, so only for the program's own ASCII key names (JSONW_KEYED). */
JSONW_KEYED void jsonw_key(struct jsonw *w, const char *key)
{
	size_t n = strlen(key);
	if (w->overflow || w->cap - w->len < n + 5) {
		w->overflow = true;
		return;
	}
	char *p = w->buf + w->len;
	if (w->need_comma[w->depth])
		*p++ = ',';
	*p++ = '"';
	memcpy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	*p = '\0';
	w->len = (size_t)(p - w->buf);
	/* The value that follows is not an element: no comma before it. */
	w->need_comma[w->depth] = false;
}
void jsonw_string(struct jsonw *w, const char *s, size_t n);
void jsonw_cstring(struct jsonw *w, const char *s);

/*
 * The small writers are inline: an event is some forty of these calls, and
 * inlined the writer's position stays in registers between them.
 */
static inline void jsonw_put_(struct jsonw *w, const char *s, size_t n)
{
	if (w->overflow || w->cap - w->len < n + 1) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

static inline void jsonw_putc_(struct jsonw *w, char ch)
{
	jsonw_put_(w, &ch, 1);
}

/* A value starts: a comma after a previous array element. */
static inline void jsonw_value_start_(struct jsonw *w)
{
	if (w->need_comma[w->depth])
		jsonw_putc_(w, ',');
	w->need_comma[w->depth] = true;
}

static inline void jsonw_open_(struct jsonw *w, char ch)
{
	jsonw_value_start_(w);
	jsonw_putc_(w, ch);
	if (w->depth < JSONW_MAX_DEPTH)
		w->depth++;
	else
		w->overflow = true;
	w->need_comma[w->depth] = false;
}

static inline void jsonw_close_(struct jsonw *w, char ch)
{
	jsonw_putc_(w, ch);
	if (w->depth > 0)
		w->depth--;
}

/* Always inline, like the keyed writers: an event writes some twenty
 * numbers, and link-time optimisation, left to itself, makes an
 * out-of-line copy for some of them depending on the size of unrelated
 * code (a 3M-instruction swing over 100k packets seen twice). */
static inline __attribute__((always_inline)) void jsonw_u64(struct jsonw *w, uint64_t v)
{
	jsonw_value_start_(w);
	if (w->overflow || w->cap - w->len < 22) {
		w->overflow = true;
		return;
	}
	w->len += fmt_u64(w->buf + w->len, v);	/* digits written in place */
}

/* A string known to need no escaping (the program's own names). */
static inline void jsonw_plain(struct jsonw *w, const char *s, size_t n)
{
	jsonw_value_start_(w);
	if (w->overflow || w->cap - w->len < n + 3) {
		w->overflow = true;
		return;
	}
	char *p = w->buf + w->len;
	*p++ = '"';
	memcpy(p, s, n);
	p += n;
	*p++ = '"';
	*p = '\0';
	w->len = (size_t)(p - w->buf);
}

static inline void jsonw_bool(struct jsonw *w, bool v)
{
	jsonw_value_start_(w);
	jsonw_put_(w, v ? "true" : "false", v ? 4 : 5);
}

/* Already formatted JSON text (a number), written as is. */
static inline void jsonw_raw(struct jsonw *w, const char *s, size_t n)
{
	jsonw_value_start_(w);
	jsonw_put_(w, s, n);
}

static inline void jsonw_object_begin(struct jsonw *w) { jsonw_open_(w, '{'); }
static inline void jsonw_object_end(struct jsonw *w) { jsonw_close_(w, '}'); }
static inline void jsonw_array_begin(struct jsonw *w) { jsonw_open_(w, '['); }
static inline void jsonw_array_end(struct jsonw *w) { jsonw_close_(w, ']'); }

#endif
