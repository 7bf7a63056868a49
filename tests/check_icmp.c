/*
 * check_icmp.c - ICMP errors that quote a TCP segment (SPEC §8): decoded
 * with decode_frame() into the quoted segment's 4-tuple and the error,
 * attached by the tracker to that segment's connection, and told.
 *
 * The frames are raw IPv4 (DLT_RAW).  tshark 4.0 reads them as:
 *   1  10.0.0.1 → 10.0.0.2   TCP 40 40000 → 80 [SYN] Seq=0 Win=64240 Len=0
 *   2  10.0.0.2 → 10.0.0.1   ICMP 68 Destination unreachable (Port unreachable)
 *   3  192.0.2.1 → 10.0.0.1  ICMP 68 Destination unreachable (Fragmentation needed)
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "tcpview/decode/decode.h"
#include "tcpview/say/narrate.h"
#include "tcpview/tcp/tracker.h"
#include "testlib.h"

/* The client's SYN: IPv4 10.0.0.1 → 10.0.0.2, TCP 40000 → 80, seq 1000. */
static const uint8_t syn[40] = {
	0x45, 0x00, 0x00, 0x28,	/* version 4, IHL 5; total length 40 */
	0x00, 0x01, 0x40, 0x00,	/* id 1; DF */
	0x40, 0x06, 0x26, 0xcd,	/* TTL 64, protocol TCP, checksum */
	10, 0, 0, 1, 10, 0, 0, 2,
	0x9c, 0x40, 0x00, 0x50,	/* ports 40000 → 80 */
	0x00, 0x00, 0x03, 0xe8,	/* sequence number 1000 */
	0x00, 0x00, 0x00, 0x00,	/* acknowledgment 0 */
	0x50, 0x02, 0xfa, 0xf0,	/* header 20 bytes, SYN; window 64240 */
	0x00, 0x00, 0x00, 0x00,	/* checksum (not verified), urgent */
};

/* ICMP from 10.0.0.2: destination unreachable (3), port unreachable (3),
 * quoting the SYN's IP header and its TCP header. */
static uint8_t port_unreach[68] = {
	0x45, 0x00, 0x00, 0x44, 0x00, 0x02, 0x40, 0x00,	/* total 68, id 2, DF */
	0x40, 0x01, 0x26, 0xb5,	/* TTL 64, protocol ICMP */
	10, 0, 0, 2, 10, 0, 0, 1,
	0x03, 0x03, 0x11, 0x91,	/* type 3, code 3, checksum */
	0x00, 0x00, 0x00, 0x00,	/* unused */
	/* 40 bytes: the quoted SYN */
};

/* ICMP from the router 192.0.2.1: fragmentation needed (3/4), next-hop
 * MTU 1400 (RFC 1191), quoting the same SYN. */
static uint8_t frag_needed[68] = {
	0x45, 0x00, 0x00, 0x44, 0x00, 0x03, 0x40, 0x00,
	0x40, 0x01, 0x6e, 0xb4,
	192, 0, 2, 1, 10, 0, 0, 1,
	0x03, 0x04, 0x0c, 0x18,	/* type 3, code 4, checksum */
	0x00, 0x00, 0x05, 0x78,	/* unused; next-hop MTU 1400 */
};

static void setup_frames(void)
{
	memcpy(port_unreach + 28, syn, sizeof(syn));
	memcpy(frag_needed + 28, syn, sizeof(syn));
}

