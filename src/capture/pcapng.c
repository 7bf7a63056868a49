/*
 * pcapng.c - the pcapng block reader reader.c falls back to when libpcap
 * refuses a file whose interfaces have different link types (see
 * pcapng.h): the first stage of the data flow for those files.
 *
 * One block at a time: its 8-byte header (type, total length) is read,
 * the length checked (at least 12, a multiple of 4, at most 16 MiB), the
 * rest of the block read into the reader's buffer and the trailing copy of
 * the length compared.  Every field is then read through a cursor in the
 * section's byte order.  Field layouts are those of the pcapng
 * specification (draft-ietf-opsawg-pcapng, section 4).
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture_int.h"
#include "tcpview/capture/pcapng.h"
#include "tcpview/util/cursor.h"

/* Block types (pcapng section 4 and the registry of section 11.1). */
#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_PB 0x00000002u	/* obsolete Packet Block (appendix A) */
#define BT_SPB 0x00000003u
#define BT_NRB 0x00000004u
#define BT_ISB 0x00000005u
#define BT_EPB 0x00000006u
#define BT_DSB 0x0000000Au
#define BT_CB 0x00000BADu
#define BT_CB_NOCOPY 0x40000BADu

/* Interface Description Block options (section 4.2). */
#define OPT_ENDOFOPT 0
#define IF_TSRESOL 9
#define IF_TSOFFSET 14

/* One section's interfaces are limited so that a corrupt file cannot make
 * the reader grow its table without end (each IDB is only 20 bytes). */
#define MAX_INTERFACES (1u << 20)
#define FIRST_BUFFER (64u * 1024)

struct iface {
	uint32_t linktype;
	uint32_t snaplen;	/* 0: no limit */
	int64_t tsoffset;	/* if_tsoffset: seconds added to every timestamp */
	uint8_t tsresol;	/* if_tsresol: 10^-v, or 2^-v with the high bit */
};

struct pcapng {
	FILE *fp;
	uint8_t *buf;		/* the current block, whole */
	size_t cap;
	uint64_t offset;	/* file offset of the next block */
	uint64_t block_off;	/* file offset of the current block */
	uint32_t block_type;
	uint32_t block_len;	/* its total length */
	bool big_endian;	/* the current section's byte order */
	struct iface *ifaces;	/* the current section's interfaces */
	size_t nifaces, ifaces_cap;
	bool have_first;
	uint32_t first_linktype;
	int first_digits;
};

/* ---------------------------------------------------------------- fields */

static uint16_t rd16(const struct pcapng *r, struct cursor *c)
{
	uint16_t v = cur_u16be(c);
	return r->big_endian ? v : __builtin_bswap16(v);
}

static uint32_t rd32(const struct pcapng *r, struct cursor *c)
{
	return r->big_endian ? cur_u32be(c) : cur_u32le(c);
}

/* A 64-bit option value, stored whole in the section's byte order. */
static uint64_t rd64(const struct pcapng *r, struct cursor *c)
{
	uint32_t a = rd32(r, c), b = rd32(r, c);
	return r->big_endian ? ((uint64_t)a << 32) | b : ((uint64_t)b << 32) | a;
}

static const char *block_name(uint32_t type)
{
	switch (type) {
	case BT_SHB: return "Section Header Block";
	case BT_IDB: return "Interface Description Block";
	case BT_PB: return "Packet Block";
	case BT_SPB: return "Simple Packet Block";
	case BT_NRB: return "Name Resolution Block";
	case BT_ISB: return "Interface Statistics Block";
	case BT_EPB: return "Enhanced Packet Block";
	case BT_DSB: return "Decryption Secrets Block";
	case BT_CB: case BT_CB_NOCOPY: return "Custom Block";
	}
	return NULL;
}

/* A 32-bit value as "0x0a0d0d0a", into buf: buf. */
static const char *hex32(char buf[11], uint32_t v)
{
	snprintf(buf, 11, "0x%08x", (unsigned)v);
	return buf;
}

/* "<block> at byte N: <what is wrong>" into errbuf: what is wrong is
 * message `m` filled with `args` (capture_int.h). */
