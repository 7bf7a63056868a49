/*
 * capture_int.h - the capture layer's own: the messages reader.c and
 * pcapng.c write their errors with (messages.c).
 *
 * Each error is one of these messages filled in English with
 * msg_format() (util/msg.h): a whole sentence, its numbers written in the
 * C locale, and that English text is the error's stable value (JSON's
 * "error" carries it as it is).  Because every error is made from this
 * one table, reader_retell() (reader.h) can take it apart again and tell
 * it in the reader's language.  An argument that is itself an error (why
 * libpcap or pcapng.c refused a file) is told again in its turn.
 */
#ifndef TCPVIEW_CAPTURE_INT_H
#define TCPVIEW_CAPTURE_INT_H

#include <stddef.h>

#include "tcpview/util/msg.h"

enum capture_msg {
	/* reader.c: a file, and where in it */
	CM_REOPEN,
	CM_NOT_CAPTURE,
	CM_NOT_CAPTURE_NO_REREAD,
	CM_PACKET,
	CM_PACKET_NO_REREAD,
	CM_CHANGED,
	CM_FILE_OOM,
	CM_STDIN_EMPTY,
	CM_FILE_EMPTY,
	CM_FILE_BAD_FILTER,
	CM_LINK_BAD_FILTER,
	CM_BAD_FILTER,
	CM_OOM,
	CM_LINK_UNSUPPORTED,
	/* pcapng.c: a block, and what is wrong with it */
	CM_BLOCK_AT,
	CM_BLOCK_TYPE_AT,
	CM_BLOCK_OOM,
	CM_READ_ERROR,
	CM_READ_ERROR_AT,
	CM_BLOCK_CUT,
	CM_HEADER_CUT,
	CM_MAGIC_CUT,
	CM_BAD_MAGIC,
	CM_NOT_PCAPNG,
	CM_LENGTH_SHORT,
	CM_LENGTH_ALIGN,
	CM_LENGTH_LONG,
	CM_LENGTH_TRAILER,
	CM_SHB_SHORT,
	CM_VERSION,
	CM_FIXED_SHORT,
	CM_OPTION_PAST,
	CM_OPTION_LENGTH,
	CM_IFACES_MAX,
	CM_IFACES_OOM,
	CM_IFACE_BEFORE_IDB,
	CM_IFACE_RANGE,
	CM_CAPLEN_LONG,
	CM_EMPTY,
	CM_NO_IDB,
	CM_PACKET_BEFORE_IDB,
	/* libpcap's own words (libpcap 1.10 sf-pcap.c, sf-pcapng.c), which
	 * tcpview only passes on: told again, never written */
	CM_PCAP_FORMAT,
	CM_PCAP_FILE_HEADER,
	CM_PCAP_HEADER,
	CM_PCAP_DATA,
	CM_PCAPNG_CUT,
	CM_PCAP_LINK_TYPE,
	CM_PCAP_SNAPLEN,
	CM_PCAP_BYTE_ORDERS,
	CAPTURE_MSGS
};

/* Writes message `m` filled with `args` into buf (cap bytes, cut at
 * cap - 1, NUL-terminated): msg_format() of its English. */
size_t capture_msg(char *buf, size_t cap, enum capture_msg m, const char *const *args,
		   size_t nargs);

#endif
