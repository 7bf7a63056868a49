/*
 * parallel.c - worker threads, and their outputs merged (see parallel.h).
 *
 * The reader (the caller's thread) fills, for each worker, a block of
 * messages: the packets of its connections, copied with their payload,
 * and the messages every worker gets (the expiry clock, DNS over UDP).
 * Blocks are sealed for all workers at once, each stamped with the number
 * of the first packet not yet handed out.
 *
 * A worker runs its chain over its blocks.  Its output writes into an obuf
 * whose bytes become pieces, each labelled with a tag: the packet whose
 * handling wrote it, and within a packet, the connections that end on the
 * clock before it in the order one tracker ends them (tracker.h's
 * `ending`), then the packet itself; at the end of the input, the
 * connections in id order (SPEC §11).  Pieces fill fixed out blocks; an
 * out block sent back also carries the worker's watermark, the tag no
 * later piece of it will come before.
 *
 * The reader merges too, between blocks and whenever it would wait: the
 * smallest head piece is written once every other worker's head or
 * watermark is past it.  Tags are unique (a packet and an ending
 * connection belong to one worker), so the order is that of one thread,
 * and so is the output.  The pieces' bytes are not copied: they leave from
 * the out blocks with writev(2), before those go back.  The capture-wide
 * verdict is counted from pieces too, in the order connections end.
 *
 * One mutex guards the queues; it is taken once per block, not per packet.
 * A worker waits for a block or a free out block, the reader for a free
 * block or an out block: each bounded, so memory is bounded, and no wait
 * closes a cycle (a worker never waits for an out block to be written
 * unless its pieces come after what every other worker has been handed,
 * which the other workers finish without waiting on the reader).
 */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "chain.h"
#include "parallel.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/diagnose/tally.h"
#include "tcpview/flow/recent.h"

/* A block of messages for one worker, and the bytes of their payloads. */
#define BLOCK_MSGS 512
#define BLOCK_BYTES (192u * 1024)
/* Blocks and out blocks per worker: 12 and 16 for two workers, fewer
 * each for more, so that the queues' memory stays about 17 MiB in all. */
#define BLOCKS_FOR_ALL 24
#define BLOCKS_MIN 3
/* Out blocks of pieces, per worker, and the buffer of the worker's obuf
 * after its last out block (what the end of the output writes). */
#define OUT_BYTES (256u * 1024)
#define OUTS_FOR_ALL 32
#define OUTS_MIN 4
#define WORKER_OBUF (16u * 1024)
/* Blocks of packets after which an out block goes, full or not. */
#define OUT_AGE_MAX 4
/* Pieces the merge writes with one writev(2), where they lie in the out
 * blocks: POSIX lets a system take no more than IOV_MAX. */
#if defined(IOV_MAX) && IOV_MAX < 1024
#define GATHER_MAX IOV_MAX
#else
#define GATHER_MAX 1024
#endif
/* The smallest piece worth starting at the end of an out block. */
#define PIECE_MIN 256
/* The least room the output is given in an out block to write in place:
 * more than the largest event it reserves (json.c), so that the copy of
 * put_piece() is for what is larger than that, a story at its end. */
#define OUT_ROOM_MIN (16u * 1024)

/* ---- tags ----------------------------------------------------------------- */

/* Where a piece goes: packet `g` (the run's count), and within it `sub`. */
struct tag {
	uint64_t g, sub;
};

/* sub: the connections that end on the clock before packet g come first
 * (1 + list << 60 + their last packet), then the packet's own records. */
#define SUB_PACKET UINT64_MAX
/* g of the connections that end with the input (sub: their id). */
#define G_END UINT64_MAX

static const struct tag TAG_FIRST = { 0, 0 };	/* before anything */
static const struct tag TAG_BEGIN = { 0, 1 };	/* what begin writes */
static const struct tag TAG_LAST = { UINT64_MAX, UINT64_MAX };

static int tag_cmp(struct tag a, struct tag b)
{
	if (a.g != b.g)
		return a.g < b.g ? -1 : 1;
	return a.sub < b.sub ? -1 : a.sub > b.sub;
}

/* ---- blocks ---------------------------------------------------------------- */

enum msg_kind { M_TCP, M_ICMP, M_UDP, M_EXPIRE, M_MALFORMED };

struct msg {
	uint8_t kind;
	uint64_t packet;
	struct tv_packet p;	/* payload in the block's bytes; M_EXPIRE: p.ts */
	struct conn_ref ref;	/* M_TCP */
	const char *file, *why;	/* M_MALFORMED, with p.frame */
};

