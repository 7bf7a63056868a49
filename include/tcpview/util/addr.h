/*
 * addr.h - an IPv4 or IPv6 address as the decoders hand it on.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.  Values are plain structs, copied freely; nothing is owned.
 */
#ifndef TCPVIEW_UTIL_ADDR_H
#define TCPVIEW_UTIL_ADDR_H

#include <stdbool.h>
#include <stdint.h>

struct tv_addr {
	uint8_t family;		/* 4 or 6 */
	uint8_t bytes[16];	/* IPv4 uses the first 4 */
};

/* Address bytes equal (family known to match); 4 or 16 bytes compared. */
static inline bool tv_addr_bytes_eq(const uint8_t *a, const uint8_t *b, int family)
{
	uint64_t x[2], y[2];
	if (family == 4) {
		uint32_t u, v;
		__builtin_memcpy(&u, a, 4);
		__builtin_memcpy(&v, b, 4);
		return u == v;
	}
	__builtin_memcpy(x, a, 16);
	__builtin_memcpy(y, b, 16);
	return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
}

#endif
