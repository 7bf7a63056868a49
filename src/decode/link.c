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
#include "tcpview/util/nls.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif
#ifndef DLT_NFLOG
#define DLT_NFLOG 239
#endif
#ifndef DLT_PPI
#define DLT_PPI 192
#endif
#ifndef DLT_ERF
#define DLT_ERF 197
#endif
#ifndef DLT_IPNET
#define DLT_IPNET 226
#endif
#ifndef DLT_PKTAP
#define DLT_PKTAP 258
#endif

#define PPP_MPLS 0x0281		/* RFC 3032 §4.3 */
#define PPP_MPLS_MC 0x0283

/*
 * BSD loopback: a 4-byte address family.  DLT_NULL stores it in the byte
 * order of the machine that captured, DLT_LOOP in network order; since the
 * value is small, whichever half is non-zero tells the order (as tcpdump's
 * print-null.c does): host_order_family(), given the 4 bytes read
 * little-endian.  AF_INET6 differs between systems: 10 Linux,
 * 24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS.
 */
static uint32_t host_order_family(uint32_t le)
{
	if ((le & 0xffff) != 0)
		return le;
	return ((le >> 24) & 0xff) | ((le >> 8) & 0xff00);
}

static enum decode_result loopback(struct decode_ctx *d, struct cursor *c,
				   uint32_t wire_left)
{
	uint32_t family = host_order_family(cur_u32le(c));
	if (c->short_read)
		return decode_malformed(d, N_("loopback header cut short"));
	wire_left = decode_less(wire_left, 4);
	switch (family) {
	case 2:
		return decode_ip_in(d, c, 4, wire_left);
	case 10: case 24: case 28: case 30:
		return decode_ip_in(d, c, 6, wire_left);
	default:
		return DECODE_OTHER;
	}
}

/*
 * A cooked capture's protocol: an ethertype, or ETH_P_802_2 (4) for a
 * frame that carries LLC (Wireshark's packet-sll.c reads on to LLC).
 */
static enum decode_result sll_protocol(struct decode_ctx *d, struct cursor *c, uint16_t type,
				       uint32_t wire_left)
{
	if (type == 0x0004)
		return decode_llc_snap(d, c, wire_left);
	return decode_ethertype(d, c, type, wire_left);
}

/* Linux cooked capture v1: 16 bytes, protocol type last. */
static enum decode_result sll(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	cursor_skip(c, 14);
	uint16_t type = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, N_("LINUX_SLL header cut short"));
	return sll_protocol(d, c, type, decode_less(wire_left, 16));
}

/* Linux cooked capture v2: 20 bytes, protocol type first. */
static enum decode_result sll2(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint16_t type = cur_u16be(c);
	cursor_skip(c, 18);
	if (c->short_read)
		return decode_malformed(d, N_("LINUX_SLL2 header cut short"));
	return sll_protocol(d, c, type, decode_less(wire_left, 20));
}

/* A PPP protocol number (RFC 1661 §2) to what it carries. */
static enum decode_result ppp_proto(struct decode_ctx *d, struct cursor *c, uint16_t proto,
				    uint32_t wire_left)
{
	switch (proto) {
	case PPP_IP:
		return decode_ip_in(d, c, 4, wire_left);
	case PPP_IPV6:
		return decode_ip_in(d, c, 6, wire_left);
	case PPP_MPLS:
		return decode_ethertype(d, c, ETHERTYPE_MPLS, wire_left);
	case PPP_MPLS_MC:
		return decode_ethertype(d, c, ETHERTYPE_MPLS_MC, wire_left);
	default:
		return DECODE_OTHER;
	}
}

/*
 * Cisco HDLC (DLT_C_HDLC): address 0x0f or 0x8f, control 0, then an
 * ethertype (tcpdump's print-chdlc.c).
 */
static enum decode_result chdlc(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	cursor_skip(c, 2);
	uint16_t type = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, N_("Cisco HDLC header cut short"));
	return decode_ethertype(d, c, type, decode_less(wire_left, 4));
}

/*
 * PPP in HDLC-like framing (RFC 1662): the address 0xff and control 0x03
 * when present, then the protocol, one byte when compressed (odd first
 * byte, RFC 1661 §6.5).  Wireshark's ppp_hdlc reads PPTP's GRE payload
 * (RFC 2637 §4.1) the same way.
 */
