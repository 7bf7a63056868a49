/*
 * dissect.c - HTTP/1.x in the application layer: transactions from the two parsers.
 *
 * One request parser reads the client's bytes, one response parser the
 * server's (http.h).  Each request is queued as it starts, so that its
 * response, which may begin before the request ends (100-continue, or a
 * server that answers early), pairs with it; responses answer requests in
 * order (RFC 9112 §9.3.2, pipelining).  The records follow Zeek's
 * http.log: a request record when a request ends, a transaction record
 * when its final response ends, an interim record for each 1xx.  A 101 or
 * a 2xx to CONNECT changes the connection's protocol (RFC 9110 §7.8,
 * §9.3.6): the client's bytes sent after such a request wait here until
 * the answer says where they go.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../layer_int.h"
#include "tcpview/app/http.h"
#include "tcpview/app/ws.h"
#include "tcpview/util/nls.h"

/* Requests whose details are kept while they wait for an answer; later
 * ones are paired by method only (the parser's own queue). */
#define HTTP_SLOTS 4
/* Client bytes held while an upgrade or CONNECT waits for its answer. */
#define HTTP_WAIT_MAX (64u * 1024)

struct req_slot {
	uint32_t depth;
	char method[TV_HTTP_METHOD_MAX + 1];
	char uri[TV_HTTP_URI_MAX + 1];
	char host[TV_HTTP_HOST_MAX + 1];
	char user_agent[TV_HTTP_UA_MAX + 1];
	char ws_key[HTTP_WS_KEY_MAX + 1];
	char version[4];
	bool uri_cut, ended, upgrade;
	uint64_t body_len, frame;
	struct tv_time end_ts;
};

/*
 * The state, small members first: http_start() zeroes them and leaves the
 * large buffers after `req` to be written before they are read (a
 * connection's first bytes should not cost a memset of all of it).
 */
/* A reset within a second of the last response's end follows it. */
#define ANSWER_RESET_NS 1000000000LL

struct http_dis {
	struct app_conn *c;
	uint32_t depth;			/* requests started */
	uint8_t qfirst, qlen;		/* q: waiting for answers, oldest first */
	uint64_t unkept;		/* requests queued without their details */
	bool cur_kept;			/* the request being read has a slot */
	bool resp_idle;			/* between responses: the next byte starts one */
	struct tv_time resp_first_ts;
	struct tv_time last_resp_end;
	bool any_resp;
	uint32_t responses;		/* final responses */
	uint64_t last_resp_frame;
	bool last_asked_close;
	/* Each side's body being read, previewed while it is text. */
	struct body_preview {
		bool off, cut;
		uint8_t len;
		char text[TV_HTTP_PREVIEW_MAX];
	} pv[2];
	/* A change of protocol the response parser asked for. */
	bool switching;
	char switch_to[HTTP_UPGRADE_MAX + 1];
	char switch_accept[HTTP_WS_KEY_MAX + 1];
	uint16_t switch_status;
	uint8_t *wait;			/* client bytes after a request that waits */
	size_t wait_len;
	/* A gap broke a side's framing: it waits for a message start. */
	bool in_gap, lost[2];
	struct req_slot answered;	/* the request the last final response answered */
	/* Not zeroed: the parsers initialise themselves, the rest is
	 * written before it is read. */
	struct http_parser req, resp;
	struct req_slot q[HTTP_SLOTS];
	struct req_slot scratch;	/* a request without a slot is read here */
	struct tv_app_http req_rec;	/* the request being read, as recorded */
	struct tv_app_http head;	/* the response being read: its head's fields */
};

static struct req_slot *cur_req(struct http_dis *st)
{
	if (!st->cur_kept)
		return &st->scratch;
	return &st->q[(st->qfirst + st->qlen - 1) % HTTP_SLOTS];
}

/* ---- bodies --------------------------------------------------------------- */

/* Keeps a body's first bytes while they are text. */
static void preview(struct body_preview *pv, uint64_t n, const uint8_t *data)
{
	if (pv->off)
		return;
	if (data == NULL) {
		pv->off = true;	/* lost in a gap */
		return;
	}
	for (uint64_t i = 0; i < n; i++) {
		uint8_t ch = data[i];
		if ((ch < 0x20 || ch > 0x7e) && ch != '\t' && ch != '\r' && ch != '\n') {
			pv->off = true;
			return;
		}
		if (pv->len == TV_HTTP_PREVIEW_MAX) {
			pv->cut = true;
			return;
		}
		pv->text[pv->len++] = (char)ch;
	}
}

