/*
 * text.c - the narrated timeline (SPEC §4), the default output.
 *
 * One story per connection: a header line, one line per packet (time,
 * frame, direction, flags, seq/ack, length, window, then the narration of
 * say/narrate.c), and a summary from the closing report.  Lines are spooled
 * per connection (spool.h), found by connection id, and the story is
 * printed when the connection ends.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcpview/app/record.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/output/ansi.h"
#include "tcpview/output/report.h"
#include "tcpview/output/spooled.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/picture.h"
#include "tcpview/say/tr.h"
#include "tcpview/tcp/names.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/idmap.h"
#include "tcpview/util/wrap.h"

/* In-memory budget for all stories being written at once. */
#define TEXT_SPOOL_BUDGET (16u * 1024 * 1024)
/* The packet columns of the one-line layout, and the narrowest width that
 * keeps the narration beside them (else it goes under them, SPEC §11). */
#define ROW_COLUMNS 97
#define WIDE_LAYOUT (ROW_COLUMNS + 40)
/* Under the compact columns, the narration's indent. */
#define NARROW_INDENT 6
/* The longest logical line: a row, its narration and colour codes. */
#define LINE_MAX (NARRATE_MAX + 512)

/* A label of the packet columns in the reader's language, looked up once
 * when the reporter is made (tr.h): the rows are built for every packet. */
struct column_label {
	const char *s;
	size_t n;		/* bytes (at most LABEL_MAX) */
	size_t extra;		/* bytes beyond the columns it takes on a terminal */
};
#define LABEL_MAX 32

struct text_reporter {
	struct reporter base;
	struct column_label frame, seq, ack, len, win; /* the one-line layout's */
	char head[512];		/* the compact layout's column titles, "\n" ended */
	size_t head_len;
	struct spooled stories;	/* each open connection's lines */
	struct spooled turns;	/* ... and its application turns, for the summary */
	struct tv_diagnosis diag; /* the findings of the connection about to close */
	struct idmap folds;	/* --brief: connection id → struct fold being gathered */
	size_t width;		/* fold lines at this many columns (0: never) */
	bool narrow;		/* the narration under compact packet columns */
	char *wrapped;		/* a folded line (wrap_room of LINE_MAX) */
};

/* --brief: a run of routine packets (data, ACKs, window updates with
 * nothing else to say), told as one line when something else comes. */
struct fold {
	uint64_t packets, acks, first_frame, last_frame;
	uint64_t bytes[2];
	struct tv_time first_ts, last_ts;
};

static const char *arrow(enum tv_dir d)
{
	return d == DIR_C2S ? "C\xe2\x86\x92S" : "S\xe2\x86\x92" "C";
}

/* An ICMP error travels back to the sender of the segment it quotes: from
 * the peer itself, or from a router (R) on the way. */
static const char *icmp_arrow(const struct tv_event *ev)
{
	bool from_peer = ev->icmp.from_target;
	if (ev->dir == DIR_C2S)
		return from_peer ? "S\xe2\x86\x92" "C" : "R\xe2\x86\x92" "C";
	return from_peer ? "C\xe2\x86\x92S" : "R\xe2\x86\x92S";
}

/* The colour of a packet's narration: trouble red, waiting yellow. */
static const char *severity_color(uint32_t l)
{
	if (l & (LBIT(L_RST) | LBIT(L_RETRANSMISSION) | LBIT(L_LOST_SEGMENT) |
		 LBIT(L_ACKED_UNSEEN)))
		return C_RED;
	if (l & (LBIT(L_ZERO_WINDOW) | LBIT(L_ZERO_WINDOW_PROBE) |
		 LBIT(L_ZERO_WINDOW_PROBE_ACK) | LBIT(L_WINDOW_FULL) |
		 LBIT(L_DUP_ACK) | LBIT(L_OUT_OF_ORDER) | LBIT(L_KEEP_ALIVE) |
		 LBIT(L_KEEP_ALIVE_ACK)))
		return C_YELLOW;
	if (l & (LBIT(L_SYN) | LBIT(L_SYN_ACK) | LBIT(L_HANDSHAKE_ACK)))
		return C_GREEN;
	if (l & (LBIT(L_FIN) | LBIT(L_TEARDOWN_ACK)))
		return C_CYAN;
	return NULL;
}

/* The time column: relative, delta, or wall clock (local time, like tcpdump). */
/*
 * Appenders for the packet row, which is built for every packet without a
 * format string: each takes the write position and returns the next one.
 * The row buffer is sized for every column at its widest.
 */
static inline char *put_bytes(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* A string literal: its length is known at compile time. */
#define put_lit(p, lit) put_bytes((p), (lit), sizeof(lit) - 1)

static inline char *put_lit_str(char *p, const char *s)
{
	return put_bytes(p, s, strlen(s));
}

/* Spaces after a column that began at `col` and ends at `p`, up to `width`. */
static inline char *pad_to(char *col, char *p, size_t width)
{
	while ((size_t)(p - col) < width)
		*p++ = ' ';
	return p;
}

/* `n` bytes of `s` right-aligned in `width`. */
static inline char *put_right(char *p, const char *s, size_t n, size_t width)
{
	for (; n < width; width--)
		*p++ = ' ';
	return put_bytes(p, s, n);
}

/* The columns `n` bytes of `s` take: an ASCII byte one (a colour code's
 * too, as the indent has always counted them), any other character its
 * display width (wrap.h: CJK two). */
static size_t hang_columns(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < n && ((unsigned char)s[j] & 0xc0) == 0x80)
			j++;
		w += wrap_width(s + i, j - i);
		i = j;
	}
	return w;
}

/* The indent a folded line's later rows take: its own leading spaces,
 * and past a short label that ends in ": " ("verdict: ", "frame 12: ")
 * or a list mark ("- "), so that the text lines up under its start.  In
 * columns: a translated label may have characters two columns wide. */
