/*
 * flags.c - a segment's TCP flags as tcpdump's letters and as names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tcpview/say/narrate.h"

void narrate_flag_letters(uint16_t f, char out[12])
{
	size_t n = 0;
	if (f & TH_SYN) out[n++] = 'S';
	if (f & TH_FIN) out[n++] = 'F';
	if (f & TH_RST) out[n++] = 'R';
	if (f & TH_PUSH) out[n++] = 'P';
	if (f & TH_URG) out[n++] = 'U';
	if (f & TH_ECE) out[n++] = 'E';
	if (f & TH_CWR) out[n++] = 'W';
	if (f & TH_ACK) out[n++] = '.';
	out[n] = '\0';
	if (n == 0)
		snprintf(out, 12, "none");	/* tcpdump's word for no flags */
}

size_t narrate_flag_names(uint16_t f, char out[40])
{
	static const struct { uint16_t bit; char name[4]; uint8_t len; } names[] = {
		{ TH_SYN, "SYN", 3 }, { TH_FIN, "FIN", 3 }, { TH_RST, "RST", 3 },
		{ TH_PUSH, "PSH", 3 }, { TH_URG, "URG", 3 }, { TH_ECE, "ECE", 3 },
		{ TH_CWR, "CWR", 3 }, { TH_AE, "AE", 2 }, { TH_ACK, "ACK", 3 },
	};
	/* All nine names with commas take 35 bytes: out[40] always fits. */
	size_t n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(f & names[i].bit))
			continue;
		if (n > 0)
			out[n++] = ',';
		memcpy(out + n, names[i].name, 3);	/* the NUL of "AE" is overwritten */
		n += names[i].len;
	}
	if (n == 0) {
		memcpy(out, "none", 4);
		n = 4;
	}
	out[n] = '\0';
	return n;
}
