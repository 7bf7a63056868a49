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
#include <string.h>
#include <time.h>

#include "tcpview/narrate.h"
#include "tcpview/report.h"

struct summary_reporter {
	struct reporter base;
	int64_t tod_sec;	/* the second tod[] was formatted for */
	char tod[16];
	size_t tod_len;
};

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

/* A row under construction: columns padded by hand, no printf per row. */
struct row {
	char buf[512];
	size_t len;
};

/* Appends a column of at least |width| characters (negative: left-aligned),
 * two spaces after the previous one. */
static void col(struct row *r, const char *s, size_t n, int width)
{
	size_t w = (size_t)(width < 0 ? -width : width);
	if (r->len + (n > w ? n : w) + 3 > sizeof(r->buf))
		return;
	if (r->len > 0) {
		memcpy(r->buf + r->len, "  ", 2);
		r->len += 2;
	}
	r->len += fmt_pad(r->buf + r->len, s, n, width);
}

static void col_str(struct row *r, const char *s, int width)
{
	col(r, s, strlen(s), width);
}

static void col_u64(struct row *r, uint64_t v, int width)
{
	char num[24];
	col(r, num, fmt_u64(num, v), width);
}

static void summary_connection_end(struct reporter *r, struct tv_conn *c)
{
	const struct tv_half *cs = &c->half[DIR_C2S], *sc = &c->half[DIR_S2C];
	char buf[80];
	struct row row = { .len = 0 };

	col_u64(&row, c->id, 5);
	col(&row, buf, fmt_endpoint(buf, sizeof(buf), &cs->addr, cs->port), -21);
	col(&row, buf, fmt_endpoint(buf, sizeof(buf), &sc->addr, sc->port), -21);
	/* Start: time of day, like tcpdump's default timestamps; localtime
	 * only when the second changes. */
	struct summary_reporter *sr = (struct summary_reporter *)r;
	if (c->first_ts.sec != sr->tod_sec || sr->tod_len == 0) {
		time_t sec = (time_t)c->first_ts.sec;
		struct tm tm;
		localtime_r(&sec, &tm);
		sr->tod_sec = c->first_ts.sec;
		sr->tod_len = strftime(sr->tod, sizeof(sr->tod), "%H:%M:%S", &tm);
	}
	memcpy(buf, sr->tod, sr->tod_len);
	buf[sr->tod_len] = '.';
	fmt_digits(buf + sr->tod_len + 1, c->first_ts.nsec / 1000, 6);
	col(&row, buf, sr->tod_len + 7, -15);
	size_t n;
	col(&row, buf, fmt_seconds(buf, sizeof(buf),
				   tv_time_diff_ns(c->first_ts, c->last_ts), 6), 10);
	col_str(&row, conn_state_name(c->state), -11);
	col_str(&row, conn_zeek_state(c), -6);
	col_str(&row, c->history, -12);
	col_u64(&row, cs->packets, 7);
	col_u64(&row, cs->bytes, 10);
	col_u64(&row, sc->packets, 7);
	col_u64(&row, sc->bytes, 10);
	col_u64(&row, cs->counts[L_RETRANSMISSION] + sc->counts[L_RETRANSMISSION], 7);
	if (c->hs_rtt_ns > 0) {
		n = fmt_duration(buf, sizeof(buf), c->hs_rtt_ns);
		col(&row, buf, n - 3, 9);	/* without " ms": the column says ms */
	} else {
		col_str(&row, "-", 9);
	}
	row.buf[row.len++] = '\n';
	obuf_write(r->out, row.buf, row.len);
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
	report_stats_line(r->out, st);
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
	struct summary_reporter *sr = report_alloc(sizeof(*sr), &summary_ops, cfg, out);
	if (sr == NULL)
		return NULL;
	return &sr->base;
}