struct block {
	struct block *next;
	size_t n, used;
	uint64_t through;	/* every packet numbered below it is handed out */
	bool end;		/* the input ended after it */
	struct msg msg[BLOCK_MSGS];
	uint8_t bytes[BLOCK_BYTES];
};

enum piece_kind { P_BYTES, P_TALLY };

/* A piece's entry in an out block's index; `off` and `len` place its
 * bytes in the block's data. */
struct piece {
	struct tag tag;
	uint32_t off, len : 31, kind : 1;
};

/* What the merge counts of a connection for the capture-wide verdict. */
struct tally_rec {
	struct tv_endpoint server;
	uint64_t conn;
	int failure;
};

/*
 * An out block is laid out as a slotted page: the pieces' bytes grow from
 * the start of `data`, one after the other, and their index from its end
 * down.  The merge reads only the index, packed, to order the pieces: a
 * header before each piece's bytes cost it one cache line fetched from the
 * worker's core per piece.  And a worker's pieces that are written one
 * after another are one run of bytes, written with one iovec.
 */
struct outblock {
	struct outblock *next;
	size_t used;		/* bytes of data */
	size_t npiece;		/* entries of the index */
	bool done;		/* the worker's last */
	_Alignas(struct piece) uint8_t data[OUT_BYTES];
};

/* The index entry of piece i, i from 0. */
static struct piece *piece_at(struct outblock *o, size_t i)
{
	return (struct piece *)(void *)(o->data + OUT_BYTES) - (i + 1);
}

/* What is left between the bytes and the index. */
static size_t out_room(const struct outblock *o)
{
	return OUT_BYTES - o->used - o->npiece * sizeof(struct piece);
}

static size_t pad8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* ---- state ----------------------------------------------------------------- */

struct worker;

/* Between the diagnosis and the output: the findings of each ending
 * connection become a tally piece for the merge. */
struct tap {
	struct tv_sink sink;
	struct tv_sink_ops ops;
	struct worker *w;
};

enum worker_mode { W_PACKET, W_EXPIRE, W_END };

struct worker {
	struct parallel *par;
	pthread_t thread;
	bool started;
	struct chain chain;
	struct tv_sink *out;
	/* The output's obuf: it writes in the current out block, in place
	 * (point_obuf), and in its own buffer after the last one. */
	struct obuf ob;
	char *ob_own;
	struct tap tap;
	/* The worker's: where its output goes now. */
	struct tag tag;
	enum worker_mode mode;
	uint64_t mode_packet;	/* W_EXPIRE: the packet the clock ran before */
	bool discard;		/* what the output writes now is dropped */
	bool udp_silent;	/* ... when it tells DNS over UDP */
	struct outblock *ocur;
	struct tag ocur_first;	/* the tag of ocur's first piece */
	unsigned ocur_age;	/* blocks of packets read since */
	struct tag through;	/* the last block's stamp, as a tag */
	/* The reader's: the block being filled. */
	struct block *fill;
	/* Under par->mu. */
	struct block *q_head, *q_tail, *bfree;
	struct outblock *oq_head, *oq_tail, *ofree;
	/* No piece not yet in oq comes before it: the first piece of ocur,
	 * or where the worker has read to. */
	struct tag wm;
	pthread_cond_t cv;	/* the worker waits here */
	/* The reader's, merging. */
	struct outblock *mcur;
	size_t mnext;		/* the index of mcur's next piece */
	struct tag mwm;
	bool mdone;
};

struct parallel {
	unsigned n;
	struct worker *w;
	pthread_mutex_t mu;
	pthread_cond_t main_cv;	/* the reader waits: a free block, an out block */
	struct obuf *out;
	/* Pieces merged, not yet written: their out blocks go back to the
	 * workers only after gather_flush(). */
	struct iovec gather[GATHER_MAX];
	int gathered;
	struct dx_tally *tally;	/* NULL: no capture-wide verdict */
	const struct pipeline_options *opt;
};

/* ---- the worker's output: pieces ------------------------------------------- */

/* The watermark, as the worker can tell it now (with the mutex held). */
static void publish(struct worker *w)
{
	bool some = w->ocur != NULL && w->ocur->npiece > 0;
	w->wm = some ? w->ocur_first : w->through;
	pthread_cond_signal(&w->par->main_cv);
}

static void point_obuf(struct worker *w);

