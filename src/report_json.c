/*
 * report_json.c - the JSON document (--json) and JSON Lines (--jsonl).
 *
 * SPEC §5.  Objects are built with cJSON one at a time and freed after
 * printing.  Times are written as raw numbers formatted from integer
 * nanoseconds (fmt_seconds), so they are exact and locale-independent;
 * cJSON's own double printing would round a capture time to 15 digits.
 * With --json, a connection's events are spooled while it is open and the
 * connection object is printed, events and all, when it ends; with --jsonl
 * events stream out as packets are read.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tcpview/narrate.h"
#include "tcpview/report.h"
#include "tcpview/spool.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#define JSON_SPOOL_BUDGET (16u * 1024 * 1024)
/* Version of the JSON layout; bumped when a field changes meaning. */
#define JSON_FORMAT 1

struct json_reporter {
	struct reporter base;
	bool lines;
	bool first_conn;
	struct spool_arena arena;
};

struct json_conn {
	struct spool spool;
	bool any_event;
};

static void add_seconds(cJSON *o, const char *key, int64_t ns, int digits)
{
	char buf[48];
	fmt_seconds(buf, sizeof(buf), ns, digits);
	cJSON_AddRawToObject(o, key, buf);
}

/* Epoch time: exact to the µs as a number; ns captures add the exact string. */
static void add_epoch(cJSON *o, const char *key, struct tv_time t, int digits)
{
	int64_t ns = t.sec * 1000000000LL + t.nsec;
	add_seconds(o, key, ns, 6);
	if (digits == 9) {
		char buf[48], k[32];
		fmt_seconds(buf, sizeof(buf), ns, 9);
		snprintf(k, sizeof(k), "%s_ns", key);
		cJSON_AddStringToObject(o, k, buf);
	}
}

static void add_u64(cJSON *o, const char *key, uint64_t v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	cJSON_AddRawToObject(o, key, buf);
}

static void emit(struct obuf *o, cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);
	if (s != NULL) {
		obuf_puts(o, s);
		free(s);
	}
}

/*
 * Prints `j` as one JSON Lines record, {"type": TYPE, ["conn": N,] ...},
 * and frees it.  The members move into a new object so "type" comes first.
 */
static void emit_line(struct obuf *o, const char *type, uint64_t conn, cJSON *j)
{
	cJSON *line = cJSON_CreateObject();
	cJSON_AddStringToObject(line, "type", type);
	if (conn != 0)
		add_u64(line, "conn", conn);
	while (j->child != NULL) {
		cJSON *item = cJSON_DetachItemViaPointer(j, j->child);
		cJSON_AddItemToObject(line, item->string, item);
	}
	emit(o, line);
	obuf_putc(o, '\n');
	cJSON_Delete(line);
	cJSON_Delete(j);
}

static cJSON *tcp_options_json(const struct tcp_options *o)
{
	cJSON *j = cJSON_CreateObject();
	if (o->present & TCPOPT_HAVE_MSS)
		cJSON_AddNumberToObject(j, "mss", o->mss);
	if (o->present & TCPOPT_HAVE_WSCALE)
		cJSON_AddNumberToObject(j, "wscale", o->wscale);
	if (o->present & TCPOPT_HAVE_SACK_PERM)
		cJSON_AddTrueToObject(j, "sack_permitted");
	if (o->present & TCPOPT_HAVE_TS) {
		cJSON_AddTrueToObject(j, "timestamps");
		add_u64(j, "tsval", o->ts_val);
		add_u64(j, "tsecr", o->ts_ecr);
	}
	if (o->present & TCPOPT_HAVE_SACK) {
		cJSON *a = cJSON_AddArrayToObject(j, "sack");
		for (unsigned i = 0; i < o->sack_count; i++) {
			cJSON *b = cJSON_CreateArray();
			cJSON_AddItemToArray(b, cJSON_CreateNumber(o->sack_left[i]));
			cJSON_AddItemToArray(b, cJSON_CreateNumber(o->sack_right[i]));
			cJSON_AddItemToArray(a, b);
		}
	}
	if (o->present & TCPOPT_HAVE_TFO)
		cJSON_AddNumberToObject(j, "tfo_cookie_len", o->tfo_cookie_len);
	if (o->present & TCPOPT_HAVE_MPTCP)
		cJSON_AddTrueToObject(j, "mptcp");
	if (o->unknown_count > 0) {
		cJSON *a = cJSON_AddArrayToObject(j, "unknown_kinds");
		for (unsigned i = 0; i < o->unknown_count; i++)
			cJSON_AddItemToArray(a, cJSON_CreateNumber(o->unknown_kinds[i]));
	}
	if (o->problem != NULL)
		cJSON_AddStringToObject(j, "problem", o->problem);
	return j;
}

