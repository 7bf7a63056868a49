/*
 * diagnose.c - findings and verdicts from a connection's records (SPEC §10).
 *
 * A sink between the application layer and the output.  It watches each
 * event for what can make a connection fail or slow down, keeping state
 * only for a connection where something happened, and as the connection
 * ends it hands on its findings (diagnose/record.h), right before the
 * conn_close.  Each rule says where it comes from; no finding claims more
 * than the capture shows.  As connections end, their failures are counted
 * by server (tally.c) for the capture-wide verdict.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/diagnose/diagnose.h"
#include "pace.h"
#include "tcpview/app/record.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/diagnose/tally.h"
#include "tcpview/util/idmap.h"

/* Pace states kept for reuse when connections end. */
#define PACE_SPARES 64

struct dx_conn {
	bool have[DX_COUNT];
	struct tv_finding f[DX_COUNT];
	uint64_t missing[2];		/* bytes before a side's last gaps (lost_segment) */
	struct tv_time zero_start[2];	/* a zero window being advertised */
	bool zero_open[2];
	uint64_t zero_frame[2];
};

struct diagnose {
	struct tv_sink sink;
	struct tv_sink *next;
	struct idmap conns;			/* id → struct dx_conn */
	struct idmap paces;			/* id → struct pace, once it has data */
	uint64_t last_id;			/* the last pace looked up */
	struct pace *last_pace;
	struct pace *spare[PACE_SPARES];	/* ended connections' pace state, reused */
	unsigned nspare;
	struct dx_tally *tally;			/* NULL: no capture-wide verdict */
};

static struct dx_conn *state(struct diagnose *g, uint64_t id)
{
	struct dx_conn *c = idmap_get(&g->conns, id);
	if (c == NULL && (c = calloc(1, sizeof(*c))) != NULL && !idmap_put(&g->conns, id, c)) {
		free(c);
		c = NULL;
	}
	return c;
}

static struct tv_finding *finding(struct dx_conn *c, enum diagnose_code code, int dir)
{
	struct tv_finding *f = &c->f[code];
	if (!c->have[code]) {
		c->have[code] = true;
		memset(f, 0, sizeof(*f));
		f->code = code;
		f->dir = (int8_t)dir;
	}
	return f;
}

static void add_wait(struct tv_finding *f, int64_t ns)
{
	if (f->nwaits < DX_FRAMES)
		f->waits_ns[f->nwaits++] = ns;
}

/* A retransmission no duplicate ACK asked for (story.c's resend_*):
 * a SYN sent again, or a timeout (RFC 6298 §5.4-5.5). */
static void resend(struct dx_conn *c, const struct tv_event *ev)
{
	if (ev->resend_kind == RESEND_SYN) {
		struct tv_finding *f = finding(c, DX_SYN_UNANSWERED, DIR_C2S);
		if (f->nframes == 0)
			tv_finding_add_frame(f, ev->orig_frame);
		tv_finding_add_frame(f, ev->frame);
		add_wait(f, ev->resend_wait_ns);
		f->seconds_ns = tv_ns_add(f->seconds_ns, ev->resend_wait_ns);
		return;
	}
	/* Only the timer's resends (story.c): not a SYN-ACK's, not a tail
	 * loss probe's. */
	if (ev->resend_kind != RESEND_TIMEOUT)
		return;
	struct tv_finding *f = finding(c, DX_RTO, ev->dir);
	f->count++;
	tv_finding_add_frame(f, ev->frame);
	add_wait(f, ev->resend_wait_ns);
	f->seconds_ns = tv_ns_add(f->seconds_ns, ev->resend_wait_ns);
	f->bytes += ev->len;
}

/* A zero window from side d until a window update reopens it (RFC 9293
 * §3.8.6.1): the other side cannot send meanwhile. */