enum decode_result decode_ppp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint32_t hlen = 0;
	struct cursor peek = *c;
	if (cur_u8(&peek) == 0xff) {
		cursor_skip(c, 2);
		hlen = 2;
	}
	uint16_t proto = cur_u8(c);
	hlen++;
	if (!(proto & 1)) {
		proto = (uint16_t)(proto << 8 | cur_u8(c));
		hlen++;
	}
	if (c->short_read)
		return decode_malformed(d, N_("PPP header cut short"));
	return ppp_proto(d, c, proto, decode_less(wire_left, hlen));
}

/* DLT_PPP and DLT_PPP_SERIAL: PPP, or on a serial link Cisco HDLC, told
 * by its address. */
static enum decode_result ppp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	struct cursor peek = *c;
	uint8_t first = cur_u8(&peek);
	if (peek.short_read)
		return decode_malformed(d, N_("PPP header cut short"));
	if (first == 0x0f || first == 0x8f)
		return chdlc(d, c, wire_left);
	return decode_ppp(d, c, wire_left);
}

/* PPPoE without Ethernet (DLT_PPP_ETHER): the session header, then PPP. */
static enum decode_result ppp_ether(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	cursor_skip(c, 6);
	uint16_t proto = cur_u16be(c);
	if (c->short_read)
		return decode_malformed(d, N_("PPPoE header cut short"));
	return ppp_proto(d, c, proto, decode_less(wire_left, 8));
}

/*
 * An IEEE 802.11 frame (IEEE 802.11-2020 §9.2.4): only data frames carry
 * IP.  The header is 24 bytes, 30 with the fourth address (To DS and From
 * DS both set), 2 more with QoS control (subtype bit 3), 4 more with HT
 * control (QoS and the +HTC/Order flag); then LLC/SNAP names the
 * ethertype (RFC 1042; 00-00-F8 for 802.1H bridge tunnels).  Protected
 * frames cannot be read and are named; A-MSDUs are not opened.
 * `fcs` says the frame ends with 4 bytes of FCS (radiotap flags).
 */
enum decode_result decode_ieee80211(struct decode_ctx *d, struct cursor *c, uint32_t wire_left,
				   bool fcs)
{
	if (fcs)
		wire_left = decode_less(wire_left, 4);
	const uint8_t *h = cur_take(c, 24);
	if (h == NULL)
		return decode_malformed(d, N_("802.11 header cut short"));
	uint8_t type = (h[0] >> 2) & 3, subtype = h[0] >> 4, flags = h[1];
	if (type != 2 || (subtype & 0x04))
		return DECODE_OTHER;	/* management, control, or data without a body */
	if (flags & 0x40)
		return decode_undecoded(d, "ieee802_11_protected");
	uint32_t hlen = 24;
	bool qos = (subtype & 0x08) != 0;
	if ((flags & 0x03) == 0x03)
		hlen += 6;
	if (qos)
		hlen += 2;
	if (qos && (flags & 0x80))
		hlen += 4;
	const uint8_t *rest = cur_take(c, hlen - 24);
	if (rest == NULL)
		return decode_malformed(d, N_("802.11 header cut short"));
	if (qos && (rest[(flags & 0x03) == 0x03 ? 6 : 0] & 0x80))
		return decode_undecoded(d, "ieee802_11_amsdu");
	return decode_llc_snap(d, c, decode_less(wire_left, hlen));
}

static enum decode_result ieee80211(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	return decode_ieee80211(d, c, wire_left, false);
}

/*
 * Radiotap (radiotap.org): version 0, pad, length (little-endian), then
 * `present` words (bit 31: another follows).  Only the Flags field is
 * read, for its FCS bit (0x10); it follows TSFT (8 bytes, 8-aligned) when
 * that is present.  The 802.11 frame starts after the whole header.
 */
