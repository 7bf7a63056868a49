/*
 * narrate.c - the plain-words sentence for each packet (SPEC §4).
 *
 * The analysis decides what a packet is (labels, their numbers, and the
 * decisions of record.h); this layer only says it, with the arithmetic
 * shown where a number needs explaining ("6379 << 6 = 408256").  Sentences
 * for a packet's labels are joined with "; " in the order of SPEC §3:
 * handshake, window update, data and what it acknowledges here, the
 * teardown and reset in ending.c, the trouble in trouble.c.  Each
 * sentence is one message in the reader's language (tr.h), its numbers
 * formatted here in the C locale and pasted into its placeholders.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/tr.h"

/* The options of a SYN as a list, each in the reader's words, joined the
 * language's way: "MSS 1460, window scale 7 (×128), SACK permitted,
 * timestamps"; "" when it has none. */
static void syn_options(char *list, size_t cap, const struct tcp_options *o)
{
	struct sb l = { list, cap, 0, false };
	struct num a, b;
	list[0] = '\0';
	if (o->present & TCPOPT_HAVE_MSS) {
		l.need_sep = true;
		sb_msg(&l, _("MSS %1$s"), SAY_ARGS(num(&a, o->mss)));
	}
	if (o->present & TCPOPT_HAVE_WSCALE) {
		if (l.need_sep)
			sb_str(&l, _(", "));
		l.need_sep = true;
		if (o->wscale > 14)
			sb_msg(&l, _("window scale %1$s (capped at 14, RFC 7323)"),
			       SAY_ARGS(num(&a, o->wscale)));
		else if (o->wscale > 0)
			/* TRANSLATORS: %2$s is the factor the shift multiplies
			 * windows by, after a multiplication sign: "×64". */
			sb_msg(&l, _("window scale %1$s (\xc3\x97%2$s)"),
			       SAY_ARGS(num(&a, o->wscale), num(&b, 1u << o->wscale)));
		else
			sb_msg(&l, _("window scale %1$s"), SAY_ARGS(num(&a, o->wscale)));
	}
	const char *more[4];
	size_t n = 0;
	if (o->present & TCPOPT_HAVE_SACK_PERM)
		more[n++] = _("SACK permitted");
	if (o->present & TCPOPT_HAVE_TS)
		more[n++] = _("timestamps");
	if (o->present & TCPOPT_HAVE_TFO)
		more[n++] = o->tfo_cookie_len == 0 ? _("a TCP Fast Open cookie request")
			    : _("a TCP Fast Open cookie");
	if (o->present & TCPOPT_HAVE_MPTCP)
		more[n++] = _("Multipath TCP");
	for (size_t i = 0; i < n; i++) {
		if (l.need_sep)
			sb_str(&l, _(", "));
		l.need_sep = true;
		sb_str(&l, more[i]);
	}
}

/* "6379 << 6 = 408256 bytes" or "65535 bytes" */
static void window_words(char *w, size_t cap, const struct tv_event *ev)
{
	struct sb s = { w, cap, 0, false };
	struct num a, b, c;
	w[0] = '\0';
	if (ev->win_shift > 0)
		sb_msg(&s, _("%1$s << %2$s = %3$s bytes"),
		       SAY_ARGS(num(&a, ev->win_raw), num(&b, (uint64_t)ev->win_shift),
				num(&c, ev->win)));
	else if (ev->win_scaled)
		sb_msg(&s, Q_("%1$s byte", "%1$s bytes", ev->win), SAY_ARGS(num(&a, ev->win)));
	else
		sb_msg(&s, _("%1$s bytes (scale unknown: handshake not captured)"),
		       SAY_ARGS(num(&a, ev->win)));
}

