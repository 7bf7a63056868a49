/*
 * layer.c - the application layer's sink (see layer.h).
 *
 * The tracker hands a packet's event, then the in-order bytes that packet
 * made deliverable.  The layer holds a data packet's event until its
 * bytes have been seen (its quote may come from them), passes it on, and
 * then gives the bytes to the connection's dissector, whose records
 * follow the event (sink.h).  A side's end (FIN, RST) is told to the
 * dissector once that packet's bytes are read: at the next call of any
 * kind, which is where everything held is settled.
 *
 * The protocol is decided with a connection's first bytes (registry.c);
 * until then up to APP_PROBE_MAX bytes a side are kept.  A connection
 * whose protocol is not known gets the first line of each message quoted,
 * as before there were dissectors.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layer_int.h"
#include "tcpview/app/tls.h"
#include "tcpview/util/cursor.h"
#include "tcpview/util/idmap.h"

/* Quote bits of a connection with no dissector: side d starts a message next. */
#define MSG_START(d) ((uint8_t)(1u << (d)))

struct app_layer {
	struct tv_sink sink;
	struct tv_sink *next;
	struct idmap conns;		/* id → struct app_conn * */
	/* The event of the last packet, until its bytes are read. */
	bool held;
	struct tv_event ev;
	/* The last event's connection and frame: bytes delivered now belong
	 * to it. */
	uint64_t cur_conn, cur_frame;
	uint16_t cur_port[2];
	struct tv_time cur_ts;
	int cur_digits;
	/* The connection whose message start the held event quotes. */
	struct app_conn *quoted;
	/* A side's end to tell once the packet's bytes are read. */
	uint64_t eof_conn;
	uint8_t eof_mask;
	bool eof_reset;			/* by a RST from side eof_by */
	enum tv_dir eof_by;
	struct app_dns_state *dns;	/* dns/dissect.c, allocated at the first answer */
};

/* ---- helpers for the dissectors ---------------------------------------- */

bool app_copy(char *out, size_t max, const char *s)
{
	size_t n = strlen(s);
	bool cut = n > max;
	if (cut)
		n = max;
	memcpy(out, s, n);
	out[n] = '\0';
	return cut;
}

/*
 * Passes the held event on.  Its quote stays only where no dissector
 * tells the message: the protocol is not known, or its dissector stopped
 * reading that side (a capture cut by the snap length, say).
 */
static void pass_held(struct app_layer *l)
{
	if (!l->held)
		return;
	l->held = false;
	const struct app_conn *c = l->quoted;
	l->quoted = NULL;
	if (c != NULL && c->dis != NULL && !c->stopped[l->ev.dir])
		l->ev.quote_len = 0;
	l->next->ops->event(l->next, &l->ev);
}

void app_emit(struct app_conn *c, enum tv_dir d, struct tv_app *a)
{
	struct app_layer *l = c->layer;
	pass_held(l);
	a->conn = c->id;
	a->frame = c->frame;
	a->ts = c->ts;
	a->ts_digits = c->ts_digits;
	a->dir = d;
	if (l->next->ops->app != NULL)
		l->next->ops->app(l->next, a);
}

void app_stop(struct app_conn *c, enum tv_dir d, const char *why)
{
	if (c->stopped[d])
		return;
	c->stopped[d] = true;
	struct tv_app a;
	a.proto = c->dis != NULL ? c->dis->proto : AP_NONE;
	a.kind = AK_STOP;
	a.u.stop.proto = a.proto;
	a.u.stop.why = why;
	app_emit(c, d, &a);
}

static void release_state(struct app_conn *c)
{
	if (c->dis != NULL && c->state != NULL) {
		if (c->dis->release != NULL)
			c->dis->release(c);
		free(c->state);
	}
	c->state = NULL;
	c->dis = NULL;
}

