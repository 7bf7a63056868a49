/*
 * record.h - the application records (app layer, SPEC §9).
 *
 * The application layer (app/layer.c) reads each connection's in-order
 * bytes through its dissectors and hands what the applications said to
 * the sink that follows it, one struct tv_app per fact: an HTTP request
 * or response, a WebSocket frame, an HTTP/2 frame or stream, a TLS hello
 * or alert, a DNS message, a change of protocol, or the reason a
 * dissector stopped.  A record is complete when handed on; it holds
 * values only (the only pointers are to static strings), so a consumer
 * may copy it and render it later.  It is valid during the call only.
 *
 * Order: the records completed by the bytes of frame F come right after
 * the tv_event of F (sink.h), in the order of the bytes; `frame` is F,
 * the frame whose arrival completed the record (Wireshark shows a
 * reassembled PDU there too).  DNS over UDP belongs to no connection:
 * its records have conn 0 and come in capture order.
 */
#ifndef TCPVIEW_APP_RECORD_H
#define TCPVIEW_APP_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpview/app/h2.h"
#include "tcpview/app/tls.h"
#include "tcpview/app/ws.h"
#include "tcpview/tcp/record.h"
#include "tcpview/util/addr.h"

/* Application protocols, as the stable names of app_proto_name() say them. */
enum tv_app_proto {
	AP_NONE,
	AP_HTTP,
	AP_WEBSOCKET,
	AP_HTTP2,
	AP_TLS,
	AP_DNS,
	AP_TUNNEL,	/* after CONNECT: bytes of another connection */
	AP_COUNT
};

enum tv_app_kind {
	AK_HTTP_REQUEST,
	AK_HTTP_RESPONSE,	/* a final response ends a transaction; 1xx is interim */
	AK_WS_FRAME,
	AK_H2_FRAME,
	AK_H2_STREAM,		/* a stream closed: its request and response */
	AK_TLS_CLIENT_HELLO,
	AK_TLS_SERVER_HELLO,	/* a HelloRetryRequest too (hello_retry) */
	AK_TLS_ALERT,
	AK_TLS_ENCRYPTED,	/* this direction's records are encrypted from here */
	AK_DNS,
	AK_SWITCH,		/* the connection changes protocol */
	AK_STOP,		/* a dissector stopped reading a direction */
	AK_RESET,		/* a reset, told with what the application had said */
	AK_WS_END,		/* a side ends the TCP connection under a WebSocket */
	AK_COUNT
};

/* Bounds of the strings an HTTP record keeps (bytes, NUL not counted). */
#define TV_HTTP_METHOD_MAX 16
#define TV_HTTP_URI_MAX 256
#define TV_HTTP_HOST_MAX 128
#define TV_HTTP_UA_MAX 128
#define TV_HTTP_MSG_MAX 64
#define TV_HTTP_TYPE_MAX 64
#define TV_HTTP_PREVIEW_MAX 64

/*
 * An HTTP/1.x message.  A request record carries the request; a response
 * record carries the whole transaction, named as Zeek's http.log names
 * it: the request it answers (method, uri, host, user_agent,
 * request_body_len, request_frame) and the response.
 */
struct tv_app_http {
	uint32_t trans_depth;		/* 1: the connection's first request */
	char method[TV_HTTP_METHOD_MAX + 1];
	char uri[TV_HTTP_URI_MAX + 1];
	char host[TV_HTTP_HOST_MAX + 1];
	char user_agent[TV_HTTP_UA_MAX + 1];
	char version[4];		/* "1.1" */
	uint16_t status_code;		/* responses */
	char status_msg[TV_HTTP_MSG_MAX + 1];
	char content_type[TV_HTTP_TYPE_MAX + 1]; /* of this message's body */
	bool uri_cut;
	/* This message's body when it begins as text (printable ASCII,
	 * tabs and line ends): its first bytes, as sent. */
	uint8_t preview_len;
	bool preview_cut;
	char preview[TV_HTTP_PREVIEW_MAX + 1];
	uint64_t request_body_len, response_body_len;
	uint64_t body_missing;		/* of this message's body, never captured */
	uint64_t request_frame, response_frame;	/* where each message ended */
	/* Last request byte → first response byte (SPEC §9), -1: unknown. */
	int64_t ttfb_ns;
	/* Requests after the first: since the previous response ended. */
	int64_t idle_ns;
	bool interim;			/* a 1xx response: the transaction goes on */
	bool pipelined;			/* a request sent before the previous was answered */
	bool chunked;
	uint32_t trailers;		/* chunked: trailer fields */
	bool until_close;		/* the body ended with the connection */
	bool incomplete;		/* the stream ended inside the message */
	/* A gap (bytes never captured: a snap length, loss) cut its head:
	 * the start line and the fields before the gap are all it tells. */
	bool head_cut;
	bool no_request;		/* a response to no request seen */
	bool asks_close;		/* Connection: close in this message */
	bool upgrade_offered;		/* request: Upgrade field (ws, h2c) */
	/* A final response that began before its request had ended: the
	 * server answered without reading the whole request (RFC 9112 §9.6
	 * allows it; the unread rest may make its kernel reset). */
	bool answered_early;
};

