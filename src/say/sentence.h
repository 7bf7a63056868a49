/*
 * sentence.h - a bounded sentence under construction (private to src/say).
 *
 * The narration's files append clauses to one struct sb: literal text and
 * numbers through the inline appenders (no format string to interpret on
 * the packets that every capture is full of), the rarer sentences through
 * sb_printf().  Output is cut at the buffer's end, never past it.
 */
#ifndef TCPVIEW_SAY_SENTENCE_H
#define TCPVIEW_SAY_SENTENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tcpview/say/tr.h"
#include "tcpview/tcp/record.h"
#include "tcpview/util/fmt.h"

struct sb {
	char *buf;
	size_t cap, len;
	bool need_sep;
};

/* printf for sentences, through fmt.c's formatter (glibc's only for what
 * that does not handle). */
void sb_printf(struct sb *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Application text, quoted: printable ASCII kept, \n \r \t \" \\ escaped,
 * other bytes as "\xNN"; "..." after the quote when `cut`. */
void sb_quoted(struct sb *s, const char *p, size_t n, bool cut);

/* A number in the C locale, whatever the language (tr.h), for a
 * message's placeholder: num(&a, 78) is "78" until `a` is reused. */
struct num {
	char s[24];
};

static inline const char *num(struct num *n, uint64_t v)
{
	n->s[fmt_u64(n->s, v)] = '\0';
	return n->s;
}

/* A duration for people, in d: "0.024 ms", "1.250 s". */
static inline const char *dur(char d[32], int64_t ns)
{
	fmt_duration(d, 32, ns);
	return d;
}

/* A message (tr.h) with its numbered placeholders filled from args:
 * sb_msg(s, _("%1$s sends %2$s bytes"), SAY_ARGS(who, num)). */
static inline void sb_msg(struct sb *s, const char *msg, const char *const *args, size_t n)
{
	if (s->len + 1 < s->cap)
		s->len += say_format(s->buf + s->len, s->cap - s->len, msg, args, n);
}

/* Cuts `n` bytes of `p` to what room is left (sentence.c).  Never
 * inlined: it is the cold path of sb_put(), and inlined across the whole
 * program (LTO) GCC warns of a stringop-overread it cannot rule out. */
void sb_put_cut(struct sb *s, const char *p, size_t n) __attribute__((noinline));

/* The copy sees the caller's `n` unchanged when it fits, so a literal's
 * copy is compiled inline rather than a call to memcpy. */
static inline void sb_put(struct sb *s, const char *p, size_t n)
{
	if (__builtin_expect(n > s->cap - 1 - s->len, 0)) {
		sb_put_cut(s, p, n);
		return;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

#define sb_lit(s, lit) sb_put((s), (lit), sizeof(lit) - 1)

static inline void sb_str(struct sb *s, const char *str)
{
	sb_put(s, str, strlen(str));
}

static inline void sb_u64(struct sb *s, uint64_t v)
{
	char num[24];
	sb_put(s, num, fmt_u64(num, v));
}

/* A duration for people: "0.024 ms", "1.250 s". */
static inline void sb_dur(struct sb *s, int64_t ns)
{
	char d[32];
	sb_put(s, d, fmt_duration(d, sizeof(d), ns));
}

/* Starts a new clause: "; " after the previous one. */
static inline void clause(struct sb *s)
{
	if (s->need_sep)
		sb_lit(s, "; ");
	s->need_sep = true;
}

/* The word for a side: "client" or "server". */
static inline const char *side(enum tv_dir d)
{
	return d == DIR_C2S ? "client" : "server";
}

/* The clauses of each family, in narrate.c's order. */
void say_handshake(struct sb *s, const struct tv_event *ev);
void say_window_update(struct sb *s, const struct tv_event *ev);
void say_data(struct sb *s, const struct tv_event *ev);
void say_acked(struct sb *s, const struct tv_event *ev, bool pure);
void say_teardown(struct sb *s, const struct tv_event *ev);
void say_reset(struct sb *s, const struct tv_event *ev);
void say_trouble(struct sb *s, const struct tv_event *ev);
void say_icmp(struct sb *s, const struct tv_event *ev);
/* What an ICMP error means ("port unreachable: nothing listens on that port"). */
void say_icmp_meaning(struct sb *s, const struct tv_icmp *ic);

#endif
