/*
 * ending.c - the words for how a connection ends: the four steps of the
 * FIN teardown (RFC 9293 §3.6) and a reset with its reason (SPEC §6).
 * Each sentence is one message in the reader's language (tr.h), one per
 * side that sends the segment, its numbers formatted here in the C locale
 * and pasted into its placeholders.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/say/tr.h"

void say_teardown(struct sb *s, const struct tv_event *ev)
{
	bool c = ev->dir == DIR_C2S;
	bool fin = ev->labels & LBIT(L_FIN), tack = ev->labels & LBIT(L_TEARDOWN_ACK);

	if (fin && tack && ev->teardown_step == 3) {
		clause(s);
		sb_str(s, c ? _("teardown 2+3/4: client acknowledges the server's FIN and closes "
				"its side too")
		       : _("teardown 2+3/4: server acknowledges the client's FIN and closes "
			   "its side too"));
		return;
	}
	if (tack) {
		clause(s);
		if (ev->teardown_step == 4)
			sb_str(s, c ? _("teardown 4/4: client acknowledges the server's FIN: the "
					"connection is closed")
			       : _("teardown 4/4: server acknowledges the client's FIN: the "
				   "connection is closed"));
		else
			sb_str(s, c ? _("teardown 2/4: client acknowledges the server's FIN")
			       : _("teardown 2/4: server acknowledges the client's FIN"));
	}
	if (fin) {
		clause(s);
		if (ev->fin_again)
			sb_str(s, c ? _("client sends its FIN again") : _("server sends its FIN again"));
		else if (ev->teardown_step == 1)
			sb_str(s, c ? _("teardown 1/4: client has no more data to send")
			       : _("teardown 1/4: server has no more data to send"));
		else if (ev->simultaneous_close)
			sb_str(s, c ? _("teardown 3/4: client closes too, before its FIN was "
					"acknowledged (simultaneous close)")
			       : _("teardown 3/4: server closes too, before its FIN was "
				   "acknowledged (simultaneous close)"));
		else
			sb_str(s, c ? _("teardown 3/4: client has no more data to send either")
			       : _("teardown 3/4: server has no more data to send either"));
	}
}

/* A reset with no reason of its own: the sender aborts. */
static void say_abort(struct sb *s, const struct tv_event *ev)
{
	bool c = ev->dir == DIR_C2S;
	char d[32];
	struct num a;
	if (ev->delta_ns >= TV_IDLE_RESET_NS && ev->rst_received > 0)
		sb_msg(s, c ? _("client aborts the connection with a reset after %1$s of silence, "
				"the way an idle connection is dropped abortively (SO_LINGER 0, or "
				"a middlebox that lost its state); the server may lose data it had "
				"not read yet")
		       : _("server aborts the connection with a reset after %1$s of silence, "
			   "the way an idle connection is dropped abortively (SO_LINGER 0, or "
			   "a middlebox that lost its state); the client may lose data it had "
			   "not read yet"), SAY_ARGS(dur(d, ev->delta_ns)));
	else if (ev->delta_ns >= TV_IDLE_RESET_NS)
		sb_msg(s, c ? _("client aborts the connection with a reset after %1$s of silence; "
				"the server may lose data it had not read yet")
		       : _("server aborts the connection with a reset after %1$s of silence; "
			   "the client may lose data it had not read yet"),
		       SAY_ARGS(dur(d, ev->delta_ns)));
	else if (ev->rst_received > 0)
		/* English says "bytes" whatever the number. */
		sb_msg(s, c ? _("client aborts the connection with a reset after receiving %1$s "
				"bytes: an application that closes its socket with received data "
				"still unread (or with SO_LINGER 0) makes the kernel send RST "
				"instead of FIN (RFC 1122 4.2.2.13, RFC 9293 3.6); the server may "
				"lose data it had not read yet")
		       : _("server aborts the connection with a reset after receiving %1$s "
			   "bytes: an application that closes its socket with received data "
			   "still unread (or with SO_LINGER 0) makes the kernel send RST "
			   "instead of FIN (RFC 1122 4.2.2.13, RFC 9293 3.6); the client may "
			   "lose data it had not read yet"), SAY_ARGS(num(&a, ev->rst_received)));
	else
		sb_str(s, c ? _("client aborts the connection with a reset; the server may lose "
				"data it had not read yet")
		       : _("server aborts the connection with a reset; the client may lose "
			   "data it had not read yet"));
}

void say_reset(struct sb *s, const struct tv_event *ev)
{
	bool c = ev->dir == DIR_C2S;
	struct num a;
	clause(s);
	switch (ev->rst_reason) {
	case RST_REFUSED:
		sb_msg(s, c ? _("connection refused: client answers the SYN with a reset, "
				"nothing listens on port %1$s")
		       : _("connection refused: server answers the SYN with a reset, "
			   "nothing listens on port %1$s"), SAY_ARGS(num(&a, ev->port[ev->dir])));
		break;
	case RST_AFTER_CLOSE:
		sb_msg(s, c ? _("client resets: data arrived after it had closed its side (FIN "
				"in frame %1$s); the server may lose data it had not read yet")
		       : _("server resets: data arrived after it had closed its side (FIN "
			   "in frame %1$s); the client may lose data it had not read yet"),
		       SAY_ARGS(num(&a, ev->rst_fin_frame)));
		break;
	case RST_UNKNOWN_CONNECTION:
		sb_str(s, c ? _("client resets a connection it does not know (no state for "
				"this 4-tuple on its side)")
		       : _("server resets a connection it does not know (no state for "
			   "this 4-tuple on its side)"));
		break;
	case RST_IGNORED:
		sb_str(s, c ? _("client sends a reset that the server must ignore: before the "
				"handshake a reset counts only if it acknowledges the SYN (RFC 9293 "
				"3.10.7.3), and this one does not (forged or stale); the connection "
				"goes on")
		       : _("server sends a reset that the client must ignore: before the "
			   "handshake a reset counts only if it acknowledges the SYN (RFC 9293 "
			   "3.10.7.3), and this one does not (forged or stale); the connection "
			   "goes on"));
		break;
	case RST_START_NOT_CAPTURED:
		sb_str(s, c ? _("client sends a reset for a connection whose start is not in the "
				"capture: why cannot be told from here")
		       : _("server sends a reset for a connection whose start is not in the "
			   "capture: why cannot be told from here"));
		break;
	default:
		say_abort(s, ev);
		break;
	}
}
