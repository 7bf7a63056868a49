/*
 * picture.c - the short words of ladder arrows and of the HTML report
 * (say layer, SPEC §12; see picture.h).
 *
 * A sentence of the narration (narrate.c) tells a packet in full; an
 * arrow has room for a few words, so these say the same facts shorter,
 * from the same records: the packet's flags and numbers, its labels
 * (SPEC §3) in the order they matter to a reader of a ladder, and the
 * application's own words (methods, status codes, frame types and
 * stream ids, TLS message names) as the protocols spell them.  Those and
 * the packet's numbers stay as they are in every language; each phrase of
 * words is one message in the reader's language (tr.h), with a variant
 * per side where it names the client or the server, its numbers formatted
 * here in the C locale and pasted into its placeholders.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "sentence.h"
#include "tcpview/app/dns.h"
#include "tcpview/app/record.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/picture.h"
#include "tcpview/say/tr.h"
#include "tcpview/tcp/names.h"

static struct sb sb_on(char *buf, size_t cap)
{
	struct sb s = { .buf = buf, .cap = cap, .len = 0, .need_sep = false };
	buf[0] = '\0';
	return s;
}

/* A protocol's name for a number, or the number when it has none (a
 * reserved or unassigned value): "HEADERS", "frame type 0x2a".  `msg`
 * says the number, its placeholder %1$s filled in hex with `hex` (the
 * message writes "0x" before it). */
static void name_or(struct sb *s, const char *name, const char *msg, bool hex, unsigned v)
{
	if (name != NULL) {
		sb_str(s, name);
		return;
	}
	char n[24];
	if (hex)
		fmt_format(n, sizeof(n), "%x", v);
	else
		n[fmt_u64(n, v)] = '\0';
	sb_msg(s, msg, SAY_ARGS(n));
}

/* Clauses of an arrow's label are joined by ", ". */
static void part(struct sb *s)
{
	if (s->need_sep)
		sb_str(s, _(", "));
	s->need_sep = true;
}

size_t say_arrow_packet(const struct tv_event *ev, bool abs, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	if (ev->labels & LBIT(L_ICMP_ERROR)) {
		/* The error, from the router or host that sent it; the label
		 * says what it means. */
		if (ev->icmp.from_target) {
			sb_str(&s, ev->icmp.version == 6 ? "ICMPv6" : "ICMP");
			return s.len;
		}
		char from[64];
		fmt_addr(from, sizeof(from), &ev->icmp.from);
		if (ev->icmp.version == 6)
			/* TRANSLATORS: a ladder's arrow for an ICMP error: %1$s is
			 * the address of the router or host that sent it. */
			sb_msg(&s, _("ICMPv6 from %1$s"), SAY_ARGS(from));
		else
			sb_msg(&s, _("ICMP from %1$s"), SAY_ARGS(from));
		return s.len;
	}
	char flags[40];
	sb_put(&s, flags, narrate_flag_names(ev->flags, flags));
	sb_lit(&s, " seq ");
	sb_u64(&s, abs ? ev->raw_seq : ev->seq);
	if (ev->flags & TH_ACK) {
		sb_lit(&s, " ack ");
		sb_u64(&s, abs ? ev->raw_ack : ev->ack);
	}
	if (ev->len > 0) {
		sb_lit(&s, " len ");
		sb_u64(&s, ev->len);
	}
	sb_lit(&s, " win ");
	sb_u64(&s, ev->win);
	return s.len;
}

static const char *rst_words(enum rst_reason r)
{
	switch (r) {
	/* TRANSLATORS: the next messages are the short words of a ladder's
	 * arrow for a reset, for a reader who has the packet's flags and
	 * numbers beside them. */
	case RST_REFUSED: return _("reset: nothing listens");
	case RST_ABORT: return _("reset: aborted");
	case RST_AFTER_CLOSE: return _("reset: data after its FIN");
	case RST_UNKNOWN_CONNECTION: return _("reset: unknown connection");
	case RST_IGNORED: return _("reset, ignored");
	default: return _("reset");
	}
}

