/*
 * check_jsonw.c - unit tests of util/jsonw.h, the streaming JSON writer of
 * the per-packet events.
 *
 * jsonw.h promises the text cJSON's unformatted printer gives for the same
 * members, so every document built here is compared with its exact
 * expected text, parsed with cJSON (it must be valid JSON) and printed
 * back with cJSON_PrintUnformatted() (it must come back unchanged).  String
 * escaping is compared with cJSON's own output for the same bytes.  A
 * writer given too small a buffer sets `overflow`, keeps a NUL-terminated
 * prefix, and never writes past the room it was given (guard bytes follow
 * that room).
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tcpview/util/jsonw.h"
#include "check_main.h"

#define GUARD 0xa5
#define GUARD_LEN 16

/*
 * Checks that `text` is valid JSON and that cJSON prints it back exactly:
 * the writer's output is what cJSON_PrintUnformatted() gives.
 */
static void assert_cjson_roundtrip(const char *text)
{
	cJSON *doc = cJSON_Parse(text);
	ck_assert_msg(doc != NULL, "cJSON must parse the writer's output: %s", text);
	char *back = cJSON_PrintUnformatted(doc);
	ck_assert_msg(back != NULL && strcmp(back, text) == 0,
		      "cJSON prints the parsed document back as %s, the writer gave %s",
		      back ? back : "(null)", text);
	cJSON_free(back);
	cJSON_Delete(doc);
}

/* ---- documents ---- */

/*
 * One object with every kind of value the writer has: a number, escaped
 * and plain strings, booleans, raw (preformatted) number text, an array and
 * a nested object; keys after a nested value get their comma.
 */
START_TEST(object_with_every_value)
{
	char buf[256];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_object_begin(&w);
	jsonw_key(&w, "frame");
	jsonw_u64(&w, 42);
	jsonw_key(&w, "dir");
	jsonw_plain(&w, "c2s", 3);
	jsonw_key(&w, "quote");
	jsonw_cstring(&w, "GET / HTTP/1.1");
	jsonw_key(&w, "syn");
	jsonw_bool(&w, true);
	jsonw_key(&w, "fin");
	jsonw_bool(&w, false);
	jsonw_key(&w, "rtt");
	jsonw_raw(&w, "0.000107", 8);
	jsonw_key(&w, "labels");
	jsonw_array_begin(&w);
	jsonw_plain(&w, "syn", 3);
	jsonw_plain(&w, "window_update", 13);
	jsonw_array_end(&w);
	jsonw_key(&w, "peer");
	jsonw_object_begin(&w);
	jsonw_key(&w, "port");
	jsonw_u64(&w, 8080);
	jsonw_key(&w, "seq");
	jsonw_u64(&w, 0);
	jsonw_object_end(&w);
	jsonw_key(&w, "last");
	jsonw_u64(&w, 1);
	jsonw_object_end(&w);

	static const char want[] =
		"{\"frame\":42,\"dir\":\"c2s\",\"quote\":\"GET / HTTP/1.1\",\"syn\":true,"
		"\"fin\":false,\"rtt\":0.000107,\"labels\":[\"syn\",\"window_update\"],"
		"\"peer\":{\"port\":8080,\"seq\":0},\"last\":1}";
	ck_assert_msg(!w.overflow, "256 bytes are enough: no overflow");
	ck_assert_msg(strcmp(buf, want) == 0, "expected\n%s\ngot\n%s", want, buf);
	ck_assert_msg(w.len == strlen(want), "len should be %zu, got %zu", strlen(want), w.len);
	ck_assert_msg(w.depth == 0, "back at depth 0 after the last close, got %d", w.depth);
	assert_cjson_roundtrip(buf);
}
END_TEST

/* A top-level array of objects and of arrays: commas between elements only. */
START_TEST(arrays_of_values)
{
	char buf[256];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_array_begin(&w);
	for (uint64_t i = 1; i <= 3; i++) {
		jsonw_object_begin(&w);
		jsonw_key(&w, "id");
		jsonw_u64(&w, i);
		jsonw_key(&w, "frames");
		jsonw_array_begin(&w);
		for (uint64_t f = 0; f < i; f++)
			jsonw_u64(&w, 10 * i + f);
		jsonw_array_end(&w);
		jsonw_object_end(&w);
	}
	jsonw_array_begin(&w);
	jsonw_array_begin(&w);
	jsonw_array_end(&w);
	jsonw_bool(&w, false);
	jsonw_array_end(&w);
	jsonw_array_end(&w);

	static const char want[] =
		"[{\"id\":1,\"frames\":[10]},{\"id\":2,\"frames\":[20,21]},"
		"{\"id\":3,\"frames\":[30,31,32]},[[],false]]";
	ck_assert_msg(!w.overflow && strcmp(buf, want) == 0, "expected\n%s\ngot\n%s", want, buf);
	assert_cjson_roundtrip(buf);
}
END_TEST

