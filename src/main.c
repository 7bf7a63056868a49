/*
 * main.c - tcpview's entry point: parse the command line, pick an output,
 * run the pipeline, print what went wrong, choose the exit status.  It is
 * the only place that prints errors (SPEC §1 exit codes).
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tcpview/capture/reader.h"
#include "tcpview/cli/cli.h"
#include "tcpview/output/ladder.h"
#include "tcpview/output/report.h"
#include "tcpview/run/pipeline.h"
#include "tcpview/say/narrate.h"
#include "tcpview/say/tr.h"
#include "tcpview/util/fmt.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

enum exit_status {
	EXIT_OK = 0,		/* every input read to its end */
	EXIT_INPUT = 1,		/* an input could not be opened or ended early */
	EXIT_USAGE = 2,
};

#define OUT_BUFFER (256 * 1024)

static bool want_color(enum cli_color c)
{
	if (c == COLOR_ALWAYS)
		return true;
	if (c == COLOR_NEVER)
		return false;
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	return (no == NULL || *no == '\0') && isatty(STDOUT_FILENO) &&
	       (term == NULL || strcmp(term, "dumb") != 0);
}

/*
 * SPEC §11: the text fits the terminal: --width=N, else the width of the
 * terminal standard output is, else COLUMNS; without any of them lines
 * are not folded (a file, a pipe into another program).
 */
static size_t text_width(const struct cli_options *o)
{
	if (o->width_set)
		return o->width;
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < 40 ? 40 : ws.ws_col;
	const char *cols = getenv("COLUMNS");
	if (cols != NULL && *cols != '\0') {
		char *end;
		long n = strtol(cols, &end, 10);
		if (*end == '\0' && n > 0)
			return n < 40 ? 40 : n > 10000 ? 10000 : (size_t)n;
	}
	return 0;
}

static struct tv_sink *make_output(const struct cli_options *o, struct obuf *out)
{
	switch (o->mode) {
	case MODE_SUMMARY: return report_summary_new(&o->report, out);
	case MODE_JSON: return report_json_new(&o->report, out, false);
	case MODE_JSONL: return report_json_new(&o->report, out, true);
	case MODE_FOLLOW: return report_follow_new(&o->report, out);
	case MODE_LADDER:
		return report_ladder_new(&o->report, out,
					 o->ladder == LADDER_STYLE_MERMAID ? LADDER_MERMAID
					 : o->ladder == LADDER_STYLE_SVG ? LADDER_SVG : LADDER_TEXT);
	case MODE_HTML: return report_html_new(&o->report, out);
	case MODE_TEXT: break;
	}
	return report_text_new(&o->report, out);
}

/* pipeline_options.make_output: one for the run, or one per worker. */
static struct tv_sink *output_for(void *ctx, struct obuf *out)
{
	return make_output(ctx, out);
}

/* "tcpview: " and an error of the capture layer, in the reader's words. */
static void tell_input_error(const char *err)
{
	char line[2 * READER_ERRBUF];
	reader_retell(line, sizeof(line), err, say_tr);
	fprintf(stderr, "tcpview: %s\n", line);
}

/*
 * Everything the run could not read or analyse, on stderr, once each:
 * inputs that failed, frames of a link type not decoded, packets in an
 * encapsulation not opened (SPEC §2: never silently dropped).
 */
static void tell_not_analysed(const struct tv_input *inputs, size_t n,
			      const struct tv_stats *stats)
{
	char line[1024], num[24];
	for (size_t i = 0; i < n; i++) {
		uint64_t k = inputs[i].unsupported_link_frames;
		if (k > 0) {
			num[fmt_u64(num, k)] = '\0';
			say_format(line, sizeof(line),
				   Q_("tcpview: %1$s: %2$s packet of link type %3$s not analysed: "
				      "tcpview does not decode that link type",
				      "tcpview: %1$s: %2$s packets of link type %3$s not analysed: "
				      "tcpview does not decode that link type", k),
				   SAY_ARGS(inputs[i].path, num, inputs[i].unsupported_link_name));
			fprintf(stderr, "%s\n", line);
		}
		if (inputs[i].error != NULL)
			tell_input_error(inputs[i].error);
	}
	for (size_t i = 0; i < stats->nundecoded; i++) {
		uint64_t k = stats->undecoded[i].packets;
		num[fmt_u64(num, k)] = '\0';
		say_format(line, sizeof(line),
			   Q_("tcpview: %1$s packet of %2$s not analysed",
			      "tcpview: %1$s packets of %2$s not analysed", k),
			   SAY_ARGS(num, say_undecoded(stats->undecoded[i].kind)));
		fprintf(stderr, "%s\n", line);
	}
}