static enum decode_result radiotap(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	struct cursor hc = *c;	/* the header, read field by field */
	cursor_skip(&hc, 2);
	uint32_t len = cur_u8(&hc) | (uint32_t)cur_u8(&hc) << 8;
	uint32_t present = cur_u32le(&hc), word = present;
	while (!hc.short_read && (word & 0x80000000u))
		word = cur_u32le(&hc);	/* extended bitmaps: only their count matters */
	if (hc.short_read || len < 8 || (size_t)(hc.p - c->p) > len)
		return decode_malformed(d, N_("radiotap header cut short"));
	bool fcs = false;
	if (present & 0x2) {
		if (present & 0x1) {	/* TSFT: 8 bytes, aligned to 8 */
			size_t at = (size_t)(hc.p - c->p);
			cursor_skip(&hc, ((at + 7) & ~(size_t)7) - at + 8);
		}
		uint8_t flags = cur_u8(&hc);
		fcs = !hc.short_read && (size_t)(hc.p - c->p) <= len && (flags & 0x10);
	}
	if (!cursor_skip(c, len))
		return decode_malformed(d, N_("radiotap header cut short"));
	return decode_ieee80211(d, c, decode_less(wire_left, len), fcs);
}

/*
 * PPI (Per-Packet Information, CACE): version, flags, header length and
 * the link type of what follows, little-endian; then that frame.
 */
static enum decode_result ppi(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 8);
	if (h == NULL)
		return decode_malformed(d, N_("PPI header cut short"));
	uint32_t len = h[2] | (uint32_t)h[3] << 8;
	uint32_t dlt = h[4] | (uint32_t)h[5] << 8 | (uint32_t)h[6] << 16 | (uint32_t)h[7] << 24;
	if (len < 8 || !cursor_skip(c, len - 8))
		return decode_malformed(d, N_("PPI header cut short"));
	if (dlt == DLT_PPI || !decode_enter(d))
		return decode_malformed(d, N_("PPI inside PPI"));
	return decode_link(d, (int)dlt, c, decode_less(wire_left, len));
}

/*
 * NFLOG (Linux netfilter log, libpcap's pcap-linktype): family, version,
 * resource id, then TLVs whose length and type are in the capturing
 * host's byte order (little-endian on the hosts that capture it; a length
 * that cannot be is read big-endian), each padded to 4 bytes; type 9
 * (NFULA_PAYLOAD) holds the packet, an IPv4 or IPv6 packet.
 */
static enum decode_result nflog(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint8_t family = cur_u8(c);
	cursor_skip(c, 3);
	if (c->short_read)
		return decode_malformed(d, N_("NFLOG header cut short"));
	wire_left = decode_less(wire_left, 4);
	for (int n = 0; cursor_left(c) >= 4 && n < 64; n++) {
		const uint8_t *t = cur_take(c, 4);
		uint32_t len = t[0] | (uint32_t)t[1] << 8, type = t[2] | (uint32_t)t[3] << 8;
		/*
		 * A TLV that fits in the captured bytes is read as it is.  One
		 * that runs past them may have been cut by the snap length: it
		 * is big-endian when it is longer than the bytes on the wire
		 * too, or when its type is (NFULA_* types fit in the low byte,
		 * the top two bits being flags).
		 */
		if (len < 4 || (len - 4 > cursor_left(c) &&
				(len > wire_left || (t[3] & 0x3f) != 0))) {
			len = span_be16(t, 0);
			type = span_be16(t, 2);
		}
		if (len < 4)
			return decode_malformed(d, N_("NFLOG TLV shorter than its header"));
		if ((type & 0x7fff) == 9) {
			uint32_t plen = len - 4;
			size_t have = cursor_left(c);
			struct cursor in = { c->p, c->p + (plen < have ? plen : have), false };
			return decode_ip_in(d, &in, family == 10 ? 6 : family == 2 ? 4 : 0,
					    plen < decode_less(wire_left, 4) ? plen : decode_less(wire_left, 4));
		}
		uint32_t padded = (len + 3) & ~3u;
		if (!cursor_skip(c, padded - 4))
			break;
		wire_left = decode_less(wire_left, padded);
	}
	return DECODE_OTHER;	/* no payload TLV */
}

/*
 * ARCNET after its addresses (tcpdump's print-arcnet.c): the type, and for
 * the RFC 1201 types a flag and a sequence id.  IP is type 212 (RFC 1201)
 * or 240 (RFC 1051), IPv6 0xc4.  `hlen`: the bytes before the type.
 */
static enum decode_result arcnet_type(struct decode_ctx *d, struct cursor *c, uint32_t hlen,
				      uint32_t wire_left)
{
	uint8_t type = cur_u8(c);
	if (c->short_read)
		return decode_malformed(d, N_("ARCNET header cut short"));
	hlen++;
	if (type != 240 && type != 241 && type != 0x80) {
		if (!cursor_skip(c, 3))
			return decode_malformed(d, N_("ARCNET header cut short"));
		hlen += 3;
	}
	wire_left = decode_less(wire_left, hlen);
	if (type == 212 || type == 240)
		return decode_ip_in(d, c, 4, wire_left);
	if (type == 0xc4)
		return decode_ip_in(d, c, 6, wire_left);
	return DECODE_OTHER;
}

