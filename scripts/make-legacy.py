#!/usr/bin/env python3
"""make-legacy.py - write corpus/legacy-{tcvn3,viscii,cp1258}.tsv from the
glibc charmaps (/usr/share/i18n/charmaps, package locales or libc-bin).
Run by hand when a table needs remaking; the build only reads the .tsv.
corpus/legacy-vni.tsv is written by hand (VNI has no charmap)."""
import gzip, re, sys

def charmap(name):
    out = {}
    with gzip.open(f"/usr/share/i18n/charmaps/{name}.gz", "rt", encoding="latin-1") as f:
        for line in f:
            m = re.match(r"<U([0-9A-F]{4,})>(?:<U([0-9A-F]{4,})>)?\s+/x([0-9a-f]{2})\s", line)
            if m:
                cps = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
                out[int(m.group(3), 16)] = " ".join(c[-4:] if len(c) > 4 and c.startswith("0") else c for c in cps)
    return out

def write(enc, name, low, note):
    cm = charmap(name)
    with open(f"corpus/legacy-{enc}.tsv", "w") as f:
        f.write(f"# {enc}: byte<TAB>code points (hex), from glibc's {name} charmap;\n")
        f.write(f"# {note}\n# bytes not listed: below 0x80 themselves, above not in the encoding\n")
        for b in sorted(cm):
            cp = cm[b]
            if b < low or (b < 0x80 and cp == f"{b:04X}"):
                continue
            f.write(f"{b:02X}\t{cp}\n")

write("tcvn3", "TCVN5712-1", 0x80, "TCVN3 (ABC, VN3) is its upper half; C0 upper-case letters are VN1 only")
write("viscii", "VISCII", 0x00, "VISCII puts six upper-case letters in C0")
write("cp1258", "CP1258", 0x80, "Windows-1258: base letters plus combining tone marks (NFC afterwards)")
