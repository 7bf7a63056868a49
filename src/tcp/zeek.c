/*
 * zeek.c - Zeek's view of a connection: conn_state and history.
 *
 * Zeek's conn.log is the lingua franca of connection summaries, so tcpview
 * reports the same two fields.  The endpoint states and the conn_state
 * decision follow Zeek's base/protocols/conn/main.zeek (conn_state()); the
 * history letters follow its TCP analyzer's update_history(): one letter per
 * kind of packet, upper case for the originator, recorded the first time it
 * happens, and for retransmissions (T), zero windows (W) and content gaps (G)
 * again each time the count reaches 10, 100, 1000...
 */
#include "config.h"

#include <string.h>

#include "conn.h"

static void add_letter(struct tv_conn *c, enum tv_dir d, char letter)
{
	char ch = d == DIR_C2S ? letter : (char)(letter - 'A' + 'a');
	if ((size_t)c->history_len + 1 < sizeof(c->history)) {
		c->history[c->history_len++] = ch;
		c->history[c->history_len] = '\0';
	}
}

/* Letters recorded once per direction: bit i (originator) or 16 + i. */
static int once_index(char letter)
{
	switch (letter) {
	case 'S': return 0;
	case 'H': return 1;
	case 'A': return 2;
	case 'D': return 3;
	case 'F': return 4;
	case 'R': return 5;
	case 'Q': return 6;
	case 'I': return 7;
	default: return -1;
	}
}

static void once(struct tv_conn *c, enum tv_dir d, char letter)
{
	int i = once_index(letter);
	if (i < 0)
		return;
	uint32_t bit = 1u << (i + (d == DIR_C2S ? 0 : 16));
	if (!(c->history_seen & bit)) {
		c->history_seen |= bit;
		add_letter(c, d, letter);
	}
}

/* Zeek's scaled letters: at the 1st, 10th, 100th ... occurrence. */
static void scaled(struct tv_conn *c, enum tv_dir d, int which, char letter)
{
	uint32_t n = ++c->half[d].zeek_counts[which];
	for (uint32_t at = 1; at <= n && at != 0; at *= 10)
		if (at == n) {
			add_letter(c, d, letter);
			return;
		}
}

void zeek_update(struct tv_conn *c, enum tv_dir d, const struct tv_packet *p,
		 uint32_t labels)
{
	struct tv_half *me = &c->half[d], *peer = &c->half[dir_other(d)];
	uint16_t f = p->flags;
	int ctl = !!(f & TH_SYN) + !!(f & TH_FIN) + !!(f & TH_RST);

	if (ctl > 1) {
		once(c, d, (f & TH_FIN) && (f & TH_RST) ? 'I' : 'Q');
	} else if (ctl == 1) {
		if (f & TH_SYN)
			once(c, d, (f & TH_ACK) ? 'H' : 'S');
		if (f & TH_FIN)
			once(c, d, 'F');
		if (f & TH_RST)
			once(c, d, 'R');
	} else if (p->len > 0) {
		once(c, d, 'D');
	} else if (f & TH_ACK) {
		once(c, d, 'A');
	}
	if (labels & LBIT(L_RETRANSMISSION))
		scaled(c, d, 0, 'T');
	if (labels & LBIT(L_ZERO_WINDOW))
		scaled(c, d, 1, 'W');
	if (labels & LBIT(L_LOST_SEGMENT))
		scaled(c, d, 2, 'G');

	/* Endpoint states, as Zeek's TCP analyzer moves them. */
	if (f & TH_RST) {
		me->zeek = ZK_RESET;
	} else if (f & TH_FIN) {
		if (me->zeek != ZK_RESET)
			me->zeek = ZK_CLOSED;
	} else if (f & TH_SYN) {
		if (me->zeek == ZK_INACTIVE)
			me->zeek = (f & TH_ACK) ? ZK_SYN_ACK_SENT : ZK_SYN_SENT;
	} else if (me->zeek == ZK_INACTIVE) {
		me->zeek = ZK_PARTIAL;
	} else if ((f & TH_ACK) && (me->zeek == ZK_SYN_SENT ||
				    me->zeek == ZK_SYN_ACK_SENT)) {
		me->zeek = ZK_ESTABLISHED;
	}
	if ((f & TH_ACK) && !(f & TH_RST) && peer->zeek == ZK_SYN_ACK_SENT &&
	    me->zeek == ZK_ESTABLISHED)
		peer->zeek = ZK_ESTABLISHED;
}

/* Zeek's conn_state(), transcribed from its endpoint-state table. */
enum zeek_conn_state zeek_conn_state(const struct tv_conn *c)
{
	enum zeek_endpoint os = c->half[DIR_C2S].zeek, rs = c->half[DIR_S2C].zeek;
	bool o_inactive = os == ZK_INACTIVE || os == ZK_PARTIAL;
	bool r_inactive = rs == ZK_INACTIVE || rs == ZK_PARTIAL;

	if (rs == ZK_RESET) {
		if (os == ZK_SYN_SENT || os == ZK_SYN_ACK_SENT ||
		    (os == ZK_RESET && c->half[DIR_C2S].st.bytes == 0 &&
		     c->half[DIR_S2C].st.bytes == 0))
			return ZS_REJ;
		return o_inactive ? ZS_RSTRH : ZS_RSTR;
	}
	if (os == ZK_RESET) {
		if (r_inactive) {
			/* Zeek: history =~ /^\^?S[^HAFGIQ]*R/ (case matters). */
			const char *h = c->history;
			if (*h++ != 'S')
				return ZS_OTH;
			for (; *h != '\0' && *h != 'R'; h++)
				if (strchr("HAFGIQ", *h) != NULL)
					return ZS_OTH;
			return *h == 'R' ? ZS_RSTOS0 : ZS_OTH;
		}
		return ZS_RSTO;
	}
	if (rs == ZK_CLOSED && os == ZK_CLOSED)
		return ZS_SF;
	if (os == ZK_CLOSED)
		return r_inactive ? ZS_SH : ZS_S2;
	if (rs == ZK_CLOSED)
		return o_inactive ? ZS_SHR : ZS_S3;
	if (os == ZK_SYN_SENT && rs == ZK_INACTIVE)
		return ZS_S0;
	if (os == ZK_ESTABLISHED && rs == ZK_ESTABLISHED)
		return ZS_S1;
	return ZS_OTH;
}
