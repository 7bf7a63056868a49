/*
 * app.c - what the applications said, in words (say layer, SPEC §9).
 *
 * One sentence per application record (app/record.h), written for the
 * text story and the JSON "text" member alike, from the record alone.
 * Each sentence is one message in the reader's language (tr.h), a
 * variant per side and per optional part, its numbers formatted here in
 * the C locale and pasted into its numbered placeholders; the rarer
 * additions (a trailer count, a time, what was not captured) are
 * messages that continue it.  Protocol names and numbers stay as the
 * protocols spell them (GET, 200, SNI, ALPN, close 1000) and are never
 * translated; quoted application text is cut and escaped so that a
 * sentence stays one printable line, and is never translated either.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "sentence.h"
#include "tcpview/app/dns.h"
#include "tcpview/app/record.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/tr.h"

/* A signed one: HTTP/2 windows go below zero. */
static const char *snum(struct num *n, int64_t v)
{
	if (v >= 0)
		return num(n, (uint64_t)v);
	n->s[0] = '-';
	n->s[1 + fmt_u64(n->s + 1, (uint64_t)0 - (uint64_t)v)] = '\0';
	return n->s;
}

/* `t`, with "..." after it when it was cut short (copied into buf only
 * then). */
static const char *cut_text(char *buf, size_t cap, const char *t, bool cut)
{
	if (!cut)
		return t;
	fmt_format(buf, cap, "%s...", t);
	return buf;
}

/* Application text, quoted and never translated: ": \"hello\"". */
static void preview(struct sb *s, const char *p, size_t n, bool cut)
{
	sb_lit(s, ": ");
	sb_quoted(s, p, n, cut);
}

/* ---- HTTP/1.x ---------------------------------------------------------- */

static void say_http_request(struct sb *s, const struct tv_app_http *h)
{
	char ub[TV_HTTP_URI_MAX + 4], d[32];
	struct num a, b;
	const char *m = h->method, *uri = cut_text(ub, sizeof(ub), h->uri, h->uri_cut);
	const char *host = h->host, *type = h->content_type;
	uint64_t n = h->request_body_len;
	const char *len = num(&a, n);
	bool has_host = host[0] != '\0', typed = type[0] != '\0';
	/* "client asks POST /upload of example.com with 5 bytes of text/plain" */
	if (n == 0 && has_host)
		sb_msg(s, _("client asks %1$s %2$s of %3$s"), SAY_ARGS(m, uri, host));
	else if (n == 0)
		sb_msg(s, _("client asks %1$s %2$s"), SAY_ARGS(m, uri));
	else if (has_host && typed)
		/* TRANSLATORS: %1$s %2$s is the request ("POST /upload"), %3$s
		 * the host, %5$s the media type of the body ("text/plain"). */
		sb_msg(s, Q_("client asks %1$s %2$s of %3$s with %4$s byte of %5$s",
			     "client asks %1$s %2$s of %3$s with %4$s bytes of %5$s", n),
		       SAY_ARGS(m, uri, host, len, type));
	else if (has_host)
		sb_msg(s, Q_("client asks %1$s %2$s of %3$s with %4$s byte",
			     "client asks %1$s %2$s of %3$s with %4$s bytes", n),
		       SAY_ARGS(m, uri, host, len));
	else if (typed)
		sb_msg(s, Q_("client asks %1$s %2$s with %3$s byte of %4$s",
			     "client asks %1$s %2$s with %3$s bytes of %4$s", n),
		       SAY_ARGS(m, uri, len, type));
	else
		sb_msg(s, Q_("client asks %1$s %2$s with %3$s byte",
			     "client asks %1$s %2$s with %3$s bytes", n), SAY_ARGS(m, uri, len));
	if (n > 0) {
		if (h->chunked)
			/* TRANSLATORS: continues "client asks POST / with 5 bytes"
			 * or "server answers 200 OK, 5 bytes": the body came in
			 * chunked transfer coding. */
			sb_str(s, _(" in chunks"));
		if (h->preview_len > 0)
			preview(s, h->preview, h->preview_len, h->preview_cut);
	}
	if (h->trans_depth > 1) {
		const char *k = num(&b, h->trans_depth);
		if (h->pipelined)
			/* TRANSLATORS: continues "client asks GET / ...": which
			 * request of the connection this one is. */
			sb_msg(s, _(" (request %1$s on this connection, pipelined: sent before the "
				    "previous one was answered)"), SAY_ARGS(k));
		else if (h->idle_ns >= 0)
			/* TRANSLATORS: continues "client asks GET / ...". */
			sb_msg(s, _(" (request %1$s on this connection, idle %2$s since the last "
				    "response)"), SAY_ARGS(k, dur(d, h->idle_ns)));
		else
			/* TRANSLATORS: continues "client asks GET / ...". */
			sb_msg(s, _(" (request %1$s on this connection)"), SAY_ARGS(k));
	}
	/* Clauses after "client asks GET / ...", with the same subject. */
	if (h->upgrade_offered)
		/* TRANSLATORS: a clause after "client asks GET / ...", with
		 * the same subject. */
		sb_str(s, _("; offers to switch protocols (Upgrade)"));
	if (h->asks_close)
		/* TRANSLATORS: a clause after "client asks GET / ...". */
		sb_str(s, _("; asks to close the connection after it (Connection: close)"));
	if (h->head_cut)
		/* TRANSLATORS: a clause after "client asks GET / ..." or
		 * "server answers 200 OK ...": "its head" is the message's
		 * start line and header fields. */
		sb_str(s, _("; the rest of its head was not captured"));
	else if (h->incomplete)
		/* TRANSLATORS: a clause after "client asks GET / ...". */
		sb_str(s, _("; the request was cut short by the end of the stream"));
}

/* RFC 1945 §6: an HTTP/0.9 answer is its body alone. */
static void say_http09_response(struct sb *s, const struct tv_app_http *h)
{
	char ub[TV_HTTP_URI_MAX + 4];
	struct num a;
	uint64_t n = h->response_body_len;
	sb_msg(s, Q_("server answers the HTTP/0.9 request %1$s %2$s with %3$s byte up to the end "
		     "of the connection (no status line or headers in HTTP/0.9)",
		     "server answers the HTTP/0.9 request %1$s %2$s with %3$s bytes up to the end "
		     "of the connection (no status line or headers in HTTP/0.9)", n),
	       SAY_ARGS(h->method, cut_text(ub, sizeof(ub), h->uri, h->uri_cut), num(&a, n)));
	if (h->preview_len > 0)
		preview(s, h->preview, h->preview_len, h->preview_cut);
}

