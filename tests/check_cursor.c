/*
 * check_cursor.c - unit tests of cursor.h, the bounds-checked reads every
 * decoder goes through: values come out in order and in the right byte
 * order, a read past the end returns 0 and sets the sticky short_read flag,
 * cur_copy zeroes its destination on a short read, and cursor_sub clamps a
 * sub-cursor to what was captured and flags its parent when it had to.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/util/cursor.h"
#include "check_main.h"

START_TEST(reads_in_order)
{
	static const uint8_t b[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
				     0x07, 0x08, 0x09, 0x0a, 0x0b, 0xcc };
	struct cursor c = cursor_make(b, sizeof(b));
	ck_assert_msg(cursor_left(&c) == 12, "a fresh cursor has all 12 bytes left");
	ck_assert_uint_eq(cur_u8(&c), 0x01);
	ck_assert_msg(cur_u16be(&c) == 0x0203, "u16be of 02 03 should be 0x0203");
	ck_assert_msg(cur_u32be(&c) == 0x04050607u, "u32be of 04..07 should be 0x04050607");
	ck_assert_msg(cur_u32le(&c) == 0x0b0a0908u, "u32le of 08..0b should be 0x0b0a0908");
	ck_assert_msg(cursor_has(&c, 1) && !cursor_has(&c, 2), "exactly one byte should remain");
	ck_assert_uint_eq(cur_u8(&c), 0xcc);
	ck_assert_msg(cursor_left(&c) == 0, "cursor should be at its end");
	ck_assert_msg(!c.short_read, "reads that fit must not set short_read");
}
END_TEST

START_TEST(big_and_little_endian)
{
	static const uint8_t b[] = { 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef,
				     0x80, 0x01 };
	struct cursor c = cursor_make(b, sizeof(b));
	ck_assert_msg(cur_u32be(&c) == 0xdeadbeefu, "big endian: de ad be ef = 0xdeadbeef");
	ck_assert_msg(cur_u32le(&c) == 0xefbeaddeu, "little endian: de ad be ef = 0xefbeadde");
	ck_assert_msg(cur_u16be(&c) == 0x8001, "high bit of a u16be must survive (0x8001)");
	ck_assert(!c.short_read);
}
END_TEST

START_TEST(short_read_is_sticky)
{
	static const uint8_t b[] = { 0x11, 0x22, 0x33 };
	struct cursor c = cursor_make(b, sizeof(b));
	ck_assert_msg(cur_u16be(&c) == 0x1122, "first u16be fits");
	ck_assert_msg(cur_u16be(&c) == 0, "u16be with one byte left returns 0");
	ck_assert_msg(c.short_read, "u16be past the end sets short_read");
	ck_assert_msg(cursor_left(&c) == 0, "a failed read leaves the cursor at its end");
	ck_assert_msg(cur_u8(&c) == 0, "u8 at the end returns 0");
	ck_assert_msg(c.short_read, "short_read stays set");

	/* Each read type sets it on its own. */
	struct cursor d = cursor_make(b, 3);
	ck_assert_msg(cur_u32be(&d) == 0 && d.short_read, "u32be of 3 bytes: 0 and short_read");
	struct cursor e = cursor_make(b, 3);
	ck_assert_msg(cur_u32le(&e) == 0 && e.short_read, "u32le of 3 bytes: 0 and short_read");
	struct cursor f = cursor_make(b, 0);
	ck_assert_msg(cur_u8(&f) == 0 && f.short_read, "u8 of 0 bytes: 0 and short_read");
	struct cursor g = cursor_make(b, 3);
	ck_assert_msg(!cursor_skip(&g, 4), "skipping 4 of 3 bytes fails");
	ck_assert_msg(g.short_read && cursor_left(&g) == 0, "failed skip: short_read, at end");
	struct cursor h = cursor_make(b, 3);
	ck_assert_msg(cursor_skip(&h, 3) && !h.short_read, "skipping exactly all bytes is fine");
}
END_TEST

START_TEST(copy_zeroes_on_short_read)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5 };
	uint8_t dst[8];
	memset(dst, 0xaa, sizeof(dst));
	struct cursor c = cursor_make(b, sizeof(b));
	ck_assert_msg(!cur_copy(&c, dst, 8), "copying 8 of 5 bytes must fail");
	for (size_t i = 0; i < 8; i++)
		ck_assert_msg(dst[i] == 0, "byte %zu of a failed copy should be 0, got 0x%02x",
			      i, dst[i]);
	ck_assert_msg(c.short_read, "failed copy sets short_read");

	memset(dst, 0xaa, sizeof(dst));
	struct cursor d = cursor_make(b, sizeof(b));
	ck_assert_msg(cur_copy(&d, dst, 4), "copying 4 of 5 bytes works");
	ck_assert_msg(memcmp(dst, b, 4) == 0, "copied bytes should be 01 02 03 04");
	ck_assert_msg(dst[4] == 0xaa, "copy must not write past n");
	ck_assert_msg(cursor_left(&d) == 1 && !d.short_read, "one byte left, no short read");
}
END_TEST

START_TEST(sub_cursor_clamps_and_flags_parent)
{
	static const uint8_t b[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	struct cursor c = cursor_make(b, sizeof(b));
	struct cursor s = cursor_sub(&c, 4);
	ck_assert_msg(cursor_left(&s) == 4 && !s.short_read, "sub of 4 within 10 bytes has 4");
	ck_assert_msg(cursor_left(&c) == 6 && !c.short_read, "parent advanced by 4, not flagged");
	ck_assert_msg(cur_u32be(&s) == 0x00010203u, "sub reads its own bytes");
	ck_assert_msg(cur_u8(&s) == 0 && s.short_read, "sub cannot read past its 4 bytes");
	ck_assert_msg(!c.short_read, "a short read inside the sub does not flag the parent");
	ck_assert_msg(cur_u8(&c) == 4, "parent continues after the sub's bytes");

	struct cursor t = cursor_sub(&c, 20);
	ck_assert_msg(cursor_left(&t) == 5, "sub of 20 with 5 left is clamped to 5, got %zu",
		      cursor_left(&t));
	ck_assert_msg(t.short_read, "a clamped sub starts with short_read set");
	ck_assert_msg(c.short_read, "clamping flags the parent");
	ck_assert_msg(cursor_left(&c) == 0, "parent is at its end after a clamped sub");
	ck_assert_msg(cur_u8(&t) == 5, "the clamped sub still reads what was captured");

	struct cursor z = cursor_make(b, sizeof(b));
	struct cursor e = cursor_sub(&z, 0);
	ck_assert_msg(cursor_left(&e) == 0 && !e.short_read && !z.short_read,
		      "an empty sub is fine");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("cursor");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, reads_in_order);
	tcase_add_test(tc, big_and_little_endian);
	tcase_add_test(tc, short_read_is_sticky);
	tcase_add_test(tc, copy_zeroes_on_short_read);
	tcase_add_test(tc, sub_cursor_clamps_and_flags_parent);
	suite_add_tcase(s, tc);
	return s;
}