static size_t hang(const char *line, size_t n)
{
	size_t i = 0;
	while (i < n && line[i] == ' ')
		i++;
	if (i + 1 < n && line[i] == '-' && line[i + 1] == ' ')
		return i + 2;
	bool wide = false;	/* a byte that may take other than one column */
	for (size_t j = i; j + 1 < n && j < i + 24; j++) {
		wide |= (unsigned char)line[j] >= 0x80;
		if (line[j] == ':' && line[j + 1] == ' ')
			return wide ? hang_columns(line, j + 2) : j + 2;
	}
	return i;
}

/* "→" as "->" and "×" as "x", in place (neither grows: 3 and 2 bytes). */
static size_t to_ascii(char *line, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (i + 2 < n && memcmp(line + i, "\xe2\x86\x92", 3) == 0) {
			line[o++] = '-';
			line[o++] = '>';
			i += 3;
		} else if (i + 1 < n && memcmp(line + i, "\xc3\x97", 2) == 0) {
			line[o++] = 'x';
			i += 2;
		} else {
			line[o++] = line[i++];
		}
	}
	return o;
}

/*
 * Writes one logical line (no newline in it) to a connection's story or,
 * with story NULL, to the output: as it is when the text is not folded,
 * else folded at the width with later rows after `indent` spaces.
 */
static void put_line_to(struct text_reporter *t, struct spooled *set, struct spool *story,
			char *line, size_t n, size_t indent)
{
	const char *out = line;
	size_t m;
	if (t->base.cfg.ascii)
		n = to_ascii(line, n);
	if (t->width == 0) {
		line[n] = '\n';	/* every line buffer has room for it */
		m = n + 1;
	} else {
		m = wrap_line(line, n, t->width, indent, t->wrapped);
		out = t->wrapped;
	}
	if (story != NULL)
		spooled_write(set, story, out, m);
	else
		obuf_write(t->base.out, out, m);
}

static void put_line(struct text_reporter *t, struct spool *story, char *line, size_t n,
		     size_t indent)
{
	put_line_to(t, &t->stories, story, line, n, indent);
}

/* A number in the C locale, whatever the language (tr.h). */
static const char *u64s(char buf[24], uint64_t v)
{
	buf[fmt_u64(buf, v)] = '\0';
	return buf;
}

/* A message (tr.h) with its placeholders filled, after `lead` (the
 * layout's spaces), as one logical line with its hang. */
static void line_msg(struct text_reporter *t, struct spool *story, const char *lead,
		     const char *msg, const char *const *args, size_t nargs)
{
	char line[LINE_MAX];
	size_t n = strlen(lead);
	memcpy(line, lead, n);
	n += say_format(line + n, sizeof(line) - 1 - n, msg, args, nargs);
	put_line(t, story, line, n, hang(line, n));
}

static size_t time_column(const struct report_config *cfg,
			  const struct tv_event *ev, char *buf, size_t cap)
{
	int digits = ev->ts_digits;
	if (cfg->time == TIME_REL)
		return fmt_seconds(buf, cap, ev->rel_ns, digits);
	if (cfg->time == TIME_DELTA)
		return fmt_seconds(buf, cap, ev->delta_ns, digits);
	time_t sec = (time_t)ev->ts.sec;
	struct tm tm;
	localtime_r(&sec, &tm);
	size_t n = strftime(buf, cap, "%Y-%m-%d %H:%M:%S", &tm);
	char frac[16];
	fmt_seconds(frac, sizeof(frac), ev->ts.nsec, digits);
	n += fmt_format(buf + n, cap - n, "%s", frac + 1); /* ".347017" */
	return n;
}

static void text_conn_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	struct text_reporter *t = (struct text_reporter *)s;
	spooled_open(&t->stories, c->id);
	/* The compact layout names its columns once per story. */
	struct spool *story;
	if (t->narrow && (story = spooled_get(&t->stories, c->id)) != NULL)
		spooled_write(&t->stories, story, t->head, t->head_len);
}

/* A packet --brief folds: data, ACKs and window updates with no other label. */
static bool routine(const struct tv_event *ev)
{
	uint32_t plain = LBIT(L_DATA) | LBIT(L_ACK) | LBIT(L_WINDOW_UPDATE);
	return (ev->labels & ~plain) == 0 && ev->quote_len == 0 && ev->labels != 0;
}

static void fold_add(struct text_reporter *t, const struct tv_event *ev)
{
	struct fold *f = idmap_get(&t->folds, ev->conn);
	if (f == NULL) {
		if ((f = calloc(1, sizeof(*f))) == NULL || !idmap_put(&t->folds, ev->conn, f)) {
			free(f);
			return;
		}
	}
	if (f->packets++ == 0) {
		f->first_frame = ev->frame;
		f->first_ts = ev->ts;
	}
	f->last_frame = ev->frame;
	f->last_ts = ev->ts;
	f->bytes[ev->dir] += ev->len;
	if (ev->len == 0)
		f->acks++;
}

/* "... 42 packets (frames 10-61) in 3.100 ms: 60 bytes from the client,
 * 3 ACKs" */