/* The first part of a final response: "server answers 200 OK to GET /,
 * 5 bytes of text/html". */
static void say_http_answer(struct sb *s, const struct tv_app_http *h)
{
	char ub[TV_HTTP_URI_MAX + 4];
	struct num a, b;
	const char *code = num(&a, h->status_code), *msg = h->status_msg;
	const char *m = h->method, *type = h->content_type;
	bool to = m[0] != '\0', typed = type[0] != '\0';
	const char *uri = to ? cut_text(ub, sizeof(ub), h->uri, h->uri_cut) : "";
	uint64_t n = h->response_body_len;
	const char *len = num(&b, n);
	/* With its head cut, the body's length is not known. */
	if (h->head_cut && to)
		/* TRANSLATORS: %1$s %2$s is the status line ("200 OK"),
		 * %3$s %4$s the request it answers ("GET /index.html"). */
		sb_msg(s, _("server answers %1$s %2$s to %3$s %4$s"), SAY_ARGS(code, msg, m, uri));
	else if (h->head_cut)
		sb_msg(s, _("server answers %1$s %2$s"), SAY_ARGS(code, msg));
	else if (n == 0 && !h->until_close && to)
		sb_msg(s, _("server answers %1$s %2$s to %3$s %4$s, no body"),
		       SAY_ARGS(code, msg, m, uri));
	else if (n == 0 && !h->until_close)
		sb_msg(s, _("server answers %1$s %2$s, no body"), SAY_ARGS(code, msg));
	else if (typed && to)
		/* TRANSLATORS: %6$s is the media type of the body
		 * ("text/html"). */
		sb_msg(s, Q_("server answers %1$s %2$s to %3$s %4$s, %5$s byte of %6$s",
			     "server answers %1$s %2$s to %3$s %4$s, %5$s bytes of %6$s", n),
		       SAY_ARGS(code, msg, m, uri, len, type));
	else if (typed)
		sb_msg(s, Q_("server answers %1$s %2$s, %3$s byte of %4$s",
			     "server answers %1$s %2$s, %3$s bytes of %4$s", n),
		       SAY_ARGS(code, msg, len, type));
	else if (to)
		sb_msg(s, Q_("server answers %1$s %2$s to %3$s %4$s, %5$s byte",
			     "server answers %1$s %2$s to %3$s %4$s, %5$s bytes", n),
		       SAY_ARGS(code, msg, m, uri, len));
	else
		sb_msg(s, Q_("server answers %1$s %2$s, %3$s byte", "server answers %1$s %2$s, %3$s bytes",
			     n), SAY_ARGS(code, msg, len));
}

/* An interim response (1xx): "server answers 100 Continue to POST /
 * (interim: the client may send the body)". */
static void say_http_interim(struct sb *s, const struct tv_app_http *h)
{
	char ub[TV_HTTP_URI_MAX + 4];
	struct num a;
	const char *code = num(&a, h->status_code), *msg = h->status_msg, *m = h->method;
	bool to = m[0] != '\0', cont = h->status_code == 100;
	const char *uri = to ? cut_text(ub, sizeof(ub), h->uri, h->uri_cut) : "";
	if (cont && to)
		/* TRANSLATORS: %1$s %2$s is the status line ("100
		 * Continue"), %3$s %4$s the request it answers. */
		sb_msg(s, _("server answers %1$s %2$s to %3$s %4$s (interim: the client may send the "
			    "body)"), SAY_ARGS(code, msg, m, uri));
	else if (cont)
		sb_msg(s, _("server answers %1$s %2$s (interim: the client may send the body)"),
		       SAY_ARGS(code, msg));
	else if (to)
		sb_msg(s, _("server answers %1$s %2$s to %3$s %4$s (interim)"),
		       SAY_ARGS(code, msg, m, uri));
	else
		sb_msg(s, _("server answers %1$s %2$s (interim)"), SAY_ARGS(code, msg));
}

static void say_http_response(struct sb *s, const struct tv_app_http *h)
{
	char d[32];
	struct num a;
	if (h->status_code == 0) {
		say_http09_response(s, h);
		return;
	}
	if (h->interim) {
		say_http_interim(s, h);
		return;
	}
	say_http_answer(s, h);
	/* What continues "server answers 200 OK to GET /, 5 bytes of
	 * text/html", then clauses with the same subject. */
	if (h->chunked)
		sb_str(s, _(" in chunks"));
	if (h->trailers > 0)
		/* TRANSLATORS: continues "server answers 200 OK to GET /, 5
		 * bytes of text/html in chunks". */
		sb_msg(s, Q_(" and %1$s trailer field", " and %1$s trailer fields", h->trailers),
		       SAY_ARGS(num(&a, h->trailers)));
	if (h->preview_len > 0)
		preview(s, h->preview, h->preview_len, h->preview_cut);
	if (h->until_close)
		/* TRANSLATORS: continues "server answers 200 OK to GET /, 5
		 * bytes of text/html": the body ended with the connection. */
		sb_str(s, _(" up to the end of the connection"));
	if (h->ttfb_ns >= 0)
		/* TRANSLATORS: continues "server answers 200 OK to GET /
		 * ...": how long after the request the answer began. */
		sb_msg(s, _(", %1$s after the request"), SAY_ARGS(dur(d, h->ttfb_ns)));
	if (h->answered_early)
		/* TRANSLATORS: continues "server answers 200 OK to GET /
		 * ...". */
		sb_str(s, _(", before the whole request had arrived (RFC 9112 9.6: the server "
			    "answered without reading it all)"));
	if (h->no_request)
		/* TRANSLATORS: continues "server answers 200 OK ...". */
		sb_str(s, _(" (its request is not in the capture)"));
	if (h->asks_close)
		/* TRANSLATORS: a clause after "server answers 200 OK ...",
		 * with the same subject. */
		sb_str(s, _("; asks to close the connection (Connection: close)"));
	if (h->body_missing > 0)
		/* TRANSLATORS: a clause after "server answers 200 OK ..." or
		 * "client sends a WebSocket text frame ...": "it" is the
		 * body or payload. */
		sb_msg(s, Q_("; %1$s byte of it was not captured", "; %1$s bytes of it were not captured",
			     h->body_missing), SAY_ARGS(num(&a, h->body_missing)));
	if (h->head_cut)
		sb_str(s, _("; the rest of its head was not captured"));
	else if (h->incomplete)
		/* TRANSLATORS: a clause after "server answers 200 OK ...". */
		sb_str(s, _("; the response was cut short by the end of the stream"));
}

