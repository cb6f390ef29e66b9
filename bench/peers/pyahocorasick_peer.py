#!/usr/bin/python3
"""pyahocorasick peer of bench/peers.sh (issue #6): Debian python3-ahocorasick.

    /usr/bin/python3 bench/peers/pyahocorasick_peer.py [--once] GAZETTEER TEXT

Every surface form of the gazetteer (parole's TSV: id, type, name, aliases
separated by |) is normalised (lower case, accents removed) and put in an
Aho-Corasick automaton; the text gets the same normalisation, one character for
one character so that offsets stay those of the text, and each match counts
when it is a whole word (no letter or digit right before or after), overlapping
matches included. Prints the line every peer prints, and a second one for the
automaton alone (no normalisation, no word test), the figure the issue quotes
as "the automaton alone":

    pyahocorasick MB/s=... matches=... build_s=... rss_mb=...
    pyahocorasick-automaton MB/s=... matches=... build_s=... rss_mb=...

MB/s counts the UTF-8 bytes of the text. Runs with Debian's /usr/bin/python3
(the package is not on other interpreters' paths).

With --once, the script is the whole process that bench/peers.sh times from
outside (its pyahocorasick-process row, to compare with the whole `parole
extract` process): the automaton built, the text read, folded and matched
once, nothing else; it prints the matches only.
"""
import resource
import sys
import time
import unicodedata

import ahocorasick


def fold_char(c):
    """One character for one: lower case, accents dropped (é -> e, Ï -> i)."""
    low = c.lower()
    if len(low) != 1:
        low = c
    base = unicodedata.normalize("NFKD", low)
    return base[0] if base and unicodedata.category(base[0])[0] in "LN" else low


class Folder(dict):
    """str.translate table built lazily, one entry per distinct character."""

    def __missing__(self, code):
        self[code] = fold_char(chr(code))
        return self[code]


FOLD = Folder()


def fold(s):
    return s.translate(FOLD)


def forms(path):
    seen = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            names = [fields[2]] + (fields[3].split("|") if len(fields) > 3 and fields[3] else [])
            for n in names:
                key = fold(n)
                if key and key not in seen:
                    seen.add(key)
                    yield key


def is_word(c):
    return c.isalnum()


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def whole_word_matches(auto, text):
    norm = fold(text)
    n = len(norm)
    count = 0
    for end, length in auto.iter(norm):
        start = end - length + 1
        if (start == 0 or not is_word(norm[start - 1])) and (end + 1 >= n or not is_word(norm[end + 1])):
            count += 1
    return count


def main():
    args = sys.argv[1:]
    once = args[:1] == ["--once"]
    if once:
        args = args[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    auto = ahocorasick.Automaton()
    for key in forms(args[0]):
        auto.add_word(key, len(key))
    auto.make_automaton()
    build_s = time.perf_counter() - t0
    with open(args[1], encoding="utf-8") as f:
        text = f.read()
    if once:
        print("pyahocorasick-process matches=%d" % whole_word_matches(auto, text))
        return 0
    nbytes = len(text.encode("utf-8"))

    best = None
    matches = 0
    for _ in range(2):
        t1 = time.perf_counter()
        count = whole_word_matches(auto, text)
        seconds = time.perf_counter() - t1
        if best is None or seconds < best:
            best, matches = seconds, count
    print("pyahocorasick MB/s=%.1f matches=%d build_s=%.3f rss_mb=%.0f" % (nbytes / 1e6 / best, matches, build_s,
                                                                          rss_mb()))
    norm = fold(text)
    t2 = time.perf_counter()
    raw = sum(1 for _ in auto.iter(norm))
    seconds = time.perf_counter() - t2
    print("pyahocorasick-automaton MB/s=%.1f matches=%d build_s=%.3f rss_mb=%.0f" % (nbytes / 1e6 / seconds, raw,
                                                                                    build_s, rss_mb()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
