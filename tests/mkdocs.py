#!/usr/bin/env python3
"""mkdocs.py - write small PDF, DOCX and ODT files with Vietnamese text for
the tests, at run time (no binary fixtures in the repository). Standard
library only: the PDF is written object by object with a Type0 font whose
ToUnicode map gives the text back to pdftotext; DOCX and ODT are zip files
of the minimal XML parts.

    mkdocs.py pdf|docx|odt OUT TITLE DATE AUTHOR PARAGRAPH...
"""
import sys
import zipfile
from xml.sax.saxutils import escape


def pdf(out, title, date, author, paras):
    def hexstr(s):
        return "<" + "".join("%04X" % ord(c) for c in s) + ">"

    lines = []
    y = 800
    for p in [title] + paras:
        lines.append("BT /F1 12 Tf 40 %d Td %s Tj ET" % (y, hexstr(p)))
        y -= 20
    content = "\n".join(lines).encode()
    blocks = sorted({ord(c) >> 8 for c in "".join([title] + paras)})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            "%d beginbfrange\n" % len(blocks) +
            "".join("<%02X00> <%02XFF> <%02X00>\n" % (b, b, b) for b in blocks) +
            "endbfrange endcmap CMapName currentdict /CMap defineresource pop end end\n").encode()
    d = date.replace("-", "")
    info = ("<< /Title %s /Author %s /CreationDate (D:%s000000) >>"
            % (hexstr("\ufeff" + title).replace("<", "<FEFF", 1).replace("FEFFFEFF", "FEFF"),
               hexstr("\ufeff" + author).replace("<", "<FEFF", 1).replace("FEFFFEFF", "FEFF"), d))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        info.encode(),
    ]
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += (b"trailer\n<< /Size %d /Root 1 0 R /Info 8 0 R >>\nstartxref\n%d\n%%%%EOF\n"
             % (len(objs) + 1, xref))
    open(out, "wb").write(bytes(data))


def docx(out, title, date, author, paras):
    body = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % escape(p) for p in [title] + paras)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   "<w:body>%s</w:body></w:document>" % body)
        z.writestr("docProps/core.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                   'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
                   "<dc:title>%s</dc:title><dc:creator>%s</dc:creator><dcterms:created>%sT08:00:00Z</dcterms:created>"
                   "</cp:coreProperties>" % (escape(title), escape(author), date))


def odt(out, title, date, author, paras):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    body = "<text:h>%s</text:h>" % escape(title) + "".join(
        "<text:p>%s</text:p>" % escape(p).replace("  ", " <text:s/>") for p in paras)
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content %s>'
                   "<office:body><office:text>%s</office:text></office:body></office:document-content>" % (ns, body))
        z.writestr("meta.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-meta %s><office:meta>'
                   "<dc:title>%s</dc:title><meta:initial-creator>%s</meta:initial-creator>"
                   "<meta:creation-date>%sT08:00:00</meta:creation-date></office:meta></office:document-meta>"
                   % (ns, escape(title), escape(author), date))


if __name__ == "__main__":
    kind, out, title, date, author, *paras = sys.argv[1:]
    {"pdf": pdf, "docx": docx, "odt": odt}[kind](out, title, date, author, paras)
