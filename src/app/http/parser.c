/*
 * parser.c - the HTTP/1.x message parser (see tcpview/app/http.h).
 *
 * It sits at the bottom of the application layer: the TCP layer's
 * reassembly hands it each direction's bytes in order, and it turns them
 * into message heads, body byte counts and message ends, for the HTTP
 * dissector above it to pair requests with responses.  It is a byte-driven
 * state machine, so a head may arrive split anywhere: no line is buffered,
 * a field value goes straight into its bounded slot of struct http_head (or
 * nowhere, for fields tcpview does not report), and list fields are read
 * element by element as they pass.  Body bytes are skipped in runs, never
 * copied.  Every input byte is read through the bounds-checked cursor.
 *
 * Where RFC 9112 lets a recipient choose, it takes the lenient reading a
 * browser or proxy takes (bare LF line ends, obsolete line folding, empty
 * lines before a request line) and rejects what would make the framing
 * ambiguous (conflicting Content-Length values, whitespace before a
 * field's colon, a bare CR), since a passive observer that guesses the
 * framing wrong narrates every later message wrong.
 */
#include "config.h"

#include <string.h>

#include "tcpview/app/http.h"
#include "tcpview/util/cursor.h"
#include "tcpview/util/nls.h"

/* The parser's steps (http_parser.state). */
enum step {
	S_START,	/* before a start line; empty lines are skipped */
	S_METHOD,
	S_TARGET,
	S_REQ_VERSION,
	S_RESP_VERSION,
	S_STATUS,
	S_REASON,
	S_LINE_START,	/* first byte of a field line, or of the empty line */
	S_NAME,
	S_VALUE,
	S_SKIP_LINE,	/* a line skipped whole (RFC 9112 §2.2) */
	S_BODY,		/* Content-Length bytes */
	S_BODY_CLOSE,	/* everything until the stream ends */
	S_CHUNK_SIZE,
	S_CHUNK_EXT,
	S_CHUNK_DATA,
	S_CHUNK_END,	/* the CRLF after a chunk's data */
	S_WAIT,
	S_SWITCHED,
	S_FAILED,
	S_ENDED,
};

/* The fields tcpview reports; everything else is F_OTHER. */
enum field {
	F_OTHER,
	F_HOST,
	F_USER_AGENT,
	F_CONTENT_LENGTH,
	F_TE,
	F_CONNECTION,
	F_UPGRADE,
	F_WS_KEY,
	F_WS_ACCEPT,
	F_CONTENT_TYPE,
};

/* With its length, so that most names are told apart without a compare:
 * every header line of every message is looked up here. */
#define KNOWN(name, field, bit) { name, sizeof(name) - 1, field, bit }
static const struct {
	const char *name;	/* lowercase: names are case-insensitive (RFC 9110 §5.1) */
	uint8_t len;
	uint8_t field;
	uint32_t bit;
} known_fields[] = {
	KNOWN("host", F_HOST, HTTP_HAVE_HOST),
	KNOWN("user-agent", F_USER_AGENT, HTTP_HAVE_USER_AGENT),
	KNOWN("content-length", F_CONTENT_LENGTH, HTTP_HAVE_CONTENT_LENGTH),
	KNOWN("transfer-encoding", F_TE, HTTP_HAVE_TRANSFER_ENCODING),
	KNOWN("connection", F_CONNECTION, HTTP_HAVE_CONNECTION),
	KNOWN("upgrade", F_UPGRADE, HTTP_HAVE_UPGRADE),
	KNOWN("sec-websocket-key", F_WS_KEY, HTTP_HAVE_WS_KEY),
	KNOWN("sec-websocket-accept", F_WS_ACCEPT, HTTP_HAVE_WS_ACCEPT),
	KNOWN("content-type", F_CONTENT_TYPE, HTTP_HAVE_CONTENT_TYPE),
};

static const struct http_callbacks no_callbacks;

/* tchar of RFC 9110 §5.6.2: the characters of methods and field names. */
#define TCHAR_ROW(c) ((c) == '!' || (c) == '#' || (c) == '$' || (c) == '%' || \
	(c) == '&' || (c) == '\'' || (c) == '*' || (c) == '+' || (c) == '-' || \
	(c) == '.' || (c) == '^' || (c) == '_' || (c) == '`' || (c) == '|' || \
	(c) == '~' || ((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'z') || \
	((c) >= 'A' && (c) <= 'Z'))
#define T4(c) TCHAR_ROW(c), TCHAR_ROW((c) + 1), TCHAR_ROW((c) + 2), TCHAR_ROW((c) + 3)
#define T16(c) T4(c), T4((c) + 4), T4((c) + 8), T4((c) + 12)
/* Every byte of every field name is looked up: a table, not a search. */
static const bool tchar[256] = {
	T16(0x00), T16(0x10), T16(0x20), T16(0x30), T16(0x40), T16(0x50), T16(0x60), T16(0x70),
};

static bool is_tchar(uint8_t b)
{
	return tchar[b];
}

/* SP and HTAB: the optional whitespace of RFC 9110 §5.6.3. */
static bool is_ws(uint8_t b)
{
	return b == ' ' || b == '\t';
}

static uint8_t to_lower(uint8_t b)
{
	return b >= 'A' && b <= 'Z' ? (uint8_t)(b - 'A' + 'a') : b;
}

