/*
 * fuzz_tls.c - arbitrary bytes as one direction of a TLS stream, through
 * the handshake parser (app/tls.h).
 *
 * The input is fed whole, then again cut into pieces whose sizes follow
 * from the input's own bytes; both runs must report the same things in
 * the same order (the parser's promise that the cut does not matter), or
 * the harness aborts.  The same entry point serves libFuzzer (make
 * fuzz-app) and, with tests/fuzz/replay_main.c, a main() that replays files: the
 * seeds and past findings in tests/fuzz/tls, in make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/app/tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FNV-1a over everything reported, in order. */
struct digest {
	uint64_t h;
	unsigned events;
};

static void mix(struct digest *d, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		d->h = (d->h ^ b[i]) * 0x100000001b3ULL;
}

static void mix16(struct digest *d, uint32_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	mix(d, b, 2);
}

static void on_ch(void *ctx, const struct tls_client_hello *ch)
{
	struct digest *d = ctx;
	d->events++;
	mix(d, "C", 1);
	mix16(d, ch->legacy_version);
	mix16(d, ch->cipher_count);
	for (int i = 0; i < ch->ciphers_kept; i++)
		mix16(d, ch->ciphers[i]);
	mix(d, ch->random, sizeof(ch->random));
	mix(d, ch->session_id, ch->session_id_len);
	mix(d, ch->sni, ch->sni_len);
	mix16(d, ch->extension_count);
	for (int i = 0; i < ch->alpn_kept; i++)
		mix(d, ch->alpn[i].name, ch->alpn[i].len);
	for (int i = 0; i < ch->versions_kept; i++)
		mix16(d, ch->versions[i]);
	mix16(d, (uint32_t)ch->key_share << 2 | (uint32_t)ch->psk << 1 | ch->early_data);
	if (ch->sni_len > TLS_SNI_MAX || ch->sni[ch->sni_len] != '\0' ||
	    ch->ciphers_kept > TLS_CIPHERS_KEPT || ch->alpn_kept > TLS_ALPN_KEPT ||
	    ch->versions_kept > TLS_VERSIONS_KEPT)
		abort();
	(void)tls_cipher_name(ch->ciphers[0]);
}

static void on_sh(void *ctx, const struct tls_server_hello *sh)
{
	struct digest *d = ctx;
	d->events++;
	mix(d, "S", 1);
	mix16(d, sh->version);
	mix16(d, sh->cipher);
	mix16(d, sh->hello_retry);
	mix(d, sh->random, sizeof(sh->random));
	mix(d, sh->alpn.name, sh->alpn.len);
	(void)tls_version_name(sh->version);
}

static void on_alert(void *ctx, uint8_t level, uint8_t desc, bool encrypted)
{
	struct digest *d = ctx;
	d->events++;
	uint8_t b[4] = { 'A', level, desc, encrypted };
	mix(d, b, sizeof(b));
	(void)tls_alert_name(desc);
	(void)tls_alert_level_name(level);
}

static void on_encrypted(void *ctx)
{
	struct digest *d = ctx;
	d->events++;
	mix(d, "E", 1);
}

static void on_skipped(void *ctx, uint8_t type, uint32_t len)
{
	struct digest *d = ctx;
	d->events++;
	mix(d, "K", 1);
	mix16(d, type);
	mix16(d, len);
}

static void on_error(void *ctx, const char *why)
{
	struct digest *d = ctx;
	d->events++;
	mix(d, why, strlen(why));
}

static const struct tls_callbacks cbs = {
	on_ch, on_sh, on_alert, on_encrypted, on_skipped, on_error,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tls_parser p;
	struct digest whole = { 0xcbf29ce484222325ULL, 0 }, cut = whole;
	uint32_t seed = 2166136261u;
	for (size_t i = 0; i < size && i < 64; i++)
		seed = (seed ^ data[i]) * 16777619u;
	bool gap = seed & 1;

	(void)tls_looks_like(data, size);
	tls_parser_init(&p);
	tls_parser_feed(&p, data, size, &cbs, &whole);
	if (gap)
		tls_parser_gap(&p, 1, &cbs, &whole);

	tls_parser_init(&p);
	for (size_t off = 0; off < size;) {
		seed = seed * 1103515245u + 12345u;
		size_t n = 1 + (seed >> 16) % 97;
		if (n > size - off)
			n = size - off;
		tls_parser_feed(&p, data + off, n, &cbs, &cut);
		off += n;
	}
	if (gap)
		tls_parser_gap(&p, 1, &cbs, &cut);
	if (whole.h != cut.h || whole.events != cut.events)
		abort();	/* the cut changed what was reported */
	return 0;
}
