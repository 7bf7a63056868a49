/*
 * testlib.c - the http.pcap packets as struct tv_packet values and a
 * sink that records every record (see testlib.h).
 *
 * The packet table is Wireshark's reading of the capture
 * (`tshark -r /work/shared/captures/http.pcap -V`): raw seq/ack, flags,
 * raw window, TCP header length, segment length and options.  The file is
 * DLT_NULL (4-byte family header) over IPv4 without options, so a frame's
 * wire length is 4 + 20 + TCP header + payload.
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "tcpview/decode/decode.h"
#include "tcpview/tcp/names.h"
#include "testlib.h"

struct tv_time tl_time(int64_t base_sec, int64_t ns)
{
	struct tv_time t;
	t.sec = base_sec + ns / 1000000000LL;
	t.nsec = (uint32_t)(ns % 1000000000LL);
	return t;
}

/* Frame 5 payload (78 bytes): curl's request. */
static const char http_request[] =
	"GET / HTTP/1.1\r\n"
	"Host: 127.0.0.1:8080\r\n"
	"User-Agent: curl/7.54.0\r\n"
	"Accept: */*\r\n"
	"\r\n";

/* Frame 7 payload (128 bytes): the Go server's answer. */
static const char http_response[] =
	"HTTP/1.1 200 OK\r\n"
	"Date: Wed, 15 May 2019 05:37:29 GMT\r\n"
	"Content-Length: 11\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n"
	"\r\n"
	"Hello world";

_Static_assert(sizeof(http_request) - 1 == 78, "frame 5 carries 78 bytes");
_Static_assert(sizeof(http_response) - 1 == 128, "frame 7 carries 128 bytes");

#define C2S 0
#define S2C 1
#define TSV 131915251u	/* TSval of every packet (0x07dcddf3) */

/*
 * One row per frame, as tshark shows it:
 *   dir, time (µs after 05:37:29 UTC = 1557898649 s), raw seq, raw ack,
 *   flags, raw window, TCP header length, TCP segment length.
 */
static const struct {
	int dir;
	uint32_t usec;
	uint32_t seq, ack;
	uint16_t flags, win;
	uint8_t hdr_len;
	uint32_t len;
} http_rows[HTTP_NPACKETS] = {
	/*  1 59774 → 8080 [SYN] Seq=0 Win=65535 Len=0 MSS=16344 WS=64 TSval=131915251 TSecr=0 SACK_PERM */
	{ C2S, 347017, 444382187u, 0u, TH_SYN, 65535, 44, 0 },
	/*  2 8080 → 59774 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0 MSS=16344 WS=64 TSval=131915251 TSecr=131915251 SACK_PERM */
	{ S2C, 347112, 3798924672u, 444382188u, TH_SYN | TH_ACK, 65535, 44, 0 },
	/*  3 59774 → 8080 [ACK] Seq=1 Ack=1 Win=408256 Len=0 */
	{ C2S, 347124, 444382188u, 3798924673u, TH_ACK, 6379, 32, 0 },
	/*  4 8080 → 59774 [TCP Window Update] [ACK] Seq=1 Ack=1 Win=408256 Len=0 */
	{ S2C, 347133, 3798924673u, 444382188u, TH_ACK, 6379, 32, 0 },
	/*  5 59774 → 8080 [PSH, ACK] Seq=1 Ack=1 Win=408256 Len=78  GET / HTTP/1.1 */
	{ C2S, 347175, 444382188u, 3798924673u, TH_PUSH | TH_ACK, 6379, 32, 78 },
	/*  6 8080 → 59774 [ACK] Seq=1 Ack=79 Win=408192 Len=0  (acks frame 5, RTT 0.000024) */
	{ S2C, 347199, 3798924673u, 444382266u, TH_ACK, 6378, 32, 0 },
	/*  7 8080 → 59774 [PSH, ACK] Seq=1 Ack=79 Win=408192 Len=128  HTTP/1.1 200 OK */
	{ S2C, 347323, 3798924673u, 444382266u, TH_PUSH | TH_ACK, 6378, 32, 128 },
	/*  8 59774 → 8080 [ACK] Seq=79 Ack=129 Win=408128 Len=0  (acks frame 7, RTT 0.000024) */
	{ C2S, 347347, 444382266u, 3798924801u, TH_ACK, 6377, 32, 0 },
	/*  9 59774 → 8080 [FIN, ACK] Seq=79 Ack=129 Win=408128 Len=0 */
	{ C2S, 347438, 444382266u, 3798924801u, TH_FIN | TH_ACK, 6377, 32, 0 },
	/* 10 8080 → 59774 [ACK] Seq=129 Ack=80 Win=408192 Len=0  (acks frame 9, RTT 0.000053) */
	{ S2C, 347491, 3798924801u, 444382267u, TH_ACK, 6378, 32, 0 },
	/* 11 8080 → 59774 [FIN, ACK] Seq=129 Ack=80 Win=408192 Len=0 */
	{ S2C, 347527, 3798924801u, 444382267u, TH_FIN | TH_ACK, 6378, 32, 0 },
	/* 12 59774 → 8080 [ACK] Seq=80 Ack=130 Win=408128 Len=0  (acks frame 11, RTT 0.000030) */
	{ C2S, 347557, 444382267u, 3798924802u, TH_ACK, 6377, 32, 0 },
};

