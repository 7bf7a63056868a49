/*
 * reasm.c - in-order reassembly of one direction (see reasm.h).
 *
 * Sequence comparisons use seq.h, so a stream may wrap 2^32.  Held segments
 * are a sorted singly linked list: early arrivals are rare on real networks
 * and the list stays short; its total size is capped.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/tcp/reasm.h"
#include "tcpview/util/seq.h"

struct reasm_seg {
	struct reasm_seg *next;
	uint32_t seq, len;
	uint64_t frame;
	uint8_t data[];
};

void reasm_init(struct reasm *r, reasm_sink sink, void *ctx)
{
	memset(r, 0, sizeof(*r));
	r->sink = sink;
	r->ctx = ctx;
	r->pending_max = REASM_MAX_PENDING;
}

/* Delivers bytes [seq, seq+len) from `data`, trimming what was delivered. */
static void deliver(struct reasm *r, uint32_t seq, const uint8_t *data,
		    uint32_t len, uint64_t frame)
{
	uint32_t end = seq + len;
	if (seq_le(end, r->next))
		return;	/* all of it already delivered */
	uint32_t skip = seq_lt(seq, r->next) ? r->next - seq : 0;
	r->sink(r->ctx, frame, data + skip, len - skip);
	r->next = end;
}

/* Delivers held segments that have become contiguous. */
static void drain(struct reasm *r)
{
	while (r->pending != NULL && seq_le(r->pending->seq, r->next)) {
		struct reasm_seg *s = r->pending;
		r->pending = s->next;
		r->pending_bytes -= s->len;
		deliver(r, s->seq, s->data, s->len, s->frame);
		free(s);
	}
}

/* Gives up on the gap before the first held segment. */
static void skip_gap(struct reasm *r)
{
	if (r->pending == NULL)
		return;
	uint64_t frame = r->pending->frame;
	r->sink(r->ctx, frame, NULL, r->pending->seq - r->next);
	r->next = r->pending->seq;
	drain(r);
}

static bool hold(struct reasm *r, uint32_t seq, const uint8_t *data,
		 uint32_t len, uint64_t frame)
{
	while (r->pending_bytes + len > r->pending_max && r->pending != NULL)
		skip_gap(r);
	struct reasm_seg *s = malloc(sizeof(*s) + len);
	if (s == NULL)
		return false;
	s->seq = seq;
	s->len = len;
	s->frame = frame;
	memcpy(s->data, data, len);
	struct reasm_seg **pp = &r->pending;
	while (*pp != NULL && seq_le((*pp)->seq, seq))
		pp = &(*pp)->next;
	s->next = *pp;
	*pp = s;
	r->pending_bytes += len;
	return true;
}

void reasm_start_at(struct reasm *r, uint32_t seq)
{
	r->started = true;
	r->next = seq;
}

bool reasm_add(struct reasm *r, uint32_t seq, const uint8_t *data,
	       uint32_t caplen, uint32_t len, uint64_t frame)
{
	if (len == 0)
		return true;
	if (!r->started) {
		r->started = true;
		r->next = seq;
	}
	bool ok = true;
	if (seq_le(seq, r->next)) {
		deliver(r, seq, data, caplen, frame);
		drain(r);
	} else if (len > r->pending_max) {
		r->sink(r->ctx, frame, NULL, seq - r->next);
		r->next = seq;
		deliver(r, seq, data, caplen, frame);
	} else {
		ok = hold(r, seq, data, caplen, frame);
	}
	/* Bytes on the wire but not in the capture (snap length): a gap. */
	if (caplen < len && seq_lt(r->next, seq + len) && seq_ge(r->next, seq + caplen)) {
		r->sink(r->ctx, frame, NULL, seq + len - r->next);
		r->next = seq + len;
		drain(r);
	}
	return ok;
}

void reasm_acked(struct reasm *r, uint32_t ack)
{
	/* The receiver has the bytes up to `ack`: a hole before a held
	 * segment that the ACK covers will never be filled in the capture
	 * (Zeek's TCP_Reassembler skips such content gaps the same way). */
	while (r->started && r->pending != NULL && seq_lt(r->next, r->pending->seq) &&
	       seq_ge(ack, r->pending->seq))
		skip_gap(r);
}

void reasm_finish(struct reasm *r)
{
	while (r->pending != NULL)
		skip_gap(r);
}