static void fold_flush(struct text_reporter *t, uint64_t conn, struct spool *story)
{
	struct fold *f = idmap_take(&t->folds, conn);
	if (f == NULL)
		return;
	char line[640], list[320], dur[32], a[24], b[24], c[24];
	size_t ln = 0;
	list[0] = '\0';
	/* What the run carried, as a list: each item a message. */
	for (int d = 0; d < 2; d++)
		if (f->bytes[d] > 0) {
			if (ln > 0)
				ln += say_format(list + ln, sizeof(list) - ln, _(", "), NULL, 0);
			const char *msg = d == DIR_C2S
				/* TRANSLATORS: an item of the line --brief writes
				 * for a run of routine packets ("... 42 packets
				 * (frames 10-61) in 3.100 ms: 60 bytes from the
				 * client, 3 ACKs").  English says "bytes" even
				 * for 1. */
				? Q_("%1$s bytes from the client", "%1$s bytes from the client",
				     f->bytes[d])
				/* TRANSLATORS: as "60 bytes from the client". */
				: Q_("%1$s bytes from the server", "%1$s bytes from the server",
				     f->bytes[d]);
			ln += say_format(list + ln, sizeof(list) - ln, msg,
					 SAY_ARGS(u64s(a, f->bytes[d])));
		}
	if (f->acks > 0) {
		if (ln > 0)
			ln += say_format(list + ln, sizeof(list) - ln, _(", "), NULL, 0);
		/* TRANSLATORS: an item of the --brief run line, as above:
		 * how many of its packets were bare ACKs. */
		ln += say_format(list + ln, sizeof(list) - ln, Q_("%1$s ACK", "%1$s ACKs", f->acks),
				 SAY_ARGS(u64s(a, f->acks)));
	}
	/* The line under the packet columns, its later rows after 18. */
	static const char lead[] = "              ";
	size_t n = sizeof(lead) - 1;
	memcpy(line, lead, n);
	if (f->packets == 1)
		/* TRANSLATORS: --brief: one routine packet told as a run;
		 * %1$s is its frame number, %2$s what it carried ("60 bytes
		 * from the client"). */
		n += say_format(line + n, sizeof(line) - n, _("... 1 packet (frame %1$s): %2$s"),
				SAY_ARGS(u64s(a, f->first_frame), list));
	else {
		fmt_duration(dur, sizeof(dur), tv_time_diff_ns(f->first_ts, f->last_ts));
		n += say_format(line + n, sizeof(line) - n,
				/* TRANSLATORS: --brief: a run of routine packets
				 * told as one line: how many, their first and
				 * last frame numbers, the time they took, then
				 * what they carried ("60 bytes from the client,
				 * 3 ACKs"). */
				Q_("... %1$s packet (frames %2$s-%3$s) in %4$s: %5$s",
				   "... %1$s packets (frames %2$s-%3$s) in %4$s: %5$s", f->packets),
				SAY_ARGS(u64s(a, f->packets), u64s(b, f->first_frame),
					 u64s(c, f->last_frame), dur, list));
	}
	if (story != NULL)
		put_line(t, story, line, n, 18);
	free(f);
}

static void verbose_line(struct text_reporter *t, struct spool *story, const struct tv_event *ev,
			 bool abs);

/* The frame number; with several inputs, after the input's number
 * ("2:17", SPEC §11: frames are numbered per file). */
static char *put_frame(char *p, const struct report_config *cfg, const struct tv_event *ev)
{
	if (cfg->nfiles > 1) {
		p += fmt_u64(p, (uint64_t)ev->file + 1);
		*p++ = ':';
	}
	return p + fmt_u64(p, ev->frame);
}

/* The narration, in its severity's colour when there is one. */
static char *put_words(char *p, const char *color, const char *words, size_t n)
{
	if (color != NULL)
		p = put_bytes(p, color, strlen(color));
	p = put_bytes(p, words, n);
	if (color != NULL)
		p = put_lit(p, C_RESET);
	return p;
}

static void text_event(struct tv_sink *s, const struct tv_event *ev)
{
	struct text_reporter *t = (struct text_reporter *)s;
	struct reporter *r = &t->base;
	struct spool *story = spooled_get(&t->stories, ev->conn);
	char line[LINE_MAX], tcol[48], flags[40], words[NARRATE_MAX];
	if (story == NULL)
		return;
	if (r->cfg.brief) {
		if (routine(ev)) {
			fold_add(t, ev);
			return;
		}
		fold_flush(t, ev->conn, story);
	}

	size_t tn = time_column(&r->cfg, ev, tcol, sizeof(tcol));
	size_t fn;
	if (ev->labels & LBIT(L_ICMP_ERROR)) {
		const char *what = ev->icmp.version == 6 ? "ICMPv6" : "ICMP";
		fn = strlen(what);
		memcpy(flags, what, fn + 1);
	} else {
		fn = narrate_flag_names(ev->flags, flags);
	}
	bool abs = r->cfg.absolute_seq;
	uint32_t seq = abs ? ev->raw_seq : ev->seq, ack = abs ? ev->raw_ack : ev->ack;
	size_t words_len = narrate_event(ev, abs, words, sizeof(words));

	/* The columns, padded by hand: this runs for every packet, so no
	 * format string is read here.  The buffer holds every column at its
	 * widest plus the narration. */
	const char *color = r->cfg.color ? severity_color(ev->labels) : NULL;
	const char *dir = (ev->labels & LBIT(L_ICMP_ERROR)) ? icmp_arrow(ev) : arrow(ev->dir);
	char dir3[4];
	if (r->cfg.ascii) {
		/* "C>S": three columns, as "C→S" takes. */
		dir3[0] = dir[0];
		dir3[1] = '>';
		dir3[2] = dir[4];
		dir3[3] = '\0';
		dir = dir3;
	}
	char *p = line, *col;
	if (t->narrow) {
		/* Compact columns (77 wide), the narration under them. */
		*p++ = ' ';
		*p++ = ' ';
		p = put_right(p, tcol, tn, 10);
		*p++ = ' ';
		char num[24];
		p = put_right(p, num, (size_t)(put_frame(num, &r->cfg, ev) - num), 6);
		*p++ = ' ';
		p = put_lit_str(p, dir);
		*p++ = ' ';
		*p++ = ' ';
		p = pad_to(p, put_bytes(p, flags, fn), 14);
		*p++ = ' ';
		p = put_right(p, num, fmt_u64(num, seq), 10);
		*p++ = ' ';
		if (ev->flags & TH_ACK)
			p = put_right(p, num, fmt_u64(num, ack), 10);
		else
			p = put_right(p, "", 0, 10);
		*p++ = ' ';
		p = put_right(p, num, fmt_u64(num, ev->len), 6);
		*p++ = ' ';
		p = put_right(p, num, fmt_u64(num, ev->win), 8);
		put_line(t, story, line, (size_t)(p - line), 0);
		p = line;
		memset(p, ' ', NARROW_INDENT);
		p = put_words(p + NARROW_INDENT, color, words, words_len);
		put_line(t, story, line, (size_t)(p - line), NARROW_INDENT);
		verbose_line(t, story, ev, abs);
		return;
	}
	*p++ = ' ';
	*p++ = ' ';
	p = put_right(p, tcol, tn, 10);
	/* The labels are the reader's words, looked up once (column_label):
	 * a label's bytes beyond its columns widen the padding by as many. */
	*p++ = ' ';
	*p++ = ' ';
	p = put_bytes(p, t->frame.s, t->frame.n);
	*p++ = ' ';
	p = pad_to(p, put_frame(p, &r->cfg, ev), 5);
	*p++ = ' ';
	p = put_lit_str(p, dir);
	*p++ = ' ';
	*p++ = ' ';
	p = pad_to(p, put_bytes(p, flags, fn), 14);
	*p++ = ' ';
	col = p;
	p = put_bytes(p, t->seq.s, t->seq.n);
	*p++ = ' ';
	p += fmt_u64(p, seq);
	size_t extra = t->seq.extra;
	if (ev->flags & TH_ACK) {
		*p++ = ' ';
		p = put_bytes(p, t->ack.s, t->ack.n);
		*p++ = ' ';
		p += fmt_u64(p, ack);
		extra += t->ack.extra;
	}
	p = pad_to(col, p, (abs ? 29 : 25) + extra);
	*p++ = ' ';
	p = put_bytes(p, t->len.s, t->len.n);
	*p++ = ' ';
	p = pad_to(p, p + fmt_u64(p, ev->len), 6);
	*p++ = ' ';
	p = put_bytes(p, t->win.s, t->win.n);
	*p++ = ' ';
	p = pad_to(p, p + fmt_u64(p, ev->win), 8);
	*p++ = ' ';
	extra += t->frame.extra + t->len.extra + t->win.extra;
	/* The narration lines up with its first row when it is folded (the
	 * arrow is 3 bytes and 1 column; in ASCII, 1 and 1). */
	size_t indent = (size_t)(p - line) - (r->cfg.ascii ? 0 : 2) - extra;
	p = put_words(p, color, words, words_len);
	put_line(t, story, line, (size_t)(p - line), indent);
	verbose_line(t, story, ev, abs);
}

