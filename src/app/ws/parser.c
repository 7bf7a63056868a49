/*
 * parser.c - the WebSocket frame parser (see tcpview/app/ws.h).
 *
 * It sits at the bottom of the application layer, beside the HTTP/1.x
 * parser whose 101 response hands a connection over to it: the TCP layer's
 * reassembly gives it each direction's bytes in order, and it turns them
 * into frames for the WebSocket dissector above it.  It is a byte-driven
 * state machine: a frame header (2 to 14 bytes, RFC 6455 §5.2) is read a
 * byte at a time into the frame being built, so it may arrive split
 * anywhere; payload bytes are unmasked and looked at only while something
 * still wants them (the preview, a close frame's code and reason, the UTF-8
 * check of a text message) and skipped in runs otherwise, never buffered.
 * Every input byte is read through the bounds-checked cursor.  The
 * handshake's accept key (§4.2.2) is computed here too, with Nettle.
 *
 * A passive observer does not fail the connection as an endpoint would
 * (§7.1.7): it notes the first rule a frame breaks and reads on, as long as
 * the framing is known.  Only a length it cannot trust, or a gap where a
 * header should be, ends the reading.
 */
#include "config.h"

#include <string.h>

#include <nettle/base64.h>
#include <nettle/sha1.h>

#include "tcpview/app/ws.h"
#include "tcpview/util/cursor.h"
#include "tcpview/util/nls.h"

/* The parser's steps (ws_parser.state). */
enum step {
	S_HEAD,		/* a frame header, byte `pos` of it */
	S_PAYLOAD,	/* `remaining` payload bytes to come */
	S_FAILED,	/* after on_error */
	S_ENDED,	/* after ws_parser_eof */
};

/* §5.5: the most a control frame's payload may hold. */
#define CONTROL_MAX 125

static const struct ws_callbacks no_callbacks;

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Control frames have the opcode's high bit set (§5.5). */
static bool is_control(uint8_t op)
{
	return (op & 0x8) != 0;
}

/* Opcodes 0x3-0x7 and 0xB-0xF are reserved for further frames (§5.2). */
static bool is_reserved(uint8_t op)
{
	return (op >= 0x3 && op <= 0x7) || op >= 0xB;
}

/* Where the extended payload length ends and the masking key begins. */
static uint8_t key_at(const struct ws_parser *p)
{
	return (uint8_t)(p->need - (p->frame.masked ? 4 : 0));
}

static void set_problem(struct ws_frame *f, const char *why)
{
	if (f->problem == NULL)
		f->problem = why;
}

/* Forgets the frame just reported: the next byte begins a header. */
static void next_frame(struct ws_parser *p)
{
	memset(&p->frame, 0, sizeof(p->frame));
	p->state = S_HEAD;
	p->pos = 0;
	p->need = 2;
	p->len_acc = 0;
	p->remaining = 0;
	p->offset = 0;
	p->check_text = false;
}

void ws_parser_init(struct ws_parser *p, bool from_client)
{
	memset(p, 0, sizeof(*p));
	p->from_client = from_client;
	next_frame(p);
}

void ws_parser_allow_rsv(struct ws_parser *p, uint8_t rsv)
{
	p->rsv_allowed = rsv & (WS_RSV1 | WS_RSV2 | WS_RSV3);
}

bool ws_parser_stopped(const struct ws_parser *p)
{
	return p->state == S_FAILED || p->state == S_ENDED;
}

static void fail(struct ws_parser *p, const struct ws_callbacks *cb, void *ctx,
		 const char *why)
{
	p->state = S_FAILED;
	if (cb->on_error != NULL)
		cb->on_error(ctx, why);
}

/* --- UTF-8 (§8.1: text is UTF-8 as RFC 3629 defines it) ------------------ */

/*
 * One byte of a text message.  The ranges are those of Unicode's table of
 * well-formed sequences (RFC 3629 §4): no overlong forms, no surrogates,
 * nothing past U+10FFFF.  A character may straddle two frames (§5.6), so
 * the state lives in the parser, not in the frame.
 */
