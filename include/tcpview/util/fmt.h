/*
 * fmt.h - numbers, times, durations and addresses as text, fast.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.  These run for every packet of the text and JSON outputs, so
 * none goes through printf; every function writes into the caller's buffer
 * and allocates nothing.  Numbers are in the C locale whatever the
 * language of the words around them.
 */
#ifndef TCPVIEW_UTIL_FMT_H
#define TCPVIEW_UTIL_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/util/addr.h"

/*
 * snprintf for the output's hot paths: %s %c %d %i %u with -, width, *,
 * precision and l/ll/z, without glibc's locale machinery.  fmt_vformat()
 * returns -1 on any other directive (nothing usable written);
 * fmt_format() then falls back to vsnprintf.  Output is cut at cap - 1.
 */
int fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap);
size_t fmt_format(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * Copies n bytes of s to dst padded with spaces to |width| (right-aligned
 * when width > 0, left when < 0); dst needs max(n, |width|) bytes.
 * Returns the bytes written.  No terminating NUL.
 */
size_t fmt_pad(char *dst, const char *s, size_t n, int width);
/* `v` as exactly `width` digits, zero-padded (no NUL). */
void fmt_digits(char *buf, uint32_t v, int width);
/* Decimal digits of `v` into buf (room for 21 bytes); returns the length. */
size_t fmt_u64(char *buf, uint64_t v);
/* Seconds with `digits` decimals (6 or 9), e.g. "0.000107". */
size_t fmt_seconds(char *buf, size_t cap, int64_t ns, int digits);
/* A duration for people: "0.024 ms", "1.250 s". */
size_t fmt_duration(char *buf, size_t cap, int64_t ns);
/* An address, IPv6 in brackets when followed by a port. */
size_t fmt_addr(char *buf, size_t cap, const struct tv_addr *a);
size_t fmt_endpoint(char *buf, size_t cap, const struct tv_addr *a, uint16_t port);

#endif
