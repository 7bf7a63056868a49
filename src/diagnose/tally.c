/*
 * tally.c - failures by server for the capture-wide verdict (see tally.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/diagnose/tally.h"

/* Servers whose connections are tallied. */
#define TALLY_SLOTS 1024

struct dx_tally {
	struct tv_capture_verdict verdict;	/* the counts so far */
	struct tv_server_tally *tally;		/* TALLY_SLOTS, lazily */
};

struct dx_tally *dx_tally_new(void)
{
	return calloc(1, sizeof(struct dx_tally));
}

void dx_tally_free(struct dx_tally *t)
{
	if (t != NULL)
		free(t->tally);
	free(t);
}

static struct tv_server_tally *tally_of(struct dx_tally *g, const struct tv_endpoint *e)
{
	if (g->tally == NULL && (g->tally = calloc(TALLY_SLOTS, sizeof(*g->tally))) == NULL)
		return NULL;
	uint32_t h = 2166136261u;
	for (int i = 0; i < (e->addr.family == 6 ? 16 : 4); i++)
		h = (h ^ e->addr.bytes[i]) * 16777619u;
	h = (h ^ e->port) * 16777619u;
	struct tv_server_tally *t = &g->tally[h % TALLY_SLOTS];
	/* Only the family's bytes: past an IPv4 address's four, the decoder
	 * leaves whatever was there. */
	bool same = t->connections > 0 && t->server.port == e->port &&
		    t->server.addr.family == e->addr.family &&
		    tv_addr_bytes_eq(t->server.addr.bytes, e->addr.bytes, e->addr.family);
	if (!same) {	/* a new server takes the slot: direct-mapped, bounded */
		memset(t, 0, sizeof(*t));
		t->server = *e;
	}
	return t;
}

static uint64_t failures(const struct tv_server_tally *t)
{
	return t->unanswered + t->refused + t->reset + t->icmp + t->tls;
}

int dx_tally_failure(const struct tv_diagnosis *d)
{
	for (unsigned i = 0; i < d->nfindings; i++)
		switch (d->f[i].code) {
		case DX_SYN_UNANSWERED:
		case DX_REFUSED:
		case DX_ICMP_ERROR:
		case DX_TLS_FAILED:
		case DX_RESET_ABORT:
		case DX_RESET_UNREAD_DATA:
		case DX_RESET_AFTER_IDLE:
			return (int)d->f[i].code;	/* one failure per connection */
		default:
			break;
		}
	return -1;
}

void dx_tally_add(struct dx_tally *g, const struct tv_endpoint *server, uint64_t conn,
		  int failure)
{
	struct tv_server_tally *t = tally_of(g, server);
	if (t != NULL && t->connections++ == 0)
		t->first_conn = conn;
	g->verdict.connections++;
	if (failure < 0)
		return;
	g->verdict.failed++;
	if (t == NULL)
		return;
	switch ((enum diagnose_code)failure) {
	case DX_SYN_UNANSWERED: t->unanswered++; break;
	case DX_REFUSED: t->refused++; break;
	case DX_ICMP_ERROR: t->icmp++; break;
	case DX_TLS_FAILED: t->tls++; break;
	default: t->reset++; break;
	}
}

void dx_tally_count(struct dx_tally *g, const struct tv_diagnosis *d)
{
	dx_tally_add(g, &d->server, d->conn, dx_tally_failure(d));
}

/* The servers with the most failed connections, most first. */
void dx_tally_verdict(const struct dx_tally *g, struct tv_capture_verdict *out)
{
	struct tv_capture_verdict *v = out;
	*v = g->verdict;
	for (int i = 0; g->tally != NULL && i < TALLY_SLOTS; i++) {
		const struct tv_server_tally *t = &g->tally[i];
		uint64_t bad = failures(t);
		if (bad == 0)
			continue;
		v->failing_servers++;
		unsigned k = v->nservers < DX_SERVERS_TOLD ? v->nservers++ : DX_SERVERS_TOLD;
		for (; k > 0; k--) {
			const struct tv_server_tally *u = &v->servers[k - 1];
			uint64_t ubad = failures(u);
			if (ubad > bad || (ubad == bad && u->first_conn < t->first_conn))
				break;
			if (k < DX_SERVERS_TOLD)
				v->servers[k] = *u;
		}
		if (k < DX_SERVERS_TOLD)
			v->servers[k] = *t;
	}
}

