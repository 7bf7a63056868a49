/*
 * check_app.c - unit tests of the application layer (app/layer.h) between
 * a real tracker and the recording sink.
 *
 * The http.pcap conversation (testlib.c) must come out with its request
 * and its response as HTTP records, each right after the event of the
 * frame that completed it, and every TCP record passed on unchanged.
 * Scripted streams then check the rules of layer.c for a protocol it does
 * not know: the first line of each message is quoted, binary data is not,
 * a message is quoted once however it is split, bytes held behind a hole
 * are not quoted in another packet's event; and a text protocol that
 * turns to TLS (STARTTLS) is read as TLS from its handshake on.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "tcpview/app/layer.h"
#include "tcpview/tcp/tracker.h"
#include "testlib.h"

/* Runs `n` packets through tracker → application layer → recorder. */
static void run(struct rec_sink *rec, const struct tv_packet *p, size_t n)
{
	struct app_layer *l = app_layer_new(rec_sink_init(rec));
	ck_assert_msg(l != NULL, "app_layer_new should succeed");
	struct tv_sink *q = app_layer_sink(l);
	struct tracker_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	struct tracker *t = tracker_new(&cfg, q);
	ck_assert(t != NULL);
	for (size_t i = 0; i < n; i++)
		tracker_packet(t, &p[i]);
	tracker_free(t);
	q->ops->destroy(q);
}

static const char *quote_of(const struct tv_event *e, char *buf)
{
	memcpy(buf, e->quote, e->quote_len);
	buf[e->quote_len] = '\0';
	return buf;
}

START_TEST(http_request_and_response)
{
	static struct rec_sink rec;
	struct tv_packet p[HTTP_NPACKETS];
	testlib_http_packets(p);
	run(&rec, p, HTTP_NPACKETS);
	ck_assert_msg(rec.nevents == 12 && rec.nstarts == 1 && rec.nends == 1,
		      "every record passes through: 12 events, 1 open, 1 close");
	ck_assert_msg(rec.napps == 2, "a request and a response, got %zu records", rec.napps);
	const struct tv_app *rq = &rec.apps[0], *rs = &rec.apps[1];
	/* Frame 5: "GET / HTTP/1.1", Host 127.0.0.1:8080, no body. */
	ck_assert(rq->kind == AK_HTTP_REQUEST && rq->proto == AP_HTTP && rq->dir == DIR_C2S);
	ck_assert_msg(rq->frame == 5 && rec.app_after[0] == 5,
		      "the request is completed by frame 5 and follows its event");
	ck_assert_str_eq(rq->u.http.method, "GET");
	ck_assert_str_eq(rq->u.http.uri, "/");
	ck_assert_str_eq(rq->u.http.host, "127.0.0.1:8080");
	ck_assert_str_eq(rq->u.http.version, "1.1");
	ck_assert(rq->u.http.trans_depth == 1 && rq->u.http.request_body_len == 0);
	/* Frame 7: "HTTP/1.1 200 OK", 11 bytes "Hello world". */
	ck_assert(rs->kind == AK_HTTP_RESPONSE && rs->dir == DIR_S2C);
	ck_assert_msg(rs->frame == 7 && rec.app_after[1] == 7,
		      "the response is completed by frame 7 and follows its event");
	ck_assert(rs->u.http.status_code == 200 && rs->u.http.response_body_len == 11);
	ck_assert_str_eq(rs->u.http.status_msg, "OK");
	ck_assert_str_eq(rs->u.http.method, "GET");
	ck_assert_str_eq(rs->u.http.preview, "Hello world");
	ck_assert(rs->u.http.request_frame == 5 && rs->u.http.response_frame == 7);
	int64_t t5 = tv_time_ns(rec_frame(&rec, 5)->ts), t7 = tv_time_ns(rec_frame(&rec, 7)->ts);
	ck_assert_msg(rs->u.http.ttfb_ns == t7 - t5, "ttfb is frame 7 - frame 5: %lld",
		      (long long)rs->u.http.ttfb_ns);
	for (uint64_t f = 1; f <= 12; f++)
		ck_assert_msg(rec_frame(&rec, f)->quote_len == 0,
			      "frame %lu: HTTP is told by records, not quoted", (unsigned long)f);
}
END_TEST

/* A client→server exchange of data segments after the http.pcap handshake:
 * frames 1-3 of testlib, then the scripted payloads. */
static size_t script(struct tv_packet *p, const char *const *payloads,
		     const uint32_t *offsets, size_t n)
{
	struct tv_packet hs[HTTP_NPACKETS];
	testlib_http_packets(hs);
	for (int i = 0; i < 3; i++)
		p[i] = hs[i];
	for (size_t i = 0; i < n; i++) {
		struct tv_packet *d = &p[3 + i];
		*d = hs[4];	/* the request: client → server, PSH,ACK */
		d->frame = 4 + i;
		d->ts = tl_time(hs[4].ts.sec, hs[4].ts.nsec + (int64_t)i * 1000);
		d->seq = HTTP_CLIENT_ISN + 1 + offsets[i];
		d->payload = (const uint8_t *)payloads[i];
		d->len = d->payload_caplen = (uint32_t)strlen(payloads[i]);
	}
	return 3 + n;
}

