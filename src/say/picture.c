/*
 * picture.c - the short words of ladder arrows and of the HTML report
 * (say layer, SPEC §12; see picture.h).
 *
 * A sentence of the narration (narrate.c) tells a packet in full; an
 * arrow has room for a few words, so these say the same facts shorter,
 * from the same records: the packet's flags and numbers, its labels
 * (SPEC §3) in the order they matter to a reader of a ladder, and the
 * application's own words (methods, status codes, frame types and
 * stream ids, TLS message names) as the protocols spell them.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "sentence.h"
#include "tcpview/app/dns.h"
#include "tcpview/app/record.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/picture.h"
#include "tcpview/tcp/names.h"

static struct sb sb_on(char *buf, size_t cap)
{
	struct sb s = { .buf = buf, .cap = cap, .len = 0, .need_sep = false };
	buf[0] = '\0';
	return s;
}

/* A protocol's name for a number, or the number when it has none (a
 * reserved or unassigned value): "HEADERS", "frame type 0x2a". */
static void name_or(struct sb *s, const char *name, const char *prefix, unsigned v)
{
	if (name != NULL) {
		sb_str(s, name);
		return;
	}
	/* A prefix ending in "0x" takes the number in hex. */
	size_t n = strlen(prefix);
	sb_put(s, prefix, n);
	if (n >= 2 && prefix[n - 1] == 'x' && prefix[n - 2] == '0')
		sb_printf(s, "%x", v);
	else
		sb_u64(s, v);
}

/* Clauses of an arrow's label are joined by ", ". */
static void part(struct sb *s)
{
	if (s->need_sep)
		sb_lit(s, ", ");
	s->need_sep = true;
}

size_t say_arrow_packet(const struct tv_event *ev, bool abs, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	if (ev->labels & LBIT(L_ICMP_ERROR)) {
		/* The error, from the router or host that sent it; the label
		 * says what it means. */
		sb_str(&s, ev->icmp.version == 6 ? "ICMPv6" : "ICMP");
		if (!ev->icmp.from_target) {
			char from[64];
			sb_lit(&s, " from ");
			sb_put(&s, from, fmt_addr(from, sizeof(from), &ev->icmp.from));
		}
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
	case RST_REFUSED: return "reset: nothing listens";
	case RST_ABORT: return "reset: aborted";
	case RST_AFTER_CLOSE: return "reset: data after its FIN";
	case RST_UNKNOWN_CONNECTION: return "reset: unknown connection";
	case RST_IGNORED: return "reset, ignored";
	default: return "reset";
	}
}

