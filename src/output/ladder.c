/*
 * ladder.c - the layout of sequence diagrams, and the --ladder output
 * (output layer, SPEC §12; see ladder.h).
 *
 * Records come in per connection; each event becomes a row that stays
 * open until the connection's next event, so that the application
 * records of its frame (which follow the event, app/record.h) can join
 * it.  A closed row is routine when it carries nothing but data, ACKs or
 * window updates (the same packets --brief folds) and no application
 * words; routine rows wait in a short run, and a run that reaches
 * LADDER_FOLD_MIN becomes one folded row that grows until something else
 * happens.  Finished rows go to the connection's spool as fixed-size
 * values.  When the connection ends, the layout chooses the lanes, puts
 * the DNS exchange that named the server first (from the DNS answers it
 * has seen, a short ring), and hands every row to the writer.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/app/record.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/output/ladder.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/picture.h"
#include "tcpview/util/addr.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/idmap.h"
#include "tcpview/util/spool.h"

/* UDP DNS answers remembered for drawing the exchange that named a server. */
#define DNS_RING 64

struct lconn {
	struct spool rows;
	size_t nrows;
	uint64_t arrows, folds;
	bool has_open, open_routine;
	bool app_cut;		/* the open row's words were cut */
	struct ladder_row open;
	unsigned nrun;
	struct ladder_row run[LADDER_FOLD_MIN - 1];
	bool folding;
	struct ladder_row fold;
};

struct dns_seen {
	uint64_t frame;
	struct tv_time ts;
	int64_t rtt_ns;
	struct tv_endpoint client, server;
	char query[LADDER_APP_MAX], answer[LADDER_APP_MAX];
};

struct ladder_layout {
	struct ladder_writer *w;
	bool fold, abs_seq;
	struct obuf *loss;
	struct spool_arena arena;
	struct idmap conns;
	struct dns_seen dns[DNS_RING];
	size_t ndns;
	bool has_diag;
	uint64_t diag_conn;
	char verdict[1024];
};

/* ---- rows --------------------------------------------------------------- */

static uint8_t tone_of(uint32_t l)
{
	if (l & LBIT(L_ICMP_ERROR))
		return LT_ICMP;
	if (l & LBIT(L_RST))
		return LT_RESET;
	if (l & (LBIT(L_RETRANSMISSION) | LBIT(L_FAST_RETRANSMISSION) |
		 LBIT(L_SPURIOUS_RETRANSMISSION) | LBIT(L_OUT_OF_ORDER) | LBIT(L_LOST_SEGMENT) |
		 LBIT(L_ACKED_UNSEEN) | LBIT(L_DUP_ACK) | LBIT(L_ZERO_WINDOW) |
		 LBIT(L_ZERO_WINDOW_PROBE) | LBIT(L_WINDOW_FULL)))
		return LT_TROUBLE;
	if (l & (LBIT(L_SYN) | LBIT(L_SYN_ACK) | LBIT(L_HANDSHAKE_ACK)))
		return LT_OPEN;
	if (l & (LBIT(L_FIN) | LBIT(L_TEARDOWN_ACK)))
		return LT_CLOSE;
	return LT_PLAIN;
}

/* A packet a run folds: data, ACKs, window updates, and segments that fill
 * the receiver's window (tcp.analysis.window_full: in a transfer the
 * receiver's window paces, every window ends with one, and the run counts
 * them). */
static bool routine_labels(const struct tv_event *ev)
{
	uint32_t plain = LBIT(L_DATA) | LBIT(L_ACK) | LBIT(L_WINDOW_UPDATE) | LBIT(L_WINDOW_FULL);
	return ev->labels != 0 && (ev->labels & ~plain) == 0 && ev->quote_len == 0;
}

static void keep_row(struct ladder_layout *l, struct lconn *c, const struct ladder_row *r)
{
	spool_write(&l->arena, &c->rows, r, sizeof(*r));
	c->nrows++;
	if (r->kind == LR_FOLD)
		c->folds++;
	else
		c->arrows++;
}

static void fold_words(struct ladder_row *f)
{
	say_fold(f->packets, f->frame, f->last_frame, f->bytes, f->acks, f->fulls,
		 f->last_rel_ns - f->rel_ns, f->label, sizeof(f->label));
}

static void fold_in(struct ladder_row *f, const struct ladder_row *r)
{
	if (f->packets == 0) {
		memset(f, 0, sizeof(*f));
		f->kind = LR_FOLD;
		f->tone = LT_PLAIN;
		f->from = LANE_CLIENT;
		f->to = LANE_SERVER;
		f->file = r->file;
		f->frame = r->frame;
		f->rel_ns = r->rel_ns;
	}
	f->packets++;
	f->last_frame = r->frame;
	f->last_rel_ns = r->rel_ns;
	f->bytes[0] += r->bytes[0];
	f->bytes[1] += r->bytes[1];
	f->acks += r->acks;
	f->fulls += r->fulls;
}