/* BSD ARCNET (DLT_ARCNET): source and destination, then the type. */
static enum decode_result arcnet(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	cursor_skip(c, 2);
	return arcnet_type(d, c, 2, wire_left);
}

/* Linux ARCNET: source, destination and a 2-byte offset before the type. */
static enum decode_result arcnet_linux(struct decode_ctx *d, struct cursor *c,
				       uint32_t wire_left)
{
	cursor_skip(c, 4);
	return arcnet_type(d, c, 4, wire_left);
}

/* PPP with a direction byte first (DLT_PPP_WITH_DIR; tshark's
 * WTAP_ENCAP_PPP_WITH_PHDR): 0 received, 1 sent. */
static enum decode_result ppp_with_dir(struct decode_ctx *d, struct cursor *c,
				       uint32_t wire_left)
{
	if (!cursor_skip(c, 1))
		return decode_malformed(d, N_("PPP header cut short"));
	return decode_ppp(d, c, decode_less(wire_left, 1));
}

/*
 * Frame Relay (DLT_FRELAY; Q.922 address of 2 to 4 bytes, each but the
 * last with its EA bit clear), as Wireshark's packet-fr.c reads it by
 * default: with the UI control byte (0x03), RFC 2427's NLPID (after an
 * optional pad byte): IPv4 0xcc, IPv6 0x8e, or SNAP (0x80; decode_snap(),
 * bridged Ethernet without padding); without it, Cisco's encapsulation,
 * an ethertype, when it names IPv4 or IPv6.
 */
static enum decode_result frelay(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint32_t hlen = 0;
	for (;;) {
		uint8_t a = cur_u8(c);
		if (c->short_read || hlen == 4)
			return decode_malformed(d, N_("Frame Relay address cut short"));
		hlen++;
		if (a & 0x01)
			break;	/* EA: the last address byte */
	}
	struct cursor peek = *c;
	uint8_t control = cur_u8(&peek);
	uint16_t type = (uint16_t)(control << 8 | cur_u8(&peek));
	if (peek.short_read)
		return decode_malformed(d, N_("Frame Relay header cut short"));
	if (control != 0x03) {
		if (type != 0x0800 && type != 0x86dd)
			return DECODE_OTHER;
		cursor_skip(c, 2);
		return decode_ethertype(d, c, type, decode_less(wire_left, hlen + 2));
	}
	cursor_skip(c, 1);
	uint8_t nlpid = cur_u8(c);
	hlen += 2;
	if (nlpid == 0x00) {
		nlpid = cur_u8(c);
		hlen++;
	}
	if (c->short_read)
		return decode_malformed(d, N_("Frame Relay header cut short"));
	wire_left = decode_less(wire_left, hlen);
	if (nlpid == 0xcc)
		return decode_ip_in(d, c, 4, wire_left);
	if (nlpid == 0x8e)
		return decode_ip_in(d, c, 6, wire_left);
	if (nlpid != 0x80)
		return DECODE_OTHER;
	return decode_snap(d, c, 0, wire_left);
}

/* The IP packet of the version a link header named (0: none it carries). */
static enum decode_result ip_or_other(struct decode_ctx *d, struct cursor *c, unsigned version,
				      uint32_t wire_left)
{
	return version != 0 ? decode_ip_in(d, c, version, wire_left) : DECODE_OTHER;
}

/*
 * pf's log (DLT_PFLOG; OpenBSD's and FreeBSD's if_pflog.h, tcpdump's
 * print-pflog.c): the header's length in its first byte, padded to 4
 * bytes, and the address family in its second, in the numbering of the
 * BSD that logged: 2 for IPv4, 24 (OpenBSD, NetBSD), 28 (FreeBSD) or 30
 * (macOS) for IPv6, the values Wireshark's packet-pflog.c reads.  A
 * length below the 45 bytes of the oldest header is read as it is, as
 * Wireshark reads it (it flags it; tcpdump stops).
 */
