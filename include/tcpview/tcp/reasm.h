/*
 * reasm.h - one direction's byte stream, put back in order.
 *
 * Segments are fed with their sequence numbers; in-order bytes go straight
 * to the sink from the caller's buffer, bytes that arrive early are copied
 * and held (at most pending_max bytes) until the gap before them is
 * filled, retransmitted and overlapping bytes are trimmed, and a gap that
 * never fills (data not captured, or cut by the snap length) is passed on as
 * a gap mark.  The reasm owns its held copies; reasm_finish() releases them.
 */
#ifndef TCPVIEW_REASM_H
#define TCPVIEW_REASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REASM_MAX_PENDING (4u * 1024 * 1024)

struct reasm_seg;

/* Receives bytes (data != NULL) or a gap of `len` missing bytes (data == NULL). */
typedef void (*reasm_sink)(void *ctx, uint64_t frame, const uint8_t *data,
			   size_t len);

struct reasm {
	bool started;
	uint32_t next;		/* next sequence number expected */
	struct reasm_seg *pending; /* held segments, sorted by seq */
	size_t pending_bytes;
	size_t pending_max;	/* REASM_MAX_PENDING unless the owner says less */
	reasm_sink sink;
	void *ctx;
};

void reasm_init(struct reasm *r, reasm_sink sink, void *ctx);
/*
 * The stream's first byte, when it is known (the byte after the SYN);
 * otherwise the first segment added starts it.
 */
void reasm_start_at(struct reasm *r, uint32_t seq);
/*
 * Adds a segment: `len` bytes on the wire from `seq`, of which the first
 * `caplen` were captured.  Returns false when memory ran out (the bytes are
 * then reported as a gap).
 */
bool reasm_add(struct reasm *r, uint32_t seq, const uint8_t *data,
	       uint32_t caplen, uint32_t len, uint64_t frame);
/*
 * The other side acknowledges up to `ack`: holes it covers were lost by the
 * capture, not the network, so they are passed on as gaps now and what is
 * held after them delivered.
 */
void reasm_acked(struct reasm *r, uint32_t ack);
/* Delivers what is held, with gap marks, and frees it. */
void reasm_finish(struct reasm *r);

#endif