static bool start(struct app_conn *c, const struct app_dissector *dis)
{
	c->dis = dis;
	c->state = malloc(dis->size);	/* dis->start() initialises it */
	if (c->state == NULL || !dis->start(c)) {
		free(c->state);
		c->state = NULL;
		c->dis = NULL;
		return false;
	}
	return true;
}

bool app_switch(struct app_conn *c, const struct app_dissector *to)
{
	release_state(c);
	c->dis = NULL;
	c->stopped[0] = c->stopped[1] = false;
	return to != NULL && start(c, to);
}

/* ---- the first line of a message, for a protocol not known ------------- */

/* The printable first line of `data`, or 0 when it is not text. */
static uint8_t first_line(const uint8_t *data, size_t len, char *out)
{
	struct cursor cur = cursor_make(data, len);
	uint8_t n = 0;
	while (n < TV_QUOTE_MAX && cursor_left(&cur) > 0) {
		uint8_t ch = cur_u8(&cur);
		if (ch == '\r' || ch == '\n')
			break;
		if (ch < 0x20 || ch > 0x7e)
			return 0;	/* binary: nothing to quote */
		out[n++] = (char)ch;
	}
	return n >= 3 ? n : 0;
}

/*
 * A message starts when a side sends bytes after the other side did (or
 * first): request, response, request...  The quote belongs to the event
 * of the frame whose bytes start it; bytes of a segment held out of order
 * come with a later packet's event and are not quoted there.
 */
static void quote(struct app_layer *l, struct app_conn *c, enum tv_dir d, uint64_t frame,
		  const uint8_t *data, size_t len, uint8_t *bits)
{
	if (!(*bits & MSG_START(d)))
		return;
	*bits = (uint8_t)((*bits & ~MSG_START(d)) | MSG_START(dir_other(d)));
	/* A text protocol that turns to TLS (STARTTLS in SMTP, IMAP, POP3,
	 * FTP's AUTH TLS, RFC 3207 §4): the handshake starts a message. */
	if (c->decided && c->dis == NULL && tls_looks_like(data, len)) {
		if (start(c, &app_tls))
			return;
	}
	if (l->held && l->ev.conn == c->id && l->ev.frame == frame && l->ev.dir == d) {
		l->ev.quote_len = first_line(data, len, l->ev.quote);
		l->quoted = c;
	}
}

/* ---- bytes -------------------------------------------------------------- */

static struct app_conn *conn_for(struct app_layer *l, uint64_t id)
{
	struct app_conn *c = idmap_get(&l->conns, id);
	if (c != NULL)
		return c;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->layer = l;
	c->id = id;
	c->frame = l->cur_frame;
	c->ts = l->cur_ts;
	c->ts_digits = l->cur_digits;
	/* The ports, for probing; the addresses are the connection's
	 * records' business. */
	c->end[DIR_C2S].port = l->cur_port[DIR_C2S];
	c->end[DIR_S2C].port = l->cur_port[DIR_S2C];
	c->quote = MSG_START(DIR_C2S) | MSG_START(DIR_S2C);
	if (!idmap_put(&l->conns, id, c)) {
		free(c);
		return NULL;
	}
	return c;
}

static void feed(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len)
{
	if (c->dis == NULL || c->stopped[d])
		return;
	if (data == NULL)
		c->dis->gap(c, d, len);
	else
		c->dis->bytes(c, d, data, len);
}

/*
 * Decides the protocol with the side's first bytes (kept up to
 * APP_PROBE_MAX while too few to tell), then reads the kept bytes and
 * these.  Returns true when the bytes were consumed here.
 */