static void say_switch(struct sb *s, const struct tv_app_switch *w)
{
	struct num a;
	const char *code = num(&a, w->status);
	switch (w->to) {
	case AP_WEBSOCKET:
		if (w->has_accept && w->accept_ok)
			sb_msg(s, _("server switches to WebSocket (%1$s); Sec-WebSocket-Accept matches "
				    "the client's key: WebSocket frames from here on"), SAY_ARGS(code));
		else if (w->has_accept)
			sb_msg(s, _("server switches to WebSocket (%1$s); Sec-WebSocket-Accept does NOT "
				    "match the client's key: WebSocket frames from here on"),
			       SAY_ARGS(code));
		else
			sb_msg(s, _("server switches to WebSocket (%1$s): WebSocket frames from here on"),
			       SAY_ARGS(code));
		break;
	case AP_HTTP2:
		sb_msg(s, _("server switches to HTTP/2 (%1$s, h2c): HTTP/2 frames from here on"),
		       SAY_ARGS(code));
		break;
	case AP_TUNNEL:
		sb_msg(s, _("server opens the tunnel (%1$s to CONNECT): the bytes from here on belong "
			    "to the tunnelled connection"), SAY_ARGS(code));
		break;
	default:
		sb_msg(s, _("server switches protocols (%1$s) to one tcpview does not read"),
		       SAY_ARGS(code));
		break;
	}
}

/* ---- WebSocket ---------------------------------------------------------- */

/* A close frame: "client closes the WebSocket with code 1000 (normal
 * closure): \"bye\"". */
static void say_ws_close(struct sb *s, enum tv_dir d, const struct tv_app_ws *w)
{
	/* [client, server][closes first, answers a close][with a code and its
	 * name, with a code tcpview has no name for, without a code] */
	static const char *const msgs[2][2][3] = {
		{ {
			/* TRANSLATORS: %1$s is the close code (RFC 6455 7.4),
			 * %2$s its name there ("normal closure"). */
			N_("client closes the WebSocket with code %1$s (%2$s)"),
			N_("client closes the WebSocket with code %1$s"),
			N_("client closes the WebSocket without a status code"),
		  }, {
			N_("client answers the close: closing the WebSocket with code %1$s (%2$s)"),
			N_("client answers the close: closing the WebSocket with code %1$s"),
			N_("client answers the close: closing the WebSocket without a status code"),
		} },
		{ {
			N_("server closes the WebSocket with code %1$s (%2$s)"),
			N_("server closes the WebSocket with code %1$s"),
			N_("server closes the WebSocket without a status code"),
		  }, {
			N_("server answers the close: closing the WebSocket with code %1$s (%2$s)"),
			N_("server answers the close: closing the WebSocket with code %1$s"),
			N_("server answers the close: closing the WebSocket without a status code"),
		} },
	};
	const struct ws_frame *f = &w->f;
	char dd[32];
	struct num a;
	const char *name = f->has_close_code ? ws_close_code_name(f->close_code) : NULL;
	unsigned k = !f->has_close_code ? 2 : name != NULL ? 0 : 1;
	sb_msg(s, _(msgs[d == DIR_C2S ? 0 : 1][w->close_reply ? 1 : 0][k]),
	       SAY_ARGS(num(&a, f->close_code), name));
	if (f->close_reason_len > 0)
		preview(s, f->close_reason, f->close_reason_len, false);
	if (w->close_reply)
		/* TRANSLATORS: continues "server answers the close: closing the
		 * WebSocket ...". */
		sb_msg(s, _("; the closing handshake is complete, %1$s after the first close"),
		       SAY_ARGS(dur(dd, w->close_reply_ns)));
}

/* Any other frame: "client sends a WebSocket text frame, 5 bytes". */
static void say_ws_frame(struct sb *s, enum tv_dir d, const struct tv_app_ws *w)
{
	const struct ws_frame *f = &w->f;
	const char *op = ws_opcode_name(f->opcode);
	char dd[32];
	struct num a, b, c, e;
	uint64_t n = f->payload_len;
	const char *len = num(&a, n);
	if (op != NULL && d == DIR_C2S)
		/* TRANSLATORS: %1$s is the frame's opcode as RFC 6455 names
		 * it: text, binary, ping, pong, continuation. */
		sb_msg(s, Q_("client sends a WebSocket %1$s frame, %2$s byte",
			     "client sends a WebSocket %1$s frame, %2$s bytes", n), SAY_ARGS(op, len));
	else if (op != NULL)
		sb_msg(s, Q_("server sends a WebSocket %1$s frame, %2$s byte",
			     "server sends a WebSocket %1$s frame, %2$s bytes", n), SAY_ARGS(op, len));
	else if (d == DIR_C2S)
		sb_msg(s, Q_("client sends a WebSocket frame of reserved opcode %1$s, %2$s byte",
			     "client sends a WebSocket frame of reserved opcode %1$s, %2$s bytes", n),
		       SAY_ARGS(num(&b, f->opcode), len));
	else
		sb_msg(s, Q_("server sends a WebSocket frame of reserved opcode %1$s, %2$s byte",
			     "server sends a WebSocket frame of reserved opcode %1$s, %2$s bytes", n),
		       SAY_ARGS(num(&b, f->opcode), len));
	if (f->opcode == WS_OP_PONG && w->pong_ns >= 0)
		/* TRANSLATORS: continues "client sends a WebSocket pong
		 * frame, 8 bytes": how long after the ping it answers. */
		sb_msg(s, _(", %1$s after the ping of frame %2$s"),
		       SAY_ARGS(dur(dd, w->pong_ns), num(&b, w->ping_frame)));
	if (f->text_utf8 && f->preview_len > 0)
		preview(s, (const char *)f->preview, f->preview_len, f->preview_cut);
	if (!f->fin && f->opcode != WS_OP_CONTINUATION)
		/* TRANSLATORS: continues "client sends a WebSocket text
		 * frame, 5 bytes". */
		sb_str(s, _(" (first fragment of a message)"));
	else if (f->opcode == WS_OP_CONTINUATION && f->message_opcode != 0) {
		const char *k = num(&b, f->message_frames), *mop = ws_opcode_name(f->message_opcode);
		if (f->message_end)
			/* TRANSLATORS: continues "client sends a WebSocket
			 * continuation frame, 5 bytes"; %2$s is the message's
			 * opcode (text, binary). */
			sb_msg(s, Q_(" (fragment %1$s of a %2$s message, its last: %3$s byte in %4$s "
				     "frames)", " (fragment %1$s of a %2$s message, its last: %3$s bytes "
				     "in %4$s frames)", f->message_len),
			       SAY_ARGS(k, mop, num(&c, f->message_len), num(&e, f->message_frames)));
		else
			/* TRANSLATORS: continues "client sends a WebSocket
			 * continuation frame, 5 bytes"; %2$s is the message's
			 * opcode (text, binary). */
			sb_msg(s, _(" (fragment %1$s of a %2$s message)"), SAY_ARGS(k, mop));
	}
}

