/*
 * check_zeek.c - unit tests of Zeek's conn_state and history as the TCP
 * layer reports them (src/tcp/zeek.c, private to the layer, tested here
 * through the public tracker).
 *
 * Each test plays a short conversation through tracker_new() /
 * tracker_packet() / tracker_free() into the recording sink of testlib.c
 * and reads the closing struct tv_conn_report: its zeek_state and its
 * history letters.  Packets are built as bytes (Ethernet, IPv4, TCP) and
 * decoded with decode_frame(); the http.pcap conversation comes from
 * testlib_http_packets().
 *
 * Every expectation is Zeek's, from its documentation and scripts
 * (base/protocols/conn/main.zeek: the conn_state table, the conn_state()
 * function, the history letter table) and from its TCP analyzer, which
 * moves the endpoint states and records the letters
 * (TCPSessionAdapter.cc: update_history(), update_last_seq(), the
 * Update*State() functions), with the reasoning beside the test:
 *   - conn_state: S0 attempt with no reply; S1 established, not
 *     terminated; SF normal establishment and termination; REJ attempt
 *     rejected; S2/S3 established, close attempt by the originator /
 *     responder with no reply; RSTO/RSTR the originator / responder sent a
 *     RST; RSTOS0 SYN then RST from the originator, no SYN-ACK; RSTRH
 *     SYN-ACK then RST from the responder, no SYN; SH SYN then FIN from the
 *     originator, no SYN-ACK; SHR SYN-ACK then FIN from the responder, no
 *     SYN; OTH no SYN, midstream traffic.
 *   - history: upper case for the originator, lower case for the
 *     responder; S SYN, H SYN-ACK, A pure ACK, D data, F FIN, R RST, Q
 *     multi-flag (SYN+FIN, SYN+RST), I inconsistent (FIN+RST); a, d, i, q
 *     at most once per direction; s (or h, one kind), f and r again for a
 *     sequence number that differs from the last of that kind; T
 *     retransmitted payload, W zero window,
 *     G content gap recorded at the 1st, 10th, 100th... occurrence; ^ when
 *     Zeek flipped the direction (tcpview does not write it; a test where
 *     Zeek would flip accepts the history with or without it).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "tcpview/decode/decode.h"
#include "tcpview/tcp/names.h"
#include "tcpview/tcp/record.h"
#include "tcpview/tcp/tracker.h"
#include "check_main.h"
#include "testlib.h"

#define MS(x) ((int64_t)(x) * 1000000)

#define C DIR_C2S
#define S DIR_S2C
#define A TH_ACK
#define PA (TH_PUSH | TH_ACK)
#define FA (TH_FIN | TH_ACK)
#define RA (TH_RST | TH_ACK)

/* ---- a scripted conversation: client 10.0.0.1:40000, server 10.0.0.2:80 ---- */

struct conv {
	struct rec_sink rec;
	struct tracker *t;
	uint32_t isn[2];
	uint64_t frame;
};

static void conv_init(struct conv *cv)
{
	static const struct tracker_config cfg;	/* all defaults */
	cv->t = tracker_new(&cfg, rec_sink_init(&cv->rec));
	ck_assert_msg(cv->t != NULL, "tracker_new should succeed");
	cv->isn[C] = 1000;
	cv->isn[S] = 5000;
	cv->frame = 0;
}

/* Sends one scripted segment (testlib_segment) through the tracker. */
static void tx(struct conv *cv, enum tv_dir d, int64_t t_ns, uint16_t flags, uint32_t rseq,
	       uint32_t rack, uint16_t win, uint32_t len)
{
	struct tv_packet p = testlib_segment(d, cv->isn, ++cv->frame, t_ns, flags, rseq, rack,
					     win, len, NULL, 0);
	tracker_packet(cv->t, &p);
}

