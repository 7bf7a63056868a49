/*
 * messages.c - the capture layer's errors, as English and as messages of
 * the catalog (see capture_int.h and reader_retell() in reader.h).
 *
 * The reader's errors reach a person the long way round: the run keeps
 * the English text (pipeline.h's tv_input.error), JSON writes it as it
 * is, and main.c tells it on standard error.  So the capture layer marks
 * its messages with N_() and, when main.c asks, reads an error back
 * against them: the message that explains most of the text (the most of
 * its bytes in the messages' own words, those of the errors inside it
 * counted too) is taken, its translation filled with the same arguments.
 * libpcap's commonest refusals are here too, in libpcap's words, so that
 * a truncated or foreign file is told whole in the reader's language.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "capture_int.h"
#include "tcpview/capture/reader.h"
#include "tcpview/util/nls.h"

/* Arguments that are themselves errors, to be told again (bit N-1 for
 * %N$s). */
#define NESTED(n) (1u << ((n) - 1))

static const struct {
	const char *msgid;
	unsigned nested;
} messages[CAPTURE_MSGS] = {
	/* TRANSLATORS: %1$s is a capture file, %2$s why the system could
	 * not open it again (its own words, already in the reader's
	 * language). */
	[CM_REOPEN] = { N_("%1$s: reopening as pcapng: %2$s"), 0 },
	/* TRANSLATORS: %1$s is a file, %2$s why it cannot be read (libpcap's
	 * or tcpview's pcapng reader's words). */
	[CM_NOT_CAPTURE] = { N_("%1$s: not a readable capture: %2$s"), NESTED(2) },
	/* TRANSLATORS: %1$s is a file ("-": standard input), %2$s libpcap's
	 * refusal of it.  tcpview reads such a pcapng file twice: once with
	 * libpcap, then again from its start with its own reader. */
	[CM_NOT_CAPTURE_NO_REREAD] = { N_("%1$s: not a readable capture: %2$s; tcpview reads "
					  "a pcapng file whose interfaces have different link "
					  "types only from a named file, not from standard input "
					  "or a pipe (it reads such a file a second time)"),
				       NESTED(2) },
	/* TRANSLATORS: %1$s is a file, %2$s the number of the packet (record)
	 * that could not be read, %3$s what is wrong with it. */
	[CM_PACKET] = { N_("%1$s: packet %2$s: %3$s"), NESTED(3) },
	/* TRANSLATORS: %1$s is a file ("-": standard input), %2$s a packet
	 * number, %3$s libpcap's refusal of it. */
	[CM_PACKET_NO_REREAD] = { N_("%1$s: packet %2$s: %3$s; tcpview reads a pcapng file "
				     "whose interfaces have different link types only from a "
				     "named file, not from standard input or a pipe (it reads "
				     "such a file a second time)"), NESTED(3) },
	/* TRANSLATORS: %1$s is a file, %2$s a packet number: the file had
	 * fewer packets when it was read a second time. */
	[CM_CHANGED] = { N_("%1$s: packet %2$s: the file changed while it was read"), 0 },
	[CM_FILE_OOM] = { N_("%1$s: out of memory"), 0 },
	[CM_STDIN_EMPTY] = { N_("standard input is empty (no capture header, no packets)"), 0 },
	[CM_FILE_EMPTY] = { N_("%1$s: the file is empty (no capture header, no packets)"), 0 },
	/* TRANSLATORS: %1$s is a file, %2$s the BPF filter as given (-f),
	 * %3$s libpcap's reason, in its own words. */
	[CM_FILE_BAD_FILTER] = { N_("%1$s: bad filter '%2$s': %3$s"), 0 },
	/* TRANSLATORS: %1$s is a file, %2$s a packet number, %3$s the BPF
	 * filter as given (-f), %4$s the packet's link type as libpcap names
	 * it (EN10MB, LINUX_SLL2), %5$s libpcap's reason. */
	[CM_LINK_BAD_FILTER] = { N_("%1$s: packet %2$s: bad filter '%3$s' for link type "
				    "%4$s: %5$s"), NESTED(5) },
	/* TRANSLATORS: %1$s is the BPF filter as given (-f), %2$s libpcap's
	 * reason, in its own words. */
	[CM_BAD_FILTER] = { N_("bad filter '%1$s': %2$s"), 0 },
	[CM_OOM] = { N_("out of memory"), 0 },
	/* TRANSLATORS: %1$s is a capture file, %2$s its link type as
	 * libpcap names it (EN10MB, NULL...), %3$s the link type's number. */
	[CM_LINK_UNSUPPORTED] = { N_("%1$s: link type %2$s (%3$s) is not supported"), 0 },

	/* TRANSLATORS: %1$s is a pcapng block type as the pcapng
	 * specification names it (Section Header Block, Enhanced Packet
	 * Block), %2$s the block's offset in the file, %3$s what is wrong
	 * with it. */
	[CM_BLOCK_AT] = { N_("%1$s at byte %2$s: %3$s"), NESTED(3) },
	/* TRANSLATORS: %1$s is a pcapng block type number (0x00000bad),
	 * %2$s the block's offset in the file, %3$s what is wrong with it. */
	[CM_BLOCK_TYPE_AT] = { N_("block of type %1$s at byte %2$s: %3$s"), NESTED(3) },
	[CM_BLOCK_OOM] = { N_("out of memory for a block of %1$s bytes"), 0 },
	/* TRANSLATORS: %1$s is the system's reason, in its own words. */
	[CM_READ_ERROR] = { N_("read error: %1$s"), 0 },
	/* TRANSLATORS: %1$s is an offset in the file, %2$s the system's
	 * reason, in its own words. */
	[CM_READ_ERROR_AT] = { N_("read error at byte %1$s: %2$s"), 0 },
	/* TRANSLATORS: %1$s bytes of the block were in the file, of the %2$s
	 * its length field announced. */
	[CM_BLOCK_CUT] = { N_("the file ends inside the block (%1$s of its %2$s bytes)"), 0 },
	/* TRANSLATORS: %1$s is the block's offset in the file, %2$s the
	 * bytes of its header that were there. */
	[CM_HEADER_CUT] = { N_("the file ends inside a block header at byte %1$s (%2$s of its 8 "
			       "bytes)"), 0 },
	/* TRANSLATORS: %1$s bytes of the Section Header Block were there. */
	[CM_MAGIC_CUT] = { N_("the file ends before the byte-order magic (%1$s of the first 12 "
			      "bytes)"), 0 },
	/* TRANSLATORS: %1$s is the value found, in hexadecimal. */
	[CM_BAD_MAGIC] = { N_("byte-order magic %1$s is neither 0x1A2B3C4D nor its byte swap"),
			   0 },
	[CM_NOT_PCAPNG] = { N_("not a pcapng file: it does not start with a Section Header "
			       "Block"), 0 },
	/* TRANSLATORS: %1$s is the length the block says it has, %2$s the
	 * least a block of its type has. */
	[CM_LENGTH_SHORT] = { N_("block total length %1$s is less than the %2$s-byte minimum"),
			      0 },
	[CM_LENGTH_ALIGN] = { N_("block total length %1$s is not a multiple of 4"), 0 },
	/* TRANSLATORS: %1$s is the length the block says it has, %2$s the
	 * most tcpview reads (16 MiB, in bytes). */
	[CM_LENGTH_LONG] = { N_("block total length %1$s is more than the %2$s-byte (16 MiB) "
				"limit of one block"), 0 },
	/* TRANSLATORS: a block's length is written at its start and again
	 * at its end: %1$s is the one at its end, %2$s the one at its start. */
	[CM_LENGTH_TRAILER] = { N_("trailing block total length %1$s differs from the leading "
				   "%2$s"), 0 },
	[CM_SHB_SHORT] = { N_("too short for its fixed fields"), 0 },
	/* TRANSLATORS: %1$s.%2$s is the file's pcapng version (major, minor). */
	[CM_VERSION] = { N_("pcapng version %1$s.%2$s, only version 1 is read"), 0 },
	/* TRANSLATORS: %1$s is the block's length, %2$s the length of the
	 * fields every block of its type has. */
	[CM_FIXED_SHORT] = { N_("the block is %1$s bytes long, shorter than the %2$s bytes of "
				"its fixed fields"), 0 },
	/* TRANSLATORS: %1$s is an option's code, %2$s the length it says
	 * its value has. */
	[CM_OPTION_PAST] = { N_("option %1$s of %2$s bytes runs past the end of the block"), 0 },
	/* TRANSLATORS: %1$s is an option as the pcapng specification names
	 * it (if_tsresol), %2$s the length it has, %3$s the one it must
	 * have. */
	[CM_OPTION_LENGTH] = { N_("option %1$s has length %2$s, not %3$s"), 0 },
	[CM_IFACES_MAX] = { N_("more than %1$s interfaces in one section"), 0 },
	[CM_IFACES_OOM] = { N_("out of memory for %1$s interfaces"), 0 },
	/* TRANSLATORS: the subject is the packet block ("Enhanced Packet
	 * Block at byte 96: names interface 2, but ..."); %1$s is the
	 * interface's number. */
	[CM_IFACE_BEFORE_IDB] = { N_("names interface %1$s, but no Interface Description Block "
				     "came before it in its section"), 0 },
	/* TRANSLATORS: the subject is the packet block; %1$s is the
	 * interface's number, %2$s the last interface its section has. */
	[CM_IFACE_RANGE] = { N_("names interface %1$s, but its section describes only "
				"interfaces 0 to %2$s"), 0 },
	/* TRANSLATORS: the subject is the packet block; %1$s is the
	 * captured length it says, %2$s the bytes of packet data it has. */
	[CM_CAPLEN_LONG] = { N_("captured length %1$s is more than the %2$s bytes of packet data "
				"the block holds"), 0 },
	[CM_EMPTY] = { N_("the file is empty"), 0 },
	[CM_NO_IDB] = { N_("the file has no Interface Description Block"), 0 },
	[CM_PACKET_BEFORE_IDB] = { N_("a packet before any Interface Description Block"), 0 },

	[CM_PCAP_FORMAT] = { N_("unknown file format"), 0 },
	/* TRANSLATORS: libpcap's words: the file is shorter than a pcap
	 * file's header; %1$s bytes wanted, %2$s there. */
	[CM_PCAP_FILE_HEADER] = { N_("truncated dump file; tried to read %1$s file header "
				     "bytes, only got %2$s"), 0 },
	/* TRANSLATORS: libpcap's words: the file ends inside a packet
	 * record's header; %1$s bytes wanted, %2$s there. */
	[CM_PCAP_HEADER] = { N_("truncated dump file; tried to read %1$s header bytes, only "
				"got %2$s"), 0 },
	/* TRANSLATORS: libpcap's words: the file ends inside a packet's
	 * data; %1$s bytes wanted, %2$s there. */
	[CM_PCAP_DATA] = { N_("truncated dump file; tried to read %1$s captured bytes, only "
			      "got %2$s"), 0 },
	/* TRANSLATORS: libpcap's words: the pcapng file ends inside a
	 * block; %1$s bytes wanted, %2$s there. */
	[CM_PCAPNG_CUT] = { N_("truncated pcapng dump file; tried to read %1$s bytes, only got "
			       "%2$s"), 0 },
	/* TRANSLATORS: libpcap's words; %1$s is a link type's number. */
	[CM_PCAP_LINK_TYPE] = { N_("an interface has a type %1$s different from the type of the "
				   "first interface"), 0 },
	/* TRANSLATORS: libpcap's words; %1$s is a snapshot length in bytes. */
	[CM_PCAP_SNAPLEN] = { N_("an interface has a snapshot length %1$s different from the "
				 "snapshot length of the first interface"), 0 },
	[CM_PCAP_BYTE_ORDERS] = { N_("the file has sections with different byte orders"), 0 },
};

