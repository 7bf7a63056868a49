/*
 * diagnose.c - the words for findings and verdicts (say layer, SPEC §10).
 *
 * From the diagnosis records alone (diagnose/record.h): one sentence per
 * finding with its evidence, one verdict per connection that says how it
 * went and, when it failed or slowed, why; and the capture-wide verdict.
 * Each sentence is one message in the reader's language (tr.h), one per
 * side it is about; its numbers, durations and rates are formatted here
 * in the C locale and pasted into its placeholders, and its lists (of
 * frames, of waits) are joined with the language's separators.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/app/tls.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/tr.h"

/* The evidence after a finding: " (frame 4)", " (frames 4, 9 and 12)",
 * " (frames 4, 9, ... 30, ...)" */
static void frames(struct sb *s, const struct tv_finding *f)
{
	char list[DX_FRAMES * 32];
	struct sb l = { list, sizeof(list), 0, false };
	struct num a;
	if (f->nframes == 0)
		return;
	list[0] = '\0';
	for (unsigned i = 0; i < f->nframes; i++) {
		if (i > 0)
			sb_str(&l, i + 1 == f->nframes && f->count <= f->nframes ? _(" and ")
			       : _(", "));
		sb_str(&l, num(&a, f->frames[i]));
	}
	if (f->count > f->nframes && f->nframes == DX_FRAMES)
		/* TRANSLATORS: the evidence after a finding ("the client
		 * resent 3 segments ..."): the first frames that show it, a
		 * list ("4, 9, 12"), and more not named. */
		sb_msg(s, _(" (frames %1$s, ...)"), SAY_ARGS(list));
	else
		/* TRANSLATORS: the evidence after a finding ("the client
		 * resent 3 segments ..."): the frames that show it, a list
		 * ("4, 9 and 12"). */
		sb_msg(s, Q_(" (frame %1$s)", " (frames %1$s)", f->nframes), SAY_ARGS(list));
}

/* ", resent after 1.000 s, 2.000 s" */
static void waits(struct sb *s, const struct tv_finding *f)
{
	char list[DX_FRAMES * 40], d[32];
	struct sb l = { list, sizeof(list), 0, false };
	if (f->nwaits == 0)
		return;
	list[0] = '\0';
	for (unsigned i = 0; i < f->nwaits; i++) {
		if (i > 0)
			sb_str(&l, _(", "));
		sb_str(&l, dur(d, f->waits_ns[i]));
	}
	/* TRANSLATORS: continues "no answer: 3 SYNs ..." or "2 retransmission
	 * timeouts ...": how long each segment waited before it was sent
	 * again, a list of durations. */
	sb_msg(s, _(", resent after %1$s"), SAY_ARGS(list));
}

/* A rate for people, in SI units: "850 B/s", "646 kB/s", "8.3 MB/s" (the
 * units are symbols, the same in every language). */
static const char *rate(char r[32], uint64_t bytes_per_s)
{
	static const char *const unit[] = { " B/s", " kB/s", " MB/s", " GB/s" };
	unsigned u = 0;
	uint64_t scaled10 = bytes_per_s * 10;	/* tenths */
	while (u < 3 && scaled10 >= 10000) {
		scaled10 /= 1000;
		u++;
	}
	size_t n = fmt_u64(r, scaled10 / 10);	/* at most 19 digits */
	if (u > 0 && scaled10 < 1000) {	/* a decimal below 100 */
		r[n++] = '.';
		r[n++] = (char)('0' + scaled10 % 10);
	}
	memcpy(r + n, unit[u], strlen(unit[u]) + 1);
	return r;
}

/* "42.4 ms to 47.7 ms each" or "43.5 ms" */
static const char *wait_range(char r[80], const struct tv_finding *f)
{
	char a[32], b[32];
	int64_t lo = f->longest_ns;
	for (unsigned i = 0; i < f->nwaits; i++)
		if (f->waits_ns[i] < lo)
			lo = f->waits_ns[i];
	if (f->count > 1 && lo != f->longest_ns)
		/* TRANSLATORS: how long each of several waits lasted, inside
		 * parentheses: "(42.4 ms to 47.7 ms each, 90.1 ms in all)". */
		say_format(r, 80, _("%1$s to %2$s each"),
			   SAY_ARGS(dur(a, lo), dur(b, f->longest_ns)));
	else if (f->count > 1)
		/* TRANSLATORS: how long each of several waits lasted, inside
		 * parentheses: "(43.5 ms each, 87.0 ms in all)". */
		say_format(r, 80, _("%1$s each"), SAY_ARGS(dur(a, f->longest_ns)));
	else
		fmt_duration(r, 80, f->longest_ns);
	return r;
}

