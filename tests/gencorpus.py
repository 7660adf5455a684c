#!/usr/bin/env python3
"""gencorpus.py - a test corpus generated at test time: a few hundred
industry-promotion bulletins in the JSON Lines schema of corpus/sample,
built from sentences written for the project and the same choices every
run (a fixed seed), so tests can state what they must find.

Every place and product appears with every programme in every year
2020-2024, the sources take turns; each record in TITLELESS has no title (its title is
derived at index time); each one in UNDATED has no date. The body mixes the
readings of "duong" (đường as road and as sugar, xanh dương, tương
đương), says "Việt Nam" in most records, and spells Hòa Bình both ways.

    python3 tests/gencorpus.py [OUT.jsonl]     (default: standard output)
"""
import json
import random
import sys

# (2024 province, one of its districts, its products) - real places and
# products, so that the gazetteer and the entity tagger find them
PLACES = [
    ("Bắc Giang", "Lục Ngạn", "vải thiều"),
    ("Thái Nguyên", "Đại Từ", "chè"),
    ("Đồng Tháp", "Lai Vung", "nem"),
    ("Nghệ An", "Diễn Châu", "nước mắm"),
    ("Quảng Ninh", "Ba Chẽ", "trà hoa vàng"),
    ("Hà Nội", "Gia Lâm", "gốm"),
    ("Đắk Lắk", "Cư M'gar", "cà phê"),
    ("Lâm Đồng", "Bảo Lộc", "lụa"),
    ("Hòa Bình", "Cao Phong", "mật ong"),
    ("Đồng Nai", "Vĩnh Cửu", "hạt điều"),
]
PROGRAMMES = [
    ("OCOP", "chương trình OCOP"),
    ("khuyến công quốc gia", "Chương trình khuyến công quốc gia"),
    ("khuyến công địa phương", "kinh phí khuyến công địa phương"),
    ("chuyển đổi số", "chương trình chuyển đổi số"),
]
SOURCES = ["khuyencong.example.vn", "congthuong.example.vn",
           "nongthon.example.vn"]
YEARS = [2020, 2021, 2022, 2023, 2024]
COUNT = len(PLACES) * len(PROGRAMMES) * len(YEARS)  # 200
TITLELESS = {"gen-%04d" % i for i in range(7, COUNT, 9)}
UNDATED = {"gen-%04d" % i for i in range(13, COUNT, 50)}

TITLES = [
    "{P}: hỗ trợ {n} cơ sở sản xuất {prod}",
    "Khuyến công giúp {prod} {D} vươn xa",
    "{Prod} {P} tại hội chợ hàng Việt Nam",
    "Huyện {D} đổi mới công nghệ chế biến {prod}",
]
LEADS = [
    "Huyện {D} có thêm {n} cơ sở sản xuất {prod} được hỗ trợ máy móc.",
    "Năm {y}, Trung tâm Khuyến công tỉnh {P} đã hỗ trợ {n} cơ sở sản "
    "xuất {prod} ở huyện {D} mua máy móc, thiết bị mới.",
    "Các hợp tác xã làm {prod} ở huyện {D}, tỉnh {P} vừa nhận thiết bị "
    "mới từ {prog_long} năm {y}.",
]
MIDDLE = [
    "Kinh phí từ {prog_long} là {m} triệu đồng, phần còn lại do các hợp "
    "tác xã đối ứng.",
    "Sản phẩm {prod} của {P} được giới thiệu tại hội chợ hàng Việt Nam "
    "chất lượng cao, thu hút đông khách tham quan.",
    "Nhiều hộ đã bán {prod} qua sàn thương mại điện tử và xuất khẩu sang "
    "thị trường Nhật Bản.",
    "Con đường bê tông vào làng nghề được nâng cấp, xe tải chở hàng ra "
    "vào thuận tiện hơn.",
    "Nhà xưởng mới lợp mái tôn màu xanh dương, chi phí tương đương năm "
    "trước.",
    "Theo Sở Công Thương tỉnh {P}, sản lượng {prod} năm {y} tăng {p}% so "
    "với cùng kỳ.",
    "Cán bộ khuyến công hướng dẫn các cơ sở áp dụng quy trình sản xuất "
    "sạch, bảo đảm an toàn thực phẩm.",
    "Hàng Việt Nam có mặt ở nhiều siêu thị, người tiêu dùng tin tưởng "
    "chọn mua.",
]
ENDS = [
    "Thời gian tới, tỉnh {P} tiếp tục hỗ trợ các cơ sở xây dựng thương "
    "hiệu cho {prod}.",
    "Ông {name}, chủ một cơ sở ở huyện {D}, cho biết đơn hàng năm nay "
    "tăng rõ rệt.",
]
NAMES = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Bình", "Phạm Thị Hoa",
         "Hoàng Văn Sơn"]


def cap(s):
    return s[:1].upper() + s[1:]


def record(i, rng):
    """The i-th record: place, programme and year cycle so that every
    combination occurs once."""
    place = PLACES[i % len(PLACES)]
    prog = PROGRAMMES[(i // len(PLACES)) % len(PROGRAMMES)]
    y = YEARS[(i // (len(PLACES) * len(PROGRAMMES))) % len(YEARS)]
    province, district, prod = place
    if province == "Hòa Bình" and (i // len(PLACES)) % 2:
        province = "Hoà Bình"  # old-style tone placement
    f = {"P": province, "D": district, "prod": prod, "Prod": cap(prod),
         "prog_long": prog[1], "y": y, "n": rng.randint(3, 40),
         "m": rng.randint(2, 90) * 50, "p": rng.randint(5, 40),
         "name": rng.choice(NAMES)}
    body = [rng.choice(LEADS)] + rng.sample(MIDDLE, 3) + [rng.choice(ENDS)]
    if prog[0] == "OCOP":
        body.insert(1, "Đến nay, {P} có {n} sản phẩm OCOP đạt 4 sao, trong "
                    "đó có {prod}.")
    doc_id = "gen-%04d" % i
    return {
        "id": doc_id,
        "url": "https://example.vn/tin/%s.html" % doc_id,
        "title": None if doc_id in TITLELESS
        else rng.choice(TITLES).format(**f),
        "date": None if doc_id in UNDATED
        else "%d-%02d-%02d" % (y, 1 + i % 12, 1 + i % 28),
        "source": SOURCES[i % len(SOURCES)],
        "category": "khuyen-cong",
        "author": rng.choice(NAMES),
        "summary": None,
        "body": "\n".join(s.format(**f) for s in body),
    }


def records():
    rng = random.Random(18)
    return [record(i, rng) for i in range(COUNT)]


def write(path):
    """Write the corpus to path; return its records."""
    recs = records()
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return recs


if __name__ == "__main__":
    if len(sys.argv) > 1:
        write(sys.argv[1])
    else:
        for r in records():
            print(json.dumps(r, ensure_ascii=False))
