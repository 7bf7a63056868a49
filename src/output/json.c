/*
 * json.c - the JSON document (--json) and JSON Lines (--jsonl).
 *
 * SPEC §5.  Events and connections, the per-packet and per-connection
 * records, are written by the streaming writer (jsonw.h) straight into a
 * buffer; cJSON builds only the cold parts (inputs, stats, malformed
 * frames).  Times are written as raw numbers formatted from integer
 * nanoseconds (fmt_seconds), so they are exact and locale-independent;
 * cJSON's own double printing would round a capture time to 15 digits.
 * With --json, a connection's events are spooled while it is open (found
 * by connection id) and the connection object is printed, events and all,
 * when it ends; with --jsonl events stream out as packets are read.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json_app.h"
#include "tcpview/diagnose/record.h"
#include "tcpview/flow/community.h"
#include "tcpview/output/report.h"
#include "tcpview/output/spooled.h"
#include "tcpview/say/narrate.h"
#include "tcpview/tcp/names.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/idmap.h"
#include "tcpview/util/jsonw.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#define JSON_SPOOL_BUDGET (16u * 1024 * 1024)
/* Version of the JSON layout; bumped when a field changes meaning. */
#define JSON_FORMAT 1

struct json_reporter {
	struct reporter base;
	/* The seconds of the last event time, formatted: packets come many
	 * to a second, and the ten digits need not be redone each time. */
	int64_t time_sec;
	char time_digits[24];
	size_t time_len;
	bool lines;
	bool first_conn;
	struct spooled events;	/* each open connection's events (--json) */
	/* Each connection's application records (its "app" list), and under
	 * DNS_UDP_ID those of no connection (--json's "dns" list). */
	struct spooled apps;
	/* The last event's object is left open for the application records
	 * of its frame (sink.h: they come right after it). */
	bool ev_open, ev_has_app;
	uint64_t ev_conn, ev_frame;
	struct spool *ev_spool;	/* --json: where it is spooled */
	char *app_buf;		/* JSON_APP_MAX bytes, for one record */
	struct tv_diagnosis diag; /* the findings of the connection about to close */
	char verdict[8192];	/* --json: the capture-wide verdict, for finish */
	size_t verdict_len;
	/* --jsonl: each open connection's endpoints as JSON, for its events
	 * (SPEC §11), and the last one looked up. */
	struct idmap ends;
	uint64_t ends_id;
	const struct json_ends *ends_last;
};

/* A connection's "client" and "server" objects, written once. */
struct json_ends {
	uint8_t len[2];
	char obj[2][80];
};

#define DNS_UDP_ID UINT64_MAX

static void add_u64(cJSON *o, const char *key, uint64_t v)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	cJSON_AddRawToObject(o, key, buf);
}

static void emit(struct obuf *o, cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);
	if (s == NULL) {
		obuf_lost(o, "out of memory for a JSON object");
		return;
	}
	obuf_puts(o, s);
	free(s);
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

/* Room for one event: the narration is at most NARRATE_MAX bytes, and even
 * fully escaped (6 bytes each) it and the other members fit. */
#define EVENT_JSON_MAX (NARRATE_MAX * 6 + 2048)

JSONW_KEYED void seconds_member(struct jsonw *w, const char *key, int64_t ns, int digits)
{
	char buf[48];
	jsonw_key(w, key);
	jsonw_raw(w, buf, fmt_seconds(buf, sizeof(buf), ns, digits));
}

JSONW_KEYED void u64_member(struct jsonw *w, const char *key, uint64_t v)
{
	jsonw_key(w, key);
	jsonw_u64(w, v);
}