/* SYN at 0, SYN-ACK at 1 ms, the client's ACK at 2 ms: history "ShA". */
static void handshake(struct conv *cv)
{
	tx(cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(cv, S, MS(1), TH_SYN | TH_ACK, 0, 1, 65160, 0);
	tx(cv, C, MS(2), A, 1, 1, 1000, 0);
}

/* Ends the input; returns the report of the one connection. */
static const struct tv_conn_report *conv_end(struct conv *cv)
{
	tracker_free(cv->t);
	cv->t = NULL;
	ck_assert_msg(cv->rec.nends == 1, "one connection expected, got %zu", cv->rec.nends);
	return &cv->rec.ends[0];
}

/*
 * Asserts the Zeek state and history of `r`.  With `flip_ok`, a leading
 * '^' is accepted too: Zeek flips a connection whose first packet is a
 * SYN-ACK and marks that in the history.
 */
static void expect(const struct tv_conn_report *r, enum zeek_conn_state state,
		   const char *history, bool flip_ok, const char *why)
{
	ck_assert_msg(r->zeek_state == state, "%s: conn_state %s expected, got %s", why,
		      zeek_state_name(state), zeek_state_name(r->zeek_state));
	const char *h = r->history;
	if (flip_ok && h[0] == '^')
		h++;
	ck_assert_msg(strcmp(h, history) == 0, "%s: history %s expected, got %s", why, history,
		      r->history);
}

/* ---- conn_state ---- */

/* S0, "connection attempt seen, no reply": one SYN.  History S. */
START_TEST(s0_syn_only)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	expect(conv_end(&cv), ZS_S0, "S", false, "SYN only");
}
END_TEST

/*
 * S0 still for a SYN and its two retransmissions (same sequence number).
 * History "S": 's' is recorded again only for a SYN whose sequence number
 * differs from the last one, and 't' is for retransmitted payload, which a
 * SYN without data does not carry.
 */
START_TEST(s0_syn_retransmitted)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, C, MS(1000), TH_SYN, 0, 0, 64240, 0);
	tx(&cv, C, MS(3000), TH_SYN, 0, 0, 64240, 0);
	expect(conv_end(&cv), ZS_S0, "S", false, "SYN sent three times");
}
END_TEST

/*
 * A SYN answered by a SYN-ACK, then nothing (the client's ACK not
 * captured): not S0 ("no reply": there was one) and not OTH ("no SYN
 * seen"); Zeek's TCP analyzer establishes both endpoints on the
 * responder's SYN-ACK, so S1, "connection established, not terminated".
 * History Sh.
 */
START_TEST(s1_syn_and_synack_only)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, S, MS(1), TH_SYN | TH_ACK, 0, 1, 65160, 0);
	expect(conv_end(&cv), ZS_S1, "Sh", false, "SYN, SYN-ACK");
}
END_TEST

/*
 * SYN, SYN-ACK, then the server's RST: not REJ.  Zeek's
 * UpdateInactiveState() establishes both endpoints on the responder's
 * SYN-ACK, so when the responder resets the originator is no longer in
 * SYN_SENT, and conn_state() gives RSTR.  History Shr.
 */
START_TEST(rstr_after_synack)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, S, MS(1), TH_SYN | TH_ACK, 0, 1, 65160, 0);
	tx(&cv, S, MS(2), TH_RST, 1, 0, 0, 0);
	expect(conv_end(&cv), ZS_RSTR, "Shr", false, "SYN, SYN-ACK, the server's RST");
}
END_TEST

/*
 * A simultaneous open: both sides send a SYN, then the server a SYN-ACK
 * at the same sequence number, then the client an ACK.  Zeek's
 * UpdateInactiveState() establishes both on the responder's SYN (with or
 * without ACK).  S and H share one history bit (HIST_SYN_PKT), and
 * update_history() adds the letter again only for a new sequence number,
 * so the SYN-ACK adds no 'h'.  History SsA, S1.
 */
START_TEST(s1_simultaneous_open)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, S, MS(1), TH_SYN, 0, 0, 65160, 0);
	tx(&cv, S, MS(2), TH_SYN | TH_ACK, 0, 1, 65160, 0);
	tx(&cv, C, MS(3), A, 1, 1, 1000, 0);
	expect(conv_end(&cv), ZS_S1, "SsA", false, "simultaneous open");
}
END_TEST

/*
 * REJ, "connection attempt rejected": the responder answers the SYN with
 * RST-ACK (conn_state(): the responder reset while the originator was
 * still in SYN_SENT).  History "Sr": the RST is the responder's.
 */
