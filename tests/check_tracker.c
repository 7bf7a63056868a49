/*
 * check_tracker.c - unit tests of tracker.h (with the analysis of
 * analyze.c behind it) and of the sink interface of tcp/sink.h.
 *
 * The scripted conversations are built as packet bytes (Ethernet, IPv4,
 * TCP and its options) and decoded with decode_frame(); the http.pcap
 * packets come as decoded values from testlib.c.  A recording sink
 * (testlib.c) keeps every event.  First the whole
 * conversation of the reference capture http.pcap, checked against the
 * SPEC's facts and Wireshark's reading of it; then one test per label rule
 * of SPEC §3 with a packet on each side of the rule's edge, the RST reasons
 * of SPEC §6, port reuse, the window-scale rules (RFC 7323) and sequence
 * numbers wrapping 2^32.  The rules are Wireshark's (packet-tcp.c,
 * TShark 4.0), so each expectation is what tshark would report for the same
 * packets.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "tcpview/decode/decode.h"
#include "tcpview/tcp/tracker.h"
#include "tcpview/tcp/names.h"
#include "check_main.h"
#include "tcpview/say/narrate.h"
#include "testlib.h"

#define US(x) ((int64_t)(x) * 1000)
#define MS(x) ((int64_t)(x) * 1000000)
#define SEC(x) ((int64_t)(x) * 1000000000)

static char lb[512];

#define HAS(e, l) (((e)->labels & LBIT(l)) != 0)
#define LABELS(e) rec_label_list((e)->labels, lb, sizeof(lb))

/* ---- the http.pcap conversation ---- */

struct run {
	struct rec_sink rec;
	struct tracker *t;
};

static void run_http(struct run *r)
{
	struct tv_packet p[HTTP_NPACKETS];
	static const struct tracker_config cfg;	/* all defaults */
	testlib_http_packets(p);
	r->t = tracker_new(&cfg, rec_sink_init(&r->rec));
	ck_assert_msg(r->t != NULL, "tracker_new should succeed");
	for (int i = 0; i < HTTP_NPACKETS; i++)
		tracker_packet(r->t, &p[i]);
	tracker_free(r->t);
}

START_TEST(http_labels)
{
	static struct run r;
	run_http(&r);
	ck_assert_msg(r.rec.nevents == 12, "12 events expected, got %zu", r.rec.nevents);
	ck_assert_msg(r.rec.nstarts == 1 && r.rec.nends == 1, "one connection, started and ended");
	/* Wireshark's reading: frame 4 is "TCP Window Update", nothing else is flagged. */
	static const uint32_t want[HTTP_NPACKETS] = {
		LBIT(L_SYN), LBIT(L_SYN_ACK), LBIT(L_HANDSHAKE_ACK), LBIT(L_WINDOW_UPDATE),
		LBIT(L_DATA), LBIT(L_ACK), LBIT(L_DATA), LBIT(L_ACK),
		LBIT(L_FIN), LBIT(L_TEARDOWN_ACK), LBIT(L_FIN), LBIT(L_TEARDOWN_ACK),
	};
	for (int i = 0; i < HTTP_NPACKETS; i++) {
		const struct tv_event *e = &r.rec.ev[i];
		char wl[512];
		ck_assert_msg(e->frame == (uint64_t)i + 1, "events in capture order");
		ck_assert_msg(e->labels == want[i], "frame %d: labels should be %s, got %s", i + 1,
			      rec_label_list(want[i], wl, sizeof(wl)), LABELS(e));
		ck_assert_msg(e->dir == (i == 0 || i == 2 || i == 4 || i == 7 || i == 8 ||
					 i == 11 ? DIR_C2S : DIR_S2C),
			      "frame %d: wrong direction", i + 1);
	}
}
END_TEST

START_TEST(http_numbers)
{
	static struct run r;
	run_http(&r);
	/* tshark: tcp.seq / tcp.ack (relative) and tcp.window_size (scaled). */
	static const struct { uint32_t seq, ack, win; } want[HTTP_NPACKETS] = {
		{ 0, 0, 65535 }, { 0, 1, 65535 }, { 1, 1, 408256 }, { 1, 1, 408256 },
		{ 1, 1, 408256 }, { 1, 79, 408192 }, { 1, 79, 408192 }, { 79, 129, 408128 },
		{ 79, 129, 408128 }, { 129, 80, 408192 }, { 129, 80, 408192 }, { 80, 130, 408128 },
	};
	for (int i = 0; i < HTTP_NPACKETS; i++) {
		const struct tv_event *e = &r.rec.ev[i];
		ck_assert_msg(e->seq == want[i].seq, "frame %d: relative seq %u expected, got %u",
			      i + 1, want[i].seq, e->seq);
		if (i > 0)
			ck_assert_msg(e->ack == want[i].ack, "frame %d: relative ack %u expected, "
				      "got %u", i + 1, want[i].ack, e->ack);
		ck_assert_msg(e->win == want[i].win, "frame %d: window %u expected, got %u",
			      i + 1, want[i].win, e->win);
		ck_assert_msg(e->win_scaled, "frame %d: the handshake was seen, scale known", i + 1);
	}
	ck_assert_msg(r.rec.ev[0].win_shift == -1 && r.rec.ev[1].win_shift == -1,
		      "SYN and SYN-ACK windows are never scaled (RFC 7323 §2.2)");

	const struct tv_event *f4 = rec_frame(&r.rec, 4);
	ck_assert_msg(HAS(f4, L_WINDOW_UPDATE), "frame 4 is a window update");
	ck_assert_msg(f4->win == 408256 && f4->win_raw == 6379 && f4->win_shift == 6,
		      "frame 4: win 408256 = 6379 << 6, got %u = %u << %d",
		      f4->win, f4->win_raw, f4->win_shift);

	const struct tv_event *f6 = rec_frame(&r.rec, 6);
	ck_assert_msg(f6->acks_frame == 5, "frame 6 acknowledges frame 5, got %lu",
		      (unsigned long)f6->acks_frame);
	ck_assert_msg(f6->ack_rtt_ns == US(24), "frame 6: ack_rtt 24 µs, got %ld ns",
		      (long)f6->ack_rtt_ns);
	ck_assert_msg(f6->ack == 79, "frame 6: relative ack 79, got %u", f6->ack);
	ck_assert_msg(f6->acked_bytes == 78, "frame 6 acknowledges 78 bytes, got %u",
		      f6->acked_bytes);

	/* tshark: tcp.analysis.acks_frame / ack_rtt of the other ACKs. */
	static const struct { uint64_t frame, acks; int64_t rtt; } acks[] = {
		{ 2, 1, US(95) }, { 3, 2, US(12) }, { 8, 7, US(24) }, { 10, 9, US(53) },
		{ 12, 11, US(30) },
	};
	for (size_t i = 0; i < sizeof(acks) / sizeof(acks[0]); i++) {
		const struct tv_event *e = rec_frame(&r.rec, acks[i].frame);
		ck_assert_msg(e->acks_frame == acks[i].acks && e->ack_rtt_ns == acks[i].rtt,
			      "frame %lu should ack frame %lu after %ld ns, got frame %lu after %ld",
			      (unsigned long)acks[i].frame, (unsigned long)acks[i].acks,
			      (long)acks[i].rtt, (unsigned long)e->acks_frame, (long)e->ack_rtt_ns);
	}
	ck_assert_msg(rec_frame(&r.rec, 3)->handshake_rtt_ns == US(107),
		      "handshake RTT (SYN → ACK) 107 µs, tcp.analysis.initial_rtt 0.000107");
}
END_TEST

