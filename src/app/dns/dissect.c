/*
 * dissect.c - DNS in the application layer: messages over UDP and TCP, and
 * the names they give addresses.
 *
 * Each message becomes a record with Zeek dns.log's facts (trans_id,
 * query, qtype, rcode, answers and their TTLs, rtt from the query).  The
 * addresses an answer gives are remembered with the name that was asked,
 * so that a later connection to one of them carries that name
 * (server_name, SPEC §9).  Both tables are direct-mapped and fixed in
 * size: a busy resolver's capture overwrites old entries instead of
 * growing.  Everything is allocated with the first DNS message.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../layer_int.h"
#include "tcpview/app/dns.h"
#include "tcpview/util/nls.h"

#define DNS_PORT 53
#define QUERY_SLOTS 1024	/* queries waiting for their answer */
#define NAME_SLOTS 4096		/* addresses with a name */

struct query_slot {
	bool used;
	uint16_t id, port;
	struct tv_addr client;
	struct tv_time ts;
};

struct name_slot {
	bool used, cut;
	struct tv_addr addr;
	uint64_t frame;
	struct tv_time ts;
	char name[TV_SERVER_NAME_MAX + 1];
};

struct app_dns_state {
	struct dns_message msg;		/* the message being read */
	struct query_slot queries[QUERY_SLOTS];
	struct name_slot names[NAME_SLOTS];
};

static uint32_t hash_bytes(uint32_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;	/* FNV-1a */
	return h;
}

static uint32_t addr_hash(const struct tv_addr *a)
{
	return hash_bytes(2166136261u, a->bytes, a->family == 6 ? 16 : 4);
}

static bool addr_eq(const struct tv_addr *a, const struct tv_addr *b)
{
	return a->family == b->family && tv_addr_bytes_eq(a->bytes, b->bytes, a->family);
}

static struct app_dns_state *state_of(struct app_layer *l)
{
	struct app_dns_state **st = app_layer_dns(l);
	if (*st == NULL)
		*st = calloc(1, sizeof(**st));
	return *st;
}

void app_dns_free(struct app_dns_state *st)
{
	free(st);
}

static struct query_slot *query_slot(struct app_dns_state *st, uint16_t id,
				     const struct tv_endpoint *client)
{
	uint32_t h = addr_hash(&client->addr);
	uint8_t key[4] = { (uint8_t)(id >> 8), (uint8_t)id, (uint8_t)(client->port >> 8),
			   (uint8_t)client->port };
	h = hash_bytes(h, key, sizeof(key));
	return &st->queries[h % QUERY_SLOTS];
}

/* A query is remembered; a response finds its query's time (rtt). */
static int64_t pair(struct app_dns_state *st, const struct tv_app_dns *m, struct tv_time ts)
{
	struct query_slot *q = query_slot(st, m->trans_id, &m->client);
	if (!m->response) {
		q->used = true;
		q->id = m->trans_id;
		q->port = m->client.port;
		q->client = m->client.addr;
		q->ts = ts;
		return -1;
	}
	if (!q->used || q->id != m->trans_id || q->port != m->client.port ||
	    !addr_eq(&q->client, &m->client.addr))
		return -1;
	q->used = false;
	return tv_time_diff_ns(q->ts, ts);
}

/* Every address a successful answer gives takes the name that was asked. */
static void learn(struct app_dns_state *st, const struct tv_app *a)
{
	const struct tv_app_dns *m = &a->u.dns;
	if (!m->response || m->rcode != 0 || !m->has_query)
		return;
	for (unsigned i = 0; i < m->nanswers; i++) {
		if (!m->answers[i].has_addr)
			continue;
		const struct tv_addr *addr = &m->answers[i].addr;
		struct name_slot *n = &st->names[addr_hash(addr) % NAME_SLOTS];
		n->used = true;
		n->addr = *addr;
		n->frame = a->frame;
		n->ts = a->ts;
		n->cut = app_copy(n->name, TV_SERVER_NAME_MAX, m->query) || m->query_cut;
	}
}

bool app_dns_name_of(struct app_layer *l, const struct tv_addr *a, struct tv_time before,
		     struct tv_conn_report *r)
{
	struct app_dns_state *st = *app_layer_dns(l);
	if (st == NULL)
		return false;
	const struct name_slot *n = &st->names[addr_hash(a) % NAME_SLOTS];
	if (!n->used || !addr_eq(&n->addr, a))
		return false;
	int64_t age = tv_time_diff_ns(n->ts, before);
	if (age < 0)
		return false;	/* answered after the connection began */
	memcpy(r->server_name, n->name, sizeof(r->server_name));
	r->server_name_cut = n->cut;
	r->name_frame = n->frame;
	r->name_age_ns = age;
	return true;
}

