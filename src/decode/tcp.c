/*
 * tcp.c - the TCP header and its options.
 *
 * Last step of the decode chain: fills the TCP fields of struct tv_packet.
 * The option walk follows RFC 9293 §3.2: kinds 0 (end) and 1 (no-op) are a
 * single byte, every other option carries a length that includes kind and
 * length bytes.  A bad option list does not make the segment unusable: what
 * was decoded stays, and `opt.problem` says what was wrong (Wireshark keeps
 * analysing such segments too).
 */
#include "config.h"

#include <string.h>

#include "tcpview/decode/decode.h"
#include "tcpview/util/nls.h"

enum {
	TCPOPT_EOL = 0,
	TCPOPT_NOP = 1,
	TCPOPT_MSS = 2,		/* RFC 9293 §3.2 */
	TCPOPT_WSCALE = 3,	/* RFC 7323 §2 */
	TCPOPT_SACK_PERM = 4,	/* RFC 2018 §2 */
	TCPOPT_SACK = 5,	/* RFC 2018 §3 */
	TCPOPT_TIMESTAMP = 8,	/* RFC 7323 §3 */
	TCPOPT_MPTCP = 30,	/* RFC 8684 */
	TCPOPT_TFO = 34,	/* RFC 7413 §4.1.1 */
	TCPOPT_EXP2 = 254,	/* RFC 4727 experiment 2, shared by ExID (RFC 6994) */
};

/* The ExID of Fast Open as an experimental option (kind 254). */
#define TFO_EXID 0xF989

/* Checks an option's length against the one its RFC fixes. */
static bool fixed_len(uint8_t len, uint8_t want)
{
	return len == want;
}

const char *decode_tcp_options(struct cursor *c, struct tcp_options *o)
{
	memset(o, 0, sizeof(*o));
	while (cursor_left(c) > 0) {
		uint8_t kind = cur_u8(c);
		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP)
			continue;
		if (!cursor_has(c, 1))
			return o->problem = N_("TCP option length missing");
		uint8_t len = cur_u8(c);
		if (len < 2)
			return o->problem = N_("TCP option length below 2");
		if (!cursor_has(c, (size_t)len - 2))
			return o->problem = N_("TCP option runs past the header");
		struct cursor v = cursor_sub(c, (size_t)len - 2);

		switch (kind) {
		case TCPOPT_MSS:
			if (!fixed_len(len, 4))
				return o->problem = N_("MSS option length is not 4");
			o->mss = cur_u16be(&v);
			o->present |= TCPOPT_HAVE_MSS;
			break;
		case TCPOPT_WSCALE:
			if (!fixed_len(len, 3))
				return o->problem = N_("window scale option length is not 3");
			o->wscale = cur_u8(&v);
			o->present |= TCPOPT_HAVE_WSCALE;
			break;
		case TCPOPT_SACK_PERM:
			if (!fixed_len(len, 2))
				return o->problem = N_("SACK-permitted option length is not 2");
			o->present |= TCPOPT_HAVE_SACK_PERM;
			break;
		case TCPOPT_SACK:
			if ((len - 2) % 8 != 0)
				return o->problem = N_("SACK option length is not 2 + 8n");
			o->present |= TCPOPT_HAVE_SACK;
			while (cursor_left(&v) >= 8) {
				uint32_t l = cur_u32be(&v), r = cur_u32be(&v);
				if (o->sack_count < TCPOPT_MAX_SACK) {
					o->sack_left[o->sack_count] = l;
					o->sack_right[o->sack_count] = r;
					o->sack_count++;
				}
			}
			break;
		case TCPOPT_TIMESTAMP:
			if (!fixed_len(len, 10))
				return o->problem = N_("timestamp option length is not 10");
			o->ts_val = cur_u32be(&v);
			o->ts_ecr = cur_u32be(&v);
			o->present |= TCPOPT_HAVE_TS;
			break;
		case TCPOPT_TFO:
			if (len > 18)
				return o->problem = N_("TFO cookie longer than 16 bytes");
			o->tfo_cookie_len = (uint8_t)(len - 2);
			o->present |= TCPOPT_HAVE_TFO;
			break;
		case TCPOPT_MPTCP:
			o->present |= TCPOPT_HAVE_MPTCP;
			break;
		case TCPOPT_EXP2:
			/* Before kind 34, Linux sent Fast Open as the shared
			 * experimental kind 254 with ExID 0xF989 (RFC 6994, RFC
			 * 7413 §4.1.1); Wireshark reads it as TFO too. */
			if (len >= 4 && len <= 20 && cur_u16be(&v) == TFO_EXID) {
				o->tfo_cookie_len = (uint8_t)(len - 4);
				o->present |= TCPOPT_HAVE_TFO;
				break;
			}
			/* fall through */
		default:
			if (o->unknown_count < TCPOPT_MAX_UNKNOWN)
				o->unknown_kinds[o->unknown_count++] = kind;
			break;
		}
	}
	return NULL;
}

enum decode_result decode_tcp(struct cursor *c, uint32_t ip_payload_len,
			      struct tv_packet *out, const char **why)
{
	/* ports, sequence and acknowledgment numbers, data offset and flags,
	 * window, checksum (not verified, as tcp.check_checksum:FALSE), urgent */
	const uint8_t *h = cur_take(c, 20);
	if (h == NULL) {
		*why = N_("TCP header cut short");
		return DECODE_MALFORMED;
	}
	out->sport = span_be16(h, 0);
	out->dport = span_be16(h, 2);
	out->seq = span_be32(h, 4);
	out->ack = span_be32(h, 8);
	uint16_t off_flags = span_be16(h, 12);
	out->win = span_be16(h, 14);
	out->urp = span_be16(h, 18);
	/* Data offset (4 bits), reserved, AE, CWR ... FIN (RFC 9293 §3.1). */
	uint32_t hlen = (uint32_t)(off_flags >> 12) * 4;
	out->flags = off_flags & 0x1ff;
	if (hlen < 20) {
		*why = N_("TCP data offset below 5 (header shorter than 20 bytes)");
		return DECODE_MALFORMED;
	}
	if (hlen > ip_payload_len) {
		*why = N_("TCP header longer than the IP payload");
		return DECODE_MALFORMED;
	}
	out->hdr_len = (uint8_t)hlen;

	/*
	 * Options cut by the snap length are not malformed: what was captured
	 * is used and the segment is marked truncated.
	 */
	struct cursor opts = cursor_sub(c, hlen - 20);
	bool options_cut = opts.short_read;
	decode_tcp_options(&opts, &out->opt);
	if (options_cut)
		out->opt.problem = NULL;

	out->len = ip_payload_len - hlen;
	out->payload = c->p;
	size_t have = cursor_left(c);
	out->payload_caplen = (uint32_t)(have < out->len ? have : out->len);
	out->truncated = out->payload_caplen < out->len || options_cut;
	return DECODE_TCP;
}
