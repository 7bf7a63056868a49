/*
 * community.c - Community ID v1 (see community.h).
 *
 * The hashed bytes, in network order (the specification's "Community ID
 * v1" section): the seed (2 bytes, 0 here), the source and destination
 * addresses, the protocol, one byte of padding, the source and
 * destination ports.  Source is the endpoint that orders first, by
 * address bytes and then by port, so both directions give one ID.
 */
#include "config.h"

#include <nettle/base64.h>
#include <nettle/sha1.h>
#include <string.h>

#include "tcpview/flow/community.h"

size_t flow_community_id(const struct tv_addr *a, uint16_t pa, const struct tv_addr *b,
			 uint16_t pb, uint8_t proto, char out[COMMUNITY_ID_LEN])
{
	if (a->family != b->family)
		return 0;
	size_t alen = a->family == 4 ? 4 : 16;
	int cmp = memcmp(a->bytes, b->bytes, alen);
	if (cmp > 0 || (cmp == 0 && pa > pb)) {
		const struct tv_addr *t = a;
		uint16_t tp = pa;
		a = b;
		pa = pb;
		b = t;
		pb = tp;
	}
	uint8_t buf[2 + 16 + 16 + 2 + 4], *p = buf;
	*p++ = 0;	/* seed, 16 bits */
	*p++ = 0;
	memcpy(p, a->bytes, alen);
	p += alen;
	memcpy(p, b->bytes, alen);
	p += alen;
	*p++ = proto;
	*p++ = 0;	/* padding */
	*p++ = (uint8_t)(pa >> 8);
	*p++ = (uint8_t)pa;
	*p++ = (uint8_t)(pb >> 8);
	*p++ = (uint8_t)pb;

	struct sha1_ctx sha;
	uint8_t digest[SHA1_DIGEST_SIZE];
	sha1_init(&sha);
	sha1_update(&sha, (size_t)(p - buf), buf);
	sha1_digest(&sha, sizeof(digest), digest);
	out[0] = '1';
	out[1] = ':';
	base64_encode_raw(out + 2, sizeof(digest), digest);	/* 28 characters */
	out[2 + BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE)] = '\0';
	return 2 + BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE);
}
