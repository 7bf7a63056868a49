/*
 * fmt.c - number, time and address formatting shared by the reporters.
 *
 * These run for every packet of the JSON and text outputs, so none of them
 * goes through printf: digits are written by hand from integers.  Seconds
 * come from integer nanoseconds, never through a double, so they are exact
 * and the same in every locale.
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "tcpview/narrate.h"

/* "00" .. "99": two digits per division. */
static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

size_t fmt_u64(char *buf, uint64_t v)
{
	char tmp[20];
	size_t i = sizeof(tmp);
	while (v >= 100) {
		unsigned d = (unsigned)(v % 100) * 2;
		v /= 100;
		tmp[--i] = digit_pairs[d + 1];
		tmp[--i] = digit_pairs[d];
	}
	if (v >= 10) {
		unsigned d = (unsigned)v * 2;
		tmp[--i] = digit_pairs[d + 1];
		tmp[--i] = digit_pairs[d];
	} else {
		tmp[--i] = (char)('0' + v);
	}
	size_t n = sizeof(tmp) - i;
	memcpy(buf, tmp + i, n);
	buf[n] = '\0';
	return n;
}

/* Writes `v` as exactly `width` digits, zero-padded. */
static void fixed_digits(char *buf, uint64_t v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		buf[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

size_t fmt_seconds(char *buf, size_t cap, int64_t ns, int digits)
{
	char tmp[48];
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
	uint64_t frac = v % 1000000000u;
	if (digits == 9) {
		fixed_digits(tmp + n, frac, 9);
		n += 9;
	} else {
		fixed_digits(tmp + n, frac / 1000, 6);
		n += 6;
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, tmp, n);
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
	fixed_digits(tmp + n, ((uint64_t)ns / (unit / 1000)) % 1000, 3);
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