size_t testlib_http_packets(struct tv_packet out[HTTP_NPACKETS])
{
	static const uint8_t localhost[4] = { 127, 0, 0, 1 };
	for (size_t i = 0; i < HTTP_NPACKETS; i++) {
		struct tv_packet *p = &out[i];
		memset(p, 0, sizeof(*p));
		p->frame = i + 1;
		p->ts = tl_time(1557898649, (int64_t)http_rows[i].usec * 1000);
		p->ts_digits = 6;
		p->src.family = p->dst.family = 4;
		memcpy(p->src.bytes, localhost, 4);
		memcpy(p->dst.bytes, localhost, 4);
		p->sport = http_rows[i].dir == C2S ? 59774 : 8080;
		p->dport = http_rows[i].dir == C2S ? 8080 : 59774;
		p->seq = http_rows[i].seq;
		p->ack = http_rows[i].ack;
		p->flags = http_rows[i].flags;
		p->win = http_rows[i].win;
		p->hdr_len = http_rows[i].hdr_len;
		p->len = http_rows[i].len;
		p->wire_len = 4 + 20 + p->hdr_len + p->len;
		if (p->len > 0) {
			p->payload = (const uint8_t *)(i == 4 ? http_request : http_response);
			p->payload_caplen = p->len;
		}
		/* Every segment carries timestamps (NOP, NOP, TS on 3..12). */
		p->opt.present = TCPOPT_HAVE_TS;
		p->opt.ts_val = TSV;
		p->opt.ts_ecr = TSV;
		if (p->flags & TH_SYN) {
			/* MSS 16344, NOP, WS 6, NOP, NOP, TS, SACK_PERM, EOL, EOL */
			p->opt.present |= TCPOPT_HAVE_MSS | TCPOPT_HAVE_WSCALE |
					  TCPOPT_HAVE_SACK_PERM;
			p->opt.mss = 16344;
			p->opt.wscale = 6;
			if (!(p->flags & TH_ACK))
				p->opt.ts_ecr = 0;
		}
	}
	return HTTP_NPACKETS;
}

/* ---- scripted segments ---- */

static void put16(uint8_t *b, uint16_t v) { b[0] = (uint8_t)(v >> 8); b[1] = (uint8_t)v; }
static void put32(uint8_t *b, uint32_t v) { put16(b, (uint16_t)(v >> 16)); put16(b + 2, (uint16_t)v); }

struct tv_packet testlib_segment(enum tv_dir d, const uint32_t isn[2], uint64_t frame,
				 int64_t t_ns, uint16_t flags, uint32_t rseq, uint32_t rack,
				 uint16_t win, uint32_t len, const uint8_t *opts, size_t optlen)
{
	static uint8_t f[14 + 20 + 60 + 4096];
	static const uint8_t a_c[4] = { 10, 0, 0, 1 }, a_s[4] = { 10, 0, 0, 2 };
	uint8_t *ip = f + 14, *tcp = ip + 20;
	size_t hlen = 20 + optlen;
	ck_assert_msg(optlen <= 40 && optlen % 4 == 0 && len <= 4096, "a segment that fits");
	memset(f, 0, 14 + 20 + hlen);
	memcpy(f, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01", 12);
	put16(f + 12, 0x0800);				/* EtherType IPv4 */
	ip[0] = 0x45;					/* version 4, IHL 5 */
	put16(ip + 2, (uint16_t)(20 + hlen + len));	/* total length */
	put16(ip + 6, 0x4000);				/* DF */
	ip[8] = 64;					/* TTL */
	ip[9] = 6;					/* TCP */
	memcpy(ip + 12, d == DIR_C2S ? a_c : a_s, 4);
	memcpy(ip + 16, d == DIR_C2S ? a_s : a_c, 4);
	put16(tcp, d == DIR_C2S ? 40000 : 80);
	put16(tcp + 2, d == DIR_C2S ? 80 : 40000);
	put32(tcp + 4, isn[d] + rseq);
	put32(tcp + 8, (flags & TH_ACK) ? isn[dir_other(d)] + rack : 0);
	put16(tcp + 12, (uint16_t)(((hlen / 4) << 12) | flags));
	put16(tcp + 14, win);
	if (optlen > 0)
		memcpy(tcp + 20, opts, optlen);
	memset(tcp + hlen, 'x', len);

	uint32_t n = (uint32_t)(14 + 20 + hlen + len);
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0, sizeof(p));
	ck_assert_msg(decode_frame(DLT_EN10MB, f, n, n, &p, &why) == DECODE_TCP,
		      "the test frame must decode as TCP (%s)", why ? why : "");
	p.frame = frame;
	p.ts = tl_time(1700000000, t_ns);
	p.ts_digits = 9;
	return p;
}