/* -v: the raw window, the header and every option, under the packet. */
static void verbose_line(struct text_reporter *t, struct spool *story, const struct tv_event *ev,
			 bool abs)
{
	struct reporter *r = &t->base;
	char line[LINE_MAX];
	size_t n;
	if (r->cfg.verbose) {
		char a[24], b[24], c[24];
		const size_t cap = sizeof(line) - 1;	/* room for put_line's '\n' */
		n = t->narrow ? NARROW_INDENT : 15;
		memset(line, ' ', n);
		u64s(a, ev->win_raw);
		u64s(c, ev->hdr_len);
		const char *msg;
		if (ev->win_shift >= 0)
			/* TRANSLATORS: -v, under a packet: its window field as
			 * written, the shift that scales it (RFC 7323) and the
			 * size of its TCP header. */
			msg = Q_("raw window %1$s, shift %2$s, header %3$s byte",
				 "raw window %1$s, shift %2$s, header %3$s bytes", ev->hdr_len);
		else if (ev->flags & TH_SYN)
			/* TRANSLATORS: as "raw window %1$s, shift %2$s, ...",
			 * for a SYN, whose window is never scaled. */
			msg = Q_("raw window %1$s, not scaled (SYN), header %2$s byte",
				 "raw window %1$s, not scaled (SYN), header %2$s bytes", ev->hdr_len);
		else
			/* TRANSLATORS: as "raw window %1$s, shift %2$s, ...",
			 * when the handshake was not captured. */
			msg = Q_("raw window %1$s, scale unknown, header %2$s byte",
				 "raw window %1$s, scale unknown, header %2$s bytes", ev->hdr_len);
		if (ev->win_shift >= 0)
			n += say_format(line + n, cap - n, msg,
					SAY_ARGS(a, u64s(b, (uint64_t)ev->win_shift), c));
		else
			n += say_format(line + n, cap - n, msg, SAY_ARGS(a, c));
		const struct tcp_options *o = &ev->opt;
		if (o->present & TCPOPT_HAVE_TS)
			/* TRANSLATORS: the next messages continue the -v line
			 * "raw window 502, shift 7, header 32 bytes" with the
			 * packet's TCP options (TSval, TSecr: RFC 7323). */
			n += say_format(line + n, cap - n, _(", TSval %1$s TSecr %2$s"),
					SAY_ARGS(u64s(a, o->ts_val), u64s(b, o->ts_ecr)));
		/* SACK edges in the columns' numbers: relative to the data
		 * sender's ISN unless --absolute-seq. */
		uint32_t base = abs ? 0 : ev->raw_ack - ev->ack;
		for (unsigned i = 0; i < o->sack_count; i++)
			n += say_format(line + n, cap - n, _(", SACK %1$s-%2$s"),
					SAY_ARGS(u64s(a, (uint32_t)(o->sack_left[i] - base)),
						 u64s(b, (uint32_t)(o->sack_right[i] - base))));
		for (unsigned i = 0; i < o->unknown_count; i++)
			n += say_format(line + n, cap - n, _(", option kind %1$s"),
					SAY_ARGS(u64s(a, o->unknown_kinds[i])));
		if (o->problem != NULL) {
			/* What the decoder found wrong, in its words (as
			 * trouble.c tells it). */
			n += say_format(line + n, cap - n, _(", "), NULL, 0);
			const char *problem = _(o->problem);
			size_t k = strlen(problem);
			if (k > cap - 1 - n)
				k = cap - 1 - n;
			memcpy(line + n, problem, k);
			n += k;
		}
		put_line(t, story, line, n, t->narrow ? NARROW_INDENT : 15);
	}
}

/* The column tag of a protocol's lines. */
static const char *app_tag(enum tv_app_proto p)
{
	switch (p) {
	case AP_HTTP: return "http   ";
	case AP_WEBSOCKET: return "ws     ";
	case AP_HTTP2: return "http2  ";
	case AP_TLS: return "tls    ";
	case AP_DNS: return "dns    ";
	default: return "app    ";
	}
}

/* What the summary lists as the connection's turns. */
static bool is_turn(const struct tv_app *a)
{
	switch (a->kind) {
	case AK_HTTP_RESPONSE:
		return !a->u.http.interim;
	case AK_H2_STREAM:
	case AK_TLS_CLIENT_HELLO:
	case AK_TLS_SERVER_HELLO:
	case AK_TLS_ALERT:
	case AK_SWITCH:
	case AK_STOP:
	case AK_RESET:
	case AK_WS_END:
	case AK_DNS:
		return true;
	case AK_WS_FRAME:
		return a->u.ws.f.opcode == 8;	/* close */
	default:
		return false;
	}
}

