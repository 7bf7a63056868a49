/*
 * tsg.c - the Stevens time-sequence graph of one direction of a
 * connection, as inline SVG (output layer, drawn for the HTML report,
 * SPEC §12).
 *
 * The report hands over the connection's packets as tsg_points and gets
 * back, per direction, one <svg class="tsg"> element: relative sequence
 * number over the time since the connection's first packet, as in
 * Stevens's TCP/IP Illustrated.  The marks are tcptrace's (tcptrace -S,
 * drawn with xplot; Wireshark's "tcptrace" graph draws the same, where
 * its "Stevens" graph has a dot per segment): each segment a vertical bar
 * from seq to seq + len with small end ticks, the peer's ACK line and
 * receive-window line (ack + window) as steps (tcptrace's green and
 * yellow lines), retransmissions in red, SACK blocks as bars in their own
 * colour (purple, as tcptrace draws them), zero windows, SYN, FIN and RST
 * marked.  The
 * points are walked a few times, once per layer of the picture (lines
 * under ticks under segments), each walk O(n); nothing is allocated: the
 * bytes go out through a buffer on the stack, long point lists in pieces.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tcpview/output/draw.h"
#include "tcpview/output/tsg.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/wrap.h"

/* Colours for a white page; tcptrace's xplot ones are for a black one. */
#define C_DATA "#1f4e9c"
#define C_ACK "#2e8b2e"
#define C_WIN "#b8860b"
#define C_RETRANS "#d62728"
#define C_LOST "#f07f0e"
#define C_RST "#8b0000"
#define C_SACK "#8e44ad"
#define C_ZW "#e0158a"
#define C_GRID "#e6e6e6"
#define C_AXIS "#444"

/* Times are clamped to [0, 10^17 ns] (three years): far from overflowing
 * the arithmetic below, far longer than any capture. */
#define T_MAX_NS 100000000000000000LL
/* No step of a sequence number is larger than the largest window, 2^30
 * (RFC 7323 §2.3): a bigger jump is a broken value, not progress. */
#define PLAUSIBLE (INT64_C(1) << 30)

/* Fixed parts of the layout, in pixels. */
#define TOP 30			/* the title above the plot */
#define RIGHT_MIN 16
#define BELOW 38		/* tick labels and the time axis's title */
#define LEGEND_ROW 16
#define LEGEND_ROWS 3		/* at most; items that do not fit are left out */
#define CHAR_PX 7		/* an estimate of a column of 11px text */

/* ---- output in pieces ---- */

/* A stack buffer in front of the draw_out: put() once per kilobyte, not
 * once per number. */
struct sink {
	const struct draw_out *o;
	size_t len;
	char buf[1024];
};

static void s_flush(struct sink *s)
{
	draw_write(s->o, s->buf, s->len);
	s->len = 0;
}