static void options_members(struct jsonw *w, const struct tcp_options *o)
{
	if (o->present & TCPOPT_HAVE_MSS)
		u64_member(w, "mss", o->mss);
	if (o->present & TCPOPT_HAVE_WSCALE)
		u64_member(w, "wscale", o->wscale);
	if (o->present & TCPOPT_HAVE_SACK_PERM) {
		jsonw_key(w, "sack_permitted");
		jsonw_bool(w, true);
	}
	if (o->present & TCPOPT_HAVE_TS) {
		jsonw_key(w, "timestamps");
		jsonw_bool(w, true);
		u64_member(w, "tsval", o->ts_val);
		u64_member(w, "tsecr", o->ts_ecr);
	}
	if (o->present & TCPOPT_HAVE_SACK) {
		jsonw_key(w, "sack");
		jsonw_array_begin(w);
		for (unsigned i = 0; i < o->sack_count; i++) {
			jsonw_array_begin(w);
			jsonw_u64(w, o->sack_left[i]);
			jsonw_u64(w, o->sack_right[i]);
			jsonw_array_end(w);
		}
		jsonw_array_end(w);
	}
	if (o->present & TCPOPT_HAVE_TFO)
		u64_member(w, "tfo_cookie_len", o->tfo_cookie_len);
	if (o->present & TCPOPT_HAVE_MPTCP) {
		jsonw_key(w, "mptcp");
		jsonw_bool(w, true);
	}
	if (o->unknown_count > 0) {
		jsonw_key(w, "unknown_kinds");
		jsonw_array_begin(w);
		for (unsigned i = 0; i < o->unknown_count; i++)
			jsonw_u64(w, o->unknown_kinds[i]);
		jsonw_array_end(w);
	}
	if (o->problem != NULL) {
		jsonw_key(w, "problem");
		jsonw_cstring(w, o->problem);
	}
}

/* "time": epoch seconds exact to the µs, as seconds_member() would. */
static void time_member(struct jsonw *w, struct json_reporter *jr, int64_t ns)
{
	if (ns < 0) {
		seconds_member(w, "time", ns, 6);
		return;
	}
	int64_t sec = ns / 1000000000;
	if (sec != jr->time_sec || jr->time_len == 0) {
		jr->time_sec = sec;
		jr->time_len = fmt_u64(jr->time_digits, (uint64_t)sec);
	}
	char buf[32];
	memcpy(buf, jr->time_digits, jr->time_len);
	buf[jr->time_len] = '.';
	fmt_digits(buf + jr->time_len + 1, (uint32_t)(ns % 1000000000) / 1000, 6);
	jsonw_key(w, "time");
	jsonw_raw(w, buf, jr->time_len + 7);
}

static void str_member(struct jsonw *w, const char *key, const char *v);

/* The members of an EVENT (SPEC §5), in their documented order.  Forced
 * inline into its one caller, json_event(): out of line, the writer's
 * position goes through memory between its forty writes (about 50
 * instructions an event), and whether link-time optimisation inlines it
 * otherwise depends on the size of unrelated code. */