START_TEST(http_teardown_and_end)
{
	static struct run r;
	run_http(&r);
	static const struct { uint64_t frame; enum tv_label l; uint8_t step; } td[] = {
		{ 9, L_FIN, 1 }, { 10, L_TEARDOWN_ACK, 2 }, { 11, L_FIN, 3 },
		{ 12, L_TEARDOWN_ACK, 4 },
	};
	for (size_t i = 0; i < 4; i++) {
		const struct tv_event *e = rec_frame(&r.rec, td[i].frame);
		ck_assert_msg(HAS(e, td[i].l), "frame %lu should carry %s",
			      (unsigned long)td[i].frame, label_name(td[i].l));
		ck_assert_msg(e->teardown_step == td[i].step, "frame %lu: teardown step %u, got %u",
			      (unsigned long)td[i].frame, td[i].step, e->teardown_step);
	}
	for (uint64_t f = 1; f <= 8; f++)
		ck_assert_msg(rec_frame(&r.rec, f)->teardown_step == 0,
			      "frame %lu is not part of the teardown", (unsigned long)f);
	const struct tv_conn_report *c = &r.rec.ends[0];
	ck_assert_msg(c->info.id == 1, "connection id 1");
	ck_assert_msg(c->state == CS_CLOSED, "state closed expected, got %s",
		      conn_state_name(c->state));
	ck_assert_msg(c->zeek_state == ZS_SF, "Zeek state SF expected, got %s",
		      zeek_state_name(c->zeek_state));
	ck_assert_msg(strcmp(c->history, "ShAaDdFf") == 0, "history ShAaDdFf expected, got %s",
		      c->history);
	ck_assert_msg(c->closed_by == DIR_C2S && c->reset_by == -1, "closed by the client");
	ck_assert_msg(c->hs_complete && !c->info.midstream && !c->info.port_reuse, "a plain connection");
	ck_assert_msg(c->packets == 12, "12 packets");
	ck_assert_msg(c->end_reason == END_CLOSED, "ended by its teardown");
}
END_TEST

/* ---- a scripted conversation ---- */

/*
 * Client 10.0.0.1:40000, server 10.0.0.2:80.  Sequence numbers are given
 * relative to each side's ISN (the SYN is relative 0), times in ns after
 * the conversation's start.
 */
struct conv {
	struct rec_sink rec;
	struct tracker *t;
	uint32_t isn[2];
	uint64_t frame;
	bool midstream;
};

static void conv_init(struct conv *cv, uint32_t isn_c, uint32_t isn_s)
{
	static const struct tracker_config cfg;	/* all defaults */
	cv->t = tracker_new(&cfg, rec_sink_init(&cv->rec));
	ck_assert_msg(cv->t != NULL, "tracker_new should succeed");
	cv->isn[DIR_C2S] = isn_c;
	cv->isn[DIR_S2C] = isn_s;
	cv->frame = 0;
}

/* The packet as a capture holds it, built and decoded by testlib. */
static struct tv_packet mk_opts(struct conv *cv, enum tv_dir d, int64_t t_ns,
				uint16_t flags, uint32_t rseq, uint32_t rack, uint16_t win,
				uint32_t len, const uint8_t *opts, size_t optlen)
{
	return testlib_segment(d, cv->isn, ++cv->frame, t_ns, flags, rseq, rack, win, len,
			       opts, optlen);
}

static struct tv_packet mk(struct conv *cv, enum tv_dir d, int64_t t_ns, uint16_t flags,
			   uint32_t rseq, uint32_t rack, uint16_t win, uint32_t len)
{
	return mk_opts(cv, d, t_ns, flags, rseq, rack, win, len, NULL, 0);
}

/* Sends one packet and returns its recorded event. */
static const struct tv_event *send_pkt(struct conv *cv, const struct tv_packet *p)
{
	size_t before = cv->rec.nevents;
	tracker_packet(cv->t, p);
	ck_assert_msg(cv->rec.nevents == before + 1, "frame %lu should produce one event",
		      (unsigned long)p->frame);
	return &cv->rec.ev[cv->rec.nevents - 1];
}

static const struct tv_event *tx(struct conv *cv, enum tv_dir d, int64_t t_ns,
				  uint16_t flags, uint32_t rseq, uint32_t rack, uint16_t win,
				  uint32_t len)
{
	struct tv_packet p = mk(cv, d, t_ns, flags, rseq, rack, win, len);
	return send_pkt(cv, &p);
}

/* A SYN or SYN-ACK with MSS 1460 and, when ws >= 0, window scale ws. */
static const struct tv_event *tx_syn(struct conv *cv, enum tv_dir d, int64_t t_ns,
				      uint16_t flags, uint16_t win, int ws)
{
	/* MSS 1460 (kind 2, length 4), then NOP and window scale (kind 3). */
	const uint8_t opts[8] = { 2, 4, 0x05, 0xb4, 1, 3, 3, (uint8_t)(ws >= 0 ? ws : 0) };
	struct tv_packet p = mk_opts(cv, d, t_ns, flags, 0, 1, win, 0, opts, ws >= 0 ? 8 : 4);
	return send_pkt(cv, &p);
}

#define C DIR_C2S
#define S DIR_S2C
#define A TH_ACK
#define PA (TH_PUSH | TH_ACK)
#define FA (TH_FIN | TH_ACK)
#define RA (TH_RST | TH_ACK)

/*
 * SYN at 0, SYN-ACK at 1 ms, ACK at 2 ms (so the initial RTT is 2 ms).
 * Windows after the handshake: client 1000, server 1000 (raw).
 */
