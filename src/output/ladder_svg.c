/*
 * ladder_svg.c - a ladder as SVG (output layer, SPEC §12; layout in
 * ladder.c).
 *
 * Two uses: --ladder=svg writes one standalone document holding every
 * connection one under the other (its height is known only at the end,
 * so the connections are kept in a spool until then, bounded like the
 * stories), and the HTML report draws each connection as an inline
 * <svg class="ladder"> element.  Every row has the same height, so a
 * connection's size is known when it begins.  Arrows are lines with their
 * heads drawn as polygons rather than markers, so that many diagrams in
 * one page never share an id; colours are presentation attributes, so
 * that rsvg-convert and browsers draw them alike without a stylesheet.
 * Each arrow is a <g class="arrow" data-frame="N">, each folded run a
 * <g class="fold" data-packets="K">, for the report's script and tests;
 * the DNS query and answer drawn before a connection are <g class="dns">.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/output/ladder.h"
#include "tcpview/say/picture.h"
#include "tcpview/say/tr.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/spool.h"

#define WIDTH 960
#define TOP 78			/* title and lane heads */
#define ROW_H 40
#define BOTTOM 46		/* the ending line */
#define GUTTER_X 8		/* time text */
#define CHAR_W 6.6		/* monospace 11 px: the room for words */
#define DOC_SPOOL_BUDGET (8u * 1024 * 1024)

struct svg_writer {
	struct ladder_writer base;
	bool document;
	struct obuf *final;
	/* document mode: the body so far and its height */
	struct spool_arena arena;
	struct spool body;
	unsigned doc_height, conns;
	struct draw_out conn_out;	/* where a connection draws */
	int x[3];
	unsigned y0;			/* the connection's top in the document */
};

static void to_body(void *ctx, const void *p, size_t n)
{
	struct svg_writer *s = ctx;
	spool_write(&s->arena, &s->body, p, n);
}

static const struct draw_out *out_of(struct svg_writer *s)
{
	return s->document ? &s->conn_out : &s->base.out;
}

static const char *tone_stroke(uint8_t tone)
{
	switch (tone) {
	case LT_OPEN: return "#1a7f37";
	case LT_CLOSE: return "#0969da";
	case LT_TROUBLE: return "#bf8700";
	case LT_RESET:
	case LT_ICMP: return "#cf222e";
	default: return "#24292f";
	}
}

static unsigned conn_height(const struct ladder_conn *c)
{
	return TOP + (unsigned)c->nrows * ROW_H + BOTTOM;
}

