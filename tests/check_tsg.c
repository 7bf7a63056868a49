/*
 * check_tsg.c - unit tests of output/tsg.h, the Stevens time-sequence
 * graph drawn as SVG, and of output/draw.h's draw_printf and draw_xml.
 *
 * A connection is written out point by point below, as the tracker would
 * hand it over: a handshake, three data segments from the client, the
 * server's ACKs (one duplicate with a SACK block, one zero window and the
 * window update after it), one retransmission, a FIN each way.  Both
 * graphs are drawn into a growing buffer and read back: one well-formed
 * <svg> element each, every point in exactly one of them as one element
 * of class "pt" with its data-frame, no NaN or infinity anywhere.  Then
 * the inputs nobody should send: no points, every point at t = 0,
 * sequence numbers just below 2^32, stray directions, a huge window.
 */
#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/output/draw.h"
#include "tcpview/output/tsg.h"
#include "check_main.h"

/* ---- a draw_out into memory ---- */

struct membuf {
	char *p;
	size_t len, cap;
	size_t puts;		/* calls of put() */
	size_t biggest;		/* the largest single put */
};

static void mem_put(void *ctx, const void *p, size_t n)
{
	struct membuf *b = ctx;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (b->len + n + 1 > cap)
			cap *= 2;
		b->p = realloc(b->p, cap);
		ck_assert_ptr_nonnull(b->p);
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	b->puts++;
	if (n > b->biggest)
		b->biggest = n;
}

static void mem_reset(struct membuf *b)
{
	free(b->p);
	*b = (struct membuf){ 0 };
}

/* The buffer's text; "" when nothing was put. */
static const char *mem_str(const struct membuf *b)
{
	return b->p != NULL ? b->p : "";
}

/* Whether `needle` (lower case) is in `hay` in any case. */
static bool has_nocase(const char *hay, const char *needle)
{
	size_t k = strlen(needle);
	for (const char *p = hay; *p != '\0'; p++) {
		size_t i = 0;
		while (i < k && p[i] != '\0' && (p[i] | 0x20) == needle[i])
			i++;
		if (i == k)
			return true;
	}
	return false;
}

/*
 * strstr by hand: ASan's strstr measures the whole haystack on every
 * call, which makes counting in a megabyte of SVG quadratic.
 */
static const char *find(const char *hay, const char *needle)
{
	size_t k = strlen(needle);
	for (const char *p = hay; *p != '\0'; p++)
		if (*p == needle[0] && strncmp(p, needle, k) == 0)
			return p;
	return NULL;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	for (const char *p = find(hay, needle); p != NULL; p = find(p + k, needle))
		n++;
	return n;
}

/* ---- a small XML reader: enough to prove the SVG is well-formed ---- */

/* An entity reference at `p` ('&'): its length, 0 when it is not one. */
static size_t entity_len(const char *p)
{
	static const char *const names[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(p, names[i], strlen(names[i])) == 0)
			return strlen(names[i]);
	return 0;
}

/*
 * NULL when `s` is exactly one well-formed element (tags balanced and
 * properly nested, attribute values quoted without '<', every '&' an
 * entity, no stray '>' in text), else what is wrong.
 */
