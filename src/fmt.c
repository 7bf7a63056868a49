/*
 * fmt.c - number, time and address formatting shared by the reporters.
 *
 * Seconds are printed from integer nanoseconds, never through a double, so
 * the digits are exact and the same in every locale.
 */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/socket.h>

#include "tcpview/narrate.h"

size_t fmt_seconds(char *buf, size_t cap, int64_t ns, int digits)
{
	const char *sign = "";
	uint64_t v;
	if (ns < 0) {
		sign = "-";
		v = (uint64_t)0 - (uint64_t)ns;
	} else {
		v = (uint64_t)ns;
	}
	uint64_t sec = v / 1000000000u, frac = v % 1000000000u;
	int n;
	if (digits == 9)
		n = snprintf(buf, cap, "%s%" PRIu64 ".%09" PRIu64, sign, sec, frac);
	else
		n = snprintf(buf, cap, "%s%" PRIu64 ".%06" PRIu64, sign, sec,
			     frac / 1000);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

size_t fmt_duration(char *buf, size_t cap, int64_t ns)
{
	int n;
	if (ns < 0)
		ns = 0;
	if (ns < 1000000000LL)
		n = snprintf(buf, cap, "%" PRId64 ".%03" PRId64 " ms", ns / 1000000,
			     (ns / 1000) % 1000);
	else
		n = snprintf(buf, cap, "%" PRId64 ".%03" PRId64 " s", ns / 1000000000,
			     (ns / 1000000) % 1000);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

size_t fmt_addr(char *buf, size_t cap, const struct tv_addr *a)
{
	if (inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->bytes, buf,
		      (socklen_t)cap) == NULL) {
		if (cap > 0)
			buf[0] = '\0';
		return 0;
	}
	size_t n = 0;
	while (buf[n] != '\0')
		n++;
	return n;
}

size_t fmt_endpoint(char *buf, size_t cap, const struct tv_addr *a, uint16_t port)
{
	char addr[64];
	fmt_addr(addr, sizeof(addr), a);
	int n = snprintf(buf, cap, a->family == 6 ? "[%s]:%u" : "%s:%u", addr,
			 (unsigned)port);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}
