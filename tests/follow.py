#!/usr/bin/env python3
"""follow.py - following a topic: the page's Atom feed, JSON and
OpenSearch answers, related articles (--like, like=) on one index, on
shards and on shards served by xapian-tcpsrv, and what is new since a time
(--added-since).

Uses only data in the repository (corpus/sample) and records written
here: copies of a sample article under other ids, a record full of
characters that XML and JSON must escape, and one record indexed after
the others. The page is vnsearch.cgi run as a web server runs it (its
CGI environment); the browser side is in tests/web.py.
Usage: tests/follow.py BUILD_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import tcpsrv

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "corpus", "sample", "bulletins.jsonl")
BIN = sys.argv[1] if len(sys.argv) > 1 else "build"
TMP = tempfile.mkdtemp(prefix="vns-follow-")
ATOM = "{http://www.w3.org/2005/Atom}"
OS = "{http://a9.com/-/spec/opensearch/1.1/}"
NASTY = "Tin <b>\"nóng\"</b> & 'lạ' ]]> \u0001 \u2028 cuối"
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def records():
    with open(SAMPLE, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def write(path, recs):
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def index(db, path, *opts):
    r = subprocess.run([os.path.join(BIN, "vnsearch-index"), "--quiet",
                        "--db", db] + list(opts) + [path],
                       capture_output=True, text=True)
    check(r.returncode == 0, "vnsearch-index %s %s: exit %d %s"
          % (" ".join(opts), os.path.basename(path), r.returncode,
             r.stderr.strip()[:200]))


def vnsearch(db, *args):
    return subprocess.run([os.path.join(BIN, "vnsearch"), "--db", db]
                          + list(args), capture_output=True, text=True,
                          timeout=120)


def ids_of(out):
    return [r["id"] for r in json.loads(out)["results"]]


def cgi(db, qs, **env):
    e = {"REQUEST_METHOD": "GET", "QUERY_STRING": qs, "VNSEARCH_DB": db,
         "SERVER_NAME": "vnsearch.example", "SERVER_PORT": "8080",
         "SCRIPT_NAME": "/search", "PATH": os.environ.get("PATH", "")}
    e.update(env)
    r = subprocess.run([os.path.join(BIN, "vnsearch.cgi")], env=e,
                       capture_output=True, timeout=60)
    head, _, body = r.stdout.partition(b"\r\n\r\n")
    headers = {}
    lines = head.decode().split("\r\n")
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    status = int(lines[0].split()[1]) if lines[0].startswith("Status:") else 0
    return status, headers, body


# ---- the page's answers ----------------------------------------------------

def test_atom(db):
    status, h, body = cgi(db, "q=xu%E1%BA%A5t+kh%E1%BA%A9u&format=atom")
    check(status == 200 and h.get("content-type") ==
          "application/atom+xml; charset=utf-8",
          "atom: 200 with application/atom+xml; charset=utf-8 (%s)"
          % h.get("content-type"))
    feed = ET.fromstring(body)
    check(feed.tag == ATOM + "feed" and feed.find(ATOM + "id") is not None
          and feed.find(ATOM + "updated") is not None,
          "atom: a feed with its id and updated time")
    entries = feed.findall(ATOM + "entry")
    check(0 < len(entries) <= 50, "atom: 1 to 50 entries (%d)" % len(entries))
    whole = all(e.find(ATOM + x) is not None and
                (e.find(ATOM + x).text or e.find(ATOM + x).get("href"))
                for e in entries for x in ("id", "title", "link", "updated"))
    check(whole, "atom: every entry has id, title, link and updated")
    times = [e.find(ATOM + "updated").text for e in entries]
    check(times == sorted(times, reverse=True),
          "atom: entries newest first %s" % times)
    check(all(e.find(ATOM + "id").text.startswith("tag:") for e in entries),
          "atom: entry ids are tag: URIs")
    cats = [c.get("term") for e in entries for c in e.findall(ATOM + "category")]
    check(len(cats) > 0, "atom: entries carry categories (%s)" % cats[:4])
    self_link = [l.get("href") for l in feed.findall(ATOM + "link")
                 if l.get("rel") == "self"]
    check(self_link and self_link[0].startswith(
        "http://vnsearch.example:8080/search?") and "format=atom" in
        self_link[0], "atom: an absolute self link %s" % self_link)
    # the same document keeps its entry id from feed to feed
    _, _, again = cgi(db, "q=xu%E1%BA%A5t+kh%E1%BA%A9u&format=atom&sort=date")
    first = {e.find(ATOM + "id").text for e in entries}
    second = {e.find(ATOM + "id").text for e in
              ET.fromstring(again).findall(ATOM + "entry")}
    check(first == second, "atom: entry ids are stable")
    return h.get("etag")


def test_etag(db, etag):
    qs = "q=xu%E1%BA%A5t+kh%E1%BA%A9u&format=atom"
    check(bool(etag), "atom: an ETag (%s)" % etag)
    status, h, body = cgi(db, qs, HTTP_IF_NONE_MATCH=etag)
    check(status == 304 and not body and h.get("etag") == etag,
          "atom: If-None-Match with the ETag gets 304 and no body")
    status, h, _ = cgi(db, qs, HTTP_IF_NONE_MATCH='"other"')
    check(status == 200, "atom: another ETag gets the feed")
    _, h2, _ = cgi(db, "q=c%C3%A0+ph%C3%AA&format=atom")
    check(h2.get("etag") != etag, "atom: another request, another ETag")


def test_json(db):
    status, h, body = cgi(db, "q=xu%E1%BA%A5t+kh%E1%BA%A9u&format=json")
    cli = vnsearch(db, "--json", "xuất khẩu")
    check(status == 200 and h.get("content-type") == "application/json",
          "json: 200 with application/json (%s)" % h.get("content-type"))
    page = json.loads(body)
    want = json.loads(cli.stdout)
    check(ids_of(body) == ids_of(cli.stdout) and len(page["results"]) > 0,
          "json: the ids of vnsearch --json (%s)" % ids_of(body))
    check(page["results"] == want["results"] and
          page["total"] == want["total"],
          "json: the same object as vnsearch --json")


def test_opensearch(db):
    status, h, body = cgi(db, "format=opensearch")
    check(status == 200 and h.get("content-type", "").startswith(
        "application/opensearchdescription+xml"),
        "opensearch: 200 with its content type (%s)" % h.get("content-type"))
    d = ET.fromstring(body)
    urls = {u.get("type"): u.get("template") for u in d.findall(OS + "Url")}
    check(d.tag == OS + "OpenSearchDescription" and
          d.find(OS + "ShortName") is not None,
          "opensearch: an OpenSearch 1.1 description")
    for t in ("text/html", "application/atom+xml", "application/json"):
        check("{searchTerms}" in (urls.get(t) or "") and
              urls[t].startswith("http://vnsearch.example:8080/search?"),
              "opensearch: a %s Url template with {searchTerms}" % t)


def test_html_links(db):
    status, h, body = cgi(db, "q=xu%E1%BA%A5t+kh%E1%BA%A9u")
    text = body.decode()
    check('<link rel="alternate" type="application/atom+xml"' in text,
          "html: links its Atom feed")
    check('<link rel="search" type="application/opensearchdescription+xml"'
          in text, "html: links the OpenSearch description")
    check(">Theo dõi</a>" in text, "html: a visible 'Theo dõi' link")
    check(text.count(">Tin liên quan</a>") == text.count('<li class="result"')
          > 0, "html: a 'Tin liên quan' link per result")


def test_bad_requests(db):
    status, _, _ = cgi(db, "q=a&format=rss")
    check(status == 400, "page: an unknown format gets 400 (%d)" % status)
    status, _, body = cgi(db, "like=no-such-id")
    check(status == 404 and b"<html" in body,
          "page: an unknown like id gets a 404 page (%d)" % status)


def test_escaping(db):
    _, _, body = cgi(db, "q=ch%E1%BB%AF+l%E1%BA%A1+%C4%91%E1%BA%B7c+bi%E1%BB%87t"
                     "&format=atom")
    try:
        feed = ET.fromstring(body)
        titles = [e.find(ATOM + "title").text
                  for e in feed.findall(ATOM + "entry")]
    except ET.ParseError as e:
        titles = ["parse error: %s" % e]
    want = NASTY.replace("\u0001", "\ufffd")
    check(want in titles, "atom: a title with < & \" ' ]]> and a control "
          "character parses and reads back (%r)" % titles[:1])
    _, _, body = cgi(db, "q=ch%E1%BB%AF+l%E1%BA%A1+%C4%91%E1%BA%B7c+bi%E1%BB%87t"
                     "&format=json")
    got = [r["title"] for r in json.loads(body)["results"]]
    check(NASTY in got, "json: the same title reads back exactly")


# ---- related articles ------------------------------------------------------

def test_like_cli(db, doc, copies):
    r = vnsearch(db, "--json", "--limit", "50", "--like", doc)
    got = ids_of(r.stdout) if r.returncode == 0 else []
    check(r.returncode == 0 and len(got) > 0,
          "--like %s: related documents (%d)" % (doc, len(got)))
    check(doc not in got and not set(copies) & set(got),
          "--like: never the document nor its copies %s" % copies)
    r = vnsearch(db, "--like", copies[0])
    check(r.returncode == 0 and doc not in r.stdout,
          "--like of a copy: not the original either")
    r = vnsearch(db, "--like", "no-such-id")
    check(r.returncode == 1 and len(r.stderr.splitlines()) == 1 and
          "no-such-id" in r.stderr,
          "--like of an unknown id: exit 1, one line (%s)" % r.stderr.strip())
    _, _, body = cgi(db, "like=" + doc)
    rows = re.findall(r'<a rel="related" href="\?like&#61;([^"&]+)">',
                      body.decode())
    check(len(rows) == 10 and doc not in rows and rows == got[:10],
          "like=: the page lists the related documents of --like %s" % rows)
    return got


def like_view(db, doc):
    r = vnsearch(db, "--json", "--limit", "20", "--like", doc)
    if r.returncode:
        return r.stderr.strip()
    return [(x["id"], x["score"]) for x in json.loads(r.stdout)["results"]]


def test_like_shards(one, path, docs):
    sharded = os.path.join(TMP, "shards")
    index(sharded, path, "--shard-by", "year")
    with open(os.path.join(sharded, "XAPIANDB")) as f:
        names = [l.split()[1] for l in f if l.strip()]
    dirs = [os.path.join(sharded, n) for n in names]
    half = len(dirs) // 2
    remote = os.path.join(TMP, "remote.stub")
    with open(remote, "w") as f:
        f.write("remote 127.0.0.1:%d\nremote 127.0.0.1:%d\n"
                % (tcpsrv.serve(dirs[:half])[0], tcpsrv.serve(dirs[half:])[0]))
    for doc in docs:
        want = like_view(one, doc)
        check(like_view(sharded, doc) == want,
              "--like %s over %d local shards equals one index" %
              (doc, len(dirs)))
        check(like_view(remote, doc) == want,
              "--like %s over 2 x xapian-tcpsrv equals one index" % doc)


# ---- what is new -----------------------------------------------------------

def utc_now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def test_added_since(recs):
    db = os.path.join(TMP, "since")
    first, last = os.path.join(TMP, "first.jsonl"), os.path.join(TMP, "last.jsonl")
    write(first, recs[:-1])
    write(last, recs[-1:])
    index(db, first)
    time.sleep(1.1)
    between = utc_now()
    time.sleep(1.1)
    index(db, last)
    r = vnsearch(db, "--json", "--limit", "100", "--added-since", between)
    got = ids_of(r.stdout) if r.returncode == 0 else r.stderr
    check(got == [recs[-1]["id"]],
          "--added-since %s lists exactly the document indexed after it (%s)"
          % (between, got))
    res = json.loads(vnsearch(db, "--json", "--like", recs[0]["id"]).stdout)
    check(all(x["indexed"] and x["indexed"].endswith("Z")
              for x in res["results"]), "json: every row says when it was "
          "indexed, in UTC")
    offset = between[:-1] + "+07:00"
    r = vnsearch(db, "--json", "--limit", "100", "--added-since", offset)
    check(r.returncode == 0 and len(ids_of(r.stdout)) == len(recs),
          "--added-since with +07:00 is read as 7 hours earlier in UTC")
    queries = os.path.join(TMP, "saved.txt")
    with open(queries, "w", encoding="utf-8") as f:
        f.write("\nkhuyến công\n")
    r = subprocess.run([os.path.join(BIN, "vnsearch"), "--db", db, "--batch",
                        queries, "--added-since", between],
                       capture_output=True, text=True)
    lines = [json.loads(l) for l in r.stdout.splitlines()]
    check(r.returncode == 0 and len(lines) == 2 and
          ids_of(json.dumps(lines[0])) == [recs[-1]["id"]],
          "--batch --added-since: one object per saved search, only new "
          "documents")
    test_whatsnew(db, queries, between, recs[-1]["id"])
    for bad in ("yesterday", "2025-02-30", "2025-01-01T10:00+7"):
        r = vnsearch(db, "--added-since", bad, "x")
        check(r.returncode == 2 and "YYYY-MM-DD" in r.stderr and
              len(r.stderr.splitlines()) == 1,
              "--added-since %s: exit 2 naming the format" % bad)


def test_whatsnew(db, queries, since, new_id):
    """contrib/vnsearch-whatsnew from the last run's time on."""
    out = os.path.join(TMP, "whatsnew")
    os.makedirs(out)
    with open(os.path.join(out, "last-run"), "w") as f:
        f.write(since + "\n")
    env = dict(os.environ, PATH=os.path.abspath(BIN) + os.pathsep +
               os.environ.get("PATH", ""))
    r = subprocess.run(["sh", os.path.join(HERE, "..", "contrib",
                                           "vnsearch-whatsnew"),
                        db, queries, out], capture_output=True, text=True,
                       env=env)
    files = [n for n in os.listdir(out) if n.startswith("new-")]
    lines = []
    if files:
        with open(os.path.join(out, files[0]), encoding="utf-8") as f:
            lines = [json.loads(l) for l in f]
    with open(os.path.join(out, "last-run")) as f:
        last = f.read().strip()
    check(r.returncode == 0 and len(lines) == 2 and
          [x["id"] for x in lines[0]["results"]] == [new_id] and
          last > since, "contrib/vnsearch-whatsnew writes what is new "
          "since the last run and moves the last run on (%s)" %
          r.stderr.strip())


