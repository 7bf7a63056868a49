/*
 * check_report.c - unit tests of the outputs of output/report.h over the events
 * of the reference capture http.pcap (built by testlib.c and analysed by a
 * real tracker): the JSON document must parse as a whole with cJSON and
 * carry the SPEC §5 facts with times printed as exact decimals; every JSON
 * Lines record must parse and have a "type"; the text narration must show
 * its arithmetic ("6379 << 6 = 408256") and the teardown; the summary
 * prints one header row and one row per connection.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/util/obuf.h"
#include "tcpview/app/layer.h"
#include "tcpview/output/report.h"
#include "tcpview/tcp/tracker.h"
#include "check_main.h"
#include "testlib.h"

enum kind { K_JSON, K_JSONL, K_TEXT, K_SUMMARY };

/*
 * Runs the http.pcap packets through a tracker into an output of `kind`
 * writing to memory; returns the output (malloc'd, NUL-terminated).  With
 * `finish`, the output's finish() runs too (inputs and stats).  Every
 * packet after the SYN is delayed by `delay_ns`, which adds that much to the
 * handshake RTT.
 */
static char *render_with(enum kind kind, bool finish, int64_t delay_ns,
			 size_t spool_budget, const char **lost)
{
	char *text = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&text, &size);
	ck_assert_msg(fp != NULL, "open_memstream should work");
	struct obuf ob;
	ck_assert(obuf_init(&ob, fp, 4096));
	struct report_config rc;
	memset(&rc, 0, sizeof(rc));
	rc.spool_budget = spool_budget;
	struct tv_sink *rep = NULL;
	switch (kind) {
	case K_JSON: rep = report_json_new(&rc, &ob, false); break;
	case K_JSONL: rep = report_json_new(&rc, &ob, true); break;
	case K_TEXT: rep = report_text_new(&rc, &ob); break;
	case K_SUMMARY: rep = report_summary_new(&rc, &ob); break;
	}
	ck_assert_msg(rep != NULL, "output %d should be created", kind);

	struct tv_packet p[HTTP_NPACKETS];
	testlib_http_packets(p);
	for (int i = 1; i < HTTP_NPACKETS; i++)
		p[i].ts = tl_time(p[i].ts.sec, p[i].ts.nsec + delay_ns);
	struct tracker_config tc;
	memset(&tc, 0, sizeof(tc));
	rep->ops->begin(rep);
	/* With a spool budget, files may grow only 1500 bytes while the
	 * tracker runs (Check's own files are written outside it). */
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY }, small = { 1500, RLIM_INFINITY };
	if (spool_budget != 0) {
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &small);
	}
	/* As the run composes it: the application layer quotes first lines
	 * for the outputs that narrate. */
	struct tv_sink *app = kind == K_SUMMARY ? rep : app_layer_sink(app_layer_new(rep));
	ck_assert(app != NULL);
	struct tracker *t = tracker_new(&tc, app);
	for (int i = 0; i < HTTP_NPACKETS; i++)
		tracker_packet(t, &p[i]);
	tracker_free(t);
	if (app != rep)
		app->ops->destroy(app);
	if (spool_budget != 0)
		setrlimit(RLIMIT_FSIZE, &unlimited);
	if (finish) {
		struct tv_input in = { .path = "http.pcap", .link_name = "NULL", .packets = 12,
				       .complete = true };
		struct tv_stats st = { .packets = 12, .tcp_packets = 12, .connections = 1 };
		rep->ops->finish(rep, &in, 1, &st);
	}
	rep->ops->destroy(rep);
	if (lost != NULL)
		*lost = ob.lost;
	else
		ck_assert_msg(ob.lost == NULL, "no output should be lost: %s", ob.lost);
	ck_assert_msg(obuf_flush(&ob), "output should be written without error");
	obuf_release(&ob);
	fclose(fp);
	return text;
}

static char *render_delayed(enum kind kind, bool finish, int64_t delay_ns)
{
	return render_with(kind, finish, delay_ns, 0, NULL);
}

static char *render(enum kind kind, bool finish)
{
	return render_delayed(kind, finish, 0);
}

