/*
 * check_idmap.c - unit tests of util/idmap.h, the map from connection ids
 * to a consumer's own per-connection state.
 *
 * put/get/take and replacing a value; ids never put are not found; growth
 * to 100000 ids and shrinking as they are taken again in a scrambled order,
 * with every remaining id still found after each batch (the backward-shift
 * deletion must keep every probe chain whole, as in check_flow_table.c);
 * idmap_pop() draining the map; the remembered lookups never answering for
 * an id that was removed, nor an absence for an id put since.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "tcpview/util/idmap.h"
#include "check_main.h"

START_TEST(put_get_take)
{
	struct idmap m;
	int a = 1, b = 2, c = 3;
	idmap_init(&m);
	ck_assert_msg(idmap_count(&m) == 0, "a new map is empty");
	ck_assert_msg(idmap_get(&m, 1) == NULL, "get on a new map: NULL");
	ck_assert_msg(idmap_take(&m, 1) == NULL, "take on a new map: NULL");

	ck_assert_msg(idmap_put(&m, 1, &a) && idmap_put(&m, 2, &b), "two puts succeed");
	ck_assert_msg(idmap_count(&m) == 2, "count 2 after two puts, got %zu", idmap_count(&m));
	ck_assert_msg(idmap_get(&m, 1) == &a && idmap_get(&m, 2) == &b, "both values found");
	ck_assert_msg(idmap_get(&m, 3) == NULL, "id 3 was never put: NULL");

	/* Replacing: the same id with a new value keeps one entry. */
	ck_assert_msg(idmap_put(&m, 1, &c), "replacing succeeds");
	ck_assert_msg(idmap_count(&m) == 2, "replacing does not add an entry (count 2), got %zu",
		      idmap_count(&m));
	ck_assert_msg(idmap_get(&m, 1) == &c, "id 1 now has the new value");

	ck_assert_msg(idmap_take(&m, 2) == &b, "take returns the value of id 2");
	ck_assert_msg(idmap_count(&m) == 1, "count 1 after the take");
	ck_assert_msg(idmap_get(&m, 2) == NULL, "a taken id is gone");
	ck_assert_msg(idmap_take(&m, 2) == NULL, "taking it again returns NULL");
	ck_assert_msg(idmap_count(&m) == 1, "a take of an absent id changes nothing");
	ck_assert_msg(idmap_get(&m, 1) == &c, "id 1 is still there");
	idmap_release(&m);
	ck_assert_msg(idmap_count(&m) == 0 && idmap_get(&m, 1) == NULL,
		      "after release the map is empty");
}
END_TEST

/* Ids far apart (not only 1, 2, 3...): 64-bit values and their neighbours. */
START_TEST(sparse_and_large_ids)
{
	static const uint64_t ids[] = { 1, 2, 64, 65, 1000003, 4294967295u, 4294967296u,
					0x8000000000000000ULL, UINT64_MAX - 1, UINT64_MAX };
	enum { N = sizeof(ids) / sizeof(ids[0]) };
	int vals[N];
	struct idmap m;
	idmap_init(&m);
	for (int i = 0; i < N; i++)
		ck_assert_msg(idmap_put(&m, ids[i], &vals[i]), "put of id %d succeeds", i);
	for (int i = 0; i < N; i++)
		ck_assert_msg(idmap_get(&m, ids[i]) == &vals[i], "id #%d found with its value", i);
	ck_assert_msg(idmap_get(&m, 3) == NULL && idmap_get(&m, UINT64_MAX - 2) == NULL,
		      "neighbours never put are not found");
	idmap_release(&m);
}
END_TEST

#define MANY 100000
#define BATCHES 10

/*
 * 100000 ids (1..100000, as the tracker numbers connections) put and all
 * found; then taken in a scrambled order (k * 7919 mod 100000 is a
 * permutation) in 10 batches, checking after each batch that every taken id
 * is gone and every other still found, which backward-shift deletion and
 * the table's halving must both preserve.
 */