/* Hands the current out block to the reader and takes a free one (unless
 * it was the last).  Out blocks go when full, when the worker would wait
 * for packets, and at the end: not once per block of packets, so that a
 * worker ahead of the others holds many packets' output in few of them. */
static void push_out(struct worker *w, bool done)
{
	struct parallel *par = w->par;
	struct outblock *o = w->ocur;
	o->done = done;
	o->next = NULL;
	pthread_mutex_lock(&par->mu);
	if (w->oq_tail != NULL)
		w->oq_tail->next = o;
	else
		w->oq_head = o;
	w->oq_tail = o;
	w->ocur = NULL;
	if (!done) {
		while (w->ofree == NULL)
			pthread_cond_wait(&w->cv, &par->mu);
		w->ocur = w->ofree;
		w->ofree = w->ofree->next;
		w->ocur->used = w->ocur->npiece = 0;
	}
	publish(w);
	pthread_mutex_unlock(&par->mu);
	if (!done)
		point_obuf(w);
}

/*
 * The output writes its bytes where they will stay: in the out block, after
 * the pieces' bytes, leaving room for the index entry that add_piece()
 * gives them, so that a packet's events are not copied from the obuf into
 * a piece.  Called when the obuf is empty.
 */
static void point_obuf(struct worker *w)
{
	w->ob.buf = (char *)w->ocur->data + w->ocur->used;
	w->ob.cap = out_room(w->ocur) - sizeof(struct piece);
	w->ob.len = 0;
}

/* point_obuf(), in the next out block when this one has little room left. */
static void repoint(struct worker *w)
{
	if (out_room(w->ocur) < sizeof(struct piece) + OUT_ROOM_MIN)
		push_out(w, false);
	else
		point_obuf(w);
}

/* Adds a piece of `n` bytes under the current tag at the end of the out
 * block (which has the room) and returns where its bytes go. */
static uint8_t *add_piece(struct worker *w, enum piece_kind kind, size_t n)
{
	struct outblock *o = w->ocur;
	if (o->npiece == 0) {
		w->ocur_first = w->tag;
		w->ocur_age = 0;
	}
	*piece_at(o, o->npiece++) = (struct piece){
		.tag = w->tag, .off = (uint32_t)o->used, .len = (uint32_t)n,
		.kind = kind
	};
	o->used += n;
	return o->data + o->used - n;
}

/* Appends a piece (split over out blocks when it does not fit one; a tally
 * is never split). */
static void put_piece(struct worker *w, enum piece_kind kind, const void *data, size_t n)
{
	const uint8_t *p = data;
	do {
		size_t room = out_room(w->ocur);
		room = room > sizeof(struct piece) ? room - sizeof(struct piece) : 0;
		if (room < (kind == P_TALLY ? n : n < PIECE_MIN ? n : PIECE_MIN)) {
			push_out(w, false);
			continue;
		}
		size_t k = n < room ? n : room;
		memcpy(add_piece(w, kind, k), p, k);
		p += k;
		n -= k;
	} while (n > 0);
	repoint(w);	/* the obuf was where the piece went */
}

/* The obuf's drain: bytes the output wrote, under the current tag; in
 * place, or (a write larger than the room) from the writer's memory. */
static void drain(void *ctx, const void *p, size_t n)
{
	struct worker *w = ctx;
	if (w->ocur == NULL)	/* after the last out block: nothing is kept */
		return;
	if (p == w->ob.buf) {	/* the bytes are where add_piece() puts them */
		if (!w->discard && n > 0)
			add_piece(w, P_BYTES, n);
		repoint(w);
	} else if (!w->discard && n > 0) {
		put_piece(w, P_BYTES, p, n);
	}
}

/* What is written from now on goes under `t`. */
static void set_tag(struct worker *w, struct tag t)
{
	if (w->ob.len > 0)
		obuf_flush(&w->ob);
	w->tag = t;
}

/* tracker_config.ending: a connection that ends on the clock or with the
 * input takes its place among the other workers' (a port reuse or the
 * tracking limit ends it within its packet, whose tag it keeps). */
static void worker_ending(void *ctx, uint64_t id, unsigned list, uint64_t last_packet)
{
	struct worker *w = ctx;
	if (w->mode == W_END)
		set_tag(w, (struct tag){ G_END, id });
	else if (w->mode == W_EXPIRE)
		set_tag(w, (struct tag){ w->mode_packet, 1 + ((uint64_t)list << 60) + last_packet });
}

/* ---- the tap --------------------------------------------------------------- */

#define NEXT(s) (((struct tap *)(s))->w->out)