static int hex_value(uint8_t b)
{
	if (b >= '0' && b <= '9')
		return b - '0';
	b = to_lower(b);
	if (b >= 'a' && b <= 'f')
		return b - 'a' + 10;
	return -1;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Appends to a bounded start-line string; past `max` only the flag says so. */
static void put_text(char *s, size_t max, uint16_t *len, bool *cut, uint8_t b)
{
	if (*len < max)
		s[(*len)++] = (char)b;
	else
		*cut = true;
}

/* The slot of struct http_head that keeps a reported field's value. */
static char *value_slot(struct http_head *h, uint8_t field, size_t *max, bool **cut)
{
	switch (field) {
	case F_HOST:
		*max = HTTP_HOST_MAX, *cut = &h->host_cut;
		return h->host;
	case F_USER_AGENT:
		*max = HTTP_USER_AGENT_MAX, *cut = &h->user_agent_cut;
		return h->user_agent;
	case F_TE:
		*max = HTTP_TE_MAX, *cut = &h->transfer_encoding_cut;
		return h->transfer_encoding;
	case F_CONNECTION:
		*max = HTTP_CONNECTION_MAX, *cut = &h->connection_cut;
		return h->connection;
	case F_UPGRADE:
		*max = HTTP_UPGRADE_MAX, *cut = &h->upgrade_cut;
		return h->upgrade;
	case F_WS_KEY:
		*max = HTTP_WS_KEY_MAX, *cut = &h->ws_key_cut;
		return h->ws_key;
	case F_WS_ACCEPT:
		*max = HTTP_WS_KEY_MAX, *cut = &h->ws_accept_cut;
		return h->ws_accept;
	case F_CONTENT_TYPE:
		*max = HTTP_CONTENT_TYPE_MAX, *cut = &h->content_type_cut;
		return h->content_type;
	default:
		return NULL;
	}
}

/* Forgets the message in progress: the next byte starts a new one. */
static void next_message(struct http_parser *p)
{
	memset(&p->head, 0, sizeof(p->head));
	memset(&p->end, 0, sizeof(p->end));
	p->head.kind = p->kind;
	p->state = S_START;
	p->cr = p->in_trailer = p->field_open = false;
	p->pause_after = p->switch_after = p->cl_set = false;
	p->head_len = p->nfields = p->line_len = 0;
	p->pos = 0;
	p->remaining = 0;
}

const struct http_head *http_parser_partial(struct http_parser *p)
{
	bool fields = p->state == S_LINE_START || p->state == S_NAME ||
		      p->state == S_VALUE || p->state == S_SKIP_LINE;
	if (!fields || p->in_trailer)
		return NULL;
	/* A value still being read is not whole: it is dropped. */
	if (p->state == S_VALUE || (p->state == S_LINE_START && p->field_open)) {
		size_t max;
		bool *cut;
		char *v = value_slot(&p->head, p->field, &max, &cut);
		if (v != NULL)
			v[0] = '\0';
	}
	return &p->head;
}

void http_parser_init(struct http_parser *p, enum http_kind kind)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	next_message(p);
}

static void fail(struct http_parser *p, const struct http_callbacks *cb, void *ctx,
		 const char *why)
{
	p->state = S_FAILED;
	if (cb->on_error != NULL)
		cb->on_error(ctx, why);
}

static void body_bytes(struct http_parser *p, const struct http_callbacks *cb,
		       void *ctx, uint64_t n, bool missing, const uint8_t *data)
{
	p->end.body_len = add_sat(p->end.body_len, n);
	if (missing)
		p->end.body_missing = add_sat(p->end.body_missing, n);
	if (cb->on_body != NULL)
		cb->on_body(ctx, n, missing, data);
}

/*
 * The message is complete: report it, then either start over (keep-alive
 * and pipelining, RFC 9112 §9.3), stop after a protocol switch, or wait
 * for the answer to a request that may switch.
 */
static void message_done(struct http_parser *p, const struct http_callbacks *cb, void *ctx)
{
	p->end.chunked = p->head.body == HTTP_BODY_CHUNKED;
	if (cb->on_end != NULL)
		cb->on_end(ctx, &p->end);
	bool sw = p->switch_after, wait = p->pause_after;
	if (sw && cb->on_switch != NULL)
		cb->on_switch(ctx, p->head.status == 101 ? p->head.upgrade : "CONNECT");
	next_message(p);
	if (sw)
		p->state = S_SWITCHED;
	else if (wait)
		p->state = S_WAIT;
}

/* Which request the response being read answers; `take` consumes it. */
static enum http_answers answered(struct http_parser *p, bool take, bool *assumed)
{
	*assumed = true;
	if (p->forgotten > 0) {
		if (take)
			p->forgotten--;
		return HTTP_ANSWERS_OTHER;
	}
	if (p->qlen == 0)
		return HTTP_ANSWERS_OTHER;
	*assumed = false;
	enum http_answers a = (enum http_answers)p->queue[p->qfirst];
	if (take) {
		p->qfirst = (uint8_t)((p->qfirst + 1) % HTTP_EXPECT_MAX);
		p->qlen--;
	}
	return a;
}

/*
 * RFC 1945 §6: the answer to a Simple-Request is the entity body alone,
 * up to the close; `b` is its first byte.
 */
static const char *simple_response(struct http_parser *p, uint8_t b,
				   const struct http_callbacks *cb, void *ctx)
{
	struct http_head *h = &p->head;
	bool assumed;
	h->answers = answered(p, true, &assumed);
	h->version_major = 0;
	h->version_minor = 9;
	h->body = HTTP_BODY_CLOSE;
	if (cb->on_head != NULL)
		cb->on_head(ctx, h);
	p->state = S_BODY_CLOSE;
	body_bytes(p, cb, ctx, 1, false, &b);
	return NULL;
}

/*
 * The header section has ended: decide how the body is delimited, by the
 * rules of RFC 9112 §6.3 in their order, report the head and go on.
 */
