#!/usr/bin/env python3
"""embed_css.py - turn a style sheet into a C include: the text as a
string literal (VNS_PAGE_CSS) and its CSP hash (VNS_PAGE_CSS_SHA256, the
base64 sha256 of exactly those bytes), so the page can inline it under a
Content-Security-Policy that allows no other style and no script.
Usage: embed_css.py IN.css OUT.inc
"""
import base64
import hashlib
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
digest = base64.b64encode(hashlib.sha256(data).digest()).decode()


def c_literal(b):
    out = []
    for line in b.split(b"\n"):
        esc = "".join(chr(c) if 32 <= c < 127 and c not in b'"\\?'
                      else "\\%03o" % c for c in line)
        out.append('"%s\\n"' % esc)
    if b.endswith(b"\n"):
        out.pop()
    else:
        out[-1] = out[-1][:-3] + '"'
    return "\n\t".join(out)


with open(dst + ".tmp", "w") as f:
    f.write("/* generated from %s by scripts/embed_css.py */\n" % src)
    f.write("#define VNS_PAGE_CSS \\\n\t%s\n" % c_literal(data).replace("\n", " \\\n"))
    f.write('#define VNS_PAGE_CSS_SHA256 "%s"\n' % digest)
os.replace(dst + ".tmp", dst)
