/*
 * h2.h - the HTTP/2 connection as it crosses the wire in clear (app layer).
 *
 * One struct h2_conn reads both directions of one TCP connection that
 * speaks HTTP/2 (RFC 9113): prior knowledge, or after an h2c upgrade.  Each
 * direction's in-order bytes come split anywhere; the parser checks the
 * client's connection preface (§3.4), frames each direction (§4.1),
 * decodes header blocks with HPACK (RFC 7541, through libnghttp2's
 * inflater), follows each stream from its request to its response (§5.1,
 * §8.1), and keeps the flow-control windows of both senders (§5.2, §6.9).
 * It reports every frame, every stream as it closes, and the reason a
 * direction stops being read.  The callbacks are the same however the
 * bytes of each direction are cut, as long as the two directions are
 * interleaved the same way.
 *
 * Memory: struct h2_conn is a value the caller embeds (about 17 KiB,
 * most of it the two header blocks being read); h2_conn_init() allocates
 * one HPACK inflater per direction, and the stream table grows with the
 * streams open at once (432 bytes each, up to H2_STREAMS_MAX); all is
 * freed by h2_conn_release().  Whatever the peer sends, the memory stays bounded: no
 * payload is buffered (DATA is counted, header-block fragments go to the
 * inflater as they arrive, control frames are read into fixed fields);
 * each inflater's dynamic table is capped at H2_HEADER_TABLE_CAP bytes
 * (RFC 7541 §4.2), and libnghttp2 refuses a single name or value over 64
 * KiB; header fields are kept cut to H2_NAME_MAX and H2_VALUE_MAX bytes,
 * at most H2_FIELDS_KEPT per block; at most H2_STREAMS_MAX streams are
 * tracked at once.  The input bytes are only borrowed during a call.  The
 * structs handed to callbacks, and everything they point to, are valid
 * only during the callback: copy what you keep.  Callbacks must not call
 * back into the same connection.  Strings from the *_name() functions are
 * static.
 */
#ifndef TCPVIEW_APP_H2_H
#define TCPVIEW_APP_H2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" (RFC 9113 §3.4) */
#define H2_PREFACE_LEN 24

#define H2_SETTINGS_KEPT 16	/* SETTINGS entries kept per frame, in order */
#define H2_FIELDS_KEPT 32	/* header fields kept per block, in wire order */
#define H2_NAME_MAX 64		/* bytes kept of a field name */
#define H2_VALUE_MAX 192	/* bytes kept of a field value */
#define H2_DEBUG_KEPT 64	/* bytes kept of GOAWAY's debug data */
#define H2_STREAMS_MAX 256	/* streams tracked at once per connection */
#define H2_HEADER_TABLE_CAP 65536	/* HPACK dynamic table, at most */
#define H2_METHOD_MAX 16	/* bytes kept of a stream's :method */
#define H2_PATH_MAX H2_VALUE_MAX	/* ... of its :path */
#define H2_AUTHORITY_MAX 128	/* ... of its :authority */

/* Frame types (RFC 9113 §6, §11.2). */
enum {
	H2_DATA = 0x0,
	H2_HEADERS = 0x1,
	H2_PRIORITY = 0x2,
	H2_RST_STREAM = 0x3,
	H2_SETTINGS = 0x4,
	H2_PUSH_PROMISE = 0x5,
	H2_PING = 0x6,
	H2_GOAWAY = 0x7,
	H2_WINDOW_UPDATE = 0x8,
	H2_CONTINUATION = 0x9,
};

/* Frame flags (RFC 9113 §6); which apply depends on the type. */
enum {
	H2_FLAG_END_STREAM = 0x01,	/* DATA, HEADERS */
	H2_FLAG_ACK = 0x01,		/* SETTINGS, PING */
	H2_FLAG_END_HEADERS = 0x04,	/* HEADERS, PUSH_PROMISE, CONTINUATION */
	H2_FLAG_PADDED = 0x08,		/* DATA, HEADERS, PUSH_PROMISE */
	H2_FLAG_PRIORITY = 0x20,	/* HEADERS */
};