static bool utf8_step(uint8_t *need, uint8_t *lo, uint8_t *hi, uint8_t b)
{
	if (*need > 0) {
		if (b < *lo || b > *hi)
			return false;
		(*need)--;
		*lo = 0x80, *hi = 0xBF;
		return true;
	}
	*lo = 0x80, *hi = 0xBF;
	if (b < 0x80)
		return true;
	if (b >= 0xC2 && b <= 0xDF)
		*need = 1;
	else if (b >= 0xE0 && b <= 0xEF)
		*need = 2;
	else if (b >= 0xF0 && b <= 0xF4)
		*need = 3;
	else
		return false;	/* a continuation byte, C0, C1, F5-FF */
	if (b == 0xE0)
		*lo = 0xA0;	/* overlong */
	else if (b == 0xED)
		*hi = 0x9F;	/* surrogates */
	else if (b == 0xF0)
		*lo = 0x90;	/* overlong */
	else if (b == 0xF4)
		*hi = 0x8F;	/* past U+10FFFF */
	return true;
}

static void utf8_byte(struct ws_parser *p, uint8_t b)
{
	if (p->utf8_skip) {
		/* After a gap: what follows the next lead byte can be checked
		 * again; continuation bytes before it belong to a character
		 * the gap cut and prove nothing. */
		if (b >= 0x80 && b <= 0xBF)
			return;
		p->utf8_skip = false;
	}
	if (!utf8_step(&p->utf8_need, &p->utf8_lo, &p->utf8_hi, b))
		p->utf8_bad = true;	/* reported on this frame, not checked further */
}

/* Whether `len` bytes are UTF-8 on their own (a close reason, §5.5.1). */
static bool utf8_valid(const char *s, size_t len)
{
	uint8_t need = 0, lo = 0x80, hi = 0xBF;
	for (size_t i = 0; i < len; i++)
		if (!utf8_step(&need, &lo, &hi, (uint8_t)s[i]))
			return false;
	return need == 0;
}

/* --- frames -------------------------------------------------------------- */

/* Status codes an endpoint may send (§7.4.1, §7.4.2 and the IANA
 * registry): 1004, 1005, 1006 and 1015 are reserved or only for an API to
 * report, 1016-2999 unassigned, below 1000 and from 5000 undefined. */
static bool close_code_ok(uint16_t code)
{
	if (code >= 3000 && code <= 4999)
		return true;	/* libraries (IANA) and private use */
	return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
}

/* What the header alone says is wrong, the most telling first. */
static const char *header_problem(const struct ws_parser *p)
{
	const struct ws_frame *f = &p->frame;
	/* §5.1: a client masks every frame, a server none. */
	if (f->masked != p->from_client)
		return p->from_client ? N_("client frame not masked") : N_("server frame masked");
	if (is_reserved(f->opcode))
		return N_("reserved opcode");
	if (is_control(f->opcode) && f->payload_len > CONTROL_MAX)
		return N_("control frame payload longer than 125 bytes");
	if (is_control(f->opcode) && !f->fin)
		return N_("fragmented control frame");
	/* §5.2: RSV bits are zero unless an extension gives them a meaning. */
	if ((f->rsv & ~p->rsv_allowed) != 0)
		return N_("RSV bits set without a negotiated extension");
	/* §5.2: the minimal number of bytes must encode the length. */
	if ((key_at(p) == 4 && f->payload_len < 126) ||
	    (key_at(p) == 10 && f->payload_len <= 0xFFFF))
		return N_("payload length not in its shortest form");
	/* §5.5.1: a close body is a 2-byte code and then the reason. */
	if (f->opcode == WS_OP_CLOSE && f->payload_len == 1)
		return N_("close frame with a 1-byte payload");
	return NULL;
}

/*
 * Where a frame stands in its message (§5.4): a text or binary frame
 * begins one, continuations follow it until FIN.  Control frames and
 * reserved opcodes stay outside any message.
 */
static const char *message_begin(struct ws_parser *p)
{
	struct ws_frame *f = &p->frame;
	const char *why = NULL;
	if (f->opcode == WS_OP_CONTINUATION) {
		if (p->msg_opcode == 0)
			return N_("continuation frame with no message in progress");
	} else if (f->opcode == WS_OP_TEXT || f->opcode == WS_OP_BINARY) {
		/* §5.4: the frames of a message come in order, not mixed with
		 * another message's; the unfinished one is abandoned. */
		if (p->msg_opcode != 0)
			why = N_("data frame inside an unfinished message");
		p->msg_opcode = f->opcode;
		p->msg_ext = f->rsv != 0;
		p->msg_frames = 0;
		p->msg_len = 0;
		p->utf8_need = 0;
		p->utf8_bad = p->utf8_skip = false;
	} else {
		return NULL;
	}
	p->msg_frames = add_sat(p->msg_frames, 1);
	f->message_opcode = p->msg_opcode;
	f->message_frames = p->msg_frames;
	p->check_text = p->msg_opcode == WS_OP_TEXT && !p->msg_ext && !p->utf8_bad;
	return why;
}