START_TEST(rej_syn_then_rst)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, S, MS(1), RA, 0, 1, 0, 0);
	expect(conv_end(&cv), ZS_REJ, "Sr", false, "SYN, RST-ACK");
}
END_TEST

/*
 * SF, "normal establishment and termination": http.pcap, the 3-way
 * handshake, request, response and both FINs.  History ShAaDdFf: S the
 * client's SYN, h the SYN-ACK, A the client's pure ACK (frame 3), a the
 * server's pure ACK (frame 4), D the request, d the response, F and f the
 * two FINs; the later pure ACKs (frames 6, 8, 10, 12) add nothing since
 * 'a' is recorded once per direction.
 */
START_TEST(sf_http)
{
	static struct rec_sink rec;
	struct tv_packet p[HTTP_NPACKETS];
	static const struct tracker_config cfg;	/* all defaults */
	testlib_http_packets(p);
	struct tracker *t = tracker_new(&cfg, rec_sink_init(&rec));
	ck_assert_msg(t != NULL, "tracker_new should succeed");
	for (int i = 0; i < HTTP_NPACKETS; i++)
		tracker_packet(t, &p[i]);
	tracker_free(t);
	ck_assert_msg(rec.nends == 1, "one connection");
	expect(&rec.ends[0], ZS_SF, "ShAaDdFf", false, "http.pcap");
}
END_TEST

/*
 * S1, "connection established, not terminated": handshake and data both
 * ways, then the capture ends.  History ShADad: the client's data D, the
 * server's pure ACK a, the server's data d (the client's last pure ACK
 * adds nothing, A was recorded in the handshake).
 */
START_TEST(s1_established_no_fin)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	tx(&cv, S, MS(12), PA, 1, 101, 1000, 200);
	tx(&cv, C, MS(13), A, 101, 201, 1000, 0);
	expect(conv_end(&cv), ZS_S1, "ShADad", false, "established, no FIN");
}
END_TEST

/*
 * SH, "originator sent a SYN followed by a FIN, we never saw a SYN ACK
 * from the responder": history SF.
 */
START_TEST(sh_syn_then_fin)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, C, MS(500), TH_FIN, 1, 0, 64240, 0);
	expect(conv_end(&cv), ZS_SH, "SF", false, "SYN, then FIN, no answer");
}
END_TEST

/*
 * S2, "connection established and close attempt by originator seen (but
 * no reply from responder)": the client's FIN after the handshake, and
 * nothing more.  History ShAF.
 */
START_TEST(s2_originator_fin_unanswered)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), FA, 1, 1, 1000, 0);
	expect(conv_end(&cv), ZS_S2, "ShAF", false, "client FIN, no reply");
}
END_TEST

/*
 * S3, "connection established and close attempt by responder seen (but
 * no reply from originator)": the server's FIN after the handshake.
 * History ShAf.
 */
START_TEST(s3_responder_fin_unanswered)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, S, MS(10), FA, 1, 1, 1000, 0);
	expect(conv_end(&cv), ZS_S3, "ShAf", false, "server FIN, no reply");
}
END_TEST

/*
 * RSTO, "connection established, originator aborted (sent a RST)".
 * History ShADaR.
 */
START_TEST(rsto_originator_reset)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	tx(&cv, C, MS(12), RA, 101, 1, 0, 0);
	expect(conv_end(&cv), ZS_RSTO, "ShADaR", false, "client RST after data");
}
END_TEST

/* RSTR, "responder sent a RST", on an established connection.  History ShADar. */
START_TEST(rstr_responder_reset)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
	tx(&cv, S, MS(12), RA, 1, 101, 0, 0);
	expect(conv_end(&cv), ZS_RSTR, "ShADar", false, "server RST after data");
}
END_TEST

/*
 * A RST after both FINs leaves the connection SF: Zeek's
 * UpdateClosedState() resets a closed endpoint only while its peer has
 * not closed too.  History ShAFfR.
 */
START_TEST(sf_rst_after_fin_exchange)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), FA, 1, 1, 1000, 0);
	tx(&cv, S, MS(11), FA, 1, 2, 1000, 0);
	tx(&cv, C, MS(12), TH_RST, 2, 0, 0, 0);
	expect(conv_end(&cv), ZS_SF, "ShAFfR", false, "RST after the FIN exchange");
}
END_TEST

