/*
 * check_pcapng.c - unit tests of capture/pcapng.h, tcpview's own pcapng
 * reader, and of the reader (reader.h) falling back to it when libpcap
 * refuses a file whose interfaces have different link types.
 *
 * Files are assembled from hand-written blocks, each field's meaning in a
 * comment beside its bytes (the pcapng specification's names, as Wireshark
 * shows them).  The good file has two interfaces (EN10MB with if_tsresol
 * 10^-9 and if_tsoffset, LINUX_SLL2 with if_tsresol 2^-20), an Enhanced
 * Packet Block on each, a Name Resolution Block and a Custom Block that are
 * skipped, a Simple Packet Block, an obsolete Packet Block, an Interface
 * Statistics Block, then a second section in big-endian byte order with a
 * RAW interface.  The damaged files each break one field and must give an
 * error that says what is wrong (and, through the reader, which packet),
 * after the packets before the damage; the suite is run under
 * AddressSanitizer by configure --enable-sanitizers, so a read out of
 * bounds fails it too.  Every such error is told again through
 * reader_retell(): the same text with a `tr` that changes nothing, and its
 * pieces in the order of a test language's messages with one that does.
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpview/capture/pcapng.h"
#include "tcpview/capture/reader.h"
#include "check_main.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif

/* ------------------------------------------------------------- packets */

/* The IPv4 + TCP SYN every frame carries, 40 bytes:
 * 127.0.0.1 → 127.0.0.1 TCP 40000 → 80 [SYN] Seq=0 Win=65535 Len=0 */
#define IP4_TCP_SYN \
	0x45, 0x00, 0x00, 0x28,	/* Version 4, Header Length 20, DSCP 0, Total Length: 40 */ \
	0x00, 0x01, 0x40, 0x00,	/* Identification 1, Flags: Don't fragment, Offset 0 */ \
	0x40, 0x06, 0x3c, 0xcd,	/* TTL 64, Protocol: TCP (6), Header Checksum 0x3ccd */ \
	0x7f, 0x00, 0x00, 0x01,	/* Source Address: 127.0.0.1 */ \
	0x7f, 0x00, 0x00, 0x01,	/* Destination Address: 127.0.0.1 */ \
	0x9c, 0x40, 0x00, 0x50,	/* Source Port: 40000, Destination Port: 80 */ \
	0x00, 0x00, 0x03, 0xe8,	/* Sequence Number (raw): 1000 */ \
	0x00, 0x00, 0x00, 0x00,	/* Acknowledgment number (raw): 0 */ \
	0x50, 0x02, 0xff, 0xff,	/* Header Length: 20 bytes, Flags: SYN, Window: 65535 */ \
	0x00, 0x00, 0x00, 0x00	/* Checksum 0 (unverified), Urgent Pointer: 0 */

/* Ethernet II, Src: 00:00:00:00:00:00, Dst: 00:00:00:00:00:00, 14 bytes */
#define ETH_HDR \
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* Destination */ \
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* Source */ \
	0x08, 0x00				/* Type: IPv4 */

/* Linux cooked capture v2, 20 bytes */
#define SLL2_HDR \
	0x08, 0x00,		/* Protocol: IPv4 */ \
	0x00, 0x00,		/* Reserved */ \
	0x00, 0x00, 0x00, 0x01,	/* Interface index: 1 */ \
	0x03, 0x04,		/* Link-layer address type: Loopback (772) */ \
	0x00,			/* Packet type: Unicast to us (0) */ \
	0x06,			/* Link-layer address length: 6 */ \
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00	/* Source (unused bytes too) */

/* -------------------------------------------------- section 1, little endian */

static const uint8_t shb_le[] = {
	0x0a, 0x0d, 0x0d, 0x0a,	/* Block Type: Section Header Block (0x0a0d0d0a) */
	0x1c, 0x00, 0x00, 0x00,	/* Block Total Length: 28 */
	0x4d, 0x3c, 0x2b, 0x1a,	/* Byte-Order Magic: 0x1a2b3c4d, written little-endian */
	0x01, 0x00, 0x00, 0x00,	/* Major Version: 1, Minor Version: 0 */
	0xff, 0xff, 0xff, 0xff,	/* Section Length: -1 (not specified) */
	0xff, 0xff, 0xff, 0xff,
	0x1c, 0x00, 0x00, 0x00,	/* Block Total Length: 28 */
};

/* Interface 0: Ethernet, nanoseconds, 1000 s to add to every timestamp. */
static const uint8_t idb_eth[] = {
	0x01, 0x00, 0x00, 0x00,	/* Block Type: Interface Description Block (1) */
	0x2c, 0x00, 0x00, 0x00,	/* Block Total Length: 44 */
	0x01, 0x00,		/* LinkType: ETHERNET (1) */
	0x00, 0x00,		/* Reserved */
	0x00, 0x00, 0x04, 0x00,	/* SnapLen: 262144 */
	0x09, 0x00, 0x01, 0x00,	/* Option: if_tsresol (9), Length: 1 */
	0x09, 0x00, 0x00, 0x00,	/*   10^-9 (nanoseconds), 3 bytes of padding */
	0x0e, 0x00, 0x08, 0x00,	/* Option: if_tsoffset (14), Length: 8 */
	0xe8, 0x03, 0x00, 0x00,	/*   1000 seconds */
	0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,	/* Option: opt_endofopt (0), Length: 0 */
	0x2c, 0x00, 0x00, 0x00,	/* Block Total Length: 44 */
};

/* Interface 1: Linux cooked v2, 2^-20 s units. */
static const uint8_t idb_sll2[] = {
	0x01, 0x00, 0x00, 0x00,	/* Block Type: Interface Description Block (1) */
	0x20, 0x00, 0x00, 0x00,	/* Block Total Length: 32 */
	0x14, 0x01,		/* LinkType: LINUX_SLL2 (276) */
	0x00, 0x00,		/* Reserved */
	0xff, 0xff, 0x00, 0x00,	/* SnapLen: 65535 */
	0x09, 0x00, 0x01, 0x00,	/* Option: if_tsresol (9), Length: 1 */
	0x94, 0x00, 0x00, 0x00,	/*   0x94: 2^-20 s, 3 bytes of padding */
	0x00, 0x00, 0x00, 0x00,	/* Option: opt_endofopt (0), Length: 0 */
	0x20, 0x00, 0x00, 0x00,	/* Block Total Length: 32 */
};

