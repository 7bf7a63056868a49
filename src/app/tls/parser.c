/*
 * parser.c - the TLS record and handshake layers of one direction, read as
 * the bytes arrive (see tls.h).
 *
 * The TCP layer hands each direction's in-order bytes, cut anywhere.  The
 * record layer (RFC 8446 §5.1, RFC 5246 §6.2) checks every header byte as
 * it comes, so a stream that is not TLS (an HTTP request) is refused at its
 * first byte.  Handshake records carry handshake messages, which may span
 * records or share one; a ClientHello or ServerHello is walked field by
 * field as its bytes arrive (the walk keeps only where it is and the values
 * it reports), so no message is ever buffered.  Alerts are reported by
 * name; ChangeCipherSpec and ApplicationData mark where the direction turns
 * encrypted, after which record bodies are skipped unread.  Every byte is
 * read through the bounds-checked cursor.
 */
#include "config.h"

#include <string.h>

#include "tcpview/app/tls.h"
#include "tcpview/util/cursor.h"
#include "tcpview/util/nls.h"

enum phase {
	PH_RUN,		/* reading records */
	PH_STOPPED,	/* on_error was called */
	PH_QUIET,	/* a gap after the handshake: nothing more to read */
};

/* Handshake message types (RFC 8446 §4) the parser reads. */
#define HS_CLIENT_HELLO 1
#define HS_SERVER_HELLO 2

/* Extensions (RFC 8446 §4.2). */
#define EXT_SERVER_NAME 0
#define EXT_ALPN 16
#define EXT_PRE_SHARED_KEY 41
#define EXT_EARLY_DATA 42
#define EXT_SUPPORTED_VERSIONS 43
#define EXT_KEY_SHARE 51

/* SHA-256 of "HelloRetryRequest": a ServerHello with this random is a
 * HelloRetryRequest (RFC 8446 §4.1.3). */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02,
	0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

static const struct tls_callbacks no_callbacks;

/* ---- reporting ------------------------------------------------------- */

static void fail(struct tls_parser *p, const struct tls_callbacks *cb, void *ctx,
		 const char *why)
{
	if (p->phase != PH_RUN)
		return;
	p->phase = PH_STOPPED;
	if (cb->on_error != NULL)
		cb->on_error(ctx, why);
}

/* The direction is encrypted from here on: said once. */
static void become_encrypted(struct tls_parser *p, const struct tls_callbacks *cb,
			     void *ctx)
{
	p->ccs_pending = false;
	p->rec_encrypted = true;
	p->hs_tentative = false;	/* no handshake message is read any more */
	p->hs_have = 0;
	p->hs_left = 0;
	if (p->encrypted)
		return;
	p->encrypted = true;
	if (cb->on_encrypted != NULL)
		cb->on_encrypted(ctx);
}

static void alert(const struct tls_callbacks *cb, void *ctx, uint8_t level,
		  uint8_t description, bool encrypted)
{
	if (cb->on_alert != NULL)
		cb->on_alert(ctx, level, description, encrypted);
}

/* ---- the hello walk -------------------------------------------------- */

/*
 * A hello body is a sequence of fields: integers of 1 to 3 bytes, and runs
 * of bytes (the random, the session id, a name, an extension skipped).
 * Each field must end inside the vector that holds it (the message, the
 * extensions block, one extension, a list inside it); a length that says
 * otherwise makes the message malformed.
 */
enum step {
	S_VERSION, S_RANDOM, S_SID_LEN, S_SID,
	S_CS_LEN, S_CS, S_COMP_LEN, S_COMP,		/* ClientHello */
	S_SH_CS, S_SH_COMP,				/* ServerHello */
	S_EXTS_LEN, S_EXT_TYPE, S_EXT_LEN, S_EXT_SKIP,
	S_SNI_LIST_LEN, S_SNI_TYPE, S_SNI_LEN, S_SNI_NAME,
	S_ALPN_LIST_LEN, S_ALPN_LEN, S_ALPN_NAME,
	S_SV_LEN, S_SV, S_SV_SELECTED,
	S_DONE, S_BAD,
};

/* The server_name entry being read is the one kept, or one skipped. */
#define SNI_KEEP 0xfe
#define SNI_SKIP 0xff

