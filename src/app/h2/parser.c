/*
 * parser.c - HTTP/2 framing of both directions of a connection, read as
 * the bytes arrive (see h2.h).
 *
 * The TCP layer hands each direction's in-order bytes, cut anywhere.  The
 * client's direction starts with the connection preface (RFC 9113 §3.4),
 * checked byte by byte so that a stream that is not HTTP/2 is refused at
 * its first wrong byte.  Then each direction is a sequence of frames
 * (§4.1): a 9-byte header, gathered across feeds, and a payload walked as
 * a series of parts (Pad Length, priority fields, the promised stream, a
 * header-block fragment, DATA, padding, a control frame's fixed fields,
 * SETTINGS entries, GOAWAY's debug data).  Nothing is buffered but the
 * frame header and the at most 8 bytes of a fixed field: DATA is counted,
 * fragments go to the HPACK inflater (hpack.c) as they come, and what the
 * frames mean is decided in frames.c.  Gaps keep the framing where the
 * lost bytes had a known length and nothing in them was needed.  Every
 * byte is read through the bounds-checked cursor.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "h2_int.h"
#include "tcpview/util/cursor.h"
#include "tcpview/util/nls.h"

static const char preface[H2_PREFACE_LEN + 1] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

static const struct h2_callbacks no_callbacks;

/* The parts of a payload, in the order a frame may hold them. */
enum step {
	ST_PADLEN,	/* Pad Length (1), PADDED */
	ST_PRIORITY,	/* HEADERS with PRIORITY: E, dependency, weight (5) */
	ST_PROMISED,	/* PUSH_PROMISE: promised stream id (4) */
	ST_FRAGMENT,	/* header-block fragment */
	ST_DATA,	/* DATA's data */
	ST_PAD,		/* padding */
	ST_FIELDS,	/* a control frame's fixed fields (4, 5 or 8) */
	ST_SETTING,	/* one SETTINGS entry (6) */
	ST_DEBUG,	/* GOAWAY's additional debug data */
	ST_SKIP,	/* bytes not read: unknown types, wrong lengths */
	ST_END,
};

/* Parts made of a fixed field, gathered into s->fixed before use. */
static bool is_fixed(uint8_t step)
{
	return step == ST_PADLEN || step == ST_PRIORITY || step == ST_PROMISED ||
	       step == ST_FIELDS || step == ST_SETTING;
}

void h2_problem(struct h2_frame *f, const char *why, uint32_t error)
{
	if (f->problem != NULL)
		return;
	f->problem = why;
	f->problem_error = error;
}

/* The direction stops being read, for good. */
static void stop(struct h2_conn *c, int d, const struct h2_callbacks *cb, void *ctx,
		 const char *why)
{
	struct h2_side *s = &c->side[d];
	if (s->phase == H2_PH_STOPPED)
		return;
	s->phase = H2_PH_STOPPED;
	if (cb->on_error != NULL)
		cb->on_error(ctx, d, why);
	if (!s->done) {
		s->done = true;
		h2_streams_side_done(c, d, cb, ctx);
	}
}

static void part(struct h2_side *s, enum step step, uint32_t n)
{
	s->step = (uint8_t)step;
	s->seg_left = n;
	s->fixed_have = 0;
}

/* A fixed-length control frame: the fields are read only when the length
 * is the one its section requires (a FRAME_SIZE_ERROR otherwise). */
static void fixed_payload(struct h2_side *s, uint32_t want, const char *why)
{
	if (s->f.length == want) {
		part(s, ST_FIELDS, want);
	} else {
		h2_problem(&s->f, why, H2_FRAME_SIZE_ERROR);
		part(s, ST_SKIP, s->f.length);
	}
}

/*
 * The fixed fields before a HEADERS or PUSH_PROMISE fragment, and the
 * padding after it, must fit in the payload (§6.2, §6.6: a PROTOCOL_ERROR
 * otherwise).  When they do not, the block cannot be followed.
 */
static void fragment_or_broken(struct h2_side *s, uint32_t fields)
{
	struct h2_frame *f = &s->f;
	if ((uint64_t)fields + f->u.headers.pad_len > s->left) {
		h2_problem(f, f->u.headers.padded ? N_("padding exceeds the payload")
						  : "payload too short for its fields",
			   f->u.headers.padded ? H2_PROTOCOL_ERROR : H2_FRAME_SIZE_ERROR);
		h2_hpack_lose(s);
		part(s, ST_SKIP, s->left);
		return;
	}
	if (fields == 5)
		part(s, ST_PRIORITY, 5);
	else if (fields == 4)
		part(s, ST_PROMISED, 4);
	else
		part(s, ST_FRAGMENT, s->left - f->u.headers.pad_len);
}