static const char *head_done(struct http_parser *p, const struct http_callbacks *cb,
			     void *ctx)
{
	struct http_head *h = &p->head;
	bool te = (h->present & HTTP_HAVE_TRANSFER_ENCODING) != 0;
	bool cl = (h->present & HTTP_HAVE_CONTENT_LENGTH) != 0;
	h->head_len = p->head_len;
	h->nfields = p->nfields;
	h->te_and_cl = te && cl;
	if (p->kind == HTTP_REQUESTS) {
		/* §6.3 ¶4: a request whose last coding is not chunked cannot
		 * be delimited; the server answers 400 and closes. */
		if (te && !h->chunked)
			return N_("Transfer-Encoding in a request without chunked last");
		h->body = te ? HTTP_BODY_CHUNKED : cl ? HTTP_BODY_LENGTH : HTTP_BODY_NONE;
		/* What follows a CONNECT (RFC 9110 §9.3.6) or an Upgrade
		 * offer (§7.8, ignored in HTTP/1.0) depends on the answer. */
		p->pause_after = strcmp(h->method, "CONNECT") == 0 ||
				 ((h->present & HTTP_HAVE_UPGRADE) && h->version_minor >= 1);
	} else {
		/* Interim 1xx responses precede the final one to the same
		 * request (RFC 9110 §15.2); 101 is final on this protocol. */
		bool interim = h->status < 200 && h->status != 101;
		h->answers = answered(p, !interim, &h->answers_assumed);
		bool success = h->status >= 200 && h->status < 300;
		if (h->status == 101 || (h->answers == HTTP_ANSWERS_CONNECT && success)) {
			/* §6.3 ¶2: a tunnel, HTTP ends with the head. */
			h->body = HTTP_BODY_TUNNEL;
			p->switch_after = true;
		} else if (h->status < 200 || h->status == 204 || h->status == 304 ||
			   h->answers == HTTP_ANSWERS_HEAD) {
			h->body = HTTP_BODY_NONE;	/* §6.3 ¶1 */
		} else if (te) {
			/* §6.3 ¶4: not chunked last, a response runs to the close. */
			h->body = h->chunked ? HTTP_BODY_CHUNKED : HTTP_BODY_CLOSE;
		} else {
			h->body = cl ? HTTP_BODY_LENGTH : HTTP_BODY_CLOSE; /* ¶6, ¶8 */
		}
	}
	if (cb->on_head != NULL)
		cb->on_head(ctx, h);
	switch (h->body) {
	case HTTP_BODY_LENGTH:
		if (h->content_length > 0) {
			p->remaining = h->content_length;
			p->state = S_BODY;
			break;
		}
		message_done(p, cb, ctx);
		break;
	case HTTP_BODY_CHUNKED:
		p->state = S_CHUNK_SIZE;
		p->remaining = 0;
		p->pos = 0;
		p->line_len = 0;
		break;
	case HTTP_BODY_CLOSE:
		p->state = S_BODY_CLOSE;
		break;
	default:
		message_done(p, cb, ctx);
		break;
	}
	return NULL;
}

/* Reads one Content-Length list element (RFC 9110 §8.6). */
static const char *cl_element_done(struct http_parser *p)
{
	if (p->el == 0)
		return NULL;	/* an empty list element, ignored (§5.6.1.2) */
	p->cl_element = true;
	/* §8.6: a list of identical values stands for one; different values
	 * make the framing unknowable. */
	if (p->cl_set && p->cl_value != p->head.content_length)
		return N_("conflicting Content-Length values");
	p->head.content_length = p->cl_value;
	p->cl_set = true;
	p->el = 0;
	p->cl_value = 0;
	return NULL;
}

/* Content-Length = 1*DIGIT, strictly: no sign, no hex, no space inside. */
static const char *cl_byte(struct http_parser *p, uint8_t b)
{
	if (b >= '0' && b <= '9') {
		if (p->el == 2)
			return N_("invalid Content-Length");
		p->el = 1;
		uint64_t d = (uint64_t)(b - '0');
		/* §8.6: a numeral too large must not wrap around. */
		if (p->cl_value > ((uint64_t)INT64_MAX - d) / 10)
			return N_("Content-Length too large");
		p->cl_value = p->cl_value * 10 + d;
		return NULL;
	}
	if (is_ws(b)) {
		if (p->el == 1)
			p->el = 2;
		return NULL;
	}
	if (b == ',')
		return cl_element_done(p);
	return N_("invalid Content-Length");
}

static bool tok_is(const struct http_parser *p, const char *word)
{
	size_t n = strlen(word);
	return p->tok_len == n && memcmp(p->tok, word, n) == 0;
}

/* One element of a list field has ended: what its first token means. */
static void list_element_done(struct http_parser *p)
{
	if (p->el == 0)
		return;
	switch (p->field) {
	case F_TE:
		/* The last coding decides (RFC 9112 §6.3 ¶4); codings are
		 * case-insensitive (RFC 9110 §10.1.4 and §8.4.1). */
		p->head.chunked = tok_is(p, "chunked");
		break;
	case F_CONNECTION:
		/* Connection options are case-insensitive (RFC 9110 §7.6.1). */
		if (tok_is(p, "close"))
			p->head.conn_close = true;
		else if (tok_is(p, "keep-alive"))
			p->head.conn_keep_alive = true;
		else if (tok_is(p, "upgrade"))
			p->head.conn_upgrade = true;
		break;
	case F_UPGRADE:
		p->skip_value = true;	/* only the first protocol is kept */
		break;
	default:
		break;
	}
	p->el = 0;
	p->tok_len = 0;
}

