/*
 * reader.c - libpcap offline reading: the first stage of the data flow.
 *
 * Files are opened with nanosecond timestamps so that no precision is lost
 * whatever the file holds; the file's own precision is taken from the pcap
 * magic number (0xa1b23c4d is the nanosecond variant) and only decides how
 * many digits are printed.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "tcpview/capture/reader.h"

struct reader {
	pcap_t *pcap;
	struct bpf_program prog;
	bool have_prog;
	const char *path;
	int dlt;
	int ts_digits;
	uint64_t frames;
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
	FILE *src;
};

static ssize_t replay_read(void *cookie, char *buf, size_t size)
{
	struct replay *r = cookie;
	size_t n = 0;
	while (n < size && r->pos < r->len)
		buf[n++] = (char)r->head[r->pos++];
	if (n < size)
		n += fread(buf + n, 1, size - n, r->src);
	return (ssize_t)n;
}

static int replay_close(void *cookie)
{
	free(cookie);
	return 0;
}

static FILE *open_stdin(int *digits)
{
	struct replay *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->src = stdin;
	r->len = fread(r->head, 1, sizeof(r->head), stdin);
	*digits = r->len == 4 ? magic_digits(r->head) : 6;
	cookie_io_functions_t io = { .read = replay_read, .close = replay_close };
	FILE *fp = fopencookie(r, "rb", io);
	if (fp == NULL)
		free(r);
	return fp;
}

struct reader *reader_open(const char *path, const char *filter, char *errbuf)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct reader *r = calloc(1, sizeof(*r));
	if (r == NULL) {
		snprintf(errbuf, READER_ERRBUF, "%s: out of memory", path);
		return NULL;
	}
	r->path = path;
	r->ts_digits = 6;

	FILE *fp;
	if (strcmp(path, "-") == 0) {
		fp = open_stdin(&r->ts_digits);
	} else if ((fp = fopen(path, "rb")) != NULL) {
		unsigned char m[4];
		r->ts_digits = fread(m, 1, 4, fp) == 4 ? magic_digits(m) : 6;
		rewind(fp);
	}
	if (fp == NULL) {
		snprintf(errbuf, READER_ERRBUF, "%s: %s", path, strerror(errno));
		free(r);
		return NULL;
	}
	/* On success libpcap owns fp and closes it in pcap_close(). */
	r->pcap = pcap_fopen_offline_with_tstamp_precision(
		fp, PCAP_TSTAMP_PRECISION_NANO, pcap_err);
	if (r->pcap == NULL)
		fclose(fp);
	if (r->pcap == NULL) {
		snprintf(errbuf, READER_ERRBUF, "%s: not a readable capture: %s",
			 path, pcap_err);
		free(r);
		return NULL;
	}
	r->dlt = pcap_datalink(r->pcap);

	if (filter != NULL) {
		if (pcap_compile(r->pcap, &r->prog, filter, 1,
				 PCAP_NETMASK_UNKNOWN) != 0) {
			snprintf(errbuf, READER_ERRBUF, "%s: bad filter '%s': %s",
				 path, filter, pcap_geterr(r->pcap));
			reader_close(r);
			return NULL;
		}
		r->have_prog = true;
	}
	return r;
}

enum reader_status reader_next(struct reader *r, struct reader_frame *f,
			       char *errbuf)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc = pcap_next_ex(r->pcap, &h, &data);
	if (rc == PCAP_ERROR_BREAK)
		return READER_EOF;
	if (rc != 1) {
		snprintf(errbuf, READER_ERRBUF, "%s: packet %llu: %s", r->path,
			 (unsigned long long)r->frames + 1, pcap_geterr(r->pcap));
		return READER_ERROR;
	}
	r->frames++;
	f->number = r->frames;
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

void reader_close(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->have_prog)
		pcap_freecode(&r->prog);
	if (r->pcap != NULL)
		pcap_close(r->pcap);
	free(r);
}

bool reader_check_filter(const char *filter, char *errbuf)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 262144);
	struct bpf_program prog;
	if (p == NULL) {
		snprintf(errbuf, READER_ERRBUF, "out of memory");
		return false;
	}
	bool ok = pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
	if (ok)
		pcap_freecode(&prog);
	else
		snprintf(errbuf, READER_ERRBUF, "bad filter '%s': %s", filter,
			 pcap_geterr(p));
	pcap_close(p);
	return ok;
}

int reader_dlt(const struct reader *r) { return r->dlt; }
int reader_ts_digits(const struct reader *r) { return r->ts_digits; }
uint64_t reader_frames(const struct reader *r) { return r->frames; }

const char *reader_link_name(const struct reader *r)
{
	const char *name = pcap_datalink_val_to_name(r->dlt);
	return name != NULL ? name : "unknown";
}
