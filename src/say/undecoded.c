/*
 * undecoded.c - the words for an encapsulation tcpview cannot open.
 *
 * The decoders name what they refused with a stable identifier
 * (tv_packet.undecoded, counted in the stats); this says it to a reader,
 * so the end of a run can tell what was not analysed (SPEC §2).  The
 * words are messages in the reader's language (tr.h), the protocol names
 * in them as they are.
 */
#include "config.h"

#include <string.h>

#include "tcpview/say/narrate.h"
#include "tcpview/say/tr.h"

const char *say_undecoded(const char *kind)
{
	static const struct {
		const char *kind, *words;
	} names[] = {
		/* TRANSLATORS: what packets were that tcpview did not analyse,
		 * in "tcpview: 3 packets of %s not analysed". */
		{ "ieee802_11_protected", N_("encrypted 802.11 frames") },
		{ "ieee802_11_amsdu", N_("802.11 A-MSDU frames") },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].kind, kind) == 0)
			return _(names[i].words);
	/* A kind without words yet: its stable name. */
	return kind;
}
