/*
 * pipeline.c - drives one run (see pipeline.h).
 *
 * The per-packet loop is here: read a record, apply the BPF filter, decode
 * it with its own link type (a pcapng file may mix several), hand TCP to
 * the tracker, whose records go through the application layer
 * to the output.  It allocates nothing per packet; the decoded packet lives
 * on the stack and points into libpcap's buffer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcpview/app/layer.h"
#include "tcpview/diagnose/diagnose.h"
#include "tcpview/capture/reader.h"
#include "tcpview/decode/decode.h"
#include "tcpview/decode/defrag.h"
#include "tcpview/run/pipeline.h"

static char *dup_error(const char *msg)
{
	size_t n = strlen(msg) + 1;
	char *s = malloc(n);
	if (s != NULL)
		memcpy(s, msg, n);
	return s;
}

/* Counts a packet that an encapsulation tcpview cannot open hid (SPEC §2:
 * never silently dropped); kinds past the table's size share its last row. */
static void count_undecoded(struct tv_stats *st, const char *kind)
{
	size_t i = 0;
	while (i < st->nundecoded && strcmp(st->undecoded[i].kind, kind) != 0)
		i++;
	if (i == st->nundecoded) {
		if (i == TV_UNDECODED_KINDS)
			i--;
		else
			st->undecoded[st->nundecoded++].kind = kind;
	}
	st->undecoded[i].packets++;
}

/* A live input's clock (SPEC §11): wall time, for the stories of the
 * connections that went quiet and for flushing what the output holds. */
struct live {
	struct tracker *tr;
	const struct pipeline_options *opt;
	int64_t last_packet, last_flush;	/* CLOCK_MONOTONIC ns */
};

#define FLUSH_EVERY_NS 500000000LL

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void live_flush(struct live *lv, int64_t now)
{
	lv->last_flush = now;
	if (lv->opt->flush != NULL)
		lv->opt->flush(lv->opt->flush_ctx);
}

/* The input has had nothing for a while: end what went quiet, show it. */
static void live_idle(void *ctx)
{
	struct live *lv = ctx;
	int64_t now = mono_ns();
	tracker_idle(lv->tr, now - lv->last_packet);
	live_flush(lv, now);
}

/* One input being read: its reader and the frame it is at. */
struct source {
	struct reader *r;
	struct reader_frame f;	/* valid while `have` */
	bool have;
	int dlt;
	uint16_t index;		/* in the inputs */
	struct tv_input *in;
};

/* Opens an input; false (with in->error) when it cannot be read at all. */
static bool source_open(struct source *src, const char *path, uint16_t index,
			const struct pipeline_options *opt, struct tv_input *in)
{
	char err[READER_ERRBUF];
	memset(src, 0, sizeof(*src));
	src->in = in;
	src->index = index;
	in->path = path;
	src->r = reader_open(path, opt->filter, err);
	if (src->r == NULL) {
		in->error = dup_error(err);
		return false;
	}
	src->dlt = reader_dlt(src->r);
	in->link_name = reader_link_name(src->r);
	if (!decode_link_supported(src->dlt)) {
		snprintf(err, sizeof(err), "%s: link type %s (%d) is not supported",
			 path, reader_link_name(src->r), src->dlt);
		in->error = dup_error(err);
		reader_close(src->r);
		src->r = NULL;
		return false;
	}
	return true;
}

/* Moves an input to its next frame the filter keeps; at its end (or first
 * error) records how it ended and closes it.  False at the end. */
static bool source_next(struct source *src)
{
	char err[READER_ERRBUF];
	enum reader_status rs;
	src->have = false;
	if (src->r == NULL)
		return false;
	while ((rs = reader_next(src->r, &src->f, err)) == READER_FRAME)
		if (!src->f.filtered_out)
			return src->have = true;
	src->in->packets = reader_frames(src->r);
	src->in->complete = rs == READER_EOF;
	if (rs == READER_ERROR)
		src->in->error = dup_error(err);
	reader_close(src->r);
	src->r = NULL;
	return false;
}

/* Decodes one frame and hands it on by what it holds. */
static void process_frame(struct source *src, struct tracker *tr, struct defrag *df,
			  struct app_layer *app, struct tv_sink *sink, struct tv_stats *st)
{
	const struct reader_frame *f = &src->f;
	struct tv_input *in = src->in;
	st->packets++;
	/* A pcapng file may hold interfaces of several link types; a frame
	 * of one tcpview cannot decode is counted and named, not misread
	 * (the input itself is fine). */
	if (f->dlt != src->dlt && !decode_link_supported(f->dlt)) {
		st->other_packets++;
		if (in->unsupported_link_frames++ == 0) {
			const char *name = reader_dlt_name(f->dlt);
			char num[24];
			snprintf(num, sizeof(num), "DLT %d", f->dlt);
			in->unsupported_link_name = dup_error(name ? name : num);
		}
		return;
	}
	struct tv_packet p;
	const char *why = NULL;
	enum decode_result dr = decode_frame_defrag(f->dlt, f->data, f->caplen, f->wire_len,
						    df, f->ts, &p, &why);
	p.frame = f->number;
	p.file = src->index;
	p.ts = f->ts;
	p.ts_digits = f->ts_digits;
	switch (dr) {
	case DECODE_TCP:
		st->tcp_packets++;
		/* A bad option list is told in the packet's event
		 * (options.problem); the segment is still analysed. */
		tracker_packet(tr, &p);
		break;
	case DECODE_ICMP:
		/* ICMP, not TCP: counted as other, and told on the connection
		 * whose segment it quotes. */
		st->other_packets++;
		tracker_icmp(tr, &p);
		break;
	case DECODE_UDP:
		/* Not TCP: counted as other; DNS is read for the names it
		 * gives servers. */
		st->other_packets++;
		if (app != NULL)
			app_layer_udp(app, &p);
		break;
	case DECODE_OTHER:
		st->other_packets++;
		if (p.undecoded != NULL)
			count_undecoded(st, p.undecoded);
		break;
	case DECODE_MALFORMED:
		st->malformed++;
		sink->ops->malformed(sink, in->path, f->number, why);
		break;
	}
}