/* SETTINGS parameters (RFC 9113 §6.5.2, RFC 8441 §3, RFC 9218 §2.1). */
enum {
	H2_SETTINGS_HEADER_TABLE_SIZE = 0x1,
	H2_SETTINGS_ENABLE_PUSH = 0x2,
	H2_SETTINGS_MAX_CONCURRENT_STREAMS = 0x3,
	H2_SETTINGS_INITIAL_WINDOW_SIZE = 0x4,
	H2_SETTINGS_MAX_FRAME_SIZE = 0x5,
	H2_SETTINGS_MAX_HEADER_LIST_SIZE = 0x6,
	H2_SETTINGS_ENABLE_CONNECT_PROTOCOL = 0x8,
	H2_SETTINGS_NO_RFC7540_PRIORITIES = 0x9,
};

/* Error codes (RFC 9113 §7). */
enum {
	H2_NO_ERROR = 0x0,
	H2_PROTOCOL_ERROR = 0x1,
	H2_INTERNAL_ERROR = 0x2,
	H2_FLOW_CONTROL_ERROR = 0x3,
	H2_SETTINGS_TIMEOUT = 0x4,
	H2_STREAM_CLOSED = 0x5,
	H2_FRAME_SIZE_ERROR = 0x6,
	H2_REFUSED_STREAM = 0x7,
	H2_CANCEL = 0x8,
	H2_COMPRESSION_ERROR = 0x9,
	H2_CONNECT_ERROR = 0xa,
	H2_ENHANCE_YOUR_CALM = 0xb,
	H2_INADEQUATE_SECURITY = 0xc,
	H2_HTTP_1_1_REQUIRED = 0xd,
};

/* Directions: the argument `dir` everywhere. */
enum { H2_CLIENT = 0, H2_SERVER = 1 };	/* client→server, server→client */

/*
 * A decoded header field.  name and value are NUL-terminated after their
 * kept bytes; a field may itself hold a NUL (HPACK strings are octets), so
 * the lengths, not strlen(), tell where it ends.  Names arrive lowercase
 * from a conforming peer (RFC 9113 §8.2.1); nothing is changed here.
 */
struct h2_field {
	uint8_t name_len, value_len;	/* bytes kept */
	bool name_cut, value_cut;	/* the peer sent more */
	bool never_indexed;		/* literal never indexed (RFC 7541 §6.2.3) */
	char name[H2_NAME_MAX + 1];
	char value[H2_VALUE_MAX + 1];
};

/*
 * A header block: the fragments of a HEADERS or PUSH_PROMISE frame and the
 * CONTINUATION frames after it (RFC 9113 §4.3), decoded as one.  Fields
 * are in wire order, pseudo-header fields (":method", ":path",
 * ":authority", ":scheme", ":status", ...) among them as they came.
 */
struct h2_header_block {
	uint32_t stream_id;
	uint8_t type;			/* H2_HEADERS or H2_PUSH_PROMISE */
	uint32_t promised_stream;	/* PUSH_PROMISE */
	bool end_stream;		/* the HEADERS frame carried END_STREAM */
	/*
	 * False when HPACK could not be followed: libnghttp2 refused the block
	 * (a COMPRESSION_ERROR, RFC 9113 §4.3), or an earlier gap or broken block
	 * left this direction's decoder state unknown, which lasts for the
	 * rest of the connection (RFC 7541 §2.2: the table is shared by every
	 * block).  The fields are then empty rather than possibly wrong.
	 */
	bool decoded;
	uint32_t frames;		/* HEADERS/PUSH_PROMISE and its CONTINUATIONs */
	uint64_t fragment_len;		/* header-block bytes, across the frames */
	uint32_t nfields;		/* fields decoded, kept or not */
	uint8_t kept;			/* entries of fields[] */
	struct h2_field fields[H2_FIELDS_KEPT];
};

struct h2_setting {
	uint16_t id;
	uint32_t value;
};

/*
 * One frame, reported once its last byte has passed.  `u` holds the part
 * of its type; unknown types (extensions, RFC 9113 §5.5) have none.
 *
 * Flow-control windows (RFC 9113 §5.2, §6.9) are those of a sender: the
 * bytes of DATA it may still send, which start at 65535 (the stream ones
 * at the receiver's SETTINGS_INITIAL_WINDOW_SIZE), shrink by each DATA
 * frame's whole payload, padding included (§6.9.1), and grow by the
 * receiver's WINDOW_UPDATE frames.  A negative window is a DATA frame
 * beyond what the receiver allowed.
 */
