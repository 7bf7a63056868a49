/*
 * diagnose.c - the words for findings and verdicts (say layer, SPEC §10).
 *
 * From the diagnosis records alone (diagnose/record.h): one sentence per
 * finding with its evidence, one verdict per connection that says how it
 * went and, when it failed or slowed, why; and the capture-wide verdict.
 * Numbers are formatted in the C locale.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/app/tls.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/say/narrate.h"

/* "frame 4", "frames 4, 9 and 12", "frames 4, 9, ... 30" */
static void frames(struct sb *s, const struct tv_finding *f)
{
	if (f->nframes == 0)
		return;
	sb_str(s, f->nframes == 1 ? " (frame " : " (frames ");
	for (unsigned i = 0; i < f->nframes; i++) {
		if (i > 0)
			sb_str(s, i + 1 == f->nframes && f->count <= f->nframes ? " and " : ", ");
		sb_u64(s, f->frames[i]);
	}
	if (f->count > f->nframes && f->nframes == DX_FRAMES)
		sb_lit(s, ", ...");
	sb_lit(s, ")");
}

static void waits(struct sb *s, const struct tv_finding *f)
{
	if (f->nwaits == 0)
		return;
	sb_lit(s, ", resent after ");
	for (unsigned i = 0; i < f->nwaits; i++) {
		if (i > 0)
			sb_lit(s, ", ");
		sb_dur(s, f->waits_ns[i]);
	}
}

static const char *who(int dir)
{
	return dir == DIR_C2S ? "client" : dir == DIR_S2C ? "server" : "connection";
}

/* A rate for people, in SI units: "850 B/s", "646 kB/s", "8.3 MB/s". */
static void sb_rate(struct sb *s, uint64_t bytes_per_s)
{
	static const char *const unit[] = { " B/s", " kB/s", " MB/s", " GB/s" };
	unsigned u = 0;
	uint64_t scaled10 = bytes_per_s * 10;	/* tenths */
	while (u < 3 && scaled10 >= 10000) {
		scaled10 /= 1000;
		u++;
	}
	sb_u64(s, scaled10 / 10);
	if (u > 0 && scaled10 < 1000) {	/* a decimal below 100 */
		sb_lit(s, ".");
		sb_u64(s, scaled10 % 10);
	}
	sb_str(s, unit[u]);
}

/* "42.4 ms to 47.7 ms each" or "43.5 ms" */
static void wait_range(struct sb *s, const struct tv_finding *f)
{
	int64_t lo = f->longest_ns;
	for (unsigned i = 0; i < f->nwaits; i++)
		if (f->waits_ns[i] < lo)
			lo = f->waits_ns[i];
	if (f->count > 1 && lo != f->longest_ns) {
		sb_dur(s, lo);
		sb_lit(s, " to ");
		sb_dur(s, f->longest_ns);
		sb_lit(s, " each");
	} else {
		sb_dur(s, f->longest_ns);
		if (f->count > 1)
			sb_lit(s, " each");
	}
}

