/*
 * h2_int.h - what the files of the HTTP/2 parser share (src/app/h2 only).
 *
 * parser.c frames each direction and walks each payload; frames.c gives
 * each frame its meaning once read (settings, windows, streams); hpack.c
 * drives the HPACK inflaters; streams.c keeps the stream table, the
 * per-stream windows and the on_stream reports.  Everything works on the
 * caller's struct h2_conn (app/h2.h) and allocates nothing.
 */
#ifndef TCPVIEW_APP_H2_INT_H
#define TCPVIEW_APP_H2_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/app/h2.h"

/* RFC 9113 §6.5.2: the initial values of a side's settings. */
#define H2_DEFAULT_WINDOW 65535
#define H2_DEFAULT_FRAME_SIZE 16384
#define H2_DEFAULT_TABLE_SIZE 4096
#define H2_MAX_FRAME_SIZE_LIMIT 16777215	/* 2^24-1 */
#define H2_WINDOW_MAX 2147483647		/* 2^31-1, §6.9.1 */

/* A SETTINGS frame without SETTINGS_HEADER_TABLE_SIZE (hpack.c's queue). */
#define H2_TABLE_NONE UINT32_MAX

/* Reader phases of a side (struct h2_side.phase). */
enum { H2_PH_PREFACE, H2_PH_FRAMES, H2_PH_STOPPED };

/* ---- parser.c -------------------------------------------------------- */

/* Records what a receiver would reject the frame for; the first one stays. */
void h2_problem(struct h2_frame *f, const char *why, uint32_t error);

/* ---- frames.c -------------------------------------------------------- */

/* A frame header was read (s->f holds it): the checks and the state
 * changes that belong to the frame's start. */
void h2_frame_begin(struct h2_conn *c, int d);

/* PUSH_PROMISE's promised stream id was read (s->f holds it). */
void h2_frame_promised(struct h2_conn *c, int d);

/* The whole frame was read: its meaning, then on_frame and on_stream. */
void h2_frame_end(struct h2_conn *c, int d, const struct h2_callbacks *cb, void *ctx);

/* A SETTINGS entry was read (the fields of s->f.u.settings are kept here). */
void h2_setting_entry(struct h2_conn *c, int d, uint16_t id, uint32_t value);

/* ---- hpack.c --------------------------------------------------------- */

bool h2_hpack_init(struct h2_side *s);
void h2_hpack_release(struct h2_side *s);

/* A HEADERS or PUSH_PROMISE frame starts a block of side `s`. */
void h2_hpack_block_begin(struct h2_side *s, uint32_t stream_id, uint8_t type,
			  bool end_stream);

/* Bytes of the block's fragment; `final` with the last one of the block. */
void h2_hpack_fragment(struct h2_side *s, const uint8_t *p, size_t n, bool final);

/* The block ended (END_HEADERS): fixes block.decoded. */
void h2_hpack_block_end(struct h2_side *s);

/* This side's HPACK state is unknown from now on (a gap, a broken block). */
void h2_hpack_lose(struct h2_side *s);

/* The other side announced `size` (or H2_TABLE_NONE) in a SETTINGS frame
 * that side `enc`, whose blocks it decodes, has still to acknowledge. */
void h2_hpack_settings(struct h2_side *enc, uint32_t size);

/* Side `enc` sent a SETTINGS ACK. */
void h2_hpack_ack(struct h2_side *enc);

/* ---- streams.c ------------------------------------------------------- */

struct h2_stream *h2_stream_find(struct h2_conn *c, uint32_t id);

/* A new stream `id`: NULL when its id is not above the others of its kind
 * (closed, or already counted) or the table is full (counted untracked). */
struct h2_stream *h2_stream_open(struct h2_conn *c, uint32_t id);

/* Side `d` sent END_STREAM on `st`. */
void h2_stream_side_end(struct h2_stream *st, int d);

/* Reports and frees stream `id` if it is tracked and closed. */
void h2_stream_settle(struct h2_conn *c, uint32_t id, const struct h2_callbacks *cb,
		      void *ctx);

/* Every stream window of `sender` moves by `delta` (§6.9.2). */
void h2_streams_shift(struct h2_conn *c, int sender, int64_t delta);

/* Side `d` will send nothing more: its open streams end with it. */
void h2_streams_side_done(struct h2_conn *c, int d, const struct h2_callbacks *cb,
			  void *ctx);

/* A header block ended: the request or response it carries. */
void h2_streams_block(struct h2_conn *c, int d, const struct h2_header_block *b);

#endif