/* Bytes of fixed fields between a block frame's Pad Length and fragment. */
static uint32_t block_fields(const struct h2_frame *f)
{
	if (f->type == H2_PUSH_PROMISE)
		return 4;
	return (f->type == H2_HEADERS && (f->flags & H2_FLAG_PRIORITY)) ? 5 : 0;
}

/* The first part of the payload, from the type and flags. */
static void first_part(struct h2_side *s)
{
	struct h2_frame *f = &s->f;
	bool padded = (f->flags & H2_FLAG_PADDED) != 0;
	switch (f->type) {
	case H2_DATA:
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
		if (padded && f->length == 0) {
			/* §6.1: the Pad Length field itself is missing */
			h2_problem(f, N_("PADDED frame without a Pad Length"), H2_FRAME_SIZE_ERROR);
			if (f->type != H2_DATA)
				h2_hpack_lose(s);
			part(s, ST_SKIP, 0);
		} else if (padded) {
			part(s, ST_PADLEN, 1);
		} else if (f->type == H2_DATA) {
			part(s, ST_DATA, f->length);
		} else {
			fragment_or_broken(s, block_fields(f));
		}
		break;
	case H2_CONTINUATION:
		part(s, ST_FRAGMENT, f->length);
		break;
	case H2_PRIORITY:
		fixed_payload(s, 5, "PRIORITY payload is not 5 bytes");
		break;
	case H2_RST_STREAM:
		fixed_payload(s, 4, "RST_STREAM payload is not 4 bytes");
		break;
	case H2_WINDOW_UPDATE:
		fixed_payload(s, 4, "WINDOW_UPDATE payload is not 4 bytes");
		break;
	case H2_PING:
		fixed_payload(s, 8, "PING payload is not 8 bytes");
		break;
	case H2_GOAWAY:
		if (f->length >= 8) {
			part(s, ST_FIELDS, 8);
		} else {
			h2_problem(f, N_("GOAWAY payload under 8 bytes"), H2_FRAME_SIZE_ERROR);
			part(s, ST_SKIP, f->length);
		}
		break;
	case H2_SETTINGS:
		/* §6.5: an ACK is empty; the others hold 6-byte entries */
		if ((f->flags & H2_FLAG_ACK) && f->length != 0)
			h2_problem(f, N_("SETTINGS ACK with a payload"), H2_FRAME_SIZE_ERROR);
		else if (f->length % 6 != 0)
			h2_problem(f, N_("SETTINGS payload not a multiple of 6"), H2_FRAME_SIZE_ERROR);
		if (!(f->flags & H2_FLAG_ACK) && f->length >= 6)
			part(s, ST_SETTING, 6);
		else
			part(s, ST_SKIP, f->length);
		break;
	default:	/* §5.5: unknown types are ignored */
		part(s, ST_SKIP, f->length);
		break;
	}
}

/* The Pad Length field was read (§6.1, §6.2, §6.6). */
static void padlen_done(struct h2_side *s, uint8_t pad)
{
	struct h2_frame *f = &s->f;
	if (f->type == H2_DATA) {
		f->u.data.padded = true;
		/* §6.1: padding as long as the payload or longer is an error */
		if (pad > s->left) {
			h2_problem(f, N_("padding exceeds the payload"), H2_PROTOCOL_ERROR);
			pad = (uint8_t)s->left;
		}
		f->u.data.pad_len = pad;
		part(s, ST_DATA, s->left - pad);
		return;
	}
	f->u.headers.padded = true;
	f->u.headers.pad_len = pad;
	fragment_or_broken(s, block_fields(f));
}

/*
 * The fixed field gathered in s->fixed, as a span of `n` checked bytes
 * (cursor.h: read only inside it, with span_be16/32).  The bytes were
 * read from the input through the cursor as they came.
 */
static const uint8_t *fixed_span(struct h2_side *s, size_t n)
{
	static const uint8_t zeros[sizeof(s->fixed)];
	struct cursor c = cursor_make(s->fixed, s->fixed_have);
	const uint8_t *span = cur_take(&c, n);
	return span != NULL ? span : zeros;	/* never: a part ends when full */
}

