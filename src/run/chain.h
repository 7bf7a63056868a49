/*
 * chain.h - one analysis: tracker → application layer → diagnosis →
 * output (private to src/run).
 *
 * A run has one chain, or with -j one per worker thread; pipeline.c
 * feeds it decoded packets, parallel.c does the same from its workers.
 */
#ifndef TCPVIEW_RUN_CHAIN_H
#define TCPVIEW_RUN_CHAIN_H

#include <stdbool.h>

#include "tcpview/app/layer.h"
#include "tcpview/run/pipeline.h"
#include "tcpview/tcp/tracker.h"

struct chain {
	struct tracker *tr;
	struct app_layer *app;	/* NULL unless the output narrates */
	struct tv_sink *diag;	/* likewise */
	struct tv_sink *head;	/* what the tracker feeds */
	struct tv_sink *out;	/* the output, the caller's */
};

/*
 * Builds the chain in front of `out`.  `verdict`: the diagnosis counts the
 * capture-wide verdict itself (one chain for the whole capture).  `tc`
 * overrides the options' tracker configuration.  False when memory ran out.
 */
bool chain_init(struct chain *c, const struct pipeline_options *opt,
		const struct tracker_config *tc, struct tv_sink *out, bool verdict);
/* Ends every connection still open (the end of the input). */
void chain_flush(struct chain *c);
/* Frees everything but the output. */
void chain_free(struct chain *c);

#endif
