/*
 * html.c - the --html report: one self-contained page (output layer,
 * SPEC §12).
 *
 * Per connection: its ladder (the layout of ladder.c drawn by the SVG
 * writer), the narration of every packet (the same sentences as the text
 * story), what the applications said, the verdict and findings, and a
 * Stevens time-sequence graph per direction (tsg.c); before them, a table
 * of every connection and the capture's verdict.  Nothing is fetched: the
 * style and the small script (search, and a packet's row and its arrow
 * highlighting each other) are inline, pictures are inline SVG.
 *
 * Memory stays bounded as in the other outputs: each open connection's
 * narration and graph points wait in spools, the finished sections in
 * another (util/spool.h: a budget in memory, the rest in a temporary
 * file), and the page is written at the end, when the table of every
 * connection is complete.  A capture of many connections draws the
 * first HTML_CONNS in detail and a connection of many packets its first
 * HTML_PACKETS, and the page says so: a browser must still open it.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcpview/app/record.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/output/ladder.h"
#include "tcpview/output/tsg.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/picture.h"
#include "tcpview/say/tr.h"
#include "tcpview/tcp/names.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/idmap.h"
#include "tcpview/util/spool.h"

#define HTML_CONNS 200		/* connections drawn in detail */
#define HTML_PACKETS 3000	/* packets of a connection narrated and graphed */
#define HTML_SPOOL_BUDGET (32u * 1024 * 1024)
#define TSG_W 720
#define TSG_H 340

struct hconn {
	struct spool story;	/* <li> rows */
	struct spool points;	/* struct tsg_point values */
	uint64_t packets, npoints;
	bool capped;
};

struct html_report {
	struct reporter base;
	struct ladder_layout *layout;
	struct ladder_writer *svg;
	struct spool_arena conn_arena, doc_arena;
	struct spool body, overview;
	struct draw_out body_out, overview_out;
	struct idmap conns;
	uint64_t nconns, detailed;
	bool has_diag;
	struct tv_diagnosis diag;
	char capture_verdict[NARRATE_MAX];
};

static void put_body(void *ctx, const void *p, size_t n)
{
	struct html_report *h = ctx;
	spool_write(&h->doc_arena, &h->body, p, n);
}

static void put_overview(void *ctx, const void *p, size_t n)
{
	struct html_report *h = ctx;
	spool_write(&h->doc_arena, &h->overview, p, n);
}

struct story_out {
	struct html_report *h;
	struct hconn *c;
};

static void put_story(void *ctx, const void *p, size_t n)
{
	struct story_out *s = ctx;
	spool_write(&s->h->conn_arena, &s->c->story, p, n);
}

static void xml(const struct draw_out *o, const char *s)
{
	draw_xml(o, s, strlen(s));
}

/* ---- records ------------------------------------------------------------ */

static bool detailed(uint64_t id)
{
	return id <= HTML_CONNS;
}

static void h_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	struct html_report *h = (struct html_report *)s;
	if (!detailed(c->id))
		return;
	ladder_layout_open(h->layout, c);
	struct hconn *hc = calloc(1, sizeof(*hc));
	if (hc == NULL || !idmap_put(&h->conns, c->id, hc)) {
		free(hc);
		obuf_lost(h->base.out, "out of memory for a connection of the report");
	}
}

static void point_of(const struct tv_event *ev, struct tsg_point *p)
{
	memset(p, 0, sizeof(*p));
	p->t_ns = ev->rel_ns;
	p->frame = ev->frame;
	p->seq = ev->seq;
	p->len = ev->len + !!(ev->flags & TH_SYN) + !!(ev->flags & TH_FIN);
	p->ack = ev->ack;
	p->win = ev->win;
	p->dir = (uint8_t)ev->dir;
	uint32_t l = ev->labels;
	p->marks = (uint8_t)(((ev->flags & TH_SYN) ? TSG_SYN : 0) |
			     ((ev->flags & TH_FIN) ? TSG_FIN : 0) |
			     ((ev->flags & TH_RST) ? TSG_RST : 0) |
			     ((ev->flags & TH_ACK) ? TSG_ACK : 0) |
			     ((l & (LBIT(L_RETRANSMISSION) | LBIT(L_FAST_RETRANSMISSION) |
				    LBIT(L_SPURIOUS_RETRANSMISSION))) ? TSG_RETRANS : 0) |
			     ((l & LBIT(L_ZERO_WINDOW)) ? TSG_ZERO_WINDOW : 0) |
			     ((l & LBIT(L_LOST_SEGMENT)) ? TSG_LOST : 0) |
			     ((l & LBIT(L_DUP_ACK)) ? TSG_DUP_ACK : 0));
	/* SACK edges are the peer's sequence numbers: relative like ack. */
	uint32_t base = ev->raw_ack - ev->ack;
	p->nsack = ev->opt.sack_count < TSG_MAX_SACK ? ev->opt.sack_count : TSG_MAX_SACK;
	for (unsigned i = 0; i < p->nsack; i++) {
		p->sack_left[i] = ev->opt.sack_left[i] - base;
		p->sack_right[i] = ev->opt.sack_right[i] - base;
	}
}

