/*
 * pace.h - what set a connection's pace (private to src/diagnose).
 *
 * diagnose.c hands every event of a connection that carried data to
 * pace_event(); as the connection ends, pace_findings() says whether the
 * receiver's window bounded a sender (rwnd_limited), whether small writes
 * waited for delayed ACKs (nagle_delayed_ack) and whether a sender paused
 * with nothing to send (app_limited).  The state is a few hundred bytes
 * per connection with data, owned by diagnose.c, zeroed to start, plus
 * the evidence of a side that has some (pace_release frees it).
 */
#ifndef TCPVIEW_DIAGNOSE_PACE_H
#define TCPVIEW_DIAGNOSE_PACE_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/diagnose/record.h"
#include "tcpview/tcp/record.h"

#define PACE_RATES 32	/* ACK-spacing rate samples kept per side */

/* What a side's findings will cite: allocated when there is something to
 * keep (most connections never need it). */
struct pace_evidence {
	uint64_t full_frames[DX_FRAMES];	/* rwnd_limited: the first window-full segments */
	uint8_t nfull_frames;
	uint32_t rates[PACE_RATES];	/* KB/s from the spacing of ACKs, a ring */
	uint8_t nrates, rate_next;
	struct tv_finding pauses;	/* app_limited */
	struct tv_finding held;		/* nagle_delayed_ack */
};

/* One sending side, as its peer's ACKs tell it. */
struct pace_side {
	bool sent;		/* has sent data */
	bool fin;
	uint32_t next;		/* relative seq after its highest data */
	uint32_t largest;	/* its largest segment so far */
	int64_t rtt_min_ns;	/* fastest ACK RTT of its data (0: none) */
	struct tv_time first_data, last_data;
	uint64_t bytes;
	struct pace_evidence *ev;	/* NULL until needed */

	/* rwnd_limited: a window-filling segment opens a wait that the
	 * peer's next ACK ends. */
	uint64_t segments, full;
	uint32_t full_window;
	bool waiting;
	struct tv_time wait_since;
	int64_t waited_ns;
	int64_t last_ack_ns;		/* the peer's last ACK of new data */
	int64_t last_sent_ns;		/* when the data it answered was sent */
	bool have_last_ack;		/* and both are known */

	/* app_limited: everything acknowledged, the window open, no data
	 * from the peer since. */
	bool idle;
	struct tv_time idle_since;

	/* nagle_delayed_ack: 1 = a small segment went out alone, 2 = the
	 * peer's pure ACK of it came late. */
	uint8_t nagle;
	uint32_t small_end, small_len;
	struct tv_time small_ts, ack_ts;
	uint64_t ack_frame;
	int64_t ack_wait_ns, small_rel_ns;
};

struct pace {
	int64_t hs_rtt_ns;	/* the handshake's round trip (0: not seen) */
	struct pace_side side[2];
};

void pace_event(struct pace *p, const struct tv_event *ev);
/* Frees what pace_event() allocated; `p` can then be zeroed and reused. */
void pace_release(struct pace *p);
/* Appends the findings of `p` to `out` (room for 3), in code order;
 * returns how many.  `r` is the connection's report. */
unsigned pace_findings(const struct pace *p, const struct tv_conn_report *r,
		       struct tv_finding *out);

#endif
