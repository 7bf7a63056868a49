/*
 * tr.h - messages in the reader's language (say layer, SPEC §13).
 *
 * Every word a person reads goes through here: _() a message, C_() a
 * message with a context that tells a translator which sense is meant
 * (C_("role", "client")), Q_() a message with plural forms, N_() marks a
 * message translated later (a table of words).  xgettext collects them
 * (po/Makevars); a translation is a whole sentence whose numbered
 * placeholders (%1$s, %2$s) it may reorder: sb_msg() in the say layer and
 * say_format() elsewhere fill them.  Numbers are formatted in the C locale
 * by the caller and pasted in as strings, whatever the language: "6379 <<
 * 6 = 408256" reads the same in every one.
 *
 * Machine output never comes here: JSON keys, labels, codes and enum
 * values are stable names (tcp/names.h and friends).  TCPVIEW_POISON=1 in
 * the environment makes every translated message start with "\xe2\x98\xa0"
 * (tests/i18n.py proves the JSON is unchanged by it).
 *
 * The translations are looked up once per message and kept (a small
 * table keyed by the message's address), so a sentence told for every
 * packet costs no catalog search; in English nothing is looked up at all.
 */
#ifndef TCPVIEW_SAY_TR_H
#define TCPVIEW_SAY_TR_H

#include <stdbool.h>
#include <stddef.h>

#include "tcpview/util/msg.h"	/* MSG_ARGS() */
#include "tcpview/util/nls.h"	/* N_() */

/* The language, chosen once before any output: "en", "ja" or "ko" (the
 * --lang option), or NULL to follow LANGUAGE, LC_ALL, LC_MESSAGES and
 * LANG as gettext does.  `localedir` is where the catalogs are (NULL:
 * the installed ones).  False, with a message in err, for a language
 * tcpview has no catalog for. */
bool say_set_language(const char *lang, const char *localedir, char *err, size_t errlen);
/* "en", "ja" or "ko": the language the words are in. */
const char *say_language(void);

const char *say_tr(const char *msgid);
const char *say_trc(const char *ctx_msgid, const char *msgid);
const char *say_trn(const char *msgid, const char *plural, unsigned long n);

#define _(s) say_tr(s)
#define C_(ctx, s) say_trc(ctx "\004" s, s)
#define NC_(ctx, s) (s)
#define Q_(s, p, n) say_trn((s), (p), (n))

/*
 * Writes `msg` into buf (cap bytes, cut at cap - 1, NUL-terminated) with
 * each %N$s (N = 1..9) replaced by args[N-1] and %% by %; returns the
 * length.  The placeholders of a translation may come in any order.
 */
size_t say_format(char *buf, size_t cap, const char *msg, const char *const *args,
		  size_t nargs);
#define SAY_ARGS(...) MSG_ARGS(__VA_ARGS__)

#endif
