/*
 * narrate.h - an event told in plain words (say layer).
 *
 * narrate_event() writes the sentence a reader sees for one packet ("server
 * acknowledges the 78 bytes of frame 5 after 0.024 ms ...") into a caller's
 * buffer, from the event record alone: it decides no TCP rule.  The text
 * and JSON outputs both use it, so the wording lives in one place (and can
 * be translated there).  narrate_flag_letters() and narrate_flag_names()
 * are shared the same way.  Nothing here allocates.
 */
#ifndef TCPVIEW_SAY_NARRATE_H
#define TCPVIEW_SAY_NARRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpview/tcp/record.h"

#define NARRATE_MAX 1024

/*
 * The sentence for `ev`; returns its length (truncated to cap - 1).  With
 * `absolute_seq` the numbers it quotes are the raw ones.  It is printable
 * ASCII without '"' or '\\' unless it quotes application data
 * (ev->quote_len > 0): the JSON writer relies on this to skip escaping.
 */
size_t narrate_event(const struct tv_event *ev, bool absolute_seq, char *buf,
		     size_t cap);

/*
 * The sentence for an application record (app/record.h), the same way:
 * printable, with application text quoted and escaped ("\xNN").
 */
struct tv_app;
size_t narrate_app(const struct tv_app *a, char *buf, size_t cap);

/*
 * The words of the diagnosis (diagnose/record.h): a finding with its
 * evidence, a connection's verdict, the capture-wide verdict.
 */
struct tv_finding;
struct tv_diagnosis;
struct tv_capture_verdict;
size_t narrate_finding(const struct tv_finding *f, char *buf, size_t cap);
size_t narrate_verdict(const struct tv_diagnosis *d, char *buf, size_t cap);
size_t narrate_capture_verdict(const struct tv_capture_verdict *v, char *buf, size_t cap);
/* "connect 0.107 ms, request 0.051 ms, server wait 0.148 ms, ..." */
struct tv_phases;
size_t narrate_phases(const struct tv_phases *p, char *buf, size_t cap);

/* An encapsulation the decoders could not open, in words ("encrypted
 * 802.11 frames"), from its stable name (tv_packet.undecoded). */
const char *say_undecoded(const char *kind);

/* tcpdump's flag letters: "S", "S.", ".", "P.", "F.", "R." ... */
void narrate_flag_letters(uint16_t flags, char out[12]);
/* Flag names for the text column: "SYN", "SYN,ACK", "FIN,PSH,ACK" ...;
 * returns their length. */
size_t narrate_flag_names(uint16_t flags, char out[40]);

#endif