static const char *xml_problem(const char *s)
{
	const char *names[64];
	size_t lens[64];
	int depth = 0, roots = 0;
	const char *p = s;
	while (*p != '\0') {
		if (*p == '&') {
			size_t k = entity_len(p);
			if (k == 0)
				return "a bare '&' in text";
			p += k;
			continue;
		}
		if (*p == '>')
			return "a bare '>' in text";
		if (*p != '<') {
			if (depth == 0)
				return "text outside the root element";
			p++;
			continue;
		}
		if (p[1] == '/') {
			const char *name = p + 2;
			size_t n = strcspn(name, ">");
			if (name[n] != '>')
				return "an end tag without '>'";
			if (depth == 0)
				return "an end tag with nothing open";
			depth--;
			if (n != lens[depth] || strncmp(name, names[depth], n) != 0)
				return "an end tag that does not match its start tag";
			p = name + n + 1;
			continue;
		}
		const char *name = p + 1;
		size_t n = strcspn(name, " \t\n/>");
		if (n == 0)
			return "a tag without a name";
		const char *q = name + n;
		char quote = 0;
		bool self = false;
		for (;; q++) {
			if (*q == '\0')
				return "a tag without '>'";
			if (quote != 0) {
				if (*q == quote)
					quote = 0;
				else if (*q == '<')
					return "a '<' in an attribute value";
				else if (*q == '&' && entity_len(q) == 0)
					return "a bare '&' in an attribute value";
				continue;
			}
			if (*q == '"' || *q == '\'') {
				if (q[-1] != '=')
					return "a quote not after '='";
				quote = *q;
			} else if (*q == '>') {
				self = q[-1] == '/';
				break;
			} else if (*q == '<') {
				return "a '<' inside a tag";
			}
		}
		if (depth == 0 && ++roots > 1)
			return "more than one root element";
		if (!self) {
			if (depth == 64)
				return "nested too deep";
			names[depth] = name;
			lens[depth] = n;
			depth++;
		}
		p = q + 1;
	}
	if (depth != 0)
		return "an element left open";
	if (roots != 1)
		return "no root element";
	return NULL;
}

/* Fails unless `svg` is one well-formed, finite <svg class="tsg">. */
static void check_svg(const char *svg, const char *dir)
{
	const char *problem = xml_problem(svg);
	ck_assert_msg(problem == NULL, "not well-formed XML: %s", problem);
	ck_assert_msg(strncmp(svg, "<svg class=\"tsg\"", 16) == 0, "does not start with <svg");
	size_t len = strlen(svg);
	ck_assert_msg(len >= 6 && strcmp(svg + len - 6, "</svg>") == 0,
		      "does not end with </svg>");
	ck_assert_uint_eq(count(svg, "<svg"), 1);
	ck_assert_uint_eq(count(svg, "</svg>"), 1);
	char want[32];
	snprintf(want, sizeof(want), "data-dir=\"%s\"", dir);
	ck_assert_msg(strstr(svg, want) != NULL, "no %s", want);
	ck_assert_msg(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\"") != NULL, "no xmlns");
	ck_assert_msg(!has_nocase(svg, "nan"), "NaN in the SVG");
	ck_assert_msg(!has_nocase(svg, "inf"), "infinity in the SVG");
	ck_assert_msg(strstr(svg, "<script") == NULL && strstr(svg, "href") == NULL,
		      "a script or an external reference");
	/* Coordinates: digits and at most one decimal. */
	for (const char *p = find(svg, " d=\""); p != NULL; p = find(p + 4, " d=\"")) {
		for (const char *q = p + 4; *q != '"'; q++) {
			if (*q == '.')
				ck_assert_msg(q[1] >= '0' && q[1] <= '9' &&
					      !(q[2] >= '0' && q[2] <= '9'),
					      "more than one decimal: %.40s", p);
		}
	}
}

/* ---- the connection ---- */

static const struct tsg_words words = {
	.title = "10.0.0.1:5000 \xe2\x86\x92 10.0.0.2:80",
	.time_axis = "time (s)",
	.seq_axis = "relative sequence number",
	.data = "data",
	.ack = "ACK",
	.window = "window",
	.retrans = "retransmission",
	.sack = "SACK",
	.zero_window = "zero window",
};

#define MS 1000000LL

/*
 * Frame by frame; c = client to server, s = server to client.  The
 * client's segment 5 is lost and resent as frame 9; the server's frame 8
 * is the duplicate ACK with SACK 2001:3001 that frame 6 caused.
 */
