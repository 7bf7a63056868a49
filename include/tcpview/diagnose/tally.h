/*
 * tally.h - the capture-wide count of failures by server (diagnose layer).
 *
 * Each connection's findings are counted as it ends, in the order
 * connections end; at the end the servers with the most failed
 * connections make the capture-wide verdict (SPEC §10).  The diagnosis
 * sink keeps one; a run with worker threads (-j) keeps one for all of them
 * and counts in the order a single thread would.  A fixed direct-mapped
 * table of servers: memory does not grow with the capture.
 */
#ifndef TCPVIEW_DIAGNOSE_TALLY_H
#define TCPVIEW_DIAGNOSE_TALLY_H

#include "tcpview/diagnose/record.h"

struct dx_tally;

struct dx_tally *dx_tally_new(void);
void dx_tally_free(struct dx_tally *t);
/* One connection's findings, as it ends. */
void dx_tally_count(struct dx_tally *t, const struct tv_diagnosis *d);
/* The same in two steps: what counts of a connection's findings (the
 * failure that decided it, a diagnose_code, or -1), and counting it. */
int dx_tally_failure(const struct tv_diagnosis *d);
void dx_tally_add(struct dx_tally *t, const struct tv_endpoint *server, uint64_t conn,
		  int failure);
void dx_tally_verdict(const struct dx_tally *t, struct tv_capture_verdict *v);

#endif
