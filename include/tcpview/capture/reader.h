/*
 * reader.h - offline capture reading: libpcap, or tcpview's pcapng reader
 * for the pcapng files libpcap refuses (capture layer).
 *
 * One struct reader per input file (or '-' for standard input).  It owns the
 * pcap handle (or the pcapng reader, pcapng.h) and the compiled BPF filter.
 * The filter is applied here with pcap_offline_filter() rather than
 * pcap_setfilter(), so that frame numbers keep counting every record of the
 * file, as tshark's frame.number does.
 *
 * libpcap reads every file it can.  A pcapng file whose interfaces have
 * different link types (or snap lengths), or whose sections have different
 * byte orders, is refused by libpcap at opening or at the first packet
 * after the interface that differs; the reader then reads it again from the
 * start with pcapng.c, skipping the packets already delivered, so frame
 * numbers stay those of the file.  Each frame carries its own link type,
 * and the filter is compiled once per link type.  Standard input and pipes
 * cannot be read twice: such a file is an error there, which says so.
 *
 * Errors are written into the caller's errbuf (READER_ERRBUF bytes) and name
 * the file and, for a record, its number; only main.c prints them.  They
 * are English, a stable value (JSON carries them as they are), each made
 * from a message of the catalog: reader_retell() tells one in the reader's
 * language.
 */
#ifndef TCPVIEW_READER_H
#define TCPVIEW_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/util/tvtime.h"

#define READER_ERRBUF 512

struct reader;

struct reader_frame {
	uint64_t number;	/* 1-based record number in the file */
	struct tv_time ts;
	uint32_t caplen, wire_len;
	const uint8_t *data;	/* valid until the next reader_next() */
	int dlt;		/* its link type (DLT_*): its interface's in pcapng */
	int ts_digits;		/* 6 (µs) or 9 (ns): its timestamps' precision */
	bool filtered_out;	/* read, but rejected by the BPF filter */
};

enum reader_status {
	READER_FRAME,
	READER_EOF,
	READER_ERROR,		/* the file ended early or is corrupt: errbuf says why */
};

/* Opens `path` ('-' is standard input); `filter` may be NULL. */
struct reader *reader_open(const char *path, const char *filter, char *errbuf);
enum reader_status reader_next(struct reader *r, struct reader_frame *f,
			       char *errbuf);
void reader_close(struct reader *r);
/*
 * Standard input that is a pipe, a socket or a terminal: packets come as
 * they are captured.  While such an input has no data, `idle` is called
 * about every 200 ms (from inside reader_next), for the caller to end the
 * connections that have gone quiet and write their stories.
 */
bool reader_live(const struct reader *r);
void reader_set_idle(struct reader *r, void (*idle)(void *ctx), void *ctx);
/*
 * Checks a BPF filter's syntax before any file is opened (compiled for
 * Ethernet), so that a typo is a usage error rather than a per-file one.
 */
bool reader_check_filter(const char *filter, char *errbuf);
/*
 * An error of this layer (above, and pcapng.h's within them) in other
 * words: taken apart against the messages it is made from, each of which
 * `tr` turns into its translation (say_tr()), and filled again with the
 * same arguments.  What no message explains (another layer's error, a
 * libpcap message tcpview does not know) is kept as it is.  Writes into
 * out (cap bytes, cut at cap - 1, NUL-terminated); returns the length.
 * With a `tr` that returns its argument, out is err.
 */
size_t reader_retell(char *out, size_t cap, const char *err,
		     const char *(*tr)(const char *msgid));

/* The link type of the file (of its first interface, in pcapng). */
int reader_dlt(const struct reader *r);
/* That link type's libpcap name ("EN10MB", "NULL", ...). */
const char *reader_link_name(const struct reader *r);
/* The error for a file whose link type tcpview does not decode (the
 * decoders say which they do), in errbuf (READER_ERRBUF bytes). */
void reader_unsupported_link(const struct reader *r, const char *path, char *errbuf);
/* libpcap's name of any link type (static), NULL when it has none. */
const char *reader_dlt_name(int dlt);
/* Decimal digits the file's timestamps carry: 6 (µs) or 9 (ns) (its first
 * interface's, in pcapng; each frame says its own). */
int reader_ts_digits(const struct reader *r);
uint64_t reader_frames(const struct reader *r);

#endif
