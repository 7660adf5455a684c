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


# ---- checks both end-to-end suites run, each on its own data ----------
# R is the suite's Run, text_of(id) the text of one of its documents.

def unaccented_finds_accented(R, text_of, pairs):
    """Each unaccented query of pairs finds, in its top 5, only documents
    naming the place as written."""
    for q, name in pairs:
        top = ids(R.search_json(q))[:5]
        R.check(len(top) == 5 and all(name in text_of(i) for i in top),
                "'%s' finds documents containing '%s'" % (q, name))


def did_you_mean_restores_diacritics(R):
    res = R.search_json("dong thap")
    R.check(res.get("did_you_mean") == "Đồng Tháp",
            "--json 'dong thap': did_you_mean 'Đồng Tháp' (got %r)"
            % res.get("did_you_mean"))
    r = R.search("dong thap")
    R.check(r.returncode == 0 and "Did you mean: Đồng Tháp\n" in r.stdout,
            "text output of 'dong thap' prints 'Did you mean: Đồng Tháp'")
    res = R.search_json("Đồng Tháp")
    R.check("did_you_mean" in res and res["did_you_mean"] is None,
            "--json 'Đồng Tháp' (accented): did_you_mean is null")
    r = R.search("Đồng Tháp")
    R.check("Did you mean" not in r.stdout,
            "text output of an accented query has no 'Did you mean'")


def exact_form_ranks_first(R, text_of, min_readings):
    """'đường' lists every document with the exact form before any that
    has it only folded; 'duong' matches min_readings readings or more."""
    res = R.search_json("đường", "--limit", "100")
    has_exact = ["đường" in unicodedata.normalize("NFC", text_of(i).lower())
                 for i in ids(res)]
    first_folded = has_exact.index(False) if False in has_exact \
        else len(has_exact)
    R.check(True not in has_exact[first_folded:] and first_folded > 0,
            "'đường' ranks every exact match (%d of %d shown) above "
            "'dương'/'đương'-only documents" % (first_folded, len(has_exact)))
    res = R.search_json("duong", "--limit", "100")
    readings = {w for w in (w.strip(".,;:()\"'") for i in ids(res)
                            for w in text_of(i).lower().split())
                if folded(w) == "duong"}
    R.check(len(readings) >= min_readings,
            "unaccented 'duong' matches several readings (%s)"
            % ", ".join(sorted(readings)))


def json_contract(R, docs, query):
    """--json of query (two syllables): the contract's keys and fields,
    highlights on the query's words, the same list twice."""
    r = R.search("--json", "--limit", "3", query)
    res = json.loads(r.stdout)
    R.check(set(res) >= {"query", "total", "offset", "results"},
            "--json has query, total, offset, results")
    row = res["results"][0]
    R.check(set(row) >= {"rank", "id", "title", "title_derived", "url",
                         "date", "source", "score", "snippet", "highlights"},
            "each result has the contract's fields")
    R.check(all(i in docs for i in ids(res)), "--json ids are the input ids")
    words = folded(query).split()
    R.check(row["highlights"] and all(
        folded(row["snippet"][s:e]) in words + [" ".join(words)]
        for s, e in row["highlights"]),
            "highlights are code-point spans of the matched words "
            "(the two syllables as one where they stand together)")
    again = R.search_json(query, "--limit", "3")
    R.check(ids(again) == ids(res), "the same query gives the same list")


def batch_reads_as_single(R, queries):
    """A batch keeps the index open from one query to the next: the same
    results as a process per search."""
    r = R.search("--batch", "-", "--json", "--limit", "20",
                 stdin="\n".join(queries) + "\n")
    out = [json.loads(l) for l in r.stdout.splitlines()]
    single = [R.search_json(q, "--limit", "20") for q in queries]
    R.check(r.returncode == 0 and len(out) == len(queries)
            and all(o["results"] == s["results"] and o["total"] == s["total"]
                    and s["results"] for o, s in zip(out, single)),
            "--batch: the same results as one search at a time")
