/*
 * recent.h - the 4-tuples of connections that have ended.
 *
 * When the tracker frees a connection it remembers its key here, so that a
 * later SYN on the same 4-tuple is still recognised as port reuse
 * (tcp.analysis.reused_ports, which Wireshark reports however long ago the
 * earlier connection was).  The memory is a fixed direct-mapped cache of
 * 64-bit key fingerprints: a newer key may push out an older one whose slot
 * it shares, so it is a bounded "recently ended" record, never a complete
 * one.  It owns its table.
 */
#ifndef TCPVIEW_FLOW_RECENT_H
#define TCPVIEW_FLOW_RECENT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/flow/table.h"

/* Slots of the cache (a power of two): 16384 fingerprints of 8 bytes. */
#define FLOW_RECENT_SLOTS 16384u

struct flow_recent;

struct flow_recent *flow_recent_new(void);
void flow_recent_free(struct flow_recent *r);
void flow_recent_add(struct flow_recent *r, const struct flow_key *key, uint32_t hash);
/* True when `key` belonged to a connection that ended (and is forgotten). */
bool flow_recent_take(struct flow_recent *r, const struct flow_key *key, uint32_t hash);

#endif
