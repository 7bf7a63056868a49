/*
 * ending.c - the words for how a connection ends: the four steps of the
 * FIN teardown (RFC 9293 §3.6) and a reset with its reason (SPEC §6).
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"

void say_teardown(struct sb *s, const struct tv_event *ev)
{
	const char *who = side(ev->dir);
	const char *peer = side(ev->dir == DIR_C2S ? DIR_S2C : DIR_C2S);
	bool fin = ev->labels & LBIT(L_FIN), tack = ev->labels & LBIT(L_TEARDOWN_ACK);

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
		if (ev->fin_again)
			sb_printf(s, "%s sends its FIN again", who);
		else if (ev->teardown_step == 1)
			sb_printf(s, "teardown 1/4: %s has no more data to send", who);
		else if (ev->simultaneous_close)
			sb_printf(s, "teardown 3/4: %s closes too, before its FIN was "
				  "acknowledged (simultaneous close)", who);
		else
			sb_printf(s, "teardown 3/4: %s has no more data to send either", who);
	}
}

void say_reset(struct sb *s, const struct tv_event *ev)
{
	const char *who = side(ev->dir);
	const char *peer = side(ev->dir == DIR_C2S ? DIR_S2C : DIR_C2S);
	clause(s);
	switch (ev->rst_reason) {
	case RST_REFUSED:
		sb_printf(s, "connection refused: %s answers the SYN with a reset, "
			  "nothing listens on port %u", who, (unsigned)ev->port[ev->dir]);
		break;
	case RST_AFTER_CLOSE:
		sb_printf(s, "%s resets: data arrived after it had closed its side "
			  "(FIN in frame %" PRIu64 "); the %s may lose data it had not "
			  "read yet", who, ev->rst_fin_frame, peer);
		break;
	case RST_UNKNOWN_CONNECTION:
		sb_printf(s, "%s resets a connection it does not know (no state for "
			  "this 4-tuple on its side)", who);
		break;
	case RST_IGNORED:
		sb_printf(s, "%s sends a reset that the %s must ignore: before the handshake "
			  "a reset counts only if it acknowledges the SYN (RFC 9293 3.10.7.3), and "
			  "this one does not (forged or stale); the connection goes on", who, peer);
		break;
	case RST_START_NOT_CAPTURED:
		sb_printf(s, "%s sends a reset for a connection whose start is not in the "
			  "capture: why cannot be told from here", who);
		break;
	default:
		sb_printf(s, "%s aborts the connection with a reset", who);
		if (ev->delta_ns >= TV_IDLE_RESET_NS) {
			sb_lit(s, " after ");
			sb_dur(s, ev->delta_ns);
			sb_lit(s, " of silence");
			if (ev->rst_received > 0)
				sb_lit(s, ", the way an idle connection is dropped abortively "
					  "(SO_LINGER 0, or a middlebox that lost its state)");
		} else if (ev->rst_received > 0)
			sb_printf(s, " after receiving %" PRIu64 " bytes: an application "
				  "that closes its socket with received data still unread "
				  "(or with SO_LINGER 0) makes the kernel send RST instead "
				  "of FIN (RFC 1122 4.2.2.13, RFC 9293 3.6)", ev->rst_received);
		sb_printf(s, "; the %s may lose data it had not read yet", peer);
		break;
	}
}
