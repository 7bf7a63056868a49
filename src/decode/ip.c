/*
 * ip.c - IPv4 and IPv6 headers, down to the TCP header.
 *
 * It finds the TCP header and, above all, how many payload bytes the
 * segment carried on the wire: that comes from the IP length fields, not
 * from the captured length, so that a capture cut by the snap length is
 * still analysed correctly (SPEC §2).  IP that carries IP (4in4, 6in4,
 * 4in6, 6in6), GRE or a UDP tunnel is opened to what it carries.
 */
#include "config.h"

#include <string.h>

#include "decode_int.h"
#include "tcpview/decode/defrag.h"
#include "tcpview/util/nls.h"

/* IP protocol numbers tcpview opens (IANA). */
enum {
	PROTO_IPIP = 4,		/* IPv4 in IP (RFC 2003) */
	PROTO_TCP = 6,
	PROTO_UDP = 17,
	PROTO_IPV6 = 41,	/* IPv6 in IP (RFC 4213: 6in4, 6in6) */
	PROTO_GRE = 47,
	PROTO_AH = 51,		/* RFC 4302 */
	PROTO_ICMP = 1,
	PROTO_ICMPV6 = 58,
};

/* IPv6 extension headers that may stand between the fixed header and TCP. */
enum {
	IP6_HOPOPTS = 0,
	IP6_ROUTING = 43,
	IP6_FRAGMENT = 44,
	IP6_AH = 51,
	IP6_NONE = 59,
	IP6_DSTOPTS = 60,
	IP6_MOBILITY = 135,
	IP6_HIP = 139,
	IP6_SHIM6 = 140,
};

/* Extension headers walked before giving up (bounds a hostile chain). */
#define MAX_IP6_EXT_HEADERS 16

/*
 * The payload of an IP packet, `payload` bytes on the wire, by protocol.
 * Tunnels see only their own bytes: a cursor limited to the payload (the
 * captured part of it), so Ethernet padding after the packet is never read
 * as theirs.
 */
enum decode_result decode_ip_proto(struct decode_ctx *d, struct cursor *c, uint8_t proto,
				   uint32_t payload)
{
	if (proto == PROTO_TCP)
		return decode_tcp(c, payload, d->out, d->why);
	size_t have = cursor_left(c);
	struct cursor in = { c->p, c->p + (payload < have ? payload : have), false };
	switch (proto) {
	case PROTO_IPIP:
	case PROTO_IPV6:
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		return decode_ip_in(d, &in, proto == PROTO_IPIP ? 4 : 6, payload);
	case PROTO_GRE:
		return decode_gre(d, &in, payload);
	case PROTO_AH: {
		/* IPv4's authentication header (RFC 4302 §2): next header,
		 * length in 4-byte words minus 2, then what it
		 * authenticates.  IPv6 walks it with its extension headers. */
		if (!decode_enter(d))
			return DECODE_MALFORMED;
		uint8_t next = cur_u8(&in);
		uint32_t len = ((uint32_t)cur_u8(&in) + 2) * 4;
		if (in.short_read || !cursor_skip(&in, len - 2))
			return decode_malformed(d, N_("IPsec AH header cut short"));
		return decode_ip_proto(d, &in, next, decode_less(payload, len));
	}
	case PROTO_UDP:
		return decode_udp(d, &in, payload);
	case PROTO_ICMP:
	case PROTO_ICMPV6:
		return decode_icmp(d, &in, proto == PROTO_ICMP ? 4 : 6);
	default:
		return DECODE_OTHER;
	}
}

/*
 * A fragment (RFC 791 §3.2, RFC 8200 §4.5) goes to the reassembly; the one
 * that completes its datagram carries the whole payload on, as Wireshark
 * shows the reassembled segment in the frame that completed it.  Until
 * then the frame is not TCP.
 */
static enum decode_result reassembled(struct decode_ctx *d, struct cursor *c,
				      struct defrag_frag *f, uint32_t payload)
{
	size_t have = cursor_left(c);
	f->data = c->p;
	f->len = payload;
	f->caplen = (uint32_t)(payload < have ? payload : have);
	uint32_t len = 0;
	const uint8_t *whole = defrag_add(d->df, f, d->now, &len);
	if (whole == NULL)
		return DECODE_OTHER;
	*c = cursor_make(whole, len);
	return f->version == 4 ? decode_ip_proto(d, c, f->proto, len) : DECODE_TCP;
}

/*
 * RFC 791.  Options are skipped.  Fragments are reassembled when the run
 * keeps a reassembly table; without one, a fragment other than the first
 * carries no TCP header and is DECODE_OTHER, and a first fragment is
 * decoded when its TCP header is there (SPEC §2).  A total length of 0 is what TCP segmentation
 * offload writes before the NIC splits the segment: the wire length then
 * counts.
 */
