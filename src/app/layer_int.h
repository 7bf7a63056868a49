/*
 * layer_int.h - what the application layer's files share (private).
 *
 * layer.c is the sink between the tracker and an output (app/layer.h); it
 * keeps one struct app_conn per connection that has carried bytes and
 * hands each direction's in-order bytes to the connection's dissector.
 * A dissector is a small table of functions (registry.c, modelled on
 * Suricata's AppLayerParser and Zeek's DeliverStream / Undelivered /
 * EndpointEOF): start, bytes, gap, end of a direction, release.  Each
 * protocol's glue (app/PROTO/dissect.c) turns its parser's callbacks into
 * records with app_emit().
 */
#ifndef TCPVIEW_APP_LAYER_INT_H
#define TCPVIEW_APP_LAYER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/app/layer.h"
#include "tcpview/app/record.h"
#include "tcpview/tcp/sink.h"

struct app_layer;
struct app_conn;

struct app_dissector {
	enum tv_app_proto proto;
	/* Sets up c->state (allocated, size bytes, not zeroed: each start
	 * initialises what it reads); false: no memory. */
	bool (*start)(struct app_conn *c);
	void (*bytes)(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len);
	void (*gap)(struct app_conn *c, enum tv_dir d, uint64_t len);
	void (*eof)(struct app_conn *c, enum tv_dir d);
	/* Side `by` reset the connection; called after the sides' ends. */
	void (*reset)(struct app_conn *c, enum tv_dir by);
	void (*release)(struct app_conn *c);
	size_t size;
};

extern const struct app_dissector app_http, app_tls, app_dns_tcp, app_ws, app_h2;

/* Bytes kept per direction while the protocol is not known yet. */
#define APP_PROBE_MAX 24

struct app_conn {
	struct app_layer *layer;
	uint64_t id;
	struct tv_endpoint end[2];
	const struct app_dissector *dis;	/* NULL: not known (yet) */
	void *state;				/* the dissector's */
	bool decided;				/* probing is over */
	bool stopped[2];			/* the dissector reads no more of a side */
	bool ended[2];				/* the side's end was told */
	uint8_t quote;				/* layer.c: which side starts a message */
	uint8_t probe_len[2];
	uint8_t probe[2][APP_PROBE_MAX];
	/* The frame whose arrival delivers the bytes being read: records
	 * carry it (record.h). */
	uint64_t frame;
	struct tv_time ts;
	int ts_digits;
};

/* Hands one record on: sets conn, frame, ts and dir, flushing the held event first. */
void app_emit(struct app_conn *c, enum tv_dir d, struct tv_app *a);

/* A dissector stopped reading side `d`: told once, with a static reason. */
void app_stop(struct app_conn *c, enum tv_dir d, const char *why);

/*
 * The connection changes protocol to `to`: the old dissector's state is
 * released and the new one started, for both sides.  Called by a
 * dissector once its parser has returned, never from inside one of the
 * parser's callbacks; the dissector then hands the bytes it had not read
 * to c->dis.  False when the new one could not start (c->dis is NULL).
 */
bool app_switch(struct app_conn *c, const struct app_dissector *to);

/* A side's bytes begin an HTTP/1.x message (registry.c's rules): where
 * HTTP can pick up again after a gap. */
bool app_http_message_start(enum tv_dir d, const uint8_t *data, size_t len);

/* HTTP/2 after an h2c upgrade: stream 1 carries the upgraded request. */
void app_h2_upgraded(struct app_conn *c, const char *method, const char *path);

/*
 * The dissector a side's first bytes call for (registry.c), or NULL: none,
 * or (*wait) too few bytes to tell yet, unless `final` says no more come.
 */
const struct app_dissector *app_probe(const struct app_conn *c, enum tv_dir d,
				      const uint8_t *data, size_t len, bool final, bool *wait);

/*
 * DNS (dns/dissect.c): what answers said, kept in the layer's
 * app_dns_state (allocated with the first answer, freed by app_dns_free).
 */
struct app_dns_state;
struct app_dns_state **app_layer_dns(struct app_layer *l);
/* Hands on a record of no connection (DNS over UDP). */
void app_layer_emit_udp(struct app_layer *l, struct tv_app *a);
/* Reads a DNS message of connection c (NULL: over UDP) into a record and emits it. */
void app_dns_message(struct app_layer *l, struct app_conn *c, enum tv_dir d,
		     const uint8_t *msg, size_t len, struct tv_app *a);
/* The name an answer before `before` gave `a`: fills r's server name. */
bool app_dns_name_of(struct app_layer *l, const struct tv_addr *a, struct tv_time before,
		     struct tv_conn_report *r);
void app_dns_free(struct app_dns_state *st);

/* Copies at most max bytes of s (NUL-terminated) into out[max + 1]; true if cut. */
bool app_copy(char *out, size_t max, const char *s);

#endif
