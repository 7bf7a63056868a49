/*
 * tracker.c - from decoded packets to connections and their events.
 *
 * Sits between the decoders and the sink.  For each TCP packet it finds
 * the connection (the flow table), decides the direction, runs Wireshark's
 * sequence analysis (analyze.c), adds the story labels of SPEC §3
 * (story.c), keeps Zeek's state and history (zeek.c) and the figures
 * (stats.c), feeds the reassembly (stream.c), and hands the complete event
 * record to the sink.  No memory is allocated per packet: a connection is
 * allocated once (lifecycle.c) and freed when it ends.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>

#include "analyze.h"
#include "tracker_int.h"

/* How often, in capture time, lingering and idle connections are looked at. */
#define EXPIRE_EVERY_NS 1000000LL

struct tracker *tracker_new(const struct tracker_config *cfg, struct tv_sink *sink)
{
	struct tracker *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->cfg = *cfg;
	if (t->cfg.max_connections == 0)
		t->cfg.max_connections = TRACKER_DEFAULT_MAX_CONNECTIONS;
	t->sink = sink;
	t->flows = flow_table_new();
	t->recent = flow_recent_new();
	if (t->flows == NULL || t->recent == NULL) {
		flow_table_free(t->flows);
		flow_recent_free(t->recent);
		free(t);
		return NULL;
	}
	return t;
}

uint64_t tracker_connections(const struct tracker *t)
{
	return t->next_id;
}

void tracker_flush(struct tracker *t)
{
	lifecycle_flush(t);
}

void tracker_idle(struct tracker *t, int64_t quiet_ns)
{
	/* Capture time as it would be now: the last packet's, plus the
	 * quiet time on the wall clock (the connections linger in capture
	 * time, SPEC §11). */
	if (t->last_ts_set && quiet_ns > 0) {
		struct tv_time now = t->last_ts;
		int64_t ns = (int64_t)now.nsec + quiet_ns % 1000000000LL;
		now.sec += quiet_ns / 1000000000LL + ns / 1000000000LL;
		now.nsec = (uint32_t)(ns % 1000000000LL);
		t->now = now;
		lifecycle_expire(t);
	}
}

void tracker_free(struct tracker *t)
{
	if (t == NULL)
		return;
	lifecycle_flush(t);
	flow_table_free(t->flows);
	flow_recent_free(t->recent);
	free(t);
}

/* Whether `p` travels between the two endpoints of `c`, either way. */
static bool same_tuple(const struct tv_conn *c, const struct tv_packet *p)
{
	const struct tv_endpoint *a = &c->info.end[DIR_C2S], *b = &c->info.end[DIR_S2C];
	if (p->src.family != a->addr.family || p->tunnel_id != c->node.key.tunnel)
		return false;
	int fam = p->src.family;
	if (p->sport == a->port && p->dport == b->port)
		return tv_addr_bytes_eq(p->src.bytes, a->addr.bytes, fam) &&
		       tv_addr_bytes_eq(p->dst.bytes, b->addr.bytes, fam);
	if (p->sport == b->port && p->dport == a->port)
		return tv_addr_bytes_eq(p->src.bytes, b->addr.bytes, fam) &&
		       tv_addr_bytes_eq(p->dst.bytes, a->addr.bytes, fam);
	return false;
}

static enum tv_dir packet_dir(const struct tv_conn *c, const struct tv_packet *p)
{
	/* A self-connect (both ends one address and port) reads as client
	 * to server throughout, as it cannot be told apart. */
	const struct tv_endpoint *cl = &c->info.end[DIR_C2S];
	bool from_client = p->sport == cl->port &&
			   tv_addr_bytes_eq(p->src.bytes, cl->addr.bytes, p->src.family);
	return from_client ? DIR_C2S : DIR_S2C;
}

/* The live connection of a key, or NULL: the flow table indexes the
 * node each connection embeds. */
static struct tv_conn *find_conn(struct tracker *t, const struct flow_key *key, uint32_t hash)
{
	struct flow_node *n = flow_table_find(t->flows, key, hash);
	return n != NULL ? (struct tv_conn *)((char *)n - offsetof(struct tv_conn, node)) : NULL;
}

/*
 * The connection of `p`, opened if need be.  Port reuse
 * (tcp.analysis.reused_ports): a SYN whose sequence number is not the ISN
 * this side used before opens a new connection on the same 4-tuple; the
 * same ISN is the SYN sent again, and Wireshark rewinds nextseq for it.  A
 * connection that ended in memory goes on under its id (SPEC §2).
 */
static struct tv_conn *connection_of(struct tracker *t, const struct tv_packet *p,
				     bool *reuse)
{
	/* Consecutive packets of one connection (a bulk transfer, an
	 * exchange) skip the hash lookup. */
	struct flow_key key;
	uint32_t hash;
	struct tv_conn *c = t->last;
	if (c != NULL && same_tuple(c, p)) {
		key = c->node.key;
		hash = c->node.hash;
	} else {
		hash = flow_key_make(p, &key);
		c = find_conn(t, &key, hash);
	}
	*reuse = false;
	bool syn = (p->flags & (TH_SYN | TH_ACK)) == TH_SYN;
	if (c != NULL && syn) {
		struct tv_half *h = &c->half[packet_dir(c, p)];
		if (h->base_set && p->seq != h->base_seq) {
			lifecycle_end(t, c, END_PORT_REUSE);
			c = NULL;
			*reuse = true;
		} else if (h->base_set) {
			h->nextseq = h->maxseqtobeacked;
		}
	}
	if (c != NULL)
		return c;
	/* A 4-tuple whose connection ended: a SYN with another ISN than the
	 * client's starts a new one (port reuse); anything else, the same SYN
	 * sent again included, continues it. */
	struct tv_resume rs;
	if (!*reuse && flow_recent_get(t->recent, &key, hash, &rs, sizeof(rs))) {
		bool from_client = p->sport == rs.client_port;
		bool same_isn = from_client && (rs.bits & (RESUME_BASE_SET << DIR_C2S)) &&
				p->seq == rs.base_seq[DIR_C2S];
		if (!syn || same_isn)
			return lifecycle_open(t, p, &key, hash, false, &rs);
		*reuse = true;
	}
	return lifecycle_open(t, p, &key, hash, *reuse, NULL);
}

