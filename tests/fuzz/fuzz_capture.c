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

static void run_mode(int mode, FILE *devnull)
{
	struct report_config cfg = { .verbose = mode == 0, .follow_id = 1,
				     .no_fold = mode == 6, .width = mode == 5 ? 80 : 0 };
	struct obuf out;
	if (!obuf_init(&out, devnull, 64 * 1024))
		return;
	struct tv_sink *rep;
	switch (mode) {
	case 0: rep = report_text_new(&cfg, &out); break;
	case 1: rep = report_summary_new(&cfg, &out); break;
	case 2: rep = report_json_new(&cfg, &out, false); break;
	case 3: rep = report_json_new(&cfg, &out, true); break;
	case 4: rep = report_follow_new(&cfg, &out); break;
	case 5: rep = report_ladder_new(&cfg, &out, LADDER_TEXT); break;
	case 6: rep = report_ladder_new(&cfg, &out, LADDER_MERMAID); break;
	case 7: rep = report_ladder_new(&cfg, &out, LADDER_SVG); break;
	default: rep = report_html_new(&cfg, &out); break;
	}
	if (rep != NULL) {
		const char *files[] = { path };
		struct pipeline_options po = { .files = files, .nfiles = 1,
					       .narrate = mode != 1 && mode != 4 };
		struct tv_input in;
		struct tv_stats st;
		pipeline_run(&po, rep, &in, &st);
		pipeline_free_inputs(&in, 1);
		rep->ops->destroy(rep);
	}
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
		run_mode(mode, devnull);
	fclose(devnull);
	return 0;
}
