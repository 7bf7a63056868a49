#!/usr/bin/env python3
"""The languages (SPEC §13): catalogs complete, words faithful, machine output stable.

1. `msgfmt -c --statistics` on po/ja.po and po/ko.po: every message
   translated, none fuzzy, every c-format placeholder kept.
2. Glossary: in each translation, every protocol word of the English
   message (SYN, ACK, FIN, RST, MSS, RTT, SACK, SNI, ALPN, HPACK,
   WINDOW_UPDATE and the other all-capital words), every number and every
   numbered placeholder appears again.
3. JSON: for every sample, --json under --lang=ja and --lang=ko equals the
   English one in everything but the sentences ("text", and a connection's
   "verdict", SPEC §10): keys, labels, codes, enum values and numbers never
   change with the language.
4. Poison: with TCPVIEW_POISON=1 every message from the catalog starts with
   a skull; in --json no key and no value other than the sentences has one, while
   the text story has (so the test would see a leak).
5. Golden stories in Japanese and Korean (tests/golden/NAME.LANG.txt,
   80 columns) for a few samples, and every line of them within 80
   display columns.
6. Errors: a capture cut short, a file that is no capture, the same file
   twice and a bad option before --lang are told on stderr in the
   language, with no English word of theirs left (the reader's and
   pcapng's messages are English values that main.c tells again); the
   exit status is the English one, and JSON's "error" stays English.

Environment: TCPVIEW, SRCDIR; TCPVIEW_LOCALEDIR (the built catalogs).
REGEN=1 rewrites the golden stories (read the diff).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

from tally import Tally

TCPVIEW = os.environ.get("TCPVIEW", "./tcpview")
SRCDIR = os.environ.get("SRCDIR", ".")
ENV = dict(os.environ, TZ="UTC")
ENV.pop("LANGUAGE", None)
ENV["LC_ALL"] = "C"
LANGS = ("ja", "ko")
GOLDEN = ("http", "loss", "websocket-full", "tls-alert", "dns-http", "refused")
SKULL = "\u2620"
# Words that stay as the protocols spell them (SPEC §13).
PROTOCOL = re.compile(r"\b(?:[A-Z][A-Z0-9_]{1,}(?:-[A-Z]+)?|TSval|TSecr)\b")
NUMBER = re.compile(r"(?<![%\w$])\d+(?:\.\d+)?")
PLACEHOLDER = re.compile(r"%\d\$s")


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in line)


def run(args, env=None):
    p = subprocess.run([TCPVIEW, "--color=never", *args], capture_output=True, text=True,
                       env=env or ENV)
    return p.stdout


def catalog(po):
    """{msgid: {form: msgstr}} of a .po (msgid with its context as
    "ctx\\x04msgid"), through msgfmt and Python's own .mo reader."""
    import gettext
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".mo") as mo:
        subprocess.run(["msgfmt", "-o", mo.name, po], check=True)
        with open(mo.name, "rb") as f:
            t = gettext.GNUTranslations(f)
    out = {}
    for key, val in t._catalog.items():
        if not key:
            continue
        if isinstance(key, tuple):
            msgid, idx = key
            out.setdefault(msgid, {})[idx] = val
        else:
            out.setdefault(key, {})[0] = val
    return out


