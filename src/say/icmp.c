/*
 * icmp.c - the words for an ICMP or ICMPv6 error about a segment.
 *
 * Each type and code says what the router or host that sent it means
 * (RFC 792, RFC 1122 §3.2.2.1, RFC 1191, RFC 1812 §5.2.7.1 for the
 * administrative codes; RFC 4443 for ICMPv6), and what it does to the
 * connection.  Each sentence is one message in the reader's language
 * (tr.h); what the error means is a message of its own, pasted into the
 * sentence that tells who got the error (here, and in diagnose.c).
 */
#include "config.h"

#include <inttypes.h>

#include "sentence.h"
#include "tcpview/say/tr.h"

/* All the messages of this file but say_icmp()'s say what an ICMP error
 * means; each is pasted after "ICMP error from 192.0.2.1 about the
 * client's segment (seq 1): " or "an ICMP error from 192.0.2.1 answered
 * the client: " (diagnose.c). */

/* ICMP destination unreachable (type 3) codes, RFC 792 and RFC 1812. */
static const char *unreach4(uint8_t code)
{
	switch (code) {
	/* TRANSLATORS: what an ICMP error means, after "ICMP error from
	 * 192.0.2.1 about the client's segment (seq 1): ". */
	case 0: return _("network unreachable");
	case 1: return _("host unreachable");
	case 2: return _("protocol unreachable");
	case 3: return _("port unreachable: nothing listens on that port");
	case 4: return _("fragmentation needed but DF set");
	case 5: return _("source route failed");
	case 6: return _("destination network unknown");
	case 7: return _("destination host unknown");
	/* RFC 1122 §3.2.2.1 (9, 10) and RFC 1812 §5.2.7.1 (13). */
	case 9: return _("communication with the destination network administratively "
			 "prohibited: a filter refuses it");
	case 10: return _("communication with the destination host administratively "
			  "prohibited: a filter refuses it");
	case 13: return _("communication administratively prohibited: a filter refuses it");
	case 11: return _("network unreachable for this type of service");
	case 12: return _("host unreachable for this type of service");
	case 14: return _("host precedence violation");
	case 15: return _("precedence cutoff in effect");
	default: return _("destination unreachable");
	}
}

/* ICMPv6 destination unreachable (type 1) codes, RFC 4443 §3.1. */
static const char *unreach6(uint8_t code)
{
	switch (code) {
	/* TRANSLATORS: what an ICMPv6 error means, after "ICMPv6 error from
	 * 2001:db8::1 about the client's segment (seq 1): ". */
	case 0: return _("no route to destination");
	case 1: return _("administratively prohibited: a filter refuses it");
	case 2: return _("beyond the scope of the source address");
	case 3: return _("address unreachable");
	case 4: return _("port unreachable: nothing listens on that port");
	case 5: return _("source address failed ingress/egress policy");
	case 6: return _("reject route to destination");
	default: return _("destination unreachable");
	}
}

void say_icmp(struct sb *s, const struct tv_event *ev)
{
	const struct tv_icmp *ic = &ev->icmp;
	char from[64], meaning[320];
	struct num a;
	struct sb m = { meaning, sizeof(meaning), 0, false };
	meaning[0] = '\0';
	fmt_addr(from, sizeof(from), &ic->from);
	say_icmp_meaning(&m, ic);
	clause(s);
	/* Protocol names, never translated. */
	const char *proto = ic->version == 6 ? "ICMPv6" : "ICMP";
	if (ev->dir == DIR_C2S)
		/* TRANSLATORS: %1$s is "ICMP" or "ICMPv6", %2$s the address
		 * of the router or host that sent the error, %3$s the
		 * sequence number of the segment it is about, %4$s what the
		 * error means ("port unreachable: nothing listens on that
		 * port"). */
		sb_msg(s, _("%1$s error from %2$s about the client's segment (seq %3$s): %4$s"),
		       SAY_ARGS(proto, from, num(&a, ev->seq), meaning));
	else
		/* TRANSLATORS: as the message before, about the server's
		 * segment. */
		sb_msg(s, _("%1$s error from %2$s about the server's segment (seq %3$s): %4$s"),
		       SAY_ARGS(proto, from, num(&a, ev->seq), meaning));
}

void say_icmp_meaning(struct sb *s, const struct tv_icmp *ic)
{
	bool v6 = ic->version == 6;
	struct num a, b;
	if (!v6 && ic->type == 3 && ic->code == 4) {
		/* TRANSLATORS: what an ICMP error means, after "ICMP error
		 * from 192.0.2.1 about the client's segment (seq 1): "; %1$s
		 * is the path's MTU, in bytes. */
		sb_msg(s, _("fragmentation needed but DF set; the path's MTU is %1$s bytes, so "
			    "the sender must send smaller segments (path MTU discovery, RFC 1191)"),
		       SAY_ARGS(num(&a, ic->mtu)));
	} else if (v6 && ic->type == 2) {
		sb_msg(s, _("packet too big; the path's MTU is %1$s bytes, so the sender must "
			    "send smaller segments (path MTU discovery, RFC 8201)"),
		       SAY_ARGS(num(&a, ic->mtu)));
	} else if (!v6 && ic->type == 3) {
		sb_str(s, unreach4(ic->code));
	} else if (v6 && ic->type == 1) {
		sb_str(s, unreach6(ic->code));
	} else if ((!v6 && ic->type == 11) || (v6 && ic->type == 3)) {
		sb_str(s, ic->code == 0
		       ? _("time exceeded in transit: its hop limit ran out (a routing loop, "
			   "or a path longer than its TTL)")
		       : _("fragment reassembly time exceeded"));
	} else if (!v6 && ic->type == 5) {
		sb_str(s, ic->code == 1 || ic->code == 3
		       ? _("redirect: the router tells the sender to use another gateway for "
			   "this host (RFC 792)")
		       : _("redirect: the router tells the sender to use another gateway for "
			   "this network (RFC 792)"));
	} else if (!v6 && ic->type == 4) {
		sb_str(s, _("source quench: slow down (deprecated by RFC 6633)"));
	} else if ((!v6 && ic->type == 12) || (v6 && ic->type == 4)) {
		sb_str(s, _("parameter problem: a header field was not understood"));
	} else {
		sb_msg(s, _("ICMP type %1$s code %2$s"),
		       SAY_ARGS(num(&a, ic->type), num(&b, ic->code)));
	}
}
