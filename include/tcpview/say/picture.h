/*
 * picture.h - the short words of the pictures (say layer, SPEC §12).
 *
 * A ladder arrow carries a packet's flags and numbers, what it was
 * ("handshake 1/3", "retransmission of frame 5", "teardown 2/4") and what
 * the application said with it ("GET /", "200 OK", "WS close 1000",
 * "HEADERS[1] :status 200", "ClientHello SNI=example.com").  These
 * functions write those words, from the records alone, for every picture
 * writer alike (text, Mermaid, SVG, HTML), so that the words live here
 * and can be translated here.  Each returns the length written, cut to
 * cap - 1 and NUL-terminated; nothing allocates.
 */
#ifndef TCPVIEW_SAY_PICTURE_H
#define TCPVIEW_SAY_PICTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/tcp/record.h"

struct tv_app;
struct tv_app_dns;
struct tv_conn_report;

/* "PSH,ACK seq 1 ack 1 len 78 win 408256" (raw numbers with `abs`). */
size_t say_arrow_packet(const struct tv_event *ev, bool abs, char *buf, size_t cap);

/* What the packet was, when it was more than data or an ACK:
 * "handshake 1/3", "dup ACK 2 of frame 6", "reset: nothing listens";
 * 0 for routine data and ACKs (the numbers say it). */
size_t say_arrow_label(const struct tv_event *ev, char *buf, size_t cap);

/* What an application record said, in a few words ("GET /index.html",
 * "200 OK", "WS text \"hi\""); 0 for records a picture does not show (a
 * stream's summary, a dissector that stopped). */
size_t say_arrow_app(const struct tv_app *a, char *buf, size_t cap);

/* A folded run: "×42 packets (frames 7-48), 60.2 kB from the server,
 * 3 ACKs, 2 filled the window, 5.100 ms". */
size_t say_fold(uint64_t packets, uint64_t first_frame, uint64_t last_frame,
		const uint64_t bytes[2], uint64_t acks, uint64_t fulls, int64_t span_ns,
		char *buf, size_t cap);

/* The DNS exchange drawn before a connection: "A? shop.example" for the
 * query, "shop.example is 127.0.0.7" for the answer. */
size_t say_dns_query(const struct tv_app_dns *m, char *buf, size_t cap);
size_t say_dns_answer(const struct tv_app_dns *m, char *buf, size_t cap);

/* A connection's state in the reader's words: in English its stable name
 * ("closed", "half_closed", tcp/names.h), which JSON and the summary
 * table keep in every language. */
const char *say_state(enum conn_state s);

/* The lanes: "client", "server", "DNS server". */
const char *say_lane(int lane);
enum { LANE_CLIENT, LANE_SERVER, LANE_DNS };

/* A picture's title for a connection: "connection 1: 127.0.0.1:59774 →
 * 127.0.0.1:8080, 0.540 ms, 12 packets, closed". */
size_t say_picture_title(const struct tv_conn_report *r, char *buf, size_t cap);

/* The picture's last line: "closed by the client (FIN first)", ... */
size_t say_picture_end(const struct tv_conn_report *r, char *buf, size_t cap);

/* The fixed words of the pictures and the HTML report, one table so
 * that they can be translated. */
enum picture_word {
	PW_TIME,		/* the ladder's time column: "time (s)" */
	PW_FRAME,		/* "frame" */
	PW_REPORT_TITLE,	/* "tcpview report" */
	PW_OVERVIEW,		/* "Connections" */
	PW_CONNECTION,		/* "connection" */
	PW_CLIENT, PW_SERVER, PW_START, PW_DURATION, PW_PACKETS, PW_STATE, PW_VERDICT,
	PW_LADDER,		/* "Ladder" */
	PW_STORY,		/* "Packets" */
	PW_GRAPHS,		/* "Time-sequence graphs" */
	PW_SEARCH,		/* "search the narration" */
	PW_TIME_AXIS,		/* "time since the first packet (s)" */
	PW_SEQ_AXIS,		/* "relative sequence number" */
	PW_DATA, PW_ACK, PW_WINDOW, PW_RETRANS, PW_SACK, PW_ZERO_WINDOW,
	PW_FINDINGS,		/* "Findings" */
	PW_TURNS,		/* "What the applications said" */
	PW_COUNT
};
const char *say_picture_word(enum picture_word w);

/* What the HTML report leaves out of a large capture: "only the first
 * 200 connections are drawn in detail; ...", "only the first 3000 packets
 * of this connection are narrated and graphed". */
size_t say_capped_conns(unsigned n, char *buf, size_t cap);
size_t say_capped_packets(unsigned n, char *buf, size_t cap);

/* "client → server" and "server → client", for a graph's title. */
const char *say_direction(enum tv_dir d);

#endif
