/*
 * pipeline.h - the whole run: inputs → decoders → tracker → application
 * layer → diagnosis → output (run layer).
 *
 * pipeline_run() reads every input in time order (so a connection may
 * continue from one file into the next, as with rotated captures), numbers
 * the connections (tcp/connid.h) and analyses them: in one chain, or with
 * `jobs` > 1 in one chain per worker thread whose outputs are put back in
 * the order one chain gives (parallel.c), or, with `shards` > 1, only the
 * connections of one shard (SPEC §14).  It fills one struct tv_input per
 * file.  Problems with an input are recorded in its `error` (which the
 * pipeline owns until pipeline_free_inputs()); the run goes on with the
 * next file.
 */
#ifndef TCPVIEW_PIPELINE_H
#define TCPVIEW_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "tcpview/tcp/sink.h"
#include "tcpview/tcp/tracker.h"
#include "tcpview/util/obuf.h"

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
	/* Makes an output writing to `out` (NULL: out of memory): one for
	 * the run, or one per worker thread. */
	struct tv_sink *(*make_output)(void *ctx, struct obuf *out);
	void *output_ctx;
	/* -j: worker threads (0, 1: none), when `parallel_output` says the
	 * output can be put back together from several (a document that is
	 * whole only at the end, --json, --html, an SVG, cannot).  A live
	 * input is read by one thread. */
	unsigned jobs;
	bool parallel_output;
	/* --shard=K/N: only the connections of shard `shard` (0-based) of
	 * `shards` (0, 1: all).  The first shard also tells what belongs to
	 * no connection (DNS over UDP, malformed frames); no shard tells the
	 * capture-wide verdict, which needs every connection. */
	unsigned shard, shards;
};

/*
 * Runs all inputs into outputs made by opt->make_output on `out` (begun,
 * finished and destroyed here).  `inputs` must have room for nfiles
 * entries.  Returns true when every input was read to its end.
 */
bool pipeline_run(const struct pipeline_options *opt, struct obuf *out,
		  struct tv_input *inputs, struct tv_stats *stats);
void pipeline_free_inputs(struct tv_input *inputs, size_t n);

#endif
