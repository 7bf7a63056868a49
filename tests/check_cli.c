/*
 * check_cli.c - unit tests of cli.h, the command line of SPEC §1: every
 * option in its short and long form, input files (-r, operands, '-'),
 * the --conn list and its syntax errors, bad --time/--color values, two
 * output modes at once, no input file, --help/--version,
 * cli_conn_selected(), and cli_lang() (--lang found before the parse).
 */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpview/cli/cli.h"
#include "check_main.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static char errbuf[256];

/* Parses a NULL-terminated argv; the options are freed by the caller. */
static enum cli_result parse(char **argv, int argc, struct cli_options *o)
{
	errbuf[0] = '\0';
	return cli_parse(argc, argv, o, errbuf, sizeof(errbuf));
}

START_TEST(defaults)
{
	char *argv[] = { "tcpview", "x.pcap", NULL };
	struct cli_options o;
	ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_RUN, "a file alone should run");
	ck_assert_msg(o.mode == MODE_TEXT, "default mode is the text narration");
	ck_assert_msg(o.color == COLOR_AUTO, "default colour is auto");
	ck_assert_msg(o.report.time == TIME_REL, "default time column is relative");
	ck_assert_msg(!o.report.absolute_seq && !o.report.verbose, "relative seq, not verbose");
	ck_assert_msg(o.filter == NULL && o.conns == NULL, "no filter, no --conn list");
	ck_assert_msg(o.nfiles == 1 && strcmp(o.files[0], "x.pcap") == 0 && o.files[1] == NULL,
		      "one file x.pcap, NULL-terminated");
	cli_free(&o);
}
END_TEST

START_TEST(mode_options_short_and_long)
{
	static const struct { const char *opt; enum cli_mode mode; } cases[] = {
		{ "-s", MODE_SUMMARY }, { "--summary", MODE_SUMMARY },
		{ "-j", MODE_JSON }, { "--json", MODE_JSON },
		{ "--jsonl", MODE_JSONL }, { "--follow=3", MODE_FOLLOW },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *argv[] = { "tcpview", (char *)cases[i].opt, "x.pcap", NULL };
		struct cli_options o;
		ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_RUN, "%s should parse (%s)",
			      cases[i].opt, errbuf);
		ck_assert_msg(o.mode == cases[i].mode, "%s should select mode %d, got %d",
			      cases[i].opt, cases[i].mode, o.mode);
		cli_free(&o);
	}
	char *argv[] = { "tcpview", "--follow", "7", "x.pcap", NULL };
	struct cli_options o;
	ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_RUN, "--follow 7 should parse");
	ck_assert_msg(o.mode == MODE_FOLLOW && o.report.follow_id == 7, "follow connection 7");
	cli_free(&o);
}
END_TEST

START_TEST(value_options_short_and_long)
{
	struct cli_options o;
	char *a1[] = { "tcpview", "-f", "port 8080", "-c", "2", "-v", "x.pcap", NULL };
	ck_assert_msg(parse(a1, ARGC(a1), &o) == CLI_RUN, "short -f -c -v should parse (%s)",
		      errbuf);
	ck_assert_msg(o.filter != NULL && strcmp(o.filter, "port 8080") == 0, "filter 'port 8080'");
	ck_assert_msg(o.nconns == 1 && o.conns[0].lo == 2 && o.conns[0].hi == 2, "--conn 2");
	ck_assert_msg(o.report.verbose, "-v sets verbose");
	cli_free(&o);

	char *a2[] = { "tcpview", "--filter=tcp", "--conn=1,4-6", "--verbose", "--absolute-seq",
		       "--time=abs", "--color=never", "x.pcap", NULL };
	ck_assert_msg(parse(a2, ARGC(a2), &o) == CLI_RUN, "long options should parse (%s)", errbuf);
	ck_assert_msg(strcmp(o.filter, "tcp") == 0, "--filter=tcp");
	ck_assert_msg(o.nconns == 2, "--conn=1,4-6 gives 2 ranges");
	ck_assert_msg(o.report.verbose && o.report.absolute_seq, "--verbose, --absolute-seq");
	ck_assert_msg(o.report.time == TIME_ABS, "--time=abs");
	ck_assert_msg(o.color == COLOR_NEVER, "--color=never");
	cli_free(&o);

	char *a3[] = { "tcpview", "--filter", "udp", "--conn", "3", "--time", "delta",
		       "--color", "always", "x.pcap", NULL };
	ck_assert_msg(parse(a3, ARGC(a3), &o) == CLI_RUN, "long options with separate values (%s)",
		      errbuf);
	ck_assert_msg(strcmp(o.filter, "udp") == 0 && o.conns[0].lo == 3, "filter udp, conn 3");
	ck_assert_msg(o.report.time == TIME_DELTA && o.color == COLOR_ALWAYS,
		      "--time delta, --color always");
	cli_free(&o);

	char *a4[] = { "tcpview", "--time=rel", "--color=auto", "x.pcap", NULL };
	ck_assert_msg(parse(a4, ARGC(a4), &o) == CLI_RUN, "--time=rel --color=auto");
	ck_assert_msg(o.report.time == TIME_REL && o.color == COLOR_AUTO, "rel and auto");
	cli_free(&o);
}
END_TEST