static void tap_begin(struct tv_sink *s) { NEXT(s)->ops->begin(NEXT(s)); }
static void tap_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	NEXT(s)->ops->conn_open(NEXT(s), c);
}
static void tap_event(struct tv_sink *s, const struct tv_event *ev)
{
	NEXT(s)->ops->event(NEXT(s), ev);
}
static void tap_bytes(struct tv_sink *s, uint64_t conn, enum tv_dir d, uint64_t frame,
		      const uint8_t *data, size_t len)
{
	NEXT(s)->ops->bytes(NEXT(s), conn, d, frame, data, len);
}
static void tap_app(struct tv_sink *s, const struct tv_app *a)
{
	NEXT(s)->ops->app(NEXT(s), a);
}
static void tap_diagnosis(struct tv_sink *s, const struct tv_diagnosis *d)
{
	struct worker *w = ((struct tap *)s)->w;
	if (w->par->tally != NULL) {
		struct tally_rec t = { .server = d->server, .conn = d->conn,
				       .failure = dx_tally_failure(d) };
		set_tag(w, w->tag);	/* the bytes before it go first */
		put_piece(w, P_TALLY, &t, sizeof(t));
	}
	if (w->out->ops->diagnosis != NULL)
		w->out->ops->diagnosis(w->out, d);
}
static void tap_close(struct tv_sink *s, const struct tv_conn_report *r)
{
	NEXT(s)->ops->conn_close(NEXT(s), r);
}
static void tap_settle(struct tv_sink *s) { NEXT(s)->ops->settle(NEXT(s)); }
static void tap_malformed(struct tv_sink *s, const char *file, uint64_t frame, const char *why)
{
	NEXT(s)->ops->malformed(NEXT(s), file, frame, why);
}
static void tap_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
		       const struct tv_stats *st)
{
	(void)s, (void)in, (void)n, (void)st;	/* parallel_finish finishes the output */
}
static void tap_destroy(struct tv_sink *s) { (void)s; }

static void tap_init(struct tap *t, struct worker *w)
{
	const struct tv_sink_ops *o = w->out->ops;
	t->w = w;
	t->ops = (struct tv_sink_ops){
		.begin = tap_begin,
		.conn_open = tap_open,
		.event = tap_event,
		.bytes = o->bytes != NULL ? tap_bytes : NULL,
		.app = o->app != NULL ? tap_app : NULL,
		.diagnosis = tap_diagnosis,
		.capture_verdict = NULL,
		.conn_close = tap_close,
		.settle = o->settle != NULL ? tap_settle : NULL,
		.malformed = tap_malformed,
		.finish = tap_finish,
		.destroy = tap_destroy,
	};
	t->sink.ops = &t->ops;
}

/* ---- the worker ------------------------------------------------------------ */

static void run_msg(struct worker *w, struct msg *m)
{
	struct chain *c = &w->chain;
	if (m->kind == M_EXPIRE) {
		w->mode = W_EXPIRE;
		w->mode_packet = m->packet;
		tracker_expire(c->tr, m->p.ts);
		w->mode = W_PACKET;
	} else {
		set_tag(w, (struct tag){ m->packet, SUB_PACKET });
		switch (m->kind) {
		case M_TCP:
			tracker_packet_ref(c->tr, &m->p, &m->ref);
			break;
		case M_ICMP:
			tracker_icmp(c->tr, &m->p);
			break;
		case M_UDP:
			w->discard = w->udp_silent;
			if (c->app != NULL)
				app_layer_udp(c->app, &m->p);
			break;
		default:
			c->head->ops->malformed(c->head, m->file, m->p.frame, m->why);
			break;
		}
	}
	/* What this packet made is written under its tag, not the next's. */
	if (c->head->ops->settle != NULL)
		c->head->ops->settle(c->head);
	if (w->ob.len > 0)
		obuf_flush(&w->ob);
	w->discard = false;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct parallel *par = w->par;
	for (;;) {
		pthread_mutex_lock(&par->mu);
		if (w->q_head == NULL && w->ocur->npiece > 0) {
			/* Nothing to read: what it wrote goes out first. */
			pthread_mutex_unlock(&par->mu);
			push_out(w, false);
			pthread_mutex_lock(&par->mu);
		}
		while (w->q_head == NULL)
			pthread_cond_wait(&w->cv, &par->mu);
		struct block *b = w->q_head;
		if ((w->q_head = b->next) == NULL)
			w->q_tail = NULL;
		pthread_mutex_unlock(&par->mu);

		for (size_t i = 0; i < b->n; i++)
			run_msg(w, &b->msg[i]);
		bool end = b->end;
		/* Pieces held back hold back the other workers' too: they go
		 * after a few blocks, full or not. */
		if (w->ocur->npiece > 0 && ++w->ocur_age >= OUT_AGE_MAX && !end)
			push_out(w, false);
		pthread_mutex_lock(&par->mu);
		w->through = (struct tag){ b->through, 0 };
		b->next = w->bfree;
		w->bfree = b;
		publish(w);
		pthread_mutex_unlock(&par->mu);
		if (end)
			break;
	}
	/* The end of the input: the connections left end in id order. */
	w->mode = W_END;
	chain_flush(&w->chain);
	if (w->chain.head->ops->settle != NULL)
		w->chain.head->ops->settle(w->chain.head);
	set_tag(w, TAG_LAST);
	w->through = TAG_LAST;
	push_out(w, true);
	return NULL;
}