/* Name Resolution Block: skipped. */
static const uint8_t nrb[] = {
	0x04, 0x00, 0x00, 0x00,	/* Block Type: Name Resolution Block (4) */
	0x1c, 0x00, 0x00, 0x00,	/* Block Total Length: 28 */
	0x01, 0x00, 0x06, 0x00,	/* Record: nrb_record_ipv4 (1), Length: 6 */
	0x7f, 0x00, 0x00, 0x01,	/*   127.0.0.1 */
	'h', 0x00, 0x00, 0x00,	/*   "h", 2 bytes of padding */
	0x00, 0x00, 0x00, 0x00,	/* Record: nrb_record_end (0), Length: 0 */
	0x1c, 0x00, 0x00, 0x00,	/* Block Total Length: 28 */
};

/* Frame 1: interface 0, Ethernet, at 1700000000.123456789 (1000 s of it from
 * if_tsoffset). */
static const uint8_t epb_eth[] = {
	0x06, 0x00, 0x00, 0x00,	/* Block Type: Enhanced Packet Block (6) */
	0x58, 0x00, 0x00, 0x00,	/* Block Total Length: 88 */
	0x00, 0x00, 0x00, 0x00,	/* Interface ID: 0 */
	0x15, 0x9c, 0x97, 0x17,	/* Timestamp (High): 0x17979c15 */
	0x15, 0xbd, 0xe0, 0x68,	/* Timestamp (Low): 0x68e0bd15; 1699999000123456789 ns */
	0x36, 0x00, 0x00, 0x00,	/* Captured Packet Length: 54 */
	0x36, 0x00, 0x00, 0x00,	/* Original Packet Length: 54 */
	ETH_HDR, IP4_TCP_SYN,	/* Packet Data: 54 bytes */
	0x00, 0x00,		/* padding to 32 bits */
	0x58, 0x00, 0x00, 0x00,	/* Block Total Length: 88 */
};

/* Custom Block: skipped. */
static const uint8_t custom[] = {
	0xad, 0x0b, 0x00, 0x00,	/* Block Type: Custom Block (0x00000bad) */
	0x14, 0x00, 0x00, 0x00,	/* Block Total Length: 20 */
	0x7b, 0x00, 0x00, 0x00,	/* Private Enterprise Number: 123 */
	0xde, 0xad, 0xbe, 0xef,	/* Custom Data */
	0x14, 0x00, 0x00, 0x00,	/* Block Total Length: 20 */
};

/* Frame 2: interface 1, Linux cooked v2, at 1700000001.5 in 2^-20 s. */
static const uint8_t epb_sll2[] = {
	0x06, 0x00, 0x00, 0x00,	/* Block Type: Enhanced Packet Block (6) */
	0x5c, 0x00, 0x00, 0x00,	/* Block Total Length: 92 */
	0x01, 0x00, 0x00, 0x00,	/* Interface ID: 1 */
	0x3f, 0x55, 0x06, 0x00,	/* Timestamp (High): 0x0006553f */
	0x00, 0x00, 0x18, 0x10,	/* Timestamp (Low): 0x10180000; 1700000001 * 2^20 + 2^19 */
	0x3c, 0x00, 0x00, 0x00,	/* Captured Packet Length: 60 */
	0x3c, 0x00, 0x00, 0x00,	/* Original Packet Length: 60 */
	SLL2_HDR, IP4_TCP_SYN,	/* Packet Data: 60 bytes */
	0x5c, 0x00, 0x00, 0x00,	/* Block Total Length: 92 */
};

/* Frame 3: Simple Packet Block, interface 0 (Ethernet), no timestamp. */
static const uint8_t spb[] = {
	0x03, 0x00, 0x00, 0x00,	/* Block Type: Simple Packet Block (3) */
	0x48, 0x00, 0x00, 0x00,	/* Block Total Length: 72 */
	0x36, 0x00, 0x00, 0x00,	/* Original Packet Length: 54 */
	ETH_HDR, IP4_TCP_SYN,	/* Packet Data: 54 bytes */
	0x00, 0x00,		/* padding to 32 bits */
	0x48, 0x00, 0x00, 0x00,	/* Block Total Length: 72 */
};

/* Frame 4: the obsolete Packet Block, interface 1 (Linux cooked v2). */
static const uint8_t pb[] = {
	0x02, 0x00, 0x00, 0x00,	/* Block Type: Packet Block (2, obsolete) */
	0x5c, 0x00, 0x00, 0x00,	/* Block Total Length: 92 */
	0x01, 0x00,		/* Interface ID: 1 */
	0x00, 0x00,		/* Drops Count: 0 */
	0x3f, 0x55, 0x06, 0x00,	/* Timestamp (High): 0x0006553f */
	0x00, 0x00, 0x18, 0x10,	/* Timestamp (Low): 0x10180000 */
	0x3c, 0x00, 0x00, 0x00,	/* Captured Packet Length: 60 */
	0x3c, 0x00, 0x00, 0x00,	/* Packet Length: 60 */
	SLL2_HDR, IP4_TCP_SYN,	/* Packet Data: 60 bytes */
	0x5c, 0x00, 0x00, 0x00,	/* Block Total Length: 92 */
};

/* Interface Statistics Block: skipped. */
static const uint8_t isb[] = {
	0x05, 0x00, 0x00, 0x00,	/* Block Type: Interface Statistics Block (5) */
	0x18, 0x00, 0x00, 0x00,	/* Block Total Length: 24 */
	0x00, 0x00, 0x00, 0x00,	/* Interface ID: 0 */
	0x00, 0x00, 0x00, 0x00,	/* Timestamp (High) */
	0x00, 0x00, 0x00, 0x00,	/* Timestamp (Low) */
	0x18, 0x00, 0x00, 0x00,	/* Block Total Length: 24 */
};

/* ------------------------------------------------------ section 2, big endian */

static const uint8_t shb_be[] = {
	0x0a, 0x0d, 0x0d, 0x0a,	/* Block Type: Section Header Block */
	0x00, 0x00, 0x00, 0x1c,	/* Block Total Length: 28 */
	0x1a, 0x2b, 0x3c, 0x4d,	/* Byte-Order Magic: 0x1a2b3c4d, big-endian */
	0x00, 0x01, 0x00, 0x00,	/* Major Version: 1, Minor Version: 0 */
	0xff, 0xff, 0xff, 0xff,	/* Section Length: -1 */
	0xff, 0xff, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x1c,	/* Block Total Length: 28 */
};