static bool is_run(uint8_t step)
{
	return step == S_RANDOM || step == S_SID || step == S_COMP ||
	       step == S_EXT_SKIP || step == S_SNI_NAME || step == S_ALPN_NAME;
}

static void expect_int(struct tls_hello_walk *w, enum step step, uint8_t width,
		       uint32_t limit)
{
	if (w->pos + width > limit) {
		w->step = S_BAD;
		return;
	}
	w->step = (uint8_t)step;
	w->need = width;
	w->acc = 0;
}

static void expect_run(struct tls_hello_walk *w, enum step step, uint32_t len,
		       uint32_t limit)
{
	if (len > limit - w->pos) {
		w->step = S_BAD;
		return;
	}
	w->step = (uint8_t)step;
	w->run_end = w->pos + len;
}

bool tls_is_grease(uint16_t v)
{
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/* The extensions block is over: the message must end with it. */
static void next_ext(struct tls_hello_walk *w)
{
	if (w->pos < w->list_end)
		expect_int(w, S_EXT_TYPE, 2, w->list_end);
	else
		w->step = w->pos == w->msg_end ? S_DONE : S_BAD;
}

/* A parsed extension must fill its length exactly. */
static void ext_tail(struct tls_hello_walk *w)
{
	if (w->pos == w->ext_end)
		next_ext(w);
	else
		w->step = S_BAD;
}

static void exts_or_done(struct tls_hello_walk *w)
{
	if (w->pos == w->msg_end)
		w->step = S_DONE;	/* extensions are optional before TLS 1.3 */
	else
		expect_int(w, S_EXTS_LEN, 2, w->msg_end);
}

/* An extension's header is read: parse the ones reported, skip the rest. */
static void ext_begin(struct tls_parser *p, uint32_t len)
{
	struct tls_hello_walk *w = &p->walk;
	bool client = p->hs_type == HS_CLIENT_HELLO;
	if (len > w->list_end - w->pos) {
		w->step = S_BAD;
		return;
	}
	w->ext_end = w->pos + len;
	if (tls_is_grease(w->ext_type)) {
		expect_run(w, S_EXT_SKIP, len, w->ext_end);
		return;
	}
	if (client)
		p->hello.ch.extension_count++;
	else
		p->hello.sh.extension_count++;
	switch (w->ext_type) {
	case EXT_SERVER_NAME:
		if (client && !p->hello.ch.has_sni) {
			/* RFC 6066 §3: ServerNameList server_name_list<1..2^16-1> */
			expect_int(w, S_SNI_LIST_LEN, 2, w->ext_end);
			return;
		}
		break;
	case EXT_ALPN:
		/* RFC 7301 §3.1: ProtocolNameList protocol_name_list<2..2^16-1> */
		expect_int(w, S_ALPN_LIST_LEN, 2, w->ext_end);
		return;
	case EXT_SUPPORTED_VERSIONS:
		/* RFC 8446 §4.2.1: a list in the ClientHello, one in the ServerHello */
		if (client) {
			p->hello.ch.has_versions = true;
			expect_int(w, S_SV_LEN, 1, w->ext_end);
		} else {
			expect_int(w, S_SV_SELECTED, 2, w->ext_end);
		}
		return;
	case EXT_KEY_SHARE:
		if (client)
			p->hello.ch.key_share = true;
		else
			p->hello.sh.key_share = true;
		break;
	case EXT_PRE_SHARED_KEY:
		if (client)
			p->hello.ch.psk = true;
		else
			p->hello.sh.psk = true;
		break;
	case EXT_EARLY_DATA:
		if (client)
			p->hello.ch.early_data = true;
		break;
	default:
		break;
	}
	expect_run(w, S_EXT_SKIP, len, w->ext_end);
}

/* An integer field is complete. */
static void int_done(struct tls_parser *p, uint32_t v)
{
	struct tls_hello_walk *w = &p->walk;
	struct tls_client_hello *ch = &p->hello.ch;
	struct tls_server_hello *sh = &p->hello.sh;
	bool client = p->hs_type == HS_CLIENT_HELLO;
	switch (w->step) {
	case S_VERSION:
		if (client)
			ch->legacy_version = (uint16_t)v;
		else
			sh->legacy_version = (uint16_t)v;
		expect_run(w, S_RANDOM, 32, w->msg_end);
		break;
	case S_SID_LEN:
		/* legacy_session_id<0..32> */
		if (v > 32) {
			w->step = S_BAD;
			break;
		}
		if (client)
			ch->session_id_len = (uint8_t)v;
		else
			sh->session_id_len = (uint8_t)v;
		expect_run(w, S_SID, v, w->msg_end);
		break;
	case S_CS_LEN:
		/* cipher_suites<2..2^16-2>, two bytes each */
		if (v < 2 || (v & 1) || v > w->msg_end - w->pos) {
			w->step = S_BAD;
			break;
		}
		w->list_end = w->pos + v;
		expect_int(w, S_CS, 2, w->list_end);
		break;
	case S_CS:
		if (!tls_is_grease((uint16_t)v)) {
			if (ch->ciphers_kept < TLS_CIPHERS_KEPT)
				ch->ciphers[ch->ciphers_kept++] = (uint16_t)v;
			ch->cipher_count++;
		}
		if (w->pos < w->list_end)
			expect_int(w, S_CS, 2, w->list_end);
		else
			expect_int(w, S_COMP_LEN, 1, w->msg_end);
		break;
	case S_COMP_LEN:
		/* legacy_compression_methods<1..2^8-1> */
		if (v < 1) {
			w->step = S_BAD;
			break;
		}
		ch->compression_count = (uint8_t)v;
		expect_run(w, S_COMP, v, w->msg_end);
		break;
	case S_SH_CS:
		sh->cipher = (uint16_t)v;
		expect_int(w, S_SH_COMP, 1, w->msg_end);
		break;
	case S_SH_COMP:
		sh->compression = (uint8_t)v;
		exts_or_done(w);
		break;
	case S_EXTS_LEN:
		if (v > w->msg_end - w->pos) {
			w->step = S_BAD;
			break;
		}
		w->list_end = w->pos + v;
		next_ext(w);
		break;
	case S_EXT_TYPE:
		w->ext_type = (uint16_t)v;
		expect_int(w, S_EXT_LEN, 2, w->list_end);
		break;
	case S_EXT_LEN:
		ext_begin(p, v);
		break;
	case S_SNI_LIST_LEN:
		if (v < 1 || v > w->ext_end - w->pos) {
			w->step = S_BAD;
			break;
		}
		w->sub_end = w->pos + v;
		expect_int(w, S_SNI_TYPE, 1, w->sub_end);
		break;
	case S_SNI_TYPE:
		w->name_type = (uint8_t)v;
		expect_int(w, S_SNI_LEN, 2, w->sub_end);
		break;
	case S_SNI_LEN:
		/* The first host_name (type 0) is the one a server uses. */
		if (w->name_type == 0 && !ch->has_sni) {
			ch->has_sni = true;
			w->name_type = SNI_KEEP;
		} else {
			w->name_type = SNI_SKIP;
		}
		expect_run(w, S_SNI_NAME, v, w->sub_end);
		break;
	case S_ALPN_LIST_LEN:
		if (v < 2 || v > w->ext_end - w->pos) {
			w->step = S_BAD;
			break;
		}
		w->sub_end = w->pos + v;
		expect_int(w, S_ALPN_LEN, 1, w->sub_end);
		break;
	case S_ALPN_LEN:
		/* ProtocolName<1..2^8-1> */
		if (v < 1) {
			w->step = S_BAD;
			break;
		}
		w->tmp_len = 0;
		w->tmp_cut = false;
		expect_run(w, S_ALPN_NAME, v, w->sub_end);
		w->acc = v;	/* the whole name's length, for run_done */
		break;
	case S_SV_LEN:
		/* ProtocolVersion versions<2..254> */
		if (v < 2 || (v & 1) || v > w->ext_end - w->pos) {
			w->step = S_BAD;
			break;
		}
		w->sub_end = w->pos + v;
		expect_int(w, S_SV, 2, w->sub_end);
		break;
	case S_SV:
		if (!tls_is_grease((uint16_t)v)) {
			if (ch->versions_kept < TLS_VERSIONS_KEPT)
				ch->versions[ch->versions_kept++] = (uint16_t)v;
			if (ch->version_count < UINT8_MAX)
				ch->version_count++;
			if (v == TLS_TLS13)
				p->offered_tls13 = true;
		}
		if (w->pos < w->sub_end)
			expect_int(w, S_SV, 2, w->sub_end);
		else
			ext_tail(w);
		break;
	case S_SV_SELECTED:
		sh->selected_version = (uint16_t)v;
		ext_tail(w);
		break;
	default:
		w->step = S_BAD;
		break;
	}
}

/* One byte of a run field. */
static void run_byte(struct tls_parser *p, uint8_t b)
{
	struct tls_hello_walk *w = &p->walk;
	bool client = p->hs_type == HS_CLIENT_HELLO;
	uint32_t left = w->run_end - w->pos;	/* bytes of the run after this one */
	switch (w->step) {
	case S_RANDOM:
		if (client)
			p->hello.ch.random[31 - left] = b;
		else
			p->hello.sh.random[31 - left] = b;
		break;
	case S_SID: {
		uint8_t n = client ? p->hello.ch.session_id_len : p->hello.sh.session_id_len;
		uint8_t *sid = client ? p->hello.ch.session_id : p->hello.sh.session_id;
		sid[n - 1 - left] = b;
		break;
	}
	case S_SNI_NAME:
		if (w->name_type != SNI_KEEP)
			break;
		if (p->hello.ch.sni_len < TLS_SNI_MAX)
			p->hello.ch.sni[p->hello.ch.sni_len++] = (char)b;
		else
			p->hello.ch.sni_cut = true;
		break;
	case S_ALPN_NAME:
		if (w->tmp_len < TLS_ALPN_NAME_MAX)
			w->tmp[w->tmp_len++] = b;
		else
			w->tmp_cut = true;
		break;
	default:
		break;
	}
}

static void keep_alpn(struct tls_alpn_name *dst, const struct tls_hello_walk *w)
{
	memcpy(dst->name, w->tmp, w->tmp_len);
	dst->name[w->tmp_len] = '\0';
	dst->len = w->tmp_len;
	dst->cut = w->tmp_cut;
}

/* A run field is complete. */
static void run_done(struct tls_parser *p)
{
	struct tls_hello_walk *w = &p->walk;
	bool client = p->hs_type == HS_CLIENT_HELLO;
	switch (w->step) {
	case S_RANDOM:
		if (!client)
			p->hello.sh.hello_retry =
				memcmp(p->hello.sh.random, hrr_random, sizeof(hrr_random)) == 0;
		expect_int(w, S_SID_LEN, 1, w->msg_end);
		break;
	case S_SID:
		if (client)
			expect_int(w, S_CS_LEN, 2, w->msg_end);
		else
			expect_int(w, S_SH_CS, 2, w->msg_end);
		break;
	case S_COMP:
		exts_or_done(w);
		break;
	case S_EXT_SKIP:
		next_ext(w);
		break;
	case S_SNI_NAME:
		if (w->pos < w->sub_end)
			expect_int(w, S_SNI_TYPE, 1, w->sub_end);
		else
			ext_tail(w);
		break;
	case S_ALPN_NAME: {
		/* RFC 8701 §2: {0x?A, 0x?A} names are GREASE. */
		bool grease = w->acc == 2 && w->tmp_len == 2 &&
			      tls_is_grease((uint16_t)(w->tmp[0] << 8 | w->tmp[1]));
		if (!grease && client) {
			struct tls_client_hello *ch = &p->hello.ch;
			ch->has_alpn = true;
			if (ch->alpn_kept < TLS_ALPN_KEPT)
				keep_alpn(&ch->alpn[ch->alpn_kept++], w);
			if (ch->alpn_count < UINT8_MAX)
				ch->alpn_count++;
		} else if (!grease && !p->hello.sh.has_alpn) {
			/* RFC 7301 §3.1: the server's list holds exactly one name. */
			p->hello.sh.has_alpn = true;
			keep_alpn(&p->hello.sh.alpn, w);
		}
		if (w->pos < w->sub_end)
			expect_int(w, S_ALPN_LEN, 1, w->sub_end);
		else
			ext_tail(w);
		break;
	}
	default:
		w->step = S_BAD;
		break;
	}
}

/* Completes the run fields that are already over (empty ones included). */
static void settle(struct tls_parser *p)
{
	struct tls_hello_walk *w = &p->walk;
	while (is_run(w->step) && w->pos == w->run_end)
		run_done(p);
}

static void walk_start(struct tls_parser *p)
{
	memset(&p->walk, 0, sizeof(p->walk));
	memset(&p->hello, 0, sizeof(p->hello));
	p->walk.msg_end = p->hs_len;
	if (p->hs_type == HS_CLIENT_HELLO) {
		p->hello.ch.length = p->hs_len;
		p->hello.ch.record_version = p->hs_record_version;
		p->offered_tls13 = false;
	} else {
		p->hello.sh.length = p->hs_len;
		p->hello.sh.record_version = p->hs_record_version;
	}
	expect_int(&p->walk, S_VERSION, 2, p->walk.msg_end);
}

/* Walks the next bytes of a hello body; false when it is malformed. */
static bool walk_bytes(struct tls_parser *p, struct cursor *c)
{
	struct tls_hello_walk *w = &p->walk;
	while (cursor_left(c) > 0) {
		if (w->step == S_EXT_SKIP) {
			/* Skipped extensions can be long (key shares, padding). */
			size_t n = cursor_left(c);
			if (n > w->run_end - w->pos)
				n = w->run_end - w->pos;
			cursor_skip(c, n);
			w->pos += (uint32_t)n;
			settle(p);
			continue;
		}
		if (w->step == S_DONE || w->step == S_BAD)
			return false;
		uint8_t b = cur_u8(c);
		w->pos++;
		if (is_run(w->step)) {
			run_byte(p, b);
		} else {
			w->acc = w->acc << 8 | b;
			if (--w->need == 0)
				int_done(p, w->acc);
		}
		settle(p);
		if (w->step == S_BAD)
			return false;
	}
	return true;
}

/* ---- the handshake layer --------------------------------------------- */

static bool walking(const struct tls_parser *p)
{
	return (p->hs_type == HS_CLIENT_HELLO || p->hs_type == HS_SERVER_HELLO) &&
	       p->hs_len <= TLS_HS_MAX;
}

static const char *malformed(const struct tls_parser *p)
{
	return p->hs_type == HS_CLIENT_HELLO ? "malformed ClientHello"
					     : "malformed ServerHello";
}

/* A handshake message's four-byte header is read (RFC 8446 §4). */
static void message_begin(struct tls_parser *p, const struct tls_callbacks *cb,
			  void *ctx)
{
	p->hs_type = p->hs_hdr[0];
	p->hs_len = (uint32_t)p->hs_hdr[1] << 16 | (uint32_t)p->hs_hdr[2] << 8 | p->hs_hdr[3];
	p->hs_left = p->hs_len;
	if (p->hs_tentative) {
		/*
		 * After the ChangeCipherSpec of a client that offered TLS 1.3
		 * comes either a second ClientHello in clear (after a
		 * HelloRetryRequest, RFC 8446 §D.4) or, when the server chose
		 * TLS 1.2, the encrypted Finished.  A ClientHello header that
		 * fills the record (or a full record) tells them apart.
		 */
		p->hs_tentative = false;
		bool hello = p->hs_type == HS_CLIENT_HELLO &&
			     (p->hs_len + 4 == p->rec_len ||
			      (p->hs_len + 4 > p->rec_len && p->rec_len == 16384));
		if (!hello) {
			become_encrypted(p, cb, ctx);
			return;
		}
		p->ccs_pending = false;
	}
	if (p->hs_len > TLS_HS_MAX) {
		if (cb->on_skipped != NULL)
			cb->on_skipped(ctx, p->hs_type, p->hs_len);
		return;
	}
	if (walking(p))
		walk_start(p);
}

/* The whole message has been read. */
static void message_end(struct tls_parser *p, const struct tls_callbacks *cb,
			void *ctx)
{
	p->hs_have = 0;
	if (!walking(p))
		return;
	if (p->walk.step != S_DONE) {
		fail(p, cb, ctx, malformed(p));
		return;
	}
	if (p->hs_type == HS_CLIENT_HELLO) {
		if (cb->on_client_hello != NULL)
			cb->on_client_hello(ctx, &p->hello.ch);
		return;
	}
	struct tls_server_hello *sh = &p->hello.sh;
	sh->version = sh->selected_version != 0 ? sh->selected_version : sh->legacy_version;
	if (sh->hello_retry)
		p->hello_retry = true;
	else if (sh->version == TLS_TLS13)
		p->tls13 = true;	/* RFC 8446 §2: the rest is encrypted */
	if (cb->on_server_hello != NULL)
		cb->on_server_hello(ctx, sh);
}

/* The body bytes of a handshake record. */
static void handshake_bytes(struct tls_parser *p, struct cursor *body,
			    const struct tls_callbacks *cb, void *ctx)
{
	while (cursor_left(body) > 0 && p->phase == PH_RUN && !p->rec_encrypted) {
		if (p->hs_have < 4) {
			if (p->hs_have == 0)
				p->hs_record_version = p->rec_version;
			p->hs_hdr[p->hs_have++] = cur_u8(body);
			if (p->hs_have < 4)
				continue;
			message_begin(p, cb, ctx);
			if (p->hs_have == 4 && p->hs_left == 0)
				message_end(p, cb, ctx);
			continue;
		}
		size_t n = cursor_left(body);
		if (n > p->hs_left)
			n = p->hs_left;
		struct cursor part = cursor_sub(body, n);
		p->hs_left -= (uint32_t)n;
		if (walking(p) && !walk_bytes(p, &part)) {
			fail(p, cb, ctx, malformed(p));
			return;
		}
		if (p->hs_left == 0)
			message_end(p, cb, ctx);
	}
}

/* ---- the record layer ------------------------------------------------ */

/*
 * A ChangeCipherSpec: in TLS 1.2 the records after it are encrypted; in
 * TLS 1.3 it is a dummy for middleboxes (RFC 8446 §D.4), sent after the
 * ServerHello or HelloRetryRequest, or by the client before its second
 * flight, which is a second ClientHello (in clear) after a
 * HelloRetryRequest and encrypted otherwise.
 */
static void change_cipher_spec(struct tls_parser *p, const struct tls_callbacks *cb,
			       void *ctx)
{
	if (p->tls13 || p->encrypted)
		become_encrypted(p, cb, ctx);
	else if (p->hello_retry)
		return;		/* the ServerHello follows in clear */
	else if (p->offered_tls13)
		p->ccs_pending = true;	/* the next record tells */
	else
		become_encrypted(p, cb, ctx);
}

/* A record header is complete (RFC 8446 §5.1). */
static void record_begin(struct tls_parser *p, const struct tls_callbacks *cb,
			 void *ctx)
{
	p->rec_type = p->hdr[0];
	p->rec_version = (uint16_t)(p->hdr[1] << 8 | p->hdr[2]);
	p->rec_len = p->rec_left = (uint16_t)(p->hdr[3] << 8 | p->hdr[4]);
	p->rec_encrypted = false;
	p->alert_have = 0;
	bool mid_message = p->hs_have > 0;
	/* RFC 8446 §5.1: handshake messages are not interleaved with other
	 * records. */
	if (mid_message && p->rec_type != TLS_CT_HANDSHAKE && p->rec_type != TLS_CT_ALERT) {
		fail(p, cb, ctx, N_("handshake message interrupted"));
		return;
	}
	switch (p->rec_type) {
	case TLS_CT_CHANGE_CIPHER_SPEC:
		change_cipher_spec(p, cb, ctx);
		p->rec_encrypted = true;	/* its one byte is not read */
		break;
	case TLS_CT_ALERT:
		/*
		 * RFC 8446 §6: a plaintext alert is two bytes (TLS 1.2 allowed
		 * several in a record before encryption).  Any other length is
		 * an encrypted alert, whose contents are unknown.
		 */
		if (p->rec_len == 0 || p->rec_len == 2 ||
		    (!p->encrypted && !p->ccs_pending && p->rec_len % 2 == 0))
			break;
		if (p->ccs_pending)
			become_encrypted(p, cb, ctx);
		alert(cb, ctx, 0, 0, true);
		p->rec_encrypted = true;
		break;
	case TLS_CT_HANDSHAKE:
		if (p->encrypted || p->tls13) {
			become_encrypted(p, cb, ctx);
		} else if (p->ccs_pending) {
			if (mid_message && p->hs_tentative)
				become_encrypted(p, cb, ctx);	/* no hello header */
			else if (!mid_message)
				p->hs_tentative = true;
		}
		break;
	case TLS_CT_APPLICATION_DATA:
		become_encrypted(p, cb, ctx);
		break;
	default:	/* heartbeat: nothing to report */
		p->rec_encrypted = true;
		break;
	}
}

static void record_body(struct tls_parser *p, struct cursor *body,
			const struct tls_callbacks *cb, void *ctx)
{
	if (p->rec_type == TLS_CT_HANDSHAKE) {
		handshake_bytes(p, body, cb, ctx);
		return;
	}
	/* TLS_CT_ALERT in clear: level and description (RFC 8446 §6). */
	while (cursor_left(body) > 0) {
		p->alert[p->alert_have++] = cur_u8(body);
		if (p->alert_have == 2) {
			p->alert_have = 0;
			alert(cb, ctx, p->alert[0], p->alert[1], false);
		}
	}
}

/* One more byte of a record header, checked as it comes so that a stream
 * that is not TLS is refused at once. */
static void header_byte(struct tls_parser *p, uint8_t b, const struct tls_callbacks *cb,
			void *ctx)
{
	p->hdr[p->hdr_have++] = b;
	switch (p->hdr_have) {
	case 1:
		if (b < TLS_CT_CHANGE_CIPHER_SPEC || b > TLS_CT_HEARTBEAT)
			fail(p, cb, ctx, (b & 0x80) ? N_("SSLv2 record") : N_("not TLS"));
		break;
	case 2:
		if (b != 3)
			fail(p, cb, ctx, N_("not TLS"));
		break;
	case 3:
		if (b > 4)
			fail(p, cb, ctx, N_("not TLS"));
		break;
	case 5:
		/* RFC 5246 §6.2.3: at most 2^14 + 2048 bytes */
		if ((p->hdr[3] << 8 | p->hdr[4]) > TLS_RECORD_MAX)
			fail(p, cb, ctx, N_("record too long"));
		break;
	default:
		break;
	}
}

void tls_parser_init(struct tls_parser *p)
{
	memset(p, 0, sizeof(*p));
	p->phase = PH_RUN;
}

void tls_parser_feed(struct tls_parser *p, const uint8_t *data, size_t len,
		     const struct tls_callbacks *cb, void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (len == 0)
		return;		/* data may be NULL */
	struct cursor c = cursor_make(data, len);
	while (cursor_left(&c) > 0 && p->phase == PH_RUN) {
		if (p->hdr_have < 5) {
			header_byte(p, cur_u8(&c), cb, ctx);
			if (p->hdr_have < 5 || p->phase != PH_RUN)
				continue;
			record_begin(p, cb, ctx);
		} else {
			size_t n = cursor_left(&c);
			if (n > p->rec_left)
				n = p->rec_left;
			struct cursor body = cursor_sub(&c, n);
			p->rec_left -= (uint16_t)n;
			if (!p->rec_encrypted)
				record_body(p, &body, cb, ctx);
		}
		if (p->hdr_have == 5 && p->rec_left == 0)
			p->hdr_have = 0;	/* the record is over */
	}
}

void tls_parser_gap(struct tls_parser *p, uint64_t len, const struct tls_callbacks *cb,
		    void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (len == 0 || p->phase != PH_RUN)
		return;
	if (p->encrypted)
		p->phase = PH_QUIET;
	else
		fail(p, cb, ctx, N_("gap"));
}

bool tls_parser_stopped(const struct tls_parser *p)
{
	return p->phase != PH_RUN;
}

bool tls_looks_like(const uint8_t *data, size_t len)
{
	if (len < 5)
		return false;
	struct cursor c = cursor_make(data, len);
	const uint8_t *h = cur_take(&c, 5);
	if (h == NULL || h[0] != TLS_CT_HANDSHAKE || h[1] != 3 || h[2] > 4)
		return false;
	uint16_t rec_len = span_be16(h, 3);
	if (rec_len < 4 || rec_len > TLS_RECORD_MAX)
		return false;
	/* The first message, where it is there, is a hello. */
	uint8_t type = cur_u8(&c);
	return c.short_read || type == HS_CLIENT_HELLO || type == HS_SERVER_HELLO;
}