static void zero_window(struct dx_conn *c, const struct tv_event *ev)
{
	enum tv_dir d = ev->dir;
	if (ev->labels & LBIT(L_ZERO_WINDOW)) {
		if (!c->zero_open[d]) {
			c->zero_open[d] = true;
			c->zero_start[d] = ev->ts;
			c->zero_frame[d] = ev->frame;
		}
		return;
	}
	if (c->zero_open[d] && (ev->labels & LBIT(L_WINDOW_UPDATE)) && ev->win > 0) {
		c->zero_open[d] = false;
		struct tv_finding *f = finding(c, DX_ZERO_WINDOW_STALL, d);
		f->count++;
		tv_finding_add_frame(f, c->zero_frame[d]);
		tv_finding_add_frame(f, ev->frame);
		f->seconds_ns = tv_ns_add(f->seconds_ns,
					  tv_time_diff_ns(c->zero_start[d], ev->ts));
		f->reopened = true;
	}
}

/* SPEC §6's reasons, as findings: a refused SYN, data the resetting side
 * had not read, a reset after a long silence, or an abort. */
static void reset(struct dx_conn *c, const struct tv_event *ev)
{
	enum diagnose_code code;
	switch (ev->rst_reason) {
	case RST_REFUSED:
		code = DX_REFUSED;
		break;
	case RST_AFTER_CLOSE:
		code = DX_RESET_UNREAD_DATA;
		break;
	case RST_ABORT:
		code = ev->delta_ns >= TV_IDLE_RESET_NS ? DX_RESET_AFTER_IDLE : DX_RESET_ABORT;
		break;
	default:
		return;	/* a reset the capture cannot explain: midstream tells it */
	}
	struct tv_finding *f = finding(c, code, ev->dir);
	f->count++;
	tv_finding_add_frame(f, ev->frame);
	if (code == DX_RESET_AFTER_IDLE)
		f->seconds_ns = ev->delta_ns;
	if (code == DX_RESET_ABORT || code == DX_RESET_UNREAD_DATA)
		f->bytes = ev->rst_received;
}

static bool notable(const struct tv_event *ev)
{
	return ev->resend_count >= 2 ||
	       (ev->labels & (LBIT(L_FAST_RETRANSMISSION) | LBIT(L_ICMP_ERROR) |
			      LBIT(L_ZERO_WINDOW) | LBIT(L_WINDOW_UPDATE) |
			      LBIT(L_ACKED_UNSEEN) | LBIT(L_LOST_SEGMENT) | LBIT(L_RST)));
}

static void watch(struct diagnose *g, const struct tv_event *ev)
{
	if (!notable(ev))
		return;
	/* A window update matters only to a zero window already watched: it
	 * takes no state of its own. */
	bool update_only = ev->resend_count < 2 &&
			   !(ev->labels & ~(LBIT(L_WINDOW_UPDATE) | LBIT(L_ACK) | LBIT(L_DATA)));
	struct dx_conn *c = update_only ? idmap_get(&g->conns, ev->conn) : state(g, ev->conn);
	if (c == NULL)
		return;
	if (ev->resend_count >= 2)
		resend(c, ev);
	if (ev->labels & LBIT(L_FAST_RETRANSMISSION)) {
		/* RFC 5681 §3.2: resent on duplicate ACKs, before any timeout. */
		struct tv_finding *f = finding(c, DX_FAST_RECOVERY, ev->dir);
		f->count++;
		tv_finding_add_frame(f, ev->frame);
		f->bytes += ev->len;
	}
	if (ev->labels & LBIT(L_ICMP_ERROR)) {
		struct tv_finding *f = finding(c, DX_ICMP_ERROR, ev->dir);
		f->count++;
		tv_finding_add_frame(f, ev->frame);
		f->icmp = ev->icmp;
	}
	/* A gap before a segment (lost_segment): missing so far, the network's
	 * loss if it is resent, the capture's if it is acknowledged. */
	enum tv_dir d = ev->dir, peer = dir_other(ev->dir);
	if (ev->labels & LBIT(L_LOST_SEGMENT))
		c->missing[d] += ev->missing_bytes;
	if (ev->labels & (LBIT(L_RETRANSMISSION) | LBIT(L_FAST_RETRANSMISSION)))
		c->missing[d] = 0;
	if (ev->labels & LBIT(L_ACKED_UNSEEN)) {
		/* Acknowledged, so it crossed the network: the capture missed it. */
		struct tv_finding *f = finding(c, DX_CAPTURE_LOSS, -1);
		f->count++;
		tv_finding_add_frame(f, ev->frame);
		f->bytes += c->missing[peer];
		c->missing[peer] = 0;
	}
	zero_window(c, ev);
	if (ev->labels & LBIT(L_RST))
		reset(c, ev);
}