static void fail(const struct pcapng *r, char *errbuf, enum capture_msg m,
		 const char *const *args, size_t nargs)
{
	char what[PCAPNG_ERRBUF], type[11];
	capture_msg(what, sizeof(what), m, args, nargs);
	const char *name = block_name(r->block_type);
	if (name != NULL)
		capture_msg(errbuf, PCAPNG_ERRBUF, CM_BLOCK_AT,
			    MSG_ARGS(name, MSG_NUM(r->block_off), what));
	else
		capture_msg(errbuf, PCAPNG_ERRBUF, CM_BLOCK_TYPE_AT,
			    MSG_ARGS(hex32(type, r->block_type), MSG_NUM(r->block_off), what));
}

/* ------------------------------------------------------------ timestamps */

static const uint64_t pow10_u64[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL,
};

/* floor(frac * 10^9 / 2^v) for frac < 2^v (or any frac when v >= 64),
 * without a 128-bit product: frac is split into 32-bit halves. */
static uint64_t pow2_frac_ns(uint64_t frac, unsigned v)
{
	if (v <= 34)	/* frac < 2^34 and 10^9 < 2^30: the product fits */
		return (frac * 1000000000ULL) >> v;
	uint64_t t = (frac >> 32) * 1000000000ULL +
		     (((frac & 0xffffffffULL) * 1000000000ULL) >> 32);
	return v - 32 >= 64 ? 0 : t >> (v - 32);
}

/*
 * A timestamp of `units` at resolution `resol` (if_tsresol: 10^-v, or
 * 2^-v when the high bit is set) plus `offset` seconds (if_tsoffset).
 * 2^64 units at 1 s resolution do not fit an int64: seconds saturate.
 */
static struct tv_time to_time(uint64_t units, uint8_t resol, int64_t offset)
{
	unsigned v = resol & 0x7f;
	uint64_t sec, nsec;
	if (resol & 0x80) {
		uint64_t frac;
		if (v >= 64) {
			sec = 0;
			frac = units;
		} else {
			sec = units >> v;
			frac = v == 0 ? 0 : units & ((1ULL << v) - 1);
		}
		nsec = pow2_frac_ns(frac, v);
	} else if (v <= 9) {
		sec = units / pow10_u64[v];
		nsec = (units % pow10_u64[v]) * pow10_u64[9 - v];
	} else {
		/* Finer than a nanosecond: whole nanoseconds first. */
		uint64_t ns = v - 9 < 20 ? units / pow10_u64[v - 9] : 0;
		sec = ns / 1000000000ULL;
		nsec = ns % 1000000000ULL;
	}
	int64_t s = sec > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)sec;
	if (__builtin_add_overflow(s, offset, &s))
		s = offset > 0 ? INT64_MAX : INT64_MIN;
	struct tv_time t = { s, (uint32_t)nsec };
	return t;
}

/* 6 digits when a unit is 1 µs or longer (10^-6, 2^-19 and coarser). */
static int resol_digits(uint8_t resol)
{
	unsigned v = resol & 0x7f;
	return (resol & 0x80 ? v <= 19 : v <= 6) ? 6 : 9;
}

/* ---------------------------------------------------------------- blocks */

/* Reads exactly n bytes at buf + have; false at the end of the file. */
static bool read_more(struct pcapng *r, size_t have, size_t n, size_t *got)
{
	*got = fread(r->buf + have, 1, n, r->fp);
	return *got == n;
}

static bool grow(struct pcapng *r, size_t need, char *errbuf)
{
	if (need <= r->cap)
		return true;
	size_t cap = r->cap;
	while (cap < need)
		cap *= 2;
	uint8_t *b = realloc(r->buf, cap);
	if (b == NULL) {
		fail(r, errbuf, CM_BLOCK_OOM, MSG_ARGS(MSG_NUM(need)));
		return false;
	}
	r->buf = b;
	r->cap = cap;
	return true;
}

/* A block cut short by the end of the file (or a read error). */
static void short_block(const struct pcapng *r, char *errbuf, size_t got,
			size_t want)
{
	if (ferror(r->fp))
		fail(r, errbuf, CM_READ_ERROR, MSG_ARGS(strerror(errno)));
	else
		fail(r, errbuf, CM_BLOCK_CUT, MSG_ARGS(MSG_NUM(got), MSG_NUM(want)));
}

enum block_status { BLOCK_OK, BLOCK_EOF, BLOCK_ERROR };

/*
 * Reads the next block whole into r->buf and sets *body to its body (the
 * bytes between the leading and the trailing total length).  The length
 * fields are checked here, for every block type (pcapng section 3.1).
 */