def main():
    if not shutil.which("xapian-tcpsrv"):
        raise SystemExit("follow: 'xapian-tcpsrv' is missing: apt-get "
                         "install xapian-tools")
    recs = records()
    doc = next(r for r in recs if len(r["body"]) > 400 and r.get("date"))
    copies = []
    for n, src in enumerate(("copy.example", "other.example")):
        c = dict(doc, id="%s-copy-%d" % (doc["id"], n), source=src,
                 url="https://%s/%d" % (src, n))
        copies.append(c["id"])
        recs.append(c)
    recs.append({"id": "vns-follow-nasty", "title": NASTY,
                 "date": "2026-01-02", "body": "Chữ lạ đặc biệt: " + NASTY})
    path = os.path.join(TMP, "all.jsonl")
    write(path, recs)
    one = os.path.join(TMP, "one")
    index(one, path)
    test_atom(one)
    test_etag(one, cgi(one, "q=xu%E1%BA%A5t+kh%E1%BA%A9u&format=atom")[1]
              .get("etag"))
    test_json(one)
    test_opensearch(one)
    test_html_links(one)
    test_bad_requests(one)
    test_escaping(one)
    related = test_like_cli(one, doc["id"], copies)
    test_like_shards(one, path, [doc["id"]] + related[:2])
    test_added_since(records())


try:
    main()
finally:
    tcpsrv.stop_all()
    shutil.rmtree(TMP, ignore_errors=True)
if failures:
    print("%d FAILED" % len(failures))
    sys.exit(1)
print("all follow tests passed")
