/*
 * names.c - the names of DNS response codes and query types (see dns.h).
 *
 * Both tables are those of Zeek's base/protocols/dns/consts.zeek
 * (base_errors and query_types), so that tcpview's rcode_name and
 * qtype_name match dns.log's: "NXRRSet" keeps Zeek's spelling, and ANY
 * (255) is "*".  Zeek writes "rcode-N" and "query-N" for the others; here
 * they have no name (NULL) and the caller formats the number.
 */
#include "config.h"

#include <stddef.h>

#include "tcpview/app/dns.h"

/* RFC 1035 §4.1.1, RFC 2136, RFC 6891 and RFC 8945, indexed by code. */
static const char *const rcodes[] = {
	"NOERROR",
	"FORMERR",
	"SERVFAIL",
	"NXDOMAIN",
	"NOTIMP",
	"REFUSED",
	"YXDOMAIN",
	"YXRRSET",
	"NXRRSet",
	"NOTAUTH",
	"NOTZONE",
	"unassigned-11",
	"unassigned-12",
	"unassigned-13",
	"unassigned-14",
	"unassigned-15",
	"BADVERS",
	"BADKEY",
	"BADTIME",
	"BADMODE",
	"BADNAME",
	"BADALG",
	"BADTRUNC",
	"BADCOOKIE",
};

const char *dns_rcode_name(uint16_t rcode)
{
	if (rcode < sizeof(rcodes) / sizeof(rcodes[0]))
		return rcodes[rcode];
	return rcode == 3842 ? "BADSIG" : NULL;	/* Zeek's alias of TSIG's 16 */
}

struct qtype_name {
	uint16_t type;
	const char *name;
};

/* Sorted by type, for the binary search. */
static const struct qtype_name qtypes[] = {
	{ 1, "A" },
	{ 2, "NS" },
	{ 3, "MD" },
	{ 4, "MF" },
	{ 5, "CNAME" },
	{ 6, "SOA" },
	{ 7, "MB" },
	{ 8, "MG" },
	{ 9, "MR" },
	{ 10, "NULL" },
	{ 11, "WKS" },
	{ 12, "PTR" },
	{ 13, "HINFO" },
	{ 14, "MINFO" },
	{ 15, "MX" },
	{ 16, "TXT" },
	{ 17, "RP" },
	{ 18, "AFSDB" },
	{ 19, "X25" },
	{ 20, "ISDN" },
	{ 21, "RT" },
	{ 22, "NSAP" },
	{ 23, "NSAP-PTR" },
	{ 24, "SIG" },
	{ 25, "KEY" },
	{ 26, "PX" },
	{ 27, "GPOS" },
	{ 28, "AAAA" },
	{ 29, "LOC" },
	{ 30, "NXT" },
	{ 31, "EID" },
	{ 32, "NIMLOC" },
	{ 33, "SRV" },
	{ 34, "ATMA" },
	{ 35, "NAPTR" },
	{ 36, "KX" },
	{ 37, "CERT" },
	{ 38, "A6" },
	{ 39, "DNAME" },
	{ 40, "SINK" },
	{ 41, "OPT" },
	{ 42, "APL" },
	{ 43, "DS" },
	{ 44, "SSHFP" },
	{ 45, "IPSECKEY" },
	{ 46, "RRSIG" },
	{ 47, "NSEC" },
	{ 48, "DNSKEY" },
	{ 49, "DHCID" },
	{ 50, "NSEC3" },
	{ 51, "NSEC3PARAM" },
	{ 52, "TLSA" },
	{ 53, "SMIMEA" },
	{ 55, "HIP" },
	{ 56, "NINFO" },
	{ 57, "RKEY" },
	{ 58, "TALINK" },
	{ 59, "CDS" },
	{ 60, "CDNSKEY" },
	{ 61, "OPENPGPKEY" },
	{ 62, "CSYNC" },
	{ 63, "ZONEMD" },
	{ 64, "SVCB" },
	{ 65, "HTTPS" },
	{ 99, "SPF" },
	{ 100, "UINFO" },
	{ 101, "UID" },
	{ 102, "GID" },
	{ 103, "UNSPEC" },
	{ 104, "NID" },
	{ 105, "L32" },
	{ 106, "L64" },
	{ 107, "LP" },
	{ 108, "EUI48" },
	{ 109, "EUI64" },
	{ 249, "TKEY" },
	{ 250, "TSIG" },
	{ 251, "IXFR" },
	{ 252, "AXFR" },
	{ 253, "MAILB" },
	{ 254, "MAILA" },
	{ 255, "*" },
	{ 256, "URI" },
	{ 257, "CAA" },
	{ 32768, "TA" },
	{ 32769, "DLV" },
	{ 65281, "WINS" },
	{ 65282, "WINS-R" },
	{ 65422, "XPF" },
	{ 65521, "INTEGRITY" },
};

const char *dns_qtype_name(uint16_t qtype)
{
	size_t lo = 0, hi = sizeof(qtypes) / sizeof(qtypes[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (qtypes[mid].type == qtype)
			return qtypes[mid].name;
		if (qtypes[mid].type < qtype)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
