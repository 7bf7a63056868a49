/*
 * nls.h - marks words made below the say layer for translation.
 *
 * Low-level primitive (util layer): nothing but a macro.  The decoders
 * and the application parsers say in a few English words why a packet or
 * a message is malformed ("TCP header cut short", "invalid status
 * code"); those words are stable values (JSON carries them as they are)
 * and, through N_(), messages of the catalog too: the say layer shows them
 * in the reader's language with _() (say/tr.h), where they meet a person.
 * The capture layer's errors are messages with placeholders, filled in
 * English: main.c tells them again through reader_retell() (reader.h).
 */
#ifndef TCPVIEW_UTIL_NLS_H
#define TCPVIEW_UTIL_NLS_H

#ifndef N_
#define N_(s) (s)
#endif

#endif
