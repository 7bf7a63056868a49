/*
 * hpack.c - header blocks of one direction through libnghttp2's HPACK
 * inflater (RFC 7541), fed as the fragments arrive (see h2.h).
 *
 * Each direction has its own decoder: the dynamic table a block builds is
 * the one later blocks of that direction refer to (RFC 7541 §2.3.2), so
 * no byte of a block may be skipped and blocks are decoded in order.  The
 * inflater keeps its own state between fragments (a string cut between
 * two CONTINUATION frames included), so the parser never buffers a block.
 * Fields are copied out as nghttp2 emits them, cut to the bounds of
 * struct h2_field.  When decoding fails, or a gap or a broken block hides
 * bytes the encoder counted on, the direction's HPACK is lost for good:
 * later blocks are reported as not decoded rather than guessed.
 *
 * The dynamic table's maximum is the decoder's own setting, which the
 * *other* side announces in SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2),
 * capped at H2_HEADER_TABLE_CAP to bound memory.  The encoder starts using
 * a new maximum once it has the SETTINGS frame, and signals a smaller one
 * at the start of its next block (RFC 7541 §4.2) - after the SETTINGS ACK
 * it sends in the same byte stream.  So a smaller size is applied at that
 * ACK, where libnghttp2 then insists on the size update; a larger one is
 * allowed at once, since a higher limit changes nothing until the encoder
 * signals it.
 */
#include "config.h"

#include <string.h>

#include <nghttp2/nghttp2.h>

#include "h2_int.h"

bool h2_hpack_init(struct h2_side *s)
{
	nghttp2_hd_inflater *inflater = NULL;
	if (nghttp2_hd_inflate_new(&inflater) != 0)
		return false;
	s->inflater = inflater;
	return true;
}

void h2_hpack_release(struct h2_side *s)
{
	if (s->inflater != NULL)
		nghttp2_hd_inflate_del(s->inflater);
	s->inflater = NULL;
}

void h2_hpack_lose(struct h2_side *s)
{
	s->hpack_lost = true;
	s->block_ok = false;
}

void h2_hpack_block_begin(struct h2_side *s, uint32_t stream_id, uint8_t type,
			  bool end_stream)
{
	struct h2_header_block *b = &s->block;
	b->stream_id = stream_id;
	b->type = type;
	b->promised_stream = 0;
	b->end_stream = end_stream;
	b->decoded = false;
	b->frames = 1;
	b->fragment_len = 0;
	b->nfields = 0;
	b->kept = 0;
	s->in_block = true;
	s->block_ok = !s->hpack_lost && s->inflater != NULL;
}

/* Copies at most `max` bytes of a string, NUL-terminated; true if cut. */
static bool keep_string(char *dst, uint8_t *dst_len, const uint8_t *src, size_t len,
			size_t max)
{
	size_t n = len < max ? len : max;
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
	*dst_len = (uint8_t)n;
	return len > max;
}

static void keep_field(struct h2_header_block *b, const nghttp2_nv *nv)
{
	b->nfields++;
	if (b->kept >= H2_FIELDS_KEPT)
		return;
	struct h2_field *fl = &b->fields[b->kept++];
	fl->name_cut = keep_string(fl->name, &fl->name_len, nv->name, nv->namelen, H2_NAME_MAX);
	fl->value_cut = keep_string(fl->value, &fl->value_len, nv->value, nv->valuelen,
				    H2_VALUE_MAX);
	fl->never_indexed = (nv->flags & NGHTTP2_NV_FLAG_NO_INDEX) != 0;
}

void h2_hpack_fragment(struct h2_side *s, const uint8_t *p, size_t n, bool final)
{
	static const uint8_t none[1];
	if (!s->block_ok)
		return;
	if (p == NULL)
		p = none;	/* an empty last fragment: n is 0 */
	for (;;) {
		nghttp2_nv nv;
		int flags = 0;
		ssize_t rv = nghttp2_hd_inflate_hd2(s->inflater, &nv, &flags, p, n, final);
		if (rv < 0) {
			h2_hpack_lose(s);	/* RFC 9113 §4.3: a COMPRESSION_ERROR */
			return;
		}
		p += rv;
		n -= (size_t)rv;
		if (flags & NGHTTP2_HD_INFLATE_EMIT)
			keep_field(&s->block, &nv);
		if (flags & NGHTTP2_HD_INFLATE_FINAL) {
			nghttp2_hd_inflate_end_headers(s->inflater);
			s->block.decoded = true;
			return;
		}
		if (!(flags & NGHTTP2_HD_INFLATE_EMIT) && n == 0)
			return;
	}
}

void h2_hpack_block_end(struct h2_side *s)
{
	struct h2_header_block *b = &s->block;
	if (!s->block_ok || !b->decoded) {
		b->decoded = false;
		b->nfields = 0;
		b->kept = 0;
	}
	s->in_block = false;
	s->block_ok = false;
}

/* Sets the inflater's maximum, between blocks only (libnghttp2 refuses it
 * inside one; a higher limit skipped here comes back with the ACK). */
static void apply_table_size(struct h2_side *enc, uint32_t size)
{
	if (enc->hpack_lost || enc->in_block || enc->inflater == NULL)
		return;
	if (nghttp2_hd_inflate_change_table_size(enc->inflater, size) != 0) {
		h2_hpack_lose(enc);
		return;
	}
	enc->table_applied = size;
}

static uint32_t pop_pending(struct h2_side *enc)
{
	uint32_t size = enc->table_pending[0];
	enc->npending--;
	memmove(enc->table_pending, enc->table_pending + 1,
		enc->npending * sizeof(enc->table_pending[0]));
	return size;
}

void h2_hpack_settings(struct h2_side *enc, uint32_t size)
{
	if (size != H2_TABLE_NONE && size > enc->table_applied)
		apply_table_size(enc, size);
	/* SETTINGS are acknowledged in order (§6.5.3).  Past the queue's
	 * room, the oldest is taken as acknowledged now. */
	if (enc->npending == H2_TABLE_PENDING) {
		uint32_t oldest = pop_pending(enc);
		if (oldest != H2_TABLE_NONE)
			apply_table_size(enc, oldest);
	}
	enc->table_pending[enc->npending++] = size;
}

void h2_hpack_ack(struct h2_side *enc)
{
	if (enc->npending == 0)
		return;		/* a SETTINGS sent before the capture began */
	uint32_t size = pop_pending(enc);
	if (size != H2_TABLE_NONE)
		apply_table_size(enc, size);
}