static cJSON *event_json(const struct reporter *r, const struct tv_event *ev)
{
	const struct tv_packet *p = ev->pkt;
	int digits = ev->conn->ts_digits;
	char flags[12], text[NARRATE_MAX];
	cJSON *j = cJSON_CreateObject();

	add_u64(j, "frame", p->frame);
	add_epoch(j, "time", p->ts, digits);
	add_seconds(j, "rel_time", ev->rel_ns, digits);
	cJSON_AddStringToObject(j, "dir", ev->dir == DIR_C2S ? "c2s" : "s2c");
	narrate_flag_letters(p->flags, flags);
	cJSON_AddStringToObject(j, "flags", flags);
	add_u64(j, "seq", ev->seq);
	if (p->flags & TH_ACK)
		add_u64(j, "ack", ev->ack);
	add_u64(j, "len", p->len);
	add_u64(j, "win", ev->win);
	add_u64(j, "win_raw", ev->win_raw);
	if (ev->win_shift >= 0)
		cJSON_AddNumberToObject(j, "win_shift", ev->win_shift);
	if (!ev->win_scaled)
		cJSON_AddFalseToObject(j, "win_scaled");

	cJSON *labels = cJSON_AddArrayToObject(j, "labels");
	for (uint32_t l = ev->labels; l != 0; l &= l - 1)
		cJSON_AddItemToArray(labels, cJSON_CreateString(
						     label_name(__builtin_ctz(l))));
	if (ev->acks_frame != 0) {
		add_u64(j, "acks_frame", ev->acks_frame);
		if (ev->ack_rtt_ns > 0)
			add_seconds(j, "ack_rtt", ev->ack_rtt_ns, digits);
	}
	if (ev->acked_bytes > 0)
		add_u64(j, "acked_bytes", ev->acked_bytes);
	if (ev->handshake_rtt_ns > 0)
		add_seconds(j, "handshake_rtt", ev->handshake_rtt_ns, digits);
	if (ev->labels & LBIT(L_DUP_ACK)) {
		add_u64(j, "dup_ack_num", ev->dup_ack_num);
		add_u64(j, "dup_ack_frame", ev->dup_ack_frame);
	}
	if ((ev->labels & LBIT(L_RETRANSMISSION)) && ev->orig_frame != 0)
		add_u64(j, "orig_frame", ev->orig_frame);
	if (ev->labels & LBIT(L_LOST_SEGMENT))
		add_u64(j, "missing_bytes", ev->missing_bytes);
	if (ev->teardown_step != 0)
		cJSON_AddNumberToObject(j, "teardown_step", ev->teardown_step);
	if (ev->rst_reason != RST_NONE)
		cJSON_AddStringToObject(j, "rst_reason", rst_reason_name(ev->rst_reason));
	if (p->truncated) {
		cJSON_AddTrueToObject(j, "truncated");
		add_u64(j, "captured_len", p->payload_caplen);
	}
	if ((p->flags & TH_SYN) || r->cfg.verbose || p->opt.problem != NULL)
		if (p->hdr_len > 20)
			cJSON_AddItemToObject(j, "options", tcp_options_json(&p->opt));
	narrate_event(ev, text, sizeof(text));
	cJSON_AddStringToObject(j, "text", text);
	return j;
}

static cJSON *endpoint_json(const struct tv_half *h)
{
	char addr[64];
	cJSON *j = cJSON_CreateObject();
	fmt_addr(addr, sizeof(addr), &h->addr);
	cJSON_AddStringToObject(j, "addr", addr);
	cJSON_AddNumberToObject(j, "port", h->port);
	return j;
}

static cJSON *syn_options_json(const struct syn_options *o)
{
	cJSON *j = cJSON_CreateObject();
	if (o->present & TCPOPT_HAVE_MSS)
		cJSON_AddNumberToObject(j, "mss", o->mss);
	if (o->present & TCPOPT_HAVE_WSCALE)
		cJSON_AddNumberToObject(j, "wscale", o->wscale);
	if (o->present & TCPOPT_HAVE_SACK_PERM)
		cJSON_AddTrueToObject(j, "sack_permitted");
	if (o->present & TCPOPT_HAVE_TS)
		cJSON_AddTrueToObject(j, "timestamps");
	if (o->present & TCPOPT_HAVE_TFO)
		cJSON_AddTrueToObject(j, "tfo");
	return j;
}