def main():
    tally = Tally()
    check = tally.check

    nls = subprocess.run([TCPVIEW, "--lang=ja", "--version"], capture_output=True, env=ENV)
    if nls.returncode != 0:
        print("SKIP: this tcpview was built without translations")
        return 77
    po_dir = os.path.join(SRCDIR, "po")
    msgfmt = shutil.which("msgfmt")
    for lang in LANGS:
        po = os.path.join(po_dir, f"{lang}.po")
        if msgfmt:
            p = subprocess.run([msgfmt, "-c", "--statistics", "-o", os.devnull, po],
                               capture_output=True, text=True, env=dict(ENV, LC_ALL="C"))
            stats = (p.stderr + p.stdout).strip()
            check(p.returncode == 0, f"{lang}.po: msgfmt -c failed: {stats}")
            check(re.fullmatch(r"\d+ translated messages?\.", stats) is not None,
                  f"{lang}.po: not all translated: {stats}")
        if not msgfmt:
            continue
        for msgid, forms in catalog(po).items():
            src = msgid.split("\x04")[-1]
            for i, t in forms.items():
                for w in set(PROTOCOL.findall(src)):
                    check(w in t, f"{lang}.po: {w!r} of {src!r} is not in {t!r}")
                for n in set(NUMBER.findall(src)):
                    check(n in t, f"{lang}.po: {n!r} of {src!r} is not in {t!r}")
                for ph in set(PLACEHOLDER.findall(src)):
                    check(ph in t, f"{lang}.po: {ph} of {src!r} is not in {t!r}")

    samples = sorted(os.listdir(os.path.join(SRCDIR, "samples")))
    samples = [s for s in samples if s.endswith((".pcap", ".pcapng"))]

    def words(key, value):
        """The members that are sentences for people: "text", and a
        connection's "verdict" (SPEC §10: the sentence)."""
        return key == "text" or (key == "verdict" and isinstance(value, str))

    def strip_text(o):
        if isinstance(o, dict):
            return {k: strip_text(v) for k, v in o.items() if not words(k, v)}
        if isinstance(o, list):
            return [strip_text(v) for v in o]
        return o

    for s in samples:
        path = os.path.join(SRCDIR, "samples", s)
        en = json.loads(run(["--json", path]))
        for lang in LANGS:
            other = json.loads(run(["--json", f"--lang={lang}", path]))
            check(strip_text(other) == strip_text(en),
                  f"{s}: --lang={lang} changes JSON beyond the text members")

    # Poison: only "text" may carry what came from the catalog.
    penv = dict(ENV, TCPVIEW_POISON="1")

    def leaks(o, where="$"):
        out = []
        if isinstance(o, dict):
            for k, v in o.items():
                if SKULL in k:
                    out.append(f"{where} key {k!r}")
                if not words(k, v):
                    out += leaks(v, f"{where}.{k}")
        elif isinstance(o, list):
            for i, v in enumerate(o):
                out += leaks(v, f"{where}[{i}]")
        elif isinstance(o, str) and SKULL in o:
            out.append(f"{where} = {o[:60]!r}")
        return out

    for s in samples:
        path = os.path.join(SRCDIR, "samples", s)
        poisoned = json.loads(run(["--json", path], penv))
        bad = leaks(poisoned)
        check(not bad, f"{s}: catalog words in machine JSON: {bad[:3]}")
    story = run([os.path.join(SRCDIR, "samples", "http.pcap")], penv)
    check(SKULL in story, "poison: the text story shows no catalog message (test is blind)")

    golden = os.path.join(SRCDIR, "tests", "golden")
    for name in GOLDEN:
        path = os.path.join(SRCDIR, "samples", name + ".pcap")
        for lang in LANGS:
            out = run(["--width=80", f"--lang={lang}", path])
            gpath = os.path.join(golden, f"{name}.{lang}.txt")
            if os.environ.get("REGEN") == "1":
                with open(gpath, "w", encoding="utf-8") as f:
                    f.write(out)
            try:
                with open(gpath, encoding="utf-8") as f:
                    want = f.read()
            except OSError:
                want = None
            check(out == want, f"{name}: --lang={lang} differs from {gpath}")
            wide = [l for l in out.splitlines() if width(l) > 80]
            check(not wide, f"{name}: --lang={lang}: {len(wide)} lines over 80 columns: "
                  f"{wide[:1]}")
    with tempfile.TemporaryDirectory() as tmp:
        http = os.path.join(SRCDIR, "samples", "http.pcap")
        cut = os.path.join(tmp, "cut.pcap")
        with open(http, "rb") as f, open(cut, "wb") as g:
            g.write(f.read()[:1000])
        text = os.path.join(tmp, "text.pcap")
        with open(text, "w") as f:
            f.write("this is not a capture\n")
        cases = [([cut], ["packet", "truncated", "captured bytes"]),
                 ([text], ["not a readable", "unknown file format"]),
                 ([http, http], ["given twice"]),
                 (["--time=later", http], ["bad --time"])]

        def errors(args, lang):
            p = subprocess.run([TCPVIEW, "--color=never", *args, f"--lang={lang}"],
                               capture_output=True, text=True, env=ENV)
            return p.returncode, p.stderr

        for args, english in cases:
            code, err = errors(args, "en")
            check(all(w in err for w in english), f"{args}: English stderr is {err!r}")
            for lang in LANGS:
                lcode, lerr = errors(args, lang)
                check(lcode == code, f"{args}: --lang={lang} exits {lcode}, English {code}")
                left = [w for w in english if w in lerr]
                check(lerr.strip() and not left,
                      f"{args}: --lang={lang}: English {left} in {lerr!r}")
        en = json.loads(run(["--json", cut]))
        check(en["inputs"][0].get("error", "").startswith(cut + ": packet "),
              f"cut.pcap: JSON error is {en['inputs'][0].get('error')!r}")
        for lang in LANGS:
            other = json.loads(run(["--json", f"--lang={lang}", cut]))
            check(other["inputs"][0].get("error") == en["inputs"][0].get("error"),
                  f"cut.pcap: --lang={lang} changes JSON's error")
    return tally.finish()


if __name__ == "__main__":
    sys.exit(main())
