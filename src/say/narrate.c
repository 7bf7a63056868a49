/*
 * narrate.c - the plain-words sentence for each packet (SPEC §4).
 *
 * The analysis decides what a packet is (labels, their numbers, and the
 * decisions of record.h); this layer only says it, with the arithmetic
 * shown where a number needs explaining ("6379 << 6 = 408256").  Sentences
 * for a packet's labels are joined with "; " in the order of SPEC §3:
 * handshake, window update, data and what it acknowledges here, the
 * teardown and reset in ending.c, the trouble in trouble.c.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/say/narrate.h"

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
		else if (o->wscale > 0)
			sb_printf(s, " (\xc3\x97%u)", 1u << o->wscale);	/* "×64" */
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

void say_handshake(struct sb *s, const struct tv_event *ev)
{
	char dur[32];
	/* A SYN or SYN-ACK sent again is told as such (trouble.c), not as a
	 * new step of the handshake. */
	bool again = ev->resend_count >= 2;
	if ((ev->labels & LBIT(L_SYN)) && !again) {
		clause(s);
		sb_printf(s, "handshake 1/3: client asks to open a connection to port %u",
			  (unsigned)ev->port[DIR_S2C]);
		syn_options(s, &ev->opt);
	}
	if ((ev->labels & LBIT(L_SYN_ACK)) && !again) {
		clause(s);
		sb_printf(s, "handshake 2/3: server accepts");
		if (ev->synack_rtt_ns > 0) {
			fmt_duration(dur, sizeof(dur), ev->synack_rtt_ns);
			sb_printf(s, " %s after the SYN", dur);
		}
		syn_options(s, &ev->opt);
		unsigned srv = ev->opt.wscale > 14 ? 14 : ev->opt.wscale;
		if (ev->tfo_data > 0 && ev->tfo_accepted)
			sb_printf(s, ", and acknowledges the %" PRIu32 " bytes of data the SYN "
				  "carried (TCP Fast Open, RFC 7413)", ev->tfo_data);
		else if (ev->tfo_data > 0)
			sb_printf(s, ", acknowledging the SYN but not the %" PRIu32 " bytes of data "
				  "it carried: the server did not take the Fast Open data, which "
				  "the client must send again (RFC 7413 4.2)", ev->tfo_data);
		if (ev->ws_outcome == WS_BOTH && srv > 0 && ev->ws_client_shift > 0)
			sb_lit(s, " (both sides scale their windows from now on)");
		else if (ev->ws_outcome == WS_BOTH && srv + ev->ws_client_shift > 0)
			sb_printf(s, " (window scaling is on, with a shift of 0 for the %s: only "
				  "the %s's windows are scaled from now on)",
				  srv == 0 ? "server" : "client", srv == 0 ? "client" : "server");
		else if (ev->ws_outcome == WS_BOTH)
			sb_lit(s, " (window scaling is on, with a shift of 0 both ways: windows "
				  "count as written)");
		else if (ev->ws_outcome == WS_DECLINED)
			sb_lit(s, " (no window scaling: the server did not offer it)");
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

void say_data(struct sb *s, const struct tv_event *ev)
{
	clause(s);
	/* "client sends 78 bytes (seq 1-78): \"GET / HTTP/1.1\"" */
	sb_str(s, side(ev->dir));
	sb_lit(s, " sends ");
	sb_u64(s, ev->len);
	/* Data on a SYN starts after the SYN's own sequence number. */
	uint32_t first = ev->seq + ((ev->flags & TH_SYN) ? 1 : 0);
	if (ev->len == 1)
		sb_lit(s, " byte");
	else
		sb_lit(s, " bytes");
	sb_lit(s, " (seq ");
	sb_u64(s, first);
	sb_lit(s, "-");
	sb_u64(s, (uint32_t)(first + ev->len - 1));
	sb_lit(s, ")");
	if (ev->flags & TH_SYN)
		sb_lit(s, " with its SYN (TCP Fast Open, RFC 7413)");
	if (ev->quote_len > 0) {
		sb_lit(s, ": \"");
		sb_put(s, ev->quote, ev->quote_len);
		sb_lit(s, "\"");
	}
	if (ev->truncated)
		sb_printf(s, " [%" PRIu32 " of them captured]", ev->captured_len);
}

void say_acked(struct sb *s, const struct tv_event *ev, bool pure)
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
	    ev->acked_first_frame != ev->acks_frame && !ev->acks_data) {
		/* The last segment acknowledged is a bare FIN: no bytes of it. */
		sb_lit(s, " from frame ");
		sb_u64(s, ev->acked_first_frame);
		sb_lit(s, " on and the FIN of frame ");
		sb_u64(s, ev->acks_frame);
	} else if (ev->acks_frame != 0 && ev->acked_first_frame != 0 &&
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

void say_window_update(struct sb *s, const struct tv_event *ev)
{
	clause(s);
	sb_printf(s, "window update: %s can now receive ", side(ev->dir));
	if (ev->win_shift > 0)
		sb_printf(s, "%" PRIu32 " bytes (%u << %d)", ev->win,
			  (unsigned)ev->win_raw, ev->win_shift);
	else
		window_words(s, ev);
	if (ev->zero_ns > 0) {
		char dur[32];
		fmt_duration(dur, sizeof(dur), ev->zero_ns);
		if (ev->zero_probes > 0)
			sb_printf(s, ", after its window stayed 0 for %s (%u probe%s)", dur,
				  (unsigned)ev->zero_probes, ev->zero_probes == 1 ? "" : "s");
		else
			sb_printf(s, ", after its window stayed 0 for %s (no probe)", dur);
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
		sb_printf(&s, "%s acknowledges nothing new", side(ev->dir));
	return s.len;
}