/* ---- the recording sink ---- */

static void rec_begin(struct tv_sink *s)
{
	((struct rec_sink *)s)->begun = true;
}

static void rec_conn_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	struct rec_sink *r = (struct rec_sink *)s;
	if (r->nstarts < REC_MAX_CONNS)
		r->starts[r->nstarts] = *c;
	r->nstarts++;
}

static void rec_event(struct tv_sink *s, const struct tv_event *ev)
{
	struct rec_sink *r = (struct rec_sink *)s;
	if (r->nevents < REC_MAX_EVENTS)
		r->ev[r->nevents] = *ev;
	r->nevents++;
}

static void rec_app(struct tv_sink *s, const struct tv_app *a)
{
	struct rec_sink *r = (struct rec_sink *)s;
	if (r->napps < REC_MAX_APPS) {
		r->app_after[r->napps] = r->nevents;
		r->apps[r->napps] = *a;
	}
	r->napps++;
}

static void rec_conn_close(struct tv_sink *s, const struct tv_conn_report *c)
{
	struct rec_sink *r = (struct rec_sink *)s;
	if (r->nends < REC_MAX_CONNS)
		r->ends[r->nends] = *c;
	r->nends++;
}

static void rec_malformed(struct tv_sink *s, const char *file, uint64_t frame,
			  const char *why)
{
	(void)file;
	(void)frame;
	(void)why;
	((struct rec_sink *)s)->nmalformed++;
}

static void rec_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
		       const struct tv_stats *st)
{
	(void)in;
	(void)n;
	(void)st;
	((struct rec_sink *)s)->finished = true;
}

static void rec_destroy(struct tv_sink *s)
{
	(void)s;	/* owned by the test */
}

static const struct tv_sink_ops rec_ops = {
	.begin = rec_begin,
	.conn_open = rec_conn_open,
	.event = rec_event,
	.app = rec_app,
	.conn_close = rec_conn_close,
	.malformed = rec_malformed,
	.finish = rec_finish,
	.destroy = rec_destroy,
};

struct tv_sink *rec_sink_init(struct rec_sink *r)
{
	memset(r, 0, sizeof(*r));
	r->base.ops = &rec_ops;
	return &r->base;
}

const struct tv_event *rec_frame(const struct rec_sink *r, uint64_t frame)
{
	size_t n = r->nevents < REC_MAX_EVENTS ? r->nevents : REC_MAX_EVENTS;
	for (size_t i = n; i > 0; i--)
		if (r->ev[i - 1].frame == frame)
			return &r->ev[i - 1];
	return NULL;
}

const struct tv_conn_report *rec_conn_ended(const struct rec_sink *r, uint64_t id)
{
	size_t n = r->nends < REC_MAX_CONNS ? r->nends : REC_MAX_CONNS;
	for (size_t i = 0; i < n; i++)
		if (r->ends[i].info.id == id)
			return &r->ends[i];
	return NULL;
}

const char *rec_label_list(uint32_t labels, char *buf, size_t cap)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int l = 0; l < L_COUNT; l++) {
		if (!(labels & LBIT(l)))
			continue;
		int k = snprintf(buf + n, cap - n, "%s%s", n ? "," : "",
				 label_name((enum tv_label)l));
		if (k < 0 || (size_t)k >= cap - n)
			break;
		n += (size_t)k;
	}
	if (n == 0)
		snprintf(buf, cap, "(none)");
	return buf;
}