static bool probe(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len)
{
	uint8_t *kept = c->probe[d];
	size_t have = c->probe_len[d];
	bool final = data == NULL || have + len >= APP_PROBE_MAX;
	if (data != NULL) {
		size_t take = len < APP_PROBE_MAX - have ? len : APP_PROBE_MAX - have;
		memcpy(kept + have, data, take);
		have += take;
	}
	bool wait;
	const struct app_dissector *dis = app_probe(c, d, kept, have, final, &wait);
	if (wait) {
		c->probe_len[d] = (uint8_t)have;
		return true;	/* too few bytes to tell: wait for more */
	}
	c->decided = true;
	if (dis != NULL && start(c, dis)) {
		/* The other side's kept bytes first: they came earlier. */
		enum tv_dir o = dir_other(d);
		if (c->probe_len[o] > 0)
			feed(c, o, c->probe[o], c->probe_len[o]);
		size_t old = c->probe_len[d];
		if (old > 0)
			feed(c, d, kept, old);
	}
	c->probe_len[0] = c->probe_len[1] = 0;
	return false;
}

/*
 * A sink after the layer that takes bytes too (--follow) gets them before
 * the records they complete: event, bytes, records, as sink.h orders
 * them.
 */
static void app_bytes(struct tv_sink *s, uint64_t conn, enum tv_dir d, uint64_t frame,
		      const uint8_t *data, size_t len)
{
	struct app_layer *l = (struct app_layer *)s;
	bool pass_bytes = l->next->ops->bytes != NULL;
	struct app_conn *c = conn_for(l, conn);
	if (c == NULL) {
		if (pass_bytes)
			l->next->ops->bytes(l->next, conn, d, frame, data, len);
		return;
	}
	if (l->cur_conn == conn) {
		c->frame = l->cur_frame;
		c->ts = l->cur_ts;
		c->ts_digits = l->cur_digits;
	}
	/* Probing may wait for more bytes; a protocol not known gets its
	 * messages' first lines quoted instead. */
	bool waiting = !c->decided && probe(c, d, data, len);
	if (data != NULL)
		quote(l, c, d, frame, data, len, &c->quote);
	if (pass_bytes) {
		pass_held(l);
		l->next->ops->bytes(l->next, conn, d, frame, data, len);
	}
	if (!waiting)
		feed(c, d, data, len);
}

/* ---- the rest of the sink ----------------------------------------------- */

static void tell_end(struct app_conn *c, enum tv_dir d)
{
	if (c->ended[d])
		return;
	c->ended[d] = true;
	if (!c->decided && c->probe_len[d] > 0)
		probe(c, d, NULL, 0);
	if (c->dis != NULL && !c->stopped[d] && c->dis->eof != NULL)
		c->dis->eof(c, d);
}

/* Everything held for the last packet: its event, then a side's end. */
static void settle(struct app_layer *l)
{
	pass_held(l);
	if (l->eof_conn == 0)
		return;
	struct app_conn *c = idmap_get(&l->conns, l->eof_conn);
	uint8_t mask = l->eof_mask;
	l->eof_conn = 0;
	if (c == NULL)
		return;
	/* What the ends complete (a body read until close, RFC 9112 §6.3)
	 * is completed by the FIN or RST, not by the last bytes. */
	if (l->cur_conn == c->id) {
		c->frame = l->cur_frame;
		c->ts = l->cur_ts;
		c->ts_digits = l->cur_digits;
	}
	for (int d = 0; d < 2; d++)
		if (mask & (1u << d))
			tell_end(c, (enum tv_dir)d);
	/* After the ends: a body read until close ends with the reset. */
	if (l->eof_reset && c->dis != NULL && c->dis->reset != NULL)
		c->dis->reset(c, l->eof_by);
	/* Both sides ended: nothing more will be read, and a finished
	 * connection may linger in the tracker for a while (SPEC §2), so
	 * its parsers' memory goes now. */
	if (c->ended[0] && c->ended[1])
		release_state(c);
}