static inline __attribute__((always_inline)) void
event_members(struct jsonw *w, struct json_reporter *jr, const struct tv_event *ev)
{
	const struct reporter *r = &jr->base;
	int digits = ev->ts_digits;
	int64_t ns = tv_time_ns(ev->ts);
	bool abs = r->cfg.absolute_seq;
	char flags[12], text[NARRATE_MAX];

	u64_member(w, "frame", ev->frame);
	if (r->cfg.nfiles > 1)	/* SPEC §11: frames are numbered per file */
		str_member(w, "file", r->cfg.files[ev->file]);
	time_member(w, jr, ns);
	if (digits == 9) {
		char buf[48];
		jsonw_key(w, "time_ns");
		jsonw_string(w, buf, fmt_seconds(buf, sizeof(buf), ns, 9));
	}
	seconds_member(w, "rel_time", ev->rel_ns, digits);
	jsonw_key(w, "dir");
	jsonw_plain(w, dir_name(ev->dir), 3);
	narrate_flag_letters(ev->flags, flags);
	jsonw_key(w, "flags");
	jsonw_plain(w, flags, strlen(flags));
	u64_member(w, "seq", abs ? ev->raw_seq : ev->seq);
	if (ev->flags & TH_ACK)
		u64_member(w, "ack", abs ? ev->raw_ack : ev->ack);
	u64_member(w, "len", ev->len);
	u64_member(w, "win", ev->win);
	u64_member(w, "win_raw", ev->win_raw);
	if (ev->win_shift >= 0)
		u64_member(w, "win_shift", (uint64_t)ev->win_shift);
	if (!ev->win_scaled) {
		jsonw_key(w, "win_scaled");
		jsonw_bool(w, false);
	}
	jsonw_key(w, "labels");
	jsonw_array_begin(w);
	for (uint32_t l = ev->labels; l != 0; l &= l - 1) {
		const char *name = label_name((enum tv_label)__builtin_ctz(l));
		jsonw_plain(w, name, strlen(name));
	}
	jsonw_array_end(w);
	if (ev->acks_frame != 0) {
		u64_member(w, "acks_frame", ev->acks_frame);
		if (ev->ack_rtt_ns > 0)
			seconds_member(w, "ack_rtt", ev->ack_rtt_ns, digits);
	}
	if (ev->acked_bytes > 0)
		u64_member(w, "acked_bytes", ev->acked_bytes);
	if (ev->handshake_rtt_ns > 0)
		seconds_member(w, "handshake_rtt", ev->handshake_rtt_ns, digits);
	if (ev->labels & LBIT(L_DUP_ACK)) {
		u64_member(w, "dup_ack_num", ev->dup_ack_num);
		if (ev->dup_ack_frame != 0)	/* 0: the ACK it repeats is not in the capture */
			u64_member(w, "dup_ack_frame", ev->dup_ack_frame);
	}
	if ((ev->labels & LBIT(L_RETRANSMISSION)) && ev->orig_frame != 0)
		u64_member(w, "orig_frame", ev->orig_frame);
	if (ev->resend_count >= 2) {
		/* A timeout's retransmission, or a SYN or SYN-ACK sent again. */
		u64_member(w, "resend_count", ev->resend_count);
		seconds_member(w, "resend_wait", ev->resend_wait_ns, ev->ts_digits);
		if (ev->resend_prev_wait_ns > 0)
			seconds_member(w, "resend_prev_wait", ev->resend_prev_wait_ns, ev->ts_digits);
	}
	if (ev->labels & LBIT(L_LOST_SEGMENT))
		u64_member(w, "missing_bytes", ev->missing_bytes);
	if (ev->teardown_step != 0)
		u64_member(w, "teardown_step", ev->teardown_step);
	if (ev->rst_reason != RST_NONE) {
		jsonw_key(w, "rst_reason");
		jsonw_cstring(w, rst_reason_name(ev->rst_reason));
	}
	if (ev->truncated) {
		jsonw_key(w, "truncated");
		jsonw_bool(w, true);
		u64_member(w, "captured_len", ev->captured_len);
	}
	if (((ev->flags & TH_SYN) || r->cfg.verbose || ev->opt.problem != NULL) &&
	    ev->hdr_len > 20) {
		jsonw_key(w, "options");
		jsonw_object_begin(w);
		options_members(w, &ev->opt);
		jsonw_object_end(w);
	}
	if (ev->labels & LBIT(L_ICMP_ERROR)) {
		char from[64];
		jsonw_key(w, "icmp");
		jsonw_object_begin(w);
		u64_member(w, "version", ev->icmp.version);
		u64_member(w, "type", ev->icmp.type);
		u64_member(w, "code", ev->icmp.code);
		if (ev->icmp.mtu != 0)
			u64_member(w, "mtu", ev->icmp.mtu);
		jsonw_key(w, "from");
		jsonw_string(w, from, fmt_addr(from, sizeof(from), &ev->icmp.from));
		jsonw_object_end(w);
	}
	size_t n = narrate_event(ev, abs, text, sizeof(text));
	jsonw_key(w, "text");
	if (ev->quote_len == 0)
		jsonw_plain(w, text, n);	/* nothing to escape (narrate.h) */
	else
		jsonw_string(w, text, n);
}

static void endpoint_member(struct jsonw *w, const char *key, const struct tv_endpoint *h)
{
	char addr[64];
	jsonw_key(w, key);
	jsonw_object_begin(w);
	jsonw_key(w, "addr");
	jsonw_string(w, addr, fmt_addr(addr, sizeof(addr), &h->addr));
	u64_member(w, "port", h->port);
	jsonw_object_end(w);
}

JSONW_KEYED void true_member(struct jsonw *w, const char *key)
{
	jsonw_key(w, key);
	jsonw_bool(w, true);
}

static void syn_options_member(struct jsonw *w, const char *key,
			       const struct syn_options *o)
{
	jsonw_key(w, key);
	jsonw_object_begin(w);
	if (o->present & TCPOPT_HAVE_MSS)
		u64_member(w, "mss", o->mss);
	if (o->present & TCPOPT_HAVE_WSCALE)
		u64_member(w, "wscale", o->wscale);
	if (o->present & TCPOPT_HAVE_SACK_PERM)
		true_member(w, "sack_permitted");
	if (o->present & TCPOPT_HAVE_TS)
		true_member(w, "timestamps");
	if (o->present & TCPOPT_HAVE_TFO)
		true_member(w, "tfo");
	jsonw_object_end(w);
}