/* Interface 0 of section 2: raw IP, microseconds (no if_tsresol). */
static const uint8_t idb_raw_be[] = {
	0x00, 0x00, 0x00, 0x01,	/* Block Type: Interface Description Block */
	0x00, 0x00, 0x00, 0x14,	/* Block Total Length: 20 */
	0x00, 0x65,		/* LinkType: RAW (101) */
	0x00, 0x00,		/* Reserved */
	0x00, 0x00, 0x00, 0x00,	/* SnapLen: 0 (no limit) */
	0x00, 0x00, 0x00, 0x14,	/* Block Total Length: 20 */
};

/* Frame 5: interface 0 of section 2, at 1700000002.250000 in µs. */
static const uint8_t epb_raw_be[] = {
	0x00, 0x00, 0x00, 0x06,	/* Block Type: Enhanced Packet Block */
	0x00, 0x00, 0x00, 0x48,	/* Block Total Length: 72 */
	0x00, 0x00, 0x00, 0x00,	/* Interface ID: 0 */
	0x00, 0x06, 0x0a, 0x24,	/* Timestamp (High): 0x00060a24 */
	0x18, 0x40, 0x95, 0x10,	/* Timestamp (Low): 0x18409510; 1700000002250000 µs */
	0x00, 0x00, 0x00, 0x28,	/* Captured Packet Length: 40 */
	0x00, 0x00, 0x00, 0x28,	/* Original Packet Length: 40 */
	IP4_TCP_SYN,		/* Packet Data: 40 bytes */
	0x00, 0x00, 0x00, 0x48,	/* Block Total Length: 72 */
};

/* --------------------------------------------------------------- helpers */

struct bytes {
	uint8_t data[4096];
	size_t len;
};

static void put(struct bytes *b, const void *p, size_t n)
{
	ck_assert_msg(b->len + n <= sizeof(b->data), "test file too long");
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

#define PUT(b, a) put((b), (a), sizeof(a))

/* Overwrites the 32-bit little-endian field at `off`. */
static void set_le32(struct bytes *b, size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b->data[off + i] = (uint8_t)(v >> (8 * i));
}

/* The first section of the good file: 4 packets, every kind of block. */
static struct bytes good_section(void)
{
	struct bytes b = { .len = 0 };
	PUT(&b, shb_le);
	PUT(&b, idb_eth);
	PUT(&b, idb_sll2);
	PUT(&b, nrb);
	PUT(&b, epb_eth);
	PUT(&b, custom);
	PUT(&b, epb_sll2);
	PUT(&b, spb);
	PUT(&b, pb);
	PUT(&b, isb);
	return b;
}

/* A FILE holding b's bytes (pcapng_open takes it). */
static FILE *file_of(const struct bytes *b)
{
	FILE *fp = tmpfile();
	ck_assert_msg(fp != NULL, "tmpfile");
	ck_assert(fwrite(b->data, 1, b->len, fp) == b->len);
	rewind(fp);
	return fp;
}

/* A file on disk holding b's bytes, for reader_open(); the caller unlinks. */
static void path_of(const struct bytes *b, char path[64])
{
	snprintf(path, 64, "/tmp/check_pcapng.XXXXXX");
	int fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "mkstemp");
	ck_assert(write(fd, b->data, b->len) == (ssize_t)b->len);
	close(fd);
}

/* ----------------------------------------------------------------- tests */

START_TEST(reads_every_packet_block)
{
	struct bytes b = good_section();
	PUT(&b, shb_be);
	PUT(&b, idb_raw_be);
	PUT(&b, epb_raw_be);
	char err[PCAPNG_ERRBUF] = "";
	struct pcapng *r = pcapng_open(file_of(&b), err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	ck_assert_msg(pcapng_first_linktype(r) == 1, "first link type ETHERNET (1)");
	ck_assert_msg(pcapng_first_ts_digits(r) == 9, "first interface in ns: 9 digits");

	struct pcapng_packet p;
	/* EPB, interface 0: 10^-9 units plus if_tsoffset 1000 s. */
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.linktype == 1 && p.interface == 0, "frame 1 on interface 0, ETHERNET");
	ck_assert_msg(p.ts.sec == 1700000000 && p.ts.nsec == 123456789,
		      "frame 1 at 1700000000.123456789, got %lld.%09u",
		      (long long)p.ts.sec, (unsigned)p.ts.nsec);
	ck_assert_int_eq(p.ts_digits, 9);
	ck_assert_msg(p.caplen == 54 && p.wire_len == 54, "frame 1: 54 bytes");
	ck_assert_msg(p.data[12] == 0x08 && p.data[14] == 0x45, "frame 1's data is the Ethernet frame");

	/* NRB and custom block skipped; EPB on interface 1, 2^-20 units. */
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.linktype == 276 && p.interface == 1, "frame 2 on interface 1, LINUX_SLL2");
	ck_assert_msg(p.ts.sec == 1700000001 && p.ts.nsec == 500000000,
		      "frame 2 at 1700000001.5, got %lld.%09u",
		      (long long)p.ts.sec, (unsigned)p.ts.nsec);
	ck_assert_msg(p.ts_digits == 9, "2^-20 s is finer than 1 µs: 9 digits");
	ck_assert_msg(p.caplen == 60 && p.data[0] == 0x08 && p.data[20] == 0x45,
		      "frame 2: the 60-byte SLL2 frame");

	/* SPB: interface 0, no timestamp, captured length = original 54. */
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.linktype == 1 && p.interface == 0, "SPB: interface 0");
	ck_assert_msg(p.caplen == 54 && p.wire_len == 54,
		      "SPB: caplen 54 (not the 56 bytes with padding), got %u", (unsigned)p.caplen);
	ck_assert_msg(p.ts.sec == 0 && p.ts.nsec == 0, "SPB: no timestamp");

	/* PB: 16-bit interface id 1. */
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.linktype == 276 && p.interface == 1 && p.caplen == 60,
		      "PB: interface 1, 60 bytes");
	ck_assert_msg(p.ts.sec == 1700000001 && p.ts.nsec == 500000000, "PB timestamp");

	/* ISB skipped; a big-endian section whose interface 0 is RAW. */
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.linktype == 101 && p.interface == 0,
		      "the new section's interface 0 is RAW (101), got %u", (unsigned)p.linktype);
	ck_assert_msg(p.ts.sec == 1700000002 && p.ts.nsec == 250000000,
		      "frame 5 at 1700000002.25 (µs), got %lld.%09u",
		      (long long)p.ts.sec, (unsigned)p.ts.nsec);
	ck_assert_msg(p.ts_digits == 6, "µs: 6 digits");
	ck_assert_msg(p.caplen == 40 && p.data[0] == 0x45, "frame 5: the raw IPv4 packet");

	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_EOF);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_EOF);
	pcapng_close(r);
}
END_TEST

