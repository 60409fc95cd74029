"""The redaction proof (issue 18): a public copy shows no private value, in any format of any theme.

``tests/fixtures/public/private.yaml`` is full of private details (invented), written in
many ways: the phone number with spaces, hyphens, a trunk prefix, as a ``tel:`` URI and
percent-encoded; the e-mail in upper case, in a ``mailto:`` link, percent-encoded; a street
address, a birth date in a custom section, a photo, references, entries tagged
``private`` and fields named in ``private:`` lists. Its variant ``web`` is public.

Every format (pdf, html, png, docx, md, txt) of every built-in theme is rendered with that
variant, and every byte of each output is searched: PDF objects with their streams
decompressed, the text layer, metadata, link annotations and embedded files; every part of
the DOCX package (document, core and app properties, relationships, media) raw and with
its XML tags removed (a text split over runs); HTML raw, with entities and percent-escapes
decoded; PNG bytes and text chunks. Each secret is looked for in UTF-8, UTF-16 (PDF text
strings), any letter case, HTML-escaped and percent-encoded; the phone number with any
separators between its digits.

The same search finds every secret in the full (not public) render: the detector works.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from resume_builder import pipeline
from resume_builder.formats import FORMATS
from resume_builder.theming import builtin_themes
from tests.conftest import FIXTURES

# About what documents say, not their fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

PROFILE = FIXTURES / "public" / "private.yaml"

#: Values the public copy must not show (each at least 7 characters, so that binary data
#: such as font files cannot hold one by chance).
SECRETS = [
    "robin.hushmail", "hushmail@example", "Quillfeather", "Marrowbone Lane", "QX1 7ZZ", "robin-homepage",
    "robin-face", "Hushcorp", "Clandestine", "Quiet Operator", "Grimblewick", "Thaddeus", "Privateer",
    "Mirrorglass", "June 1987", "Wibbleton", "Married to", "Dana Quire", "Quentin", "Referee", "Ostrich Avenue",
    "Shelved memoirs",
]
#: The phone numbers (the profile's and the referee's), with anything but a digit between digits.
PHONES = [re.compile(r"7\D{0,6}9\D{0,6}4\D{0,6}6\D{0,6}0\D{0,6}9\D{0,6}5\D{0,6}8"),
          re.compile(r"7\D{0,6}9\D{0,6}4\D{0,6}6\D{0,6}0\D{0,6}1\D{0,6}1\D{0,6}1")]


def _themes() -> list[str]:
    return sorted(name for name, _ in builtin_themes())


def _render(tmp: Path, theme: str, variant: str | None, formats: tuple[str, ...] = tuple(FORMATS)):
    request = pipeline.RenderRequest(profile=PROFILE, variant=variant, theme=theme, formats=formats, out_dir=tmp)
    job = pipeline.prepare(request)
    return job, pipeline.render_request(job, request)


def _outputs(tmp: Path, theme: str) -> dict[str, list[bytes]]:
    """format → the bytes of every file the public variant renders in ``theme`` (PNG: one per page)."""
    out: dict[str, list[bytes]] = {}
    for item in _render(tmp, theme, "web")[1]:
        out.setdefault(item.path.suffix.lstrip("."), []).append(item.data)
    return out


# ------------------------------------------------------------------ every byte, decoded every way


def _pdf_parts(data: bytes) -> list[bytes]:
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    reader = PdfReader(io.BytesIO(data))
    parts = [data]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free entry
            continue
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data())
        parts.append(repr(obj).encode("utf-8", "replace"))  # dictionaries: metadata, link URIs, names
    parts.append("\n".join(page.extract_text() or "" for page in reader.pages).encode("utf-8"))
    parts.append(repr(dict(reader.metadata or {})).encode("utf-8"))
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            parts.append(repr(annot.get_object()).encode("utf-8"))
    for contents in reader.attachments.values():
        parts.extend(contents)
    from pdfminer.high_level import extract_text

    parts.append(extract_text(io.BytesIO(data)).encode("utf-8"))
    return parts


def _docx_parts(data: bytes) -> list[bytes]:
    parts = [data]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            part = package.read(name)
            parts += [name.encode(), part, re.sub(rb"<[^>]+>", b"", part)]  # runs joined: text split over runs
    return parts


def _png_parts(data: bytes) -> list[bytes]:
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    return [data, repr(image.info).encode("utf-8", "replace"), repr(getattr(image, "text", {})).encode("utf-8")]


def _parts(fmt: str, data: bytes) -> list[bytes]:
    return {"pdf": _pdf_parts, "docx": _docx_parts, "png": _png_parts}.get(fmt, lambda d: [d])(data)


def _texts(part: bytes) -> list[str]:
    """``part`` read every way a secret could hide in it."""
    texts = []
    for encoding in ("utf-8", "utf-16-be", "utf-16-le", "latin-1"):
        text = part.decode(encoding, errors="ignore")
        texts.append(text)
        decoded = unquote(html.unescape(text))
        texts.append(decoded)
        texts.append(re.sub(r"[\s\u00ad\u200b]+", " ", decoded))  # soft hyphens, any spacing
    return texts


def _found(fmt: str, outputs: list[bytes]) -> set[str]:
    """The secrets (and phone patterns) present in ``outputs``."""
    found: set[str] = set()
    for data in outputs:
        for part in _parts(fmt, data):
            for text in _texts(part):
                folded = text.casefold()
                found.update(s for s in SECRETS if s.casefold() in folded)
                found.update(p.pattern for p in PHONES if p.search(text))
    return found


# ------------------------------------------------------------------ the proof


@pytest.mark.slow
@pytest.mark.parametrize("theme", _themes())
def test_no_private_value_in_any_format(tmp_path, theme):
    outputs = _outputs(tmp_path, theme)
    assert sorted(outputs) == sorted(FORMATS)
    assert {fmt: _found(fmt, data) for fmt, data in outputs.items()} == {fmt: set() for fmt in FORMATS}
    from pypdf import PdfReader  # the photo: in no format

    assert all(not page.images for data in outputs["pdf"] for page in PdfReader(io.BytesIO(data)).pages)
    assert not [name for data in outputs["docx"] for name in zipfile.ZipFile(io.BytesIO(data)).namelist()
                if name.startswith("word/media/")]
    assert all(b"data:image" not in data and b"<img" not in data for data in outputs["html"])
    text = outputs["txt"][0].decode("utf-8")  # and what is public is still there
    for kept in ("Robin Quire", "Site Reliability Engineer", "London", "forms.example/robin-contact",
                 "github.com/robin-quire", "Lighthouse Systems", "Fjord Analytics", "Open Pager", "Nationality",
                 "Cut paging noise"):
        assert kept in text


def test_the_search_finds_every_secret_in_the_full_resume(tmp_path):
    """The detector works: without the public variant, every secret is found."""
    job, rendered = _render(tmp_path, "classic", None, ("pdf", "txt", "docx", "html"))
    found: set[str] = set()
    for item in rendered:
        found |= _found(item.path.suffix.lstrip("."), [item.data])
    # the photo's file name is not printed; the photo itself is (checked below)
    assert found == (set(SECRETS) - {"robin-face"}) | {p.pattern for p in PHONES}
    from pypdf import PdfReader

    pdf = next(item.data for item in rendered if item.path.suffix == ".pdf")
    assert any(page.images for page in PdfReader(io.BytesIO(pdf)).pages)


def test_export_public_writes_no_private_value_and_the_full_export_has_them():
    from typer.testing import CliRunner

    from resume_builder.cli import app

    public = CliRunner().invoke(app, ["export", str(PROFILE), "--public"])
    full = CliRunner().invoke(app, ["export", str(PROFILE)])
    assert public.exit_code == 0 and full.exit_code == 0, public.output + full.output
    assert _found("json", [public.stdout.encode("utf-8")]) == set()
    assert _found("json", [full.stdout.encode("utf-8")]) == (set(SECRETS) | {p.pattern for p in PHONES})