/* The run of routine rows ends: folded when long enough, else as arrows. */
static void end_run(struct ladder_layout *l, struct lconn *c)
{
	if (c->folding) {
		fold_words(&c->fold);
		keep_row(l, c, &c->fold);
		c->folding = false;
	}
	for (unsigned i = 0; i < c->nrun; i++)
		keep_row(l, c, &c->run[i]);
	c->nrun = 0;
}

/* The open row is complete: it joins the run or ends it. */
static void settle(struct ladder_layout *l, struct lconn *c)
{
	if (!c->has_open)
		return;
	c->has_open = false;
	struct ladder_row *r = &c->open;
	if (!l->fold || !c->open_routine || r->app[0] != '\0') {
		end_run(l, c);
		keep_row(l, c, r);
		return;
	}
	if (c->folding) {
		fold_in(&c->fold, r);
		return;
	}
	if (c->nrun + 1 < LADDER_FOLD_MIN) {
		c->run[c->nrun++] = *r;
		return;
	}
	c->fold.packets = 0;
	for (unsigned i = 0; i < c->nrun; i++)
		fold_in(&c->fold, &c->run[i]);
	fold_in(&c->fold, r);
	c->nrun = 0;
	c->folding = true;
}

/* ---- layout ------------------------------------------------------------- */

struct ladder_layout *ladder_layout_new(struct ladder_writer *w, bool fold, bool abs_seq,
					size_t budget, struct obuf *loss)
{
	struct ladder_layout *l = calloc(1, sizeof(*l));
	if (l == NULL)
		return NULL;
	l->w = w;
	l->fold = fold;
	l->abs_seq = abs_seq;
	l->loss = loss;
	spool_arena_init(&l->arena, budget);
	idmap_init(&l->conns);
	return l;
}

void ladder_layout_free(struct ladder_layout *l)
{
	if (l == NULL)
		return;
	struct lconn *c;
	while ((c = idmap_pop(&l->conns)) != NULL) {
		spool_discard(&l->arena, &c->rows);
		free(c);
	}
	idmap_release(&l->conns);
	spool_arena_release(&l->arena);
	free(l);
}

void ladder_layout_open(struct ladder_layout *l, const struct tv_conn_info *info)
{
	struct lconn *c = calloc(1, sizeof(*c));
	if (c == NULL || !idmap_put(&l->conns, info->id, c)) {
		free(c);
		obuf_lost(l->loss, "out of memory for a connection's ladder");
	}
}

void ladder_layout_event(struct ladder_layout *l, const struct tv_event *ev)
{
	struct lconn *c = idmap_get(&l->conns, ev->conn);
	if (c == NULL)
		return;
	settle(l, c);
	struct ladder_row *r = &c->open;
	memset(r, 0, offsetof(struct ladder_row, packet));
	r->kind = LR_ARROW;
	r->tone = tone_of(ev->labels);
	/* An ICMP error comes back to the sender of the segment it quotes. */
	bool icmp = (ev->labels & LBIT(L_ICMP_ERROR)) != 0;
	enum tv_dir d = icmp ? dir_other(ev->dir) : ev->dir;
	r->from = d == DIR_C2S ? LANE_CLIENT : LANE_SERVER;
	r->to = d == DIR_C2S ? LANE_SERVER : LANE_CLIENT;
	r->file = ev->file;
	r->frame = r->last_frame = ev->frame;
	r->rel_ns = r->last_rel_ns = ev->rel_ns;
	r->packets = 1;
	if (!icmp) {
		r->bytes[ev->dir] = ev->len;
		r->acks = ev->len == 0 && !(ev->flags & (TH_SYN | TH_FIN | TH_RST));
		r->fulls = (ev->labels & LBIT(L_WINDOW_FULL)) != 0;
	}
	say_arrow_packet(ev, l->abs_seq, r->packet, sizeof(r->packet));
	say_arrow_label(ev, r->label, sizeof(r->label));
	r->app[0] = '\0';
	c->has_open = true;
	c->app_cut = false;
	c->open_routine = !icmp && routine_labels(ev);
}

static void remember_dns(struct ladder_layout *l, const struct tv_app *a)
{
	const struct tv_app_dns *m = &a->u.dns;
	if (!m->response || m->rtt_ns < 0)
		return;
	struct dns_seen *d = &l->dns[l->ndns++ % DNS_RING];
	d->frame = a->frame;
	d->ts = a->ts;
	d->rtt_ns = m->rtt_ns;
	d->client = m->client;
	d->server = m->server;
	say_dns_query(m, d->query, sizeof(d->query));
	say_dns_answer(m, d->answer, sizeof(d->answer));
}