static void direction_member(struct jsonw *w, const char *key,
			     const struct tv_half_stats *h, int digits)
{
	jsonw_key(w, key);
	jsonw_object_begin(w);
	u64_member(w, "packets", h->packets);
	u64_member(w, "bytes", h->bytes);
	u64_member(w, "retransmissions", h->counts[L_RETRANSMISSION]);
	u64_member(w, "retransmitted_bytes", h->retransmitted_bytes);
	jsonw_key(w, "labels");
	jsonw_object_begin(w);
	for (int l = 0; l < L_COUNT; l++)
		if (h->counts[l] != 0)
			u64_member(w, label_name((enum tv_label)l), h->counts[l]);
	jsonw_object_end(w);
	if (h->rtt_count > 0 || h->rtt_skipped > 0) {
		jsonw_key(w, "ack_rtt");
		jsonw_object_begin(w);
		if (h->rtt_count > 0) {
			seconds_member(w, "min", h->rtt_min_ns, digits);
			seconds_member(w, "avg", h->rtt_sum_ns / (int64_t)h->rtt_count, digits);
			seconds_member(w, "max", h->rtt_max_ns, digits);
		}
		u64_member(w, "samples", h->rtt_count);
		/* Karn's rule: ACKs of data sent more than once. */
		if (h->rtt_skipped > 0)
			u64_member(w, "left_out", h->rtt_skipped);
		jsonw_object_end(w);
	}
	jsonw_object_end(w);
}

/* Epoch time: exact to the µs as a number; ns captures add the exact string. */
static void epoch_member(struct jsonw *w, const char *key, const char *key_ns,
			 struct tv_time t, int digits)
{
	int64_t ns = tv_time_ns(t);
	seconds_member(w, key, ns, 6);
	if (digits == 9) {
		char buf[48];
		jsonw_key(w, key_ns);
		jsonw_string(w, buf, fmt_seconds(buf, sizeof(buf), ns, 9));
	}
}

static void str_member(struct jsonw *w, const char *key, const char *v)
{
	jsonw_key(w, key);
	jsonw_cstring(w, v);
}

/* The members of a CONNECTION (SPEC §5), without its events. */
static void connection_members(struct jsonw *w, const struct tv_conn_report *c,
			       const struct report_config *cfg)
{
	int digits = c->info.ts_digits;
	const struct tv_half_stats *cl = &c->half[DIR_C2S], *sv = &c->half[DIR_S2C];

	u64_member(w, "id", c->info.id);
	endpoint_member(w, "client", &c->info.end[DIR_C2S]);
	endpoint_member(w, "server", &c->info.end[DIR_S2C]);
	if (c->info.first_file < cfg->nfiles && cfg->nfiles > 1)
		str_member(w, "file", cfg->files[c->info.first_file]);
	/* SPEC §11: the Community ID v1, to join Zeek's, Suricata's and
	 * Arkime's records of the same flow. */
	char cid[COMMUNITY_ID_LEN];
	size_t cidn = flow_community_id(&c->info.end[DIR_C2S].addr, c->info.end[DIR_C2S].port,
					&c->info.end[DIR_S2C].addr, c->info.end[DIR_S2C].port,
					6, cid);
	if (cidn > 0) {
		jsonw_key(w, "community_id");
		jsonw_plain(w, cid, cidn);
	}
	if (c->server_name[0] != '\0') {
		/* SPEC §9: the name a DNS answer earlier in the capture gave. */
		str_member(w, "server_name", c->server_name);
		u64_member(w, "server_name_frame", c->name_frame);
		seconds_member(w, "server_name_age", c->name_age_ns, digits);
	}
	epoch_member(w, "start", "start_ns", c->info.first_ts, digits);
	epoch_member(w, "end", "end_ns", c->last_ts, digits);
	seconds_member(w, "duration", tv_time_diff_ns(c->info.first_ts, c->last_ts), digits);
	str_member(w, "state", conn_state_name(c->state));
	if (c->closed_by >= 0)
		str_member(w, "closed_by", role_name((enum tv_dir)c->closed_by));
	if (c->last_ack_missing)
		true_member(w, "last_ack_missing");
	if (c->reset_by >= 0)
		str_member(w, "reset_by", role_name((enum tv_dir)c->reset_by));
	str_member(w, "ended", end_reason_name(c->end_reason));
	if (c->info.midstream)
		true_member(w, "midstream");
	if (c->info.port_reuse)
		true_member(w, "port_reuse");
	if (c->info.continued)
		true_member(w, "continued");
	str_member(w, "zeek_state", zeek_state_name(c->zeek_state));
	str_member(w, "history", c->history);
	if (cl->saw_syn || sv->saw_syn) {
		jsonw_key(w, "handshake");
		jsonw_object_begin(w);
		jsonw_key(w, "complete");
		jsonw_bool(w, c->hs_complete);
		if (c->hs_rtt_ns > 0)
			seconds_member(w, "rtt", c->hs_rtt_ns, digits);
		if (cl->saw_syn)
			syn_options_member(w, "client_options", &cl->syn);
		if (sv->saw_syn)
			syn_options_member(w, "server_options", &sv->syn);
		jsonw_object_end(w);
	}
	direction_member(w, "c2s", cl, digits);
	direction_member(w, "s2c", sv, digits);
}