static enum block_status read_block(struct pcapng *r, struct cursor *body,
				    char *errbuf)
{
	size_t got;
	r->block_off = r->offset;
	r->block_type = 0;
	r->block_len = 0;
	if (!read_more(r, 0, 8, &got)) {
		if (got == 0 && !ferror(r->fp))
			return BLOCK_EOF;
		if (ferror(r->fp))
			capture_msg(errbuf, PCAPNG_ERRBUF, CM_READ_ERROR_AT,
				    MSG_ARGS(MSG_NUM(r->block_off), strerror(errno)));
		else
			capture_msg(errbuf, PCAPNG_ERRBUF, CM_HEADER_CUT,
				    MSG_ARGS(MSG_NUM(r->block_off), MSG_NUM(got)));
		return BLOCK_ERROR;
	}
	size_t have = 8;
	struct cursor h = cursor_make(r->buf, 8);
	/* The Section Header Block's type reads the same in both byte orders;
	 * its byte-order magic, after the length, says which one follows. */
	if (cur_u32be(&h) == BT_SHB) {
		r->block_type = BT_SHB;
		if (!read_more(r, 8, 4, &got)) {
			if (ferror(r->fp))
				fail(r, errbuf, CM_READ_ERROR, MSG_ARGS(strerror(errno)));
			else
				fail(r, errbuf, CM_MAGIC_CUT, MSG_ARGS(MSG_NUM(8 + got)));
			return BLOCK_ERROR;
		}
		have = 12;
		struct cursor m = cursor_make(r->buf + 8, 4);
		uint32_t magic = cur_u32be(&m);
		if (magic == 0x1A2B3C4Du) {
			r->big_endian = true;
		} else if (magic == 0x4D3C2B1Au) {
			r->big_endian = false;
		} else {
			char hex[11];
			fail(r, errbuf, CM_BAD_MAGIC, MSG_ARGS(hex32(hex, magic)));
			return BLOCK_ERROR;
		}
	} else if (r->offset == 0) {
		capture_msg(errbuf, PCAPNG_ERRBUF, CM_NOT_PCAPNG, NULL, 0);
		return BLOCK_ERROR;
	}
	h = cursor_make(r->buf, 8);
	r->block_type = rd32(r, &h);
	uint32_t len = rd32(r, &h);
	r->block_len = len;
	uint32_t min = r->block_type == BT_SHB ? 28 : 12;
	if (len < min) {
		fail(r, errbuf, CM_LENGTH_SHORT, MSG_ARGS(MSG_NUM(len), MSG_NUM(min)));
		return BLOCK_ERROR;
	}
	if (len % 4 != 0) {
		fail(r, errbuf, CM_LENGTH_ALIGN, MSG_ARGS(MSG_NUM(len)));
		return BLOCK_ERROR;
	}
	if (len > PCAPNG_MAX_BLOCK) {
		fail(r, errbuf, CM_LENGTH_LONG,
		     MSG_ARGS(MSG_NUM(len), MSG_NUM(PCAPNG_MAX_BLOCK)));
		return BLOCK_ERROR;
	}
	if (!grow(r, len, errbuf))
		return BLOCK_ERROR;
	if (!read_more(r, have, len - have, &got)) {
		short_block(r, errbuf, have + got, len);
		return BLOCK_ERROR;
	}
	struct cursor t = cursor_make(r->buf + len - 4, 4);
	uint32_t trailer = rd32(r, &t);
	if (trailer != len) {
		fail(r, errbuf, CM_LENGTH_TRAILER, MSG_ARGS(MSG_NUM(trailer), MSG_NUM(len)));
		return BLOCK_ERROR;
	}
	r->offset += len;
	*body = cursor_make(r->buf + 8, len - 12);
	return BLOCK_OK;
}

/* Section Header Block (section 4.1): a new section, whose interfaces
 * are numbered from 0 again. */
static bool read_shb(struct pcapng *r, struct cursor *c, char *errbuf)
{
	cursor_skip(c, 4);		/* byte-order magic, read already */
	uint16_t major = rd16(r, c);
	uint16_t minor = rd16(r, c);
	cursor_skip(c, 8);		/* section length, may be -1 */
	if (c->short_read) {		/* cannot happen: length >= 28 */
		fail(r, errbuf, CM_SHB_SHORT, NULL, 0);
		return false;
	}
	if (major != 1) {
		fail(r, errbuf, CM_VERSION, MSG_ARGS(MSG_NUM(major), MSG_NUM(minor)));
		return false;
	}
	r->nifaces = 0;
	return true;
}

/* Interface Description Block (section 4.2): link type, snap length and
 * the two options that change timestamps. */