static cJSON *direction_json(const struct tv_half *h, int digits)
{
	cJSON *j = cJSON_CreateObject();
	add_u64(j, "packets", h->packets);
	add_u64(j, "bytes", h->bytes);
	add_u64(j, "retransmissions", h->counts[L_RETRANSMISSION]);
	add_u64(j, "retransmitted_bytes", h->retransmitted_bytes);
	cJSON *lc = cJSON_AddObjectToObject(j, "labels");
	for (int l = 0; l < L_COUNT; l++)
		if (h->counts[l] != 0)
			add_u64(lc, label_name((enum tv_label)l), h->counts[l]);
	if (h->rtt_count > 0) {
		cJSON *rtt = cJSON_AddObjectToObject(j, "ack_rtt");
		add_seconds(rtt, "min", h->rtt_min_ns, digits);
		add_seconds(rtt, "avg", h->rtt_sum_ns / (int64_t)h->rtt_count, digits);
		add_seconds(rtt, "max", h->rtt_max_ns, digits);
		add_u64(rtt, "samples", h->rtt_count);
	}
	return j;
}

static const char *end_reason_name(enum conn_end_reason r)
{
	switch (r) {
	case END_CLOSED: return "closed";
	case END_RESET: return "reset";
	case END_PORT_REUSE: return "port_reuse";
	case END_IDLE: return "idle";
	case END_EOF: return "end_of_input";
	case END_LIMIT: return "tracking_limit";
	}
	return "?";
}

static cJSON *connection_json(const struct tv_conn *c)
{
	int digits = c->ts_digits;
	cJSON *j = cJSON_CreateObject();
	add_u64(j, "id", c->id);
	cJSON_AddItemToObject(j, "client", endpoint_json(&c->half[DIR_C2S]));
	cJSON_AddItemToObject(j, "server", endpoint_json(&c->half[DIR_S2C]));
	add_epoch(j, "start", c->first_ts, digits);
	add_epoch(j, "end", c->last_ts, digits);
	add_seconds(j, "duration", tv_time_diff_ns(c->first_ts, c->last_ts), digits);
	cJSON_AddStringToObject(j, "state", conn_state_name(c->state));
	if (c->closed_by >= 0)
		cJSON_AddStringToObject(j, "closed_by",
					c->closed_by == DIR_C2S ? "client" : "server");
	if (c->reset_by >= 0)
		cJSON_AddStringToObject(j, "reset_by",
					c->reset_by == DIR_C2S ? "client" : "server");
	cJSON_AddStringToObject(j, "ended", end_reason_name(c->end_reason));
	if (c->midstream)
		cJSON_AddTrueToObject(j, "midstream");
	if (c->port_reuse)
		cJSON_AddTrueToObject(j, "port_reuse");
	cJSON_AddStringToObject(j, "zeek_state", conn_zeek_state(c));
	cJSON_AddStringToObject(j, "history", c->history);

	const struct tv_half *cl = &c->half[DIR_C2S], *sv = &c->half[DIR_S2C];
	if (cl->saw_syn || sv->saw_syn) {
		cJSON *hs = cJSON_AddObjectToObject(j, "handshake");
		cJSON_AddBoolToObject(hs, "complete", c->hs_complete);
		if (c->hs_rtt_ns > 0)
			add_seconds(hs, "rtt", c->hs_rtt_ns, digits);
		if (cl->saw_syn)
			cJSON_AddItemToObject(hs, "client_options", syn_options_json(&cl->syn));
		if (sv->saw_syn)
			cJSON_AddItemToObject(hs, "server_options", syn_options_json(&sv->syn));
	}
	cJSON_AddItemToObject(j, "c2s", direction_json(cl, digits));
	cJSON_AddItemToObject(j, "s2c", direction_json(sv, digits));
	return j;
}

static void json_begin(struct reporter *r)
{
	struct json_reporter *jr = (struct json_reporter *)r;
	if (!jr->lines)
		obuf_printf(r->out, "{\"tcpview\":{\"version\":\"%s\",\"format\":%d},\n"
			    "\"connections\":[", PACKAGE_VERSION, JSON_FORMAT);
}

static void json_connection_start(struct reporter *r, struct tv_conn *c)
{
	struct json_reporter *jr = (struct json_reporter *)r;
	if (!jr->lines && !r->cfg.no_events)
		c->report = calloc(1, sizeof(struct json_conn));
}