size_t say_arrow_label(const struct tv_event *ev, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	uint32_t l = ev->labels;
	struct num a, b;
	if (l & LBIT(L_ICMP_ERROR)) {
		part(&s);
		say_icmp_meaning(&s, &ev->icmp);
		return s.len;
	}
	if (l & LBIT(L_PORT_REUSE)) {
		part(&s);
		/* TRANSLATORS: the next messages are the short words of a
		 * ladder's arrow, for a reader who has the packet's flags and
		 * numbers beside them; several are joined with ", ". */
		sb_str(&s, _("port reuse"));
	}
	if (l & LBIT(L_SYN)) {
		part(&s);
		sb_str(&s, _("handshake 1/3"));
	}
	if (l & LBIT(L_SYN_ACK)) {
		part(&s);
		sb_str(&s, _("handshake 2/3"));
	}
	if (l & LBIT(L_HANDSHAKE_ACK)) {
		part(&s);
		sb_str(&s, _("handshake 3/3"));
	}
	if (l & (LBIT(L_FIN) | LBIT(L_TEARDOWN_ACK))) {
		part(&s);
		if (ev->teardown_step > 0)
			sb_msg(&s, _("teardown %1$s/4"), SAY_ARGS(num(&a, ev->teardown_step)));
		else
			sb_str(&s, _("teardown"));
	}
	if (l & LBIT(L_RST)) {
		part(&s);
		sb_str(&s, rst_words(ev->rst_reason));
	}
	if (l & LBIT(L_FAST_RETRANSMISSION)) {
		part(&s);
		sb_msg(&s, _("fast retransmission of frame %1$s"), SAY_ARGS(num(&a, ev->orig_frame)));
	} else if (l & LBIT(L_SPURIOUS_RETRANSMISSION)) {
		part(&s);
		sb_msg(&s, _("spurious retransmission of frame %1$s"),
		       SAY_ARGS(num(&a, ev->orig_frame)));
	} else if (l & LBIT(L_RETRANSMISSION)) {
		part(&s);
		if (ev->orig_frame > 0)
			sb_msg(&s, _("retransmission of frame %1$s"), SAY_ARGS(num(&a, ev->orig_frame)));
		else
			sb_str(&s, _("retransmission"));
	}
	if (l & LBIT(L_OUT_OF_ORDER)) {
		part(&s);
		sb_str(&s, _("out of order"));
	}
	if (l & LBIT(L_LOST_SEGMENT)) {
		part(&s);
		sb_msg(&s, _("%1$s bytes before it not captured"),
		       SAY_ARGS(num(&a, ev->missing_bytes)));
	}
	if (l & LBIT(L_ACKED_UNSEEN)) {
		part(&s);
		sb_str(&s, _("ACKs data not captured"));
	}
	if (l & LBIT(L_DUP_ACK)) {
		part(&s);
		if (ev->dup_ack_frame > 0)
			sb_msg(&s, _("dup ACK %1$s of frame %2$s"),
			       SAY_ARGS(num(&a, ev->dup_ack_num), num(&b, ev->dup_ack_frame)));
		else
			sb_msg(&s, _("dup ACK %1$s"), SAY_ARGS(num(&a, ev->dup_ack_num)));
	}
	if (l & LBIT(L_ZERO_WINDOW)) {
		part(&s);
		sb_str(&s, _("zero window"));
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE)) {
		part(&s);
		sb_str(&s, _("zero-window probe"));
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE_ACK)) {
		part(&s);
		sb_str(&s, _("probe answered"));
	}
	if (l & LBIT(L_WINDOW_FULL)) {
		part(&s);
		sb_str(&s, _("window full"));
	}
	if (l & LBIT(L_KEEP_ALIVE)) {
		part(&s);
		sb_str(&s, _("keep-alive"));
	}
	if (l & LBIT(L_KEEP_ALIVE_ACK)) {
		part(&s);
		sb_str(&s, _("keep-alive answered"));
	}
	if (l & LBIT(L_WINDOW_UPDATE)) {
		part(&s);
		sb_str(&s, _("window update"));
	}
	/* The ACK that answers data, with the time it took (tcp.analysis.ack_rtt). */
	if (ev->acks_frame > 0 && ev->acks_data && ev->len == 0 &&
	    !(l & (LBIT(L_DUP_ACK) | LBIT(L_SYN_ACK) | LBIT(L_HANDSHAKE_ACK)))) {
		char d[32];
		part(&s);
		/* TRANSLATORS: %2$s is the time the ACK took, "0.024 ms". */
		sb_msg(&s, _("ACK of frame %1$s (%2$s)"),
		       SAY_ARGS(num(&a, ev->acks_frame), dur(d, ev->ack_rtt_ns)));
	}
	return s.len;
}