START_TEST(json_document_parses)
{
	char *out = render(K_JSON, true);
	cJSON *doc = cJSON_Parse(out);
	ck_assert_msg(doc != NULL, "the whole JSON document must parse; error near: %.60s",
		      cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() : "?");

	cJSON *tv = cJSON_GetObjectItemCaseSensitive(doc, "tcpview");
	cJSON *fmt = cJSON_GetObjectItemCaseSensitive(tv, "format");
	ck_assert_msg(cJSON_IsNumber(fmt) && fmt->valuedouble == 1, "tcpview.format should be 1");
	ck_assert_msg(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(tv, "version")),
		      "tcpview.version is a string");

	cJSON *conns = cJSON_GetObjectItemCaseSensitive(doc, "connections");
	ck_assert_msg(cJSON_GetArraySize(conns) == 1, "one connection");
	cJSON *c = cJSON_GetArrayItem(conns, 0);
	ck_assert_msg(cJSON_GetObjectItemCaseSensitive(c, "id")->valuedouble == 1, "id 1");
	ck_assert_msg(strcmp(cJSON_GetObjectItemCaseSensitive(c, "state")->valuestring,
			     "closed") == 0, "state closed");
	ck_assert_msg(strcmp(cJSON_GetObjectItemCaseSensitive(c, "zeek_state")->valuestring,
			     "SF") == 0, "zeek_state SF");
	ck_assert_msg(strcmp(cJSON_GetObjectItemCaseSensitive(c, "history")->valuestring,
			     "ShAaDdFf") == 0, "history ShAaDdFf");
	cJSON *client = cJSON_GetObjectItemCaseSensitive(c, "client");
	ck_assert_msg(strcmp(cJSON_GetObjectItemCaseSensitive(client, "addr")->valuestring,
			     "127.0.0.1") == 0 &&
		      cJSON_GetObjectItemCaseSensitive(client, "port")->valuedouble == 59774,
		      "client 127.0.0.1:59774");
	cJSON *hs = cJSON_GetObjectItemCaseSensitive(c, "handshake");
	cJSON *co = cJSON_GetObjectItemCaseSensitive(hs, "client_options");
	ck_assert_msg(cJSON_GetObjectItemCaseSensitive(co, "mss")->valuedouble == 16344 &&
		      cJSON_GetObjectItemCaseSensitive(co, "wscale")->valuedouble == 6,
		      "client options MSS 16344, wscale 6");

	cJSON *events = cJSON_GetObjectItemCaseSensitive(c, "events");
	ck_assert_msg(cJSON_GetArraySize(events) == 12, "12 events, got %d",
		      cJSON_GetArraySize(events));
	cJSON *e3 = cJSON_GetArrayItem(events, 3);
	ck_assert_msg(cJSON_GetObjectItemCaseSensitive(e3, "frame")->valuedouble == 4,
		      "events[3] is frame 4");
	ck_assert_msg(cJSON_GetObjectItemCaseSensitive(e3, "win")->valuedouble == 408256,
		      "connections[0].events[3].win should be 408256");
	ck_assert_msg(cJSON_GetObjectItemCaseSensitive(e3, "win_raw")->valuedouble == 6379 &&
		      cJSON_GetObjectItemCaseSensitive(e3, "win_shift")->valuedouble == 6,
		      "win_raw 6379, win_shift 6");
	cJSON *l3 = cJSON_GetObjectItemCaseSensitive(e3, "labels");
	ck_assert_msg(cJSON_GetArraySize(l3) == 1 &&
		      strcmp(cJSON_GetArrayItem(l3, 0)->valuestring, "window_update") == 0,
		      "frame 4 labels [\"window_update\"]");
	cJSON *e5 = cJSON_GetArrayItem(events, 5);
	ck_assert_msg(cJSON_GetObjectItemCaseSensitive(e5, "acks_frame")->valuedouble == 5 &&
		      cJSON_GetObjectItemCaseSensitive(e5, "ack")->valuedouble == 79,
		      "frame 6 acks frame 5, ack 79");

	cJSON *ev;
	int i = 0;
	cJSON_ArrayForEach(ev, events) {
		cJSON *text = cJSON_GetObjectItemCaseSensitive(ev, "text");
		ck_assert_msg(cJSON_IsString(text) && text->valuestring[0] != '\0',
			      "event %d: \"text\" must be a non-empty string", i);
		ck_assert_msg(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(ev, "dir")),
			      "event %d has a dir", i);
		i++;
	}

	cJSON *stats = cJSON_GetObjectItemCaseSensitive(doc, "stats");
	ck_assert_msg(cJSON_GetObjectItemCaseSensitive(stats, "packets")->valuedouble == 12,
		      "stats.packets 12");
	cJSON *inputs = cJSON_GetObjectItemCaseSensitive(doc, "inputs");
	ck_assert_msg(cJSON_GetArraySize(inputs) == 1 &&
		      cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(inputs, 0),
								    "complete")),
		      "one complete input");

	/* Times are printed from integer nanoseconds: exact decimals in the text. */
	ck_assert_msg(strstr(out, "\"rel_time\":0.000095") != NULL,
		      "frame 2's rel_time must be printed as 0.000095");
	ck_assert_msg(strstr(out, "\"time\":1557898649.347017") != NULL,
		      "frame 1's time must be printed as 1557898649.347017");
	ck_assert_msg(strstr(out, "\"ack_rtt\":0.000024") != NULL,
		      "frame 6's ack_rtt must be printed as 0.000024");
	ck_assert_msg(strstr(out, "\"duration\":0.000540") != NULL,
		      "the duration must be printed as 0.000540");
	ck_assert_msg(strstr(out, "null") == NULL, "absent facts are omitted, never null");
	cJSON_Delete(doc);
	free(out);
}
END_TEST

