/*
 * reader.c - offline reading: the first stage of the data flow.
 *
 * libpcap reads every file it can.  Files are opened with nanosecond
 * timestamps so that no precision is lost whatever the file holds; the
 * file's own precision is taken from the pcap magic number (0xa1b23c4d is
 * the nanosecond variant) and only decides how many digits are printed.
 *
 * libpcap refuses a pcapng file whose interfaces differ in link type (or
 * snap length), or whose sections differ in byte order, at opening or at
 * the first packet after the interface that differs.  Such a file is read
 * (again, from its start, skipping the packets libpcap delivered already,
 * so that frame numbers stay those of the file) by tcpview's own pcapng
 * reader (pcapng.h), and its BPF filter is compiled once per link type.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture_int.h"
#include "tcpview/capture/pcapng.h"
#include "tcpview/capture/reader.h"

/* A filter compiled for one link type of a pcapng file read by pcapng.c. */
struct dlt_filter {
	int dlt;
	struct bpf_program prog;
};

/* stdio's buffer for a capture file (see reader_open). */
#define READ_BUFFER (256u * 1024)

struct reader {
	pcap_t *pcap;		/* libpcap, until it refuses the file */
	struct pcapng *ng;	/* then tcpview's pcapng reader */
	struct bpf_program prog;	/* libpcap's filter */
	bool have_prog;
	const char *filter;
	struct dlt_filter *filters;	/* the pcapng reader's, one per link type */
	size_t nfilters;
	const char *path;
	bool rereadable;	/* a regular file, not standard input or a pipe */
	struct replay *replay;	/* standard input's cookie, owned by its stream */
	int dlt;
	int ts_digits;
	uint64_t frames;
	/* stdio's buffer for a capture file: it lives as long as the reader,
	 * which outlives the FILE (pcap_close() closes it first). */
	unsigned char iobuf[READ_BUFFER];
};

/* The timestamp digits a file's magic announces (pcapng: microseconds). */
static int magic_digits(const unsigned char m[4])
{
	bool nano = (m[0] == 0xa1 && m[1] == 0xb2 && m[2] == 0x3c && m[3] == 0x4d) ||
		    (m[0] == 0x4d && m[1] == 0x3c && m[2] == 0xb2 && m[3] == 0xa1);
	return nano ? 9 : 6;
}

/*
 * Standard input cannot be rewound after its magic is read, so it is read
 * through a cookie stream that first replays the bytes already taken.
 */
struct replay {
	unsigned char head[4];
	size_t len, pos;
	int fd;
	/* A live input (a pipe, a socket, a terminal): while it has no data,
	 * the idle hook runs every IDLE_MS (SPEC §11: a connection's story
	 * within a second of its end). */
	bool live;
	void (*idle)(void *ctx);
	void *idle_ctx;
};

#define IDLE_MS 200

/* read(2), not fread: on a pipe, what has come is given at once rather
 * than held until a buffer is full. */
static ssize_t replay_read(void *cookie, char *buf, size_t size)
{
	struct replay *r = cookie;
	size_t n = 0;
	while (n < size && r->pos < r->len)
		buf[n++] = (char)r->head[r->pos++];
	if (n > 0)
		return (ssize_t)n;
	for (;;) {
		if (r->live && r->idle != NULL) {
			struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
			int ready = poll(&pfd, 1, IDLE_MS);
			if (ready == 0) {
				r->idle(r->idle_ctx);
				continue;
			}
			if (ready < 0 && errno == EINTR)
				continue;
		}
		ssize_t got = read(r->fd, buf, size);
		if (got < 0 && errno == EINTR)
			continue;
		return got;
	}
}

static int replay_close(void *cookie)
{
	free(cookie);
	return 0;
}

