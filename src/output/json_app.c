/*
 * json_app.c - application records as JSON objects (SPEC §5, §9).
 *
 * One object per record, with "proto", "kind", "frame", "dir", then the
 * protocol's members named as the tools people already query name them:
 * Zeek's http.log and dns.log, Wireshark's http2 and websocket fields
 * (frame types, flags, settings and error codes by their RFC names), and
 * a "text" member with the sentence the story prints.  Absent facts are
 * omitted.  Written through the streaming writer; the caller's buffer
 * holds the largest record (an HTTP/2 header block, escaped).
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "json_app.h"
#include "tcpview/app/dns.h"
#include "tcpview/app/h2.h"
#include "tcpview/app/tls.h"
#include "tcpview/app/ws.h"
#include "tcpview/say/narrate.h"
#include "tcpview/tcp/names.h"
#include "tcpview/util/fmt.h"

JSONW_KEYED void key_u64(struct jsonw *w, const char *k, uint64_t v)
{
	jsonw_key(w, k);
	jsonw_u64(w, v);
}

JSONW_KEYED void key_i64(struct jsonw *w, const char *k, int64_t v)
{
	char b[24];
	jsonw_key(w, k);
	jsonw_raw(w, b, fmt_format(b, sizeof(b), "%" PRId64, v));
}

JSONW_KEYED void key_str(struct jsonw *w, const char *k, const char *v)
{
	jsonw_key(w, k);
	jsonw_cstring(w, v);
}

JSONW_KEYED void key_true(struct jsonw *w, const char *k, bool v)
{
	if (!v)
		return;
	jsonw_key(w, k);
	jsonw_bool(w, true);
}

JSONW_KEYED void key_bool(struct jsonw *w, const char *k, bool v)
{
	jsonw_key(w, k);
	jsonw_bool(w, v);
}

JSONW_KEYED void key_secs(struct jsonw *w, const char *k, int64_t ns, int digits)
{
	char b[48];
	jsonw_key(w, k);
	jsonw_raw(w, b, fmt_seconds(b, sizeof(b), ns, digits));
}

/* A string member only when it is not empty. */
JSONW_KEYED void key_text(struct jsonw *w, const char *k, const char *v)
{
	if (v[0] != '\0')
		key_str(w, k, v);
}

/* ---- HTTP/1.x: Zeek http.log names ------------------------------------- */

static void http_members(struct jsonw *w, const struct tv_app *a, int digits)
{
	const struct tv_app_http *h = &a->u.http;
	bool resp = a->kind == AK_HTTP_RESPONSE;
	if (h->trans_depth > 0)
		key_u64(w, "trans_depth", h->trans_depth);
	key_text(w, "method", h->method);
	key_text(w, "host", h->host);
	key_text(w, "uri", h->uri);
	key_true(w, "uri_cut", h->uri_cut);
	key_text(w, "version", h->version);
	key_text(w, "user_agent", h->user_agent);
	if (resp && h->status_code != 0) {	/* none in HTTP/0.9 */
		key_u64(w, "status_code", h->status_code);
		key_str(w, "status_msg", h->status_msg);
	}
	key_text(w, "content_type", h->content_type);
	if (h->trans_depth > 0)
		key_u64(w, "request_body_len", h->request_body_len);
	if (resp && !h->head_cut)
		key_u64(w, "response_body_len", h->response_body_len);
	if (h->request_frame != 0)
		key_u64(w, "request_frame", h->request_frame);
	if (h->response_frame != 0)
		key_u64(w, "response_frame", h->response_frame);
	if (h->ttfb_ns >= 0)
		key_secs(w, "ttfb", h->ttfb_ns, digits);
	if (h->idle_ns >= 0)
		key_secs(w, "idle", h->idle_ns, digits);
	key_true(w, "interim", h->interim);
	key_true(w, "pipelined", h->pipelined);
	key_true(w, "chunked", h->chunked);
	if (h->trailers > 0)
		key_u64(w, "trailers", h->trailers);
	key_true(w, "until_close", h->until_close);
	key_true(w, "incomplete", h->incomplete);
	key_true(w, "head_cut", h->head_cut);
	key_true(w, "no_request", h->no_request);
	key_true(w, "connection_close", h->asks_close);
	key_true(w, "upgrade", h->upgrade_offered);
	key_true(w, "answered_early", h->answered_early);
	if (h->body_missing > 0)
		key_u64(w, "body_missing", h->body_missing);
	if (h->preview_len > 0) {
		jsonw_key(w, "body");
		jsonw_string(w, h->preview, h->preview_len);
		key_true(w, "body_cut", h->preview_cut);
	}
}

