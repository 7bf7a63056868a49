/*
 * narrate.c - the plain-words sentence for each packet (SPEC §4).
 *
 * The tracker decides what a packet is (labels and their numbers); this
 * file only says it, with the arithmetic shown where a number needs
 * explaining ("6379 << 6 = 408256").  Sentences for a packet's labels are
 * joined with "; " in the order of SPEC §3.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tcpview/narrate.h"

/* A bounded sentence under construction. */
struct sb {
	char *buf;
	size_t cap, len;
	bool need_sep;
};

static void sb_printf(struct sb *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* printf for sentences, through fmt.c's formatter (no glibc machinery on
 * every packet); output is cut at the buffer's end. */
static void sb_printf(struct sb *s, const char *fmt, ...)
{
	va_list ap, ap2;
	if (s->len + 1 >= s->cap)
		return;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = fmt_vformat(s->buf + s->len, s->cap - s->len, fmt, ap);
	if (n < 0)
		n = vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap2);
	va_end(ap2);
	va_end(ap);
	if (n > 0)
		s->len = s->len + (size_t)n < s->cap ? s->len + (size_t)n : s->cap - 1;
}

/* Appenders for the sentences of nearly every packet (data, ACK): no
 * format string to interpret. */
static void sb_put(struct sb *s, const char *p, size_t n)
{
	if (n > s->cap - 1 - s->len)
		n = s->cap - 1 - s->len;
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

#define sb_lit(s, lit) sb_put((s), (lit), sizeof(lit) - 1)

static void sb_str(struct sb *s, const char *str)
{
	sb_put(s, str, strlen(str));
}

static void sb_u64(struct sb *s, uint64_t v)
{
	char num[24];
	sb_put(s, num, fmt_u64(num, v));
}

/* Starts a new clause: "; " after the previous one. */
static void clause(struct sb *s)
{
	if (s->need_sep)
		sb_lit(s, "; ");
	s->need_sep = true;
}

static const char *side(enum tv_dir d)
{
	return d == DIR_C2S ? "client" : "server";
}

void narrate_flag_letters(uint16_t f, char out[12])
{
	size_t n = 0;
	if (f & TH_SYN) out[n++] = 'S';
	if (f & TH_FIN) out[n++] = 'F';
	if (f & TH_RST) out[n++] = 'R';
	if (f & TH_PUSH) out[n++] = 'P';
	if (f & TH_URG) out[n++] = 'U';
	if (f & TH_ECE) out[n++] = 'E';
	if (f & TH_CWR) out[n++] = 'W';
	if (f & TH_ACK) out[n++] = '.';
	out[n] = '\0';
	if (n == 0)
		snprintf(out, 12, "none");	/* tcpdump's word for no flags */
}

void narrate_flag_names(uint16_t f, char out[40])
{
	static const struct { uint16_t bit; const char *name; } names[] = {
		{ TH_SYN, "SYN" }, { TH_FIN, "FIN" }, { TH_RST, "RST" },
		{ TH_PUSH, "PSH" }, { TH_URG, "URG" }, { TH_ECE, "ECE" },
		{ TH_CWR, "CWR" }, { TH_AE, "AE" }, { TH_ACK, "ACK" },
	};
	/* All nine names with commas take 35 bytes: out[40] always fits. */
	size_t n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(f & names[i].bit))
			continue;
		if (n > 0)
			out[n++] = ',';
		size_t len = strlen(names[i].name);
		memcpy(out + n, names[i].name, len);
		n += len;
	}
	if (n == 0) {
		memcpy(out, "none", 4);
		n = 4;
	}
	out[n] = '\0';
}

/* "MSS 1460, window scale 7, SACK permitted, timestamps" */
static void syn_options(struct sb *s, const struct tcp_options *o)
{
	const char *sep = " with ";
	if (o->present & TCPOPT_HAVE_MSS) {
		sb_printf(s, "%sMSS %u", sep, (unsigned)o->mss);
		sep = ", ";
	}
	if (o->present & TCPOPT_HAVE_WSCALE) {
		sb_printf(s, "%swindow scale %u", sep, (unsigned)o->wscale);
		if (o->wscale > 14)
			sb_printf(s, " (capped at 14, RFC 7323)");
		sep = ", ";
	}
	if (o->present & TCPOPT_HAVE_SACK_PERM) {
		sb_printf(s, "%sSACK permitted", sep);
		sep = ", ";
	}
	if (o->present & TCPOPT_HAVE_TS) {
		sb_printf(s, "%stimestamps", sep);
		sep = ", ";
	}
	if (o->present & TCPOPT_HAVE_TFO) {
		if (o->tfo_cookie_len == 0)
			sb_printf(s, "%sa TCP Fast Open cookie request", sep);
		else
			sb_printf(s, "%sa TCP Fast Open cookie", sep);
		sep = ", ";
	}
	if (o->present & TCPOPT_HAVE_MPTCP) {
		sb_printf(s, "%sMultipath TCP", sep);
		sep = ", ";
	}
	if (*sep == ' ')
		sb_printf(s, " without options");
}

