/*
 * summary.c - one aligned row per connection (--summary, SPEC §4).
 *
 * Rows are printed as connections end, so the columns have fixed widths
 * wide enough for IPv4 endpoints; a longer IPv6 endpoint widens its row
 * rather than being cut.  Nothing is kept per packet.
 */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcpview/output/report.h"
#include "tcpview/say/tr.h"
#include "tcpview/tcp/names.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/wrap.h"

struct summary_reporter {
	struct reporter base;
	int64_t tod_sec;	/* the second tod[] was formatted for */
	char tod[16];
	size_t tod_len;
};

/* The columns in order, with their widths (negative: left-aligned): the
 * header and every row are built from this one table; the titles, in the
 * reader's words, come from column_titles() in the same order.  The
 * compact layout, for a text width under FULL_WIDTH (SPEC §11), keeps the
 * marked ones: 76 columns with IPv4 endpoints. */
static const struct {
	int width;
	bool compact;
} columns[] = {
	{ 5, true }, { -21, true }, { -21, true },		/* id client server */
	{ -15, false }, { 10, true }, { -11, true },		/* start duration state */
	{ -6, false }, { -12, false },				/* zeek history */
	{ 7, false }, { 10, false }, { 7, false },		/* c>s pkt, bytes; s>c pkt */
	{ 10, false }, { 7, false }, { 9, false },		/* s>c bytes retrans rtt */
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))
#define FULL_WIDTH 177

/* The columns' titles, in the order of columns[]. */
static void column_titles(const char *title[NCOLUMNS])
{
	/* TRANSLATORS: the titles of --summary's columns, one row per
	 * connection; short, as they head narrow columns. */
	title[0] = C_("summary column", "id");
	title[1] = C_("summary column", "client");
	title[2] = C_("summary column", "server");
	/* TRANSLATORS: the time of day the connection started. */
	title[3] = C_("summary column", "start");
	title[4] = C_("summary column", "duration");
	title[5] = C_("summary column", "state");
	/* TRANSLATORS: the column of Zeek's conn.log state codes (SF, REJ). */
	title[6] = C_("summary column", "zeek");
	/* TRANSLATORS: the column of Zeek's conn.log history codes
	 * (ShADadFf). */
	title[7] = C_("summary column", "history");
	/* TRANSLATORS: "c>s" is client to server, "s>c" server to client;
	 * pkt: packets. */
	title[8] = C_("summary column", "c>s pkt");
	title[9] = C_("summary column", "c>s bytes");
	title[10] = C_("summary column", "s>c pkt");
	title[11] = C_("summary column", "s>c bytes");
	/* TRANSLATORS: how many segments were retransmissions. */
	title[12] = C_("summary column", "retrans");
	/* TRANSLATORS: the handshake's round-trip time, in milliseconds. */
	title[13] = C_("summary column", "rtt ms");
}

/* A row under construction: columns padded by hand, no printf per row. */
struct row {
	char buf[512];
	size_t len;
	size_t ncol;		/* columns written so far */
	bool compact;		/* only the compact layout's columns */
};

/* Appends the next column, two spaces after the previous one; `extra`
 * of its bytes take no column of their own (a character of several bytes,
 * two columns wide in CJK: wrap.h), so it is padded by as many more. */
static void col_extra(struct row *r, const char *s, size_t n, size_t extra)
{
	int width = r->ncol < NCOLUMNS ? columns[r->ncol].width : 0;
	bool shown = r->ncol >= NCOLUMNS || columns[r->ncol].compact || !r->compact;
	size_t w = (size_t)(width < 0 ? -width : width);
	if (w > 0)
		w += extra;
	width = width < 0 ? -(int)w : (int)w;
	r->ncol++;
	if (!shown)
		return;
	if (r->len + (n > w ? n : w) + 3 > sizeof(r->buf))
		return;
	if (r->len > 0) {
		memcpy(r->buf + r->len, "  ", 2);
		r->len += 2;
	}
	r->len += fmt_pad(r->buf + r->len, s, n, width);
}

static void col(struct row *r, const char *s, size_t n)
{
	col_extra(r, s, n, 0);
}

static void col_str(struct row *r, const char *s)
{
	col(r, s, strlen(s));
}

static void col_u64(struct row *r, uint64_t v)
{
	char num[24];
	col(r, num, fmt_u64(num, v));
}

static void row_end(struct reporter *rep, struct row *r)
{
	while (r->len > 0 && r->buf[r->len - 1] == ' ')
		r->len--;	/* a left-aligned last column's padding */
	r->buf[r->len++] = '\n';
	obuf_write(rep->out, r->buf, r->len);
}