/* The summary's lines after the first go under the text after its label
 * ("  summary: " in English, 11 columns): as many spaces as the label of
 * the reader's language takes. */
static const char *summary_lead(void)
{
	/* Per thread: the workers of -j write stories at once. */
	static _Thread_local char lead[40];
	static _Thread_local const char *for_msg;
	const char *msg = _("summary: client sent %1$s, server sent %2$s");
	if (for_msg != msg) {
		size_t cols = 2 + 9;	/* "  summary: " */
		const char *colon = strstr(msg, ": ");
		if (colon != NULL && colon - msg < 24)
			cols = 2 + wrap_width(msg, (size_t)(colon - msg) + 2);
		if (cols >= sizeof(lead))
			cols = sizeof(lead) - 1;
		memset(lead, ' ', cols);
		lead[cols] = '\0';
		for_msg = msg;
	}
	return lead;
}
#define SUMMARY_LEAD summary_lead()

/*
 * An application record: a line under the packet whose arrival completed
 * it; DNS over UDP, which belongs to no connection, on a line of its own
 * at once.
 */
static void text_app(struct tv_sink *s, const struct tv_app *a)
{
	struct text_reporter *t = (struct text_reporter *)s;
	struct reporter *r = &t->base;
	char line[NARRATE_MAX + 64], words[NARRATE_MAX];
	size_t wn = narrate_app(a, words, sizeof(words));
	size_t n;
	if (a->conn == 0) {
		char num[24];
		/* TRANSLATORS: a message that belongs to no connection (DNS
		 * over UDP), on a line of its own: its frame number, then
		 * what it says. */
		n = say_format(line, sizeof(line) - 1, _("frame %1$s  %2$s"),
			       SAY_ARGS(u64s(num, a->frame), words));
		put_line(t, NULL, line, n, 0);
		return;
	}
	struct spool *story = spooled_get(&t->stories, a->conn);
	if (story == NULL)
		return;
	if (r->cfg.brief) {
		/* --brief: what the applications said is told as requests and
		 * turns only (not every frame), once, where it happened. */
		if (!is_turn(a) && a->kind != AK_HTTP_REQUEST)
			return;
		fold_flush(t, a->conn, story);
	}
	size_t lead = t->narrow ? NARROW_INDENT : 14;
	memset(line, ' ', lead);
	n = lead;
	const char *tag = app_tag(a->proto);
	memcpy(line + n, tag, strlen(tag));
	n += strlen(tag);
	memcpy(line + n, words, wn);
	n += wn;
	put_line(t, story, line, n, lead + strlen(tag));
	if (!is_turn(a) || r->cfg.brief)
		return;
	struct spool *turns = spooled_get(&t->turns, a->conn);
	if (turns == NULL) {
		spooled_open(&t->turns, a->conn);
		if ((turns = spooled_get(&t->turns, a->conn)) == NULL)
			return;
	}
	const char *under = summary_lead();
	char num[24];
	n = strlen(under);
	memcpy(line, under, n);
	/* TRANSLATORS: an application's turn (a request answered, a TLS
	 * handshake message) in the summary's list, and a record in
	 * --follow's streams: its frame number, then what it says. */
	n += say_format(line + n, sizeof(line) - 1 - n, _("frame %1$s: %2$s"),
			SAY_ARGS(u64s(num, a->frame), words));
	put_line_to(t, &t->turns, turns, line, n, hang(line, n));
}

/* How a connection ended, after "ended: " in its summary. */
static const char *end_words(const struct tv_conn_report *c)
{
	switch (c->state) {
	/* TRANSLATORS: these say how a connection ended, after "ended: "
	 * in its summary. */
	case CS_CLOSED: return _("closed by a FIN teardown");
	case CS_RESET: return _("aborted by a reset");
	case CS_REFUSED: return C_("connection ended", "refused");
	case CS_HALF_CLOSED: return _("half closed when the capture ended");
	case CS_SYN_SENT: return _("never established");
	default: break;
	}
	switch (c->end_reason) {
	case END_IDLE: return _("idle, no longer followed");
	case END_PORT_REUSE: return _("replaced by a new connection on the same ports");
	case END_LIMIT:
		return _("tracking limit reached: no longer followed (--max-connections)");
	default: return _("still open when the capture ended");
	}
}


/* "78 bytes in 3 packets", what one side sent, for the summary line. */
static void sent_words(char *buf, size_t cap, const struct tv_half_stats *h)
{
	char a[24], b[24];
	/* TRANSLATORS: what one side of a connection sent, in the line
	 * "summary: client sent %1$s, server sent %2$s".  English says
	 * "bytes" even for 1. */
	say_format(buf, cap, Q_("%1$s bytes in %2$s packet", "%1$s bytes in %2$s packets",
				h->packets), SAY_ARGS(u64s(a, h->bytes), u64s(b, h->packets)));
}

