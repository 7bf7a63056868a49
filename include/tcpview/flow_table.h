/*
 * flow_table.h - the 4-tuple → connection index.
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

#include "tcpview/conn.h"
#include "tcpview/packet.h"

struct flow_table;

struct flow_table *flow_table_new(void);
void flow_table_free(struct flow_table *t);

/* Builds the canonical key of a packet and returns its hash. */
uint32_t flow_key_make(const struct tv_packet *p, struct flow_key *key);

bool flow_key_equal(const struct flow_key *a, const struct flow_key *b);

struct tv_conn *flow_table_find(const struct flow_table *t,
				const struct flow_key *key, uint32_t hash);
/* Indexes `c` (its key and hash set); false when memory ran out. */
bool flow_table_insert(struct flow_table *t, struct tv_conn *c);
void flow_table_remove(struct flow_table *t, struct tv_conn *c);
size_t flow_table_count(const struct flow_table *t);

#endif
