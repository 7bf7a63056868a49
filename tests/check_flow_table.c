/*
 * check_flow_table.c - unit tests of flow/table.h: the canonical 4-tuple
 * key (same key and hash from both directions), insert/find/remove, and the backward-shift deletion of the
 * open-addressing table: after removals in any order, including probe
 * chains that wrap around the end of the array, every remaining entry must
 * still be found.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tcpview/flow/community.h"
#include "tcpview/flow/table.h"
#include "check_main.h"

static struct tv_packet pkt4(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport)
{
	struct tv_packet p;
	memset(&p, 0, sizeof(p));
	p.src.family = p.dst.family = 4;
	p.src.bytes[0] = (uint8_t)(src >> 24);
	p.src.bytes[1] = (uint8_t)(src >> 16);
	p.src.bytes[2] = (uint8_t)(src >> 8);
	p.src.bytes[3] = (uint8_t)src;
	p.dst.bytes[0] = (uint8_t)(dst >> 24);
	p.dst.bytes[1] = (uint8_t)(dst >> 16);
	p.dst.bytes[2] = (uint8_t)(dst >> 8);
	p.dst.bytes[3] = (uint8_t)dst;
	p.sport = sport;
	p.dport = dport;
	return p;
}

START_TEST(key_same_both_directions)
{
	/* 10.0.0.1:40000 → 10.0.0.2:80 and its answer 10.0.0.2:80 → 10.0.0.1:40000 */
	struct tv_packet a = pkt4(0x0a000001, 40000, 0x0a000002, 80);
	struct tv_packet b = pkt4(0x0a000002, 80, 0x0a000001, 40000);
	struct flow_key ka, kb;
	uint32_t ha = flow_key_make(&a, &ka);
	uint32_t hb = flow_key_make(&b, &kb);
	ck_assert_msg(memcmp(&ka, &kb, sizeof(ka)) == 0, "both directions must give the same key");
	ck_assert_msg(ha == hb, "both directions must give the same hash");
	ck_assert_msg(ka.family == 4 && ka.port_lo == 40000 && ka.port_hi == 80,
		      "key: family 4, low side port 40000, high side port 80");

	/* Same address (loopback): the ports decide.  127.0.0.1:59774 → 127.0.0.1:8080 */
	struct tv_packet c = pkt4(0x7f000001, 59774, 0x7f000001, 8080);
	struct tv_packet d = pkt4(0x7f000001, 8080, 0x7f000001, 59774);
	struct flow_key kc, kd;
	uint32_t hc = flow_key_make(&c, &kc);
	uint32_t hd = flow_key_make(&d, &kd);
	ck_assert_msg(memcmp(&kc, &kd, sizeof(kc)) == 0 && hc == hd,
		      "loopback: both directions give the same key and hash");
	ck_assert_msg(kc.port_lo == 8080 && kc.port_hi == 59774, "loopback key ports 8080/59774");
}
END_TEST

START_TEST(ipv4_and_ipv6_keys_differ)
{
	struct tv_packet a = pkt4(0x0a000001, 40000, 0x0a000002, 80);
	/* IPv6 packet whose addresses start with the same 4 bytes: a00:1:: → a00:2:: */
	struct tv_packet b = a;
	b.src.family = b.dst.family = 6;
	struct flow_key ka, kb;
	uint32_t ha = flow_key_make(&a, &ka);
	uint32_t hb = flow_key_make(&b, &kb);
	ck_assert_msg(memcmp(&ka, &kb, sizeof(ka)) != 0, "IPv4 and IPv6 keys must differ");

	struct flow_table *t = flow_table_new();
	ck_assert_msg(t != NULL, "flow_table_new should succeed");
	struct flow_node *c4 = calloc(1, sizeof(*c4));
	c4->key = ka;
	c4->hash = ha;
	ck_assert(flow_table_insert(t, c4));
	ck_assert_msg(flow_table_find(t, &kb, hb) == NULL,
		      "the IPv6 key must not find the IPv4 connection");
	ck_assert_msg(flow_table_find(t, &kb, ha) == NULL,
		      "even with the same hash, an IPv6 key must not match an IPv4 entry");
	flow_table_free(t);
	free(c4);
}
END_TEST