/*
 * A list field's byte (RFC 9110 §5.6.1): elements separated by commas,
 * each a token with parameters after ';' and quoted strings (§5.6.4) that
 * may hold commas.  Only the first token of each element is kept.
 */
static void list_byte(struct http_parser *p, uint8_t b)
{
	if (p->quoted) {
		if (p->escaped)
			p->escaped = false;
		else if (b == '\\')
			p->escaped = true;
		else if (b == '"')
			p->quoted = false;
		return;
	}
	if (b == ',') {
		list_element_done(p);
		return;
	}
	if (b == '"') {
		p->quoted = true;
		p->el = 2;
		return;
	}
	if (is_ws(b) || b == ';') {
		if (p->el == 1)
			p->el = 2;
		return;
	}
	if (p->el == 0) {
		p->el = 1;
		p->tok_len = 0;
	}
	if (p->el != 1)
		return;
	if (p->tok_len < sizeof(p->tok))
		p->tok[p->tok_len++] = (char)to_lower(b);
	else
		p->tok_len = 0xff;	/* longer than any token looked for */
}

/* Keeps a value byte in its slot; trailing whitespace is dropped at the end. */
static void keep_byte(struct http_parser *p, uint8_t b)
{
	size_t max;
	bool *cut;
	char *s = value_slot(&p->head, p->field, &max, &cut);
	if (s == NULL || p->skip_value || (p->vlen == 0 && is_ws(b)))
		return;
	if (p->join && !is_ws(b)) {
		/* A repeated list field joins the first (RFC 9110 §5.3). */
		p->join = false;
		keep_byte(p, ',');
		keep_byte(p, ' ');
	}
	if (p->vlen < max) {
		s[p->vlen++] = (char)b;
		if (!is_ws(b))
			p->vtrim = p->vlen;
	} else if (!is_ws(b)) {
		*cut = true;	/* whitespace past the end may yet be trailing */
	}
}

static const char *value_byte(struct http_parser *p, uint8_t b)
{
	if (p->lead && is_ws(b))
		return NULL;	/* OWS before the value (RFC 9110 §5.5) */
	p->lead = false;
	switch (p->field) {
	case F_CONTENT_LENGTH:
		return cl_byte(p, b);
	case F_UPGRADE:
		list_byte(p, b);
		if (b == ',')
			return NULL;	/* ends the first protocol, or precedes it */
		break;
	case F_TE:
	case F_CONNECTION:
		list_byte(p, b);
		break;
	default:
		break;
	}
	keep_byte(p, b);
	return NULL;
}

/* The colon has been read: which field it is, where its value goes. */
static void value_begin(struct http_parser *p)
{
	p->field = F_OTHER;
	p->field_open = true;
	p->lead = true;
	p->skip_value = p->join = false;
	p->el = 0;
	p->quoted = p->escaped = false;
	p->tok_len = 0;
	p->cl_element = false;
	p->cl_value = 0;
	if (p->in_trailer || p->name_len == 0xff)
		return;	/* trailers never change the head (RFC 9110 §6.5.1) */
	for (size_t i = 0; i < sizeof(known_fields) / sizeof(known_fields[0]); i++) {
		if (known_fields[i].len != p->name_len ||
		    memcmp(known_fields[i].name, p->name, p->name_len) != 0)
			continue;
		struct http_head *h = &p->head;
		bool again = (h->present & known_fields[i].bit) != 0;
		h->present |= known_fields[i].bit;
		p->field = known_fields[i].field;
		size_t max;
		bool *cut;
		char *s = value_slot(h, p->field, &max, &cut);
		if (s != NULL) {
			p->vlen = p->vtrim = (uint16_t)strlen(s);
			if (again && p->field != F_TE && p->field != F_CONNECTION)
				p->skip_value = true;	/* the first one is kept */
			else
				p->join = again && p->vlen > 0;
		}
		return;
	}
}

/* A field line (with its folds) has ended. */
static const char *field_done(struct http_parser *p)
{
	p->field_open = false;
	if (p->field == F_CONTENT_LENGTH) {
		const char *why = cl_element_done(p);
		if (why != NULL)
			return why;
		if (!p->cl_element)
			return N_("empty Content-Length");
	} else if (p->field == F_TE || p->field == F_CONNECTION || p->field == F_UPGRADE) {
		list_element_done(p);
	}
	size_t max;
	bool *cut;
	char *s = value_slot(&p->head, p->field, &max, &cut);
	if (s != NULL) {
		s[p->vtrim] = '\0';	/* trailing OWS off */
		p->vlen = p->vtrim;
	}
	return NULL;
}

/* The empty line: the end of a header section or of a trailer section. */
static const char *section_done(struct http_parser *p, const struct http_callbacks *cb,
				void *ctx)
{
	if (!p->in_trailer)
		return head_done(p, cb, ctx);
	p->end.trailers = p->nfields;
	message_done(p, cb, ctx);
	return NULL;
}

/* "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3), byte `pos` of it; case-sensitive. */
static const char *version_byte(struct http_parser *p, uint8_t b)
{
	static const char name[] = "HTTP/";
	if (p->pos < 5) {
		if (b != (uint8_t)name[p->pos])
			return N_("invalid HTTP version");
	} else if (p->pos == 5) {
		if (b < '0' || b > '9')
			return N_("invalid HTTP version");
		if (b != '1')
			return N_("not HTTP/1.x");
		p->head.version_major = 1;
	} else if (p->pos == 6) {
		if (b != '.')
			return N_("invalid HTTP version");
	} else {
		if (b < '0' || b > '9')
			return N_("invalid HTTP version");
		p->head.version_minor = (uint8_t)(b - '0');
	}
	p->pos++;
	return NULL;
}