/* E, Stream Dependency, Weight - 1 (§6.2 in HEADERS, §6.3 in PRIORITY). */
static void read_priority(const uint8_t *span, bool *exclusive, uint32_t *dependency,
			  uint16_t *weight)
{
	uint32_t v = span_be32(span, 0);
	*exclusive = (v >> 31) != 0;
	*dependency = v & 0x7fffffff;
	*weight = (uint16_t)(span[4] + 1);
}

/* A control frame's fixed fields were read (its length was checked). */
static void fields_done(struct h2_side *s)
{
	struct h2_frame *f = &s->f;
	const uint8_t *b = fixed_span(s, f->type == H2_PRIORITY ? 5 :
					 f->type == H2_PING || f->type == H2_GOAWAY ? 8 : 4);
	switch (f->type) {
	case H2_PRIORITY:
		read_priority(b, &f->u.priority.exclusive, &f->u.priority.dependency,
			      &f->u.priority.weight);
		break;
	case H2_RST_STREAM:
		f->u.rst_stream.error_code = span_be32(b, 0);
		break;
	case H2_WINDOW_UPDATE:
		f->u.window_update.increment = span_be32(b, 0) & 0x7fffffff;	/* §6.9: R */
		break;
	case H2_PING:
		f->u.ping.ack = (f->flags & H2_FLAG_ACK) != 0;
		memcpy(f->u.ping.opaque, b, 8);
		break;
	case H2_GOAWAY:
		f->u.goaway.last_stream_id = span_be32(b, 0) & 0x7fffffff;
		f->u.goaway.error_code = span_be32(b, 4);
		f->u.goaway.debug_len = f->length - 8;
		part(s, ST_DEBUG, s->left);
		return;
	default:
		break;
	}
	part(s, ST_END, 0);
}

/* The current part is complete: the next one. */
static void part_done(struct h2_conn *c, int d)
{
	struct h2_side *s = &c->side[d];
	struct h2_frame *f = &s->f;
	switch (s->step) {
	case ST_PADLEN:
		padlen_done(s, fixed_span(s, 1)[0]);
		break;
	case ST_PRIORITY:
		f->u.headers.has_priority = true;
		read_priority(fixed_span(s, 5), &f->u.headers.exclusive,
			      &f->u.headers.dependency, &f->u.headers.weight);
		part(s, ST_FRAGMENT, s->left - f->u.headers.pad_len);
		break;
	case ST_PROMISED:
		/* §6.6: R, Promised Stream ID */
		f->u.headers.promised_stream = span_be32(fixed_span(s, 4), 0) & 0x7fffffff;
		h2_frame_promised(c, d);
		part(s, ST_FRAGMENT, s->left - f->u.headers.pad_len);
		break;
	case ST_FRAGMENT:
		/* An empty last fragment still ends the block. */
		if (f->u.headers.fragment_len == 0 && (f->flags & H2_FLAG_END_HEADERS) &&
		    s->in_block)
			h2_hpack_fragment(s, NULL, 0, true);
		part(s, ST_PAD, f->u.headers.pad_len);
		break;
	case ST_DATA:
		part(s, ST_PAD, f->u.data.pad_len);
		break;
	case ST_FIELDS:
		fields_done(s);
		break;
	case ST_SETTING: {
		/* §6.5.1: Identifier (16), Value (32) */
		const uint8_t *e = fixed_span(s, 6);
		h2_setting_entry(c, d, span_be16(e, 0), span_be32(e, 2));
		if (s->left >= 6)
			part(s, ST_SETTING, 6);
		else
			part(s, ST_SKIP, s->left);
		break;
	}
	default:	/* ST_PAD, ST_DEBUG, ST_SKIP */
		part(s, ST_END, 0);
		break;
	}
}

/* Completes the parts that are over (empty ones included), and the frame
 * when its last part is. */
static void settle(struct h2_conn *c, int d, const struct h2_callbacks *cb, void *ctx)
{
	struct h2_side *s = &c->side[d];
	while (s->hdr_have == 9 && s->seg_left == 0 && s->step != ST_END)
		part_done(c, d);
	if (s->hdr_have == 9 && s->step == ST_END) {
		h2_frame_end(c, d, cb, ctx);
		s->hdr_have = 0;
	}
}

