#!/usr/bin/env python3
"""ocr.py - end-to-end tests of OCR (vnsearch-index on scans):

1. pages made here, now (Vietnamese text drawn with a Debian font, turned
   a little, with noise): a two-page PDF of pictures only, a PNG and a
   JPEG; they are indexed, and every distinctive phrase of every page is
   found as a phrase search with its file among the results; the title and
   date come from the heading; `vnsearch --json` shows the confidence;
2. the character error rate of the recognised text against the drawn
   text (from the OCR cache), per page and over all;
3. a second run over the same files uses the cache: at most half the time;
   a PDF with a page of text and a page of picture: only the picture is
   recognised, both pages are found; SIGINT stops a long scan between
   pages;
4. bad files - a truncated PNG, a 0x0 image, a 100-megapixel bomb, a PDF of
   10,000 blank pages - each give one clear error naming the file, and the
   good files beside them are indexed all the same.

    python3 tests/ocr.py BUILD_DIR [--keep DIR]

Needs Pillow (Debian python3-pil), the DejaVu fonts (fonts-dejavu-core),
tesseract-ocr-vie and poppler-utils; without them it says so and skips.
"""
import glob
import hashlib
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata
import zlib


def python_with_pil():
    """Another python3 on PATH that has Pillow, when this one has not."""
    for d in os.environ.get("PATH", "").split(os.pathsep):
        exe = os.path.join(d, "python3")
        if (os.access(exe, os.X_OK) and
                os.path.realpath(exe) != os.path.realpath(sys.executable) and
                subprocess.run([exe, "-c", "import PIL"],
                               capture_output=True).returncode == 0):
            return exe
    return None


try:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
except ImportError:
    other = python_with_pil()
    if other and not os.environ.get("VNS_OCR_REEXEC"):
        os.environ["VNS_OCR_REEXEC"] = "1"
        os.execv(other, [other] + sys.argv)
    print("SKIP ocr.py: Pillow is not installed (apt-get install python3-pil)")
    sys.exit(0)

BUILD = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "build"
KEEP = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else None
HERE = os.path.dirname(os.path.abspath(__file__))
INDEX = os.path.join(BUILD, "vnsearch-index")
SEARCH = os.path.join(BUILD, "vnsearch")
passed = failed = 0

# The documents: file name -> pages; a page is its lines. Each page holds
# phrases found on no other page (the test searches for them).
DOCS = {
    "quyet-dinh.pdf": [
        ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
         "Số: 215/QĐ-UBND",
         "Quảng Ninh, ngày 05 tháng 3 năm 2025",
         "",
         "QUYẾT ĐỊNH",
         "Về việc hỗ trợ máy sấy trà hoa vàng",
         "",
         "Điều 1. Phê duyệt kinh phí khuyến công địa phương",
         "năm 2025 cho hợp tác xã trà hoa vàng Ba Chẽ,",
         "gồm hai máy sấy lạnh và một dây chuyền đóng gói.",
         "Điều 2. Trung tâm Khuyến công hướng dẫn thủ tục",
         "thanh toán trước ngày ba mươi tháng sáu."],
        ["Điều 3. Hợp tác xã báo cáo kết quả sản xuất",
         "sau sáu tháng vận hành máy sấy lạnh.",
         "Sản lượng dự kiến đạt bốn tấn nụ hoa khô mỗi năm,",
         "bán tại hội chợ hàng công nghiệp nông thôn.",
         "Điều 4. Chánh Văn phòng và Giám đốc Sở Công Thương",
         "chịu trách nhiệm thi hành quyết định này."],
    ],
    "ke-hoach.png": [
        ["SỞ CÔNG THƯƠNG TỈNH BẮC GIANG",
         "Bắc Giang, ngày 12 tháng 4 năm 2025",
         "",
         "KẾ HOẠCH",
         "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu",
         "",
         "Mục đích: tôn vinh các cơ sở làm mây tre đan,",
         "gốm sứ và đồ gỗ mỹ nghệ có sản phẩm chất lượng.",
         "Hội đồng chấm điểm họp tại thành phố Bắc Giang",
         "vào tuần thứ hai của tháng sáu năm nay.",
         "Mỗi cơ sở gửi tối đa ba mẫu sản phẩm dự thi."],
    ],
    "bao-cao.jpg": [
        ["TRUNG TÂM KHUYẾN CÔNG TỈNH THÁI NGUYÊN",
         "Thái Nguyên, ngày 20 tháng 11 năm 2024",
         "",
         "BÁO CÁO",
         "Kết quả đào tạo nghề chế biến chè năm 2024",
         "",
         "Trung tâm đã mở mười hai lớp đào tạo nghề",
         "cho bốn trăm học viên tại huyện Đại Từ.",
         "Các hộ sản xuất chè Tân Cương được hỗ trợ",
         "máy vò chè và lò sao chè bằng điện.",
         "Doanh thu bình quân tăng mười lăm phần trăm."],
    ],
}