static void req_body(void *ctx, uint64_t n, bool missing, const uint8_t *data)
{
	struct http_dis *st = ctx;
	preview(&st->pv[DIR_C2S], n, missing ? NULL : data);
}

static void resp_body(void *ctx, uint64_t n, bool missing, const uint8_t *data)
{
	struct http_dis *st = ctx;
	preview(&st->pv[DIR_S2C], n, missing ? NULL : data);
}

/* The preview goes to the message's record and starts over. */
static void take_preview(struct body_preview *pv, struct tv_app_http *t)
{
	t->preview_len = 0;
	t->preview_cut = false;
	if (!pv->off) {
		memcpy(t->preview, pv->text, pv->len);
		t->preview_len = pv->len;
		t->preview_cut = pv->cut;
	}
	t->preview[t->preview_len] = '\0';
	memset(pv, 0, sizeof(*pv));
}

/* ---- requests ------------------------------------------------------------ */

static void req_head(void *ctx, const struct http_head *h)
{
	struct http_dis *st = ctx;
	if (h->version_major == 0)
		http_parser_expect_simple(&st->resp);	/* HTTP/0.9 */
	else
		http_parser_expect(&st->resp, h->method);
	st->cur_kept = st->qlen < HTTP_SLOTS && st->unkept == 0;
	if (st->cur_kept)
		st->qlen++;
	else
		st->unkept++;
	struct req_slot *r = cur_req(st);
	memset(r, 0, sizeof(*r));
	r->depth = ++st->depth;
	app_copy(r->method, TV_HTTP_METHOD_MAX, h->method);
	r->uri_cut = app_copy(r->uri, TV_HTTP_URI_MAX, h->target) || h->target_cut;
	app_copy(r->host, TV_HTTP_HOST_MAX, h->host);
	app_copy(r->user_agent, TV_HTTP_UA_MAX, h->user_agent);
	app_copy(r->ws_key, HTTP_WS_KEY_MAX, h->ws_key);
	r->version[0] = (char)('0' + h->version_major % 10);
	r->version[1] = '.';
	r->version[2] = (char)('0' + h->version_minor % 10);
	r->upgrade = (h->present & HTTP_HAVE_UPGRADE) != 0;

	/* The record is handed on at the request's end. */
	struct tv_app_http *t = &st->req_rec;
	memset(t, 0, sizeof(*t));
	t->trans_depth = r->depth;
	memcpy(t->method, r->method, sizeof(t->method));
	memcpy(t->uri, r->uri, sizeof(t->uri));
	memcpy(t->host, r->host, sizeof(t->host));
	memcpy(t->user_agent, r->user_agent, sizeof(t->user_agent));
	memcpy(t->version, r->version, sizeof(t->version));
	t->uri_cut = r->uri_cut;
	app_copy(t->content_type, TV_HTTP_TYPE_MAX, h->content_type);
	t->asks_close = h->conn_close;
	t->upgrade_offered = r->upgrade;
	t->ttfb_ns = -1;
	t->pipelined = st->qlen + st->unkept > 1;
	t->idle_ns = st->any_resp && r->depth > 1
		     ? tv_time_diff_ns(st->last_resp_end, st->c->ts) : -1;
}

static void req_end(void *ctx, const struct http_end *e)
{
	struct http_dis *st = ctx;
	struct req_slot *r = cur_req(st);
	r->ended = true;
	r->body_len = e->body_len;
	r->frame = st->c->frame;
	r->end_ts = st->c->ts;
	struct tv_app a;
	a.proto = AP_HTTP;
	a.kind = AK_HTTP_REQUEST;
	a.u.http = st->req_rec;
	a.u.http.request_body_len = e->body_len;
	a.u.http.body_missing = e->body_missing;
	a.u.http.chunked = e->chunked;
	a.u.http.trailers = e->trailers;
	a.u.http.incomplete = e->incomplete;
	a.u.http.request_frame = r->frame;
	take_preview(&st->pv[DIR_C2S], &a.u.http);
	app_emit(st->c, DIR_C2S, &a);
}

/* Not HTTP, or broken: the side is no longer read.  A gap only loses
 * the framing, which a later message start can give back. */
