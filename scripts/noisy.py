#!/usr/bin/env python3
"""noisy.py - seeded noisy variants of evaluation queries, as people type.

Reads query files (JSON Lines with a "query" field) and writes the same
queries with one kind of noise; every other field (qid, relevant, grade,
filters) is kept, so scripts/eval.py scores them against the same
judgements. The filters are not touched: they are picked from a list.

Kinds of noise (--kind):
  telex        every word typed with diacritics is typed in Telex with the
               input method off: â ê ô -> aa ee oo, ă -> aw, ơ ư -> ow uw,
               đ -> dd, tones s f r x j; the tone letter goes at the end of
               the word (3 in 4) or right after the vowel that carries it
               (1 in 4); "ươ" is "uow" or "uwow" (1 in 2).
  vni          the same with VNI digits: 6 (circumflex), 8 (breve),
               7 (horn), 9 (đ), tones 1 2 3 4 5, at the end of the word.
  typo         one typing slip in one word of 4 letters or more (chosen
               at random among them, letters only): a letter left out, a
               neighbouring key's letter put in or typed instead (QWERTY
               neighbours), or two letters swapped, each 1 in 4. A
               letter with diacritics that is replaced or left out loses
               them. Queries without such a word are kept as they are.
  typo-nodiac  the query without any diacritics (đ -> d), then one typo.
  nodiac       the query without any diacritics.

The random generator is Python's random.Random(seed + line number), so
each query's noise depends on the seed and the query only (default seed
20). The same seed and input always give the same output.

Usage: scripts/noisy.py --kind telex [--seed 20] IN.jsonl > OUT.jsonl
"""
import argparse
import json
import random
import re
import sys
import unicodedata

TONES_TELEX = {"\u0301": "s", "\u0300": "f", "\u0309": "r",
               "\u0303": "x", "\u0323": "j"}
TONES_VNI = {"\u0301": "1", "\u0300": "2", "\u0309": "3",
             "\u0303": "4", "\u0323": "5"}
SHAPES_TELEX = {"\u0302": None, "\u0306": "w", "\u031b": "w"}
SHAPES_VNI = {"\u0302": "6", "\u0306": "8", "\u031b": "7"}

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbours(c):
    """Letters next to c on a QWERTY keyboard (same row and the rows
    above and below, offset by at most one key)."""
    c = c.lower()
    for r, row in enumerate(KEYBOARD):
        i = row.find(c)
        if i < 0:
            continue
        out = []
        for dr in (-1, 0, 1):
            if 0 <= r + dr < len(KEYBOARD):
                other = KEYBOARD[r + dr]
                for j in (i - 1, i, i + 1):
                    if 0 <= j < len(other) and other[j] != c:
                        out.append(other[j])
        return out
    return list("aeiou")


def strip_marks(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    d = unicodedata.normalize("NFD", s)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in d if not unicodedata.combining(ch)))


def encode_word(word, rng, vni):
    """word in Telex (or VNI) keystrokes, without the input method."""
    if strip_marks(word) == word:
        return word
    tones = TONES_VNI if vni else TONES_TELEX
    out = []
    tone = None
    tone_at = None
    for ch in word:
        if ch in "đĐ":
            out.append(ch.replace("đ", "d").replace("Đ", "D")
                       + ("9" if vni else ("d" if ch == "đ" or rng.random() < 0.5 else "D")))
            continue
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        piece = base
        for m in marks:
            if m in tones:
                tone = tones[m]
            elif vni:
                piece += SHAPES_VNI.get(m, "")
            elif m == "\u0302":
                piece += base.lower() if base.islower() or rng.random() < 0.5 else base
            elif m in SHAPES_TELEX:
                piece += "w"
        if any(m in tones for m in marks):
            tone_at = len(out)
        out.append(piece)
    s = "".join(out)
    if not vni and "uwow" in s.lower() and rng.random() < 0.5:
        i = s.lower().find("uwow")
        s = s[:i + 1] + s[i + 2:]
    if tone:
        if not vni and tone_at is not None and rng.random() < 0.25:
            cut = len("".join(out[:tone_at + 1]))
            if not vni and "uwow" in "".join(out).lower() and len(s) < len("".join(out)):
                cut -= 1
            s = s[:cut] + tone + s[cut:]
        else:
            s = s + tone
    return s


def telex(query, rng, vni=False):
    out = []
    for w in query.split(" "):
        # punctuation around a word stays where it is
        m = re.match(r"^(\W*)(.*?)(\W*)$", w)
        out.append(m.group(1) + encode_word(m.group(2), rng, vni) + m.group(3))
    return " ".join(out)


def typo_word(word, rng):
    letters = [i for i, ch in enumerate(word)]
    op = rng.randrange(4)
    i = rng.choice(letters)
    base = strip_marks(word[i]).lower()
    if op == 0 and len(word) > 1:
        return word[:i] + word[i + 1:]
    if op == 1:
        return word[:i] + rng.choice(neighbours(base)) + word[i:]
    if op == 2:
        return word[:i] + rng.choice(neighbours(base)) + word[i + 1:]
    if i + 1 >= len(word):
        i -= 1
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def typo(query, rng):
    words = query.split(" ")
    cands = [i for i, w in enumerate(words)
             if len(w) >= 4 and all(ch.isalpha() for ch in w)]
    if not cands:
        return query
    i = rng.choice(cands)
    words[i] = typo_word(words[i], rng)
    return " ".join(words)


def noisy(query, kind, rng):
    if kind == "telex":
        return telex(query, rng)
    if kind == "vni":
        return telex(query, rng, vni=True)
    if kind == "typo":
        return typo(query, rng)
    if kind == "typo-nodiac":
        return typo(strip_marks(query), rng)
    if kind == "nodiac":
        return strip_marks(query)
    raise ValueError(kind)


KINDS = ("telex", "vni", "typo", "typo-nodiac", "nodiac")


def transform(lines, kind, seed):
    """The noisy version of each JSON line of lines (a list of str)."""
    out = []
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        q = json.loads(line)
        rng = random.Random(seed * 1000003 + n)
        q["query"] = noisy(unicodedata.normalize("NFC", q["query"]), kind, rng)
        out.append(json.dumps(q, ensure_ascii=False))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", choices=KINDS, required=True)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("input")
    a = ap.parse_args()
    with open(a.input, encoding="utf-8") as f:
        for line in transform(f.readlines(), a.kind, a.seed):
            sys.stdout.write(line + "\n")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(1)