static void handshake(struct conv *cv, int ws_c, int ws_s)
{
	const struct tv_event *e;
	e = tx_syn(cv, C, 0, TH_SYN, 64240, ws_c);
	ck_assert_msg(HAS(e, L_SYN), "handshake: SYN labelled syn");
	e = tx_syn(cv, S, MS(1), TH_SYN | TH_ACK, 65160, ws_s);
	ck_assert_msg(HAS(e, L_SYN_ACK), "handshake: SYN-ACK labelled syn_ack");
	e = tx(cv, C, MS(2), A, 1, 1, 1000, 0);
	ck_assert_msg(HAS(e, L_HANDSHAKE_ACK), "handshake: ACK labelled handshake_ack, got %s",
		      LABELS(e));
}

static void conv_end(struct conv *cv)
{
	tracker_free(cv->t);
	cv->t = NULL;
}

/* ---- label rules ---- */

START_TEST(rule_window_update)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	/* Server's pure ACK with the SYN-ACK's window: nothing new → not an update. */
	const struct tv_event *e = tx(&cv, S, MS(3), A, 1, 1, 65160, 0);
	ck_assert_msg(!HAS(e, L_WINDOW_UPDATE), "same window: no window_update, got %s", LABELS(e));
	/* Same seq and ack, window changed → window update. */
	e = tx(&cv, S, MS(4), A, 1, 1, 30000, 0);
	ck_assert_msg(HAS(e, L_WINDOW_UPDATE), "changed window: window_update, got %s", LABELS(e));
	ck_assert_msg(e->win == 30000, "window 30000 (no scaling)");
	/* A pure ACK that also acknowledges new data is an ack, not an update. */
	tx(&cv, C, MS(5), PA, 1, 1, 1000, 10);
	e = tx(&cv, S, MS(6), A, 1, 11, 20000, 0);
	ck_assert_msg(!HAS(e, L_WINDOW_UPDATE) && HAS(e, L_ACK),
		      "new ack and new window: ack, not window_update; got %s", LABELS(e));
	conv_end(&cv);
}
END_TEST

START_TEST(rule_dup_ack)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	const struct tv_event *e0 = tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	uint64_t first = e0->frame;
	ck_assert_msg(!HAS(e0, L_DUP_ACK) && e0->dup_ack_num == 0,
		      "the first ACK of 101 is not a duplicate, got %s", LABELS(e0));
	ck_assert_msg(HAS(e0, L_ACK), "it acknowledges new data: ack");
	const struct tv_event *e1 = tx(&cv, S, MS(12), A, 1, 101, 1000, 0);
	ck_assert_msg(HAS(e1, L_DUP_ACK) && e1->dup_ack_num == 1,
		      "1st identical ACK: dup_ack #1, got %s #%u", LABELS(e1), e1->dup_ack_num);
	ck_assert_msg(e1->dup_ack_frame == first, "dup ACK of frame %lu",
		      (unsigned long)first);
	const struct tv_event *e2 = tx(&cv, S, MS(13), A, 1, 101, 1000, 0);
	ck_assert_msg(HAS(e2, L_DUP_ACK) && e2->dup_ack_num == 2,
		      "2nd identical ACK: dup_ack #2, got %s #%u", LABELS(e2), e2->dup_ack_num);
	/* A changed window makes it a window update, not a duplicate. */
	const struct tv_event *e3 = tx(&cv, S, MS(14), A, 1, 101, 999, 0);
	ck_assert_msg(!HAS(e3, L_DUP_ACK), "a changed window is not a dup ACK, got %s",
		      LABELS(e3));
	conv_end(&cv);
}
END_TEST

START_TEST(rule_keep_alive)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);	/* client nextseq 101 */
	tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	/* seq = nextseq - 1, no data: keep-alive (RFC 1122 §4.2.3.6) */
	const struct tv_event *e = tx(&cv, C, SEC(60), A, 100, 1, 1000, 0);
	ck_assert_msg(HAS(e, L_KEEP_ALIVE), "seq nextseq-1 len 0: keep_alive, got %s", LABELS(e));
	ck_assert_msg(!HAS(e, L_RETRANSMISSION), "a keep-alive is not a retransmission");
	e = tx(&cv, S, SEC(60) + US(50), A, 1, 101, 1000, 0);
	ck_assert_msg(HAS(e, L_KEEP_ALIVE_ACK), "the answer: keep_alive_ack, got %s", LABELS(e));
	/* seq = nextseq - 1 with one (garbage) byte: keep-alive too */
	e = tx(&cv, C, SEC(120), A, 100, 1, 1000, 1);
	ck_assert_msg(HAS(e, L_KEEP_ALIVE), "seq nextseq-1 len 1: keep_alive, got %s", LABELS(e));
	ck_assert_msg(!HAS(e, L_RETRANSMISSION), "a 1-byte keep-alive is not a retransmission");
	/* seq = nextseq: not a keep-alive */
	e = tx(&cv, C, SEC(180), A, 101, 1, 1000, 0);
	ck_assert_msg(!HAS(e, L_KEEP_ALIVE), "seq nextseq: no keep_alive, got %s", LABELS(e));
	conv_end(&cv);
}
END_TEST

START_TEST(rule_zero_window)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	const struct tv_event *e = tx(&cv, S, MS(3), A, 1, 1, 0, 0);
	ck_assert_msg(HAS(e, L_ZERO_WINDOW), "window 0: zero_window, got %s", LABELS(e));
	ck_assert_msg(!HAS(e, L_WINDOW_UPDATE), "a zero window is not a window update");
	e = tx(&cv, S, MS(4), A, 1, 1, 1, 0);
	ck_assert_msg(!HAS(e, L_ZERO_WINDOW), "window 1: no zero_window, got %s", LABELS(e));
	/* A RST with window 0 is not a zero window (Wireshark excludes SYN/FIN/RST). */
	e = tx(&cv, S, MS(5), RA, 1, 1, 0, 0);
	ck_assert_msg(!HAS(e, L_ZERO_WINDOW), "RST with window 0: no zero_window, got %s",
		      LABELS(e));
	conv_end(&cv);
}
END_TEST

START_TEST(rule_zero_window_probe)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	const struct tv_event *e = tx(&cv, S, MS(11), A, 1, 101, 0, 0);
	ck_assert_msg(HAS(e, L_ZERO_WINDOW), "server's receive buffer full: zero_window");
	/* 1 byte at the next sequence number while the server advertises 0 */
	e = tx(&cv, C, MS(300), PA, 101, 1, 1000, 1);
	ck_assert_msg(HAS(e, L_ZERO_WINDOW_PROBE), "1 byte at nextseq into a zero window: "
		      "zero_window_probe, got %s", LABELS(e));
	ck_assert_msg(!HAS(e, L_RETRANSMISSION) && !HAS(e, L_KEEP_ALIVE),
		      "a probe is neither retransmission nor keep-alive, got %s", LABELS(e));
	/* Server still at window 0, acknowledging nothing new */
	e = tx(&cv, S, MS(301), A, 1, 101, 0, 0);
	ck_assert_msg(HAS(e, L_ZERO_WINDOW_PROBE_ACK), "the answer: zero_window_probe_ack, got %s",
		      LABELS(e));
	ck_assert_msg(!HAS(e, L_DUP_ACK), "the probe's answer is not a dup ACK, got %s", LABELS(e));
	/* Window opens; the same byte at nextseq is then plain data */
	tx(&cv, S, MS(500), A, 1, 101, 1000, 0);
	e = tx(&cv, C, MS(501), PA, 101, 1, 1000, 1);
	ck_assert_msg(!HAS(e, L_ZERO_WINDOW_PROBE), "1 byte into an open window: no probe, got %s",
		      LABELS(e));
	ck_assert_msg(HAS(e, L_DATA), "it is data");
	conv_end(&cv);
}
END_TEST

