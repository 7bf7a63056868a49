/*
 * community.h - the Community ID of a flow (version 1).
 *
 * Zeek, Suricata and Arkime tag each flow with the same string, so that
 * their records of one conversation join: "1:" and the base64 of a SHA-1
 * over the flow's endpoints in a canonical order (the Community ID
 * specification, github.com/corelight/community-id-spec).  Flow layer:
 * it uses util/ and Nettle.
 */
#ifndef TCPVIEW_FLOW_COMMUNITY_H
#define TCPVIEW_FLOW_COMMUNITY_H

#include <stddef.h>
#include <stdint.h>

#include "tcpview/util/addr.h"

/* "1:" + 28 base64 characters + NUL. */
#define COMMUNITY_ID_LEN 31

/*
 * The Community ID v1 (seed 0) of the flow between a:pa and b:pb with IP
 * protocol `proto` (6 for TCP), whichever side is given first.  Returns
 * its length, 0 when the families of a and b differ.
 */
size_t flow_community_id(const struct tv_addr *a, uint16_t pa, const struct tv_addr *b,
			 uint16_t pb, uint8_t proto, char out[COMMUNITY_ID_LEN]);

#endif