/* ---- merging --------------------------------------------------------------- */

/* Whether the worker's out block being merged has a piece left. */
static bool has_head(const struct worker *w)
{
	return w->mcur != NULL && w->mnext < w->mcur->npiece;
}

static struct tag head_tag(const struct worker *w)
{
	return piece_at(w->mcur, w->mnext)->tag;
}

static void gather_flush(struct parallel *par)
{
	if (par->gathered > 0)
		obuf_writev(par->out, par->gather, par->gathered);
	par->gathered = 0;
}

/* Writes the piece at the worker's head: its bytes where they lie, with
 * the others gathered, and joined to the last when they follow it in the
 * same out block.  Copying them into the output's buffer was a quarter of
 * the reader's time with --jsonl. */
static void emit(struct parallel *par, struct worker *w)
{
	const struct piece *h = piece_at(w->mcur, w->mnext++);
	uint8_t *at = w->mcur->data + h->off;
	if (h->kind == P_TALLY) {
		struct tally_rec t;
		memcpy(&t, at, sizeof(t));
		dx_tally_add(par->tally, &t.server, t.conn, t.failure);
		return;
	}
	if (par->gathered > 0) {
		struct iovec *last = &par->gather[par->gathered - 1];
		if ((uint8_t *)last->iov_base + last->iov_len == at) {
			last->iov_len += h->len;
			return;
		}
	}
	if (par->gathered == GATHER_MAX)
		gather_flush(par);
	par->gather[par->gathered].iov_base = at;
	par->gather[par->gathered++].iov_len = h->len;
}

/* Under the mutex: gives back the out blocks written, takes the next ones
 * sent, and reads the watermarks.  True when a block went back. */
static bool take_sent(struct parallel *par)
{
	bool back = false;
	for (unsigned i = 0; i < par->n; i++) {
		const struct worker *w = &par->w[i];
		if (w->mcur != NULL && !has_head(w))
			gather_flush(par);	/* it goes back */
	}
	pthread_mutex_lock(&par->mu);
	for (unsigned i = 0; i < par->n; i++) {
		struct worker *w = &par->w[i];
		if (w->mcur != NULL && !has_head(w)) {
			w->mdone = w->mcur->done;
			w->mcur->next = w->ofree;
			w->ofree = w->mcur;
			w->mcur = NULL;
			pthread_cond_signal(&w->cv);
			back = true;
		}
		if (w->mcur == NULL && w->oq_head != NULL) {
			w->mcur = w->oq_head;
			if ((w->oq_head = w->mcur->next) == NULL)
				w->oq_tail = NULL;
			w->mnext = 0;
		}
		w->mwm = w->wm;
	}
	pthread_mutex_unlock(&par->mu);
	return back;
}

/*
 * Writes what can be written now: the pieces that come before every other
 * worker's head or watermark.  Takes the out blocks the workers sent and
 * gives back those written.  Returns whether anything moved; sets *done
 * when every worker has sent its last piece and all is written.  Called
 * by the reader between blocks and whenever it would wait.
 */