/* The finding's sentence, without its evidence. */
static void finding(struct sb *s, const struct tv_finding *f)
{
	bool c = f->dir == DIR_C2S;
	char d[32], e[32], g[32], h[32], k[32], from[64], meaning[320], range[80];
	struct num a, b, n3, n4;
	switch (f->code) {
	case DX_REFUSED:
		sb_str(s, _("refused: the server answered the SYN with a reset, nothing listens "
			    "on the port"));
		break;
	case DX_SYN_UNANSWERED:
		if (f->seconds_ns > 0)
			sb_msg(s, Q_("no answer: %1$s SYN over %2$s got neither a SYN-ACK nor a "
				     "reset in the capture",
				     "no answer: %1$s SYNs over %2$s got neither a SYN-ACK nor a "
				     "reset in the capture", f->count),
			       SAY_ARGS(num(&a, f->count), dur(d, f->seconds_ns)));
		else
			sb_msg(s, Q_("no answer: %1$s SYN got neither a SYN-ACK nor a reset in "
				     "the capture",
				     "no answer: %1$s SYNs got neither a SYN-ACK nor a reset in "
				     "the capture", f->count), SAY_ARGS(num(&a, f->count)));
		waits(s, f);
		break;
	case DX_ICMP_ERROR: {
		struct sb m = { meaning, sizeof(meaning), 0, false };
		meaning[0] = '\0';
		say_icmp_meaning(&m, &f->icmp);
		fmt_addr(from, sizeof(from), &f->icmp.from);
		/* Protocol names, never translated. */
		const char *proto = f->icmp.version == 6 ? "ICMPv6" : "ICMP";
		/* TRANSLATORS: %1$s is "ICMP" or "ICMPv6", %2$s the address
		 * of the router or host that sent the error, %3$s what the
		 * error means ("port unreachable: nothing listens on that
		 * port"). */
		sb_msg(s, c ? _("an %1$s error from %2$s answered the client: %3$s")
		       : _("an %1$s error from %2$s answered the server: %3$s"),
		       SAY_ARGS(proto, from, meaning));
		break;
	}
	case DX_TLS_FAILED: {
		const char *name = tls_alert_name(f->alert);
		bool cert = (f->alert >= 42 && f->alert <= 46) || f->alert == 48;
		if (cert)
			/* TRANSLATORS: %1$s is the name of the TLS alert
			 * (bad_certificate), or the word "alert" when it has
			 * none. */
			sb_msg(s, c ? _("TLS handshake failed: the client rejected the server's "
					"certificate (%1$s)")
			       : _("TLS handshake failed: the server rejected the client's "
				   "certificate (%1$s)"),
			       /* TRANSLATORS: in place of the name of a TLS alert
				* that tcpview does not know. */
			       SAY_ARGS(name != NULL ? name : C_("tls alert", "alert")));
		else
			/* TRANSLATORS: %1$s is the name of the TLS alert
			 * (handshake_failure), or the word "unknown" when it
			 * has none. */
			sb_msg(s, c ? _("TLS handshake failed: the client sent a fatal alert (%1$s)")
			       : _("TLS handshake failed: the server sent a fatal alert (%1$s)"),
			       /* TRANSLATORS: in place of the name of a TLS alert
				* that tcpview does not know. */
			       SAY_ARGS(name != NULL ? name : C_("tls alert", "unknown")));
		break;
	}
	case DX_RESET_UNREAD_DATA:
		sb_str(s, c ? _("the client reset the connection because it closed its socket "
				"with data it had not read, which makes the kernel send RST instead "
				"of FIN (RFC 1122 4.2.2.13)")
		       : _("the server reset the connection because it closed its socket "
			   "with data it had not read, which makes the kernel send RST instead "
			   "of FIN (RFC 1122 4.2.2.13)"));
		if (f->answered)
			/* TRANSLATORS: continues "the server reset the
			 * connection because it closed its socket with data it
			 * had not read ...". */
			sb_str(s, _("; it had answered the request without reading all of it "
				    "(RFC 9112 9.6), and a client that had not read the answer "
				    "loses it"));
		break;
	case DX_RESET_AFTER_IDLE:
		sb_msg(s, c ? _("the client reset the connection after %1$s of silence: servers "
				"and middleboxes (NAT, firewalls, load balancers) drop connections "
				"that stay idle, and a reset rather than a FIN says it was dropped "
				"abortively")
		       : _("the server reset the connection after %1$s of silence: servers "
			   "and middleboxes (NAT, firewalls, load balancers) drop connections "
			   "that stay idle, and a reset rather than a FIN says it was dropped "
			   "abortively"), SAY_ARGS(dur(d, f->seconds_ns)));
		break;
	case DX_RESET_ABORT:
		/* English says "bytes" whatever the number. */
		if (f->bytes > 0)
			sb_msg(s, c ? _("the client aborted the connection with a reset after "
					"receiving %1$s bytes")
			       : _("the server aborted the connection with a reset after "
				   "receiving %1$s bytes"), SAY_ARGS(num(&a, f->bytes)));
		else
			sb_str(s, c ? _("the client aborted the connection with a reset")
			       : _("the server aborted the connection with a reset"));
		break;
	case DX_ZERO_WINDOW_STALL:
		if (f->reopened)
			sb_msg(s, c ? _("stalled %1$s: the client's receive window stayed 0, so "
					"its peer could not send until a window update reopened it")
			       : _("stalled %1$s: the server's receive window stayed 0, so its "
				   "peer could not send until a window update reopened it"),
			       SAY_ARGS(dur(d, f->seconds_ns)));
		else
			sb_msg(s, c ? _("stalled %1$s: the client's receive window stayed 0, so "
					"its peer could not send (still 0 at the end)")
			       : _("stalled %1$s: the server's receive window stayed 0, so its "
				   "peer could not send (still 0 at the end)"),
			       SAY_ARGS(dur(d, f->seconds_ns)));
		break;
	case DX_RTO:
		sb_msg(s, c ? Q_("%1$s retransmission timeout on the client's data, %2$s of "
				 "waiting in all (RFC 6298)",
				 "%1$s retransmission timeouts on the client's data, %2$s of "
				 "waiting in all (RFC 6298)", f->count)
		       : Q_("%1$s retransmission timeout on the server's data, %2$s of "
			    "waiting in all (RFC 6298)",
			    "%1$s retransmission timeouts on the server's data, %2$s of "
			    "waiting in all (RFC 6298)", f->count),
		       SAY_ARGS(num(&a, f->count), dur(d, f->seconds_ns)));
		waits(s, f);
		break;
	case DX_FAST_RECOVERY:
		/* TRANSLATORS: %2$s is a number of bytes (English says
		 * "bytes" whatever the number). */
		sb_msg(s, c ? Q_("the client resent %1$s segment (%2$s bytes) that duplicate "
				 "ACKs reported missing (fast retransmit, RFC 5681 3.2)",
				 "the client resent %1$s segments (%2$s bytes) that duplicate "
				 "ACKs reported missing (fast retransmit, RFC 5681 3.2)", f->count)
		       : Q_("the server resent %1$s segment (%2$s bytes) that duplicate "
			    "ACKs reported missing (fast retransmit, RFC 5681 3.2)",
			    "the server resent %1$s segments (%2$s bytes) that duplicate "
			    "ACKs reported missing (fast retransmit, RFC 5681 3.2)", f->count),
		       SAY_ARGS(num(&a, f->count), num(&b, f->bytes)));
		break;
	case DX_RWND_LIMITED:
		/* TRANSLATORS: %1$s is the receive window in bytes, %2$s how
		 * many of the sender's %3$s segments filled it, %4$s how long
		 * it waited in all, %5$s the round-trip time, %6$s and %7$s
		 * rates ("646 kB/s"). */
		sb_msg(s, c ? _("the server's receive window (%1$s bytes) set the pace of the "
				"client's data: %2$s of its %3$s segments filled it, and it waited "
				"%4$s in all for ACKs to open it; one window per round trip of %5$s "
				"allows at most %6$s, and it reached %7$s")
		       : _("the client's receive window (%1$s bytes) set the pace of the "
			   "server's data: %2$s of its %3$s segments filled it, and it waited "
			   "%4$s in all for ACKs to open it; one window per round trip of %5$s "
			   "allows at most %6$s, and it reached %7$s"),
		       SAY_ARGS(num(&a, f->window), num(&b, f->count), num(&n3, f->segments),
				dur(d, f->seconds_ns), dur(e, f->rtt_ns), rate(g, f->ceiling),
				rate(h, f->rate)));
		if (f->need_window > 0)
			/* TRANSLATORS: continues "the server's receive window
			 * (N bytes) set the pace of the client's data ...";
			 * %1$s is a rate ("8.3 MB/s"), %2$s a window in
			 * bytes. */
			sb_msg(s, _("; the path carried segments sent back to back at %1$s (the "
				    "spacing of their ACKs), and sending at that rate over this "
				    "round trip would take a window of about %2$s bytes (bandwidth "
				    "x delay; a larger receive buffer, with RFC 7323 window scaling, "
				    "gives it)"), SAY_ARGS(rate(k, f->path_rate), num(&n4, f->need_window)));
		break;
	case DX_NAGLE_DELAYED_ACK:
		/* TRANSLATORS: %1$s is how many times (English says "times"
		 * whatever the number), %2$s how long each wait lasted ("42.4
		 * ms to 47.7 ms each"), %3$s the waits in all. */
		sb_msg(s, c ? _("%1$s times the client's next write waited for the server's "
				"delayed ACK of a small segment (%2$s, %3$s in all): Nagle's "
				"algorithm holds small data while any is unacknowledged (RFC 896, "
				"RFC 1122 4.2.3.4) and the server delays its ACK (4.2.3.2; Linux "
				"waits at least 40 ms, Windows 200 ms); one write per message, or "
				"TCP_NODELAY, avoids it")
		       : _("%1$s times the server's next write waited for the client's "
			   "delayed ACK of a small segment (%2$s, %3$s in all): Nagle's "
			   "algorithm holds small data while any is unacknowledged (RFC 896, "
			   "RFC 1122 4.2.3.4) and the client delays its ACK (4.2.3.2; Linux "
			   "waits at least 40 ms, Windows 200 ms); one write per message, or "
			   "TCP_NODELAY, avoids it"),
		       SAY_ARGS(num(&a, f->count), wait_range(range, f), dur(d, f->seconds_ns)));
		break;
	case DX_APP_LIMITED:
		if (f->count == 1)
			sb_msg(s, c ? _("the client's application had nothing to send for %1$s "
					"while all it had sent was acknowledged and the window was "
					"open: that time went to the application, not the network "
					"(RFC 7661's application-limited)")
			       : _("the server's application had nothing to send for %1$s "
				   "while all it had sent was acknowledged and the window was "
				   "open: that time went to the application, not the network "
				   "(RFC 7661's application-limited)"),
			       SAY_ARGS(dur(d, f->seconds_ns)));
		else
			/* TRANSLATORS: %2$s is how long each wait lasted
			 * ("42.4 ms to 47.7 ms each"), %3$s the waits in all. */
			sb_msg(s, c ? Q_("the client's application had nothing to send %1$s time "
					 "(%2$s, %3$s in all) while all it had sent was acknowledged "
					 "and the window was open: that time went to the application, "
					 "not the network (RFC 7661's application-limited)",
					 "the client's application had nothing to send %1$s times "
					 "(%2$s, %3$s in all) while all it had sent was acknowledged "
					 "and the window was open: that time went to the application, "
					 "not the network (RFC 7661's application-limited)", f->count)
			       : Q_("the server's application had nothing to send %1$s time "
				    "(%2$s, %3$s in all) while all it had sent was acknowledged "
				    "and the window was open: that time went to the application, "
				    "not the network (RFC 7661's application-limited)",
				    "the server's application had nothing to send %1$s times "
				    "(%2$s, %3$s in all) while all it had sent was acknowledged "
				    "and the window was open: that time went to the application, "
				    "not the network (RFC 7661's application-limited)", f->count),
			       SAY_ARGS(num(&a, f->count), wait_range(range, f),
					dur(d, f->seconds_ns)));
		break;
	case DX_CAPTURE_LOSS:
		if (f->bytes > 0)
			/* TRANSLATORS: %1$s is a number of bytes (English says
			 * "bytes" whatever the number), %2$s the number of gaps
			 * in the capture. */
			sb_msg(s, Q_("the capture missed %1$s bytes (%2$s gap) that the receiver "
				     "acknowledged: lost by the capture, not by the network",
				     "the capture missed %1$s bytes (in %2$s gaps) that the receiver "
				     "acknowledged: lost by the capture, not by the network",
				     f->count), SAY_ARGS(num(&a, f->bytes), num(&b, f->count)));
		else
			sb_msg(s, Q_("the capture missed data that the receiver acknowledged (%1$s "
				     "time): lost by the capture, not by the network",
				     "the capture missed data that the receiver acknowledged (%1$s "
				     "times): lost by the capture, not by the network", f->count),
			       SAY_ARGS(num(&a, f->count)));
		break;
	case DX_MIDSTREAM:
		sb_str(s, _("its start is not in the capture (no SYN): roles are guessed"));
		break;
	case DX_COUNT:
		break;
	}
}

