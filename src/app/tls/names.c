/*
 * names.c - the names of TLS versions, cipher suites and alerts (see tls.h).
 *
 * Cipher suites by their IANA names (the TLS Cipher Suites registry, as
 * tshark prints them): every TLS 1.3 suite, the ECDHE and DHE suites of
 * TLS 1.2, and the legacy RSA ones still seen; alerts by their RFC 8446 §6
 * names (with the older ones of RFC 5246 §7.2 and the later registrations),
 * stable snake_case for JSON.  Unknown numbers have no name (NULL).
 */
#include "config.h"

#include <stddef.h>

#include "tcpview/app/tls.h"

const char *tls_version_name(uint16_t version)
{
	switch (version) {
	case TLS_SSL30: return "SSL 3.0";
	case TLS_TLS10: return "TLS 1.0";
	case TLS_TLS11: return "TLS 1.1";
	case TLS_TLS12: return "TLS 1.2";
	case TLS_TLS13: return "TLS 1.3";
	default: return NULL;
	}
}

struct suite_name {
	uint16_t id;
	const char *name;
};

/* Sorted by id, for the binary search. */
static const struct suite_name suites[] = {
	{ 0x0004, "TLS_RSA_WITH_RC4_128_MD5" },
	{ 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
	{ 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA" },
	{ 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA" },
	{ 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256" },
	{ 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
	{ 0x1301, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, "TLS_AES_256_GCM_SHA384" },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0x1304, "TLS_AES_128_CCM_SHA256" },
	{ 0x1305, "TLS_AES_128_CCM_8_SHA256" },
	{ 0x5600, "TLS_FALLBACK_SCSV" },
	{ 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
	{ 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA" },
	{ 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA" },
	{ 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384" },
	{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
};

const char *tls_cipher_name(uint16_t suite)
{
	size_t lo = 0, hi = sizeof(suites) / sizeof(suites[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (suites[mid].id == suite)
			return suites[mid].name;
		if (suites[mid].id < suite)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *tls_alert_name(uint8_t description)
{
	switch (description) {
	case 0: return "close_notify";
	case 10: return "unexpected_message";
	case 20: return "bad_record_mac";
	case 21: return "decryption_failed";		/* RFC 5246 §7.2.2, reserved since */
	case 22: return "record_overflow";
	case 30: return "decompression_failure";	/* RFC 5246 §7.2.2 */
	case 40: return "handshake_failure";
	case 41: return "no_certificate";		/* SSL 3.0 */
	case 42: return "bad_certificate";
	case 43: return "unsupported_certificate";
	case 44: return "certificate_revoked";
	case 45: return "certificate_expired";
	case 46: return "certificate_unknown";
	case 47: return "illegal_parameter";
	case 48: return "unknown_ca";
	case 49: return "access_denied";
	case 50: return "decode_error";
	case 51: return "decrypt_error";
	case 52: return "too_many_cids_requested";	/* RFC 9147 */
	case 60: return "export_restriction";		/* RFC 4346 */
	case 70: return "protocol_version";
	case 71: return "insufficient_security";
	case 80: return "internal_error";
	case 86: return "inappropriate_fallback";	/* RFC 7507 */
	case 90: return "user_canceled";
	case 100: return "no_renegotiation";		/* RFC 5246 */
	case 109: return "missing_extension";
	case 110: return "unsupported_extension";
	case 111: return "certificate_unobtainable";	/* RFC 6066 */
	case 112: return "unrecognized_name";
	case 113: return "bad_certificate_status_response";
	case 114: return "bad_certificate_hash_value";	/* RFC 6066 */
	case 115: return "unknown_psk_identity";
	case 116: return "certificate_required";
	case 120: return "no_application_protocol";	/* RFC 7301 */
	case 121: return "ech_required";
	default: return NULL;
	}
}

const char *tls_alert_level_name(uint8_t level)
{
	switch (level) {
	case 1: return "warning";
	case 2: return "fatal";
	default: return NULL;
	}
}