/*
 * Both sides reset is REJ only when both endpoints' sizes are 0, and
 * Zeek's size (TCP_Endpoint::Size()) is sequence space, up to what the
 * peer acknowledged, not payload seen.  Midstream: the server's pure ACK,
 * the client's ACK of 1000 server bytes the capture missed, then a RST
 * from each.  The server's size is 1000, so RSTR, though no payload was
 * captured.  History aArR.
 */
START_TEST(rstr_both_reset_after_acked_bytes)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, S, 0, A, 1, 1, 1000, 0);
	tx(&cv, C, MS(1), A, 1, 1001, 1000, 0);
	tx(&cv, S, MS(2), TH_RST, 1001, 0, 0, 0);
	tx(&cv, C, MS(3), TH_RST, 1, 0, 0, 0);
	expect(conv_end(&cv), ZS_RSTR, "aArR", false, "both reset after acknowledged bytes");
}
END_TEST

/*
 * RSTOS0, "originator sent a SYN followed by a RST, we never saw a SYN-ACK
 * from the responder" (conn_state(): the history matches ^?S[^HAFGIQ]*R).
 * History SR.
 */
START_TEST(rstos0_syn_then_originator_reset)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, C, MS(100), TH_RST, 1, 0, 0, 0);
	expect(conv_end(&cv), ZS_RSTOS0, "SR", false, "SYN, then the client's RST");
}
END_TEST

/*
 * RSTRH, "responder sent a SYN ACK followed by a RST, we never saw a SYN
 * from the (purported) originator": the capture starts with the server's
 * SYN-ACK.  History hr (Zeek writes ^hr, having flipped the roles).
 */
START_TEST(rstrh_synack_then_responder_reset)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, S, 0, TH_SYN | TH_ACK, 0, 1, 65160, 0);
	tx(&cv, S, MS(100), TH_RST, 1, 0, 0, 0);
	expect(conv_end(&cv), ZS_RSTRH, "hr", true, "SYN-ACK, then the server's RST, no SYN");
}
END_TEST

/*
 * SHR, "responder sent a SYN ACK followed by a FIN, we never saw a SYN
 * from the originator".  History hf (Zeek: ^hf).
 */
START_TEST(shr_synack_then_responder_fin)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, S, 0, TH_SYN | TH_ACK, 0, 1, 65160, 0);
	tx(&cv, S, MS(100), FA, 1, 1, 65160, 0);
	expect(conv_end(&cv), ZS_SHR, "hf", true, "SYN-ACK, then the server's FIN, no SYN");
}
END_TEST

/*
 * OTH, "no SYN seen, just midstream traffic (a partial connection that was
 * not later closed)": the capture starts inside a conversation.  History
 * Da: data from the originator (the first sender, port 40000), then pure
 * ACKs from the responder; the second data packet adds nothing.
 */
START_TEST(oth_midstream)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, PA, 1001, 1, 1000, 100);
	tx(&cv, S, MS(1), A, 1, 1101, 1000, 0);
	tx(&cv, C, MS(2), PA, 1101, 1, 1000, 100);
	tx(&cv, S, MS(3), A, 1, 1201, 1000, 0);
	expect(conv_end(&cv), ZS_OTH, "Da", false, "midstream");
}
END_TEST

/* ---- history letters ---- */

/*
 * Multi-flag packets: a SYN+FIN is 'Q' (and, a SYN followed by a FIN from
 * the originator with no SYN-ACK, SH); a FIN+RST is 'I', inconsistent (and
 * the originator's RST on an established connection: RSTO).
 */
START_TEST(multi_flag_letters)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN | TH_FIN, 0, 0, 64240, 0);
	expect(conv_end(&cv), ZS_SH, "Q", false, "SYN+FIN");

	static struct conv cv2;
	conv_init(&cv2);
	handshake(&cv2);
	tx(&cv2, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv2, C, MS(11), TH_FIN | TH_RST | TH_ACK, 101, 1, 0, 0);
	expect(conv_end(&cv2), ZS_RSTO, "ShADI", false, "FIN+RST after data");
}
END_TEST

