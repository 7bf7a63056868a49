/*
 * fmt.c - number, time and address formatting shared by the outputs.
 *
 * These run for every packet of the JSON and text outputs, so none of them
 * goes through printf: digits are written by hand from integers.  Seconds
 * come from integer nanoseconds, never through a double, so they are exact
 * and the same in every locale.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "tcpview/util/fmt.h"

/* "00" .. "99": two digits per division. */
static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

static const uint64_t powers_of_10[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
	1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
	1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
	1000000000000000000ULL, 10000000000000000000ULL,
};

/* Number of decimal digits of v: log2 scaled by log10(2) ≈ 1233/4096. */
static size_t digit_count(uint64_t v)
{
	if (v < 10)
		return 1;
	unsigned bits = 64 - (unsigned)__builtin_clzll(v);
	unsigned t = (bits * 1233) >> 12;
	return t + 1 - (v < powers_of_10[t]);
}

size_t fmt_u64(char *buf, uint64_t v)
{
	if (v < 10) {	/* lengths, shifts, steps: most numbers are small */
		buf[0] = (char)('0' + v);
		buf[1] = '\0';
		return 1;
	}
	size_t n = digit_count(v), i = n;
	buf[n] = '\0';
	while (v > UINT32_MAX) {	/* 64-bit divisions only while needed */
		unsigned d = (unsigned)(v % 100) * 2;
		v /= 100;
		buf[--i] = digit_pairs[d + 1];
		buf[--i] = digit_pairs[d];
	}
	uint32_t w = (uint32_t)v;
	while (w >= 100) {
		unsigned d = (w % 100) * 2;
		w /= 100;
		buf[--i] = digit_pairs[d + 1];
		buf[--i] = digit_pairs[d];
	}
	if (w >= 10) {
		buf[--i] = digit_pairs[w * 2 + 1];
		buf[--i] = digit_pairs[w * 2];
	} else {
		buf[--i] = (char)('0' + w);
	}
	return n;
}

/* Writes `v` as exactly `width` digits, zero-padded, two at a time. */
void fmt_digits(char *buf, uint32_t v, int width)
{
	int i = width;
	while (i >= 2) {
		unsigned d = (v % 100) * 2;
		v /= 100;
		buf[--i] = digit_pairs[d + 1];
		buf[--i] = digit_pairs[d];
	}
	if (i == 1)
		buf[0] = (char)('0' + v % 10);
}

/* Two digits of `v` (below 100) at `p`. */
static inline void put_pair(char *p, unsigned v)
{
	memcpy(p, digit_pairs + v * 2, 2);
}

/* `v` (below 1000000) as exactly six digits: three pairs, constant divisors. */
static inline void put6(char *p, uint32_t v)
{
	put_pair(p, v / 10000);
	put_pair(p + 2, v / 100 % 100);
	put_pair(p + 4, v % 100);
}

/* `v` (below 1000) as exactly three digits. */
static inline void put3(char *p, uint32_t v)
{
	p[0] = (char)('0' + v / 100);
	put_pair(p + 1, v % 100);
}

size_t fmt_seconds(char *buf, size_t cap, int64_t ns, int digits)
{
	char local[48];
	/* Straight into buf when it surely has room (the common case). */
	char *tmp = cap >= sizeof(local) ? buf : local;
	size_t n = 0;
	uint64_t v;
	if (ns < 0) {
		tmp[n++] = '-';
		v = (uint64_t)0 - (uint64_t)ns;
	} else {
		v = (uint64_t)ns;
	}
	uint64_t sec = v / 1000000000u;
	uint32_t frac = (uint32_t)(v - sec * 1000000000u);
	n += fmt_u64(tmp + n, sec);
	tmp[n++] = '.';
	if (digits == 9) {
		put3(tmp + n, frac / 1000000);
		put6(tmp + n + 3, frac % 1000000);
		n += 9;
	} else {
		put6(tmp + n, frac / 1000);
		n += 6;
	}
	if (tmp == local) {
		if (n >= cap)
			n = cap - 1;
		memcpy(buf, tmp, n);
	}
	buf[n] = '\0';
	return n;
}

