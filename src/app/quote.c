/*
 * quote.c - quotes the first line of each application message (see quote.h).
 *
 * A message starts when a side sends bytes after the other side did (or
 * first): request, response, request...  The bytes come from the TCP
 * layer's reassembly, so data sent again is never quoted twice and a
 * message that starts after a gap is quoted from its own first byte.  Only
 * printable ASCII up to the end of the line is quoted, at most
 * TV_QUOTE_MAX bytes and at least 3; binary protocols get no quote.  Bytes
 * are read through the bounds-checked cursor.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/app/quote.h"
#include "tcpview/util/cursor.h"
#include "tcpview/util/idmap.h"

/*
 * Per connection only two bits, kept in the id map's value itself (no
 * allocation per connection): whether the next bytes of each direction
 * start a message.  A quote waits in the sink for the event of the packet
 * whose bytes it came from, which the tracker hands on right after them.
 */
#define MSG_START(d) ((uintptr_t)1 << (d))
#define PRESENT ((uintptr_t)4)	/* keeps the value non-NULL */

struct quote_sink {
	struct tv_sink sink;
	struct tv_sink *next;
	struct idmap conns;	/* connection id → MSG_START bits | PRESENT */
	bool pending;		/* a quote waits for the event of its frame */
	uint64_t conn, frame;
	enum tv_dir dir;
	uint8_t len;
	char text[TV_QUOTE_MAX];
};

static void quote_begin(struct tv_sink *s)
{
	struct quote_sink *q = (struct quote_sink *)s;
	q->next->ops->begin(q->next);
}

static void quote_conn_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	struct quote_sink *q = (struct quote_sink *)s;
	/* Out of memory: no quotes for it; the narration still works. */
	idmap_put(&q->conns, c->id, (void *)(MSG_START(0) | MSG_START(1) | PRESENT));
	q->next->ops->conn_open(q->next, c);
}

/* The printable first line of `data`, or 0 when it is not text. */
static uint8_t first_line(const uint8_t *data, size_t len, char *out)
{
	struct cursor cur = cursor_make(data, len);
	uint8_t n = 0;
	while (n < TV_QUOTE_MAX && cursor_left(&cur) > 0) {
		uint8_t ch = cur_u8(&cur);
		if (ch == '\r' || ch == '\n')
			break;
		if (ch < 0x20 || ch > 0x7e)
			return 0;	/* binary: nothing to quote */
		out[n++] = (char)ch;
	}
	return n >= 3 ? n : 0;
}

static void quote_bytes(struct tv_sink *s, uint64_t conn, enum tv_dir d,
			uint64_t frame, const uint8_t *data, size_t len)
{
	struct quote_sink *q = (struct quote_sink *)s;
	uintptr_t bits = (uintptr_t)idmap_get(&q->conns, conn);
	if (data != NULL && (bits & MSG_START(d))) {
		bits = (bits & ~MSG_START(d)) | MSG_START(dir_other(d));
		idmap_put(&q->conns, conn, (void *)bits);
		q->len = first_line(data, len, q->text);
		q->pending = q->len > 0;
		q->conn = conn;
		q->dir = d;
		q->frame = frame;
	}
	if (q->next->ops->bytes != NULL)
		q->next->ops->bytes(q->next, conn, d, frame, data, len);
}

static void quote_event(struct tv_sink *s, const struct tv_event *ev)
{
	struct quote_sink *q = (struct quote_sink *)s;
	/* The quote belongs to the frame whose bytes started the message;
	 * bytes of a segment held out of order come with a later packet's
	 * event, and are not quoted there. */
	bool mine = q->pending && q->conn == ev->conn && q->frame == ev->frame &&
		    q->dir == ev->dir;
	q->pending = false;
	if (!mine) {
		q->next->ops->event(q->next, ev);
		return;
	}
	struct tv_event quoted = *ev;
	memcpy(quoted.quote, q->text, q->len);
	quoted.quote_len = q->len;
	q->next->ops->event(q->next, &quoted);
}

static void quote_conn_close(struct tv_sink *s, const struct tv_conn_report *r)
{
	struct quote_sink *q = (struct quote_sink *)s;
	idmap_take(&q->conns, r->info.id);
	q->next->ops->conn_close(q->next, r);
}

static void quote_malformed(struct tv_sink *s, const char *file, uint64_t frame,
			    const char *why)
{
	struct quote_sink *q = (struct quote_sink *)s;
	q->next->ops->malformed(q->next, file, frame, why);
}

static void quote_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
			 const struct tv_stats *st)
{
	struct quote_sink *q = (struct quote_sink *)s;
	q->next->ops->finish(q->next, in, n, st);
}

static void quote_destroy(struct tv_sink *s)
{
	struct quote_sink *q = (struct quote_sink *)s;
	idmap_release(&q->conns);
	free(q);
}

static const struct tv_sink_ops quote_ops = {
	.begin = quote_begin,
	.conn_open = quote_conn_open,
	.event = quote_event,
	.bytes = quote_bytes,
	.conn_close = quote_conn_close,
	.malformed = quote_malformed,
	.finish = quote_finish,
	.destroy = quote_destroy,
};

struct tv_sink *app_quote_new(struct tv_sink *next)
{
	struct quote_sink *q = calloc(1, sizeof(*q));
	if (q == NULL)
		return NULL;
	q->sink.ops = &quote_ops;
	q->next = next;
	idmap_init(&q->conns);
	return &q->sink;
}
