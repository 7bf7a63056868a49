/*
 * fuzz_dns.c - arbitrary bytes as a DNS message and as the bytes of a
 * DNS-over-TCP connection, through the parser and the framer (app/dns.h).
 *
 * The input is parsed as one message; then framed as a TCP stream, whole
 * and again cut into pieces whose sizes follow from the input's bytes,
 * each message handed out parsed too.  Both framings must hand out the
 * same messages, and a message that parses must have every answer read,
 * or the harness aborts.  The same entry point serves libFuzzer (make
 * fuzz-app) and, with tests/fuzz/replay_main.c, a main() that replays files: the
 * seeds and past findings in tests/fuzz/dns, in make check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/app/dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct dns_message msg;

static void parse(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	if (dns_parse(data, size, &msg, &why)) {
		if (!msg.complete || msg.answers_read != msg.ancount ||
		    msg.answers_kept > DNS_ANSWERS_KEPT)
			abort();
	} else if (why == NULL || msg.complete) {
		abort();
	}
	if (strlen(msg.qname) >= DNS_TEXT_MAX)
		abort();
	for (int i = 0; i < msg.answers_kept; i++)
		if (strlen(msg.answers[i].name) >= DNS_TEXT_MAX ||
		    strlen(msg.answers[i].target) >= DNS_TEXT_MAX)
			abort();
	(void)dns_rcode_name(msg.rcode);
	(void)dns_qtype_name(msg.qtype);
}

struct digest {
	uint64_t h;
	unsigned messages;
};

static void on_message(void *ctx, const uint8_t *m, size_t len)
{
	struct digest *d = ctx;
	d->messages++;
	for (size_t i = 0; i < len; i++)
		d->h = (d->h ^ m[i]) * 0x100000001b3ULL;
	d->h = (d->h ^ len) * 0x100000001b3ULL;
	parse(m, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse(data, size);

	struct dns_tcp t;
	struct digest whole = { 0xcbf29ce484222325ULL, 0 }, cut = whole;
	dns_tcp_init(&t);
	bool ok_whole = dns_tcp_feed(&t, data, size, on_message, &whole, NULL);
	dns_tcp_release(&t);

	uint32_t seed = 2166136261u;
	for (size_t i = 0; i < size && i < 64; i++)
		seed = (seed ^ data[i]) * 16777619u;
	bool ok_cut = true;
	dns_tcp_init(&t);
	for (size_t off = 0; off < size;) {
		seed = seed * 1103515245u + 12345u;
		size_t n = 1 + (seed >> 16) % 61;
		if (n > size - off)
			n = size - off;
		ok_cut = dns_tcp_feed(&t, data + off, n, on_message, &cut, NULL) && ok_cut;
		off += n;
	}
	if (seed & 1)
		dns_tcp_gap(&t);
	dns_tcp_release(&t);
	if (whole.h != cut.h || whole.messages != cut.messages || ok_whole != ok_cut)
		abort();	/* the cut changed the framing */
	return 0;
}
