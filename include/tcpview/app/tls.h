/*
 * tls.h - the TLS handshake as it crosses the wire in clear (app layer).
 *
 * One parser per direction reads that direction's in-order bytes, split
 * anywhere: it frames records (RFC 8446 §5.1, RFC 5246 §6.2), reassembles
 * handshake messages across records, and reports the ClientHello, the
 * ServerHello (a HelloRetryRequest too), every alert, and the moment the
 * direction turns encrypted.  Nothing is decrypted.
 *
 * Memory: struct tls_parser is a fixed-size value the caller embeds, one
 * per direction; the parser never allocates.  Hello messages are parsed as
 * their bytes arrive, so a message of any length up to TLS_HS_MAX costs no
 * buffer.  The structs handed to callbacks are valid only during the call:
 * copy what you keep.  Strings from the *_name() functions are static.
 */
#ifndef TCPVIEW_APP_TLS_H
#define TCPVIEW_APP_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLS_RECORD_MAX (16384 + 2048)	/* RFC 5246 §6.2.3: TLSCiphertext */
#define TLS_HS_MAX 65536		/* longer handshake messages are skipped */
#define TLS_SNI_MAX 255			/* host_name bytes kept */
#define TLS_CIPHERS_KEPT 16		/* offered suites kept, in order */
#define TLS_ALPN_KEPT 8			/* offered protocol names kept */
#define TLS_ALPN_NAME_MAX 32		/* bytes kept of one protocol name */
#define TLS_VERSIONS_KEPT 8		/* supported_versions entries kept */

/* Content types (RFC 8446 §5.1) and the versions on the wire. */
enum {
	TLS_CT_CHANGE_CIPHER_SPEC = 20,
	TLS_CT_ALERT = 21,
	TLS_CT_HANDSHAKE = 22,
	TLS_CT_APPLICATION_DATA = 23,
	TLS_CT_HEARTBEAT = 24,
};
enum {
	TLS_SSL30 = 0x0300,
	TLS_TLS10 = 0x0301,
	TLS_TLS11 = 0x0302,
	TLS_TLS12 = 0x0303,
	TLS_TLS13 = 0x0304,
};

/* An ALPN protocol name (RFC 7301 §3.1), possibly cut to fit. */
struct tls_alpn_name {
	uint8_t len;				/* bytes in name */
	bool cut;				/* longer than TLS_ALPN_NAME_MAX */
	char name[TLS_ALPN_NAME_MAX + 1];	/* NUL after len bytes */
};

/*
 * A ClientHello (RFC 8446 §4.1.2).  Lists skip GREASE values (RFC 8701)
 * and count what they do not keep.
 */
struct tls_client_hello {
	uint32_t length;			/* of the handshake message body */
	uint16_t record_version;		/* of the record it started in */
	uint16_t legacy_version;
	uint8_t random[32];
	uint8_t session_id_len;
	uint8_t session_id[32];
	uint16_t cipher_count;			/* suites offered */
	uint8_t ciphers_kept;
	uint16_t ciphers[TLS_CIPHERS_KEPT];	/* the first ones, in order */
	uint8_t compression_count;
	uint16_t extension_count;
	/* server_name (type 0, RFC 6066 §3): the first host_name. */
	bool has_sni;
	bool sni_cut;				/* longer than TLS_SNI_MAX */
	uint16_t sni_len;
	char sni[TLS_SNI_MAX + 1];		/* NUL after sni_len bytes */
	/* application_layer_protocol_negotiation (type 16, RFC 7301). */
	bool has_alpn;
	uint8_t alpn_count;			/* names offered */
	uint8_t alpn_kept;
	struct tls_alpn_name alpn[TLS_ALPN_KEPT];
	/* supported_versions (type 43, RFC 8446 §4.2.1). */
	bool has_versions;
	uint8_t version_count;
	uint8_t versions_kept;
	uint16_t versions[TLS_VERSIONS_KEPT];
	bool key_share;				/* type 51 */
	bool psk;				/* pre_shared_key, type 41 */
	bool early_data;			/* type 42 */
};

/* A ServerHello, or a HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4). */
struct tls_server_hello {
	uint32_t length;
	uint16_t record_version;
	uint16_t legacy_version;
	uint16_t selected_version;		/* supported_versions; 0 if absent */
	uint16_t version;			/* the one in force: selected, else legacy */
	uint8_t random[32];
	bool hello_retry;			/* the HelloRetryRequest random */
	uint8_t session_id_len;
	uint8_t session_id[32];
	uint16_t cipher;
	uint8_t compression;
	uint16_t extension_count;
	bool has_alpn;
	struct tls_alpn_name alpn;		/* the protocol chosen */
	bool key_share;
	bool psk;
};