size_t narrate_finding(const struct tv_finding *f, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	buf[0] = '\0';
	finding(&s, f);
	frames(&s, f);
	return s.len;
}

/* How a connection went when nothing failed. */
static void fine(struct sb *s, const struct tv_diagnosis *d)
{
	char t[32];
	struct num a, b;
	switch (d->state) {
	case CS_CLOSED:
		sb_msg(s, d->closed_by == DIR_C2S
		       /* TRANSLATORS: %1$s and %2$s are numbers of bytes,
			* %3$s how long the connection lasted. */
		       ? _("completed: %1$s bytes from the client, %2$s from the server, closed "
			   "by the client after %3$s")
		       : _("completed: %1$s bytes from the client, %2$s from the server, closed "
			   "by the server after %3$s"),
		       SAY_ARGS(num(&a, d->bytes[0]), num(&b, d->bytes[1]),
				dur(t, d->duration_ns)));
		break;
	case CS_HALF_CLOSED:
		sb_str(s, d->closed_by == DIR_C2S
		       ? _("the client closed its side; the other had not when the capture ended")
		       : _("the server closed its side; the other had not when the capture "
			   "ended"));
		break;
	case CS_RESET:
		sb_str(s, d->reset_by == DIR_C2S ? _("ended by a reset from the client")
		       : _("ended by a reset from the server"));
		break;
	default:
		/* TRANSLATORS: %1$s is how long the connection lasted, %2$s
		 * and %3$s numbers of bytes. */
		sb_msg(s, _("still open when the capture ended, after %1$s: %2$s bytes from the "
			    "client, %3$s from the server"),
		       SAY_ARGS(dur(t, d->duration_ns), num(&a, d->bytes[0]),
				num(&b, d->bytes[1])));
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
			/* TRANSLATORS: continues "completed: N bytes from the
			 * client ..." or "ended by a reset from the server". */
			sb_str(&s, _(" (its start is not in the capture)"));
		return s.len;
	}
	/* A failure is the verdict; a connection that only went slowly is
	 * told as it went, then why it was slow: two clauses, joined as
	 * clause() joins them. */
	if (first->code > DX_RESET_ABORT) {
		fine(&s, d);
		sb_lit(&s, "; ");
	}
	char words[NARRATE_MAX], also[NARRATE_MAX];
	narrate_finding(first, words, sizeof(words));
	sb_str(&s, words);
	/* The other findings by their codes: stable names, never translated. */
	struct sb l = { also, sizeof(also), 0, false };
	also[0] = '\0';
	for (unsigned i = 0; i < d->nfindings; i++)
		if (&d->f[i] != first) {
			if (l.need_sep)
				sb_str(&l, _(", "));
			l.need_sep = true;
			sb_str(&l, diagnose_code_name(d->f[i].code));
		}
	if (l.need_sep)
		/* TRANSLATORS: continues a connection's verdict; %1$s lists
		 * the codes of its other findings (rto, zero_window_stall),
		 * which are never translated. */
		sb_msg(&s, _("; also: %1$s"), SAY_ARGS(also));
	return s.len;
}