/*
 * 'r' can be recorded more than once for a direction "if the associated
 * sequence number differs from the last-seen packet of the same flag
 * type": the server resets at sequence 1, then again at 1001 (answering a
 * later segment); the same RST sent again at 1001 adds nothing.  History
 * ShADrr; the responder reset, so RSTR.
 */
START_TEST(rst_letter_again_for_new_seq)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(11), TH_RST, 1, 0, 0, 0);
	tx(&cv, S, MS(12), TH_RST, 1001, 0, 0, 0);
	tx(&cv, S, MS(13), TH_RST, 1001, 0, 0, 0);
	expect(conv_end(&cv), ZS_RSTR, "ShADrr", false, "RSTs at two sequence numbers");
}
END_TEST

/*
 * F again for a FIN with a new end: update_history() compares the
 * number after a FIN's data (rel_seq + len) with the last FIN's.  The
 * client's FIN at 1 ends at 1; its FIN carrying 100 bytes at 1 ends at
 * 101, so 'F' is recorded twice (and no 'D': a FIN with data is lettered
 * as a FIN); that second FIN moves the last sequence number forward, so
 * it is no retransmission.  Sent a third time it adds no F, but its 100
 * bytes no longer move the last sequence number: update_last_seq() calls
 * it a retransmission, T.  The server never closes: S2.  History ShAFFT.
 */
START_TEST(fin_letter_again_for_new_end)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), FA, 1, 1, 1000, 0);
	tx(&cv, C, MS(20), FA, 1, 1, 1000, 100);
	tx(&cv, C, MS(30), FA, 1, 1, 1000, 100);
	expect(conv_end(&cv), ZS_S2, "ShAFFT", false, "FINs ending at 1, then twice at 101");
}
END_TEST

/*
 * T is Zeek's TCP_Endpoint::DidRxmit(), called by update_last_seq() only
 * for a segment with payload that does not move the endpoint's last
 * sequence number forward.  A SYN and a FIN sent again carry no payload:
 * no T, and, at the same sequence number, no second S or F either
 * (history ShAFf, SF).  A data segment sent again is a T (history
 * ShADTaFf, SF).
 */
START_TEST(retransmitted_letters)
{
	static struct conv cv;
	conv_init(&cv);
	tx(&cv, C, 0, TH_SYN, 0, 0, 64240, 0);
	tx(&cv, C, MS(1000), TH_SYN, 0, 0, 64240, 0);
	tx(&cv, S, MS(1001), TH_SYN | TH_ACK, 0, 1, 65160, 0);
	tx(&cv, C, MS(1002), A, 1, 1, 1000, 0);
	tx(&cv, C, MS(1010), FA, 1, 1, 1000, 0);
	tx(&cv, C, MS(1210), FA, 1, 1, 1000, 0);
	tx(&cv, S, MS(1211), FA, 1, 2, 1000, 0);
	tx(&cv, C, MS(1212), A, 2, 2, 1000, 0);
	expect(conv_end(&cv), ZS_SF, "ShAFf", false, "SYN and FIN sent twice");

	static struct conv cv2;
	conv_init(&cv2);
	handshake(&cv2);
	tx(&cv2, C, MS(10), PA, 1, 1, 1000, 100);
	tx(&cv2, C, MS(210), PA, 1, 1, 1000, 100);
	tx(&cv2, S, MS(211), A, 1, 101, 1000, 0);
	tx(&cv2, C, MS(220), FA, 101, 1, 1000, 0);
	tx(&cv2, S, MS(221), FA, 1, 102, 1000, 0);
	tx(&cv2, C, MS(222), A, 102, 2, 1000, 0);
	expect(conv_end(&cv2), ZS_SF, "ShADTaFf", false, "data sent twice");
}
END_TEST

/*
 * Zeek has no notion of out-of-order: update_last_seq() calls any segment
 * with payload that ends at or before the endpoint's last sequence number
 * a retransmission.  The client sends bytes 101-200 before bytes 1-100;
 * the second segment ends at 101, before 201: T.  The first segment jumps
 * over bytes not seen yet, which tcpview's 'G' takes from its lost-segment
 * label (not from Zeek's reassembler, and not the rule under test here),
 * so the history is compared without its G: ShADTa, S1.
 */
