/*
 * decode.h - from a captured frame to a struct tv_packet.
 *
 * decode_frame() walks link layer → IP → TCP for one frame.  It never fails
 * the run: a frame that is not TCP is DECODE_OTHER, one whose headers are
 * invalid or cut short is DECODE_MALFORMED with a static reason string.
 * The link decoders live in src/decode/link.c, IPv4/IPv6 in ip.c and
 * TCP with its options in tcp.c.
 */
#ifndef TCPVIEW_DECODE_H
#define TCPVIEW_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "tcpview/util/cursor.h"
#include "tcpview/decode/packet.h"

enum decode_result {
	DECODE_TCP,
	DECODE_OTHER,		/* valid, but not a TCP segment we analyse */
	DECODE_MALFORMED,	/* invalid or cut-short headers: see `why` */
	/* An ICMP or ICMPv6 error quoting a TCP header: `out` holds the quoted
	 * segment's addresses, ports and sequence number, and `out->icmp`
	 * the error (SPEC §8). */
	DECODE_ICMP,
	/* A UDP datagram: `out` holds its addresses, ports and payload (the
	 * TCP fields are unset), for the application layer's DNS (SPEC §9). */
	DECODE_UDP,
};

/* Link types understood by decode_link(), as libpcap DLT_* values. */
bool decode_link_supported(int dlt);

/*
 * Decodes one frame of link type `dlt`.  `data`/`caplen` are the captured
 * bytes, `wire_len` the original length.  On DECODE_TCP `out` is filled
 * (except frame and ts, which the caller sets); on DECODE_MALFORMED `*why`
 * says what is wrong.
 */
enum decode_result decode_frame(int dlt, const uint8_t *data, uint32_t caplen,
				uint32_t wire_len, struct tv_packet *out,
				const char **why);

/*
 * The same, with IP fragments reassembled in `df` (defrag.h) at capture
 * time `now`: a fragment that does not complete its datagram is
 * DECODE_OTHER, the one that does gives the whole segment.
 */
struct defrag;
enum decode_result decode_frame_defrag(int dlt, const uint8_t *data, uint32_t caplen,
				       uint32_t wire_len, struct defrag *df,
				       struct tv_time now, struct tv_packet *out,
				       const char **why);

/* Internal steps, exposed for the unit tests. */
enum decode_result decode_ip(struct cursor *c, unsigned version_hint,
			     uint32_t wire_left, struct tv_packet *out,
			     const char **why);
enum decode_result decode_tcp(struct cursor *c, uint32_t ip_payload_len,
			      struct tv_packet *out, const char **why);
const char *decode_tcp_options(struct cursor *opts, struct tcp_options *out);

#endif