static void say_ws(struct sb *s, enum tv_dir d, const struct tv_app_ws *w)
{
	const struct ws_frame *f = &w->f;
	struct num a;
	if (f->opcode == WS_OP_CLOSE)
		say_ws_close(s, d, w);
	else
		say_ws_frame(s, d, w);
	/* Clauses after "client sends a WebSocket ... frame" or "client
	 * closes the WebSocket". */
	if (f->problem != NULL)
		/* TRANSLATORS: a clause after "client sends a WebSocket text
		 * frame ..."; %1$s says what breaks the rule (one of the
		 * WebSocket reader's messages). */
		sb_msg(s, _("; breaks RFC 6455: %1$s"), SAY_ARGS(_(f->problem)));
	if (f->missing > 0)
		sb_msg(s, Q_("; %1$s byte of it was not captured", "; %1$s bytes of it were not captured",
			     f->missing), SAY_ARGS(num(&a, f->missing)));
	if (f->incomplete)
		/* TRANSLATORS: a clause after "client sends a WebSocket text
		 * frame ...": the frame was cut short. */
		sb_str(s, _("; cut short by the end of the stream"));
}

static void say_ws_end(struct sb *s, enum tv_dir d, const struct tv_app_ws_end *e)
{
	bool client = d == DIR_C2S;
	if (!e->sent_close && client)
		sb_str(s, _("client ends the TCP connection without a WebSocket close frame: the "
			    "server sees status 1006 (abnormal closure, RFC 6455 7.1.5)"));
	else if (!e->sent_close)
		sb_str(s, _("server ends the TCP connection without a WebSocket close frame: the "
			    "client sees status 1006 (abnormal closure, RFC 6455 7.1.5)"));
	else if (!e->got_close && client)
		sb_str(s, _("client ends the TCP connection before the server answered its close"));
	else if (!e->got_close)
		sb_str(s, _("server ends the TCP connection before the client answered its close"));
	else if (!client)
		sb_str(s, _("server closes the TCP connection once the WebSocket closing handshake "
			    "is done, as RFC 6455 7.1.1 asks: the server closes first"));
	else
		sb_str(s, _("client closes the TCP connection first, after the WebSocket closing "
			    "handshake (RFC 6455 7.1.1 has the server close first and the client "
			    "wait for it)"));
}

/* ---- HTTP/2 --------------------------------------------------------------- */

static void field_value(struct sb *s, const struct h2_header_block *b, const char *name)
{
	for (unsigned i = 0; i < b->kept; i++)
		if (strcmp(b->fields[i].name, name) == 0) {
			sb_put(s, b->fields[i].value, b->fields[i].value_len);
			return;
		}
}

static bool has_field(const struct h2_header_block *b, const char *name)
{
	for (unsigned i = 0; i < b->kept; i++)
		if (strcmp(b->fields[i].name, name) == 0)
			return true;
	return false;
}

static void say_h2_headers(struct sb *s, const struct tv_app_h2 *h)
{
	const struct h2_header_block *b = &h->block;
	struct num a;
	if (!b->decoded) {
		/* TRANSLATORS: continues "client sends HTTP/2 HEADERS[1]". */
		sb_str(s, _(" (its headers cannot be decoded: HPACK state lost)"));
		return;
	}
	/* Header values, as sent: ": GET /index.html", ": :status 200". */
	if (has_field(b, ":method")) {
		sb_lit(s, ": ");
		field_value(s, b, ":method");
		sb_lit(s, " ");
		field_value(s, b, ":path");
	} else if (has_field(b, ":status")) {
		sb_lit(s, ": :status ");
		field_value(s, b, ":status");
	} else {
		/* TRANSLATORS: continues "client sends HTTP/2 HEADERS[1]": a
		 * header block without a request or a status. */
		sb_msg(s, Q_(": %1$s field (trailers)", ": %1$s fields (trailers)", b->nfields),
		       SAY_ARGS(num(&a, b->nfields)));
	}
}

/* ": the server may send 1000 more bytes on stream 1 (65535 + 1000 =
 * 66535)": a WINDOW_UPDATE lets the other side send. */
static void say_h2_window(struct sb *s, enum tv_dir d, const struct h2_frame *f)
{
	const struct h2_window_update_info *w = &f->u.window_update;
	struct num a, b, c, e;
	uint32_t n = w->increment;
	const char *inc = num(&a, n);
	bool server = d == DIR_C2S;	/* the one that may send */
	if (!w->window_known) {
		if (server)
			/* TRANSLATORS: continues "client sends HTTP/2
			 * WINDOW_UPDATE[1]". */
			sb_msg(s, Q_(": the server may send %1$s more byte",
				     ": the server may send %1$s more bytes", n), SAY_ARGS(inc));
		else
			sb_msg(s, Q_(": the client may send %1$s more byte",
				     ": the client may send %1$s more bytes", n), SAY_ARGS(inc));
		return;
	}
	const char *before = snum(&b, w->window_before), *after = snum(&c, w->window_after);
	if (f->stream_id == 0 && server)
		/* TRANSLATORS: continues "client sends HTTP/2 WINDOW_UPDATE";
		 * the arithmetic is the window before, the increment and the
		 * window after. */
		sb_msg(s, Q_(": the server may send %1$s more byte on the connection (%2$s + %1$s = "
			     "%3$s)", ": the server may send %1$s more bytes on the connection (%2$s "
			     "+ %1$s = %3$s)", n), SAY_ARGS(inc, before, after));
	else if (f->stream_id == 0)
		sb_msg(s, Q_(": the client may send %1$s more byte on the connection (%2$s + %1$s = "
			     "%3$s)", ": the client may send %1$s more bytes on the connection (%2$s "
			     "+ %1$s = %3$s)", n), SAY_ARGS(inc, before, after));
	else if (server)
		sb_msg(s, Q_(": the server may send %1$s more byte on stream %2$s (%3$s + %1$s = "
			     "%4$s)", ": the server may send %1$s more bytes on stream %2$s (%3$s + "
			     "%1$s = %4$s)", n), SAY_ARGS(inc, num(&e, f->stream_id), before, after));
	else
		sb_msg(s, Q_(": the client may send %1$s more byte on stream %2$s (%3$s + %1$s = "
			     "%4$s)", ": the client may send %1$s more bytes on stream %2$s (%3$s + "
			     "%1$s = %4$s)", n), SAY_ARGS(inc, num(&e, f->stream_id), before, after));
}