static bool read_idb(struct pcapng *r, struct cursor *c, char *errbuf)
{
	struct iface f = { .tsresol = 6 };
	f.linktype = rd16(r, c);
	cursor_skip(c, 2);		/* reserved */
	f.snaplen = rd32(r, c);
	if (c->short_read) {
		fail(r, errbuf, CM_FIXED_SHORT, MSG_ARGS(MSG_NUM(r->block_len), "20"));
		return false;
	}
	/* Options (section 3.5): code, length, value padded to 32 bits. */
	while (cursor_left(c) >= 4) {
		uint16_t code = rd16(r, c);
		uint16_t olen = rd16(r, c);
		if (code == OPT_ENDOFOPT)
			break;
		struct cursor v = cursor_sub(c, olen);
		if (v.short_read) {
			fail(r, errbuf, CM_OPTION_PAST, MSG_ARGS(MSG_NUM(code), MSG_NUM(olen)));
			return false;
		}
		size_t pad = (4 - olen % 4) % 4;
		cursor_skip(c, pad < cursor_left(c) ? pad : cursor_left(c));
		if (code == IF_TSRESOL) {
			if (olen != 1) {
				fail(r, errbuf, CM_OPTION_LENGTH,
				     MSG_ARGS("if_tsresol", MSG_NUM(olen), "1"));
				return false;
			}
			f.tsresol = cur_u8(&v);
		} else if (code == IF_TSOFFSET) {
			if (olen != 8) {
				fail(r, errbuf, CM_OPTION_LENGTH,
				     MSG_ARGS("if_tsoffset", MSG_NUM(olen), "8"));
				return false;
			}
			f.tsoffset = (int64_t)rd64(r, &v);
		}
	}
	if (r->nifaces == MAX_INTERFACES) {
		fail(r, errbuf, CM_IFACES_MAX, MSG_ARGS(MSG_NUM(MAX_INTERFACES)));
		return false;
	}
	if (r->nifaces == r->ifaces_cap) {
		size_t cap = r->ifaces_cap ? r->ifaces_cap * 2 : 4;
		struct iface *n = realloc(r->ifaces, cap * sizeof(*n));
		if (n == NULL) {
			fail(r, errbuf, CM_IFACES_OOM, MSG_ARGS(MSG_NUM(cap)));
			return false;
		}
		r->ifaces = n;
		r->ifaces_cap = cap;
	}
	r->ifaces[r->nifaces++] = f;
	if (!r->have_first) {
		r->have_first = true;
		r->first_linktype = f.linktype;
		r->first_digits = resol_digits(f.tsresol);
	}
	return true;
}

static const struct iface *find_iface(const struct pcapng *r, uint32_t id,
				      char *errbuf)
{
	if (id < r->nifaces)
		return &r->ifaces[id];
	if (r->nifaces == 0)
		fail(r, errbuf, CM_IFACE_BEFORE_IDB, MSG_ARGS(MSG_NUM(id)));
	else
		fail(r, errbuf, CM_IFACE_RANGE, MSG_ARGS(MSG_NUM(id), MSG_NUM(r->nifaces - 1)));
	return NULL;
}

/*
 * Enhanced Packet Block (section 4.3) and the obsolete Packet Block
 * (appendix A), which differ only in the width of the interface id (and
 * the PB's drop count).
 */
static bool read_epb(struct pcapng *r, struct cursor *c, struct pcapng_packet *p,
		     char *errbuf)
{
	bool epb = r->block_type == BT_EPB;
	uint32_t id;
	if (epb) {
		id = rd32(r, c);
	} else {
		id = rd16(r, c);
		cursor_skip(c, 2);	/* drops_count */
	}
	uint32_t hi = rd32(r, c), lo = rd32(r, c);
	uint32_t caplen = rd32(r, c), wire = rd32(r, c);
	if (c->short_read) {
		fail(r, errbuf, CM_FIXED_SHORT, MSG_ARGS(MSG_NUM(r->block_len), "32"));
		return false;
	}
	const struct iface *f = find_iface(r, id, errbuf);
	if (f == NULL)
		return false;
	if (caplen > cursor_left(c)) {
		fail(r, errbuf, CM_CAPLEN_LONG,
		     MSG_ARGS(MSG_NUM(caplen), MSG_NUM(cursor_left(c))));
		return false;
	}
	p->data = cur_take(c, caplen);
	p->caplen = caplen;
	p->wire_len = wire;
	p->interface = id;
	p->linktype = f->linktype;
	p->ts = to_time(((uint64_t)hi << 32) | lo, f->tsresol, f->tsoffset);
	p->ts_digits = resol_digits(f->tsresol);
	return true;
}