START_TEST(insert_find_remove)
{
	struct flow_table *t = flow_table_new();
	ck_assert_msg(t != NULL && flow_table_count(t) == 0, "a new table is empty");
	struct flow_node *c[3];
	struct tv_packet p[3] = {
		pkt4(0x0a000001, 40000, 0x0a000002, 80),
		pkt4(0x0a000001, 40001, 0x0a000002, 80),
		pkt4(0x0a000003, 40000, 0x0a000002, 443),
	};
	for (int i = 0; i < 3; i++) {
		c[i] = calloc(1, sizeof(*c[i]));
		c[i]->hash = flow_key_make(&p[i], &c[i]->key);
		ck_assert_msg(flow_table_find(t, &c[i]->key, c[i]->hash) == NULL,
			      "connection %d must not be found before it is inserted", i);
		ck_assert_msg(flow_table_insert(t, c[i]), "insert %d should succeed", i);
	}
	ck_assert_msg(flow_table_count(t) == 3, "3 entries after 3 inserts");
	for (int i = 0; i < 3; i++)
		ck_assert_msg(flow_table_find(t, &c[i]->key, c[i]->hash) == c[i],
			      "connection %d should be found", i);

	/* The reverse direction's key finds the same connection. */
	struct tv_packet back = pkt4(0x0a000002, 80, 0x0a000001, 40001);
	struct flow_key k;
	uint32_t h = flow_key_make(&back, &k);
	ck_assert_msg(flow_table_find(t, &k, h) == c[1], "the answer's key finds connection 1");

	flow_table_remove(t, c[1]);
	ck_assert_msg(flow_table_count(t) == 2, "2 entries after one removal");
	ck_assert_msg(flow_table_find(t, &c[1]->key, c[1]->hash) == NULL,
		      "a removed connection is not found");
	ck_assert_msg(flow_table_find(t, &c[0]->key, c[0]->hash) == c[0] &&
		      flow_table_find(t, &c[2]->key, c[2]->hash) == c[2],
		      "the others are still found");
	flow_table_remove(t, c[1]);	/* removing an absent entry is harmless */
	ck_assert_msg(flow_table_count(t) == 2, "removing an absent entry changes nothing");
	flow_table_free(t);
	for (int i = 0; i < 3; i++)
		free(c[i]);
}
END_TEST

/*
 * Colliding chains built with chosen hashes: the table probes from
 * `hash & mask`, so entries with hashes 1023, 1023, 0, 1023, 1 form one run
 * that wraps from the last slot of the 1024-slot table to the first ones.
 * Removing from the middle must shift the right entries back.
 */
START_TEST(backward_shift_with_wraparound)
{
	static const uint32_t hashes[] = { 1023, 1023, 0, 1023, 1, 0, 2 };
	enum { N = sizeof(hashes) / sizeof(hashes[0]) };
	for (int victim = 0; victim < N; victim++) {
		struct flow_table *t = flow_table_new();
		struct flow_node *c[N];
		for (int i = 0; i < N; i++) {
			struct tv_packet p = pkt4(0x0a000001, (uint16_t)(1000 + i), 0x0a000002, 80);
			c[i] = calloc(1, sizeof(*c[i]));
			flow_key_make(&p, &c[i]->key);
			c[i]->hash = hashes[i];
			ck_assert(flow_table_insert(t, c[i]));
		}
		flow_table_remove(t, c[victim]);
		for (int i = 0; i < N; i++) {
			struct flow_node *want = i == victim ? NULL : c[i];
			ck_assert_msg(flow_table_find(t, &c[i]->key, c[i]->hash) == want,
				      "after removing entry %d, entry %d should %s", victim, i,
				      want ? "still be found" : "be gone");
		}
		flow_table_free(t);
		for (int i = 0; i < N; i++)
			free(c[i]);
	}
}
END_TEST

