/*
 * frames.c - what each HTTP/2 frame means, once parser.c has read it (see
 * h2.h).
 *
 * At a frame's start: the stream-id rules of each type (RFC 9113 §6), the
 * rule that a header block is a contiguous run of frames (§4.3, §6.10),
 * the start of a block, the stream a HEADERS frame opens (§5.1), and the
 * flow-control windows a DATA frame uses (§6.9.1).  At its end: DATA and
 * header blocks counted against their stream, RST_STREAM, the SETTINGS
 * that change windows, frame sizes and HPACK table sizes (§6.5.2), and
 * WINDOW_UPDATE; then on_frame, then on_stream for a stream the frame
 * closed.  A frame a receiver would reject is still read and reported,
 * with the problem named; the connection goes on as far as the framing
 * allows.
 */
#include "config.h"

#include <string.h>

#include "h2_int.h"
#include "tcpview/util/nls.h"

/* Types that belong to a stream, and those that belong to the connection
 * (§6.1-§6.8: a PROTOCOL_ERROR either way). */
static void check_stream_id(struct h2_frame *f)
{
	switch (f->type) {
	case H2_DATA:
	case H2_HEADERS:
	case H2_PRIORITY:
	case H2_RST_STREAM:
	case H2_PUSH_PROMISE:
	case H2_CONTINUATION:
		if (f->stream_id == 0)
			h2_problem(f, N_("stream frame on stream 0"), H2_PROTOCOL_ERROR);
		break;
	case H2_SETTINGS:
	case H2_PING:
	case H2_GOAWAY:
		if (f->stream_id != 0)
			h2_problem(f, N_("connection frame on a stream"), H2_PROTOCOL_ERROR);
		break;
	default:
		break;
	}
}

/*
 * §6.10: a header block is its HEADERS or PUSH_PROMISE frame and the
 * CONTINUATION frames right after it on the same stream; any other frame
 * in between is a PROTOCOL_ERROR.  The interrupted block can no longer be
 * decoded, and since its entries may be in the dynamic table, neither can
 * the later ones (RFC 7541 §2.2).
 */
static void block_continuity(struct h2_side *s)
{
	struct h2_frame *f = &s->f;
	if (s->in_block) {
		if (f->type == H2_CONTINUATION && f->stream_id == s->block.stream_id) {
			s->block.frames++;
			return;
		}
		h2_problem(f, N_("frame inside a header block"), H2_PROTOCOL_ERROR);
		h2_hpack_lose(s);
		s->in_block = false;
	} else if (f->type == H2_CONTINUATION) {
		h2_problem(f, N_("CONTINUATION without a header block"), H2_PROTOCOL_ERROR);
	}
}

/*
 * §6.9.1: a DATA frame's whole payload, Pad Length and padding included,
 * counts against the sender's connection window and stream window.  A
 * window below zero afterwards means the frame went beyond what the
 * receiver allowed (a FLOW_CONTROL_ERROR for it).
 */
static void data_windows(struct h2_conn *c, int d)
{
	struct h2_side *s = &c->side[d];
	struct h2_data_info *di = &s->f.u.data;
	int64_t len = s->f.length;
	di->end_stream = (s->f.flags & H2_FLAG_END_STREAM) != 0;
	di->conn_window_before = s->conn_window;
	s->conn_window -= len;
	di->conn_window_after = s->conn_window;
	struct h2_stream *st = h2_stream_find(c, s->f.stream_id);
	/* §5.1: a half-closed side sends no more DATA */
	if (st != NULL && (d == H2_CLIENT ? st->info.request_end : st->info.response_end))
		h2_problem(&s->f, N_("DATA after END_STREAM"), H2_STREAM_CLOSED);
	if (st != NULL) {
		di->stream_window_known = true;
		di->stream_window_before = st->window[d];
		st->window[d] -= len;
		di->stream_window_after = st->window[d];
	}
	di->window_exceeded = len > 0 && (di->conn_window_after < 0 ||
					  (st != NULL && di->stream_window_after < 0));
	if (di->window_exceeded)
		h2_problem(&s->f, N_("DATA beyond the flow-control window"), H2_FLOW_CONTROL_ERROR);
}

/* A HEADERS or PUSH_PROMISE frame starts a header block. */
static void block_begin(struct h2_conn *c, int d)
{
	struct h2_side *s = &c->side[d];
	struct h2_frame *f = &s->f;
	struct h2_headers_info *h = &f->u.headers;
	h->end_headers = (f->flags & H2_FLAG_END_HEADERS) != 0;
	if (f->type == H2_HEADERS) {
		h->end_stream = (f->flags & H2_FLAG_END_STREAM) != 0;
		/* §5.1.1: a new stream id opens the stream; a HEADERS frame on
		 * a known one is a response after 1xx, or trailers. */
		if (h2_stream_find(c, f->stream_id) == NULL)
			h2_stream_open(c, f->stream_id);
	} else if (d == H2_CLIENT) {
		/* §8.4: only servers push */
		h2_problem(f, N_("PUSH_PROMISE sent by the client"), H2_PROTOCOL_ERROR);
	}
	h2_hpack_block_begin(s, f->stream_id, f->type, h->end_stream);
}