static void h_event(struct tv_sink *s, const struct tv_event *ev)
{
	struct html_report *h = (struct html_report *)s;
	struct hconn *c = idmap_get(&h->conns, ev->conn);
	if (c == NULL)
		return;
	ladder_layout_event(h->layout, ev);
	if (++c->packets > HTML_PACKETS) {
		c->capped = true;
		return;
	}
	if ((ev->labels & LBIT(L_ICMP_ERROR)) == 0) {
		struct tsg_point p;
		point_of(ev, &p);
		spool_write(&h->conn_arena, &c->points, &p, sizeof(p));
		c->npoints++;
	}
	struct story_out so = { h, c };
	struct draw_out o = { put_story, &so };
	char tm[32], words[NARRATE_MAX], flags[40];
	fmt_seconds(tm, sizeof(tm), ev->rel_ns, ev->ts_digits);
	narrate_flag_names(ev->flags, flags);
	size_t n = narrate_event(ev, h->base.cfg.absolute_seq, words, sizeof(words));
	const char *tone = (ev->labels & (LBIT(L_RST) | LBIT(L_ICMP_ERROR))) ? " bad"
			   : (ev->labels & (LBIT(L_RETRANSMISSION) | LBIT(L_FAST_RETRANSMISSION) |
					    LBIT(L_DUP_ACK) | LBIT(L_LOST_SEGMENT) |
					    LBIT(L_ZERO_WINDOW) | LBIT(L_OUT_OF_ORDER))) ? " warn" : "";
	draw_printf(&o, "<li class=\"ev%s\" id=\"c%" PRIu64 "f%" PRIu64 "\" data-frame=\"%" PRIu64
		    "\"><span class=\"t\">%s</span> <span class=\"d\">%s</span> "
		    "<span class=\"fl\">%s</span> ", tone, ev->conn, ev->frame, ev->frame, tm,
		    (ev->labels & LBIT(L_ICMP_ERROR)) ? "ICMP"
		    : ev->dir == DIR_C2S ? "C\xe2\x86\x92S" : "S\xe2\x86\x92" "C", flags);
	draw_xml(&o, words, n);
	draw_puts(&o, "</li>\n");
}

static void h_app(struct tv_sink *s, const struct tv_app *a)
{
	struct html_report *h = (struct html_report *)s;
	ladder_layout_app(h->layout, a);
	struct hconn *c = a->conn != 0 ? idmap_get(&h->conns, a->conn) : NULL;
	if (c == NULL || c->capped)
		return;
	char words[NARRATE_MAX];
	size_t n = narrate_app(a, words, sizeof(words));
	if (n == 0)
		return;
	struct story_out so = { h, c };
	struct draw_out o = { put_story, &so };
	draw_printf(&o, "<li class=\"app\" data-frame=\"%" PRIu64 "\"><span class=\"proto\">%s"
		    "</span> ", a->frame, app_proto_name(a->proto));
	draw_xml(&o, words, n);
	draw_puts(&o, "</li>\n");
}

static void h_diagnosis(struct tv_sink *s, const struct tv_diagnosis *d)
{
	struct html_report *h = (struct html_report *)s;
	ladder_layout_diagnosis(h->layout, d);
	h->diag = *d;
	h->has_diag = true;
}

