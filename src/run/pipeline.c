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

#include "chain.h"
#include "parallel.h"
#include "tcpview/app/layer.h"
#include "tcpview/capture/reader.h"
#include "tcpview/decode/decode.h"
#include "tcpview/decode/defrag.h"
#include "tcpview/flow/recent.h"
#include "tcpview/run/pipeline.h"
#include "tcpview/tcp/connid.h"

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
		reader_unsupported_link(src->r, path, err);
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

/*
 * The run as the reader sees it: the decoders' state, the numbering of
 * connections and the expiry clock, which every packet goes through
 * whoever analyses it; then either one chain, or the workers of -j.
 */
struct run {
	const struct pipeline_options *opt;
	struct defrag *df;
	struct connid *ids;
	struct tv_time last_expire;
	struct tv_stats *st;
	struct chain *one;	/* NULL with workers */
	struct obuf *out;
	struct parallel *par;
	unsigned shard, shards;
};

/*
 * What a packet made is written before the next packet, whichever
 * connection that is, as the workers of -j must (sink.h): a record that
 * completes later, when its connection ends, is then told on its own, not
 * inside the event of whatever packet came last.
 */
static void settle(struct run *run)
{
	struct tv_sink *h = run->one->head;
	if (h->ops->settle != NULL)
		h->ops->settle(h);
}

/* Whether this run analyses the connection of this hash (--shard). */
static bool mine(const struct run *run, uint32_t hash)
{
	return run->shards <= 1 || flow_recent_part(hash, run->shards, 0) == run->shard;
}

static void run_tcp(struct run *run, const struct tv_packet *p)
{
	struct conn_ref ref;
	ref.hash = flow_key_make(p, &ref.key);
	ref.packet = run->st->packets;
	connid_assign(run->ids, p, &ref);
	if (tracker_expiry_due(&run->last_expire, p->ts)) {
		if (run->par != NULL)
			parallel_expire(run->par, ref.packet, p->ts);
		else
			tracker_expire(run->one->tr, p->ts);
	}
	if (!mine(run, ref.hash))
		return;
	if (run->par != NULL) {
		parallel_tcp(run->par, p, &ref);
	} else {
		tracker_packet_ref(run->one->tr, p, &ref);
		settle(run);
	}
}

/* An ICMP error goes to the connection of the segment it quotes. */
static void run_icmp(struct run *run, const struct tv_packet *p)
{
	struct flow_key key;
	uint32_t hash = flow_key_make(p, &key);
	if (!mine(run, hash))
		return;
	if (run->par != NULL) {
		parallel_icmp(run->par, p, run->st->packets, hash);
	} else {
		tracker_icmp(run->one->tr, p);
		settle(run);
	}
}

static void discard(void *ctx, const void *p, size_t n)
{
	(void)ctx, (void)p, (void)n;
}

/* DNS over UDP names the servers of later connections: every chain reads
 * it (a ladder draws the answer beside the connection it named), the
 * first shard's output tells it. */
static void run_udp(struct run *run, const struct tv_packet *p)
{
	if (run->par != NULL) {
		parallel_udp(run->par, p, run->st->packets);
	} else if (run->one->app != NULL && run->shard == 0) {
		app_layer_udp(run->one->app, p);
		settle(run);
	} else if (run->one->app != NULL && app_layer_udp_wanted(p)) {
		obuf_flush(run->out);
		run->out->drain = discard;
		app_layer_udp(run->one->app, p);
		settle(run);
		obuf_flush(run->out);
		run->out->drain = NULL;
	}
}

static void run_malformed(struct run *run, const char *file, uint64_t frame, const char *why)
{
	if (run->shard > 0)
		return;		/* the first shard tells it */
	if (run->par != NULL) {
		parallel_malformed(run->par, run->st->packets, file, frame, why);
	} else {
		run->one->head->ops->malformed(run->one->head, file, frame, why);
		settle(run);
	}
}

/* Decodes one frame and hands it on by what it holds. */
static void process_frame(struct run *run, struct source *src)
{
	const struct reader_frame *f = &src->f;
	struct tv_input *in = src->in;
	struct tv_stats *st = run->st;
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
						    run->df, f->ts, &p, &why);
	p.frame = f->number;
	p.file = src->index;
	p.ts = f->ts;
	p.ts_digits = f->ts_digits;
	switch (dr) {
	case DECODE_TCP:
		/* A bad option list is told in the packet's event
		 * (options.problem); the segment is still analysed. */
		st->tcp_packets++;
		run_tcp(run, &p);
		break;
	case DECODE_ICMP:
		/* ICMP, not TCP: counted as other, and told on the connection
		 * whose segment it quotes. */
		st->other_packets++;
		run_icmp(run, &p);
		break;
	case DECODE_UDP:
		/* Not TCP: counted as other; DNS is read for the names it
		 * gives servers. */
		st->other_packets++;
		run_udp(run, &p);
		break;
	case DECODE_OTHER:
		st->other_packets++;
		if (p.undecoded != NULL)
			count_undecoded(st, p.undecoded);
		break;
	case DECODE_MALFORMED:
		st->malformed++;
		run_malformed(run, in->path, f->number, why);
		break;
	}
}

/*
 * Reads every input at once, in the time order of their packets, as
 * mergecap merges them (SPEC §11): the next packet is the earliest of the
 * inputs' next ones, the first input's on a tie.  A connection may so
 * go on from one file into another.  The inputs are open (src[i].r NULL
 * for those that could not be).
 */