static void json_begin(struct tv_sink *s)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	struct reporter *r = &jr->base;
	if (!jr->lines)
		obuf_printf(r->out, "{\"tcpview\":{\"version\":\"%s\",\"format\":%d},\n"
			    "\"connections\":[", PACKAGE_VERSION, JSON_FORMAT);
}

static void json_conn_open(struct tv_sink *s, const struct tv_conn_info *c)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	if (jr->lines && !jr->base.cfg.no_events) {
		struct json_ends *e = malloc(sizeof(*e));
		if (e == NULL || !idmap_put(&jr->ends, c->id, e)) {
			free(e);
			return;	/* its events go without endpoints */
		}
		for (int d = 0; d < 2; d++) {
			char addr[64];
			fmt_addr(addr, sizeof(addr), &c->end[d].addr);
			e->len[d] = (uint8_t)fmt_format(e->obj[d], sizeof(e->obj[d]),
							"{\"addr\":\"%s\",\"port\":%u}", addr,
							(unsigned)c->end[d].port);
		}
		return;
	}
	if (jr->lines || jr->base.cfg.no_events)
		return;
	spooled_open(&jr->events, c->id);
}

/* Ends the event left open: its "app" list, its object, its line. */
static void close_event(struct json_reporter *jr)
{
	if (!jr->ev_open)
		return;
	jr->ev_open = false;
	const char *end = jr->ev_has_app ? (jr->lines ? "]}\n" : "]}") : (jr->lines ? "}\n" : "}");
	if (jr->lines)
		obuf_puts(jr->base.out, end);
	else if (jr->ev_spool != NULL)
		spooled_write(&jr->events, jr->ev_spool, end, strlen(end));
}

static void json_event(struct tv_sink *s, const struct tv_event *ev)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	struct reporter *r = &jr->base;
	char local[EVENT_JSON_MAX];
	struct jsonw w;
	close_event(jr);
	if (r->cfg.no_events)
		return;
	/* JSON Lines: written in place in the output buffer, no copy. */
	char *buf = jr->lines ? obuf_reserve(r->out, EVENT_JSON_MAX) : NULL;
	if (buf == NULL)
		buf = local;
	jsonw_init(&w, buf, EVENT_JSON_MAX);
	jsonw_object_begin(&w);
	if (jr->lines) {
		jsonw_key(&w, "type");
		jsonw_plain(&w, "event", 5);
		u64_member(&w, "conn", ev->conn);
		/* A line read alone still says whose packet it is. */
		if (jr->ends_last == NULL || jr->ends_id != ev->conn) {
			jr->ends_last = idmap_get(&jr->ends, ev->conn);
			jr->ends_id = ev->conn;
		}
		if (jr->ends_last != NULL) {
			jsonw_key(&w, "client");
			jsonw_raw(&w, jr->ends_last->obj[0], jr->ends_last->len[0]);
			jsonw_key(&w, "server");
			jsonw_raw(&w, jr->ends_last->obj[1], jr->ends_last->len[1]);
		}
	}
	event_members(&w, jr, ev);
	if (w.overflow) {	/* cannot happen with EVENT_JSON_MAX; never write half */
		obuf_lost(r->out, "an event too large for its buffer");
		return;
	}
	/* The object stays open: close_event() ends it. */
	jr->ev_open = true;
	jr->ev_has_app = false;
	jr->ev_conn = ev->conn;
	jr->ev_frame = ev->frame;
	if (jr->lines) {
		if (buf == local)
			obuf_write(r->out, buf, w.len);
		else
			obuf_commit(r->out, w.len);
		return;
	}
	struct spool *sp = spooled_get(&jr->events, ev->conn);
	jr->ev_spool = sp;
	if (sp == NULL) {
		jr->ev_open = false;
		return;
	}
	if (!spooled_empty(sp))
		spooled_write(&jr->events, sp, ",\n", 2);
	spooled_write(&jr->events, sp, buf, w.len);
}