/* ---- application ------------------------------------------------------- */

static void h2_field(struct sb *s, const struct h2_header_block *b, const char *name)
{
	for (unsigned i = 0; i < b->kept; i++)
		if (strcmp(b->fields[i].name, name) == 0) {
			sb_lit(s, " ");
			sb_str(s, name);
			sb_lit(s, " ");
			sb_str(s, b->fields[i].value);
			return;
		}
}

/*
 * The application's words are the protocols' own and stay as they are;
 * the messages are the few English words among them, and the fallbacks
 * of name_or() for a number that has no name.
 */
static void say_h2(struct sb *s, const struct tv_app_h2 *h)
{
	const struct h2_frame *f = &h->f;
	/* TRANSLATORS: the next messages name a protocol's value that has no
	 * name by its number (an HTTP/2 frame type, an error code, a TLS
	 * version or cipher suite in hex after "0x"; a WebSocket opcode, a
	 * TLS alert level or description, a protocol in decimal). */
	name_or(s, h2_frame_type_name(f->type), _("frame type 0x%1$s"), true, f->type);
	if (f->stream_id != 0)
		sb_printf(s, "[%" PRIu32 "]", f->stream_id);
	switch (f->type) {
	case H2_DATA: {
		struct num a;
		sb_lit(s, " ");
		/* TRANSLATORS: the size of a frame's payload on a ladder's
		 * arrow, or of what a folded run carried; always in this form. */
		sb_msg(s, _("%1$s bytes"), SAY_ARGS(num(&a, f->u.data.data_len)));
		if (f->u.data.end_stream)
			sb_lit(s, " END_STREAM");
		break;
	}
	case H2_HEADERS:
	case H2_CONTINUATION:
	case H2_PUSH_PROMISE:
		if (h->has_block && h->block.decoded) {
			h2_field(s, &h->block, ":method");
			h2_field(s, &h->block, ":path");
			h2_field(s, &h->block, ":status");
		}
		if (f->type == H2_HEADERS && f->u.headers.end_stream)
			sb_lit(s, " END_STREAM");
		break;
	case H2_SETTINGS:
		if (f->u.settings.ack)
			sb_lit(s, " ACK");
		break;
	case H2_PING:
		if (f->u.ping.ack)
			sb_lit(s, " ACK");
		break;
	case H2_WINDOW_UPDATE:
		sb_printf(s, " +%" PRIu32, f->u.window_update.increment);
		break;
	case H2_RST_STREAM:
		sb_lit(s, " ");
		name_or(s, h2_error_name(f->u.rst_stream.error_code), _("error 0x%1$s"), true,
			f->u.rst_stream.error_code);
		break;
	case H2_GOAWAY:
		sb_lit(s, " ");
		name_or(s, h2_error_name(f->u.goaway.error_code), _("error 0x%1$s"), true,
			f->u.goaway.error_code);
		break;
	default:
		break;
	}
}