void h2_frame_begin(struct h2_conn *c, int d)
{
	struct h2_side *s = &c->side[d];
	struct h2_frame *f = &s->f;
	check_stream_id(f);
	block_continuity(s);
	switch (f->type) {
	case H2_DATA:
		data_windows(c, d);
		break;
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
		block_begin(c, d);
		break;
	case H2_CONTINUATION:
		f->u.headers.end_headers = (f->flags & H2_FLAG_END_HEADERS) != 0;
		break;
	case H2_SETTINGS:
		f->u.settings.ack = (f->flags & H2_FLAG_ACK) != 0;
		s->set_mask = 0;
		break;
	default:
		break;
	}
}

/*
 * §6.6: the promised stream is reserved by the server, which will answer
 * on it; the request is the PUSH_PROMISE's header block, so the client's
 * side of the stream is over from the start (§8.4: half-closed for it).
 */
void h2_frame_promised(struct h2_conn *c, int d)
{
	struct h2_side *s = &c->side[d];
	uint32_t id = s->f.u.headers.promised_stream;
	s->block.promised_stream = id;
	if (id == 0 || (id & 1)) {
		h2_problem(&s->f, N_("promised stream id not even"), H2_PROTOCOL_ERROR);
		return;
	}
	struct h2_stream *st = h2_stream_open(c, id);
	if (st == NULL)
		return;
	st->info.pushed = true;
	st->info.request_headers = 1;
	h2_stream_side_end(st, H2_CLIENT);
}

/*
 * §6.5.2: each entry is checked as it comes; the frame's last valid value
 * of each parameter takes effect when the frame ends (§6.5.3: processed
 * in order, so the last one wins).
 */
void h2_setting_entry(struct h2_conn *c, int d, uint16_t id, uint32_t value)
{
	struct h2_side *s = &c->side[d];
	struct h2_settings_info *si = &s->f.u.settings;
	if (si->kept < H2_SETTINGS_KEPT) {
		si->entries[si->kept].id = id;
		si->entries[si->kept].value = value;
		si->kept++;
	}
	si->count++;
	const char *bad = NULL;
	uint32_t error = H2_PROTOCOL_ERROR;
	if ((id == H2_SETTINGS_ENABLE_PUSH || id == H2_SETTINGS_ENABLE_CONNECT_PROTOCOL ||
	     id == H2_SETTINGS_NO_RFC7540_PRIORITIES) && value > 1) {
		bad = "SETTINGS value not 0 or 1";
	} else if (id == H2_SETTINGS_ENABLE_PUSH && value == 1 && d == H2_SERVER) {
		bad = "SETTINGS_ENABLE_PUSH of 1 from a server";
	} else if (id == H2_SETTINGS_INITIAL_WINDOW_SIZE && value > H2_WINDOW_MAX) {
		bad = "SETTINGS_INITIAL_WINDOW_SIZE over 2^31-1";
		error = H2_FLOW_CONTROL_ERROR;
	} else if (id == H2_SETTINGS_MAX_FRAME_SIZE &&
		   (value < H2_DEFAULT_FRAME_SIZE || value > H2_MAX_FRAME_SIZE_LIMIT)) {
		bad = "SETTINGS_MAX_FRAME_SIZE out of range";
	}
	if (bad != NULL) {
		h2_problem(&s->f, bad, error);
		return;
	}
	if (id >= 1 && id <= 9) {
		s->set_val[id] = value;
		s->set_mask = (uint16_t)(s->set_mask | 1u << id);
	}
}

/*
 * A SETTINGS frame of side `d` (the receiver of the other side's frames)
 * takes effect here, when it is seen.  The other side applies it when it
 * receives it and then acknowledges it (§6.5.3), so DATA it sent before
 * then, still in flight past the capture point, is counted against the
 * new values: a capture near the receiver may show a window briefly
 * exceeded that the sender never exceeded.  HPACK table sizes are the
 * exception (hpack.c): they wait for the ACK, which tells exactly where
 * the encoder's next header block starts using them.
 */
