"""What an ATS reads from a file: text only, split into the body and the parts ATS skip.

- PDF: pdfminer.six extracts text lines with their positions. Lines are put back into rows
  (same baseline, left to right, top to bottom), which is the reading order a line-based
  parser uses. A line lying wholly inside the top or bottom page-margin band, or repeated
  at the same place near the top or bottom of several pages, is a running header/footer.
  The band's height is the page's left margin (the smallest x of any text: the themes here
  use one margin on all four sides), at least 18 pt and at most 5% of the page height
  (42 pt on A4), so that a body starting high on a page with wide side margins stays body.
  pypdf supplies the page count, the fonts and the structure tree.
- DOCX: the document body's paragraphs (``w:body/w:p``, also inside content controls).
  Headers and footers (their own parts), text boxes (``w:txbxContent``) and tables are kept
  apart, since many ATS skip or scramble them.

Nothing else is read: no OCR, no images, no link annotations.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from resume_builder.bidi import without_controls
from resume_builder.errors import UserError
from resume_builder.loading.source import BINARY_MAGIC

if TYPE_CHECKING:
    from resume_builder.output import PathKind

PDF, DOCX = "pdf", "docx"


#: The largest picture, in points each way, taken for a glyph (a colour emoji the PDF draws as an
#: image at the text's size) rather than for text drawn as a picture: twice a 12 pt line.
GLYPH_IMAGE_PT = 24


@dataclass
class FontInfo:
    name: str
    embedded: bool


@dataclass
class Extracted:
    """The text of one file as an ATS sees it, plus the facts the checks need."""

    path: Path
    kind: str  # "pdf" or "docx"
    size: int
    body: list[str] = field(default_factory=list)  # rows/paragraphs an ATS reads, in order
    lines: list[str] = field(default_factory=list)  # body text lines as the extractor split them
    headers: list[str] = field(default_factory=list)  # running headers/footers (PDF), header/footer parts (DOCX)
    text_boxes: list[str] = field(default_factory=list)  # DOCX text-box paragraphs
    tables: list[str] = field(default_factory=list)  # DOCX table-cell paragraphs
    table_count: int = 0
    text_box_count: int = 0
    pages: int | None = None
    pages_without_text: list[int] = field(default_factory=list)  # 1-based
    images: int = 0  # images on the first page (PDF; not glyph-sized ones, emoji) or in the body (DOCX)
    fonts: list[FontInfo] = field(default_factory=list)
    tagged: bool | None = None  # PDF: has a structure tree and /MarkInfo /Marked true
    tag_problem: str = ""
    language: str | None = None  # BCP 47, as the file declares it (PDF /Lang, DOCX dc:language)

    @property
    def body_text(self) -> str:
        return "\n".join(self.body)

    def all_text(self) -> str:
        return "\n".join([*self.body, *self.headers, *self.text_boxes, *self.tables])


def file_head(path: Path, size: int = 1024) -> bytes:
    """The first ``size`` bytes of ``path`` (what tells a PDF from a DOCX).

    Raises:
        UserError: the file cannot be read (no permission, an I/O error), in one line.
    """
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})",
                        hint="check the file's permissions") from None


def _inside(folder: Path, suffixes: tuple[str, ...]) -> str:
    """The hint for a folder given as the file to check: give the PDF or DOCX file inside it,
    naming the first of its files with one of ``suffixes`` (of its first 1,000 names), if any."""
    import os
    from itertools import islice

    from resume_builder.output import entry_is_file

    try:
        names = sorted(entry.name for entry in islice(os.scandir(folder), 1000)
                       if entry.name.lower().endswith(suffixes) and entry_is_file(entry))
    except OSError:
        names = []
    return "give the PDF or DOCX file inside it" + (f", e.g. {folder / names[0]}" if names else "")


def no_document(path: Path, found: PathKind) -> UserError:
    """The UserError for a PDF or DOCX to read (``check``'s, ``import``'s) that is there but is
    no regular file: what it is (``found``, :func:`resume_builder.output.path_kind`'s), a folder
    with the PDF or DOCX file inside it to give."""
    from resume_builder.formats import CHECKABLE, TABLE

    if found.kind == "folder":
        return UserError(f"{path}: is a folder, not a file",
                         hint=_inside(path, tuple("." + TABLE[name].extension for name in CHECKABLE)))
    return UserError(f"{path}: {found.said}", hint="point the link at the file, or name the file itself"
                     if found.link else "save it to a file and name that file: pipes and devices are not read"
                     if found.kind == "special" else "")


def sniff(path: Path) -> str:
    """``pdf`` or ``docx`` from the file's bytes, or a UserError for anything else."""
    if not path.is_file():
        from resume_builder.formats import CHECKABLE, TABLE
        from resume_builder.loading.source import nearby_name
        from resume_builder.output import path_kind

        readable = tuple("." + TABLE[name].extension for name in CHECKABLE)  # .pdf, .docx
        found = path_kind(path)  # the profile loader's words: "not a file" said nothing of what it was (trial)
        if found.kind == "missing":
            raise UserError(f"{path}: file not found", hint=nearby_name(path, suffixes=readable))  # as render's
        raise no_document(path, found)
    head = file_head(path)
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise UserError(f"{path}: not a readable DOCX file ({exc})") from None
        if "word/document.xml" in names:
            return DOCX
        raise UserError(f"{path}: a ZIP archive but not a Word document (no word/document.xml)",
                        hint="check takes a .pdf or .docx")
    hint = "check takes a .pdf or .docx"
    if what_it_holds(head)[0] == "html":  # e.g. the HTML format of a render: check what a portal gets
        hint += ", what you send: check the PDF or DOCX rendered from the same profile (resume-builder render -f pdf -f docx)"
    raise not_a_document(path, head, hint=hint)


#: Magic bytes of the files people take for a résumé that neither command reads, with what each is
#: (loading/source.py holds them: it names them too, for a profile that is no text).
_MAGIC = BINARY_MAGIC


def what_it_holds(head: bytes) -> tuple[str, str]:
    """What a file whose first bytes are ``head`` plainly holds, as ``(kind, words)``: kind is
    ``empty``, ``image`` (PNG, JPEG, GIF, TIFF, BMP, WebP, HEIC), ``word`` (RTF, an old
    Office file), ``html``, ``json``, ``text`` or ``""`` (not plain: binary data of some
    other kind); words say it for a message (``it is a PNG image``; ``""`` with kind ``""``)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return "empty", "it is empty"
    for magic, kind, words in _MAGIC:
        if head.startswith(magic) and (magic != b"BM" or len(head) >= 14 and head[6:10] == b"\x00" * 4):
            return kind, words
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image", "it is a WebP image"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "image", "it is a HEIC image (a phone photo)"
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html", "it holds an HTML page"
    if stripped[:1] in (b"{", b"["):
        return "json", "it holds JSON text"
    if _is_text(head):
        return "text", "it holds plain text"
    return "", ""


def not_a_document(path: Path, head: bytes, *, hint: str, other: str = "neither a PDF nor a DOCX file") -> UserError:
    """The error for a file that is neither a PDF nor a DOCX (``head``: its first bytes), naming
    what it holds instead when that is plain (:func:`what_it_holds`: nothing, an image, an RTF
    or old Word file, an HTML page, JSON, text). ``other`` says what the file is not when its
    name does not end in .pdf or .docx (import: "not a kind of file import takes")."""
    named = {".pdf": "named .pdf but not a PDF", ".docx": "named .docx but not a Word document"}.get(
        path.suffix.lower(), other)
    kind, holds = what_it_holds(head)
    if kind == "html" and path.suffix.lower() in (".pdf", ".docx"):
        holds += " (a download that went wrong, or a page saved from a browser)"
    return UserError(f"{path}: {named}" + (f": {holds}" if holds else ""), hint=hint)


def _is_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not merely a character cut at the end of the sample
            return False
        text = head[:exc.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\t\r\n\f" for ch in text)


def unreadable_pdf(path: Path, exc: Exception) -> UserError:
    """The error for a PDF that its reader gave up on (``exc``); when the file does not end as
    a PDF does (``%%EOF`` near its end, ISO 32000-1 §7.5.5), it says it looks cut short."""
    hint = ""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 1024))
            tail = handle.read()
        if b"%%EOF" not in tail:
            hint = ("the file ends early (no %%EOF at its end): it was cut short while being written, "
                    "copied or downloaded; make or fetch it again")
    except OSError:
        pass
    return UserError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})", hint=hint)


def extract(path: Path) -> Extracted:
    kind = sniff(path)
    return extract_pdf(path) if kind == PDF else extract_docx(path)


# ============================================================================ PDF


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    top: float  # distance from the top of the page
    bottom: float
    page_height: float
    x1: float = 0.0
    clusters: tuple[str, ...] = ()  # the glyphs' texts, left to right as drawn
    baseline: float | None = None  # the first glyph's baseline, from the top of the page


def _pdf_lines(path: Path) -> tuple[list[_Line], int, list[int], int]:
    """Every text line of every page, pages without text, images on page 1."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTImage, LTTextLineHorizontal

    lines: list[_Line] = []
    empty_pages: list[int] = []
    first_page_images = 0
    page_count = 0
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams(all_texts=True)), start=1):
        page_count = number
        found_text = False
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTTextLineHorizontal):
                text = item.get_text().strip()
                if text:
                    found_text = True
                    clusters = _clusters(item)
                    glyph = next((child for child in item if isinstance(child, LTChar)), None)
                    lines.append(_Line(number, text, item.x0, page.height - item.y1, page.height - item.y0,
                                       page.height, item.x1, clusters,
                                       page.height - glyph.matrix[5] if glyph is not None else None))
            elif isinstance(item, LTImage):
                # a glyph-sized picture is an emoji drawn in colour (at most GLYPH_IMAGE_PT square),
                # not text an ATS cannot read: "page 1 has 1 image" was blamed for a missing e-mail (trial)
                if number == 1 and not (item.width <= GLYPH_IMAGE_PT and item.height <= GLYPH_IMAGE_PT):
                    first_page_images += 1
            elif isinstance(item, LTChar):
                found_text = found_text or bool(item.get_text().strip())
            elif hasattr(item, "__iter__"):
                stack.extend(item)
        if not found_text:
            empty_pages.append(number)
    return _join_baselines(lines), page_count, empty_pages, first_page_images