static void summary_lines(struct text_reporter *t, const struct tv_conn_report *c)
{
	const struct tv_half_stats *cs = &c->half[DIR_C2S], *sc = &c->half[DIR_S2C];
	char dur[32], a[24];
	size_t n;

	char cw[96], sw[96];
	sent_words(cw, sizeof(cw), cs);
	sent_words(sw, sizeof(sw), sc);
	/* TRANSLATORS: the first line of a connection's summary; %1$s and
	 * %2$s are "78 bytes in 3 packets". */
	line_msg(t, NULL, "  ", _("summary: client sent %1$s, server sent %2$s"), SAY_ARGS(cw, sw));
	if (c->hs_rtt_ns > 0) {
		fmt_duration(dur, sizeof(dur), c->hs_rtt_ns);
		line_msg(t, NULL, SUMMARY_LEAD, _("handshake RTT %1$s"), SAY_ARGS(dur));
	}
	for (int d = 0; d < 2; d++) {
		const struct tv_half_stats *h = &c->half[d];
		bool client = d == DIR_C2S;
		char mn[32], avg[32], mx[32], karn[320] = "";
		if (h->rtt_skipped > 0)
			say_format(karn, sizeof(karn),
				   /* TRANSLATORS: continues the summary's line "ACK
				    * RTT of client data: min ..., avg ..., max ... (N
				    * samples; " after the semicolon: the samples
				    * Karn's rule leaves out.  English says "their data
				    * was" even for 1. */
				   Q_("%1$s left out: their data was sent more than once, so which "
				      "sending was answered is not known (Karn's rule)",
				      "%1$s left out: their data was sent more than once, so which "
				      "sending was answered is not known (Karn's rule)", h->rtt_skipped),
				   SAY_ARGS(u64s(a, h->rtt_skipped)));
		if (h->rtt_count == 0) {
			if (h->rtt_skipped > 0)
				line_msg(t, NULL, SUMMARY_LEAD, client
					 /* TRANSLATORS: %1$s is the Karn's rule clause
					  * "2 left out: their data was sent more than
					  * once, ...". */
					 ? _("ACK RTT of client data: no sample; %1$s")
					 /* TRANSLATORS: as for the client's data. */
					 : _("ACK RTT of server data: no sample; %1$s"), SAY_ARGS(karn));
			continue;
		}
		fmt_duration(mn, sizeof(mn), h->rtt_min_ns);
		fmt_duration(avg, sizeof(avg), h->rtt_sum_ns / (int64_t)h->rtt_count);
		fmt_duration(mx, sizeof(mx), h->rtt_max_ns);
		u64s(a, h->rtt_count);
		const char *msg;
		if (client && h->rtt_skipped > 0)
			/* TRANSLATORS: the round-trip times the ACKs of one
			 * side's data measured: the least, the mean and the
			 * most, then how many; %5$s is the Karn's rule clause
			 * "2 left out: ...". */
			msg = Q_("ACK RTT of client data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s sample; %5$s)",
				 "ACK RTT of client data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s samples; %5$s)",
				 h->rtt_count);
		else if (client)
			/* TRANSLATORS: as above, with no sample left out. */
			msg = Q_("ACK RTT of client data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s sample)",
				 "ACK RTT of client data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s samples)",
				 h->rtt_count);
		else if (h->rtt_skipped > 0)
			/* TRANSLATORS: as for the client's data. */
			msg = Q_("ACK RTT of server data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s sample; %5$s)",
				 "ACK RTT of server data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s samples; %5$s)",
				 h->rtt_count);
		else
			/* TRANSLATORS: as for the client's data. */
			msg = Q_("ACK RTT of server data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s sample)",
				 "ACK RTT of server data: min %1$s, avg %2$s, max %3$s "
				 "(%4$s samples)",
				 h->rtt_count);
		line_msg(t, NULL, SUMMARY_LEAD, msg, SAY_ARGS(mn, avg, mx, a, karn));
	}
	static const enum tv_label trouble[] = {
		L_RETRANSMISSION, L_FAST_RETRANSMISSION, L_SPURIOUS_RETRANSMISSION,
		L_OUT_OF_ORDER, L_LOST_SEGMENT, L_ACKED_UNSEEN, L_DUP_ACK,
		L_ZERO_WINDOW, L_ZERO_WINDOW_PROBE, L_WINDOW_FULL, L_KEEP_ALIVE,
	};
	/* The list of trouble: each label's stable name (a code, as in the
	 * JSON) and how many. */
	char list[LINE_MAX];
	n = 0;
	for (size_t i = 0; i < sizeof(trouble) / sizeof(trouble[0]); i++) {
		uint32_t k = cs->counts[trouble[i]] + sc->counts[trouble[i]];
		if (k == 0)
			continue;
		if (n > 0)
			n += say_format(list + n, sizeof(list) - n, _(", "), NULL, 0);
		n += fmt_format(list + n, sizeof(list) - n, "%s %" PRIu32, label_name(trouble[i]), k);
		/* Linux probes a zero window with what Wireshark's rule calls
		 * a keep-alive (story.c): the count says which they were. */
		uint32_t probes = cs->keep_alive_probes + sc->keep_alive_probes;
		if (trouble[i] == L_KEEP_ALIVE && probes == k)
			n += say_format(list + n, sizeof(list) - n,
					/* TRANSLATORS: continues "keep_alive 3" in the
					 * summary's list "trouble: retransmission 2,
					 * keep_alive 3" (the labels are codes, kept in
					 * English). */
					_(" (all zero-window probes)"), NULL, 0);
		else if (trouble[i] == L_KEEP_ALIVE && probes > 0)
			n += say_format(list + n, sizeof(list) - n,
					/* TRANSLATORS: as " (all zero-window probes)". */
					Q_(" (%1$s of them zero-window probes)",
					   " (%1$s of them zero-window probes)", probes),
					SAY_ARGS(u64s(a, probes)));
	}
	if (n > 0)
		/* TRANSLATORS: %1$s is a list of label codes and counts,
		 * "retransmission 2, dup_ack 5". */
		line_msg(t, NULL, SUMMARY_LEAD, _("trouble: %1$s"), SAY_ARGS(list));
	/* How it ended: the words, then who sent the first FIN or the
	 * reset, as clauses of their own. */
	bool by_client = c->closed_by == DIR_C2S;
	char notes[320];
	n = 0;
	notes[0] = '\0';
	const char *fin = NULL, *reset = NULL;
	if ((c->state == CS_CLOSED || c->state == CS_HALF_CLOSED) && c->last_ack_missing)
		fin = by_client
			/* TRANSLATORS: continues the summary's line "ended:
			 * closed by a FIN teardown", before "; Zeek state SF,
			 * history ...". */
			? _(" (first FIN from the client; the ACK of the last FIN is not in the "
			    "capture)")
			/* TRANSLATORS: as for the client's FIN. */
			: _(" (first FIN from the server; the ACK of the last FIN is not in the "
			    "capture)");
	else if (c->state == CS_CLOSED || c->state == CS_HALF_CLOSED)
		fin = by_client
			/* TRANSLATORS: continues the summary's line "ended:
			 * closed by a FIN teardown". */
			? _(" (first FIN from the client)")
			/* TRANSLATORS: as for the client's FIN. */
			: _(" (first FIN from the server)");
	if (c->reset_by >= 0)
		reset = c->reset_by == DIR_C2S
			/* TRANSLATORS: continues the summary's line "ended:
			 * aborted by a reset". */
			? _(" (reset by the client)")
			/* TRANSLATORS: as for the client's reset. */
			: _(" (reset by the server)");
	if (fin != NULL)
		n += say_format(notes + n, sizeof(notes) - n, fin, NULL, 0);
	if (reset != NULL)
		n += say_format(notes + n, sizeof(notes) - n, reset, NULL, 0);
	/* TRANSLATORS: the summary's last line: %1$s says how the
	 * connection ended ("closed by a FIN teardown"), %2$s adds who
	 * began it (" (first FIN from the client)") or is empty; %3$s and
	 * %4$s are Zeek's conn.log state and history codes (SF, ShADadFf). */
	line_msg(t, NULL, SUMMARY_LEAD, _("ended: %1$s%2$s; Zeek state %3$s, history %4$s"),
		 SAY_ARGS(end_words(c), notes, zeek_state_name(c->zeek_state), c->history));
}

