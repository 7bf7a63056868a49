/*
 * icmp.c - ICMP and ICMPv6 errors that quote a TCP segment.
 *
 * A router or host that drops a segment may say why: destination or port
 * unreachable, administratively prohibited, fragmentation needed with the
 * MTU to use, time exceeded (RFC 792, RFC 1191; RFC 4443 for ICMPv6, with
 * packet too big).  The error quotes the dropped packet's IP header and at
 * least the first 8 bytes of its TCP header: ports and sequence number,
 * enough to find the connection (SPEC §8).  The quoted header is read
 * through the cursor like any other, with the sender of the error kept
 * apart.  Other ICMP messages, and errors about anything but TCP, are not
 * TCP.
 */
#include "config.h"

#include <string.h>

#include "decode_int.h"

/* Whether this type is an error that quotes the offending packet. */
static bool is_error(unsigned version, uint8_t type)
{
	if (version == 4)
		return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
	return type >= 1 && type <= 4;
}

enum decode_result decode_icmp(struct decode_ctx *d, struct cursor *c, unsigned version)
{
	struct tv_packet *out = d->out;
	const uint8_t *h = cur_take(c, 8);	/* type, code, checksum, 4 more */
	if (h == NULL || !is_error(version, h[0]))
		return DECODE_OTHER;
	struct tv_icmp icmp = { .version = (uint8_t)version, .type = h[0], .code = h[1],
				.from = out->src };
	/* Fragmentation needed (RFC 1191 §4): the MTU in the low 16 bits;
	 * packet too big (RFC 4443 §3.2): all 32. */
	if (version == 4 && h[0] == 3 && h[1] == 4)
		icmp.mtu = span_be16(h, 6);
	else if (version == 6 && h[0] == 2)
		icmp.mtu = span_be32(h, 4);

	/* The quoted packet: its IP header, then at least 8 bytes of TCP. */
	struct cursor peek = *c;
	uint8_t vhl = cur_u8(&peek);
	if (peek.short_read || (vhl >> 4) != version)
		return DECODE_OTHER;
	uint8_t proto;
	if (version == 4) {
		const uint8_t *ip = cur_take(c, 20);
		if (ip == NULL)
			return DECODE_OTHER;
		proto = ip[9];
		memcpy(out->src.bytes, ip + 12, 4);
		memcpy(out->dst.bytes, ip + 16, 4);
		/* Options skipped; a quoted later fragment holds no TCP header. */
		if ((vhl & 0x0f) < 5 || !cursor_skip(c, (uint32_t)(vhl & 0x0f) * 4 - 20) ||
		    (span_be16(ip, 6) & 0x1fff) != 0)
			return DECODE_OTHER;
	} else {
		const uint8_t *ip = cur_take(c, 40);
		if (ip == NULL)
			return DECODE_OTHER;
		proto = ip[6];	/* extension headers in a quote are not walked */
		memcpy(out->src.bytes, ip + 8, 16);
		memcpy(out->dst.bytes, ip + 24, 16);
	}
	out->src.family = out->dst.family = (uint8_t)version;
	icmp.from_target = icmp.from.family == out->dst.family &&
			   tv_addr_bytes_eq(icmp.from.bytes, out->dst.bytes, version);
	const uint8_t *tcp = cur_take(c, 8);
	if (proto != 6 || tcp == NULL)
		return DECODE_OTHER;
	out->sport = span_be16(tcp, 0);
	out->dport = span_be16(tcp, 2);
	out->seq = span_be32(tcp, 4);
	/* Ack, offset and flags only when the quote goes on that far. */
	const uint8_t *more = cur_take(c, 6);
	out->ack = more != NULL ? span_be32(more, 0) : 0;
	out->flags = more != NULL ? (uint16_t)(span_be16(more, 4) & 0x1ff) : 0;
	out->len = 0;
	out->win = 0;
	out->urp = 0;
	out->truncated = false;
	memset(&out->opt, 0, sizeof(out->opt));
	out->payload = NULL;
	out->payload_caplen = 0;
	out->hdr_len = 0;
	out->icmp = icmp;
	return DECODE_ICMP;
}
