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
	obuf_printf(o, "%" PRIu64 " connection%s, %" PRIu64 " packet%s (%" PRIu64
		    " TCP, %" PRIu64 " other, %" PRIu64 " malformed)\n",
		    st->connections, st->connections == 1 ? "" : "s", st->packets,
		    st->packets == 1 ? "" : "s",
		    st->tcp_packets, st->other_packets, st->malformed);
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