static void verdict_lines(struct text_reporter *t, const struct tv_diagnosis *d);

static void text_conn_close(struct tv_sink *s, const struct tv_conn_report *c)
{
	struct text_reporter *t = (struct text_reporter *)s;
	struct reporter *r = &t->base;
	struct obuf *o = r->out;
	const struct tv_endpoint *ce = &c->info.end[DIR_C2S], *se = &c->info.end[DIR_S2C];
	char cl[80], sv[80], dur[32], id[24], pk[24], line[LINE_MAX];

	fmt_endpoint(cl, sizeof(cl), &ce->addr, ce->port);
	fmt_endpoint(sv, sizeof(sv), &se->addr, se->port);
	fmt_duration(dur, sizeof(dur), tv_time_diff_ns(c->info.first_ts, c->last_ts));
	char from[300] = "";
	if (r->cfg.nfiles > 1 && c->info.first_file < r->cfg.nfiles)
		/* TRANSLATORS: continues "connection 3" in a story's header
		 * when several captures are read: which one it came from,
		 * by number and file name. */
		say_format(from, sizeof(from), _(" (from input %1$s, %2$s)"),
			   SAY_ARGS(u64s(id, (uint64_t)c->info.first_file + 1),
				    r->cfg.files[c->info.first_file]));
	/* TRANSLATORS: continues the endpoints "A → B" in a story's header
	 * of a connection caught after its start. */
	const char *mid = c->info.midstream ? _(" (no SYN captured: roles guessed, windows as "
						"sent, their scale unknown)") : "";
	const char *again = c->info.continued
		/* TRANSLATORS: ends a story's header, after the
		 * connection's state ("closed"). */
		? _(", continued after it had ended in memory")
		: c->info.port_reuse
		/* TRANSLATORS: ends a story's header, as above. */
		? _(", reuses the ports of an earlier connection")
		: "";
	size_t n = 0;
	if (r->cfg.color)
		n = (size_t)(put_lit(line, C_BOLD) - line);
	n += say_format(line + n, sizeof(line) - sizeof(C_RESET) - n,
			/* TRANSLATORS: a connection's story begins with this
			 * line: its number, %2$s which input it came from (or
			 * nothing), its client and server endpoints, %5$s a note
			 * (or nothing), how long it lasted, its packets, %8$s its
			 * state (say_state: "closed", "reset") and
			 * %9$s a last note (or nothing). */
			Q_("connection %1$s%2$s: %3$s \xe2\x86\x92 %4$s%5$s, %6$s, %7$s packet, %8$s%9$s",
			   "connection %1$s%2$s: %3$s \xe2\x86\x92 %4$s%5$s, %6$s, %7$s packets, %8$s%9$s",
			   c->packets),
			SAY_ARGS(u64s(id, c->info.id), from, cl, sv, mid, dur, u64s(pk, c->packets),
				 say_state(c->state), again));
	if (r->cfg.color)
		n = (size_t)(put_lit(line + n, C_RESET) - line);
	put_line(t, NULL, line, n, hang(line, n));
	fold_flush(t, c->info.id, spooled_get(&t->stories, c->info.id));
	if (c->server_name[0] != '\0') {
		char name[sizeof(c->server_name) + 4];
		fmt_format(name, sizeof(name), "%s%s", c->server_name,
			   c->server_name_cut ? "..." : "");
		fmt_duration(dur, sizeof(dur), c->name_age_ns);
		/* TRANSLATORS: under a story's header: the name the server's
		 * address had in a DNS answer of the capture, the frame of the
		 * answer and how long before the connection it came. */
		line_msg(t, NULL, "  ", _("server %1$s is %2$s: DNS answered in frame %3$s, %4$s "
					  "before the connection's first packet"),
			 SAY_ARGS(sv, name, u64s(id, c->name_frame), dur));
	}
	spooled_drain(&t->stories, c->info.id);
	summary_lines(t, c);
	struct spool *turns = spooled_get(&t->turns, c->info.id);
	if (turns != NULL) {
		obuf_puts(o, "  ");
		/* TRANSLATORS: heads the summary's list of what the
		 * applications said ("frame 6: server answers 200 OK ..."). */
		obuf_puts(o, _("turns:"));
		obuf_puts(o, "\n");
		spooled_drain(&t->turns, c->info.id);
	}
	if (t->diag.conn == c->info.id)
		verdict_lines(t, &t->diag);
	obuf_puts(o, "\n");
}

/* SPEC §10: the verdict, then each finding with its evidence. */
static void verdict_lines(struct text_reporter *t, const struct tv_diagnosis *d)
{
	char words[NARRATE_MAX];
	narrate_verdict(d, words, sizeof(words));
	/* TRANSLATORS: what tcpview concludes about a connection (or the
	 * whole capture): %1$s is the verdict's sentence. */
	line_msg(t, NULL, "  ", _("verdict: %1$s"), SAY_ARGS(words));
	narrate_phases(&d->phases, words, sizeof(words));
	/* TRANSLATORS: where a connection's time went: %1$s tells its
	 * phases ("handshake 0.1 ms, waiting for the server 20 ms"). */
	line_msg(t, NULL, "  ", _("time: %1$s"), SAY_ARGS(words));
	if (d->nfindings < 2)
		return;
	for (unsigned i = 0; i < d->nfindings; i++) {
		narrate_finding(&d->f[i], words, sizeof(words));
		/* A list item: the finding's words alone. */
		line_msg(t, NULL, "           - ", "%1$s", SAY_ARGS(words));
	}
}

