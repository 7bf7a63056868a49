/*
 * http.h - the HTTP/1.x message parser (app layer, issue 11).
 *
 * One parser reads one direction of a connection: the requests a client
 * sends or the responses a server sends, as the TCP layer hands them over
 * in order (tcp/sink.h: bytes, gaps, the end).  It follows the message
 * syntax of RFC 9112 and the framing rules of RFC 9112 §6.3, and reports
 * each message as callbacks: its head (start line and the header fields
 * tcpview reports, each value bounded), its body as byte counts, its end,
 * a protocol switch (101, a tunnel after CONNECT), or the reason the bytes
 * are not HTTP/1.x.  Bytes may come one at a time or many messages at once
 * (pipelining); the callbacks are the same however they are split.
 *
 * Memory: struct http_parser is a fixed-size value the caller embeds; the
 * parser allocates nothing and keeps no input byte beyond the bounded
 * values of struct http_head, whatever the peer sends (a head over
 * HTTP_HEAD_MAX bytes or HTTP_FIELDS_MAX fields is an error).  The input
 * bytes are only borrowed during a call.  The struct http_head and struct
 * http_end passed to a callback, and the strings in them, are valid only
 * during that callback: a caller that keeps them copies them.  The
 * callbacks must not call back into the same parser.
 *
 * Responses depend on the request they answer (HEAD, CONNECT), so the
 * caller tells a response parser each request method the other direction
 * sends, with http_parser_expect(); responses answer them in order.
 */
#ifndef TCPVIEW_APP_HTTP_H
#define TCPVIEW_APP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bounds of what a head keeps (bytes, without the terminating NUL). */
#define HTTP_METHOD_MAX 16
#define HTTP_TARGET_MAX 256
#define HTTP_REASON_MAX 64
#define HTTP_HOST_MAX 128
#define HTTP_USER_AGENT_MAX 128
#define HTTP_TE_MAX 64
#define HTTP_CONNECTION_MAX 64
#define HTTP_UPGRADE_MAX 32
#define HTTP_WS_KEY_MAX 32
#define HTTP_CONTENT_TYPE_MAX 64

/* A head (start line, fields, empty line) or a trailer section longer than
 * this, or with more fields than HTTP_FIELDS_MAX, is an error. */
#define HTTP_HEAD_MAX 16384
#define HTTP_FIELDS_MAX 200
/* Longest chunk-size line (size and extensions, RFC 9112 §7.1.1). */
#define HTTP_CHUNK_LINE_MAX 1024
/* Request methods a response parser remembers (http_parser_expect). */
#define HTTP_EXPECT_MAX 32

enum http_kind { HTTP_REQUESTS, HTTP_RESPONSES };

/* How the body of a message is delimited (RFC 9112 §6.3). */
enum http_body {
	HTTP_BODY_NONE,		/* no body: a request without length, HEAD, 1xx, 204, 304 */
	HTTP_BODY_LENGTH,	/* Content-Length bytes */
	HTTP_BODY_CHUNKED,	/* Transfer-Encoding with chunked last */
	HTTP_BODY_CLOSE,	/* a response read until the stream ends */
	HTTP_BODY_TUNNEL,	/* none, and HTTP ends here: 101, or 2xx to CONNECT */
};

/* Bits of http_head.present: which of the reported fields were sent. */
enum {
	HTTP_HAVE_HOST = 1 << 0,
	HTTP_HAVE_USER_AGENT = 1 << 1,
	HTTP_HAVE_CONTENT_LENGTH = 1 << 2,
	HTTP_HAVE_TRANSFER_ENCODING = 1 << 3,
	HTTP_HAVE_CONNECTION = 1 << 4,
	HTTP_HAVE_UPGRADE = 1 << 5,
	HTTP_HAVE_WS_KEY = 1 << 6,
	HTTP_HAVE_WS_ACCEPT = 1 << 7,
	HTTP_HAVE_CONTENT_TYPE = 1 << 8,
};

/* Which request a response answers, as far as it changes its framing. */
enum http_answers {
	HTTP_ANSWERS_OTHER,	/* GET, POST, ...: the usual rules */
	HTTP_ANSWERS_HEAD,	/* no body, whatever the fields say */
	HTTP_ANSWERS_CONNECT,	/* 2xx opens a tunnel */
	/* An HTTP/0.9 Simple-Request ("GET /path" and no version, RFC 1945
	 * §4.1): its Simple-Response is the body alone, up to the close. */
	HTTP_ANSWERS_SIMPLE,
};

/*
 * A message head.  Strings are NUL-terminated and hold at most their
 * HTTP_*_MAX bytes; the matching *_cut flag says the peer sent more.  Field
 * values are trimmed of leading and trailing whitespace (RFC 9110 §5.5),
 * obsolete line folds replaced by one space (RFC 9112 §5.2).  Host,
 * User-Agent, Content-Type, Upgrade and the WebSocket fields keep the
 * first field of that name; Transfer-Encoding and Connection join repeated
 * fields with ", " (RFC 9110 §5.3).  An absent field is an empty string
 * (present tells it from an empty one).
 */