static const struct tsg_point conn[] = {
	{ .t_ns = 0, .frame = 1, .seq = 0, .len = 1, .win = 64240, .dir = DIR_C2S,
	  .marks = TSG_SYN },						/* c SYN */
	{ .t_ns = 1 * MS, .frame = 2, .seq = 0, .len = 1, .ack = 1, .win = 65535,
	  .dir = DIR_S2C, .marks = TSG_SYN | TSG_ACK },			/* s SYN-ACK */
	{ .t_ns = 2 * MS, .frame = 3, .seq = 1, .ack = 1, .win = 64240, .dir = DIR_C2S,
	  .marks = TSG_ACK },						/* c ACK */
	{ .t_ns = 3 * MS, .frame = 4, .seq = 1, .len = 1000, .ack = 1, .win = 64240,
	  .dir = DIR_C2S, .marks = TSG_ACK },				/* c 1:1001 */
	{ .t_ns = 4 * MS, .frame = 5, .seq = 1001, .len = 1000, .ack = 1, .win = 64240,
	  .dir = DIR_C2S, .marks = TSG_ACK },				/* c 1001:2001 */
	{ .t_ns = 5 * MS, .frame = 6, .seq = 2001, .len = 1000, .ack = 1, .win = 64240,
	  .dir = DIR_C2S, .marks = TSG_ACK },				/* c 2001:3001 */
	{ .t_ns = 6 * MS, .frame = 7, .seq = 1, .ack = 1001, .win = 65535, .dir = DIR_S2C,
	  .marks = TSG_ACK },						/* s ACK 1001 */
	{ .t_ns = 7 * MS, .frame = 8, .seq = 1, .ack = 1001, .win = 65535, .dir = DIR_S2C,
	  .marks = TSG_ACK | TSG_DUP_ACK, .nsack = 1,
	  .sack_left = { 2001 }, .sack_right = { 3001 } },		/* s dup ACK, SACK */
	{ .t_ns = 8 * MS, .frame = 9, .seq = 1001, .len = 1000, .ack = 1, .win = 64240,
	  .dir = DIR_C2S, .marks = TSG_ACK | TSG_RETRANS },		/* c 1001:2001 again */
	{ .t_ns = 9 * MS, .frame = 10, .seq = 1, .ack = 3001, .win = 0, .dir = DIR_S2C,
	  .marks = TSG_ACK | TSG_ZERO_WINDOW },			/* s ACK 3001, win 0 */
	{ .t_ns = 10 * MS, .frame = 11, .seq = 1, .ack = 3001, .win = 65535, .dir = DIR_S2C,
	  .marks = TSG_ACK },						/* s window update */
	{ .t_ns = 11 * MS, .frame = 12, .seq = 3001, .len = 1, .ack = 1, .win = 64240,
	  .dir = DIR_C2S, .marks = TSG_FIN | TSG_ACK },			/* c FIN */
	{ .t_ns = 12 * MS, .frame = 13, .seq = 1, .len = 1, .ack = 3002, .win = 65535,
	  .dir = DIR_S2C, .marks = TSG_FIN | TSG_ACK },			/* s FIN */
	{ .t_ns = 13 * MS, .frame = 14, .seq = 3002, .ack = 2, .win = 64240, .dir = DIR_C2S,
	  .marks = TSG_ACK },						/* c last ACK */
};
#define NCONN (sizeof(conn) / sizeof(conn[0]))

/* Both graphs of `pts`; checks what holds for any input. */
static void draw_both(const struct tsg_point *pts, size_t n, const struct tsg_words *w,
		      struct membuf *c2s, struct membuf *s2c)
{
	struct draw_out oc = { mem_put, c2s }, os = { mem_put, s2c };
	tsg_svg(&oc, pts, n, DIR_C2S, w, 720, 360);
	tsg_svg(&os, pts, n, DIR_S2C, w, 720, 360);
	check_svg(mem_str(c2s), "c2s");
	check_svg(mem_str(s2c), "s2c");
	ck_assert_uint_eq(count(mem_str(c2s), "class=\"pt ") + count(mem_str(s2c), "class=\"pt "), n);
}