static void json_event(struct reporter *r, const struct tv_event *ev)
{
	struct json_reporter *jr = (struct json_reporter *)r;
	if (r->cfg.no_events)
		return;
	cJSON *j = event_json(r, ev);
	if (jr->lines) {
		emit_line(r->out, "event", ev->conn->id, j);
		return;
	}
	struct json_conn *jc = ev->conn->report;
	char *s = cJSON_PrintUnformatted(j);
	if (jc != NULL && s != NULL) {
		if (jc->any_event)
			spool_write(&jr->arena, &jc->spool, ",\n", 2);
		spool_write(&jr->arena, &jc->spool, s, strlen(s));
		jc->any_event = true;
	}
	free(s);
	cJSON_Delete(j);
}

static void json_connection_end(struct reporter *r, struct tv_conn *c)
{
	struct json_reporter *jr = (struct json_reporter *)r;
	cJSON *j = connection_json(c);
	if (jr->lines) {
		emit_line(r->out, "connection", 0, j);
		return;
	}
	struct json_conn *jc = c->report;
	char *s = cJSON_PrintUnformatted(j);
	if (s != NULL) {
		obuf_puts(r->out, jr->first_conn ? "\n" : ",\n");
		jr->first_conn = false;
		if (r->cfg.no_events) {
			obuf_puts(r->out, s);
		} else {
			/* The object without its closing brace, then the events. */
			obuf_write(r->out, s, strlen(s) - 1);
			obuf_puts(r->out, ",\"events\":[\n");
			if (jc != NULL)
				spool_drain(&jr->arena, &jc->spool, r->out);
			obuf_puts(r->out, "]}");
		}
		free(s);
	}
	free(jc);
	c->report = NULL;
	cJSON_Delete(j);
}

static void json_malformed(struct reporter *r, const char *file, uint64_t frame,
			   const char *why)
{
	struct json_reporter *jr = (struct json_reporter *)r;
	if (!jr->lines)
		return;	/* the document counts them in stats.malformed */
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "file", file);
	add_u64(j, "frame", frame);
	cJSON_AddStringToObject(j, "reason", why);
	emit_line(r->out, "malformed", 0, j);
}

static cJSON *stats_json(const struct tv_stats *st)
{
	cJSON *j = cJSON_CreateObject();
	add_u64(j, "packets", st->packets);
	add_u64(j, "tcp_packets", st->tcp_packets);
	add_u64(j, "other_packets", st->other_packets);
	add_u64(j, "malformed", st->malformed);
	add_u64(j, "connections", st->connections);
	return j;
}

static cJSON *input_json(const struct tv_input *in)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "file", in->path);
	if (in->link_name != NULL)
		cJSON_AddStringToObject(j, "link_type", in->link_name);
	add_u64(j, "packets", in->packets);
	cJSON_AddBoolToObject(j, "complete", in->complete);
	if (in->error != NULL)
		cJSON_AddStringToObject(j, "error", in->error);
	return j;
}

static void json_finish(struct reporter *r, const struct tv_input *in, size_t n,
			const struct tv_stats *st)
{
	struct json_reporter *jr = (struct json_reporter *)r;
	if (jr->lines) {
		for (size_t i = 0; i < n; i++)
			emit_line(r->out, "input", 0, input_json(&in[i]));
		emit_line(r->out, "stats", 0, stats_json(st));
		return;
	}
	obuf_puts(r->out, jr->first_conn ? "],\n\"inputs\":[" : "\n],\n\"inputs\":[");
	for (size_t i = 0; i < n; i++) {
		cJSON *j = input_json(&in[i]);
		if (i > 0)
			obuf_putc(r->out, ',');
		emit(r->out, j);
		cJSON_Delete(j);
	}
	obuf_puts(r->out, "],\n\"stats\":");
	cJSON *s = stats_json(st);
	emit(r->out, s);
	cJSON_Delete(s);
	obuf_puts(r->out, "}\n");
}

static void json_destroy(struct reporter *r)
{
	struct json_reporter *jr = (struct json_reporter *)r;
	spool_arena_release(&jr->arena);
	free(jr);
}

static const struct reporter_ops json_ops = {
	.begin = json_begin,
	.connection_start = json_connection_start,
	.event = json_event,
	.connection_end = json_connection_end,
	.malformed = json_malformed,
	.finish = json_finish,
	.destroy = json_destroy,
};

struct reporter *report_json_new(const struct report_config *cfg, struct obuf *out,
				 bool lines)
{
	struct json_reporter *jr = calloc(1, sizeof(*jr));
	if (jr == NULL)
		return NULL;
	jr->base.ops = &json_ops;
	jr->base.cfg = *cfg;
	jr->base.out = out;
	jr->lines = lines;
	jr->first_conn = true;
	spool_arena_init(&jr->arena, JSON_SPOOL_BUDGET);
	return &jr->base;
}