/* ---- WebSocket: Wireshark's websocket fields ----------------------------- */

static void ws_members(struct jsonw *w, const struct tv_app_ws *x, int digits)
{
	const struct ws_frame *f = &x->f;
	const char *op = ws_opcode_name(f->opcode);
	if (op != NULL)
		key_str(w, "opcode", op);
	else
		key_u64(w, "opcode", f->opcode);
	key_bool(w, "fin", f->fin);
	key_bool(w, "masked", f->masked);
	key_u64(w, "len", f->payload_len);
	if (f->rsv != 0)
		key_u64(w, "rsv", f->rsv);
	if (f->text_utf8 && f->preview_len > 0) {
		/* Wireshark's websocket.payload.text; "text" is the sentence. */
		jsonw_key(w, "payload_text");
		jsonw_string(w, (const char *)f->preview, f->preview_len);
		key_true(w, "payload_cut", f->preview_cut);
	}
	if (f->has_close_code) {
		key_u64(w, "close_code", f->close_code);
		const char *m = ws_close_code_name(f->close_code);
		if (m != NULL)
			key_str(w, "close_meaning", m);
	}
	if (f->opcode == WS_OP_CLOSE && f->close_reason_len > 0) {
		jsonw_key(w, "close_reason");
		jsonw_string(w, f->close_reason, f->close_reason_len);
	}
	if (f->message_opcode != 0 && (!f->fin || f->opcode == WS_OP_CONTINUATION)) {
		key_str(w, "message_opcode", ws_opcode_name(f->message_opcode));
		key_u64(w, "message_frames", f->message_frames);
		key_u64(w, "message_len", f->message_len);
		key_true(w, "message_end", f->message_end);
	}
	if (x->pong_ns >= 0) {
		key_secs(w, "ping_rtt", x->pong_ns, digits);
		key_u64(w, "ping_frame", x->ping_frame);
	}
	if (x->close_reply) {
		key_true(w, "close_reply", true);
		key_secs(w, "close_handshake", x->close_reply_ns, digits);
	}
	if (f->missing > 0)
		key_u64(w, "missing", f->missing);
	key_true(w, "incomplete", f->incomplete);
	if (f->problem != NULL)
		key_str(w, "problem", f->problem);
}

/* ---- HTTP/2: Wireshark's http2 names ------------------------------------ */

