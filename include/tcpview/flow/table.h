/*
 * table.h - the flow table: the 4-tuple → flow index (flow layer).
 *
 * Open addressing with linear probing over a power-of-two array of
 * connection pointers (Suricata's flow hash, minus the locking).  The key is
 * canonical, so both directions of a connection land in the same slot.  The
 * table only indexes: it never owns or frees a connection, and the order in
 * which connections are reported never comes from table order.
 */
#ifndef TCPVIEW_FLOW_TABLE_H
#define TCPVIEW_FLOW_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "tcpview/decode/packet.h"

/*
 * Canonical 4-tuple: the lower (address, port) first, so both directions
 * meet; and the identity of the tunnels around it (tv_packet.tunnel_id:
 * the VXLAN or Geneve VNI), so that two tunnels carrying the same inner
 * addresses stay apart (SPEC §8).
 */
struct flow_key {
	uint8_t family;
	uint8_t addr_lo[16], addr_hi[16];
	uint16_t port_lo, port_hi;
	uint64_t tunnel;
};

/*
 * What the table indexes: a key and its hash, embedded in the caller's own
 * per-flow struct (the tracker's connection), which the caller owns.
 */
struct flow_node {
	struct flow_key key;
	uint32_t hash;
};

struct flow_table;

struct flow_table *flow_table_new(void);
void flow_table_free(struct flow_table *t);

/* Builds the canonical key of a packet and returns its hash. */
uint32_t flow_key_make(const struct tv_packet *p, struct flow_key *key);

bool flow_key_equal(const struct flow_key *a, const struct flow_key *b);
/* 64 bits that stand for the key where keeping it whole costs too much
 * memory (never 0; two keys share them with odds of 2^-64). */
uint64_t flow_key_fingerprint(const struct flow_key *k);

struct flow_node *flow_table_find(const struct flow_table *t,
				const struct flow_key *key, uint32_t hash);
/* Indexes `n` (its key and hash set); false when memory ran out. */
bool flow_table_insert(struct flow_table *t, struct flow_node *n);
void flow_table_remove(struct flow_table *t, struct flow_node *n);
size_t flow_table_count(const struct flow_table *t);

#endif