/* Simple Packet Block (section 4.4): interface 0, no timestamp; the
 * captured length is the original length cut to the snap length and to
 * the room in the block. */
static bool read_spb(struct pcapng *r, struct cursor *c, struct pcapng_packet *p,
		     char *errbuf)
{
	uint32_t wire = rd32(r, c);
	if (c->short_read) {
		fail(r, errbuf, CM_FIXED_SHORT, MSG_ARGS(MSG_NUM(r->block_len), "16"));
		return false;
	}
	const struct iface *f = find_iface(r, 0, errbuf);
	if (f == NULL)
		return false;
	uint32_t caplen = wire;
	if (f->snaplen != 0 && caplen > f->snaplen)
		caplen = f->snaplen;
	if (caplen > cursor_left(c))
		caplen = (uint32_t)cursor_left(c);
	p->data = cur_take(c, caplen);
	p->caplen = caplen;
	p->wire_len = wire;
	p->interface = 0;
	p->linktype = f->linktype;
	p->ts.sec = 0;
	p->ts.nsec = 0;
	p->ts_digits = resol_digits(f->tsresol);
	return true;
}

/* ------------------------------------------------------------------- API */

enum pcapng_status pcapng_next(struct pcapng *r, struct pcapng_packet *p,
			       char *errbuf)
{
	for (;;) {
		struct cursor c;
		switch (read_block(r, &c, errbuf)) {
		case BLOCK_EOF: return PCAPNG_EOF;
		case BLOCK_ERROR: return PCAPNG_ERROR;
		case BLOCK_OK: break;
		}
		bool ok = true;
		switch (r->block_type) {
		case BT_SHB:
			ok = read_shb(r, &c, errbuf);
			break;
		case BT_IDB:
			ok = read_idb(r, &c, errbuf);
			break;
		case BT_EPB:
		case BT_PB:
			if (!read_epb(r, &c, p, errbuf))
				return PCAPNG_ERROR;
			return PCAPNG_PACKET;
		case BT_SPB:
			if (!read_spb(r, &c, p, errbuf))
				return PCAPNG_ERROR;
			return PCAPNG_PACKET;
		default:	/* NRB, ISB, DSB, custom and unknown blocks */
			break;
		}
		if (!ok)
			return PCAPNG_ERROR;
	}
}

struct pcapng *pcapng_open(FILE *fp, char *errbuf)
{
	struct pcapng *r = calloc(1, sizeof(*r));
	if (r != NULL) {
		r->cap = FIRST_BUFFER;
		r->buf = malloc(r->cap);
	}
	if (r == NULL || r->buf == NULL) {
		capture_msg(errbuf, PCAPNG_ERRBUF, CM_OOM, NULL, 0);
		if (r != NULL)
			free(r);
		fclose(fp);
		return NULL;
	}
	r->fp = fp;
	/* As libpcap: the section header, then blocks up to the first
	 * interface, which says the file's (first) link type. */
	while (!r->have_first) {
		struct cursor c;
		enum block_status bs = read_block(r, &c, errbuf);
		bool ok = bs == BLOCK_OK;
		if (bs == BLOCK_EOF)
			capture_msg(errbuf, PCAPNG_ERRBUF, r->offset == 0 ? CM_EMPTY : CM_NO_IDB,
				    NULL, 0);
		if (ok && r->block_type == BT_SHB)
			ok = read_shb(r, &c, errbuf);
		else if (ok && r->block_type == BT_IDB)
			ok = read_idb(r, &c, errbuf);
		else if (ok && (r->block_type == BT_EPB || r->block_type == BT_PB ||
				r->block_type == BT_SPB)) {
			fail(r, errbuf, CM_PACKET_BEFORE_IDB, NULL, 0);
			ok = false;
		}
		if (!ok) {
			pcapng_close(r);
			return NULL;
		}
	}
	return r;
}

void pcapng_close(struct pcapng *r)
{
	if (r == NULL)
		return;
	if (r->fp != NULL)
		fclose(r->fp);
	free(r->ifaces);
	free(r->buf);
	free(r);
}

uint32_t pcapng_first_linktype(const struct pcapng *r) { return r->first_linktype; }
int pcapng_first_ts_digits(const struct pcapng *r) { return r->first_digits; }
