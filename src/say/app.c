/*
 * app.c - what the applications said, in words (say layer, SPEC §9).
 *
 * One sentence per application record (app/record.h), written for the
 * text story and the JSON "text" member alike, from the record alone.
 * Protocol names and numbers stay as the protocols spell them (GET, 200,
 * SNI, ALPN, close 1000); quoted application text is cut and escaped so
 * that a sentence stays one printable line.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "sentence.h"
#include "tcpview/app/dns.h"
#include "tcpview/app/record.h"
#include "tcpview/say/narrate.h"

static void bytes_of(struct sb *s, uint64_t n, const char *what)
{
	sb_u64(s, n);
	sb_str(s, n == 1 ? " byte" : " bytes");
	if (what != NULL && what[0] != '\0') {
		sb_lit(s, " of ");
		sb_str(s, what);
	}
}

/* ---- HTTP/1.x ---------------------------------------------------------- */

static void say_http_request(struct sb *s, const struct tv_app_http *h)
{
	sb_printf(s, "client asks %s %s%s", h->method, h->uri, h->uri_cut ? "..." : "");
	if (h->host[0] != '\0')
		sb_printf(s, " of %s", h->host);
	if (h->request_body_len > 0) {
		sb_lit(s, " with ");
		bytes_of(s, h->request_body_len, h->content_type);
		if (h->chunked)
			sb_lit(s, " in chunks");
		if (h->preview_len > 0) {
			sb_lit(s, ": ");
			sb_quoted(s, h->preview, h->preview_len, h->preview_cut);
		}
	}
	if (h->trans_depth > 1) {
		sb_printf(s, " (request %" PRIu32 " on this connection", h->trans_depth);
		if (h->pipelined)
			sb_lit(s, ", pipelined: sent before the previous one was answered");
		else if (h->idle_ns >= 0) {
			sb_lit(s, ", idle ");
			sb_dur(s, h->idle_ns);
			sb_lit(s, " since the last response");
		}
		sb_lit(s, ")");
	}
	if (h->upgrade_offered)
		sb_lit(s, "; offers to switch protocols (Upgrade)");
	if (h->asks_close)
		sb_lit(s, "; asks to close the connection after it (Connection: close)");
	if (h->head_cut)
		sb_lit(s, "; the rest of its head was not captured");
	else if (h->incomplete)
		sb_lit(s, "; the request was cut short by the end of the stream");
}

static void say_http_response(struct sb *s, const struct tv_app_http *h)
{
	if (h->status_code == 0) {
		/* RFC 1945 §6: an HTTP/0.9 answer is its body alone. */
		sb_printf(s, "server answers the HTTP/0.9 request %s %s%s with ", h->method, h->uri,
			  h->uri_cut ? "..." : "");
		bytes_of(s, h->response_body_len, NULL);
		sb_lit(s, " up to the end of the connection (no status line or headers in "
			  "HTTP/0.9)");
		if (h->preview_len > 0) {
			sb_lit(s, ": ");
			sb_quoted(s, h->preview, h->preview_len, h->preview_cut);
		}
		return;
	}
	sb_printf(s, "server answers %u %s", (unsigned)h->status_code, h->status_msg);
	if (h->interim) {
		if (h->method[0] != '\0')
			sb_printf(s, " to %s %s%s", h->method, h->uri, h->uri_cut ? "..." : "");
		sb_lit(s, " (interim");
		if (h->status_code == 100)
			sb_lit(s, ": the client may send the body");
		sb_lit(s, ")");
		return;
	}
	if (h->method[0] != '\0')
		sb_printf(s, " to %s %s%s", h->method, h->uri, h->uri_cut ? "..." : "");
	if (h->head_cut) {
		/* its length is not known */
	} else if (h->response_body_len == 0 && !h->until_close) {
		sb_lit(s, ", no body");
	} else {
		sb_lit(s, ", ");
		bytes_of(s, h->response_body_len, h->content_type);
	}
	if (h->chunked)
		sb_lit(s, " in chunks");
	if (h->trailers > 0)
		sb_printf(s, " and %" PRIu32 " trailer field%s", h->trailers,
			  h->trailers == 1 ? "" : "s");
	if (h->preview_len > 0) {
		sb_lit(s, ": ");
		sb_quoted(s, h->preview, h->preview_len, h->preview_cut);
	}
	if (h->until_close)
		sb_lit(s, " up to the end of the connection");
	if (h->ttfb_ns >= 0) {
		sb_lit(s, ", ");
		sb_dur(s, h->ttfb_ns);
		sb_lit(s, " after the request");
	}
	if (h->answered_early)
		sb_lit(s, ", before the whole request had arrived (RFC 9112 9.6: the server "
			  "answered without reading it all)");
	if (h->no_request)
		sb_lit(s, " (its request is not in the capture)");
	if (h->asks_close)
		sb_lit(s, "; asks to close the connection (Connection: close)");
	if (h->body_missing > 0)
		sb_printf(s, "; %" PRIu64 " bytes of it were not captured", h->body_missing);
	if (h->head_cut)
		sb_lit(s, "; the rest of its head was not captured");
	else if (h->incomplete)
		sb_lit(s, "; the response was cut short by the end of the stream");
}