static FILE *open_stdin(int *digits, bool *empty, struct replay **live)
{
	struct replay *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->fd = STDIN_FILENO;
	struct stat sb;
	r->live = fstat(r->fd, &sb) == 0 && !S_ISREG(sb.st_mode);
	/* The magic with read(2) too: stdio would read ahead past it. */
	bool failed = false;
	while (r->len < sizeof(r->head)) {
		ssize_t got = read(r->fd, r->head + r->len, sizeof(r->head) - r->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			failed = got < 0;
			break;
		}
		r->len += (size_t)got;
	}
	*empty = r->len == 0 && !failed;
	*digits = r->len == 4 ? magic_digits(r->head) : 6;
	*live = r;
	cookie_io_functions_t io = { .read = replay_read, .close = replay_close };
	FILE *fp = fopencookie(r, "rb", io);
	if (fp == NULL)
		free(r);
	return fp;
}

/*
 * The refusals of libpcap 1.10's pcapng reader (pcap-ng.c) that come from
 * its one-link-type design rather than from damage: "an interface has a
 * type 276 different from the type of the first interface", the same for
 * the snapshot length, and "the file has sections with different byte
 * orders".  Only these send a file to pcapng.c.
 */
static bool refuses_mixed(const char *msg)
{
	return (strstr(msg, "different from the") != NULL &&
		strstr(msg, "of the first interface") != NULL) ||
	       strstr(msg, "sections with different byte orders") != NULL;
}

/*
 * pcapng stores LINKTYPE_ values; libpcap's DLT_ values differ for a few
 * of them (libpcap's pcap-common.c, linktype_to_dlt()), above all
 * LINKTYPE_RAW 101, which is DLT_RAW (12 on Linux).
 */
static int linktype_to_dlt(uint32_t lt)
{
	switch (lt) {
	case 100: return DLT_ATM_RFC1483;
	case 101: return DLT_RAW;
	case 102: return DLT_SLIP_BSDOS;
	case 103: return DLT_PPP_BSDOS;
	case 106: return DLT_ATM_CLIP;
	case 108: return DLT_LOOP;
	case 109: return DLT_ENC;
	case 112: return DLT_HDLC;
	case 117: return DLT_PFLOG;
	case 246: return DLT_PFSYNC;
	case 258: return DLT_PKTAP;
	}
	return (int)lt;
}

/*
 * Hands the file to pcapng.c from its start and skips the `skip` packets
 * libpcap delivered already.  False with errbuf filled when it cannot.
 */
static bool switch_to_pcapng(struct reader *r, uint64_t skip, char *errbuf)
{
	char err[PCAPNG_ERRBUF];
	FILE *fp = fopen(r->path, "rb");
	if (fp == NULL) {
		capture_msg(errbuf, READER_ERRBUF, CM_REOPEN,
			    MSG_ARGS(r->path, strerror(errno)));
		return false;
	}
	r->ng = pcapng_open(fp, err);
	if (r->ng == NULL) {
		capture_msg(errbuf, READER_ERRBUF, CM_NOT_CAPTURE, MSG_ARGS(r->path, err));
		return false;
	}
	r->dlt = linktype_to_dlt(pcapng_first_linktype(r->ng));
	/* The digits of the file's first interface (reader_ts_digits()); each
	 * frame has its own interface's. */
	r->ts_digits = pcapng_first_ts_digits(r->ng);
	for (uint64_t i = 0; i < skip; i++) {
		struct pcapng_packet p;
		enum pcapng_status st = pcapng_next(r->ng, &p, err);
		if (st == PCAPNG_EOF) {
			capture_msg(errbuf, READER_ERRBUF, CM_CHANGED,
				    MSG_ARGS(r->path, MSG_NUM(i + 1)));
			return false;
		}
		if (st != PCAPNG_PACKET) {
			capture_msg(errbuf, READER_ERRBUF, CM_PACKET,
				    MSG_ARGS(r->path, MSG_NUM(i + 1), err));
			return false;
		}
	}
	return true;
}

