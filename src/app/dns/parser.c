/*
 * parser.c - DNS messages and their TCP framing (see dns.h).
 *
 * A message comes whole: a UDP payload, or what the TCP framer below cut
 * out of a stream at each two-byte length.  The parser reads the header,
 * every question (keeping the first) and every answer (keeping the first
 * DNS_ANSWERS_KEPT), with the rdata of the types a story needs: addresses
 * (A, AAAA) and names (CNAME, NS, PTR, MX).  Names follow compression
 * pointers anywhere in the message, at most DNS_MAX_HOPS of them, so a loop
 * ends as an error; labels are at most 63 bytes and names 255 (RFC 1035
 * §2.3.4).  Every byte is read through the bounds-checked cursor.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tcpview/app/dns.h"
#include "tcpview/util/cursor.h"
#include "tcpview/util/nls.h"

/* Appends one label byte in presentation form (RFC 1035 §5.1). */
static size_t put_byte(char *out, size_t n, uint8_t b)
{
	if (b == '.' || b == '\\') {
		out[n++] = '\\';
		out[n++] = (char)b;
	} else if (b < 0x21 || b > 0x7e) {
		out[n++] = '\\';
		out[n++] = (char)('0' + b / 100);
		out[n++] = (char)('0' + b / 10 % 10);
		out[n++] = (char)('0' + b % 10);
	} else {
		out[n++] = (char)b;
	}
	return n;
}

/*
 * Reads the name at `c` (RFC 1035 §3.1, §4.1.4) into `out` (DNS_TEXT_MAX
 * bytes), leaving `c` after it: after its first pointer, when it has one.
 * Labels before the first pointer must lie inside `c` (an rdata's bounds);
 * those a pointer leads to anywhere in the message.
 */
static bool read_name(const uint8_t *msg, size_t len, struct cursor *c, char *out,
		      const char **why)
{
	struct cursor at = *c;
	bool jumped = false;
	unsigned hops = 0;
	size_t wire = 1;	/* the final zero-length label */
	size_t n = 0;
	for (;;) {
		uint8_t l = cur_u8(&at);
		if (at.short_read) {
			*why = N_("name cut short");
			return false;
		}
		if ((l & 0xc0) == 0xc0) {
			uint16_t off = (uint16_t)((l & 0x3f) << 8 | cur_u8(&at));
			if (at.short_read) {
				*why = N_("name cut short");
				return false;
			}
			if (!jumped) {
				*c = at;
				jumped = true;
			}
			if (++hops > DNS_MAX_HOPS) {
				*why = N_("compression pointer loop");
				return false;
			}
			at = cursor_make(msg, len);
			if (off >= len || !cursor_skip(&at, off)) {
				*why = N_("compression pointer beyond the message");
				return false;
			}
			continue;
		}
		if (l & 0xc0) {
			/* 01 and 10: the extended label types (RFC 6891 §5) */
			*why = N_("unsupported label type");
			return false;
		}
		if (l == 0)
			break;
		wire += 1 + (size_t)l;
		if (wire > DNS_NAME_MAX) {
			*why = N_("name longer than 255 bytes");
			return false;
		}
		if (n > 0)
			out[n++] = '.';
		for (uint8_t i = 0; i < l; i++) {
			uint8_t b = cur_u8(&at);
			if (at.short_read) {
				*why = N_("name cut short");
				return false;
			}
			n = put_byte(out, n, b);
		}
	}
	if (!jumped)
		*c = at;
	if (n == 0)
		out[n++] = '.';
	out[n] = '\0';
	return true;
}

/* The rdata of the types read (RFC 1035 §3.3, §3.4.1; RFC 3596 §2.2). */
static bool read_rdata(const uint8_t *msg, size_t len, struct cursor *rdata,
		       struct dns_rr *rr, const char **why)
{
	switch (rr->type) {
	case DNS_TYPE_A:
	case DNS_TYPE_AAAA: {
		size_t n = rr->type == DNS_TYPE_A ? 4 : 16;
		if (rr->rdlength != n)
			return true;	/* not an address: type and length only */
		rr->addr.family = rr->type == DNS_TYPE_A ? 4 : 6;
		rr->has_addr = cur_copy(rdata, rr->addr.bytes, n);
		return true;
	}
	case DNS_TYPE_MX:
	case DNS_TYPE_CNAME:
	case DNS_TYPE_NS:
	case DNS_TYPE_PTR:
		/* MX: a preference, then the exchange's name */
		if (rr->type == DNS_TYPE_MX) {
			rr->preference = cur_u16be(rdata);
			if (rdata->short_read) {
				*why = N_("MX record cut short");
				return false;
			}
		}
		if (!read_name(msg, len, rdata, rr->target, why))
			return false;
		rr->has_target = true;
		return true;
	default:
		return true;
	}
}

/* One resource record (RFC 1035 §4.1.3) into `rr`. */
static bool read_rr(const uint8_t *msg, size_t len, struct cursor *c, struct dns_rr *rr,
		    const char **why)
{
	memset(rr, 0, offsetof(struct dns_rr, target));
	rr->target[0] = '\0';
	if (!read_name(msg, len, c, rr->name, why))
		return false;
	const uint8_t *f = cur_take(c, 10);
	if (f == NULL) {
		*why = N_("answer cut short");
		return false;
	}
	rr->type = span_be16(f, 0);
	rr->rclass = span_be16(f, 2);
	rr->ttl = span_be32(f, 4);
	rr->rdlength = span_be16(f, 8);
	struct cursor rdata = cursor_sub(c, rr->rdlength);
	if (rdata.short_read) {
		*why = N_("answer cut short");
		return false;
	}
	return read_rdata(msg, len, &rdata, rr, why);
}