static void start_line_done(struct http_parser *p)
{
	p->state = S_LINE_START;
	p->field_open = false;
}

/* The chunk-size line has ended (RFC 9112 §7.1). */
static void chunk_line_done(struct http_parser *p)
{
	if (p->remaining == 0) {
		/* last-chunk: the trailer section follows (§7.1.2). */
		p->in_trailer = true;
		p->head_len = 0;
		p->nfields = 0;
		p->field_open = false;
		p->state = S_LINE_START;
	} else {
		p->end.chunks++;
		p->state = S_CHUNK_DATA;
	}
}

/* One byte of a start line, a field line or a chunk framing line. */
static const char *line_byte(struct http_parser *p, uint8_t b, const struct http_callbacks *cb,
			     void *ctx)
{
	struct http_head *h = &p->head;
	switch (p->state) {
	case S_START:
		if (b == '\n')
			return NULL;	/* RFC 9112 §2.2: empty lines before a request */
		if (p->kind == HTTP_REQUESTS) {
			if (!is_tchar(b))
				return N_("not an HTTP request");
			p->state = S_METHOD;
			p->pos = 0;
			p->vlen = 0;
			return line_byte(p, b, cb, ctx);	/* the method's first byte */
		}
		if (p->forgotten == 0 && p->qlen > 0 &&
		    p->queue[p->qfirst] == HTTP_ANSWERS_SIMPLE)
			return simple_response(p, b, cb, ctx);
		if (b != 'H')
			return N_("not an HTTP response");
		p->state = S_RESP_VERSION;
		p->pos = 1;
		return NULL;
	case S_METHOD:
		if (b == ' ') {
			p->state = S_TARGET;
			p->vlen = 0;
			return NULL;
		}
		/* No method is near this long: it is not a request line. */
		if (!is_tchar(b) || ++p->pos > 64)
			return N_("not an HTTP request");
		put_text(h->method, HTTP_METHOD_MAX, &p->vlen, &h->method_cut, b);
		return NULL;
	case S_TARGET:
		if (b == ' ') {
			if (p->vlen == 0)
				return N_("invalid request line");
			p->state = S_REQ_VERSION;
			p->pos = 0;
			return NULL;
		}
		if (b == '\n') {
			/* RFC 1945 §4.1: "GET" SP Request-URI CRLF is an
			 * HTTP/0.9 Simple-Request, with no header section. */
			if (p->vlen == 0 || strcmp(h->method, "GET") != 0)
				return N_("request line without an HTTP version");
			h->version_major = 0;
			h->version_minor = 9;
			p->head_len = 0;
			return head_done(p, cb, ctx);
		}
		if (b < 0x21 || b == 0x7f)
			return N_("invalid request target");
		put_text(h->target, HTTP_TARGET_MAX, &p->vlen, &h->target_cut, b);
		return NULL;
	case S_REQ_VERSION:
		if (p->pos == 8) {
			if (b != '\n')
				return N_("invalid HTTP version");
			start_line_done(p);
			return NULL;
		}
		return version_byte(p, b);
	case S_RESP_VERSION:
		if (p->pos < 5 && b != (uint8_t)"HTTP/"[p->pos])
			return N_("not an HTTP response");
		if (p->pos == 8) {
			/* §4: the SP after the version is required. */
			if (b != ' ')
				return N_("invalid status line");
			p->state = S_STATUS;
			p->pos = 0;
			return NULL;
		}
		return version_byte(p, b);
	case S_STATUS:
		if (p->pos < 3) {
			if (b < '0' || b > '9')
				return N_("invalid status code");
			h->status = (uint16_t)(h->status * 10 + (b - '0'));
			if (++p->pos == 3 && h->status < 100)
				return N_("invalid status code");
			return NULL;
		}
		/* The SP before an empty reason is often left out: accept. */
		if (b == '\n') {
			start_line_done(p);
			return NULL;
		}
		if (b != ' ')
			return N_("invalid status code");
		p->state = S_REASON;
		p->vlen = 0;
		return NULL;
	case S_REASON:
		if (b == '\n') {
			start_line_done(p);
			return NULL;
		}
		/* reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ) */
		if ((b < 0x20 && b != '\t') || b == 0x7f)
			return N_("invalid reason phrase");
		put_text(h->reason, HTTP_REASON_MAX, &p->vlen, &h->reason_cut, b);
		return NULL;
	case S_LINE_START:
		if (is_ws(b)) {
			if (!p->field_open) {
				/* Whitespace before the first field: §2.2 lets a
				 * recipient skip such a line whole. */
				p->state = S_SKIP_LINE;
				return NULL;
			}
			/* obs-fold (§5.2): the line continues the value, the
			 * fold read as one SP. */
			p->state = S_VALUE;
			if (!p->lead)
				(void)value_byte(p, ' ');
			p->lead = true;
			return NULL;
		}
		if (p->field_open) {
			const char *why = field_done(p);
			if (why != NULL)
				return why;
		}
		if (b == '\n')
			return section_done(p, cb, ctx);
		if (++p->nfields > HTTP_FIELDS_MAX)
			return p->in_trailer ? "trailer section too long"
					     : "header section too long";
		if (!is_tchar(b))
			return N_("invalid header field name");
		p->state = S_NAME;
		p->name_len = 0;
		return line_byte(p, b, cb, ctx);	/* the name's first byte */
	case S_NAME:
		if (b == ':') {
			value_begin(p);
			p->state = S_VALUE;
			return NULL;
		}
		if (b == '\n')
			return N_("header field without a colon");
		/* §5.1: whitespace between name and colon must be rejected,
		 * it has been used to smuggle fields past proxies. */
		if (is_ws(b))
			return N_("whitespace before the colon of a header field");
		if (!is_tchar(b))
			return N_("invalid header field name");
		if (p->name_len < sizeof(p->name))
			p->name[p->name_len++] = (char)to_lower(b);
		else
			p->name_len = 0xff;	/* longer than any name looked for */
		return NULL;
	case S_VALUE:
		if (b == '\n') {
			p->state = S_LINE_START; /* the field may yet be folded */
			return NULL;
		}
		/* RFC 9110 §5.5: NUL in a value is dangerous; reject it. */
		if (b == 0)
			return N_("NUL in a header field value");
		return value_byte(p, b);
	case S_SKIP_LINE:
		if (b == '\n')
			p->state = S_LINE_START;
		return NULL;
	case S_CHUNK_SIZE: {
		int d = hex_value(b);
		if (d >= 0) {
			/* Up to 2^63 - 1: the next digit must not overflow. */
			if (p->remaining >> 59 != 0)
				return N_("chunk size too large");
			p->remaining = p->remaining << 4 | (uint64_t)d;
			p->pos = 1;
			return NULL;
		}
		if (p->pos == 0)
			return N_("invalid chunk size");
		if (b == '\n') {
			chunk_line_done(p);
			return NULL;
		}
		/* chunk-ext (§7.1.1), after optional whitespace: ignored. */
		if (b == ';' || is_ws(b)) {
			p->state = S_CHUNK_EXT;
			return NULL;
		}
		return N_("invalid chunk size");
	}
	case S_CHUNK_EXT:
		if (b == '\n') {
			chunk_line_done(p);
			return NULL;
		}
		if ((b < 0x20 && b != '\t') || b == 0x7f)
			return N_("invalid chunk extension");
		return NULL;
	case S_CHUNK_END:
		if (b != '\n')
			return N_("chunk data not followed by CRLF");
		p->state = S_CHUNK_SIZE;
		p->remaining = 0;
		p->pos = 0;
		p->line_len = 0;
		return NULL;
	default:
		return NULL;
	}
}

