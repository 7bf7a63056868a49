/*
 * check_seq.c - unit tests of seq.h: sequence number comparisons decided by
 * the sign of the 32-bit difference (RFC 9293 §3.4), so that numbers just
 * below 2^32 come before small numbers after the wrap, and seq_dist().
 */
#include <check.h>
#include <stdlib.h>

#include "tcpview/util/seq.h"
#include "check_main.h"

START_TEST(plain_order)
{
	ck_assert_msg(seq_lt(1, 2) && !seq_lt(2, 1), "1 < 2");
	ck_assert_msg(seq_le(5, 5) && seq_ge(5, 5), "5 <= 5 and 5 >= 5");
	ck_assert_msg(!seq_lt(5, 5) && !seq_gt(5, 5), "5 is neither < nor > 5");
	ck_assert_msg(seq_gt(1000, 999) && seq_ge(1000, 999), "1000 > 999");
}
END_TEST

START_TEST(order_across_the_wrap)
{
	ck_assert_msg(seq_lt(0xfffffff0u, 0x10u), "0xfffffff0 comes before 0x10 (wrapped)");
	ck_assert_msg(seq_le(0xfffffff0u, 0x10u), "0xfffffff0 <= 0x10");
	ck_assert_msg(!seq_gt(0xfffffff0u, 0x10u), "0xfffffff0 is not after 0x10");
	ck_assert_msg(seq_gt(0x10u, 0xfffffff0u), "0x10 comes after 0xfffffff0");
	ck_assert_msg(seq_ge(0x10u, 0xfffffff0u), "0x10 >= 0xfffffff0");
	ck_assert_msg(!seq_lt(0x10u, 0xfffffff0u), "0x10 is not before 0xfffffff0");
	ck_assert_msg(seq_lt(0xffffffffu, 0u), "0xffffffff is just before 0");
	ck_assert_msg(seq_gt(0u, 0xffffffffu), "0 is just after 0xffffffff");
	/* Half the space away is the limit of the comparison. */
	ck_assert_msg(seq_lt(0u, 0x7fffffffu), "0 before 0x7fffffff");
	ck_assert_msg(seq_gt(0u, 0x80000001u), "0 after 0x80000001 (2^31 - 1 behind)");
}
END_TEST

START_TEST(distance)
{
	ck_assert_msg(seq_dist(100, 178) == 78, "100 → 178 is 78 bytes");
	ck_assert_msg(seq_dist(0xfffffff0u, 0x10u) == 0x20, "0xfffffff0 → 0x10 is 32 bytes, got %u",
		      seq_dist(0xfffffff0u, 0x10u));
	ck_assert_msg(seq_dist(0x10u, 0xfffffff0u) == 0, "backwards distance is 0");
	ck_assert_msg(seq_dist(7, 7) == 0, "distance to itself is 0");
	ck_assert_msg(seq_dist(0xffffffffu, 0u) == 1, "0xffffffff → 0 is one byte");
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("seq");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, plain_order);
	tcase_add_test(tc, order_across_the_wrap);
	tcase_add_test(tc, distance);
	suite_add_tcase(s, tc);
	return s;
}