START_TEST(out_of_order_is_rxmit)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), PA, 101, 1, 1000, 100);
	tx(&cv, C, MS(11), PA, 1, 1, 1000, 100);
	tx(&cv, S, MS(12), A, 1, 201, 1000, 0);
	const struct tv_conn_report *r = conv_end(&cv);
	char h[sizeof(r->history)];
	size_t k = 0;
	for (const char *q = r->history; *q != '\0'; q++)
		if (*q != 'G')
			h[k++] = *q;
	h[k] = '\0';
	ck_assert_msg(r->zeek_state == ZS_S1, "out of order: conn_state S1 expected, got %s",
		      zeek_state_name(r->zeek_state));
	ck_assert_msg(strcmp(h, "ShADTa") == 0,
		      "out of order: history ShADTa (G aside) expected, got %s", r->history);
}
END_TEST

/*
 * W is Zeek's update_window() rule: a zero window, not on a RST, while
 * the peer has not closed and this side has not reset.  The server's
 * zero-window ACK of the client's FIN comes after the peer closed: no
 * 'w'.  History ShAFa, S2.
 */
START_TEST(zero_window_after_peer_fin)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	tx(&cv, C, MS(10), FA, 1, 1, 1000, 0);
	tx(&cv, S, MS(11), A, 1, 2, 0, 0);
	expect(conv_end(&cv), ZS_S2, "ShAFa", false, "zero window after the peer's FIN");
}
END_TEST

/* "ShAD" followed by `n` letters `ch`. */
static const char *with_letters(char *buf, const char *head, char ch, int n)
{
	size_t k = strlen(head);
	memcpy(buf, head, k);
	for (int i = 0; i < n; i++)
		buf[k++] = ch;
	buf[k] = '\0';
	return buf;
}

/* Zeek's scaled letters: how many for `count` occurrences (1, 10, 100...). */
static int scaled_letters(int count)
{
	int n = 0;
	for (long at = 1; at <= count; at *= 10)
		n++;
	return n;
}

static const int occurrences[] = { 1, 2, 9, 10, 11, 99, 100, 101 };
#define NOCC (sizeof(occurrences) / sizeof(occurrences[0]))

/*
 * T, "packet with retransmitted payload", recorded at the 1st, 10th and
 * 100th retransmission: the client's 100-byte segment sent once and then
 * again `n` times, 200 ms apart (well past the 2 ms handshake RTT), with no
 * ACK.  History ShAD + T, TT or TTT; the connection stays S1.
 */
START_TEST(retransmissions_scaled)
{
	for (size_t i = 0; i < NOCC; i++) {
		int n = occurrences[i];
		static struct conv cv;
		conv_init(&cv);
		handshake(&cv);
		tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
		for (int k = 1; k <= n; k++)
			tx(&cv, C, MS(10 + 200 * k), PA, 1, 1, 1000, 100);
		char want[32], why[64];
		snprintf(why, sizeof(why), "%d retransmissions", n);
		expect(conv_end(&cv), ZS_S1, with_letters(want, "ShAD", 'T', scaled_letters(n)),
		       false, why);
	}
}
END_TEST

/*
 * W, "packet with a zero window advertisement", recorded at the 1st, 10th
 * and 100th: the server acknowledges the client's data with window 0, then
 * repeats that ACK.  Zeek records 'a' (the packet's kind) before 'w' (its
 * window).  History ShADa + w, ww or www.
 */
START_TEST(zero_windows_scaled)
{
	for (size_t i = 0; i < NOCC; i++) {
		int n = occurrences[i];
		static struct conv cv;
		conv_init(&cv);
		handshake(&cv);
		tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
		for (int k = 0; k < n; k++)
			tx(&cv, S, MS(11 + k), A, 1, 101, 0, 0);
		char want[32], why[64];
		snprintf(why, sizeof(why), "%d zero-window ACKs", n);
		expect(conv_end(&cv), ZS_S1, with_letters(want, "ShADa", 'w', scaled_letters(n)),
		       false, why);
	}
}
END_TEST

