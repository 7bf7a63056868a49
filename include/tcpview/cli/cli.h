/*
 * cli.h - the command line of SPEC §1, parsed into struct cli_options.
 *
 * cli_parse() only parses and validates; main.c acts on the result.  The
 * options point into argv, which outlives them.  The --conn list is owned
 * by the options and freed by cli_free().
 */
#ifndef TCPVIEW_CLI_H
#define TCPVIEW_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/output/report.h"

enum cli_mode { MODE_TEXT, MODE_SUMMARY, MODE_JSON, MODE_JSONL, MODE_FOLLOW, MODE_LADDER,
		MODE_HTML };
enum cli_ladder { LADDER_STYLE_TEXT, LADDER_STYLE_MERMAID, LADDER_STYLE_SVG };
enum cli_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
enum cli_result { CLI_RUN, CLI_HELP, CLI_VERSION, CLI_USAGE_ERROR };

#define CLI_MAX_JOBS 256
#define CLI_MAX_SHARDS 65536

struct conn_range {
	uint64_t lo, hi;
};

struct cli_options {
	enum cli_mode mode;
	enum cli_color color;
	const char *filter;
	const char **files;	/* NULL-terminated */
	size_t nfiles;
	struct conn_range *conns;	/* --conn, NULL for all */
	size_t nconns;
	const char *conn_arg;	/* --conn as given, for messages */
	size_t max_connections;	/* 0: the tracker's default */
	size_t width;		/* --width=N (0: no folding) */
	bool width_set;		/* given: the terminal and COLUMNS are not asked */
	enum cli_ladder ladder;	/* --ladder=STYLE */
	const char *lang;	/* --lang=en|ja|ko, NULL: the environment's */
	unsigned jobs;		/* -j N, --jobs=N (0: one thread) */
	unsigned shard, shards;	/* --shard=K/N, 1-based (0/0: all) */
	struct report_config report;
};

/*
 * The language --lang names ("en", "ja" or "ko", static), wherever it
 * stands on the command line; NULL without one, or for another value
 * (cli_parse() tells that error).  main.c chooses the language with it
 * before cli_parse(), whose messages are then in that language.
 */
const char *cli_lang(int argc, char **argv);
enum cli_result cli_parse(int argc, char **argv, struct cli_options *o,
			  char *errbuf, size_t errlen);
void cli_free(struct cli_options *o);
/* Parses a --conn list ("1,4-6"); false on a syntax error. */
bool cli_parse_conn_list(const char *s, struct conn_range **out, size_t *n);
/* Whether connection `id` is in the --conn list (all when there is none). */
bool cli_conn_selected(void *opts, uint64_t id);
/*
 * After the run, with `nconns` connections in the input: false, with the
 * message in errbuf, when --follow or --conn names a connection the input
 * does not have (a usage error, SPEC §1).  The one place that decides it.
 */
bool cli_selection_exists(const struct cli_options *o, uint64_t nconns,
			  char *errbuf, size_t errlen);
void cli_usage(FILE *fp);

#endif