size_t narrate_finding(const struct tv_finding *f, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	buf[0] = '\0';
	switch (f->code) {
	case DX_REFUSED:
		sb_lit(&s, "refused: the server answered the SYN with a reset, nothing listens "
			   "on the port");
		break;
	case DX_SYN_UNANSWERED:
		sb_printf(&s, "no answer: %" PRIu32 " SYN%s", f->count, f->count == 1 ? "" : "s");
		if (f->seconds_ns > 0) {
			sb_lit(&s, " over ");
			sb_dur(&s, f->seconds_ns);
		}
		sb_lit(&s, " got neither a SYN-ACK nor a reset in the capture");
		waits(&s, f);
		break;
	case DX_ICMP_ERROR: {
		char from[64];
		fmt_addr(from, sizeof(from), &f->icmp.from);
		sb_printf(&s, "an ICMP%s error from %s answered the %s: ",
			  f->icmp.version == 6 ? "v6" : "", from, who(f->dir));
		say_icmp_meaning(&s, &f->icmp);
		break;
	}
	case DX_TLS_FAILED: {
		const char *name = tls_alert_name(f->alert);
		bool cert = (f->alert >= 42 && f->alert <= 46) || f->alert == 48;
		if (cert)
			sb_printf(&s, "TLS handshake failed: the %s rejected the %s's certificate (%s)",
				  who(f->dir), who(f->dir == DIR_C2S ? DIR_S2C : DIR_C2S),
				  name != NULL ? name : "alert");
		else
			sb_printf(&s, "TLS handshake failed: the %s sent a fatal alert (%s)", who(f->dir),
				  name != NULL ? name : "unknown");
		break;
	}
	case DX_RESET_UNREAD_DATA:
		sb_printf(&s, "the %s reset the connection because it closed its socket with data "
			  "it had not read, which makes the kernel send RST instead of FIN (RFC 1122 "
			  "4.2.2.13)", who(f->dir));
		if (f->answered)
			sb_lit(&s, "; it had answered the request without reading all of it "
				   "(RFC 9112 9.6), and a client that had not read the answer loses it");
		break;
	case DX_RESET_AFTER_IDLE:
		sb_printf(&s, "the %s reset the connection after ", who(f->dir));
		sb_dur(&s, f->seconds_ns);
		sb_lit(&s, " of silence: servers and middleboxes (NAT, firewalls, load "
			   "balancers) drop connections that stay idle, and a reset rather than a "
			   "FIN says it was dropped abortively");
		break;
	case DX_RESET_ABORT:
		sb_printf(&s, "the %s aborted the connection with a reset", who(f->dir));
		if (f->bytes > 0)
			sb_printf(&s, " after receiving %" PRIu64 " bytes", f->bytes);
		break;
	case DX_ZERO_WINDOW_STALL:
		sb_lit(&s, "stalled ");
		sb_dur(&s, f->seconds_ns);
		sb_printf(&s, ": the %s's receive window stayed 0, so its peer could not send%s",
			  who(f->dir), f->reopened ? " until a window update reopened it"
						   : " (still 0 at the end)");
		break;
	case DX_RTO:
		sb_printf(&s, "%" PRIu32 " retransmission timeout%s on the %s's data, ", f->count,
			  f->count == 1 ? "" : "s", who(f->dir));
		sb_dur(&s, f->seconds_ns);
		sb_lit(&s, " of waiting in all (RFC 6298)");
		waits(&s, f);
		break;
	case DX_FAST_RECOVERY:
		sb_printf(&s, "the %s resent %" PRIu32 " segment%s (%" PRIu64 " bytes) that "
			  "duplicate ACKs reported missing (fast retransmit, RFC 5681 3.2)",
			  who(f->dir), f->count, f->count == 1 ? "" : "s", f->bytes);
		break;
	case DX_RWND_LIMITED: {
		const char *peer = who(f->dir == DIR_C2S ? DIR_S2C : DIR_C2S);
		sb_printf(&s, "the %s's receive window (%" PRIu32 " bytes) set the pace of the "
			  "%s's data: %" PRIu32 " of its %" PRIu64 " segments filled it, and it "
			  "waited ", peer, f->window, who(f->dir), f->count, f->segments);
		sb_dur(&s, f->seconds_ns);
		sb_lit(&s, " in all for ACKs to open it; one window per round trip of ");
		sb_dur(&s, f->rtt_ns);
		sb_lit(&s, " allows at most ");
		sb_rate(&s, f->ceiling);
		sb_lit(&s, ", and it reached ");
		sb_rate(&s, f->rate);
		if (f->need_window > 0) {
			sb_lit(&s, "; the path carried segments sent back to back at ");
			sb_rate(&s, f->path_rate);
			sb_printf(&s, " (the spacing of their ACKs), and sending at that rate over "
				  "this round trip would take a window of about %" PRIu64 " bytes "
				  "(bandwidth x delay; a larger receive buffer, with RFC 7323 window "
				  "scaling, gives it)", f->need_window);
		}
		break;
	}
	case DX_NAGLE_DELAYED_ACK: {
		const char *peer = who(f->dir == DIR_C2S ? DIR_S2C : DIR_C2S);
		sb_printf(&s, "%" PRIu32 " times the %s's next write waited for the %s's delayed "
			  "ACK of a small segment (", f->count, who(f->dir), peer);
		wait_range(&s, f);
		sb_lit(&s, ", ");
		sb_dur(&s, f->seconds_ns);
		sb_printf(&s, " in all): Nagle's algorithm holds small data while any is "
			  "unacknowledged (RFC 896, RFC 1122 4.2.3.4) and the %s delays its ACK "
			  "(4.2.3.2; Linux waits at least 40 ms, Windows 200 ms); one write per "
			  "message, or TCP_NODELAY, avoids it", peer);
		break;
	}
	case DX_APP_LIMITED:
		sb_printf(&s, "the %s's application had nothing to send ", who(f->dir));
		if (f->count == 1) {
			sb_lit(&s, "for ");
			sb_dur(&s, f->seconds_ns);
		} else {
			sb_printf(&s, "%" PRIu32 " times (", f->count);
			wait_range(&s, f);
			sb_lit(&s, ", ");
			sb_dur(&s, f->seconds_ns);
			sb_lit(&s, " in all)");
		}
		sb_lit(&s, " while all it had sent was acknowledged and the window was open: "
			   "that time went to the application, not the network (RFC 7661's "
			   "application-limited)");
		break;
	case DX_CAPTURE_LOSS:
		if (f->bytes > 0)
			sb_printf(&s, "the capture missed %" PRIu64 " bytes (%s%" PRIu32 " gap%s) "
				  "that the receiver acknowledged: lost by the capture, not by the "
				  "network", f->bytes, f->count == 1 ? "" : "in ", f->count,
				  f->count == 1 ? "" : "s");
		else
			sb_printf(&s, "the capture missed data that the receiver acknowledged "
				  "(%" PRIu32 " time%s): lost by the capture, not by the network",
				  f->count, f->count == 1 ? "" : "s");
		break;
	case DX_MIDSTREAM:
		sb_lit(&s, "its start is not in the capture (no SYN): roles are guessed");
		break;
	case DX_COUNT:
		break;
	}
	frames(&s, f);
	return s.len;
}