static void run_inputs(struct run *run, struct source *src, size_t n, struct live *lv)
{
	size_t live = 0;
	bool any_live = false;
	lv->last_packet = lv->last_flush = mono_ns();
	for (size_t i = 0; i < n; i++) {
		if (src[i].r == NULL)
			continue;
		if (reader_live(src[i].r)) {
			reader_set_idle(src[i].r, live_idle, lv);
			any_live = true;
		}
		if (source_next(&src[i]))
			live++;
	}
	while (live > 0) {
		if (any_live) {
			int64_t now = lv->last_packet = mono_ns();
			if (now - lv->last_flush >= FLUSH_EVERY_NS)
				live_flush(lv, now);
		}
		struct source *next = NULL;
		for (size_t i = 0; i < n; i++)
			if (src[i].have && (next == NULL ||
					    tv_time_diff_ns(next->f.ts, src[i].f.ts) < 0))
				next = &src[i];
		process_frame(run, next);
		if (!source_next(next))
			live--;
	}
}

/* One chain, this thread. */
static bool run_one(struct run *run, struct source *src, struct tv_input *inputs,
		    struct obuf *out)
{
	const struct pipeline_options *opt = run->opt;
	struct tv_sink *rep = opt->make_output(opt->output_ctx, out);
	struct chain one;
	if (rep == NULL || !chain_init(&one, opt, &opt->tracker, rep, run->shards <= 1)) {
		if (rep != NULL)
			rep->ops->destroy(rep);
		return false;
	}
	run->one = &one;
	run->out = out;
	struct live lv = { .tr = one.tr, .opt = opt };
	one.head->ops->begin(one.head);
	run_inputs(run, src, opt->nfiles, &lv);
	chain_flush(&one);
	run->st->connections = connid_count(run->ids);
	tracker_free(one.tr);
	one.tr = NULL;
	/* The inputs and totals belong to no connection: of a stream of
	 * records, the first shard tells them (a document is whole in
	 * each). */
	bool silent = run->shard > 0 && opt->parallel_output;
	if (silent) {
		obuf_flush(out);
		out->drain = discard;
	}
	one.head->ops->finish(one.head, inputs, opt->nfiles, run->st);
	if (silent) {
		obuf_flush(out);
		out->drain = NULL;
	}
	chain_free(&one);
	rep->ops->destroy(rep);
	run->one = NULL;
	return true;
}

/* The workers of -j; false when they could not be started (the caller then
 * runs one chain). */
static bool run_parallel(struct run *run, struct source *src, struct tv_input *inputs,
			 struct obuf *out)
{
	const struct pipeline_options *opt = run->opt;
	run->par = parallel_start(opt, opt->jobs, run->shards <= 1, run->shard > 0, out);
	if (run->par == NULL)
		return false;
	struct live lv = { .opt = opt };
	run_inputs(run, src, opt->nfiles, &lv);
	run->st->connections = connid_count(run->ids);
	parallel_finish(run->par, inputs, opt->nfiles, run->st, run->shard == 0);
	run->par = NULL;
	return true;
}

bool pipeline_run(const struct pipeline_options *opt, struct obuf *out,
		  struct tv_input *inputs, struct tv_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	memset(inputs, 0, opt->nfiles * sizeof(*inputs));
	struct run run = {
		.opt = opt,
		.st = stats,
		.shard = opt->shards > 1 ? opt->shard : 0,
		.shards = opt->shards,
	};
	/* The numbering remembers as many 4-tuples as the tracker follows,
	 * and as many more as half the slots of its record of ended ones
	 * (connid.h: the least recently active are forgotten first). */
	size_t follow = opt->tracker.max_connections ? opt->tracker.max_connections
						      : TRACKER_DEFAULT_MAX_CONNECTIONS;
	run.ids = connid_new(follow + FLOW_RECENT_SLOTS / 2);
	/* One reassembly table for the run: a datagram's fragments may even
	 * straddle two files. */
	run.df = defrag_new();
	struct source one_src, *src = opt->nfiles > 1 ? calloc(opt->nfiles, sizeof(*src)) : &one_src;
	if (run.ids == NULL || run.df == NULL || src == NULL) {
		inputs[0].path = opt->files[0];
		inputs[0].error = dup_error("out of memory");
		connid_free(run.ids);
		defrag_free(run.df);
		if (src != &one_src)
			free(src);
		return false;
	}
	bool live = false;
	for (size_t i = 0; i < opt->nfiles; i++)
		if (source_open(&src[i], opt->files[i], (uint16_t)i, opt, &inputs[i]))
			live |= reader_live(src[i].r);
	bool ran = opt->jobs > 1 && opt->parallel_output && !live &&
		   run_parallel(&run, src, inputs, out);
	if (!ran && !run_one(&run, src, inputs, out)) {
		inputs[0].path = opt->files[0];
		if (inputs[0].error == NULL)
			inputs[0].error = dup_error("out of memory");
	}
	bool ok = true;
	for (size_t i = 0; i < opt->nfiles; i++) {
		if (src[i].r != NULL) {	/* not read: out of memory */
			reader_close(src[i].r);
			src[i].r = NULL;
		}
		if (!inputs[i].complete)
			ok = false;
	}
	connid_free(run.ids);
	defrag_free(run.df);
	if (src != &one_src)
		free(src);
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
