/*
 * dns.h - DNS messages, over UDP or framed on TCP (app layer).
 *
 * dns_parse() reads one message (a UDP payload, or one message the TCP
 * framer handed out): the header (RFC 1035 §4.1.1), the first question
 * and the answers, following name compression (RFC 1035 §4.1.4) with a
 * bound on pointer hops.  Names come out in presentation form ("www.
 * example.com", no final dot; the root is "."), bytes that are not
 * printable escaped as \DDD and '.' or '\' inside a label as \. and \\.
 * The authority and additional sections are not read.
 *
 * The TCP framer splits a direction's in-order bytes at each message's
 * two-byte length (RFC 1035 §4.2.2, RFC 7766 §8).  A message inside one
 * feed is handed out from the caller's bytes; one that spans feeds is
 * gathered in a buffer of its own length (at most 65,535 bytes),
 * allocated then and freed once it is handed out.
 *
 * Memory: struct dns_message is a plain value, about 34 KiB, filled by
 * dns_parse; nothing in it points elsewhere.  Strings from the *_name()
 * functions are static.
 */
#ifndef TCPVIEW_APP_DNS_H
#define TCPVIEW_APP_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/util/addr.h"

#define DNS_NAME_MAX 255	/* wire bytes of a name, RFC 1035 §2.3.4 */
#define DNS_TEXT_MAX 1024	/* a name in presentation form, with its NUL */
#define DNS_ANSWERS_KEPT 16
#define DNS_MAX_HOPS 128	/* compression pointers followed in one name */
#define DNS_HEADER_LEN 12

/* Types with rdata read (RFC 1035 §3.2.2, RFC 3596 §2.1). */
enum {
	DNS_TYPE_A = 1,
	DNS_TYPE_NS = 2,
	DNS_TYPE_CNAME = 5,
	DNS_TYPE_PTR = 12,
	DNS_TYPE_MX = 15,
	DNS_TYPE_AAAA = 28,
};

/* One answer record. */
struct dns_rr {
	char name[DNS_TEXT_MAX];
	uint16_t type;
	uint16_t rclass;
	uint32_t ttl;
	uint16_t rdlength;
	bool has_addr;			/* A or AAAA with the right length */
	struct tv_addr addr;
	uint16_t preference;		/* MX */
	bool has_target;		/* CNAME, NS, PTR, MX: a name */
	char target[DNS_TEXT_MAX];
};

struct dns_message {
	/* Header (RFC 1035 §4.1.1; AD and CD from RFC 4035 §3.2). */
	uint16_t id;
	bool qr, aa, tc, rd, ra, z, ad, cd;
	uint8_t opcode;
	uint8_t rcode;
	uint16_t qdcount, ancount, nscount, arcount;
	/* The first question (RFC 1035 §4.1.2). */
	bool has_question;
	char qname[DNS_TEXT_MAX];
	uint16_t qtype;
	uint16_t qclass;
	bool complete;			/* header, questions and answers all read */
	/* Answers read (all of them when `complete`); the first ones kept. */
	uint16_t answers_read;
	uint8_t answers_kept;
	struct dns_rr answers[DNS_ANSWERS_KEPT];
};

/*
 * Parses one message.  True when the header, every question and every
 * answer were read; false with *why naming the first problem (a static
 * string), and `out` holding what came before it.
 */
bool dns_parse(const uint8_t *msg, size_t len, struct dns_message *out, const char **why);

/* Called with each whole message; `msg` is valid only during the call. */
typedef void (*dns_message_fn)(void *ctx, const uint8_t *msg, size_t len);

/* One direction of a DNS-over-TCP connection; dns_tcp_init() first. */
struct dns_tcp {
	uint8_t prefix[2];
	uint8_t prefix_have;
	uint16_t need;		/* length of the message being gathered */
	uint16_t have;
	uint8_t *buf;		/* only while a message spans feeds */
	bool stopped;
	const char *why;
	uint64_t messages;	/* handed out so far */
};

void dns_tcp_init(struct dns_tcp *t);

/*
 * Feeds the next in-order bytes of the direction, calling `fn` for every
 * message completed.  False once framing has stopped for good (*why says
 * why: a length below the 12-byte header, no memory, or a gap); bytes fed
 * after that are ignored.
 */
bool dns_tcp_feed(struct dns_tcp *t, const uint8_t *data, size_t len,
		  dns_message_fn fn, void *ctx, const char **why);

/* Bytes were lost: the framing cannot be found again, so it stops. */
void dns_tcp_gap(struct dns_tcp *t);

/* Frees the partial message, if any; the struct may be initialised again. */
void dns_tcp_release(struct dns_tcp *t);

/* Names as Zeek's dns.log writes them; NULL when it has none. */
const char *dns_rcode_name(uint16_t rcode);	/* "NOERROR", "NXDOMAIN", ... */
const char *dns_qtype_name(uint16_t qtype);	/* "A", "AAAA", "HTTPS", "*" for ANY */

#endif
