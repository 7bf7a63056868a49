/*
 * ws.h - the WebSocket frame parser (app layer).
 *
 * One parser reads one direction of a WebSocket connection, the bytes that
 * follow a 101 Switching Protocols (http.h's on_switch "websocket"), as the
 * TCP layer hands them over in order (tcp/sink.h: bytes, gaps, the end).
 * It follows the base framing of RFC 6455 §5.2, unmasks payloads (§5.3),
 * follows fragmented messages (§5.4) with control frames interleaved in
 * them, and reports each frame once, when its last payload byte has passed:
 * its header, a bounded preview of its payload, a close frame's status code
 * and reason (§5.5.1, §7.4), where it stands in its message, and the first
 * rule of RFC 6455 it breaks.  Bytes may come one at a time or many frames
 * at once; the callbacks are the same however they are split.
 *
 * Protocol problems are reported in the frame (ws_frame.problem) and the
 * parser goes on, since the framing is still known; only what loses the
 * framing stops it (a 64-bit length with its top bit set, a gap outside a
 * payload), as WebSocket has no marker to find the next frame by.
 *
 * Memory: struct ws_parser is a fixed-size value the caller embeds, one per
 * direction; the parser allocates nothing, streams payloads without keeping
 * them beyond WS_PREVIEW_MAX bytes and a close reason, whatever the peer
 * sends.  The input bytes are only borrowed during a call.  The struct
 * ws_frame passed to on_frame, and the strings in it, are valid only during
 * that callback: a caller that keeps them copies them.  The callbacks must
 * not call back into the same parser.  Strings from ws_opcode_name(),
 * ws_close_code_name() and ws_frame.problem are static.
 */
#ifndef TCPVIEW_APP_WS_H
#define TCPVIEW_APP_WS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Payload bytes kept, unmasked, at the start of each frame. */
#define WS_PREVIEW_MAX 64
/* A close frame's reason: its payload (at most 125 bytes, RFC 6455 §5.5)
 * after the 2-byte status code. */
#define WS_CLOSE_REASON_MAX 123
/* Sec-WebSocket-Accept: base64 of a SHA-1 digest, 28 characters. */
#define WS_ACCEPT_LEN 28

/* Opcodes (RFC 6455 §5.2, §11.8). */
enum {
	WS_OP_CONTINUATION = 0x0,
	WS_OP_TEXT = 0x1,
	WS_OP_BINARY = 0x2,
	WS_OP_CLOSE = 0x8,
	WS_OP_PING = 0x9,
	WS_OP_PONG = 0xA,
};

/* Bits of ws_frame.rsv: the header's RSV1..RSV3 in their order. */
enum {
	WS_RSV1 = 4,	/* permessage-deflate's "compressed" (RFC 7692 §6) */
	WS_RSV2 = 2,
	WS_RSV3 = 1,
};

/*
 * One frame.  The header fields are as sent.  A frame cut inside its
 * header by the end of the stream (incomplete, header_len under what the
 * header needs) has only the fields read so far: payload_len stays 0 until
 * its length was read whole, and it has no problem and no message facts.
 */
struct ws_frame {
	bool fin;
	uint8_t rsv;			/* WS_RSV* bits */
	uint8_t opcode;			/* WS_OP_*, or a reserved one */
	bool masked;
	uint8_t mask_key[4];		/* when masked */
	uint8_t header_len;		/* 2 to 14 bytes; fewer when cut by the end */
	uint64_t payload_len;		/* as announced */
	uint64_t missing;		/* payload bytes lost in gaps */
	bool incomplete;		/* the stream ended before the frame did */

	/*
	 * The first payload bytes, unmasked, up to WS_PREVIEW_MAX or a gap,
	 * whichever comes first; preview_cut when the payload goes on past
	 * them.  A continuation frame's preview may begin inside a character
	 * its text message's previous frame began (§5.6 allows a split
	 * anywhere).
	 */
	uint8_t preview[WS_PREVIEW_MAX];
	uint8_t preview_len;
	bool preview_cut;
	/* Text frames and the continuations of a text message: the message's
	 * bytes up to the end of this frame are valid UTF-8 (§8.1), a
	 * character cut by the end of a frame without FIN being allowed.
	 * False for all other frames, and for messages an extension has
	 * transformed (RSV bits on their first frame), which are not text as
	 * sent.  Bytes lost in a gap are not held against it. */
	bool text_utf8;

	/* Close frames (§5.5.1): the status code when the first two payload
	 * bytes were captured, and the reason after it, unmasked, cut to
	 * WS_CLOSE_REASON_MAX bytes or at a gap, NUL-terminated. */
	bool has_close_code;
	uint16_t close_code;
	char close_reason[WS_CLOSE_REASON_MAX + 1];
	uint8_t close_reason_len;