size_t fmt_duration(char *buf, size_t cap, int64_t ns)
{
	char tmp[48];
	size_t n;
	uint64_t v = ns < 0 ? 0 : (uint64_t)ns;
	/* Milliseconds below a second, seconds from there on, with three
	 * decimals each; the divisors are constants in both branches. */
	if (v < 1000000000u) {
		n = fmt_u64(tmp, v / 1000000u);
		tmp[n++] = '.';
		put3(tmp + n, (uint32_t)(v / 1000u % 1000u));
		memcpy(tmp + n + 3, " ms", 3);
		n += 6;
	} else {
		n = fmt_u64(tmp, v / 1000000000u);
		tmp[n++] = '.';
		put3(tmp + n, (uint32_t)(v / 1000000u % 1000u));
		memcpy(tmp + n + 3, " s", 2);
		n += 5;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}

size_t fmt_addr(char *buf, size_t cap, const struct tv_addr *a)
{
	if (a->family == 4 && cap >= 16) {
		size_t n = 0;
		for (int i = 0; i < 4; i++) {
			if (i > 0)
				buf[n++] = '.';
			n += fmt_u64(buf + n, a->bytes[i]);
		}
		return n;
	}
	if (inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->bytes, buf,
		      (socklen_t)cap) == NULL) {
		if (cap > 0)
			buf[0] = '\0';
		return 0;
	}
	return strlen(buf);
}

size_t fmt_endpoint(char *buf, size_t cap, const struct tv_addr *a, uint16_t port)
{
	char tmp[80];
	size_t n = 0;
	if (a->family == 6)
		tmp[n++] = '[';
	n += fmt_addr(tmp + n, sizeof(tmp) - n, a);
	if (a->family == 6)
		tmp[n++] = ']';
	tmp[n++] = ':';
	n += fmt_u64(tmp + n, port);
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}

/* Appends `n` bytes of `s` padded to `width` (negative: left-aligned). */
static size_t put_padded(char *buf, size_t cap, size_t len, const char *s,
			 size_t n, int width, bool left)
{
	size_t w = width > 0 ? (size_t)width : 0;
	size_t pad = n < w ? w - n : 0;
	if (pad == 0 && n < cap - len) {	/* the usual case: no padding */
		memcpy(buf + len, s, n);
		return len + n;
	}
	for (size_t i = 0; !left && i < pad && len + 1 < cap; i++)
		buf[len++] = ' ';
	size_t room = cap - 1 - len;
	size_t k = n < room ? n : room;
	memcpy(buf + len, s, k);
	len += k;
	for (size_t i = 0; left && i < pad && len + 1 < cap; i++)
		buf[len++] = ' ';
	return len;
}

size_t fmt_pad(char *dst, const char *s, size_t n, int width)
{
	size_t w = (size_t)(width < 0 ? -width : width);
	size_t pad = n < w ? w - n : 0, len = 0;
	if (width > 0) {
		memset(dst, ' ', pad);
		len = pad;
	}
	memcpy(dst + len, s, n);
	len += n;
	if (width < 0) {
		memset(dst + len, ' ', pad);
		len += pad;
	}
	return len;
}

/* A directive's flags, width, precision and length, as fmt_vformat reads them. */
struct spec {
	bool left, zero, width_star, prec_star;
	int width, prec;	/* prec -1: none */
	int lng;		/* 0, l: 1, ll or z: 2 */
	char conv;
};

/* Reads the directive after '%' (not its '*' arguments); `*f` moves past it. */
static void parse_spec(const char **fp, struct spec *sp)
{
	const char *f = *fp;
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width_star = true;
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		if (*f == '*') {
			sp->prec_star = true;
			f++;
		} else {
			for (sp->prec = 0; *f >= '0' && *f <= '9'; f++)
				sp->prec = sp->prec * 10 + (*f - '0');
		}
	}
	while (*f == 'l' || *f == 'z') {
		sp->lng += *f == 'z' ? 2 : 1;
		f++;
	}
	sp->conv = *f;
	if (*f != '\0')
		f++;
	*fp = f;
}