START_TEST(files_from_r_operands_and_dash)
{
	struct cli_options o;
	char *argv[] = { "tcpview", "-r", "a.pcap", "b.pcap", "-", "-r", "c.pcapng", NULL };
	ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_RUN, "files should parse (%s)", errbuf);
	ck_assert_msg(o.nfiles == 4, "4 files expected, got %zu", o.nfiles);
	/* -r files come first (as options), then the operands in order. */
	ck_assert_msg(strcmp(o.files[0], "a.pcap") == 0 && strcmp(o.files[1], "c.pcapng") == 0,
		      "-r files a.pcap then c.pcapng");
	ck_assert_msg(strcmp(o.files[2], "b.pcap") == 0 && strcmp(o.files[3], "-") == 0,
		      "operands b.pcap then '-'");
	ck_assert_msg(o.files[4] == NULL, "files list is NULL-terminated");
	cli_free(&o);

	char *a2[] = { "tcpview", "-", NULL };
	ck_assert_msg(parse(a2, ARGC(a2), &o) == CLI_RUN, "'-' alone is standard input");
	ck_assert_msg(o.nfiles == 1 && strcmp(o.files[0], "-") == 0, "the file is '-'");
	cli_free(&o);

	char *a3[] = { "tcpview", "-r", "only.pcap", NULL };
	ck_assert_msg(parse(a3, ARGC(a3), &o) == CLI_RUN, "-r alone is enough");
	ck_assert_msg(o.nfiles == 1 && strcmp(o.files[0], "only.pcap") == 0, "file only.pcap");
	cli_free(&o);
}
END_TEST

START_TEST(conn_list)
{
	struct conn_range *r;
	size_t n;
	ck_assert_msg(cli_parse_conn_list("1,4-6", &r, &n), "\"1,4-6\" is valid");
	ck_assert_msg(n == 2, "2 ranges expected, got %zu", n);
	ck_assert_msg(r[0].lo == 1 && r[0].hi == 1, "first range 1-1");
	ck_assert_msg(r[1].lo == 4 && r[1].hi == 6, "second range 4-6");
	free(r);

	ck_assert_msg(cli_parse_conn_list("7", &r, &n) && n == 1 && r[0].lo == 7 && r[0].hi == 7,
		      "\"7\" is one id");
	free(r);
	ck_assert_msg(cli_parse_conn_list("5-5", &r, &n) && n == 1, "\"5-5\" is valid");
	free(r);

	static const char *bad[] = { "", "3-1", "a", "1,,2", ",1", "-3", "1-", "1-2-3",
				     "2x", " 1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = (struct conn_range *)&n;	/* must be reset */
		ck_assert_msg(!cli_parse_conn_list(bad[i], &r, &n),
			      "\"%s\" must be rejected", bad[i]);
		ck_assert_msg(r == NULL && n == 0, "a rejected list leaves no ranges (\"%s\")",
			      bad[i]);
	}
}
END_TEST

/*
 * "1," has an empty last item, exactly like the middle item of "1,,2": a
 * trailing comma is most likely a truncated list, so it is an error too.
 */
START_TEST(conn_list_trailing_comma)
{
	struct conn_range *r;
	size_t n;
	bool ok = cli_parse_conn_list("1,", &r, &n);
	if (ok)
		free(r);
	ck_assert_msg(!ok, "\"1,\" (empty last item) must be rejected like \"1,,2\"");
}
END_TEST