/* How a connection went when nothing failed. */
static void fine(struct sb *s, const struct tv_diagnosis *d)
{
	switch (d->state) {
	case CS_CLOSED:
		sb_printf(s, "completed: %" PRIu64 " bytes from the client, %" PRIu64 " from the "
			  "server, closed by the %s after ", d->bytes[0], d->bytes[1],
			  who(d->closed_by));
		sb_dur(s, d->duration_ns);
		break;
	case CS_HALF_CLOSED:
		sb_printf(s, "the %s closed its side; the other had not when the capture ended",
			  who(d->closed_by));
		break;
	case CS_RESET:
		sb_printf(s, "ended by a reset from the %s", who(d->reset_by));
		break;
	default:
		sb_printf(s, "still open when the capture ended, after ");
		sb_dur(s, d->duration_ns);
		sb_printf(s, ": %" PRIu64 " bytes from the client, %" PRIu64 " from the server",
			  d->bytes[0], d->bytes[1]);
		break;
	}
}

size_t narrate_verdict(const struct tv_diagnosis *d, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	buf[0] = '\0';
	/* The first finding decides (codes are most decisive first); a
	 * connection whose only finding is its missing start is told by how
	 * it went. */
	const struct tv_finding *first = NULL;
	for (unsigned i = 0; i < d->nfindings && first == NULL; i++)
		if (d->f[i].code != DX_MIDSTREAM)
			first = &d->f[i];
	if (first == NULL) {
		fine(&s, d);
		if (d->nfindings > 0)
			sb_lit(&s, " (its start is not in the capture)");
		return s.len;
	}
	/* A failure is the verdict; a connection that only went slowly is
	 * told as it went, then why it was slow. */
	if (first->code > DX_RESET_ABORT) {
		fine(&s, d);
		sb_lit(&s, "; ");
	}
	char words[NARRATE_MAX];
	narrate_finding(first, words, sizeof(words));
	sb_str(&s, words);
	unsigned more = 0;
	for (unsigned i = 0; i < d->nfindings; i++)
		if (&d->f[i] != first) {
			sb_str(&s, more++ == 0 ? "; also: " : ", ");
			sb_str(&s, diagnose_code_name(d->f[i].code));
		}
	return s.len;
}

size_t narrate_capture_verdict(const struct tv_capture_verdict *v, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	buf[0] = '\0';
	if (v->failed == 0) {
		sb_printf(&s, "no connection failed (%" PRIu64 " in all)", v->connections);
		return s.len;
	}
	sb_printf(&s, "%" PRIu64 " of %" PRIu64 " connection%s failed", v->failed,
		  v->connections, v->connections == 1 ? "" : "s");
	for (unsigned i = 0; i < v->nservers; i++) {
		const struct tv_server_tally *t = &v->servers[i];
		char ep[80];
		fmt_endpoint(ep, sizeof(ep), &t->server.addr, t->server.port);
		sb_str(&s, i == 0 ? ": " : "; ");
		const char *sep = "";
		if (t->unanswered > 0) {
			sb_printf(&s, "%" PRIu64 " of %" PRIu64 " to %s got no answer", t->unanswered,
				  t->connections, ep);
			sep = ", ";
		}
		if (t->refused > 0) {
			sb_printf(&s, "%s%" PRIu64 " of %" PRIu64 " to %s %s refused", sep,
				  t->refused, t->connections, ep, t->refused == 1 ? "was" : "were");
			sep = ", ";
		}
		if (t->reset > 0) {
			sb_printf(&s, "%s%" PRIu64 " of %" PRIu64 " to %s %s reset", sep, t->reset,
				  t->connections, ep, t->reset == 1 ? "was" : "were");
			sep = ", ";
		}
		if (t->icmp > 0) {
			sb_printf(&s, "%s%" PRIu64 " of %" PRIu64 " to %s met an ICMP error", sep,
				  t->icmp, t->connections, ep);
			sep = ", ";
		}
		if (t->tls > 0)
			sb_printf(&s, "%s%" PRIu64 " of %" PRIu64 " to %s failed the TLS handshake",
				  sep, t->tls, t->connections, ep);
	}
	if (v->failing_servers > v->nservers)
		sb_printf(&s, "; and failures with %" PRIu64 " more server%s",
			  v->failing_servers - v->nservers,
			  v->failing_servers - v->nservers == 1 ? "" : "s");
	return s.len;
}

size_t narrate_phases(const struct tv_phases *p, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	buf[0] = '\0';
	static const char *const names[] = {
		"connect", "request", "server wait", "transfer",
		"stalled on a zero window", "waiting for retransmission timeouts",
		"paused by the application", "waiting for delayed ACKs", "close",
	};
	const int64_t v[] = { p->connect, p->request, p->server_wait, p->transfer,
			      p->zero_window, p->rto, p->app_pause, p->delayed_ack, p->close };
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (v[i] <= 0 && i != 0)
			continue;
		if (s.len > 0)
			sb_lit(&s, ", ");
		sb_str(&s, names[i]);
		sb_lit(&s, " ");
		sb_dur(&s, v[i]);
	}
	return s.len;
}
