/*
 * labels.c - the stable names of labels and reset reasons (SPEC §3, §6),
 * shared by every reporter and by the tests.
 */
#include "config.h"

#include <stddef.h>

#include "tcpview/event.h"

static const char *const label_names[L_COUNT] = {
	[L_SYN] = "syn",
	[L_SYN_ACK] = "syn_ack",
	[L_HANDSHAKE_ACK] = "handshake_ack",
	[L_DATA] = "data",
	[L_ACK] = "ack",
	[L_WINDOW_UPDATE] = "window_update",
	[L_ZERO_WINDOW] = "zero_window",
	[L_ZERO_WINDOW_PROBE] = "zero_window_probe",
	[L_ZERO_WINDOW_PROBE_ACK] = "zero_window_probe_ack",
	[L_WINDOW_FULL] = "window_full",
	[L_KEEP_ALIVE] = "keep_alive",
	[L_KEEP_ALIVE_ACK] = "keep_alive_ack",
	[L_DUP_ACK] = "dup_ack",
	[L_RETRANSMISSION] = "retransmission",
	[L_FAST_RETRANSMISSION] = "fast_retransmission",
	[L_SPURIOUS_RETRANSMISSION] = "spurious_retransmission",
	[L_OUT_OF_ORDER] = "out_of_order",
	[L_LOST_SEGMENT] = "lost_segment",
	[L_ACKED_UNSEEN] = "acked_unseen",
	[L_FIN] = "fin",
	[L_TEARDOWN_ACK] = "teardown_ack",
	[L_RST] = "rst",
	[L_PORT_REUSE] = "port_reuse",
};

const char *label_name(enum tv_label l)
{
	return (unsigned)l < L_COUNT ? label_names[l] : "?";
}

const char *rst_reason_name(enum rst_reason r)
{
	switch (r) {
	case RST_REFUSED: return "refused";
	case RST_ABORT: return "abort";
	case RST_AFTER_CLOSE: return "after_close";
	case RST_UNKNOWN_CONNECTION: return "unknown_connection";
	default: return NULL;
	}
}