static void app_event(struct tv_sink *s, const struct tv_event *ev)
{
	struct app_layer *l = (struct app_layer *)s;
	settle(l);
	l->cur_conn = ev->conn;
	l->cur_frame = ev->frame;
	l->cur_ts = ev->ts;
	l->cur_digits = ev->ts_digits;
	l->cur_port[0] = ev->port[0];
	l->cur_port[1] = ev->port[1];
	/* A FIN ends its side once the bytes before it are read; a RST ends
	 * both (RFC 9293 §3.10.7.4: nothing more is delivered). */
	if (ev->flags & (TH_FIN | TH_RST)) {
		l->eof_conn = ev->conn;
		l->eof_mask = (ev->flags & TH_RST) ? 3 : (uint8_t)(1u << ev->dir);
		l->eof_reset = (ev->flags & TH_RST) != 0;
		l->eof_by = ev->dir;
	}
	if (ev->len == 0) {
		l->next->ops->event(l->next, ev);
		return;
	}
	l->ev = *ev;
	l->held = true;
}

static void app_begin(struct tv_sink *s)
{
	struct app_layer *l = (struct app_layer *)s;
	l->next->ops->begin(l->next);
}

static void app_conn_open(struct tv_sink *s, const struct tv_conn_info *ci)
{
	struct app_layer *l = (struct app_layer *)s;
	settle(l);
	l->next->ops->conn_open(l->next, ci);
}

static void app_conn_close(struct tv_sink *s, const struct tv_conn_report *r)
{
	struct app_layer *l = (struct app_layer *)s;
	settle(l);
	struct app_conn *c = idmap_take(&l->conns, r->info.id);
	if (c != NULL) {
		c->frame = r->last_frame;
		c->ts = r->last_ts;
		c->ts_digits = r->info.ts_digits;
		tell_end(c, DIR_C2S);
		tell_end(c, DIR_S2C);
		release_state(c);
		free(c);
	}
	if (l->dns == NULL) {
		l->next->ops->conn_close(l->next, r);
		return;
	}
	struct tv_conn_report named = *r;
	app_dns_name_of(l, &r->info.end[DIR_S2C].addr, r->info.first_ts, &named);
	l->next->ops->conn_close(l->next, &named);
}

static void app_malformed(struct tv_sink *s, const char *file, uint64_t frame, const char *why)
{
	struct app_layer *l = (struct app_layer *)s;
	settle(l);
	l->next->ops->malformed(l->next, file, frame, why);
}

static void app_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
		       const struct tv_stats *st)
{
	struct app_layer *l = (struct app_layer *)s;
	settle(l);
	l->next->ops->finish(l->next, in, n, st);
}

static void app_destroy(struct tv_sink *s)
{
	struct app_layer *l = (struct app_layer *)s;
	struct app_conn *c;
	while ((c = idmap_pop(&l->conns)) != NULL) {
		release_state(c);
		free(c);
	}
	idmap_release(&l->conns);
	app_dns_free(l->dns);
	free(l);
}

/* The held event and its records go on now (sink.h). */
static void app_settle(struct tv_sink *s)
{
	struct app_layer *l = (struct app_layer *)s;
	settle(l);
	if (l->next->ops->settle != NULL)
		l->next->ops->settle(l->next);
}

static const struct tv_sink_ops layer_ops = {
	.begin = app_begin,
	.settle = app_settle,
	.conn_open = app_conn_open,
	.event = app_event,
	.bytes = app_bytes,
	.conn_close = app_conn_close,
	.malformed = app_malformed,
	.finish = app_finish,
	.destroy = app_destroy,
};

struct app_layer *app_layer_new(struct tv_sink *next)
{
	struct app_layer *l = calloc(1, sizeof(*l));
	if (l == NULL)
		return NULL;
	l->sink.ops = &layer_ops;
	l->next = next;
	idmap_init(&l->conns);
	return l;
}

struct tv_sink *app_layer_sink(struct app_layer *l)
{
	return &l->sink;
}

struct app_dns_state **app_layer_dns(struct app_layer *l)
{
	return &l->dns;
}

void app_layer_emit_udp(struct app_layer *l, struct tv_app *a)
{
	settle(l);
	if (l->next->ops->app != NULL)
		l->next->ops->app(l->next, a);
}
