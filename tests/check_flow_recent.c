/*
 * check_flow_recent.c - unit tests of flow/recent.h, the bounded record of
 * the 4-tuples of connections that have ended (for port reuse).
 *
 * A key added is taken once; a key never added is not found; the keys of
 * both directions of a 4-tuple (flow_key_make() on the two packets) are
 * one entry; and the cache is a fixed FLOW_RECENT_SLOTS slots: adding far
 * more keys allocates nothing, remembers at most that many, and the key
 * just added is always found.
 */
#include <check.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/decode/packet.h"
#include "tcpview/flow/recent.h"
#include "tcpview/flow/table.h"
#include "check_main.h"

/* The record of an ended 4-tuple, without the owner's bytes. */
static void flow_recent_add(struct flow_recent *r, const struct flow_key *key, uint32_t hash)
{
	flow_recent_put(r, key, hash, "", 0);
}

static bool flow_recent_take(struct flow_recent *r, const struct flow_key *key, uint32_t hash)
{
	char none[1];
	return flow_recent_get(r, key, hash, none, 0);
}

/* An IPv4 TCP packet src:sport → dst:dport (addresses as 32-bit values). */
static struct tv_packet pkt4(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport)
{
	struct tv_packet p;
	memset(&p, 0, sizeof(p));
	p.src.family = p.dst.family = 4;
	for (int i = 0; i < 4; i++) {
		p.src.bytes[i] = (uint8_t)(src >> (24 - 8 * i));
		p.dst.bytes[i] = (uint8_t)(dst >> (24 - 8 * i));
	}
	p.sport = sport;
	p.dport = dport;
	p.flags = TH_SYN;
	return p;
}

struct key {
	struct flow_key k;
	uint32_t hash;
};

static struct key key_of(const struct tv_packet *p)
{
	struct key k;
	k.hash = flow_key_make(p, &k.k);
	return k;
}

/* Client number i: 10.x.y.z:(1024 + i % 50000) → 192.0.2.1:443. */
static struct key client_key(uint32_t i)
{
	struct tv_packet p = pkt4(0x0a000000 + i / 50000, (uint16_t)(1024 + i % 50000),
				  0xc0000201, 443);
	return key_of(&p);
}

START_TEST(added_key_taken_once)
{
	struct flow_recent *r = flow_recent_new();
	ck_assert_msg(r != NULL, "flow_recent_new should succeed");
	/* 10.0.0.1:40000 → 10.0.0.2:80 ended */
	struct tv_packet p = pkt4(0x0a000001, 40000, 0x0a000002, 80);
	struct key k = key_of(&p);
	flow_recent_add(r, &k.k, k.hash);
	ck_assert_msg(flow_recent_take(r, &k.k, k.hash), "the ended 4-tuple is found");
	ck_assert_msg(!flow_recent_take(r, &k.k, k.hash), "taken once: the second take is false");
	flow_recent_free(r);
}
END_TEST

START_TEST(never_added_not_found)
{
	struct flow_recent *r = flow_recent_new();
	ck_assert(r != NULL);
	struct tv_packet p = pkt4(0x0a000001, 40000, 0x0a000002, 80);
	struct key k = key_of(&p);
	ck_assert_msg(!flow_recent_take(r, &k.k, k.hash), "an empty cache finds nothing");

	flow_recent_add(r, &k.k, k.hash);
	/* Neighbours of the added 4-tuple: another client port, another server
	 * port, another address, the same numbers as IPv6. */
	struct tv_packet others[4] = {
		pkt4(0x0a000001, 40001, 0x0a000002, 80),
		pkt4(0x0a000001, 40000, 0x0a000002, 81),
		pkt4(0x0a000003, 40000, 0x0a000002, 80),
		p,
	};
	others[3].src.family = others[3].dst.family = 6;
	for (int i = 0; i < 4; i++) {
		struct key o = key_of(&others[i]);
		ck_assert_msg(!flow_recent_take(r, &o.k, o.hash), "neighbour %d was never added", i);
	}
	ck_assert_msg(flow_recent_take(r, &k.k, k.hash),
		      "looking for the neighbours does not forget the added key");
	flow_recent_free(r);
}
END_TEST

START_TEST(both_directions_are_one_entry)
{
	struct flow_recent *r = flow_recent_new();
	ck_assert(r != NULL);
	/* 10.0.0.1:40000 → 10.0.0.2:80 and its answer 10.0.0.2:80 → 10.0.0.1:40000 */
	struct tv_packet c2s = pkt4(0x0a000001, 40000, 0x0a000002, 80);
	struct tv_packet s2c = pkt4(0x0a000002, 80, 0x0a000001, 40000);
	struct key a = key_of(&c2s), b = key_of(&s2c);
	flow_recent_add(r, &a.k, a.hash);
	ck_assert_msg(flow_recent_take(r, &b.k, b.hash),
		      "added from the client's packet, found from the server's");
	ck_assert_msg(!flow_recent_take(r, &a.k, a.hash), "and then gone for both directions");

	flow_recent_add(r, &b.k, b.hash);
	ck_assert_msg(flow_recent_take(r, &a.k, a.hash),
		      "added from the server's packet, found from the client's");
	flow_recent_free(r);
}
END_TEST

/* Bytes the allocator has handed out (heap and mmap'd blocks). */
static size_t heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

/*
 * Sixteen times more ended connections than FLOW_RECENT_SLOTS: no memory
 * is allocated while adding, the key just added is always found, and no
 * more keys than slots are remembered in all (older ones may be forgotten:
 * recent.h promises a bounded record, never a complete one).
 */
START_TEST(bounded_by_slots)
{
	enum { N = 16 * FLOW_RECENT_SLOTS };
	struct flow_recent *r = flow_recent_new();
	ck_assert(r != NULL);

	/* No ck_assert inside the loops: Check's own messages may allocate. */
	size_t before = heap_in_use();
	uint32_t lost_new = 0, first_lost = 0;
	for (uint32_t i = 0; i < N; i++) {
		struct key k = client_key(i);
		flow_recent_add(r, &k.k, k.hash);
		if (i % 2 == 0) {
			/* Every other key is looked up right after it was added. */
			if (!flow_recent_take(r, &k.k, k.hash) && lost_new++ == 0)
				first_lost = i;
			flow_recent_add(r, &k.k, k.hash);	/* and put back */
		}
	}
	size_t after = heap_in_use();
	ck_assert_msg(lost_new == 0, "%u keys were not found right after they were added, the "
		      "first number %u", lost_new, first_lost);
	ck_assert_msg(after <= before, "adding %d keys allocated %zu bytes", N, after - before);

	size_t remembered = 0;
	for (uint32_t i = 0; i < N; i++) {
		struct key k = client_key(i);
		if (flow_recent_take(r, &k.k, k.hash))
			remembered++;
	}
	ck_assert_msg(remembered <= FLOW_RECENT_SLOTS, "at most %u keys can be remembered, found %zu",
		      FLOW_RECENT_SLOTS, remembered);
	ck_assert_msg(remembered > 0, "the most recent keys are still remembered");
	struct key last = client_key(N - 1);
	flow_recent_add(r, &last.k, last.hash);
	ck_assert_msg(flow_recent_take(r, &last.k, last.hash), "the last key added is found");
	flow_recent_free(r);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("flow_recent");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, added_key_taken_once);
	tcase_add_test(tc, never_added_not_found);
	tcase_add_test(tc, both_directions_are_one_entry);
	tcase_add_test(tc, bounded_by_slots);
	suite_add_tcase(s, tc);
	return s;
}
