/*
 * msg.h - messages with numbered placeholders: filled in, and taken apart
 * again.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers, and allocates nothing.  A message is a whole sentence whose
 * arguments stand as %1$s .. %9$s ("%%" is a literal "%"), so that a
 * translation may put them in any order; every argument is a string, a
 * number already written in the C locale (msg_num()).  say_format()
 * (say/tr.h) fills the say layer's messages with these pieces; the layers
 * below it fill theirs with msg_format(), and a message they wrote is
 * taken apart again with msg_match() where it is told in another language.
 */
#ifndef TCPVIEW_UTIL_MSG_H
#define TCPVIEW_UTIL_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A message in pieces: literal runs and placeholders, in order.  `p` is a
 * literal run of `len` bytes, or NULL for the placeholder of argument
 * `len` (0-based).
 */
struct msg_piece {
	const char *p;
	size_t len;
};

/* The piece at *s, moving *s past it; false at the end of the message. */
bool msg_next_piece(const char **s, struct msg_piece *pc);
/*
 * Appends one piece to buf (n bytes so far, cap in all, cut at cap - 1,
 * not NUL-terminated); a missing or NULL argument is empty.  Returns the
 * new length.
 */
size_t msg_put_piece(char *buf, size_t cap, size_t n, const struct msg_piece *pc,
		     const char *const *args, size_t nargs);

/*
 * Writes `msg` into buf (cap bytes, cut at cap - 1, NUL-terminated) with
 * each %N$s replaced by args[N-1]; returns the length.
 */
size_t msg_format(char *buf, size_t cap, const char *msg, const char *const *args,
		  size_t nargs);
#define MSG_ARGS(...) ((const char *const[]){ __VA_ARGS__ }), \
	(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* Where an argument stands in a text: `len` bytes from `off`. */
struct msg_span {
	size_t off, len;
};

/*
 * Whether the `len` bytes of `text` are `msg` filled with some arguments,
 * each at least one byte long; args[N-1] (nargs of them) then says where
 * %N$s's stands, and an argument `msg` does not use is {0, 0}.  Where
 * several readings fit, each argument is the shortest that lets the rest
 * of the text match.  A message naming an argument twice, or past nargs,
 * matches nothing.
 */
bool msg_match(const char *msg, const char *text, size_t len, struct msg_span *args,
	       size_t nargs);

/* `v` in decimal into buf (room for 21 bytes), NUL-terminated: buf. */
const char *msg_num(char *buf, uint64_t v);
/* msg_num() into a buffer that lasts as long as the enclosing block. */
#define MSG_NUM(v) msg_num((char[21]){ 0 }, (v))

#endif
