/*
 * names.c - the stable names of every enum of the records (see names.h):
 * labels (SPEC §3), reset reasons (§6), states, end reasons, Zeek states,
 * directions and roles, in one place for every output and the tests.
 */
#include "config.h"

#include <stddef.h>

#include "tcpview/tcp/names.h"

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
	[L_ICMP_ERROR] = "icmp_error",
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
	case RST_START_NOT_CAPTURED: return "start_not_captured";
	case RST_IGNORED: return "ignored";
	default: return NULL;
	}
}

const char *conn_state_name(enum conn_state s)
{
	switch (s) {
	case CS_SYN_SENT: return "syn_sent";
	case CS_ESTABLISHED: return "established";
	case CS_HALF_CLOSED: return "half_closed";
	case CS_CLOSED: return "closed";
	case CS_RESET: return "reset";
	case CS_REFUSED: return "refused";
	case CS_MIDSTREAM: return "midstream";
	}
	return "?";
}

const char *end_reason_name(enum conn_end_reason r)
{
	switch (r) {
	case END_CLOSED: return "closed";
	case END_RESET: return "reset";
	case END_PORT_REUSE: return "port_reuse";
	case END_IDLE: return "idle";
	case END_EOF: return "end_of_input";
	case END_LIMIT: return "tracking_limit";
	}
	return "?";
}

const char *zeek_state_name(enum zeek_conn_state z)
{
	static const char *const names[] = {
		[ZS_S0] = "S0", [ZS_S1] = "S1", [ZS_SF] = "SF", [ZS_REJ] = "REJ",
		[ZS_S2] = "S2", [ZS_S3] = "S3", [ZS_RSTO] = "RSTO", [ZS_RSTR] = "RSTR",
		[ZS_RSTOS0] = "RSTOS0", [ZS_RSTRH] = "RSTRH", [ZS_SH] = "SH",
		[ZS_SHR] = "SHR", [ZS_OTH] = "OTH",
	};
	return (unsigned)z <= ZS_OTH ? names[z] : "?";
}

const char *dir_name(enum tv_dir d)
{
	return d == DIR_C2S ? "c2s" : "s2c";
}

const char *role_name(enum tv_dir d)
{
	return d == DIR_C2S ? "client" : "server";
}