static void say_switch(struct sb *s, const struct tv_app_switch *w)
{
	switch (w->to) {
	case AP_WEBSOCKET:
		sb_printf(s, "server switches to WebSocket (%u)", (unsigned)w->status);
		if (w->has_accept)
			sb_str(s, w->accept_ok ? "; Sec-WebSocket-Accept matches the client's key"
					       : "; Sec-WebSocket-Accept does NOT match the client's key");
		sb_lit(s, ": WebSocket frames from here on");
		break;
	case AP_HTTP2:
		sb_printf(s, "server switches to HTTP/2 (%u, h2c): HTTP/2 frames from here on",
			  (unsigned)w->status);
		break;
	case AP_TUNNEL:
		sb_printf(s, "server opens the tunnel (%u to CONNECT): the bytes from here on "
			  "belong to the tunnelled connection", (unsigned)w->status);
		break;
	default:
		sb_printf(s, "server switches protocols (%u) to one tcpview does not read",
			  (unsigned)w->status);
		break;
	}
}

/* ---- WebSocket ---------------------------------------------------------- */

static void say_ws(struct sb *s, enum tv_dir d, const struct tv_app_ws *w)
{
	const struct ws_frame *f = &w->f;
	const char *op = ws_opcode_name(f->opcode);
	if (f->opcode == WS_OP_CLOSE) {
		sb_printf(s, "%s %s the WebSocket", side(d),
			  w->close_reply ? "answers the close: closing" : "closes");
		if (f->has_close_code) {
			const char *m = ws_close_code_name(f->close_code);
			sb_printf(s, " with code %u", (unsigned)f->close_code);
			if (m != NULL)
				sb_printf(s, " (%s)", m);
		} else {
			sb_lit(s, " without a status code");
		}
		if (f->close_reason_len > 0) {
			sb_lit(s, ": ");
			sb_quoted(s, f->close_reason, f->close_reason_len, false);
		}
		if (w->close_reply) {
			sb_lit(s, "; the closing handshake is complete, ");
			sb_dur(s, w->close_reply_ns);
			sb_lit(s, " after the first close");
		}
	} else {
		if (op != NULL)
			sb_printf(s, "%s sends a WebSocket %s frame, ", side(d), op);
		else
			sb_printf(s, "%s sends a WebSocket frame of reserved opcode %u, ", side(d),
				  (unsigned)f->opcode);
		bytes_of(s, f->payload_len, NULL);
		if (f->opcode == WS_OP_PONG && w->pong_ns >= 0) {
			sb_lit(s, ", ");
			sb_dur(s, w->pong_ns);
			sb_printf(s, " after the ping of frame %" PRIu64, w->ping_frame);
		}
		if (f->text_utf8 && f->preview_len > 0) {
			sb_lit(s, ": ");
			sb_quoted(s, (const char *)f->preview, f->preview_len, f->preview_cut);
		}
		if (!f->fin && f->opcode != WS_OP_CONTINUATION)
			sb_lit(s, " (first fragment of a message)");
		else if (f->opcode == WS_OP_CONTINUATION && f->message_opcode != 0) {
			sb_printf(s, " (fragment %" PRIu64 " of a %s message", f->message_frames,
				  ws_opcode_name(f->message_opcode));
			if (f->message_end)
				sb_printf(s, ", its last: %" PRIu64 " bytes in %" PRIu64 " frames",
					  f->message_len, f->message_frames);
			sb_lit(s, ")");
		}
	}
	if (f->problem != NULL)
		sb_printf(s, "; breaks RFC 6455: %s", f->problem);
	if (f->missing > 0)
		sb_printf(s, "; %" PRIu64 " bytes of it were not captured", f->missing);
	if (f->incomplete)
		sb_lit(s, "; cut short by the end of the stream");
}

