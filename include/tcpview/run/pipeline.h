/*
 * pipeline.h - the whole run: inputs → decoders → tracker → application
 * layer → output (run layer).
 *
 * pipeline_run() reads every input in order through one tracker (so a
 * connection may continue from one file into the next, as with rotated
 * captures), and fills one struct tv_input per file.  Problems with an
 * input are recorded in its `error` (which the pipeline owns until
 * pipeline_free_inputs()); the run goes on with the next file.
 */
#ifndef TCPVIEW_PIPELINE_H
#define TCPVIEW_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "tcpview/tcp/sink.h"
#include "tcpview/tcp/tracker.h"

struct pipeline_options {
	const char *const *files;
	size_t nfiles;
	const char *filter;	/* BPF, or NULL */
	struct tracker_config tracker;
	/* The output narrates packets: put the application layer before it,
	 * which needs each connection's bytes in order. */
	bool narrate;
	/* With a live input: called to push what the output holds out to
	 * its reader (at least every half second while packets come, and
	 * when the input goes quiet). */
	void (*flush)(void *ctx);
	void *flush_ctx;
};

/*
 * Runs all inputs into the sink `out` (an output; the caller's, begun and
 * finished here).  `inputs` must have room for nfiles entries.  Returns
 * true when every input was read to its end.
 */
bool pipeline_run(const struct pipeline_options *opt, struct tv_sink *out,
		  struct tv_input *inputs, struct tv_stats *stats);
void pipeline_free_inputs(struct tv_input *inputs, size_t n);

#endif
