/*
 * decode_int.h - the steps of the decode chain (private to src/decode).
 *
 * A frame is opened layer by layer: link header (link.c), Ethernet and
 * the ethertypes that wrap IP (ether.c: VLAN, MPLS, PPPoE, Cisco MetaData,
 * LLC/SNAP), IP (ip.c), tunnels carried by IP (tunnel.c: GRE with ERSPAN,
 * VXLAN, Geneve, GTP-U; IP-in-IP in ip.c), and TCP (tcp.c).  Each step
 * reads through the cursor, knows how many bytes its layer had on the wire
 * (`wire_left`: from the cursor's position to the end of the layer, which
 * may be more than was captured), and hands the rest to the next step.
 * Every encapsulation opened counts against DECODE_MAX_DEPTH, so a hostile
 * frame that nests tunnels in tunnels ends as malformed, never deep.
 */
#ifndef TCPVIEW_DECODE_INT_H
#define TCPVIEW_DECODE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/decode/decode.h"

/* Encapsulations opened in one frame before it is called malformed. */
#define DECODE_MAX_DEPTH 16

struct defrag;

struct decode_ctx {
	struct tv_packet *out;
	const char **why;
	int depth;
	struct defrag *df;	/* fragment reassembly, or NULL */
	struct tv_time now;	/* the frame's capture time, for the reassembly */
};

/* Opens one more layer: false (and `why` set) past the depth cap. */
static inline bool decode_enter(struct decode_ctx *d)
{
	if (++d->depth > DECODE_MAX_DEPTH) {
		*d->why = "encapsulations nested deeper than 16";
		return false;
	}
	return true;
}

/* Numbers more than one step of the chain names (IANA, RFC 1661). */
#define ETHERTYPE_MPLS 0x8847
#define ETHERTYPE_MPLS_MC 0x8848
#define PPP_IP 0x0021		/* RFC 1332 */
#define PPP_IPV6 0x0057		/* RFC 5072 */

/* The bytes a layer had on the wire after `n` more of its header. */
static inline uint32_t decode_less(uint32_t wire_left, uint32_t n)
{
	return wire_left > n ? wire_left - n : 0;
}

static inline enum decode_result decode_malformed(struct decode_ctx *d, const char *why)
{
	*d->why = why;
	return DECODE_MALFORMED;
}

/*
 * An encapsulation tcpview cannot open: not TCP as far as the analysis
 * goes, but named (`kind`, a stable snake_case name) so that the run can
 * count what it did not analyse (SPEC §2: never silently dropped).
 */
static inline enum decode_result decode_undecoded(struct decode_ctx *d, const char *kind)
{
	d->out->undecoded = kind;
	return DECODE_OTHER;
}

/*
 * Adds a tunnel identifier to the packet's tunnel identity, which the flow
 * key carries so that two tunnels with the same inner addresses stay apart
 * (SPEC §8).  Only identifiers that are the same in both directions of a
 * connection can do this: the VXLAN and Geneve VNI.  A GTP TEID differs
 * between uplink and downlink, and VLAN ids and GRE keys often differ
 * between the two directions of one capture (a trunk, a mirror), where
 * they would cut every connection in two; tshark 4.0 keeps none of them
 * in tcp.stream either.
 */
static inline void decode_tunnel_mix(struct tv_packet *out, uint8_t kind, uint32_t value)
{
	uint64_t v = ((uint64_t)kind << 32) | value;
	out->tunnel_id = (out->tunnel_id ^ v) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
}

/* Tunnel identity kinds. */
enum { TUN_VXLAN = 1, TUN_GENEVE };

enum decode_result decode_ether(struct decode_ctx *d, struct cursor *c, uint32_t wire_left);
enum decode_result decode_llc_snap(struct decode_ctx *d, struct cursor *c, uint32_t wire_left);
enum decode_result decode_snap(struct decode_ctx *d, struct cursor *c, uint32_t bridged_pad,
			       uint32_t wire_left);
enum decode_result decode_ethertype(struct decode_ctx *d, struct cursor *c, uint16_t type,
				    uint32_t wire_left);
enum decode_result decode_ip_in(struct decode_ctx *d, struct cursor *c, unsigned version,
				uint32_t wire_left);
enum decode_result decode_ppp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left);
enum decode_result decode_ieee80211(struct decode_ctx *d, struct cursor *c, uint32_t wire_left,
				   bool fcs);
/* A frame of link type `dlt` (the table of link.c). */
enum decode_result decode_link(struct decode_ctx *d, int dlt, struct cursor *c, uint32_t wire_left);
enum decode_result decode_nsh(struct decode_ctx *d, struct cursor *c, uint32_t wire_left);
enum decode_result decode_next_protocol(struct decode_ctx *d, struct cursor *c, uint8_t next,
					uint32_t wire_left);
/* The payload of an IP packet, `payload` bytes on the wire, by its
 * protocol number (IANA's), as ip.c reads it after the IP header. */
enum decode_result decode_ip_proto(struct decode_ctx *d, struct cursor *c, uint8_t proto,
				   uint32_t payload);
enum decode_result decode_gre(struct decode_ctx *d, struct cursor *c, uint32_t wire_left);
enum decode_result decode_udp(struct decode_ctx *d, struct cursor *c, uint32_t wire_left);
enum decode_result decode_icmp(struct decode_ctx *d, struct cursor *c, unsigned version);

#endif