static void settings_end(struct h2_conn *c, int d)
{
	struct h2_side *s = &c->side[d];
	if (s->f.flags & H2_FLAG_ACK) {
		h2_hpack_ack(s);	/* this side's encoder acknowledges */
		return;
	}
	uint32_t table = H2_TABLE_NONE;
	if (s->set_mask & 1u << H2_SETTINGS_HEADER_TABLE_SIZE) {
		table = s->set_val[H2_SETTINGS_HEADER_TABLE_SIZE];
		if (table > H2_HEADER_TABLE_CAP)
			table = H2_HEADER_TABLE_CAP;	/* memory bound */
	}
	h2_hpack_settings(&c->side[!d], table);
	if (s->set_mask & 1u << H2_SETTINGS_INITIAL_WINDOW_SIZE) {
		/* §6.9.2: every stream window moves by the difference */
		int64_t v = s->set_val[H2_SETTINGS_INITIAL_WINDOW_SIZE];
		h2_streams_shift(c, !d, v - s->initial_window);
		s->initial_window = v;
	}
	if (s->set_mask & 1u << H2_SETTINGS_MAX_FRAME_SIZE)
		s->max_frame_size = s->set_val[H2_SETTINGS_MAX_FRAME_SIZE];
}

/*
 * §6.9: WINDOW_UPDATE from side `d` grows the window of the other side as
 * a sender, the connection's on stream 0, else the stream's.  An increment
 * of 0 is a PROTOCOL_ERROR; a window over 2^31-1 a FLOW_CONTROL_ERROR.
 */
static void window_update_end(struct h2_conn *c, int d)
{
	struct h2_frame *f = &c->side[d].f;
	struct h2_window_update_info *w = &f->u.window_update;
	if (f->length != 4)
		return;
	if (w->increment == 0)
		h2_problem(f, N_("WINDOW_UPDATE increment of 0"), H2_PROTOCOL_ERROR);
	int64_t *win = NULL;
	if (f->stream_id == 0) {
		win = &c->side[!d].conn_window;
	} else {
		struct h2_stream *st = h2_stream_find(c, f->stream_id);
		if (st != NULL)
			win = &st->window[!d];
	}
	if (win == NULL)
		return;
	w->window_known = true;
	w->window_before = *win;
	*win += w->increment;
	w->window_after = *win;
	w->window_exceeded = *win > H2_WINDOW_MAX;
	if (w->window_exceeded)
		h2_problem(f, N_("window over 2^31-1"), H2_FLOW_CONTROL_ERROR);
}

/* DATA is counted against its stream's side; END_STREAM ends that side. */
static void data_end(struct h2_conn *c, int d)
{
	struct h2_frame *f = &c->side[d].f;
	struct h2_data_info *di = &f->u.data;
	uint32_t overhead = (di->padded ? 1u : 0u) + di->pad_len;
	di->data_len = f->length > overhead ? f->length - overhead : 0;
	struct h2_stream *st = h2_stream_find(c, f->stream_id);
	if (st == NULL)
		return;
	if (d == H2_CLIENT) {
		st->info.request_data += di->data_len;
		st->info.request_missing += di->data_missing;
	} else {
		st->info.response_data += di->data_len;
		st->info.response_missing += di->data_missing;
	}
	if (di->end_stream)
		h2_stream_side_end(st, d);
}

/* A frame of a header block ends; returns the stream it may close. */
static uint32_t block_frame_end(struct h2_conn *c, int d)
{
	struct h2_side *s = &c->side[d];
	struct h2_frame *f = &s->f;
	if (f->type == H2_HEADERS) {
		struct h2_stream *st = h2_stream_find(c, f->stream_id);
		if (st != NULL && d == H2_CLIENT)
			st->info.request_headers++;
		else if (st != NULL)
			st->info.response_headers++;
	}
	if (!(f->flags & H2_FLAG_END_HEADERS) || !s->in_block)
		return 0;
	h2_hpack_block_end(s);
	f->u.headers.block = &s->block;
	h2_streams_block(c, d, &s->block);
	return s->block.type == H2_HEADERS ? s->block.stream_id : 0;
}

/* §6.4: RST_STREAM closes the stream at once, from either side. */
static void rst_stream_end(struct h2_conn *c, int d)
{
	struct h2_frame *f = &c->side[d].f;
	struct h2_stream *st = h2_stream_find(c, f->stream_id);
	if (st == NULL || f->length != 4 || st->info.reset)
		return;
	st->info.reset = true;
	st->info.reset_dir = (uint8_t)d;
	st->info.reset_error = f->u.rst_stream.error_code;
}

void h2_frame_end(struct h2_conn *c, int d, const struct h2_callbacks *cb, void *ctx)
{
	struct h2_frame *f = &c->side[d].f;
	uint32_t closing = 0;
	switch (f->type) {
	case H2_DATA:
		data_end(c, d);
		closing = f->stream_id;
		break;
	case H2_HEADERS:
	case H2_PUSH_PROMISE:
	case H2_CONTINUATION:
		closing = block_frame_end(c, d);
		break;
	case H2_RST_STREAM:
		rst_stream_end(c, d);
		closing = f->stream_id;
		break;
	case H2_SETTINGS:
		settings_end(c, d);
		break;
	case H2_WINDOW_UPDATE:
		window_update_end(c, d);
		break;
	default:
		break;
	}
	if (cb->on_frame != NULL)
		cb->on_frame(ctx, d, f);
	if (closing != 0)
		h2_stream_settle(c, closing, cb, ctx);
}
