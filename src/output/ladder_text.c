/*
 * ladder_text.c - a ladder drawn with box-drawing characters, for a
 * terminal (output layer, SPEC §12; layout in ladder.c).
 *
 * Lanes are vertical lines; each row is its words, folded at spaces to
 * the room between its two lanes, then its arrow, with the time in the
 * left gutter and the frame on the right.  A client's words start at its
 * lane and a server's end at its own, so the text reads from the side
 * that spoke.  80 columns unless the terminal is wider (--width); an
 * ASCII terminal gets '|', '-', '>' and '<'.  Geometry only: the words
 * come made (say/picture.c).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/output/ansi.h"
#include "tcpview/output/ladder.h"
#include "tcpview/say/tr.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/wrap.h"

#define GUTTER 11		/* "-0.000320 " and the first lane */
#define FRAME_COLS 8		/* " 1234567" after the last lane */
#define DEFAULT_WIDTH 80
#define MAX_WIDTH 200		/* wider than this is hard to follow */
#define LINE_BYTES 2048

struct text_writer {
	struct ladder_writer base;
	size_t width;
	int x[3];		/* lane columns */
};

/* The glyphs: box drawing, or ASCII for a terminal that is not UTF-8. */
struct glyphs {
	const char *lane, *line, *trouble, *dotted, *fold, *right, *left, *cross, *start;
};

static const struct glyphs box = {
	"\xe2\x94\x82", "\xe2\x94\x80", "\xe2\x95\x8c", "\xe2\x94\x84", "\xe2\x95\x90",
	"\xe2\x96\xb6", "\xe2\x97\x80", "\xe2\x9c\x95", "\xe2\x94\x9c",
};
static const struct glyphs ascii = { "|", "-", "~", ".", "=", ">", "<", "x", "|" };

/* A line under construction: bytes and the column reached. */
struct line {
	char b[LINE_BYTES];
	size_t n, col;
};

static void put(struct line *l, const char *s, size_t n, size_t cols)
{
	if (l->n + n >= sizeof(l->b))
		return;
	memcpy(l->b + l->n, s, n);
	l->n += n;
	l->col += cols;
}

static void glyph(struct line *l, const char *g)
{
	put(l, g, strlen(g), 1);
}

static void spaces_to(struct line *l, size_t col)
{
	while (l->col < col && l->n + 1 < sizeof(l->b)) {
		l->b[l->n++] = ' ';
		l->col++;
	}
}

static void emit(struct text_writer *t, struct line *l)
{
	/* No trailing blanks. */
	while (l->n > 0 && l->b[l->n - 1] == ' ')
		l->n--;
	l->b[l->n++] = '\n';
	draw_write(&t->base.out, l->b, l->n);
	l->n = 0;
	l->col = 0;
}

static const struct glyphs *glyphs_of(const struct text_writer *t)
{
	return t->base.ascii ? &ascii : &box;
}

/* The lanes from the line's column up to column `to` (exclusive). */
static void lanes_until(struct text_writer *t, struct line *l, int nlanes, size_t to)
{
	for (int i = 0; i < nlanes; i++) {
		if ((size_t)t->x[i] < l->col || (size_t)t->x[i] >= to)
			continue;
		spaces_to(l, (size_t)t->x[i]);
		glyph(l, glyphs_of(t)->lane);
	}
}

static void geometry(struct text_writer *t, const struct ladder_conn *c)
{
	size_t w = t->base.width != 0 ? t->base.width : DEFAULT_WIDTH;
	if (w < 60)
		w = 60;
	if (w > MAX_WIDTH)
		w = MAX_WIDTH;
	t->width = w;
	int right = (int)(w - FRAME_COLS - 1);
	if (c->nlanes == 3) {
		/* The DNS exchange needs less room than the connection. */
		t->x[0] = GUTTER - 1;
		t->x[1] = GUTTER - 1 + (right - GUTTER) / 3;
		t->x[2] = right;
	} else {
		t->x[0] = GUTTER - 1;
		t->x[1] = right;
	}
}

/* One row of words between lanes a < b: left-aligned from the left lane
 * when the speaker is there, right-aligned to the right lane otherwise. */
