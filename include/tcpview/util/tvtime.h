/*
 * tvtime.h - a point in capture time and the arithmetic on it.
 *
 * Low-level primitive (util layer): it uses only libc and other util
 * headers.  Values are plain structs, copied freely; nothing is owned.
 */
#ifndef TCPVIEW_UTIL_TVTIME_H
#define TCPVIEW_UTIL_TVTIME_H

#include <stdint.h>

/* A point in capture time: seconds since the epoch and nanoseconds. */
struct tv_time {
	int64_t sec;
	uint32_t nsec;
};

/*
 * Time differences and epoch nanoseconds saturate at about ±285 years: a
 * corrupt timestamp (pcapng allows 2^64 units) must not overflow int64.
 */
#define TV_SEC_LIMIT 9000000000LL

static inline int64_t tv_sat_ns(int64_t sec, int64_t nsec)
{
	if (sec > TV_SEC_LIMIT)
		return TV_SEC_LIMIT * 1000000000LL;
	if (sec < -TV_SEC_LIMIT)
		return -TV_SEC_LIMIT * 1000000000LL;
	return sec * 1000000000LL + nsec;
}

/* Nanoseconds from `a` to `b` (negative when b is before a). */
static inline int64_t tv_time_diff_ns(struct tv_time a, struct tv_time b)
{
	int64_t ds;
	if (__builtin_sub_overflow(b.sec, a.sec, &ds))
		ds = b.sec > a.sec ? INT64_MAX : INT64_MIN;
	return tv_sat_ns(ds, (int64_t)b.nsec - (int64_t)a.nsec);
}

/* Nanoseconds since the epoch. */
static inline int64_t tv_time_ns(struct tv_time t)
{
	return tv_sat_ns(t.sec, t.nsec);
}

/*
 * Arithmetic on durations, saturated at the limits of int64_t rather than
 * overflowing: a capture's clock may jump by centuries between packets
 * (a bit flipped in a timestamp), and a duration then reaches the
 * +-9e18 ns of tv_sat_ns(), which a sum or a product would take past
 * what int64_t holds.
 */
static inline int64_t tv_ns_add(int64_t a, int64_t b)
{
	int64_t r;
	if (__builtin_add_overflow(a, b, &r))
		r = b > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

static inline int64_t tv_ns_sub(int64_t a, int64_t b)
{
	int64_t r;
	if (__builtin_sub_overflow(a, b, &r))
		r = b < 0 ? INT64_MAX : INT64_MIN;
	return r;
}

static inline int64_t tv_ns_mul(int64_t a, int64_t k)
{
	int64_t r;
	if (__builtin_mul_overflow(a, k, &r))
		r = (a > 0) == (k > 0) ? INT64_MAX : INT64_MIN;
	return r;
}

#endif
