/*
 * sink.h - the one interface from analysis to its consumers.
 *
 * The tracker calls a sink as connections open, for each TCP packet's
 * event, then with the in-order bytes that packet makes deliverable (when
 * the sink asks for them), and as connections end; the run layer calls begin and finish, and
 * malformed for frames the decoders refused.  Every record passed is
 * complete (record.h) and valid only during the call: a sink that keeps
 * one copies it.  Byte runs point into the caller's buffers and are valid
 * only during the call too.
 *
 * Implemented by the application layer (app/, which adds its records and
 * passes everything on to the next sink) and by every output (output/).
 * Nothing here knows a format or a word.
 */
#ifndef TCPVIEW_TCP_SINK_H
#define TCPVIEW_TCP_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/tcp/record.h"

/* One input file, as the inputs array of the JSON document reports it. */
struct tv_input {
	const char *path;
	const char *link_name;
	uint64_t packets;
	bool complete;		/* read to its end */
	const char *error;	/* why not, when !complete */
	/* Frames of a link type tcpview does not decode, in a pcapng file
	 * whose first interface has one it does (counted in
	 * stats.other_packets too), and the libpcap name of the first such
	 * link type ("DLT 147" when libpcap has none; owned like error). */
	uint64_t unsupported_link_frames;
	const char *unsupported_link_name;
};

/* Kinds of encapsulation counted at most, each by its stable name. */
#define TV_UNDECODED_KINDS 8

struct tv_stats {
	uint64_t packets, tcp_packets, other_packets, malformed, connections;
	/* Packets in an encapsulation tcpview cannot open, by kind
	 * (tv_packet.undecoded, e.g. "ieee802_11_protected"); part of other_packets. */
	struct tv_undecoded {
		const char *kind;
		uint64_t packets;
	} undecoded[TV_UNDECODED_KINDS];
	size_t nundecoded;
};

struct tv_sink;
struct tv_app;		/* app/record.h: what the applications said */
struct tv_diagnosis;	/* diagnose/record.h: what a connection's records show */
struct tv_capture_verdict;

struct tv_sink_ops {
	void (*begin)(struct tv_sink *s);
	void (*conn_open)(struct tv_sink *s, const struct tv_conn_info *c);
	void (*event)(struct tv_sink *s, const struct tv_event *ev);
	/*
	 * In-order bytes of direction `dir` of connection `conn`, from the
	 * segment of `frame`; data == NULL is a gap of `len` bytes that were
	 * never captured.  NULL when the sink wants no bytes: the tracker then
	 * reassembles nothing.
	 */
	void (*bytes)(struct tv_sink *s, uint64_t conn, enum tv_dir dir,
		      uint64_t frame, const uint8_t *data, size_t len);
	/*
	 * An application record, right after the event of the frame that
	 * completed it (app/record.h).  Only the application layer calls
	 * it; NULL when the sink has no use for them.
	 */
	void (*app)(struct tv_sink *s, const struct tv_app *a);
	/* A connection's findings, right before its conn_close; and the
	 * capture-wide verdict before finish (diagnose/record.h).  Only the
	 * diagnosis calls them; NULL when the sink has no use for them. */
	void (*diagnosis)(struct tv_sink *s, const struct tv_diagnosis *d);
	void (*capture_verdict)(struct tv_sink *s, const struct tv_capture_verdict *v);
	void (*conn_close)(struct tv_sink *s, const struct tv_conn_report *r);
	/*
	 * Whatever the calls so far produced is handed on, or written: a
	 * sink that holds the last packet's records until the next call (so
	 * as to join the records of its frame to it) lets them go now.  Only
	 * a run whose outputs are put back together packet by packet (-j)
	 * calls it, after each packet; NULL when a sink holds nothing.
	 */
	void (*settle)(struct tv_sink *s);
	/* A frame that could not be decoded (counted in stats.malformed). */
	void (*malformed)(struct tv_sink *s, const char *file, uint64_t frame,
			  const char *why);
	void (*finish)(struct tv_sink *s, const struct tv_input *inputs,
		       size_t ninputs, const struct tv_stats *stats);
	void (*destroy)(struct tv_sink *s);
};

/* A sink's own struct starts with this. */
struct tv_sink {
	const struct tv_sink_ops *ops;
};

#endif
