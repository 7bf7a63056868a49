/*
 * cli.c - command-line parsing with getopt_long, GNU conventions.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpview/cli/cli.h"
#include "tcpview/say/tr.h"
#include "tcpview/util/msg.h"

enum {
	OPT_JSONL = 256,
	OPT_FOLLOW,
	OPT_ABSOLUTE_SEQ,
	OPT_TIME,
	OPT_COLOR,
	OPT_MAX_CONNECTIONS,
	OPT_BRIEF,
	OPT_WIDTH,
	OPT_LADDER,
	OPT_HTML,
	OPT_NO_FOLD,
	OPT_LANG,
	OPT_JOBS,
	OPT_SHARD,
};

static const struct option long_options[] = {
	{ "summary", no_argument, NULL, 's' },
	{ "brief", no_argument, NULL, OPT_BRIEF },
	{ "json", no_argument, NULL, 'j' },
	{ "jsonl", no_argument, NULL, OPT_JSONL },
	{ "filter", required_argument, NULL, 'f' },
	{ "conn", required_argument, NULL, 'c' },
	{ "follow", required_argument, NULL, OPT_FOLLOW },
	{ "absolute-seq", no_argument, NULL, OPT_ABSOLUTE_SEQ },
	{ "time", required_argument, NULL, OPT_TIME },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "ladder", optional_argument, NULL, OPT_LADDER },
	{ "html", no_argument, NULL, OPT_HTML },
	{ "no-fold", no_argument, NULL, OPT_NO_FOLD },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};
/* -j is --json, and -j N (or -jN) the worker threads (SPEC §1 has both). */
static const char short_options[] = ":sj::f:c:r:vhV";
static const char *const langs[] = { "en", "ja", "ko", NULL };

void cli_usage(FILE *fp)
{
	/* Three messages, a paragraph each, so that a translation can align
	 * its own columns. */
	fputs(_(
	      "Usage: tcpview [OPTIONS] FILE...\n"
	      "Narrate the TCP conversations of packet captures (pcap, pcapng).\n"
	      "FILE may be '-' for a capture on standard input.\n"
	      "\n"), fp);
	fputs(_(
	      "  -s, --summary          one row per connection\n"
	      "      --brief            per connection: the unusual packets, what the\n"
	      "                         applications said, the verdict; routine data\n"
	      "                         and ACKs folded into one line per run\n"
	      "  -j, --json             one JSON document\n"
	      "      --jsonl            JSON Lines: one object per line, streamed\n"
	      "      --ladder[=text|mermaid|svg]  each connection as a sequence diagram:\n"
	      "                         arrows between client and server, routine\n"
	      "                         runs folded (text fits the terminal)\n"
	      "      --no-fold          with --ladder: every packet its own arrow\n"
	      "      --html             one self-contained HTML report: ladders,\n"
	      "                         narration, findings, time-sequence graphs\n"
	      "  -f, --filter=EXPR      BPF filter applied while reading, e.g. 'port 80'\n"
	      "  -c, --conn=LIST        only these connection ids, e.g. 1,4-6\n"
	      "  -r FILE                read FILE (same as a FILE argument)\n"
	      "      --follow=N         print connection N's reassembled byte streams\n"
	      "      --absolute-seq     raw sequence and ack numbers\n"
	      "      --time=rel|abs|delta  time column: since connection start,\n"
	      "                         wall clock, or since the previous packet\n"
	      "      --color=auto|always|never  colour on a terminal (NO_COLOR honoured)\n"
	      "      --lang=en|ja|ko    the language of the words (default: LANGUAGE,\n"
	      "                         LC_ALL, LC_MESSAGES, LANG); JSON keys and\n"
	      "                         values other than \"text\" never change\n"
	      "      --width=N          fold text at N columns (default: the terminal's,\n"
	      "                         else COLUMNS, else no folding; 0: none)\n"
	      "      --max-connections=N  follow at most N connections at once\n"
	      "                         (default 32768); past it the least recently\n"
	      "                         active one is reported and forgotten\n"
	      "  -v, --verbose          also raw window, all TCP options, timestamps\n"
	      "  -h, --help             show this help and exit\n"
	      "  -V, --version          show the version and exit\n"
	      "\n"), fp);
	fputs(_(
	      "Using more cores and machines:\n"
	      "  -j N, --jobs=N         N worker threads (default 1); the output is the\n"
	      "                         same as with one.  Helps the text, --summary,\n"
	      "                         --jsonl, --follow and --ladder outputs of large\n"
	      "                         captures, up to one thread per core\n"
	      "      --shard=K/N        only the connections of shard K of N (1 <= K <=\n"
	      "                         N), for N processes or machines reading the\n"
	      "                         same files; the union of the N shards' --jsonl\n"
	      "                         is one run's (see tcpview(1))\n"
	      "\n"), fp);
	fputs(_(
	      "Exit status: 0 all inputs read to their end, 1 an input could not be\n"
	      "read completely, 2 usage error.  See tcpview(1).\n"), fp);
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return false;
	*v = x;
	return *end == '\0';
}

