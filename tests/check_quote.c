/*
 * check_quote.c - unit tests of the application layer's first-line quote
 * (app/quote.h) between a real tracker and the recording sink.
 *
 * The http.pcap conversation (testlib.c) must come out with the request
 * line quoted in frame 5's event and the status line in frame 7's, and no
 * other quote; every other record must reach the next sink unchanged.
 * Scripted streams then check the rules of quote.c: binary data is not
 * quoted, a message is quoted once however it is split, and bytes held
 * behind a hole are not quoted in another packet's event.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "tcpview/app/quote.h"
#include "tcpview/tcp/tracker.h"
#include "testlib.h"

/* Runs `n` packets through tracker → quote → recorder. */
static void run(struct rec_sink *rec, const struct tv_packet *p, size_t n)
{
	struct tv_sink *q = app_quote_new(rec_sink_init(rec));
	ck_assert_msg(q != NULL, "app_quote_new should succeed");
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

START_TEST(http_request_and_response_lines)
{
	static struct rec_sink rec;
	struct tv_packet p[HTTP_NPACKETS];
	char q[TV_QUOTE_MAX + 1];
	testlib_http_packets(p);
	run(&rec, p, HTTP_NPACKETS);
	ck_assert_msg(rec.nevents == 12 && rec.nstarts == 1 && rec.nends == 1,
		      "every record passes through: 12 events, 1 open, 1 close");
	ck_assert_msg(strcmp(quote_of(rec_frame(&rec, 5), q), "GET / HTTP/1.1") == 0,
		      "frame 5 quotes the request line, got \"%s\"", q);
	ck_assert_msg(strcmp(quote_of(rec_frame(&rec, 7), q), "HTTP/1.1 200 OK") == 0,
		      "frame 7 quotes the status line, got \"%s\"", q);
	for (uint64_t f = 1; f <= 12; f++)
		if (f != 5 && f != 7)
			ck_assert_msg(rec_frame(&rec, f)->quote_len == 0,
				      "frame %lu has no quote", (unsigned long)f);
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
	static const char *const pl[] = { "\x16\x03\x01\x02\x00\x01 hello" };
	static const uint32_t off[] = { 0 };
	run(&rec, p, script(p, pl, off, 1));
	ck_assert_msg(rec_frame(&rec, 4)->quote_len == 0,
		      "a TLS-like record (bytes below 0x20) is not quoted");
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
	Suite *s = suite_create("quote");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, http_request_and_response_lines);
	tcase_add_test(tc, binary_is_not_quoted);
	tcase_add_test(tc, a_message_is_quoted_once);
	tcase_add_test(tc, held_bytes_are_not_quoted_elsewhere);
	suite_add_tcase(s, tc);
	return s;
}