/* Copies literal text up to the next '%'; returns the new length. */
static size_t put_literal(char *buf, size_t cap, size_t len, const char **fp)
{
	const char *pct = strchrnul(*fp, '%');
	size_t n = (size_t)(pct - *fp), room = cap - 1 - len;
	if (n > room)
		n = room;
	memcpy(buf + len, *fp, n);
	*fp = pct;
	return len + n;
}

/*
 * A format compiled once: its literal runs and directives in order.  The
 * formats are the program's string literals (and, translated, a message
 * catalog's strings), which never change while it runs, so a format is
 * looked up by its address and read only the first time: the sentences of
 * every packet then cost copies and numbers, not a scan for '%'.
 */
#define FMT_PIECES 12
#define FMT_CACHE 256

struct fmt_piece {
	uint16_t lit_off, lit_len;	/* the literal before the directive */
	struct spec sp;			/* conv 0: the literal is the last piece */
};

struct fmt_prog {
	const char *fmt;
	uint16_t len;		/* of the format, for the word-wide literal copy */
	uint8_t npieces;
	bool interpret;		/* too long or unusual: read it each time */
	struct fmt_piece piece[FMT_PIECES];
};

static _Thread_local struct fmt_prog fmt_cache[FMT_CACHE];

/* Reads the format once; false when it must be interpreted each time. */
static bool compile(struct fmt_prog *pr, const char *fmt)
{
	const char *f = fmt;
	pr->fmt = fmt;
	pr->npieces = 0;
	pr->interpret = true;
	for (;;) {
		if (pr->npieces == FMT_PIECES)
			return false;
		struct fmt_piece *pc = &pr->piece[pr->npieces++];
		const char *pct = strchrnul(f, '%');
		if (pct - fmt > UINT16_MAX - 64)
			return false;
		pc->lit_off = (uint16_t)(f - fmt);
		pc->lit_len = (uint16_t)(pct - f);
		pc->sp = (struct spec){ .prec = -1 };
		if (*pct == '\0')
			break;
		f = pct + 1;
		parse_spec(&f, &pc->sp);
		bool integer = pc->sp.conv == 'u' || pc->sp.conv == 'd' || pc->sp.conv == 'i';
		/* Zero padding and an integer's minimum digits (C11 7.21.6.1)
		 * are glibc's to do: none of the hot formats use them. */
		if (pc->sp.zero || (integer && (pc->sp.prec >= 0 || pc->sp.prec_star)))
			return false;
		if (!integer && pc->sp.conv != 's' && pc->sp.conv != 'c' && pc->sp.conv != '%')
			return false;
	}
	pr->len = (uint16_t)(f - fmt + strlen(f));
	pr->interpret = false;
	return true;
}

/* One directive's value, with its width and precision read from `ap`. */
static size_t put_directive(char *buf, size_t cap, size_t len, struct spec sp, va_list *ap)
{
	char num[24];
	if (sp.width_star) {
		sp.width = va_arg(*ap, int);
		if (sp.width < 0) {
			sp.left = true;
			sp.width = -sp.width;
		}
	}
	if (sp.prec_star)
		sp.prec = va_arg(*ap, int);
	const char *s = num;
	size_t n;
	switch (sp.conv) {
	case 's':
		s = va_arg(*ap, const char *);
		n = sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) : strlen(s);
		break;
	case 'c':
		num[0] = (char)va_arg(*ap, int);
		n = 1;
		break;
	case '%':
		s = "%";
		n = 1;
		break;
	case 'u':
		n = fmt_u64(num, sp.lng >= 2 ? va_arg(*ap, unsigned long long) :
				 sp.lng == 1 ? va_arg(*ap, unsigned long) :
					       va_arg(*ap, unsigned));
		break;
	default: {	/* 'd', 'i' */
		long long v = sp.lng >= 2 ? va_arg(*ap, long long) :
			      sp.lng == 1 ? va_arg(*ap, long) : va_arg(*ap, int);
		bool neg = v < 0;
		num[0] = '-';
		n = fmt_u64(num + neg, neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v) + neg;
		break;
	}
	}
	return put_padded(buf, cap, len, s, n, sp.width, sp.left);
}

