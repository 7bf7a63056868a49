/*
 * report_follow.c - --follow=N: one connection's reassembled byte streams.
 *
 * Like Wireshark's Follow TCP Stream: both directions' application bytes, in
 * the order they were delivered, each run headed by its direction, first
 * frame and size.  Text is printed as is; other bytes are escaped (\xNN),
 * and a CR directly before LF is dropped so HTTP headers read as lines.
 * Bytes that were never captured are shown as a gap mark.  Only connection
 * N is reassembled; every other packet costs nothing here.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "tcpview/narrate.h"
#include "tcpview/reasm.h"
#include "tcpview/report.h"

#define RULE "===================================================================\n"

struct follow_reporter;

struct follow_side {
	struct follow_reporter *fr;
	enum tv_dir dir;
	struct reasm ra;
};

struct follow_reporter {
	struct reporter base;
	struct follow_side side[2];
	int last_dir;		/* direction of the run being printed, -1: none */
	bool found, at_line_start;
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

static void sink(void *ctx, uint64_t frame, const uint8_t *data, size_t len)
{
	struct follow_side *s = ctx;
	struct follow_reporter *fr = s->fr;
	struct obuf *o = fr->base.out;
	if (fr->last_dir != (int)s->dir)
		run_header(fr, s->dir, frame);
	if (data == NULL) {
		obuf_printf(o, "%s[%zu bytes missing: not captured]\n",
			    fr->at_line_start ? "" : "\n", len);
		fr->at_line_start = true;
		return;
	}
	fr->bytes[s->dir] += len;
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

static void follow_begin(struct reporter *r)
{
	(void)r;
}

static void follow_connection_start(struct reporter *r, struct tv_conn *c)
{
	struct follow_reporter *fr = (struct follow_reporter *)r;
	char cl[80], sv[80];
	if (c->id != r->cfg.follow_id)
		return;
	fr->found = true;
	fmt_endpoint(cl, sizeof(cl), &c->half[DIR_C2S].addr, c->half[DIR_C2S].port);
	fmt_endpoint(sv, sizeof(sv), &c->half[DIR_S2C].addr, c->half[DIR_S2C].port);
	obuf_printf(r->out, RULE "Follow TCP stream: connection %" PRIu64
		    ", client %s, server %s\n" RULE, c->id, cl, sv);
	for (int d = 0; d < 2; d++) {
		fr->side[d].fr = fr;
		fr->side[d].dir = (enum tv_dir)d;
		reasm_init(&fr->side[d].ra, sink, &fr->side[d]);
	}
	c->report = fr;
}

static void follow_event(struct reporter *r, const struct tv_event *ev)
{
	struct follow_reporter *fr = (struct follow_reporter *)r;
	const struct tv_packet *p = ev->pkt;
	if (ev->conn->report != fr || p->len == 0)
		return;
	/* The stream starts after the SYN, which takes one sequence number. */
	uint32_t seq = p->seq + ((p->flags & TH_SYN) ? 1 : 0);
	reasm_add(&fr->side[ev->dir].ra, seq, p->payload, p->payload_caplen, p->len,
		  p->frame);
}

static void follow_connection_end(struct reporter *r, struct tv_conn *c)
{
	struct follow_reporter *fr = (struct follow_reporter *)r;
	if (c->report != fr)
		return;
	reasm_finish(&fr->side[0].ra);
	reasm_finish(&fr->side[1].ra);
	obuf_printf(r->out, "%s" RULE "client sent %" PRIu64 " bytes, server sent %"
		    PRIu64 " bytes\n", fr->at_line_start ? "" : "\n", fr->bytes[0],
		    fr->bytes[1]);
	c->report = NULL;
}

static void follow_malformed(struct reporter *r, const char *file, uint64_t frame,
			     const char *why)
{
	(void)r;
	(void)file;
	(void)frame;
	(void)why;
}

static void follow_finish(struct reporter *r, const struct tv_input *in, size_t n,
			  const struct tv_stats *st)
{
	(void)r;
	(void)in;
	(void)n;
	(void)st;
}

static void follow_destroy(struct reporter *r)
{
	free(r);
}

static const struct reporter_ops follow_ops = {
	.begin = follow_begin,
	.connection_start = follow_connection_start,
	.event = follow_event,
	.connection_end = follow_connection_end,
	.malformed = follow_malformed,
	.finish = follow_finish,
	.destroy = follow_destroy,
};

struct reporter *report_follow_new(const struct report_config *cfg, struct obuf *out)
{
	struct follow_reporter *fr = report_alloc(sizeof(*fr), &follow_ops, cfg, out);
	if (fr == NULL)
		return NULL;
	fr->last_dir = -1;
	fr->at_line_start = true;
	return &fr->base;
}
