/*
 * follow.c - --follow=N: one connection's reassembled byte streams.
 *
 * Like Wireshark's Follow TCP Stream: both directions' application bytes, in
 * the order they were delivered, each run headed by its direction, first
 * frame and size.  The bytes come put back in order by the TCP layer
 * (tcp/stream.c, through the sink's bytes callback); this file only prints
 * them.  Text is printed as is; other bytes are escaped (\xNN), and a CR
 * directly before LF is dropped so HTTP headers read as lines.  Bytes that
 * were never captured are shown as a gap mark.  The run selects only
 * connection N, so no other connection is reassembled.  Where the
 * application layer completes a record (a request, a response, a frame),
 * a line in brackets says so after the bytes that completed it: the
 * message boundaries, as far as a segment shows them.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "tcpview/app/record.h"
#include "tcpview/output/report.h"
#include "tcpview/say/narrate.h"
#include "tcpview/util/fmt.h"

#define RULE "===================================================================\n"

struct follow_reporter {
	struct reporter base;
	int last_dir;		/* direction of the run being printed, -1: none */
	bool at_line_start;
	uint64_t bytes[2];
};

static void run_header(struct follow_reporter *fr, enum tv_dir d, uint64_t frame)
{
	struct obuf *o = fr->base.out;
	if (!fr->at_line_start)
		obuf_putc(o, '\n');
	obuf_printf(o, "%s  (from frame %" PRIu64 ")\n",
		    d == DIR_C2S ? ">>> client \xe2\x86\x92 server" :
				   "<<< server \xe2\x86\x92 client", frame);
	fr->last_dir = (int)d;
	fr->at_line_start = true;
}

static void follow_bytes(struct tv_sink *s, uint64_t conn, enum tv_dir d,
			 uint64_t frame, const uint8_t *data, size_t len)
{
	struct follow_reporter *fr = (struct follow_reporter *)s;
	struct obuf *o = fr->base.out;
	if (conn != fr->base.cfg.follow_id)
		return;
	if (fr->last_dir != (int)d)
		run_header(fr, d, frame);
	if (data == NULL) {
		obuf_printf(o, "%s[%zu bytes missing: not captured]\n",
			    fr->at_line_start ? "" : "\n", len);
		fr->at_line_start = true;
		return;
	}
	fr->bytes[d] += len;
	for (size_t i = 0; i < len; i++) {
		uint8_t ch = data[i];
		if (ch == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		if (ch == '\\')
			obuf_puts(o, "\\\\");
		else if (ch == '\n' || ch == '\t' || (ch >= 0x20 && ch < 0x7f))
			obuf_putc(o, (char)ch);
		else if (ch == '\r')
			obuf_puts(o, "\\r");
		else
			obuf_printf(o, "\\x%02x", ch);
		fr->at_line_start = ch == '\n';
	}
}

static void follow_app(struct tv_sink *s, const struct tv_app *a)
{
	struct follow_reporter *fr = (struct follow_reporter *)s;
	struct obuf *o = fr->base.out;
	char words[NARRATE_MAX];
	if (a->conn != fr->base.cfg.follow_id)
		return;
	narrate_app(a, words, sizeof(words));
	obuf_printf(o, "%s[frame %" PRIu64 ": %s]\n", fr->at_line_start ? "" : "\n", a->frame,
		    words);
	fr->at_line_start = true;
}

static void follow_conn_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	struct reporter *r = (struct reporter *)s;
	char cl[80], sv[80];
	if (c->id != r->cfg.follow_id)
		return;
	fmt_endpoint(cl, sizeof(cl), &c->end[DIR_C2S].addr, c->end[DIR_C2S].port);
	fmt_endpoint(sv, sizeof(sv), &c->end[DIR_S2C].addr, c->end[DIR_S2C].port);
	obuf_printf(r->out, RULE "Follow TCP stream: connection %" PRIu64
		    ", client %s, server %s\n" RULE, c->id, cl, sv);
}

static void follow_conn_close(struct tv_sink *s, const struct tv_conn_report *c)
{
	struct follow_reporter *fr = (struct follow_reporter *)s;
	if (c->info.id != fr->base.cfg.follow_id)
		return;
	obuf_printf(fr->base.out, "%s" RULE "client sent %" PRIu64 " bytes, server sent %"
		    PRIu64 " bytes\n", fr->at_line_start ? "" : "\n", fr->bytes[0],
		    fr->bytes[1]);
}

static const struct tv_sink_ops follow_ops = {
	.begin = report_ignore_begin,
	.conn_open = follow_conn_open,
	.event = report_ignore_event,
	.bytes = follow_bytes,
	.app = follow_app,
	.conn_close = follow_conn_close,
	.malformed = report_ignore_malformed,
	.finish = report_ignore_finish,
	.destroy = report_free,
};

struct tv_sink *report_follow_new(const struct report_config *cfg, struct obuf *out)
{
	struct follow_reporter *fr = report_alloc(sizeof(*fr), &follow_ops, cfg, out);
	if (fr == NULL)
		return NULL;
	fr->last_dir = -1;
	fr->at_line_start = true;
	return &fr->base.sink;
}
