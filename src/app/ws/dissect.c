/*
 * dissect.c - WebSocket in the application layer: every frame, pings and
 * closes paired.
 *
 * One ws_parser per side (ws.h) after the HTTP upgrade (RFC 6455 §4).  A
 * pong is paired with the last ping the other side sent (§5.5.3: a pong
 * answers the most recent ping), a close with the other side's close
 * (§5.5.1: the closing handshake).
 */
#include "config.h"

#include <string.h>

#include "../layer_int.h"
#include "tcpview/app/ws.h"

struct ws_state {
	struct app_conn *c;
	enum tv_dir dir;		/* the side being read */
	struct ws_parser side[2];
	bool ping[2];			/* a ping of this side waits for its pong */
	struct tv_time ping_ts[2];
	uint64_t ping_frame[2];
	bool closed[2];			/* this side sent a close */
	bool ended[2];			/* this side's stream ended */
	struct tv_time close_ts[2];
};

static void on_frame(void *ctx, const struct ws_frame *f)
{
	struct ws_state *st = ctx;
	enum tv_dir d = st->dir, o = dir_other(d);
	struct tv_app a;
	a.proto = AP_WEBSOCKET;
	a.kind = AK_WS_FRAME;
	struct tv_app_ws *w = &a.u.ws;
	w->f = *f;
	w->pong_ns = -1;
	w->ping_frame = 0;
	w->close_reply = false;
	w->close_reply_ns = -1;
	switch (f->opcode) {
	case WS_OP_PING:
		st->ping[d] = true;
		st->ping_ts[d] = st->c->ts;
		st->ping_frame[d] = st->c->frame;
		break;
	case WS_OP_PONG:
		if (st->ping[o]) {
			st->ping[o] = false;
			w->pong_ns = tv_time_diff_ns(st->ping_ts[o], st->c->ts);
			w->ping_frame = st->ping_frame[o];
		}
		break;
	case WS_OP_CLOSE:
		if (!st->closed[d] && st->closed[o]) {
			w->close_reply = true;
			w->close_reply_ns = tv_time_diff_ns(st->close_ts[o], st->c->ts);
		}
		st->closed[d] = true;
		st->close_ts[d] = st->c->ts;
		break;
	default:
		break;
	}
	app_emit(st->c, d, &a);
}

static void on_error(void *ctx, const char *why)
{
	struct ws_state *st = ctx;
	app_stop(st->c, st->dir, why);
}

static const struct ws_callbacks callbacks = {
	.on_frame = on_frame,
	.on_error = on_error,
};

static bool ws_start(struct app_conn *c)
{
	struct ws_state *st = c->state;
	memset(st, 0, sizeof(*st));
	st->c = c;
	ws_parser_init(&st->side[DIR_C2S], true);
	ws_parser_init(&st->side[DIR_S2C], false);
	return true;
}

static void ws_bytes(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len)
{
	struct ws_state *st = c->state;
	st->dir = d;
	ws_parser_feed(&st->side[d], data, len, &callbacks, st);
}

static void ws_gap(struct app_conn *c, enum tv_dir d, uint64_t len)
{
	struct ws_state *st = c->state;
	st->dir = d;
	ws_parser_gap(&st->side[d], len, &callbacks, st);
}

/*
 * A side's TCP stream ended: told when it is the first to end, or when it
 * ends without having sent a close frame (the WebSocket was not closed
 * cleanly, RFC 6455 §7.1.5).
 */
static void ws_eof(struct app_conn *c, enum tv_dir d)
{
	struct ws_state *st = c->state;
	enum tv_dir o = dir_other(d);
	st->dir = d;
	ws_parser_eof(&st->side[d], &callbacks, st);
	bool first = !st->ended[o];
	st->ended[d] = true;
	if (!first && st->closed[d])
		return;
	struct tv_app a;
	a.proto = AP_WEBSOCKET;
	a.kind = AK_WS_END;
	a.u.ws_end.sent_close = st->closed[d];
	a.u.ws_end.got_close = st->closed[o];
	a.u.ws_end.first = first;
	app_emit(c, d, &a);
}

const struct app_dissector app_ws = {
	.proto = AP_WEBSOCKET,
	.start = ws_start,
	.bytes = ws_bytes,
	.gap = ws_gap,
	.eof = ws_eof,
	.size = sizeof(struct ws_state),
};