/*
 * How many bytes from here on step_byte would read one at a time with no
 * other effect than keeping them: 0 when the next byte needs it.  A run
 * stops at the head's bound, so that going past it is still found byte by
 * byte.
 */
static size_t run_length(const struct http_parser *p, const struct cursor *c)
{
	size_t n = 0, left = cursor_left(c);
	if (p->state == S_TARGET) {
		/* request-target: VCHARs up to the SP (RFC 9112 §3.2). */
		while (n < left && c->p[n] > 0x20 && c->p[n] < 0x7f)
			n++;
	} else if (p->state == S_NAME) {
		/* field-name = token, up to the colon (RFC 9110 §5.1). */
		while (n < left && is_tchar(c->p[n]))
			n++;
	} else if (p->state == S_REASON) {
		/* reason-phrase: HTAB, SP, VCHAR, obs-text (RFC 9112 §4). */
		while (n < left && (c->p[n] >= 0x20 || c->p[n] == '\t') && c->p[n] != 0x7f)
			n++;
	} else if (p->state == S_SKIP_LINE || p->field == F_OTHER ||
		   (p->field != F_CONTENT_LENGTH && p->field != F_TE &&
		    p->field != F_CONNECTION && p->field != F_UPGRADE && !p->join)) {
		n = cursor_until3(c, '\r', '\n', 0);
	} else {
		return 0;	/* list fields and Content-Length: byte by byte */
	}
	size_t room = HTTP_HEAD_MAX - p->head_len;
	return n < room ? n : room;
}

/*
 * A run of a kept single value (Host, User-Agent, Content-Type, the
 * WebSocket keys), as keep_byte() would keep it byte by byte: leading
 * whitespace skipped, the bytes copied up to the slot's bound, vtrim after
 * the last non-whitespace byte, cut when more than whitespace is left over.
 */
static void keep_run(struct http_parser *p, const uint8_t *b, size_t n)
{
	size_t i = 0;
	if (p->lead) {
		while (i < n && is_ws(b[i]))
			i++;
		if (i == n)
			return;
		p->lead = false;
	}
	size_t max;
	bool *cut;
	char *s = value_slot(&p->head, p->field, &max, &cut);
	if (s == NULL || p->skip_value)
		return;
	if (p->vlen == 0)
		while (i < n && is_ws(b[i]))
			i++;
	size_t room = max - p->vlen, k = n - i < room ? n - i : room;
	memcpy(s + p->vlen, b + i, k);
	for (size_t j = k; j > 0; j--)
		if (!is_ws(b[i + j - 1])) {
			p->vtrim = (uint16_t)(p->vlen + j);
			break;
		}
	p->vlen = (uint16_t)(p->vlen + k);
	for (size_t j = i + k; j < n; j++)
		if (!is_ws(b[j])) {
			*cut = true;
			break;
		}
}

/* Keeps a run run_length() allowed, as step_byte would byte by byte. */
static void take_run(struct http_parser *p, const uint8_t *b, size_t n)
{
	p->head_len += (uint32_t)n;
	if (b == NULL)
		return;
	if (p->state == S_TARGET) {
		struct http_head *h = &p->head;
		size_t room = HTTP_TARGET_MAX - p->vlen;
		size_t k = n < room ? n : room;
		memcpy(h->target + p->vlen, b, k);
		p->vlen = (uint16_t)(p->vlen + k);
		if (k < n)
			h->target_cut = true;
		return;
	}
	if (p->state == S_NAME) {
		for (size_t i = 0; i < n; i++) {
			if (p->name_len < sizeof(p->name))
				p->name[p->name_len++] = (char)to_lower(b[i]);
			else
				p->name_len = 0xff;	/* longer than any name looked for */
		}
		return;
	}
	if (p->state == S_REASON) {
		for (size_t i = 0; i < n; i++)
			put_text(p->head.reason, HTTP_REASON_MAX, &p->vlen, &p->head.reason_cut, b[i]);
		return;
	}
	if (p->state == S_SKIP_LINE || p->field == F_OTHER) {
		p->lead = false;
		return;
	}
	keep_run(p, b, n);
}