/*
 * Reads every input at once, in the time order of their packets, as
 * mergecap merges them (SPEC §11): the next packet is the earliest of the
 * inputs' next ones, the first input's on a tie.  A connection may so
 * go on from one file into another.  False if an input did not end
 * cleanly.
 */
static bool run_inputs(const struct pipeline_options *opt, struct tracker *tr,
		       struct defrag *df, struct app_layer *app, struct tv_sink *sink,
		       struct tv_input *inputs, struct tv_stats *st)
{
	struct source one, *src = opt->nfiles > 1 ? calloc(opt->nfiles, sizeof(*src)) : &one;
	bool ok = true;
	if (src == NULL) {
		inputs[0].path = opt->files[0];
		inputs[0].error = dup_error("out of memory");
		return false;
	}
	size_t live = 0;
	struct live lv = { .tr = tr, .opt = opt };
	bool any_live = false;
	lv.last_packet = lv.last_flush = mono_ns();
	for (size_t i = 0; i < opt->nfiles; i++) {
		if (!source_open(&src[i], opt->files[i], (uint16_t)i, opt, &inputs[i])) {
			ok = false;
			continue;
		}
		if (reader_live(src[i].r)) {
			reader_set_idle(src[i].r, live_idle, &lv);
			any_live = true;
		}
		if (source_next(&src[i]))
			live++;
	}
	while (live > 0) {
		if (any_live) {
			int64_t now = lv.last_packet = mono_ns();
			if (now - lv.last_flush >= FLUSH_EVERY_NS)
				live_flush(&lv, now);
		}
		struct source *next = NULL;
		for (size_t i = 0; i < opt->nfiles; i++)
			if (src[i].have && (next == NULL ||
					    tv_time_diff_ns(next->f.ts, src[i].f.ts) < 0))
				next = &src[i];
		process_frame(next, tr, df, app, sink, st);
		if (!source_next(next))
			live--;
	}
	for (size_t i = 0; i < opt->nfiles; i++)
		if (!inputs[i].complete)
			ok = false;
	if (src != &one)
		free(src);
	return ok;
}

/* Bytes held out of order per direction for the application layer: past
 * this a hole is given up as a gap, so that memory stays bounded by the
 * connections open at once. */
#define APP_PENDING_MAX (256u * 1024)

bool pipeline_run(const struct pipeline_options *opt, struct tv_sink *out,
		  struct tv_input *inputs, struct tv_stats *stats)
{
	bool ok = true;
	memset(stats, 0, sizeof(*stats));
	memset(inputs, 0, opt->nfiles * sizeof(*inputs));
	/* The application layer sits between the tracker and an output that
	 * narrates packets. */
	struct tv_sink *sink = out;
	struct app_layer *app = NULL;
	struct tracker_config tc = opt->tracker;
	struct tv_sink *diag = NULL;
	if (opt->narrate) {
		/* tracker → application layer → diagnosis → output */
		diag = diagnose_new(out);
		app = diag != NULL ? app_layer_new(diag) : NULL;
		sink = app != NULL ? app_layer_sink(app) : NULL;
		if (tc.reasm_pending_max == 0)
			tc.reasm_pending_max = APP_PENDING_MAX;
	}
	struct tracker *tr = sink != NULL ? tracker_new(&tc, sink) : NULL;
	/* One reassembly table for the run: a datagram's fragments may even
	 * straddle two files. */
	struct defrag *df = defrag_new();
	if (tr == NULL || df == NULL) {
		tracker_free(tr);
		defrag_free(df);
		inputs[0].path = opt->files[0];
		inputs[0].error = dup_error("out of memory");
		if (sink != NULL && sink != out)
			sink->ops->destroy(sink);
		if (diag != NULL)
			diag->ops->destroy(diag);
		return false;
	}
	sink->ops->begin(sink);
	if (!run_inputs(opt, tr, df, app, sink, inputs, stats))
		ok = false;
	tracker_flush(tr);
	stats->connections = tracker_connections(tr);
	tracker_free(tr);
	defrag_free(df);
	sink->ops->finish(sink, inputs, opt->nfiles, stats);
	if (sink != out)
		sink->ops->destroy(sink);	/* the application layer; out is the caller's */
	if (diag != NULL)
		diag->ops->destroy(diag);
	return ok;
}

void pipeline_free_inputs(struct tv_input *inputs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)inputs[i].error);
		inputs[i].error = NULL;
		free((char *)inputs[i].unsupported_link_name);
		inputs[i].unsupported_link_name = NULL;
	}
}
