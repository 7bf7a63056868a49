/*
 * report.c - what the outputs share: their allocation, the closing line of
 * the human-readable outputs, and the sink operations for records an
 * output ignores.  Each output embeds struct reporter as its first member
 * and is freed by its own destroy().
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include "tcpview/output/report.h"
#include "tcpview/say/tr.h"
#include "tcpview/util/fmt.h"

void *report_alloc(size_t size, const struct tv_sink_ops *ops,
		   const struct report_config *cfg, struct obuf *out)
{
	struct reporter *r = calloc(1, size);
	if (r == NULL)
		return NULL;
	r->sink.ops = ops;
	r->cfg = *cfg;
	r->out = out;
	return r;
}

void report_stats_line(struct obuf *o, const struct tv_stats *st)
{
	char a[24], b[24], c[24], d[24], e[24], conns[64], packets[64], line[256];
	a[fmt_u64(a, st->connections)] = '\0';
	b[fmt_u64(b, st->packets)] = '\0';
	c[fmt_u64(c, st->tcp_packets)] = '\0';
	d[fmt_u64(d, st->other_packets)] = '\0';
	e[fmt_u64(e, st->malformed)] = '\0';
	say_format(conns, sizeof(conns), Q_("%1$s connection", "%1$s connections",
					    st->connections), SAY_ARGS(a));
	say_format(packets, sizeof(packets), Q_("%1$s packet", "%1$s packets", st->packets),
		   SAY_ARGS(b));
	/* TRANSLATORS: the last line of the text outputs: "12 connections,
	 * 340 packets (338 TCP, 2 other, 0 malformed)". */
	size_t n = say_format(line, sizeof(line), _("%1$s, %2$s (%3$s TCP, %4$s other, "
						    "%5$s malformed)"),
			      SAY_ARGS(conns, packets, c, d, e));
	obuf_write(o, line, n);
	obuf_putc(o, '\n');
}

void report_ignore_begin(struct tv_sink *s)
{
	(void)s;
}

void report_ignore_conn_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	(void)s;
	(void)c;
}

void report_ignore_event(struct tv_sink *s, const struct tv_event *ev)
{
	(void)s;
	(void)ev;
}

void report_ignore_malformed(struct tv_sink *s, const char *file, uint64_t frame,
			     const char *why)
{
	(void)s;
	(void)file;
	(void)frame;
	(void)why;
}

void report_ignore_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
			  const struct tv_stats *st)
{
	(void)s;
	(void)in;
	(void)n;
	(void)st;
}

void report_free(struct tv_sink *s)
{
	free(s);
}