START_TEST(rule_lost_segment)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	const struct tv_event *e = tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	ck_assert_msg(!HAS(e, L_LOST_SEGMENT), "seq = nextseq: no lost_segment");
	e = tx(&cv, C, MS(11), PA, 201, 1, 1000, 100);	/* 101..200 never seen */
	ck_assert_msg(HAS(e, L_LOST_SEGMENT), "seq beyond nextseq: lost_segment, got %s", LABELS(e));
	ck_assert_msg(e->missing_bytes == 100, "100 bytes missing, got %u", e->missing_bytes);
	e = tx(&cv, C, MS(12), PA, 301, 1, 1000, 100);
	ck_assert_msg(!HAS(e, L_LOST_SEGMENT), "next in order: no lost_segment, got %s", LABELS(e));
	conv_end(&cv);
}
END_TEST

START_TEST(rule_acked_unseen)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	const struct tv_event *e = tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	ck_assert_msg(!HAS(e, L_ACKED_UNSEEN), "ack 101 of bytes seen: no acked_unseen, got %s",
		      LABELS(e));
	e = tx(&cv, S, MS(12), A, 1, 301, 1000, 0);	/* 101..300 never captured */
	ck_assert_msg(HAS(e, L_ACKED_UNSEEN), "ack 301 beyond what the client sent: "
		      "acked_unseen, got %s", LABELS(e));
	conv_end(&cv);
}
END_TEST

START_TEST(rule_retransmission)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);			/* iRTT 2 ms */
	const struct tv_event *e = tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	uint64_t orig = e->frame;
	ck_assert_msg(!HAS(e, L_RETRANSMISSION), "first transmission is not a retransmission");
	e = tx(&cv, C, MS(210), PA, 1, 1, 1000, 100);	/* same bytes, 200 ms > iRTT later */
	ck_assert_msg(HAS(e, L_RETRANSMISSION), "same seq again: retransmission, got %s", LABELS(e));
	ck_assert_msg(!HAS(e, L_OUT_OF_ORDER) && !HAS(e, L_FAST_RETRANSMISSION) &&
		      !HAS(e, L_SPURIOUS_RETRANSMISSION),
		      "a plain retransmission only, got %s", LABELS(e));
	ck_assert_msg(e->orig_frame == orig, "first sent in frame %lu, got %lu",
		      (unsigned long)orig, (unsigned long)e->orig_frame);
	conv_end(&cv);
}
END_TEST

START_TEST(rule_out_of_order)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);			/* iRTT 2 ms */
	tx(&cv, C, MS(10), PA, 101, 1, 1000, 100);	/* arrives first: 1..100 missing */
	const struct tv_event *e = tx(&cv, C, MS(10) + US(500), PA, 1, 1, 1000, 100);
	ck_assert_msg(HAS(e, L_OUT_OF_ORDER), "older seq 0.5 ms later (< iRTT): out_of_order, "
		      "got %s", LABELS(e));
	ck_assert_msg(!HAS(e, L_RETRANSMISSION), "out of order, not a retransmission");

	static struct conv cv2;
	conv_init(&cv2, 1000, 5000);
	handshake(&cv2, -1, -1);
	tx(&cv2, C, MS(10), PA, 101, 1, 1000, 100);
	e = tx(&cv2, C, MS(15), PA, 1, 1, 1000, 100);
	ck_assert_msg(!HAS(e, L_OUT_OF_ORDER) && HAS(e, L_RETRANSMISSION),
		      "older seq 5 ms later (> iRTT): retransmission, not out_of_order; got %s",
		      LABELS(e));
	conv_end(&cv);
	conv_end(&cv2);
}
END_TEST

/* Three segments, the server acks the first, then two dup ACKs asking for 101. */
static int64_t dup_acks_for_101(struct conv *cv)
{
	handshake(cv, -1, -1);
	tx(cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(cv, C, MS(10) + US(100), PA, 101, 1, 1000, 100);
	tx(cv, C, MS(10) + US(200), PA, 201, 1, 1000, 100);
	tx(cv, S, MS(11), A, 1, 101, 1000, 0);
	const struct tv_event *e = tx(cv, S, MS(11) + US(100), A, 1, 101, 1000, 0);
	ck_assert_msg(HAS(e, L_DUP_ACK) && e->dup_ack_num == 1, "dup ACK #1");
	e = tx(cv, S, MS(11) + US(200), A, 1, 101, 1000, 0);
	ck_assert_msg(HAS(e, L_DUP_ACK) && e->dup_ack_num == 2, "dup ACK #2");
	return MS(11) + US(200);
}

START_TEST(rule_fast_retransmission)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	int64_t t = dup_acks_for_101(&cv);
	const struct tv_event *e = tx(&cv, C, t + MS(1), PA, 101, 1, 1000, 100);
	ck_assert_msg(HAS(e, L_FAST_RETRANSMISSION) && HAS(e, L_RETRANSMISSION),
		      "resent 1 ms after 2 dup ACKs: fast_retransmission (and retransmission), "
		      "got %s", LABELS(e));

	static struct conv cv2;
	conv_init(&cv2, 1000, 5000);
	t = dup_acks_for_101(&cv2);
	e = tx(&cv2, C, t + MS(25), PA, 101, 1, 1000, 100);
	ck_assert_msg(!HAS(e, L_FAST_RETRANSMISSION) && HAS(e, L_RETRANSMISSION),
		      "resent 25 ms after the last dup ACK (> 20 ms): plain retransmission, got %s",
		      LABELS(e));

	/* Only one dup ACK: not enough for a fast retransmission. */
	static struct conv cv3;
	conv_init(&cv3, 1000, 5000);
	handshake(&cv3, -1, -1);
	tx(&cv3, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv3, C, MS(10) + US(100), PA, 101, 1, 1000, 100);
	tx(&cv3, S, MS(11), A, 1, 101, 1000, 0);
	tx(&cv3, S, MS(11) + US(100), A, 1, 101, 1000, 0);
	e = tx(&cv3, C, MS(11) + US(200), PA, 101, 1, 1000, 100);
	ck_assert_msg(!HAS(e, L_FAST_RETRANSMISSION), "one dup ACK: no fast_retransmission, got %s",
		      LABELS(e));
	conv_end(&cv);
	conv_end(&cv2);
	conv_end(&cv3);
}
END_TEST

