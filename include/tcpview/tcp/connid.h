/*
 * connid.h - connection ids from the packets alone, as tshark numbers
 * tcp.stream (tcp layer).
 *
 * SPEC §2: a connection is its 4-tuple; only a SYN (no ACK) whose sequence
 * number is not the base its sender used on that 4-tuple starts a new one
 * (tcp.analysis.reused_ports).  Everything else, however late, idle or
 * after a teardown, continues the id the 4-tuple has.  The decision needs
 * each side's relative-sequence base (Wireshark's base_seq) and nothing of
 * the analysis, so the run layer makes it once per packet before any
 * per-connection work: that is what keeps ids the same whichever thread
 * (-j) or process (--shard) analyses a connection (SPEC §14).
 *
 * Memory: the 4-tuples last active, at most `remember` of them, about 37
 * bytes each with their index (a key's fingerprint stands for it); the
 * least recently active one is forgotten first (a later packet of it then
 * starts a new id, as a first sight would).  Owned by its caller;
 * single-threaded.
 */
#ifndef TCPVIEW_TCP_CONNID_H
#define TCPVIEW_TCP_CONNID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/decode/packet.h"
#include "tcpview/flow/table.h"

/* The connection a TCP packet belongs to, as the tracker takes it. */
struct conn_ref {
	struct flow_key key;	/* flow_key_make()'s */
	uint32_t hash;
	uint64_t packet;	/* the run's count of packets, this one included */
	uint64_t id;		/* 1, 2, ... in order of first packet */
	bool fresh;		/* this packet gave the 4-tuple a new id */
	bool reuse;		/* ... and the 4-tuple had one before (port reuse) */
};

struct connid;

struct connid *connid_new(size_t remember);
void connid_free(struct connid *c);
/* Fills ref->id, fresh and reuse for `p`, whose key and hash `ref` holds. */
void connid_assign(struct connid *c, const struct tv_packet *p, struct conn_ref *ref);
/* Ids given so far (the number of connections). */
uint64_t connid_count(const struct connid *c);

#endif