/* A connection's pace state: made with its first data, looked up for
 * every later segment (consecutive packets are mostly the same
 * connection's, hence the last one kept at hand). */
static struct pace *pace_of(struct diagnose *g, const struct tv_event *ev)
{
	if (g->last_pace != NULL && g->last_id == ev->conn)
		return g->last_pace;
	struct pace *p = idmap_get(&g->paces, ev->conn);
	if (p == NULL && ev->len > 0 && !(ev->labels & LBIT(L_ICMP_ERROR))) {
		p = g->nspare > 0 ? g->spare[--g->nspare] : malloc(sizeof(*p));
		if (p != NULL)
			memset(p, 0, sizeof(*p));
		if (p != NULL && !idmap_put(&g->paces, ev->conn, p)) {
			free(p);
			p = NULL;
		}
	}
	if (p != NULL) {
		g->last_id = ev->conn;
		g->last_pace = p;
	}
	return p;
}

/* ---- as the connection ends ------------------------------------------- */

/* What only the whole connection shows: a SYN that got no answer, a zero
 * window still closed at the end, a connection whose start is missing. */
static void conclude(const struct tv_conn_report *r, struct dx_conn *c,
		     const struct pace *pc, struct tv_diagnosis *d)
{
	const struct tv_half_stats *cl = &r->half[DIR_C2S], *sv = &r->half[DIR_S2C];
	struct tv_finding paced[3];
	unsigned npaced = pc != NULL ? pace_findings(pc, r, paced) : 0, next_paced = 0;
	bool answered = sv->packets > 0;
	if (c != NULL) {
		for (int i = 0; i < 2; i++)
			if (c->zero_open[i]) {
				struct tv_finding *f = finding(c, DX_ZERO_WINDOW_STALL, i);
				f->count++;
				tv_finding_add_frame(f, c->zero_frame[i]);
				f->seconds_ns = tv_ns_add(f->seconds_ns,
							  tv_time_diff_ns(c->zero_start[i], r->last_ts));
			}
		/* SYNs sent again that were answered in the end are not a
		 * failure: the handshake's delay is the connect phase's; nor is
		 * a refusal of SYNs that a later handshake got past. */
		if (c->have[DX_SYN_UNANSWERED] && answered)
			c->have[DX_SYN_UNANSWERED] = false;
		if (c->have[DX_REFUSED] && r->state != CS_REFUSED)
			c->have[DX_REFUSED] = false;
	}
	struct tv_finding one;
	for (int code = 0; code < DX_COUNT; code++) {
		const struct tv_finding *f = c != NULL && c->have[code] ? &c->f[code] : NULL;
		/* An ICMP error is the answer a SYN got (RFC 1122 §4.2.3.9). */
		bool icmp = c != NULL && c->have[DX_ICMP_ERROR];
		if (code == DX_SYN_UNANSWERED && icmp)
			continue;
		if (code == DX_SYN_UNANSWERED && f == NULL && cl->saw_syn && !answered &&
		    r->state == CS_SYN_SENT) {
			/* One SYN, never resent, never answered in the capture. */
			memset(&one, 0, sizeof(one));
			one.code = DX_SYN_UNANSWERED;
			one.dir = DIR_C2S;
			tv_finding_add_frame(&one, r->info.first_frame);
			f = &one;
		}
		if (next_paced < npaced && paced[next_paced].code == (enum diagnose_code)code)
			f = &paced[next_paced++];
		if (code == DX_MIDSTREAM && r->info.midstream) {
			memset(&one, 0, sizeof(one));
			one.code = DX_MIDSTREAM;
			one.dir = -1;
			tv_finding_add_frame(&one, r->info.first_frame);
			f = &one;
		}
		if (f == NULL)
			continue;
		d->f[d->nfindings] = *f;
		if (f->code == DX_SYN_UNANSWERED)
			d->f[d->nfindings].count = cl->counts[L_SYN];
		d->nfindings++;
	}
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* How much of [a, b) lies in [lo, hi). */
static int64_t overlap(int64_t a, int64_t b, int64_t lo, int64_t hi)
{
	int64_t from = a > lo ? a : lo, to = b < hi ? b : hi;
	return to > from ? to - from : 0;
}

/*
 * The phases as boundaries in time, each clamped between the one before
 * and the end, so that they never go backwards and always add up to the
 * duration: handshake done, request sent, first answer, last data, end.
 */
static void phases(const struct tv_conn_report *r, struct tv_diagnosis *d)
{
	const struct tv_half_stats *cl = &r->half[DIR_C2S], *sv = &r->half[DIR_S2C];
	int64_t dur = d->duration_ns > 0 ? d->duration_ns : 0;
	struct tv_phases *p = &d->phases;
	memset(p, 0, sizeof(*p));
	bool cdata = cl->bytes > 0, sdata = sv->bytes > 0;
	int64_t hs = r->hs_complete && r->hs_rtt_ns > 0 && !r->info.midstream ? r->hs_rtt_ns : -1;
	if (!cdata && !sdata) {
		p->connect = hs >= 0 ? clamp(hs, 0, dur) : dur;
		p->close = dur - p->connect;
		return;
	}
	int64_t first = !cdata ? sv->first_data_ns : !sdata ? cl->first_data_ns
		      : cl->first_data_ns < sv->first_data_ns ? cl->first_data_ns : sv->first_data_ns;
	int64_t last = !cdata ? sv->last_data_ns : !sdata ? cl->last_data_ns
		     : cl->last_data_ns > sv->last_data_ns ? cl->last_data_ns : sv->last_data_ns;
	int64_t t1 = clamp(hs >= 0 ? hs : first, 0, dur);
	int64_t t2 = t1, t3 = clamp(first, t1, dur);
	if (cdata && sdata && cl->first_data_ns <= sv->first_data_ns) {
		t2 = clamp(cl->data_before_peer_ns, t1, dur);	/* the request's end */
		t3 = clamp(sv->first_data_ns, t2, dur);	/* the first answer */
	} else if (sdata) {
		t3 = clamp(sv->first_data_ns, t1, dur);	/* the server speaks first */
	}
	int64_t t4 = clamp(last, t3, dur);
	p->connect = t1;
	p->request = t2 - t1;
	p->server_wait = t3 - t2;
	p->close = dur - t4;
	/* Stalls, as far as they fit: a pause or a delayed-ACK wait whose
	 * time is known comes out of the request or the transfer it fell in,
	 * the rest (and the other stalls) out of the transfer. */
	int64_t transfer = t4 - t3;
	for (unsigned i = 0; i < d->nfindings; i++) {
		const struct tv_finding *f = &d->f[i];
		int64_t *slot = f->code == DX_ZERO_WINDOW_STALL ? &p->zero_window
				: f->code == DX_RTO ? &p->rto
				: f->code == DX_APP_LIMITED ? &p->app_pause
				: f->code == DX_NAGLE_DELAYED_ACK ? &p->delayed_ack : NULL;
		if (slot == NULL)
			continue;
		int64_t left = f->seconds_ns;
		if (f->code == DX_APP_LIMITED || f->code == DX_NAGLE_DELAYED_ACK) {
			for (unsigned k = 0; k < f->nwaits; k++) {
				int64_t a = f->at_ns[k], b = a + f->waits_ns[k];
				int64_t in_req = overlap(a, b, t1, t2), in_xfer = overlap(a, b, t3, t4);
				in_req = clamp(in_req, 0, p->request);
				in_xfer = clamp(in_xfer, 0, transfer);
				p->request -= in_req;
				transfer -= in_xfer;
				*slot += in_req + in_xfer;
				left -= f->waits_ns[k];
			}
		}
		int64_t rest = clamp(left, 0, transfer);
		*slot += rest;
		transfer -= rest;
	}
	p->transfer = transfer;
}

static void dx_conn_close(struct tv_sink *s, const struct tv_conn_report *r)
{
	struct diagnose *g = (struct diagnose *)s;
	struct dx_conn *c = idmap_take(&g->conns, r->info.id);
	struct pace *pc = idmap_take(&g->paces, r->info.id);
	if (g->last_id == r->info.id)
		g->last_pace = NULL;
	struct tv_diagnosis d;
	d.conn = r->info.id;
	d.nfindings = 0;
	d.server = r->info.end[DIR_S2C];
	d.state = r->state;
	d.duration_ns = tv_time_diff_ns(r->info.first_ts, r->last_ts);
	d.bytes[0] = r->half[0].bytes;
	d.bytes[1] = r->half[1].bytes;
	d.closed_by = r->closed_by;
	d.reset_by = r->reset_by;
	conclude(r, c, pc, &d);
	phases(r, &d);
	free(c);
	if (pc != NULL) {
		pace_release(pc);
		if (g->nspare < PACE_SPARES)
			g->spare[g->nspare++] = pc;
		else
			free(pc);
	}
	if (g->tally != NULL)
		dx_tally_count(g->tally, &d);
	if (g->next->ops->diagnosis != NULL)
		g->next->ops->diagnosis(g->next, &d);
	g->next->ops->conn_close(g->next, r);
}

/* ---- the rest of the sink: passed on ------------------------------------- */

static void dx_begin(struct tv_sink *s)
{
	struct diagnose *g = (struct diagnose *)s;
	g->next->ops->begin(g->next);
}

static void dx_conn_open(struct tv_sink *s, const struct tv_conn_info *ci)
{
	struct diagnose *g = (struct diagnose *)s;
	g->next->ops->conn_open(g->next, ci);
}

static void dx_event(struct tv_sink *s, const struct tv_event *ev)
{
	struct diagnose *g = (struct diagnose *)s;
	watch(g, ev);
	struct pace *p = pace_of(g, ev);
	if (p != NULL)
		pace_event(p, ev);
	g->next->ops->event(g->next, ev);
}

static void dx_bytes(struct tv_sink *s, uint64_t conn, enum tv_dir d, uint64_t frame,
		     const uint8_t *data, size_t len)
{
	struct diagnose *g = (struct diagnose *)s;
	g->next->ops->bytes(g->next, conn, d, frame, data, len);
}

/*
 * What the applications said that decides how a connection went: a fatal
 * TLS alert in clear ends the handshake; an HTTP server that resets after
 * answering had the request unread (app/record.h's AK_RESET), which turns
 * its reset into reset_unread_data.
 */
static void dx_app(struct tv_sink *s, const struct tv_app *a)
{
	struct diagnose *g = (struct diagnose *)s;
	struct dx_conn *c;
	if (a->kind == AK_TLS_ALERT && !a->u.alert.encrypted && a->u.alert.level == 2 &&
	    (c = state(g, a->conn)) != NULL && !c->have[DX_TLS_FAILED]) {
		struct tv_finding *f = finding(c, DX_TLS_FAILED, a->dir);
		f->count = 1;
		f->alert = a->u.alert.description;
		tv_finding_add_frame(f, a->frame);
	}
	if (a->kind == AK_RESET && (c = idmap_get(&g->conns, a->conn)) != NULL &&
	    c->have[DX_RESET_ABORT]) {
		c->f[DX_RESET_UNREAD_DATA] = c->f[DX_RESET_ABORT];
		c->f[DX_RESET_UNREAD_DATA].code = DX_RESET_UNREAD_DATA;
		c->f[DX_RESET_UNREAD_DATA].answered = true;
		c->have[DX_RESET_UNREAD_DATA] = true;
		c->have[DX_RESET_ABORT] = false;
	}
	if (g->next->ops->app != NULL)
		g->next->ops->app(g->next, a);
}

static void dx_settle(struct tv_sink *s)
{
	struct diagnose *g = (struct diagnose *)s;
	if (g->next->ops->settle != NULL)
		g->next->ops->settle(g->next);
}

static void dx_malformed(struct tv_sink *s, const char *file, uint64_t frame, const char *why)
{
	struct diagnose *g = (struct diagnose *)s;
	g->next->ops->malformed(g->next, file, frame, why);
}

static void dx_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
		      const struct tv_stats *st)
{
	struct diagnose *g = (struct diagnose *)s;
	if (g->tally != NULL && g->next->ops->capture_verdict != NULL) {
		struct tv_capture_verdict v;
		dx_tally_verdict(g->tally, &v);
		g->next->ops->capture_verdict(g->next, &v);
	}
	g->next->ops->finish(g->next, in, n, st);
}

