/*
 * pace.c - what set a connection's pace: the receiver's window, small
 * writes held for delayed ACKs, or an application with nothing to send
 * (see pace.h).
 *
 * Each rule works from what the capture shows of one sending side: its
 * data segments with their bytes in flight (tcp/analyze.c's in_flight and
 * peer_win) and its peer's ACKs.  The round trip they compare against is
 * the handshake's (an ACK of a SYN is never delayed), else the fastest
 * ACK of the side's data.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pace.h"
#include "tcpview/util/seq.h"

#define MS 1000000LL

/* app_limited: a pause counts when the sender could have sent several
 * flights meanwhile (4 round trips) and at least 10 ms; the finding when
 * the pauses add up to 100 ms and a tenth of the connection. */
#define PAUSE_MIN_NS (10 * MS)
#define PAUSE_RTTS 4
#define PAUSES_MIN_NS (100 * MS)

/* nagle_delayed_ack: the peer held its ACK at least 20 ms beyond the round
 * trip (RFC 1122 §4.2.3.2 allows up to 500 ms; Linux's delayed-ACK timer
 * is at least 40 ms, TCP_DELACK_MIN, Windows' 200 ms), and the next
 * segment left within 2 ms (or two round trips, if longer) of that ACK:
 * it had been held for it (Nagle, RFC 896, RFC 1122 §4.2.3.4).  Twice at
 * least: once may be chance. */
#define DELACK_MIN_NS (20 * MS)
#define NAGLE_FOLLOW_NS (2 * MS)
#define NAGLE_MIN 2
/* Smaller than this is small by any MSS: RFC 9293 §3.7.1's default of
 * 536 bytes, used when the SYNs are not in the capture; with them, a
 * segment is small when it is shorter than the MSS by more than the 40
 * bytes its options can take. */
#define DEFAULT_MSS 536
#define OPTIONS_ROOM 40

/* rwnd_limited: the sender waited with the window full for a fifth of its
 * transfer, at least 4 times, over at least 4 round trips. */
#define RWND_SHARE 5
#define RWND_MIN_FULL 4
/* ... and reached at least a quarter of what the window allows. */
#define RWND_NEAR 4

static int64_t base_rtt(const struct pace *p, const struct pace_side *s)
{
	return p->hs_rtt_ns > 0 ? p->hs_rtt_ns : s->rtt_min_ns;
}

/* The side's evidence, allocated on first need; NULL if memory ran out
 * (the counts go on, the frames and waits are not kept). */
static struct pace_evidence *evidence(struct pace_side *s)
{
	if (s->ev == NULL)
		s->ev = calloc(1, sizeof(*s->ev));
	return s->ev;
}

void pace_release(struct pace *p)
{
	for (int i = 0; i < 2; i++) {
		free(p->side[i].ev);
		p->side[i].ev = NULL;
	}
}

static void add_wait(struct tv_finding *f, int64_t at_ns, int64_t ns)
{
	if (f->nwaits < DX_FRAMES) {
		f->at_ns[f->nwaits] = at_ns;
		f->waits_ns[f->nwaits++] = ns;
	}
	if (ns > f->longest_ns)
		f->longest_ns = ns;
	f->count++;
	f->seconds_ns = tv_ns_add(f->seconds_ns, ns);
}