	/*
	 * The message a data frame belongs to (§5.4).  message_opcode is the
	 * opcode of the frame that began it (text or binary), so a
	 * continuation tells what it continues; 0 for control frames, for
	 * frames with a reserved opcode and for a continuation with no
	 * message in progress, whose other message facts are 0 too.
	 * message_frames counts the message's frames up to this one,
	 * message_len its payload bytes up to the end of this one (lost bytes
	 * included).  message_end is set on the frame with FIN that ends the
	 * message.  Control frames interleaved in a message neither count in
	 * it nor end it.
	 */
	uint8_t message_opcode;
	uint64_t message_frames;
	uint64_t message_len;
	bool message_end;

	/* The first rule of RFC 6455 this frame breaks, as a short English
	 * phrase (a stable token, not translated), or NULL. */
	const char *problem;
};

/*
 * What the parser reports; any pointer may be NULL.  on_frame once per
 * frame, when its last payload byte has passed (or at the end of the
 * stream for a frame it cut).  on_error once, when the framing is lost;
 * the parser then stops.
 */
struct ws_callbacks {
	void (*on_frame)(void *ctx, const struct ws_frame *f);
	void (*on_error)(void *ctx, const char *why);
};

/* The parser state: opaque, embedded by the caller, never shared between
 * threads during a call.  Copying one copies its whole state. */
struct ws_parser {
	bool from_client;	/* the client's direction: frames must be masked */
	uint8_t rsv_allowed;	/* WS_RSV* bits a negotiated extension defines */
	uint8_t state;		/* internal step */
	uint8_t pos;		/* header bytes read */
	uint8_t need;		/* header bytes this header has */
	uint64_t len_acc;	/* the extended payload length being read */
	uint64_t remaining;	/* payload bytes still to come */
	uint64_t offset;	/* payload bytes passed, lost ones included */
	struct ws_frame frame;	/* the frame being read */
	bool check_text;	/* this frame's payload is checked as UTF-8 */
	/* The data message in progress: msg_opcode 0 when none. */
	uint8_t msg_opcode;
	bool msg_ext;		/* its first frame had RSV bits */
	uint64_t msg_frames, msg_len;
	/* UTF-8 decoding across the frames of a text message (§8.1). */
	uint8_t utf8_need;	/* continuation bytes still expected */
	uint8_t utf8_lo, utf8_hi;	/* the range the next one must be in */
	bool utf8_bad;		/* an invalid sequence was seen */
	bool utf8_skip;		/* after a gap: skip to the next lead byte */
};

/* A parser of the frames the client sends (`from_client`, which must be
 * masked, §5.1) or the server sends (which must not be, §5.1). */
void ws_parser_init(struct ws_parser *p, bool from_client);

/*
 * The RSV bits (WS_RSV*) an extension negotiated in the handshake defines
 * (Sec-WebSocket-Extensions, §9): permessage-deflate uses WS_RSV1 (RFC 7692
 * §6).  Without it every RSV bit set is a problem (§5.2).  Either way a
 * message whose first frame has RSV bits is taken as transformed by the
 * extension and not checked as UTF-8.
 */
void ws_parser_allow_rsv(struct ws_parser *p, uint8_t rsv);

/*
 * Reads `len` bytes of `data` (a gap goes to ws_parser_gap), calling `cb`
 * (NULL: none) as frames end.  Once the parser has stopped (on_error, or
 * after ws_parser_eof) bytes are ignored.
 */
void ws_parser_feed(struct ws_parser *p, const uint8_t *data, size_t len,
		    const struct ws_callbacks *cb, void *ctx);

/*
 * `len` bytes of the stream were never captured.  Inside a payload whose
 * rest is at least that long they are payload (ws_frame.missing), and the
 * frame ends as usual.  Anywhere else (in a header, between frames, or
 * running past the end of a payload, whose frame is reported first) the
 * framing is lost: on_error("gap in a frame header"), and the parser stops.
 */
void ws_parser_gap(struct ws_parser *p, uint64_t len,
		   const struct ws_callbacks *cb, void *ctx);

/*
 * The stream ended (FIN, reset, end of capture).  A frame it cut, in its
 * header or its payload, is reported with `incomplete`; between frames
 * nothing is.  The parser then stops.
 */
void ws_parser_eof(struct ws_parser *p, const struct ws_callbacks *cb,
		   void *ctx);

/* True once the parser has stopped for good (on_error, ws_parser_eof). */
bool ws_parser_stopped(const struct ws_parser *p);

/* Names; NULL when reserved or unassigned (callers print the number). */
const char *ws_opcode_name(uint8_t op);		/* "text", "close", ... */
const char *ws_close_code_name(uint16_t code);	/* §7.4.1, IANA: "going away" */

/*
 * The Sec-WebSocket-Accept a server answers the Sec-WebSocket-Key `key`
 * with (§4.2.2 step 5.4, §1.3): base64 of the SHA-1 of the key (as sent,
 * without its surrounding whitespace) and the GUID
 * 258EAFA5-E914-47DA-95CA-C5AB0DC85B11, NUL-terminated in `out`.
 */
void ws_accept_for(const char *key, size_t key_len, char out[WS_ACCEPT_LEN + 1]);

/* Whether `accept` is the right answer to `key` (§4.1 client step 5.4). */
bool ws_accept_ok(const char *key, size_t key_len, const char *accept,
		  size_t accept_len);

#endif