/* Counts a line byte against the bounds, and handles CR: a line ends with
 * CRLF or a bare LF (RFC 9112 §2.2), a bare CR is invalid. */
static const char *step_byte(struct http_parser *p, uint8_t b, const struct http_callbacks *cb,
			     void *ctx)
{
	if (p->state == S_CHUNK_SIZE || p->state == S_CHUNK_EXT || p->state == S_CHUNK_END) {
		if (++p->line_len > HTTP_CHUNK_LINE_MAX)
			return N_("chunk-size line too long");
	} else if (++p->head_len > HTTP_HEAD_MAX) {
		return p->in_trailer ? N_("trailer section too long") : N_("header section too long");
	}
	if (p->cr) {
		p->cr = false;
		if (b != '\n')
			return N_("CR not followed by LF");
	} else if (b == '\r') {
		p->cr = true;
		return NULL;
	}
	return line_byte(p, b, cb, ctx);
}

static bool is_digit(uint8_t b)
{
	return b >= '0' && b <= '9';
}

/*
 * The usual start-line pieces in one step, when the segment holds them
 * whole: "HTTP/1.x" CRLF ending a request line, "TTP/1.x " after a
 * status line's 'H', "ddd " before a reason.  What they set is what
 * version_byte() and line_byte() set byte by byte; anything else (another
 * version, a bare LF, a split) is left to them.  Returns the bytes taken.
 */
static size_t start_line_run(struct http_parser *p, struct cursor *c)
{
	size_t left = cursor_left(c), n = 0;
	const uint8_t *b = c->p;
	if (p->head_len + 10 > HTTP_HEAD_MAX)
		return 0;	/* near the bound: byte by byte finds it */
	if (p->state == S_REQ_VERSION && p->pos == 0 && left >= 10 &&
	    memcmp(b, "HTTP/1.", 7) == 0 && is_digit(b[7]) && b[8] == '\r' && b[9] == '\n') {
		p->head.version_major = 1;
		p->head.version_minor = (uint8_t)(b[7] - '0');
		start_line_done(p);
		n = 10;
	} else if (p->state == S_RESP_VERSION && p->pos == 1 && left >= 8 &&
		   memcmp(b, "TTP/1.", 6) == 0 && is_digit(b[6]) && b[7] == ' ') {
		p->head.version_major = 1;
		p->head.version_minor = (uint8_t)(b[6] - '0');
		p->state = S_STATUS;
		p->pos = 0;
		n = 8;
	} else if (p->state == S_STATUS && p->pos == 0 && left >= 4 && b[0] >= '1' &&
		   b[0] <= '9' && is_digit(b[1]) && is_digit(b[2]) && b[3] == ' ') {
		p->head.status = (uint16_t)((b[0] - '0') * 100 + (b[1] - '0') * 10 + (b[2] - '0'));
		p->pos = 3;
		p->state = S_REASON;
		p->vlen = 0;
		n = 4;
	}
	if (n == 0)
		return 0;
	p->head_len += (uint32_t)n;
	cursor_skip(c, n);
	return n;
}

size_t http_parser_feed(struct http_parser *p, const uint8_t *data, size_t len,
			const struct http_callbacks *cb, void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (len == 0)
		return 0;
	struct cursor c = cursor_make(data, len);
	while (cursor_left(&c) > 0) {
		size_t n;
		switch (p->state) {
		case S_BODY:
		case S_CHUNK_DATA:
			n = cursor_left(&c) < p->remaining ? cursor_left(&c) : (size_t)p->remaining;
			p->remaining -= n;
			body_bytes(p, cb, ctx, n, false, cur_take(&c, n));
			if (p->remaining > 0)
				break;
			if (p->state == S_BODY) {
				message_done(p, cb, ctx);
			} else {
				p->state = S_CHUNK_END;
				p->line_len = 0;
			}
			break;
		case S_BODY_CLOSE:
			n = cursor_left(&c);
			body_bytes(p, cb, ctx, n, false, cur_take(&c, n));
			break;
		case S_WAIT:
		case S_SWITCHED:
		case S_FAILED:
		case S_ENDED:
			return len - cursor_left(&c);
		case S_REQ_VERSION:
		case S_RESP_VERSION:
		case S_STATUS:
			/* A whole version (and status code) at once when the
			 * segment holds it, as version_byte() would read it. */
			if (!p->cr && (n = start_line_run(p, &c)) > 0)
				break;
			goto one_byte;
		case S_VALUE:
		case S_SKIP_LINE:
		case S_TARGET:
		case S_NAME:
		case S_REASON:
			/* A line's CRLF at once: after a value or a skipped
			 * line it only starts the next line. */
			if (!p->cr && (p->state == S_VALUE || p->state == S_SKIP_LINE) &&
			    cursor_left(&c) >= 2 && c.p[0] == '\r' && c.p[1] == '\n' &&
			    p->head_len + 2 <= HTTP_HEAD_MAX) {
				p->head_len += 2;
				p->state = S_LINE_START;
				cursor_skip(&c, 2);
				break;
			}
			/* Runs of bytes up to the line's end (or the target's)
			 * at once: the value of a field, a line skipped, the
			 * request target.  The per-byte rules (CR, NUL, the
			 * head's bound, what ends the run) stay with step_byte,
			 * which reads the byte that ends the run. */
			if (!p->cr && (n = run_length(p, &c)) > 0) {
				take_run(p, cur_take(&c, n), n);
				break;
			}
			/* fall through */
		default:
		one_byte: {
			const char *why = step_byte(p, cur_u8(&c), cb, ctx);
			if (why != NULL) {
				fail(p, cb, ctx, why);
				return len - cursor_left(&c) - 1;
			}
			break;
		}
		}
	}
	return len - cursor_left(&c);
}

