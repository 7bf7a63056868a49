/*
 * analyze.h - Wireshark's TCP sequence analysis for one segment (private
 * to src/tcp).
 *
 * analyze_segment() is the part of the tracker that must agree with tshark
 * packet for packet: relative sequence numbers, the scaled window, and the
 * expert labels of tcp_analyze_sequence_number() in epan/dissectors/
 * packet-tcp.c (TShark 4.0), in the order Wireshark evaluates them.  It
 * updates the per-direction state in the connection and fills the event's
 * seq/ack/window fields, expert labels, acks_frame and ack_rtt.  The story
 * labels (handshake, data, FIN, RST ...) are the tracker's.
 */
#ifndef TCPVIEW_ANALYZE_H
#define TCPVIEW_ANALYZE_H

#include "conn.h"

/* Wireshark's TCP_MAX_UNACKED_SEGMENTS: past this, segments are not tracked. */
#define ANALYZE_MAX_UNACKED 10000

/* Sets up a direction's analysis state (window "not seen", scale unknown). */
void analyze_half_init(struct tv_half *h);
void analyze_half_release(struct tv_half *h);

/*
 * Analyses segment `p` sent in direction `d` of `c`.  `ev` must be zeroed
 * except for pkt/conn/dir.  `c->irtt_ns` and the SYN time are updated too.
 */
void analyze_segment(struct tv_conn *c, enum tv_dir d,
		     const struct tv_packet *p, struct tv_event *ev);

#endif