/* A timestamp is 64-bit units; every resolution converts without overflow. */
START_TEST(timestamp_resolutions)
{
	static const struct {
		uint8_t resol;
		uint32_t hi, lo;
		long long sec;
		unsigned nsec;
		int digits;
	} cases[] = {
		{ 6, 0, 1500000, 1, 500000000, 6 },		/* 10^-6: 1.5 s */
		{ 0, 0, 7, 7, 0, 6 },				/* 10^0: seconds */
		{ 3, 0, 1001, 1, 1000000, 6 },			/* 10^-3 */
		{ 12, 0, 1500000000u, 0, 1500000, 9 },		/* 10^-12: ps, 1.5 ms */
		{ 19, 0xffffffffu, 0xffffffffu, 1, 844674407, 9 }, /* 10^-19: 2^64 - 1 units */
		{ 127, 0xffffffffu, 0xffffffffu, 0, 0, 9 },	/* 10^-127: 0 */
		{ 0x80, 0, 5, 5, 0, 6 },			/* 2^0: seconds */
		{ 0x8a, 0, 1536, 1, 500000000, 6 },		/* 2^-10 */
		{ 0x93, 0, 1u << 19, 1, 0, 6 },			/* 2^-19: coarser than 1 µs */
		{ 0x94, 0, 1u << 19, 0, 500000000, 9 },	/* 2^-20: finer */
		{ 0xbf, 0xc0000000u, 0, 1, 500000000, 9 },	/* 2^-63 */
		{ 0xc0, 0x80000000u, 0, 0, 500000000, 9 },	/* 2^-64 */
		{ 0xff, 0xffffffffu, 0xffffffffu, 0, 0, 9 },	/* 2^-127 */
		/* 2^64 - 1 seconds: does not fit int64, saturates */
		{ 0, 0xffffffffu, 0xffffffffu, 9223372036854775807LL, 0, 6 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bytes b = { .len = 0 };
		PUT(&b, shb_le);
		struct bytes idb = { .len = 0 };
		PUT(&idb, idb_sll2);
		idb.data[20] = cases[i].resol;		/* the if_tsresol value */
		put(&b, idb.data, idb.len);
		/* the EPB moved to interface 0, with the case's timestamp */
		struct bytes e = { .len = 0 };
		PUT(&e, epb_sll2);
		set_le32(&e, 8, 0);
		set_le32(&e, 12, cases[i].hi);
		set_le32(&e, 16, cases[i].lo);
		put(&b, e.data, e.len);
		char err[PCAPNG_ERRBUF] = "";
		struct pcapng *r = pcapng_open(file_of(&b), err);
		ck_assert_msg(r != NULL, "case %zu opens: %s", i, err);
		struct pcapng_packet p;
		ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
		ck_assert_msg(p.ts.sec == cases[i].sec && p.ts.nsec == cases[i].nsec &&
			      p.ts_digits == cases[i].digits,
			      "if_tsresol 0x%02x, units 0x%08x%08x: want %lld.%09u (%d digits), "
			      "got %lld.%09u (%d)", cases[i].resol, (unsigned)cases[i].hi,
			      (unsigned)cases[i].lo, cases[i].sec, cases[i].nsec, cases[i].digits,
			      (long long)p.ts.sec, (unsigned)p.ts.nsec, p.ts_digits);
		pcapng_close(r);
	}
}
END_TEST

/* A negative if_tsoffset moves timestamps back; a sum past INT64_MAX
 * saturates. */
START_TEST(timestamp_offset)
{
	struct bytes b = { .len = 0 };
	PUT(&b, shb_le);
	struct bytes idb = { .len = 0 };
	PUT(&idb, idb_eth);
	set_le32(&idb, 28, 0xfffffc18u);	/* if_tsoffset low word: -1000 */
	set_le32(&idb, 32, 0xffffffffu);	/* high word */
	put(&b, idb.data, idb.len);
	PUT(&b, epb_eth);
	char err[PCAPNG_ERRBUF] = "";
	struct pcapng *r = pcapng_open(file_of(&b), err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	struct pcapng_packet p;
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.ts.sec == 1699998000 && p.ts.nsec == 123456789,
		      "if_tsoffset -1000: 1699998000.123456789, got %lld.%09u",
		      (long long)p.ts.sec, (unsigned)p.ts.nsec);
	pcapng_close(r);

	set_le32(&b, 28 + 28, 0xffffffffu);	/* offset INT64_MAX */
	set_le32(&b, 28 + 32, 0x7fffffffu);
	r = pcapng_open(file_of(&b), err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.ts.sec == INT64_MAX, "saturates at INT64_MAX, got %lld",
		      (long long)p.ts.sec);
	pcapng_close(r);
}
END_TEST

/* SPB captured length: min(original length, snap length, room in the block). */
START_TEST(simple_packet_lengths)
{
	struct bytes b = { .len = 0 };
	PUT(&b, shb_le);
	struct bytes idb = { .len = 0 };
	PUT(&idb, idb_eth);
	set_le32(&idb, 12, 20);			/* SnapLen: 20 */
	put(&b, idb.data, idb.len);
	struct bytes s = { .len = 0 };
	PUT(&s, spb);
	put(&b, s.data, s.len);			/* original 54, snaplen 20: 20 */
	set_le32(&s, 8, 1000);			/* original 1000 */
	put(&b, s.data, s.len);
	char err[PCAPNG_ERRBUF] = "";
	struct pcapng *r = pcapng_open(file_of(&b), err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	struct pcapng_packet p;
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.caplen == 20 && p.wire_len == 54, "snaplen 20: caplen 20, got %u",
		      (unsigned)p.caplen);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.caplen == 20 && p.wire_len == 1000, "still the snaplen");
	pcapng_close(r);

	/* snaplen 0 (no limit): the room in the block, 56 bytes, bounds it */
	set_le32(&b, 28 + 12, 0);
	r = pcapng_open(file_of(&b), err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.caplen == 54, "no snaplen: the original 54, got %u", (unsigned)p.caplen);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_msg(p.caplen == 56 && p.wire_len == 1000,
		      "original 1000 in a 56-byte room: 56, got %u", (unsigned)p.caplen);
	pcapng_close(r);
}
END_TEST

