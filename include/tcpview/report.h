/*
 * report.h - the one interface every output format implements.
 *
 * The tracker calls a reporter as connections open, as each packet is
 * analysed, and as connections end; main.c calls begin and finish.  A
 * reporter owns whatever it buffers (see spool.h) and writes through the
 * obuf it was given.  Text (report_text.c), summary rows (report_summary.c),
 * JSON and JSON Lines (report_json.c) and Follow TCP Stream (report_follow.c)
 * implement it; nothing outside them knows an output format.
 */
#ifndef TCPVIEW_REPORT_H
#define TCPVIEW_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/conn.h"
#include "tcpview/event.h"
#include "tcpview/obuf.h"

enum time_mode { TIME_REL, TIME_ABS, TIME_DELTA };

struct report_config {
	bool absolute_seq;	/* raw sequence numbers (--absolute-seq) */
	enum time_mode time;
	bool color;
	bool verbose;
	bool no_events;		/* JSON: connections only (--summary) */
	uint64_t follow_id;	/* --follow=N */
	size_t spool_budget;	/* bytes of stories kept in memory (0: the default) */
};

/* One input file, as the inputs array of the JSON document reports it. */
struct tv_input {
	const char *path;
	const char *link_name;
	uint64_t packets;
	bool complete;		/* read to its end */
	const char *error;	/* why not, when !complete */
};

struct tv_stats {
	uint64_t packets, tcp_packets, other_packets, malformed, connections;
};

struct reporter;

struct reporter_ops {
	void (*begin)(struct reporter *r);
	void (*connection_start)(struct reporter *r, struct tv_conn *c);
	void (*event)(struct reporter *r, const struct tv_event *ev);
	void (*connection_end)(struct reporter *r, struct tv_conn *c);
	/* A frame that could not be decoded (counted in stats.malformed). */
	void (*malformed)(struct reporter *r, const char *file, uint64_t frame,
			  const char *why);
	void (*finish)(struct reporter *r, const struct tv_input *inputs,
		       size_t ninputs, const struct tv_stats *stats);
	void (*destroy)(struct reporter *r);
};

struct reporter {
	const struct reporter_ops *ops;
	struct report_config cfg;
	struct obuf *out;
};

/*
 * For the reporters themselves: a zeroed reporter of `size` bytes (its own
 * struct, which starts with struct reporter) set up with ops, cfg and out;
 * and the "N connections, P packets (...)" line that ends text outputs.
 */
void *report_alloc(size_t size, const struct reporter_ops *ops,
		   const struct report_config *cfg, struct obuf *out);
void report_stats_line(struct obuf *o, const struct tv_stats *st);

struct reporter *report_text_new(const struct report_config *cfg, struct obuf *out);
struct reporter *report_summary_new(const struct report_config *cfg, struct obuf *out);
struct reporter *report_json_new(const struct report_config *cfg, struct obuf *out,
				 bool lines);
struct reporter *report_follow_new(const struct report_config *cfg, struct obuf *out);

#endif
