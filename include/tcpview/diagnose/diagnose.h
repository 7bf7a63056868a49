/*
 * diagnose.h - the diagnosis sink (diagnose layer, SPEC §10).
 *
 * A sink that passes every record on to `next` and adds, right before
 * each conn_close, the connection's findings (diagnose/record.h), and
 * before finish the capture-wide verdict.  It keeps state for the
 * connections where something notable happened (a resend, a zero window,
 * an ICMP error, a reset...), a few hundred bytes of pace state for each
 * connection that carried data (pace.h), both freed as they end, and,
 * with `verdict`, the capture-wide tally (tally.h; without it, no
 * capture_verdict: a run that puts several together counts it itself).
 * `next` stays the caller's and must outlive it; it is freed by its
 * sink's destroy.
 */
#ifndef TCPVIEW_DIAGNOSE_DIAGNOSE_H
#define TCPVIEW_DIAGNOSE_DIAGNOSE_H

#include <stdbool.h>

#include "tcpview/tcp/sink.h"

struct tv_sink *diagnose_new(struct tv_sink *next, bool verdict);

#endif