/* The messages of a language of tests: a file's packet and a block put
 * their pieces in another order, the others are as in English. */
static const char *test_tr(const char *msgid)
{
	if (strcmp(msgid, "%1$s: packet %2$s: %3$s") == 0)
		return "<%3$s> in packet %2$s of %1$s";
	if (strcmp(msgid, "%1$s at byte %2$s: %3$s") == 0)
		return "[%2$s/%1$s] %3$s";
	if (strcmp(msgid, "unknown file format") == 0)
		return "format?";
	if (strcmp(msgid, "truncated dump file; tried to read %1$s file header bytes, only "
			  "got %2$s") == 0)
		return "file header: %2$s of %1$s";
	if (strcmp(msgid, "truncated dump file; tried to read %1$s header bytes, only got %2$s")
	    == 0)
		return "record header: %2$s of %1$s";
	return msgid;
}

static const char *same_tr(const char *msgid)
{
	return msgid;
}

/*
 * Damage to the second packet block of [SHB IDB IDB NRB EPB CB EPB ...]:
 * packet 1 is read, then the error names what is wrong.
 */
#define EPB2 (sizeof(shb_le) + sizeof(idb_eth) + sizeof(idb_sll2) + sizeof(nrb) + \
	      sizeof(epb_eth) + sizeof(custom))

struct damage {
	const char *label;
	size_t cut;		/* file length, 0: whole */
	size_t off;		/* 32-bit LE field to change, 0: none */
	uint32_t value;
	const char *want;	/* in the message */
};

static const struct damage damages[] = {
	{ "block length 8", 0, EPB2 + 4, 8,
	  "Enhanced Packet Block at byte 240: block total length 8 is less than the 12-byte minimum" },
	{ "block length 0", 0, EPB2 + 4, 0, "block total length 0 is less than the 12-byte minimum" },
	{ "block length 90", 0, EPB2 + 4, 90, "block total length 90 is not a multiple of 4" },
	{ "block length 0xfffffffc", 0, EPB2 + 4, 0xfffffffcu,
	  "block total length 4294967292 is more than the 16777216-byte (16 MiB) limit" },
	{ "block length past the end of the file", 0, EPB2 + 4, 4096,
	  "the file ends inside the block (" },
	{ "trailing length 96", 0, EPB2 + 88, 96,
	  "trailing block total length 96 differs from the leading 92" },
	{ "interface 7", 0, EPB2 + 8, 7,
	  "names interface 7, but its section describes only interfaces 0 to 1" },
	{ "captured length 61", 0, EPB2 + 20, 61,
	  "captured length 61 is more than the 60 bytes of packet data the block holds" },
	{ "captured length 0xffffffff", 0, EPB2 + 20, 0xffffffffu,
	  "captured length 4294967295 is more than the 60 bytes" },
	{ "cut in the block header", EPB2 + 5, 0, 0,
	  "the file ends inside a block header at byte 240 (5 of its 8 bytes)" },
	{ "cut in the block", EPB2 + 50, 0, 0,
	  "Enhanced Packet Block at byte 240: the file ends inside the block (50 of its 92 bytes)" },
	{ "cut before the trailer", EPB2 + 90, 0, 0, "(90 of its 92 bytes)" },
};

START_TEST(damaged_packet_block)
{
	const struct damage *d = &damages[_i];
	struct bytes b = good_section();
	if (d->off != 0)
		set_le32(&b, d->off, d->value);
	if (d->cut != 0)
		b.len = d->cut;

	/* pcapng.c itself */
	char err[PCAPNG_ERRBUF] = "";
	struct pcapng *r = pcapng_open(file_of(&b), err);
	ck_assert_msg(r != NULL, "%s: opens: %s", d->label, err);
	struct pcapng_packet p;
	ck_assert_msg(pcapng_next(r, &p, err) == PCAPNG_PACKET, "%s: packet 1 read", d->label);
	ck_assert_msg(pcapng_next(r, &p, err) == PCAPNG_ERROR, "%s: packet 2 is an error",
		      d->label);
	ck_assert_msg(strstr(err, d->want) != NULL, "%s: message '%s' lacks '%s'",
		      d->label, err, d->want);
	char first[PCAPNG_ERRBUF];
	memcpy(first, err, sizeof(first));
	ck_assert_msg(pcapng_next(r, &p, err) != PCAPNG_PACKET ||
		      true, "reading on after an error does not crash");
	pcapng_close(r);

	/* The reader: libpcap refuses the file (two link types), pcapng.c
	 * reads it; the error names the file and packet 2. */
	char path[64], rerr[READER_ERRBUF] = "", want[128];
	path_of(&b, path);
	struct reader *rd = reader_open(path, NULL, rerr);
	ck_assert_msg(rd != NULL, "%s: reader_open: %s", d->label, rerr);
	struct reader_frame f;
	ck_assert_msg(reader_next(rd, &f, rerr) == READER_FRAME && f.number == 1,
		      "%s: frame 1 read: %s", d->label, rerr);
	ck_assert_msg(reader_next(rd, &f, rerr) == READER_ERROR, "%s: then an error", d->label);
	snprintf(want, sizeof(want), "%s: packet 2: ", path);
	ck_assert_msg(strncmp(rerr, want, strlen(want)) == 0 && strstr(rerr, d->want) != NULL,
		      "%s: reader error '%s' lacks '%s' + '%s'", d->label, rerr, want, d->want);
	ck_assert_msg(reader_frames(rd) == 1, "%s: 1 frame counted", d->label);
	reader_close(rd);
	unlink(path);

	/* Told again: unchanged in English; in the test language the
	 * packet's and the block's messages reordered, the error inside
	 * them in its turn. */
	char told[2 * READER_ERRBUF], block[PCAPNG_ERRBUF + 32], expect[2 * READER_ERRBUF];
	reader_retell(told, sizeof(told), rerr, same_tr);
	ck_assert_str_eq(told, rerr);
	static const char epb_at[] = "Enhanced Packet Block at byte 240: ";
	if (strncmp(first, epb_at, strlen(epb_at)) == 0)
		snprintf(block, sizeof(block), "[240/Enhanced Packet Block] %s",
			 first + strlen(epb_at));
	else
		snprintf(block, sizeof(block), "%s", first);
	snprintf(expect, sizeof(expect), "<%s> in packet 2 of %s", block, path);
	reader_retell(told, sizeof(told), rerr, test_tr);
	ck_assert_str_eq(told, expect);
}
END_TEST