struct h2_frame {
	uint32_t length;	/* payload bytes (24 bits) */
	uint8_t type;
	uint8_t flags;
	uint32_t stream_id;	/* the reserved bit cleared */
	uint64_t missing;	/* payload bytes lost in gaps (h2_gap) */
	/*
	 * What a receiver would reject this frame for (a wrong length, stream
	 * 0 where a stream is needed, ...), with the error code it would answer
	 * with; NULL and 0 when nothing.  The frame is still reported, and its
	 * fields are zero when its length made them unreadable.
	 */
	const char *problem;
	uint32_t problem_error;
	union {
		struct h2_data_info {	/* DATA (§6.1) */
			bool end_stream, padded;
			/* The Pad Length field: when a gap swallowed it, the
			 * padding is unknown and counted in data_len. */
			uint8_t pad_len;
			uint32_t data_len;	/* payload other than Pad Length and padding */
			uint32_t data_missing;	/* of data_len, lost in gaps */
			int64_t conn_window_before, conn_window_after;
			bool stream_window_known;	/* false: stream not tracked */
			int64_t stream_window_before, stream_window_after;
			bool window_exceeded;	/* a window went below zero */
		} data;
		struct h2_headers_info {	/* HEADERS, PUSH_PROMISE, CONTINUATION */
			bool end_stream;	/* HEADERS (§6.2) */
			bool end_headers, padded;
			uint8_t pad_len;
			uint32_t fragment_len;	/* header-block bytes in this frame */
			/* HEADERS with PRIORITY (§6.2; deprecated, §5.3.2) */
			bool has_priority, exclusive;
			uint32_t dependency;
			uint16_t weight;	/* 1..256 */
			uint32_t promised_stream;	/* PUSH_PROMISE (§6.6) */
			/* The whole block, on the frame with END_HEADERS
			 * that ends it; NULL on the others. */
			const struct h2_header_block *block;
		} headers;
		struct h2_priority_info {	/* PRIORITY (§6.3) */
			bool exclusive;
			uint32_t dependency;
			uint16_t weight;	/* 1..256 */
		} priority;
		struct h2_rst_stream_info {	/* RST_STREAM (§6.4) */
			uint32_t error_code;
		} rst_stream;
		struct h2_settings_info {	/* SETTINGS (§6.5) */
			bool ack;
			uint32_t count;		/* entries in the frame */
			uint8_t kept;
			struct h2_setting entries[H2_SETTINGS_KEPT];
		} settings;
		struct h2_ping_info {	/* PING (§6.7) */
			bool ack;
			uint8_t opaque[8];
		} ping;
		struct h2_goaway_info {	/* GOAWAY (§6.8) */
			uint32_t last_stream_id;
			uint32_t error_code;
			uint32_t debug_len;	/* additional debug data bytes */
			uint8_t debug_kept;
			uint8_t debug[H2_DEBUG_KEPT];
		} goaway;
		struct h2_window_update_info {	/* WINDOW_UPDATE (§6.9) */
			uint32_t increment;
			/* The window it grows: the other direction's sender's,
			 * for the connection (stream 0) or the stream. */
			bool window_known;	/* false: stream not tracked */
			int64_t window_before, window_after;
			bool window_exceeded;	/* over 2^31-1 (§6.9.1) */
		} window_update;
	} u;
};

/*
 * A stream, reported once as it closes: both sides sent END_STREAM, or
 * either sent RST_STREAM, or the connection's bytes ended with it open.
 * The request side is the client's direction, the response side the
 * server's, whoever opened the stream.
 */
