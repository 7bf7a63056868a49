/*
 * stats.c - the report a connection ends with.
 *
 * At the end the tracker's state is copied into a struct tv_conn_report
 * (record.h), the only view of a connection that consumers get when it
 * closes.  The figures in it are counted per packet by stats_count()
 * (conn.h).
 */
#include "config.h"

#include <string.h>

#include "conn.h"

void stats_report(const struct tv_conn *c, struct tv_conn_report *r)
{
	memset(r, 0, sizeof(*r));
	r->info = c->info;
	r->last_ts = c->last_ts;
	r->last_frame = c->last_frame;
	r->packets = c->packets;
	r->state = c->state;
	/* Both FINs sent: both sides have closed, whether or not the last
	 * ACK made it into the capture. */
	if (c->state == CS_HALF_CLOSED && c->half[0].fin_sent && c->half[1].fin_sent) {
		r->state = CS_CLOSED;
		r->last_ack_missing = true;
	}
	r->end_reason = c->end_reason;
	r->closed_by = (int8_t)c->closed_by;
	r->reset_by = (int8_t)c->reset_by;
	r->zeek_state = zeek_conn_state(c);
	memcpy(r->history, c->history, sizeof(r->history));
	r->hs_complete = c->hs_complete;
	r->hs_rtt_ns = c->hs_rtt_ns;
	r->half[DIR_C2S] = c->half[DIR_C2S].st;
	r->half[DIR_S2C] = c->half[DIR_S2C].st;
}