START_TEST(decode_quoted_segment)
{
	setup_frames();
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0x5a, sizeof(p));	/* nothing may be left unset */
	ck_assert_msg(decode_frame(DLT_RAW, port_unreach, 68, 68, &p, &why) == DECODE_ICMP,
		      "an ICMP error quoting TCP is DECODE_ICMP (%s)", why ? why : "");
	ck_assert_msg(p.sport == 40000 && p.dport == 80 && p.seq == 1000 &&
		      p.src.bytes[3] == 1 && p.dst.bytes[3] == 2,
		      "the quoted segment: 10.0.0.1:40000 → 10.0.0.2:80 seq 1000");
	ck_assert_msg(p.icmp.version == 4 && p.icmp.type == 3 && p.icmp.code == 3 &&
		      p.icmp.from.bytes[3] == 2, "port unreachable, from 10.0.0.2");
	ck_assert_msg(p.len == 0 && p.opt.present == 0 && !p.truncated, "no payload, no options");
	ck_assert_msg(decode_frame(DLT_RAW, frag_needed, 68, 68, &p, &why) == DECODE_ICMP &&
		      p.icmp.code == 4 && p.icmp.mtu == 1400 && p.icmp.from.bytes[0] == 192,
		      "fragmentation needed, MTU 1400, from 192.0.2.1");
	/* Cut anywhere, it is never misread. */
	for (uint32_t n = 0; n < 68; n++) {
		enum decode_result r = decode_frame(DLT_RAW, port_unreach, n, 68, &p, &why);
		ck_assert_msg(r != DECODE_TCP, "cut at %u: not a TCP segment", n);
	}
}
END_TEST

START_TEST(error_told_on_its_connection)
{
	setup_frames();
	static struct rec_sink rec;
	struct tracker_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	struct tracker *t = tracker_new(&cfg, rec_sink_init(&rec));
	const uint8_t *frames[3] = { syn, port_unreach, frag_needed };
	uint32_t lens[3] = { 40, 68, 68 };
	for (int i = 0; i < 3; i++) {
		struct tv_packet p;
		const char *why = NULL;
		memset(&p, 0, sizeof(p));
		enum decode_result r = decode_frame(DLT_RAW, frames[i], lens[i], lens[i], &p, &why);
		p.frame = (uint64_t)i + 1;
		p.ts = tl_time(1700000000, (int64_t)i * 1000000);
		p.ts_digits = 6;
		if (r == DECODE_TCP)
			tracker_packet(t, &p);
		else
			ck_assert_msg(r == DECODE_ICMP && tracker_icmp(t, &p),
				      "frame %d attaches to a known connection", i + 1);
	}
	tracker_free(t);
	ck_assert_msg(rec.nevents == 3 && rec.nends == 1, "three events on one connection");
	const struct tv_event *e = rec_frame(&rec, 2);
	ck_assert_msg(e->conn == 1 && e->labels == LBIT(L_ICMP_ERROR) && e->dir == DIR_C2S &&
		      e->seq == 0, "frame 2: icmp_error on connection 1, about the client's "
		      "segment at relative seq 0");
	char words[NARRATE_MAX];
	narrate_event(e, false, words, sizeof(words));
	ck_assert_msg(strstr(words, "from 10.0.0.2") && strstr(words, "port unreachable"),
		      "the words say who and why: %s", words);
	narrate_event(rec_frame(&rec, 3), false, words, sizeof(words));
	ck_assert_msg(strstr(words, "MTU is 1400 bytes") && strstr(words, "from 192.0.2.1"),
		      "the MTU is told: %s", words);
	ck_assert_msg(rec.ends[0].half[DIR_C2S].counts[L_ICMP_ERROR] == 2,
		      "two ICMP errors counted on the client's side");
	ck_assert_msg(rec.ends[0].half[DIR_C2S].packets == 1,
		      "ICMP is not a segment: the client sent one packet");
}
END_TEST

/* An error about a 4-tuple no connection has is not attached. */
START_TEST(unknown_connection_not_attached)
{
	setup_frames();
	static struct rec_sink rec;
	struct tracker_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	struct tracker *t = tracker_new(&cfg, rec_sink_init(&rec));
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0, sizeof(p));
	ck_assert(decode_frame(DLT_RAW, port_unreach, 68, 68, &p, &why) == DECODE_ICMP);
	ck_assert_msg(!tracker_icmp(t, &p), "no connection: not attached");
	tracker_free(t);
	ck_assert_msg(rec.nevents == 0 && rec.nstarts == 0, "and nothing opened for it");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("icmp");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, decode_quoted_segment);
	tcase_add_test(tc, error_told_on_its_connection);
	tcase_add_test(tc, unknown_connection_not_attached);
	suite_add_tcase(s, tc);
	return s;
}