def _join_baselines(lines: list[_Line]) -> list[_Line]:
    """Pieces of one drawn line that pdfminer split apart, joined back into one line.

    pdfminer groups glyphs into lines by their boxes, which come from each font's ascent and
    descent: Latin digits in the theme font and Arabic letters in a taller fallback font on
    the same baseline get boxes far enough apart to make two lines (``2019 –`` above
    ``مارس حتى الآن``), and a right-to-left line can only be put back in reading order
    whole. Pieces on the same page and baseline (within 0.5 pt) that touch (a gap of at most a
    fifth of their height: pieces a CSS margin sets apart stay apart) are joined left to right.
    """
    ordered = sorted(lines, key=lambda line: (line.page, line.baseline is None, line.baseline or 0, line.x0))
    out: list[_Line] = []
    for line in ordered:
        last = out[-1] if out else None
        if last is not None and line.baseline is not None and last.baseline is not None \
                and last.page == line.page and abs(last.baseline - line.baseline) <= 0.5:
            height = min(last.bottom - last.top, line.bottom - line.top)
            gap = line.x0 - last.x1
            if -0.5 <= gap <= height * 0.2:
                space = (" ",) if gap > height * 0.1 and not last.clusters[-1:] == (" ",) \
                    and not line.clusters[:1] == (" ",) else ()
                clusters = tuple(c for c in last.clusters if c != "\n") + space + line.clusters
                out[-1] = _Line(last.page, "".join(clusters).strip(), last.x0, min(last.top, line.top),
                                max(last.bottom, line.bottom), last.page_height, line.x1, clusters,
                                last.baseline)
                continue
        out.append(line)
    return out


