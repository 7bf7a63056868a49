/*
 * msg.c - messages with numbered placeholders, filled in and taken apart
 * (see msg.h).
 *
 * A message is read piece by piece as it goes: tcpview's messages are a
 * few dozen bytes, and the say layer keeps the pieces of the ones it
 * fills for every packet (say/tr.c).  Taking a text apart tries, for each
 * placeholder in turn, every length from the shortest, the rest of the
 * message matched after it; the literal runs between placeholders keep
 * that short for a text of a few hundred bytes.
 */
#include "config.h"

#include <string.h>

#include "tcpview/util/fmt.h"
#include "tcpview/util/msg.h"

bool msg_next_piece(const char **s, struct msg_piece *pc)
{
	const char *p = *s;
	if (*p == '\0')
		return false;
	if (p[0] == '%' && p[1] == '%') {
		pc->p = p + 1;
		pc->len = 1;
		*s = p + 2;
	} else if (p[0] == '%' && p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's') {
		pc->p = NULL;
		pc->len = (size_t)(p[1] - '1');
		*s = p + 4;
	} else {
		const char *e = p + 1;
		while (*e != '\0' && *e != '%')
			e++;
		pc->p = p;
		pc->len = (size_t)(e - p);
		*s = e;
	}
	return true;
}

size_t msg_put_piece(char *buf, size_t cap, size_t n, const struct msg_piece *pc,
		     const char *const *args, size_t nargs)
{
	const char *put = pc->p;
	size_t len = pc->len;
	if (put == NULL) {
		put = len < nargs && args[len] != NULL ? args[len] : "";
		len = strlen(put);
	}
	if (len > cap - 1 - n)
		len = cap - 1 - n;
	memcpy(buf + n, put, len);
	return n + len;
}

size_t msg_format(char *buf, size_t cap, const char *msg, const char *const *args,
		  size_t nargs)
{
	if (cap == 0)
		return 0;
	size_t n = 0;
	struct msg_piece pc;
	for (const char *p = msg; msg_next_piece(&p, &pc);)
		n = msg_put_piece(buf, cap, n, &pc, args, nargs);
	buf[n] = '\0';
	return n;
}

/* The rest of `msg` against text[pos, len). */
static bool match_from(const char *msg, const char *text, size_t pos, size_t len,
		       struct msg_span *args, size_t nargs)
{
	struct msg_piece pc;
	if (!msg_next_piece(&msg, &pc))
		return pos == len;
	if (pc.p != NULL)
		return pc.len <= len - pos && memcmp(text + pos, pc.p, pc.len) == 0 &&
		       match_from(msg, text, pos + pc.len, len, args, nargs);
	struct msg_span *a = pc.len < nargs ? &args[pc.len] : NULL;
	if (a == NULL || a->len != 0)
		return false;	/* past nargs, or named twice */
	for (size_t end = pos + 1; end <= len; end++) {
		a->off = pos;
		a->len = end - pos;
		if (match_from(msg, text, end, len, args, nargs))
			return true;
	}
	a->off = a->len = 0;
	return false;
}

bool msg_match(const char *msg, const char *text, size_t len, struct msg_span *args,
	       size_t nargs)
{
	memset(args, 0, nargs * sizeof(*args));
	return match_from(msg, text, 0, len, args, nargs);
}

const char *msg_num(char *buf, uint64_t v)
{
	buf[fmt_u64(buf, v)] = '\0';
	return buf;
}