/* A data segment from side s. */
static void data(struct pace *p, struct pace_side *s, const struct tv_event *ev)
{
	bool resent = (ev->labels & (LBIT(L_RETRANSMISSION) | LBIT(L_FAST_RETRANSMISSION) |
				     LBIT(L_SPURIOUS_RETRANSMISSION))) != 0;
	int64_t rtt = base_rtt(p, s);
	uint32_t end = ev->seq + ev->len, before = s->next;
	if (!s->sent || seq_gt(end, s->next))
		s->next = end;
	if (!s->sent)
		s->first_data = ev->ts;
	s->sent = true;
	s->last_data = ev->ts;
	s->bytes += ev->len;
	if (ev->len > s->largest)
		s->largest = ev->len;

	/* A pause ends: the side had everything acknowledged and an open
	 * window, and sent nothing (RFC 7661's application-limited).  Not if
	 * this segment starts past the last one: what came between was sent
	 * and the capture missed it. */
	if (s->idle && seq_gt(ev->seq, before))
		s->idle = false;
	if (s->idle) {
		int64_t gap = tv_time_diff_ns(s->idle_since, ev->ts);
		int64_t min = tv_ns_mul(rtt, PAUSE_RTTS);
		if (min < PAUSE_MIN_NS)
			min = PAUSE_MIN_NS;
		struct pace_evidence *e;
		if (gap >= min && (e = evidence(s)) != NULL) {
			tv_finding_add_frame(&e->pauses, ev->frame);
			add_wait(&e->pauses, tv_ns_sub(ev->rel_ns, gap), gap);
		}
		s->idle = false;
	}

	/* Nagle's hold: the segment after a small one follows the peer's
	 * late ACK of it at once. */
	if (s->nagle == 2 && ev->seq == s->small_end) {
		int64_t after = tv_time_diff_ns(s->ack_ts, ev->ts);
		int64_t follow = tv_ns_mul(rtt, 2);
		if (follow < NAGLE_FOLLOW_NS)
			follow = NAGLE_FOLLOW_NS;
		struct pace_evidence *e;
		if (after >= 0 && after <= follow && (e = evidence(s)) != NULL) {
			tv_finding_add_frame(&e->held, s->ack_frame);
			add_wait(&e->held, s->small_rel_ns, s->ack_wait_ns);
			if (s->small_len > e->held.bytes)
				e->held.bytes = s->small_len;	/* the largest "small" one */
		}
	}
	s->nagle = 0;
	/* A segment sent with nothing else outstanding: Nagle lets it go at
	 * once, and holds what follows until it is acknowledged. */
	if (!resent && ev->flight_known && ev->in_flight == ev->len) {
		s->nagle = 1;
		s->small_end = end;
		s->small_len = ev->len;
		s->small_ts = ev->ts;
		s->small_rel_ns = ev->rel_ns;
	}

	/* A resend while waiting: the wait was for a lost segment, not for
	 * the window (rto and fast_recovery tell it). */
	if (resent)
		s->waiting = false;
	/* The window's right edge reached: no room for another segment as
	 * large as the largest so far (RFC 9293 §3.8.6.2.1). */
	if (!resent && ev->flight_known && ev->peer_win > 0) {
		s->segments++;
		if ((uint64_t)ev->in_flight + s->largest > ev->peer_win) {
			s->full++;
			struct pace_evidence *e = evidence(s);
			if (e != NULL && e->nfull_frames < DX_FRAMES)
				e->full_frames[e->nfull_frames++] = ev->frame;
			if (ev->peer_win > s->full_window)
				s->full_window = ev->peer_win;
			if (!s->waiting) {
				s->waiting = true;
				s->wait_since = ev->ts;
			}
		}
	}
}