def _clusters(line) -> tuple[str, ...]:
    """The texts of a pdfminer line's glyphs (and the spaces it infers), left to right."""
    return tuple(child.get_text() for child in line)


def _right_to_left_language(tag: str | None) -> bool | None:
    """Whether CLDR writes the language of a BCP 47 tag right to left; None if unknown."""
    if not tag:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.replace("-", "_").split("_")[0]).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _reading_order(lines: list[_Line], language: str | None = None) -> bool:
    """Put a document's lines in reading order; True when it is right to left.

    A PDF stores glyphs in the order they are drawn, left to right: an Arabic or Hebrew line
    comes out reversed. The document is right to left when its language (the catalog's
    ``/Lang``) is written right to left in CLDR, or, with no language, when right-to-left
    letters outnumber left-to-right ones. Each line is then turned back into reading order
    (:func:`resume_builder.bidi.visual_to_logical`), and the lines of a row read from the right.
    """
    from resume_builder.bidi import mostly_rtl, read_back

    rtl = _right_to_left_language(language)
    if rtl is None:
        rtl = mostly_rtl([line.text for line in lines])
    if not rtl:
        # Right-to-left words on a left-to-right page (an Arabic or Hebrew name in an English
        # résumé) are drawn reversed too: each such line back in reading order.
        for line in lines:
            line.text = read_back(line.text, line.clusters, rtl_page=False)
        return False
    for line in lines:
        line.text = read_back(line.text, line.clusters, rtl_page=True)
    return True