/* "1 of 4 to 192.0.2.1:80 got no answer, 3 of 4 to 192.0.2.1:80 were
 * refused; 2 of 2 to 192.0.2.9:443 failed the TLS handshake" */
static void server_failures(char *list, size_t cap, const struct tv_capture_verdict *v)
{
	struct sb s = { list, cap, 0, false };
	struct num a, b;
	list[0] = '\0';
	for (unsigned i = 0; i < v->nservers; i++) {
		const struct tv_server_tally *t = &v->servers[i];
		char ep[80];
		fmt_endpoint(ep, sizeof(ep), &t->server.addr, t->server.port);
		if (i > 0)
			/* TRANSLATORS: between the failures with one server
			 * and those with the next. */
			sb_str(&s, _("; "));
		s.need_sep = false;
		const char *all = num(&b, t->connections);
		if (t->unanswered > 0) {
			/* TRANSLATORS: the failures with one server, in a
			 * list: "%1$s of the %2$s connections to %3$s (an
			 * address and port) ...". */
			sb_msg(&s, _("%1$s of %2$s to %3$s got no answer"),
			       SAY_ARGS(num(&a, t->unanswered), all, ep));
			s.need_sep = true;
		}
		if (t->refused > 0) {
			if (s.need_sep)
				sb_str(&s, _(", "));
			sb_msg(&s, Q_("%1$s of %2$s to %3$s was refused",
				      "%1$s of %2$s to %3$s were refused", t->refused),
			       SAY_ARGS(num(&a, t->refused), all, ep));
			s.need_sep = true;
		}
		if (t->reset > 0) {
			if (s.need_sep)
				sb_str(&s, _(", "));
			sb_msg(&s, Q_("%1$s of %2$s to %3$s was reset",
				      "%1$s of %2$s to %3$s were reset", t->reset),
			       SAY_ARGS(num(&a, t->reset), all, ep));
			s.need_sep = true;
		}
		if (t->icmp > 0) {
			if (s.need_sep)
				sb_str(&s, _(", "));
			sb_msg(&s, _("%1$s of %2$s to %3$s met an ICMP error"),
			       SAY_ARGS(num(&a, t->icmp), all, ep));
			s.need_sep = true;
		}
		if (t->tls > 0) {
			if (s.need_sep)
				sb_str(&s, _(", "));
			sb_msg(&s, _("%1$s of %2$s to %3$s failed the TLS handshake"),
			       SAY_ARGS(num(&a, t->tls), all, ep));
		}
	}
}