/* What reader_retell() does with texts it did not make, and with
 * libpcap's words it knows. */
START_TEST(retell_others)
{
	char told[256];
	/* another layer's error, or libpcap's words tcpview does not know:
	 * as they are */
	reader_retell(told, sizeof(told), "x.pcap: link type FOO (147) is not supported",
		      test_tr);
	ck_assert_str_eq(told, "x.pcap: link type FOO (147) is not supported");
	reader_retell(told, sizeof(told), "a: b: packet 3: something odd", test_tr);
	ck_assert_str_eq(told, "<something odd> in packet 3 of a: b");
	/* libpcap's words inside tcpview's */
	reader_retell(told, sizeof(told), "/etc/passwd: not a readable capture: unknown file format",
		      test_tr);
	ck_assert_str_eq(told, "/etc/passwd: not a readable capture: format?");
	/* the longer message that explains more wins over a shorter one
	 * that fits too ("header" inside "file header") */
	reader_retell(told, sizeof(told), "t.pcap: packet 1: truncated dump file; tried to read "
		      "24 file header bytes, only got 5", test_tr);
	ck_assert_str_eq(told, "<file header: 5 of 24> in packet 1 of t.pcap");
	/* cut to the room given */
	reader_retell(told, 8, "a: packet 3: something odd", test_tr);
	ck_assert_str_eq(told, "<someth");
	reader_retell(told, 1, "a: packet 3: something odd", test_tr);
	ck_assert_str_eq(told, "");
}
END_TEST

/* Errors found while opening, or in blocks that are not packets. */
START_TEST(damaged_structure)
{
	char err[PCAPNG_ERRBUF];
	struct pcapng_packet p;
	struct bytes b;

	/* not starting with a section header */
	b = (struct bytes){ .len = 0 };
	PUT(&b, idb_eth);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "not a pcapng file") != NULL, "got '%s'", err);

	/* empty */
	b = (struct bytes){ .len = 0 };
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "the file is empty") != NULL, "got '%s'", err);

	/* a section header cut before its byte-order magic */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	b.len = 10;
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "Section Header Block at byte 0: the file ends before the "
			     "byte-order magic (10 of the first 12 bytes)") != NULL, "got '%s'", err);

	/* a bad byte-order magic */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	set_le32(&b, 8, 0xdeadbeefu);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "byte-order magic 0xefbeadde is neither") != NULL,
		      "got '%s'", err);

	/* a section header of 24 bytes */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	set_le32(&b, 4, 24);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "block total length 24 is less than the 28-byte minimum") != NULL,
		      "got '%s'", err);

	/* version 2.0 */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	b.data[12] = 2;
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "pcapng version 2.0, only version 1 is read") != NULL,
		      "got '%s'", err);

	/* no interface at all */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	PUT(&b, nrb);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "no Interface Description Block") != NULL, "got '%s'", err);

	/* a packet before any interface */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	PUT(&b, epb_eth);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "Enhanced Packet Block at byte 28: a packet before any "
			     "Interface Description Block") != NULL, "got '%s'", err);

	/* an interface description of 16 bytes: shorter than its fields */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	static const uint8_t idb16[] = {
		0x01, 0x00, 0x00, 0x00,	/* Block Type: Interface Description Block */
		0x10, 0x00, 0x00, 0x00,	/* Block Total Length: 16 (20 at least) */
		0x01, 0x00, 0x00, 0x00,	/* LinkType: ETHERNET, Reserved; no SnapLen */
		0x10, 0x00, 0x00, 0x00,	/* Block Total Length: 16 */
	};
	PUT(&b, idb16);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "Interface Description Block at byte 28: the block is 16 bytes "
			     "long, shorter than the 20 bytes of its fixed fields") != NULL,
		      "got '%s'", err);

	/* if_tsresol of 2 bytes */
	b = (struct bytes){ .len = 0 };
	PUT(&b, shb_le);
	struct bytes idb = { .len = 0 };
	PUT(&idb, idb_eth);
	idb.data[18] = 2;
	put(&b, idb.data, idb.len);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "option if_tsresol has length 2, not 1") != NULL, "got '%s'", err);

	/* if_tsoffset of 4 bytes */
	idb = (struct bytes){ .len = 0 };
	PUT(&idb, idb_eth);
	idb.data[26] = 4;
	b.len = sizeof(shb_le);
	put(&b, idb.data, idb.len);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "option if_tsoffset has length 4, not 8") != NULL, "got '%s'", err);

	/* an option longer than the block */
	idb = (struct bytes){ .len = 0 };
	PUT(&idb, idb_eth);
	idb.data[24] = 2;			/* if_name (2) */
	idb.data[26] = 200;			/* of 200 bytes */
	b.len = sizeof(shb_le);
	put(&b, idb.data, idb.len);
	ck_assert(pcapng_open(file_of(&b), err) == NULL);
	ck_assert_msg(strstr(err, "option 2 of 200 bytes runs past the end of the block") != NULL,
		      "got '%s'", err);

	/* an EPB of 28 bytes: a valid block length, too short for its fields */
	b = good_section();
	b.len = EPB2;
	static const uint8_t epb28[] = {
		0x06, 0x00, 0x00, 0x00,	/* Block Type: Enhanced Packet Block */
		0x1c, 0x00, 0x00, 0x00,	/* Block Total Length: 28 (32 at least) */
		0x00, 0x00, 0x00, 0x00,	/* Interface ID: 0 */
		0x00, 0x00, 0x00, 0x00,	/* Timestamp (High) */
		0x00, 0x00, 0x00, 0x00,	/* Timestamp (Low) */
		0x00, 0x00, 0x00, 0x00,	/* Captured Packet Length; no Original Length */
		0x1c, 0x00, 0x00, 0x00,	/* Block Total Length: 28 */
	};
	PUT(&b, epb28);
	struct pcapng *r = pcapng_open(file_of(&b), err);
	ck_assert(r != NULL);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_ERROR);
	ck_assert_msg(strstr(err, "the block is 28 bytes long, shorter than the 32 bytes") != NULL,
		      "got '%s'", err);
	pcapng_close(r);

	/* a new section forgets the interfaces of the one before */
	b = good_section();
	PUT(&b, shb_be);
	PUT(&b, epb_raw_be);
	r = pcapng_open(file_of(&b), err);
	ck_assert(r != NULL);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_ERROR);
	ck_assert_msg(strstr(err, "Enhanced Packet Block at byte 548: names interface 0, but no "
			     "Interface Description Block came before it in its section") != NULL,
		      "got '%s'", err);
	pcapng_close(r);

	/* a Simple Packet Block needs interface 0 of its section too */
	b = good_section();
	PUT(&b, shb_be);
	static const uint8_t spb_be[] = {
		0x00, 0x00, 0x00, 0x03,	/* Block Type: Simple Packet Block */
		0x00, 0x00, 0x00, 0x10,	/* Block Total Length: 16 */
		0x00, 0x00, 0x00, 0x00,	/* Original Packet Length: 0 */
		0x00, 0x00, 0x00, 0x10,	/* Block Total Length: 16 */
	};
	PUT(&b, spb_be);
	r = pcapng_open(file_of(&b), err);
	ck_assert(r != NULL);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_PACKET);
	ck_assert_int_eq(pcapng_next(r, &p, err), PCAPNG_ERROR);
	ck_assert_msg(strstr(err, "Simple Packet Block at byte 548: names interface 0, but no")
		      != NULL, "got '%s'", err);
	pcapng_close(r);
}
END_TEST