/* "client sends HTTP/2 DATA[1], 5 bytes; stream window 65535 - 5 = 65530,
 * connection window 65535 - 5 = 65530": `label` is "DATA[1]". */
static void say_h2_data(struct sb *s, enum tv_dir d, const char *label, const struct h2_frame *f)
{
	const struct h2_data_info *x = &f->u.data;
	struct num a, b, c, e, g, k;
	uint32_t n = x->data_len;
	const char *len = num(&a, n), *flen = num(&b, f->length);
	const char *cb = snum(&c, x->conn_window_before), *ca = snum(&e, x->conn_window_after);
	bool client = d == DIR_C2S;
	if (x->stream_window_known) {
		const char *sbf = snum(&g, x->stream_window_before);
		const char *saf = snum(&k, x->stream_window_after);
		if (client)
			/* TRANSLATORS: %1$s is the frame ("DATA[1]"); each
			 * window is: before - the frame's length = after. */
			sb_msg(s, Q_("client sends HTTP/2 %1$s, %2$s byte; stream window %3$s - %4$s = "
				     "%5$s, connection window %6$s - %4$s = %7$s",
				     "client sends HTTP/2 %1$s, %2$s bytes; stream window %3$s - %4$s = "
				     "%5$s, connection window %6$s - %4$s = %7$s", n),
			       SAY_ARGS(label, len, sbf, flen, saf, cb, ca));
		else
			sb_msg(s, Q_("server sends HTTP/2 %1$s, %2$s byte; stream window %3$s - %4$s = "
				     "%5$s, connection window %6$s - %4$s = %7$s",
				     "server sends HTTP/2 %1$s, %2$s bytes; stream window %3$s - %4$s = "
				     "%5$s, connection window %6$s - %4$s = %7$s", n),
			       SAY_ARGS(label, len, sbf, flen, saf, cb, ca));
	} else if (client) {
		sb_msg(s, Q_("client sends HTTP/2 %1$s, %2$s byte, connection window %3$s - %4$s = "
			     "%5$s", "client sends HTTP/2 %1$s, %2$s bytes, connection window %3$s - "
			     "%4$s = %5$s", n), SAY_ARGS(label, len, cb, flen, ca));
	} else {
		sb_msg(s, Q_("server sends HTTP/2 %1$s, %2$s byte, connection window %3$s - %4$s = "
			     "%5$s", "server sends HTTP/2 %1$s, %2$s bytes, connection window %3$s - "
			     "%4$s = %5$s", n), SAY_ARGS(label, len, cb, flen, ca));
	}
	if (x->window_exceeded)
		/* TRANSLATORS: continues "client sends HTTP/2 DATA[1], 5 bytes
		 * ...". */
		sb_str(s, _(" (beyond what the receiver allowed)"));
	else if (x->conn_window_after == 0 ||
		 (x->stream_window_known && x->stream_window_after == 0))
		sb_str(s, client ? _(" (window used up: the client waits for a WINDOW_UPDATE)")
		       : _(" (window used up: the server waits for a WINDOW_UPDATE)"));
}

/* What a frame other than DATA says, after "client sends HTTP/2 X[n]". */
static void say_h2_body(struct sb *s, enum tv_dir d, const struct tv_app_h2 *h)
{
	const struct h2_frame *f = &h->f;
	struct num a, b;
	switch (f->type) {
	case H2_PRIORITY:
		/* TRANSLATORS: continues "client sends HTTP/2 PRIORITY[3]". */
		sb_msg(s, f->u.priority.exclusive ? _(": depends on stream %1$s (exclusive), weight %2$s")
		       : _(": depends on stream %1$s, weight %2$s"),
		       SAY_ARGS(num(&a, f->u.priority.dependency), num(&b, f->u.priority.weight)));
		break;
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
	case H2_CONTINUATION:
		if (h->has_block)
			say_h2_headers(s, h);
		break;
	case H2_SETTINGS:
		if (f->u.settings.ack) {
			/* TRANSLATORS: continues "client sends HTTP/2 SETTINGS";
			 * ACK is the flag's name. */
			sb_str(s, _(" ACK: the peer's settings are in force"));
			break;
		}
		/* Names and values as RFC 9113 spells them:
		 * ": MAX_CONCURRENT_STREAMS 100, INITIAL_WINDOW_SIZE 65535". */
		for (unsigned i = 0; i < f->u.settings.kept; i++) {
			const struct h2_setting *e = &f->u.settings.entries[i];
			const char *n = h2_settings_name(e->id);
			sb_str(s, i == 0 ? ": " : ", ");
			if (n != NULL)
				sb_str(s, n);
			else
				sb_printf(s, "0x%x", (unsigned)e->id);
			sb_lit(s, " ");
			sb_u64(s, e->value);
		}
		break;
	case H2_WINDOW_UPDATE:
		say_h2_window(s, d, f);
		break;
	case H2_RST_STREAM: {
		const char *e = h2_error_name(f->u.rst_stream.error_code);
		if (e != NULL)
			/* TRANSLATORS: continues "client sends HTTP/2
			 * RST_STREAM[3]"; %1$s is the error code's name
			 * (CANCEL). */
			sb_msg(s, _(": cancels the stream with %1$s"), SAY_ARGS(e));
		else
			/* TRANSLATORS: continues "client sends HTTP/2
			 * RST_STREAM[3]". */
			sb_str(s, _(": cancels the stream with an unknown error"));
		break;
	}
	case H2_GOAWAY: {
		const char *e = h2_error_name(f->u.goaway.error_code);
		const char *last = num(&a, f->u.goaway.last_stream_id);
		if (e != NULL)
			/* TRANSLATORS: continues "server sends HTTP/2 GOAWAY";
			 * %1$s is the error code's name (NO_ERROR). */
			sb_msg(s, _(": closes the connection (%1$s); the last stream it processed is "
				    "%2$s"), SAY_ARGS(e, last));
		else
			/* TRANSLATORS: continues "server sends HTTP/2 GOAWAY". */
			sb_msg(s, _(": closes the connection (unknown error); the last stream it "
				    "processed is %1$s"), SAY_ARGS(last));
		break;
	}
	case H2_PING:
		if (f->u.ping.ack)
			sb_lit(s, " ACK");	/* the flag */
		break;
	default:
		break;
	}
}