/* The peer's segment, as it acknowledges side s's data. */
static void peer(struct pace *p, struct pace_side *s, const struct tv_event *ev)
{
	if (ev->len > 0) {
		/* An answer: its ACK came with data, not delayed, and the
		 * side's silence meanwhile is turn-taking, not a pause. */
		s->idle = false;
		s->nagle = 0;
	}
	if (!(ev->flags & TH_ACK) || !s->sent)
		return;
	int64_t rtt = base_rtt(p, s);
	if (ev->acks_frame != 0 && ev->ack_rtt_ns > 0 && !ev->ack_of_resent &&
	    (s->rtt_min_ns == 0 || ev->ack_rtt_ns < s->rtt_min_ns))
		s->rtt_min_ns = ev->ack_rtt_ns;

	if (ev->acked_bytes > 0) {
		if (s->waiting) {
			s->waited_ns = tv_ns_add(s->waited_ns,
						 tv_time_diff_ns(s->wait_since, ev->ts));
			s->waiting = false;
		}
		/* The packet-pair estimate of the path's rate: two segments
		 * sent back to back come out of the narrowest link spaced by
		 * its rate, and their ACKs keep that spacing.  A sample when
		 * the ACKs are further apart than twice the sendings they
		 * answer (the sending time is the ACK's less its RTT), within
		 * one flight. */
		int64_t now = tv_time_ns(ev->ts);
		bool timed = ev->acks_frame != 0 && ev->ack_rtt_ns > 0 && !ev->ack_of_resent;
		int64_t sent_at = tv_ns_sub(now, timed ? ev->ack_rtt_ns : 0);
		int64_t gap = tv_ns_sub(now, s->last_ack_ns);
		int64_t send_gap = tv_ns_sub(sent_at, s->last_sent_ns);
		struct pace_evidence *e;
		if (timed && s->have_last_ack && gap > 0 && send_gap >= 0 &&
		    tv_ns_mul(send_gap, 2) < gap &&
		    rtt > 0 && gap < rtt / 2 && (e = evidence(s)) != NULL) {
			uint64_t kbs = (uint64_t)ev->acked_bytes * 1000000u / (uint64_t)gap;
			e->rates[e->rate_next] = kbs > UINT32_MAX ? UINT32_MAX : (uint32_t)kbs;
			e->rate_next = (uint8_t)((e->rate_next + 1) % PACE_RATES);
			if (e->nrates < PACE_RATES)
				e->nrates++;
		}
		s->have_last_ack = timed;
		s->last_sent_ns = sent_at;
		s->last_ack_ns = now;
	}

	bool pure = ev->len == 0 && (ev->flags & (TH_SYN | TH_FIN | TH_RST)) == 0;
	if (s->nagle == 1) {
		int64_t wait = tv_time_diff_ns(s->small_ts, ev->ts);
		if (pure && ev->ack == s->small_end && wait - rtt >= DELACK_MIN_NS) {
			s->nagle = 2;
			s->ack_ts = ev->ts;
			s->ack_frame = ev->frame;
			s->ack_wait_ns = wait;
		} else if (ev->acked_bytes > 0) {
			s->nagle = 0;	/* acknowledged in time */
		}
	}

	/* Everything the side sent is acknowledged and the window is open:
	 * from here, only the side's application can make it wait. */
	if (pure && !s->idle && !s->fin && ev->ack == s->next && ev->win > 0) {
		s->idle = true;
		s->idle_since = ev->ts;
	}
}

void pace_event(struct pace *p, const struct tv_event *ev)
{
	if (ev->irtt_ns > 0)
		p->hs_rtt_ns = ev->irtt_ns;
	if ((ev->labels & LBIT(L_ICMP_ERROR)) || ev->dir > DIR_S2C)
		return;
	struct pace_side *me = &p->side[ev->dir], *other = &p->side[!ev->dir];
	if (ev->len > 0)
		data(p, me, ev);
	if (ev->flags & (TH_FIN | TH_RST)) {
		me->fin = true;
		me->idle = false;
	}
	peer(p, other, ev);
}

/* ---- as the connection ends ------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t median_rate(const struct pace_evidence *e)
{
	uint32_t v[PACE_RATES];
	if (e == NULL || e->nrates < PACE_RATES / 8)
		return 0;	/* too few pairs to trust */
	memcpy(v, e->rates, e->nrates * sizeof(v[0]));
	qsort(v, e->nrates, sizeof(v[0]), cmp_u32);
	return (uint64_t)v[e->nrates / 2] * 1000u;	/* bytes per second */
}