static void req_error(void *ctx, const char *why)
{
	struct http_dis *st = ctx;
	if (st->in_gap)
		st->lost[DIR_C2S] = true;
	else
		app_stop(st->c, DIR_C2S, why);
}

static const struct http_callbacks req_cb = {
	.on_head = req_head,
	.on_body = req_body,
	.on_end = req_end,
	.on_error = req_error,
};

/* ---- responses ----------------------------------------------------------- */

static void resp_head(void *ctx, const struct http_head *h)
{
	struct http_dis *st = ctx;
	struct tv_app_http *t = &st->head;
	memset(t, 0, sizeof(*t));
	t->status_code = h->status;
	app_copy(t->status_msg, TV_HTTP_MSG_MAX, h->reason);
	app_copy(t->content_type, TV_HTTP_TYPE_MAX, h->content_type);
	t->version[0] = (char)('0' + h->version_major % 10);
	t->version[1] = '.';
	t->version[2] = (char)('0' + h->version_minor % 10);
	t->asks_close = h->conn_close;
	memcpy(st->switch_accept, h->ws_accept, sizeof(st->switch_accept));
	t->idle_ns = -1;
	t->interim = h->status >= 100 && h->status < 200 && h->status != 101;
	t->no_request = h->answers_assumed && st->qlen == 0 && st->unkept == 0;
	t->ttfb_ns = -1;
	if (st->qlen > 0) {
		const struct req_slot *r = &st->q[st->qfirst];
		t->trans_depth = r->depth;
		memcpy(t->method, r->method, sizeof(t->method));
		memcpy(t->uri, r->uri, sizeof(t->uri));
		memcpy(t->host, r->host, sizeof(t->host));
		memcpy(t->user_agent, r->user_agent, sizeof(t->user_agent));
		t->uri_cut = r->uri_cut;
		t->request_body_len = r->body_len;
		t->request_frame = r->frame;
		/* SPEC §9: from the request's last byte to the response's
		 * first; a response that began earlier answered early. */
		if (r->ended)
			t->ttfb_ns = tv_time_diff_ns(r->end_ts, st->resp_first_ts);
		else
			t->answered_early = !t->interim;
	}
}

/* The answered request leaves the queue (not for a 1xx). */
static void pop_request(struct http_dis *st)
{
	if (st->qlen > 0) {
		st->answered = st->q[st->qfirst];
		st->qfirst = (uint8_t)((st->qfirst + 1) % HTTP_SLOTS);
		st->qlen--;
	} else if (st->unkept > 0) {
		st->unkept--;
	}
}

static void resp_end(void *ctx, const struct http_end *e)
{
	struct http_dis *st = ctx;
	struct tv_app a;
	a.proto = AP_HTTP;
	a.kind = AK_HTTP_RESPONSE;
	a.u.http = st->head;
	struct tv_app_http *t = &a.u.http;
	t->response_body_len = e->body_len;
	t->body_missing = e->body_missing;
	t->chunked = e->chunked;
	t->trailers = e->trailers;
	t->until_close = e->until_close;
	t->incomplete = e->incomplete;
	t->response_frame = st->c->frame;
	take_preview(&st->pv[DIR_S2C], t);
	st->resp_idle = true;
	if (!t->interim) {
		pop_request(st);
		st->last_resp_end = st->c->ts;
		st->any_resp = true;
		st->responses++;
		st->last_resp_frame = st->c->frame;
		st->last_asked_close = t->asks_close;
	}
	app_emit(st->c, DIR_S2C, &a);
}

static void resp_switch(void *ctx, const char *protocol)
{
	struct http_dis *st = ctx;
	/* Copied: the parser's head is reused once on_switch returns. */
	st->switching = true;
	app_copy(st->switch_to, HTTP_UPGRADE_MAX, protocol);
	st->switch_status = st->head.status_code;
}

static void resp_error(void *ctx, const char *why)
{
	struct http_dis *st = ctx;
	if (st->in_gap)
		st->lost[DIR_S2C] = true;
	else
		app_stop(st->c, DIR_S2C, why);
}

static const struct http_callbacks resp_cb = {
	.on_head = resp_head,
	.on_body = resp_body,
	.on_end = resp_end,
	.on_switch = resp_switch,
	.on_error = resp_error,
};

/* ---- the dissector ---------------------------------------------------------- */