START_TEST(rule_spurious_retransmission)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	const struct tv_event *e = tx(&cv, C, MS(50), PA, 1, 1, 1000, 100);
	ck_assert_msg(!HAS(e, L_SPURIOUS_RETRANSMISSION),
		      "resent before any ACK: not spurious, got %s", LABELS(e));
	tx(&cv, S, MS(51), A, 1, 101, 1000, 0);		/* the server has it all */
	e = tx(&cv, C, MS(250), PA, 1, 1, 1000, 100);
	ck_assert_msg(HAS(e, L_SPURIOUS_RETRANSMISSION) && HAS(e, L_RETRANSMISSION),
		      "resent after it was acknowledged: spurious_retransmission, got %s",
		      LABELS(e));
	conv_end(&cv);
}
END_TEST

START_TEST(rule_window_full)
{
	/* No window scaling: the server advertises 1000 bytes in its SYN-ACK. */
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	tx_syn(&cv, C, 0, TH_SYN, 64240, -1);
	tx_syn(&cv, S, MS(1), TH_SYN | TH_ACK, 1000, -1);
	tx(&cv, C, MS(2), A, 1, 1, 1000, 0);
	const struct tv_event *e = tx(&cv, C, MS(3), PA, 1, 1, 1000, 999);
	ck_assert_msg(!HAS(e, L_WINDOW_FULL), "999 of 1000 bytes: no window_full, got %s",
		      LABELS(e));
	e = tx(&cv, C, MS(4), PA, 1000, 1, 1000, 1);
	ck_assert_msg(HAS(e, L_WINDOW_FULL), "data reaching ack + window (1001): window_full, "
		      "got %s", LABELS(e));

	/* Scaled: server window 250 << 2 = 1000 once it has sent its first ACK. */
	static struct conv cv2;
	conv_init(&cv2, 1000, 5000);
	handshake(&cv2, 2, 2);
	tx(&cv2, S, MS(3), A, 1, 1, 250, 0);
	e = tx(&cv2, C, MS(4), PA, 1, 1, 1000, 1000);
	ck_assert_msg(HAS(e, L_WINDOW_FULL), "1000 bytes into a 250 << 2 window: window_full, "
		      "got %s", LABELS(e));
	conv_end(&cv);
	conv_end(&cv2);
}
END_TEST

/* ---- RST reasons (SPEC §6) ---- */

START_TEST(rst_refused)
{
	static struct conv cv;
	conv_init(&cv, 1000, 0);
	tx_syn(&cv, C, 0, TH_SYN, 64240, 7);
	const struct tv_event *e = tx(&cv, S, US(30), RA, 0, 1, 0, 0);
	ck_assert_msg(HAS(e, L_RST) && e->rst_reason == RST_REFUSED,
		      "RST answering a SYN: rst refused, got %s / %d", LABELS(e), e->rst_reason);
	conv_end(&cv);
	const struct tv_conn_report *c = rec_conn_ended(&cv.rec, 1);
	ck_assert_msg(c != NULL && c->state == CS_REFUSED, "connection state refused");
	ck_assert_msg(c->zeek_state == ZS_REJ, "Zeek state REJ, got %s",
		      zeek_state_name(c->zeek_state));
	ck_assert_msg(c->reset_by == DIR_S2C, "reset by the server");
}
END_TEST

START_TEST(rst_abort)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	const struct tv_event *e = tx(&cv, S, MS(12), RA, 1, 101, 0, 0);
	ck_assert_msg(HAS(e, L_RST) && e->rst_reason == RST_ABORT,
		      "RST on an established connection: abort, got %s / %d", LABELS(e),
		      e->rst_reason);
	conv_end(&cv);
	const struct tv_conn_report *c = rec_conn_ended(&cv.rec, 1);
	ck_assert_msg(c != NULL && c->state == CS_RESET && c->reset_by == DIR_S2C,
		      "state reset, reset by the server");
}
END_TEST

START_TEST(rst_after_close)
{
	/* The server closes first (FIN), the client still sends, the server resets. */
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	const struct tv_event *e = tx(&cv, S, MS(10), FA, 1, 1, 1000, 0);
	ck_assert_msg(HAS(e, L_FIN) && e->teardown_step == 1, "server FIN: teardown 1");
	e = tx(&cv, C, MS(11), A, 1, 2, 1000, 0);
	ck_assert_msg(HAS(e, L_TEARDOWN_ACK) && e->teardown_step == 2, "client ACKs it: step 2");
	tx(&cv, C, MS(12), PA, 1, 2, 1000, 100);		/* data after the server's FIN */
	e = tx(&cv, S, MS(13), TH_RST, 2, 0, 0, 0);
	ck_assert_msg(HAS(e, L_RST) && e->rst_reason == RST_AFTER_CLOSE,
		      "RST after its own FIN once the peer sent data: after_close, got %s / %d",
		      LABELS(e), e->rst_reason);
	conv_end(&cv);

	/* Without data after the FIN it is not after_close. */
	static struct conv cv2;
	conv_init(&cv2, 1000, 5000);
	handshake(&cv2, -1, -1);
	tx(&cv2, S, MS(10), FA, 1, 1, 1000, 0);
	tx(&cv2, C, MS(11), A, 1, 2, 1000, 0);
	e = tx(&cv2, S, MS(13), TH_RST, 2, 0, 0, 0);
	ck_assert_msg(HAS(e, L_RST) && e->rst_reason != RST_AFTER_CLOSE,
		      "no data after the FIN: not after_close, got %d", e->rst_reason);
	conv_end(&cv2);
}
END_TEST

START_TEST(rst_unknown_connection)
{
	/* Midstream: the capture starts with client data; the server's first packet is RST. */
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	tx(&cv, C, 0, PA, 1, 1, 1000, 100);
	const struct tv_event *e = tx(&cv, S, US(40), TH_RST, 1, 0, 0, 0);
	ck_assert_msg(HAS(e, L_RST) && e->rst_reason == RST_UNKNOWN_CONNECTION,
		      "midstream RST as the sender's first packet: unknown_connection, got %d",
		      e->rst_reason);
	conv_end(&cv);
	ck_assert_msg(cv.rec.ends[0].info.midstream, "the connection is midstream");

	/* The server answered once before: then it knows the connection → abort. */
	static struct conv cv2;
	conv_init(&cv2, 1000, 5000);
	tx(&cv2, C, 0, PA, 1, 1, 1000, 100);
	tx(&cv2, S, US(40), A, 1, 101, 1000, 0);
	e = tx(&cv2, S, US(80), RA, 1, 101, 0, 0);
	ck_assert_msg(HAS(e, L_RST) && e->rst_reason == RST_ABORT,
		      "RST after the sender's own ACK: abort, got %d", e->rst_reason);
	conv_end(&cv2);

	/* A lone RST, the first thing the capture holds of its connection:
	 * nothing can be said of why (issue 12, SPEC §10). */
	static struct conv cv3;
	conv_init(&cv3, 1000, 5000);
	e = tx(&cv3, C, 0, RA, 1, 1, 0, 0);
	ck_assert_msg(HAS(e, L_RST) && e->rst_reason == RST_START_NOT_CAPTURED,
		      "a lone RST: start_not_captured, got %d", e->rst_reason);
	conv_end(&cv3);
}
END_TEST