/*
 * G, "a content gap", recorded at the 1st, 10th and 100th.  Zeek notes a
 * gap when the receiver acknowledges past bytes it never saw, so each hole
 * is acknowledged before the next one is made, and the server's 'a' is
 * recorded (its ACK of the first, whole segment) before the first hole:
 * the letters come in one order however the gap is noticed.  Gap j: the
 * client skips 100 bytes and sends the next 100, the server acknowledges
 * them all.  History ShADa + G, GG or GGG.
 */
START_TEST(content_gaps_scaled)
{
	for (size_t i = 0; i < NOCC; i++) {
		int n = occurrences[i];
		static struct conv cv;
		conv_init(&cv);
		handshake(&cv);
		tx(&cv, C, MS(10), PA, 1, 1, 1000, 100);
		tx(&cv, S, MS(11), A, 1, 101, 1000, 0);
		for (int j = 0; j < n; j++) {
			uint32_t seq = 101 + 200 * (uint32_t)j + 100;	/* 100 bytes skipped */
			tx(&cv, C, MS(20 + 2 * j), PA, seq, 1, 1000, 100);
			tx(&cv, S, MS(21 + 2 * j), A, 1, seq + 100, 1000, 0);
		}
		char want[32], why[64];
		snprintf(why, sizeof(why), "%d content gaps", n);
		expect(conv_end(&cv), ZS_S1, with_letters(want, "ShADa", 'G', scaled_letters(n)),
		       false, why);
	}
}
END_TEST

/*
 * 'a', 'd' at most once per direction: a long exchange of data and ACKs
 * both ways adds no letter after the first of each.
 */
START_TEST(once_letters_not_repeated)
{
	static struct conv cv;
	conv_init(&cv);
	handshake(&cv);
	uint32_t cseq = 1, sseq = 1;
	for (int k = 0; k < 20; k++) {
		tx(&cv, C, MS(10 + 4 * k), PA, cseq, sseq, 1000, 100);
		cseq += 100;
		tx(&cv, S, MS(11 + 4 * k), A, sseq, cseq, 1000, 0);
		tx(&cv, S, MS(12 + 4 * k), PA, sseq, cseq, 1000, 50);
		sseq += 50;
		tx(&cv, C, MS(13 + 4 * k), A, cseq, sseq, 1000, 0);
	}
	expect(conv_end(&cv), ZS_S1, "ShADad", false, "20 rounds of data and ACKs");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("zeek");
	TCase *tc = tcase_create("conn_state");
	tcase_add_test(tc, s0_syn_only);
	tcase_add_test(tc, s0_syn_retransmitted);
	tcase_add_test(tc, s1_syn_and_synack_only);
	tcase_add_test(tc, rstr_after_synack);
	tcase_add_test(tc, s1_simultaneous_open);
	tcase_add_test(tc, rej_syn_then_rst);
	tcase_add_test(tc, sf_http);
	tcase_add_test(tc, s1_established_no_fin);
	tcase_add_test(tc, sh_syn_then_fin);
	tcase_add_test(tc, s2_originator_fin_unanswered);
	tcase_add_test(tc, s3_responder_fin_unanswered);
	tcase_add_test(tc, rsto_originator_reset);
	tcase_add_test(tc, rstr_responder_reset);
	tcase_add_test(tc, sf_rst_after_fin_exchange);
	tcase_add_test(tc, rstr_both_reset_after_acked_bytes);
	tcase_add_test(tc, rstos0_syn_then_originator_reset);
	tcase_add_test(tc, rstrh_synack_then_responder_reset);
	tcase_add_test(tc, shr_synack_then_responder_fin);
	tcase_add_test(tc, oth_midstream);
	suite_add_tcase(s, tc);

	tc = tcase_create("history");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, multi_flag_letters);
	tcase_add_test(tc, rst_letter_again_for_new_seq);
	tcase_add_test(tc, fin_letter_again_for_new_end);
	tcase_add_test(tc, retransmitted_letters);
	tcase_add_test(tc, out_of_order_is_rxmit);
	tcase_add_test(tc, zero_window_after_peer_fin);
	tcase_add_test(tc, retransmissions_scaled);
	tcase_add_test(tc, zero_windows_scaled);
	tcase_add_test(tc, content_gaps_scaled);
	tcase_add_test(tc, once_letters_not_repeated);
	suite_add_tcase(s, tc);
	return s;
}
