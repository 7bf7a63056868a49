/*
 * report.c - what the reporters share: their allocation and the closing
 * line of the human-readable outputs.  Each reporter embeds struct reporter
 * as its first member and is freed by its own destroy().
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include "tcpview/report.h"

void *report_alloc(size_t size, const struct reporter_ops *ops,
		   const struct report_config *cfg, struct obuf *out)
{
	struct reporter *r = calloc(1, size);
	if (r == NULL)
		return NULL;
	r->ops = ops;
	r->cfg = *cfg;
	r->out = out;
	return r;
}

void report_stats_line(struct obuf *o, const struct tv_stats *st)
{
	obuf_printf(o, "%" PRIu64 " connection%s, %" PRIu64 " packets (%" PRIu64
		    " TCP, %" PRIu64 " other, %" PRIu64 " malformed)\n",
		    st->connections, st->connections == 1 ? "" : "s", st->packets,
		    st->tcp_packets, st->other_packets, st->malformed);
}
