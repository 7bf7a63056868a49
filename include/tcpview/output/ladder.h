/*
 * ladder.h - a connection as a sequence diagram: the layout, computed
 * once, and the writers that draw it (output layer, SPEC §12).
 *
 * The layout (ladder.c) turns a connection's records into rows as they
 * arrive: an arrow per packet, with its numbers, what it was and what
 * the application said with it (the application record of a frame comes
 * right after the frame's event, so a row stays open until the next
 * event); runs of routine packets (data and ACKs with nothing else to
 * say) of LADDER_FOLD_MIN or more become one folded row.  Rows are fixed-
 * size values kept in the connection's spool (util/spool.h: bounded
 * memory, the rest in a temporary file) until the connection ends; then
 * the layout decides the lanes (client, server, and the DNS server when
 * a DNS answer in the capture named the server) and hands the writer a
 * struct ladder_conn and each row in order.  Writers (ladder_text.c,
 * ladder_mermaid.c, ladder_svg.c) only draw: they know syntax and
 * geometry, never TCP.
 *
 * The layout is used by the --ladder output (report_ladder_new) and by
 * the HTML report, which draws each connection's ladder as SVG.
 */
#ifndef TCPVIEW_OUTPUT_LADDER_H
#define TCPVIEW_OUTPUT_LADDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/output/draw.h"
#include "tcpview/output/report.h"
#include "tcpview/output/spooled.h"
#include "tcpview/tcp/record.h"

/* Runs shorter than this are drawn packet by packet. */
#define LADDER_FOLD_MIN 4

#define LADDER_PACKET_MAX 64	/* "PSH,ACK seq 1 ack 1 len 78 win 408256" */
#define LADDER_LABEL_MAX 128	/* "retransmission of frame 5, dup ACK ..."; a fold's summary */
#define LADDER_APP_MAX 256	/* "GET /index.html"; "SETTINGS; HEADERS[1] ..." */

enum ladder_row_kind { LR_ARROW, LR_FOLD };

/* How an arrow looks: what the packet was, for colour and line style. */
enum ladder_tone {
	LT_PLAIN,
	LT_OPEN,	/* SYN, SYN-ACK, handshake ACK */
	LT_CLOSE,	/* FIN and its ACK */
	LT_TROUBLE,	/* retransmission, dup ACK, lost, zero window ... */
	LT_RESET,	/* RST */
	LT_ICMP,	/* an ICMP error about a segment */
};

struct ladder_row {
	uint8_t kind;		/* enum ladder_row_kind */
	uint8_t tone;		/* enum ladder_tone */
	uint8_t from, to;	/* lanes, set when drawn (ladder_conn.lane_*) */
	uint16_t file;		/* input of frame (0: the first) */
	uint64_t frame, last_frame;	/* a fold: its first and last frames */
	int64_t rel_ns, last_rel_ns;	/* since the connection's first packet */
	/* A fold: its packets, payload bytes each way, pure ACKs, segments
	 * that filled the receiver's window. */
	uint64_t packets, acks, fulls;
	uint64_t bytes[2];
	/* The words (say/picture.h), NUL-terminated; "" when none. */
	char packet[LADDER_PACKET_MAX];	/* flags and numbers ("" for a fold) */
	char label[LADDER_LABEL_MAX];	/* what it was; a fold's summary */
	char app[LADDER_APP_MAX];
};

/* A connection as the writers see it when it ends. */
struct ladder_conn {
	const struct tv_conn_report *report;
	const struct tv_diagnosis *diag;	/* NULL when none */
	int nlanes;		/* 2, or 3 with the DNS server */
	int lane_client, lane_server, lane_dns;	/* positions, left to right; -1: none */
	char lane_addr[3][64];	/* by position: "127.0.0.1:59774" */
	const char *lane_name[3];
	size_t nrows;		/* rows that follow, DNS rows included */
	uint64_t arrows, folds;	/* of them */
	char title[256];	/* say_picture_title() */
	char end[160];		/* say_picture_end() */
	char verdict[1024];	/* "" when there is no diagnosis */
};

struct ladder_writer;
struct ladder_writer_ops {
	void (*doc_begin)(struct ladder_writer *w);
	void (*conn_begin)(struct ladder_writer *w, const struct ladder_conn *c);
	void (*row)(struct ladder_writer *w, const struct ladder_conn *c,
		    const struct ladder_row *r, size_t index);
	void (*conn_end)(struct ladder_writer *w, const struct ladder_conn *c);
	/* The document ends (its input ended); false when output was lost. */
	void (*doc_end)(struct ladder_writer *w);
	void (*destroy)(struct ladder_writer *w);
};

struct ladder_writer {
	const struct ladder_writer_ops *ops;
	struct draw_out out;	/* where it draws (set by its owner) */
	size_t width;		/* text: columns (0: 80) */
	bool ascii;		/* text: no box-drawing characters */
	bool color;		/* text: ANSI colours */
};

struct ladder_writer *ladder_text_writer_new(void);
struct ladder_writer *ladder_mermaid_writer_new(void);
/* `document`: one standalone SVG document of every connection, written
 * to `final` at doc_end; otherwise one <svg class="ladder"> element per
 * connection, for the HTML report. */
struct ladder_writer *ladder_svg_writer_new(bool document, struct obuf *final);

/* The layout of every open connection; its rows kept in `budget` bytes of
 * memory (LADDER_SPOOL_BUDGET, or an output's share of it), the rest in a
 * temporary file. */
#define LADDER_SPOOL_BUDGET (8u * 1024 * 1024)
struct ladder_layout;
struct ladder_layout *ladder_layout_new(struct ladder_writer *w, bool fold, bool abs_seq,
					size_t budget, struct obuf *loss);
void ladder_layout_free(struct ladder_layout *l);
void ladder_layout_open(struct ladder_layout *l, const struct tv_conn_info *c);
void ladder_layout_event(struct ladder_layout *l, const struct tv_event *ev);
void ladder_layout_app(struct ladder_layout *l, const struct tv_app *a);
void ladder_layout_diagnosis(struct ladder_layout *l, const struct tv_diagnosis *d);
/* Draws the connection through the writer and forgets it. */
void ladder_layout_close(struct ladder_layout *l, const struct tv_conn_report *r);

/* The --ladder output: a sink drawing each connection as it ends. */
enum ladder_style { LADDER_TEXT, LADDER_MERMAID, LADDER_SVG };
struct tv_sink *report_ladder_new(const struct report_config *cfg, struct obuf *out,
				  enum ladder_style style);

/* The --html output (html.c). */
struct tv_sink *report_html_new(const struct report_config *cfg, struct obuf *out);

#endif