START_TEST(binary_is_not_quoted)
{
	static struct rec_sink rec;
	struct tv_packet p[8];
	static const char *const pl[] = { "\x01\x02hello world, not text" };
	static const uint32_t off[] = { 0 };
	run(&rec, p, script(p, pl, off, 1));
	ck_assert_msg(rec_frame(&rec, 4)->quote_len == 0,
		      "bytes below 0x20 are not quoted");
	ck_assert_msg(rec.napps == 0, "and no dissector claims them");
}
END_TEST

/* SMTP's STARTTLS (RFC 3207 §4): lines both ways, then a TLS ClientHello
 * starts the client's next message. */
START_TEST(starttls_turns_to_tls)
{
	static struct rec_sink rec;
	struct tv_packet p[8], hs[HTTP_NPACKETS];
	/* A ClientHello record: type 22, version 3.1, length 45; handshake
	 * type 1, length 41, client_version 3.3, 32 random bytes, no
	 * session id, one suite (0x1301), one compression method (null). */
	static const char hello[] =
		"\x16\x03\x01\x00\x2d" "\x01\x00\x00\x29" "\x03\x03"
		"RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR" "\x00" "\x00\x02\x13\x01" "\x01\x00";
	static const char *const pl[] = { "STARTTLS\r\n", hello };
	static const uint32_t off[] = { 0, 10 };
	static const char ready[] = "220 Ready to start TLS\r\n";
	size_t n = script(p, pl, off, 2);
	p[4].len = p[4].payload_caplen = sizeof(hello) - 1;
	/* Between them, the server's answer (frame 5; the hello becomes 6). */
	testlib_http_packets(hs);
	p[5] = p[4];
	p[5].frame = 6;
	p[4] = hs[6];
	p[4].frame = 5;
	p[4].ts = tl_time(hs[4].ts.sec, hs[4].ts.nsec + 1500);
	p[4].ack = HTTP_CLIENT_ISN + 1 + 10;
	p[4].payload = (const uint8_t *)ready;
	p[4].len = p[4].payload_caplen = sizeof(ready) - 1;
	run(&rec, p, n + 1);
	char text[TV_QUOTE_MAX + 1];
	ck_assert_str_eq(quote_of(rec_frame(&rec, 4), text), "STARTTLS");
	ck_assert_str_eq(quote_of(rec_frame(&rec, 5), text), "220 Ready to start TLS");
	ck_assert_msg(rec.napps == 1 && rec.apps[0].kind == AK_TLS_CLIENT_HELLO &&
		      rec.apps[0].frame == 6, "the handshake after the lines is TLS: %zu records",
		      rec.napps);
	ck_assert(rec.apps[0].u.ch.cipher_count == 1 && rec.apps[0].u.ch.ciphers[0] == 0x1301);
	ck_assert_msg(rec_frame(&rec, 6)->quote_len == 0, "the handshake is not quoted");
}
END_TEST

START_TEST(a_message_is_quoted_once)
{
	static struct rec_sink rec;
	struct tv_packet p[8];
	char q[TV_QUOTE_MAX + 1];
	static const char *const pl[] = { "USER anon", "ymous\r\n" };
	static const uint32_t off[] = { 0, 9 };
	run(&rec, p, script(p, pl, off, 2));
	ck_assert_msg(strcmp(quote_of(rec_frame(&rec, 4), q), "USER anon") == 0,
		      "the first segment starts the message: got \"%s\"", q);
	ck_assert_msg(rec_frame(&rec, 5)->quote_len == 0,
		      "its continuation is the same message: no quote");
}
END_TEST

/* Bytes 10.. arrive first (a hole of 10 bytes before them), then the hole
 * is filled: the message starts with the late segment's bytes, which are
 * quoted in the late segment's own event; the early segment, delivered
 * with it, is not quoted in it. */
START_TEST(held_bytes_are_not_quoted_elsewhere)
{
	static struct rec_sink rec;
	struct tv_packet p[8];
	char q[TV_QUOTE_MAX + 1];
	static const char *const pl[] = { "LIST /pub\r\n", "RETR /pub/" };
	static const uint32_t off[] = { 10, 0 };
	run(&rec, p, script(p, pl, off, 2));
	ck_assert_msg(rec_frame(&rec, 4)->quote_len == 0,
		      "the segment after the hole is held: not quoted on arrival");
	ck_assert_msg(strcmp(quote_of(rec_frame(&rec, 5), q), "RETR /pub/") == 0,
		      "the segment that fills the hole starts the message: got \"%s\"", q);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("app");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, http_request_and_response);
	tcase_add_test(tc, binary_is_not_quoted);
	tcase_add_test(tc, starttls_turns_to_tls);
	tcase_add_test(tc, a_message_is_quoted_once);
	tcase_add_test(tc, held_bytes_are_not_quoted_elsewhere);
	suite_add_tcase(s, tc);
	return s;
}