static void h2_block_members(struct jsonw *w, const struct h2_header_block *b)
{
	key_bool(w, "headers_decoded", b->decoded);
	if (!b->decoded)
		return;
	jsonw_key(w, "headers");
	jsonw_array_begin(w);
	for (unsigned i = 0; i < b->kept; i++) {
		const struct h2_field *fl = &b->fields[i];
		jsonw_object_begin(w);
		jsonw_key(w, "name");
		jsonw_string(w, fl->name, fl->name_len);
		jsonw_key(w, "value");
		jsonw_string(w, fl->value, fl->value_len);
		key_true(w, "cut", fl->name_cut || fl->value_cut);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	if (b->nfields > b->kept)
		key_u64(w, "headers_total", b->nfields);
}

static void error_member(struct jsonw *w, const char *k, uint32_t code)
{
	const char *e = h2_error_name(code);
	if (e != NULL)
		key_str(w, k, e);
	else
		key_u64(w, k, code);
}

static void h2_type_members(struct jsonw *w, const struct tv_app_h2 *x)
{
	const struct h2_frame *f = &x->f;
	switch (f->type) {
	case H2_DATA:
		key_u64(w, "data_len", f->u.data.data_len);
		if (f->u.data.padded)
			key_u64(w, "pad_len", f->u.data.pad_len);
		key_i64(w, "conn_window_before", f->u.data.conn_window_before);
		key_i64(w, "conn_window_after", f->u.data.conn_window_after);
		if (f->u.data.stream_window_known) {
			key_i64(w, "stream_window_before", f->u.data.stream_window_before);
			key_i64(w, "stream_window_after", f->u.data.stream_window_after);
		}
		key_true(w, "window_exceeded", f->u.data.window_exceeded);
		break;
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
	case H2_CONTINUATION:
		if (f->type == H2_PUSH_PROMISE)
			key_u64(w, "promised_stream", f->u.headers.promised_stream);
		if (x->has_block)
			h2_block_members(w, &x->block);
		break;
	case H2_RST_STREAM:
		error_member(w, "error", f->u.rst_stream.error_code);
		break;
	case H2_SETTINGS:
		jsonw_key(w, "settings");
		jsonw_array_begin(w);
		for (unsigned i = 0; i < f->u.settings.kept; i++) {
			const struct h2_setting *e = &f->u.settings.entries[i];
			const char *n = h2_settings_name(e->id);
			jsonw_object_begin(w);
			if (n != NULL)
				key_str(w, "name", n);
			else
				key_u64(w, "id", e->id);
			key_u64(w, "value", e->value);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
		break;
	case H2_GOAWAY:
		key_u64(w, "last_stream", f->u.goaway.last_stream_id);
		error_member(w, "error", f->u.goaway.error_code);
		if (f->u.goaway.debug_kept > 0) {
			jsonw_key(w, "debug");
			jsonw_string(w, (const char *)f->u.goaway.debug, f->u.goaway.debug_kept);
		}
		break;
	case H2_WINDOW_UPDATE:
		key_u64(w, "increment", f->u.window_update.increment);
		if (f->u.window_update.window_known) {
			key_i64(w, "window_before", f->u.window_update.window_before);
			key_i64(w, "window_after", f->u.window_update.window_after);
		}
		break;
	default:
		break;
	}
}

static void h2_members(struct jsonw *w, const struct tv_app_h2 *x)
{
	const struct h2_frame *f = &x->f;
	const char *t = h2_frame_type_name(f->type);
	if (t != NULL)
		key_str(w, "type", t);
	else
		key_u64(w, "type", f->type);
	key_u64(w, "stream", f->stream_id);
	key_u64(w, "length", f->length);
	const char *names[8];
	size_t n = h2_flag_names(f->type, f->flags, names, 8);
	jsonw_key(w, "flags");
	jsonw_array_begin(w);
	for (size_t i = 0; i < n && i < 8; i++)
		jsonw_cstring(w, names[i]);
	jsonw_array_end(w);
	h2_type_members(w, x);
	if (f->missing > 0)
		key_u64(w, "missing", f->missing);
	if (f->problem != NULL)
		key_str(w, "problem", f->problem);
}

static void h2_stream_members(struct jsonw *w, const struct tv_app_h2_stream *x, int digits)
{
	const struct h2_stream_info *s = &x->s;
	key_u64(w, "stream", s->id);
	key_text(w, "method", s->method);
	key_text(w, "path", s->path);
	key_text(w, "authority", s->authority);
	if (s->status != 0)
		key_u64(w, "status", s->status);
	key_u64(w, "request_data", s->request_data);
	key_u64(w, "response_data", s->response_data);
	if (x->request_frame != 0)
		key_u64(w, "request_frame", x->request_frame);
	if (x->response_frame != 0)
		key_u64(w, "response_frame", x->response_frame);
	if (x->ttfb_ns >= 0)
		key_secs(w, "ttfb", x->ttfb_ns, digits);
	key_true(w, "pushed", s->pushed);
	if (s->reset) {
		key_str(w, "reset_by", s->reset_dir == H2_CLIENT ? "client" : "server");
		error_member(w, "error", s->reset_error);
	}
	key_true(w, "open_at_end", s->open_at_end);
}

/* ---- TLS: Zeek ssl.log's spirit, SPEC §9's names ------------------------- */

static void version_member(struct jsonw *w, const char *k, uint16_t v)
{
	const char *n = tls_version_name(v);
	if (n != NULL) {
		key_str(w, k, n);
	} else {
		char b[8];
		fmt_format(b, sizeof(b), "0x%04x", (unsigned)v);
		key_str(w, k, b);
	}
}

static void client_hello_members(struct jsonw *w, const struct tls_client_hello *ch)
{
	version_member(w, "version", ch->legacy_version);
	if (ch->has_sni) {
		jsonw_key(w, "sni");
		jsonw_string(w, ch->sni, ch->sni_len < TLS_SNI_MAX ? ch->sni_len : TLS_SNI_MAX);
	}
	if (ch->has_alpn) {
		jsonw_key(w, "alpn_offered");
		jsonw_array_begin(w);
		for (unsigned i = 0; i < ch->alpn_kept; i++)
			jsonw_string(w, ch->alpn[i].name, ch->alpn[i].len);
		jsonw_array_end(w);
	}
	if (ch->has_versions) {
		jsonw_key(w, "supported_versions");
		jsonw_array_begin(w);
		for (unsigned i = 0; i < ch->versions_kept; i++) {
			const char *n = tls_version_name(ch->versions[i]);
			if (n != NULL)
				jsonw_cstring(w, n);
			else
				jsonw_u64(w, ch->versions[i]);
		}
		jsonw_array_end(w);
	}
	key_u64(w, "cipher_suites", ch->cipher_count);
}

static void server_hello_members(struct jsonw *w, const struct tls_server_hello *sh)
{
	version_member(w, "version", sh->version);
	const char *c = tls_cipher_name(sh->cipher);
	if (c != NULL) {
		key_str(w, "cipher", c);
	} else {
		char b[8];
		fmt_format(b, sizeof(b), "0x%04x", (unsigned)sh->cipher);
		key_str(w, "cipher", b);
	}
	if (sh->has_alpn) {
		jsonw_key(w, "alpn");
		jsonw_string(w, sh->alpn.name, sh->alpn.len);
	}
	key_true(w, "hello_retry", sh->hello_retry);
}

static void alert_members(struct jsonw *w, const struct tv_app_tls_alert *a)
{
	if (a->encrypted) {
		key_true(w, "encrypted", true);
		return;
	}
	const char *lv = tls_alert_level_name(a->level);
	const char *d = tls_alert_name(a->description);
	if (lv != NULL)
		key_str(w, "level", lv);
	else
		key_u64(w, "level", a->level);
	if (d != NULL)
		key_str(w, "description", d);
	else
		key_u64(w, "description", a->description);
}

/* ---- DNS: Zeek dns.log names ---------------------------------------------- */

static void dns_members(struct jsonw *w, const struct tv_app_dns *m, int digits)
{
	char b[64];
	key_u64(w, "trans_id", m->trans_id);
	key_bool(w, "response", m->response);
	key_str(w, "transport", m->tcp ? "tcp" : "udp");
	if (m->has_query) {
		key_str(w, "query", m->query);
		key_u64(w, "qtype", m->qtype);
		const char *qt = dns_qtype_name(m->qtype);
		if (qt != NULL)
			key_str(w, "qtype_name", qt);
	}
	if (m->response) {
		key_u64(w, "rcode", m->rcode);
		const char *rc = dns_rcode_name(m->rcode);
		if (rc != NULL)
			key_str(w, "rcode_name", rc);
		key_bool(w, "AA", m->aa);
		key_bool(w, "TC", m->tc);
		key_bool(w, "RA", m->ra);
	}
	key_bool(w, "RD", m->rd);
	if (m->response && m->nanswers > 0) {
		jsonw_key(w, "answers");
		jsonw_array_begin(w);
		for (unsigned i = 0; i < m->nanswers; i++) {
			const struct tv_dns_answer *an = &m->answers[i];
			if (an->has_addr)
				jsonw_string(w, b, fmt_addr(b, sizeof(b), &an->addr));
			else
				jsonw_cstring(w, an->data);
		}
		jsonw_array_end(w);
		jsonw_key(w, "TTLs");
		jsonw_array_begin(w);
		for (unsigned i = 0; i < m->nanswers; i++)
			jsonw_u64(w, m->answers[i].ttl);
		jsonw_array_end(w);
	}
	if (m->rtt_ns >= 0)
		key_secs(w, "rtt", m->rtt_ns, digits);
	if (m->problem != NULL)
		key_str(w, "problem", m->problem);
	if (!m->tcp) {
		jsonw_key(w, "client");
		jsonw_object_begin(w);
		jsonw_key(w, "addr");
		jsonw_string(w, b, fmt_addr(b, sizeof(b), &m->client.addr));
		key_u64(w, "port", m->client.port);
		jsonw_object_end(w);
		jsonw_key(w, "server");
		jsonw_object_begin(w);
		jsonw_key(w, "addr");
		jsonw_string(w, b, fmt_addr(b, sizeof(b), &m->server.addr));
		key_u64(w, "port", m->server.port);
		jsonw_object_end(w);
	}
}

void json_app_members(struct jsonw *w, const struct tv_app *a)
{
	int digits = a->ts_digits == 9 ? 9 : 6;
	key_str(w, "proto", app_proto_name(a->proto));
	key_str(w, "kind", app_kind_name(a->kind));
	key_u64(w, "frame", a->frame);
	key_str(w, "dir", a->dir == DIR_C2S ? "c2s" : "s2c");
	switch (a->kind) {
	case AK_HTTP_REQUEST:
	case AK_HTTP_RESPONSE:
		http_members(w, a, digits);
		break;
	case AK_WS_FRAME:
		ws_members(w, &a->u.ws, digits);
		break;
	case AK_H2_FRAME:
		h2_members(w, &a->u.h2);
		break;
	case AK_H2_STREAM:
		h2_stream_members(w, &a->u.h2s, digits);
		break;
	case AK_TLS_CLIENT_HELLO:
		client_hello_members(w, &a->u.ch);
		break;
	case AK_TLS_SERVER_HELLO:
		server_hello_members(w, &a->u.sh);
		break;
	case AK_TLS_ALERT:
		alert_members(w, &a->u.alert);
		break;
	case AK_DNS:
		dns_members(w, &a->u.dns, digits);
		break;
	case AK_SWITCH:
		key_str(w, "from", app_proto_name(a->u.sw.from));
		key_str(w, "to", app_proto_name(a->u.sw.to));
		key_u64(w, "status", a->u.sw.status);
		if (a->u.sw.has_accept)
			key_bool(w, "accept_ok", a->u.sw.accept_ok);
		break;
	case AK_STOP:
		key_str(w, "why", a->u.stop.why);
		break;
	case AK_WS_END:
		key_bool(w, "sent_close", a->u.ws_end.sent_close);
		key_bool(w, "got_close", a->u.ws_end.got_close);
		key_bool(w, "first", a->u.ws_end.first);
		break;
	case AK_RESET:
		key_u64(w, "responses", a->u.reset.responses);
		key_u64(w, "response_frame", a->u.reset.response_frame);
		key_true(w, "connection_close", a->u.reset.asked_close);
		key_str(w, "reason", "answered_with_request_unread");
		break;
	default:
		break;
	}
	char words[NARRATE_MAX];
	size_t n = narrate_app(a, words, sizeof(words));
	jsonw_key(w, "text");
	jsonw_string(w, words, n);
}