static void say_h2_frame(struct sb *s, enum tv_dir d, const struct tv_app_h2 *h)
{
	const struct h2_frame *f = &h->f;
	const char *type = h2_frame_type_name(f->type);
	/* The frame as RFC 9113 names it, its stream after it: "HEADERS[1]",
	 * or its type's number: "0x0a[1]". */
	char label[48];
	struct sb l = { label, sizeof(label), 0, false };
	label[0] = '\0';
	if (type != NULL)
		sb_str(&l, type);
	else
		sb_printf(&l, "0x%02x", (unsigned)f->type);
	if (f->stream_id != 0) {
		sb_lit(&l, "[");
		sb_u64(&l, f->stream_id);
		sb_lit(&l, "]");
	}
	if (f->type == H2_DATA && type != NULL) {
		say_h2_data(s, d, label, f);
	} else {
		if (type != NULL)
			/* TRANSLATORS: %1$s is the frame ("HEADERS[1]"). */
			sb_msg(s, d == DIR_C2S ? _("client sends HTTP/2 %1$s")
			       : _("server sends HTTP/2 %1$s"), SAY_ARGS(label));
		else
			/* TRANSLATORS: %1$s is the frame type's number and the
			 * stream ("0x0a[1]"). */
			sb_msg(s, d == DIR_C2S ? _("client sends HTTP/2 frame type %1$s")
			       : _("server sends HTTP/2 frame type %1$s"), SAY_ARGS(label));
		say_h2_body(s, d, h);
	}
	if ((f->type == H2_HEADERS && f->u.headers.end_stream) ||
	    (f->type == H2_DATA && f->u.data.end_stream))
		sb_lit(s, " (END_STREAM)");	/* the flag */
	if (f->problem != NULL)
		/* TRANSLATORS: a clause after "client sends HTTP/2 ..."; %1$s
		 * says what breaks the rule (one of the HTTP/2 reader's
		 * messages). */
		sb_msg(s, _("; breaks RFC 9113: %1$s"), SAY_ARGS(_(f->problem)));
}

static void say_h2_stream(struct sb *s, const struct tv_app_h2_stream *h)
{
	const struct h2_stream_info *i = &h->s;
	char d[32];
	struct num a, b, c;
	const char *id = num(&a, i->id), *m = i->method[0] ? i->method : "?";
	const char *p = i->path[0] ? i->path : "?";
	uint64_t n = i->response_data;
	const char *len = num(&b, n);
	if (i->status != 0)
		/* TRANSLATORS: %2$s %3$s is the request ("GET /"), %4$s the
		 * status it was answered with ("200"). */
		sb_msg(s, Q_("HTTP/2 stream %1$s done: %2$s %3$s answered %4$s, %5$s byte of "
			     "response data", "HTTP/2 stream %1$s done: %2$s %3$s answered %4$s, "
			     "%5$s bytes of response data", n),
		       SAY_ARGS(id, m, p, num(&c, i->status), len));
	else
		sb_msg(s, Q_("HTTP/2 stream %1$s done: %2$s %3$s, %4$s byte of response data",
			     "HTTP/2 stream %1$s done: %2$s %3$s, %4$s bytes of response data", n),
		       SAY_ARGS(id, m, p, len));
	/* What continues "HTTP/2 stream 1 done: GET / answered 200, 5 bytes
	 * of response data". */
	if (h->ttfb_ns >= 0)
		/* TRANSLATORS: continues "HTTP/2 stream 1 done: GET /
		 * answered 200, 5 bytes of response data". */
		sb_msg(s, _(", first response %1$s after the request"), SAY_ARGS(dur(d, h->ttfb_ns)));
	if (i->reset) {
		const char *e = h2_error_name(i->reset_error);
		bool client = i->reset_dir == H2_CLIENT;
		if (e != NULL)
			/* TRANSLATORS: a clause after "HTTP/2 stream 1 done:
			 * ..."; %1$s is the error code's name (CANCEL). */
			sb_msg(s, client ? _("; reset by the client (%1$s)")
			       : _("; reset by the server (%1$s)"), SAY_ARGS(e));
		else
			/* TRANSLATORS: a clause after "HTTP/2 stream 1 done:
			 * ...". */
			sb_str(s, client ? _("; reset by the client (unknown error)")
			       : _("; reset by the server (unknown error)"));
	}
	if (i->open_at_end)
		/* TRANSLATORS: a clause after "HTTP/2 stream 1 done: ...". */
		sb_str(s, _("; still open when the connection ended"));
}

/* ---- TLS ------------------------------------------------------------------- */

/* "TLS 1.3", or the number of a version tcpview has no name for. */
static void version_words(struct sb *s, uint16_t v)
{
	const char *n = tls_version_name(v);
	char h[8];
	if (n != NULL) {
		sb_str(s, n);
		return;
	}
	fmt_format(h, sizeof(h), "0x%04x", (unsigned)v);
	/* TRANSLATORS: a TLS version tcpview has no name for ("0x7f1c"),
	 * in a list of versions ("TLS 1.3, TLS 1.2"). */
	sb_msg(s, _("version %1$s"), SAY_ARGS(h));
}

static void say_client_hello(struct sb *s, const struct tls_client_hello *ch)
{
	char sni_buf[TLS_SNI_MAX + 4], vers[256], alpn[320];
	struct num a;
	struct sb v = { vers, sizeof(vers), 0, false }, p = { alpn, sizeof(alpn), 0, false };
	vers[0] = alpn[0] = '\0';
	if (ch->has_versions && ch->versions_kept > 0) {
		for (unsigned i = 0; i < ch->versions_kept; i++) {
			if (i > 0)
				sb_str(&v, _(", "));
			version_words(&v, ch->versions[i]);
		}
	} else {
		version_words(&v, ch->legacy_version);
	}
	bool has_alpn = ch->has_alpn && ch->alpn_kept > 0;
	for (unsigned i = 0; has_alpn && i < ch->alpn_kept; i++) {
		if (i > 0)
			sb_str(&p, _(", "));
		sb_str(&p, ch->alpn[i].name);
	}
	unsigned n = ch->cipher_count;
	const char *ciphers = num(&a, n);
	if (ch->has_sni) {
		const char *sni = cut_text(sni_buf, sizeof(sni_buf), ch->sni, ch->sni_cut);
		if (has_alpn)
			/* TRANSLATORS: %1$s is the server's name the client
			 * asks for (SNI), %2$s the TLS versions it offers
			 * ("TLS 1.3, TLS 1.2"), %3$s the protocols it offers
			 * by ALPN ("h2, http/1.1"). */
			sb_msg(s, Q_("client says hello (TLS ClientHello) to %1$s (SNI) offering %2$s, "
				     "ALPN %3$s, %4$s cipher suite",
				     "client says hello (TLS ClientHello) to %1$s (SNI) offering %2$s, "
				     "ALPN %3$s, %4$s cipher suites", n),
			       SAY_ARGS(sni, vers, alpn, ciphers));
		else
			sb_msg(s, Q_("client says hello (TLS ClientHello) to %1$s (SNI) offering %2$s, "
				     "%3$s cipher suite",
				     "client says hello (TLS ClientHello) to %1$s (SNI) offering %2$s, "
				     "%3$s cipher suites", n), SAY_ARGS(sni, vers, ciphers));
	} else if (has_alpn) {
		sb_msg(s, Q_("client says hello (TLS ClientHello) offering %1$s, ALPN %2$s, %3$s "
			     "cipher suite", "client says hello (TLS ClientHello) offering %1$s, ALPN "
			     "%2$s, %3$s cipher suites", n), SAY_ARGS(vers, alpn, ciphers));
	} else {
		sb_msg(s, Q_("client says hello (TLS ClientHello) offering %1$s, %2$s cipher suite",
			     "client says hello (TLS ClientHello) offering %1$s, %2$s cipher suites",
			     n), SAY_ARGS(vers, ciphers));
	}
}

