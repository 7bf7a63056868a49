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
#include <stdarg.h>
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

struct text_reporter {
	struct reporter base;
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

/* The indent a folded line's later rows take: its own leading spaces,
 * and past a short label that ends in ": " ("verdict: ", "frame 12: ")
 * or a list mark ("- "), so that the text lines up under its start. */
static size_t hang(const char *line, size_t n)
{
	size_t i = 0;
	while (i < n && line[i] == ' ')
		i++;
	if (i + 1 < n && line[i] == '-' && line[i + 1] == ' ')
		return i + 2;
	for (size_t j = i; j + 1 < n && j < i + 24; j++)
		if (line[j] == ':' && line[j + 1] == ' ')
			return j + 2;
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

/* printf into a logical line, then put_line with its hang. */
static void line_printf(struct text_reporter *t, struct spool *story, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void line_printf(struct text_reporter *t, struct spool *story, const char *fmt, ...)
{
	char line[LINE_MAX];
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = fmt_vformat(line, sizeof(line) - 1, fmt, ap);
	if (n < 0)
		n = vsnprintf(line, sizeof(line) - 1, fmt, aq);
	va_end(aq);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	put_line(t, story, line, (size_t)n, hang(line, (size_t)n));
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
	if (t->narrow && (story = spooled_get(&t->stories, c->id)) != NULL) {
		static const char head[] = "        time  frame dir  flags                 seq        "
					   "ack    len      win\n";
		spooled_write(&t->stories, story, head, sizeof(head) - 1);
	}
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

/* "42 packets (frames 10-61) in 3.100 ms: 60.2 KB from the server, 3 ACKs" */
static void fold_flush(struct text_reporter *t, uint64_t conn, struct spool *story)
{
	struct fold *f = idmap_take(&t->folds, conn);
	if (f == NULL)
		return;
	char line[320], dur[32];
	fmt_duration(dur, sizeof(dur), tv_time_diff_ns(f->first_ts, f->last_ts));
	size_t n;
	if (f->packets == 1)
		n = fmt_format(line, sizeof(line), "              ... 1 packet (frame %" PRIu64 "):",
			       f->first_frame);
	else
		n = fmt_format(line, sizeof(line), "              ... %" PRIu64 " packets (frames %"
			       PRIu64 "-%" PRIu64 ") in %s:", f->packets, f->first_frame,
			       f->last_frame, dur);
	const char *sep = " ";
	for (int d = 0; d < 2; d++)
		if (f->bytes[d] > 0) {
			n += fmt_format(line + n, sizeof(line) - n, "%s%" PRIu64 " bytes from the %s",
					sep, f->bytes[d], d == DIR_C2S ? "client" : "server");
			sep = ", ";
		}
	if (f->acks > 0)
		n += fmt_format(line + n, sizeof(line) - n, "%s%" PRIu64 " ACK%s", sep, f->acks,
				f->acks == 1 ? "" : "s");
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
	p = put_lit(p, "  frame ");
	p = pad_to(p, put_frame(p, &r->cfg, ev), 5);
	*p++ = ' ';
	p = put_lit_str(p, dir);
	*p++ = ' ';
	*p++ = ' ';
	p = pad_to(p, put_bytes(p, flags, fn), 14);
	*p++ = ' ';
	col = p;
	p = put_lit(p, "seq ");
	p += fmt_u64(p, seq);
	if (ev->flags & TH_ACK) {
		p = put_lit(p, " ack ");
		p += fmt_u64(p, ack);
	}
	p = pad_to(col, p, abs ? 29 : 25);
	p = put_lit(p, " len ");
	p = pad_to(p, p + fmt_u64(p, ev->len), 6);
	p = put_lit(p, " win ");
	p = pad_to(p, p + fmt_u64(p, ev->win), 8);
	*p++ = ' ';
	/* The narration lines up with its first row when it is folded (the
	 * arrow is 3 bytes and 1 column; in ASCII, 1 and 1). */
	size_t indent = (size_t)(p - line) - (r->cfg.ascii ? 0 : 2);
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
		char shift[32];
		if (ev->win_shift >= 0)
			fmt_format(shift, sizeof(shift), "shift %d", ev->win_shift);
		else
			fmt_format(shift, sizeof(shift), "%s", (ev->flags & TH_SYN)
				   ? "not scaled (SYN)" : "scale unknown");
		n = fmt_format(line, sizeof(line), "%*sraw window %u, %s, header %u bytes",
			       t->narrow ? NARROW_INDENT : 15, "",
			       (unsigned)ev->win_raw, shift, (unsigned)ev->hdr_len);
		const struct tcp_options *o = &ev->opt;
		if (o->present & TCPOPT_HAVE_TS)
			n += fmt_format(line + n, sizeof(line) - n,
					", TSval %" PRIu32 " TSecr %" PRIu32,
					o->ts_val, o->ts_ecr);
		/* SACK edges in the columns' numbers: relative to the data
		 * sender's ISN unless --absolute-seq. */
		uint32_t base = abs ? 0 : ev->raw_ack - ev->ack;
		for (unsigned i = 0; i < o->sack_count; i++)
			n += fmt_format(line + n, sizeof(line) - n,
					", SACK %" PRIu32 "-%" PRIu32, o->sack_left[i] - base,
					o->sack_right[i] - base);
		for (unsigned i = 0; i < o->unknown_count; i++)
			n += fmt_format(line + n, sizeof(line) - n, ", option kind %u",
					(unsigned)o->unknown_kinds[i]);
		if (o->problem != NULL)
			n += fmt_format(line + n, sizeof(line) - n, ", %s",
					o->problem);
		put_line(t, story, line, n < sizeof(line) - 1 ? n : sizeof(line) - 2,
			 t->narrow ? NARROW_INDENT : 15);
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
		num[fmt_u64(num, a->frame)] = '\0';
		n = fmt_format(line, sizeof(line) - 1, "frame %s  %s", num, words);
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
	n = fmt_format(line, sizeof(line) - 1, "           frame %" PRIu64 ": %s", a->frame, words);
	put_line_to(t, &t->turns, turns, line, n, hang(line, n));
}

static const char *end_words(const struct tv_conn_report *c)
{
	switch (c->state) {
	case CS_CLOSED: return "closed by a FIN teardown";
	case CS_RESET: return "aborted by a reset";
	case CS_REFUSED: return "refused";
	case CS_HALF_CLOSED: return "half closed when the capture ended";
	case CS_SYN_SENT: return "never established";
	default: break;
	}
	switch (c->end_reason) {
	case END_IDLE: return "idle, no longer followed";
	case END_PORT_REUSE: return "replaced by a new connection on the same ports";
	case END_LIMIT: return "tracking limit reached: no longer followed (--max-connections)";
	default: return "still open when the capture ended";
	}
}

static void summary_lines(struct text_reporter *t, const struct tv_conn_report *c)
{
	const struct tv_half_stats *cs = &c->half[DIR_C2S], *sc = &c->half[DIR_S2C];
	char dur[32], line[LINE_MAX];
	size_t n;

	line_printf(t, NULL, "  summary: client sent %" PRIu64 " bytes in %" PRIu64
		    " packet%s, server sent %" PRIu64 " bytes in %" PRIu64 " packet%s",
		    cs->bytes, cs->packets, cs->packets == 1 ? "" : "s", sc->bytes,
		    sc->packets, sc->packets == 1 ? "" : "s");
	if (c->hs_rtt_ns > 0) {
		fmt_duration(dur, sizeof(dur), c->hs_rtt_ns);
		line_printf(t, NULL, "           handshake RTT %s", dur);
	}
	for (int d = 0; d < 2; d++) {
		const struct tv_half_stats *h = &c->half[d];
		const char *who = d == DIR_C2S ? "client" : "server";
		char mn[32], avg[32], mx[32], karn[160] = "";
		if (h->rtt_skipped > 0)
			fmt_format(karn, sizeof(karn), "; %" PRIu64 " left out: their data was "
				   "sent more than once, so which sending was answered is not "
				   "known (Karn's rule)", h->rtt_skipped);
		if (h->rtt_count == 0) {
			if (h->rtt_skipped > 0)
				line_printf(t, NULL, "           ACK RTT of %s data: no sample%s",
					    who, karn);
			continue;
		}
		fmt_duration(mn, sizeof(mn), h->rtt_min_ns);
		fmt_duration(avg, sizeof(avg), h->rtt_sum_ns / (int64_t)h->rtt_count);
		fmt_duration(mx, sizeof(mx), h->rtt_max_ns);
		line_printf(t, NULL, "           ACK RTT of %s data: min %s, avg %s, max %s "
			    "(%" PRIu64 " sample%s%s)", who, mn, avg, mx, h->rtt_count,
			    h->rtt_count == 1 ? "" : "s", karn);
	}
	static const enum tv_label trouble[] = {
		L_RETRANSMISSION, L_FAST_RETRANSMISSION, L_SPURIOUS_RETRANSMISSION,
		L_OUT_OF_ORDER, L_LOST_SEGMENT, L_ACKED_UNSEEN, L_DUP_ACK,
		L_ZERO_WINDOW, L_ZERO_WINDOW_PROBE, L_WINDOW_FULL, L_KEEP_ALIVE,
	};
	n = 0;
	for (size_t i = 0; i < sizeof(trouble) / sizeof(trouble[0]); i++) {
		uint32_t k = cs->counts[trouble[i]] + sc->counts[trouble[i]];
		if (k == 0)
			continue;
		n += fmt_format(line + n, sizeof(line) - 1 - n, "%s%s %" PRIu32,
				n > 0 ? ", " : "           trouble: ", label_name(trouble[i]), k);
		/* Linux probes a zero window with what Wireshark's rule calls
		 * a keep-alive (story.c): the count says which they were. */
		uint32_t probes = cs->keep_alive_probes + sc->keep_alive_probes;
		if (trouble[i] == L_KEEP_ALIVE && probes > 0)
			n += fmt_format(line + n, sizeof(line) - 1 - n, probes == k
					? " (all zero-window probes)"
					: " (%" PRIu32 " of them zero-window probes)", probes);
	}
	if (n > 0)
		put_line(t, NULL, line, n, hang(line, n));
	const char *who = c->closed_by == DIR_C2S ? "client" : "server";
	n = fmt_format(line, sizeof(line) - 1, "           ended: %s", end_words(c));
	if (c->state == CS_CLOSED || c->state == CS_HALF_CLOSED)
		n += fmt_format(line + n, sizeof(line) - 1 - n, " (first FIN from the %s%s)", who,
				c->last_ack_missing
				? "; the ACK of the last FIN is not in the capture" : "");
	if (c->reset_by >= 0)
		n += fmt_format(line + n, sizeof(line) - 1 - n, " (reset by the %s)",
				c->reset_by == DIR_C2S ? "client" : "server");
	n += fmt_format(line + n, sizeof(line) - 1 - n, "; Zeek state %s, history %s",
			zeek_state_name(c->zeek_state), c->history);
	put_line(t, NULL, line, n, hang(line, n));
}

static void verdict_lines(struct text_reporter *t, const struct tv_diagnosis *d);

static void text_conn_close(struct tv_sink *s, const struct tv_conn_report *c)
{
	struct text_reporter *t = (struct text_reporter *)s;
	struct reporter *r = &t->base;
	struct obuf *o = r->out;
	const struct tv_endpoint *ce = &c->info.end[DIR_C2S], *se = &c->info.end[DIR_S2C];
	char cl[80], sv[80], dur[32];

	fmt_endpoint(cl, sizeof(cl), &ce->addr, ce->port);
	fmt_endpoint(sv, sizeof(sv), &se->addr, se->port);
	fmt_duration(dur, sizeof(dur), tv_time_diff_ns(c->info.first_ts, c->last_ts));
	char from[300] = "";
	if (r->cfg.nfiles > 1 && c->info.first_file < r->cfg.nfiles)
		fmt_format(from, sizeof(from), " (from input %u, %s)",
			   (unsigned)c->info.first_file + 1, r->cfg.files[c->info.first_file]);
	line_printf(t, NULL, "%sconnection %" PRIu64 "%s: %s \xe2\x86\x92 %s%s, %s, %" PRIu64
		    " packet%s, %s%s%s",
		    r->cfg.color ? C_BOLD : "", c->info.id, from, cl, sv,
		    c->info.midstream ? " (no SYN captured: roles guessed, windows as sent, "
					"their scale unknown)" : "", dur,
		    c->packets, c->packets == 1 ? "" : "s", conn_state_name(c->state),
		    c->info.continued ? ", continued after it had ended in memory" :
		    c->info.port_reuse ? ", reuses the ports of an earlier connection" : "",
		    r->cfg.color ? C_RESET : "");
	fold_flush(t, c->info.id, spooled_get(&t->stories, c->info.id));
	if (c->server_name[0] != '\0') {
		fmt_duration(dur, sizeof(dur), c->name_age_ns);
		line_printf(t, NULL, "  server %s is %s%s: DNS answered in frame %" PRIu64 ", %s "
			    "before the connection's first packet", sv, c->server_name,
			    c->server_name_cut ? "..." : "", c->name_frame, dur);
	}
	spooled_drain(&t->stories, c->info.id);
	summary_lines(t, c);
	struct spool *turns = spooled_get(&t->turns, c->info.id);
	if (turns != NULL) {
		obuf_puts(o, "  turns:\n");
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
	line_printf(t, NULL, "  verdict: %s", words);
	narrate_phases(&d->phases, words, sizeof(words));
	line_printf(t, NULL, "  time: %s", words);
	if (d->nfindings < 2)
		return;
	for (unsigned i = 0; i < d->nfindings; i++) {
		narrate_finding(&d->f[i], words, sizeof(words));
		line_printf(t, NULL, "           - %s", words);
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
	line_printf(t, NULL, "verdict: %s", words);
}

static void text_malformed(struct tv_sink *s, const char *file, uint64_t frame,
			   const char *why)
{
	line_printf((struct text_reporter *)s, NULL, "%s: frame %" PRIu64 ": malformed: %s",
		    file, frame, why);
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

struct tv_sink *report_text_new(const struct report_config *cfg, struct obuf *out)
{
	struct text_reporter *t = report_alloc(sizeof(*t), &text_ops, cfg, out);
	if (t == NULL)
		return NULL;
	size_t budget = cfg->spool_budget ? cfg->spool_budget : TEXT_SPOOL_BUDGET;
	spooled_init(&t->stories, budget, out);
	spooled_init(&t->turns, budget, out);
	idmap_init(&t->folds);
	t->width = cfg->width;
	t->narrow = t->width > 0 && t->width < WIDE_LAYOUT;
	if (t->width > 0 &&
	    (t->wrapped = malloc(wrap_room(LINE_MAX, t->width, ROW_COLUMNS + 2))) == NULL) {
		text_destroy(&t->base.sink);
		return NULL;
	}
	return &t->base.sink;
}