static void s_raw(struct sink *s, const char *p, size_t n)
{
	if (n > sizeof(s->buf) - s->len)
		s_flush(s);
	if (n > sizeof(s->buf)) {
		draw_write(s->o, p, n);
		return;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

static void s_lit(struct sink *s, const char *lit)
{
	s_raw(s, lit, strlen(lit));
}

/* Formats with fmt_vformat (C locale: %s %u %d only) into the buffer. */
static void s_printf(struct sink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void s_printf(struct sink *s, const char *fmt, ...)
{
	if (sizeof(s->buf) - s->len < 512)
		s_flush(s);
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vformat(s->buf + s->len, sizeof(s->buf) - s->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->len += (size_t)n;
}

static void s_u64(struct sink *s, uint64_t v)
{
	if (sizeof(s->buf) - s->len < 24)
		s_flush(s);
	s->len += fmt_u64(s->buf + s->len, v);
}

/* A coordinate given in tenths of a pixel (never negative: every one is
 * clamped into the picture), with one decimal only when it is not zero. */
static void s_px(struct sink *s, long tenths)
{
	if (tenths < 0)
		tenths = 0;
	s_u64(s, (uint64_t)tenths / 10);
	if (tenths % 10 != 0) {
		char d[2] = { '.', (char)('0' + tenths % 10) };
		s_raw(s, d, 2);
	}
}

/* "x,y": one vertex of a path or polyline. */
static void s_xy(struct sink *s, long x, long y)
{
	s_px(s, x);
	s_raw(s, ",", 1);
	s_px(s, y);
}

/* Words from the say layer, escaped; NULL is no words. */
static void s_text(struct sink *s, const char *text)
{
	if (text == NULL || text[0] == '\0')
		return;
	s_flush(s);
	draw_xml(s->o, text, strlen(text));
}

/* ---- sequence numbers as one line ---- */

static bool has_space(const struct tsg_point *p)
{
	return p->len > 0 || (p->marks & (TSG_SYN | TSG_FIN | TSG_RST)) != 0;
}

/* A stray dir value counts as the server's, so that every point lands in
 * exactly one of the two graphs whatever it holds. */
static enum tv_dir point_dir(const struct tsg_point *p)
{
	return p->dir == DIR_C2S ? DIR_C2S : DIR_S2C;
}

static int64_t clamp_t(int64_t t)
{
	return t < 0 ? 0 : t > T_MAX_NS ? T_MAX_NS : t;
}

/*
 * One walk over the points for the graph of `dir`.  Relative sequence
 * numbers are still 32-bit and wrap: a capture that starts mid-stream
 * sees retransmissions of bytes before its first one just below 2^32,
 * and a long transfer passes 2^32.  Like tcptrace, each value is unwrapped
 * against the last one seen (RFC 9293 §3.4: by the sign of the 32-bit
 * difference) onto a 64-bit line, so those sit just below 0 or past 2^32
 * instead of stretching the axis to four gigabytes.  Every walk sees the
 * same values in the same order, so all of them place a point alike.
 */
struct walk {
	enum tv_dir dir;
	int64_t ref;		/* the last plausible value seen */
	int64_t ack;		/* the highest acknowledgment so far */
	bool have_ack;
};

/* What one point is in this graph. */
struct step {
	bool here;		/* it is an element of class "pt" in this graph */
	bool seg;		/* sequence space of this direction: lo .. hi */
	bool peer;		/* sent by the other side */
	bool ack;		/* an acknowledgment of this direction's data: a */
	bool fresh;		/* ... not older than the ones before: on the lines */
	int64_t lo, hi, a, edge;	/* edge: a + window */
	unsigned nsack;
	int64_t sl[TSG_MAX_SACK], sr[TSG_MAX_SACK];
};

static void walk_init(struct walk *w, enum tv_dir dir)
{
	*w = (struct walk){ .dir = dir };
}

static int64_t unwrap(struct walk *w, uint32_t v, bool move)
{
	int64_t d = (int32_t)(v - (uint32_t)w->ref);
	int64_t u = w->ref + d;
	/* A wild value (a broken packet) is placed but does not become the
	 * reference for the values after it. */
	if (move && d > -PLAUSIBLE && d < PLAUSIBLE)
		w->ref = u;
	return u;
}

static void walk_step(struct walk *w, const struct tsg_point *p, struct step *r)
{
	bool own = point_dir(p) == w->dir, space = has_space(p);
	r->here = own == space;
	r->seg = r->ack = r->fresh = false;
	r->peer = !own;
	r->nsack = 0;
	if (own) {
		if (space) {
			r->seg = true;
			r->lo = unwrap(w, p->seq, true);
			r->hi = r->lo + p->len;
		}
		return;
	}
	if (p->marks & TSG_ACK) {
		r->ack = true;
		r->a = unwrap(w, p->ack, true);
		r->edge = r->a + p->win;
		/* The cumulative ACK never moves back: an older one arriving
		 * late is stale, and the sender takes neither its ack nor its
		 * window (RFC 9293 §3.10.7.4, SND.WL1/SND.WL2).  Nor does a
		 * jump of more than a window count as progress. */
		if (!w->have_ack || (r->a >= w->ack && r->a - w->ack < PLAUSIBLE)) {
			w->ack = r->a;
			w->have_ack = true;
			r->fresh = true;
		}
	}
	unsigned k = p->nsack < TSG_MAX_SACK ? p->nsack : TSG_MAX_SACK;
	for (unsigned i = 0; i < k; i++) {
		int32_t size = (int32_t)(p->sack_right[i] - p->sack_left[i]);
		if (size <= 0)
			continue;	/* an empty or reversed block: nothing to draw */
		r->sl[r->nsack] = unwrap(w, p->sack_left[i], false);
		r->sr[r->nsack] = r->sl[r->nsack] + size;
		r->nsack++;
	}
}

/* Where the ACK line is now (its bottom before the first ACK). */
static int64_t walk_ack(const struct walk *w)
{
	return w->have_ack ? w->ack : 0;
}

/* ---- scales ---- */

struct graph {
	const struct tsg_point *pts;
	size_t n;
	enum tv_dir dir;
	unsigned width, height;
	int64_t t_end;			/* the connection's last packet */
	int64_t t_hi, t_step;		/* the time axis: 0 .. t_hi ns */
	int64_t y_lo, y_hi, y_step;	/* the sequence axis */
	long x0, x1, y0, y1;		/* the plot, in tenths of a pixel */
	bool retrans, lost, syn, fin, rst, sack, zw;
};

/* The smallest 1, 2 or 5 times a power of ten that cuts `span` into at
 * most `target` steps: round tick labels, as people draw axes. */
static int64_t nice_step(int64_t span, unsigned target)
{
	uint64_t raw = (uint64_t)span / target + ((uint64_t)span % target != 0);
	uint64_t p = 1;
	if (raw == 0)
		raw = 1;
	while (p <= raw / 10)
		p *= 10;
	if (p >= raw)
		return (int64_t)p;
	if (2 * p >= raw)
		return (int64_t)(2 * p);
	if (5 * p >= raw)
		return (int64_t)(5 * p);
	return (int64_t)(10 * p);
}

static int64_t floor_to(int64_t v, int64_t step)
{
	int64_t q = v / step;
	if (v % step != 0 && v < 0)
		q--;
	return q * step;
}

static int64_t ceil_to(int64_t v, int64_t step)
{
	int64_t q = v / step;
	if (v % step != 0 && v > 0)
		q++;
	return q * step;
}

/* First walk: the extent of both axes and what the legend will show. */
static void measure(struct graph *g, int64_t *dmin, int64_t *top)
{
	struct walk w;
	struct step r;
	int64_t lo = 0, hi = 0, edge = 0;
	bool have_edge = false;
	walk_init(&w, g->dir);
	g->t_end = 0;
	g->retrans = g->lost = g->syn = g->fin = g->rst = g->sack = g->zw = false;
	for (size_t i = 0; i < g->n; i++) {
		const struct tsg_point *p = &g->pts[i];
		int64_t t = clamp_t(p->t_ns);
		if (t > g->t_end)
			g->t_end = t;
		walk_step(&w, p, &r);
		if (r.seg) {
			lo = r.lo < lo ? r.lo : lo;
			hi = r.hi > hi ? r.hi : hi;
			g->retrans |= (p->marks & TSG_RETRANS) != 0;
			g->lost |= (p->marks & TSG_LOST) != 0;
			g->syn |= (p->marks & TSG_SYN) != 0;
			g->fin |= (p->marks & TSG_FIN) != 0;
			g->rst |= (p->marks & TSG_RST) != 0;
		}
		if (r.ack) {
			lo = r.a < lo ? r.a : lo;
			hi = r.a > hi ? r.a : hi;
			if (r.fresh && (!have_edge || r.edge > edge)) {
				edge = r.edge;
				have_edge = true;
			}
		}
		for (unsigned k = 0; k < r.nsack; k++) {
			lo = r.sl[k] < lo ? r.sl[k] : lo;
			hi = r.sr[k] > hi ? r.sr[k] : hi;
			g->sack = true;
		}
		if (r.peer && (p->marks & TSG_ZERO_WINDOW))
			g->zw = true;
	}
	*dmin = lo;
	*top = hi;
	/* A window of megabytes over a transfer of a few kilobytes would
	 * flatten the data into the bottom row of pixels: the window line
	 * is clipped at twice the data's span (it runs along the top edge
	 * where it is higher; the ACK ticks' tooltips keep the numbers). */
	if (have_edge && edge > hi) {
		int64_t clip = hi + (hi - lo > 0 ? hi - lo : 1);
		*top = edge < clip ? edge : clip;
	}
	if (*top <= lo)
		*top = lo + 1;
}

/* Digits after the point that a time step needs: 9 less its zeros. */
static int time_decimals(int64_t step)
{
	int d = 9;
	while (d > 0 && step % 10 == 0) {
		step /= 10;
		d--;
	}
	return d;
}

/* A tick's time, "0.25" or "12": seconds with the decimals of the step. */
static size_t time_label(char *buf, int64_t ns, int decimals)
{
	static const uint32_t div[10] = {
		1000000000, 100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1,
	};
	size_t n = fmt_u64(buf, (uint64_t)ns / 1000000000u);
	if (decimals > 0) {
		uint32_t frac = (uint32_t)((uint64_t)ns % 1000000000u);
		buf[n++] = '.';
		fmt_digits(buf + n, frac / div[decimals], decimals);
		n += (size_t)decimals;
	}
	buf[n] = '\0';
	return n;
}

static size_t seq_label(char *buf, int64_t v)
{
	size_t n = 0;
	if (v < 0)
		buf[n++] = '-';
	n += fmt_u64(buf + n, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	return n;
}

static long gx(const struct graph *g, int64_t t)
{
	double f = (double)clamp_t(t) / (double)g->t_hi;
	if (!(f >= 0))		/* NaN cannot come, but never lets one out */
		f = 0;
	if (f > 1)
		f = 1;
	return g->x0 + (long)(f * (double)(g->x1 - g->x0) + 0.5);
}

static long gy(const struct graph *g, int64_t v)
{
	double f = ((double)v - (double)g->y_lo) / (double)(g->y_hi - g->y_lo);
	if (!(f >= 0))
		f = 0;
	if (f > 1)
		f = 1;
	return g->y1 - (long)(f * (double)(g->y1 - g->y0) + 0.5);
}

/* ---- the legend ---- */

enum item_kind { IT_DATA, IT_ACK, IT_WIN, IT_RETRANS, IT_SACK, IT_ZW, IT_SYN, IT_FIN, IT_RST };

struct legend {
	unsigned n, rows;
	struct {
		enum item_kind kind;
		const char *text;
		unsigned x, row;	/* pixels */
	} item[9];
};

/* Lays the items out in rows under the plot; needs only the width. */
static void legend_layout(struct legend *lg, const struct graph *g, const struct tsg_words *w)
{
	const struct {
		enum item_kind kind;
		const char *text;
		bool shown;
	} all[] = {
		{ IT_DATA, w->data, true },
		{ IT_ACK, w->ack, true },
		{ IT_WIN, w->window, true },
		{ IT_RETRANS, w->retrans, g->retrans },
		{ IT_SACK, w->sack, g->sack },
		{ IT_ZW, w->zero_window, g->zw },
		/* Protocol words, the same in every language (SPEC §13). */
		{ IT_SYN, "SYN", g->syn },
		{ IT_FIN, "FIN", g->fin },
		{ IT_RST, "RST", g->rst },
	};
	unsigned x = 8, row = 0;
	lg->n = 0;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (!all[i].shown || all[i].text == NULL || all[i].text[0] == '\0')
			continue;
		size_t cols = wrap_width(all[i].text, strlen(all[i].text));
		unsigned wide = 22 + (unsigned)(cols < 200 ? cols : 200) * CHAR_PX;
		if (x > 8 && x + wide > g->width - 8) {
			x = 8;
			row++;
		}
		if (row >= LEGEND_ROWS)
			break;
		lg->item[lg->n].kind = all[i].kind;
		lg->item[lg->n].text = all[i].text;
		lg->item[lg->n].x = x;
		lg->item[lg->n].row = row;
		lg->n++;
		x += wide + 14;
	}
	lg->rows = lg->n > 0 ? lg->item[lg->n - 1].row + 1 : 0;
}

static void legend_draw(struct sink *s, const struct legend *lg, unsigned y_top)
{
	for (unsigned i = 0; i < lg->n; i++) {
		long x = (long)lg->item[i].x * 10;
		long y = (long)(y_top + lg->item[i].row * LEGEND_ROW) * 10;	/* baseline */
		long m = y - 40;	/* the sample's middle */
		switch (lg->item[i].kind) {
		case IT_DATA:
		case IT_RETRANS:
			s_printf(s, "<path stroke=\"%s\" fill=\"none\" d=\"M",
				 lg->item[i].kind == IT_DATA ? C_DATA : C_RETRANS);
			s_xy(s, x + 50, m + 50);
			s_lit(s, "h4M");
			s_xy(s, x + 70, m + 50);
			s_lit(s, "v-10h-2h4\"/>");
			break;
		case IT_ACK:
		case IT_WIN:
			s_printf(s, "<path stroke=\"%s\" stroke-width=\"1.5\" d=\"M",
				 lg->item[i].kind == IT_ACK ? C_ACK : C_WIN);
			s_xy(s, x, m);
			s_lit(s, "h16\"/>");
			break;
		case IT_SACK:
			s_lit(s, "<path stroke=\"" C_SACK "\" stroke-width=\"2\" d=\"M");
			s_xy(s, x + 70, m + 50);
			s_lit(s, "v-10\"/>");
			break;
		case IT_ZW:
			s_lit(s, "<path fill=\"" C_ZW "\" d=\"M");
			s_xy(s, x + 70, m + 30);
			s_lit(s, "l-4,-7h8z\"/>");
			break;
		case IT_SYN:
			s_lit(s, "<path fill=\"" C_DATA "\" d=\"M");
			s_xy(s, x + 70, m - 30);
			s_lit(s, "l3,3l-3,3l-3,-3z\"/>");
			break;
		case IT_FIN:
			s_lit(s, "<path fill=\"" C_DATA "\" d=\"M");
			s_xy(s, x + 45, m - 25);
			s_lit(s, "h5v5h-5z\"/>");
			break;
		case IT_RST:
			s_lit(s, "<path stroke=\"" C_RST "\" fill=\"none\" d=\"M");
			s_xy(s, x + 40, m - 30);
			s_lit(s, "l6,6m0,-6l-6,6\"/>");
			break;
		}
		s_lit(s, "<text x=\"");
		s_px(s, x + 220);
		s_lit(s, "\" y=\"");
		s_px(s, y);
		s_lit(s, "\">");
		s_text(s, lg->item[i].text);
		s_lit(s, "</text>");
	}
}

/* ---- the layers of the picture ---- */

/* The axes, the grid and the tick labels; the frame of the picture. */
static void draw_axes(struct sink *s, const struct graph *g, const struct tsg_words *w)
{
	char lab[48];
	int dec = time_decimals(g->t_step);
	/* 50 ticks at most whatever the steps came out as (nice_step makes
	 * about ten). */
	s_lit(s, "<path class=\"grid\" stroke=\"" C_GRID "\" fill=\"none\" d=\"");
	for (int64_t t = g->t_step, k = 0; t <= g->t_hi && k < 50; t += g->t_step, k++) {
		s_lit(s, "M");
		s_xy(s, gx(g, t), g->y0);
		s_lit(s, "V");
		s_px(s, g->y1);
	}
	for (int64_t v = g->y_lo + g->y_step, k = 0; v <= g->y_hi && k < 50; v += g->y_step, k++) {
		s_lit(s, "M");
		s_xy(s, g->x0, gy(g, v));
		s_lit(s, "H");
		s_px(s, g->x1);
	}
	s_lit(s, "\"/><path class=\"axes\" stroke=\"" C_AXIS "\" fill=\"none\" d=\"M");
	s_xy(s, g->x0, g->y0);
	s_lit(s, "V");
	s_px(s, g->y1);
	s_lit(s, "H");
	s_px(s, g->x1);
	for (int64_t t = 0, k = 0; t <= g->t_hi && k < 50; t += g->t_step, k++) {
		s_lit(s, "M");
		s_xy(s, gx(g, t), g->y1);
		s_lit(s, "v4");
	}
	for (int64_t v = g->y_lo, k = 0; v <= g->y_hi && k < 50; v += g->y_step, k++) {
		s_lit(s, "M");
		s_xy(s, g->x0, gy(g, v));
		s_lit(s, "h-4");
	}
	s_lit(s, "\"/><g class=\"ticks\" fill=\"" C_AXIS "\" text-anchor=\"middle\">");
	for (int64_t t = 0, k = 0; t <= g->t_hi && k < 50; t += g->t_step, k++) {
		s_lit(s, "<text x=\"");
		s_px(s, gx(g, t));
		s_lit(s, "\" y=\"");
		s_px(s, g->y1 + 150);
		s_lit(s, "\">");
		s_raw(s, lab, time_label(lab, t, dec));
		s_lit(s, "</text>");
	}
	s_lit(s, "</g><g class=\"ticks\" fill=\"" C_AXIS "\" text-anchor=\"end\">");
	for (int64_t v = g->y_lo, k = 0; v <= g->y_hi && k < 50; v += g->y_step, k++) {
		s_lit(s, "<text x=\"");
		s_px(s, g->x0 - 60);
		s_lit(s, "\" y=\"");
		s_px(s, gy(g, v) + 40);
		s_lit(s, "\">");
		s_raw(s, lab, seq_label(lab, v));
		s_lit(s, "</text>");
	}
	s_lit(s, "</g>");
	/* The axes' titles: time under the plot, sequence up its left side. */
	s_lit(s, "<text text-anchor=\"middle\" x=\"");
	s_px(s, (g->x0 + g->x1) / 2);
	s_lit(s, "\" y=\"");
	s_px(s, g->y1 + 310);
	s_lit(s, "\">");
	s_text(s, w->time_axis);
	s_lit(s, "</text><text text-anchor=\"middle\" transform=\"rotate(-90 ");
	s_xy(s, 130, (g->y0 + g->y1) / 2);
	s_lit(s, ")\" x=\"13\" y=\"");
	s_px(s, (g->y0 + g->y1) / 2);
	s_lit(s, "\">");
	s_text(s, w->seq_axis);
	s_lit(s, "</text>");
}

/*
 * The ACK line or the window line: a step through the peer's fresh
 * acknowledgments, as tcptrace draws them (the value holds until the next
 * one), to the connection's last packet.  One polyline, its points
 * written in pieces; a vertex only where the line turns.
 */
static void draw_step_line(struct sink *s, const struct graph *g, bool window)
{
	struct walk w;
	struct step r;
	long px = 0, py = 0;
	bool open = false;
	walk_init(&w, g->dir);
	for (size_t i = 0; i < g->n; i++) {
		walk_step(&w, &g->pts[i], &r);
		if (!r.fresh)
			continue;
		long x = gx(g, g->pts[i].t_ns);
		long y = gy(g, window ? r.edge : r.a);
		if (!open) {
			s_printf(s, "<polyline class=\"%s\" stroke=\"%s\" stroke-width=\"1.2\" points=\"",
				 window ? "winline" : "ackline", window ? C_WIN : C_ACK);
			s_xy(s, x, y);
			open = true;
		} else if (y != py) {
			if (x != px) {
				s_raw(s, " ", 1);
				s_xy(s, x, py);
			}
			s_raw(s, " ", 1);
			s_xy(s, x, y);
		} else {
			continue;	/* the line runs on: no vertex yet */
		}
		px = x;
		py = y;
	}
	if (!open)
		return;
	long x_end = gx(g, g->t_end);
	if (x_end != px) {
		s_raw(s, " ", 1);
		s_xy(s, x_end, py);
	}
	s_lit(s, "\"/>");
}

/* SACK blocks: a bar from left to right edge at the time the peer told
 * them, and zero windows: a triangle on the window line (where it meets
 * the ACK line).  Neither is a "pt": the ACK tick is. */
static void draw_sack_zw(struct sink *s, const struct graph *g)
{
	struct walk w;
	struct step r;
	bool open = false;
	walk_init(&w, g->dir);
	for (size_t i = 0; i < g->n; i++) {
		walk_step(&w, &g->pts[i], &r);
		if (r.nsack == 0)
			continue;
		if (!open) {
			s_lit(s, "<path class=\"sack\" stroke=\"" C_SACK "\" stroke-width=\"2\" d=\"");
			open = true;
		}
		long x = gx(g, g->pts[i].t_ns) + 20;	/* beside the ACK tick */
		for (unsigned k = 0; k < r.nsack; k++) {
			s_lit(s, "M");
			s_xy(s, x, gy(g, r.sl[k]));
			s_lit(s, "V");
			s_px(s, gy(g, r.sr[k]));
		}
	}
	if (open)
		s_lit(s, "\"/>");

	open = false;
	walk_init(&w, g->dir);
	for (size_t i = 0; i < g->n; i++) {
		walk_step(&w, &g->pts[i], &r);
		if (!r.peer || !(g->pts[i].marks & TSG_ZERO_WINDOW))
			continue;
		if (!open) {
			s_lit(s, "<path class=\"zw\" fill=\"" C_ZW "\" stroke=\"none\" d=\"");
			open = true;
		}
		s_lit(s, "M");
		s_xy(s, gx(g, g->pts[i].t_ns), gy(g, r.ack ? r.a : walk_ack(&w)) - 10);
		s_lit(s, "l-4,-7h8z");
	}
	if (open)
		s_lit(s, "\"/>");
}

/* "#12": the frame a point's tooltip starts with. */
static void tip_frame(struct sink *s, const struct tsg_point *p)
{
	s_lit(s, "<title>#");
	s_u64(s, p->frame);
}

/*
 * The peer's packets without sequence space (pure ACKs, window updates,
 * duplicate ACKs): a tick on the ACK line, a cross for a duplicate.  A
 * packet with neither ACK nor sequence space (no flags at all) sits where
 * the ACK line is.
 */
static void draw_acks(struct sink *s, const struct graph *g, const struct tsg_words *wd)
{
	struct walk w;
	struct step r;
	s_lit(s, "<g class=\"acks\" stroke=\"" C_ACK "\">");
	walk_init(&w, g->dir);
	for (size_t i = 0; i < g->n; i++) {
		const struct tsg_point *p = &g->pts[i];
		walk_step(&w, p, &r);
		if (!r.here || r.seg)
			continue;
		long x = gx(g, p->t_ns), y = gy(g, r.ack ? r.a : walk_ack(&w));
		bool dup = (p->marks & TSG_DUP_ACK) != 0, zw = (p->marks & TSG_ZERO_WINDOW) != 0;
		s_printf(s, "<path class=\"pt %s%s%s%s\" data-frame=\"", r.ack ? "ack" : "bare",
			 dup ? " dup" : "", zw ? " zw" : "", r.nsack > 0 ? " sack" : "");
		s_u64(s, p->frame);
		s_lit(s, "\" d=\"M");
		if (!r.ack) {
			s_xy(s, x - 20, y);
			s_lit(s, "h4");
		} else if (dup) {
			s_xy(s, x - 25, y);
			s_lit(s, "h5M");
			s_xy(s, x, y - 25);
			s_lit(s, "v5");
		} else {
			s_xy(s, x, y - 25);
			s_lit(s, "v5");
		}
		s_lit(s, "\">");
		tip_frame(s, p);
		if (r.ack) {
			s_lit(s, " ACK ");
			s_u64(s, p->ack);
			s_lit(s, ", ");
			if (zw) {
				s_text(s, wd->zero_window);
			} else {
				s_text(s, wd->window);
				s_raw(s, " ", 1);
				s_u64(s, p->win);
			}
		}
		unsigned k = p->nsack < TSG_MAX_SACK ? p->nsack : TSG_MAX_SACK;
		for (unsigned j = 0; j < k; j++) {
			s_lit(s, j == 0 ? ", SACK " : " ");
			s_u64(s, p->sack_left[j]);
			s_raw(s, ":", 1);
			s_u64(s, p->sack_right[j]);
		}
		s_lit(s, "</title></path>");
	}
	s_lit(s, "</g>");
}

/*
 * This direction's segments: a bar from seq to seq + len with end ticks
 * (tcptrace's "I"), a diamond for a SYN, a square at the end of a FIN, a
 * cross at the sequence number of a RST.  Red for a retransmission, as
 * tcptrace and Wireshark colour them; orange after a gap (bytes never
 * seen, Wireshark's "previous segment not captured").
 */
static void draw_segments(struct sink *s, const struct graph *g, const struct tsg_words *wd)
{
	struct walk w;
	struct step r;
	s_lit(s, "<g class=\"segs\" stroke=\"" C_DATA "\" fill=\"" C_DATA "\">");
	walk_init(&w, g->dir);
	for (size_t i = 0; i < g->n; i++) {
		const struct tsg_point *p = &g->pts[i];
		walk_step(&w, p, &r);
		if (!r.seg)
			continue;
		uint8_t m = p->marks;
		bool retrans = m & TSG_RETRANS, lost = m & TSG_LOST;
		const char *kind = m & TSG_RST ? "rst" : m & TSG_SYN ? "syn" : m & TSG_FIN ? "fin" :
				   retrans ? "retrans" : lost ? "lost" : "seg";
		const char *colour = retrans ? C_RETRANS : lost ? C_LOST : m & TSG_RST ? C_RST : NULL;
		/* The first class says what it is; a retransmitted SYN is "pt
		 * syn retrans", a retransmission after a gap "pt retrans lost". */
		bool marker = m & (TSG_RST | TSG_SYN | TSG_FIN);
		s_printf(s, "<path class=\"pt %s%s%s\" data-frame=\"", kind,
			 retrans && marker ? " retrans" : "",
			 lost && (marker || retrans) ? " lost" : "");
		s_u64(s, p->frame);
		if (colour != NULL)
			s_printf(s, "\" stroke=\"%s\" fill=\"%s", colour, colour);
		long x = gx(g, p->t_ns), yb = gy(g, r.lo), yt = gy(g, r.hi);
		s_lit(s, "\" d=\"");
		if (r.hi > r.lo) {
			s_lit(s, "M");
			s_xy(s, x - 20, yb);
			s_lit(s, "h4M");
			s_xy(s, x, yb);
			s_lit(s, "V");
			s_px(s, yt);
			s_lit(s, "m-2,0h4");
		}
		if (m & TSG_SYN) {
			s_lit(s, "M");
			s_xy(s, x, (yb + yt) / 2 - 30);
			s_lit(s, "l3,3l-3,3l-3,-3z");
		}
		if (m & TSG_FIN) {
			s_lit(s, "M");
			s_xy(s, x - 25, yt - 25);
			s_lit(s, "h5v5h-5z");
		}
		if (m & TSG_RST) {
			s_lit(s, "M");
			s_xy(s, x - 30, yb - 30);
			s_lit(s, "l6,6m0,-6l-6,6");
		}
		s_lit(s, "\">");
		tip_frame(s, p);
		if (m & TSG_SYN)
			s_lit(s, " SYN");
		if (m & TSG_FIN)
			s_lit(s, " FIN");
		if (m & TSG_RST)
			s_lit(s, " RST");
		s_raw(s, " ", 1);
		s_u64(s, p->seq);
		if (p->len > 0) {
			s_raw(s, ":", 1);
			s_u64(s, (uint32_t)(p->seq + p->len));
			s_lit(s, " (");
			s_u64(s, p->len);
			s_raw(s, ")", 1);
		}
		if (retrans) {
			s_lit(s, ", ");
			s_text(s, wd->retrans);
		}
		s_lit(s, "</title></path>");
	}
	s_lit(s, "</g>");
}

/*
 * Measures the graph, lays out its legend and scales the sequence axis
 * to the plot's height that leaves; returns the columns of the axis's
 * widest label.
 */
static size_t seq_axis(struct graph *g, struct legend *lg, const struct tsg_words *w,
		       unsigned *plot_h)
{
	int64_t dmin, top;
	char lab[24];
	measure(g, &dmin, &top);
	legend_layout(lg, g, w);
	*plot_h = g->height - TOP - BELOW - lg->rows * LEGEND_ROW - (lg->rows > 0 ? 6 : 0);
	unsigned target = *plot_h / 45;
	target = target < 2 ? 2 : target > 10 ? 10 : target;
	g->y_step = nice_step(top - dmin, target);
	g->y_lo = floor_to(dmin, g->y_step);
	g->y_hi = ceil_to(top, g->y_step);
	if (g->y_hi <= g->y_lo)
		g->y_hi = g->y_lo + g->y_step;
	size_t hi = seq_label(lab, g->y_hi), lo = seq_label(lab, g->y_lo);
	return hi > lo ? hi : lo;
}

void tsg_svg(const struct draw_out *o, const struct tsg_point *pts, size_t n,
	     enum tv_dir data_dir, const struct tsg_words *w, unsigned width,
	     unsigned height)
{
	static const struct tsg_words none;
	struct sink s = { .o = o };
	struct graph g = {
		.pts = n > 0 ? pts : NULL,
		.n = pts != NULL ? n : 0,
		.dir = data_dir == DIR_C2S ? DIR_C2S : DIR_S2C,
		/* Room for the labels, and no picture too big to open. */
		.width = width < 240 ? 240 : width > 8000 ? 8000 : width,
		.height = height < 160 ? 160 : height > 8000 ? 8000 : height,
	};
	struct legend lg;
	char lab[48];
	if (w == NULL)
		w = &none;

	unsigned plot_h;
	size_t ychars = seq_axis(&g, &lg, w, &plot_h);
	/* The other direction's graph, measured only: both pictures of a
	 * connection put their plots at the same x, so that their time axes,
	 * the same, line up when one is shown above the other. */
	struct graph other = g;
	struct legend lg_other;
	unsigned plot_h_other;
	other.dir = g.dir == DIR_C2S ? DIR_S2C : DIR_C2S;
	size_t other_chars = seq_axis(&other, &lg_other, w, &plot_h_other);
	if (other_chars > ychars)
		ychars = other_chars;
	unsigned left = 26 + (unsigned)ychars * CHAR_PX;

	/* Time axis: from the first packet (0) to a round time after the
	 * last; a connection of one instant gets a second, a very short one
	 * at least a microsecond, so that no scale divides by zero. */
	int64_t span = g.t_end <= 0 ? 1000000000 : g.t_end < 1000 ? 1000 : g.t_end;
	unsigned target = (g.width - left - RIGHT_MIN) / 90;
	target = target < 2 ? 2 : target > 10 ? 10 : target;
	g.t_step = nice_step(span, target);
	g.t_hi = ceil_to(span, g.t_step);
	/* Half the last time label hangs past the plot's right end. */
	unsigned right = (unsigned)time_label(lab, g.t_hi, time_decimals(g.t_step)) * CHAR_PX / 2 + 4;
	right = right < RIGHT_MIN ? RIGHT_MIN : right;

	g.x0 = (long)left * 10;
	g.x1 = (long)(g.width - right) * 10;
	g.y0 = TOP * 10;
	g.y1 = (long)(TOP + plot_h) * 10;

	s_printf(&s, "<svg class=\"tsg\" data-dir=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
		 "width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\" font-family=\"sans-serif\" "
		 "font-size=\"11\"><title>", g.dir == DIR_C2S ? "c2s" : "s2c",
		 g.width, g.height, g.width, g.height);
	s_text(&s, w->title);
	s_lit(&s, "</title><text x=\"");
	s_px(&s, g.x0);
	s_lit(&s, "\" y=\"18\" font-size=\"12\" font-weight=\"bold\">");
	s_text(&s, w->title);
	s_lit(&s, "</text>");
	draw_axes(&s, &g, w);
	/* Lines under the SACK bars under the ACK ticks under the segments. */
	s_lit(&s, "<g class=\"plot\" fill=\"none\">");
	draw_step_line(&s, &g, true);
	draw_step_line(&s, &g, false);
	draw_sack_zw(&s, &g);
	draw_acks(&s, &g, w);
	draw_segments(&s, &g, w);
	s_lit(&s, "</g>");
	legend_draw(&s, &lg, TOP + plot_h + BELOW + 12);
	s_lit(&s, "</svg>");
	s_flush(&s);
}
