/*
 * parallel.h - -j N: worker threads, each with its own chain, and the
 * thread that puts their outputs back together (private to src/run).
 *
 * The reader (the caller's thread) decodes and numbers every packet, then
 * hands a copy of it to the worker that owns its connection (a part of the
 * flow hash, flow/recent.h): each worker has its own tracker, application
 * layer, diagnosis and output.  What each output writes is cut into pieces
 * labelled with where in the run a single chain would have written them
 * (the packet, and for the connections that end on the clock their order
 * of ending); the reader writes the pieces in that order, so the
 * output is byte-identical to one thread's (SPEC §14).  Everything moves in
 * fixed blocks through bounded queues: memory does not grow with the
 * capture.
 */
#ifndef TCPVIEW_RUN_PARALLEL_H
#define TCPVIEW_RUN_PARALLEL_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/decode/packet.h"
#include "tcpview/run/pipeline.h"
#include "tcpview/tcp/connid.h"

struct parallel;

/*
 * Starts `jobs` workers writing, through the reader, to `out`; `verdict`:
 * the capture-wide verdict is told; `quiet_udp`: what the output writes of
 * DNS over UDP is dropped (another shard tells it).  NULL when they could
 * not be started.
 */
struct parallel *parallel_start(const struct pipeline_options *opt, unsigned jobs,
				bool verdict, bool quiet_udp, struct obuf *out);
/* `packet` is the run's count of packets, the one handed in included. */
void parallel_tcp(struct parallel *par, const struct tv_packet *p, const struct conn_ref *ref);
void parallel_expire(struct parallel *par, uint64_t packet, struct tv_time now);
void parallel_icmp(struct parallel *par, const struct tv_packet *p, uint64_t packet,
		   uint32_t hash);
void parallel_udp(struct parallel *par, const struct tv_packet *p, uint64_t packet);
void parallel_malformed(struct parallel *par, uint64_t packet, const char *file,
			uint64_t frame, const char *why);
/* The end of the input: every connection ends, the output finishes
 * (`tell`: what it writes then is written, else dropped: another shard
 * tells it), and everything is freed. */
void parallel_finish(struct parallel *par, const struct tv_input *inputs, size_t n,
		     const struct tv_stats *st, bool tell);

#endif