/* Every prefix of the good file: never a crash, never a read past the
 * data (AddressSanitizer), and an error exactly when a block is cut. */
START_TEST(every_prefix)
{
	struct bytes full = good_section();
	PUT(&full, shb_be);
	PUT(&full, idb_raw_be);
	PUT(&full, epb_raw_be);
	for (size_t n = 0; n <= full.len; n++) {
		struct bytes b = full;
		b.len = n;
		char err[PCAPNG_ERRBUF] = "";
		struct pcapng *r = pcapng_open(file_of(&b), err);
		if (r == NULL) {
			ck_assert_msg(err[0] != '\0', "prefix %zu: an empty message", n);
			continue;
		}
		struct pcapng_packet p;
		enum pcapng_status st;
		unsigned packets = 0;
		while ((st = pcapng_next(r, &p, err)) == PCAPNG_PACKET) {
			packets++;
			ck_assert_msg(p.data != NULL || p.caplen == 0, "prefix %zu: data", n);
		}
		ck_assert_msg(packets <= 5, "prefix %zu: %u packets", n, packets);
		if (st == PCAPNG_ERROR)
			ck_assert_msg(strstr(err, "the file ends") != NULL,
				      "prefix %zu: a cut is told as one, got '%s'", n, err);
		pcapng_close(r);
	}
}
END_TEST

/* ------------------------------------------------------- through reader.h */

/* libpcap refuses the file at its second interface; the reader reads it
 * with pcapng.c, each frame with its link type and precision. */