/* "6379 << 6 = 408256 bytes" or "65535 bytes" */
static void window_words(struct sb *s, const struct tv_event *ev)
{
	if (ev->win_shift > 0)
		sb_printf(s, "%u << %d = %" PRIu32 " bytes", (unsigned)ev->win_raw,
			  ev->win_shift, ev->win);
	else
		sb_printf(s, "%" PRIu32 " bytes%s", ev->win,
			  ev->win_scaled ? "" : " (scale unknown: handshake not captured)");
}

static void handshake(struct sb *s, const struct tv_event *ev)
{
	const struct tv_packet *p = ev->pkt;
	char dur[32];
	if (ev->labels & LBIT(L_SYN)) {
		clause(s);
		sb_printf(s, "handshake 1/3: client asks to open a connection to port %u",
			  (unsigned)ev->conn->half[DIR_S2C].port);
		syn_options(s, &p->opt);
	}
	if (ev->labels & LBIT(L_SYN_ACK)) {
		clause(s);
		sb_printf(s, "handshake 2/3: server accepts");
		if (ev->synack_rtt_ns > 0) {
			fmt_duration(dur, sizeof(dur), ev->synack_rtt_ns);
			sb_printf(s, " %s after the SYN", dur);
		}
		syn_options(s, &p->opt);
		const struct tv_half *cl = &ev->conn->half[DIR_C2S];
		if (cl->saw_syn) {
			bool both = (cl->syn.present & TCPOPT_HAVE_WSCALE) &&
				    (p->opt.present & TCPOPT_HAVE_WSCALE);
			sb_printf(s, both ? " (both sides scale their windows from now on)"
					  : (cl->syn.present & TCPOPT_HAVE_WSCALE)
						    ? " (no window scaling: the server did not offer it)"
						    : "");
		}
	}
	if (ev->labels & LBIT(L_HANDSHAKE_ACK)) {
		clause(s);
		sb_printf(s, "handshake 3/3: connection established");
		if (ev->handshake_rtt_ns > 0) {
			fmt_duration(dur, sizeof(dur), ev->handshake_rtt_ns);
			sb_printf(s, " (RTT %s)", dur);
		}
		sb_printf(s, "; window ");
		window_words(s, ev);
	}
}

static void data(struct sb *s, const struct tv_event *ev)
{
	const struct tv_packet *p = ev->pkt;
	clause(s);
	/* "client sends 78 bytes (seq 1-78): \"GET / HTTP/1.1\"" */
	sb_str(s, side(ev->dir));
	sb_lit(s, " sends ");
	sb_u64(s, p->len);
	if (p->len == 1)
		sb_lit(s, " byte (seq ");
	else
		sb_lit(s, " bytes (seq ");
	sb_u64(s, ev->seq);
	sb_lit(s, "-");
	sb_u64(s, (uint32_t)(ev->seq + p->len - 1));
	sb_lit(s, ")");
	if (ev->quote != NULL) {
		sb_lit(s, ": \"");
		sb_put(s, (const char *)ev->quote, ev->quote_len);
		sb_lit(s, "\"");
	}
	if (p->truncated)
		sb_printf(s, " [%" PRIu32 " of them captured]", p->payload_caplen);
}

static void acked(struct sb *s, const struct tv_event *ev, bool pure)
{
	char dur[32];
	const char *who = side(ev->dir);
	const char *peer = side(ev->dir == DIR_C2S ? DIR_S2C : DIR_C2S);
	clause(s);
	/* "server acknowledges the 78 bytes of frame 5 after 0.024 ms
	 * (ack 79 = next byte it expects)" */
	if (pure) {
		sb_str(s, who);
		sb_lit(s, " ");
	}
	sb_lit(s, "acknowledges the ");
	sb_u64(s, ev->acked_bytes);
	if (ev->acked_bytes == 1)
		sb_lit(s, " byte");
	else
		sb_lit(s, " bytes");
	if (ev->acks_frame != 0 && ev->acked_first_frame != 0 &&
	    ev->acked_first_frame != ev->acks_frame) {
		sb_lit(s, " of frames ");
		sb_u64(s, ev->acked_first_frame);
		sb_lit(s, "-");
		sb_u64(s, ev->acks_frame);
	} else if (ev->acks_frame != 0) {
		sb_lit(s, " of frame ");
		sb_u64(s, ev->acks_frame);
	} else {
		sb_lit(s, " of the ");
		sb_str(s, peer);
		sb_lit(s, "'s data");
	}
	if (ev->acks_frame != 0 && ev->ack_rtt_ns > 0) {
		sb_lit(s, " after ");
		sb_put(s, dur, fmt_duration(dur, sizeof(dur), ev->ack_rtt_ns));
	}
	if (pure) {
		sb_lit(s, " (ack ");
		sb_u64(s, ev->ack);
		sb_lit(s, " = next byte it expects)");
	}
}