START_TEST(empty_containers)
{
	char buf[64];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_object_begin(&w);
	jsonw_object_end(&w);
	ck_assert_msg(strcmp(buf, "{}") == 0, "an empty object is {}, got %s", buf);

	jsonw_init(&w, buf, sizeof(buf));
	jsonw_object_begin(&w);
	jsonw_key(&w, "o");
	jsonw_object_begin(&w);
	jsonw_object_end(&w);
	jsonw_key(&w, "a");
	jsonw_array_begin(&w);
	jsonw_array_end(&w);
	jsonw_key(&w, "s");
	jsonw_cstring(&w, "");
	jsonw_object_end(&w);
	ck_assert_msg(!w.overflow && strcmp(buf, "{\"o\":{},\"a\":[],\"s\":\"\"}") == 0,
		      "expected {\"o\":{},\"a\":[],\"s\":\"\"}, got %s", buf);
	assert_cjson_roundtrip(buf);
}
END_TEST

/* Numbers: every digit of a 64-bit value, exactly (cJSON keeps a double). */
START_TEST(u64_extremes)
{
	char buf[128];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_array_begin(&w);
	jsonw_u64(&w, 0);
	jsonw_u64(&w, 4294967295u);
	jsonw_u64(&w, 4294967296u);
	jsonw_u64(&w, UINT64_MAX);
	jsonw_array_end(&w);
	static const char want[] = "[0,4294967295,4294967296,18446744073709551615]";
	ck_assert_msg(!w.overflow && strcmp(buf, want) == 0, "expected %s, got %s", want, buf);
	cJSON *doc = cJSON_Parse(buf);
	ck_assert_msg(doc != NULL && cJSON_GetArraySize(doc) == 4, "cJSON parses 4 numbers");
	ck_assert_msg(cJSON_GetArrayItem(doc, 2)->valuedouble == 4294967296.0,
		      "the third number reads as 2^32");
	cJSON_Delete(doc);
}
END_TEST

/*
 * jsonw.h: "Nesting is tracked to 8 levels": eight containers nested in one
 * another write valid JSON; a ninth sets `overflow` instead of writing a
 * document with wrong commas.
 */
START_TEST(nesting_limit)
{
	char buf[128];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	for (int i = 0; i < JSONW_MAX_DEPTH; i++) {
		jsonw_array_begin(&w);
		jsonw_u64(&w, (uint64_t)i);
	}
	for (int i = 0; i < JSONW_MAX_DEPTH; i++)
		jsonw_array_end(&w);
	static const char want[] = "[0,[1,[2,[3,[4,[5,[6,[7]]]]]]]]";
	ck_assert_msg(JSONW_MAX_DEPTH == 8, "this test is written for 8 levels");
	ck_assert_msg(!w.overflow && strcmp(buf, want) == 0, "8 nested arrays: expected %s, got %s",
		      want, buf);
	assert_cjson_roundtrip(buf);

	jsonw_init(&w, buf, sizeof(buf));
	for (int i = 0; i < JSONW_MAX_DEPTH; i++)
		jsonw_array_begin(&w);
	ck_assert_msg(!w.overflow, "%d nested arrays: no overflow", JSONW_MAX_DEPTH);
	jsonw_array_begin(&w);
	ck_assert_msg(w.overflow, "%d nested arrays: overflow", JSONW_MAX_DEPTH + 1);
	jsonw_array_begin(&w);
	ck_assert_msg(w.depth <= JSONW_MAX_DEPTH, "depth stays inside need_comma[], got %d", w.depth);
}
END_TEST

/* ---- string escapes ---- */

/*
 * jsonw_cstring(s) must write exactly what cJSON_PrintUnformatted() gives
 * for a cJSON string holding s.
 */
static void assert_escaped_like_cjson(const char *s, const char *what)
{
	char buf[1024];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_cstring(&w, s);
	cJSON *str = cJSON_CreateString(s);
	char *want = cJSON_PrintUnformatted(str);
	ck_assert_msg(want != NULL, "cJSON prints %s", what);
	ck_assert_msg(!w.overflow && strcmp(buf, want) == 0,
		      "%s: cJSON writes %s, jsonw wrote %s", what, want, buf);
	cJSON_free(want);
	cJSON_Delete(str);
	/* And the text parses back to the same bytes. */
	cJSON *back = cJSON_Parse(buf);
	ck_assert_msg(back != NULL && cJSON_IsString(back) && strcmp(back->valuestring, s) == 0,
		      "%s: %s should parse back to the original bytes", what, buf);
	cJSON_Delete(back);
}