/* The 9-byte frame header is complete (§4.1). */
static void header_done(struct h2_conn *c, int d, const struct h2_callbacks *cb, void *ctx)
{
	struct h2_side *s = &c->side[d];
	struct h2_frame *f = &s->f;
	struct cursor hc = cursor_make(s->hdr, sizeof(s->hdr));
	const uint8_t *h = cur_take(&hc, 9);
	memset(f, 0, sizeof(*f));
	/* Length (24), Type (8), Flags (8), R (1), Stream Identifier (31) */
	f->length = (uint32_t)h[0] << 16 | span_be16(h, 1);
	f->type = h[3];
	f->flags = h[4];
	f->stream_id = span_be32(h, 5) & 0x7fffffff;	/* §4.1: R ignored */
	s->left = f->length;
	s->pad_lost = false;
	if (s->first_frame && f->type != H2_SETTINGS) {
		/* §3.4: each side's preface ends with a SETTINGS frame */
		stop(c, d, cb, ctx, N_("not HTTP/2: the first frame is not SETTINGS"));
		return;
	}
	s->first_frame = false;
	/* §4.2: the limit is the one the receiver announced */
	if (f->length > c->side[!d].max_frame_size) {
		stop(c, d, cb, ctx, N_("frame larger than SETTINGS_MAX_FRAME_SIZE"));
		return;
	}
	h2_frame_begin(c, d);
	first_part(s);
	settle(c, d, cb, ctx);
}

/* Payload bytes of the current part. */
static void payload_bytes(struct h2_conn *c, int d, struct cursor *cur)
{
	struct h2_side *s = &c->side[d];
	size_t n = cursor_left(cur);
	if (n > s->seg_left)
		n = s->seg_left;
	s->seg_left -= (uint32_t)n;
	s->left -= (uint32_t)n;
	if (is_fixed(s->step)) {
		cur_copy(cur, s->fixed + s->fixed_have, n);
		s->fixed_have = (uint8_t)(s->fixed_have + n);
		return;
	}
	switch (s->step) {
	case ST_FRAGMENT: {
		struct h2_headers_info *h = &s->f.u.headers;
		const uint8_t *p = cur_take(cur, n);
		h->fragment_len += (uint32_t)n;
		if (!s->in_block)
			break;
		s->block.fragment_len += n;
		/* RFC 9113 §4.3: the block ends with END_HEADERS's last byte */
		h2_hpack_fragment(s, p, n, s->seg_left == 0 &&
				  (s->f.flags & H2_FLAG_END_HEADERS));
		break;
	}
	case ST_DEBUG: {
		struct h2_goaway_info *g = &s->f.u.goaway;
		while (n-- > 0) {
			uint8_t b = cur_u8(cur);
			if (g->debug_kept < H2_DEBUG_KEPT)
				g->debug[g->debug_kept++] = b;
		}
		break;
	}
	default:	/* DATA, padding, skipped: counted, not read */
		cursor_skip(cur, n);
		break;
	}
}

/* The next byte of the client's preface (§3.4). */
static void preface_byte(struct h2_conn *c, int d, uint8_t b, const struct h2_callbacks *cb,
			 void *ctx)
{
	struct h2_side *s = &c->side[d];
	if (b != (uint8_t)preface[s->preface_have]) {
		stop(c, d, cb, ctx, N_("not HTTP/2: bad connection preface"));
		return;
	}
	if (++s->preface_have == H2_PREFACE_LEN)
		s->phase = H2_PH_FRAMES;
}

void h2_feed(struct h2_conn *c, int dir, const uint8_t *data, size_t len,
	     const struct h2_callbacks *cb, void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (len == 0 || (dir != H2_CLIENT && dir != H2_SERVER))
		return;		/* data may be NULL */
	int d = dir;
	struct h2_side *s = &c->side[d];
	struct cursor cur = cursor_make(data, len);
	while (cursor_left(&cur) > 0 && !s->done && s->phase != H2_PH_STOPPED) {
		if (s->phase == H2_PH_PREFACE) {
			preface_byte(c, d, cur_u8(&cur), cb, ctx);
		} else if (s->hdr_have < 9) {
			s->hdr[s->hdr_have++] = cur_u8(&cur);
			if (s->hdr_have == 9)
				header_done(c, d, cb, ctx);
		} else {
			payload_bytes(c, d, &cur);
			settle(c, d, cb, ctx);
		}
	}
}

