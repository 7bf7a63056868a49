/*
 * seq.h - TCP sequence number arithmetic modulo 2^32.
 *
 * RFC 9293 §3.4: sequence numbers wrap, so "a before b" is decided by the
 * sign of the 32-bit difference (as in BSD's netinet/tcp_seq.h and
 * Wireshark's LT_SEQ/GT_SEQ).  Never compare raw sequence numbers with `<`.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.
 */
#ifndef TCPVIEW_SEQ_H
#define TCPVIEW_SEQ_H

#include <stdbool.h>
#include <stdint.h>

static inline bool seq_lt(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }
static inline bool seq_le(uint32_t a, uint32_t b) { return (int32_t)(a - b) <= 0; }
static inline bool seq_gt(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }
static inline bool seq_ge(uint32_t a, uint32_t b) { return (int32_t)(a - b) >= 0; }

/* Bytes from `from` up to `to` (0 when `to` is not after `from`). */
static inline uint32_t seq_dist(uint32_t from, uint32_t to)
{
	return seq_gt(to, from) ? to - from : 0;
}

#endif