static void say_ws_end(struct sb *s, enum tv_dir d, const struct tv_app_ws_end *e)
{
	if (!e->sent_close) {
		sb_printf(s, "%s ends the TCP connection without a WebSocket close frame: the %s "
			  "sees status 1006 (abnormal closure, RFC 6455 7.1.5)", side(d),
			  side(dir_other(d)));
	} else if (!e->got_close) {
		sb_printf(s, "%s ends the TCP connection before the %s answered its close",
			  side(d), side(dir_other(d)));
	} else if (d == DIR_S2C) {
		sb_lit(s, "server closes the TCP connection once the WebSocket closing handshake is "
			  "done, as RFC 6455 7.1.1 asks: the server closes first");
	} else {
		sb_lit(s, "client closes the TCP connection first, after the WebSocket closing "
			  "handshake (RFC 6455 7.1.1 has the server close first and the client "
			  "wait for it)");
	}
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
	if (!b->decoded) {
		sb_lit(s, " (its headers cannot be decoded: HPACK state lost)");
		return;
	}
	if (has_field(b, ":method")) {
		sb_lit(s, ": ");
		field_value(s, b, ":method");
		sb_lit(s, " ");
		field_value(s, b, ":path");
	} else if (has_field(b, ":status")) {
		sb_lit(s, ": :status ");
		field_value(s, b, ":status");
	} else {
		sb_printf(s, ": %" PRIu32 " fields (trailers)", b->nfields);
	}
}

static void say_h2_window(struct sb *s, enum tv_dir d, const struct h2_frame *f)
{
	const struct h2_window_update_info *w = &f->u.window_update;
	sb_printf(s, ": the %s may send %" PRIu32 " more bytes", side(dir_other(d)), w->increment);
	if (!w->window_known)
		return;
	if (f->stream_id == 0)
		sb_lit(s, " on the connection");
	else
		sb_printf(s, " on stream %" PRIu32, f->stream_id);
	sb_printf(s, " (%" PRId64 " + %" PRIu32 " = %" PRId64 ")", w->window_before,
		  w->increment, w->window_after);
}

static void say_h2_frame(struct sb *s, enum tv_dir d, const struct tv_app_h2 *h)
{
	const struct h2_frame *f = &h->f;
	const char *type = h2_frame_type_name(f->type);
	if (type != NULL)
		sb_printf(s, "%s sends HTTP/2 %s", side(d), type);
	else
		sb_printf(s, "%s sends HTTP/2 frame type 0x%02x", side(d), (unsigned)f->type);
	if (f->stream_id != 0)
		sb_printf(s, "[%" PRIu32 "]", f->stream_id);
	switch (f->type) {
	case H2_DATA:
		sb_lit(s, ", ");
		bytes_of(s, f->u.data.data_len, NULL);
		if (f->u.data.stream_window_known)
			sb_printf(s, "; stream window %" PRId64 " - %" PRIu32 " = %" PRId64,
				  f->u.data.stream_window_before, f->length,
				  f->u.data.stream_window_after);
		sb_printf(s, ", connection window %" PRId64 " - %" PRIu32 " = %" PRId64,
			  f->u.data.conn_window_before, f->length, f->u.data.conn_window_after);
		if (f->u.data.window_exceeded)
			sb_lit(s, " (beyond what the receiver allowed)");
		else if (f->u.data.conn_window_after == 0 ||
			 (f->u.data.stream_window_known && f->u.data.stream_window_after == 0))
			sb_printf(s, " (window used up: the %s waits for a WINDOW_UPDATE)", side(d));
		break;
	case H2_PRIORITY:
		sb_printf(s, ": depends on stream %" PRIu32 "%s, weight %u",
			  f->u.priority.dependency, f->u.priority.exclusive ? " (exclusive)" : "",
			  (unsigned)f->u.priority.weight);
		break;
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
	case H2_CONTINUATION:
		if (h->has_block)
			say_h2_headers(s, h);
		break;
	case H2_SETTINGS:
		if (f->u.settings.ack) {
			sb_lit(s, " ACK: the peer's settings are in force");
			break;
		}
		for (unsigned i = 0; i < f->u.settings.kept; i++) {
			const struct h2_setting *e = &f->u.settings.entries[i];
			const char *n = h2_settings_name(e->id);
			sb_str(s, i == 0 ? ": " : ", ");
			if (n != NULL)
				sb_printf(s, "%s %" PRIu32, n, e->value);
			else
				sb_printf(s, "0x%x %" PRIu32, (unsigned)e->id, e->value);
		}
		break;
	case H2_WINDOW_UPDATE:
		say_h2_window(s, d, f);
		break;
	case H2_RST_STREAM: {
		const char *e = h2_error_name(f->u.rst_stream.error_code);
		sb_printf(s, ": cancels the stream with %s", e != NULL ? e : "an unknown error");
		break;
	}
	case H2_GOAWAY: {
		const char *e = h2_error_name(f->u.goaway.error_code);
		sb_printf(s, ": closes the connection (%s); the last stream it processed is %" PRIu32,
			  e != NULL ? e : "unknown error", f->u.goaway.last_stream_id);
		break;
	}
	case H2_PING:
		sb_str(s, f->u.ping.ack ? " ACK" : "");
		break;
	default:
		break;
	}
	if ((f->type == H2_HEADERS && f->u.headers.end_stream) ||
	    (f->type == H2_DATA && f->u.data.end_stream))
		sb_lit(s, " (END_STREAM)");
	if (f->problem != NULL)
		sb_printf(s, "; breaks RFC 9113: %s", f->problem);
}