size_t capture_msg(char *buf, size_t cap, enum capture_msg m, const char *const *args,
		   size_t nargs)
{
	return msg_format(buf, cap, messages[m].msgid, args, nargs);
}

#define MAX_ARGS 5
#define MAX_DEPTH 3	/* a file's error, a block's, what is wrong with it */

/*
 * The message that explains most of the `len` bytes of `text` (args: where
 * its arguments stand), or -1 when none does; *score is how many of the
 * bytes are the messages' own words, the errors within counted too.
 */
static int best_message(const char *text, size_t len, int depth, struct msg_span *args,
			size_t *score)
{
	int found = -1;
	*score = 0;
	for (int m = 0; m < CAPTURE_MSGS; m++) {
		struct msg_span a[MAX_ARGS];
		if (!msg_match(messages[m].msgid, text, len, a, MAX_ARGS))
			continue;
		size_t s = len;
		for (int i = 0; i < MAX_ARGS; i++) {
			struct msg_span sub[MAX_ARGS];
			size_t inner;
			s -= a[i].len;
			if ((messages[m].nested & (1u << i)) && depth < MAX_DEPTH &&
			    best_message(text + a[i].off, a[i].len, depth + 1, sub, &inner) >= 0)
				s += inner;
		}
		if (found < 0 || s > *score) {
			found = m;
			*score = s;
			memcpy(args, a, sizeof(a));
		}
	}
	return found;
}