/*
 * Lost bytes inside a part whose length is known and whose bytes nothing
 * needs: counted, and the framing goes on.  Returns false when they hit
 * a part that must be read.
 */
static bool gap_in_part(struct h2_side *s, uint32_t n)
{
	struct h2_frame *f = &s->f;
	switch (s->step) {
	case ST_PADLEN:
		if (f->type != H2_DATA)
			return false;
		s->pad_lost = true;
		break;
	case ST_FRAGMENT:
		h2_hpack_lose(s);	/* RFC 7541 §2.2: the table is lost */
		f->u.headers.fragment_len += n;
		if (s->in_block)
			s->block.fragment_len += n;
		break;
	case ST_DATA:
		f->u.data.data_missing += n;
		break;
	case ST_PAD:
	case ST_DEBUG:
	case ST_SKIP:
		break;
	default:
		return false;
	}
	s->seg_left -= n;
	s->left -= n;
	f->missing += n;
	if (s->step == ST_PADLEN) {
		/* The padding is unknown: the rest counts as data. */
		f->u.data.padded = true;
		part(s, ST_DATA, s->left);
	}
	return true;
}

void h2_gap(struct h2_conn *c, int dir, uint64_t len, const struct h2_callbacks *cb,
	    void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (len == 0 || (dir != H2_CLIENT && dir != H2_SERVER))
		return;
	int d = dir;
	struct h2_side *s = &c->side[d];
	while (len > 0 && !s->done && s->phase != H2_PH_STOPPED) {
		if (s->phase == H2_PH_PREFACE) {
			stop(c, d, cb, ctx, N_("gap in the connection preface"));
		} else if (s->hdr_have < 9) {
			stop(c, d, cb, ctx, N_("gap in a frame header"));
		} else {
			uint32_t n = len < s->seg_left ? (uint32_t)len : s->seg_left;
			if (!gap_in_part(s, n)) {
				stop(c, d, cb, ctx, N_("gap in a control frame"));
				return;
			}
			len -= n;
			settle(c, d, cb, ctx);
		}
	}
}

void h2_eof(struct h2_conn *c, int dir, const struct h2_callbacks *cb, void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (dir != H2_CLIENT && dir != H2_SERVER)
		return;
	int d = dir;
	struct h2_side *s = &c->side[d];
	if (s->done)
		return;
	if (s->phase == H2_PH_PREFACE && s->preface_have > 0)
		stop(c, d, cb, ctx, N_("stream ended inside the connection preface"));
	else if (s->phase == H2_PH_FRAMES && s->hdr_have > 0)
		stop(c, d, cb, ctx, N_("stream ended inside a frame"));
	if (!s->done) {
		s->done = true;
		h2_streams_side_done(c, d, cb, ctx);
	}
}

static void side_init(struct h2_side *s, bool preface_first, bool settings_first)
{
	s->phase = preface_first ? H2_PH_PREFACE : H2_PH_FRAMES;
	s->first_frame = settings_first;
	s->step = ST_END;
	s->table_applied = H2_DEFAULT_TABLE_SIZE;
	s->max_frame_size = H2_DEFAULT_FRAME_SIZE;
	s->initial_window = H2_DEFAULT_WINDOW;
	s->conn_window = H2_DEFAULT_WINDOW;
}

bool h2_conn_init(struct h2_conn *c, bool client_preface)
{
	memset(c, 0, sizeof(*c));
	c->client_preface = client_preface;
	side_init(&c->side[H2_CLIENT], client_preface, client_preface);
	side_init(&c->side[H2_SERVER], false, client_preface);
	if (!h2_hpack_init(&c->side[H2_CLIENT]) || !h2_hpack_init(&c->side[H2_SERVER])) {
		h2_conn_release(c);
		return false;
	}
	return true;
}

void h2_conn_release(struct h2_conn *c)
{
	h2_hpack_release(&c->side[H2_CLIENT]);
	h2_hpack_release(&c->side[H2_SERVER]);
	free(c->ids);
	free(c->streams);
	c->ids = NULL;
	c->streams = NULL;
	c->cap = c->nstreams = 0;
}

bool h2_looks_like_preface(const uint8_t *data, size_t len)
{
	if (len < 3)
		return false;
	struct cursor cur = cursor_make(data, len);
	for (size_t i = 0; i < H2_PREFACE_LEN && cursor_left(&cur) > 0; i++)
		if (cur_u8(&cur) != (uint8_t)preface[i])
			return false;
	return true;
}