static void teardown(struct sb *s, const struct tv_event *ev)
{
	const char *who = side(ev->dir);
	const char *peer = side(ev->dir == DIR_C2S ? DIR_S2C : DIR_C2S);
	bool fin = ev->labels & LBIT(L_FIN), tack = ev->labels & LBIT(L_TEARDOWN_ACK);
	const struct tv_half *me = &ev->conn->half[ev->dir];

	if (fin && tack && ev->teardown_step == 3) {
		clause(s);
		sb_printf(s, "teardown 2+3/4: %s acknowledges the %s's FIN and closes "
			  "its side too", who, peer);
		return;
	}
	if (tack) {
		clause(s);
		if (ev->teardown_step == 4)
			sb_printf(s, "teardown 4/4: %s acknowledges the %s's FIN: the "
				  "connection is closed", who, peer);
		else
			sb_printf(s, "teardown 2/4: %s acknowledges the %s's FIN", who, peer);
	}
	if (fin) {
		clause(s);
		if (me->fin_frame != ev->pkt->frame)
			sb_printf(s, "%s sends its FIN again", who);
		else if (ev->teardown_step == 1)
			sb_printf(s, "teardown 1/4: %s has no more data to send", who);
		else if (!ev->conn->half[dir_other(ev->dir)].fin_acked)
			sb_printf(s, "teardown 3/4: %s closes too, before its FIN was "
				  "acknowledged (simultaneous close)", who);
		else
			sb_printf(s, "teardown 3/4: %s has no more data to send either", who);
	}
}

static void reset(struct sb *s, const struct tv_event *ev)
{
	const char *who = side(ev->dir);
	const char *peer = side(ev->dir == DIR_C2S ? DIR_S2C : DIR_C2S);
	const struct tv_half *mine = &ev->conn->half[ev->dir];
	const struct tv_half *theirs = &ev->conn->half[dir_other(ev->dir)];
	clause(s);
	switch (ev->rst_reason) {
	case RST_REFUSED:
		sb_printf(s, "connection refused: %s answers the SYN with a reset, "
			  "nothing listens on port %u", who, (unsigned)mine->port);
		break;
	case RST_AFTER_CLOSE:
		sb_printf(s, "%s resets: data arrived after it had closed its side "
			  "(FIN in frame %" PRIu64 "); the %s may lose data it had not "
			  "read yet", who, mine->fin_frame, peer);
		break;
	case RST_UNKNOWN_CONNECTION:
		sb_printf(s, "%s resets a connection it does not know (no state for "
			  "this 4-tuple on its side)", who);
		break;
	default:
		sb_printf(s, "%s aborts the connection with a reset", who);
		if (theirs->bytes > 0)
			sb_printf(s, " after receiving %" PRIu64 " bytes: an application "
				  "that closes its socket with received data still unread "
				  "(or with SO_LINGER 0) makes the kernel send RST instead "
				  "of FIN (RFC 1122 4.2.2.13, RFC 9293 3.6)", theirs->bytes);
		sb_printf(s, "; the %s may lose data it had not read yet", peer);
		break;
	}
}