/* A WebSocket frame, with what the layer adds to the parser's view. */
struct tv_app_ws {
	struct ws_frame f;
	int64_t pong_ns;		/* a pong: since the ping it answers, -1: none */
	uint64_t ping_frame;
	/* A close answering the other side's close (RFC 6455 §5.5.1): the
	 * closing handshake is complete; since that close. */
	bool close_reply;
	int64_t close_reply_ns;
};

/*
 * A side's TCP stream ends under a WebSocket: where that falls in the
 * closing handshake (RFC 6455 §7.1.1: after both closes, the server
 * closes the TCP connection first; §7.1.5: without a close frame the
 * peer sees 1006).
 */
struct tv_app_ws_end {
	bool sent_close;		/* this side had sent a close frame */
	bool got_close;			/* ... and received the other's */
	bool first;			/* the first side to end */
};

/* An HTTP/2 frame; a header block's frame carries the decoded block. */
struct tv_app_h2 {
	struct h2_frame f;		/* f.u.headers.block is NULL: see block */
	bool has_block;
	struct h2_header_block block;
};

/* An HTTP/2 stream as it closes, with its times. */
struct tv_app_h2_stream {
	struct h2_stream_info s;
	uint64_t request_frame, response_frame; /* first HEADERS of each, 0: none */
	int64_t ttfb_ns;		/* request END_STREAM → response HEADERS, -1 */
};

/* A TLS alert (RFC 8446 §6). */
struct tv_app_tls_alert {
	uint8_t level, description;
	bool encrypted;			/* level and description unknown */
};

#define TV_DNS_NAME_MAX 255
#define TV_DNS_DATA_MAX 64
#define TV_DNS_ANSWERS_KEPT 8

/* A DNS message, in Zeek dns.log's terms. */
struct tv_app_dns {
	uint16_t trans_id;
	bool response;
	bool tcp;			/* over TCP (conn != 0) */
	uint8_t opcode, rcode;
	bool aa, tc, rd, ra;
	bool has_query;
	char query[TV_DNS_NAME_MAX + 1];
	bool query_cut;
	uint16_t qtype, qclass;
	uint16_t answers_total;		/* answers read */
	uint8_t nanswers;		/* kept */
	struct tv_dns_answer {
		uint16_t type;
		uint32_t ttl;
		bool has_addr;
		struct tv_addr addr;
		char data[TV_DNS_DATA_MAX + 1]; /* a name (CNAME, ...), or "" */
	} answers[TV_DNS_ANSWERS_KEPT];
	int64_t rtt_ns;			/* a response: since its query, -1: unseen */
	const char *problem;		/* why it could not be read whole; NULL */
	/* Over UDP: who asked and who answered. */
	struct tv_endpoint client, server;
};

/* The connection changes protocol (101, 2xx to CONNECT, h2 upgrade). */
struct tv_app_switch {
	enum tv_app_proto from, to;
	uint16_t status;		/* the response that switched */
	/* WebSocket: Sec-WebSocket-Accept checked against the key. */
	bool has_accept, accept_ok;
};

/*
 * A reset (SPEC §6) in the application's terms: an HTTP server that
 * reset the connection after its last response was complete had closed
 * its socket with request bytes still unread (RFC 9112 §9.6 lets it
 * close; the unread bytes make its kernel send RST instead of FIN).
 */
struct tv_app_reset {
	uint32_t responses;		/* final responses the resetting side had sent */
	uint64_t response_frame;	/* where the last of them ended */
	bool asked_close;		/* it had said Connection: close */
	bool after_response;		/* nothing was being sent when it reset */
};

struct tv_app_stop {
	enum tv_app_proto proto;
	const char *why;		/* static */
};

struct tv_app {
	uint64_t conn;			/* 0: DNS over UDP */
	uint64_t frame;
	struct tv_time ts;
	int ts_digits;
	enum tv_dir dir;		/* who said it */
	enum tv_app_proto proto;
	enum tv_app_kind kind;
	union {
		struct tv_app_http http;
		struct tv_app_ws ws;
		struct tv_app_ws_end ws_end;
		struct tv_app_h2 h2;
		struct tv_app_h2_stream h2s;
		struct tls_client_hello ch;
		struct tls_server_hello sh;
		struct tv_app_tls_alert alert;
		struct tv_app_dns dns;
		struct tv_app_switch sw;
		struct tv_app_stop stop;
		struct tv_app_reset reset;
	} u;
};

/* Stable names (JSON values): "http", "websocket", "http2", "tls", "dns". */
const char *app_proto_name(enum tv_app_proto p);
/* "http_request", "http_response", "ws_frame", ... */
const char *app_kind_name(enum tv_app_kind k);

#endif
