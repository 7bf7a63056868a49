/*
 * registry.c - which dissector reads a connection: content first, port second.
 *
 * The first bytes a side sends decide (SPEC §9), as Wireshark's heuristic
 * dissectors and Zeek's signatures do before falling back on ports:
 *   - a TLS handshake record header (tls_looks_like): TLS, on any port;
 *   - the HTTP/2 connection preface from the client (RFC 9113 §3.4), or
 *     a SETTINGS frame on stream 0 from the server: HTTP/2;
 *   - "HTTP/1." from the server, or a request line from the client (a
 *     method token, a space, then "/", "*" or an absolute URI, RFC 9112
 *     §3): HTTP/1.x;
 *   - port 53 (RFC 7766): DNS over TCP, whose first bytes are a length
 *     and cannot be told apart by content.
 * Anything else is left alone: the narration quotes its first lines.
 * Too few bytes to tell wait for more (up to APP_PROBE_MAX), unless
 * `final` says there will be none.
 */
#include "config.h"

#include <string.h>

#include "layer_int.h"
#include "tcpview/app/h2.h"
#include "tcpview/app/tls.h"

#define DNS_PORT 53

enum verdict { NO, MAYBE, YES };

/* `data` starts with `word`, or is a prefix of it (MAYBE). */
static enum verdict starts(const uint8_t *data, size_t len, const char *word)
{
	size_t n = strlen(word);
	size_t m = len < n ? len : n;
	if (memcmp(data, word, m) != 0)
		return NO;
	return len >= n ? YES : MAYBE;
}

/*
 * The methods a request line may start with: RFC 9110 §9 and PATCH (RFC
 * 5789), and WebDAV's (RFC 4918, 3253), as Wireshark's http dissector and
 * Zeek's HTTP signature list them.  A list, not any token: FTP's "LIST
 * /pub" and SMTP's "MAIL FROM:" are not HTTP.
 */
static const char *const methods[] = {
	"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
	"PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK",
	"UNLOCK", "REPORT", "SEARCH", "MKACTIVITY", "CHECKOUT", "MERGE",
};

/* "METHOD SP" then "/", "*", an absolute URI or CONNECT's authority. */
static enum verdict request_line(const uint8_t *data, size_t len)
{
	enum verdict best = NO;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		char word[16];
		size_t n = strlen(methods[i]);
		memcpy(word, methods[i], n);
		word[n] = ' ';
		word[n + 1] = '\0';
		enum verdict v = starts(data, len, word);
		if (v == MAYBE)
			best = MAYBE;
		if (v != YES)
			continue;
		if (len == n + 1)
			return MAYBE;
		uint8_t t = data[n + 1];
		if (t == '/' || t == '*' || strcmp(methods[i], "CONNECT") == 0)
			return YES;
		return starts(data + n + 1, len - n - 1, "http") == NO ? NO : YES;
	}
	return best;
}

/* A SETTINGS frame header on stream 0 (RFC 9113 §6.5): the server's
 * first frame. */
static enum verdict settings_frame(const uint8_t *data, size_t len)
{
	if (len < 9)
		return len >= 4 && data[3] != 4 ? NO : MAYBE;
	uint32_t flen = (uint32_t)data[0] << 16 | (uint32_t)data[1] << 8 | data[2];
	uint32_t stream = ((uint32_t)data[5] << 24 | (uint32_t)data[6] << 16 |
			   (uint32_t)data[7] << 8 | data[8]) & 0x7fffffffu;
	return data[3] == 4 && flen % 6 == 0 && flen <= 16384 && stream == 0 &&
	       (data[4] & ~1u) == 0 ? YES : NO;
}

bool app_http_message_start(enum tv_dir d, const uint8_t *data, size_t len)
{
	if (d == DIR_S2C)
		return starts(data, len, "HTTP/1.") == YES;
	return request_line(data, len) == YES;
}

const struct app_dissector *app_probe(const struct app_conn *c, enum tv_dir d,
				      const uint8_t *data, size_t len, bool final, bool *wait)
{
	*wait = false;
	bool maybe = false;
	if (len >= 3 && tls_looks_like(data, len))
		return &app_tls;
	if (len < 3 && len > 0 && data[0] == 22)
		maybe = true;	/* a handshake record, too short to say */
	enum verdict v;
	if (d == DIR_C2S) {
		v = starts(data, len, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
		if (v == YES)
			return &app_h2;
		maybe |= v == MAYBE;
		v = request_line(data, len);
		if (v == YES)
			return &app_http;
		maybe |= v == MAYBE;
	} else {
		v = starts(data, len, "HTTP/1.");
		if (v == YES)
			return &app_http;
		maybe |= v == MAYBE;
		v = settings_frame(data, len);
		if (v == YES)
			return &app_h2;
		maybe |= v == MAYBE;
	}
	if (maybe && !final) {
		*wait = true;
		return NULL;
	}
	if (c->end[DIR_S2C].port == DNS_PORT)
		return &app_dns_tcp;
	return NULL;
}
