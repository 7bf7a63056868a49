/*
 * wrap.h - text laid out for a terminal: display width and word wrapping.
 *
 * Low-level primitive (util layer): it uses only libc.  The text is UTF-8
 * from tcpview's own words and quotes; a character of the East Asian wide
 * and fullwidth ranges takes two columns (SPEC §11: CJK counts double),
 * an ANSI colour sequence none, any other character one.  Nothing here
 * allocates.
 */
#ifndef TCPVIEW_UTIL_WRAP_H
#define TCPVIEW_UTIL_WRAP_H

#include <stddef.h>

/* Columns that `n` bytes of `s` take on a terminal. */
size_t wrap_width(const char *s, size_t n);

/*
 * Writes the line `s` (`n` bytes, no newline) into `out` folded at word
 * boundaries so that no row is wider than `width` columns: the first row
 * as it starts, each later one after `indent` spaces (none when that
 * leaves fewer than 8 columns).  A word longer than a row is cut where the
 * row ends.  Every row ends with '\n'.  Returns the bytes written; `out`
 * needs wrap_room(n, width, indent) bytes.  width 0: no folding.
 */
size_t wrap_line(const char *s, size_t n, size_t width, size_t indent, char *out);
size_t wrap_room(size_t n, size_t width, size_t indent);

#endif
