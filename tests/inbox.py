#!/usr/bin/env python3
"""inbox.py - end-to-end tests of inbox mode (vnsearch-index --inbox):

1. bad input: each kind of broken file goes to failed/ (or done/ with the
   bad records named in NAME.err), the rest is indexed, memory stays
   bounded;
2. crash safety: the indexer is killed with SIGKILL at random moments of a
   batch, again and again; after every kill the index opens and holds
   whole files only (never part of one, never a duplicate), every file in
   done/ is in it; a last run completes the batch with nothing lost;
3. readers during writes: a long-lived `vnsearch --batch` answers queries
   all through a batch of commits without one error;
4. a second run waits for the lock, then says clearly it gave up;
5. --delete and --prune.

    python3 tests/inbox.py BUILD_DIR     (bounded: about a minute)
"""
import gzip
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
INDEX = os.path.join(BUILD, "vnsearch-index")
SEARCH = os.path.join(BUILD, "vnsearch")
HERE = os.path.dirname(os.path.abspath(__file__))
passed = failed = 0

WORDS = ("khuyến công hỗ trợ máy móc chế biến chè vải thiều Bắc Giang Thái "
         "Nguyên hợp tác xã sản phẩm OCOP nông thôn kinh phí năm tỉnh").split()


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def run_index(db, inbox, *extra, timeout=120):
    return subprocess.run([INDEX, "--db", db, "--inbox", inbox, "--settle", "0",
                           *extra], capture_output=True, text=True, timeout=timeout)