bool cli_parse_conn_list(const char *s, struct conn_range **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	char buf[64];
	while (*s != '\0') {
		size_t len = strcspn(s, ",");
		if (len == 0 || len >= sizeof(buf))
			goto bad;
		memcpy(buf, s, len);
		buf[len] = '\0';
		s += len + (s[len] == ',');
		struct conn_range r;
		char *dash = strchr(buf, '-');
		if (dash != NULL) {
			*dash = '\0';
			if (!parse_u64(buf, &r.lo) || !parse_u64(dash + 1, &r.hi) ||
			    r.lo > r.hi)
				goto bad;
		} else {
			if (!parse_u64(buf, &r.lo))
				goto bad;
			r.hi = r.lo;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			struct conn_range *nr = realloc(*out, cap * sizeof(*nr));
			if (nr == NULL)
				goto bad;
			*out = nr;
		}
		(*out)[(*n)++] = r;
	}
	/* "1," and "1,,2" have an empty item: rejected like the latter. */
	if (*n > 0 && s[-1] != ',')
		return true;
bad:
	free(*out);
	*out = NULL;
	*n = 0;
	return false;
}

bool cli_conn_selected(void *opts, uint64_t id)
{
	const struct cli_options *o = opts;
	if (o->conns == NULL)
		return o->mode != MODE_FOLLOW || id == o->report.follow_id;
	for (size_t i = 0; i < o->nconns; i++)
		if (id >= o->conns[i].lo && id <= o->conns[i].hi)
			return true;
	return false;
}

bool cli_selection_exists(const struct cli_options *o, uint64_t nconns,
			  char *errbuf, size_t errlen)
{
	const char *has = MSG_NUM(nconns);
	if (o->mode == MODE_FOLLOW && o->report.follow_id > nconns) {
		say_format(errbuf, errlen,
			   /* TRANSLATORS: %1$s is the connection id given to
			    * --follow, %2$s how many connections the input has. */
			   Q_("no connection %1$s to follow: the input has %2$s connection",
			      "no connection %1$s to follow: the input has %2$s connections",
			      (unsigned long)nconns),
			   SAY_ARGS(MSG_NUM(o->report.follow_id), has));
		return false;
	}
	for (size_t i = 0; i < o->nconns; i++) {
		const struct conn_range *r = &o->conns[i];
		if (r->lo <= nconns)
			continue;
		char ids[48];
		if (r->lo == r->hi)
			snprintf(ids, sizeof(ids), "%llu", (unsigned long long)r->lo);
		else
			snprintf(ids, sizeof(ids), "%llu-%llu", (unsigned long long)r->lo,
				 (unsigned long long)r->hi);
		say_format(errbuf, errlen,
			   /* TRANSLATORS: %1$s is a connection id (or a range,
			    * 5-7) of the list given as --conn=%2$s; %3$s is how
			    * many connections the input has. */
			   Q_("no connection %1$s (--conn=%2$s): the input has %3$s connection",
			      "no connection %1$s (--conn=%2$s): the input has %3$s connections",
			      (unsigned long)nconns),
			   SAY_ARGS(ids, o->conn_arg, has));
		return false;
	}
	return true;
}

