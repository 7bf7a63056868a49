/*
 * tr.c - the reader's language: gettext, chosen once, looked up once per
 * message (say layer; see tr.h).
 *
 * gettext() searches the catalog each time it is called; a narration asks
 * for the same few messages for every packet, so each translation is kept
 * in a direct-mapped table keyed by the message's address (its string
 * literal's, which is the same at every call).  In English, with no
 * catalog to read, the message is its own translation and nothing is
 * looked up at all.
 *
 * --lang=ja must work on a machine without a Japanese locale: gettext
 * reads LANGUAGE whenever the message locale is not "C", and C.UTF-8 is a
 * locale every glibc has, so --lang sets LANGUAGE and, when LC_MESSAGES is
 * "C" or "POSIX", moves it to C.UTF-8.  Translations come as UTF-8
 * (bind_textdomain_codeset) whatever the locale's codeset.
 */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if ENABLE_NLS
#include <libintl.h>
#endif

#include "tcpview/say/tr.h"
#include "tcpview/util/fmt.h"
#include "tcpview/util/msg.h"

#define CACHE_SLOTS 4096	/* more than tcpview has messages */
#define POISON "\xe2\x98\xa0"	/* ☠ */
#define POISON_MAX 512

static bool translating;	/* a catalog is in use */
static bool poison;
static const char *language = "en";

/* Translations looked up, by the message's address; one per thread, since
 * the worker threads of -j narrate at once (run/parallel.c). */
static _Thread_local struct slot {
	const char *key;
	const char *value;
} cache[CACHE_SLOTS];

/* Poisoned translations, kept for the run (tests only). */
static _Thread_local char *poisoned[CACHE_SLOTS];

static size_t slot_of(const char *key)
{
	uintptr_t p = (uintptr_t)key;
	return (size_t)((p >> 3) ^ (p >> 15)) & (CACHE_SLOTS - 1);
}

static const char *poisoned_copy(size_t i, const char *s)
{
	if (poisoned[i] == NULL && (poisoned[i] = malloc(POISON_MAX)) == NULL)
		return s;
	fmt_format(poisoned[i], POISON_MAX, "%s%s", POISON, s);
	return poisoned[i];
}

/* The translation of `key` (gettext's own key: with a context, the
 * context, \004 and the message), or `fallback` when there is none. */
static const char *lookup(const char *key, const char *fallback)
{
	size_t i = slot_of(key);
	if (cache[i].key == key)
		return cache[i].value;
	const char *t = fallback;
#if ENABLE_NLS
	const char *g = dgettext(PACKAGE, key);
	if (g != key)
		t = g;
#endif
	if (poison)
		t = poisoned_copy(i, t);
	cache[i].key = key;
	cache[i].value = t;
	return t;
}

const char *say_tr(const char *msgid)
{
	return translating ? lookup(msgid, msgid) : msgid;
}

const char *say_trc(const char *ctx_msgid, const char *msgid)
{
	return translating ? lookup(ctx_msgid, msgid) : msgid;
}

const char *say_trn(const char *msgid, const char *plural, unsigned long n)
{
	if (!translating)
		return n == 1 ? msgid : plural;
	/* Plural rules are the catalog's (Japanese and Korean have one form);
	 * not kept, since the form depends on n. */
#if ENABLE_NLS
	const char *t = dngettext(PACKAGE, msgid, plural, n);
#else
	const char *t = n == 1 ? msgid : plural;
#endif
	return poison ? lookup(t, t) : t;
}

const char *say_language(void)
{
	return language;
}

#if ENABLE_NLS
/* The language gettext will use, from the environment as it reads it:
 * the first of LANGUAGE's list that tcpview has words in (gettext goes
 * down the list past languages without a catalog), else LC_MESSAGES. */
static const char *language_of_environment(void)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);
	if (messages == NULL || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
		return "en";	/* gettext ignores LANGUAGE in the C locale */
	const char *v = getenv("LANGUAGE");
	for (const char *p = v != NULL ? v : ""; *p != '\0';) {
		if (strncmp(p, "ja", 2) == 0 || strncmp(p, "ko", 2) == 0 || strncmp(p, "en", 2) == 0)
			return p;
		const char *colon = strchr(p, ':');
		if (colon == NULL)
			break;
		p = colon + 1;
	}
	return messages;
}
#endif