static bool merge_some(struct parallel *par, bool *done)
{
	bool moved = false, sync = true;
	for (;;) {
		/* The queues are read under the mutex only when the heads do
		 * not say enough: a worker's out block used up or missing, or
		 * nothing could be written (a watermark may have moved).
		 * Taking it for every piece made the reader and the workers
		 * pass its cache line back and forth once per packet. */
		if (sync && take_sent(par))
			moved = true;

		/* The smallest head, and how far each other worker is. */
		struct worker *best = NULL;
		struct tag best_tag = TAG_LAST;
		bool all_done = true;
		for (unsigned i = 0; i < par->n; i++) {
			struct worker *w = &par->w[i];
			all_done &= w->mdone;
			if (has_head(w)) {
				struct tag t = head_tag(w);
				if (best == NULL || tag_cmp(t, best_tag) < 0) {
					best = w;
					best_tag = t;
				}
			}
		}
		*done = best == NULL && all_done;
		if (best == NULL)
			return moved;
		struct tag limit = TAG_LAST;
		for (unsigned i = 0; i < par->n; i++) {
			struct worker *v = &par->w[i];
			struct tag t;
			if (v == best)
				continue;
			if (has_head(v))
				t = head_tag(v);
			else
				t = v->mdone ? TAG_LAST : v->mwm;
			if (tag_cmp(t, limit) < 0)
				limit = t;
		}
		bool wrote = false;
		while (has_head(best) && tag_cmp(head_tag(best), limit) < 0) {
			emit(par, best);
			wrote = true;
		}
		if (!wrote)
			return moved;
		moved = true;
		/* Without a sync, every worker has a head: the smallest is
		 * below the others' (tags are unique) and is written. */
		sync = false;
		for (unsigned i = 0; i < par->n; i++) {
			const struct worker *w = &par->w[i];
			if (!has_head(w))
				sync = true;
		}
	}
}

/* Whether a worker sent something the merge has not taken yet, or read
 * further (with the mutex held). */
static bool sent_more(const struct parallel *par)
{
	for (unsigned i = 0; i < par->n; i++) {
		const struct worker *w = &par->w[i];
		if ((w->mcur == NULL && w->oq_head != NULL) ||
		    (w->mcur != NULL && !has_head(w)) ||
		    tag_cmp(w->wm, w->mwm) > 0)
			return true;
	}
	return false;
}

/* ---- the reader ------------------------------------------------------------ */

/* Hands every worker its block, stamped, and gives it a free one. */
static void seal_all(struct parallel *par, uint64_t through, bool end)
{
	pthread_mutex_lock(&par->mu);
	for (unsigned i = 0; i < par->n; i++) {
		struct worker *w = &par->w[i];
		struct block *b = w->fill;
		b->through = through;
		b->end = end;
		b->next = NULL;
		if (w->q_tail != NULL)
			w->q_tail->next = b;
		else
			w->q_head = b;
		w->q_tail = b;
		pthread_cond_signal(&w->cv);
		w->fill = NULL;
		if (end)
			continue;
		while (w->bfree == NULL) {
			/* The worker is behind: write what can be written
			 * meanwhile (it may be waiting for an out block). */
			pthread_mutex_unlock(&par->mu);
			bool done, moved = merge_some(par, &done);
			pthread_mutex_lock(&par->mu);
			if (!moved && w->bfree == NULL && !sent_more(par))
				pthread_cond_wait(&par->main_cv, &par->mu);
		}
		w->fill = w->bfree;
		w->bfree = w->bfree->next;
		w->fill->n = w->fill->used = 0;
	}
	pthread_mutex_unlock(&par->mu);
	/* And out with what the workers wrote so far, so that none waits for
	 * an out block while the reader reads. */
	bool done;
	if (!end)
		merge_some(par, &done);
}

/* Room for a message of `bytes` payload in worker i's block. */
static struct msg *slot(struct parallel *par, unsigned i, uint64_t packet, size_t bytes)
{
	struct block *b = par->w[i].fill;
	if (bytes > BLOCK_BYTES)
		bytes = BLOCK_BYTES;	/* no TCP payload is as long */
	if (b->n == BLOCK_MSGS || BLOCK_BYTES - b->used < bytes) {
		seal_all(par, packet, false);
		b = par->w[i].fill;
	}
	return &b->msg[b->n++];
}

/* A copy of `p` whose payload lives in the block. */
static void copy_packet(struct parallel *par, unsigned i, struct msg *m,
			const struct tv_packet *p)
{
	struct block *b = par->w[i].fill;
	m->p = *p;
	size_t n = p->payload_caplen <= BLOCK_BYTES - b->used ? p->payload_caplen
							      : BLOCK_BYTES - b->used;
	m->p.payload_caplen = (uint32_t)n;
	if (n > 0 && p->payload != NULL) {
		memcpy(b->bytes + b->used, p->payload, n);
		m->p.payload = b->bytes + b->used;
		b->used += pad8(n);
	}
}