static enum decode_result pflog(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint8_t len = cur_u8(c), af = cur_u8(c);
	uint32_t hlen = ((uint32_t)len + 3) & ~3u;
	if (c->short_read || hlen < 4 || !cursor_skip(c, hlen - 2))
		return decode_malformed(d, N_("pflog header cut short"));
	unsigned version = af == 2 ? 4 : af == 24 || af == 28 || af == 30 ? 6 : 0;
	return ip_or_other(d, c, version, decode_less(wire_left, hlen));
}

/*
 * OpenBSD's enc(4), the packets IPsec sends and receives in the clear
 * (DLT_ENC; tcpdump's print-enc.c): address family, SPI and flags, 4
 * bytes each; the family in the byte order of the host that captured,
 * told by which half is non-zero as for DLT_NULL (Wireshark reads either
 * order).  OpenBSD's AF_INET6 is 24.
 */
static enum decode_result enc(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint32_t af = host_order_family(cur_u32le(c));
	cursor_skip(c, 8);
	if (c->short_read)
		return decode_malformed(d, N_("enc header cut short"));
	unsigned version = af == 2 ? 4 : af == 24 ? 6 : 0;
	return ip_or_other(d, c, version, decode_less(wire_left, 12));
}

/*
 * Solaris ipnet (DLT_IPNET; tcpdump's print-ipnet.c): version, family,
 * hook type, packet length, interface and zone ids, 24 bytes; family 2
 * is IPv4, 26 (Solaris's AF_INET6) IPv6.
 */
static enum decode_result ipnet(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	cursor_skip(c, 1);
	uint8_t family = cur_u8(c);
	cursor_skip(c, 22);
	if (c->short_read)
		return decode_malformed(d, N_("ipnet header cut short"));
	unsigned version = family == 2 ? 4 : family == 26 ? 6 : 0;
	return ip_or_other(d, c, version, decode_less(wire_left, 24));
}

/*
 * Endace ERF records (DLT_ERF; the ERF Types Reference, Wireshark's
 * packet-erf.c): a 16-byte header (timestamp, type, flags, record and
 * wire lengths), then 8-byte extension headers while the type's top bit
 * and then each extension's top bit say another follows.  The Ethernet
 * types (2, and the coloured 11, 16, 20) put 2 bytes of offset and pad
 * before the frame; the PoS types (1, and 10, 15, 19) carry HDLC framing,
 * PPP or Cisco HDLC as its address tells (Wireshark's default guess);
 * 22 and 23 are IPv4 and IPv6.  ATM, multichannel and InfiniBand records
 * are not read.
 */
static enum decode_result erf_record(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 16);
	if (h == NULL)
		return decode_malformed(d, N_("ERF header cut short"));
	uint32_t hlen = 16;
	for (bool more = (h[8] & 0x80) != 0; more; hlen += 8) {
		const uint8_t *x = cur_take(c, 8);	/* moves on: bounded */
		if (x == NULL)
			return decode_malformed(d, N_("ERF header cut short"));
		more = (x[0] & 0x80) != 0;
	}
	wire_left = decode_less(wire_left, hlen);
	switch (h[8] & 0x7f) {
	case 2: case 11: case 16: case 20:
		if (!cursor_skip(c, 2))
			return decode_malformed(d, N_("ERF header cut short"));
		return decode_ether(d, c, decode_less(wire_left, 2));
	case 1: case 10: case 15: case 19:
		return ppp(d, c, wire_left);
	case 22:
		return decode_ip_in(d, c, 4, wire_left);
	case 23:
		return decode_ip_in(d, c, 6, wire_left);
	default:
		return DECODE_OTHER;
	}
}

/*
 * Apple's PKTAP (DLT_PKTAP; Wireshark's packet-pktap.c): a little-endian
 * header of at least 108 bytes, its length first, then the record type
 * (1: a packet) and the link type of the packet, with the process that
 * sent it; then that packet.
 */
static enum decode_result pktap(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint32_t len = cur_u32le(c), type = cur_u32le(c), dlt = cur_u32le(c);
	if (c->short_read || len < 108 || !cursor_skip(c, len - 12))
		return decode_malformed(d, N_("PKTAP header cut short"));
	if (type != 1)
		return DECODE_OTHER;
	if (dlt == DLT_PKTAP || dlt == DLT_USER2 || !decode_enter(d))
		return decode_malformed(d, N_("PKTAP inside PKTAP"));
	return decode_link(d, (int)dlt, c, decode_less(wire_left, len));
}