START_TEST(growth_and_shrinking)
{
	struct idmap m;
	int *vals = calloc(MANY + 1, sizeof(*vals));
	bool *gone = calloc(MANY + 1, sizeof(*gone));
	ck_assert(vals != NULL && gone != NULL);
	idmap_init(&m);
	for (uint64_t id = 1; id <= MANY; id++)
		ck_assert_msg(idmap_put(&m, id, &vals[id]), "put of id %lu succeeds",
			      (unsigned long)id);
	ck_assert_msg(idmap_count(&m) == MANY, "count %d, got %zu", MANY, idmap_count(&m));
	size_t peak_slots = m.mask + 1;
	ck_assert_msg(peak_slots >= MANY, "the table grew to hold %d ids (%zu slots)", MANY,
		      peak_slots);
	for (uint64_t id = 1; id <= MANY; id++)
		ck_assert_msg(idmap_get(&m, id) == &vals[id], "id %lu found after all puts",
			      (unsigned long)id);

	uint32_t per = MANY / BATCHES;
	for (uint32_t b = 0; b < BATCHES; b++) {
		for (uint32_t k = b * per; k < (b + 1) * per; k++) {
			uint64_t id = (uint64_t)k * 7919u % MANY + 1;
			ck_assert_msg(!gone[id], "the permutation visits %lu twice", (unsigned long)id);
			ck_assert_msg(idmap_take(&m, id) == &vals[id], "take of id %lu returns its value",
				      (unsigned long)id);
			gone[id] = true;
		}
		ck_assert_msg(idmap_count(&m) == MANY - (b + 1) * per, "count after batch %u should "
			      "be %u, got %zu", b, MANY - (b + 1) * per, idmap_count(&m));
		for (uint64_t id = 1; id <= MANY; id++) {
			void *v = idmap_get(&m, id);
			if (gone[id])
				ck_assert_msg(v == NULL, "batch %u: taken id %lu still found", b,
					      (unsigned long)id);
			else
				ck_assert_msg(v == &vals[id], "batch %u: remaining id %lu not found "
					      "(a probe chain was broken)", b, (unsigned long)id);
		}
		/* idmap.c halves the table below 1/8 load: with a tenth of the
		 * ids left it is at most a quarter of its peak. */
		if (b == BATCHES - 2)
			ck_assert_msg(m.mask + 1 <= peak_slots / 4, "with a tenth of the ids left the "
				      "table shrank: %zu slots, peak %zu", m.mask + 1, peak_slots);
	}
	ck_assert_msg(idmap_count(&m) == 0, "the map is empty at the end");
	ck_assert_msg(m.mask + 1 <= 1024, "emptied, the table is small again: %zu slots",
		      m.mask + 1);
	ck_assert_msg(idmap_pop(&m) == NULL, "pop of an empty map: NULL");
	idmap_release(&m);
	free(vals);
	free(gone);
}
END_TEST

/* idmap_pop() hands back every value once, then NULL. */
START_TEST(pop_drains_everything)
{
	enum { N = 5000 };
	struct idmap m;
	int *vals = calloc(N, sizeof(*vals));
	ck_assert(vals != NULL);
	idmap_init(&m);
	for (int i = 0; i < N; i++)
		ck_assert(idmap_put(&m, (uint64_t)i * 3 + 1, &vals[i]));
	size_t popped = 0;
	for (int *v; (v = idmap_pop(&m)) != NULL; popped++) {
		ck_assert_msg(v >= vals && v < vals + N, "pop returns one of the values put");
		ck_assert_msg(*v == 0, "value %td popped twice", v - vals);
		*v = 1;
		ck_assert_msg(idmap_count(&m) == N - popped - 1, "count drops by one per pop");
	}
	ck_assert_msg(popped == N, "%d values popped, got %zu", N, popped);
	ck_assert_msg(idmap_count(&m) == 0 && idmap_pop(&m) == NULL, "empty after draining");
	idmap_release(&m);
	free(vals);
}
END_TEST

/*
 * The last lookup is remembered (idmap.h): after a take, a get of the same
 * id must not be answered from that memory, neither right away nor after
 * other ids moved into its slot.
 */
START_TEST(last_lookup_never_returns_removed)
{
	struct idmap m;
	int v[64];
	idmap_init(&m);
	for (int i = 1; i < 64; i++)
		ck_assert(idmap_put(&m, (uint64_t)i, &v[i]));
	ck_assert_msg(idmap_get(&m, 5) == &v[5], "id 5 found (and remembered)");
	ck_assert_msg(idmap_get(&m, 5) == &v[5], "id 5 found again");
	ck_assert_msg(idmap_take(&m, 5) == &v[5], "id 5 taken");
	ck_assert_msg(idmap_get(&m, 5) == NULL, "id 5 must not be found after its take");

	/* Remember id 7, then take others so entries shift around it. */
	ck_assert_msg(idmap_get(&m, 7) == &v[7], "id 7 found (and remembered)");
	for (int i = 8; i < 40; i++)
		ck_assert(idmap_take(&m, (uint64_t)i) == &v[i]);
	ck_assert_msg(idmap_get(&m, 7) == &v[7], "id 7 still found after other takes");
	ck_assert_msg(idmap_take(&m, 7) == &v[7], "id 7 taken");
	ck_assert_msg(idmap_get(&m, 7) == NULL, "id 7 must not be found after its take");
	for (int i = 8; i < 40; i++)
		ck_assert_msg(idmap_get(&m, (uint64_t)i) == NULL, "taken id %d is not found", i);

	/* A new id may land in the slot a removed one had: each finds its own. */
	int w = 0;
	ck_assert(idmap_put(&m, 1000, &w));
	ck_assert_msg(idmap_get(&m, 1000) == &w && idmap_get(&m, 7) == NULL &&
		      idmap_get(&m, 5) == NULL, "the new id is found, the removed ones are not");

	/* Remembered, then the table is resized by growth: still right. */
	ck_assert_msg(idmap_get(&m, 1) == &v[1], "id 1 found (and remembered)");
	int more[4096];
	for (int i = 0; i < 4096; i++)
		ck_assert(idmap_put(&m, (uint64_t)(2000 + i), &more[i]));
	ck_assert_msg(idmap_take(&m, 1) == &v[1], "id 1 taken after the table grew");
	ck_assert_msg(idmap_get(&m, 1) == NULL, "id 1 must not be found after its take");
	idmap_release(&m);
}
END_TEST