START_TEST(conn_list_errors_are_usage_errors)
{
	static const char *bad[] = { "--conn=", "--conn=3-1", "--conn=a", "--conn=1,,2" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *argv[] = { "tcpview", (char *)bad[i], "x.pcap", NULL };
		struct cli_options o;
		ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_USAGE_ERROR,
			      "%s should be a usage error", bad[i]);
		ck_assert_msg(errbuf[0] != '\0', "%s: the error should be explained", bad[i]);
		cli_free(&o);
	}
}
END_TEST

START_TEST(bad_values_are_usage_errors)
{
	static const char *bad[] = { "--time=utc", "--time=", "--color=sometimes", "--color=",
				     "--follow=0", "--follow=x", "--bogus", "-x" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *argv[] = { "tcpview", (char *)bad[i], "x.pcap", NULL };
		struct cli_options o;
		ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_USAGE_ERROR,
			      "%s should be a usage error", bad[i]);
		ck_assert_msg(errbuf[0] != '\0', "%s: the error should be explained", bad[i]);
		cli_free(&o);
	}
	char *argv[] = { "tcpview", "x.pcap", "-f", NULL };
	struct cli_options o;
	ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_USAGE_ERROR,
		      "-f without its expression is a usage error");
	cli_free(&o);
}
END_TEST

START_TEST(two_modes_is_an_error)
{
	static const char *pairs[][2] = {
		{ "-j", "--jsonl" }, { "--json", "--follow=1" }, { "--jsonl", "--follow=2" },
		{ "--summary", "--follow=1" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char *argv[] = { "tcpview", (char *)pairs[i][0], (char *)pairs[i][1], "x.pcap", NULL };
		struct cli_options o;
		ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_USAGE_ERROR,
			      "%s with %s should be a usage error", pairs[i][0], pairs[i][1]);
		ck_assert_msg(errbuf[0] != '\0', "the error should be explained");
		cli_free(&o);
	}
}
END_TEST

/* --follow=N with a --conn list that lacks N would follow nothing. */
START_TEST(follow_outside_conn_is_an_error)
{
	char *a1[] = { "tcpview", "--follow=1", "--conn=2-3", "x.pcap", NULL };
	struct cli_options o;
	ck_assert_msg(parse(a1, ARGC(a1), &o) == CLI_USAGE_ERROR,
		      "--follow=1 --conn=2-3 should be a usage error");
	ck_assert_msg(strstr(errbuf, "--follow=1 is not among --conn=2-3") != NULL,
		      "the error names both options: %s", errbuf);
	cli_free(&o);
	char *a2[] = { "tcpview", "--follow=3", "--conn=2-3", "x.pcap", NULL };
	ck_assert_msg(parse(a2, ARGC(a2), &o) == CLI_RUN, "--follow=3 --conn=2-3 is fine");
	cli_free(&o);
}
END_TEST

/* After the run: ids the input does not have are named, ranges as given. */
START_TEST(selection_beyond_the_input)
{
	char err[256];
	struct cli_options o;
	char *a1[] = { "tcpview", "--follow=4", "x.pcap", NULL };
	ck_assert(parse(a1, ARGC(a1), &o) == CLI_RUN);
	ck_assert_msg(cli_selection_exists(&o, 4, err, sizeof(err)), "connection 4 of 4 exists");
	ck_assert_msg(!cli_selection_exists(&o, 3, err, sizeof(err)) &&
		      strcmp(err, "no connection 4 to follow: the input has 3 connections") == 0,
		      "follow 4 of 3: %s", err);
	cli_free(&o);
	char *a2[] = { "tcpview", "-c", "2,7-9", "x.pcap", NULL };
	ck_assert(parse(a2, ARGC(a2), &o) == CLI_RUN);
	ck_assert_msg(cli_selection_exists(&o, 7, err, sizeof(err)),
		      "7-9 of 7: connection 7 exists, the range is fine");
	ck_assert_msg(!cli_selection_exists(&o, 1, err, sizeof(err)) &&
		      strcmp(err, "no connection 2 (--conn=2,7-9): the input has 1 connection") == 0,
		      "-c 2,7-9 of 1: %s", err);
	cli_free(&o);
	char *a3[] = { "tcpview", "x.pcap", NULL };
	ck_assert(parse(a3, ARGC(a3), &o) == CLI_RUN);
	ck_assert_msg(cli_selection_exists(&o, 0, err, sizeof(err)),
		      "no selection: nothing to miss, even in an empty input");
	cli_free(&o);
}
END_TEST