static void say_server_hello(struct sb *s, const struct tls_server_hello *sh)
{
	if (sh->hello_retry) {
		sb_str(s, _("server asks the client to say hello again with another key share "
			    "(HelloRetryRequest)"));
		return;
	}
	char vers[48], h[8];
	struct sb v = { vers, sizeof(vers), 0, false };
	vers[0] = '\0';
	version_words(&v, sh->version);
	const char *c = tls_cipher_name(sh->cipher);
	const char *alpn = sh->alpn.name;
	if (c != NULL && sh->has_alpn)
		/* TRANSLATORS: %1$s is the TLS version ("TLS 1.3"), %2$s the
		 * cipher suite (TLS_AES_128_GCM_SHA256), %3$s the protocol
		 * chosen by ALPN ("h2"). */
		sb_msg(s, _("server chooses %1$s, %2$s, ALPN %3$s"), SAY_ARGS(vers, c, alpn));
	else if (c != NULL)
		sb_msg(s, _("server chooses %1$s, %2$s"), SAY_ARGS(vers, c));
	else {
		fmt_format(h, sizeof(h), "0x%04x", (unsigned)sh->cipher);
		if (sh->has_alpn)
			/* TRANSLATORS: %2$s is the number of a cipher suite
			 * tcpview has no name for ("0x1304"). */
			sb_msg(s, _("server chooses %1$s, cipher suite %2$s, ALPN %3$s"),
			       SAY_ARGS(vers, h, alpn));
		else
			sb_msg(s, _("server chooses %1$s, cipher suite %2$s"), SAY_ARGS(vers, h));
	}
}

/* Alerts about a certificate (RFC 8446 §6.2), told as a rejection. */
static bool certificate_alert(uint8_t d)
{
	return (d >= 42 && d <= 46) || d == 48;
}

static void say_alert(struct sb *s, enum tv_dir d, const struct tv_app_tls_alert *a)
{
	bool client = d == DIR_C2S;
	if (a->encrypted) {
		sb_str(s, client ? _("client sends an encrypted alert (after the handshake it is "
				     "usually close_notify)")
		       : _("server sends an encrypted alert (after the handshake it is usually "
			   "close_notify)"));
		return;
	}
	if (a->description == 0) {
		sb_str(s, client ? _("client says it will send no more (close_notify alert)")
		       : _("server says it will send no more (close_notify alert)"));
		return;
	}
	const char *name = tls_alert_name(a->description);
	const char *level = tls_alert_level_name(a->level);
	char ab[32];
	struct num n;
	if (name == NULL) {
		/* TRANSLATORS: an alert tcpview has no name for, by its
		 * number: "alert 250"; it takes the place of a name such as
		 * bad_certificate in the messages below. */
		sb_msg(&(struct sb){ ab, sizeof(ab), 0, false }, _("alert %1$s"),
		       SAY_ARGS(num(&n, a->description)));
		name = ab;
	}
	if (certificate_alert(a->description) && level != NULL)
		/* TRANSLATORS: %1$s is the alert (bad_certificate), %2$s its
		 * level as TLS names it (fatal, warning). */
		sb_msg(s, client ? _("client rejects the server's certificate: %1$s (%2$s alert)")
		       : _("server rejects the client's certificate: %1$s (%2$s alert)"),
		       SAY_ARGS(name, level));
	else if (certificate_alert(a->description))
		sb_msg(s, client ? _("client rejects the server's certificate: %1$s")
		       : _("server rejects the client's certificate: %1$s"), SAY_ARGS(name));
	else if (a->level == 2)
		/* TRANSLATORS: %1$s is the alert (handshake_failure). */
		sb_msg(s, client ? _("client sends a fatal alert: %1$s")
		       : _("server sends a fatal alert: %1$s"), SAY_ARGS(name));
	else if (a->level == 1)
		sb_msg(s, client ? _("client sends a warning alert: %1$s")
		       : _("server sends a warning alert: %1$s"), SAY_ARGS(name));
	else
		sb_msg(s, client ? _("client sends an alert: %1$s") : _("server sends an alert: %1$s"),
		       SAY_ARGS(name));
}

/* ---- DNS ------------------------------------------------------------------- */

/* The records of an answer: "93.184.216.34 (TTL 300), example.net (TTL
 * 60) and 3 more". */
static void dns_records(struct sb *l, const struct tv_app_dns *m)
{
	struct num a;
	for (unsigned i = 0; i < m->nanswers; i++) {
		const struct tv_dns_answer *an = &m->answers[i];
		char v[64];
		const char *what = v;
		if (i > 0)
			sb_str(l, _(", "));
		if (an->has_addr)
			v[fmt_addr(v, sizeof(v), &an->addr)] = '\0';
		else if (an->data[0] != '\0')
			what = an->data;
		else if (dns_qtype_name(an->type) != NULL)
			what = dns_qtype_name(an->type);
		else
			/* TRANSLATORS: a DNS record of a type tcpview has no name
			 * for, in the list of an answer's records. */
			what = _("record");
		/* TRANSLATORS: a record of a DNS answer: its address, name
		 * or type, and how long it may be kept (TTL, in seconds). */
		sb_msg(l, _("%1$s (TTL %2$s)"), SAY_ARGS(what, num(&a, an->ttl)));
	}
	if (m->answers_total > m->nanswers) {
		unsigned more = (unsigned)(m->answers_total - m->nanswers);
		/* TRANSLATORS: continues the list of an answer's records. */
		sb_msg(l, Q_(" and %1$s more", " and %1$s more", more), SAY_ARGS(num(&a, more)));
	}
}