static void h_capture_verdict(struct tv_sink *s, const struct tv_capture_verdict *v)
{
	struct html_report *h = (struct html_report *)s;
	narrate_capture_verdict(v, h->capture_verdict, sizeof(h->capture_verdict));
}

/* ---- a connection ends ------------------------------------------------- */

static void overview_row(struct html_report *h, const struct tv_conn_report *r,
			 const char *verdict)
{
	const struct draw_out *o = &h->overview_out;
	char cl[80], sv[80], start[40], dur[32];
	fmt_endpoint(cl, sizeof(cl), &r->info.end[DIR_C2S].addr, r->info.end[DIR_C2S].port);
	fmt_endpoint(sv, sizeof(sv), &r->info.end[DIR_S2C].addr, r->info.end[DIR_S2C].port);
	/* Wall-clock time as the text's --time=abs writes it. */
	time_t sec = (time_t)r->info.first_ts.sec;
	struct tm tm;
	size_t k = localtime_r(&sec, &tm) != NULL
		   ? strftime(start, sizeof(start), "%Y-%m-%d %H:%M:%S", &tm) : 0;
	char frac[16];
	fmt_seconds(frac, sizeof(frac), r->info.first_ts.nsec, r->info.ts_digits);
	fmt_format(start + k, sizeof(start) - k, "%s", frac + 1);	/* ".347017" */
	fmt_duration(dur, sizeof(dur), tv_time_diff_ns(r->info.first_ts, r->last_ts));
	uint64_t id = r->info.id;
	draw_printf(o, "<tr data-conn=\"%" PRIu64 "\" class=\"st-%s\"><td>", id,
		    conn_state_name(r->state));
	if (detailed(id))
		draw_printf(o, "<a href=\"#conn-%" PRIu64 "\">%" PRIu64 "</a>", id, id);
	else
		draw_printf(o, "%" PRIu64, id);
	draw_puts(o, "</td><td>");
	xml(o, cl);
	draw_puts(o, "</td><td>");
	xml(o, sv);
	if (r->server_name[0] != '\0') {
		draw_puts(o, " (");
		xml(o, r->server_name);
		draw_puts(o, ")");
	}
	draw_printf(o, "</td><td>%s</td><td>%s</td><td>%" PRIu64 "</td><td>", start, dur,
		    r->packets);
	xml(o, say_state(r->state));
	draw_puts(o, "</td><td>");
	xml(o, verdict);
	draw_puts(o, "</td></tr>\n");
}

struct graph_points {
	struct tsg_point *p;
	size_t n, cap;
};

static void put_point(void *ctx, void *rec)
{
	struct graph_points *g = ctx;
	if (g->n < g->cap)
		memcpy(&g->p[g->n++], rec, sizeof(*g->p));
}

static void graphs(struct html_report *h, struct hconn *c)
{
	const struct draw_out *o = &h->body_out;
	struct graph_points g = { 0 };
	g.cap = (size_t)c->npoints;
	g.p = g.cap > 0 ? malloc(g.cap * sizeof(*g.p)) : NULL;
	if (g.p == NULL && g.cap > 0) {
		spool_discard(&h->conn_arena, &c->points);
		obuf_lost(h->base.out, "out of memory for a time-sequence graph");
		return;
	}
	if (!spool_drain_records(&h->conn_arena, &c->points, sizeof(struct tsg_point), put_point,
				 &g))
		obuf_lost(h->base.out, "a time-sequence graph could not be read back");
	draw_printf(o, "<h3>%s</h3>\n<div class=\"graphs\">\n", say_picture_word(PW_GRAPHS));
	for (int d = 0; d < 2; d++) {
		struct tsg_words w = {
			.title = say_direction((enum tv_dir)d),
			.time_axis = say_picture_word(PW_TIME_AXIS),
			.seq_axis = say_picture_word(PW_SEQ_AXIS),
			.data = say_picture_word(PW_DATA),
			.ack = say_picture_word(PW_ACK),
			.window = say_picture_word(PW_WINDOW),
			.retrans = say_picture_word(PW_RETRANS),
			.sack = say_picture_word(PW_SACK),
			.zero_window = say_picture_word(PW_ZERO_WINDOW),
		};
		tsg_svg(o, g.p, g.n, (enum tv_dir)d, &w, TSG_W, TSG_H);
	}
	draw_puts(o, "</div>\n");
	free(g.p);
}