static bool http_start(struct app_conn *c)
{
	struct http_dis *st = c->state;
	memset(st, 0, offsetof(struct http_dis, req));
	st->c = c;
	http_parser_init(&st->req, HTTP_REQUESTS);
	http_parser_init(&st->resp, HTTP_RESPONSES);
	st->resp_idle = true;
	return true;
}

static void hold_client_bytes(struct http_dis *st, const uint8_t *data, size_t len)
{
	if (len == 0)
		return;
	if (st->wait_len + len > HTTP_WAIT_MAX) {
		app_stop(st->c, DIR_C2S, N_("too many bytes sent before the answer to an upgrade"));
		return;
	}
	uint8_t *b = realloc(st->wait, st->wait_len + len);
	if (b == NULL) {
		app_stop(st->c, DIR_C2S, N_("out of memory"));
		return;
	}
	memcpy(b + st->wait_len, data, len);
	st->wait = b;
	st->wait_len += len;
}

static void feed_requests(struct http_dis *st, const uint8_t *data, size_t len)
{
	if (http_parser_state(&st->req) == HTTP_WAITING) {
		hold_client_bytes(st, data, len);
		return;
	}
	size_t used = http_parser_feed(&st->req, data, len, &req_cb, st);
	if (used < len && http_parser_state(&st->req) == HTTP_WAITING)
		hold_client_bytes(st, data + used, len - used);
}

/* The WebSocket accept key answers the request's key (RFC 6455 §4.2.2). */
static void check_accept(const struct http_dis *st, const char *accept,
			 struct tv_app_switch *sw)
{
	const struct req_slot *r = &st->answered;
	sw->has_accept = accept[0] != '\0' && r->ws_key[0] != '\0';
	if (sw->has_accept)
		sw->accept_ok = ws_accept_ok(r->ws_key, strlen(r->ws_key), accept, strlen(accept));
}

/*
 * The response switched the protocol: the new dissector takes both
 * sides, the server's bytes after the response and the client's held
 * ones.  A tunnel (CONNECT) carries another connection's bytes, which are
 * probed afresh.
 */
static void do_switch(struct http_dis *st, const uint8_t *rest, size_t rest_len)
{
	struct app_conn *c = st->c;
	struct tv_app a;
	memset(&a.u.sw, 0, sizeof(a.u.sw));
	a.proto = AP_HTTP;
	a.kind = AK_SWITCH;
	a.u.sw.from = AP_HTTP;
	a.u.sw.status = st->switch_status;
	const struct app_dissector *to = NULL;
	if (strcmp(st->switch_to, "CONNECT") == 0) {
		a.u.sw.to = AP_TUNNEL;
	} else if (strcasecmp(st->switch_to, "websocket") == 0) {
		a.u.sw.to = AP_WEBSOCKET;
		to = &app_ws;
		check_accept(st, st->switch_accept, &a.u.sw);
	} else if (strcasecmp(st->switch_to, "h2c") == 0) {
		a.u.sw.to = AP_HTTP2;
		to = &app_h2;
	} else {
		a.u.sw.to = AP_NONE;
	}
	app_emit(c, DIR_S2C, &a);
	/* The upgraded request, for HTTP/2's stream 1 (RFC 7540 §3.2). */
	struct req_slot r = st->answered;
	uint8_t *held = st->wait;
	size_t held_len = st->wait_len;
	st->wait = NULL;
	if (to == NULL) {
		app_switch(c, NULL);
		c->decided = a.u.sw.to != AP_TUNNEL;
	} else if (app_switch(c, to)) {
		if (to == &app_h2)
			app_h2_upgraded(c, r.method, r.uri);
		if (held_len > 0)
			c->dis->bytes(c, DIR_C2S, held, held_len);
		if (rest_len > 0)
			c->dis->bytes(c, DIR_S2C, rest, rest_len);
	}
	free(held);
}

/*
 * A message whose head a gap cut (a snap length, loss): what its start
 * line and first fields said is recorded, marked head_cut, since the rest
 * of it (its length among them) is unknown.
 */