size_t say_arrow_label(const struct tv_event *ev, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	uint32_t l = ev->labels;
	if (l & LBIT(L_ICMP_ERROR)) {
		part(&s);
		say_icmp_meaning(&s, &ev->icmp);
		return s.len;
	}
	if (l & LBIT(L_PORT_REUSE)) {
		part(&s);
		sb_lit(&s, "port reuse");
	}
	if (l & LBIT(L_SYN)) {
		part(&s);
		sb_lit(&s, "handshake 1/3");
	}
	if (l & LBIT(L_SYN_ACK)) {
		part(&s);
		sb_lit(&s, "handshake 2/3");
	}
	if (l & LBIT(L_HANDSHAKE_ACK)) {
		part(&s);
		sb_lit(&s, "handshake 3/3");
	}
	if (l & (LBIT(L_FIN) | LBIT(L_TEARDOWN_ACK))) {
		part(&s);
		if (ev->teardown_step > 0)
			sb_printf(&s, "teardown %u/4", (unsigned)ev->teardown_step);
		else
			sb_lit(&s, "teardown");
	}
	if (l & LBIT(L_RST)) {
		part(&s);
		sb_str(&s, rst_words(ev->rst_reason));
	}
	if (l & LBIT(L_FAST_RETRANSMISSION)) {
		part(&s);
		sb_printf(&s, "fast retransmission of frame %" PRIu64, ev->orig_frame);
	} else if (l & LBIT(L_SPURIOUS_RETRANSMISSION)) {
		part(&s);
		sb_printf(&s, "spurious retransmission of frame %" PRIu64, ev->orig_frame);
	} else if (l & LBIT(L_RETRANSMISSION)) {
		part(&s);
		if (ev->orig_frame > 0)
			sb_printf(&s, "retransmission of frame %" PRIu64, ev->orig_frame);
		else
			sb_lit(&s, "retransmission");
	}
	if (l & LBIT(L_OUT_OF_ORDER)) {
		part(&s);
		sb_lit(&s, "out of order");
	}
	if (l & LBIT(L_LOST_SEGMENT)) {
		part(&s);
		sb_printf(&s, "%" PRIu32 " bytes before it not captured", ev->missing_bytes);
	}
	if (l & LBIT(L_ACKED_UNSEEN)) {
		part(&s);
		sb_lit(&s, "ACKs data not captured");
	}
	if (l & LBIT(L_DUP_ACK)) {
		part(&s);
		if (ev->dup_ack_frame > 0)
			sb_printf(&s, "dup ACK %" PRIu32 " of frame %" PRIu64, ev->dup_ack_num,
				  ev->dup_ack_frame);
		else
			sb_printf(&s, "dup ACK %" PRIu32, ev->dup_ack_num);
	}
	if (l & LBIT(L_ZERO_WINDOW)) {
		part(&s);
		sb_lit(&s, "zero window");
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE)) {
		part(&s);
		sb_lit(&s, "zero-window probe");
	}
	if (l & LBIT(L_ZERO_WINDOW_PROBE_ACK)) {
		part(&s);
		sb_lit(&s, "probe answered");
	}
	if (l & LBIT(L_WINDOW_FULL)) {
		part(&s);
		sb_lit(&s, "window full");
	}
	if (l & LBIT(L_KEEP_ALIVE)) {
		part(&s);
		sb_lit(&s, "keep-alive");
	}
	if (l & LBIT(L_KEEP_ALIVE_ACK)) {
		part(&s);
		sb_lit(&s, "keep-alive answered");
	}
	if (l & LBIT(L_WINDOW_UPDATE)) {
		part(&s);
		sb_lit(&s, "window update");
	}
	/* The ACK that answers data, with the time it took (tcp.analysis.ack_rtt). */
	if (ev->acks_frame > 0 && ev->acks_data && ev->len == 0 &&
	    !(l & (LBIT(L_DUP_ACK) | LBIT(L_SYN_ACK) | LBIT(L_HANDSHAKE_ACK)))) {
		part(&s);
		sb_printf(&s, "ACK of frame %" PRIu64 " (", ev->acks_frame);
		sb_dur(&s, ev->ack_rtt_ns);
		sb_lit(&s, ")");
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

static void say_h2(struct sb *s, const struct tv_app_h2 *h)
{
	const struct h2_frame *f = &h->f;
	name_or(s, h2_frame_type_name(f->type), "frame type 0x", f->type);
	if (f->stream_id != 0)
		sb_printf(s, "[%" PRIu32 "]", f->stream_id);
	switch (f->type) {
	case H2_DATA:
		sb_printf(s, " %" PRIu32 " bytes", f->u.data.data_len);
		if (f->u.data.end_stream)
			sb_lit(s, " END_STREAM");
		break;
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
		name_or(s, h2_error_name(f->u.rst_stream.error_code), "error 0x",
			f->u.rst_stream.error_code);
		break;
	case H2_GOAWAY:
		sb_lit(s, " ");
		name_or(s, h2_error_name(f->u.goaway.error_code), "error 0x",
			f->u.goaway.error_code);
		break;
	default:
		break;
	}
}

static void say_ws(struct sb *s, const struct ws_frame *f)
{
	sb_lit(s, "WS ");
	name_or(s, ws_opcode_name(f->opcode), "opcode ", f->opcode);
	if (f->opcode == WS_OP_CLOSE && f->has_close_code) {
		sb_printf(s, " %u", (unsigned)f->close_code);
		return;
	}
	if (!f->fin)
		sb_lit(s, " (more follows)");
	if ((f->opcode == WS_OP_TEXT || (f->opcode == WS_OP_CONTINUATION &&
					 f->message_opcode == WS_OP_TEXT)) &&
	    f->text_utf8 && f->preview_len > 0 && f->payload_len <= 40) {
		sb_lit(s, " ");
		sb_quoted(s, (const char *)f->preview, f->preview_len, f->preview_cut);
	} else if (f->opcode != WS_OP_PING && f->opcode != WS_OP_PONG) {
		sb_printf(s, " %" PRIu64 " bytes", f->payload_len);
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
		name_or(&s, tls_version_name(sh->version), "version 0x", sh->version);
		sb_lit(&s, " ");
		name_or(&s, tls_cipher_name(sh->cipher), "cipher 0x", sh->cipher);
		if (sh->has_alpn) {
			sb_lit(&s, " ALPN=");
			sb_put(&s, sh->alpn.name, sh->alpn.len);
		}
		break;
	}
	case AK_TLS_ALERT:
		if (a->u.alert.encrypted) {
			sb_lit(&s, "alert (encrypted)");
		} else {
			sb_lit(&s, "alert ");
			name_or(&s, tls_alert_level_name(a->u.alert.level), "level ", a->u.alert.level);
			sb_lit(&s, " ");
			name_or(&s, tls_alert_name(a->u.alert.description), "alert ",
				a->u.alert.description);
		}
		break;
	case AK_TLS_ENCRYPTED:
		sb_lit(&s, "encrypted from here on");
		break;
	case AK_DNS:
		if (a->u.dns.response)
			say_dns_answer(&a->u.dns, buf, cap);
		else
			say_dns_query(&a->u.dns, buf, cap);
		return strlen(buf);
	case AK_SWITCH:
		sb_lit(&s, "switches to ");
		name_or(&s, app_proto_name(a->u.sw.to), "protocol ", a->u.sw.to);
		break;
	default:
		break;
	}
	return s.len;
}