struct http_head {
	enum http_kind kind;
	uint8_t version_major, version_minor; /* HTTP/1.1: 1, 1 */

	/* Requests (RFC 9112 §3). */
	char method[HTTP_METHOD_MAX + 1];
	char target[HTTP_TARGET_MAX + 1];
	bool method_cut, target_cut;

	/* Responses (RFC 9112 §4). */
	uint16_t status;	/* 100..999 */
	char reason[HTTP_REASON_MAX + 1];
	bool reason_cut;
	enum http_answers answers;
	/* No request method was known for it (none seen, or forgotten past
	 * HTTP_EXPECT_MAX): it was taken to answer a GET. */
	bool answers_assumed;

	/* Header fields. */
	uint32_t nfields;	/* field lines in the header section */
	uint32_t head_len;	/* bytes from the start line to the empty line, inclusive */
	uint32_t present;	/* HTTP_HAVE_* */
	char host[HTTP_HOST_MAX + 1];
	char user_agent[HTTP_USER_AGENT_MAX + 1];
	char transfer_encoding[HTTP_TE_MAX + 1];
	char connection[HTTP_CONNECTION_MAX + 1];
	char upgrade[HTTP_UPGRADE_MAX + 1];	/* the first protocol offered: "websocket" */
	char ws_key[HTTP_WS_KEY_MAX + 1];	/* Sec-WebSocket-Key */
	char ws_accept[HTTP_WS_KEY_MAX + 1];	/* Sec-WebSocket-Accept */
	char content_type[HTTP_CONTENT_TYPE_MAX + 1];
	bool host_cut, user_agent_cut, transfer_encoding_cut, connection_cut,
	     upgrade_cut, ws_key_cut, ws_accept_cut, content_type_cut;
	uint64_t content_length;	/* when present & HTTP_HAVE_CONTENT_LENGTH */
	bool chunked;		/* Transfer-Encoding's last coding is chunked */
	/* Connection tokens (RFC 9110 §7.6.1), case-insensitive. */
	bool conn_close, conn_keep_alive, conn_upgrade;
	/* Both Transfer-Encoding and Content-Length: the first decides
	 * (RFC 9112 §6.3 ¶3), but it may be a smuggling attempt. */
	bool te_and_cl;

	enum http_body body;	/* how its body is delimited */
};

/* A message as it ends. */
struct http_end {
	/* Body bytes (decoded, for chunked), those lost in gaps included. */
	uint64_t body_len;
	uint64_t body_missing;	/* of which never captured (gaps) */
	uint32_t chunks;	/* chunked: chunks before the last one */
	uint32_t trailers;	/* chunked: trailer field lines */
	bool chunked;
	bool until_close;	/* the body ended with the stream */
	bool incomplete;	/* the stream ended before the message did */
};

/*
 * What the parser reports; any pointer may be NULL.  on_body comes as body
 * bytes pass (any number of calls; `missing` for bytes lost in a gap);
 * on_end once per message, after its on_head.  on_switch comes right after
 * the on_end of a 101 or of a 2xx answering CONNECT, with the first
 * protocol of the response's Upgrade field as sent ("websocket", "h2c";
 * "" when it has none) or "CONNECT"; the parser then stops.  on_error
 * comes once, and the parser stops too.
 */
struct http_callbacks {
	void (*on_head)(void *ctx, const struct http_head *h);
	/* `data`: the n body bytes (decoded, for chunked), valid during the
	 * call; NULL when they were lost in a gap (`missing`). */
	void (*on_body)(void *ctx, uint64_t n, bool missing, const uint8_t *data);
	void (*on_end)(void *ctx, const struct http_end *e);
	void (*on_switch)(void *ctx, const char *protocol);
	void (*on_error)(void *ctx, const char *why);
};

/* Where a parser stands (http_parser_state). */
enum http_state {
	HTTP_PARSING,		/* reads HTTP */
	/* A request parser after a request that may change the protocol
	 * (CONNECT, or an Upgrade field in HTTP/1.1, RFC 9110 §7.8): what
	 * follows depends on the answer.  The caller either routes the
	 * following bytes elsewhere (the response switched) or calls
	 * http_parser_resume(). */
	HTTP_WAITING,
	HTTP_SWITCHED,		/* a response parser after on_switch */
	HTTP_FAILED,		/* after on_error */
	HTTP_ENDED,		/* after http_parser_eof */
};

/* The parser state: opaque, embedded by the caller, never shared between
 * threads during a call.  Copying one copies its whole state. */
