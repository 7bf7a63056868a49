/*
 * dissect.c - TLS in the application layer: hellos, alerts, encryption.
 *
 * One tls_parser per side (tls.h); its callbacks become records.  An
 * alert is told with the side that sent it, so that the words can say
 * who rejected what ("client rejects the server's certificate").
 */
#include "config.h"

#include <string.h>

#include "../layer_int.h"
#include "tcpview/app/tls.h"

struct tls_state {
	struct app_conn *c;
	enum tv_dir dir;		/* the side being read, for the callbacks */
	struct tls_parser side[2];
};

static void on_client_hello(void *ctx, const struct tls_client_hello *ch)
{
	struct tls_state *st = ctx;
	struct tv_app a;
	a.proto = AP_TLS;
	a.kind = AK_TLS_CLIENT_HELLO;
	a.u.ch = *ch;
	app_emit(st->c, st->dir, &a);
}

static void on_server_hello(void *ctx, const struct tls_server_hello *sh)
{
	struct tls_state *st = ctx;
	struct tv_app a;
	a.proto = AP_TLS;
	a.kind = AK_TLS_SERVER_HELLO;
	a.u.sh = *sh;
	app_emit(st->c, st->dir, &a);
}

static void on_alert(void *ctx, uint8_t level, uint8_t description, bool encrypted)
{
	struct tls_state *st = ctx;
	struct tv_app a;
	a.proto = AP_TLS;
	a.kind = AK_TLS_ALERT;
	memset(&a.u.alert, 0, sizeof(a.u.alert));
	a.u.alert.level = level;
	a.u.alert.description = description;
	a.u.alert.encrypted = encrypted;
	app_emit(st->c, st->dir, &a);
}

static void on_encrypted(void *ctx)
{
	struct tls_state *st = ctx;
	struct tv_app a;
	a.proto = AP_TLS;
	a.kind = AK_TLS_ENCRYPTED;
	app_emit(st->c, st->dir, &a);
}

static void on_error(void *ctx, const char *why)
{
	struct tls_state *st = ctx;
	app_stop(st->c, st->dir, why);
}

static const struct tls_callbacks callbacks = {
	.on_client_hello = on_client_hello,
	.on_server_hello = on_server_hello,
	.on_alert = on_alert,
	.on_encrypted = on_encrypted,
	.on_error = on_error,
};

static bool tls_start(struct app_conn *c)
{
	struct tls_state *st = c->state;
	st->c = c;
	tls_parser_init(&st->side[0]);
	tls_parser_init(&st->side[1]);
	return true;
}

static void tls_bytes(struct app_conn *c, enum tv_dir d, const uint8_t *data, size_t len)
{
	struct tls_state *st = c->state;
	st->dir = d;
	tls_parser_feed(&st->side[d], data, len, &callbacks, st);
}

static void tls_gap(struct app_conn *c, enum tv_dir d, uint64_t len)
{
	struct tls_state *st = c->state;
	st->dir = d;
	tls_parser_gap(&st->side[d], len, &callbacks, st);
}

const struct app_dissector app_tls = {
	.proto = AP_TLS,
	.start = tls_start,
	.bytes = tls_bytes,
	.gap = tls_gap,
	.size = sizeof(struct tls_state),
};
