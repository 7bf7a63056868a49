/*
 * layer.h - the application layer: dissectors between the tracker and an output.
 *
 * A sink (tcp/sink.h) that reads each connection's in-order bytes, finds
 * the protocol by content first and port second (HTTP/1.x, WebSocket
 * after an upgrade, HTTP/2, TLS, DNS over TCP), and hands its records
 * (app/record.h) to `next` right after the event of the frame that
 * completed each; every other call is passed on unchanged, except that
 * an event whose bytes start a message of an unknown protocol quotes its
 * first line (tv_event.quote) and a connection report carries the name a
 * DNS answer gave its server (tv_conn_report.server_name).  DNS over UDP
 * comes in through app_layer_udp().
 *
 * Memory: one small state per connection that has carried bytes, sized by
 * its protocol's parsers and capped whatever the application sends;
 * released when the connection ends.  `next` stays the caller's and must
 * outlive the layer; the layer is freed by its sink's destroy.
 */
#ifndef TCPVIEW_APP_LAYER_H
#define TCPVIEW_APP_LAYER_H

#include <stdbool.h>

#include "tcpview/decode/packet.h"
#include "tcpview/tcp/sink.h"

struct app_layer;

struct app_layer *app_layer_new(struct tv_sink *next);
struct tv_sink *app_layer_sink(struct app_layer *l);

/* A UDP datagram (DECODE_UDP): DNS on port 53 is read, the rest ignored. */
void app_layer_udp(struct app_layer *l, const struct tv_packet *p);
/* Whether app_layer_udp() reads this datagram at all. */
bool app_layer_udp_wanted(const struct tv_packet *p);

#endif
