"""e2e_lib.py - what the end-to-end tests share: running vnsearch-index
and vnsearch as a user or a script would, and counting failed checks.
Imported by tests/e2e.py (the repository's data) and tests/e2e_corpus.py
(the real corpus in ../shared)."""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata


class Run:
    """The programs of one build directory and a temporary folder with
    the default index, DB."""

    def __init__(self, bindir, prefix):
        self.bin = bindir
        self.tmp = tempfile.mkdtemp(prefix=prefix)
        self.db = os.path.join(self.tmp, "db")
        self.failures = []

    def check(self, cond, what):
        print(("ok   " if cond else "FAIL ") + what, flush=True)
        if not cond:
            self.failures.append(what)
        return cond

    def index(self, *paths, db=None):
        return subprocess.run([os.path.join(self.bin, "vnsearch-index"),
                               "--db", db or self.db] + list(paths),
                              capture_output=True, text=True)

    def search(self, *args, db=None, stdin=None):
        return subprocess.run([os.path.join(self.bin, "vnsearch"), "--db",
                               db or self.db] + list(args),
                              capture_output=True, text=True, input=stdin)

    def search_json(self, query, *args, db=None):
        r = self.search("--json", *args, query, db=db)
        if r.returncode != 0:
            raise AssertionError("vnsearch %r failed: %s" % (query, r.stderr))
        return json.loads(r.stdout)

    def write(self, name, lines):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(l + "\n" for l in lines))
        return path

    def main(self, tests):
        """Run tests (the first one first: it builds the index the others
        read); a test that raises fails with its reason. Exits."""
        for fn in tests:
            try:
                fn()
            except Exception as e:
                self.check(False, "%s raised %r" % (fn.__name__, e))
        subprocess.run(["rm", "-rf", self.tmp])
        print("%d failure(s)" % len(self.failures))
        sys.exit(1 if self.failures else 0)


def tests_of(namespace, first):
    """first, then every other test_* function of namespace, by name."""
    return [first] + [fn for name, fn in sorted(namespace.items())
                      if name.startswith("test_") and callable(fn)
                      and fn is not first]


def ids(res):
    return [r["id"] for r in res["results"]]


def folded(s):
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d"))
