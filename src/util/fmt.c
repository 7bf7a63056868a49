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
	n += fmt_u64(tmp + n, v / 1000000000u);
	tmp[n++] = '.';
	uint32_t frac = (uint32_t)(v % 1000000000u);
	if (digits == 9) {
		fmt_digits(tmp + n, frac, 9);
		n += 9;
	} else {
		fmt_digits(tmp + n, frac / 1000, 6);
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
	if (ns < 0)
		ns = 0;
	bool ms = ns < 1000000000LL;
	uint64_t unit = ms ? 1000000u : 1000000000u;
	n = fmt_u64(tmp, (uint64_t)ns / unit);
	tmp[n++] = '.';
	fmt_digits(tmp + n, (uint32_t)(((uint64_t)ns / (unit / 1000)) % 1000), 3);
	n += 3;
	memcpy(tmp + n, ms ? " ms" : " s", ms ? 4 : 3);
	n += ms ? 3 : 2;
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

int fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
	char num[24];
	size_t len = 0;
	if (cap == 0)
		return -1;
	for (const char *f = fmt; *f != '\0';) {
		if (*f != '%') {
			len = put_literal(buf, cap, len, &f);
			continue;
		}
		f++;
		struct spec sp;
		/* Most directives are a bare %s, %u or %d: no spec to read. */
		if (*f == 's' || *f == 'u' || *f == 'd') {
			sp.left = sp.zero = sp.width_star = sp.prec_star = false;
			sp.width = sp.lng = 0;
			sp.prec = -1;
			sp.conv = *f++;
		} else {
			parse_spec(&f, &sp);
		}
		bool integer = sp.conv == 'u' || sp.conv == 'd' || sp.conv == 'i';
		/* Zero padding and an integer's minimum digits (C11 7.21.6.1)
		 * are glibc's to do: none of the hot formats use them. */
		if (sp.zero || (integer && (sp.prec >= 0 || sp.prec_star)))
			return -1;
		if (sp.width_star) {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
		}
		if (sp.prec_star)
			sp.prec = va_arg(ap, int);
		const char *s = num;
		size_t n;
		switch (sp.conv) {
		case 's':
			s = va_arg(ap, const char *);
			n = sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) : strlen(s);
			break;
		case 'c':
			num[0] = (char)va_arg(ap, int);
			n = 1;
			break;
		case '%':
			s = "%";
			n = 1;
			break;
		case 'u':
			n = fmt_u64(num, sp.lng >= 2 ? va_arg(ap, unsigned long long) :
					 sp.lng == 1 ? va_arg(ap, unsigned long) :
						       va_arg(ap, unsigned));
			break;
		case 'd':
		case 'i': {
			long long v = sp.lng >= 2 ? va_arg(ap, long long) :
				      sp.lng == 1 ? va_arg(ap, long) : va_arg(ap, int);
			bool neg = v < 0;
			num[0] = '-';
			n = fmt_u64(num + neg, neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v) + neg;
			break;
		}
		default:
			return -1;	/* a directive this formatter does not do */
		}
		len = put_padded(buf, cap, len, s, n, sp.width, sp.left);
	}
	buf[len] = '\0';
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