/*
 * The AVS capture header of wlan-ng (DLT_IEEE802_11_RADIO_AVS): a
 * big-endian magic 0x8021100x (the version in the low bits) and the
 * header's length, then the 802.11 frame (Wireshark's
 * packet-ieee80211-wlancap.c).
 */
static enum decode_result avs(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint32_t magic = cur_u32be(c), len = cur_u32be(c);
	if (c->short_read || (magic & 0xfffffff0u) != 0x80211000u || len < 8 ||
	    !cursor_skip(c, len - 8))
		return decode_malformed(d, N_("AVS header cut short"));
	return decode_ieee80211(d, c, decode_less(wire_left, len), false);
}

/*
 * The Prism monitor header (DLT_PRISM_HEADER; Wireshark's
 * packet-ieee80211-prism.c): an AVS header when it starts with AVS's
 * magic; else a message code and the header's length, big-endian when
 * the code reads 0x41 or 0x44 so, little-endian otherwise; then the
 * 802.11 frame.
 */
static enum decode_result prism(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	struct cursor h = *c;
	uint32_t code = cur_u32be(&h), len = cur_u32be(&h);
	if (h.short_read)
		return decode_malformed(d, N_("Prism header cut short"));
	if ((code & 0xfffffff0u) == 0x80211000u)
		return avs(d, c, wire_left);
	if (code != 0x41 && code != 0x44)
		len = __builtin_bswap32(len);
	if (len < 8 || !cursor_skip(c, len))
		return decode_malformed(d, N_("Prism header cut short"));
	return decode_ieee80211(d, c, decode_less(wire_left, len), false);
}

/*
 * FDDI (DLT_FDDI; tcpdump's print-fddi.c): frame control and two 6-byte
 * addresses; an asynchronous LLC frame (frame control 0x5X) then carries
 * LLC, the only FDDI frames Wireshark reads on to IP.
 */
static enum decode_result fddi(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint8_t fc = cur_u8(c);
	cursor_skip(c, 12);
	if (c->short_read)
		return decode_malformed(d, N_("FDDI header cut short"));
	if ((fc & 0xf0) != 0x50)
		return DECODE_OTHER;
	return decode_llc_snap(d, c, decode_less(wire_left, 13));
}

/*
 * Token Ring (DLT_IEEE802; IEEE 802.5, tcpdump's print-token.c): access
 * and frame control, two 6-byte addresses; a source address with its
 * top bit set is followed by routing information whose length is the low
 * 5 bits of its first byte.  Only LLC frames (frame control 01xxxxxx)
 * carry IP; MAC frames do not.
 */
static enum decode_result token_ring(struct decode_ctx *d, struct cursor *c,
				     uint32_t wire_left)
{
	const uint8_t *h = cur_take(c, 14);
	if (h == NULL)
		return decode_malformed(d, N_("Token Ring header cut short"));
	uint32_t hlen = 14;
	if (h[8] & 0x80) {
		struct cursor rif = *c;
		uint32_t rlen = cur_u8(&rif) & 0x1f;
		if (rif.short_read || !cursor_skip(c, rlen))
			return decode_malformed(d, N_("Token Ring header cut short"));
		hlen += rlen;
	}
	if ((h[1] & 0xc0) != 0x40)
		return DECODE_OTHER;
	return decode_llc_snap(d, c, decode_less(wire_left, hlen));
}

/* LLC-encapsulated ATM (DLT_ATM_RFC1483, RFC 2684 §5): LLC/SNAP at once. */
static enum decode_result atm_rfc1483(struct decode_ctx *d, struct cursor *c,
				      uint32_t wire_left)
{
	return decode_llc_snap(d, c, wire_left);
}

/*
 * SunATM (DLT_SUNATM; tcpdump's print-sunatm.c): flags whose low 4 bits
 * are the traffic type, VPI and VCI, 4 bytes; LAN emulation (type 1) then
 * has a 2-byte LEC id and an Ethernet frame, the other types are read as
 * LLC, as Wireshark reads them.
 */
static enum decode_result sunatm(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	uint8_t flags = cur_u8(c);
	cursor_skip(c, 3);
	if (c->short_read)
		return decode_malformed(d, N_("SunATM header cut short"));
	wire_left = decode_less(wire_left, 4);
	if ((flags & 0x0f) != 1)
		return decode_llc_snap(d, c, wire_left);
	if (!cursor_skip(c, 2))
		return decode_malformed(d, N_("LANE header cut short"));
	return decode_ether(d, c, decode_less(wire_left, 2));
}