static void text_diagnosis(struct tv_sink *s, const struct tv_diagnosis *d)
{
	struct text_reporter *t = (struct text_reporter *)s;
	tv_diagnosis_copy(&t->diag, d);
}

static void text_capture_verdict(struct tv_sink *s, const struct tv_capture_verdict *v)
{
	struct text_reporter *t = (struct text_reporter *)s;
	char words[NARRATE_MAX];
	narrate_capture_verdict(v, words, sizeof(words));
	line_msg(t, NULL, "", _("verdict: %1$s"), SAY_ARGS(words));
}

static void text_malformed(struct tv_sink *s, const char *file, uint64_t frame,
			   const char *why)
{
	char num[24];
	/* TRANSLATORS: a packet tcpview could not decode: the input file,
	 * the frame's number, and what was wrong with it (%3$s, in the
	 * decoder's words). */
	line_msg((struct text_reporter *)s, NULL, "", _("%1$s: frame %2$s: malformed: %3$s"),
		 SAY_ARGS(file, u64s(num, frame), _(why)));
}

static void text_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
			const struct tv_stats *st)
{
	(void)in;
	(void)n;
	report_stats_line(((struct reporter *)s)->out, st);
}

static void text_destroy(struct tv_sink *s)
{
	struct text_reporter *t = (struct text_reporter *)s;
	spooled_release(&t->stories);
	spooled_release(&t->turns);
	void *f;
	while ((f = idmap_pop(&t->folds)) != NULL)
		free(f);
	idmap_release(&t->folds);
	free(t->wrapped);
	free(t);
}

static const struct tv_sink_ops text_ops = {
	.begin = report_ignore_begin,
	.conn_open = text_conn_open,
	.event = text_event,
	.app = text_app,
	.diagnosis = text_diagnosis,
	.capture_verdict = text_capture_verdict,
	.conn_close = text_conn_close,
	.malformed = text_malformed,
	.finish = text_finish,
	.destroy = text_destroy,
};

/* A label of the packet columns, cut to LABEL_MAX bytes (at a character's
 * start): the row buffer has room for every column at its widest. */
static void label_init(struct column_label *l, const char *s)
{
	size_t n = strlen(s);
	if (n > LABEL_MAX) {
		n = LABEL_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	size_t w = wrap_width(s, n);
	l->s = s;
	l->n = n;
	l->extra = w < n ? n - w : 0;
}

/* A column title padded to `width` columns (right-aligned when > 0, left
 * when < 0); returns the next write position. */
static char *put_title(char *p, const struct column_label *l, int width)
{
	size_t w = (size_t)(width < 0 ? -width : width), cols = l->n - l->extra;
	if (width > 0)
		for (; cols < w; cols++)
			*p++ = ' ';
	p = put_bytes(p, l->s, l->n);
	if (width < 0)
		for (; cols < w; cols++)
			*p++ = ' ';
	return p;
}

/* The labels of the packet columns and the compact layout's titles, in
 * the reader's words, once for the run. */
static void column_words(struct text_reporter *t)
{
	/* TRANSLATORS: the packet columns' labels ("frame 12 ... seq 1 ack
	 * 79 len 78 win 65535") and the titles of the compact layout's
	 * columns: short, as they head narrow columns.  seq and ack are
	 * TCP's sequence and acknowledgment numbers, len the data's length
	 * in bytes, win the receive window. */
	label_init(&t->frame, C_("packet column", "frame"));
	label_init(&t->seq, C_("packet column", "seq"));
	label_init(&t->ack, C_("packet column", "ack"));
	label_init(&t->len, C_("packet column", "len"));
	label_init(&t->win, C_("packet column", "win"));
	struct column_label time, dir, flags;
	label_init(&time, C_("packet column", "time"));
	/* TRANSLATORS: the title of the column of arrows "C→S", the
	 * direction a packet went. */
	label_init(&dir, C_("packet column", "dir"));
	label_init(&flags, C_("packet column", "flags"));
	/* As the compact rows lay them out (text_event): "        time  frame
	 * dir  flags                 seq        ack    len      win". */
	char *p = t->head;
	*p++ = ' ';
	*p++ = ' ';
	p = put_title(p, &time, 10);
	*p++ = ' ';
	p = put_title(p, &t->frame, 6);
	*p++ = ' ';
	p = put_title(p, &dir, -3);
	*p++ = ' ';
	*p++ = ' ';
	p = put_title(p, &flags, -14);
	*p++ = ' ';
	p = put_title(p, &t->seq, 10);
	*p++ = ' ';
	p = put_title(p, &t->ack, 10);
	*p++ = ' ';
	p = put_title(p, &t->len, 6);
	*p++ = ' ';
	p = put_title(p, &t->win, 8);
	*p++ = '\n';
	t->head_len = (size_t)(p - t->head);
}

struct tv_sink *report_text_new(const struct report_config *cfg, struct obuf *out)
{
	struct text_reporter *t = report_alloc(sizeof(*t), &text_ops, cfg, out);
	if (t == NULL)
		return NULL;
	size_t budget = report_budget(cfg, cfg->spool_budget ? cfg->spool_budget
								: TEXT_SPOOL_BUDGET);
	spooled_init(&t->stories, budget, out);
	spooled_init(&t->turns, budget, out);
	idmap_init(&t->folds);
	column_words(t);
	t->width = cfg->width;
	t->narrow = t->width > 0 && t->width < WIDE_LAYOUT;
	if (t->width > 0 &&
	    (t->wrapped = malloc(wrap_room(LINE_MAX, t->width, ROW_COLUMNS + 2))) == NULL) {
		text_destroy(&t->base.sink);
		return NULL;
	}
	return &t->base.sink;
}