/* SPEC §5: --summary with --json/--jsonl is JSON without the events. */
START_TEST(summary_with_json_drops_events)
{
	char *argv[] = { "tcpview", "-s", "-j", "x.pcap", NULL };
	struct cli_options o;
	ck_assert_msg(parse(argv, ARGC(argv), &o) == CLI_RUN, "-s -j should run (%s)", errbuf);
	ck_assert_msg(o.mode == MODE_JSON, "-s -j is JSON, got mode %d", o.mode);
	ck_assert_msg(o.report.no_events, "-s -j omits the events");
	cli_free(&o);
	char *a2[] = { "tcpview", "--jsonl", "--summary", "x.pcap", NULL };
	ck_assert_msg(parse(a2, ARGC(a2), &o) == CLI_RUN, "--jsonl --summary should run");
	ck_assert_msg(o.mode == MODE_JSONL && o.report.no_events, "JSON Lines without events");
	cli_free(&o);
}
END_TEST

/* Runs parse() with standard input on `fd`, then puts it back. */
static enum cli_result parse_with_stdin(int fd, char **argv, int argc, struct cli_options *o)
{
	int saved = dup(STDIN_FILENO);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(dup2(fd, STDIN_FILENO), 0);
	enum cli_result r = parse(argv, argc, o);
	dup2(saved, STDIN_FILENO);
	close(saved);
	return r;
}

