/*
 * undecoded.c - the words for an encapsulation tcpview cannot open.
 *
 * The decoders name what they refused with a stable identifier
 * (tv_packet.undecoded, counted in the stats); this says it to a reader,
 * so the end of a run can tell what was not analysed (SPEC §2).
 */
#include "config.h"

#include <string.h>

#include "tcpview/say/narrate.h"

const char *say_undecoded(const char *kind)
{
	static const struct {
		const char *kind, *words;
	} names[] = {
		{ "gre_version_1", "GRE version 1 (PPTP)" },
		{ "gre_version_other", "GRE of an unknown version" },
		{ "gre_routing", "GRE with source routing (RFC 1701)" },
		{ "gre_aruba", "Aruba GRE (802.11 frames)" },
		{ "geneve_version_other", "Geneve of an unknown version" },
		{ "ieee802_11_protected", "encrypted 802.11 frames" },
		{ "ieee802_11_amsdu", "802.11 A-MSDU frames" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].kind, kind) == 0)
			return names[i].words;
	return kind;
}