def _rows(lines: list[_Line], *, rtl: bool = False) -> list[str]:
    """Lines on the same baseline joined in reading order; rows top to bottom, page by page."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda item: (item.page, item.top, -item.x1 if rtl else item.x0)):
        if rows:
            last = rows[-1][0]
            centre, last_centre = (line.top + line.bottom) / 2, (last.top + last.bottom) / 2
            tolerance = min(line.bottom - line.top, last.bottom - last.top) / 2
            if line.page == last.page and abs(centre - last_centre) <= tolerance:
                rows[-1].append(line)
                continue
        rows.append([line])
    return [" ".join(item.text for item in sorted(row, key=lambda item: -item.x1 if rtl else item.x0))
            for row in rows]


def _running_lines(lines: list[_Line]) -> set[int]:
    """Indexes of lines in the page-margin bands or repeated near the top/bottom of pages."""
    left_margin = min((line.x0 for line in lines), default=36.0)
    running = set()
    repeats: dict[tuple[str, int], set[int]] = {}
    for index, line in enumerate(lines):
        band = min(max(left_margin, 18.0), 0.05 * line.page_height)
        if line.bottom <= band or line.top >= line.page_height - band:
            running.add(index)
        edge = 0.15 * line.page_height
        if (line.bottom <= edge or line.top >= line.page_height - edge) and \
                sum(ch.isalnum() for ch in line.text) >= 2:
            key = (re.sub(r"\d+", "#", " ".join(line.text.casefold().split())), round(line.top / 3))
            repeats.setdefault(key, set()).add(line.page)
    repeated = {key for key, pages in repeats.items() if len(pages) >= 2}
    for index, line in enumerate(lines):
        key = (re.sub(r"\d+", "#", " ".join(line.text.casefold().split())), round(line.top / 3))
        if key in repeated:
            running.add(index)
    return running


def _pdf_fonts(reader) -> list[FontInfo]:
    from pypdf.generic import DictionaryObject, IndirectObject

    fonts: dict[object, FontInfo] = {}
    seen_resources: set[int] = set()

    def resolve(obj):
        return obj.get_object() if isinstance(obj, IndirectObject) else obj

    def visit_resources(resources) -> None:
        resources = resolve(resources)
        if not isinstance(resources, DictionaryObject) or id(resources) in seen_resources:
            return
        seen_resources.add(id(resources))
        font_dict = resolve(resources.get("/Font"))
        if isinstance(font_dict, DictionaryObject):
            for key, ref in font_dict.items():
                font = resolve(ref)
                ident = (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(font)
                if ident not in fonts and isinstance(font, DictionaryObject):
                    fonts[ident] = _font_info(font, str(key), resolve)
        xobjects = resolve(resources.get("/XObject"))
        if isinstance(xobjects, DictionaryObject):
            for ref in xobjects.values():
                xobject = resolve(ref)
                if isinstance(xobject, DictionaryObject) and xobject.get("/Subtype") == "/Form":
                    visit_resources(xobject.get("/Resources"))

    for page in reader.pages:
        visit_resources(page.get("/Resources"))
    return list(fonts.values())


def _font_info(font, key: str, resolve) -> FontInfo:
    name = str(font.get("/BaseFont", key)).lstrip("/")
    subtype = font.get("/Subtype")
    if subtype == "/Type3":  # glyphs are drawn by content streams inside the PDF
        return FontInfo(name, True)
    descriptor_owner = font
    if subtype == "/Type0":
        descendants = resolve(font.get("/DescendantFonts"))
        if descendants:
            descriptor_owner = resolve(descendants[0])
    descriptor = resolve(descriptor_owner.get("/FontDescriptor"))
    embedded = bool(descriptor) and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return FontInfo(name, embedded)


#: What the last PDFs read held, by the SHA-256 of their bytes: reading a PDF (pdfminer parses
#: every content stream in Python) takes about a tenth of a second a page, and the same file is
#: often checked twice in one process (``render --check``, then ``check`` on what it wrote; the
#: tests).
_READ: "OrderedDict[str, Extracted]" = OrderedDict()


def extract_pdf(path: Path) -> Extracted:
    """The text and facts of a PDF (see :class:`Extracted`); pypdf's own notes about damage
    stay silent (the UserError for a damaged file says it). A file with the same bytes as one
    of the last eight read is not read again (what it holds depends on its bytes alone)."""
    import copy
    import dataclasses
    import hashlib

    from resume_builder.checking.quiet import quiet_pdf_library

    try:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        digest = None  # said by the reading below
    if digest in _READ:
        _READ.move_to_end(digest)
        return dataclasses.replace(copy.deepcopy(_READ[digest]), path=path)
    with quiet_pdf_library():
        extracted = _extract_pdf(path)
    if digest is not None:
        _READ[digest] = copy.deepcopy(extracted)
        while len(_READ) > 8:
            _READ.popitem(last=False)
    return extracted


def _extract_pdf(path: Path) -> Extracted:
    from pypdf import PdfReader

    size = path.stat().st_size
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UserError(f"{path}: the PDF is password-protected; an ATS cannot open it")
        page_count = len(reader.pages)
        fonts = _pdf_fonts(reader)
        root = reader.trailer["/Root"].get_object()
        struct_tree = "/StructTreeRoot" in root
        mark_info = root.get("/MarkInfo")
        marked = bool(mark_info and mark_info.get_object().get("/Marked"))
        language = root.get("/Lang")
        language = str(language.get_object()) if language is not None else None
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error for damaged files
        raise unreadable_pdf(path, exc) from None
    try:
        lines, _, empty_pages, images = _pdf_lines(path)
    except Exception as exc:  # noqa: BLE001 - so does pdfminer
        raise unreadable_pdf(path, exc) from None

    rtl = _reading_order(lines, language)
    running = _running_lines(lines)
    body = [line for index, line in enumerate(lines) if index not in running]
    headers = [line for index, line in enumerate(lines) if index in running]
    problem = ""
    if not struct_tree and not marked:
        problem = "no structure tree (/StructTreeRoot) and not marked as tagged (/MarkInfo)"
    elif not struct_tree:
        problem = "no structure tree (/StructTreeRoot)"
    elif not marked:
        problem = "/MarkInfo does not say /Marked true"
    return Extracted(
        path=path, kind=PDF, size=size, body=_rows(body, rtl=rtl),
        lines=[line.text for line in sorted(body, key=lambda item: (item.page, item.top,
                                                                    -item.x1 if rtl else item.x0))],
        headers=_rows(headers, rtl=rtl), pages=page_count, pages_without_text=empty_pages, images=images,
        fonts=fonts, tagged=struct_tree and marked, tag_problem=problem)


# ============================================================================ DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _text_of(element, *, skip_text_boxes: bool = True) -> str:
    """The text of a paragraph (or any element) as Word shows it, in document order."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag
        if tag == f"{_MC}Fallback" or (skip_text_boxes and tag == f"{_W}txbxContent"):
            return
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}sym":
            code = node.get(f"{_W}char") or ""
            try:
                parts.append(chr(int(code, 16)))
            except ValueError:
                pass
        elif tag == f"{_W}delText":
            return
        for child in node:
            walk(child)

    walk(element)
    return "".join(parts)