/* The spool of `id`'s application records, started with its first. */
static struct spool *app_spool(struct json_reporter *jr, uint64_t id)
{
	struct spool *sp = spooled_get(&jr->apps, id);
	if (sp == NULL) {
		spooled_open(&jr->apps, id);
		sp = spooled_get(&jr->apps, id);
	}
	return sp;
}

static void json_app(struct tv_sink *s, const struct tv_app *a)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	struct reporter *r = &jr->base;
	struct jsonw w;
	jsonw_init(&w, jr->app_buf, JSON_APP_MAX);
	jsonw_object_begin(&w);
	if (jr->lines && a->conn == 0) {
		jsonw_key(&w, "type");
		jsonw_plain(&w, "dns", 3);
		time_member(&w, jr, tv_time_ns(a->ts));
	}
	json_app_members(&w, a);
	jsonw_object_end(&w);
	if (w.overflow) {
		obuf_lost(r->out, "an application record too large for its buffer");
		return;
	}
	if (a->conn == 0) {
		close_event(jr);
		if (jr->lines) {
			obuf_write(r->out, jr->app_buf, w.len);
			obuf_putc(r->out, '\n');
		} else {
			struct spool *sp = app_spool(jr, DNS_UDP_ID);
			if (sp != NULL) {
				if (!spooled_empty(sp))
					spooled_write(&jr->apps, sp, ",", 1);
				spooled_write(&jr->apps, sp, jr->app_buf, w.len);
			}
		}
		return;
	}
	/* SPEC §9: a member of its frame's event... */
	if (jr->ev_open && jr->ev_conn == a->conn && jr->ev_frame == a->frame) {
		const char *sep = jr->ev_has_app ? "," : ",\"app\":[";
		jr->ev_has_app = true;
		if (jr->lines) {
			obuf_puts(r->out, sep);
			obuf_write(r->out, jr->app_buf, w.len);
		} else {
			spooled_write(&jr->events, jr->ev_spool, sep, strlen(sep));
			spooled_write(&jr->events, jr->ev_spool, jr->app_buf, w.len);
		}
	}
	/* ... and an entry of its connection's list. */
	struct spool *sp = app_spool(jr, a->conn);
	if (sp == NULL)
		return;
	/* No newline inside: a JSON Lines record is one line. */
	if (!spooled_empty(sp))
		spooled_write(&jr->apps, sp, ",", 1);
	spooled_write(&jr->apps, sp, jr->app_buf, w.len);
}

/* `id`'s application records as the member "app", if it has any. */
static void app_list(struct json_reporter *jr, uint64_t id, const char *key)
{
	struct spool *sp = spooled_get(&jr->apps, id);
	if (sp == NULL)
		return;
	if (spooled_empty(sp)) {
		spooled_forget(&jr->apps, id);
		return;
	}
	obuf_printf(jr->base.out, ",\"%s\":[", key);
	spooled_drain(&jr->apps, id);
	obuf_putc(jr->base.out, ']');
}

/* SPEC §10: "verdict" and "findings" [{code, frames, seconds, text}]. */
static void diagnosis_members(struct jsonw *w, const struct tv_diagnosis *d, int digits)
{
	char words[NARRATE_MAX];
	jsonw_key(w, "verdict");
	jsonw_string(w, words, narrate_verdict(d, words, sizeof(words)));
	/* SPEC §10: where the time went, adding up to the duration. */
	const struct tv_phases *p = &d->phases;
	jsonw_key(w, "phases");
	jsonw_object_begin(w);
	seconds_member(w, "connect", p->connect, digits);
	seconds_member(w, "request", p->request, digits);
	seconds_member(w, "server_wait", p->server_wait, digits);
	seconds_member(w, "transfer", p->transfer, digits);
	seconds_member(w, "zero_window_stall", p->zero_window, digits);
	seconds_member(w, "rto_wait", p->rto, digits);
	seconds_member(w, "app_pause", p->app_pause, digits);
	seconds_member(w, "delayed_ack_wait", p->delayed_ack, digits);
	seconds_member(w, "close", p->close, digits);
	jsonw_object_end(w);
	if (d->nfindings == 0)
		return;
	jsonw_key(w, "findings");
	jsonw_array_begin(w);
	for (unsigned i = 0; i < d->nfindings; i++) {
		const struct tv_finding *f = &d->f[i];
		jsonw_object_begin(w);
		str_member(w, "code", diagnose_code_name(f->code));
		if (f->dir >= 0)
			str_member(w, "side", role_name((enum tv_dir)f->dir));
		if (f->count > 0)
			u64_member(w, "count", f->count);
		jsonw_key(w, "frames");
		jsonw_array_begin(w);
		for (unsigned k = 0; k < f->nframes; k++)
			jsonw_u64(w, f->frames[k]);
		jsonw_array_end(w);
		if (f->seconds_ns > 0)
			seconds_member(w, "seconds", f->seconds_ns, digits);
		if (f->nwaits > 0) {
			jsonw_key(w, "waits");
			jsonw_array_begin(w);
			for (unsigned k = 0; k < f->nwaits; k++) {
				char b[48];
				jsonw_raw(w, b, fmt_seconds(b, sizeof(b), f->waits_ns[k], digits));
			}
			jsonw_array_end(w);
		}
		if (f->bytes > 0)
			u64_member(w, "bytes", f->bytes);
		if (f->code == DX_RWND_LIMITED) {
			/* Bytes and bytes per second, as the numbers of the text. */
			u64_member(w, "segments", f->segments);
			u64_member(w, "window", f->window);
			seconds_member(w, "rtt", f->rtt_ns, digits);
			u64_member(w, "rate", f->rate);
			u64_member(w, "window_ceiling", f->ceiling);
			if (f->path_rate > 0)
				u64_member(w, "path_rate", f->path_rate);
			if (f->need_window > 0)
				u64_member(w, "window_needed", f->need_window);
		}
		jsonw_key(w, "text");
		jsonw_string(w, words, narrate_finding(f, words, sizeof(words)));
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
}

static void json_diagnosis(struct tv_sink *s, const struct tv_diagnosis *d)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	tv_diagnosis_copy(&jr->diag, d);
}

