/*
 * fuzz_capture.c - arbitrary bytes as a capture file, through the whole
 * pipeline and every reporter.
 *
 * The same entry point serves libFuzzer (clang -fsanitize=fuzzer) and
 * AFL++ (afl-clang-fast with its libFuzzer driver); tests/fuzz/replay_main.c
 * gives it the main() that replays crash inputs in the tests.
 * The input is written to a file because libpcap reads FILEs; a regular
 * file, too, so that a pcapng input whose interfaces have different link
 * types, which libpcap refuses, goes on through tcpview's own pcapng reader
 * (which reads the file a second time).  Each reporter (the ladders and
 * the HTML report too) writes to /dev/null.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tcpview/output/ladder.h"
#include "tcpview/output/report.h"
#include "tcpview/run/pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

struct mode {
	int mode;
	struct report_config cfg;
};

static struct tv_sink *make_output(void *ctx, struct obuf *out)
{
	const struct mode *m = ctx;
	switch (m->mode) {
	case 0: return report_text_new(&m->cfg, out);
	case 1: return report_summary_new(&m->cfg, out);
	case 2: return report_json_new(&m->cfg, out, false);
	case 3: return report_json_new(&m->cfg, out, true);
	case 4: return report_follow_new(&m->cfg, out);
	case 5: return report_ladder_new(&m->cfg, out, LADDER_TEXT);
	case 6: return report_ladder_new(&m->cfg, out, LADDER_MERMAID);
	case 7: return report_ladder_new(&m->cfg, out, LADDER_SVG);
	default: return report_html_new(&m->cfg, out);
	}
}

/* One output mode over the file; `jobs` > 1: through worker threads. */
static void run_mode(int mode, unsigned jobs, FILE *devnull)
{
	struct mode m = { .mode = mode,
			  .cfg = { .verbose = mode == 0, .follow_id = 1, .no_fold = mode == 6,
				   .width = mode == 5 ? 80 : 0 } };
	struct obuf out;
	if (!obuf_init(&out, devnull, 64 * 1024))
		return;
	const char *files[] = { path };
	struct pipeline_options po = { .files = files, .nfiles = 1,
				       .narrate = mode != 1 && mode != 4,
				       .make_output = make_output, .output_ctx = &m,
				       .jobs = jobs, .parallel_output = mode != 2 && mode < 7 };
	struct tv_input in;
	struct tv_stats st;
	pipeline_run(&po, &out, &in, &st);
	pipeline_free_inputs(&in, 1);
	obuf_flush(&out);
	obuf_release(&out);
}

static void remove_path(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/tcpview-fuzz-%d.pcap", (int)getpid());
		atexit(remove_path);
	}
	FILE *fp = fopen(path, "wb");
	if (fp == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	FILE *devnull = fopen("/dev/null", "w");
	if (devnull == NULL)
		return 0;
	for (int mode = 0; mode < 9; mode++)
		run_mode(mode, 1, devnull);
	/* The worker threads of -j, with the outputs they can put together. */
	run_mode(0, 2, devnull);
	run_mode(3, 3, devnull);
	fclose(devnull);
	return 0;
}