static void say_syn_ack(struct sb *s, const struct tv_event *ev)
{
	char d[32], opts[320];
	struct num a;
	syn_options(opts, sizeof(opts), &ev->opt);
	bool rtt = ev->synack_rtt_ns > 0;
	const char *rt = rtt ? dur(d, ev->synack_rtt_ns) : "";
	if (rtt && opts[0] != '\0')
		sb_msg(s, _("handshake 2/3: server accepts %1$s after the SYN with %2$s"),
		       SAY_ARGS(rt, opts));
	else if (rtt)
		sb_msg(s, _("handshake 2/3: server accepts %1$s after the SYN without options"),
		       SAY_ARGS(rt));
	else if (opts[0] != '\0')
		sb_msg(s, _("handshake 2/3: server accepts with %1$s"), SAY_ARGS(opts));
	else
		sb_str(s, _("handshake 2/3: server accepts without options"));
	unsigned srv = ev->opt.wscale > 14 ? 14 : ev->opt.wscale;
	/* The next messages continue the sentence "handshake 2/3: server
	 * accepts ..." with what else the SYN-ACK says. */
	if (ev->tfo_data > 0 && ev->tfo_accepted)
		/* TRANSLATORS: continues "handshake 2/3: server accepts ...". */
		sb_msg(s, _(", and acknowledges the %1$s bytes of data the SYN carried (TCP Fast "
			    "Open, RFC 7413)"), SAY_ARGS(num(&a, ev->tfo_data)));
	else if (ev->tfo_data > 0)
		/* TRANSLATORS: continues "handshake 2/3: server accepts ...". */
		sb_msg(s, _(", acknowledging the SYN but not the %1$s bytes of data it carried: "
			    "the server did not take the Fast Open data, which the client must "
			    "send again (RFC 7413 4.2)"), SAY_ARGS(num(&a, ev->tfo_data)));
	if (ev->ws_outcome == WS_BOTH && srv > 0 && ev->ws_client_shift > 0)
		/* TRANSLATORS: continues "handshake 2/3: server accepts ...". */
		sb_str(s, _(" (both sides scale their windows from now on)"));
	else if (ev->ws_outcome == WS_BOTH && srv == 0 && ev->ws_client_shift > 0)
		sb_str(s, _(" (window scaling is on, with a shift of 0 for the server: only the "
			    "client's windows are scaled from now on)"));
	else if (ev->ws_outcome == WS_BOTH && srv > 0)
		sb_str(s, _(" (window scaling is on, with a shift of 0 for the client: only the "
			    "server's windows are scaled from now on)"));
	else if (ev->ws_outcome == WS_BOTH)
		sb_str(s, _(" (window scaling is on, with a shift of 0 both ways: windows count "
			    "as written)"));
	else if (ev->ws_outcome == WS_DECLINED)
		sb_str(s, _(" (no window scaling: the server did not offer it)"));
}

void say_handshake(struct sb *s, const struct tv_event *ev)
{
	char d[32], opts[320], win[160];
	struct num a;
	/* A SYN or SYN-ACK sent again is told as such (trouble.c), not as a
	 * new step of the handshake. */
	bool again = ev->resend_count >= 2;
	if ((ev->labels & LBIT(L_SYN)) && !again) {
		clause(s);
		syn_options(opts, sizeof(opts), &ev->opt);
		if (opts[0] != '\0')
			sb_msg(s, _("handshake 1/3: client asks to open a connection to port %1$s "
				    "with %2$s"), SAY_ARGS(num(&a, ev->port[DIR_S2C]), opts));
		else
			sb_msg(s, _("handshake 1/3: client asks to open a connection to port %1$s "
				    "without options"), SAY_ARGS(num(&a, ev->port[DIR_S2C])));
	}
	if ((ev->labels & LBIT(L_SYN_ACK)) && !again) {
		clause(s);
		say_syn_ack(s, ev);
	}
	if (ev->labels & LBIT(L_HANDSHAKE_ACK)) {
		clause(s);
		window_words(win, sizeof(win), ev);
		if (ev->handshake_rtt_ns > 0)
			sb_msg(s, _("handshake 3/3: connection established (RTT %1$s); window %2$s"),
			       SAY_ARGS(dur(d, ev->handshake_rtt_ns), win));
		else
			sb_msg(s, _("handshake 3/3: connection established; window %1$s"),
			       SAY_ARGS(win));
	}
}