/* The capture-wide verdict: an object of the document, a line of JSON Lines. */
static void json_capture_verdict(struct tv_sink *s, const struct tv_capture_verdict *v)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	struct reporter *r = &jr->base;
	char buf[8192], words[NARRATE_MAX], ep[80];
	struct jsonw w;
	close_event(jr);
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_object_begin(&w);
	if (jr->lines)
		str_member(&w, "type", "verdict");
	u64_member(&w, "connections", v->connections);
	u64_member(&w, "failed", v->failed);
	u64_member(&w, "failing_servers", v->failing_servers);
	jsonw_key(&w, "servers");
	jsonw_array_begin(&w);
	for (unsigned i = 0; i < v->nservers; i++) {
		const struct tv_server_tally *t = &v->servers[i];
		jsonw_object_begin(&w);
		jsonw_key(&w, "server");
		jsonw_string(&w, ep, fmt_endpoint(ep, sizeof(ep), &t->server.addr, t->server.port));
		u64_member(&w, "connections", t->connections);
		u64_member(&w, "unanswered", t->unanswered);
		u64_member(&w, "refused", t->refused);
		u64_member(&w, "reset", t->reset);
		u64_member(&w, "icmp_error", t->icmp);
		u64_member(&w, "tls_failed", t->tls);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_key(&w, "text");
	jsonw_string(&w, words, narrate_capture_verdict(v, words, sizeof(words)));
	jsonw_object_end(&w);
	if (w.overflow)
		return;
	if (jr->lines) {
		obuf_write(r->out, buf, w.len);
		obuf_putc(r->out, '\n');
		return;
	}
	jr->verdict_len = w.len < sizeof(jr->verdict) ? w.len : 0;
	memcpy(jr->verdict, buf, jr->verdict_len);
}

static void json_conn_close(struct tv_sink *s, const struct tv_conn_report *c)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	struct reporter *r = &jr->base;
	char buf[16384];
	struct jsonw w;
	close_event(jr);
	free(idmap_take(&jr->ends, c->info.id));
	if (jr->ends_id == c->info.id)
		jr->ends_last = NULL;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_object_begin(&w);
	if (jr->lines) {
		jsonw_key(&w, "type");
		jsonw_plain(&w, "connection", 10);
	}
	connection_members(&w, c, &r->cfg);
	if (jr->diag.conn == c->info.id)
		diagnosis_members(&w, &jr->diag, c->info.ts_digits);
	if (w.overflow) {
		obuf_lost(r->out, "a connection too large for its buffer");
	} else {
		if (!jr->lines) {
			obuf_puts(r->out, jr->first_conn ? "\n" : ",\n");
			jr->first_conn = false;
		}
		/* The object is still open: its application records, its
		 * events, then the brace. */
		obuf_write(r->out, buf, w.len);
		app_list(jr, c->info.id, "app");
		if (!jr->lines && !r->cfg.no_events) {
			obuf_puts(r->out, ",\"events\":[\n");
			spooled_drain(&jr->events, c->info.id);
			obuf_putc(r->out, ']');
		}
		obuf_puts(r->out, jr->lines ? "}\n" : "}");
	}
	spooled_forget(&jr->events, c->info.id);
	spooled_forget(&jr->apps, c->info.id);
}