struct http_parser {
	enum http_kind kind;
	uint8_t state;		/* internal step */
	bool cr;		/* a CR was read: the next byte must be LF */
	bool in_trailer;	/* the field lines are a trailer section */
	bool field_open;	/* a field line was read; a fold may continue it */
	bool lead;		/* skipping whitespace before a value */
	bool pause_after;	/* request: wait when this message ends */
	bool switch_after;	/* response: switch when this message ends */
	uint8_t field;		/* internal id of the field being read */
	uint8_t name_len;	/* bytes of name kept; 0xff: longer than name */
	char name[24];		/* the field name, lowercased */
	uint16_t pos;		/* position inside a start-line part */
	uint16_t vlen;		/* bytes in the value being kept */
	uint16_t vtrim;		/* ... up to its last non-whitespace byte */
	bool join;		/* a repeated list field: ", " before its value */
	bool skip_value;	/* the rest of this value is not kept */
	/* List elements (RFC 9110 §5.6.1): the first token of each. */
	uint8_t el;		/* 0 before the token, 1 in it, 2 after it */
	bool quoted, escaped;
	uint8_t tok_len;	/* 0xff: too long to be one we look for */
	char tok[12];
	bool cl_element;	/* Content-Length: this field had a number */
	bool cl_set;		/* ... and some field had one before */
	uint64_t cl_value;	/* the number being read */
	uint32_t head_len;	/* bytes of the head (or trailer) so far */
	uint32_t nfields;
	uint32_t line_len;	/* chunk-size line */
	uint64_t remaining;	/* body or chunk bytes still to come */
	struct http_end end;
	struct http_head head;
	/* Responses: request methods not answered yet, oldest first; before
	 * them `forgotten` older ones whose method was not kept. */
	uint8_t queue[HTTP_EXPECT_MAX];
	uint8_t qfirst, qlen;
	uint64_t forgotten;
	uint64_t dropped;	/* methods forgotten so far */
};

/* A parser for the requests (client to server) or the responses. */
void http_parser_init(struct http_parser *p, enum http_kind kind);

/*
 * Reads `len` bytes of `data` (not NULL: a gap goes to http_parser_gap),
 * calling `cb` (NULL: none) as messages progress.  Returns how many bytes
 * it consumed: all of them, unless it stopped (error, switch, or a request
 * that waits for its answer), in which case it returns the offset where it
 * stopped: the byte at which it failed (the LF, for a fault found at the
 * end of a line), or the first byte after the message that switched or
 * waits, which belongs to whatever comes next.  Once stopped, it consumes
 * nothing until http_parser_resume() or http_parser_resync().
 */
size_t http_parser_feed(struct http_parser *p, const uint8_t *data, size_t len,
			const struct http_callbacks *cb, void *ctx);

/*
 * `len` bytes of the stream were never captured (a data == NULL run of the
 * sink).  Inside a body of known length (Content-Length, a chunk's data)
 * and in a body read until close they count as body (on_body with
 * `missing`, http_end.body_missing); anywhere else the message framing is
 * lost and the parser fails: on_error("gap in the message head") or, inside
 * chunk-size lines and trailers, on_error("gap in the chunked framing").
 */
void http_parser_gap(struct http_parser *p, uint64_t len,
		     const struct http_callbacks *cb, void *ctx);

/*
 * The stream ended (FIN, reset, end of capture).  A body read until close
 * ends with on_end (until_close); a message whose head was reported but
 * whose body or trailers were cut ends with on_end (incomplete); a head
 * that was not complete is reported as on_error("stream ended inside a
 * message head").  Between messages nothing is reported.  The parser then
 * consumes nothing until http_parser_resync().
 */
void http_parser_eof(struct http_parser *p, const struct http_callbacks *cb,
		     void *ctx);

/*
 * Response parsers: the method of a request the other direction sent, in
 * the order they were sent (case-sensitive, RFC 9110 §9.1).  Past
 * HTTP_EXPECT_MAX unanswered ones the oldest is forgotten: its response is
 * taken to answer a GET (answers_assumed), and http_parser_dropped() counts
 * it.  Ignored by request parsers.
 */
void http_parser_expect(struct http_parser *p, const char *method);

/* The next request the other direction sent was an HTTP/0.9 one (its
 * head's version is 0.9): its answer has no status line (RFC 1945 §6). */
void http_parser_expect_simple(struct http_parser *p);

/* Requests the response parser still expects answers to. */
uint64_t http_parser_pending(const struct http_parser *p);

/* Request methods forgotten because too many were waiting. */
uint64_t http_parser_dropped(const struct http_parser *p);

enum http_state http_parser_state(const struct http_parser *p);

/*
 * The head being read, once its start line is complete and before the
 * empty line that ends it (NULL otherwise): what a message cut by a gap
 * still tells.  Fields not reached yet are absent, and the value of the
 * one being read is dropped (it is not whole); the head is not complete
 * (no on_head was called for it).  Valid until the next call; call it
 * only right before http_parser_gap().
 */
const struct http_head *http_parser_partial(struct http_parser *p);

/* A waiting request parser (HTTP_WAITING) goes on reading HTTP: the
 * server did not switch.  No effect in any other state. */
void http_parser_resume(struct http_parser *p);

/*
 * Starts over at the beginning of a message whatever the state (after an
 * error, a gap, a switch, the end), keeping the requests a response parser
 * expects.  It does not look for a message start: the next byte fed must
 * begin one.
 */
void http_parser_resync(struct http_parser *p);

#endif