static void h_close(struct tv_sink *s, const struct tv_conn_report *r)
{
	struct html_report *h = (struct html_report *)s;
	h->nconns++;
	char verdict[NARRATE_MAX] = "";
	bool has_diag = h->has_diag && h->diag.conn == r->info.id;
	if (has_diag)
		narrate_verdict(&h->diag, verdict, sizeof(verdict));
	overview_row(h, r, verdict);
	struct hconn *c = idmap_take(&h->conns, r->info.id);
	if (c == NULL) {
		h->has_diag = false;
		return;
	}
	h->detailed++;
	const struct draw_out *o = &h->body_out;
	char title[256];
	say_picture_title(r, title, sizeof(title));
	draw_printf(o, "<section class=\"conn\" id=\"conn-%" PRIu64 "\" data-conn=\"%" PRIu64
		    "\" data-packets=\"%" PRIu64 "\"%s>\n<h2>", r->info.id, r->info.id, r->packets,
		    c->capped ? " data-capped=\"\"" : "");
	xml(o, title);
	draw_puts(o, "</h2>\n");
	if (r->server_name[0] != '\0') {
		char dur[32];
		fmt_duration(dur, sizeof(dur), r->name_age_ns);
		draw_puts(o, "<p class=\"name\">");
		xml(o, r->server_name);
		char frame[24], words[200];
		frame[fmt_u64(frame, r->name_frame)] = '\0';
		/* TRANSLATORS: after the server's name: where the DNS answer
		 * that gave it is, and how long before the connection. */
		say_format(words, sizeof(words), _(" (DNS, frame %1$s, %2$s before)"),
			   SAY_ARGS(frame, dur));
		xml(o, words);
		draw_puts(o, "</p>\n");
	}
	if (has_diag) {
		draw_printf(o, "<p class=\"verdict\"><b>%s:</b> ", say_picture_word(PW_VERDICT));
		xml(o, verdict);
		draw_puts(o, "</p>\n");
		if (h->diag.nfindings > 1) {
			draw_printf(o, "<h3>%s</h3>\n<ul class=\"findings\">\n",
				    say_picture_word(PW_FINDINGS));
			for (unsigned i = 0; i < h->diag.nfindings; i++) {
				char words[NARRATE_MAX];
				narrate_finding(&h->diag.f[i], words, sizeof(words));
				draw_puts(o, "<li>");
				xml(o, words);
				draw_puts(o, "</li>\n");
			}
			draw_puts(o, "</ul>\n");
		}
		char phases[NARRATE_MAX];
		narrate_phases(&h->diag.phases, phases, sizeof(phases));
		draw_puts(o, "<p class=\"phases\">");
		xml(o, phases);
		draw_puts(o, "</p>\n");
	}
	h->has_diag = false;
	if (c->capped) {
		char note[160];
		say_capped_packets(HTML_PACKETS, note, sizeof(note));
		draw_puts(o, "<p class=\"cap-note\">");
		xml(o, note);
		draw_puts(o, "</p>\n");
	}
	draw_printf(o, "<h3>%s</h3>\n<div class=\"ladder-box\">\n", say_picture_word(PW_LADDER));
	ladder_layout_close(h->layout, r);
	draw_printf(o, "</div>\n<h3>%s</h3>\n<ol class=\"story\">\n", say_picture_word(PW_STORY));
	if (!spool_drain_to(&h->conn_arena, &c->story, put_body, h))
		obuf_lost(h->base.out, "a connection's narration could not be read back");
	draw_puts(o, "</ol>\n");
	graphs(h, c);
	draw_puts(o, "</section>\n");
	free(c);
}

/* ---- the page ----------------------------------------------------------- */