static void words_line(struct text_writer *t, const struct ladder_conn *c, int a, int b,
		       bool from_left, const char *s, size_t n, const char *color)
{
	struct line l = { .n = 0, .col = 0 };
	size_t cols = wrap_width(s, n);
	lanes_until(t, &l, c->nlanes, (size_t)t->x[a] + 1);
	size_t room_start = (size_t)t->x[a] + 2, room_end = (size_t)t->x[b] - 1;
	size_t at = from_left || cols >= room_end - room_start ? room_start : room_end - cols;
	lanes_until(t, &l, c->nlanes, at);
	spaces_to(&l, at);
	if (color != NULL)
		put(&l, color, strlen(color), 0);
	put(&l, s, n, cols);
	if (color != NULL)
		put(&l, C_RESET, sizeof(C_RESET) - 1, 0);
	lanes_until(t, &l, c->nlanes, (size_t)t->width);
	emit(t, &l);
}

/* Words folded to the room between lanes a and b, a row each. */
static void words(struct text_writer *t, const struct ladder_conn *c, int a, int b,
		  bool from_left, const char *s, const char *color)
{
	size_t n = strlen(s);
	if (n == 0)
		return;
	size_t room = (size_t)(t->x[b] - t->x[a]) - 3;
	char folded[1024];
	if (wrap_room(n, room, 0) > sizeof(folded)) {
		words_line(t, c, a, b, from_left, s, n, color);
		return;
	}
	size_t k = wrap_line(s, n, room, 0, folded);
	for (size_t i = 0; i < k;) {
		size_t e = i;
		while (e < k && folded[e] != '\n')
			e++;
		words_line(t, c, a, b, from_left, folded + i, e - i, color);
		i = e + 1;
	}
}

static const char *tone_color(uint8_t tone)
{
	switch (tone) {
	case LT_OPEN: return C_GREEN;
	case LT_CLOSE: return C_CYAN;
	case LT_TROUBLE: return C_YELLOW;
	case LT_RESET:
	case LT_ICMP: return C_RED;
	default: return NULL;
	}
}

static void time_gutter(struct line *l, int64_t ns)
{
	char tm[32];
	size_t k = fmt_seconds(tm, sizeof(tm), ns, 6);
	char pad[32];
	size_t p = fmt_pad(pad, tm, k, GUTTER - 2);
	put(l, pad, p, p);
}

/* The arrow: its line between the two lanes, time before, frame after. */
static void arrow_line(struct text_writer *t, const struct ladder_conn *c,
		       const struct ladder_row *r)
{
	const struct glyphs *g = glyphs_of(t);
	int a = r->from < r->to ? r->from : r->to, b = r->from < r->to ? r->to : r->from;
	bool right = r->from < r->to;
	const char *body = r->kind == LR_FOLD ? g->fold : r->tone == LT_TROUBLE ? g->trouble
			   : r->tone == LT_ICMP ? g->dotted : g->line;
	const char *color = t->base.color ? tone_color(r->tone) : NULL;
	struct line l = { .n = 0, .col = 0 };
	time_gutter(&l, r->rel_ns);
	lanes_until(t, &l, c->nlanes, (size_t)t->x[a]);
	spaces_to(&l, (size_t)t->x[a]);
	glyph(&l, g->lane);
	if (color != NULL)
		put(&l, color, strlen(color), 0);
	size_t len = (size_t)(t->x[b] - t->x[a]) - 1;
	for (size_t i = 0; i < len; i++) {
		const char *ch = body;
		bool head_r = right || r->kind == LR_FOLD, head_l = !right || r->kind == LR_FOLD;
		if (i == len - 1 && head_r)
			ch = r->tone == LT_RESET && right ? g->cross : g->right;
		else if (i == 0 && head_l)
			ch = r->tone == LT_RESET && !right ? g->cross : g->left;
		else if (c->nlanes == 3 && a == 0 && b == 2 && (int)(t->x[a] + 1 + i) == t->x[1])
			ch = g->lane;	/* crossing the middle lane */
		glyph(&l, ch);
	}
	if (color != NULL)
		put(&l, C_RESET, sizeof(C_RESET) - 1, 0);
	glyph(&l, g->lane);
	lanes_until(t, &l, c->nlanes, (size_t)t->x[c->nlanes - 1] + 1);
	if (r->frame > 0) {
		char num[24];
		size_t k = fmt_u64(num, r->frame);
		size_t at = t->width - k;
		if (at < (size_t)t->x[c->nlanes - 1] + 2)
			at = (size_t)t->x[c->nlanes - 1] + 2;
		spaces_to(&l, at);
		put(&l, num, k, k);
	}
	emit(t, &l);
}