/* Timeouts (RFC 6298 §5.4-5.5): the wait since the last sending, and the
 * one before it, for the backoff the words tell. */
START_TEST(timeout_resends_and_backoff)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	const struct tv_event *e = tx(&cv, C, MS(210), PA, 1, 1, 1000, 100);
	ck_assert_msg(HAS(e, L_RETRANSMISSION) && e->resend_count == 2 &&
		      e->resend_wait_ns == MS(200) && e->resend_prev_wait_ns == 0,
		      "first resend: 2nd sending after 200 ms, got %u / %lld / %lld",
		      (unsigned)e->resend_count, (long long)e->resend_wait_ns,
		      (long long)e->resend_prev_wait_ns);
	e = tx(&cv, C, MS(610), PA, 1, 1, 1000, 100);
	ck_assert_msg(e->resend_count == 3 && e->resend_wait_ns == MS(400) &&
		      e->resend_prev_wait_ns == MS(200), "second resend: 400 ms after 200 ms");
	char words[NARRATE_MAX];
	narrate_event(e, false, words, sizeof(words));
	ck_assert_msg(strstr(words, "timeout: resent after 400.000 ms without an acknowledgement "
				    "(3rd sending of the data of frame 4), twice the previous wait") != NULL,
		      "the words: %s", words);
	conv_end(&cv);

	/* A SYN sent again is told as such, not as a retransmission of data. */
	static struct conv cv2;
	conv_init(&cv2, 1000, 0);
	tx_syn(&cv2, C, 0, TH_SYN, 64240, 7);
	e = tx_syn(&cv2, C, MS(1000), TH_SYN, 64240, 7);
	narrate_event(e, false, words, sizeof(words));
	ck_assert_msg(e->resend_count == 2 && strstr(words, "SYN sent again after 1.000 s: no answer "
						       "to the SYN of frame 1 (2nd attempt)") != NULL &&
		      strstr(words, "handshake 1/3") == NULL, "the words: %s", words);
	conv_end(&cv2);
}
END_TEST

/* ---- connections on the same 4-tuple ---- */

static void full_close(struct conv *cv)
{
	handshake(cv, -1, -1);
	tx(cv, C, MS(10), FA, 1, 1, 1000, 0);
	tx(cv, S, MS(11), A, 1, 2, 1000, 0);
	tx(cv, S, MS(12), FA, 1, 2, 1000, 0);
	tx(cv, C, MS(13), A, 2, 2, 1000, 0);
}

START_TEST(port_reuse_new_isn)
{
	/* An established connection; the client's host restarts and reuses the port. */
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, -1, -1);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	ck_assert_msg(cv.rec.nends == 0, "connection 1 is still open");
	cv.isn[C] = 777777;	/* new ISN on the same 4-tuple */
	cv.isn[S] = 888888;
	const struct tv_event *e = tx_syn(&cv, C, MS(500), TH_SYN, 64240, -1);
	ck_assert_msg(cv.rec.nends == 1 && cv.rec.ends[0].info.id == 1,
		      "the old connection ends when the new SYN arrives");
	ck_assert_msg(cv.rec.ends[0].end_reason == END_PORT_REUSE,
		      "old connection's end reason: port reuse, got %d", cv.rec.ends[0].end_reason);
	ck_assert_msg(e->conn == 2, "the SYN opens connection 2, got %lu",
		      (unsigned long)e->conn);
	ck_assert_msg(HAS(e, L_PORT_REUSE) && HAS(e, L_SYN),
		      "its first event carries syn and port_reuse, got %s", LABELS(e));
	ck_assert_msg(e->seq == 0, "relative numbers restart at the new ISN");
	e = tx_syn(&cv, S, MS(501), TH_SYN | TH_ACK, 65160, -1);
	ck_assert_msg(e->conn == 2 && HAS(e, L_SYN_ACK) && e->ack == 1,
		      "the SYN-ACK joins connection 2 with relative ack 1");
	conv_end(&cv);
	const struct tv_conn_report *c2 = rec_conn_ended(&cv.rec, 2);
	ck_assert_msg(c2 != NULL && c2->info.port_reuse, "connection 2 is marked port_reuse");
}
END_TEST

START_TEST(syn_retransmission_is_not_port_reuse)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	tx_syn(&cv, C, 0, TH_SYN, 64240, -1);
	const struct tv_event *e = tx_syn(&cv, C, SEC(1), TH_SYN, 64240, -1);
	ck_assert_msg(e->conn == 1 && !HAS(e, L_PORT_REUSE),
		      "the same SYN again (same ISN) stays in connection 1, got conn %lu %s",
		      (unsigned long)e->conn, LABELS(e));
	ck_assert_msg(HAS(e, L_RETRANSMISSION), "Wireshark: a resent SYN is a retransmission, "
		      "got %s", LABELS(e));
	conv_end(&cv);
	ck_assert_msg(cv.rec.nends == 1, "one connection");
}
END_TEST

/* A SYN with a new ISN shortly after a complete FIN teardown. */
START_TEST(port_reuse_after_close)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	full_close(&cv);
	cv.isn[C] = 777777;
	cv.isn[S] = 888888;
	const struct tv_event *e = tx_syn(&cv, C, MS(300), TH_SYN, 64240, -1);
	ck_assert_msg(e->conn == 2, "the SYN opens connection 2");
	ck_assert_msg(HAS(e, L_PORT_REUSE), "SYN on the 4-tuple of a closed connection, 0.3 s "
		      "later: port_reuse (SPEC §2, tcp.analysis.reused_ports), got %s", LABELS(e));
	conv_end(&cv);
	ck_assert_msg(rec_conn_ended(&cv.rec, 1)->state == CS_CLOSED, "connection 1 was closed");
}
END_TEST

/*
 * SPEC §2: "a SYN on a 4-tuple whose previous connection has closed (or
 * after a long idle gap) starts a new connection (new id, label
 * port_reuse)", as Wireshark's tcp.analysis.reused_ports does whatever the
 * time in between.  The tracker frees a closed connection after 0.5 s, so
 * the SYN 5 s later is recognised through flow/recent.c's record of ended
 * 4-tuples.
 */
