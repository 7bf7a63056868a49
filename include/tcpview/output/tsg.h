/*
 * tsg.h - the Stevens time-sequence graph of one direction of a
 * connection, drawn as inline SVG (output layer; used by the HTML report).
 *
 * The caller hands the connection's packets as points, in capture order,
 * each one as the tracker saw it: relative sequence and acknowledgment
 * numbers, the scaled window, what the packet was.  tsg_svg() draws the
 * graph of the data sent in direction `data_dir`: sequence number over
 * time (each segment a vertical bar from seq to seq + len, as tcptrace
 * and Wireshark's tcptrace graph draw it), the ACK line and the receive
 * window line (ack + window) of the other side as steps, retransmissions
 * and SACK blocks in their own colours, zero windows, SYN, FIN and RST
 * marked.  Every point of the connection lands in exactly one of the two
 * graphs as one element of class "pt" carrying data-frame: a segment
 * (data, SYN, FIN, RST) in its own direction's graph, a packet with no
 * sequence space (a pure ACK, a window update) in the graph of the data
 * it acknowledges.  So the "pt" elements of both graphs together are as
 * many as the points.  Nothing is allocated; nothing is kept.
 */
#ifndef TCPVIEW_OUTPUT_TSG_H
#define TCPVIEW_OUTPUT_TSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/output/draw.h"
#include "tcpview/tcp/record.h"

#define TSG_MAX_SACK 4

/* What a point was (bits of tsg_point.marks). */
enum {
	TSG_SYN = 1 << 0,
	TSG_FIN = 1 << 1,
	TSG_RST = 1 << 2,
	TSG_ACK = 1 << 3,		/* carries an acknowledgment (ack is valid) */
	TSG_RETRANS = 1 << 4,		/* retransmission, fast or spurious too */
	TSG_ZERO_WINDOW = 1 << 5,	/* advertises a zero window */
	TSG_LOST = 1 << 6,		/* bytes before it were never seen (lost_segment) */
	TSG_DUP_ACK = 1 << 7,
};

struct tsg_point {
	int64_t t_ns;		/* since the connection's first packet */
	uint64_t frame;
	uint32_t seq;		/* relative, of its first byte (the SYN counts one) */
	uint32_t len;		/* sequence space: payload + SYN + FIN */
	uint32_t ack;		/* relative (TSG_ACK) */
	uint32_t win;		/* advertised window in bytes, scaled when known */
	uint8_t dir;		/* enum tv_dir: who sent it */
	uint8_t marks;		/* TSG_* */
	uint8_t nsack;
	/* SACK blocks, relative like ack (the peer's sequence space). */
	uint32_t sack_left[TSG_MAX_SACK], sack_right[TSG_MAX_SACK];
};

/* The words a graph shows, from the say layer (plain text, escaped by
 * tsg_svg): its title ("client → server"), the axes, the legend. */
struct tsg_words {
	const char *title, *time_axis, *seq_axis;
	const char *data, *ack, *window, *retrans, *sack, *zero_window;
};

/*
 * Writes one <svg class="tsg" data-dir="c2s|s2c"> element, `width` by
 * `height` pixels (at least 240 by 160), for the data of `data_dir`.  The
 * time axis spans all the points, so both graphs of a connection share
 * it and put their plots at the same x.  With n == 0 it draws the empty
 * axes; `w` NULL draws no words.  O(n) time, nothing allocated; capping
 * n is the caller's (about 150 bytes of SVG per point).
 */
void tsg_svg(const struct draw_out *o, const struct tsg_point *pts, size_t n,
	     enum tv_dir data_dir, const struct tsg_words *w, unsigned width,
	     unsigned height);

#endif