/*
 * The filter compiled for link type `dlt` (pcapng.c's files may hold
 * several; libpcap compiles a filter for one), kept for the next frames.
 * NULL with `msg` filled when it does not compile for that link type.
 */
static const struct bpf_program *dlt_prog(struct reader *r, int dlt,
					  char msg[PCAP_ERRBUF_SIZE])
{
	for (size_t i = 0; i < r->nfilters; i++)
		if (r->filters[i].dlt == dlt)
			return &r->filters[i].prog;
	struct dlt_filter *n = realloc(r->filters, (r->nfilters + 1) * sizeof(*n));
	pcap_t *dead = pcap_open_dead(dlt, 262144);
	if (n != NULL)
		r->filters = n;
	if (n == NULL || dead == NULL) {
		capture_msg(msg, PCAP_ERRBUF_SIZE, CM_OOM, NULL, 0);
		if (dead != NULL)
			pcap_close(dead);
		return NULL;
	}
	struct dlt_filter *f = &r->filters[r->nfilters];
	f->dlt = dlt;
	bool ok = pcap_compile(dead, &f->prog, r->filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
	if (!ok)
		snprintf(msg, PCAP_ERRBUF_SIZE, "%s", pcap_geterr(dead));
	pcap_close(dead);
	if (!ok)
		return NULL;
	r->nfilters++;
	return &f->prog;
}

struct reader *reader_open(const char *path, const char *filter, char *errbuf)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct reader *r = calloc(1, sizeof(*r));
	if (r == NULL) {
		capture_msg(errbuf, READER_ERRBUF, CM_FILE_OOM, MSG_ARGS(path));
		return NULL;
	}
	r->path = path;
	r->filter = filter;
	r->ts_digits = 6;

	FILE *fp;
	if (strcmp(path, "-") == 0) {
		bool empty = false;
		fp = open_stdin(&r->ts_digits, &empty, &r->replay);
		if (fp != NULL && empty) {
			capture_msg(errbuf, READER_ERRBUF, CM_STDIN_EMPTY, NULL, 0);
			fclose(fp);
			free(r);
			return NULL;
		}
	} else if ((fp = fopen(path, "rb")) != NULL) {
		/* stdio's buffer is st_blksize, 4 KiB: a read(2) for every
		 * few dozen packets.  libpcap reads through this FILE, so a
		 * buffer of READ_BUFFER is a sixty-fourth of the calls. */
		setvbuf(fp, (char *)r->iobuf, _IOFBF, sizeof(r->iobuf));
		unsigned char m[4];
		size_t got = fread(m, 1, 4, fp);
		if (got == 0 && !ferror(fp)) {
			/* libpcap would say "tried to read 4 file header bytes,
			 * only got 0": say what that means. */
			capture_msg(errbuf, READER_ERRBUF, CM_FILE_EMPTY, MSG_ARGS(path));
			fclose(fp);
			free(r);
			return NULL;
		}
		r->ts_digits = got == 4 ? magic_digits(m) : 6;
		rewind(fp);
	}
	if (fp == NULL) {
		snprintf(errbuf, READER_ERRBUF, "%s: %s", path, strerror(errno));
		free(r);
		return NULL;
	}
	struct stat sb;
	r->rereadable = strcmp(path, "-") != 0 && fstat(fileno(fp), &sb) == 0 &&
			S_ISREG(sb.st_mode);
	/* On success libpcap owns fp and closes it in pcap_close(). */
	r->pcap = pcap_fopen_offline_with_tstamp_precision(
		fp, PCAP_TSTAMP_PRECISION_NANO, pcap_err);
	if (r->pcap == NULL)
		fclose(fp);
	if (r->pcap == NULL && refuses_mixed(pcap_err) && r->rereadable) {
		if (!switch_to_pcapng(r, 0, errbuf)) {
			reader_close(r);
			return NULL;
		}
	} else if (r->pcap == NULL) {
		capture_msg(errbuf, READER_ERRBUF, refuses_mixed(pcap_err)
			    ? CM_NOT_CAPTURE_NO_REREAD : CM_NOT_CAPTURE, MSG_ARGS(path, pcap_err));
		free(r);
		return NULL;
	} else {
		r->dlt = pcap_datalink(r->pcap);
	}

	/* A filter that does not compile for the first link type is an error
	 * at opening, whichever reader reads the file. */
	if (filter != NULL && r->pcap != NULL) {
		if (pcap_compile(r->pcap, &r->prog, filter, 1,
				 PCAP_NETMASK_UNKNOWN) != 0) {
			capture_msg(errbuf, READER_ERRBUF, CM_FILE_BAD_FILTER,
				    MSG_ARGS(path, filter, pcap_geterr(r->pcap)));
			reader_close(r);
			return NULL;
		}
		r->have_prog = true;
	} else if (filter != NULL && dlt_prog(r, r->dlt, pcap_err) == NULL) {
		capture_msg(errbuf, READER_ERRBUF, CM_FILE_BAD_FILTER,
			    MSG_ARGS(path, filter, pcap_err));
		reader_close(r);
		return NULL;
	}
	return r;
}