bool dns_parse(const uint8_t *msg, size_t len, struct dns_message *out, const char **why)
{
	const char *dummy;
	if (why == NULL)
		why = &dummy;
	memset(out, 0, offsetof(struct dns_message, answers));
	out->answers[0].name[0] = '\0';
	static const uint8_t none[1];
	if (msg == NULL) {
		msg = none;
		len = 0;
	}
	struct cursor c = cursor_make(msg, len);
	const uint8_t *h = cur_take(&c, DNS_HEADER_LEN);
	if (h == NULL) {
		*why = N_("shorter than the 12-byte header");
		return false;
	}
	/* RFC 1035 §4.1.1: ID, then QR Opcode AA TC RD | RA Z AD CD RCODE */
	out->id = span_be16(h, 0);
	uint16_t flags = span_be16(h, 2);
	out->qr = flags & 0x8000;
	out->opcode = (uint8_t)(flags >> 11 & 0xf);
	out->aa = flags & 0x0400;
	out->tc = flags & 0x0200;
	out->rd = flags & 0x0100;
	out->ra = flags & 0x0080;
	out->z = flags & 0x0040;
	out->ad = flags & 0x0020;
	out->cd = flags & 0x0010;
	out->rcode = (uint8_t)(flags & 0xf);
	out->qdcount = span_be16(h, 4);
	out->ancount = span_be16(h, 6);
	out->nscount = span_be16(h, 8);
	out->arcount = span_be16(h, 10);

	/* Questions (RFC 1035 §4.1.2): the first kept, the others read past. */
	char scratch[DNS_TEXT_MAX];
	for (uint32_t i = 0; i < out->qdcount; i++) {
		if (!read_name(msg, len, &c, i == 0 ? out->qname : scratch, why))
			return false;
		const uint8_t *q = cur_take(&c, 4);
		if (q == NULL) {
			*why = N_("question cut short");
			return false;
		}
		if (i == 0) {
			out->qtype = span_be16(q, 0);
			out->qclass = span_be16(q, 2);
			out->has_question = true;
		}
	}

	/* Answers: all read, the first DNS_ANSWERS_KEPT kept. */
	for (uint32_t i = 0; i < out->ancount; i++) {
		struct dns_rr skipped;
		struct dns_rr *rr = i < DNS_ANSWERS_KEPT ? &out->answers[i] : &skipped;
		if (!read_rr(msg, len, &c, rr, why))
			return false;
		out->answers_read++;
		if (i < DNS_ANSWERS_KEPT)
			out->answers_kept++;
	}
	out->complete = true;
	return true;
}

/* ---- TCP framing ----------------------------------------------------- */

void dns_tcp_init(struct dns_tcp *t)
{
	memset(t, 0, sizeof(*t));
}

void dns_tcp_release(struct dns_tcp *t)
{
	free(t->buf);
	t->buf = NULL;
}

static bool stop(struct dns_tcp *t, const char *why_stopped, const char **why)
{
	dns_tcp_release(t);
	t->stopped = true;
	t->why = why_stopped;
	if (why != NULL)
		*why = why_stopped;
	return false;
}

bool dns_tcp_feed(struct dns_tcp *t, const uint8_t *data, size_t len,
		  dns_message_fn fn, void *ctx, const char **why)
{
	if (t->stopped) {
		if (why != NULL)
			*why = t->why;
		return false;
	}
	if (len == 0)
		return true;	/* data may be NULL */
	struct cursor c = cursor_make(data, len);
	while (cursor_left(&c) > 0) {
		if (t->prefix_have < 2) {
			/* RFC 1035 §4.2.2: a two-byte length before each message */
			t->prefix[t->prefix_have++] = cur_u8(&c);
			if (t->prefix_have < 2)
				continue;
			t->need = (uint16_t)(t->prefix[0] << 8 | t->prefix[1]);
			t->have = 0;
			if (t->need < DNS_HEADER_LEN)
				return stop(t, N_("DNS message shorter than its header"), why);
			if (cursor_left(&c) == 0)
				break;	/* the message starts in a later feed */
		}
		size_t want = (size_t)t->need - t->have;
		if (t->have == 0 && cursor_left(&c) >= want) {
			/* Whole in this feed: handed out from the caller's bytes. */
			const uint8_t *m = cur_take(&c, want);
			t->prefix_have = 0;
			t->messages++;
			if (fn != NULL)
				fn(ctx, m, want);
			continue;
		}
		if (t->buf == NULL) {
			t->buf = malloc(t->need);
			if (t->buf == NULL)
				return stop(t, N_("out of memory"), why);
		}
		size_t n = cursor_left(&c) < want ? cursor_left(&c) : want;
		cur_copy(&c, t->buf + t->have, n);
		t->have = (uint16_t)(t->have + n);
		if (t->have == t->need) {
			t->prefix_have = 0;
			t->messages++;
			if (fn != NULL)
				fn(ctx, t->buf, t->need);
			dns_tcp_release(t);
		}
	}
	return true;
}

void dns_tcp_gap(struct dns_tcp *t)
{
	if (!t->stopped)
		stop(t, N_("gap"), NULL);
}