static void cut_head(struct http_dis *st, enum tv_dir d, const struct http_head *h)
{
	struct tv_app a;
	a.proto = AP_HTTP;
	if (d == DIR_C2S) {
		req_head(st, h);
		a.kind = AK_HTTP_REQUEST;
		a.u.http = st->req_rec;
		struct req_slot *r = cur_req(st);
		r->ended = true;
		r->frame = st->c->frame;
		r->end_ts = st->c->ts;
		a.u.http.request_frame = r->frame;
	} else {
		resp_head(st, h);
		a.kind = AK_HTTP_RESPONSE;
		a.u.http = st->head;
		a.u.http.response_frame = st->c->frame;
		st->resp_idle = true;
		if (!a.u.http.interim) {
			pop_request(st);
			st->responses++;
			st->last_resp_frame = st->c->frame;
		}
	}
	a.u.http.preview_len = 0;
	a.u.http.preview[0] = '\0';
	memset(&st->pv[d], 0, sizeof(st->pv[d]));
	a.u.http.incomplete = true;
	a.u.http.head_cut = true;
	app_emit(st->c, d, &a);
}

static void http_gap(struct app_conn *c, enum tv_dir d, uint64_t len)
{
	struct http_dis *st = c->state;
	struct http_parser *p = d == DIR_C2S ? &st->req : &st->resp;
	if (st->lost[d])
		return;
	const struct http_head *h = http_parser_partial(p);
	if (h != NULL)
		cut_head(st, d, h);
	st->in_gap = true;
	http_parser_gap(p, len, d == DIR_C2S ? &req_cb : &resp_cb, st);
	st->in_gap = false;
}

/* After a gap, a side's bytes are read again from a message start on
 * (RFC 9112 gives no other way back into the framing). */
static bool found_again(struct http_dis *st, enum tv_dir d, const uint8_t *data, size_t len)
{
	if (!st->lost[d])
		return true;
	if (!app_http_message_start(d, data, len))
		return false;
	st->lost[d] = false;
	http_parser_resync(d == DIR_C2S ? &st->req : &st->resp);
	if (d == DIR_S2C)
		st->resp_idle = true;
	return true;
}

static void http_bytes(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len)
{
	struct http_dis *st = c->state;
	if (!found_again(st, d, data, len))
		return;
	if (d == DIR_C2S) {
		feed_requests(st, data, len);
		return;
	}
	if (st->resp_idle && len > 0) {
		st->resp_first_ts = c->ts;
		st->resp_idle = false;
	}
	size_t used = http_parser_feed(&st->resp, data, len, &resp_cb, st);
	if (st->switching) {
		do_switch(st, data + used, len - used);
		return;	/* st is gone */
	}
	/* A final answer to an upgrade that did not switch: the client's
	 * held bytes are HTTP again. */
	if (http_parser_state(&st->req) == HTTP_WAITING && st->qlen == 0 && st->unkept == 0) {
		http_parser_resume(&st->req);
		uint8_t *held = st->wait;
		size_t held_len = st->wait_len;
		st->wait = NULL;
		st->wait_len = 0;
		feed_requests(st, held, held_len);
		free(held);
	}
}

static void http_eof(struct app_conn *c, enum tv_dir d)
{
	struct http_dis *st = c->state;
	if (d == DIR_C2S)
		http_parser_eof(&st->req, &req_cb, st);
	else
		http_parser_eof(&st->resp, &resp_cb, st);
}

/*
 * A server that resets after answering: SPEC §6 told in HTTP's terms
 * (seed 004, RFC 9112 §9.6).  Only when its last response was complete
 * and nothing followed it; a reset in the middle of a response is the
 * TCP story's to tell.
 */
static void http_reset(struct app_conn *c, enum tv_dir by)
{
	struct http_dis *st = c->state;
	/* Only a reset right after the answer says the server closed on a
	 * request it had not read (seed 004's Go server); one long after it
	 * is an idle connection dropped, which the diagnosis tells. */
	if (by != DIR_S2C || st->responses == 0 || !st->resp_idle ||
	    tv_time_diff_ns(st->last_resp_end, c->ts) > ANSWER_RESET_NS)
		return;
	struct tv_app a;
	a.proto = AP_HTTP;
	a.kind = AK_RESET;
	a.u.reset.responses = st->responses;
	a.u.reset.response_frame = st->last_resp_frame;
	a.u.reset.asked_close = st->last_asked_close;
	a.u.reset.after_response = true;
	app_emit(c, DIR_S2C, &a);
}

static void http_release(struct app_conn *c)
{
	struct http_dis *st = c->state;
	free(st->wait);
}

const struct app_dissector app_http = {
	.proto = AP_HTTP,
	.start = http_start,
	.bytes = http_bytes,
	.gap = http_gap,
	.eof = http_eof,
	.reset = http_reset,
	.release = http_release,
	.size = sizeof(struct http_dis),
};