static bool add_file(struct cli_options *o, const char *f)
{
	const char **nf = realloc(o->files, (o->nfiles + 2) * sizeof(*nf));
	if (nf == NULL)
		return false;
	o->files = nf;
	o->files[o->nfiles++] = f;
	o->files[o->nfiles] = NULL;
	return true;
}

/* One of a fixed set of words; false (with the message) for any other. */
static bool parse_choice(const char *opt, const char *arg, const char *const *words,
			 int *out, char *errbuf, size_t errlen)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(arg, words[i]) == 0) {
			*out = i;
			return true;
		}
	/* TRANSLATORS: %1$s is an option's name (time, color, ladder,
	 * lang), %2$s the value given to it, %3$s, %4$s and %5$s the values
	 * it takes. */
	say_format(errbuf, errlen, _("bad --%1$s '%2$s' (%3$s, %4$s or %5$s)"),
		   SAY_ARGS(opt, arg, words[0], words[1], words[2]));
	return false;
}

/* The options that take a value and may be wrong: false with a message. */
static bool parse_valued(int ch, const char *arg, struct cli_options *o,
			 char *errbuf, size_t errlen)
{
	static const char *const times[] = { "rel", "abs", "delta", NULL };
	static const char *const colors[] = { "auto", "always", "never", NULL };
	int choice;
	uint64_t n;
	switch (ch) {
	case 'c':
		free(o->conns);
		o->conn_arg = arg;
		if (cli_parse_conn_list(arg, &o->conns, &o->nconns))
			return true;
		say_format(errbuf, errlen, _("bad connection list '%1$s' (expected ids and "
					     "ranges, e.g. 1,4-6)"), SAY_ARGS(arg));
		return false;
	case OPT_FOLLOW:
		if (parse_u64(arg, &o->report.follow_id) && o->report.follow_id != 0)
			return true;
		say_format(errbuf, errlen, _("bad --follow '%1$s' (expected a connection id, "
					     "1 or more)"), SAY_ARGS(arg));
		return false;
	case OPT_TIME:
		if (!parse_choice("time", arg, times, &choice, errbuf, errlen))
			return false;
		o->report.time = choice == 0 ? TIME_REL : choice == 1 ? TIME_ABS : TIME_DELTA;
		return true;
	case OPT_COLOR:
		if (!parse_choice("color", arg, colors, &choice, errbuf, errlen))
			return false;
		o->color = choice == 0 ? COLOR_AUTO : choice == 1 ? COLOR_ALWAYS : COLOR_NEVER;
		return true;
	case OPT_MAX_CONNECTIONS:
		if (parse_u64(arg, &n) && n != 0 && n <= SIZE_MAX / 2) {
			o->max_connections = (size_t)n;
			return true;
		}
		say_format(errbuf, errlen, _("bad --max-connections '%1$s' (expected a "
					     "number, 1 or more)"), SAY_ARGS(arg));
		return false;
	case OPT_JOBS:
		if (parse_u64(arg, &n) && n >= 1 && n <= CLI_MAX_JOBS) {
			o->jobs = (unsigned)n;
			return true;
		}
		say_format(errbuf, errlen, _("bad --jobs '%1$s' (expected 1 to 256 threads)"),
			   SAY_ARGS(arg));
		return false;
	case OPT_SHARD: {
		/* K/N, 1 <= K <= N. */
		char buf[48];
		const char *slash = strchr(arg, '/');
		uint64_t k;
		if (slash != NULL && (size_t)(slash - arg) < sizeof(buf)) {
			memcpy(buf, arg, (size_t)(slash - arg));
			buf[slash - arg] = '\0';
			if (parse_u64(buf, &k) && parse_u64(slash + 1, &n) && k >= 1 && k <= n &&
			    n <= CLI_MAX_SHARDS) {
				o->shard = (unsigned)k;
				o->shards = (unsigned)n;
				return true;
			}
		}
		say_format(errbuf, errlen, _("bad --shard '%1$s' (expected K/N, 1 <= K <= N, "
					     "e.g. 2/4)"), SAY_ARGS(arg));
		return false;
	}
	case OPT_WIDTH:
		/* 0 is "no folding"; a text narrower than 40 columns cannot
		 * hold a packet's columns. */
		if (parse_u64(arg, &n) && (n == 0 || (n >= 40 && n <= 10000))) {
			o->width = (size_t)n;
			o->width_set = true;
			return true;
		}
		say_format(errbuf, errlen, _("bad --width '%1$s' (expected 0, or 40 to "
					     "10000 columns)"), SAY_ARGS(arg));
		return false;
	}
	return false;
}