# Phrases searched for, by file: each occurs on one page only.
PHRASES = {
    "quyet-dinh.pdf": ["máy sấy lạnh và một dây chuyền đóng gói",
                       "trà hoa vàng Ba Chẽ",
                       "bốn tấn nụ hoa khô",
                       "hội chợ hàng công nghiệp nông thôn"],
    "ke-hoach.png": ["mây tre đan", "đồ gỗ mỹ nghệ",
                     "Hội đồng chấm điểm họp tại thành phố Bắc Giang",
                     "tối đa ba mẫu sản phẩm dự thi"],
    "bao-cao.jpg": ["mười hai lớp đào tạo nghề", "huyện Đại Từ",
                    "chè Tân Cương", "máy vò chè và lò sao chè bằng điện"],
}

TITLES = {
    "quyet-dinh.pdf": "QUYẾT ĐỊNH Về việc hỗ trợ máy sấy trà hoa vàng",
    "ke-hoach.png": "KẾ HOẠCH Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu",
    "bao-cao.jpg": "BÁO CÁO Kết quả đào tạo nghề chế biến chè năm 2024",
}
DATES = {"quyet-dinh.pdf": "2025-03-05", "ke-hoach.png": "2025-04-12",
         "bao-cao.jpg": "2024-11-20"}


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def font_file():
    """DejaVu Sans (Debian fonts-dejavu-core), by fontconfig or by name."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"],
                             capture_output=True, text=True).stdout
        if out.endswith(".ttf") and os.path.exists(out):
            return out
    except OSError:
        pass
    hits = glob.glob("/usr/share/fonts/**/DejaVuSans.ttf", recursive=True)
    return hits[0] if hits else None


# ---- pages ------------------------------------------------------------------

DPI = 300


def draw_page(lines, font, rng):
    """One page: the lines in 11 pt at 300 dpi on an A5 sheet, turned by up
    to 1.2 degrees, with grain and specks, as a scanner makes them."""
    w, h = 1748, 2480
    img = Image.new("L", (w, h), 250)
    d = ImageDraw.Draw(img)
    y = 160
    for line in lines:
        if line:
            lw = d.textlength(line, font=font)
            x = (w - lw) / 2 if line.isupper() or line.startswith("Về") \
                or line.startswith("Số") else 150
            d.text((x, y), line, font=font, fill=20)
        y += 70
    img = img.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC,
                     fillcolor=250)
    px = img.load()
    for _ in range(w * h // 400):  # specks
        px[rng.randrange(w), rng.randrange(h)] = rng.randrange(0, 120)
    noise = Image.effect_noise((w, h), 18)
    img = Image.blend(img, noise, 0.12)
    return img.filter(ImageFilter.GaussianBlur(0.6))


def make_docs(folder, font, rng):
    for name, pages in DOCS.items():
        imgs = [draw_page(p, font, rng) for p in pages]
        path = os.path.join(folder, name)
        if name.endswith(".pdf"):
            imgs[0].save(path, save_all=True, append_images=imgs[1:],
                         resolution=DPI)
        elif name.endswith(".jpg"):
            imgs[0].save(path, quality=85, dpi=(DPI, DPI))
        else:
            imgs[0].save(path, dpi=(DPI, DPI))


def png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data)))


def bomb_png(path, w, h):
    """A PNG of w x h grey pixels, all white: a few hundred KB that decode
    to w*h bytes."""
    raw = zlib.compressobj(9)
    body = b"".join(raw.compress(b"\0" + b"\xff" * w) for _ in range(h))
    body += raw.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(png_chunk(b"IDAT", body))
        f.write(png_chunk(b"IEND", b""))


def zero_png(path):
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(png_chunk(b"IHDR", struct.pack(">IIBBBBB", 0, 0, 8, 0, 0, 0, 0)))
        f.write(png_chunk(b"IDAT", zlib.compress(b"")))
        f.write(png_chunk(b"IEND", b""))


def blank_pdf(path, pages):
    """A PDF of `pages` empty A4 pages sharing one content stream."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
            b"<< /Length 0 >>\nstream\n\nendstream"]
    kids = []
    for i in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    b"/Contents 3 0 R >>")
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = (b"<< /Type /Pages /Count %d /Kids [" % pages +
               b" ".join(kids) + b"] >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    with open(path, "wb") as f:
        f.write(out)


# ---- measures ---------------------------------------------------------------

def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1,
                           prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cache_pages(cache, path):
    """The pages' text and confidence from the OCR cache entry of path."""
    key = hashlib.sha256(open(path, "rb").read()).hexdigest()
    entry = os.path.join(cache, key + ".ocr")
    if not os.path.exists(entry):
        return None
    data = open(entry, "rb").read()
    head, _, rest = data.partition(b"\n")
    _, _, rest = rest.partition(b"\n")  # "pages N of M"
    pages = []
    while rest:
        line, _, rest = rest.partition(b"\n")
        _, conf, n = line.split()
        pages.append((rest[:int(n)].decode(), float(conf)))
        rest = rest[int(n) + 1:]
    return pages


def run_index(db, cache, paths, extra=()):
    t0 = time.monotonic()
    p = subprocess.run([INDEX, "--db", db, "--ocr-cache", cache, *extra,
                        *paths], capture_output=True, text=True, timeout=900)
    return p, time.monotonic() - t0


def search(db, query):
    p = subprocess.run([SEARCH, "--db", db, "--json", "--limit", "50", query],
                       capture_output=True, text=True, timeout=60)
    if p.returncode:
        return {"results": [], "error": p.stderr}
    return json.loads(p.stdout)


def ids_of(res):
    return [os.path.basename(r["id"]) for r in res.get("results", [])]


# ---- the tests --------------------------------------------------------------

def test_search_and_cer(work, docs):
    db, cache = os.path.join(work, "db"), os.path.join(work, "cache")
    p, first = run_index(db, cache, [docs])
    check("first run exits 0", p.returncode == 0, p.stderr)
    check("progress counts pages", "4 pages recognised" in p.stderr, p.stderr)
    for name, phrases in PHRASES.items():
        for ph in phrases:
            res = search(db, f'"{ph}"')
            check(f"phrase '{ph}' finds {name}", name in ids_of(res),
                  f"got {ids_of(res)}")
    for name in DOCS:
        res = search(db, f'"{PHRASES[name][0]}"')
        row = next((r for r in res.get("results", [])
                    if os.path.basename(r["id"]) == name), None)
        if not row:
            check(f"{name} found for its fields", False)
            continue
        check(f"{name} title from the heading", row["title"] == TITLES[name],
              repr(row["title"]))
        check(f"{name} date from the text", (row["date"] or "")[:10] == DATES[name],
              repr(row["date"]))
        conf = row.get("ocr", {}).get("confidence")
        check(f"{name} --json shows the ocr confidence",
              isinstance(conf, (int, float)) and 0 < conf <= 100, repr(row.get("ocr")))
        check(f"{name} --json lists its low-confidence pages (none)",
              row.get("ocr", {}).get("low_confidence_pages") == [],
              repr(row.get("ocr")))
    # a phrase of one page is not found in the other files
    res = search(db, '"mây tre đan"')
    check("a phrase finds only its own file", ids_of(res) == ["ke-hoach.png"],
          f"got {ids_of(res)}")

    errs = chars = 0
    for name, pages in DOCS.items():
        got = cache_pages(cache, os.path.join(docs, name))
        check(f"{name} is in the cache", got is not None and len(got) == len(pages))
        for i, lines in enumerate(pages):
            ref = norm(" ".join(lines))
            hyp = norm(got[i][0]) if got and i < len(got) else ""
            e = edit_distance(ref, hyp)
            errs, chars = errs + e, chars + len(ref)
            print(f"  {name} page {i + 1}: CER {100 * e / len(ref):.2f}% "
                  f"({e}/{len(ref)}), confidence {got[i][1] if got else 0:.1f}")
    cer = 100 * errs / chars
    print(f"  character error rate: {cer:.2f}% ({errs} of {chars} characters)")
    check("character error rate at most 2%", cer <= 2.0, f"{cer:.2f}%")

    db2 = os.path.join(work, "db2")
    p, second = run_index(db2, cache, [docs])
    check("second run exits 0", p.returncode == 0, p.stderr)
    check("second run recognises nothing", "pages recognised" not in p.stderr,
          p.stderr)
    print(f"  first run {first:.2f} s ({first / 4:.2f} s a page), "
          f"second run {second:.2f} s: ratio {second / first:.2f}")
    check("second run takes at most half the time", second <= first / 2,
          f"{second:.2f} s vs {first:.2f} s")
    res = search(db2, f'"{PHRASES["bao-cao.jpg"][1]}"')
    check("text from the cache is searchable", "bao-cao.jpg" in ids_of(res))


def test_mixed_pdf(work, font, rng):
    """A PDF whose first page has a text layer and whose second is a
    picture: the first keeps its text, the second is recognised."""
    if not shutil.which("pdfunite"):
        print("SKIP mixed pdf: pdfunite not found (poppler-utils)")
        return
    mixed = os.path.join(work, "mixed")
    os.mkdir(mixed)
    text_pdf, scan_pdf = os.path.join(work, "t.pdf"), os.path.join(work, "s.pdf")
    subprocess.run([sys.executable, os.path.join(HERE, "mkdocs.py"), "pdf", text_pdf,
                    "Đề án khuyến công Quảng Ninh", "2025-02-01", "Sở Công Thương",
                    "Đề án hỗ trợ nhà xưởng chế biến hải sản khô Vân Đồn."], check=True)
    draw_page(["Phụ lục", "", "Danh sách hộ nhận máy sấy nông sản",
               "tại xã Hồng Phong, thị xã Đông Triều."], font, rng).save(
                   scan_pdf, resolution=DPI)
    subprocess.run(["pdfunite", text_pdf, scan_pdf, os.path.join(mixed, "mixed.pdf")],
                   check=True)
    db = os.path.join(work, "db-mixed")
    p, _ = run_index(db, os.path.join(work, "cache-mixed"), [mixed])
    check("mixed pdf: exit 0", p.returncode == 0, p.stderr)
    check("mixed pdf: only the picture page is recognised",
          "1 page recognised" in p.stderr, p.stderr)
    for ph in ("nhà xưởng chế biến hải sản khô Vân Đồn",
               "máy sấy nông sản", "xã Hồng Phong"):
        check(f"mixed pdf: '{ph}' found", ids_of(search(db, f'"{ph}"')) == ["mixed.pdf"])
    row = (search(db, '"Vân Đồn"').get("results") or [{}])[0]
    check("mixed pdf: marked as partly from ocr", "confidence" in row.get("ocr", {}),
          repr(row))


def test_sigint_stops_a_long_scan(work):
    """SIGINT during the scan of 10,000 pages stops it between pages."""
    folder = os.path.join(work, "long")
    os.mkdir(folder)
    blank_pdf(os.path.join(folder, "dai.pdf"), 10000)
    p = subprocess.Popen([INDEX, "--db", os.path.join(work, "db-long"),
                          "--no-ocr-cache", "--ocr-pages", "10000", folder],
                         stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    t0 = time.monotonic()
    p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        _, err = p.communicate()
    waited = time.monotonic() - t0
    check("SIGINT during ocr: exit 130", p.returncode == 130,
          f"rc {p.returncode}: {err}")
    check("SIGINT during ocr: stops within a page or two", waited < 15,
          f"{waited:.1f} s")
    check("SIGINT during ocr: says it stopped", "stopped by SIGINT" in err, err)


def test_bad_files(work, docs, font, rng):
    bad = os.path.join(work, "bad")
    os.mkdir(bad)
    good = os.path.join(docs, "ke-hoach.png")
    shutil.copy(good, os.path.join(bad, "b-good.png"))
    data = open(good, "rb").read()
    open(os.path.join(bad, "a-truncated.png"), "wb").write(data[:len(data) // 3])
    jpg = open(os.path.join(docs, "bao-cao.jpg"), "rb").read()
    open(os.path.join(bad, "f-truncated.jpg"), "wb").write(jpg[:len(jpg) // 2])
    zero_png(os.path.join(bad, "c-empty.png"))
    bomb_png(os.path.join(bad, "d-bomb.png"), 10000, 10000)
    blank_pdf(os.path.join(bad, "e-blank.pdf"), 10000)
    check("the bomb is small on disk",
          os.path.getsize(os.path.join(bad, "d-bomb.png")) < 1_000_000)
    db, cache = os.path.join(work, "db-bad"), os.path.join(work, "cache-bad")
    p, secs = run_index(db, cache, [bad], ("--ocr-pages", "20"))
    err = p.stderr
    print("  " + "\n  ".join(line for line in err.splitlines()
                              if "vnsearch-index:" in line))
    check("bad files: exit 3 (some input skipped)", p.returncode == 3,
          f"rc {p.returncode}")
    for name, words in (("a-truncated.png", "png is truncated"),
                        ("c-empty.png", "image is 0x0 pixels"),
                        ("d-bomb.png", "10000x10000 pixels (100.0 megapixels)"),
                        ("e-blank.pdf", "no text found by ocr in 20 of 10000 pages"),
                        ("f-truncated.jpg", "jpeg is truncated")):
        lines = [ln for ln in err.splitlines() if name in ln]
        check(f"{name}: one error naming the file", len(lines) == 1, repr(lines))
        check(f"{name}: the error says why", any(words in ln for ln in lines),
              repr(lines))
    chatter = [ln for ln in err.splitlines() if not ln.startswith("vnsearch-index:")
               and not ln.endswith("elapsed")]
    check("nothing on stderr but the indexer's own lines", not chatter,
          repr(chatter))
    res = search(db, '"mây tre đan"')
    check("the good file beside them is indexed", ids_of(res) == ["b-good.png"],
          f"got {ids_of(res)}")
    check("bad files take bounded time", secs < 120, f"{secs:.1f} s")


def main():
    global passed
    for tool in ("pdftoppm", "pdfinfo"):
        if not shutil.which(tool):
            print(f"SKIP ocr.py: {tool} not found (apt-get install poppler-utils)")
            return 0
    font_path = font_file()
    if not font_path:
        print("SKIP ocr.py: no DejaVu Sans (apt-get install fonts-dejavu-core)")
        return 0
    font = ImageFont.truetype(font_path, 46)
    rng = random.Random(23)
    work = tempfile.mkdtemp(prefix="vns-ocr-")
    try:
        docs = os.path.join(work, "docs")
        os.mkdir(docs)
        make_docs(docs, font, rng)
        test_search_and_cer(work, docs)
        test_mixed_pdf(work, font, rng)
        test_sigint_stops_a_long_scan(work)
        test_bad_files(work, docs, font, rng)
    finally:
        if KEEP:
            shutil.copytree(work, KEEP, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    print(f"ocr.py: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