static void expert(struct sb *s, const struct tv_event *ev)
{
	uint32_t l = ev->labels;
	const struct tv_packet *p = ev->pkt;
	const char *who = side(ev->dir);
	const char *peer = side(ev->dir == DIR_C2S ? DIR_S2C : DIR_C2S);

	if (l & LBIT(L_PORT_REUSE)) {
		clause(s);
		sb_printf(s, "port reuse: a new connection on the 4-tuple of an earlier one");
	}
	if (l & LBIT(L_SPURIOUS_RETRANSMISSION)) {
		clause(s);
		sb_printf(s, "spurious retransmission: the %s had already acknowledged "
			  "these bytes", peer);
	} else if (l & LBIT(L_FAST_RETRANSMISSION)) {
		clause(s);
		sb_printf(s, "fast retransmission of bytes %" PRIu32 "-%" PRIu32 ": the %s "
			  "asked for them ", ev->seq, ev->seq + (p->len ? p->len - 1 : 0), peer);
		if (ev->fast_dups > 0) {
			char dur[32];
			fmt_duration(dur, sizeof(dur), ev->fast_dup_span_ns);
			sb_printf(s, "%u times (duplicate ACKs in frame%s", (unsigned)ev->fast_dups,
				  ev->fast_dups > 1 ? "s" : "");
			if (ev->fast_dups > 3)
				sb_printf(s, " ...");
			for (int i = 0; i < 3 && ev->fast_dup_frames[i] != 0; i++)
				sb_printf(s, "%s %" PRIu64, i ? "," : "", ev->fast_dup_frames[i]);
			sb_printf(s, ") within %s", dur);
		} else {
			sb_printf(s, "again with duplicate ACKs");
		}
		sb_printf(s, ", before its retransmission timer (RFC 5681 3.2)");
	} else if (l & LBIT(L_RETRANSMISSION)) {
		clause(s);
		sb_printf(s, "retransmission");
		if (ev->orig_frame != 0)
			sb_printf(s, " of data first sent in frame %" PRIu64, ev->orig_frame);
	}
	if (l & LBIT(L_OUT_OF_ORDER)) {
		clause(s);
		sb_printf(s, "out of order: these bytes come after later ones");
	}
	if (l & LBIT(L_LOST_SEGMENT)) {
		clause(s);
		sb_printf(s, "previous segment not captured: %" PRIu32 " bytes are "
			  "missing before this one (capture started late or dropped them)",
			  ev->missing_bytes);
	}
	if (l & LBIT(L_ACKED_UNSEEN)) {
		clause(s);
		sb_printf(s, "acknowledges data the capture never saw");
	}
	if (l & LBIT(L_DUP_ACK)) {
		clause(s);
		sb_printf(s, "duplicate ACK #%" PRIu32 " of frame %" PRIu64 ": the %s "
			  "still expects byte %" PRIu32, ev->dup_ack_num, ev->dup_ack_frame,
			  who, ev->ack);
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE)) {
		clause(s);
		sb_printf(s, "zero-window probe: the %s tests whether the %s's window "
			  "has opened", who, peer);
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE_ACK)) {
		clause(s);
		sb_printf(s, "the %s answers the probe", who);
	}
	if (l & LBIT(L_ZERO_WINDOW)) {
		clause(s);
		sb_printf(s, "zero window: the %s's receive buffer is full, the %s must "
			  "wait", who, peer);
	}
	if (l & LBIT(L_WINDOW_FULL)) {
		clause(s);
		sb_printf(s, "window full: this segment fills the %s's advertised window",
			  peer);
	}
	if (l & LBIT(L_KEEP_ALIVE)) {
		clause(s);
		/* Linux probes a zero window with an empty segment one byte
		 * below the next (tcp_xmit_probe_skb), which Wireshark's rule
		 * calls a keep-alive: say what it really is. */
		if (ev->conn->half[dir_other(ev->dir)].window == 0)
			sb_printf(s, "keep-alive (Wireshark's name) used as a zero-window "
				  "probe: the %s's window is 0, so the %s asks with an "
				  "empty segment whether it has opened", peer, who);
		else
			sb_printf(s, "keep-alive: the %s checks that the connection is "
				  "still there (RFC 1122 4.2.3.6)", who);
	}
	if (l & LBIT(L_KEEP_ALIVE_ACK)) {
		clause(s);
		sb_printf(s, "the %s answers the keep-alive", who);
	}
	if (p->opt.problem != NULL) {
		clause(s);
		sb_printf(s, "malformed TCP options (%s)", p->opt.problem);
	}
}

size_t narrate_event(const struct tv_event *ev, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	uint32_t l = ev->labels;
	if (cap == 0)
		return 0;
	buf[0] = '\0';

	handshake(&s, ev);
	if (l & LBIT(L_WINDOW_UPDATE)) {
		clause(&s);
		sb_printf(&s, "window update: %s can now receive ", side(ev->dir));
		if (ev->win_shift > 0)
			sb_printf(&s, "%" PRIu32 " bytes (%u << %d)", ev->win,
				  (unsigned)ev->win_raw, ev->win_shift);
		else
			window_words(&s, ev);
		if (ev->zero_ns > 0) {
			char dur[32];
			fmt_duration(dur, sizeof(dur), ev->zero_ns);
			sb_printf(&s, ", after its window stayed 0 for %s (%u probe%s)", dur,
				  (unsigned)ev->zero_probes, ev->zero_probes == 1 ? "" : "s");
		}
	}
	if (l & LBIT(L_DATA))
		data(&s, ev);
	if (ev->acked_bytes > 0 && !(l & LBIT(L_HANDSHAKE_ACK)))
		acked(&s, ev, (l & LBIT(L_ACK)) != 0);
	teardown(&s, ev);
	if (l & LBIT(L_RST))
		reset(&s, ev);
	expert(&s, ev);
	if (s.len == 0)
		sb_printf(&s, "%s acknowledges nothing new", side(ev->dir));
	return s.len;
}