size_t narrate_capture_verdict(const struct tv_capture_verdict *v, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	struct num a, b;
	buf[0] = '\0';
	if (v->failed == 0) {
		sb_msg(&s, _("no connection failed (%1$s in all)"),
		       SAY_ARGS(num(&a, v->connections)));
		return s.len;
	}
	if (v->nservers > 0) {
		char list[NARRATE_MAX];
		server_failures(list, sizeof(list), v);
		/* TRANSLATORS: %3$s lists the failures server by server
		 * ("1 of 4 to 192.0.2.1:80 got no answer"). */
		sb_msg(&s, Q_("%1$s of %2$s connection failed: %3$s",
			      "%1$s of %2$s connections failed: %3$s", v->connections),
		       SAY_ARGS(num(&a, v->failed), num(&b, v->connections), list));
	} else {
		sb_msg(&s, Q_("%1$s of %2$s connection failed", "%1$s of %2$s connections failed",
			      v->connections),
		       SAY_ARGS(num(&a, v->failed), num(&b, v->connections)));
	}
	if (v->failing_servers > v->nservers) {
		uint64_t more = v->failing_servers - v->nservers;
		/* TRANSLATORS: continues "3 of 9 connections failed: ...":
		 * the servers not named. */
		sb_msg(&s, Q_("; and failures with %1$s more server",
			      "; and failures with %1$s more servers", more),
		       SAY_ARGS(num(&a, more)));
	}
	return s.len;
}

size_t narrate_phases(const struct tv_phases *p, char *buf, size_t cap)
{
	struct sb s = { buf, cap, 0, false };
	char t[32];
	buf[0] = '\0';
	static const char *const names[] = {
		/* TRANSLATORS: where a connection's time went, a list:
		 * "connect 0.310 ms, transfer 1.200 s, close 0.100 ms"; %1$s
		 * is a duration. */
		N_("connect %1$s"), N_("request %1$s"), N_("server wait %1$s"),
		N_("transfer %1$s"), N_("stalled on a zero window %1$s"),
		N_("waiting for retransmission timeouts %1$s"),
		N_("paused by the application %1$s"), N_("waiting for delayed ACKs %1$s"),
		N_("close %1$s"),
	};
	const int64_t v[] = { p->connect, p->request, p->server_wait, p->transfer,
			      p->zero_window, p->rto, p->app_pause, p->delayed_ack, p->close };
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (v[i] <= 0 && i != 0)
			continue;
		if (s.len > 0)
			sb_str(&s, _(", "));
		sb_msg(&s, _(names[i]), SAY_ARGS(dur(t, v[i])));
	}
	return s.len;
}
