/*
 * icmp.c - the words for an ICMP or ICMPv6 error about a segment.
 *
 * Each type and code says what the router or host that sent it means
 * (RFC 792, RFC 1122 §3.2.2.1, RFC 1191, RFC 1812 §5.2.7.1 for the
 * administrative codes; RFC 4443 for ICMPv6), and what it does to the
 * connection.
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"

/* ICMP destination unreachable (type 3) codes, RFC 792 and RFC 1812. */
static const char *unreach4(uint8_t code)
{
	switch (code) {
	case 0: return "network unreachable";
	case 1: return "host unreachable";
	case 2: return "protocol unreachable";
	case 3: return "port unreachable: nothing listens on that port";
	case 4: return "fragmentation needed but DF set";
	case 5: return "source route failed";
	case 6: return "destination network unknown";
	case 7: return "destination host unknown";
	/* RFC 1122 §3.2.2.1 (9, 10) and RFC 1812 §5.2.7.1 (13). */
	case 9: return "communication with the destination network administratively "
		       "prohibited: a filter refuses it";
	case 10: return "communication with the destination host administratively "
			"prohibited: a filter refuses it";
	case 13: return "communication administratively prohibited: a filter refuses it";
	case 11: return "network unreachable for this type of service";
	case 12: return "host unreachable for this type of service";
	case 14: return "host precedence violation";
	case 15: return "precedence cutoff in effect";
	default: return "destination unreachable";
	}
}

/* ICMPv6 destination unreachable (type 1) codes, RFC 4443 §3.1. */
static const char *unreach6(uint8_t code)
{
	switch (code) {
	case 0: return "no route to destination";
	case 1: return "administratively prohibited: a filter refuses it";
	case 2: return "beyond the scope of the source address";
	case 3: return "address unreachable";
	case 4: return "port unreachable: nothing listens on that port";
	case 5: return "source address failed ingress/egress policy";
	case 6: return "reject route to destination";
	default: return "destination unreachable";
	}
}

void say_icmp(struct sb *s, const struct tv_event *ev)
{
	const struct tv_icmp *ic = &ev->icmp;
	char from[64];
	fmt_addr(from, sizeof(from), &ic->from);
	clause(s);
	sb_printf(s, "ICMP%s error from %s about the %s's segment (seq %" PRIu32 "): ",
		  ic->version == 6 ? "v6" : "", from, side(ev->dir), ev->seq);
	say_icmp_meaning(s, ic);
}

void say_icmp_meaning(struct sb *s, const struct tv_icmp *ic)
{
	bool v6 = ic->version == 6;
	if ((!v6 && ic->type == 3 && ic->code == 4) || (v6 && ic->type == 2)) {
		sb_printf(s, "%s; the path's MTU is %" PRIu32 " bytes, so the sender must "
			  "send smaller segments (path MTU discovery, %s)",
			  v6 ? "packet too big" : "fragmentation needed but DF set", ic->mtu,
			  v6 ? "RFC 8201" : "RFC 1191");
	} else if (!v6 && ic->type == 3) {
		sb_printf(s, "%s", unreach4(ic->code));
	} else if (v6 && ic->type == 1) {
		sb_printf(s, "%s", unreach6(ic->code));
	} else if ((!v6 && ic->type == 11) || (v6 && ic->type == 3)) {
		sb_printf(s, "%s", ic->code == 0
			  ? "time exceeded in transit: its hop limit ran out (a routing loop, "
			    "or a path longer than its TTL)"
			  : "fragment reassembly time exceeded");
	} else if (!v6 && ic->type == 5) {
		sb_printf(s, "redirect: the router tells the sender to use another gateway "
			  "for this %s (RFC 792)", ic->code == 1 || ic->code == 3 ? "host" : "network");
	} else if (!v6 && ic->type == 4) {
		sb_printf(s, "source quench: slow down (deprecated by RFC 6633)");
	} else if ((!v6 && ic->type == 12) || (v6 && ic->type == 4)) {
		sb_printf(s, "parameter problem: a header field was not understood");
	} else {
		sb_printf(s, "ICMP type %u code %u", (unsigned)ic->type, (unsigned)ic->code);
	}
}