/* "tcpview: MESSAGE" and the hint every usage error ends with. */
static void usage_error(const char *err)
{
	char line[1024];
	say_format(line, sizeof(line), _("tcpview: %1$s\nTry 'tcpview --help' for more "
					 "information."), SAY_ARGS(err));
	fprintf(stderr, "%s\n", line);
}

/* A live input: what the output holds goes out now. */
static void flush_output(void *ctx)
{
	obuf_flush(ctx);
	fflush(stdout);
}

/* SPEC §11: the same file twice (by device and inode, whatever the path)
 * would read its packets twice; standard input may be given once. */
static bool inputs_distinct(const struct cli_options *o, char *err, size_t errlen)
{
	for (size_t i = 0; i < o->nfiles; i++) {
		struct stat a;
		bool dash = strcmp(o->files[i], "-") == 0;
		if (!dash && stat(o->files[i], &a) != 0)
			continue;	/* told when it is opened */
		for (size_t j = 0; j < i; j++) {
			struct stat b;
			bool same = dash ? strcmp(o->files[j], "-") == 0
				  : strcmp(o->files[j], "-") != 0 && stat(o->files[j], &b) == 0 &&
				    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
			if (same) {
				/* TRANSLATORS: %1$s is a capture file given twice
				 * on the command line. */
				const char *msg = _("%1$s is given twice");
				if (strcmp(o->files[i], o->files[j]) != 0)
					/* TRANSLATORS: %1$s is a capture file given
					 * twice, the second time under another name
					 * (a link to the same file). */
					msg = _("%1$s is given twice (under another name)");
				say_format(err, errlen, msg, SAY_ARGS(o->files[i]));
				return false;
			}
		}
	}
	return true;
}

/* Whether some input opens as a capture; says why each one does not. */
static bool any_input_opens(const struct cli_options *o)
{
	char err[READER_ERRBUF];
	bool any = false;
	for (size_t i = 0; i < o->nfiles && !any; i++) {
		if (strcmp(o->files[i], "-") == 0)
			return true;
		struct reader *r = reader_open(o->files[i], NULL, err);
		if (r != NULL) {
			reader_close(r);
			any = true;
		}
	}
	if (any)
		return true;
	for (size_t i = 0; i < o->nfiles; i++) {
		struct reader *r = reader_open(o->files[i], NULL, err);
		if (r == NULL)
			tell_input_error(err);
		else
			reader_close(r);
	}
	return false;
}

