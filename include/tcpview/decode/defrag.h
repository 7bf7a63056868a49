/*
 * defrag.h - IPv4 and IPv6 fragment reassembly (decode layer).
 *
 * A TCP segment split into IP fragments is analysed when its datagram is
 * whole, in the frame that completed it, as Wireshark does (ip.defragment
 * and ipv6.defragment, on by default).  The caller owns one struct defrag
 * per run and passes it to decode_frame_defrag(); without one, fragments
 * are not reassembled (a first fragment with a whole TCP header is still
 * decoded, later ones are DECODE_OTHER).
 *
 * Memory is bounded: each datagram holds at most 65535 bytes and the
 * whole table DEFRAG_MAX_BYTES; past that, and after DEFRAG_TIMEOUT_NS of
 * capture time without a new fragment, the oldest datagram is dropped.
 * Where fragments overlap, the bytes that arrived first are kept (the
 * policy the issue asks for; Wireshark also keeps the first copy).  A
 * reassembled datagram stays valid until the next call.
 */
#ifndef TCPVIEW_DECODE_DEFRAG_H
#define TCPVIEW_DECODE_DEFRAG_H

#include <stddef.h>
#include <stdint.h>

#include "tcpview/util/addr.h"
#include "tcpview/util/tvtime.h"

#define DEFRAG_MAX_BYTES (16u * 1024 * 1024)
#define DEFRAG_TIMEOUT_NS (60LL * 1000000000)	/* Wireshark keeps them longer; Linux 30 s */

struct defrag;

struct defrag *defrag_new(void);
void defrag_free(struct defrag *df);

/* One fragment's identity and place (RFC 791 §3.2, RFC 8200 §4.5). */
struct defrag_frag {
	uint8_t version;	/* 4 or 6 */
	struct tv_addr src, dst;
	uint32_t id;		/* IPv4: 16 bits; IPv6: 32 */
	uint8_t proto;		/* IPv4 protocol / IPv6 next header after the fragment header */
	uint32_t offset;	/* bytes */
	bool more;		/* more fragments follow */
	const uint8_t *data;	/* the fragment's payload as captured */
	uint32_t len;		/* its length on the wire */
	uint32_t caplen;	/* of which captured */
};

/*
 * Adds a fragment seen at `now`.  When it completes its datagram, returns
 * the whole payload (valid until the next call) and its length in *len;
 * otherwise NULL.  A datagram some of whose bytes were not captured (snap
 * length) never completes.
 */
const uint8_t *defrag_add(struct defrag *df, const struct defrag_frag *f,
			  struct tv_time now, uint32_t *len);
/* Bytes held now (for the tests and the memory bound). */
size_t defrag_bytes(const struct defrag *df);

#endif