/* What the payload showed wrong, once all of it that will come has. */
static void payload_problems(struct ws_parser *p)
{
	struct ws_frame *f = &p->frame;
	if (f->opcode == WS_OP_CLOSE && f->has_close_code) {
		if (!close_code_ok(f->close_code))
			set_problem(f, N_("invalid close code"));
		else if (f->payload_len <= CONTROL_MAX && f->missing == 0 && !f->incomplete &&
			 !utf8_valid(f->close_reason, f->close_reason_len))
			set_problem(f, N_("close reason not UTF-8"));
	}
	if (!p->check_text)
		return;
	/* §8.1: a character may continue in the next frame, not past FIN. */
	if (f->fin && !f->incomplete && p->utf8_need > 0)
		p->utf8_bad = true;
	f->text_utf8 = !p->utf8_bad;
	if (p->utf8_bad)
		set_problem(f, N_("text not UTF-8"));
}

/* The frame has ended (its last payload byte passed, or the stream ended
 * inside its payload): report it. */
static void frame_done(struct ws_parser *p, const struct ws_callbacks *cb, void *ctx,
		       bool incomplete)
{
	struct ws_frame *f = &p->frame;
	f->incomplete = incomplete;
	f->preview_cut = f->payload_len > f->preview_len;
	if (!f->has_close_code)
		f->close_code = 0;	/* a first byte alone is no code */
	if (f->message_opcode != 0) {
		p->msg_len = add_sat(p->msg_len, p->offset);
		f->message_len = p->msg_len;
		f->message_end = f->fin;
	}
	payload_problems(p);
	if (cb->on_frame != NULL)
		cb->on_frame(ctx, f);
	if (f->message_end)
		p->msg_opcode = 0;
	next_frame(p);
}

/* The header is complete: judge it, place the frame in its message, and
 * read its payload (a frame without one ends here). */
static void frame_begin(struct ws_parser *p, const struct ws_callbacks *cb, void *ctx)
{
	struct ws_frame *f = &p->frame;
	set_problem(f, header_problem(p));
	set_problem(f, message_begin(p));
	p->remaining = f->payload_len;
	p->offset = 0;
	p->state = S_PAYLOAD;
	if (p->remaining == 0)
		frame_done(p, cb, ctx, false);
}

/*
 * One header byte (§5.2): FIN, RSV and opcode; MASK and the 7-bit length;
 * then 0, 2 or 8 bytes of extended length, in network order; then the
 * 4-byte masking key when MASK is set.
 */
static void header_byte(struct ws_parser *p, uint8_t b, const struct ws_callbacks *cb,
			void *ctx)
{
	struct ws_frame *f = &p->frame;
	uint8_t at = p->pos++;
	f->header_len = p->pos;
	if (at == 0) {
		f->fin = (b & 0x80) != 0;
		f->rsv = (uint8_t)((b >> 4) & 0x7);
		f->opcode = b & 0x0F;
		return;
	}
	if (at == 1) {
		f->masked = (b & 0x80) != 0;
		uint8_t len7 = b & 0x7F;
		/* 126: a 16-bit length follows; 127: a 64-bit one. */
		p->need = (uint8_t)(2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) +
				    (f->masked ? 4 : 0));
		if (len7 < 126)
			f->payload_len = len7;
	} else if (at < key_at(p)) {
		/* §5.2: the most significant bit of a 64-bit length must be
		 * 0.  A length past 2^63 cannot be a real payload: the bytes
		 * are not WebSocket, or not where a frame begins. */
		if (at == 2 && key_at(p) == 10 && (b & 0x80) != 0) {
			fail(p, cb, ctx, N_("64-bit payload length with its most significant bit set"));
			return;
		}
		p->len_acc = p->len_acc << 8 | b;
		if (at + 1 == key_at(p))
			f->payload_len = p->len_acc;
	} else {
		f->mask_key[at - key_at(p)] = b;
	}
	if (p->pos == p->need)
		frame_begin(p, cb, ctx);
}

/* A payload byte, unmasked: kept for the preview and a close frame's
 * body while nothing was lost before it, and checked as text. */
static void payload_byte(struct ws_parser *p, uint8_t b)
{
	struct ws_frame *f = &p->frame;
	uint64_t at = p->offset;
	if (f->missing == 0) {
		if (at < WS_PREVIEW_MAX)
			f->preview[f->preview_len++] = b;
		if (f->opcode == WS_OP_CLOSE && at < 2) {
			f->close_code = (uint16_t)(f->close_code << 8 | b);
			f->has_close_code = at == 1;
		} else if (f->opcode == WS_OP_CLOSE && f->close_reason_len < WS_CLOSE_REASON_MAX) {
			f->close_reason[f->close_reason_len++] = (char)b;
		}
	}
	if (p->check_text && !p->utf8_bad)
		utf8_byte(p, b);
}