START_TEST(no_file_is_an_error)
{
	/* On a terminal, no FILE is a usage error... */
	char *argv[] = { "tcpview", "-s", NULL };
	struct cli_options o;
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	int tty = open(ptsname(master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(tty, 0);
	ck_assert_msg(parse_with_stdin(tty, argv, ARGC(argv), &o) == CLI_USAGE_ERROR,
		      "no capture file should be a usage error on a terminal");
	ck_assert_msg(errbuf[0] != '\0', "the error should be explained");
	cli_free(&o);
	close(tty);
	close(master);
	/* ... elsewhere (a file, a pipe) standard input is the capture. */
	int null = open("/dev/null", O_RDONLY);
	ck_assert_int_ge(null, 0);
	ck_assert_msg(parse_with_stdin(null, argv, ARGC(argv), &o) == CLI_RUN,
		      "no FILE with standard input not a terminal should read it");
	ck_assert_uint_eq(o.nfiles, 1);
	ck_assert_str_eq(o.files[0], "-");
	cli_free(&o);
	close(null);
}
END_TEST

START_TEST(help_and_version)
{
	struct cli_options o;
	char *a1[] = { "tcpview", "--help", NULL };
	ck_assert_msg(parse(a1, ARGC(a1), &o) == CLI_HELP, "--help → CLI_HELP (no file needed)");
	cli_free(&o);
	char *a2[] = { "tcpview", "-h", NULL };
	ck_assert_msg(parse(a2, ARGC(a2), &o) == CLI_HELP, "-h → CLI_HELP");
	cli_free(&o);
	char *a3[] = { "tcpview", "--version", NULL };
	ck_assert_msg(parse(a3, ARGC(a3), &o) == CLI_VERSION, "--version → CLI_VERSION");
	cli_free(&o);
	char *a4[] = { "tcpview", "-V", "x.pcap", NULL };
	ck_assert_msg(parse(a4, ARGC(a4), &o) == CLI_VERSION, "-V → CLI_VERSION");
	cli_free(&o);
}
END_TEST

/*
 * cli_parse() must reset getopt completely (glibc: `optind = 0`, not 1): a
 * parse that returned inside a cluster such as "-hs" must not leave getopt's
 * "next char" on the 's' for the next cli_parse() to read as --summary.
 */
START_TEST(parse_twice_after_clustered_options)
{
	struct cli_options o;
	char *a1[] = { "tcpview", "-hs", NULL };
	ck_assert_msg(parse(a1, ARGC(a1), &o) == CLI_HELP, "-hs → CLI_HELP");
	cli_free(&o);
	char *a2[] = { "tcpview", "-j", "x.pcap", NULL };
	enum cli_result res = parse(a2, ARGC(a2), &o);
	enum cli_mode mode = o.mode;
	cli_free(&o);
	ck_assert_msg(res == CLI_RUN, "a second parse should run (%s)", errbuf);
	ck_assert_msg(mode == MODE_JSON, "second parse: -j means JSON, got mode %d "
		      "(state of the previous getopt run leaked)", mode);
}
END_TEST

/* --lang wherever it stands, even after an option in error, so that
 * main.c tells that error in its language; the parse that follows is the
 * same. */
START_TEST(lang_before_the_parse)
{
	char *a1[] = { "tcpview", "--time=later", "x.pcap", "--lang", "ja", NULL };
	ck_assert_str_eq(cli_lang(ARGC(a1), a1), "ja");
	struct cli_options o;
	ck_assert(parse(a1, ARGC(a1), &o) == CLI_USAGE_ERROR);
	ck_assert_msg(strstr(errbuf, "bad --time 'later'") != NULL, "got '%s'", errbuf);
	cli_free(&o);
	char *a2[] = { "tcpview", "--lang=ko", "-s", "--lang=en", "x.pcap", NULL };
	ck_assert_str_eq(cli_lang(ARGC(a2), a2), "en");
	ck_assert(parse(a2, ARGC(a2), &o) == CLI_RUN);
	ck_assert_str_eq(o.lang, "en");
	ck_assert(o.mode == MODE_SUMMARY && o.nfiles == 1);
	cli_free(&o);
	/* no --lang, another value, or "--lang" as the value of -f */
	char *a3[] = { "tcpview", "x.pcap", NULL };
	ck_assert_ptr_null(cli_lang(ARGC(a3), a3));
	char *a4[] = { "tcpview", "--lang=fr", "x.pcap", NULL };
	ck_assert_ptr_null(cli_lang(ARGC(a4), a4));
	char *a5[] = { "tcpview", "-f", "--lang=ja", "x.pcap", NULL };
	ck_assert_ptr_null(cli_lang(ARGC(a5), a5));
}
END_TEST

START_TEST(conn_selected)
{
	struct cli_options o;
	char *a1[] = { "tcpview", "--conn=1,4-6", "x.pcap", NULL };
	ck_assert(parse(a1, ARGC(a1), &o) == CLI_RUN);
	static const struct { uint64_t id; bool in; } want[] = {
		{ 1, true }, { 2, false }, { 3, false }, { 4, true }, { 5, true }, { 6, true },
		{ 7, false }, { 0, false },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(cli_conn_selected(&o, want[i].id) == want[i].in,
			      "--conn=1,4-6: connection %lu should %sbe selected",
			      (unsigned long)want[i].id, want[i].in ? "" : "not ");
	cli_free(&o);

	char *a2[] = { "tcpview", "x.pcap", NULL };
	ck_assert(parse(a2, ARGC(a2), &o) == CLI_RUN);
	ck_assert_msg(cli_conn_selected(&o, 1) && cli_conn_selected(&o, 12345),
		      "without --conn every connection is selected");
	cli_free(&o);

	char *a3[] = { "tcpview", "--follow=2", "x.pcap", NULL };
	ck_assert(parse(a3, ARGC(a3), &o) == CLI_RUN);
	ck_assert_msg(cli_conn_selected(&o, 2) && !cli_conn_selected(&o, 1) &&
		      !cli_conn_selected(&o, 3), "--follow=2 selects only connection 2");
	cli_free(&o);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, mode_options_short_and_long);
	tcase_add_test(tc, value_options_short_and_long);
	tcase_add_test(tc, files_from_r_operands_and_dash);
	tcase_add_test(tc, conn_list);
	tcase_add_test(tc, conn_list_trailing_comma);
	tcase_add_test(tc, conn_list_errors_are_usage_errors);
	tcase_add_test(tc, bad_values_are_usage_errors);
	tcase_add_test(tc, two_modes_is_an_error);
	tcase_add_test(tc, follow_outside_conn_is_an_error);
	tcase_add_test(tc, selection_beyond_the_input);
	tcase_add_test(tc, summary_with_json_drops_events);
	tcase_add_test(tc, no_file_is_an_error);
	tcase_add_test(tc, help_and_version);
	tcase_add_test(tc, parse_twice_after_clustered_options);
	tcase_add_test(tc, conn_selected);
	tcase_add_test(tc, lang_before_the_parse);
	suite_add_tcase(s, tc);
	return s;
}
