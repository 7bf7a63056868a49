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
#include "tcpview/say/tr.h"
#include "tcpview/util/fmt.h"

#define RULE "===================================================================\n"

struct follow_reporter {
	struct reporter base;
	int last_dir;		/* direction of the run being printed, -1: none */
	bool at_line_start;
	uint64_t bytes[2];
};

/* A number in the C locale, whatever the language (tr.h). */
static const char *u64s(char buf[24], uint64_t v)
{
	buf[fmt_u64(buf, v)] = '\0';
	return buf;
}

/* A message (tr.h) with its placeholders filled, between `lead` and
 * `tail` (marks of the layout, not words), on the output. */
static void put_msg(struct obuf *o, const char *lead, const char *msg, const char *tail,
		    const char *const *args, size_t nargs)
{
	char line[NARRATE_MAX + 256];
	obuf_puts(o, lead);
	obuf_write(o, line, say_format(line, sizeof(line), msg, args, nargs));
	obuf_puts(o, tail);
}

static void run_header(struct follow_reporter *fr, enum tv_dir d, uint64_t frame)
{
	struct obuf *o = fr->base.out;
	char num[24];
	if (!fr->at_line_start)
		obuf_putc(o, '\n');
	if (d == DIR_C2S)
		/* TRANSLATORS: heads a run of the client's bytes in
		 * --follow: which way they went, and the frame of their
		 * first byte. */
		put_msg(o, ">>> ", _("client \xe2\x86\x92 server  (from frame %1$s)"), "\n",
			SAY_ARGS(u64s(num, frame)));
	else
		/* TRANSLATORS: as "client → server  (from frame %1$s)". */
		put_msg(o, "<<< ", _("server \xe2\x86\x92 client  (from frame %1$s)"), "\n",
			SAY_ARGS(u64s(num, frame)));
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
		char num[24];
		if (!fr->at_line_start)
			obuf_putc(o, '\n');
		/* TRANSLATORS: in --follow's streams, in brackets: bytes the
		 * capture does not have.  English says "bytes" even for 1. */
		put_msg(o, "[", Q_("%1$s bytes missing: not captured",
				   "%1$s bytes missing: not captured", len), "]\n",
			SAY_ARGS(u64s(num, len)));
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
	char num[24];
	if (!fr->at_line_start)
		obuf_putc(o, '\n');
	/* TRANSLATORS: the same message as an application's turn in the
	 * text summary: a frame number, then what the record says. */
	put_msg(o, "[", _("frame %1$s: %2$s"), "]\n", SAY_ARGS(u64s(num, a->frame), words));
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
	char num[24];
	/* TRANSLATORS: the title of --follow's output (after Wireshark's
	 * "Follow TCP Stream"): the connection's number and its client's
	 * and server's endpoints. */
	put_msg(r->out, RULE, _("Follow TCP stream: connection %1$s, client %2$s, server %3$s"),
		"\n" RULE, SAY_ARGS(u64s(num, c->id), cl, sv));
}

static void follow_conn_close(struct tv_sink *s, const struct tv_conn_report *c)
{
	struct follow_reporter *fr = (struct follow_reporter *)s;
	if (c->info.id != fr->base.cfg.follow_id)
		return;
	char a[24], b[24], cw[64], sw[64];
	/* TRANSLATORS: how many bytes of the stream one side sent, in
	 * --follow's last line "client sent %1$s, server sent %2$s".
	 * English says "bytes" even for 1. */
	say_format(cw, sizeof(cw), Q_("%1$s bytes", "%1$s bytes", fr->bytes[0]),
		   SAY_ARGS(u64s(a, fr->bytes[0])));
	say_format(sw, sizeof(sw), Q_("%1$s bytes", "%1$s bytes", fr->bytes[1]),
		   SAY_ARGS(u64s(b, fr->bytes[1])));
	put_msg(fr->base.out, fr->at_line_start ? RULE : "\n" RULE,
		/* TRANSLATORS: --follow's last line: %1$s and %2$s are
		 * "78 bytes". */
		_("client sent %1$s, server sent %2$s"), "\n", SAY_ARGS(cw, sw));
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