static void say_ws(struct sb *s, const struct ws_frame *f)
{
	sb_lit(s, "WS ");
	name_or(s, ws_opcode_name(f->opcode), _("opcode %1$s"), false, f->opcode);
	if (f->opcode == WS_OP_CLOSE && f->has_close_code) {
		sb_printf(s, " %u", (unsigned)f->close_code);
		return;
	}
	if (!f->fin)
		/* TRANSLATORS: a WebSocket frame whose message goes on in the
		 * next frame. */
		sb_str(s, _(" (more follows)"));
	if ((f->opcode == WS_OP_TEXT || (f->opcode == WS_OP_CONTINUATION &&
					 f->message_opcode == WS_OP_TEXT)) &&
	    f->text_utf8 && f->preview_len > 0 && f->payload_len <= 40) {
		sb_lit(s, " ");
		sb_quoted(s, (const char *)f->preview, f->preview_len, f->preview_cut);
	} else if (f->opcode != WS_OP_PING && f->opcode != WS_OP_PONG) {
		struct num a;
		sb_lit(s, " ");
		sb_msg(s, _("%1$s bytes"), SAY_ARGS(num(&a, f->payload_len)));
	}
}

static void alpn_list(struct sb *s, const struct tls_client_hello *ch)
{
	sb_lit(s, " ALPN=");
	for (unsigned i = 0; i < ch->alpn_kept; i++) {
		if (i > 0)
			sb_lit(s, ",");
		sb_put(s, ch->alpn[i].name, ch->alpn[i].len);
	}
}

size_t say_arrow_app(const struct tv_app *a, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	switch (a->kind) {
	case AK_HTTP_REQUEST:
		sb_str(&s, a->u.http.method);
		sb_lit(&s, " ");
		sb_str(&s, a->u.http.uri);
		if (a->u.http.uri_cut)
			sb_lit(&s, "...");
		break;
	case AK_HTTP_RESPONSE:
		sb_printf(&s, "%u", (unsigned)a->u.http.status_code);
		if (a->u.http.status_msg[0] != '\0') {
			sb_lit(&s, " ");
			sb_str(&s, a->u.http.status_msg);
		}
		break;
	case AK_WS_FRAME:
		say_ws(&s, &a->u.ws.f);
		break;
	case AK_H2_FRAME:
		say_h2(&s, &a->u.h2);
		break;
	case AK_TLS_CLIENT_HELLO: {
		const struct tls_client_hello *ch = &a->u.ch;
		sb_lit(&s, "ClientHello");
		if (ch->has_sni) {
			sb_lit(&s, " SNI=");
			sb_put(&s, ch->sni, ch->sni_len);
		}
		if (ch->has_alpn)
			alpn_list(&s, ch);
		break;
	}
	case AK_TLS_SERVER_HELLO: {
		const struct tls_server_hello *sh = &a->u.sh;
		if (sh->hello_retry) {
			sb_lit(&s, "HelloRetryRequest");
			break;
		}
		sb_lit(&s, "ServerHello ");
		name_or(&s, tls_version_name(sh->version), _("version 0x%1$s"), true, sh->version);
		sb_lit(&s, " ");
		name_or(&s, tls_cipher_name(sh->cipher), _("cipher 0x%1$s"), true, sh->cipher);
		if (sh->has_alpn) {
			sb_lit(&s, " ALPN=");
			sb_put(&s, sh->alpn.name, sh->alpn.len);
		}
		break;
	}
	case AK_TLS_ALERT:
		if (a->u.alert.encrypted) {
			/* TRANSLATORS: "alert" is the TLS record's name. */
			sb_str(&s, _("alert (encrypted)"));
		} else {
			sb_lit(&s, "alert ");
			name_or(&s, tls_alert_level_name(a->u.alert.level), _("level %1$s"), false,
				a->u.alert.level);
			sb_lit(&s, " ");
			name_or(&s, tls_alert_name(a->u.alert.description), _("alert %1$s"), false,
				a->u.alert.description);
		}
		break;
	case AK_TLS_ENCRYPTED:
		/* TRANSLATORS: TLS application data: what follows is encrypted. */
		sb_str(&s, _("encrypted from here on"));
		break;
	case AK_DNS:
		if (a->u.dns.response)
			say_dns_answer(&a->u.dns, buf, cap);
		else
			say_dns_query(&a->u.dns, buf, cap);
		return strlen(buf);
	case AK_SWITCH: {
		char to[48];
		struct sb t = sb_on(to, sizeof(to));
		name_or(&t, app_proto_name(a->u.sw.to), _("protocol %1$s"), false, a->u.sw.to);
		/* TRANSLATORS: the connection switches to another protocol
		 * (HTTP's Upgrade): %1$s is its name, "websocket". */
		sb_msg(&s, _("switches to %1$s"), SAY_ARGS(to));
		break;
	}
	default:
		break;
	}
	return s.len;
}

