/*
 * report.h - what every output shares (output layer).
 *
 * An output is a sink (tcp/sink.h) that turns the analysis's complete
 * records into a format: the narrated text (text.c), summary rows
 * (summary.c), JSON and JSON Lines (json.c), Follow TCP Stream
 * (follow.c).  Each embeds struct reporter as its first member, keeps its
 * own per-connection state keyed by connection id (never in the tracker's
 * connection), owns whatever it buffers (see spool.h), and writes through
 * the obuf it was given; output it could not produce is marked on that
 * obuf (obuf_lost), never dropped in silence.  Nothing outside output/
 * knows a format.
 */
#ifndef TCPVIEW_OUTPUT_REPORT_H
#define TCPVIEW_OUTPUT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/tcp/sink.h"
#include "tcpview/util/obuf.h"

enum time_mode { TIME_REL, TIME_ABS, TIME_DELTA };

/* Display choices: none of them changes the analysis. */
struct report_config {
	bool absolute_seq;	/* raw sequence numbers (--absolute-seq) */
	enum time_mode time;
	bool color;
	bool verbose;
	bool brief;		/* text: routine runs folded (--brief) */
	bool no_fold;		/* ladder: every packet an arrow (--no-fold) */
	size_t width;		/* text: fold lines at this many columns (0: never) */
	bool ascii;		/* text: "->" and "x" for a terminal that is not UTF-8 */
	const char *const *files;	/* the inputs, for naming a packet's file */
	size_t nfiles;
	bool no_events;		/* JSON: connections only (--summary) */
	uint64_t follow_id;	/* --follow=N */
	size_t spool_budget;	/* bytes of stories kept in memory (0: the default) */
	/* This output is one of `share` writing at once (the workers of -j):
	 * its in-memory budgets are that much smaller (0, 1: whole). */
	unsigned share;
};

/* A budget of bytes kept in memory, `cfg`'s share of it (at least 64 KiB). */
static inline size_t report_budget(const struct report_config *cfg, size_t whole)
{
	size_t b = cfg->share > 1 ? whole / cfg->share : whole;
	return b < 65536 ? 65536 : b;
}

struct reporter {
	struct tv_sink sink;	/* first: a reporter is a sink */
	struct report_config cfg;
	struct obuf *out;
};

/*
 * For the outputs themselves: a zeroed reporter of `size` bytes (its own
 * struct, which starts with struct reporter) set up with ops, cfg and out;
 * the "N connections, P packets (...)" line that ends text outputs; and
 * sink operations that do nothing, for the records an output ignores.
 */
void *report_alloc(size_t size, const struct tv_sink_ops *ops,
		   const struct report_config *cfg, struct obuf *out);
void report_stats_line(struct obuf *o, const struct tv_stats *st);
void report_ignore_begin(struct tv_sink *s);
void report_ignore_conn_open(struct tv_sink *s, const struct tv_conn_info *c);
void report_ignore_event(struct tv_sink *s, const struct tv_event *ev);
void report_ignore_malformed(struct tv_sink *s, const char *file, uint64_t frame,
			     const char *why);
void report_ignore_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
			  const struct tv_stats *st);
/* destroy for an output that holds nothing but its struct. */
void report_free(struct tv_sink *s);

struct tv_sink *report_text_new(const struct report_config *cfg, struct obuf *out);
struct tv_sink *report_summary_new(const struct report_config *cfg, struct obuf *out);
struct tv_sink *report_json_new(const struct report_config *cfg, struct obuf *out,
				bool lines);
struct tv_sink *report_follow_new(const struct report_config *cfg, struct obuf *out);

#endif