/* The graph that holds frame `frame` ("c2s", "s2c" or NULL: none or both). */
static const char *graph_of(uint64_t frame, const struct membuf *c2s, const struct membuf *s2c)
{
	char want[48];
	snprintf(want, sizeof(want), "data-frame=\"%llu\"", (unsigned long long)frame);
	size_t in_c = count(mem_str(c2s), want), in_s = count(mem_str(s2c), want);
	if (in_c == 1 && in_s == 0)
		return "c2s";
	if (in_c == 0 && in_s == 1)
		return "s2c";
	return NULL;
}

START_TEST(every_point_once)
{
	struct membuf c2s = { 0 }, s2c = { 0 };
	draw_both(conn, NCONN, &words, &c2s, &s2c);
	/* Sequence space in its own direction's graph, pure ACKs in the
	 * graph of the data they acknowledge. */
	static const char *const want[NCONN] = {
		"c2s", "s2c", "s2c", "c2s", "c2s", "c2s", "c2s",
		"c2s", "c2s", "c2s", "c2s", "c2s", "s2c", "s2c",
	};
	for (size_t i = 0; i < NCONN; i++) {
		const char *got = graph_of(conn[i].frame, &c2s, &s2c);
		ck_assert_msg(got != NULL && strcmp(got, want[i]) == 0,
			      "frame %llu should be once in the %s graph, is in %s",
			      (unsigned long long)conn[i].frame, want[i], got ? got : "none or both");
	}
	ck_assert_uint_eq(count(mem_str(&c2s), "class=\"pt "), 10);
	ck_assert_uint_eq(count(mem_str(&s2c), "class=\"pt "), 4);
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

START_TEST(what_each_point_is)
{
	struct membuf c2s = { 0 }, s2c = { 0 };
	draw_both(conn, NCONN, &words, &c2s, &s2c);
	const char *c = mem_str(&c2s), *s = mem_str(&s2c);
	ck_assert_ptr_nonnull(strstr(c, "class=\"pt retrans\" data-frame=\"9\""));
	ck_assert_ptr_nonnull(strstr(c, "class=\"pt syn\" data-frame=\"1\""));
	ck_assert_ptr_nonnull(strstr(c, "class=\"pt fin\" data-frame=\"12\""));
	ck_assert_ptr_nonnull(strstr(c, "class=\"pt seg\" data-frame=\"4\""));
	ck_assert_ptr_nonnull(strstr(c, "class=\"pt ack\" data-frame=\"7\""));
	ck_assert_ptr_nonnull(strstr(c, "class=\"pt ack dup sack\" data-frame=\"8\""));
	ck_assert_ptr_nonnull(strstr(c, "class=\"pt ack zw\" data-frame=\"10\""));
	ck_assert_ptr_nonnull(strstr(s, "class=\"pt syn\" data-frame=\"2\""));
	ck_assert_ptr_nonnull(strstr(s, "class=\"pt fin\" data-frame=\"13\""));
	ck_assert_ptr_nonnull(strstr(s, "class=\"pt ack\" data-frame=\"3\""));
	/* Only the client's data was retransmitted, SACKed, stopped. */
	ck_assert_ptr_null(strstr(s, "retrans"));
	ck_assert_ptr_null(strstr(s, "class=\"sack\""));
	ck_assert_ptr_null(strstr(s, "class=\"zw\""));
	/* The lines, the SACK bar and the zero-window marker. */
	ck_assert_ptr_nonnull(strstr(c, "<polyline class=\"ackline\""));
	ck_assert_ptr_nonnull(strstr(c, "<polyline class=\"winline\""));
	ck_assert_ptr_nonnull(strstr(c, "<path class=\"sack\""));
	ck_assert_ptr_nonnull(strstr(c, "<path class=\"zw\""));
	ck_assert_ptr_nonnull(strstr(s, "<polyline class=\"ackline\""));
	/* Tooltips: numbers and the words given. */
	ck_assert_ptr_nonnull(strstr(c, "<title>#9 1001:2001 (1000), retransmission</title>"));
	ck_assert_ptr_nonnull(strstr(c, "<title>#8 ACK 1001, window 65535, SACK 2001:3001</title>"));
	ck_assert_ptr_nonnull(strstr(c, "<title>#10 ACK 3001, zero window</title>"));
	ck_assert_ptr_nonnull(strstr(c, "<title>#1 SYN 0:1 (1)</title>"));
	/* Legend: what appears. */
	ck_assert_ptr_nonnull(strstr(c, ">retransmission</text>"));
	ck_assert_ptr_nonnull(strstr(c, ">zero window</text>"));
	ck_assert_ptr_null(strstr(s, ">retransmission</text>"));
	/* Axis titles, and the title with its UTF-8 arrow as it came. */
	ck_assert_ptr_nonnull(strstr(c, ">time (s)</text>"));
	ck_assert_ptr_nonnull(strstr(c, ">relative sequence number</text>"));
	ck_assert_ptr_nonnull(strstr(c, "10.0.0.1:5000 \xe2\x86\x92 10.0.0.2:80</text>"));
	/* 14 ms: 1-2-5 ticks of 2 ms with three decimals of a second. */
	ck_assert_ptr_nonnull(strstr(c, ">0.002</text>"));
	ck_assert_ptr_nonnull(strstr(c, ">0.014</text>"));
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

/* The two graphs of a connection share the time axis. */
START_TEST(shared_time_axis)
{
	struct membuf c2s = { 0 }, s2c = { 0 };
	draw_both(conn, NCONN, &words, &c2s, &s2c);
	const char *c = strstr(mem_str(&c2s), "<g class=\"ticks\"");
	const char *s = strstr(mem_str(&s2c), "<g class=\"ticks\"");
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_nonnull(s);
	const char *ce = strstr(c, "</g>"), *se = strstr(s, "</g>");
	ck_assert_ptr_nonnull(ce);
	ck_assert_ptr_nonnull(se);
	ck_assert_int_eq((int)(ce - c), (int)(se - s));
	ck_assert_int_eq(strncmp(c, s, (size_t)(ce - c)), 0);
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

/* The words are text: escaped, never markup. */
START_TEST(words_escaped)
{
	struct tsg_words w = words;
	w.title = "<script>alert('x')</script> & \"more\"";
	w.retrans = "re<trans>";
	struct membuf c2s = { 0 }, s2c = { 0 };
	draw_both(conn, NCONN, &w, &c2s, &s2c);
	const char *c = mem_str(&c2s);
	ck_assert_ptr_null(strstr(c, "<script"));
	ck_assert_ptr_nonnull(strstr(c, "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; "
				       "&quot;more&quot;"));
	ck_assert_ptr_nonnull(strstr(c, ", re&lt;trans&gt;</title>"));
	mem_reset(&c2s);
	mem_reset(&s2c);
	/* No words at all: still a picture. */
	draw_both(conn, NCONN, NULL, &c2s, &s2c);
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

/* ---- inputs nobody should send ---- */

START_TEST(no_points)
{
	struct membuf c2s = { 0 }, s2c = { 0 };
	draw_both(NULL, 0, &words, &c2s, &s2c);
	ck_assert_ptr_null(strstr(mem_str(&c2s), "class=\"pt"));
	ck_assert_ptr_null(strstr(mem_str(&c2s), "<polyline"));
	mem_reset(&c2s);
	mem_reset(&s2c);
	draw_both(conn, 0, &words, &c2s, &s2c);
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

START_TEST(all_at_time_zero)
{
	struct tsg_point pts[NCONN];
	memcpy(pts, conn, sizeof(pts));
	for (size_t i = 0; i < NCONN; i++)
		pts[i].t_ns = 0;
	struct membuf c2s = { 0 }, s2c = { 0 };
	draw_both(pts, NCONN, &words, &c2s, &s2c);
	mem_reset(&c2s);
	mem_reset(&s2c);
	/* One point alone. */
	draw_both(pts, 1, &words, &c2s, &s2c);
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

/*
 * A capture that starts mid-stream: bytes resent from before the first
 * one seen sit just below 2^32, relative; then every value a field can
 * hold: times out of range, a stray direction, windows of 4 GB, SACK
 * blocks reversed, a frame number of 2^64 - 1.
 */
START_TEST(weird_values)
{
	struct tsg_point pts[] = {
		{ .t_ns = 0, .frame = 1, .seq = 0, .len = 1460, .dir = DIR_C2S },
		{ .t_ns = 1000, .frame = 2, .seq = UINT32_MAX - 2919, .len = 1460,
		  .dir = DIR_C2S, .marks = TSG_RETRANS },
		{ .t_ns = 2000, .frame = 3, .ack = UINT32_MAX - 1459, .win = UINT32_MAX,
		  .dir = DIR_S2C, .marks = TSG_ACK },
		{ .t_ns = -5, .frame = 4, .seq = 0x80000000u, .len = UINT32_MAX,
		  .dir = 7, .marks = 0xff },
		{ .t_ns = INT64_MAX, .frame = 5, .ack = 0x7fffffffu, .dir = DIR_C2S,
		  .marks = TSG_ACK | TSG_ZERO_WINDOW, .nsack = 200,
		  .sack_left = { 10, 0, UINT32_MAX, 5 }, .sack_right = { 5, UINT32_MAX, 0, 5 } },
		{ .t_ns = INT64_MIN, .frame = UINT64_MAX, .seq = 1460, .dir = DIR_S2C },
		{ .t_ns = 3000, .frame = 7, .dir = DIR_S2C, .marks = TSG_RST },
		{ .t_ns = 4000, .frame = 8, .seq = 2920, .len = 1, .dir = DIR_C2S,
		  .marks = TSG_SYN | TSG_FIN | TSG_RST | TSG_LOST },
	};
	size_t n = sizeof(pts) / sizeof(pts[0]);
	struct membuf c2s = { 0 }, s2c = { 0 };
	for (unsigned wd = 0; wd <= 10000; wd += 2500) {
		struct draw_out oc = { mem_put, &c2s }, os = { mem_put, &s2c };
		tsg_svg(&oc, pts, n, DIR_C2S, &words, wd, wd / 3);
		tsg_svg(&os, pts, n, (enum tv_dir)9, &words, wd, wd / 3);
		check_svg(mem_str(&c2s), "c2s");
		check_svg(mem_str(&s2c), "s2c");
		ck_assert_uint_eq(count(mem_str(&c2s), "class=\"pt ") +
				  count(mem_str(&s2c), "class=\"pt "), n);
		for (size_t i = 0; i < n; i++)
			ck_assert_msg(graph_of(pts[i].frame, &c2s, &s2c) != NULL,
				      "frame %llu not exactly once", (unsigned long long)pts[i].frame);
		mem_reset(&c2s);
		mem_reset(&s2c);
	}
	/* The midstream retransmission is below 0, not at 4 GB: the axis
	 * goes down to a round negative number and stays small. */
	draw_both(pts, 3, &words, &c2s, &s2c);
	ck_assert_ptr_nonnull(strstr(mem_str(&c2s), ">-"));
	ck_assert_ptr_null(strstr(mem_str(&c2s), ">4294"));
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

/* Many points: the output is in pieces, each put() under a kilobyte or
 * so, and the lines are one element each. */
START_TEST(many_points)
{
	enum { N = 20000 };
	static struct tsg_point pts[N];
	for (size_t i = 0; i < N; i++) {
		bool data = i % 2 == 0;
		pts[i] = (struct tsg_point){
			.t_ns = (int64_t)i * 37000, .frame = i + 1,
			.seq = data ? (uint32_t)(i / 2 * 1448) : 1, .len = data ? 1448 : 0,
			.ack = data ? 1 : (uint32_t)(i / 2 * 1448 + 1448), .win = 262144,
			.dir = data ? DIR_C2S : DIR_S2C, .marks = TSG_ACK,
		};
	}
	struct membuf c2s = { 0 }, s2c = { 0 };
	draw_both(pts, N, &words, &c2s, &s2c);
	ck_assert_uint_eq(count(mem_str(&c2s), "<polyline"), 2);
	ck_assert_uint_le(c2s.biggest, 1024);
	ck_assert_uint_le(c2s.len, (size_t)N * 160);
	mem_reset(&c2s);
	mem_reset(&s2c);
}
END_TEST

/* ---- draw.h ---- */

/* A string literal, its bytes all (NULs too) but the last. */
#define XML(lit) xml(lit, sizeof(lit) - 1)

static const char *xml(const char *s, size_t n)
{
	static struct membuf b;
	mem_reset(&b);
	struct draw_out o = { mem_put, &b };
	draw_xml(&o, s, n);
	return mem_str(&b);
}

START_TEST(xml_escapes)
{
	ck_assert_str_eq(XML("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
	ck_assert_str_eq(XML("plain"), "plain");
	ck_assert_str_eq(XML(""), "");
	/* Tab and newline kept; other control bytes and NUL become '?'. */
	ck_assert_str_eq(XML("a\tb\nc\rd\x01" "e\x1f"), "a\tb\nc?d?e?");
	ck_assert_str_eq(XML("x\0y"), "x?y");
	/* UTF-8 passes through: an arrow, Japanese, Korean, an emoji. */
	ck_assert_str_eq(XML("\xe2\x86\x92 \xe6\x8e\xa5\xe7\xb6\x9a \xec\x97\xb0\xea\xb2\xb0 "
			     "\xf0\x9f\x98\x80"),
			 "\xe2\x86\x92 \xe6\x8e\xa5\xe7\xb6\x9a \xec\x97\xb0\xea\xb2\xb0 "
			 "\xf0\x9f\x98\x80");
	/* Bytes that are not UTF-8 would break the XML: '?' each. */
	ck_assert_str_eq(XML("a\xff" "b\xc3"), "a?b?");
	ck_assert_str_eq(XML("\xc0\xaf"), "??");		/* overlong '/' */
	ck_assert_str_eq(XML("\xed\xa0\x80"), "???");	/* a surrogate */
	ck_assert_str_eq(XML("\xe2\x86<"), "??&lt;");	/* cut short */
}
END_TEST

START_TEST(printf_formats)
{
	struct membuf b = { 0 };
	struct draw_out o = { mem_put, &b };
	draw_printf(&o, "<g x=\"%u\" y=\"%d\" c=\"%s\">", 12345u, -7, "ab");
	ck_assert_str_eq(mem_str(&b), "<g x=\"12345\" y=\"-7\" c=\"ab\">");
	mem_reset(&b);
	/* At most 1023 bytes per call. */
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	draw_printf(&o, "%s", big);
	ck_assert_uint_eq(b.len, 1023);
	mem_reset(&b);
	draw_printf(&o, "%s", "");
	ck_assert_uint_eq(b.len, 0);
	mem_reset(&b);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("tsg");
	TCase *tc = tcase_create("graph");
	tcase_add_test(tc, every_point_once);
	tcase_add_test(tc, what_each_point_is);
	tcase_add_test(tc, shared_time_axis);
	tcase_add_test(tc, words_escaped);
	suite_add_tcase(s, tc);

	tc = tcase_create("degenerate");
	tcase_add_test(tc, no_points);
	tcase_add_test(tc, all_at_time_zero);
	tcase_add_test(tc, weird_values);
	tcase_add_test(tc, many_points);
	suite_add_tcase(s, tc);

	tc = tcase_create("draw");
	tcase_add_test(tc, xml_escapes);
	tcase_add_test(tc, printf_formats);
	suite_add_tcase(s, tc);
	return s;
}