static const char STYLE[] =
	"body{font:14px/1.45 system-ui,sans-serif;margin:0 1.5em 3em;color:#1f2328}"
	"h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2.2em;border-top:1px solid #d0d7de;"
	"padding-top:.8em}h3{font-size:1em;margin:1.2em 0 .4em}"
	"table.overview{border-collapse:collapse;font-size:13px}"
	"table.overview td,table.overview th{border:1px solid #d0d7de;padding:2px 6px;"
	"vertical-align:top;text-align:left}"
	"tr.st-reset td,tr.st-refused td,tr.st-syn_sent td{background:#fff5f5}"
	".ladder-box{overflow-x:auto}"
	"ol.story{font:12px/1.5 ui-monospace,monospace;padding-left:0;list-style:none}"
	"ol.story li{padding:1px 4px;cursor:pointer;border-left:3px solid transparent}"
	"ol.story li.app{color:#0550ae;padding-left:2.5em;cursor:default}"
	"ol.story li.warn{border-left-color:#bf8700}ol.story li.bad{border-left-color:#cf222e}"
	"ol.story li.hl{background:#fff8c5}"
	".t{color:#57606a}.d{color:#8250df}.fl{font-weight:bold}"
	"g.arrow{cursor:pointer}g.arrow.hl line{stroke-width:4}g.arrow.hl text{fill:#cf222e}"
	".graphs{display:flex;flex-wrap:wrap;gap:12px}"
	".verdict{background:#f6f8fa;padding:.5em .8em;border-left:4px solid #0969da}"
	".cap-note{color:#9a6700}"
	"input.search{font-size:14px;padding:4px 8px;width:24em;margin:.5em 0}"
	".hidden{display:none}";

/* Search hides the narration rows without the words; clicking a row
 * marks its arrow and the other way round (same data-frame, same
 * section). */
static const char SCRIPT[] =
	"(function(){"
	"function mark(sec,f){sec.querySelectorAll('.hl').forEach(function(e){"
	"e.classList.remove('hl')});"
	"sec.querySelectorAll('[data-frame=\"'+f+'\"]').forEach(function(e){"
	"if(e.matches('li.ev,g.arrow'))e.classList.add('hl')})}"
	"document.addEventListener('click',function(ev){"
	"var t=ev.target.closest('li.ev,g.arrow');if(!t)return;"
	"var sec=t.closest('section.conn');if(!sec)return;var f=t.getAttribute('data-frame');"
	"mark(sec,f);var o=t.matches('li.ev')?sec.querySelector('g.arrow[data-frame=\"'+f+'\"]')"
	":sec.querySelector('li.ev[data-frame=\"'+f+'\"]');"
	"if(o&&o.scrollIntoView)o.scrollIntoView({block:'nearest'})});"
	"var q=document.querySelector('input.search');if(q)q.addEventListener('input',function(){"
	"var w=q.value.toLowerCase();document.querySelectorAll('ol.story li').forEach(function(li){"
	"li.classList.toggle('hidden',w!==''&&li.textContent.toLowerCase().indexOf(w)<0)})})"
	"})();";