static void say_dns(struct sb *s, const struct tv_app_dns *m)
{
	const char *qt = dns_qtype_name(m->qtype);
	char qtbuf[16], d[32];
	struct num a;
	if (qt == NULL) {
		fmt_format(qtbuf, sizeof(qtbuf), "TYPE%u", (unsigned)m->qtype);
		qt = qtbuf;
	}
	const char *id = num(&a, m->trans_id), *q = m->query;
	if (!m->response) {
		if (m->has_query)
			/* TRANSLATORS: %1$s is the query's id, %2$s the name
			 * asked about and %3$s the record type (A, AAAA). */
			sb_msg(s, _("DNS query %1$s: %2$s %3$s?"), SAY_ARGS(id, q, qt));
		else
			sb_msg(s, _("DNS query %1$s: (no question) %2$s?"), SAY_ARGS(id, qt));
		return;
	}
	const char *rc = dns_rcode_name(m->rcode);
	char list[NARRATE_MAX];
	list[0] = '\0';
	if (m->rcode == 0 && m->answers_total > 0)
		dns_records(&(struct sb){ list, sizeof(list), 0, false }, m);
	else if (m->rcode != 0 && rc != NULL)
		fmt_format(list, sizeof(list), "%s", rc);
	bool error = m->rcode != 0 && rc == NULL, none = m->rcode == 0 && m->answers_total == 0;
	if (m->has_query && error)
		/* TRANSLATORS: %1$s is the query's id, %2$s the name asked
		 * about, %3$s the record type (A, AAAA). */
		sb_msg(s, _("DNS answer %1$s for %2$s %3$s: error"), SAY_ARGS(id, q, qt));
	else if (m->has_query && none)
		sb_msg(s, _("DNS answer %1$s for %2$s %3$s: no records"), SAY_ARGS(id, q, qt));
	else if (m->has_query)
		/* TRANSLATORS: %4$s is the records of the answer ("192.0.2.1
		 * (TTL 300)") or the error's name in DNS (NXDOMAIN). */
		sb_msg(s, _("DNS answer %1$s for %2$s %3$s: %4$s"), SAY_ARGS(id, q, qt, list));
	else if (error)
		sb_msg(s, _("DNS answer %1$s for (no question) %2$s: error"), SAY_ARGS(id, qt));
	else if (none)
		sb_msg(s, _("DNS answer %1$s for (no question) %2$s: no records"), SAY_ARGS(id, qt));
	else
		sb_msg(s, _("DNS answer %1$s for (no question) %2$s: %3$s"), SAY_ARGS(id, qt, list));
	if (m->rtt_ns >= 0)
		/* TRANSLATORS: continues "DNS answer 4660 for example.com A:
		 * ...". */
		sb_msg(s, _(", %1$s after the query"), SAY_ARGS(dur(d, m->rtt_ns)));
	if (m->problem != NULL) {
		/* Why it could not be read whole, in the DNS reader's words. */
		sb_lit(s, " (");
		sb_str(s, _(m->problem));
		sb_lit(s, ")");
	}
}

/* The protocol's own name; NULL for bytes of none. */
static const char *proto_words(enum tv_app_proto p)
{
	switch (p) {
	case AP_HTTP: return "HTTP";
	case AP_WEBSOCKET: return "WebSocket";
	case AP_HTTP2: return "HTTP/2";
	case AP_TLS: return "TLS";
	case AP_DNS: return "DNS";
	default: return NULL;
	}
}

size_t narrate_app(const struct tv_app *a, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	bool client = a->dir == DIR_C2S;
	buf[0] = '\0';
	switch (a->kind) {
	case AK_HTTP_REQUEST:
		say_http_request(&s, &a->u.http);
		break;
	case AK_HTTP_RESPONSE:
		say_http_response(&s, &a->u.http);
		break;
	case AK_SWITCH:
		say_switch(&s, &a->u.sw);
		break;
	case AK_WS_FRAME:
		say_ws(&s, a->dir, &a->u.ws);
		break;
	case AK_H2_FRAME:
		say_h2_frame(&s, a->dir, &a->u.h2);
		break;
	case AK_H2_STREAM:
		say_h2_stream(&s, &a->u.h2s);
		break;
	case AK_TLS_CLIENT_HELLO:
		say_client_hello(&s, &a->u.ch);
		break;
	case AK_TLS_SERVER_HELLO:
		say_server_hello(&s, &a->u.sh);
		break;
	case AK_TLS_ALERT:
		say_alert(&s, a->dir, &a->u.alert);
		break;
	case AK_TLS_ENCRYPTED:
		sb_str(&s, client ? _("client's records are encrypted from here on")
		       : _("server's records are encrypted from here on"));
		break;
	case AK_DNS:
		say_dns(&s, &a->u.dns);
		break;
	case AK_STOP: {
		const char *p = proto_words(a->u.stop.proto), *why = _(a->u.stop.why);
		if (p != NULL)
			/* TRANSLATORS: %1$s is the protocol (HTTP, WebSocket,
			 * HTTP/2, TLS, DNS), %2$s why tcpview stops (one
			 * of the readers' messages). */
			sb_msg(&s, client ? _("tcpview stops reading the client's %1$s: %2$s")
			       : _("tcpview stops reading the server's %1$s: %2$s"), SAY_ARGS(p, why));
		else
			/* TRANSLATORS: %1$s is why tcpview stops (one of
			 * the readers' messages). */
			sb_msg(&s, client ? _("tcpview stops reading the client's bytes: %1$s")
			       : _("tcpview stops reading the server's bytes: %1$s"), SAY_ARGS(why));
		break;
	}
	case AK_RESET:
		if (a->u.reset.asked_close)
			sb_str(&s, _("the server had answered with Connection: close and then closed "
				     "without reading the whole request (RFC 9112 9.6 allows the close), "
				     "so its kernel reset the connection instead of ending it with FIN; a "
				     "client that had not read the response yet loses it"));
		else
			sb_str(&s, _("the server had answered and then closed without reading the whole "
				     "request (RFC 9112 9.6 allows the close), so its kernel reset the "
				     "connection instead of ending it with FIN; a client that had not read "
				     "the response yet loses it"));
		break;
	case AK_WS_END:
		say_ws_end(&s, a->dir, &a->u.ws_end);
		break;
	case AK_COUNT:
		break;
	}
	return s.len;
}