static unsigned worker_of(const struct parallel *par, uint32_t hash)
{
	/* Another split of the bits than the shards' (pipeline.c): a
	 * shard's connections are spread over all its workers. */
	return flow_recent_part(hash, par->n, 0x5bd1e995u);
}

void parallel_tcp(struct parallel *par, const struct tv_packet *p, const struct conn_ref *ref)
{
	unsigned i = worker_of(par, ref->hash);
	struct msg *m = slot(par, i, ref->packet, pad8(p->payload_caplen));
	m->kind = M_TCP;
	m->packet = ref->packet;
	m->ref = *ref;
	copy_packet(par, i, m, p);
}

void parallel_expire(struct parallel *par, uint64_t packet, struct tv_time now)
{
	for (unsigned i = 0; i < par->n; i++) {
		struct msg *m = slot(par, i, packet, 0);
		m->kind = M_EXPIRE;
		m->packet = packet;
		m->p.ts = now;
	}
}

void parallel_icmp(struct parallel *par, const struct tv_packet *p, uint64_t packet,
		   uint32_t hash)
{
	unsigned i = worker_of(par, hash);
	struct msg *m = slot(par, i, packet, pad8(p->payload_caplen));
	m->kind = M_ICMP;
	m->packet = packet;
	copy_packet(par, i, m, p);
}

void parallel_udp(struct parallel *par, const struct tv_packet *p, uint64_t packet)
{
	if (!app_layer_udp_wanted(p))
		return;
	for (unsigned i = 0; i < par->n; i++) {
		struct msg *m = slot(par, i, packet, pad8(p->payload_caplen));
		m->kind = M_UDP;
		m->packet = packet;
		copy_packet(par, i, m, p);
	}
}

void parallel_malformed(struct parallel *par, uint64_t packet, const char *file,
			uint64_t frame, const char *why)
{
	struct msg *m = slot(par, 0, packet, 0);
	m->kind = M_MALFORMED;
	m->packet = packet;
	m->p.frame = frame;
	m->file = file;
	m->why = why;
}

/* ---- start and finish ------------------------------------------------------ */

static void free_worker(struct worker *w)
{
	if (w->chain.tr != NULL || w->chain.head != NULL)
		chain_free(&w->chain);
	if (w->out != NULL)
		w->out->ops->destroy(w->out);
	w->ob.buf = w->ob_own;
	obuf_release(&w->ob);
	struct block *lists[] = { w->fill, w->q_head, w->bfree };
	for (size_t k = 0; k < 3; k++)
		for (struct block *b = lists[k], *next; b != NULL; b = next) {
			next = b->next;
			free(b);
		}
	struct outblock *olists[] = { w->ocur, w->oq_head, w->ofree, w->mcur };
	for (size_t k = 0; k < 4; k++)
		for (struct outblock *o = olists[k], *next; o != NULL; o = next) {
			next = o->next;
			free(o);
		}
	pthread_cond_destroy(&w->cv);
}

static void free_all(struct parallel *par)
{
	for (unsigned i = 0; i < par->n; i++)
		free_worker(&par->w[i]);
	free(par->w);
	dx_tally_free(par->tally);
	pthread_cond_destroy(&par->main_cv);
	pthread_mutex_destroy(&par->mu);
	free(par);
}

/* A worker's chain, blocks and output; false when memory ran out. */
static bool make_worker(struct parallel *par, unsigned i, bool quiet_udp)
{
	const struct pipeline_options *opt = par->opt;
	struct worker *w = &par->w[i];
	w->par = par;
	w->tag = TAG_BEGIN;
	pthread_cond_init(&w->cv, NULL);
	if (!obuf_init(&w->ob, NULL, WORKER_OBUF))
		return false;
	w->ob_own = w->ob.buf;
	w->ob.drain = drain;
	w->ob.drain_ctx = w;
	unsigned nblocks = BLOCKS_FOR_ALL / par->n, nouts = OUTS_FOR_ALL / par->n;
	for (unsigned k = 0; k < (nblocks < BLOCKS_MIN ? BLOCKS_MIN : nblocks); k++) {
		struct block *b = malloc(sizeof(*b));
		if (b == NULL)
			return false;
		b->next = w->bfree;
		w->bfree = b;
	}
	w->fill = w->bfree;
	w->bfree = w->fill->next;
	w->fill->n = w->fill->used = 0;
	for (unsigned k = 0; k < (nouts < OUTS_MIN ? OUTS_MIN : nouts); k++) {
		struct outblock *o = malloc(sizeof(*o));
		if (o == NULL)
			return false;
		o->next = w->ofree;
		w->ofree = o;
	}
	w->ocur = w->ofree;
	w->ofree = w->ocur->next;
	w->ocur->used = w->ocur->npiece = 0;
	point_obuf(w);
	if ((w->out = opt->make_output(opt->output_ctx, &w->ob)) == NULL)
		return false;
	tap_init(&w->tap, w);
	/* Each worker follows its part of the connections at once. */
	struct tracker_config tc = opt->tracker;
	size_t max = tc.max_connections ? tc.max_connections : TRACKER_DEFAULT_MAX_CONNECTIONS;
	tc.max_connections = (max + par->n - 1) / par->n;
	tc.ending = worker_ending;
	tc.ending_ctx = w;
	if (!chain_init(&w->chain, opt, &tc, &w->tap.sink, false))
		return false;
	/* DNS over UDP: every worker reads it, the first may tell it. */
	w->udp_silent = quiet_udp || i > 0;
	return true;
}

