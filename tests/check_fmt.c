/*
 * check_fmt.c - unit tests of util/fmt.h, the formatting of the outputs'
 * hot paths: decimal numbers (fmt_u64, fmt_digits), seconds from integer
 * nanoseconds (fmt_seconds), durations for people (fmt_duration),
 * addresses and endpoints (fmt_addr, fmt_endpoint), padding (fmt_pad) and
 * the small printf (fmt_format, fmt_vformat); and of util/msg.h, messages
 * with numbered placeholders filled in (msg_format) and taken apart again
 * (msg_match).
 *
 * Every expected string is written out in full; where fmt.h promises to
 * do what snprintf does (fmt_format), glibc's own snprintf gives the
 * expectation.  Each write is checked against a guard byte just past the
 * room the function was given.
 */
#include <check.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/util/fmt.h"
#include "tcpview/util/msg.h"
#include "tcpview/util/wrap.h"
#include "check_main.h"

#define GUARD 0xa5

/* fmt_vformat through a variadic front, as obuf_printf calls it. */
static int vformat(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int vformat(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vformat(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * glibc's snprintf, called through vsnprintf so that the compiler does
 * not object to texts that are cut on purpose.
 */
static int glibc(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int glibc(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

/* ---- fmt_u64, fmt_digits ---- */

START_TEST(u64_exact)
{
	static const struct { uint64_t v; const char *s; } cases[] = {
		{ 0, "0" },
		{ 9, "9" },
		{ 10, "10" },
		{ 99, "99" },
		{ 100, "100" },
		{ UINT32_MAX, "4294967295" },			/* 2^32 - 1: last 32-bit value */
		{ (uint64_t)UINT32_MAX + 1, "4294967296" },	/* 2^32: first 64-bit division */
		{ UINT64_MAX, "18446744073709551615" },		/* 20 digits, the most there are */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[32];
		memset(buf, GUARD, sizeof(buf));
		size_t n = fmt_u64(buf, cases[i].v);
		ck_assert_msg(strcmp(buf, cases[i].s) == 0, "fmt_u64(%" PRIu64 ") should be \"%s\", "
			      "got \"%s\"", cases[i].v, cases[i].s, buf);
		ck_assert_msg(n == strlen(cases[i].s), "fmt_u64(%" PRIu64 ") should return %zu, got %zu",
			      cases[i].v, strlen(cases[i].s), n);
		ck_assert_msg((unsigned char)buf[n + 1] == GUARD,
			      "fmt_u64(%" PRIu64 ") wrote past its NUL", cases[i].v);
	}
}
END_TEST

/*
 * The digit count is estimated from the bit length, so the edges of each
 * decade (10^k - 1, 10^k, 10^k + 1) are where it could be off by one:
 * each must print as snprintf's %llu does.
 */
START_TEST(u64_every_decade_edge)
{
	uint64_t p = 1;
	for (int k = 0; k <= 19; k++, p *= 10) {
		uint64_t vals[3] = { p - 1, p, p + 1 };
		for (int j = 0; j < 3; j++) {
			char got[32], want[32];
			size_t n = fmt_u64(got, vals[j]);
			snprintf(want, sizeof(want), "%" PRIu64, vals[j]);
			ck_assert_msg(strcmp(got, want) == 0 && n == strlen(want),
				      "fmt_u64(%s) gave \"%s\" (length %zu)", want, got, n);
		}
	}
}
END_TEST

START_TEST(digits_zero_padded)
{
	static const struct { uint32_t v; int width; const char *s; } cases[] = {
		{ 7, 3, "007" },
		{ 5, 1, "5" },
		{ 0, 9, "000000000" },
		{ 347017, 6, "347017" },
		{ 24, 6, "000024" },
		{ 999999999, 9, "999999999" },
		{ 1, 2, "01" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[16];
		memset(buf, GUARD, sizeof(buf));
		fmt_digits(buf, cases[i].v, cases[i].width);
		ck_assert_msg(memcmp(buf, cases[i].s, (size_t)cases[i].width) == 0,
			      "fmt_digits(%u, %d) should be \"%s\", got \"%.*s\"", cases[i].v,
			      cases[i].width, cases[i].s, cases[i].width, buf);
		ck_assert_msg((unsigned char)buf[cases[i].width] == GUARD,
			      "fmt_digits(%u, %d) writes exactly %d bytes and no NUL",
			      cases[i].v, cases[i].width, cases[i].width);
	}
}
END_TEST

/* ---- fmt_seconds ---- */

START_TEST(seconds_exact)
{
	static const struct { int64_t ns; int digits; const char *s; } cases[] = {
		/* tcp.analysis.initial_rtt of http.pcap: 107 µs */
		{ 107000, 6, "0.000107" },
		{ 107000, 9, "0.000107000" },
		{ 0, 6, "0.000000" },
		{ 0, 9, "0.000000000" },
		/* frame 1 of http.pcap, 2019-05-15 05:37:29.347017 UTC */
		{ 1557898649347017000LL, 6, "1557898649.347017" },
		{ 1557898649347017123LL, 9, "1557898649.347017123" },
		{ 1000000000LL, 6, "1.000000" },
		{ 999999999LL, 9, "0.999999999" },
		/* Negative: the sign stays even when the whole part is 0. */
		{ -107000, 6, "-0.000107" },
		{ -1500000000LL, 6, "-1.500000" },
		{ -1, 9, "-0.000000001" },
		/* The extremes of int64_t nanoseconds (292 years). */
		{ INT64_MAX, 9, "9223372036.854775807" },
		{ INT64_MAX, 6, "9223372036.854775" },
		{ INT64_MIN, 9, "-9223372036.854775808" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];
		memset(buf, GUARD, sizeof(buf));
		size_t n = fmt_seconds(buf, sizeof(buf), cases[i].ns, cases[i].digits);
		ck_assert_msg(strcmp(buf, cases[i].s) == 0, "fmt_seconds(%" PRId64 ", %d) should be "
			      "\"%s\", got \"%s\"", cases[i].ns, cases[i].digits, cases[i].s, buf);
		ck_assert_msg(n == strlen(cases[i].s), "fmt_seconds(%" PRId64 ", %d) should return "
			      "%zu, got %zu", cases[i].ns, cases[i].digits, strlen(cases[i].s), n);
	}
}
END_TEST

/* A small buffer gets the first cap - 1 characters and a NUL, nothing more. */
START_TEST(seconds_cut_to_cap)
{
	static const char full[] = "1557898649.347017";
	for (size_t cap = 1; cap <= sizeof(full) + 2; cap++) {
		char buf[64];
		memset(buf, GUARD, sizeof(buf));
		size_t n = fmt_seconds(buf, cap, 1557898649347017000LL, 6);
		size_t want = cap - 1 < strlen(full) ? cap - 1 : strlen(full);
		ck_assert_msg(n == want && strlen(buf) == want && strncmp(buf, full, want) == 0,
			      "cap %zu: expected the first %zu characters of %s, got \"%s\" (%zu)",
			      cap, want, full, buf, n);
		ck_assert_msg((unsigned char)buf[cap] == GUARD, "cap %zu: wrote past the buffer", cap);
	}
}
END_TEST

/* ---- fmt_duration ---- */

START_TEST(duration_units)
{
	static const struct { int64_t ns; const char *s; } cases[] = {
		{ 24000, "0.024 ms" },			/* 24 µs, as fmt.h's example */
		{ 1250000000LL, "1.250 s" },		/* 1.25 s, as fmt.h's example */
		{ 0, "0.000 ms" },
		{ 107000, "0.107 ms" },
		{ 2000000, "2.000 ms" },
		/* The boundary: below 1 s in milliseconds, from 1 s on in seconds. */
		{ 999999999LL, "999.999 ms" },
		{ 1000000000LL, "1.000 s" },
		{ 3600LL * 1000000000LL, "3600.000 s" },
		/* Negative durations (clock steps) clamp to zero. */
		{ -5, "0.000 ms" },
		{ -2000000000LL, "0.000 ms" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[48];
		memset(buf, GUARD, sizeof(buf));
		size_t n = fmt_duration(buf, sizeof(buf), cases[i].ns);
		ck_assert_msg(strcmp(buf, cases[i].s) == 0, "fmt_duration(%" PRId64 ") should be "
			      "\"%s\", got \"%s\"", cases[i].ns, cases[i].s, buf);
		ck_assert_msg(n == strlen(cases[i].s), "fmt_duration(%" PRId64 ") should return %zu, "
			      "got %zu", cases[i].ns, strlen(cases[i].s), n);
	}
	char small[6];
	memset(small, GUARD, sizeof(small));
	size_t n = fmt_duration(small, 5, 1250000000LL);
	ck_assert_msg(n == 4 && strcmp(small, "1.25") == 0 && (unsigned char)small[5] == GUARD,
		      "cap 5: \"1.25\" and a NUL, got \"%s\" (%zu)", small, n);
}
END_TEST

/* ---- fmt_addr, fmt_endpoint ---- */

static struct tv_addr v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	struct tv_addr x;
	memset(&x, 0, sizeof(x));
	x.family = 4;
	x.bytes[0] = a;
	x.bytes[1] = b;
	x.bytes[2] = c;
	x.bytes[3] = d;
	return x;
}

/* An IPv6 address from its 16 bytes written as 8 groups. */
static struct tv_addr v6(const uint16_t g[8])
{
	struct tv_addr x;
	memset(&x, 0, sizeof(x));
	x.family = 6;
	for (int i = 0; i < 8; i++) {
		x.bytes[2 * i] = (uint8_t)(g[i] >> 8);
		x.bytes[2 * i + 1] = (uint8_t)g[i];
	}
	return x;
}

START_TEST(addr_ipv4_and_ipv6)
{
	static const uint16_t doc[8] = { 0x2001, 0x0db8, 0, 0, 0, 0, 0, 1 };	/* 2001:db8::1 */
	static const uint16_t lo[8] = { 0, 0, 0, 0, 0, 0, 0, 1 };		/* ::1 */
	static const uint16_t full[8] = { 0xfe80, 1, 2, 3, 4, 5, 6, 0xabcd };
	struct {
		struct tv_addr a;
		const char *s;
	} cases[] = {
		{ v4(192, 0, 2, 1), "192.0.2.1" },
		{ v4(0, 0, 0, 0), "0.0.0.0" },
		{ v4(255, 255, 255, 255), "255.255.255.255" },
		{ v4(10, 0, 100, 9), "10.0.100.9" },
		{ v6(doc), "2001:db8::1" },
		{ v6(lo), "::1" },
		{ v6(full), "fe80:1:2:3:4:5:6:abcd" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];
		memset(buf, GUARD, sizeof(buf));
		size_t n = fmt_addr(buf, sizeof(buf), &cases[i].a);
		ck_assert_msg(strcmp(buf, cases[i].s) == 0 && n == strlen(cases[i].s),
			      "fmt_addr should give \"%s\", got \"%s\" (%zu)", cases[i].s, buf, n);
	}
}
END_TEST

START_TEST(endpoint_brackets_ipv6)
{
	static const uint16_t doc[8] = { 0x2001, 0x0db8, 0, 0, 0, 0, 0, 1 };
	static const uint16_t lo[8] = { 0, 0, 0, 0, 0, 0, 0, 1 };
	struct {
		struct tv_addr a;
		uint16_t port;
		const char *s;
	} cases[] = {
		{ v4(10, 0, 0, 1), 40000, "10.0.0.1:40000" },
		{ v4(127, 0, 0, 1), 8080, "127.0.0.1:8080" },
		{ v4(192, 0, 2, 1), 0, "192.0.2.1:0" },
		{ v4(255, 255, 255, 255), 65535, "255.255.255.255:65535" },
		/* RFC 3986 §3.2.2: an IPv6 literal with a port goes in brackets. */
		{ v6(doc), 443, "[2001:db8::1]:443" },
		{ v6(lo), 8080, "[::1]:8080" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];
		memset(buf, GUARD, sizeof(buf));
		size_t n = fmt_endpoint(buf, sizeof(buf), &cases[i].a, cases[i].port);
		ck_assert_msg(strcmp(buf, cases[i].s) == 0 && n == strlen(cases[i].s),
			      "fmt_endpoint should give \"%s\", got \"%s\" (%zu)", cases[i].s, buf, n);
	}
	/* Cut at cap - 1 like the other writers. */
	char buf[16];
	memset(buf, GUARD, sizeof(buf));
	struct tv_addr a = v6(doc);
	size_t n = fmt_endpoint(buf, 8, &a, 443);
	ck_assert_msg(n == 7 && strcmp(buf, "[2001:d") == 0 && (unsigned char)buf[8] == GUARD,
		      "cap 8: \"[2001:d\" and a NUL, got \"%s\" (%zu)", buf, n);
}
END_TEST

/* ---- fmt_pad ---- */

START_TEST(pad_alignment)
{
	char buf[16];
	memset(buf, GUARD, sizeof(buf));
	size_t n = fmt_pad(buf, "ab", 2, 5);
	ck_assert_msg(n == 5 && memcmp(buf, "   ab", 5) == 0, "width 5: right-aligned \"   ab\", "
		      "got \"%.*s\"", (int)n, buf);
	ck_assert_msg((unsigned char)buf[5] == GUARD, "width 5: no NUL, nothing past 5 bytes");

	memset(buf, GUARD, sizeof(buf));
	n = fmt_pad(buf, "ab", 2, -5);
	ck_assert_msg(n == 5 && memcmp(buf, "ab   ", 5) == 0, "width -5: left-aligned \"ab   \", "
		      "got \"%.*s\"", (int)n, buf);
	ck_assert_msg((unsigned char)buf[5] == GUARD, "width -5: nothing past 5 bytes");

	/* Text longer than the width is written whole, never cut. */
	memset(buf, GUARD, sizeof(buf));
	n = fmt_pad(buf, "abcdef", 6, 3);
	ck_assert_msg(n == 6 && memcmp(buf, "abcdef", 6) == 0 && (unsigned char)buf[6] == GUARD,
		      "width 3, 6 bytes: \"abcdef\" whole, got \"%.*s\"", (int)n, buf);
	memset(buf, GUARD, sizeof(buf));
	n = fmt_pad(buf, "abcdef", 6, -3);
	ck_assert_msg(n == 6 && memcmp(buf, "abcdef", 6) == 0 && (unsigned char)buf[6] == GUARD,
		      "width -3, 6 bytes: \"abcdef\" whole, got \"%.*s\"", (int)n, buf);

	/* Exactly the width, and width 0: no padding. */
	memset(buf, GUARD, sizeof(buf));
	n = fmt_pad(buf, "abc", 3, 3);
	ck_assert_msg(n == 3 && memcmp(buf, "abc", 3) == 0, "width 3, 3 bytes: \"abc\"");
	memset(buf, GUARD, sizeof(buf));
	n = fmt_pad(buf, "abc", 3, 0);
	ck_assert_msg(n == 3 && memcmp(buf, "abc", 3) == 0 && (unsigned char)buf[3] == GUARD,
		      "width 0: \"abc\" as is");

	/* Only n bytes of s are used, even when s is longer. */
	memset(buf, GUARD, sizeof(buf));
	n = fmt_pad(buf, "abcdef", 2, 4);
	ck_assert_msg(n == 4 && memcmp(buf, "  ab", 4) == 0, "n 2 of \"abcdef\", width 4: \"  ab\", "
		      "got \"%.*s\"", (int)n, buf);
}
END_TEST

/* ---- fmt_format, fmt_vformat ---- */

/*
 * Formats with fmt_format(), with fmt_vformat() and with glibc's snprintf
 * into buffers of CAP bytes followed by guard bytes: the three texts must
 * be the same, fmt_vformat() must take the directive (not return -1) and
 * both must return the length they wrote.
 */
#define SAME_AS_GLIBC(CAP, ...) do {						\
	char want_[96], got_[96], vgot_[96];					\
	size_t cap_ = (CAP);							\
	memset(got_, GUARD, sizeof(got_));					\
	memset(vgot_, GUARD, sizeof(vgot_));					\
	glibc(want_, cap_, __VA_ARGS__);					\
	size_t n_ = fmt_format(got_, cap_, __VA_ARGS__);			\
	int vn_ = vformat(vgot_, cap_, __VA_ARGS__);				\
	ck_assert_msg(strcmp(got_, want_) == 0 && n_ == strlen(want_),		\
		      "fmt_format(cap %zu, %s) should give glibc's \"%s\", got "	\
		      "\"%s\" (%zu)", cap_, #__VA_ARGS__, want_, got_, n_);	\
	ck_assert_msg(vn_ >= 0 && strcmp(vgot_, want_) == 0 &&			\
		      (size_t)vn_ == strlen(want_),				\
		      "fmt_vformat(cap %zu, %s) should give glibc's \"%s\", got "	\
		      "\"%s\" (%d)", cap_, #__VA_ARGS__, want_,			\
		      vn_ >= 0 ? vgot_ : "", vn_);				\
	ck_assert_msg((unsigned char)got_[cap_] == GUARD &&			\
		      (unsigned char)vgot_[cap_] == GUARD,			\
		      "%s with cap %zu wrote past the buffer", #__VA_ARGS__, cap_);	\
} while (0)

START_TEST(format_conversions)
{
	SAME_AS_GLIBC(64, "%s|%c|%d|%i|%u", "abc", 'x', -42, 7, 42u);
	SAME_AS_GLIBC(64, "plain text, no directive");
	SAME_AS_GLIBC(64, "%s", "");
	SAME_AS_GLIBC(64, "%d %d %d", 0, INT_MIN, INT_MAX);
	SAME_AS_GLIBC(64, "%u", UINT_MAX);
	SAME_AS_GLIBC(64, "seq %" PRIu32 " ack %" PRIu32, (uint32_t)3798924673u, (uint32_t)1u);
	SAME_AS_GLIBC(64, "%s%s%s", "a", "", "c");
}
END_TEST

START_TEST(format_width_and_alignment)
{
	SAME_AS_GLIBC(64, "[%5d]", 42);
	SAME_AS_GLIBC(64, "[%-5d]", 42);
	SAME_AS_GLIBC(64, "[%5d]", -42);
	SAME_AS_GLIBC(64, "[%2d]", 12345);	/* wider than the width: whole */
	SAME_AS_GLIBC(64, "[%10s]", "right");
	SAME_AS_GLIBC(64, "[%-10s]", "left");
	SAME_AS_GLIBC(64, "[%3c]", 'c');
	SAME_AS_GLIBC(64, "[%-3c]", 'c');
	SAME_AS_GLIBC(64, "[%*d]", 6, 7);
	SAME_AS_GLIBC(64, "[%-*d]", 6, 7);
	/* C11 7.21.6.1p5: a negative * width is a - flag and a positive width. */
	SAME_AS_GLIBC(64, "[%*s]", -6, "ab");
	SAME_AS_GLIBC(64, "[%*u]", 0, 5u);
	/* text.c's layout: an empty string padded to 10 columns. */
	SAME_AS_GLIBC(64, "  %10s   raw window %u", "", 6379u);
}
END_TEST

START_TEST(format_string_precision)
{
	SAME_AS_GLIBC(64, "[%.3s]", "abcdef");
	SAME_AS_GLIBC(64, "[%.0s]", "abcdef");
	SAME_AS_GLIBC(64, "[%.10s]", "abc");
	SAME_AS_GLIBC(64, "[%.*s]", 2, "abcdef");
	SAME_AS_GLIBC(64, "[%-6.2s]", "abcdef");
	SAME_AS_GLIBC(64, "[%6.2s]", "abcdef");
	/* C11 7.21.6.1p5: a negative * precision is taken as if omitted. */
	SAME_AS_GLIBC(64, "[%.*s]", -1, "abcdef");
	/* Precision stops the read: the bytes need no NUL after the limit. */
	static const char unterminated[3] = { 'x', 'y', 'z' };
	SAME_AS_GLIBC(64, "[%.3s]", unterminated);
}
END_TEST

START_TEST(format_length_modifiers)
{
	SAME_AS_GLIBC(64, "%ld %lu", LONG_MIN, ULONG_MAX);
	SAME_AS_GLIBC(64, "%lld %llu", LLONG_MIN, ULLONG_MAX);
	SAME_AS_GLIBC(64, "%lli %lld", LLONG_MAX, -1LL);
	SAME_AS_GLIBC(64, "%zu", SIZE_MAX);
	SAME_AS_GLIBC(64, "%zu bytes missing", (size_t)100);
	SAME_AS_GLIBC(64, "%" PRIu64 " packets", UINT64_MAX);
	SAME_AS_GLIBC(64, "%" PRId64, INT64_MIN);
	SAME_AS_GLIBC(64, "[%-22lld]", LLONG_MIN);
	SAME_AS_GLIBC(64, "[%*lu]", 12, 99ul);
}
END_TEST

/*
 * Output is cut at cap - 1 with a NUL, whatever is being written: literal
 * text, a string, a number, or padding.  glibc's snprintf cuts at the same
 * place, and fmt_format() returns what it wrote (not what it would have).
 */
START_TEST(format_truncation)
{
	for (size_t cap = 1; cap <= 24; cap++) {
		SAME_AS_GLIBC(cap, "hello world");
		SAME_AS_GLIBC(cap, "%s", "abcdefghijklmnopqrstuvwxyz");
		SAME_AS_GLIBC(cap, "n=%d;", -1234567890);
		SAME_AS_GLIBC(cap, "[%12s]", "pad");
		SAME_AS_GLIBC(cap, "[%-12s]", "pad");
		SAME_AS_GLIBC(cap, "%llu", ULLONG_MAX);
		SAME_AS_GLIBC(cap, "%c%c%c%c%c%c%c%c%c%c", 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
			      'i', 'j');
	}
	SAME_AS_GLIBC(8, "%s and %s", "first", "second");
}
END_TEST

/*
 * Precision on an integer is a minimum number of digits (C11 7.21.6.1p4:
 * "%.3d" of 7 is "007"), and the 0 flag pads with zeros: fmt.h promises
 * precision, so fmt_format() must give glibc's text for both, whether
 * fmt_vformat() does them itself or refuses them with -1.
 */
START_TEST(format_integer_precision_and_zero_flag)
{
	static const struct { const char *what; int v; } cases[] = { { "7", 7 }, { "-7", -7 } };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char got[32], want[32];
		int v = cases[i].v;
		snprintf(want, sizeof(want), "[%.3d]", v);
		fmt_format(got, sizeof(got), "[%.3d]", v);
		ck_assert_msg(strcmp(got, want) == 0, "\"[%%.3d]\" of %s: glibc's \"%s\", got \"%s\"",
			      cases[i].what, want, got);
		snprintf(want, sizeof(want), "[%05d]", v);
		fmt_format(got, sizeof(got), "[%05d]", v);
		ck_assert_msg(strcmp(got, want) == 0, "\"[%%05d]\" of %s: glibc's \"%s\", got \"%s\"",
			      cases[i].what, want, got);
	}
	char got[32], want[32];
	snprintf(want, sizeof(want), "[%.0u]", 0u);
	fmt_format(got, sizeof(got), "[%.0u]", 0u);
	ck_assert_msg(strcmp(got, want) == 0, "\"[%%.0u]\" of 0: glibc's \"%s\", got \"%s\"", want, got);
}
END_TEST

/*
 * A directive fmt_vformat() does not do (%x, %f, %p, h) is refused with -1,
 * and fmt_format() then gives glibc's text, cut at cap - 1 like the rest.
 */
START_TEST(format_unhandled_directive_falls_back)
{
	char buf[64], want[64];
	memset(buf, GUARD, sizeof(buf));
	ck_assert_msg(vformat(buf, sizeof(buf), "%x", 255u) == -1, "%%x: fmt_vformat returns -1");
	ck_assert_msg(vformat(buf, sizeof(buf), "window %u, %x", 1u, 255u) == -1,
		      "%%x after a handled directive: still -1");
	ck_assert_msg(vformat(buf, sizeof(buf), "%5.1f", 2.5) == -1, "%%f: fmt_vformat returns -1");
	ck_assert_msg(vformat(buf, sizeof(buf), "%hd", (short)3) == -1, "%%hd: fmt_vformat returns -1");
	ck_assert_msg(vformat(buf, sizeof(buf), "%+d", 3) == -1, "%%+d: fmt_vformat returns -1");

	size_t n = fmt_format(buf, sizeof(buf), "%x", 255u);
	ck_assert_msg(n == 2 && strcmp(buf, "ff") == 0, "fmt_format %%x 255: \"ff\", got \"%s\"", buf);
	n = fmt_format(buf, sizeof(buf), "\\x%02x", 7u);
	ck_assert_msg(n == 4 && strcmp(buf, "\\x07") == 0, "follow.c's \\x%%02x of 7: \"\\x07\", "
		      "got \"%s\"", buf);
	snprintf(want, sizeof(want), "%s=%x rtt %.3f", "id", 48879u, 0.5);
	n = fmt_format(buf, sizeof(buf), "%s=%x rtt %.3f", "id", 48879u, 0.5);
	ck_assert_msg(n == strlen(want) && strcmp(buf, want) == 0, "mixed directives: glibc's "
		      "\"%s\", got \"%s\"", want, buf);

	/* The fallback is cut at cap - 1 too, and returns what it wrote. */
	for (size_t cap = 1; cap <= 12; cap++) {
		char got[16];
		memset(got, GUARD, sizeof(got));
		n = fmt_format(got, cap, "value %x", 0xabcdefu);
		glibc(want, cap, "value %x", 0xabcdefu);
		ck_assert_msg(strcmp(got, want) == 0 && n == strlen(want),
			      "cap %zu: glibc's \"%s\" expected, got \"%s\" (%zu)", cap, want, got, n);
		ck_assert_msg((unsigned char)got[cap] == GUARD, "cap %zu: wrote past the buffer", cap);
	}
}
END_TEST

/* wrap.h: display widths and folding (SPEC §11). */
START_TEST(wrap_widths)
{
	ck_assert_uint_eq(wrap_width("abc", 3), 3);
	ck_assert_uint_eq(wrap_width("C\xe2\x86\x92S", 5), 3);		/* "C→S" */
	ck_assert_uint_eq(wrap_width("\xe3\x83\x8f\xe3\x83\xb3", 6), 4);	/* two katakana: 2 each */
	ck_assert_uint_eq(wrap_width("\xed\x95\x9c", 3), 2);		/* hangul */
	ck_assert_uint_eq(wrap_width("\033[31mred\033[0m", 12), 3);	/* colour takes none */
	ck_assert_uint_eq(wrap_width("\xff\xfe", 2), 2);		/* bad UTF-8: a cell a byte */
}
END_TEST

static const char *wrapped(const char *s, size_t width, size_t indent)
{
	static char out[4096];
	size_t n = wrap_line(s, strlen(s), width, indent, out);
	ck_assert_uint_le(n, wrap_room(strlen(s), width, indent));
	out[n] = '\0';
	return out;
}

START_TEST(wrap_folds_at_words)
{
	ck_assert_str_eq(wrapped("short line", 40, 4), "short line\n");
	ck_assert_str_eq(wrapped("one two three four five six", 12, 2),
			 "one two\n  three four\n  five six\n");
	/* Leading spaces are not a place to break; a label's hang lines up. */
	ck_assert_str_eq(wrapped("  verdict: the server reset it", 20, 11),
			 "  verdict: the\n           server\n           reset it\n");
	/* A word longer than a row is cut where the row ends. */
	ck_assert_str_eq(wrapped("aaaaaaaaaaaaaaaaaaaa bb", 10, 0),
			 "aaaaaaaaaa\naaaaaaaaaa\nbb\n");
	/* Width 0: never folded. */
	ck_assert_str_eq(wrapped("one two three", 0, 2), "one two three\n");
	/* A wide character is not split and counts two. */
	ck_assert_str_eq(wrapped("\xe3\x83\x8f\xe3\x83\xb3 \xe3\x83\x8f\xe3\x83\xb3", 8, 0),
			 "\xe3\x83\x8f\xe3\x83\xb3\n\xe3\x83\x8f\xe3\x83\xb3\n");
	/* Japanese has no spaces: a row may end between two of its
	 * characters (10 columns: five of them)... */
	ck_assert_str_eq(wrapped("確認応答を送信した", 10, 0), "確認応答を\n送信した\n");
	/* ... but never before "。" or "、" (kinsoku), ... */
	ck_assert_str_eq(wrapped("確認応答。送信", 8, 0), "確認応\n答。送信\n");
	/* ... nor between a number and its counter, nor inside a katakana word. */
	ck_assert_str_eq(wrapped("合計 12345バイト", 12, 0), "合計\n12345バイト\n");
	ck_assert_str_eq(wrapped("受信ウィンドウ", 12, 0), "受信\nウィンドウ\n");
}
END_TEST

START_TEST(msg_fills_in_any_order)
{
	char buf[64];
	ck_assert_uint_eq(msg_format(buf, sizeof(buf), "%2$s then %1$s, 100%%",
				     MSG_ARGS("one", "two")), 18);
	ck_assert_str_eq(buf, "two then one, 100%");
	/* a missing or NULL argument is empty */
	msg_format(buf, sizeof(buf), "[%1$s|%3$s]", MSG_ARGS(NULL, "b"));
	ck_assert_str_eq(buf, "[|]");
	/* cut at cap - 1 */
	ck_assert_uint_eq(msg_format(buf, 6, "%1$s: %2$s", MSG_ARGS("file", "packet")), 5);
	ck_assert_str_eq(buf, "file:");
	ck_assert_str_eq(MSG_NUM(18446744073709551615ULL), "18446744073709551615");
	ck_assert_str_eq(MSG_NUM(0), "0");
}
END_TEST

/* The span of argument i as a string, for comparing. */
static const char *span(const char *text, const struct msg_span *a, char *buf)
{
	memcpy(buf, text + a->off, a->len);
	buf[a->len] = '\0';
	return buf;
}

START_TEST(msg_takes_apart)
{
	struct msg_span a[4];
	char b[64];
	const char *t = "a: b.pcap: packet 12: block cut: short";
	ck_assert(msg_match("%1$s: packet %2$s: %3$s", t, strlen(t), a, 4));
	/* each argument the shortest that lets the rest match */
	ck_assert_str_eq(span(t, &a[0], b), "a: b.pcap");
	ck_assert_str_eq(span(t, &a[1], b), "12");
	ck_assert_str_eq(span(t, &a[2], b), "block cut: short");
	ck_assert_uint_eq(a[3].off, 0);
	ck_assert_uint_eq(a[3].len, 0);
	/* in the order of the message, whatever the numbers */
	t = "12 of x";
	ck_assert(msg_match("%2$s of %1$s", t, strlen(t), a, 4));
	ck_assert_str_eq(span(t, &a[0], b), "x");
	ck_assert_str_eq(span(t, &a[1], b), "12");
	t = "100% sure";
	ck_assert(msg_match("%1$s%% sure", t, strlen(t), a, 4));
	ck_assert_str_eq(span(t, &a[0], b), "100");
	/* the whole text, every argument at least a byte */
	t = "x: packet 3: ";
	ck_assert(!msg_match("%1$s: packet %2$s: %3$s", t, strlen(t), a, 4));
	t = "x: packet 3: y and more";
	ck_assert(!msg_match("%1$s: packet %2$s: y", t, strlen(t), a, 4));
	ck_assert(!msg_match("the file is empty", "the file is", 11, a, 4));
	ck_assert(msg_match("the file is empty", "the file is empty", 17, a, 4));
	/* an argument named twice or past nargs matches nothing */
	t = "a and a";
	ck_assert(!msg_match("%1$s and %1$s", t, strlen(t), a, 4));
	ck_assert(!msg_match("%1$s and %2$s", t, strlen(t), a, 1));
	/* a text filled in is taken apart into what filled it */
	char filled[128];
	msg_format(filled, sizeof(filled), "%1$s at byte %2$s: %3$s",
		   MSG_ARGS("Enhanced Packet Block", MSG_NUM(240), "cut: 5 of 8"));
	ck_assert(msg_match("%1$s at byte %2$s: %3$s", filled, strlen(filled), a, 4));
	ck_assert_str_eq(span(filled, &a[0], b), "Enhanced Packet Block");
	ck_assert_str_eq(span(filled, &a[1], b), "240");
	ck_assert_str_eq(span(filled, &a[2], b), "cut: 5 of 8");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *tc = tcase_create("numbers");
	tcase_add_test(tc, u64_exact);
	tcase_add_test(tc, u64_every_decade_edge);
	tcase_add_test(tc, digits_zero_padded);
	tcase_add_test(tc, seconds_exact);
	tcase_add_test(tc, seconds_cut_to_cap);
	tcase_add_test(tc, duration_units);
	suite_add_tcase(s, tc);

	tc = tcase_create("addresses");
	tcase_add_test(tc, addr_ipv4_and_ipv6);
	tcase_add_test(tc, endpoint_brackets_ipv6);
	tcase_add_test(tc, pad_alignment);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, format_conversions);
	tcase_add_test(tc, format_width_and_alignment);
	tcase_add_test(tc, format_string_precision);
	tcase_add_test(tc, format_length_modifiers);
	tcase_add_test(tc, format_truncation);
	tcase_add_test(tc, format_integer_precision_and_zero_flag);
	tcase_add_test(tc, format_unhandled_directive_falls_back);
	suite_add_tcase(s, tc);

	tc = tcase_create("messages");
	tcase_add_test(tc, msg_fills_in_any_order);
	tcase_add_test(tc, msg_takes_apart);
	suite_add_tcase(s, tc);

	tc = tcase_create("wrap");
	tcase_add_test(tc, wrap_widths);
	tcase_add_test(tc, wrap_folds_at_words);
	suite_add_tcase(s, tc);
	return s;
}