/*
 * What the parser reports; any member may be NULL.  All are called from
 * inside tls_parser_feed() (or _gap()), in the order of the bytes.
 */
struct tls_callbacks {
	void (*on_client_hello)(void *ctx, const struct tls_client_hello *ch);
	void (*on_server_hello)(void *ctx, const struct tls_server_hello *sh);
	/* An alert; when `encrypted`, level and description are unknown (0). */
	void (*on_alert)(void *ctx, uint8_t level, uint8_t description, bool encrypted);
	/* Once per direction: the records from here on are encrypted. */
	void (*on_encrypted)(void *ctx);
	/* A handshake message over TLS_HS_MAX bytes, skipped unread. */
	void (*on_skipped)(void *ctx, uint8_t msg_type, uint32_t len);
	/* The parser stops for good: not TLS, malformed, or a gap. */
	void (*on_error)(void *ctx, const char *why);
};

/*
 * Where the parser is inside one handshake message.  The fields are the
 * parser's own; read nothing here.
 */
struct tls_hello_walk {
	uint32_t pos;		/* body bytes read */
	uint32_t msg_end, list_end, ext_end, sub_end, run_end;
	uint32_t acc;
	uint8_t step;
	uint8_t need;		/* bytes still to read of an integer field */
	uint8_t name_type;	/* of the server_name entry being read */
	uint16_t ext_type;
	uint8_t tmp_len;	/* the ALPN name being read */
	bool tmp_cut;
	uint8_t tmp[TLS_ALPN_NAME_MAX];
};

/* One direction's parser; initialise with tls_parser_init(). */
struct tls_parser {
	uint8_t phase;		/* private: see parser.c */
	bool encrypted;		/* on_encrypted was called */
	bool offered_tls13;	/* this side's ClientHello offered TLS 1.3 */
	bool hello_retry;	/* this side sent a HelloRetryRequest */
	bool tls13;		/* this side's ServerHello chose TLS 1.3 */
	bool ccs_pending;	/* a ChangeCipherSpec whose meaning is not yet known */
	/* record layer */
	uint8_t hdr[5];
	uint8_t hdr_have;
	uint8_t rec_type;
	uint16_t rec_version;
	uint16_t rec_len;
	uint16_t rec_left;
	bool rec_encrypted;	/* this record's body is not read */
	uint8_t alert[2];
	uint8_t alert_have;
	/* handshake layer */
	uint8_t hs_hdr[4];
	uint8_t hs_have;
	uint8_t hs_type;
	bool hs_tentative;	/* deciding if this is a second ClientHello */
	uint32_t hs_len;
	uint32_t hs_left;
	uint16_t hs_record_version;
	struct tls_hello_walk walk;
	union {
		struct tls_client_hello ch;
		struct tls_server_hello sh;
	} hello;
};

void tls_parser_init(struct tls_parser *p);

/*
 * Feeds the next `len` in-order bytes of this direction.  Once the parser
 * has stopped (on_error, or a gap past the handshake) bytes are ignored.
 */
void tls_parser_feed(struct tls_parser *p, const uint8_t *data, size_t len,
		     const struct tls_callbacks *cb, void *ctx);

/*
 * `len` bytes of this direction were not captured.  During the handshake
 * the parser stops with on_error("gap"); past it (encrypted), it stops
 * quietly, since nothing more would have been read in clear.
 */
void tls_parser_gap(struct tls_parser *p, uint64_t len,
		    const struct tls_callbacks *cb, void *ctx);

/* True once the parser has stopped for good. */
bool tls_parser_stopped(const struct tls_parser *p);

/* A TLS handshake record header with a plausible version and length. */
bool tls_looks_like(const uint8_t *data, size_t len);

/* Names; NULL when unknown (callers print the number in hex). */
const char *tls_version_name(uint16_t version);		/* "TLS 1.3", "SSL 3.0" */
const char *tls_cipher_name(uint16_t suite);		/* IANA: "TLS_AES_128_GCM_SHA256" */
const char *tls_alert_name(uint8_t description);	/* RFC 8446 §6: "bad_certificate" */
const char *tls_alert_level_name(uint8_t level);	/* "warning", "fatal" */

/* A GREASE value (RFC 8701 §2): 0x0A0A, 0x1A1A, ... 0xFAFA. */
bool tls_is_grease(uint16_t value);

#endif