static void tw_doc_begin(struct ladder_writer *w)
{
	(void)w;
}

static void tw_conn_begin(struct ladder_writer *w, const struct ladder_conn *c)
{
	struct text_writer *t = (struct text_writer *)w;
	geometry(t, c);
	char *folded = malloc(wrap_room(sizeof(c->title), t->width, 2));
	if (folded != NULL) {
		size_t n = wrap_line(c->title, strlen(c->title), t->width, 2, folded);
		if (t->base.color)
			draw_puts(&w->out, C_BOLD);
		draw_write(&w->out, folded, n);
		if (t->base.color)
			draw_puts(&w->out, C_RESET);
		free(folded);
	}
	/* Lane names, then addresses, each centred on its lane where it fits. */
	for (int row = 0; row < 2; row++) {
		struct line l = { .n = 0, .col = 0 };
		for (int i = 0; i < c->nlanes; i++) {
			const char *s = row == 0 ? c->lane_name[i] : c->lane_addr[i];
			size_t n = strlen(s), cols = wrap_width(s, n);
			size_t at = (size_t)t->x[i] > cols / 2 ? (size_t)t->x[i] - cols / 2 : 0;
			if (i == c->nlanes - 1 && at + cols > t->width)
				at = t->width > cols ? t->width - cols : 0;
			if (at < l.col + 1 && l.col > 0)
				at = l.col + 1;
			spaces_to(&l, at);
			put(&l, s, n, cols);
		}
		emit(t, &l);
	}
	struct line l = { .n = 0, .col = 0 };
	lanes_until(t, &l, c->nlanes, t->width);
	emit(t, &l);
}

static void tw_row(struct ladder_writer *w, const struct ladder_conn *c,
		   const struct ladder_row *r, size_t index)
{
	struct text_writer *t = (struct text_writer *)w;
	(void)index;
	int a = r->from < r->to ? r->from : r->to, b = r->from < r->to ? r->to : r->from;
	bool from_left = r->kind == LR_FOLD || r->from < r->to;
	char text[LADDER_PACKET_MAX + LADDER_LABEL_MAX + 4];
	fmt_format(text, sizeof(text), "%s%s%s", r->packet,
		   r->packet[0] != '\0' && r->label[0] != '\0' ? _(", ") : "", r->label);
	words(t, c, a, b, from_left, text, NULL);
	if (r->app[0] != '\0')
		words(t, c, a, b, from_left, r->app, t->base.color ? C_BOLD : NULL);
	arrow_line(t, c, r);
}

static void tw_conn_end(struct ladder_writer *w, const struct ladder_conn *c)
{
	struct text_writer *t = (struct text_writer *)w;
	struct line l = { .n = 0, .col = 0 };
	lanes_until(t, &l, c->nlanes, t->width);
	emit(t, &l);
	const char *lines[2] = { c->end, c->verdict };
	for (int i = 0; i < 2; i++) {
		if (lines[i][0] == '\0')
			continue;
		char head[1200];
		head[0] = head[1] = ' ';
		size_t n = 2 + (i == 1 ? say_format(head + 2, sizeof(head) - 2, _("verdict: %1$s"),
						   SAY_ARGS(lines[i]))
				  : (size_t)fmt_format(head + 2, sizeof(head) - 2, "%s", lines[i]));
		char *folded = malloc(wrap_room(n, t->width, 4));
		if (folded == NULL)
			continue;
		size_t k = wrap_line(head, n, t->width, 4, folded);
		draw_write(&w->out, folded, k);
		free(folded);
	}
	draw_puts(&w->out, "\n");
}

static void tw_doc_end(struct ladder_writer *w)
{
	(void)w;
}

static void tw_destroy(struct ladder_writer *w)
{
	free(w);
}

static const struct ladder_writer_ops text_ops = {
	.doc_begin = tw_doc_begin,
	.conn_begin = tw_conn_begin,
	.row = tw_row,
	.conn_end = tw_conn_end,
	.doc_end = tw_doc_end,
	.destroy = tw_destroy,
};

struct ladder_writer *ladder_text_writer_new(void)
{
	struct text_writer *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->base.ops = &text_ops;
	return &t->base;
}