START_TEST(port_reuse_long_after_close)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	full_close(&cv);
	cv.isn[C] = 777777;
	cv.isn[S] = 888888;
	const struct tv_event *e = tx_syn(&cv, C, SEC(5), TH_SYN, 64240, -1);
	ck_assert_msg(e->conn == 2, "the SYN opens connection 2");
	ck_assert_msg(HAS(e, L_PORT_REUSE), "SYN on the 4-tuple of a closed connection, 5 s "
		      "later: port_reuse (SPEC §2, tcp.analysis.reused_ports), got %s", LABELS(e));
	conv_end(&cv);
}
END_TEST

/*
 * SPEC §2: a connection lives as long as tshark's tcp.stream.  A RST that
 * comes 3 s after the teardown (the closed connection lingers only 0.5 s
 * in memory) continues connection 1: same id, "continued", sequence
 * numbers relative to the same bases, the state still closed.
 */
START_TEST(late_rst_continues_the_connection)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	full_close(&cv);
	const struct tv_event *e = tx(&cv, S, SEC(3), RA, 2, 2, 0, 0);
	ck_assert_msg(e->conn == 1, "the late RST belongs to connection 1, got %lu",
		      (unsigned long)e->conn);
	ck_assert_msg(e->seq == 2 && e->ack == 2, "relative to the same bases: seq 2 ack 2, "
		      "got %u %u", e->seq, e->ack);
	ck_assert_msg(!HAS(e, L_PORT_REUSE), "not port reuse, got %s", LABELS(e));
	conv_end(&cv);
	ck_assert_msg(cv.rec.nends == 2 && cv.rec.ends[1].info.id == 1 &&
		      cv.rec.ends[1].info.continued && !cv.rec.ends[0].info.continued,
		      "connection 1 is reported again, as continued");
	ck_assert_msg(cv.rec.ends[1].state == CS_CLOSED,
		      "a RST after a complete teardown leaves it closed");
}
END_TEST

/* Ten minutes of silence (past the 5-minute idle timeout) and then more
 * data: the same connection, window scale and relative numbers kept. */
START_TEST(idle_gap_continues_the_connection)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	handshake(&cv, 7, 7);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	tx(&cv, S, MS(12), PA, 1, 101, 1000, 30);
	tx(&cv, C, MS(13), A, 101, 31, 1000, 0);
	tx(&cv, S, SEC(599), PA, 31, 101, 1000, 20);
	const struct tv_event *e = tx(&cv, C, SEC(600), PA, 101, 51, 1000, 50);
	ck_assert_msg(e->conn == 1 && e->seq == 101 && e->len == 50,
		      "after the gap: connection 1, seq 101, got conn %lu seq %u",
		      (unsigned long)e->conn, e->seq);
	ck_assert_msg(e->acked_bytes == 20, "it acknowledges the 20 bytes the server sent "
		      "after the gap, not the 50 since the start: got %u", e->acked_bytes);
	ck_assert_msg(e->win == 1000u << 7 && e->win_shift == 7,
		      "the window scale 7 still applies: win %u", e->win);
	conv_end(&cv);
	ck_assert_msg(cv.rec.ends[0].info.id == 1 && cv.rec.ends[0].end_reason == END_IDLE,
		      "the first part ended idle");
	ck_assert_msg(cv.rec.ends[1].info.id == 1 && cv.rec.ends[1].info.continued,
		      "the second part is connection 1, continued");
}
END_TEST

/* After a reset has been forgotten (2 s linger), the client's SYN sent
 * again with the same ISN is a retransmission of the same connection, not
 * port reuse (tshark keeps it in the stream). */
START_TEST(same_isn_syn_after_reset_continues)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	tx_syn(&cv, C, 0, TH_SYN, 64240, -1);
	tx(&cv, S, US(30), RA, 0, 1, 0, 0);
	const struct tv_event *e = tx_syn(&cv, C, SEC(5), TH_SYN, 64240, -1);
	ck_assert_msg(e->conn == 1 && !HAS(e, L_PORT_REUSE),
		      "same ISN 5 s later: connection 1 again, no port_reuse; got conn %lu, %s",
		      (unsigned long)e->conn, LABELS(e));
	conv_end(&cv);
}
END_TEST

/* ---- window scaling (RFC 7323 §2) ---- */

START_TEST(wscale_both_syns)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	const struct tv_event *e = tx_syn(&cv, C, 0, TH_SYN, 64240, 7);
	ck_assert_msg(e->win == 64240 && e->win_shift == -1, "SYN window unscaled: 64240");
	e = tx_syn(&cv, S, MS(1), TH_SYN | TH_ACK, 65160, 7);
	ck_assert_msg(e->win == 65160 && e->win_shift == -1, "SYN-ACK window unscaled: 65160");
	e = tx(&cv, C, MS(2), A, 1, 1, 502, 0);
	ck_assert_msg(e->win == 502u << 7 && e->win_shift == 7 && e->win_scaled,
		      "client ACK: 502 << 7 = 64256, got %u (shift %d)", e->win, e->win_shift);
	e = tx(&cv, S, MS(3), A, 1, 1, 509, 0);
	ck_assert_msg(e->win == 509u << 7 && e->win_shift == 7,
		      "server ACK: 509 << 7 = 65152, got %u", e->win);
	conv_end(&cv);
}
END_TEST

START_TEST(wscale_only_syn)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	tx_syn(&cv, C, 0, TH_SYN, 64240, 7);
	tx_syn(&cv, S, MS(1), TH_SYN | TH_ACK, 65160, -1);	/* server does not scale */
	const struct tv_event *e = tx(&cv, C, MS(2), A, 1, 1, 502, 0);
	ck_assert_msg(e->win == 502 && e->win_shift == 0 && e->win_scaled,
		      "only the SYN offered scaling: not scaled, 502 (shift 0), got %u (%d)",
		      e->win, e->win_shift);
	e = tx(&cv, S, MS(3), A, 1, 1, 509, 0);
	ck_assert_msg(e->win == 509 && e->win_shift == 0, "server: 509 unscaled, got %u", e->win);
	conv_end(&cv);
}
END_TEST

START_TEST(wscale_capped_at_14)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	tx_syn(&cv, C, 0, TH_SYN, 64240, 15);
	tx_syn(&cv, S, MS(1), TH_SYN | TH_ACK, 65160, 15);
	const struct tv_event *e = tx(&cv, C, MS(2), A, 1, 1, 2, 0);
	ck_assert_msg(e->win_shift == 14 && e->win == 2u << 14,
		      "shift 15 is used as 14 (RFC 7323 §2.3): 2 << 14 = 32768, got %u (%d)",
		      e->win, e->win_shift);
	conv_end(&cv);
}
END_TEST