static enum decode_result ether(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	return decode_ether(d, c, wire_left);
}

static enum decode_result raw(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	return decode_ip_in(d, c, 0, wire_left);
}

static enum decode_result raw4(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	return decode_ip_in(d, c, 4, wire_left);
}

static enum decode_result raw6(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	return decode_ip_in(d, c, 6, wire_left);
}

/*
 * What a Juniper header without a link-layer header names, in JUNOS's
 * numbering (Wireshark's packet-juniper.h): IP and IPv6 (also when the
 * label was popped: "MPLS_IP"), MPLS, PPP (the protocol field alone),
 * LLC, Ethernet, Cisco HDLC.
 */
static enum decode_result juniper_proto(struct decode_ctx *d, struct cursor *c, uint32_t proto,
					uint32_t wire_left)
{
	switch (proto) {
	case 2: case 3:
		return decode_ip_in(d, c, 4, wire_left);
	case 6: case 7:
		return decode_ip_in(d, c, 6, wire_left);
	case 4: case 5: case 8:
		return decode_ethertype(d, c, ETHERTYPE_MPLS, wire_left);
	case 200: {
		uint16_t type = cur_u16be(c);
		if (c->short_read)
			return decode_malformed(d, N_("PPP header cut short"));
		return ppp_proto(d, c, type, decode_less(wire_left, 2));
	}
	case 202: case 203:
		return decode_llc_snap(d, c, wire_left);
	case 204:
		return decode_ether(d, c, wire_left);
	case 208:
		return chdlc(d, c, wire_left);
	default:
		return DECODE_OTHER;
	}
}

/* GGSN's link header: a protocol byte (2 IPv4, 6 IPv6) and 3 more. */
static enum decode_result juniper_ggsn_l2(struct decode_ctx *d, struct cursor *c,
					  uint32_t wire_left)
{
	uint8_t proto = cur_u8(c);
	cursor_skip(c, 3);
	if (c->short_read)
		return decode_malformed(d, N_("Juniper header cut short"));
	unsigned version = proto == 2 ? 4 : proto == 6 ? 6 : 0;
	return ip_or_other(d, c, version, decode_less(wire_left, 4));
}

/*
 * The Juniper capture header (tcpdump's print-juniper.c, Wireshark's
 * packet-juniper.c): "MGC", a flags byte, and when its bit 0x80 says so
 * a 2-byte big-endian length of extension TLVs, skipped.  Bit 0x02 says
 * the link-layer header was stripped: a 4-byte little-endian protocol
 * then names the packet (juniper_proto).  Otherwise the link type's own
 * header follows, read by `l2`; NULL for the link types whose per-card
 * cookies (ATM, multilink PPP and Frame Relay, services) tshark reads by
 * heuristics, which tcpview does not guess at.
 */
static enum decode_result juniper(struct decode_ctx *d, struct cursor *c, uint32_t wire_left,
				  enum decode_result (*l2)(struct decode_ctx *, struct cursor *,
							   uint32_t))
{
	const uint8_t *h = cur_take(c, 4);
	if (h == NULL)
		return decode_malformed(d, N_("Juniper header cut short"));
	if (h[0] != 'M' || h[1] != 'G' || h[2] != 'C')
		return decode_malformed(d, N_("Juniper header without its magic number"));
	uint32_t hlen = 4;
	if (h[3] & 0x80) {
		uint16_t ext = cur_u16be(c);
		if (c->short_read || !cursor_skip(c, ext))
			return decode_malformed(d, N_("Juniper header cut short"));
		hlen += 2u + ext;
	}
	wire_left = decode_less(wire_left, hlen);
	if (h[3] & 0x02) {
		uint32_t proto = cur_u32le(c);
		if (c->short_read)
			return decode_malformed(d, N_("Juniper header cut short"));
		return juniper_proto(d, c, proto, decode_less(wire_left, 4));
	}
	return l2 != NULL ? l2(d, c, wire_left) : DECODE_OTHER;
}

static enum decode_result juniper_ether(struct decode_ctx *d, struct cursor *c,
					uint32_t wire_left)
{
	return juniper(d, c, wire_left, ether);	/* PPPoE too: its Ethernet frame */
}

