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
	return t->ids != NULL ? connid_count(t->ids) : 0;
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
	connid_free(t->ids);
	flow_table_free(t->flows);
	flow_recent_free(t->recent);
	free(t);
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
 * The connection of `p`, opened if need be, under the id the run layer
 * gave it (connid.h).  Another id than the connection in memory has is
 * port reuse (tcp.analysis.reused_ports): that one ends.  The same ISN is
 * the SYN sent again, and Wireshark rewinds nextseq for it.  A connection
 * that ended in memory goes on under its id (SPEC §2), with what it left
 * in the record of ended flows.
 */
static struct tv_conn *connection_of(struct tracker *t, const struct tv_packet *p,
				     const struct conn_ref *ref)
{
	/* Consecutive packets of one connection (a bulk transfer, an
	 * exchange) skip the table. */
	struct tv_conn *c = t->last;
	if (c == NULL || c->node.hash != ref->hash || !flow_key_equal(&c->node.key, &ref->key))
		c = find_conn(t, &ref->key, ref->hash);
	if (c != NULL && c->info.id != ref->id) {
		lifecycle_end(t, c, END_PORT_REUSE);
		c = NULL;
	} else if (c != NULL && (p->flags & (TH_SYN | TH_ACK)) == TH_SYN) {
		struct tv_half *h = &c->half[packet_dir(c, p)];
		if (h->base_set)
			h->nextseq = h->maxseqtobeacked;
	}
	if (c != NULL)
		return c;
	struct tv_resume rs;
	bool ended = flow_recent_get(t->recent, &ref->key, ref->hash, &rs, sizeof(rs));
	return lifecycle_open(t, p, ref, ended && rs.id == ref->id ? &rs : NULL);
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

void tracker_expire(struct tracker *t, struct tv_time now)
{
	t->now = now;
	lifecycle_expire(t);
}

void tracker_packet(struct tracker *t, const struct tv_packet *p)
{
	if (t->ids == NULL && (t->ids = connid_new(t->cfg.max_connections + FLOW_RECENT_SLOTS)) == NULL)
		return;
	struct conn_ref ref;
	ref.hash = flow_key_make(p, &ref.key);
	ref.packet = ++t->packets;
	connid_assign(t->ids, p, &ref);
	if (tracker_expiry_due(&t->last_expire, p->ts))
		tracker_expire(t, p->ts);
	tracker_packet_ref(t, p, &ref);
}

void tracker_packet_ref(struct tracker *t, const struct tv_packet *p,
			const struct conn_ref *ref)
{
	/* Capture time, as this packet tells it (tracker_idle starts from
	 * it on a live input). */
	t->now = p->ts;
	t->last_ts = p->ts;
	t->last_ts_set = true;

	struct tv_conn *c = connection_of(t, p, ref);
	if (c == NULL)
		return;	/* out of memory: the packet is counted, not analysed */

	enum tv_dir d = packet_dir(c, p);
	struct tv_half *me = &c->half[d];
	/* A struct copy, not memset: gcc makes a short memset "rep stos",
	 * slow to start, and this runs for every packet. */
	static const struct tv_event no_event;
	struct tv_event ev = no_event;
	packet_facts(c, d, p, &ev);
	if (ref->reuse)
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
	c->last_packet = ref->packet;
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