def _paragraph_lines(container) -> list[str]:
    """Paragraph texts (line breaks split) of every w:p under ``container`` outside text boxes."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            if child.tag == f"{_W}p":
                out.extend(_split(_text_of(child)))
            elif child.tag in (f"{_W}txbxContent", f"{_MC}Fallback"):
                continue
            else:
                walk(child)

    walk(container)
    return out


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n") if part.strip()]


def _parse_part(archive: zipfile.ZipFile, name: str, path: Path):
    try:
        return ElementTree.fromstring(archive.read(name))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{path}: not a readable DOCX file ({name}: {exc})") from None


def _text_boxes(root) -> list[list[str]]:
    """The paragraphs of each text box, counting a box shown two ways (mc:Choice/Fallback) once."""
    boxes: list[list[str]] = []

    def walk(node) -> None:
        for child in node:
            if child.tag == f"{_MC}Fallback":
                continue
            if child.tag == f"{_W}txbxContent":
                boxes.append([line for paragraph in child.iter(f"{_W}p")
                              for line in _split(_text_of(paragraph, skip_text_boxes=False))])
                continue
            walk(child)

    walk(root)
    return boxes


def extract_docx(path: Path) -> Extracted:
    size = path.stat().st_size
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{path}: not a readable DOCX file ({exc})") from None
    with archive:
        document = _parse_part(archive, "word/document.xml", path)
        body_element = document.find(f"{_W}body")
        if body_element is None:
            raise UserError(f"{path}: not a readable DOCX file (word/document.xml has no body)")
        body: list[str] = []
        tables: list[str] = []
        table_count = 0

        def walk_body(node) -> None:
            nonlocal table_count
            for child in node:
                if child.tag == f"{_W}p":
                    body.extend(_split(_text_of(child)))
                elif child.tag == f"{_W}tbl":
                    lines = _paragraph_lines(child)
                    if lines:
                        table_count += 1
                        tables.extend(lines)
                elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"):
                    walk_body(child)

        walk_body(body_element)
        boxes = [box for box in _text_boxes(body_element) if box]
        images = sum(1 for _ in body_element.iter(f"{_A}blip")) + sum(1 for _ in body_element.iter(f"{_V}imagedata"))

        headers: list[str] = []
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                part = _parse_part(archive, name, path)
                headers.extend(_paragraph_lines(part))
                for box in _text_boxes(part):
                    headers.extend(box)

        pages = None
        if "docProps/app.xml" in archive.namelist():
            app = _parse_part(archive, "docProps/app.xml", path)
            value = app.findtext(f"{_EP}Pages")
            if value and value.strip().isdecimal() and int(value) > 0:
                pages = int(value)

    return Extracted(
        path=path, kind=DOCX, size=size, body=body, lines=list(body), headers=headers,
        text_boxes=[line for box in boxes for line in box], tables=tables, table_count=table_count,
        text_box_count=len(boxes), pages=pages, images=images)


def normalise(text: str) -> str:
    """For matching only: compatibility forms folded, soft hyphens and bidi controls dropped, spaces
    collapsed, case folded."""
    text = unicodedata.normalize("NFKC", without_controls(text.replace("\u00ad", "")))
    # Turkish upper case (CSS text-transform with lang="tr") writes İ for i: "EĞİTİM" matches "Eğitim".
    return " ".join(text.split()).casefold().replace("\u0307", "").replace("ı", "i")
