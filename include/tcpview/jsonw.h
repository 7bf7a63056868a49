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
 */
#ifndef TCPVIEW_JSONW_H
#define TCPVIEW_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define JSONW_MAX_DEPTH 8

struct jsonw {
	char *buf;
	size_t len, cap;
	bool overflow;
	int depth;
	bool need_comma[JSONW_MAX_DEPTH];
};

void jsonw_init(struct jsonw *w, char *buf, size_t cap);
void jsonw_object_begin(struct jsonw *w);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w);
void jsonw_array_end(struct jsonw *w);
/* A member's key (inside an object), before its value; written without
 * escaping, so only for the program's own ASCII key names.  Inline, so a
 * literal key's length is known when it is compiled. */
static inline void jsonw_key(struct jsonw *w, const char *key)
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
/* A string known to need no escaping (the program's own names). */
void jsonw_plain(struct jsonw *w, const char *s, size_t n);
void jsonw_u64(struct jsonw *w, uint64_t v);
void jsonw_bool(struct jsonw *w, bool v);
/* Already formatted JSON text (a number), written as is. */
void jsonw_raw(struct jsonw *w, const char *s, size_t n);

#endif
