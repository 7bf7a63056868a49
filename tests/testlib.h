/*
 * testlib.h - helpers shared by the tracker and report suites.
 *
 * testlib_http_packets() rebuilds the 12 packets of the bundled reference
 * capture /work/shared/captures/http.pcap (curl against a Go server on
 * macOS loopback, DLT_NULL) as struct tv_packet values, field by field from
 * `tshark -r http.pcap -V`, so the analysis can be tested without libpcap.
 * The recording reporter implements struct reporter and copies every fact
 * of every event and of every ended connection into fixed arrays, so a test
 * can assert on them after the tracker has freed its connections.
 */
#ifndef TCPVIEW_TESTLIB_H
#define TCPVIEW_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/conn.h"
#include "tcpview/event.h"
#include "tcpview/packet.h"
#include "tcpview/report.h"

#define HTTP_NPACKETS 12
/* Raw ISNs of http.pcap: client 127.0.0.1:59774, server 127.0.0.1:8080. */
#define HTTP_CLIENT_ISN 444382187u
#define HTTP_SERVER_ISN 3798924672u

/* A capture time `ns` nanoseconds after `base_sec` (whole seconds). */
struct tv_time tl_time(int64_t base_sec, int64_t ns);

/*
 * Fills `out` with the 12 packets of http.pcap (frame numbers 1..12).
 * Payload pointers refer to static arrays and stay valid.  Returns 12.
 */
size_t testlib_http_packets(struct tv_packet out[HTTP_NPACKETS]);

#define REC_MAX_EVENTS 256
#define REC_MAX_CONNS 16

/* What the recording reporter keeps of one event. */
struct rec_event {
	uint64_t conn_id;
	uint64_t frame;
	enum tv_dir dir;
	uint32_t labels;
	uint32_t seq, ack, len;
	uint32_t win;
	uint16_t win_raw;
	int8_t win_shift;
	bool win_scaled;
	uint64_t acks_frame;
	int64_t ack_rtt_ns;
	uint32_t acked_bytes;
	int64_t handshake_rtt_ns;
	uint32_t dup_ack_num;
	uint64_t dup_ack_frame;
	uint64_t orig_frame;
	uint32_t missing_bytes;
	uint8_t teardown_step;
	enum rst_reason rst_reason;
};

/* What it keeps of a connection at connection_end(). */
struct rec_conn {
	uint64_t id;
	enum conn_state state;
	char zeek_state[8];
	char history[32];
	enum conn_end_reason end_reason;
	bool port_reuse, midstream, hs_complete;
	int closed_by, reset_by;
	uint64_t packets;
};

struct rec_reporter {
	struct reporter base;
	size_t nstarts;
	uint64_t start_ids[REC_MAX_CONNS];
	size_t nevents;
	struct rec_event ev[REC_MAX_EVENTS];
	size_t nends;
	struct rec_conn ends[REC_MAX_CONNS];
	size_t nmalformed;
	bool begun, finished;
};

/* Sets up `r` (no allocation); returns its struct reporter. */
struct reporter *rec_reporter_init(struct rec_reporter *r);
/* The last recorded event of frame `frame`, or NULL. */
const struct rec_event *rec_frame(const struct rec_reporter *r, uint64_t frame);
/* The ended connection with id `id`, or NULL. */
const struct rec_conn *rec_conn_ended(const struct rec_reporter *r, uint64_t id);
/* "syn,window_update" for messages; `buf` must hold 512 bytes. */
const char *rec_label_list(uint32_t labels, char *buf, size_t cap);

#endif