/* Ends the workers that started (nothing of theirs written) and frees
 * everything. */
static void abandon(struct parallel *par)
{
	seal_all(par, G_END, true);
	for (unsigned i = 0; i < par->n; i++)
		if (par->w[i].started)
			pthread_join(par->w[i].thread, NULL);
	free_all(par);
}

struct parallel *parallel_start(const struct pipeline_options *opt, unsigned jobs,
				bool verdict, bool quiet_udp, struct obuf *out)
{
	struct parallel *par = calloc(1, sizeof(*par));
	if (par == NULL)
		return NULL;
	par->n = jobs;
	par->opt = opt;
	par->out = out;
	pthread_mutex_init(&par->mu, NULL);
	pthread_cond_init(&par->main_cv, NULL);
	par->w = calloc(jobs, sizeof(*par->w));
	if (par->w == NULL) {
		par->n = 0;
		free_all(par);
		return NULL;
	}
	/* The verdict is the diagnosis's, which only a narrating chain has. */
	bool ok = !verdict || !opt->narrate || (par->tally = dx_tally_new()) != NULL;
	for (unsigned i = 0; i < jobs && ok; i++)
		ok = make_worker(par, i, quiet_udp);
	if (!ok) {
		free_all(par);
		return NULL;
	}
	/* What begin writes, once: the first worker's output tells it. */
	for (unsigned i = 0; i < jobs; i++) {
		struct worker *w = &par->w[i];
		w->discard = i > 0;
		w->chain.head->ops->begin(w->chain.head);
		obuf_flush(&w->ob);
		w->discard = false;
		w->tag = TAG_FIRST;
	}
	for (unsigned i = 0; i < jobs && ok; i++)
		ok = (par->w[i].started = pthread_create(&par->w[i].thread, NULL, worker_main,
							 &par->w[i]) == 0);
	if (!ok) {
		abandon(par);
		return NULL;
	}
	return par;
}

void parallel_finish(struct parallel *par, const struct tv_input *inputs, size_t n,
		     const struct tv_stats *st, bool tell)
{
	seal_all(par, G_END, true);
	/* Write the rest as the workers end their connections. */
	for (;;) {
		bool done;
		if (merge_some(par, &done))
			continue;
		if (done)
			break;
		pthread_mutex_lock(&par->mu);
		if (!sent_more(par))
			pthread_cond_wait(&par->main_cv, &par->mu);
		pthread_mutex_unlock(&par->mu);
	}
	gather_flush(par);
	for (unsigned i = 0; i < par->n; i++)
		pthread_join(par->w[i].thread, NULL);
	/* The end of the output, by the first worker's, straight out. */
	struct worker *w0 = &par->w[0];
	w0->ob.buf = w0->ob_own;	/* its out blocks are gone */
	w0->ob.cap = WORKER_OBUF;
	w0->ob.len = 0;
	w0->ob.drain = tell ? obuf_sink : drain;
	w0->ob.drain_ctx = tell ? (void *)par->out : (void *)w0;
	w0->discard = true;	/* when drain() takes it */
	if (par->tally != NULL && w0->out->ops->capture_verdict != NULL) {
		struct tv_capture_verdict v;
		dx_tally_verdict(par->tally, &v);
		w0->out->ops->capture_verdict(w0->out, &v);
	}
	w0->out->ops->finish(w0->out, inputs, n, st);
	obuf_flush(&w0->ob);
	for (unsigned i = 0; i < par->n; i++)
		if (par->w[i].ob.lost != NULL)
			obuf_lost(par->out, par->w[i].ob.lost);
	free_all(par);
}