int main(int argc, char **argv)
{
	struct cli_options o;
	char err[256] = "";

	/* Messages in the environment's language (SPEC §13), or --lang's,
	 * chosen before the command line is parsed so that its own errors
	 * are told in it too.  Only LC_MESSAGES and LC_CTYPE follow the
	 * locale: numbers are written in the C locale whatever it is. */
	setlocale(LC_MESSAGES, "");
	char lang_err[256] = "";
	bool lang_ok = say_set_language(cli_lang(argc, argv), getenv("TCPVIEW_LOCALEDIR"),
					lang_err, sizeof(lang_err));
	enum cli_result parsed = cli_parse(argc, argv, &o, err, sizeof(err));
	if (!lang_ok && parsed != CLI_USAGE_ERROR) {
		snprintf(err, sizeof(err), "%s", lang_err);
		parsed = CLI_USAGE_ERROR;
	}
	switch (parsed) {
	case CLI_HELP:
		cli_usage(stdout);
		cli_free(&o);
		return EXIT_OK;
	case CLI_VERSION:
		printf("tcpview %s\n", PACKAGE_VERSION);
		cli_free(&o);
		return EXIT_OK;
	case CLI_USAGE_ERROR:
		usage_error(err[0] ? err : _("out of memory"));
		cli_free(&o);
		return EXIT_USAGE;
	case CLI_RUN:
		break;
	}
	o.report.color = want_color(o.color);
	o.report.width = text_width(&o);
	o.report.files = o.files;
	o.report.nfiles = o.nfiles;
	/* A terminal whose locale is not UTF-8 cannot show "→" or "×": it
	 * gets ASCII.  Files and pipes get UTF-8 whatever the locale, so
	 * that the output does not change with it. */
	setlocale(LC_CTYPE, "");
	o.report.ascii = isatty(STDOUT_FILENO) && strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	if (!inputs_distinct(&o, err, sizeof(err))) {
		usage_error(err);
		cli_free(&o);
		return EXIT_USAGE;
	}
	char ferr[READER_ERRBUF], said[2 * READER_ERRBUF];
	if (o.filter != NULL && !reader_check_filter(o.filter, ferr)) {
		reader_retell(said, sizeof(said), ferr, say_tr);
		usage_error(said);
		cli_free(&o);
		return EXIT_USAGE;
	}

	/* When no input can be opened at all there is nothing to tell: the
	 * reasons go to standard error, and the text outputs write nothing
	 * (no totals of nothing).  JSON still describes each input and its
	 * error, for the scripts that read it.  Standard input is not tried
	 * here: reading it would consume it. */
	if (o.mode != MODE_JSON && o.mode != MODE_JSONL && !any_input_opens(&o)) {
		cli_free(&o);
		return EXIT_INPUT;
	}

	struct obuf out;
	struct tv_input *inputs = calloc(o.nfiles, sizeof(*inputs));
	if (inputs == NULL || !obuf_init(&out, stdout, OUT_BUFFER)) {
		fprintf(stderr, "%s\n", _("tcpview: out of memory"));
		free(inputs);
		cli_free(&o);
		return EXIT_INPUT;
	}
	struct pipeline_options po = {
		.files = o.files,
		.nfiles = o.nfiles,
		.filter = o.filter,
		.tracker = {
			.max_connections = o.max_connections,
			.selected = (o.conns != NULL || o.mode == MODE_FOLLOW)
					    ? cli_conn_selected : NULL,
			.selected_ctx = &o,
		},
		/* Text and JSON events carry what the applications said;
		 * --follow marks where their messages end. */
		.narrate = (o.mode == MODE_TEXT || o.mode == MODE_JSON ||
			    o.mode == MODE_JSONL || o.mode == MODE_FOLLOW ||
			    o.mode == MODE_LADDER || o.mode == MODE_HTML) &&
			   !o.report.no_events,
	};
	po.flush = flush_output;
	po.flush_ctx = &out;
	po.make_output = output_for;
	po.output_ctx = &o;
	po.jobs = o.jobs;
	po.shard = o.shards > 0 ? o.shard - 1 : 0;
	po.shards = o.shards;
	/* Documents whole only at their end are written by one thread. */
	po.parallel_output = o.mode != MODE_JSON && o.mode != MODE_HTML &&
			     !(o.mode == MODE_LADDER && o.ladder == LADDER_STYLE_SVG);
	/* Each worker's output keeps its share of the memory budgets. */
	if (o.jobs > 1 && po.parallel_output)
		o.report.share = o.jobs;
	struct tv_stats stats;
	bool ok = pipeline_run(&po, &out, inputs, &stats);
	if (!obuf_flush(&out)) {
		fprintf(stderr, "%s\n", _("tcpview: error writing the output"));
		ok = false;
	}
	if (out.lost != NULL) {
		char line[1024];
		say_format(line, sizeof(line), _("tcpview: output incomplete: %1$s"),
			   SAY_ARGS(out.lost));
		fprintf(stderr, "%s\n", line);
		ok = false;
	}
	tell_not_analysed(inputs, o.nfiles, &stats);
	/* A selection of connections the input does not have is a usage
	 * error, unless an input error (exit 1) came first. */
	bool selection_ok = cli_selection_exists(&o, stats.connections, err, sizeof(err));
	if (!selection_ok)
		fprintf(stderr, "tcpview: %s\n", err);
	pipeline_free_inputs(inputs, o.nfiles);
	free(inputs);
	obuf_release(&out);
	cli_free(&o);
	if (!ok)
		return EXIT_INPUT;
	return selection_ok ? EXIT_OK : EXIT_USAGE;
}
