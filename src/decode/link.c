/*
 * link.c - link-layer headers: find where the IP packet starts.
 *
 * First step of the decode chain (link → ether.c → ip.c → tunnel.c →
 * tcp.c).  Each link type is handled the way tcpdump's print-*.c files do:
 * the link header names the network protocol, and anything that does not
 * lead to IP is DECODE_OTHER, never guessed at.
 */
#include "config.h"

#include <pcap/pcap.h>

#include "decode_int.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif

bool decode_link_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
		return true;
	default:
		return false;
	}
}

/*
 * BSD loopback: a 4-byte address family.  DLT_NULL stores it in the byte
 * order of the machine that captured, DLT_LOOP in network order; since the
 * value is small, whichever half is non-zero tells the order (as tcpdump's
 * print-null.c does).  AF_INET6 differs between systems: 10 Linux,
 * 24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS.
 */
static enum decode_result loopback(struct decode_ctx *d, struct cursor *c,
				   uint32_t wire_left)
{
	uint32_t family = cur_u32le(c);
	if (c->short_read)
		return decode_malformed(d, "loopback header cut short");
	wire_left = wire_left > 4 ? wire_left - 4 : 0;
	if ((family & 0xffff) == 0)
		family = ((family >> 24) & 0xff) | ((family >> 8) & 0xff00);
	switch (family) {
	case 2:
		return decode_ip_in(d, c, 4, wire_left);
	case 10: case 24: case 28: case 30:
		return decode_ip_in(d, c, 6, wire_left);
	default:
		return DECODE_OTHER;
	}
}

/* Linux cooked capture v1: 16 bytes, protocol type last. */
static enum decode_result sll(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	cursor_skip(c, 14);
	uint16_t type = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, "LINUX_SLL header cut short");
	return decode_ethertype(d, c, type, wire_left > 16 ? wire_left - 16 : 0);
}

/* Linux cooked capture v2: 20 bytes, protocol type first. */
static enum decode_result sll2(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint16_t type = cur_u16be(c);
	cursor_skip(c, 18);
	if (c->short_read)
		return decode_malformed(d, "LINUX_SLL2 header cut short");
	return decode_ethertype(d, c, type, wire_left > 20 ? wire_left - 20 : 0);
}

enum decode_result decode_frame(int dlt, const uint8_t *data, uint32_t caplen,
				uint32_t wire_len, struct tv_packet *out,
				const char **why)
{
	struct tv_time none = { 0, 0 };
	return decode_frame_defrag(dlt, data, caplen, wire_len, NULL, none, out, why);
}

enum decode_result decode_frame_defrag(int dlt, const uint8_t *data, uint32_t caplen,
				       uint32_t wire_len, struct defrag *df,
				       struct tv_time now, struct tv_packet *out,
				       const char **why)
{
	struct cursor c = cursor_make(data, caplen);
	struct decode_ctx d = { out, why, 0, df, now };
	out->wire_len = wire_len;
	out->tunnel_id = 0;
	out->undecoded = NULL;
	switch (dlt) {
	case DLT_EN10MB:
		return decode_ether(&d, &c, wire_len);
	case DLT_NULL:
	case DLT_LOOP:
		return loopback(&d, &c, wire_len);
	case DLT_LINUX_SLL:
		return sll(&d, &c, wire_len);
	case DLT_LINUX_SLL2:
		return sll2(&d, &c, wire_len);
	case DLT_RAW:
		return decode_ip_in(&d, &c, 0, wire_len);
	case DLT_IPV4:
		return decode_ip_in(&d, &c, 4, wire_len);
	case DLT_IPV6:
		return decode_ip_in(&d, &c, 6, wire_len);
	default:
		return decode_malformed(&d, "unsupported link type");
	}
}
