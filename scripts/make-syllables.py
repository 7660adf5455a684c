#!/usr/bin/env python3
"""make-syllables.py - build corpus/syllables.txt: for each syllable as typed
without diacritics, the accented syllables it may stand for.

Input: the term list of a vnsearch index of Vietnamese news, as printed by
`xapian-delve -a -v -1 DB` (all terms with their document frequencies,
one per line). Only
the unprefixed (exact) terms are used: lower-case words made of Vietnamese
letters, at most 7 letters long, seen in at least MIN_DOCS documents.
Output lines: folded form, a tab, the accented forms by falling frequency.
The list only says which readings exist; how likely each one is comes from
the searched index itself at query time.

Usage: xapian-delve -a -v -1 DB | scripts/make-syllables.py > corpus/syllables.txt
"""
import re
import sys
import unicodedata
from collections import defaultdict

MIN_DOCS = 3
LETTERS = ("aàáạảãâầấậẩẫăằắặẳẵbcdđeèéẹẻẽêềếệểễghiìíịỉĩklmnoòóọỏõôồốộổỗ"
           "ơờớợởỡpqrstuùúụủũưừứựửữvxyỳýỵỷỹ")
SYLLABLE = re.compile("^[%s]{1,7}$" % LETTERS)


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d"))


def main():
    groups = defaultdict(list)
    for line in sys.stdin:
        term, _, freq = line.rstrip("\n").rpartition(" ")
        if not SYLLABLE.match(term) or not freq.isdigit() or int(freq) < MIN_DOCS:
            continue
        groups[fold(term)].append((-int(freq), term))
    print("# syllable typed without marks<TAB>its accented readings, most")
    print("# frequent first; made by scripts/make-syllables.py")
    for f in sorted(groups, key=lambda s: s.encode()):
        forms = [t for _, t in sorted(groups[f])]
        if forms != [f]:
            print("%s\t%s" % (f, " ".join(forms)))


if __name__ == "__main__":
    main()