struct h2_stream_info {
	uint32_t id;
	bool pushed;		/* promised by the server (PUSH_PROMISE, §8.4) */
	/* From the first request header block (or the PUSH_PROMISE, or
	 * h2_conn_upgraded()); "" when absent or not decoded. */
	char method[H2_METHOD_MAX + 1];
	char path[H2_PATH_MAX + 1];
	char authority[H2_AUTHORITY_MAX + 1];
	bool method_cut, path_cut, authority_cut;
	/* The :status of the last response block that had one, a final
	 * status (2xx-5xx) preferred to an interim 1xx; 0 if none. */
	uint16_t status;
	bool headers_lost;	/* a block of this stream was not decoded */
	uint32_t request_headers, response_headers;	/* HEADERS frames (blocks) */
	uint64_t request_data, response_data;	/* DATA bytes, padding excluded */
	uint64_t request_missing, response_missing;	/* of which lost in gaps */
	bool request_end, response_end;	/* END_STREAM sent */
	bool reset;			/* RST_STREAM */
	uint8_t reset_dir;		/* H2_CLIENT or H2_SERVER: who sent it */
	uint32_t reset_error;
	/* A side's bytes ended (h2_eof, or it stopped being read) before it
	 * sent END_STREAM, and nobody reset the stream. */
	bool open_at_end;
};

/*
 * What the connection reports; any member may be NULL.  All are called
 * from inside h2_feed(), h2_gap() or h2_eof(), in the order of the bytes:
 * on_frame once per frame, then on_stream for a stream the frame closed.
 * on_error comes at most once per direction, when it stops being read.
 */
struct h2_callbacks {
	void (*on_frame)(void *ctx, int dir, const struct h2_frame *f);
	void (*on_stream)(void *ctx, const struct h2_stream_info *s);
	void (*on_error)(void *ctx, int dir, const char *why);
};

/* ---- private state: read nothing below ------------------------------ */

struct nghttp2_hd_inflater;

#define H2_TABLE_PENDING 4	/* SETTINGS awaiting their ACK, per direction */

/* One direction: its reader, and the settings and window of its sender. */
struct h2_side {
	uint8_t phase;
	uint8_t preface_have;
	bool first_frame;	/* the next frame must be SETTINGS (§3.4) */
	bool done;		/* no more bytes will be read (eof, stopped) */
	uint8_t hdr[9];
	uint8_t hdr_have;
	uint8_t step;		/* the part of the payload being read */
	uint32_t left;		/* payload bytes still to come */
	uint32_t seg_left;	/* bytes of the current part */
	uint8_t fixed[8];
	uint8_t fixed_have;
	bool pad_lost;		/* a gap swallowed the Pad Length field */
	struct h2_frame f;	/* the frame being read */
	/* SETTINGS of the frame being read: the last value of ids 1..9 */
	uint32_t set_val[10];
	uint16_t set_mask;
	/* HPACK: this direction's header blocks */
	struct nghttp2_hd_inflater *inflater;
	bool hpack_lost;
	bool in_block;		/* a block waits for CONTINUATION */
	bool block_ok;		/* the current block is being decoded */
	struct h2_header_block block;
	uint32_t table_applied;	/* SETTINGS_HEADER_TABLE_SIZE in force */
	uint32_t table_pending[H2_TABLE_PENDING];	/* ... awaiting our ACK */
	uint8_t npending;
	/* What this side announced, for the other side's frames. */
	uint32_t max_frame_size;	/* §6.5.2, 16384 at first */
	int64_t initial_window;		/* the other side's stream windows */
	/* This side as a sender of DATA. */
	int64_t conn_window;
};

/* A tracked stream. */
struct h2_stream {
	struct h2_stream_info info;
	int64_t window[2];	/* of each sender */
	bool done[2];		/* each side sent END_STREAM or ended */
};

struct h2_conn {
	struct h2_side side[2];
	bool client_preface;
	uint32_t max_id[2];		/* highest stream opened: odd, even */
	uint32_t nstreams;
	/* The stream table, grown as streams are open at once (8, 16, ... up
	 * to H2_STREAMS_MAX) so that a connection with few streams costs
	 * little: ids[i] 0 is a free slot. */
	uint32_t cap;
	uint32_t *ids;
	struct h2_stream *streams;
	/* Readable: streams opened, and those not tracked (over the cap). */
	uint64_t streams_seen, streams_untracked;
};

/* ---- the interface -------------------------------------------------- */

