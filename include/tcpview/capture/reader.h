/*
 * reader.h - offline capture reading through libpcap.
 *
 * One struct reader per input file (or '-' for standard input).  It owns the
 * pcap handle and the compiled BPF filter.  The filter is applied here with
 * pcap_offline_filter() rather than pcap_setfilter(), so that frame numbers
 * keep counting every record of the file, as tshark's frame.number does.
 *
 * Errors are written into the caller's errbuf (READER_ERRBUF bytes) and name
 * the file and, for a record, its number; only main.c prints them.
 */
#ifndef TCPVIEW_READER_H
#define TCPVIEW_READER_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/util/tvtime.h"

#define READER_ERRBUF 512

struct reader;

struct reader_frame {
	uint64_t number;	/* 1-based record number in the file */
	struct tv_time ts;
	uint32_t caplen, wire_len;
	const uint8_t *data;	/* valid until the next reader_next() */
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
 * Checks a BPF filter's syntax before any file is opened (compiled for
 * Ethernet), so that a typo is a usage error rather than a per-file one.
 */
bool reader_check_filter(const char *filter, char *errbuf);

int reader_dlt(const struct reader *r);
/* The link type's libpcap name ("EN10MB", "NULL", ...). */
const char *reader_link_name(const struct reader *r);
/* Decimal digits the file's timestamps carry: 6 (µs) or 9 (ns). */
int reader_ts_digits(const struct reader *r);
uint64_t reader_frames(const struct reader *r);

#endif