void ladder_layout_app(struct ladder_layout *l, const struct tv_app *a)
{
	if (a->conn == 0) {
		if (a->kind == AK_DNS)
			remember_dns(l, a);
		return;
	}
	struct lconn *c = idmap_get(&l->conns, a->conn);
	if (c == NULL || !c->has_open || c->open.frame != a->frame)
		return;
	char words[LADDER_APP_MAX];
	size_t n = say_arrow_app(a, words, sizeof(words));
	if (n == 0)
		return;
	/* Several records of one segment (HTTP/2 frames, TLS messages)
	 * share its arrow, joined by "; "; what does not fit ends in "...". */
	if (c->app_cut)
		return;
	char *app = c->open.app;
	size_t have = strlen(app), max = sizeof(c->open.app) - 1, sep = have > 0 ? 2 : 0;
	if (have + sep + n <= max) {
		memcpy(app + have, "; ", sep);
		memcpy(app + have + sep, words, n);
		app[have + sep + n] = '\0';
		return;
	}
	size_t room = max - 3, pos = have < room ? have : room;
	if (pos + sep < room) {
		memcpy(app + pos, "; ", sep);
		pos += sep;
		size_t k = room - pos < n ? room - pos : n;
		memcpy(app + pos, words, k);
		pos += k;
	}
	memcpy(app + pos, "...", 4);
	c->app_cut = true;
}

void ladder_layout_diagnosis(struct ladder_layout *l, const struct tv_diagnosis *d)
{
	l->has_diag = true;
	l->diag_conn = d->conn;
	narrate_verdict(d, l->verdict, sizeof(l->verdict));
}

/* The UDP DNS answer that named this connection's server, if still known. */
static const struct dns_seen *naming_answer(const struct ladder_layout *l,
					    const struct tv_conn_report *r)
{
	if (r->name_frame == 0)
		return NULL;
	size_t n = l->ndns < DNS_RING ? l->ndns : DNS_RING;
	for (size_t i = 0; i < n; i++) {
		const struct dns_seen *d = &l->dns[i];
		const struct tv_addr *a = &d->client.addr, *b = &r->info.end[DIR_C2S].addr;
		if (d->frame == r->name_frame && a->family == b->family &&
		    tv_addr_bytes_eq(a->bytes, b->bytes, a->family))
			return d;
	}
	return NULL;
}

struct draw_state {
	struct ladder_layout *l;
	struct ladder_conn *lc;
	size_t index;
};

static int lane_pos(const struct ladder_conn *lc, int role)
{
	return role == LANE_CLIENT ? lc->lane_client : role == LANE_SERVER ? lc->lane_server
	       : lc->lane_dns;
}

static void draw_row(struct draw_state *st, struct ladder_row *r)
{
	r->from = (uint8_t)lane_pos(st->lc, r->from);
	r->to = (uint8_t)lane_pos(st->lc, r->to);
	st->l->w->ops->row(st->l->w, st->lc, r, st->index++);
}

static void put_row(void *ctx, void *rec)
{
	draw_row(ctx, rec);
}

static void dns_row(struct draw_state *st, const struct tv_conn_report *r,
		    const struct dns_seen *d, bool answer)
{
	struct ladder_row row;
	memset(&row, 0, sizeof(row));
	row.kind = LR_ARROW;
	row.tone = LT_PLAIN;
	row.from = answer ? LANE_DNS : LANE_CLIENT;
	row.to = answer ? LANE_CLIENT : LANE_DNS;
	int64_t at = tv_time_diff_ns(r->info.first_ts, d->ts);
	row.rel_ns = row.last_rel_ns = answer ? at : at - d->rtt_ns;
	row.frame = row.last_frame = answer ? d->frame : 0;
	row.packets = 1;
	memcpy(row.app, answer ? d->answer : d->query, sizeof(row.app));
	fmt_format(row.packet, sizeof(row.packet), "DNS %s", answer ? "answer" : "query");
	draw_row(st, &row);
}