static void say_h2_stream(struct sb *s, const struct tv_app_h2_stream *h)
{
	const struct h2_stream_info *i = &h->s;
	sb_printf(s, "HTTP/2 stream %" PRIu32 " done: %s %s", i->id,
		  i->method[0] ? i->method : "?", i->path[0] ? i->path : "?");
	if (i->status != 0)
		sb_printf(s, " answered %u", (unsigned)i->status);
	sb_printf(s, ", %" PRIu64 " bytes of response data", i->response_data);
	if (h->ttfb_ns >= 0) {
		sb_lit(s, ", first response ");
		sb_dur(s, h->ttfb_ns);
		sb_lit(s, " after the request");
	}
	if (i->reset) {
		const char *e = h2_error_name(i->reset_error);
		sb_printf(s, "; reset by the %s (%s)", i->reset_dir == H2_CLIENT ? "client" : "server",
			  e != NULL ? e : "unknown error");
	}
	if (i->open_at_end)
		sb_lit(s, "; still open when the connection ended");
}

/* ---- TLS ------------------------------------------------------------------- */

static void version_words(struct sb *s, uint16_t v)
{
	const char *n = tls_version_name(v);
	if (n != NULL)
		sb_str(s, n);
	else
		sb_printf(s, "version 0x%04x", (unsigned)v);
}

static void say_client_hello(struct sb *s, const struct tls_client_hello *ch)
{
	sb_lit(s, "client says hello (TLS ClientHello)");
	if (ch->has_sni)
		sb_printf(s, " to %s%s (SNI)", ch->sni, ch->sni_cut ? "..." : "");
	sb_lit(s, " offering ");
	if (ch->has_versions && ch->versions_kept > 0) {
		for (unsigned i = 0; i < ch->versions_kept; i++) {
			if (i > 0)
				sb_lit(s, ", ");
			version_words(s, ch->versions[i]);
		}
	} else {
		version_words(s, ch->legacy_version);
	}
	if (ch->has_alpn && ch->alpn_kept > 0) {
		sb_lit(s, ", ALPN ");
		for (unsigned i = 0; i < ch->alpn_kept; i++) {
			if (i > 0)
				sb_lit(s, ", ");
			sb_str(s, ch->alpn[i].name);
		}
	}
	sb_printf(s, ", %u cipher suites", (unsigned)ch->cipher_count);
}

static void say_server_hello(struct sb *s, const struct tls_server_hello *sh)
{
	if (sh->hello_retry) {
		sb_lit(s, "server asks the client to say hello again with another key share "
			  "(HelloRetryRequest)");
		return;
	}
	sb_lit(s, "server chooses ");
	version_words(s, sh->version);
	const char *c = tls_cipher_name(sh->cipher);
	if (c != NULL)
		sb_printf(s, ", %s", c);
	else
		sb_printf(s, ", cipher suite 0x%04x", (unsigned)sh->cipher);
	if (sh->has_alpn)
		sb_printf(s, ", ALPN %s", sh->alpn.name);
}