bool say_set_language(const char *lang, const char *localedir, char *err, size_t errlen)
{
	poison = getenv("TCPVIEW_POISON") != NULL && strcmp(getenv("TCPVIEW_POISON"), "1") == 0;
	memset(cache, 0, sizeof(cache));
	if (lang != NULL && strcmp(lang, "en") != 0 && strcmp(lang, "ja") != 0 &&
	    strcmp(lang, "ko") != 0) {
		fmt_format(err, errlen, "bad --lang '%s' (en, ja or ko)", lang);
		return false;
	}
#if ENABLE_NLS
	bindtextdomain(PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	if (lang != NULL) {
		/* --lang wins over the environment, on any machine. */
		setenv("LANGUAGE", lang, 1);
		const char *m = setlocale(LC_MESSAGES, NULL);
		if (m == NULL || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	const char *env = lang != NULL ? lang : language_of_environment();
	language = strncmp(env, "ja", 2) == 0 ? "ja" : strncmp(env, "ko", 2) == 0 ? "ko" : "en";
	translating = strcmp(language, "en") != 0 || poison;
#else
	(void)localedir;
	if (lang != NULL && strcmp(lang, "en") != 0) {
		fmt_format(err, errlen, "--lang=%s: this tcpview was built without "
			   "translations (configure --disable-nls)", lang);
		return false;
	}
	language = "en";
	translating = poison;
#endif
	return true;
}

/*
 * Messages taken apart once.  Messages are string literals or the
 * catalog's strings, which stay where they are for the run, so a
 * message's address names its pieces; a narration formats the same few
 * messages for every packet.  Not used for poisoned messages, whose
 * buffers are reused, nor for a message of more than FORMAT_PIECES
 * pieces (read as it goes).
 *
 * A set of FORMAT_WAYS entries per hash of the address, the newest first:
 * with one entry per hash, two messages a narration uses in turn that
 * happened to share it took each other's place on every packet (50,049
 * compiles in the first 100,000 packets of the bench capture, against 54,
 * once new strings had moved the others' addresses).
 */
#define FORMAT_SETS 128
#define FORMAT_WAYS 4
#define FORMAT_PIECES 20

static _Thread_local struct compiled {
	const char *msg;
	uint8_t n;
	bool ok;
	struct msg_piece piece[FORMAT_PIECES];
} compiled[FORMAT_SETS][FORMAT_WAYS];

static void compile(struct compiled *c, const char *msg)
{
	const char *p = msg;
	c->msg = msg;
	c->n = 0;
	c->ok = true;
	struct msg_piece pc;
	while (msg_next_piece(&p, &pc)) {
		if (c->n == FORMAT_PIECES) {
			c->ok = false;
			return;
		}
		c->piece[c->n++] = pc;
	}
}

size_t say_format(char *buf, size_t cap, const char *msg, const char *const *args,
		  size_t nargs)
{
	if (cap == 0)
		return 0;
	size_t n = 0;
	if (poison)
		return msg_format(buf, cap, msg, args, nargs);
	uintptr_t key = (uintptr_t)msg;
	struct compiled *set = compiled[((key >> 3) ^ (key >> 12)) % FORMAT_SETS];
	struct compiled *c = NULL;
	for (unsigned w = 0; w < FORMAT_WAYS && c == NULL; w++)
		if (set[w].msg == msg)
			c = &set[w];
	if (c == NULL) {	/* the oldest of the set makes room */
		memmove(&set[1], &set[0], (FORMAT_WAYS - 1) * sizeof(*set));
		c = &set[0];
		compile(c, msg);
	}
	if (!c->ok)
		return msg_format(buf, cap, msg, args, nargs);
	for (unsigned i = 0; i < c->n; i++)
		n = msg_put_piece(buf, cap, n, &c->piece[i], args, nargs);
	buf[n] = '\0';
	return n;
}