static bool compact(const struct reporter *r)
{
	return r->cfg.width > 0 && r->cfg.width < FULL_WIDTH;
}

static void summary_begin(struct tv_sink *s)
{
	struct reporter *r = (struct reporter *)s;
	struct row row = { .len = 0, .compact = compact(r) };
	const char *title[NCOLUMNS];
	column_titles(title);
	for (size_t i = 0; i < NCOLUMNS; i++) {
		/* A translated title wider than its column widens the row. */
		size_t n = strlen(title[i]), w = wrap_width(title[i], n);
		col_extra(&row, title[i], n, w < n ? n - w : 0);
	}
	row_end(r, &row);
}

static void summary_conn_close(struct tv_sink *s, const struct tv_conn_report *c)
{
	struct reporter *r = (struct reporter *)s;
	const struct tv_half_stats *cs = &c->half[DIR_C2S], *sc = &c->half[DIR_S2C];
	const struct tv_endpoint *ce = &c->info.end[DIR_C2S], *se = &c->info.end[DIR_S2C];
	char buf[80];
	struct row row = { .len = 0, .compact = compact(r) };

	char cl[80], sv[80];
	size_t cn = fmt_endpoint(cl, sizeof(cl), &ce->addr, ce->port);
	size_t sn = fmt_endpoint(sv, sizeof(sv), &se->addr, se->port);
	col_u64(&row, c->info.id);
	if (cn > 21 || sn > 21) {
		/* An endpoint wider than its column (IPv6): the endpoints on a
		 * line of their own, so that the other columns stay aligned. */
		col(&row, cl, cn);
		row.len += fmt_pad(row.buf + row.len, " \xe2\x86\x92 ", 5, 0);
		row.len += fmt_pad(row.buf + row.len, sv, sn, 0);
		row_end(r, &row);
		row = (struct row){ .len = 0, .compact = row.compact };
		col_str(&row, "");
		col_str(&row, "");
		col_str(&row, "");
	} else {
		col(&row, cl, cn);
		col(&row, sv, sn);
	}
	/* Start: time of day, like tcpdump's default timestamps; localtime
	 * only when the second changes. */
	struct summary_reporter *sr = (struct summary_reporter *)r;
	if (c->info.first_ts.sec != sr->tod_sec || sr->tod_len == 0) {
		time_t sec = (time_t)c->info.first_ts.sec;
		struct tm tm;
		localtime_r(&sec, &tm);
		sr->tod_sec = c->info.first_ts.sec;
		sr->tod_len = strftime(sr->tod, sizeof(sr->tod), "%H:%M:%S", &tm);
	}
	memcpy(buf, sr->tod, sr->tod_len);
	buf[sr->tod_len] = '.';
	fmt_digits(buf + sr->tod_len + 1, c->info.first_ts.nsec / 1000, 6);
	col(&row, buf, sr->tod_len + 7);
	size_t n;
	col(&row, buf, fmt_seconds(buf, sizeof(buf),
				   tv_time_diff_ns(c->info.first_ts, c->last_ts), 6));
	col_str(&row, conn_state_name(c->state));
	col_str(&row, zeek_state_name(c->zeek_state));
	col_str(&row, c->history);
	col_u64(&row, cs->packets);
	col_u64(&row, cs->bytes);
	col_u64(&row, sc->packets);
	col_u64(&row, sc->bytes);
	col_u64(&row, cs->counts[L_RETRANSMISSION] + sc->counts[L_RETRANSMISSION]);
	if (c->hs_rtt_ns > 0) {
		/* Milliseconds whatever the size: the column's title says ms. */
		n = fmt_u64(buf, (uint64_t)c->hs_rtt_ns / 1000000);
		buf[n++] = '.';
		fmt_digits(buf + n, (uint32_t)((uint64_t)c->hs_rtt_ns / 1000 % 1000), 3);
		col(&row, buf, n + 3);
	} else {
		col_str(&row, "-");
	}
	row_end(r, &row);
}

static void summary_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
			   const struct tv_stats *st)
{
	(void)in;
	(void)n;
	report_stats_line(((struct reporter *)s)->out, st);
}

static const struct tv_sink_ops summary_ops = {
	.begin = summary_begin,
	.conn_open = report_ignore_conn_open,
	.event = report_ignore_event,
	.conn_close = summary_conn_close,
	.malformed = report_ignore_malformed,
	.finish = summary_finish,
	.destroy = report_free,
};

struct tv_sink *report_summary_new(const struct report_config *cfg, struct obuf *out)
{
	struct summary_reporter *sr = report_alloc(sizeof(*sr), &summary_ops, cfg, out);
	return sr != NULL ? &sr->base.sink : NULL;
}