/* The next frame from libpcap; READER_EOF also when libpcap refuses the
 * rest of the file and pcapng.c takes over (r->ng is set then). */
static enum reader_status next_pcap(struct reader *r, struct reader_frame *f,
				    char *errbuf)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc = pcap_next_ex(r->pcap, &h, &data);
	if (rc == PCAP_ERROR_BREAK)
		return READER_EOF;
	if (rc != 1) {
		const char *why = pcap_geterr(r->pcap);
		bool mixed = refuses_mixed(why);
		if (mixed && r->rereadable) {
			pcap_close(r->pcap);
			r->pcap = NULL;
			if (r->have_prog)
				pcap_freecode(&r->prog);
			r->have_prog = false;
			return switch_to_pcapng(r, r->frames, errbuf) ? READER_EOF
								      : READER_ERROR;
		}
		capture_msg(errbuf, READER_ERRBUF, mixed ? CM_PACKET_NO_REREAD : CM_PACKET,
			    MSG_ARGS(r->path, MSG_NUM(r->frames + 1), why));
		return READER_ERROR;
	}
	r->frames++;
	f->number = r->frames;
	f->dlt = r->dlt;
	f->ts_digits = r->ts_digits;
	f->ts.sec = (int64_t)h->ts.tv_sec;
	f->ts.nsec = (uint32_t)h->ts.tv_usec;	/* nanoseconds: opened with NANO */
	f->caplen = h->caplen;
	/* A record claiming fewer bytes on the wire than captured is bogus;
	 * the captured bytes are what we have. */
	f->wire_len = h->len > h->caplen ? h->len : h->caplen;
	f->data = data;
	f->filtered_out = r->have_prog && !pcap_offline_filter(&r->prog, h, data);
	return READER_FRAME;
}

/* libpcap's name of a link type, or its number. */
static const char *dlt_label(int dlt, char buf[24])
{
	const char *name = pcap_datalink_val_to_name(dlt);
	if (name != NULL)
		return name;
	snprintf(buf, 24, "DLT %d", dlt);
	return buf;
}