size_t say_dns_query(const struct tv_app_dns *m, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	/* TYPE and RCODE with a number are DNS's own spelling (RFC 3597). */
	name_or(&s, dns_qtype_name(m->qtype), "TYPE%1$s", false, m->qtype);
	sb_lit(&s, "? ");
	sb_str(&s, m->has_query ? m->query : "");
	return s.len;
}

size_t say_dns_answer(const struct tv_app_dns *m, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	if (m->rcode != 0) {
		sb_str(&s, m->has_query ? m->query : "");
		sb_lit(&s, ": ");
		name_or(&s, dns_rcode_name(m->rcode), "RCODE%1$s", false, m->rcode);
		return s.len;
	}
	const char *name = m->has_query ? m->query : "";
	char list[TV_DNS_ANSWERS_KEPT * 64];
	struct sb l = sb_on(list, sizeof(list));
	for (unsigned i = 0; i < m->nanswers; i++) {
		if (!m->answers[i].has_addr)
			continue;
		char addr[64];
		if (l.need_sep)
			sb_str(&l, _(", "));
		l.need_sep = true;
		sb_put(&l, addr, fmt_addr(addr, sizeof(addr), &m->answers[i].addr));
	}
	struct num a;
	if (l.need_sep)
		/* TRANSLATORS: a DNS answer: %1$s is the name asked for, %2$s
		 * its addresses ("127.0.0.7, 127.0.0.8"). */
		sb_msg(&s, _("%1$s is %2$s"), SAY_ARGS(name, list));
	else
		/* TRANSLATORS: a DNS answer with no address: %1$s is the name
		 * asked for, %2$s how many records the answer holds. */
		sb_msg(&s, _("%1$s: %2$s answers"), SAY_ARGS(name, num(&a, m->answers_total)));
	return s.len;
}

/* ---- runs, lanes, titles ---------------------------------------------- */

/* "60.2 KB": bytes for a folded run, decimal units as tcpdump users read them. */
static void amount(struct sb *s, uint64_t b)
{
	if (b < 10000) {
		struct num a;
		sb_msg(s, _("%1$s bytes"), SAY_ARGS(num(&a, b)));
	} else if (b < 1000000) {
		sb_printf(s, "%" PRIu64 ".%" PRIu64 " kB", b / 1000, b % 1000 / 100);
	} else {
		sb_printf(s, "%" PRIu64 ".%" PRIu64 " MB", b / 1000000, b % 1000000 / 100000);
	}
}

