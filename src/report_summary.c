/*
 * report_summary.c - one aligned row per connection (--summary, SPEC §4).
 *
 * Rows are printed as connections end, so the columns have fixed widths
 * wide enough for IPv4 endpoints; a longer IPv6 endpoint widens its row
 * rather than being cut.  Nothing is kept per packet.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tcpview/narrate.h"
#include "tcpview/report.h"

#define ROW_FMT "%5s  %-21s  %-21s  %-15s  %10s  %-11s  %-6s  %-12s  %7s  %10s  %7s  %10s  %7s  %9s\n"

static void summary_begin(struct reporter *r)
{
	obuf_printf(r->out, ROW_FMT, "id", "client", "server", "start", "duration",
		    "state", "zeek", "history", "c>s pkt", "c>s bytes", "s>c pkt",
		    "s>c bytes", "retrans", "rtt ms");
}

static void summary_connection_start(struct reporter *r, struct tv_conn *c)
{
	(void)r;
	(void)c;
}

static void summary_event(struct reporter *r, const struct tv_event *ev)
{
	(void)r;
	(void)ev;
}

static void summary_connection_end(struct reporter *r, struct tv_conn *c)
{
	const struct tv_half *cs = &c->half[DIR_C2S], *sc = &c->half[DIR_S2C];
	char id[24], cl[80], sv[80], start[48], dur[32], rtt[32];
	char cp[24], cb[24], sp[24], sb[24], rt[24];

	snprintf(id, sizeof(id), "%" PRIu64, c->id);
	fmt_endpoint(cl, sizeof(cl), &cs->addr, cs->port);
	fmt_endpoint(sv, sizeof(sv), &sc->addr, sc->port);
	time_t sec = (time_t)c->first_ts.sec;
	struct tm tm;
	localtime_r(&sec, &tm);
	size_t n = strftime(start, sizeof(start), "%H:%M:%S", &tm);
	snprintf(start + n, sizeof(start) - n, ".%06" PRIu32, c->first_ts.nsec / 1000);
	fmt_seconds(dur, sizeof(dur), tv_time_diff_ns(c->first_ts, c->last_ts), 6);
	if (c->hs_rtt_ns > 0)
		snprintf(rtt, sizeof(rtt), "%.3f", (double)c->hs_rtt_ns / 1e6);
	else
		snprintf(rtt, sizeof(rtt), "-");
	snprintf(cp, sizeof(cp), "%" PRIu64, cs->packets);
	snprintf(cb, sizeof(cb), "%" PRIu64, cs->bytes);
	snprintf(sp, sizeof(sp), "%" PRIu64, sc->packets);
	snprintf(sb, sizeof(sb), "%" PRIu64, sc->bytes);
	snprintf(rt, sizeof(rt), "%" PRIu32,
		 cs->counts[L_RETRANSMISSION] + sc->counts[L_RETRANSMISSION]);
	obuf_printf(r->out, ROW_FMT, id, cl, sv, start, dur, conn_state_name(c->state),
		    conn_zeek_state(c), c->history, cp, cb, sp, sb, rt, rtt);
}

static void summary_malformed(struct reporter *r, const char *file, uint64_t frame,
			      const char *why)
{
	(void)r;
	(void)file;
	(void)frame;
	(void)why;
}

static void summary_finish(struct reporter *r, const struct tv_input *in, size_t n,
			   const struct tv_stats *st)
{
	(void)in;
	(void)n;
	obuf_printf(r->out, "%" PRIu64 " connection%s, %" PRIu64 " packets (%" PRIu64
		    " TCP, %" PRIu64 " other, %" PRIu64 " malformed)\n",
		    st->connections, st->connections == 1 ? "" : "s", st->packets,
		    st->tcp_packets, st->other_packets, st->malformed);
}

static void summary_destroy(struct reporter *r)
{
	free(r);
}

static const struct reporter_ops summary_ops = {
	.begin = summary_begin,
	.connection_start = summary_connection_start,
	.event = summary_event,
	.connection_end = summary_connection_end,
	.malformed = summary_malformed,
	.finish = summary_finish,
	.destroy = summary_destroy,
};

struct reporter *report_summary_new(const struct report_config *cfg, struct obuf *out)
{
	struct reporter *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->ops = &summary_ops;
	r->cfg = *cfg;
	r->out = out;
	return r;
}