/* The next frame from pcapng.c, filtered with its link type's filter. */
static enum reader_status next_pcapng(struct reader *r, struct reader_frame *f,
				      char *errbuf)
{
	char err[PCAPNG_ERRBUF];
	struct pcapng_packet p;
	switch (pcapng_next(r->ng, &p, err)) {
	case PCAPNG_EOF:
		return READER_EOF;
	case PCAPNG_ERROR:
		capture_msg(errbuf, READER_ERRBUF, CM_PACKET,
			    MSG_ARGS(r->path, MSG_NUM(r->frames + 1), err));
		return READER_ERROR;
	case PCAPNG_PACKET:
		break;
	}
	f->number = r->frames + 1;
	f->dlt = linktype_to_dlt(p.linktype);
	f->ts_digits = p.ts_digits;
	f->ts = p.ts;
	f->caplen = p.caplen;
	f->wire_len = p.wire_len > p.caplen ? p.wire_len : p.caplen;
	f->data = p.data;
	f->filtered_out = false;
	if (r->filter != NULL) {
		char msg[PCAP_ERRBUF_SIZE], label[24];
		const struct bpf_program *prog = dlt_prog(r, f->dlt, msg);
		if (prog == NULL) {
			capture_msg(errbuf, READER_ERRBUF, CM_LINK_BAD_FILTER,
				    MSG_ARGS(r->path, MSG_NUM(f->number), r->filter,
					     dlt_label(f->dlt, label), msg));
			return READER_ERROR;
		}
		struct pcap_pkthdr h = { .caplen = f->caplen, .len = f->wire_len };
		f->filtered_out = !pcap_offline_filter(prog, &h, f->data);
	}
	r->frames++;
	return READER_FRAME;
}

enum reader_status reader_next(struct reader *r, struct reader_frame *f,
			       char *errbuf)
{
	if (r->pcap != NULL) {
		enum reader_status st = next_pcap(r, f, errbuf);
		if (st != READER_EOF || r->ng == NULL)
			return st;
	}
	if (r->ng == NULL)	/* called again after a failed switch */
		return READER_EOF;
	return next_pcapng(r, f, errbuf);
}

void reader_close(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->have_prog)
		pcap_freecode(&r->prog);
	for (size_t i = 0; i < r->nfilters; i++)
		pcap_freecode(&r->filters[i].prog);
	free(r->filters);
	if (r->pcap != NULL)
		pcap_close(r->pcap);
	pcapng_close(r->ng);
	free(r);
}

bool reader_check_filter(const char *filter, char *errbuf)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 262144);
	struct bpf_program prog;
	if (p == NULL) {
		capture_msg(errbuf, READER_ERRBUF, CM_OOM, NULL, 0);
		return false;
	}
	bool ok = pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
	if (ok)
		pcap_freecode(&prog);
	else
		capture_msg(errbuf, READER_ERRBUF, CM_BAD_FILTER,
			    MSG_ARGS(filter, pcap_geterr(p)));
	pcap_close(p);
	return ok;
}

bool reader_live(const struct reader *r)
{
	return r->replay != NULL && r->replay->live;
}

void reader_set_idle(struct reader *r, void (*idle)(void *ctx), void *ctx)
{
	if (r->replay != NULL) {
		r->replay->idle = idle;
		r->replay->idle_ctx = ctx;
	}
}

int reader_dlt(const struct reader *r) { return r->dlt; }
int reader_ts_digits(const struct reader *r) { return r->ts_digits; }
uint64_t reader_frames(const struct reader *r) { return r->frames; }

const char *reader_dlt_name(int dlt)
{
	return pcap_datalink_val_to_name(dlt);
}

void reader_unsupported_link(const struct reader *r, const char *path, char *errbuf)
{
	char num[24];
	snprintf(num, sizeof(num), "%d", r->dlt);
	const char *args[] = { path, reader_link_name(r), num };
	capture_msg(errbuf, READER_ERRBUF, CM_LINK_UNSUPPORTED, args, 3);
}

/* libpcap's name of a link type; for the two tcpview reads that libpcap
 * 1.10 leaves unnamed, the name of their DLT_ macro. */
const char *reader_link_name(const struct reader *r)
{
	const char *name = pcap_datalink_val_to_name(r->dlt);
	if (name != NULL)
		return name;
	if (r->dlt == DLT_PPP_WITH_DIR)
		return "PPP_WITH_DIR";
	if (r->dlt == DLT_USER2)
		return "USER2";
	return "unknown";
}