START_TEST(escapes_match_cjson)
{
	assert_escaped_like_cjson("plain text", "plain ASCII");
	assert_escaped_like_cjson("say \"hi\"", "double quotes");
	assert_escaped_like_cjson("C:\\path\\file", "backslashes");
	assert_escaped_like_cjson("\"\\\"", "quote, backslash, quote");
	assert_escaped_like_cjson("a/b", "a slash (not escaped by cJSON)");
	assert_escaped_like_cjson("\b\f\n\r\t", "the five short escapes");
	assert_escaped_like_cjson("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "an HTTP request head");
	assert_escaped_like_cjson("\x7f", "DEL (0x7f, not a control character in JSON)");
	/* Non-ASCII UTF-8 passes through as bytes: é, €, U+1F600. */
	assert_escaped_like_cjson("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80", "UTF-8");
}
END_TEST

/* Bytes that are not UTF-8 (RFC 3629) become \ufffd, one for each byte
 * that starts no valid sequence: cJSON would copy them and make the text
 * invalid JSON (RFC 8259 §8.1). */
static void assert_string(const char *in, const char *want)
{
	char buf[256];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_cstring(&w, in);
	ck_assert(!w.overflow);
	ck_assert_str_eq(buf, want);
}

START_TEST(invalid_utf8_replaced)
{
	/* Bytes whose high bit is set next to '"' (0x22) and '\\' (0x5c) and
	 * the control range: 0xa2, 0xdc, 0x80, 0x9f, 0xa0. */
	assert_string("\xa2\xdc\x80\x9f\xa0\xff\xfe abcdefgh",	/* 0xdc 0x80 is U+0700 */
		      "\"\\ufffd\xdc\x80\\ufffd\\ufffd\\ufffd\\ufffd abcdefgh\"");
	assert_string("caf\xe9 au lait", "\"caf\\ufffd au lait\"");	/* Latin-1 */
	assert_string("cut \xe2\x82", "\"cut \\ufffd\\ufffd\"");	/* a cut character */
	assert_string("\xc0\xaf", "\"\\ufffd\\ufffd\"");		/* overlong '/' */
	assert_string("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");	/* a surrogate */
	assert_string("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");	/* > U+10FFFF */
	/* Valid sequences stay as they are, at any offset of the fast scan. */
	assert_string("abcdefg\xe2\x86\x92 \xc3\x97 \xf0\x9f\x98\x80",
		      "\"abcdefg\xe2\x86\x92 \xc3\x97 \xf0\x9f\x98\x80\"");
}
END_TEST

/* Each control character 0x01..0x1f alone and in the middle of a string. */
START_TEST(every_control_character)
{
	for (int c = 1; c < 0x20; c++) {
		char s[8] = { (char)c, 0 };
		char what[32];
		snprintf(what, sizeof(what), "byte 0x%02x", c);
		assert_escaped_like_cjson(s, what);
		char t[32];
		snprintf(t, sizeof(t), "abcdefghij%cklmnopqrst", c);
		snprintf(what, sizeof(what), "byte 0x%02x inside", c);
		assert_escaped_like_cjson(t, what);
	}
}
END_TEST

/*
 * The writer scans eight bytes at a time while none needs escaping: a
 * character that needs it must be found at every offset of a long string,
 * in the first block, the last block, and the bytes after the last block.
 */
START_TEST(escape_at_every_offset)
{
	static const char special[] = { '"', '\\', '\n', '\x01', '\x1f', '\t' };
	for (size_t k = 0; k < sizeof(special); k++) {
		for (size_t len = 1; len <= 40; len++) {
			for (size_t at = 0; at < len; at++) {
				char s[48], what[64];
				memset(s, 'a' + (int)(at % 26), len);
				s[len] = '\0';
				s[at] = special[k];
				snprintf(what, sizeof(what), "byte 0x%02x at %zu of %zu",
					 (unsigned char)special[k], at, len);
				assert_escaped_like_cjson(s, what);
			}
		}
	}
}
END_TEST

/* jsonw_string() takes n bytes, not up to a NUL: a piece of a larger text. */
START_TEST(string_with_length)
{
	char buf[64];
	struct jsonw w;
	jsonw_init(&w, buf, sizeof(buf));
	jsonw_array_begin(&w);
	jsonw_string(&w, "HTTP/1.1 200 OK\r\nDate", 17);	/* the status line and its CRLF */
	jsonw_string(&w, "abc", 0);
	jsonw_array_end(&w);
	static const char want[] = "[\"HTTP/1.1 200 OK\\r\\n\",\"\"]";
	ck_assert_msg(!w.overflow && strcmp(buf, want) == 0, "expected %s, got %s", want, buf);
	assert_cjson_roundtrip(buf);
}
END_TEST

/* ---- overflow ---- */

/* The event the overflow tests write, whole. */
static void write_event(struct jsonw *w)
{
	jsonw_object_begin(w);
	jsonw_key(w, "frame");
	jsonw_u64(w, 1557898649);
	jsonw_key(w, "quote");
	jsonw_cstring(w, "GET /\t\"x\"\\ HTTP/1.1\r\n");
	jsonw_key(w, "labels");
	jsonw_array_begin(w);
	jsonw_plain(w, "data", 4);
	jsonw_bool(w, true);
	jsonw_raw(w, "1.5", 3);
	jsonw_array_end(w);
	jsonw_key(w, "peer");
	jsonw_object_begin(w);
	jsonw_key(w, "port");
	jsonw_u64(w, 65535);
	jsonw_object_end(w);
	jsonw_object_end(w);
}

/*
 * For every buffer size from 0 up to well past the event's length: nothing
 * is written past the room given, the `len` bytes written are a prefix of
 * the whole event followed by a NUL, and `overflow` is set whenever the
 * event did not fit (and the whole event is there whenever it is not set).
 */
START_TEST(overflow_never_writes_past_cap)
{
	char full[512];
	struct jsonw w;
	jsonw_init(&w, full, sizeof(full));
	write_event(&w);
	ck_assert_msg(!w.overflow, "512 bytes hold the event");
	assert_cjson_roundtrip(full);
	size_t flen = strlen(full);

	for (size_t cap = 0; cap <= flen + 64; cap++) {
		unsigned char region[512 + GUARD_LEN];
		memset(region, GUARD, sizeof(region));
		jsonw_init(&w, (char *)region, cap);
		write_event(&w);
		for (size_t i = cap; i < cap + GUARD_LEN; i++)
			ck_assert_msg(region[i] == GUARD, "cap %zu: byte %zu past the buffer was written",
				      cap, i);
		if (cap == 0)
			continue;
		const char *got = (const char *)region;
		ck_assert_msg(w.len < cap, "cap %zu: len %zu must stay below cap", cap, w.len);
		ck_assert_msg(memcmp(got, full, w.len) == 0, "cap %zu: the %zu bytes written are not "
			      "a prefix of %s", cap, w.len, full);
		if (w.len > 0)
			ck_assert_msg(got[w.len] == '\0', "cap %zu: the %zu bytes written are followed "
				      "by a NUL", cap, w.len);
		if (cap <= flen)
			ck_assert_msg(w.overflow, "cap %zu: %zu bytes plus a NUL cannot fit, overflow "
				      "expected", cap, flen);
		if (!w.overflow)
			ck_assert_msg(strcmp(got, full) == 0, "cap %zu: no overflow, so the whole "
				      "event is expected, got %s", cap, got);
	}
	/* With enough room (the event plus the writer's reserve), no overflow. */
	unsigned char region[512 + GUARD_LEN];
	jsonw_init(&w, (char *)region, flen + 64);
	write_event(&w);
	ck_assert_msg(!w.overflow && strcmp((char *)region, full) == 0,
		      "cap %zu: the whole event fits", flen + 64);
}
END_TEST

/* Once overflowed, later small writes that would fit do not resume. */
START_TEST(overflow_is_sticky)
{
	unsigned char region[32 + GUARD_LEN];
	memset(region, GUARD, sizeof(region));
	struct jsonw w;
	jsonw_init(&w, (char *)region, 32);
	jsonw_array_begin(&w);
	jsonw_cstring(&w, "this string is longer than the thirty-two bytes given");
	ck_assert_msg(w.overflow, "a 54-byte string in 32 bytes overflows");
	size_t len = w.len;
	jsonw_bool(&w, true);
	jsonw_u64(&w, 1);
	jsonw_array_end(&w);
	ck_assert_msg(w.overflow && w.len == len, "nothing is added after the overflow "
		      "(len %zu, now %zu)", len, w.len);
	for (size_t i = 32; i < sizeof(region); i++)
		ck_assert_msg(region[i] == GUARD, "byte %zu past the buffer was written", i);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("jsonw");
	TCase *tc = tcase_create("documents");
	tcase_add_test(tc, object_with_every_value);
	tcase_add_test(tc, arrays_of_values);
	tcase_add_test(tc, empty_containers);
	tcase_add_test(tc, u64_extremes);
	tcase_add_test(tc, nesting_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("escapes");
	tcase_add_test(tc, escapes_match_cjson);
	tcase_add_test(tc, invalid_utf8_replaced);
	tcase_add_test(tc, every_control_character);
	tcase_add_test(tc, escape_at_every_offset);
	tcase_add_test(tc, string_with_length);
	suite_add_tcase(s, tc);

	tc = tcase_create("overflow");
	tcase_add_test(tc, overflow_never_writes_past_cap);
	tcase_add_test(tc, overflow_is_sticky);
	suite_add_tcase(s, tc);
	return s;
}