size_t say_fold(uint64_t packets, uint64_t first_frame, uint64_t last_frame,
		const uint64_t bytes[2], uint64_t acks, uint64_t fulls, int64_t span_ns,
		char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	struct num a, b, c;
	char d[32];
	/* TRANSLATORS: a run of routine packets folded into one line of a
	 * ladder; the multiplication sign before the count stays. */
	sb_msg(&s, _("\xc3\x97%1$s packets (frames %2$s-%3$s)"),
	       SAY_ARGS(num(&a, packets), num(&b, first_frame), num(&c, last_frame)));
	/* The rest continues it, clause by clause. */
	for (int i = 0; i < 2; i++)
		if (bytes[i] > 0) {
			char amt[48];
			struct sb t = sb_on(amt, sizeof(amt));
			amount(&t, bytes[i]);
			if (i == DIR_C2S)
				/* TRANSLATORS: continues "×42 packets (frames 7-48)"
				 * with what the run carried; %1$s is an amount,
				 * "60.2 kB". */
				sb_msg(&s, _(", %1$s from the client"), SAY_ARGS(amt));
			else
				/* TRANSLATORS: as ", %1$s from the client". */
				sb_msg(&s, _(", %1$s from the server"), SAY_ARGS(amt));
		}
	if (acks > 0)
		/* TRANSLATORS: continues "×42 packets (frames 7-48), ...": how
		 * many ACKs the run holds. */
		sb_msg(&s, Q_(", %1$s ACK", ", %1$s ACKs", acks), SAY_ARGS(num(&a, acks)));
	if (fulls > 0)
		/* TRANSLATORS: continues "×42 packets (frames 7-48), ...": how
		 * many of its packets filled the receiver's window. */
		sb_msg(&s, _(", %1$s filled the window"), SAY_ARGS(num(&a, fulls)));
	/* TRANSLATORS: ends the folded run with the time it took, "5.100 ms". */
	sb_msg(&s, _(", %1$s"), SAY_ARGS(dur(d, span_ns)));
	return s.len;
}

const char *say_lane(int lane)
{
	switch (lane) {
	/* TRANSLATORS: the name over a ladder's lane, one side of the
	 * connection. */
	case LANE_CLIENT: return C_("role", "client");
	case LANE_SERVER: return C_("role", "server");
	default: return _("DNS server");
	}
}

const char *say_direction(enum tv_dir d)
{
	/* TRANSLATORS: the title of a direction's time-sequence graph. */
	return d == DIR_C2S ? _("client \xe2\x86\x92 server") : _("server \xe2\x86\x92 client");
}

size_t say_picture_title(const struct tv_conn_report *r, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	char cl[80], sv[80];
	const struct tv_endpoint *ce = &r->info.end[DIR_C2S], *se = &r->info.end[DIR_S2C];
	fmt_endpoint(cl, sizeof(cl), &ce->addr, ce->port);
	fmt_endpoint(sv, sizeof(sv), &se->addr, se->port);
	char d[32];
	struct num a, b;
	/* TRANSLATORS: a picture's title: "connection 1: 127.0.0.1:59774 →
	 * 127.0.0.1:8080, 0.540 ms, 12 packets, closed"; %6$s is the
	 * connection's state by its stable name (closed, reset, ...), the
	 * same as in the summary table. */
	sb_msg(&s, Q_("connection %1$s: %2$s \xe2\x86\x92 %3$s, %4$s, %5$s packet, %6$s",
		      "connection %1$s: %2$s \xe2\x86\x92 %3$s, %4$s, %5$s packets, %6$s",
		      r->packets),
	       SAY_ARGS(num(&a, r->info.id), cl, sv,
			dur(d, tv_time_diff_ns(r->info.first_ts, r->last_ts)),
			num(&b, r->packets), say_state(r->state)));
	return s.len;
}