/* The parsed message, in the record's terms. */
static void fill(struct tv_app_dns *m, const struct dns_message *msg)
{
	m->trans_id = msg->id;
	m->response = msg->qr;
	m->opcode = msg->opcode;
	m->rcode = msg->rcode;
	m->aa = msg->aa;
	m->tc = msg->tc;
	m->rd = msg->rd;
	m->ra = msg->ra;
	m->has_query = msg->has_question;
	if (m->has_query) {
		m->query_cut = app_copy(m->query, TV_DNS_NAME_MAX, msg->qname);
		m->qtype = msg->qtype;
		m->qclass = msg->qclass;
	}
	m->answers_total = msg->answers_read;
	m->nanswers = 0;
	for (unsigned i = 0; i < msg->answers_kept && m->nanswers < TV_DNS_ANSWERS_KEPT; i++) {
		const struct dns_rr *rr = &msg->answers[i];
		struct tv_dns_answer *an = &m->answers[m->nanswers++];
		an->type = rr->type;
		an->ttl = rr->ttl;
		an->has_addr = rr->has_addr;
		an->addr = rr->addr;
		an->data[0] = '\0';
		if (rr->has_target)
			app_copy(an->data, TV_DNS_DATA_MAX, rr->target);
	}
}

void app_dns_message(struct app_layer *l, struct app_conn *c, enum tv_dir d,
		     const uint8_t *msg, size_t len, struct tv_app *a)
{
	struct app_dns_state *st = state_of(l);
	if (st == NULL)
		return;
	struct tv_app_dns *m = &a->u.dns;
	const char *why = NULL;
	if (len < DNS_HEADER_LEN)
		return;	/* not even a header (the TCP framer never hands one) */
	bool whole = dns_parse(msg, len, &st->msg, &why);
	a->proto = AP_DNS;
	a->kind = AK_DNS;
	struct tv_endpoint client = m->client, server = m->server;
	memset(m, 0, sizeof(*m));
	m->client = client;
	m->server = server;
	m->tcp = c != NULL;
	fill(m, &st->msg);
	m->problem = whole ? NULL : why;
	m->rtt_ns = pair(st, m, c != NULL ? c->ts : a->ts);
	if (c != NULL) {
		app_emit(c, d, a);
	} else {
		a->dir = m->response ? DIR_S2C : DIR_C2S;
		app_layer_emit_udp(l, a);
	}
	learn(st, a);
}

bool app_layer_udp_wanted(const struct tv_packet *p)
{
	return p->sport == DNS_PORT || p->dport == DNS_PORT;
}

void app_layer_udp(struct app_layer *l, const struct tv_packet *p)
{
	if (!app_layer_udp_wanted(p))
		return;
	if (p->truncated || p->payload_caplen < DNS_HEADER_LEN)
		return;
	struct tv_app a;
	a.conn = 0;
	a.frame = p->frame;
	a.ts = p->ts;
	a.ts_digits = p->ts_digits;
	/* The query goes to port 53; the answer comes from it (QR decides
	 * below, the ports only who is who). */
	bool from_server = p->sport == DNS_PORT && p->dport != DNS_PORT;
	struct tv_endpoint src = { p->src, p->sport }, dst = { p->dst, p->dport };
	a.u.dns.client = from_server ? dst : src;
	a.u.dns.server = from_server ? src : dst;
	app_dns_message(l, NULL, DIR_C2S, p->payload, p->payload_caplen, &a);
}

/* ---- DNS over TCP (RFC 7766): one framer per side ------------------------- */

struct dns_tcp_state {
	struct app_conn *c;
	enum tv_dir dir;
	struct dns_tcp side[2];
};

static void on_message(void *ctx, const uint8_t *msg, size_t len)
{
	struct dns_tcp_state *st = ctx;
	struct tv_app a;
	a.u.dns.client = st->c->end[DIR_C2S];
	a.u.dns.server = st->c->end[DIR_S2C];
	app_dns_message(st->c->layer, st->c, st->dir, msg, len, &a);
}

static bool dns_start(struct app_conn *c)
{
	struct dns_tcp_state *st = c->state;
	st->c = c;
	dns_tcp_init(&st->side[0]);
	dns_tcp_init(&st->side[1]);
	return true;
}

static void dns_bytes(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len)
{
	struct dns_tcp_state *st = c->state;
	const char *why = NULL;
	st->dir = d;
	if (!dns_tcp_feed(&st->side[d], data, len, on_message, st, &why))
		app_stop(c, d, why != NULL ? why : "not DNS");
}

static void dns_gap(struct app_conn *c, enum tv_dir d, uint64_t len)
{
	struct dns_tcp_state *st = c->state;
	(void)len;
	dns_tcp_gap(&st->side[d]);
	app_stop(c, d, N_("gap in the stream: message boundaries lost"));
}

static void dns_release(struct app_conn *c)
{
	struct dns_tcp_state *st = c->state;
	dns_tcp_release(&st->side[0]);
	dns_tcp_release(&st->side[1]);
}

const struct app_dissector app_dns_tcp = {
	.proto = AP_DNS,
	.start = dns_start,
	.bytes = dns_bytes,
	.gap = dns_gap,
	.release = dns_release,
	.size = sizeof(struct dns_tcp_state),
};