static enum decode_result ipv4(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	struct tv_packet *out = d->out;
	const char **why = d->why;
	/* version/IHL, DSCP/ECN, total length, identification, flags and
	 * fragment offset, TTL, protocol, checksum, source, destination */
	const uint8_t *h = cur_take(c, 20);
	if (h == NULL) {
		*why = N_("IPv4 header cut short");
		return DECODE_MALFORMED;
	}
	uint8_t vhl = h[0];
	uint16_t total = span_be16(h, 2);
	uint16_t frag = span_be16(h, 6);
	uint8_t proto = h[9];
	out->src.family = out->dst.family = 4;
	memcpy(out->src.bytes, h + 12, 4);
	memcpy(out->dst.bytes, h + 16, 4);
	if ((vhl >> 4) != 4) {
		*why = N_("IPv4 header with a version other than 4");
		return DECODE_MALFORMED;
	}
	uint32_t hlen = (uint32_t)(vhl & 0x0f) * 4;
	if (hlen < 20) {
		*why = N_("IPv4 header length below 20 bytes");
		return DECODE_MALFORMED;
	}
	if (!cursor_skip(c, hlen - 20)) {
		*why = N_("IPv4 options cut short");
		return DECODE_MALFORMED;
	}
	if (total == 0)
		total = (uint16_t)(wire_left > 0xffff ? 0xffff : wire_left);
	if (total < hlen) {
		*why = N_("IPv4 total length shorter than its header");
		return DECODE_MALFORMED;
	}
	bool fragment = (frag & 0x3fff) != 0;	/* MF set or an offset */
	if (fragment && d->df == NULL && (frag & 0x1fff) != 0)
		return DECODE_OTHER;	/* not the first fragment, not reassembled */
	/*
	 * Ethernet padding makes the wire longer than `total`; a total longer
	 * than the wire is bogus, and the wire wins.
	 */
	uint32_t payload = total - hlen;
	uint32_t on_wire = decode_less(wire_left, hlen);
	if (payload > on_wire)
		payload = on_wire;
	if (fragment && d->df != NULL) {
		struct defrag_frag f = { .version = 4, .src = out->src, .dst = out->dst,
					 .id = span_be16(h, 4), .proto = proto,
					 .offset = (uint32_t)(frag & 0x1fff) * 8,
					 .more = (frag & 0x2000) != 0 };
		return reassembled(d, c, &f, payload);
	}
	return decode_ip_proto(d, c, proto, payload);
}

/* RFC 8200, with its extension headers walked (§4) and jumbograms (RFC 2675). */
static enum decode_result ipv6(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	struct tv_packet *out = d->out;
	const char **why = d->why;
	uint32_t vtf = cur_u32be(c);
	uint32_t plen = cur_u16be(c);
	uint8_t next = cur_u8(c);
	cursor_skip(c, 1);	/* hop limit */
	out->src.family = out->dst.family = 6;
	cur_copy(c, out->src.bytes, 16);
	cur_copy(c, out->dst.bytes, 16);
	if (c->short_read) {
		*why = N_("IPv6 header cut short");
		return DECODE_MALFORMED;
	}
	if ((vtf >> 28) != 6) {
		*why = N_("IPv6 header with a version other than 6");
		return DECODE_MALFORMED;
	}
	if (plen == 0)		/* jumbogram: the Hop-by-Hop option holds it */
		plen = decode_less(wire_left, 40);

	for (int i = 0; next != PROTO_TCP && next != PROTO_UDP && next != PROTO_GRE &&
			next != PROTO_IPIP && next != PROTO_IPV6 && next != PROTO_ICMPV6; i++) {
		const uint8_t *ext = c->p;
		uint32_t ext_len;
		if (i == MAX_IP6_EXT_HEADERS) {
			*why = N_("IPv6 extension header chain longer than 16 headers");
			return DECODE_MALFORMED;
		}
		switch (next) {
		case IP6_HOPOPTS:
		case IP6_ROUTING:
		case IP6_DSTOPTS:
		case IP6_MOBILITY:
		case IP6_HIP:
		case IP6_SHIM6:
			next = cur_u8(c);
			ext_len = ((uint32_t)cur_u8(c) + 1) * 8;
			break;
		case IP6_AH:
			next = cur_u8(c);
			ext_len = ((uint32_t)cur_u8(c) + 2) * 4;
			break;
		case IP6_FRAGMENT: {
			next = cur_u8(c);
			cursor_skip(c, 1);
			uint16_t off = cur_u16be(c);
			uint32_t id = cur_u32be(c);
			ext_len = 8;
			if (c->short_read || plen < 8)
				break;	/* told below */
			bool atomic = (off & 0xfff9) == 0;	/* RFC 6946: offset 0, M 0 */
			if (!atomic && d->df != NULL) {
				/* The fragmentable part follows this header. */
				struct defrag_frag f = { .version = 6, .src = out->src,
							 .dst = out->dst, .id = id,
							 .proto = next, .offset = off & 0xfff8u,
							 .more = (off & 1) != 0 };
				if (reassembled(d, c, &f, plen - 8) == DECODE_OTHER)
					return DECODE_OTHER;
				plen = (uint32_t)cursor_left(c);
				continue;	/* the chain goes on in the whole datagram */
			}
			if ((off & 0xfff8) != 0)
				return DECODE_OTHER;	/* not the first fragment */
			break;
		}
		default:
			return DECODE_OTHER;	/* ESP, no next header, another protocol */
		}
		if (!cursor_skip(c, ext_len - (uint32_t)(c->p - ext))) {
			*why = N_("IPv6 extension header cut short");
			return DECODE_MALFORMED;
		}
		if (ext_len > plen) {
			*why = N_("IPv6 extension headers longer than the payload length");
			return DECODE_MALFORMED;
		}
		plen -= ext_len;
	}
	return decode_ip_proto(d, c, next, plen);
}

enum decode_result decode_ip_in(struct decode_ctx *d, struct cursor *c, unsigned version,
				uint32_t wire_left)
{
	if (version == 0) {
		struct cursor peek = *c;
		version = cur_u8(&peek) >> 4;
		if (peek.short_read)
			return decode_malformed(d, N_("IP header missing"));
	}
	if (version == 4)
		return ipv4(d, c, wire_left);
	if (version == 6)
		return ipv6(d, c, wire_left);
	return DECODE_OTHER;
}

enum decode_result decode_ip(struct cursor *c, unsigned version_hint,
			     uint32_t wire_left, struct tv_packet *out,
			     const char **why)
{
	struct decode_ctx d = { out, why, 0, NULL, { 0, 0 } };
	return decode_ip_in(&d, c, version_hint, wire_left);
}