/*
 * The entries in front of the table (idmap.h) also remember an id looked up
 * and not found: a put of that id afterwards must be seen at once, and ids
 * that share an entry (equal modulo IDMAP_NEAR) must each get their own
 * value, however the lookups, puts and takes interleave.
 */
START_TEST(remembered_absence_and_shared_entries)
{
	struct idmap m;
	int a = 1, b = 2, c = 3;
	idmap_init(&m);
	uint64_t x = 3, y = 3 + IDMAP_NEAR, z = 3 + 2 * IDMAP_NEAR;
	ck_assert_msg(idmap_get(&m, x) == NULL, "x was never put");
	ck_assert_msg(idmap_put(&m, x, &a), "put x");
	ck_assert_msg(idmap_get(&m, x) == &a, "x is found right after its absence was seen");
	ck_assert_msg(idmap_get(&m, y) == NULL, "y, sharing x's entry, is absent");
	ck_assert_msg(idmap_get(&m, x) == &a, "x again after y's lookup took the entry");
	ck_assert_msg(idmap_put(&m, y, &b) && idmap_put(&m, z, &c), "put y and z");
	ck_assert_msg(idmap_get(&m, x) == &a && idmap_get(&m, y) == &b &&
		      idmap_get(&m, z) == &c, "each of three ids of one entry has its value");
	ck_assert_msg(idmap_take(&m, y) == &b, "take y");
	ck_assert_msg(idmap_get(&m, y) == NULL && idmap_get(&m, z) == &c &&
		      idmap_get(&m, x) == &a, "y is gone, x and z stay");
	ck_assert_msg(idmap_put(&m, x, &b), "replace x's value");
	ck_assert_msg(idmap_get(&m, x) == &b, "x's new value is seen, not the remembered one");
	ck_assert_msg(idmap_take(&m, z) == &c && idmap_take(&m, x) == &b, "take z and x");
	ck_assert_msg(idmap_get(&m, x) == NULL && idmap_get(&m, z) == NULL &&
		      idmap_count(&m) == 0, "all taken, none found");
	idmap_release(&m);
}
END_TEST

/*
 * idmap.h: slot id 0 means empty, ids start at 1, so 0 is never in the
 * map: get and take of 0 answer NULL (take: "NULL when absent") and change
 * nothing, and every entry is still there and counted.
 */
START_TEST(id_zero_is_never_present)
{
	struct idmap m;
	int v[10];
	idmap_init(&m);
	for (int i = 1; i < 10; i++)
		ck_assert(idmap_put(&m, (uint64_t)i, &v[i]));
	ck_assert_msg(idmap_get(&m, 0) == NULL, "get(0): NULL");
	ck_assert_msg(idmap_take(&m, 0) == NULL, "take(0): NULL");
	ck_assert_msg(idmap_count(&m) == 9, "take(0) removes nothing: count 9, got %zu",
		      idmap_count(&m));
	size_t popped = 0;
	while (idmap_pop(&m) != NULL)
		popped++;
	ck_assert_msg(popped == 9, "all 9 entries can still be popped, got %zu", popped);
	idmap_release(&m);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("idmap");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, put_get_take);
	tcase_add_test(tc, sparse_and_large_ids);
	tcase_add_test(tc, growth_and_shrinking);
	tcase_add_test(tc, pop_drains_everything);
	tcase_add_test(tc, last_lookup_never_returns_removed);
	tcase_add_test(tc, remembered_absence_and_shared_entries);
	tcase_add_test(tc, id_zero_is_never_present);
	suite_add_tcase(s, tc);
	return s;
}