/* Alerts about a certificate (RFC 8446 §6.2), told as a rejection. */
static bool certificate_alert(uint8_t d)
{
	return (d >= 42 && d <= 46) || d == 48;
}

static void say_alert(struct sb *s, enum tv_dir d, const struct tv_app_tls_alert *a)
{
	if (a->encrypted) {
		sb_printf(s, "%s sends an encrypted alert (after the handshake it is usually "
			  "close_notify)", side(d));
		return;
	}
	const char *name = tls_alert_name(a->description);
	const char *level = tls_alert_level_name(a->level);
	if (a->description == 0) {
		sb_printf(s, "%s says it will send no more (close_notify alert)", side(d));
		return;
	}
	if (certificate_alert(a->description))
		sb_printf(s, "%s rejects the %s's certificate: ", side(d), side(dir_other(d)));
	else
		sb_printf(s, "%s sends %s alert: ", side(d),
			  a->level == 2 ? "a fatal" : a->level == 1 ? "a warning" : "an");
	if (name != NULL)
		sb_str(s, name);
	else
		sb_printf(s, "alert %u", (unsigned)a->description);
	if (certificate_alert(a->description) && level != NULL)
		sb_printf(s, " (%s alert)", level);
}

/* ---- DNS ------------------------------------------------------------------- */

static void say_dns(struct sb *s, const struct tv_app_dns *m)
{
	const char *qt = dns_qtype_name(m->qtype);
	char qtbuf[16];
	if (qt == NULL) {
		fmt_format(qtbuf, sizeof(qtbuf), "TYPE%u", (unsigned)m->qtype);
		qt = qtbuf;
	}
	if (!m->response) {
		sb_printf(s, "DNS query %u: %s %s?", (unsigned)m->trans_id,
			  m->has_query ? m->query : "(no question)", qt);
		return;
	}
	const char *rc = dns_rcode_name(m->rcode);
	sb_printf(s, "DNS answer %u for %s %s: ", (unsigned)m->trans_id,
		  m->has_query ? m->query : "(no question)", qt);
	if (m->rcode != 0) {
		sb_str(s, rc != NULL ? rc : "error");
	} else if (m->answers_total == 0) {
		sb_lit(s, "no records");
	} else {
		for (unsigned i = 0; i < m->nanswers; i++) {
			const struct tv_dns_answer *an = &m->answers[i];
			char v[64];
			if (i > 0)
				sb_lit(s, ", ");
			if (an->has_addr)
				sb_put(s, v, fmt_addr(v, sizeof(v), &an->addr));
			else if (an->data[0] != '\0')
				sb_str(s, an->data);
			else
				sb_str(s, dns_qtype_name(an->type) ? dns_qtype_name(an->type) : "record");
			sb_printf(s, " (TTL %" PRIu32 ")", an->ttl);
		}
		if (m->answers_total > m->nanswers)
			sb_printf(s, " and %u more", (unsigned)(m->answers_total - m->nanswers));
	}
	if (m->rtt_ns >= 0) {
		sb_lit(s, ", ");
		sb_dur(s, m->rtt_ns);
		sb_lit(s, " after the query");
	}
	if (m->problem != NULL)
		sb_printf(s, " (%s)", m->problem);
}

static const char *proto_words(enum tv_app_proto p)
{
	switch (p) {
	case AP_HTTP: return "HTTP";
	case AP_WEBSOCKET: return "WebSocket";
	case AP_HTTP2: return "HTTP/2";
	case AP_TLS: return "TLS";
	case AP_DNS: return "DNS";
	default: return "bytes";
	}
}

size_t narrate_app(const struct tv_app *a, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
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
		sb_printf(&s, "%s's records are encrypted from here on", side(a->dir));
		break;
	case AK_DNS:
		say_dns(&s, &a->u.dns);
		break;
	case AK_STOP:
		sb_printf(&s, "tcpview stops reading the %s's %s: %s", side(a->dir),
			  proto_words(a->u.stop.proto), a->u.stop.why);
		break;
	case AK_RESET:
		sb_printf(&s, "the server had answered%s and then closed without reading the whole "
			  "request (RFC 9112 9.6 allows the close), so its kernel reset the "
			  "connection instead of ending it with FIN; a client that had not read the "
			  "response yet loses it",
			  a->u.reset.asked_close ? " with Connection: close" : "");
		break;
	case AK_WS_END:
		say_ws_end(&s, a->dir, &a->u.ws_end);
		break;
	case AK_COUNT:
		break;
	}
	return s.len;
}