static enum decode_result juniper_ppp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left)
{
	return juniper(d, c, wire_left, ppp);
}

static enum decode_result juniper_chdlc(struct decode_ctx *d, struct cursor *c,
					uint32_t wire_left)
{
	return juniper(d, c, wire_left, chdlc);
}

static enum decode_result juniper_ggsn(struct decode_ctx *d, struct cursor *c,
				       uint32_t wire_left)
{
	return juniper(d, c, wire_left, juniper_ggsn_l2);
}

static enum decode_result juniper_no_l2(struct decode_ctx *d, struct cursor *c,
					uint32_t wire_left)
{
	return juniper(d, c, wire_left, NULL);
}

/* The one table of the link types tcpview reads (SPEC §8). */
static const struct {
	int dlt;
	enum decode_result (*decode)(struct decode_ctx *d, struct cursor *c, uint32_t wire_left);
} link_types[] = {
	{ DLT_EN10MB, ether },
	{ DLT_NULL, loopback },
	{ DLT_LOOP, loopback },
	{ DLT_LINUX_SLL, sll },
	{ DLT_LINUX_SLL2, sll2 },
	{ DLT_RAW, raw },
	{ DLT_IPV4, raw4 },
	{ DLT_IPV6, raw6 },
	{ DLT_PPP, ppp },
	{ DLT_PPP_SERIAL, ppp },
	{ DLT_PPP_ETHER, ppp_ether },
	{ DLT_C_HDLC, chdlc },
	{ DLT_PPI, ppi },
	{ DLT_IEEE802_11, ieee80211 },
	{ DLT_IEEE802_11_RADIO, radiotap },
	{ DLT_NFLOG, nflog },
	{ DLT_ARCNET_LINUX, arcnet_linux },
	{ DLT_ARCNET, arcnet },
	{ DLT_ATM_CLIP, raw4 },	/* Linux's classical IP over ATM: IPv4 alone */
	{ DLT_PPP_WITH_DIR, ppp_with_dir },
	{ DLT_FRELAY, frelay },
	{ DLT_PFLOG, pflog },
	{ DLT_ENC, enc },
	{ DLT_IPNET, ipnet },
	{ DLT_ERF, erf_record },
	{ DLT_PKTAP, pktap },
	/* macOS's own number for PKTAP, which its pcap files keep (libpcap
	 * maps it to 258 only when it writes); tshark reads it as PKTAP. */
	{ DLT_USER2, pktap },
	{ DLT_IEEE802_11_RADIO_AVS, avs },
	{ DLT_PRISM_HEADER, prism },
	{ DLT_FDDI, fddi },
	{ DLT_IEEE802, token_ring },
	{ DLT_ATM_RFC1483, atm_rfc1483 },
	{ DLT_SUNATM, sunatm },
	{ DLT_JUNIPER_ETHER, juniper_ether },
	{ DLT_JUNIPER_PPPOE, juniper_ether },
	{ DLT_JUNIPER_PPP, juniper_ppp },
	{ DLT_JUNIPER_CHDLC, juniper_chdlc },
	{ DLT_JUNIPER_GGSN, juniper_ggsn },
	{ DLT_JUNIPER_MLPPP, juniper_no_l2 },
	{ DLT_JUNIPER_MLFR, juniper_no_l2 },
	{ DLT_JUNIPER_ATM1, juniper_no_l2 },
	{ DLT_JUNIPER_ATM2, juniper_no_l2 },
	{ DLT_JUNIPER_SERVICES, juniper_no_l2 },
	{ DLT_JUNIPER_FRELAY, juniper_no_l2 },
};

bool decode_link_supported(int dlt)
{
	for (size_t i = 0; i < sizeof(link_types) / sizeof(link_types[0]); i++)
		if (link_types[i].dlt == dlt)
			return true;
	return false;
}

enum decode_result decode_link(struct decode_ctx *d, int dlt, struct cursor *c, uint32_t wire_left)
{
	for (size_t i = 0; i < sizeof(link_types) / sizeof(link_types[0]); i++)
		if (link_types[i].dlt == dlt)
			return link_types[i].decode(d, c, wire_left);
	return decode_malformed(d, N_("unsupported link type"));
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
	out->icmp.version = 0;
	return decode_link(&d, dlt, &c, wire_len);
}