START_TEST(wscale_unknown_without_handshake)
{
	static struct conv cv;
	conv_init(&cv, 1000, 5000);
	const struct tv_event *e = tx(&cv, C, 0, PA, 1, 1, 502, 100);
	ck_assert_msg(!e->win_scaled && e->win == 502,
		      "no handshake seen: raw window 502, win_scaled false; got %u, %d",
		      e->win, e->win_scaled);
	e = tx(&cv, S, US(50), A, 1, 101, 509, 0);
	ck_assert_msg(!e->win_scaled && e->win == 509, "server too: raw 509, scale unknown");
	conv_end(&cv);
	ck_assert_msg(cv.rec.ends[0].info.midstream, "the connection is midstream");
}
END_TEST

/* ---- sequence numbers wrapping 2^32 ---- */

START_TEST(sequence_wrap_inside_connection)
{
	static struct conv cv;
	conv_init(&cv, 0xffffff00u, 0xfffffff0u);
	handshake(&cv, -1, -1);
	const struct tv_event *e;
	e = tx(&cv, C, MS(10), PA, 1, 1, 1000, 200);	/* raw 0xffffff01.. */
	ck_assert_msg(e->seq == 1, "relative seq 1");
	e = tx(&cv, C, MS(11), PA, 201, 1, 1000, 200);	/* raw 0xffffffc9, wraps inside */
	ck_assert_msg(e->seq == 201, "relative seq 201 across the wrap, got %u", e->seq);
	ck_assert_msg(!(e->labels & (LBIT(L_LOST_SEGMENT) | LBIT(L_RETRANSMISSION) |
				     LBIT(L_OUT_OF_ORDER))),
		      "in-order data across the wrap has no expert label, got %s", LABELS(e));
	e = tx(&cv, C, MS(12), PA, 401, 1, 1000, 100);	/* raw 0x00000091 */
	ck_assert_msg(e->seq == 401 && !HAS(e, L_LOST_SEGMENT) && !HAS(e, L_RETRANSMISSION),
		      "relative seq 401 after the wrap, no label; got %u %s", e->seq, LABELS(e));
	e = tx(&cv, S, MS(13), PA, 1, 501, 1000, 300);	/* server's data wraps too */
	ck_assert_msg(e->ack == 501 && HAS(e, L_DATA) && !HAS(e, L_ACKED_UNSEEN),
		      "server acks relative 501, got %u %s", e->ack, LABELS(e));
	ck_assert_msg(e->acks_frame == 6, "it completes frame 6, got %lu",
		      (unsigned long)e->acks_frame);
	e = tx(&cv, C, MS(14), A, 501, 301, 1000, 0);
	ck_assert_msg(e->seq == 501 && e->ack == 301 && HAS(e, L_ACK),
		      "client acks relative 301 of the wrapped server stream, got %u/%u %s",
		      e->seq, e->ack, LABELS(e));
	e = tx(&cv, C, MS(300), PA, 201, 301, 1000, 200);
	ck_assert_msg(HAS(e, L_SPURIOUS_RETRANSMISSION),
		      "resending acknowledged bytes across the wrap is spurious, got %s", LABELS(e));
	conv_end(&cv);
}
END_TEST

/* ---- selection (--conn) ---- */

static bool only_two(void *ctx, uint64_t id)
{
	(void)ctx;
	return id == 2;
}

START_TEST(unselected_connections_not_reported)
{
	static struct rec_sink rec;
	struct tracker_config cfg = { .selected = only_two };
	struct tracker *t = tracker_new(&cfg, rec_sink_init(&rec));
	struct tv_packet p[HTTP_NPACKETS];
	testlib_http_packets(p);
	tracker_packet(t, &p[0]);	/* connection 1 */
	p[4].sport = 60000;		/* frame 5 on another port: connection 2 (midstream) */
	tracker_packet(t, &p[4]);
	ck_assert_msg(tracker_connections(t) == 2, "two connections tracked");
	tracker_free(t);
	ck_assert_msg(rec.nstarts == 1 && rec.starts[0].id == 2 && rec.nevents == 1 &&
		      rec.nends == 1 && rec.ends[0].info.id == 2,
		      "only connection 2 reaches the sink");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("tracker");
	TCase *http = tcase_create("http.pcap");
	tcase_add_test(http, http_labels);
	tcase_add_test(http, http_numbers);
	tcase_add_test(http, http_teardown_and_end);
	suite_add_tcase(s, http);

	TCase *rules = tcase_create("labels");
	tcase_add_test(rules, rule_window_update);
	tcase_add_test(rules, rule_dup_ack);
	tcase_add_test(rules, rule_keep_alive);
	tcase_add_test(rules, rule_zero_window);
	tcase_add_test(rules, rule_zero_window_probe);
	tcase_add_test(rules, rule_lost_segment);
	tcase_add_test(rules, rule_acked_unseen);
	tcase_add_test(rules, rule_retransmission);
	tcase_add_test(rules, rule_out_of_order);
	tcase_add_test(rules, rule_fast_retransmission);
	tcase_add_test(rules, rule_spurious_retransmission);
	tcase_add_test(rules, rule_window_full);
	suite_add_tcase(s, rules);

	TCase *rst = tcase_create("rst");
	tcase_add_test(rst, rst_refused);
	tcase_add_test(rst, rst_abort);
	tcase_add_test(rst, rst_after_close);
	tcase_add_test(rst, rst_unknown_connection);
	tcase_add_test(rst, timeout_resends_and_backoff);
	suite_add_tcase(s, rst);

	TCase *conn = tcase_create("connections");
	tcase_add_test(conn, port_reuse_new_isn);
	tcase_add_test(conn, syn_retransmission_is_not_port_reuse);
	tcase_add_test(conn, port_reuse_after_close);
	tcase_add_test(conn, port_reuse_long_after_close);
	tcase_add_test(conn, late_rst_continues_the_connection);
	tcase_add_test(conn, idle_gap_continues_the_connection);
	tcase_add_test(conn, same_isn_syn_after_reset_continues);
	tcase_add_test(conn, unselected_connections_not_reported);
	suite_add_tcase(s, conn);

	TCase *win = tcase_create("window scale");
	tcase_add_test(win, wscale_both_syns);
	tcase_add_test(win, wscale_only_syn);
	tcase_add_test(win, wscale_capped_at_14);
	tcase_add_test(win, wscale_unknown_without_handshake);
	suite_add_tcase(s, win);

	TCase *wrap = tcase_create("wrap");
	tcase_add_test(wrap, sequence_wrap_inside_connection);
	suite_add_tcase(s, wrap);
	return s;
}
