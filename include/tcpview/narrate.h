/*
 * narrate.h - an event told in plain words.
 *
 * narrate_event() writes the sentence a reader sees for one packet ("server
 * acknowledges the 78 bytes of frame 5 after 0.024 ms ...") into a caller's
 * buffer.  Both the text and the JSON reporters use it, so the wording lives
 * in one place.  narrate_flags() and the format helpers are shared the same
 * way.  Nothing here allocates.
 */
#ifndef TCPVIEW_NARRATE_H
#define TCPVIEW_NARRATE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/conn.h"
#include "tcpview/event.h"

#define NARRATE_MAX 1024

/*
 * The sentence for `ev`; returns its length (truncated to cap - 1).  It is
 * printable ASCII without '"' or '\\' unless it quotes application data
 * (ev->quote != NULL): the JSON writer relies on this to skip escaping.
 */
size_t narrate_event(const struct tv_event *ev, char *buf, size_t cap);

/* tcpdump's flag letters: "S", "S.", ".", "P.", "F.", "R." ... */
void narrate_flag_letters(uint16_t flags, char out[12]);
/* Flag names for the text column: "SYN", "SYN,ACK", "FIN,PSH,ACK" ... */
void narrate_flag_names(uint16_t flags, char out[40]);

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