/*
 * Prepares `c` for a new connection.  With `client_preface`, both
 * directions start at the beginning of the connection: the client's with
 * the 24-byte preface, and each direction's first frame must be SETTINGS
 * (§3.4) - prior knowledge (§3.3), and after an h2c upgrade.  Without it,
 * each direction starts at a frame boundary and nothing is checked there.
 * Returns false when an inflater could not be allocated; `c` then holds
 * nothing to release (h2_conn_release() is harmless).
 */
bool h2_conn_init(struct h2_conn *c, bool client_preface);

/*
 * Frees the inflaters.  Streams still open are not reported: call h2_eof()
 * for both directions first.
 */
void h2_conn_release(struct h2_conn *c);

/*
 * After an h2c upgrade (RFC 7540 §3.2), the HTTP/1.1 request that carried
 * it is stream 1, half-closed on the client's side: opens it with that
 * request's method and target.  Call before feeding any byte.  The
 * settings of the request's HTTP2-Settings field are not applied: the
 * client repeats them in the SETTINGS frame after its preface.
 */
void h2_conn_upgraded(struct h2_conn *c, const char *method, const char *path);

/*
 * The next `len` in-order bytes of direction `dir` (H2_CLIENT or
 * H2_SERVER).  Once the direction has stopped (on_error) or ended
 * (h2_eof), bytes are ignored.
 */
void h2_feed(struct h2_conn *c, int dir, const uint8_t *data, size_t len,
	     const struct h2_callbacks *cb, void *ctx);

/*
 * `len` bytes of direction `dir` were not captured.  Where the lost bytes
 * end by the end of the current frame and lie where nothing needs them -
 * a DATA payload (its Pad Length included: the padding then counts as
 * data), padding, a header-block fragment, GOAWAY's debug data, bytes
 * skipped unread (an unknown type's payload, a frame of the wrong length)
 * - the framing goes on: the frame reports them in `missing`, lost DATA
 * bytes count as missing data, and a lost fragment leaves that
 * direction's HPACK undecodable from then on (its blocks report decoded
 * false).  Anywhere else the framing is lost and the direction stops:
 * on_error "gap in the connection preface", "gap in a frame header" (a
 * frame's 9 bytes, or anything past the end of the current frame) or "gap
 * in a control frame" (the fields of SETTINGS, PING, GOAWAY, RST_STREAM,
 * WINDOW_UPDATE and PRIORITY, and those of HEADERS and PUSH_PROMISE before
 * their fragment).
 */
void h2_gap(struct h2_conn *c, int dir, uint64_t len,
	    const struct h2_callbacks *cb, void *ctx);

/*
 * Direction `dir` ended (FIN, reset, end of capture).  Ending inside the
 * preface or a frame is told: on_error "stream ended inside a frame" (or
 * "... inside the connection preface").  Streams whose side `dir` had not
 * sent END_STREAM can no longer end; once their other side is done too,
 * they are reported with open_at_end.  A direction that stopped on an
 * error counts as ended here too.
 */
void h2_eof(struct h2_conn *c, int dir, const struct h2_callbacks *cb, void *ctx);

/*
 * True when `data` begins like the client connection preface: at least 3
 * bytes ("PRI"), and its first min(len, 24) bytes equal the preface's.
 * "PRI" alone is also an HTTP/1.1 method token (RFC 9113 §3.4 chose it to
 * fail there), so callers that can wait for more bytes should.
 */
bool h2_looks_like_preface(const uint8_t *data, size_t len);

/* Names, as Wireshark's http2 dissector and the RFCs spell them; NULL when
 * unknown (callers print the number). */
const char *h2_frame_type_name(uint8_t type);		/* "HEADERS" */
const char *h2_settings_name(uint16_t id);		/* "SETTINGS_MAX_FRAME_SIZE" */
const char *h2_error_name(uint32_t code);		/* "PROTOCOL_ERROR" */

/*
 * The names of the flags set in `flags` that are defined for frame `type`
 * ("END_STREAM", "END_HEADERS", "PADDED", "PRIORITY", "ACK"), lowest bit
 * first, into out[0..max); returns how many apply (which may exceed max).
 * Bits undefined for the type are left out (§4.1: they are ignored).
 */
size_t h2_flag_names(uint8_t type, uint8_t flags, const char *out[], size_t max);

#endif