void ladder_layout_close(struct ladder_layout *l, const struct tv_conn_report *r)
{
	struct lconn *c = idmap_take(&l->conns, r->info.id);
	if (c == NULL)
		return;
	settle(l, c);
	end_run(l, c);

	struct ladder_conn lc;
	memset(&lc, 0, sizeof(lc));
	lc.report = r;
	const struct dns_seen *dns = naming_answer(l, r);
	lc.nlanes = dns != NULL ? 3 : 2;
	lc.lane_dns = dns != NULL ? 0 : -1;
	lc.lane_client = dns != NULL ? 1 : 0;
	lc.lane_server = lc.lane_client + 1;
	const struct tv_endpoint *ce = &r->info.end[DIR_C2S], *se = &r->info.end[DIR_S2C];
	fmt_endpoint(lc.lane_addr[lc.lane_client], sizeof(lc.lane_addr[0]), &ce->addr, ce->port);
	fmt_endpoint(lc.lane_addr[lc.lane_server], sizeof(lc.lane_addr[0]), &se->addr, se->port);
	lc.lane_name[lc.lane_client] = say_lane(LANE_CLIENT);
	lc.lane_name[lc.lane_server] = say_lane(LANE_SERVER);
	if (dns != NULL) {
		fmt_endpoint(lc.lane_addr[0], sizeof(lc.lane_addr[0]), &dns->server.addr,
			     dns->server.port);
		lc.lane_name[0] = say_lane(LANE_DNS);
	}
	lc.nrows = c->nrows + (dns != NULL ? 2 : 0);
	lc.arrows = c->arrows + (dns != NULL ? 2 : 0);
	lc.folds = c->folds;
	say_picture_title(r, lc.title, sizeof(lc.title));
	say_picture_end(r, lc.end, sizeof(lc.end));
	if (l->has_diag && l->diag_conn == r->info.id)
		memcpy(lc.verdict, l->verdict, sizeof(lc.verdict));
	l->has_diag = false;

	struct ladder_writer *w = l->w;
	w->ops->conn_begin(w, &lc);
	struct draw_state st = { .l = l, .lc = &lc };
	if (dns != NULL) {
		dns_row(&st, r, dns, false);
		dns_row(&st, r, dns, true);
	}
	if (!spool_drain_records(&l->arena, &c->rows, sizeof(struct ladder_row), put_row, &st))
		obuf_lost(l->loss, "a connection's ladder could not be read back");
	w->ops->conn_end(w, &lc);
	free(c);
}

/* ---- the --ladder output ------------------------------------------------ */

struct ladder_report {
	struct reporter base;
	struct ladder_layout *layout;
	struct ladder_writer *w;
	bool text;
};

static void lr_begin(struct tv_sink *s)
{
	struct ladder_report *lr = (struct ladder_report *)s;
	lr->w->ops->doc_begin(lr->w);
}

static void lr_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	ladder_layout_open(((struct ladder_report *)s)->layout, c);
}

static void lr_event(struct tv_sink *s, const struct tv_event *ev)
{
	ladder_layout_event(((struct ladder_report *)s)->layout, ev);
}

static void lr_app(struct tv_sink *s, const struct tv_app *a)
{
	ladder_layout_app(((struct ladder_report *)s)->layout, a);
}

static void lr_diagnosis(struct tv_sink *s, const struct tv_diagnosis *d)
{
	ladder_layout_diagnosis(((struct ladder_report *)s)->layout, d);
}

static void lr_close(struct tv_sink *s, const struct tv_conn_report *r)
{
	ladder_layout_close(((struct ladder_report *)s)->layout, r);
}

static void lr_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
		      const struct tv_stats *st)
{
	struct ladder_report *lr = (struct ladder_report *)s;
	(void)in;
	(void)n;
	lr->w->ops->doc_end(lr->w);
	if (lr->text)
		report_stats_line(lr->base.out, st);
}

static void lr_destroy(struct tv_sink *s)
{
	struct ladder_report *lr = (struct ladder_report *)s;
	ladder_layout_free(lr->layout);
	if (lr->w != NULL)
		lr->w->ops->destroy(lr->w);
	free(lr);
}

static const struct tv_sink_ops ladder_ops = {
	.begin = lr_begin,
	.conn_open = lr_open,
	.event = lr_event,
	.bytes = NULL,
	.app = lr_app,
	.diagnosis = lr_diagnosis,
	.capture_verdict = NULL,
	.conn_close = lr_close,
	.malformed = report_ignore_malformed,
	.finish = lr_finish,
	.destroy = lr_destroy,
};

struct tv_sink *report_ladder_new(const struct report_config *cfg, struct obuf *out,
				  enum ladder_style style)
{
	struct ladder_report *lr = report_alloc(sizeof(*lr), &ladder_ops, cfg, out);
	if (lr == NULL)
		return NULL;
	lr->w = style == LADDER_MERMAID ? ladder_mermaid_writer_new()
		: style == LADDER_SVG ? ladder_svg_writer_new(true, out)
		: ladder_text_writer_new();
	lr->text = style == LADDER_TEXT;
	if (lr->w != NULL) {
		lr->w->out.put = obuf_sink;
		lr->w->out.ctx = out;
		lr->w->width = cfg->width;
		lr->w->ascii = cfg->ascii;
		lr->w->color = cfg->color;
		lr->layout = ladder_layout_new(lr->w, !cfg->no_fold, cfg->absolute_seq,
					       report_budget(cfg, LADDER_SPOOL_BUDGET), out);
	}
	if (lr->w == NULL || lr->layout == NULL) {
		lr_destroy(&lr->base.sink);
		return NULL;
	}
	return &lr->base.sink;
}