START_TEST(reader_falls_back)
{
	struct bytes b = good_section();
	PUT(&b, shb_be);
	PUT(&b, idb_raw_be);
	PUT(&b, epb_raw_be);
	char path[64], err[READER_ERRBUF] = "";
	path_of(&b, path);
	struct reader *r = reader_open(path, NULL, err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	ck_assert_int_eq(reader_dlt(r), DLT_EN10MB);
	ck_assert_str_eq(reader_link_name(r), "EN10MB");
	static const int dlts[] = { DLT_EN10MB, DLT_LINUX_SLL2, DLT_EN10MB, DLT_LINUX_SLL2, DLT_RAW };
	static const int digits[] = { 9, 9, 9, 9, 6 };
	struct reader_frame f;
	for (unsigned i = 0; i < 5; i++) {
		ck_assert_msg(reader_next(r, &f, err) == READER_FRAME, "frame %u: %s", i + 1, err);
		ck_assert_msg(f.number == i + 1 && f.dlt == dlts[i] && f.ts_digits == digits[i] &&
			      !f.filtered_out,
			      "frame %u: number %llu, dlt %d (want %d), digits %d", i + 1,
			      (unsigned long long)f.number, f.dlt, dlts[i], f.ts_digits);
	}
	ck_assert_msg(f.caplen == 40 && f.wire_len == 40, "frame 5: 40 bytes");
	ck_assert_int_eq(reader_next(r, &f, err), READER_EOF);
	ck_assert_msg(reader_frames(r) == 5, "5 frames");
	ck_assert_str_eq(reader_dlt_name(DLT_LINUX_SLL2), "LINUX_SLL2");
	ck_assert_msg(reader_dlt_name(147) == NULL, "USER0 has no libpcap name");
	reader_close(r);
	unlink(path);
}
END_TEST

/* libpcap reads two Ethernet packets, then meets the second interface: the
 * file is read again by pcapng.c from packet 3, numbers unchanged. */
START_TEST(reader_falls_back_mid_file)
{
	struct bytes b = { .len = 0 };
	PUT(&b, shb_le);
	PUT(&b, idb_eth);
	PUT(&b, epb_eth);
	PUT(&b, spb);
	PUT(&b, idb_sll2);
	PUT(&b, epb_sll2);
	PUT(&b, epb_eth);
	char path[64], err[READER_ERRBUF] = "";
	path_of(&b, path);
	struct reader *r = reader_open(path, NULL, err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	static const int dlts[] = { DLT_EN10MB, DLT_EN10MB, DLT_LINUX_SLL2, DLT_EN10MB };
	struct reader_frame f;
	for (unsigned i = 0; i < 4; i++) {
		ck_assert_msg(reader_next(r, &f, err) == READER_FRAME, "frame %u: %s", i + 1, err);
		ck_assert_msg(f.number == i + 1 && f.dlt == dlts[i],
			      "frame %u: number %llu, dlt %d (want %d)", i + 1,
			      (unsigned long long)f.number, f.dlt, dlts[i]);
	}
	ck_assert_msg(f.ts.sec == 1700000000 && f.ts.nsec == 123456789,
		      "frame 4 (pcapng.c) keeps its time");
	ck_assert_int_eq(reader_next(r, &f, err), READER_EOF);
	reader_close(r);

	/* From standard input (not a regular file) it cannot be read twice:
	 * the error says so. */
	FILE *in = freopen(path, "rb", stdin);
	ck_assert(in != NULL);
	r = reader_open("-", NULL, err);
	ck_assert_msg(r != NULL, "stdin opens: %s", err);
	for (unsigned i = 0; i < 2; i++)
		ck_assert_int_eq(reader_next(r, &f, err), READER_FRAME);
	ck_assert_int_eq(reader_next(r, &f, err), READER_ERROR);
	ck_assert_msg(strstr(err, "-: packet 3: an interface has a type 276 different") != NULL &&
		      strstr(err, "not from standard input") != NULL, "got '%s'", err);
	reader_close(r);
	unlink(path);
}
END_TEST

/* Interfaces of one link type but different snap lengths: libpcap refuses
 * those too ("an interface has a snapshot length ... different"). */
START_TEST(reader_falls_back_on_snaplen)
{
	struct bytes b = { .len = 0 };
	PUT(&b, shb_le);
	PUT(&b, idb_eth);
	struct bytes idb = { .len = 0 };
	PUT(&idb, idb_sll2);
	idb.data[8] = 1;			/* LinkType: ETHERNET, SnapLen 65535 */
	idb.data[9] = 0;
	put(&b, idb.data, idb.len);
	PUT(&b, epb_eth);
	struct bytes e = { .len = 0 };
	PUT(&e, epb_eth);
	set_le32(&e, 8, 1);			/* Interface ID: 1 */
	put(&b, e.data, e.len);
	char path[64], err[READER_ERRBUF] = "";
	path_of(&b, path);
	struct reader *r = reader_open(path, NULL, err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	struct reader_frame f;
	for (unsigned i = 0; i < 2; i++) {
		ck_assert_msg(reader_next(r, &f, err) == READER_FRAME, "frame %u: %s", i + 1, err);
		ck_assert_msg(f.dlt == DLT_EN10MB && f.caplen == 54, "frame %u", i + 1);
	}
	ck_assert_int_eq(reader_next(r, &f, err), READER_EOF);
	reader_close(r);
	unlink(path);
}
END_TEST

/* A pcapng file libpcap reads stays libpcap's: one told by the digits,
 * which libpcap's path takes from the file's magic (6 for any pcapng)
 * while pcapng.c takes them from if_tsresol (9 here). */
START_TEST(reader_keeps_libpcap)
{
	struct bytes b = { .len = 0 };
	PUT(&b, shb_le);
	PUT(&b, idb_eth);
	PUT(&b, nrb);
	PUT(&b, epb_eth);
	PUT(&b, spb);
	char path[64], err[READER_ERRBUF] = "";
	path_of(&b, path);
	struct reader *r = reader_open(path, NULL, err);
	ck_assert_msg(r != NULL, "opens: %s", err);
	struct reader_frame f;
	ck_assert_int_eq(reader_next(r, &f, err), READER_FRAME);
	ck_assert_msg(f.dlt == DLT_EN10MB && f.ts_digits == 6,
		      "read by libpcap: digits 6, got %d", f.ts_digits);
	ck_assert_msg(f.ts.sec == 1700000000 && f.ts.nsec == 123456789,
		      "libpcap applies if_tsoffset too");
	ck_assert_int_eq(reader_next(r, &f, err), READER_FRAME);
	ck_assert_int_eq(reader_next(r, &f, err), READER_EOF);
	reader_close(r);
	unlink(path);
}
END_TEST

/* A BPF filter is compiled for each link type: the same filter matches
 * the SYN behind an Ethernet, an SLL2 and a raw IP header. */
START_TEST(reader_filter_per_link_type)
{
	struct bytes b = good_section();
	PUT(&b, shb_be);
	PUT(&b, idb_raw_be);
	PUT(&b, epb_raw_be);
	char path[64], err[READER_ERRBUF] = "";
	path_of(&b, path);
	static const struct {
		const char *filter;
		bool out;
	} cases[] = { { "tcp dst port 80 and tcp[tcpflags] & tcp-syn != 0", false },
		      { "tcp dst port 81", true }, { "src host 127.0.0.1", false } };
	for (size_t c = 0; c < 3; c++) {
		struct reader *r = reader_open(path, cases[c].filter, err);
		ck_assert_msg(r != NULL, "opens: %s", err);
		struct reader_frame f;
		for (unsigned i = 0; i < 5; i++) {
			ck_assert_msg(reader_next(r, &f, err) == READER_FRAME, "frame %u: %s",
				      i + 1, err);
			ck_assert_msg(f.filtered_out == cases[c].out,
				      "'%s' on frame %u (dlt %d): filtered_out %d", cases[c].filter,
				      i + 1, f.dlt, f.filtered_out);
		}
		ck_assert_int_eq(reader_next(r, &f, err), READER_EOF);
		reader_close(r);
	}

	/* A filter that cannot apply to the second link type: an error at
	 * that link type's first packet, naming it. */
	struct reader *r = reader_open(path, "ether src 00:00:00:00:00:00", err);
	ck_assert_msg(r != NULL, "opens (the first interface is Ethernet): %s", err);
	struct reader_frame f;
	ck_assert_int_eq(reader_next(r, &f, err), READER_FRAME);
	ck_assert_msg(!f.filtered_out, "frame 1 matches");
	ck_assert_int_eq(reader_next(r, &f, err), READER_ERROR);
	ck_assert_msg(strstr(err, ": packet 2: bad filter 'ether src 00:00:00:00:00:00' for link "
			     "type LINUX_SLL2: ") != NULL, "got '%s'", err);
	reader_close(r);
	unlink(path);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("pcapng");
	TCase *tc = tcase_create("blocks");
	tcase_add_test(tc, reads_every_packet_block);
	tcase_add_test(tc, timestamp_resolutions);
	tcase_add_test(tc, timestamp_offset);
	tcase_add_test(tc, simple_packet_lengths);
	tcase_add_loop_test(tc, damaged_packet_block, 0,
			    (int)(sizeof(damages) / sizeof(damages[0])));
	tcase_add_test(tc, damaged_structure);
	tcase_add_test(tc, every_prefix);
	suite_add_tcase(s, tc);
	tc = tcase_create("reader");
	tcase_add_test(tc, reader_falls_back);
	tcase_add_test(tc, reader_falls_back_mid_file);
	tcase_add_test(tc, reader_falls_back_on_snaplen);
	tcase_add_test(tc, reader_keeps_libpcap);
	tcase_add_test(tc, reader_filter_per_link_type);
	tcase_add_test(tc, retell_others);
	suite_add_tcase(s, tc);
	return s;
}