/* After the options: the choices that must agree with one another. */
static enum cli_result check_together(struct cli_options *o, int modes, bool summary,
				      char *errbuf, size_t errlen)
{
	if (modes > 1) {
		say_format(errbuf, errlen, _("choose one of --json, --jsonl, --follow, "
					     "--ladder, --html"), NULL, 0);
		return CLI_USAGE_ERROR;
	}
	/* --brief is a way of telling the story in text (SPEC §11). */
	if (o->report.brief && (summary || o->mode != MODE_TEXT)) {
		say_format(errbuf, errlen, _("--brief is a text output: it does not go with "
					     "--summary, --json, --jsonl, --follow, --ladder or "
					     "--html"), NULL, 0);
		return CLI_USAGE_ERROR;
	}
	/* -s alone is the table; with --json or --jsonl it drops the events
	 * (SPEC §5). */
	if (o->report.no_fold && o->mode != MODE_LADDER) {
		say_format(errbuf, errlen, _("--no-fold goes with --ladder"), NULL, 0);
		return CLI_USAGE_ERROR;
	}
	if (summary) {
		if (o->mode == MODE_LADDER || o->mode == MODE_HTML) {
			say_format(errbuf, errlen, _("--summary does not go with --ladder or "
						     "--html"), NULL, 0);
			return CLI_USAGE_ERROR;
		}
		if (o->mode == MODE_FOLLOW) {
			say_format(errbuf, errlen, _("--summary does not go with --follow"),
				   NULL, 0);
			return CLI_USAGE_ERROR;
		}
		if (o->mode == MODE_TEXT)
			o->mode = MODE_SUMMARY;
		o->report.no_events = true;
	}
	/* --follow=N --conn=LIST would follow nothing unless N is listed. */
	if (o->mode == MODE_FOLLOW && o->conns != NULL &&
	    !cli_conn_selected(o, o->report.follow_id)) {
		say_format(errbuf, errlen, _("--follow=%1$s is not among --conn=%2$s"),
			   SAY_ARGS(MSG_NUM(o->report.follow_id), o->conn_arg));
		return CLI_USAGE_ERROR;
	}
	/* `tcpview < file`, `tcpdump -w - | tcpview`: no FILE and a capture
	 * on standard input, as tcpdump's users expect. */
	if (o->nfiles == 0 && !isatty(STDIN_FILENO) && !add_file(o, "-"))
		return CLI_USAGE_ERROR;
	if (o->nfiles == 0) {
		say_format(errbuf, errlen, _("no capture file given"), NULL, 0);
		return CLI_USAGE_ERROR;
	}
	return CLI_RUN;
}

/*
 * After getopt returned 'j': its number, when -jN or -j N gives one (worker
 * threads), NULL for -j alone (--json).  The number is taken off argv here,
 * before getopt moves it among the files.  (A capture file named by digits
 * alone is read as ./N after -j.)
 */