size_t say_dns_query(const struct tv_app_dns *m, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	name_or(&s, dns_qtype_name(m->qtype), "TYPE", m->qtype);
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
		name_or(&s, dns_rcode_name(m->rcode), "RCODE", m->rcode);
		return s.len;
	}
	sb_str(&s, m->has_query ? m->query : "");
	const char *sep = " is ";
	for (unsigned i = 0; i < m->nanswers; i++) {
		if (!m->answers[i].has_addr)
			continue;
		char addr[64];
		sb_str(&s, sep);
		sb_put(&s, addr, fmt_addr(addr, sizeof(addr), &m->answers[i].addr));
		sep = ", ";
	}
	if (sep[0] == ' ')	/* no address */
		sb_printf(&s, ": %u answers", (unsigned)m->answers_total);
	return s.len;
}

/* ---- runs, lanes, titles ---------------------------------------------- */

/* "60.2 KB": bytes for a folded run, decimal units as tcpdump users read them. */
static void amount(struct sb *s, uint64_t b)
{
	if (b < 10000) {
		sb_u64(s, b);
		sb_lit(s, " bytes");
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
	sb_printf(&s, "\xc3\x97%" PRIu64 " packets (frames %" PRIu64 "-%" PRIu64 ")", packets,
		  first_frame, last_frame);
	for (int d = 0; d < 2; d++)
		if (bytes[d] > 0) {
			sb_lit(&s, ", ");
			amount(&s, bytes[d]);
			sb_lit(&s, " from the ");
			sb_str(&s, side((enum tv_dir)d));
		}
	if (acks > 0)
		sb_printf(&s, ", %" PRIu64 " ACK%s", acks, acks == 1 ? "" : "s");
	if (fulls > 0)
		sb_printf(&s, ", %" PRIu64 " filled the window", fulls);
	sb_lit(&s, ", ");
	sb_dur(&s, span_ns);
	return s.len;
}

const char *say_lane(int lane)
{
	switch (lane) {
	case LANE_CLIENT: return "client";
	case LANE_SERVER: return "server";
	default: return "DNS server";
	}
}

const char *say_direction(enum tv_dir d)
{
	return d == DIR_C2S ? "client \xe2\x86\x92 server" : "server \xe2\x86\x92 client";
}

size_t say_picture_title(const struct tv_conn_report *r, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	char cl[80], sv[80];
	const struct tv_endpoint *ce = &r->info.end[DIR_C2S], *se = &r->info.end[DIR_S2C];
	fmt_endpoint(cl, sizeof(cl), &ce->addr, ce->port);
	fmt_endpoint(sv, sizeof(sv), &se->addr, se->port);
	sb_printf(&s, "connection %" PRIu64 ": %s \xe2\x86\x92 %s, ", r->info.id, cl, sv);
	sb_dur(&s, tv_time_diff_ns(r->info.first_ts, r->last_ts));
	sb_printf(&s, ", %" PRIu64 " packet%s, %s", r->packets, r->packets == 1 ? "" : "s",
		  conn_state_name(r->state));
	return s.len;
}

size_t say_picture_end(const struct tv_conn_report *r, char *buf, size_t cap)
{
	struct sb s = sb_on(buf, cap);
	switch (r->state) {
	case CS_CLOSED:
		sb_printf(&s, "closed: the %s sent the first FIN", side((enum tv_dir)r->closed_by));
		break;
	case CS_RESET:
		sb_printf(&s, "reset by the %s", side((enum tv_dir)r->reset_by));
		break;
	case CS_REFUSED:
		sb_lit(&s, "refused: the server answered the SYN with a reset");
		break;
	case CS_HALF_CLOSED:
		sb_printf(&s, "half closed: only the %s sent FIN", side((enum tv_dir)r->closed_by));
		break;
	case CS_SYN_SENT:
		sb_lit(&s, "never established: the SYN was not answered");
		break;
	default:
		sb_lit(&s, "still open when the capture ended");
		break;
	}
	return s.len;
}

const char *say_picture_word(enum picture_word w)
{
	static const char *const words[PW_COUNT] = {
		[PW_TIME] = "time (s)",
		[PW_FRAME] = "frame",
		[PW_REPORT_TITLE] = "tcpview report",
		[PW_OVERVIEW] = "Connections",
		[PW_CONNECTION] = "connection",
		[PW_CLIENT] = "client",
		[PW_SERVER] = "server",
		[PW_START] = "start",
		[PW_DURATION] = "duration",
		[PW_PACKETS] = "packets",
		[PW_STATE] = "state",
		[PW_VERDICT] = "verdict",
		[PW_LADDER] = "Ladder",
		[PW_STORY] = "Packets",
		[PW_GRAPHS] = "Time-sequence graphs",
		[PW_SEARCH] = "search the narration",
		[PW_TIME_AXIS] = "time since the first packet (s)",
		[PW_SEQ_AXIS] = "relative sequence number",
		[PW_DATA] = "data",
		[PW_ACK] = "ACK",
		[PW_WINDOW] = "receive window",
		[PW_RETRANS] = "retransmission",
		[PW_SACK] = "SACK",
		[PW_ZERO_WINDOW] = "zero window",
		[PW_FINDINGS] = "Findings",
		[PW_TURNS] = "What the applications said",
	};
	return (unsigned)w < PW_COUNT && words[w] != NULL ? words[w] : "";
}

size_t say_capped_conns(unsigned n, char *buf, size_t cap)
{
	return fmt_format(buf, cap, "only the first %u connections are drawn in detail; "
			  "every connection is in the table below", n);
}

size_t say_capped_packets(unsigned n, char *buf, size_t cap)
{
	return fmt_format(buf, cap, "only the first %u packets of this connection are "
			  "narrated and graphed; the ladder has them all", n);
}