START_TEST(jsonl_every_line_parses)
{
	char *out = render(K_JSONL, true);
	int lines = 0, events = 0, conns = 0, stats = 0;
	const char *last_type = "";
	char *save = NULL;
	static char last[32];
	for (char *line = strtok_r(out, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		lines++;
		cJSON *j = cJSON_Parse(line);
		ck_assert_msg(j != NULL, "line %d must parse as JSON: %.80s", lines, line);
		cJSON *type = cJSON_GetObjectItemCaseSensitive(j, "type");
		ck_assert_msg(cJSON_IsString(type), "line %d must have a string \"type\"", lines);
		ck_assert_msg(strcmp(j->child->string, "type") == 0, "line %d: \"type\" comes first",
			      lines);
		if (strcmp(type->valuestring, "event") == 0) {
			events++;
			ck_assert_msg(cJSON_GetObjectItemCaseSensitive(j, "conn")->valuedouble == 1,
				      "event lines say their connection");
		} else if (strcmp(type->valuestring, "connection") == 0) {
			conns++;
			ck_assert_msg(cJSON_GetObjectItemCaseSensitive(j, "events") == NULL,
				      "connection lines carry no events");
		} else if (strcmp(type->valuestring, "stats") == 0) {
			stats++;
		}
		snprintf(last, sizeof(last), "%s", type->valuestring);
		last_type = last;
		cJSON_Delete(j);
	}
	ck_assert_msg(events == 12 && conns == 1 && stats == 1,
		      "12 event lines, 1 connection, 1 stats expected; got %d/%d/%d",
		      events, conns, stats);
	ck_assert_msg(strcmp(last_type, "stats") == 0, "the stats line comes last");
	free(out);
}
END_TEST

START_TEST(text_narration)
{
	char *out = render(K_TEXT, true);
	ck_assert_msg(strstr(out, "6379 << 6 = 408256") != NULL,
		      "the text shows the window arithmetic \"6379 << 6 = 408256\"");
	ck_assert_msg(strstr(out, "teardown 4/4") != NULL, "the text tells \"teardown 4/4\"");
	ck_assert_msg(strstr(out, "teardown 1/4") != NULL, "and \"teardown 1/4\"");
	ck_assert_msg(strstr(out, "127.0.0.1:59774") != NULL && strstr(out, "127.0.0.1:8080"),
		      "the header names both endpoints");
	ck_assert_msg(strstr(out, "frame 12") != NULL, "one line per packet, up to frame 12");
	ck_assert_msg(strstr(out, "\033[") == NULL, "no colour when color is off");
	free(out);
}
END_TEST

START_TEST(summary_rows)
{
	char *out = render(K_SUMMARY, false);
	int lines = 0;
	for (const char *s = out; *s; s++)
		lines += *s == '\n';
	ck_assert_msg(lines == 2, "one header row and one row expected, got %d lines:\n%s",
		      lines, out);
	char *nl = strchr(out, '\n');
	ck_assert_msg(strstr(out, "client") != NULL && strstr(out, "client") < nl,
		      "the first line is the header");
	ck_assert_msg(strstr(nl, "127.0.0.1:59774") != NULL && strstr(nl, "SF") != NULL &&
		      strstr(nl, "ShAaDdFf") != NULL && strstr(nl, "closed") != NULL,
		      "the row shows client, state closed, Zeek SF and history ShAaDdFf");
	free(out);
}
END_TEST

/* The "rtt ms" column is in milliseconds whatever the size of the RTT: a
 * handshake of 1.250107 s is 1250.107, not the "1.25" of "1.250 s" cut. */
START_TEST(summary_rtt_in_ms)
{
	char *out = render_delayed(K_SUMMARY, false, 1250000000);
	char *nl = strchr(out, '\n');
	ck_assert_msg(nl != NULL && strstr(nl, "  1250.107\n") != NULL,
		      "the row should end with the RTT 1250.107 ms:\n%s", out);
	free(out);
	out = render_delayed(K_SUMMARY, false, 0);
	ck_assert_msg(strstr(out, "     0.107\n") != NULL,
		      "the row should end with the RTT 0.107 ms:\n%s", out);
	free(out);
}
END_TEST

/*
 * Stories are spooled to a temporary file past their memory budget.  When
 * that file can no longer grow (here RLIMIT_FSIZE; a full disk is alike),
 * either every frame is still told or the loss is reported through the
 * obuf; it is never silently dropped.
 */
START_TEST(spool_failure_is_never_silent)
{
	for (int kind = K_JSON; kind <= K_TEXT; kind++) {
		const char *lost = NULL;
		char *out = render_with((enum kind)kind, true, 0, 64, &lost);
		int frames = 0;
		for (const char *s = out; (s = strstr(s, kind == K_TEXT ? "frame " :
						      "\"frame\":")) != NULL; s++)
			frames++;
		ck_assert_msg(frames >= 12 || lost != NULL,
			      "kind %d: %d of 12 frames written and no loss reported:\n%s",
			      kind, frames, out);
		free(out);
	}
}
END_TEST

/*
 * SPEC §7: a consumer may copy the records and render them later.  The
 * http.pcap records are copied by the recording sink while the tracker
 * runs; after the tracker is gone they are replayed into a fresh text
 * output, which must print exactly what it prints when fed live.
 */
START_TEST(records_rendered_later)
{
	static struct rec_sink rec;
	struct tv_packet p[HTTP_NPACKETS];
	testlib_http_packets(p);
	struct tv_sink *q = app_layer_sink(app_layer_new(rec_sink_init(&rec)));
	struct tracker_config tc;
	memset(&tc, 0, sizeof(tc));
	struct tracker *t = tracker_new(&tc, q);
	for (int i = 0; i < HTTP_NPACKETS; i++)
		tracker_packet(t, &p[i]);
	tracker_free(t);
	q->ops->destroy(q);
	memset(p, 0xA5, sizeof(p));	/* nothing may point into the packets */
	ck_assert(rec.nstarts == 1 && rec.nevents == 12 && rec.nends == 1 && rec.napps == 2);

	char *later = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&later, &size);
	struct obuf ob;
	ck_assert(fp != NULL && obuf_init(&ob, fp, 4096));
	struct report_config rc;
	memset(&rc, 0, sizeof(rc));
	struct tv_sink *out = report_text_new(&rc, &ob);
	out->ops->conn_open(out, &rec.starts[0]);
	size_t a = 0;
	for (size_t i = 0; i < rec.nevents; i++) {
		out->ops->event(out, &rec.ev[i]);
		/* Each application record right after the event it followed. */
		for (; a < rec.napps && rec.app_after[a] == i + 1; a++)
			out->ops->app(out, &rec.apps[a]);
	}
	out->ops->conn_close(out, &rec.ends[0]);
	out->ops->destroy(out);
	ck_assert(obuf_flush(&ob));
	obuf_release(&ob);
	fclose(fp);

	char *live = render(K_TEXT, false);
	ck_assert_msg(strcmp(live, later) == 0,
		      "replayed records should print the same story:\n%s\n---\n%s",
		      live, later);
	free(live);
	free(later);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, json_document_parses);
	tcase_add_test(tc, jsonl_every_line_parses);
	tcase_add_test(tc, text_narration);
	tcase_add_test(tc, summary_rows);
	tcase_add_test(tc, summary_rtt_in_ms);
	tcase_add_test(tc, spool_failure_is_never_silent);
	tcase_add_test(tc, records_rendered_later);
	suite_add_tcase(s, tc);
	return s;
}
