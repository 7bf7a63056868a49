/*
 * testlib.h - helpers shared by the tracker and report suites.
 *
 * testlib_http_packets() rebuilds the 12 packets of the bundled reference
 * capture /work/shared/captures/http.pcap (curl against a Go server on
 * macOS loopback, DLT_NULL) as struct tv_packet values, field by field from
 * `tshark -r http.pcap -V`, so the analysis can be tested without libpcap.
 * The recording sink implements struct tv_sink and copies every record it
 * is handed into fixed arrays, so a test can assert on them after the
 * tracker has freed its connections.
 */
#ifndef TCPVIEW_TESTLIB_H
#define TCPVIEW_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/tcp/record.h"
#include "tcpview/decode/packet.h"
#include "tcpview/app/record.h"
#include "tcpview/tcp/sink.h"

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

/*
 * A scripted segment as a capture holds it, Ethernet + IPv4 + TCP (+ the
 * given options, a multiple of 4 bytes, + `len` bytes of 'x'), between the
 * client 10.0.0.1:40000 and the server 10.0.0.2:80, decoded with
 * decode_frame() so that every rule is tested from packet bytes.  Sequence
 * numbers are relative to each side's ISN (`isn[DIR_C2S]`, `isn[DIR_S2C]`;
 * the SYN is 0); the ACK number is set only with TH_ACK.  The packet points
 * into a static buffer, valid until the next call.
 */
struct tv_packet testlib_segment(enum tv_dir d, const uint32_t isn[2], uint64_t frame,
				 int64_t t_ns, uint16_t flags, uint32_t rseq, uint32_t rack,
				 uint16_t win, uint32_t len, const uint8_t *opts, size_t optlen);

#define REC_MAX_EVENTS 256
#define REC_MAX_CONNS 16
#define REC_MAX_APPS 16

/*
 * The recording sink keeps a copy of every record it is handed: records
 * are complete values (record.h), so the copies stay true after the
 * tracker has freed its connections.
 */
struct rec_sink {
	struct tv_sink base;
	size_t nstarts;
	struct tv_conn_info starts[REC_MAX_CONNS];
	size_t nevents;
	struct tv_event ev[REC_MAX_EVENTS];
	size_t nends;
	struct tv_conn_report ends[REC_MAX_CONNS];
	size_t nmalformed;
	bool begun, finished;
	/* Application records, each with the number of events recorded
	 * before it (where it came in the sequence of calls). */
	size_t napps;
	struct tv_app apps[REC_MAX_APPS];
	size_t app_after[REC_MAX_APPS];
};

/* Sets up `r` (no allocation); returns its struct tv_sink. */
struct tv_sink *rec_sink_init(struct rec_sink *r);
/* The last recorded event of frame `frame`, or NULL. */
const struct tv_event *rec_frame(const struct rec_sink *r, uint64_t frame);
/* The ended connection with id `id`, or NULL. */
const struct tv_conn_report *rec_conn_ended(const struct rec_sink *r, uint64_t id);
/* "syn,window_update" for messages; `buf` must hold 512 bytes. */
const char *rec_label_list(uint32_t labels, char *buf, size_t cap);

#endif