/* Text cut to what fits in `px` pixels, escaped. */
static void fitted(const struct draw_out *o, const char *s, double px)
{
	size_t max = px > CHAR_W ? (size_t)(px / CHAR_W) : 1, n = 0, chars = 0;
	/* Count characters, not bytes: UTF-8 continuation bytes take no room. */
	while (s[n] != '\0' && chars < max) {
		n++;
		while (((unsigned char)s[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	draw_xml(o, s, n);
	if (s[n] != '\0')
		draw_puts(o, "\xe2\x80\xa6");
}

static void sw_doc_begin(struct ladder_writer *w)
{
	(void)w;
}

static void sw_conn_begin(struct ladder_writer *w, const struct ladder_conn *c)
{
	struct svg_writer *s = (struct svg_writer *)w;
	const struct draw_out *o = out_of(s);
	unsigned h = conn_height(c);
	if (c->nlanes == 3) {
		s->x[0] = 150;
		s->x[1] = 390;
		s->x[2] = 880;
	} else {
		s->x[0] = 160;
		s->x[1] = 880;
	}
	if (s->document) {
		s->y0 = s->doc_height;
		draw_printf(o, "<g class=\"conn\" data-conn=\"%" PRIu64 "\" transform=\"translate(0,%u)\">\n",
			    c->report->info.id, s->y0);
	} else {
		draw_printf(o, "<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" "
			    "width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\" "
			    "font-family=\"monospace\" font-size=\"11\">\n", WIDTH, h, WIDTH, h);
	}
	draw_puts(o, "<text x=\"8\" y=\"18\" font-size=\"13\" font-weight=\"bold\">");
	fitted(o, c->title, WIDTH - 16);
	draw_puts(o, "</text>\n");
	for (int i = 0; i < c->nlanes; i++) {
		draw_printf(o, "<text x=\"%d\" y=\"44\" text-anchor=\"middle\" font-weight=\"bold\">",
			    s->x[i]);
		draw_xml(o, c->lane_name[i], strlen(c->lane_name[i]));
		draw_printf(o, "</text><text x=\"%d\" y=\"58\" text-anchor=\"middle\">", s->x[i]);
		draw_xml(o, c->lane_addr[i], strlen(c->lane_addr[i]));
		draw_printf(o, "</text><line x1=\"%d\" y1=\"66\" x2=\"%d\" y2=\"%u\" "
			    "stroke=\"#8c959f\" stroke-width=\"2\"/>\n", s->x[i], s->x[i],
			    TOP + (unsigned)c->nrows * ROW_H + 8);
	}
	draw_printf(o, "<text x=\"%d\" y=\"72\" fill=\"#57606a\">%s</text>"
		    "<text x=\"%d\" y=\"72\" text-anchor=\"end\" fill=\"#57606a\">%s</text>\n",
		    GUTTER_X, say_picture_word(PW_TIME), WIDTH - 8, say_picture_word(PW_FRAME));
}

static void sw_row(struct ladder_writer *w, const struct ladder_conn *c,
		   const struct ladder_row *r, size_t index)
{
	struct svg_writer *s = (struct svg_writer *)w;
	const struct draw_out *o = out_of(s);
	unsigned y = TOP + (unsigned)index * ROW_H;
	char tm[32];
	fmt_seconds(tm, sizeof(tm), r->rel_ns, 6);
	if (r->kind == LR_FOLD) {
		int a = s->x[c->lane_client], b = s->x[c->lane_server];
		draw_printf(o, "<g class=\"fold\" data-packets=\"%" PRIu64 "\" data-frames=\"%" PRIu64
			    "-%" PRIu64 "\"><title>", r->packets, r->frame, r->last_frame);
		draw_xml(o, r->label, strlen(r->label));
		draw_printf(o, "</title><rect x=\"%d\" y=\"%u\" width=\"%d\" height=\"%d\" "
			    "fill=\"#f6f8fa\" stroke=\"#afb8c1\" stroke-dasharray=\"4 3\"/>"
			    "<text x=\"%d\" y=\"%u\" text-anchor=\"middle\" fill=\"#57606a\">",
			    a + 6, y + 6, b - a - 12, ROW_H - 10, (a + b) / 2, y + 25);
		fitted(o, r->label, b - a - 24);
		draw_printf(o, "</text><text x=\"%d\" y=\"%u\" fill=\"#57606a\">%s</text></g>\n",
			    GUTTER_X, y + 25, tm);
		return;
	}
	int x1 = s->x[r->from], x2 = s->x[r->to];
	int left = x1 < x2 ? x1 : x2, right = x1 < x2 ? x2 : x1;
	const char *stroke = tone_stroke(r->tone);
	unsigned ay = y + 32;
	/* The DNS exchange before the connection is not one of its packets:
	 * another class, so that arrows count the connection's packets. */
	bool dns = c->lane_dns >= 0 && (r->from == c->lane_dns || r->to == c->lane_dns);
	draw_printf(o, "<g class=\"%s\" data-frame=\"%" PRIu64 "\"><title>", dns ? "dns" : "arrow",
		    r->frame);
	draw_xml(o, r->packet, strlen(r->packet));
	if (r->label[0] != '\0') {
		draw_xml(o, _(", "), strlen(_(", ")));
		draw_xml(o, r->label, strlen(r->label));
	}
	draw_puts(o, "</title>");
	/* Words above the arrow, from the side that sent it. */
	bool rtl = x2 < x1;
	int tx = rtl ? right - 6 : left + 6;
	const char *anchor = rtl ? "end" : "start";
	draw_printf(o, "<text x=\"%d\" y=\"%u\" text-anchor=\"%s\">", tx, y + 11, anchor);
	char words[LADDER_PACKET_MAX + LADDER_LABEL_MAX + 4];
	fmt_format(words, sizeof(words), "%s%s%s", r->packet, r->label[0] != '\0' ? _(", ") : "",
		   r->label);
	fitted(o, words, right - left - 12);
	draw_puts(o, "</text>");
	if (r->app[0] != '\0') {
		draw_printf(o, "<text x=\"%d\" y=\"%u\" text-anchor=\"%s\" font-weight=\"bold\" "
			    "fill=\"#0550ae\">", tx, y + 24, anchor);
		fitted(o, r->app, right - left - 12);
		draw_puts(o, "</text>");
	}
	const char *dash = r->tone == LT_TROUBLE ? " stroke-dasharray=\"6 4\""
			   : r->tone == LT_ICMP ? " stroke-dasharray=\"2 3\"" : "";
	int tip = x2 + (rtl ? 2 : -2);
	draw_printf(o, "<line x1=\"%d\" y1=\"%u\" x2=\"%d\" y2=\"%u\" stroke=\"%s\" "
		    "stroke-width=\"1.6\"%s/>", x1, ay, tip, ay, stroke, dash);
	if (r->tone == LT_RESET || r->tone == LT_ICMP) {
		int cx = x2 + (rtl ? 8 : -8);
		draw_printf(o, "<path d=\"M%d %u L%d %u M%d %u L%d %u\" stroke=\"%s\" "
			    "stroke-width=\"2\"/>", cx - 5, ay - 5, cx + 5, ay + 5, cx - 5, ay + 5,
			    cx + 5, ay - 5, stroke);
	} else {
		int back = rtl ? tip + 9 : tip - 9;
		draw_printf(o, "<polygon points=\"%d,%u %d,%u %d,%u\" fill=\"%s\"/>", tip, ay,
			    back, ay - 4, back, ay + 4, stroke);
	}
	draw_printf(o, "<text x=\"%d\" y=\"%u\" fill=\"#57606a\">%s</text>", GUTTER_X, ay + 4, tm);
	if (r->frame > 0)
		draw_printf(o, "<text x=\"%d\" y=\"%u\" text-anchor=\"end\" fill=\"#57606a\">%"
			    PRIu64 "</text>", WIDTH - 8, ay + 4, r->frame);
	draw_puts(o, "</g>\n");
}

static void sw_conn_end(struct ladder_writer *w, const struct ladder_conn *c)
{
	struct svg_writer *s = (struct svg_writer *)w;
	const struct draw_out *o = out_of(s);
	unsigned y = TOP + (unsigned)c->nrows * ROW_H + 28;
	draw_printf(o, "<text x=\"8\" y=\"%u\">", y);
	fitted(o, c->end, WIDTH - 16);
	draw_puts(o, "</text>\n");
	draw_puts(o, s->document ? "</g>\n" : "</svg>\n");
	if (s->document) {
		s->doc_height += conn_height(c);
		s->conns++;
	}
}

static void sw_doc_end(struct ladder_writer *w)
{
	struct svg_writer *s = (struct svg_writer *)w;
	if (!s->document)
		return;
	unsigned h = s->doc_height > 0 ? s->doc_height : 40;
	obuf_printf(s->final, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
		    "viewBox=\"0 0 %u %u\" font-family=\"monospace\" font-size=\"11\">\n"
		    "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n", WIDTH, h, WIDTH, h);
	if (!spool_drain(&s->arena, &s->body, s->final))
		obuf_lost(s->final, "the SVG document could not be read back");
	obuf_puts(s->final, "</svg>\n");
}

static void sw_destroy(struct ladder_writer *w)
{
	struct svg_writer *s = (struct svg_writer *)w;
	if (s->document) {
		spool_discard(&s->arena, &s->body);
		spool_arena_release(&s->arena);
	}
	free(s);
}

static const struct ladder_writer_ops svg_ops = {
	.doc_begin = sw_doc_begin,
	.conn_begin = sw_conn_begin,
	.row = sw_row,
	.conn_end = sw_conn_end,
	.doc_end = sw_doc_end,
	.destroy = sw_destroy,
};

struct ladder_writer *ladder_svg_writer_new(bool document, struct obuf *final)
{
	struct svg_writer *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	s->base.ops = &svg_ops;
	s->document = document;
	s->final = final;
	if (document) {
		spool_arena_init(&s->arena, DOC_SPOOL_BUDGET);
		s->conn_out.put = to_body;
		s->conn_out.ctx = s;
	}
	return &s->base;
}