static void dx_destroy(struct tv_sink *s)
{
	struct diagnose *g = (struct diagnose *)s;
	void *c;
	while ((c = idmap_pop(&g->conns)) != NULL)
		free(c);
	idmap_release(&g->conns);
	struct pace *p;
	while ((p = idmap_pop(&g->paces)) != NULL) {
		pace_release(p);
		free(p);
	}
	idmap_release(&g->paces);
	while (g->nspare > 0)
		free(g->spare[--g->nspare]);
	dx_tally_free(g->tally);
	free(g);
}

static const struct tv_sink_ops dx_ops = {
	.begin = dx_begin,
	.conn_open = dx_conn_open,
	.event = dx_event,
	.app = dx_app,
	.conn_close = dx_conn_close,
	.settle = dx_settle,
	.malformed = dx_malformed,
	.finish = dx_finish,
	.destroy = dx_destroy,
};

static const struct tv_sink_ops dx_ops_bytes = {
	.begin = dx_begin,
	.conn_open = dx_conn_open,
	.event = dx_event,
	.bytes = dx_bytes,
	.app = dx_app,
	.conn_close = dx_conn_close,
	.settle = dx_settle,
	.malformed = dx_malformed,
	.finish = dx_finish,
	.destroy = dx_destroy,
};

struct tv_sink *diagnose_new(struct tv_sink *next, bool verdict)
{
	struct diagnose *g = calloc(1, sizeof(*g));
	if (g == NULL)
		return NULL;
	if (verdict && (g->tally = dx_tally_new()) == NULL) {
		free(g);
		return NULL;
	}
	/* Bytes only when the next sink takes them: the tracker reassembles
	 * only for a sink that asks. */
	g->sink.ops = next->ops->bytes != NULL ? &dx_ops_bytes : &dx_ops;
	g->next = next;
	idmap_init(&g->conns);
	idmap_init(&g->paces);
	return &g->sink;
}

const char *diagnose_code_name(enum diagnose_code c)
{
	static const char *const names[DX_COUNT] = {
		[DX_REFUSED] = "refused",
		[DX_SYN_UNANSWERED] = "syn_unanswered",
		[DX_ICMP_ERROR] = "icmp_error",
		[DX_TLS_FAILED] = "tls_failed",
		[DX_RESET_UNREAD_DATA] = "reset_unread_data",
		[DX_RESET_AFTER_IDLE] = "reset_after_idle",
		[DX_RESET_ABORT] = "reset_abort",
		[DX_ZERO_WINDOW_STALL] = "zero_window_stall",
		[DX_RTO] = "rto",
		[DX_FAST_RECOVERY] = "fast_recovery",
		[DX_RWND_LIMITED] = "rwnd_limited",
		[DX_NAGLE_DELAYED_ACK] = "nagle_delayed_ack",
		[DX_APP_LIMITED] = "app_limited",
		[DX_CAPTURE_LOSS] = "capture_loss",
		[DX_MIDSTREAM] = "midstream",
	};
	return (unsigned)c < DX_COUNT ? names[c] : "unknown";
}