static void json_malformed(struct tv_sink *s, const char *file, uint64_t frame,
			   const char *why)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	struct reporter *r = &jr->base;
	close_event(jr);
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
	if (st->nundecoded > 0) {
		cJSON *u = cJSON_AddObjectToObject(j, "undecoded");
		for (size_t i = 0; u != NULL && i < st->nundecoded; i++)
			add_u64(u, st->undecoded[i].kind, st->undecoded[i].packets);
	}
	return j;
}

static cJSON *input_json(const struct tv_input *in)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "file", in->path);
	if (in->link_name != NULL)
		cJSON_AddStringToObject(j, "link_type", in->link_name);
	add_u64(j, "packets", in->packets);
	if (in->unsupported_link_frames > 0) {
		cJSON *u = cJSON_AddObjectToObject(j, "unsupported_link");
		if (u != NULL) {
			cJSON_AddStringToObject(u, "type", in->unsupported_link_name);
			add_u64(u, "packets", in->unsupported_link_frames);
		}
	}
	cJSON_AddBoolToObject(j, "complete", in->complete);
	if (in->error != NULL)
		cJSON_AddStringToObject(j, "error", in->error);
	return j;
}

static void json_finish(struct tv_sink *s, const struct tv_input *in, size_t n,
			const struct tv_stats *st)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	struct reporter *r = &jr->base;
	close_event(jr);
	if (jr->lines) {
		for (size_t i = 0; i < n; i++)
			emit_line(r->out, "input", 0, input_json(&in[i]));
		emit_line(r->out, "stats", 0, stats_json(st));
		return;
	}
	obuf_puts(r->out, jr->first_conn ? "]" : "\n]");
	/* DNS over UDP, which belongs to no connection (SPEC §9). */
	app_list(jr, DNS_UDP_ID, "dns");
	if (jr->verdict_len > 0) {
		obuf_puts(r->out, ",\n\"verdict\":");
		obuf_write(r->out, jr->verdict, jr->verdict_len);
	}
	obuf_puts(r->out, ",\n\"inputs\":[");
	for (size_t i = 0; i < n; i++) {
		cJSON *j = input_json(&in[i]);
		if (i > 0)
			obuf_putc(r->out, ',');
		emit(r->out, j);
		cJSON_Delete(j);
	}
	obuf_puts(r->out, "],\n\"stats\":");
	cJSON *js = stats_json(st);
	emit(r->out, js);
	cJSON_Delete(js);
	obuf_puts(r->out, "}\n");
}

static void json_destroy(struct tv_sink *s)
{
	struct json_reporter *jr = (struct json_reporter *)s;
	spooled_release(&jr->events);
	spooled_release(&jr->apps);
	void *e;
	while ((e = idmap_pop(&jr->ends)) != NULL)
		free(e);
	idmap_release(&jr->ends);
	free(jr->app_buf);
	free(jr);
}

/* The last event's object is closed now: nothing else joins it (sink.h). */
static void json_settle(struct tv_sink *s)
{
	close_event((struct json_reporter *)s);
}

static const struct tv_sink_ops json_ops = {
	.settle = json_settle,
	.begin = json_begin,
	.conn_open = json_conn_open,
	.event = json_event,
	.app = json_app,
	.diagnosis = json_diagnosis,
	.capture_verdict = json_capture_verdict,
	.conn_close = json_conn_close,
	.malformed = json_malformed,
	.finish = json_finish,
	.destroy = json_destroy,
};

struct tv_sink *report_json_new(const struct report_config *cfg, struct obuf *out,
				bool lines)
{
	struct json_reporter *jr = report_alloc(sizeof(*jr), &json_ops, cfg, out);
	if (jr == NULL)
		return NULL;
	jr->lines = lines;
	jr->first_conn = true;
	size_t budget = report_budget(cfg, cfg->spool_budget ? cfg->spool_budget
								: JSON_SPOOL_BUDGET);
	spooled_init(&jr->events, budget, out);
	spooled_init(&jr->apps, budget, out);
	idmap_init(&jr->ends);
	jr->app_buf = malloc(JSON_APP_MAX);
	if (jr->app_buf == NULL) {
		json_destroy(&jr->base.sink);
		return NULL;
	}
	return &jr->base.sink;
}