void http_parser_gap(struct http_parser *p, uint64_t len, const struct http_callbacks *cb,
		     void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	if (len == 0)
		return;
	uint64_t n;
	switch (p->state) {
	case S_BODY:
	case S_CHUNK_DATA:
		/* The length is known: the lost bytes are body (RFC 9112 §6.2,
		 * §7.1), and the framing after them is where it was. */
		n = len < p->remaining ? len : p->remaining;
		p->remaining -= n;
		len -= n;
		body_bytes(p, cb, ctx, n, true, NULL);
		if (p->remaining > 0)
			return;
		if (p->state == S_CHUNK_DATA) {
			p->state = S_CHUNK_END;
			p->line_len = 0;
			if (len > 0)
				fail(p, cb, ctx, N_("gap in the chunked framing"));
			return;
		}
		message_done(p, cb, ctx);
		if (len > 0 && p->state == S_START)
			fail(p, cb, ctx, N_("gap in the message head"));
		return;
	case S_BODY_CLOSE:
		body_bytes(p, cb, ctx, len, true, NULL);
		return;
	case S_CHUNK_SIZE:
	case S_CHUNK_EXT:
	case S_CHUNK_END:
		fail(p, cb, ctx, N_("gap in the chunked framing"));
		return;
	case S_WAIT:
	case S_SWITCHED:
	case S_FAILED:
	case S_ENDED:
		return;
	default:
		/* A head, or the start of one: without it nothing tells where
		 * the next message begins. */
		fail(p, cb, ctx, p->in_trailer ? "gap in the chunked framing"
					       : "gap in the message head");
		return;
	}
}

void http_parser_eof(struct http_parser *p, const struct http_callbacks *cb, void *ctx)
{
	if (cb == NULL)
		cb = &no_callbacks;
	switch (p->state) {
	case S_START:
		break;	/* between messages (empty lines at most) */
	case S_BODY_CLOSE:
		/* RFC 9112 §6.3 ¶8: the close delimits the body. */
		p->end.until_close = true;
		p->end.chunked = false;
		if (cb->on_end != NULL)
			cb->on_end(ctx, &p->end);
		break;
	case S_BODY:
	case S_CHUNK_SIZE:
	case S_CHUNK_EXT:
	case S_CHUNK_DATA:
	case S_CHUNK_END:
		p->end.incomplete = true;
		p->end.chunked = p->head.body == HTTP_BODY_CHUNKED;
		if (cb->on_end != NULL)
			cb->on_end(ctx, &p->end);
		break;
	case S_WAIT:
	case S_SWITCHED:
	case S_FAILED:
	case S_ENDED:
		return;
	default:
		if (p->in_trailer) {
			p->end.incomplete = true;
			p->end.chunked = true;
			p->end.trailers = p->nfields;
			if (cb->on_end != NULL)
				cb->on_end(ctx, &p->end);
			break;
		}
		fail(p, cb, ctx, N_("stream ended inside a message head"));
		return;
	}
	p->state = S_ENDED;
}

static void expect(struct http_parser *p, uint8_t a);

void http_parser_expect_simple(struct http_parser *p)
{
	if (p->kind == HTTP_RESPONSES)
		expect(p, HTTP_ANSWERS_SIMPLE);
}

void http_parser_expect(struct http_parser *p, const char *method)
{
	if (p->kind != HTTP_RESPONSES)
		return;
	uint8_t a = HTTP_ANSWERS_OTHER;
	if (method != NULL && strcmp(method, "HEAD") == 0)
		a = HTTP_ANSWERS_HEAD;
	else if (method != NULL && strcmp(method, "CONNECT") == 0)
		a = HTTP_ANSWERS_CONNECT;
	expect(p, a);
}

static void expect(struct http_parser *p, uint8_t a)
{
	if (p->qlen == HTTP_EXPECT_MAX) {
		p->qfirst = (uint8_t)((p->qfirst + 1) % HTTP_EXPECT_MAX);
		p->qlen--;
		p->forgotten++;
		p->dropped++;
	}
	p->queue[(p->qfirst + p->qlen) % HTTP_EXPECT_MAX] = a;
	p->qlen++;
}

uint64_t http_parser_pending(const struct http_parser *p)
{
	return p->forgotten + p->qlen;
}

uint64_t http_parser_dropped(const struct http_parser *p)
{
	return p->dropped;
}

enum http_state http_parser_state(const struct http_parser *p)
{
	switch (p->state) {
	case S_WAIT:
		return HTTP_WAITING;
	case S_SWITCHED:
		return HTTP_SWITCHED;
	case S_FAILED:
		return HTTP_FAILED;
	case S_ENDED:
		return HTTP_ENDED;
	default:
		return HTTP_PARSING;
	}
}

void http_parser_resume(struct http_parser *p)
{
	if (p->state == S_WAIT)
		p->state = S_START;
}

void http_parser_resync(struct http_parser *p)
{
	next_message(p);
}