#define MANY 100000
#define BATCHES 10

START_TEST(many_inserts_and_mixed_removals)
{
	struct flow_table *t = flow_table_new();
	struct flow_node *c = calloc(MANY, sizeof(*c));
	bool *gone = calloc(MANY, sizeof(*gone));
	ck_assert(t != NULL && c != NULL && gone != NULL);

	/* 100000 clients 10.x.y.z:port → 192.0.2.1:443 */
	for (uint32_t i = 0; i < MANY; i++) {
		struct tv_packet p = pkt4(0x0a000000 + i / 7, (uint16_t)(1024 + i % 7 * 9001),
					  0xc0000201, 443);
		c[i].hash = flow_key_make(&p, &c[i].key);
		ck_assert_msg(flow_table_insert(t, &c[i]), "insert %u should succeed", i);
	}
	ck_assert_msg(flow_table_count(t) == MANY, "count should be %d", MANY);
	for (uint32_t i = 0; i < MANY; i++)
		ck_assert_msg(flow_table_find(t, &c[i].key, c[i].hash) == &c[i],
			      "entry %u should be found after all inserts", i);

	/* Remove all in a scrambled order (i * 7919 mod 100000 is a permutation),
	 * checking after each batch that every remaining entry is still found. */
	uint32_t per = MANY / BATCHES;
	for (uint32_t b = 0; b < BATCHES; b++) {
		for (uint32_t k = b * per; k < (b + 1) * per; k++) {
			uint32_t i = (uint32_t)(((uint64_t)k * 7919u) % MANY);
			ck_assert_msg(!gone[i], "permutation visits %u twice", i);
			flow_table_remove(t, &c[i]);
			gone[i] = true;
		}
		ck_assert_msg(flow_table_count(t) == MANY - (b + 1) * per,
			      "count after batch %u should be %u", b, MANY - (b + 1) * per);
		for (uint32_t i = 0; i < MANY; i++) {
			struct flow_node *f = flow_table_find(t, &c[i].key, c[i].hash);
			if (gone[i])
				ck_assert_msg(f == NULL, "batch %u: removed entry %u still found", b, i);
			else
				ck_assert_msg(f == &c[i], "batch %u: remaining entry %u not found "
					      "(backward-shift deletion broke a probe chain)", b, i);
		}
	}
	ck_assert_msg(flow_table_count(t) == 0, "table should be empty at the end");
	flow_table_free(t);
	free(c);
	free(gone);
}
END_TEST

/* Community ID v1: the specification's own TCP example, both ways, and
 * an IPv6 flow computed by its reference code (python, hashlib). */
START_TEST(community_id_v1)
{
	struct tv_addr a = { .family = 4, .bytes = { 128, 232, 110, 120 } };
	struct tv_addr b = { .family = 4, .bytes = { 66, 35, 250, 204 } };
	char id[COMMUNITY_ID_LEN];
	ck_assert_uint_eq(flow_community_id(&a, 34855, &b, 80, 6, id), 30);
	ck_assert_str_eq(id, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
	flow_community_id(&b, 80, &a, 34855, 6, id);
	ck_assert_str_eq(id, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
	struct tv_addr lo = { .family = 4, .bytes = { 127, 0, 0, 1 } };
	flow_community_id(&lo, 38150, &lo, 8080, 6, id);
	ck_assert_str_eq(id, "1:sDQkn7qhtdYulPVwsDsBz7HBltA=");
	struct tv_addr v6 = { .family = 6 };
	ck_assert_uint_eq(flow_community_id(&lo, 1, &v6, 2, 6, id), 0);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("flow_table");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, key_same_both_directions);
	tcase_add_test(tc, ipv4_and_ipv6_keys_differ);
	tcase_add_test(tc, insert_find_remove);
	tcase_add_test(tc, backward_shift_with_wraparound);
	tcase_add_test(tc, many_inserts_and_mixed_removals);
	tcase_add_test(tc, community_id_v1);
	suite_add_tcase(s, tc);
	return s;
}