static char *jobs_arg(int argc, char **argv)
{
	if (optarg != NULL)
		return optarg;
	const char *next = optind < argc ? argv[optind] : "";
	if (*next != '\0' && strspn(next, "0123456789") == strlen(next))
		return argv[optind++];
	return NULL;
}

const char *cli_lang(int argc, char **argv)
{
	const char *lang = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, short_options, long_options, NULL)) != -1)
		if (ch == OPT_LANG)
			lang = optarg;
		else if (ch == 'j')
			jobs_arg(argc, argv);	/* its number is not a file */
	for (int i = 0; lang != NULL && langs[i] != NULL; i++)
		if (strcmp(lang, langs[i]) == 0)
			return langs[i];
	return NULL;
}

enum cli_result cli_parse(int argc, char **argv, struct cli_options *o,
			  char *errbuf, size_t errlen)
{
	memset(o, 0, sizeof(*o));
	o->mode = MODE_TEXT;
	o->color = COLOR_AUTO;
	o->report.time = TIME_REL;
	int modes = 0, ch;
	bool summary = false;

	optind = 0;	/* 0, not 1: glibc then resets its internal state too */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
		switch (ch) {
		case 's': summary = true; break;
		case 'j':
			if ((optarg = jobs_arg(argc, argv)) != NULL) {
				if (!parse_valued(OPT_JOBS, optarg, o, errbuf, errlen))
					return CLI_USAGE_ERROR;
				break;
			}
			o->mode = MODE_JSON;
			modes++;
			break;
		case OPT_JSONL: o->mode = MODE_JSONL; modes++; break;
		case 'f': o->filter = optarg; break;
		case 'r':
			if (!add_file(o, optarg))
				return CLI_USAGE_ERROR;
			break;
		case OPT_FOLLOW:
			o->mode = MODE_FOLLOW;
			modes++;
			/* fall through */
		case 'c':
		case OPT_TIME:
		case OPT_COLOR:
		case OPT_MAX_CONNECTIONS:
		case OPT_WIDTH:
		case OPT_JOBS:
		case OPT_SHARD:
			if (!parse_valued(ch, optarg, o, errbuf, errlen))
				return CLI_USAGE_ERROR;
			break;
		case OPT_LADDER: {
			static const char *const styles[] = { "text", "mermaid", "svg", NULL };
			int choice = 0;
			if (optarg != NULL &&
			    !parse_choice("ladder", optarg, styles, &choice, errbuf, errlen))
				return CLI_USAGE_ERROR;
			o->mode = MODE_LADDER;
			o->ladder = (enum cli_ladder)choice;
			modes++;
			break;
		}
		case OPT_HTML: o->mode = MODE_HTML; modes++; break;
		case OPT_NO_FOLD: o->report.no_fold = true; break;
		case OPT_LANG: {
			int choice;
			if (!parse_choice("lang", optarg, langs, &choice, errbuf, errlen))
				return CLI_USAGE_ERROR;
			o->lang = langs[choice];
			break;
		}
		case OPT_ABSOLUTE_SEQ: o->report.absolute_seq = true; break;
		case OPT_BRIEF: o->report.brief = true; break;
		case 'v': o->report.verbose = true; break;
		case 'h': return CLI_HELP;
		case 'V': return CLI_VERSION;
		case ':':
			/* TRANSLATORS: %1$s is the option as given. */
			say_format(errbuf, errlen, _("option '%1$s' needs a value"),
				   SAY_ARGS(argv[optind - 1]));
			return CLI_USAGE_ERROR;
		default:
			say_format(errbuf, errlen, _("unknown option '%1$s'"),
				   SAY_ARGS(argv[optind - 1]));
			return CLI_USAGE_ERROR;
		}
	}
	for (int i = optind; i < argc; i++)
		if (!add_file(o, argv[i]))
			return CLI_USAGE_ERROR;
	return check_together(o, modes, summary, errbuf, errlen);
}

void cli_free(struct cli_options *o)
{
	free(o->conns);
	free(o->files);
	o->conns = NULL;
	o->files = NULL;
}