def all_ids(db):
    ids, offset = [], 0
    while True:
        out = subprocess.run([SEARCH, "--db", db, "--json", "--limit", "1000",
                              "--offset", str(offset), ""], capture_output=True,
                             text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        res = json.loads(out.stdout)["results"]
        ids += [r["id"] for r in res]
        if len(res) < 1000:
            return ids
        offset += 1000


def bad_input(tmp):
    inbox, db = os.path.join(tmp, "bad"), os.path.join(tmp, "bad-db")
    os.makedirs(inbox)
    w = lambda name, data: open(os.path.join(inbox, name), "wb").write(data)
    rng = random.Random(1)
    w("empty.txt", b"")
    w("binary.txt", bytes(rng.randrange(256) for _ in range(5000)))
    w("highbytes.txt", bytes(rng.randrange(128, 256) for _ in range(5000)))
    w("nul.txt", "Tiêu đề\nNội dung\x00 có NUL\n".encode())
    w("damaged.txt", "Tiêu đề\nNội dung tiếng Việt \xff hỏng ở giữa câu có dấu.\n"
      .encode("utf-8", "surrogateescape") .replace(b"\xc3\xbf", b"\xff"))
    with open(os.path.join(inbox, "big.txt"), "wb") as f:
        f.write(b"Tieu de\n")
        line = b"khuyen cong ho tro " * 50 + b"\n"
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    good = gzip.compress(b"".join(json.dumps({"id": f"gz{i}", "body": text(rng, 30)})
                                  .encode() + b"\n" for i in range(50)))
    w("truncated.jsonl.gz", good[: len(good) // 2])
    w("malformed.jsonl", b'{"id": "m1", "body": "Ch\xc3\xa8 ngon."}\n{"id": "m2", "body": \n'
      b'{"id": "m3"}\n[1,2]\n{"id": "m4", "body": "V\xe1\xba\xa3i thi\xe1\xbb\x81u."}\n')
    w("nested.html", b"<html><body>" + b"<div><span>" * 100000 + b"s\xc3\xa2u<p>Ch\xc3\xa8 ngon.</p>")
    w("shallow.html", b"<html><body>" + b"<div>" * 200 + b"Ch\xc3\xa8 ngon.")
    w("notpdf.pdf", b"<html>this is not a pdf</html>")
    w("feed.rss", ("<rss><channel><title>T</title>" + "".join(
        f"<item><guid>rss{i}</guid><title>Tin {i}</title><description>{text(rng, 20)}"
        "</description></item>\n" for i in range(10000)) + "</channel></rss>").encode())
    w("brokenfeed.rss", b"<rss><channel><item><title>x</title></channel>")
    w("legacy-undecidable.txt", b"Tieu de\n" + bytes([0x81, 0x92, 0x83, 0x20]) * 30)
    t0 = time.time()
    r = run_index(db, inbox)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    check("bad: exit 3 (something failed)", r.returncode == 3, r.stderr[-2000:])
    failed_files = sorted(f for f in os.listdir(os.path.join(inbox, "failed"))
                          if not f.endswith(".err"))
    done_files = sorted(f for f in os.listdir(os.path.join(inbox, "done"))
                        if not f.endswith(".err"))
    want_failed = ["big.txt", "binary.txt", "brokenfeed.rss", "damaged.txt", "empty.txt",
                   "highbytes.txt", "legacy-undecidable.txt", "nested.html", "notpdf.pdf",
                   "nul.txt", "truncated.jsonl.gz"]
    check("bad: failed/", failed_files == want_failed, f"{failed_files}")
    check("bad: done/", done_files == ["feed.rss", "malformed.jsonl", "shallow.html"],
          f"{done_files}")
    err = lambda d, n: open(os.path.join(inbox, d, n + ".err")).read()
    for name, want in [("empty.txt", "empty file"), ("binary.txt", "NUL byte"),
                       ("nul.txt", "NUL byte"), ("damaged.txt", "damaged"),
                       ("big.txt", "larger than"), ("highbytes.txt", "cannot be decided"),
                       ("legacy-undecidable.txt", "cannot be decided"),
                       ("truncated.jsonl.gz", "truncated"), ("notpdf.pdf", "not a pdf"),
                       ("brokenfeed.rss", "not well-formed xml at line"),
                       ("nested.html", "nested too deeply")]:
        check(f"bad: {name}.err says '{want}'", want in err("failed", name), err("failed", name))
    m = err("done", "malformed.jsonl")
    check("bad: malformed.jsonl.err names lines 2 and 3",
          "malformed.jsonl:2:" in m and "malformed.jsonl:3:" in m, m)
    ids = all_ids(db)
    check("bad: 10,000 feed items + 2 json + 1 page", len(ids) == 10003, str(len(ids)))
    check("bad: memory bounded (< 1 GiB)", usage.ru_maxrss < 1024 * 1024, str(usage.ru_maxrss))
    print(f"bad input: {time.time() - t0:.1f} s, max rss {usage.ru_maxrss // 1024} MiB")


def make_batch(inbox, nfiles, per_file, seed, prefix="c"):
    rng = random.Random(seed)
    files = {}
    for i in range(nfiles):
        ids = [f"{prefix}{i}-{j}" for j in range(per_file)]
        name = f"{prefix}{i:03d}.jsonl"
        with open(os.path.join(inbox, name), "w") as f:
            for d in ids:
                f.write(json.dumps({"id": d, "title": text(rng, 6),
                                    "body": text(rng, 120)}, ensure_ascii=False) + "\n")
        files[name] = set(ids)
    return files


def check_consistent(db, inbox, files, when):
    ids = all_ids(db) if os.path.exists(db) else []
    idset = set(ids)
    ok = len(ids) == len(idset)
    whole = all(not (f & idset) or f <= idset for f in files.values())
    done = os.listdir(os.path.join(inbox, "done")) if os.path.isdir(
        os.path.join(inbox, "done")) else []
    in_done = all(files[n] <= idset for n in done if n in files)
    extra = idset - set().union(*files.values())
    check(f"crash {when}: no duplicates", ok)
    check(f"crash {when}: whole files only", whole)
    check(f"crash {when}: done/ files all indexed", in_done)
    check(f"crash {when}: nothing foreign", not extra)
    return len(idset)


def crash(tmp):
    inbox, db = os.path.join(tmp, "crash"), os.path.join(tmp, "crash-db")
    os.makedirs(inbox)
    files = make_batch(inbox, 40, 40, 2)
    rng = random.Random(3)
    deadline = time.time() + 40
    kills = 0
    while time.time() < deadline and kills < 25:
        p = subprocess.Popen([INDEX, "--db", db, "--inbox", inbox, "--settle", "0",
                              "--quiet"], stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        if p.poll() is not None:
            break
        p.send_signal(signal.SIGKILL)
        p.wait()
        kills += 1
        n = check_consistent(db, inbox, files, f"kill {kills}")
    r = run_index(db, inbox, "--quiet")
    check("crash: last run succeeds", r.returncode == 0, r.stderr)
    n = check_consistent(db, inbox, files, "end")
    want = sum(len(f) for f in files.values())
    check("crash: every document once", n == want, f"{n} != {want}")
    check("crash: inbox empty", sorted(os.listdir(inbox)) == [".vnsearch-inbox.lock", "done", "failed"])
    print(f"crash: {kills} kills, {n} documents at the end")


def readers(tmp):
    inbox, db = os.path.join(tmp, "rw"), os.path.join(tmp, "rw-db")
    os.makedirs(inbox)
    make_batch(inbox, 2, 50, 4, "seed")
    run_index(db, inbox, "--quiet")
    make_batch(inbox, 60, 30, 5, "w")
    q = subprocess.Popen([SEARCH, "--db", db, "--batch", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ix = subprocess.Popen([INDEX, "--db", db, "--inbox", inbox, "--settle", "0", "--quiet"],
                          stderr=subprocess.PIPE)
    lines = []
    drain = threading.Thread(target=lambda: lines.extend(q.stdout), daemon=True)
    drain.start()
    sent = 0
    queries = ["khuyen cong", "chè", "\"hợp tác xã\"", "bac giang OR thai nguyen", ""]
    while ix.poll() is None and sent < 20000:
        q.stdin.write(queries[sent % len(queries)] + "\n")
        q.stdin.flush()
        sent += 1
        time.sleep(0.002)
    q.stdin.close()
    q.wait(timeout=120)
    drain.join(timeout=60)
    err = q.stderr.read()
    ix.wait()
    errors = sum(1 for line in lines if '"error"' in line)
    check("readers: one answer per query", len(lines) == sent, f"{len(lines)} != {sent}")
    check("readers: the search process exits 0", q.returncode == 0, err)
    check("readers: no query failed during commits", errors == 0, str(errors))
    check("readers: queries ran during the batch", sent > 10, str(sent))
    print(f"readers: {sent} queries during a batch of 60 commits, {errors} errors")


def locking(tmp):
    inbox, db = os.path.join(tmp, "lock"), os.path.join(tmp, "lock-db")
    os.makedirs(inbox)
    make_batch(inbox, 1, 5, 6)
    holder = subprocess.Popen([sys.executable, "-c", f"""
import fcntl, time, os
f = open({os.path.join(inbox, '.vnsearch-inbox.lock')!r}, 'w')
fcntl.flock(f, fcntl.LOCK_EX)
print('locked', flush=True)
time.sleep(3)
"""], stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()
    t0 = time.time()
    r = run_index(db, inbox, "--wait", "1")
    check("lock: gives up with exit 4", r.returncode == 4, r.stderr)
    check("lock: says why", "another run is working on this inbox" in r.stderr, r.stderr)
    r = run_index(db, inbox, "--wait", "10")
    check("lock: waits and then runs", r.returncode == 0 and time.time() - t0 >= 2.5, r.stderr)
    holder.wait()


def maintenance(tmp):
    inbox, db = os.path.join(tmp, "maint"), os.path.join(tmp, "maint-db")
    os.makedirs(inbox)
    for i in range(3):
        open(os.path.join(inbox, f"t{i}.txt"), "w").write(f"Bản tin {i}\nNội dung bản tin số {i}.\n")
    make_batch(inbox, 1, 3, 7, "d")
    run_index(db, inbox, "--quiet")
    check("maint: 6 documents", len(all_ids(db)) == 6)
    r = subprocess.run([INDEX, "--db", db, "--delete", "d0-0", "d0-1", "nope"],
                       capture_output=True, text=True)
    check("maint: --delete exit 3 when an id was missing", r.returncode == 3, r.stderr)
    check("maint: --delete says 2 of 3", "2 of 3 deleted" in r.stderr, r.stderr)
    os.unlink(os.path.join(inbox, "done", "t1.txt"))
    r = subprocess.run([INDEX, "--db", db, "--prune"], capture_output=True, text=True)
    check("maint: --prune removes the gone file", "1 documents of missing" in r.stderr, r.stderr)
    ids = sorted(all_ids(db))
    check("maint: what is left", len(ids) == 3 and "d0-2" in ids and
          not any(i.endswith("/t1.txt") for i in ids), str(ids))


def settle(tmp):
    inbox, db = os.path.join(tmp, "settle"), os.path.join(tmp, "settle-db")
    os.makedirs(inbox)
    open(os.path.join(inbox, "new.txt"), "w").write("Tin\nMới đến.\n")
    open(os.path.join(inbox, "part.txt.part"), "w").write("Tin\nĐang tải.\n")
    r = subprocess.run([INDEX, "--db", db, "--inbox", inbox, "--settle", "30"],
                       capture_output=True, text=True)
    check("settle: a fresh file waits", "1 waiting" in r.stderr and
          os.path.exists(os.path.join(inbox, "new.txt")), r.stderr)
    old = time.time() - 60
    os.utime(os.path.join(inbox, "new.txt"), (old, old))
    os.utime(os.path.join(inbox, "part.txt.part"), (old, old))
    r = subprocess.run([INDEX, "--db", db, "--inbox", inbox, "--settle", "30"],
                       capture_output=True, text=True)
    check("settle: then it is taken", os.path.exists(os.path.join(inbox, "done", "new.txt")))
    check("settle: a .part file never", os.path.exists(os.path.join(inbox, "part.txt.part")))


def duplicates(tmp):
    inbox, db = os.path.join(tmp, "dup"), os.path.join(tmp, "dup-db")
    os.makedirs(inbox)
    body = text(random.Random(8), 80)
    with open(os.path.join(inbox, "dup.jsonl"), "w") as f:
        for i, src in enumerate(["baobacgiang.vn", "congthuong.vn", "baomoi.com"]):
            f.write(json.dumps({"id": f"dup{i}", "source": src, "url": f"https://{src}/{i}",
                                "body": body + ("\n" * i)}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "other", "body": text(random.Random(9), 80)},
                           ensure_ascii=False) + "\n")
    run_index(db, inbox, "--quiet")
    out = subprocess.run([SEARCH, "--db", db, "--json", ""], capture_output=True, text=True)
    res = json.loads(out.stdout)["results"]
    rows = [r for r in res if r["id"].startswith("dup")]
    check("dup: one row for three copies", len(res) == 2 and len(rows) == 1, str(res))
    also = sorted(a["source"] for a in rows[0]["also"]) if rows else []
    check("dup: the other sources listed", len(also) == 2 and rows[0]["source"] not in also,
          str(also))
    check("dup: the other row has no copies", all(r["also"] == [] for r in res if r not in rows))


def main():
    tmp = tempfile.mkdtemp(prefix="vns-inbox-")
    try:
        for t in (duplicates, bad_input, crash, readers, locking, maintenance, settle):
            t(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"inbox: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