void say_data(struct sb *s, const struct tv_event *ev)
{
	struct num a, b, c, k;
	clause(s);
	/* Data on a SYN starts after the SYN's own sequence number. */
	uint32_t first = ev->seq + ((ev->flags & TH_SYN) ? 1 : 0);
	const char *len = num(&a, ev->len), *from = num(&b, first),
		   *to = num(&c, (uint32_t)(first + ev->len - 1));
	/* "client sends 78 bytes (seq 1-78)" */
	if (ev->dir == DIR_C2S)
		sb_msg(s, Q_("client sends %1$s byte (seq %2$s-%3$s)",
			     "client sends %1$s bytes (seq %2$s-%3$s)", ev->len),
		       SAY_ARGS(len, from, to));
	else
		sb_msg(s, Q_("server sends %1$s byte (seq %2$s-%3$s)",
			     "server sends %1$s bytes (seq %2$s-%3$s)", ev->len),
		       SAY_ARGS(len, from, to));
	if (ev->flags & TH_SYN)
		/* TRANSLATORS: continues "client sends N bytes (seq A-B)". */
		sb_str(s, _(" with its SYN (TCP Fast Open, RFC 7413)"));
	if (ev->quote_len > 0) {
		/* Application text, as sent: never translated. */
		sb_lit(s, ": \"");
		sb_put(s, ev->quote, ev->quote_len);
		sb_lit(s, "\"");
	}
	if (ev->truncated)
		/* TRANSLATORS: continues "client sends N bytes ...": how many
		 * of them the capture holds. */
		sb_msg(s, _(" [%1$s of them captured]"), SAY_ARGS(num(&k, ev->captured_len)));
}

void say_acked(struct sb *s, const struct tv_event *ev, bool pure)
{
	char d[32], what[160];
	struct num a, b, c;
	struct sb w = { what, sizeof(what), 0, false };
	what[0] = '\0';
	clause(s);
	/* What is acknowledged: "the 78 bytes of frame 5" */
	const char *n = num(&a, ev->acked_bytes);
	if (ev->acks_frame != 0 && ev->acked_first_frame != 0 &&
	    ev->acked_first_frame != ev->acks_frame && !ev->acks_data)
		/* The last segment acknowledged is a bare FIN: no bytes of it. */
		sb_msg(&w, Q_("the %1$s byte from frame %2$s on and the FIN of frame %3$s",
			      "the %1$s bytes from frame %2$s on and the FIN of frame %3$s",
			      ev->acked_bytes),
		       SAY_ARGS(n, num(&b, ev->acked_first_frame), num(&c, ev->acks_frame)));
	else if (ev->acks_frame != 0 && ev->acked_first_frame != 0 &&
		 ev->acked_first_frame != ev->acks_frame)
		sb_msg(&w, Q_("the %1$s byte of frames %2$s-%3$s",
			      "the %1$s bytes of frames %2$s-%3$s", ev->acked_bytes),
		       SAY_ARGS(n, num(&b, ev->acked_first_frame), num(&c, ev->acks_frame)));
	else if (ev->acks_frame != 0)
		sb_msg(&w, Q_("the %1$s byte of frame %2$s", "the %1$s bytes of frame %2$s",
			      ev->acked_bytes), SAY_ARGS(n, num(&b, ev->acks_frame)));
	else if (ev->dir == DIR_C2S)
		sb_msg(&w, Q_("the %1$s byte of the server's data",
			      "the %1$s bytes of the server's data", ev->acked_bytes), SAY_ARGS(n));
	else
		sb_msg(&w, Q_("the %1$s byte of the client's data",
			      "the %1$s bytes of the client's data", ev->acked_bytes), SAY_ARGS(n));
	bool rtt = ev->acks_frame != 0 && ev->ack_rtt_ns > 0;
	const char *after = rtt ? dur(d, ev->ack_rtt_ns) : "";
	const char *ack = num(&b, ev->ack);
	/* "server acknowledges the 78 bytes of frame 5 after 0.024 ms (ack 79
	 * = next byte it expects)"; in a segment that carries data too, the
	 * sentence has no subject: "client sends ...; acknowledges ...". */
	if (pure && ev->dir == DIR_C2S && rtt)
		sb_msg(s, _("client acknowledges %1$s after %2$s (ack %3$s = next byte it expects)"),
		       SAY_ARGS(what, after, ack));
	else if (pure && ev->dir == DIR_C2S)
		sb_msg(s, _("client acknowledges %1$s (ack %2$s = next byte it expects)"),
		       SAY_ARGS(what, ack));
	else if (pure && rtt)
		sb_msg(s, _("server acknowledges %1$s after %2$s (ack %3$s = next byte it expects)"),
		       SAY_ARGS(what, after, ack));
	else if (pure)
		sb_msg(s, _("server acknowledges %1$s (ack %2$s = next byte it expects)"),
		       SAY_ARGS(what, ack));
	else if (rtt)
		sb_msg(s, _("acknowledges %1$s after %2$s"), SAY_ARGS(what, after));
	else
		sb_msg(s, _("acknowledges %1$s"), SAY_ARGS(what));
}