/* `len` bytes of `text` in tr's words into out (cap bytes, NUL-terminated). */
static size_t retell(char *out, size_t cap, const char *text, size_t len, int depth,
		     const char *(*tr)(const char *msgid))
{
	struct msg_span a[MAX_ARGS];
	size_t score;
	int m = depth <= MAX_DEPTH ? best_message(text, len, depth, a, &score) : -1;
	if (m < 0) {	/* as it is */
		if (len > cap - 1)
			len = cap - 1;
		memcpy(out, text, len);
		out[len] = '\0';
		return len;
	}
	char parts[MAX_ARGS][READER_ERRBUF * 2];
	const char *args[MAX_ARGS];
	for (int i = 0; i < MAX_ARGS; i++) {
		bool nested = messages[m].nested & (1u << i);
		retell(parts[i], sizeof(parts[i]), text + a[i].off, a[i].len,
		       nested ? depth + 1 : MAX_DEPTH + 1, tr);
		args[i] = parts[i];
	}
	return msg_format(out, cap, tr(messages[m].msgid), args, MAX_ARGS);
}

size_t reader_retell(char *out, size_t cap, const char *err,
		     const char *(*tr)(const char *msgid))
{
	if (cap == 0)
		return 0;
	return retell(out, cap, err, strlen(err), 1, tr);
}