/* The packet's own facts in its event record. */
static void packet_facts(const struct tv_conn *c, enum tv_dir d,
			 const struct tv_packet *p, struct tv_event *ev)
{
	ev->conn = c->info.id;
	ev->frame = p->frame;
	ev->file = p->file;
	ev->ts = p->ts;
	ev->dir = d;
	ev->ts_digits = (uint8_t)c->info.ts_digits;
	ev->flags = p->flags;
	ev->port[DIR_C2S] = c->info.end[DIR_C2S].port;
	ev->port[DIR_S2C] = c->info.end[DIR_S2C].port;
	ev->len = p->len;
	ev->captured_len = p->payload_caplen;
	ev->truncated = p->truncated;
	ev->hdr_len = p->hdr_len;
	ev->opt = p->opt;
	ev->rel_ns = tv_time_diff_ns(c->info.first_ts, p->ts);
	ev->delta_ns = tv_time_diff_ns(c->last_ts, p->ts);
}

void tracker_packet(struct tracker *t, const struct tv_packet *p)
{
	/* Capture time, as this packet tells it.  It may go backwards (a
	 * second, older file; clock steps): nothing expires then, since only
	 * connections idle for a positive time past their timeout end.  The
	 * list heads are the coldest connections in memory: look at them once
	 * per millisecond of capture time, not on every packet (the timeouts
	 * are half a second and more). */
	t->now = p->ts;
	t->last_ts = p->ts;
	t->last_ts_set = true;
	int64_t since = tv_time_diff_ns(t->last_expire, p->ts);
	if (since >= EXPIRE_EVERY_NS || since < 0) {
		t->last_expire = p->ts;
		lifecycle_expire(t);
	}

	bool reuse;
	struct tv_conn *c = connection_of(t, p, &reuse);
	if (c == NULL)
		return;	/* out of memory: the packet is counted, not analysed */

	enum tv_dir d = packet_dir(c, p);
	struct tv_half *me = &c->half[d];
	/* A struct copy, not memset: gcc makes a short memset "rep stos",
	 * slow to start, and this runs for every packet. */
	static const struct tv_event no_event;
	struct tv_event ev = no_event;
	packet_facts(c, d, p, &ev);
	if (reuse)
		ev.labels |= LBIT(L_PORT_REUSE);

	/* A SYN-ACK with a new sequence number: Wireshark keeps the stream,
	 * takes the new ISN and flags reused ports. */
	if ((p->flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) && me->base_set &&
	    p->seq != me->base_seq) {
		me->base_seq = p->seq;
		ev.labels |= LBIT(L_PORT_REUSE);
		ev.isn_restart = true;
	}

	/* What this side had acknowledged before: the ACK number of its
	 * last segment with the ACK flag (a SYN's ack field says nothing). */
	uint32_t prev_ack = me->ack_to;
	bool had_ack = me->ack_seen;
	struct conn_list *was = lifecycle_list_of(t, c);
	analyze_segment(c, d, p, &ev);
	story_packet(c, d, p, prev_ack, had_ack, &ev);
	if (p->flags & TH_ACK)
		me->ack_to = p->ack;
	if (p->flags & TH_ACK)
		me->ack_seen = true;
	zeek_update(c, d, p, ev.labels);
	stats_count(c, d, &ev);

	c->packets++;
	c->last_ts = p->ts;
	c->last_frame = p->frame;
	if (c->selected) {
		/* The event first: the application records its bytes
		 * complete come after it (sink.h). */
		t->sink->ops->event(t->sink, &ev);
		stream_segment(t, c, d, p);
	}
	lifecycle_touch(t, c, was);
	t->last = c;
}

bool tracker_icmp(struct tracker *t, const struct tv_packet *p)
{
	struct flow_key key;
	uint32_t hash = flow_key_make(p, &key);
	struct tv_conn *c = find_conn(t, &key, hash);
	if (c == NULL)
		return false;
	if (!c->selected)
		return true;
	/* The quoted segment's sender: the error is told on its side. */
	enum tv_dir d = packet_dir(c, p);
	const struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	static const struct tv_event no_event;
	struct tv_event ev = no_event;
	packet_facts(c, d, p, &ev);
	ev.labels = LBIT(L_ICMP_ERROR);
	ev.raw_seq = p->seq;
	ev.raw_ack = p->ack;
	ev.seq = p->seq - me->base_seq;
	ev.ack = (p->flags & TH_ACK) ? p->ack - peer->base_seq : p->ack;
	ev.win_shift = -1;
	ev.win_scaled = true;	/* no window to scale: not a segment */
	ev.icmp = p->icmp;
	c->half[d].st.counts[L_ICMP_ERROR]++;
	t->sink->ops->event(t->sink, &ev);
	return true;
}