static void h_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
		     const struct tv_stats *st)
{
	struct html_report *h = (struct html_report *)s;
	struct obuf *o = h->base.out;
	const struct draw_out page = { obuf_sink, o };
	const char *title = say_picture_word(PW_REPORT_TITLE);
	/* The policy forbids the page any request at all: what it shows is
	 * in it. */
	/* lang: the language of the words, so that a browser picks the
	 * Japanese or the Korean forms of the Han characters they share. */
	draw_printf(&page, "<!DOCTYPE html>\n<html lang=\"%s\">", say_language());
	obuf_puts(o, "<head><meta charset=\"utf-8\">\n"
		  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		  "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n<title>");
	xml(&page, title);
	draw_puts(&page, "</title>\n<style>");
	draw_puts(&page, STYLE);
	draw_printf(&page, "</style>\n</head>\n<body data-connections=\"%" PRIu64 "\">\n<h1>",
		    h->nconns);
	xml(&page, title);
	draw_puts(&page, "</h1>\n<p class=\"inputs\">");
	for (size_t i = 0; i < n; i++) {
		draw_puts(&page, i > 0 ? "<br><code>" : "<code>");
		xml(&page, in[i].path != NULL ? in[i].path : "-");
		char k[24], words[120];
		k[fmt_u64(k, in[i].packets)] = '\0';
		say_format(words, sizeof(words), Q_(": %1$s packet", ": %1$s packets", in[i].packets),
			   SAY_ARGS(k));
		draw_puts(&page, "</code>");
		xml(&page, words);
	}
	char a[24], b[24], c[24], words[200];
	a[fmt_u64(a, st->packets)] = '\0';
	b[fmt_u64(b, st->tcp_packets)] = '\0';
	c[fmt_u64(c, st->connections)] = '\0';
	say_format(words, sizeof(words), _("%1$s packets, %2$s TCP, %3$s connections"),
		   SAY_ARGS(a, b, c));
	draw_puts(&page, "<br>");
	xml(&page, words);
	draw_puts(&page, "</p>\n");
	if (h->capture_verdict[0] != '\0') {
		draw_printf(&page, "<p class=\"verdict\"><b>%s:</b> ", say_picture_word(PW_VERDICT));
		xml(&page, h->capture_verdict);
		draw_puts(&page, "</p>\n");
	}
	draw_puts(&page, "<input class=\"search\" type=\"search\" placeholder=\"");
	xml(&page, say_picture_word(PW_SEARCH));
	draw_puts(&page, "\">\n<h2>");
	xml(&page, say_picture_word(PW_OVERVIEW));
	draw_puts(&page, "</h2>\n");
	if (h->nconns > h->detailed) {
		char note[200];
		say_capped_conns(HTML_CONNS, note, sizeof(note));
		draw_puts(&page, "<p class=\"cap-note\">");
		xml(&page, note);
		draw_puts(&page, "</p>\n");
	}
	draw_puts(&page, "<table class=\"overview\"><tr>");
	static const enum picture_word heads[] = {
		PW_CONNECTION, PW_CLIENT, PW_SERVER, PW_START, PW_DURATION, PW_PACKETS,
		PW_STATE, PW_VERDICT,
	};
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		draw_puts(&page, "<th>");
		xml(&page, say_picture_word(heads[i]));
		draw_puts(&page, "</th>");
	}
	draw_puts(&page, "</tr>\n");
	if (!spool_drain(&h->doc_arena, &h->overview, o))
		obuf_lost(o, "the report's table could not be read back");
	draw_puts(&page, "</table>\n");
	if (!spool_drain(&h->doc_arena, &h->body, o))
		obuf_lost(o, "the report's sections could not be read back");
	obuf_puts(o, "<script>");
	obuf_puts(o, SCRIPT);
	obuf_puts(o, "</script>\n</body></html>\n");
}

static void h_destroy(struct tv_sink *s)
{
	struct html_report *h = (struct html_report *)s;
	struct hconn *c;
	while ((c = idmap_pop(&h->conns)) != NULL) {
		spool_discard(&h->conn_arena, &c->story);
		spool_discard(&h->conn_arena, &c->points);
		free(c);
	}
	idmap_release(&h->conns);
	ladder_layout_free(h->layout);
	if (h->svg != NULL)
		h->svg->ops->destroy(h->svg);
	spool_discard(&h->doc_arena, &h->body);
	spool_discard(&h->doc_arena, &h->overview);
	spool_arena_release(&h->conn_arena);
	spool_arena_release(&h->doc_arena);
	free(h);
}

static const struct tv_sink_ops html_ops = {
	.begin = report_ignore_begin,
	.conn_open = h_open,
	.event = h_event,
	.bytes = NULL,
	.app = h_app,
	.diagnosis = h_diagnosis,
	.capture_verdict = h_capture_verdict,
	.conn_close = h_close,
	.malformed = report_ignore_malformed,
	.finish = h_finish,
	.destroy = h_destroy,
};

struct tv_sink *report_html_new(const struct report_config *cfg, struct obuf *out)
{
	struct html_report *h = report_alloc(sizeof(*h), &html_ops, cfg, out);
	if (h == NULL)
		return NULL;
	spool_arena_init(&h->conn_arena, HTML_SPOOL_BUDGET);
	spool_arena_init(&h->doc_arena, HTML_SPOOL_BUDGET);
	idmap_init(&h->conns);
	h->body_out.put = put_body;
	h->body_out.ctx = h;
	h->overview_out.put = put_overview;
	h->overview_out.ctx = h;
	h->svg = ladder_svg_writer_new(false, NULL);
	if (h->svg != NULL) {
		h->svg->out = h->body_out;
		h->layout = ladder_layout_new(h->svg, true, cfg->absolute_seq,
					      report_budget(cfg, LADDER_SPOOL_BUDGET), out);
	}
	if (h->svg == NULL || h->layout == NULL) {
		h_destroy(&h->base.sink);
		return NULL;
	}
	return &h->base.sink;
}
