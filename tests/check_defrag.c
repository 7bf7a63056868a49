/*
 * check_defrag.c - unit tests of decode/defrag.h, IP fragment reassembly,
 * and of decode_frame_defrag() over real fragment layouts.
 *
 * A datagram is given as fragments in any order and must come out whole
 * exactly once, from the fragment that completes it; overlapping bytes keep
 * their first copy; a datagram with a missing or uncaptured part never
 * comes out; and however many datagrams are left incomplete, the table
 * stays under DEFRAG_MAX_BYTES.
 */
#include <check.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "tcpview/decode/decode.h"
#include "tcpview/decode/defrag.h"

static struct tv_time at(int64_t ms)
{
	struct tv_time t = { 1700000000 + ms / 1000, (uint32_t)(ms % 1000) * 1000000 };
	return t;
}

static struct defrag_frag frag4(uint32_t id, uint32_t offset, bool more,
				const uint8_t *data, uint32_t len)
{
	struct defrag_frag f = { .version = 4, .id = id, .proto = 6, .offset = offset,
				 .more = more, .data = data, .len = len, .caplen = len };
	f.src.family = f.dst.family = 4;
	f.src.bytes[0] = 10, f.src.bytes[3] = 1;
	f.dst.bytes[0] = 10, f.dst.bytes[3] = 2;
	return f;
}

/* 40 bytes in three fragments (16, 16, 8), given in every order. */
START_TEST(three_fragments_any_order)
{
	static const int orders[6][3] = { {0,1,2}, {0,2,1}, {1,0,2}, {1,2,0}, {2,0,1}, {2,1,0} };
	uint8_t data[40];
	for (int i = 0; i < 40; i++)
		data[i] = (uint8_t)(i * 7);
	for (int o = 0; o < 6; o++) {
		struct defrag *df = defrag_new();
		ck_assert(df != NULL);
		struct defrag_frag f[3] = { frag4(9, 0, true, data, 16),
					    frag4(9, 16, true, data + 16, 16),
					    frag4(9, 32, false, data + 32, 8) };
		for (int k = 0; k < 3; k++) {
			uint32_t len = 0;
			const uint8_t *whole = defrag_add(df, &f[orders[o][k]], at(k), &len);
			if (k < 2) {
				ck_assert_msg(whole == NULL, "order %d: fragment %d of 3 completes nothing", o, k + 1);
			} else {
				ck_assert_msg(whole != NULL && len == 40 && memcmp(whole, data, 40) == 0,
					      "order %d: the third fragment gives the 40 bytes back", o);
			}
		}
		ck_assert_msg(defrag_bytes(df) == 0, "order %d: nothing held after completion", o);
		defrag_free(df);
	}
}
END_TEST

/* Overlap: a second copy of bytes 8..15 with other contents loses. */
START_TEST(first_copy_wins)
{
	uint8_t a[24], b[8];
	memset(a, 'A', sizeof(a));
	memset(b, 'B', sizeof(b));
	struct defrag *df = defrag_new();
	uint32_t len = 0;
	struct defrag_frag f1 = frag4(1, 0, true, a, 16);
	struct defrag_frag dup = frag4(1, 8, true, b, 8);
	struct defrag_frag f2 = frag4(1, 16, false, a + 16, 8);
	ck_assert(defrag_add(df, &f1, at(0), &len) == NULL);
	ck_assert(defrag_add(df, &dup, at(1), &len) == NULL);
	const uint8_t *whole = defrag_add(df, &f2, at(2), &len);
	ck_assert_msg(whole != NULL && len == 24, "completes at 24 bytes");
	for (int i = 0; i < 24; i++)
		ck_assert_msg(whole[i] == 'A', "byte %d keeps its first copy", i);
	defrag_free(df);
}
END_TEST

/* Different ids, addresses or protocols are different datagrams. */
START_TEST(datagrams_kept_apart)
{
	uint8_t d[16] = { 0 };
	struct defrag *df = defrag_new();
	uint32_t len;
	struct defrag_frag a = frag4(5, 0, true, d, 8), b = frag4(6, 8, false, d, 8);
	ck_assert(defrag_add(df, &a, at(0), &len) == NULL);
	ck_assert_msg(defrag_add(df, &b, at(1), &len) == NULL,
		      "id 6's last fragment does not complete id 5");
	struct defrag_frag c = frag4(5, 8, false, d, 8);
	c.src.bytes[3] = 9;
	ck_assert_msg(defrag_add(df, &c, at(2), &len) == NULL, "another source does not either");
	defrag_free(df);
}
END_TEST