/* The receiver's window as the bound of side d's sending. */
static bool rwnd(const struct pace *p, const struct tv_conn_report *r, int d,
		 struct tv_finding *f)
{
	const struct pace_side *s = &p->side[d];
	const struct tv_half_stats *h = &r->half[d];
	int64_t span = tv_time_diff_ns(s->first_data, s->last_data);
	int64_t waited = s->waited_ns;
	if (s->waiting)
		waited += tv_time_diff_ns(s->wait_since, s->last_data);
	/* The round trip the window is spent over: the handshake's, which is
	 * the whole path's wherever the capture was taken (an ACK RTT is only
	 * the part beyond the capture point), else the ACK RTT of this side's
	 * data (Karn's rule applied). */
	int64_t rtt = p->hs_rtt_ns > 0 ? p->hs_rtt_ns
		      : h->rtt_count > 0 ? h->rtt_sum_ns / (int64_t)h->rtt_count : 0;
	if (s->full < RWND_MIN_FULL || span <= 0 || rtt <= 0 ||
	    span < tv_ns_mul(rtt, 4) || tv_ns_mul(waited, RWND_SHARE) < span)
		return false;
	/* The window sets the pace only if the transfer came near what it
	 * allows: far below, something else (loss, the sender) held it back. */
	uint64_t ceiling = (uint64_t)s->full_window * 1000000000u / (uint64_t)rtt;
	uint64_t rate = s->bytes * 1000000000u / (uint64_t)span;
	if (rate * RWND_NEAR < ceiling)
		return false;
	memset(f, 0, sizeof(*f));
	f->code = DX_RWND_LIMITED;
	f->dir = (int8_t)d;
	f->count = (uint32_t)s->full;
	f->segments = s->segments;
	if (s->ev != NULL) {
		memcpy(f->frames, s->ev->full_frames, sizeof(f->frames));
		f->nframes = s->ev->nfull_frames;
	}
	f->seconds_ns = waited;
	f->window = s->full_window;
	f->rtt_ns = rtt;
	f->rate = rate;
	f->ceiling = ceiling;
	f->path_rate = median_rate(s->ev);
	/* Bandwidth × delay: the window that rate needs at this round trip;
	 * told only when it is clearly more than the window had. */
	uint64_t need = f->path_rate / 1000u * (uint64_t)rtt / 1000000u;
	if (need > (uint64_t)s->full_window * 5 / 4)
		f->need_window = need;
	return true;
}

static bool held(const struct pace_side *s, const struct tv_conn_report *r, int d,
		 struct tv_finding *f)
{
	if (s->ev == NULL || s->ev->held.count < NAGLE_MIN)
		return false;
	/* Small by the MSS the peer announced, or by any MSS. */
	uint32_t mss = r->half[!d].syn.mss;
	uint32_t small = mss > OPTIONS_ROOM ? mss - OPTIONS_ROOM : DEFAULT_MSS;
	if (s->ev->held.bytes >= small)
		return false;
	*f = s->ev->held;
	f->code = DX_NAGLE_DELAYED_ACK;
	f->dir = (int8_t)d;
	f->bytes = 0;
	return true;
}

static bool paused(const struct pace_side *s, const struct tv_conn_report *r, int d,
		   struct tv_finding *f)
{
	int64_t dur = tv_time_diff_ns(r->info.first_ts, r->last_ts);
	if (s->ev == NULL || s->ev->pauses.seconds_ns < PAUSES_MIN_NS ||
	    tv_ns_mul(s->ev->pauses.seconds_ns, 10) < dur)
		return false;
	*f = s->ev->pauses;
	f->code = DX_APP_LIMITED;
	f->dir = (int8_t)d;
	return true;
}

/* Of the two sides, the one a rule says more about. */
static unsigned pick(const struct pace *p, const struct tv_conn_report *r,
		     bool (*rule)(const struct pace *, const struct tv_conn_report *, int,
				  struct tv_finding *),
		     struct tv_finding *out)
{
	struct tv_finding a, b;
	bool ha = rule(p, r, DIR_C2S, &a), hb = rule(p, r, DIR_S2C, &b);
	if (!ha && !hb)
		return 0;
	*out = ha && (!hb || a.seconds_ns >= b.seconds_ns) ? a : b;
	return 1;
}

static bool rule_held(const struct pace *p, const struct tv_conn_report *r, int d,
		      struct tv_finding *f)
{
	return held(&p->side[d], r, d, f);
}

static bool rule_paused(const struct pace *p, const struct tv_conn_report *r, int d,
			struct tv_finding *f)
{
	return paused(&p->side[d], r, d, f);
}

unsigned pace_findings(const struct pace *p, const struct tv_conn_report *r,
		       struct tv_finding *out)
{
	unsigned n = 0;
	n += pick(p, r, rwnd, out + n);
	n += pick(p, r, rule_held, out + n);
	n += pick(p, r, rule_paused, out + n);
	return n;
}