/* The format read directive by directive (compile() refused it). */
static int interpret(char *buf, size_t cap, const char *fmt, va_list *ap)
{
	size_t len = 0;
	for (const char *f = fmt; *f != '\0';) {
		if (*f != '%') {
			len = put_literal(buf, cap, len, &f);
			continue;
		}
		f++;
		struct spec sp;
		parse_spec(&f, &sp);
		bool integer = sp.conv == 'u' || sp.conv == 'd' || sp.conv == 'i';
		if (sp.zero || (integer && (sp.prec >= 0 || sp.prec_star)))
			return -1;
		if (!integer && sp.conv != 's' && sp.conv != 'c' && sp.conv != '%')
			return -1;	/* a directive this formatter does not do */
		len = put_directive(buf, cap, len, sp, ap);
	}
	buf[len] = '\0';
	return (int)len;
}

int fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
	if (cap == 0)
		return -1;
	va_list aq;
	va_copy(aq, ap);
	uintptr_t h = (uintptr_t)fmt;
	struct fmt_prog *pr = &fmt_cache[(h * 0x9E3779B97F4A7C15u) >> 56];
	if (pr->fmt != fmt)
		compile(pr, fmt);
	if (pr->interpret) {
		int n = interpret(buf, cap, fmt, &aq);
		va_end(aq);
		return n;
	}
	size_t len = 0;
	for (unsigned i = 0; i < pr->npieces; i++) {
		const struct fmt_piece *pc = &pr->piece[i];
		size_t n = pc->lit_len, room = cap - 1 - len;
		const char *lit = fmt + pc->lit_off;
		/* A literal is copied in 8-byte words when both the format and
		 * the buffer have the bytes of its last word: the bytes past it
		 * are overwritten by what follows, or by the NUL. */
		size_t words = (n + 7) & ~(size_t)7;
		if (words <= 64 && room >= words && pc->lit_off + words <= pr->len + 1u) {
			for (size_t k = 0; k < words; k += 8)
				memcpy(buf + len + k, lit + k, 8);
			len += n;
		} else {
			if (n > room)
				n = room;
			memcpy(buf + len, lit, n);
			len += n;
		}
		const struct spec *sp = &pc->sp;
		if (sp->conv == 0)
			break;
		/* The usual directives, a bare %s or %u, without a call. */
		if (sp->width == 0 && !sp->width_star && sp->prec < 0 && !sp->prec_star) {
			if (sp->conv == 's') {
				const char *str = va_arg(aq, const char *);
				size_t sn = strlen(str);
				room = cap - 1 - len;
				if (sn > room)
					sn = room;
				memcpy(buf + len, str, sn);
				len += sn;
				continue;
			}
			if (sp->conv == 'u' && cap - 1 - len >= 21) {
				len += fmt_u64(buf + len, sp->lng >= 2 ? va_arg(aq, unsigned long long) :
						   sp->lng == 1 ? va_arg(aq, unsigned long) :
								  va_arg(aq, unsigned));
				continue;
			}
		}
		len = put_directive(buf, cap, len, *sp, &aq);
	}
	buf[len] = '\0';
	va_end(aq);
	return (int)len;
}

size_t fmt_format(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = cap == 0 ? 0 : fmt_vformat(buf, cap, fmt, ap);
	if (n < 0) {
		n = vsnprintf(buf, cap, fmt, ap2);
		if (n < 0)
			n = 0;
		else if ((size_t)n >= cap)
			n = (int)cap - 1;
	}
	va_end(ap2);
	va_end(ap);
	return (size_t)n;
}
