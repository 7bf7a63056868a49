/*
 * pcapng.h - tcpview's own pcapng block reader, for the files libpcap
 * refuses (capture layer).
 *
 * libpcap 1.10 reads a pcapng file only while every interface has the link
 * type and snap length of the first one and every section the byte order of
 * the first; a file that mixes them (dumpcap -i any -i lo writes one) is
 * refused.  reader.c falls back to this reader for those files only: every
 * file libpcap reads stays read by libpcap.
 *
 * Blocks (pcapng specification, draft-ietf-opsawg-pcapng): Section Header
 * (either byte order; a new section forgets the interfaces of the one
 * before), Interface Description (link type, snap length, if_tsresol,
 * if_tsoffset), Enhanced Packet, Simple Packet (interface 0) and the
 * obsolete Packet Block are read; every other block is skipped by its
 * length.  A block is read whole with fread() into a buffer the reader
 * owns (at most PCAPNG_MAX_BLOCK bytes) and every field of it through a
 * cursor (util/cursor.h).
 *
 * Ownership: pcapng_open() takes the FILE, which pcapng_close() closes (as
 * does a failed pcapng_open()).  A packet's data points into the reader's
 * buffer and stays valid until the next pcapng_next() or pcapng_close().
 * Errors go into the caller's errbuf (PCAPNG_ERRBUF bytes): they say which
 * block, at which byte of the file, and what is wrong with it, but neither
 * the file's name nor the packet number, which the caller adds.
 */
#ifndef TCPVIEW_CAPTURE_PCAPNG_H
#define TCPVIEW_CAPTURE_PCAPNG_H

#include <stdint.h>
#include <stdio.h>

#include "tcpview/util/tvtime.h"

#define PCAPNG_ERRBUF 256
/* A longer block is taken for a corrupt length (libpcap's limit too). */
#define PCAPNG_MAX_BLOCK (16u * 1024 * 1024)

struct pcapng;

struct pcapng_packet {
	uint32_t linktype;	/* its interface's LINKTYPE_ value, as in the file */
	uint32_t interface;	/* the interface's index in its section */
	struct tv_time ts;	/* if_tsresol and if_tsoffset applied */
	int ts_digits;		/* 6 when the resolution is 1 µs or coarser, else 9 */
	uint32_t caplen;	/* bytes at data */
	uint32_t wire_len;	/* original length, as the block says */
	const uint8_t *data;
};

enum pcapng_status {
	PCAPNG_PACKET,
	PCAPNG_EOF,
	PCAPNG_ERROR,		/* errbuf says why */
};

/*
 * Reads the first Section Header Block and the blocks up to the first
 * Interface Description Block, as libpcap does on opening.  NULL on error
 * (fp is closed then too).
 */
struct pcapng *pcapng_open(FILE *fp, char *errbuf);
/* The next packet; every block that is not a packet is taken in passing. */
enum pcapng_status pcapng_next(struct pcapng *r, struct pcapng_packet *p,
			       char *errbuf);
void pcapng_close(struct pcapng *r);

/* The first interface of the file: its link type and timestamp digits. */
uint32_t pcapng_first_linktype(const struct pcapng *r);
int pcapng_first_ts_digits(const struct pcapng *r);

#endif