/* Whether the next payload byte is looked at, or may be skipped. */
static bool wants_bytes(const struct ws_parser *p)
{
	const struct ws_frame *f = &p->frame;
	if (p->check_text && !p->utf8_bad)
		return true;
	if (f->missing > 0)
		return false;
	return p->offset < (f->opcode == WS_OP_CLOSE ? 2 + WS_CLOSE_REASON_MAX : WS_PREVIEW_MAX);
}

/* The payload bytes the cursor holds, up to the end of the frame. */
static void payload_run(struct ws_parser *p, struct cursor *c, const struct ws_callbacks *cb,
			void *ctx)
{
	size_t n = cursor_left(c) < p->remaining ? cursor_left(c) : (size_t)p->remaining;
	p->remaining -= n;
	for (; n > 0 && wants_bytes(p); n--) {
		uint8_t b = cur_u8(c);
		/* §5.3: octet i is XORed with octet i MOD 4 of the key. */
		if (p->frame.masked)
			b ^= p->frame.mask_key[p->offset & 3];
		payload_byte(p, b);
		p->offset++;
	}
	cursor_skip(c, n);
	p->offset += n;
	if (p->remaining == 0)
		frame_done(p, cb, ctx, false);
}

void ws_parser_feed(struct ws_parser *p, const uint8_t *data, size_t len,
		    const struct ws_callbacks *cb, void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (data == NULL || len == 0)
		return;
	struct cursor c = cursor_make(data, len);
	while (cursor_left(&c) > 0) {
		if (p->state == S_HEAD)
			header_byte(p, cur_u8(&c), cb, ctx);
		else if (p->state == S_PAYLOAD)
			payload_run(p, &c, cb, ctx);
		else
			return;
	}
}

void ws_parser_gap(struct ws_parser *p, uint64_t len, const struct ws_callbacks *cb,
		   void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (len == 0 || ws_parser_stopped(p))
		return;
	if (p->state == S_PAYLOAD) {
		/* The payload's length is known: the lost bytes are payload,
		 * and the next header is where it was. */
		uint64_t n = len < p->remaining ? len : p->remaining;
		p->remaining -= n;
		p->offset += n;
		p->frame.missing += n;
		len -= n;
		if (p->check_text) {
			p->utf8_need = 0;
			p->utf8_skip = true;
		}
		if (p->remaining == 0)
			frame_done(p, cb, ctx, false);
		if (len == 0)
			return;
	}
	/* Without a header nothing tells where the next frame begins. */
	fail(p, cb, ctx, N_("gap in a frame header"));
}

void ws_parser_eof(struct ws_parser *p, const struct ws_callbacks *cb, void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (ws_parser_stopped(p))
		return;
	if (p->state == S_PAYLOAD) {
		frame_done(p, cb, ctx, true);
	} else if (p->pos > 0) {
		/* Cut inside its header: only what was read is known. */
		p->frame.incomplete = true;
		p->frame.preview_cut = p->frame.payload_len > 0;
		if (cb->on_frame != NULL)
			cb->on_frame(ctx, &p->frame);
	}
	p->state = S_ENDED;
}

/* --- the opening handshake ----------------------------------------------- */

void ws_accept_for(const char *key, size_t key_len, char out[WS_ACCEPT_LEN + 1])
{
	/* §1.3: the GUID that only a WebSocket server knows to append. */
	static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
	struct sha1_ctx sha;
	uint8_t digest[SHA1_DIGEST_SIZE];
	sha1_init(&sha);
	if (key_len > 0)
		sha1_update(&sha, key_len, (const uint8_t *)key);
	sha1_update(&sha, sizeof(guid) - 1, (const uint8_t *)guid);
	sha1_digest(&sha, sizeof(digest), digest);
	_Static_assert(BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE) == WS_ACCEPT_LEN,
		       "an accept key is 28 base64 characters");
	base64_encode_raw(out, sizeof(digest), digest);
	out[WS_ACCEPT_LEN] = '\0';
}

bool ws_accept_ok(const char *key, size_t key_len, const char *accept, size_t accept_len)
{
	char want[WS_ACCEPT_LEN + 1];
	ws_accept_for(key, key_len, want);
	return accept_len == WS_ACCEPT_LEN && memcmp(accept, want, WS_ACCEPT_LEN) == 0;
}
