/*
 * stats.c - a connection's figures, and the report it ends with.
 *
 * Per direction: packets, payload bytes, bytes sent again, packets per
 * label, and the ACK RTT of its data.  At the end the tracker's state is
 * copied into a struct tv_conn_report (record.h), the only view of a
 * connection that consumers get when it closes.
 */
#include "config.h"

#include <string.h>

#include "conn.h"

void stats_count(struct tv_conn *c, enum tv_dir d, const struct tv_event *ev)
{
	struct tv_half_stats *me = &c->half[d].st;
	me->packets++;
	me->bytes += ev->len;
	if (ev->labels & LBIT(L_RETRANSMISSION))
		me->retransmitted_bytes += ev->len;
	for (uint32_t l = ev->labels; l != 0; l &= l - 1)
		me->counts[__builtin_ctz(l)]++;
	/* RTT statistics from data/ACK pairs only: a SYN's or FIN's answer
	 * measures the peer's stack, not the path with data in flight. */
	if (ev->acks_frame != 0 && ev->acks_data && ev->ack_rtt_ns > 0) {
		struct tv_half_stats *sender = &c->half[dir_other(d)].st;
		if (sender->rtt_count == 0 || ev->ack_rtt_ns < sender->rtt_min_ns)
			sender->rtt_min_ns = ev->ack_rtt_ns;
		if (ev->ack_rtt_ns > sender->rtt_max_ns)
			sender->rtt_max_ns = ev->ack_rtt_ns;
		sender->rtt_sum_ns += ev->ack_rtt_ns;
		sender->rtt_count++;
	}
}

void stats_report(const struct tv_conn *c, struct tv_conn_report *r)
{
	memset(r, 0, sizeof(*r));
	r->info = c->info;
	r->last_ts = c->last_ts;
	r->last_frame = c->last_frame;
	r->packets = c->packets;
	r->state = c->state;
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