size_t say_picture_end(const struct tv_conn_report *r, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	bool client_closed = r->closed_by == DIR_C2S;
	switch (r->state) {
	case CS_CLOSED:
		sb_str(&s, client_closed ? _("closed: the client sent the first FIN")
		       : _("closed: the server sent the first FIN"));
		break;
	case CS_RESET:
		sb_str(&s, r->reset_by == DIR_C2S ? _("reset by the client")
		       : _("reset by the server"));
		break;
	case CS_REFUSED:
		sb_str(&s, _("refused: the server answered the SYN with a reset"));
		break;
	case CS_HALF_CLOSED:
		sb_str(&s, client_closed ? _("half closed: only the client sent FIN")
		       : _("half closed: only the server sent FIN"));
		break;
	case CS_SYN_SENT:
		sb_str(&s, _("never established: the SYN was not answered"));
		break;
	default:
		sb_str(&s, _("still open when the capture ended"));
		break;
	}
	return s.len;
}

const char *say_picture_word(enum picture_word w)
{
	static const char *const words[PW_COUNT] = {
		/* TRANSLATORS: the words of the pictures and the HTML report:
		 * the ladder's time column, headings, the columns of the table
		 * of connections, the axes and the key of the time-sequence
		 * graphs. */
		[PW_TIME] = N_("time (s)"),
		[PW_FRAME] = N_("frame"),
		[PW_REPORT_TITLE] = N_("tcpview report"),
		[PW_OVERVIEW] = N_("Connections"),
		[PW_CONNECTION] = N_("connection"),
		/* TRANSLATORS: a column heading of the table of connections. */
		[PW_CLIENT] = N_("client"),
		[PW_SERVER] = N_("server"),
		[PW_START] = N_("start"),
		[PW_DURATION] = N_("duration"),
		[PW_PACKETS] = N_("packets"),
		[PW_STATE] = N_("state"),
		[PW_VERDICT] = N_("verdict"),
		[PW_LADDER] = N_("Ladder"),
		[PW_STORY] = N_("Packets"),
		[PW_GRAPHS] = N_("Time-sequence graphs"),
		[PW_SEARCH] = N_("search the narration"),
		[PW_TIME_AXIS] = N_("time since the first packet (s)"),
		[PW_SEQ_AXIS] = N_("relative sequence number"),
		/* TRANSLATORS: the key of a time-sequence graph: data segments,
		 * the ACK line, the receive window line, retransmissions, SACK
		 * blocks and zero windows. */
		[PW_DATA] = N_("data"),
		[PW_ACK] = N_("ACK"),
		[PW_WINDOW] = N_("receive window"),
		[PW_RETRANS] = N_("retransmission"),
		[PW_SACK] = N_("SACK"),
		[PW_ZERO_WINDOW] = N_("zero window"),
		[PW_FINDINGS] = N_("Findings"),
		[PW_TURNS] = N_("What the applications said"),
	};
	return (unsigned)w < PW_COUNT && words[w] != NULL ? _(words[w]) : "";
}

size_t say_capped_conns(unsigned n, char *buf, size_t cap)
{
	struct num a;
	return say_format(buf, cap, _("only the first %1$s connections are drawn in detail; "
				      "every connection is in the table below"),
			  SAY_ARGS(num(&a, n)));
}

size_t say_capped_packets(unsigned n, char *buf, size_t cap)
{
	struct num a;
	return say_format(buf, cap, _("only the first %1$s packets of this connection are "
				      "narrated and graphed; the ladder has them all"),
			  SAY_ARGS(num(&a, n)));
}

const char *say_state(enum conn_state st)
{
	switch (st) {
	/* TRANSLATORS: a connection's state, at the end of its title line
	 * ("connection 1: A → B, 0.540 ms, 12 packets, closed").  English
	 * keeps the state's stable name, as JSON spells it. */
	case CS_SYN_SENT: return C_("state", "syn_sent");
	case CS_ESTABLISHED: return C_("state", "established");
	case CS_HALF_CLOSED: return C_("state", "half_closed");
	case CS_CLOSED: return C_("state", "closed");
	case CS_RESET: return C_("state", "reset");
	case CS_REFUSED: return C_("state", "refused");
	case CS_MIDSTREAM: return C_("state", "midstream");
	}
	return conn_state_name(st);
}