/* A missing middle never completes; a part cut by the snap length neither. */
START_TEST(incomplete_never_comes_out)
{
	uint8_t d[32] = { 0 };
	struct defrag *df = defrag_new();
	uint32_t len;
	struct defrag_frag f1 = frag4(3, 0, true, d, 8), f3 = frag4(3, 16, false, d, 8);
	ck_assert(defrag_add(df, &f1, at(0), &len) == NULL);
	ck_assert_msg(defrag_add(df, &f3, at(1), &len) == NULL, "bytes 8..15 missing");
	struct defrag_frag g1 = frag4(4, 0, true, d, 16), g2 = frag4(4, 16, false, d, 16);
	g2.caplen = 10;
	ck_assert(defrag_add(df, &g1, at(2), &len) == NULL);
	ck_assert_msg(defrag_add(df, &g2, at(3), &len) == NULL,
		      "6 bytes of the last fragment not captured: no datagram");
	defrag_free(df);
}
END_TEST

/* 100,000 datagrams that never complete: memory stays under the cap, and
 * a datagram after them still reassembles. */
START_TEST(memory_bounded)
{
	static uint8_t d[1480];
	struct defrag *df = defrag_new();
	uint32_t len;
	size_t peak = 0;
	for (uint32_t i = 0; i < 100000; i++) {
		struct defrag_frag f = frag4(i & 0xffff, 0, true, d, sizeof(d));
		f.src.bytes[1] = (uint8_t)(i >> 16);
		ck_assert(defrag_add(df, &f, at(i / 100), &len) == NULL);
		if (defrag_bytes(df) > peak)
			peak = defrag_bytes(df);
	}
	ck_assert_msg(peak <= DEFRAG_MAX_BYTES, "peak %zu bytes, cap %u", peak, DEFRAG_MAX_BYTES);
	struct defrag_frag a = frag4(70000, 0, true, d, 8), b = frag4(70000, 8, false, d, 8);
	ck_assert(defrag_add(df, &a, at(1000000), &len) == NULL);
	ck_assert_msg(defrag_add(df, &b, at(1000001), &len) != NULL && len == 16,
		      "a new datagram still reassembles");
	defrag_free(df);
}
END_TEST

/*
 * IPv4 through decode_frame_defrag (DLT_RAW): a TCP segment of 20 + 28
 * bytes split after 24 bytes of IP payload.  Fragment 1: IHL 5, total 44,
 * id 0x1234, MF, offset 0; fragment 2: total 44, offset 3 (24 bytes),
 * last.  tshark reads it as one TCP segment, seq 1, 28 bytes, in frame 2.
 */
START_TEST(ipv4_segment_in_two_fragments)
{
	uint8_t tcp[48];
	memset(tcp, 0, sizeof(tcp));
	tcp[0] = 0x9c, tcp[1] = 0x40;		/* source port 40000 */
	tcp[2] = 0x00, tcp[3] = 0x50;		/* destination port 80 */
	tcp[7] = 1;				/* sequence number 1 */
	tcp[12] = 0x50, tcp[13] = 0x18;		/* header 20 bytes; PSH, ACK */
	tcp[14] = 0x10;				/* window 4096 */
	memcpy(tcp + 20, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 28);
	uint8_t f1[44] = { 0x45, 0, 0, 44, 0x12, 0x34, 0x20, 0x00, 64, 6, 0, 0,
			   10, 0, 0, 1, 10, 0, 0, 2 };
	uint8_t f2[44] = { 0x45, 0, 0, 44, 0x12, 0x34, 0x00, 0x03, 64, 6, 0, 0,
			   10, 0, 0, 1, 10, 0, 0, 2 };
	memcpy(f1 + 20, tcp, 24);
	memcpy(f2 + 20, tcp + 24, 24);
	struct defrag *df = defrag_new();
	struct tv_packet p;
	const char *why = NULL;
	memset(&p, 0, sizeof(p));
	ck_assert_msg(decode_frame_defrag(DLT_RAW, f1, 44, 44, df, at(0), &p, &why) == DECODE_OTHER,
		      "the first fragment alone is not yet the segment");
	memset(&p, 0, sizeof(p));
	ck_assert_msg(decode_frame_defrag(DLT_RAW, f2, 44, 44, df, at(1), &p, &why) == DECODE_TCP,
		      "the last fragment completes the segment (%s)", why ? why : "");
	ck_assert_msg(p.sport == 40000 && p.dport == 80 && p.seq == 1 && p.len == 28 &&
		      p.payload_caplen == 28 && memcmp(p.payload, "GET / HTTP/1.1", 14) == 0,
		      "40000 → 80, seq 1, 28 bytes of request, got len %u", p.len);
	defrag_free(df);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("defrag");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, three_fragments_any_order);
	tcase_add_test(tc, first_copy_wins);
	tcase_add_test(tc, datagrams_kept_apart);
	tcase_add_test(tc, incomplete_never_comes_out);
	tcase_add_test(tc, memory_bounded);
	tcase_add_test(tc, ipv4_segment_in_two_fragments);
	suite_add_tcase(s, tc);
	return s;
}