void say_window_update(struct sb *s, const struct tv_event *ev)
{
	char d[32], win[160];
	struct num a, b, c;
	clause(s);
	if (ev->win_shift > 0)
		sb_msg(&(struct sb){ win, sizeof(win), 0, false }, _("%1$s bytes (%2$s << %3$s)"),
		       SAY_ARGS(num(&a, ev->win), num(&b, ev->win_raw),
				num(&c, (uint64_t)ev->win_shift)));
	else
		window_words(win, sizeof(win), ev);
	if (ev->dir == DIR_C2S)
		sb_msg(s, _("window update: client can now receive %1$s"), SAY_ARGS(win));
	else
		sb_msg(s, _("window update: server can now receive %1$s"), SAY_ARGS(win));
	if (ev->zero_ns > 0) {
		if (ev->zero_probes > 0)
			/* TRANSLATORS: continues "window update: client can
			 * now receive N bytes". */
			sb_msg(s, Q_(", after its window stayed 0 for %1$s (%2$s probe)",
				     ", after its window stayed 0 for %1$s (%2$s probes)",
				     ev->zero_probes),
			       SAY_ARGS(dur(d, ev->zero_ns), num(&a, ev->zero_probes)));
		else
			/* TRANSLATORS: continues "window update: client can
			 * now receive N bytes". */
			sb_msg(s, _(", after its window stayed 0 for %1$s (no probe)"),
			       SAY_ARGS(dur(d, ev->zero_ns)));
	}
}

size_t narrate_event(const struct tv_event *ev, bool absolute_seq, char *buf,
		     size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	uint32_t l = ev->labels;
	if (cap == 0)
		return 0;
	buf[0] = '\0';
	/* --absolute-seq shows the numbers as on the wire in the words too. */
	struct tv_event shown;
	if (absolute_seq) {
		shown = *ev;
		shown.seq = ev->raw_seq;
		shown.ack = ev->raw_ack;
		ev = &shown;
	}

	if (l & LBIT(L_ICMP_ERROR)) {	/* not a segment: the error alone */
		say_icmp(&s, ev);
		return s.len;
	}
	if (l & (LBIT(L_SYN) | LBIT(L_SYN_ACK) | LBIT(L_HANDSHAKE_ACK)))
		say_handshake(&s, ev);
	if (l & LBIT(L_WINDOW_UPDATE))
		say_window_update(&s, ev);
	if (l & LBIT(L_DATA))
		say_data(&s, ev);
	if (ev->acked_bytes > 0 && !(l & LBIT(L_HANDSHAKE_ACK)))
		say_acked(&s, ev, (l & LBIT(L_ACK)) != 0);
	if (l & (LBIT(L_FIN) | LBIT(L_TEARDOWN_ACK)))
		say_teardown(&s, ev);
	if (l & LBIT(L_RST))
		say_reset(&s, ev);
	/* Most packets have none of the expert labels: skip the call. */
	if ((l & ~(LBIT(L_SYN) | LBIT(L_SYN_ACK) | LBIT(L_HANDSHAKE_ACK) | LBIT(L_DATA) |
		   LBIT(L_ACK) | LBIT(L_WINDOW_UPDATE) | LBIT(L_FIN) | LBIT(L_TEARDOWN_ACK) |
		   LBIT(L_RST))) || ev->opt.problem != NULL ||
	    (ev->opt.present & TCPOPT_HAVE_SACK))
		say_trouble(&s, ev);
	if (s.len == 0)
		sb_str(&s, ev->dir == DIR_C2S ? _("client acknowledges nothing new")
		       : _("server acknowledges nothing new"));
	return s.len;
}
