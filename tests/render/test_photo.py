"""The profile's photo (basics.photo): shown in every theme, DOCX and HTML; checked before use.

A photo is a PNG, JPEG or SVG file inside the profile's folder, at most 5 MB and 25
megapixels (read from the header, before anything decodes it); an SVG may refer to
nothing outside itself. Anything else is a located error, except an address (JSON
Resume's ``image`` often is one), which is left out with a warning and never fetched.
"""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.images import check_image
from resume_builder.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from resume_builder.pipeline import prepare, render
from tests.conftest import FIXTURES

pypdf = pytest.importorskip("pypdf")
runner = CliRunner()
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


def png(width: int = 30, height: int = 40) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (60, 110, 170)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg(width: int = 30, height: int = 40) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (60, 110, 170)).save(buffer, format="JPEG")
    return buffer.getvalue()


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
       '<defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient></defs>'
       '<circle cx="5" cy="5" r="4" fill="url(#g)"/><use xlink:href="#g"/></svg>')


def profile_with(folder: Path, photo: str, data: bytes | None = None, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if data is not None:
        target = folder / (name or photo)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    text = ONE_PAGE.read_text(encoding="utf-8").replace("basics:\n", f"basics:\n  photo: '{photo}'\n", 1)
    path = folder / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(UserError) as info:
        prepare(path)
    return str(info.value)


# ----------------------------------------------------------------------------- shown


@pytest.mark.parametrize("kind", ["png", "jpeg", "svg"])
@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_photo_is_in_the_pdf_and_the_text_is_unchanged(kind, theme, tmp_path):
    data = {"png": png(), "jpeg": jpeg(), "svg": SVG.encode()}[kind]
    path = profile_with(tmp_path, f"pictures/me.{kind}", data)
    job = prepare(path, theme_name=theme)
    assert job.document.photo is not None and job.document.photo.format == {"png": "PNG", "jpeg": "JPEG",
                                                                            "svg": "SVG"}[kind]
    with_photo = render(job, "pdf", tmp_path / "cv.pdf")[0]
    without = render(prepare(ONE_PAGE, theme_name=theme), "pdf", tmp_path / "x.pdf")[0]
    page = pypdf.PdfReader(io.BytesIO(with_photo.data)).pages[0]
    if kind == "svg":  # drawn as vector graphics: the page draws more than without the photo
        plain = pypdf.PdfReader(io.BytesIO(without.data)).pages[0]
        assert len(page.get_contents().get_data()) > len(plain.get_contents().get_data())
    else:
        assert len(page.images) == 1
    normal = pypdf.PdfReader(io.BytesIO(without.data)).pages[0].extract_text()
    # text and its order unchanged (pypdf ends the text with a line break when the photo,
    # a float, is drawn after it)
    assert page.extract_text().rstrip("\n") == normal.rstrip("\n")
    assert with_photo.pages == 1


def test_photo_is_embedded_in_the_html_as_data(tmp_path):
    path = profile_with(tmp_path, "me.png", png())
    markup = render(prepare(path), "html", tmp_path / "cv.html")[0].data.decode("utf-8")
    body = markup.split("<body", 1)[1]
    assert '<img class="photo" src="data:image/png;base64,' in body
    assert "me.png" not in markup and "file:" not in markup


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def docx_body(data: bytes):
    import zipfile

    from lxml import etree

    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(f"{W}body")


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_photo_is_in_the_docx_beside_the_name(kind, tmp_path):
    """The photo floats at the right margin beside the masthead, as in the PDF: a picture anchored
    in the name's paragraph, the text wrapping on its left, 4 mm away; no paragraph of its own
    (before: one above the name, 22 mm more than the PDF's masthead)."""
    import docx

    path = profile_with(tmp_path, f"me.{kind}", png() if kind == "png" else jpeg())
    rendered = render(prepare(path), "docx", tmp_path / "cv.docx")[0]
    assert rendered.warnings == []
    document = docx.Document(io.BytesIO(rendered.data))
    assert len(document.inline_shapes) == 0
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == "Jo Short"  # the name is still the first line an ATS reads
    first = docx_body(rendered.data)[0]
    assert first.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Title"
    anchors = list(first.iter(f"{WP}anchor"))
    assert len(anchors) == 1 and len(list(docx_body(rendered.data).iter(f"{WP}anchor"))) == 1
    anchor = anchors[0]
    assert anchor.find(f"{WP}positionH").get("relativeFrom") == "margin"
    assert anchor.find(f"{WP}positionH/{WP}align").text == "right"
    assert anchor.find(f"{WP}wrapSquare").get("wrapText") == "left"
    assert int(anchor.get("distL")) == 144000  # 4 mm in EMU
    extent = anchor.find(f"{WP}extent")
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (594000, 792000)  # 16.5 x 22 mm: 30 x 40 pixels
    assert render(prepare(path), "docx", tmp_path / "again.docx")[0].data == rendered.data  # reproducible


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_docx_masthead_beside_a_photo_is_as_tall_as_the_photo(theme, tmp_path):
    """The PDF's masthead is at least as tall as its photo (min-height: 22mm); the DOCX's text,
    exact lines and the space between them, then the space above the first section's heading,
    reach the photo's foot (22 mm) and the section's own gap below it. Before: Word and
    LibreOffice let the heading run up beside the photo."""
    from resume_builder.render.docx.look import resolve_look

    path = profile_with(tmp_path, "me.png", png())
    job = prepare(path, theme=theme)
    data = render(job, "docx", tmp_path / "cv.docx")[0].data
    look = resolve_look(job.theme, job.options)
    styles = docx_styles(data)
    height = 0.0
    for paragraph in docx_body(data).iterchildren(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        own = paragraph.find(f"{W}pPr/{W}spacing")
        spacing = {**styles[style], **{k.split("}")[1]: v for k, v in (own.attrib if own is not None else {}).items()}}
        assert spacing["lineRule"] == "exact"
        height += int(spacing.get("before", 0)) / 20
        if style == "Heading1":
            break
        height += int(spacing["line"]) / 20 + int(spacing.get("after", 0)) / 20
    assert height >= 22 / 25.4 * 72 + look.heading_before - 0.1, height


def docx_styles(data: bytes) -> dict[str, dict[str, str]]:
    """{style id: its w:spacing attributes, with those of the styles it is based on}."""
    import zipfile

    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    own, based = {}, {}
    for style in root.iter(f"{W}style"):
        spacing = style.find(f"{W}pPr/{W}spacing")
        own[style.get(f"{W}styleId")] = {k.split("}")[1]: v for k, v in (spacing.attrib if spacing is not None
                                                                          else {}).items()}
        parent = style.find(f"{W}basedOn")
        based[style.get(f"{W}styleId")] = parent.get(f"{W}val") if parent is not None else None

    def resolved(style_id):
        return {**(resolved(based[style_id]) if based.get(style_id) else {}), **own.get(style_id, {})}

    return {style_id: resolved(style_id) for style_id in own}


def test_svg_photo_is_left_out_of_the_docx_with_a_warning(tmp_path):
    path = profile_with(tmp_path, "me.svg", SVG.encode())
    rendered = render(prepare(path), "docx", tmp_path / "cv.docx")[0]
    assert rendered.warnings and "PNG or JPEG" in rendered.warnings[0]


def test_markdown_and_text_are_unchanged_by_a_photo(tmp_path):
    path = profile_with(tmp_path, "me.png", png())
    for fmt in ("md", "txt"):
        assert render(prepare(path), fmt, tmp_path / f"a.{fmt}")[0].data == \
            render(prepare(ONE_PAGE), fmt, tmp_path / f"b.{fmt}")[0].data


def test_render_command_with_a_photo(tmp_path):
    path = profile_with(tmp_path, "me.jpg", jpeg())
    result = runner.invoke(app, ["render", str(path), "-f", "pdf", "-f", "docx", "-f", "html",
                                 "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


# ----------------------------------------------------------------------------- refused


def test_photo_outside_the_profile_folder_is_a_located_error(tmp_path):
    (tmp_path / "elsewhere.png").write_bytes(png())
    path = profile_with(tmp_path / "profile", "../elsewhere.png")
    message = error_of(path)
    assert f"{path}:3:10: basics.photo: the photo '../elsewhere.png' is outside the profile's folder" in message


def test_photo_symlinked_out_of_the_profile_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png())
    folder = tmp_path / "profile"
    folder.mkdir()
    (folder / "me.png").symlink_to(secret)
    assert "outside the profile's folder" in error_of(profile_with(folder, "me.png"))


def test_absolute_photo_path_inside_the_folder_is_fine(tmp_path):
    folder = tmp_path / "profile"
    path = profile_with(folder, str(folder / "me.png"), png(), name="me.png")
    assert prepare(path).document.photo is not None


def test_missing_photo_is_a_located_error(tmp_path):
    message = error_of(profile_with(tmp_path, "nope.png"))
    assert "basics.photo: photo file 'nope.png' not found" in message


def test_a_photo_that_is_a_dangling_link_a_loop_or_a_folder_says_what_it_is(tmp_path):
    """A photo that is a symbolic link to a moved file was "photo file 'me.png' not found" beside
    an ``ls`` that lists it (trial): it says where the link points, at the photo's line."""
    (tmp_path / "me.png").symlink_to("old/me.png")
    path = profile_with(tmp_path, "me.png")
    assert error_of(path) == (f"{path}:3:10: basics.photo: the photo 'me.png' is a symbolic link to 'old/me.png', "
                              "which does not exist (point the link at the photo, or name the photo itself)")
    (tmp_path / "a.png").symlink_to("b.png")
    (tmp_path / "b.png").symlink_to("a.png")
    assert "the photo 'a.png' is a symbolic link to 'b.png', which leads back to it (a loop of links)" \
        in error_of(profile_with(tmp_path, "a.png"))
    (tmp_path / "pics").mkdir()
    assert f"basics.photo: the photo 'pics' is a folder (name an image file; paths are relative to {tmp_path})" \
        in error_of(profile_with(tmp_path, "pics"))


def test_validate_finds_a_missing_or_broken_photo_as_render_does(tmp_path):
    """validate said "✓ valid" for a photo that was missing or not an image; render then failed."""
    path = profile_with(tmp_path, "me.jpg")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "basics.photo: photo file 'me.jpg' not found" in result.output and "✓" not in result.output
    (tmp_path / "me.jpg").write_text("bad", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "basics.photo: the photo 'me.jpg' is not a PNG, JPEG or SVG image" in result.output
    (tmp_path / "me.jpg").write_bytes(png())
    assert CliRunner().invoke(app, ["validate", str(path)]).exit_code == 0


def test_photo_over_the_byte_limit_is_refused_without_reading_it_all(tmp_path):
    path = profile_with(tmp_path, "big.png", png() + b"\0" * MAX_IMAGE_BYTES)
    assert "larger than 5 MB" in error_of(path)


def _png_header(width: int, height: int) -> bytes:
    """A PNG signature and IHDR claiming a size, with a tiny (wrong) image after it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    data = zlib.compress(b"\0" * 10)
    idat = struct.pack(">I", len(data)) + b"IDAT" + data + struct.pack(">I", zlib.crc32(b"IDAT" + data))
    return b"\x89PNG\r\n\x1a\n" + chunk + idat + b"\0\0\0\0IEND\xaeB`\x82"


def _jpeg_header(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@pytest.mark.parametrize("make", [_png_header, _jpeg_header])
def test_hundred_megapixel_image_is_refused_from_its_header(make, tmp_path, monkeypatch):
    """10,000 x 10,000 pixels would take 300 MB to decode: the header alone refuses it."""
    import PIL.Image

    def no_decoding(*args, **kwargs):
        raise AssertionError("the image was opened for decoding")

    monkeypatch.setattr(PIL.Image, "open", no_decoding)
    path = profile_with(tmp_path, "huge.img", make(10_000, 10_000))
    message = error_of(path)  # PIL.Image.open is patched to fail: nothing was decoded
    assert "10000x10000 pixels (100 megapixels)" in message and "at most 25 megapixels" in message
    assert 10_000 * 10_000 > MAX_IMAGE_PIXELS >= 5_000 * 5_000
    assert check_image(make(5_000, 5_000)).width == 5_000  # at the limit: fine


@pytest.mark.parametrize("data, found", [
    (b"GIF89a" + b"\0" * 20, "(it is GIF)"),
    (b"RIFF\0\0\0\0WEBPVP8 ", "(it is WebP)"),
    (b"%PDF-1.7\n", "(it is PDF)"),
    (b"#!/bin/sh\nrm -rf /\n", "is not a PNG, JPEG or SVG image"),
])
def test_other_formats_are_refused(data, found, tmp_path):
    assert found in error_of(profile_with(tmp_path, "me.png", data))


def test_damaged_headers_are_refused(tmp_path):
    assert "damaged PNG" in error_of(profile_with(tmp_path, "a.png", b"\x89PNG\r\n\x1a\n\0\0"))
    assert "damaged JPEG" in error_of(profile_with(tmp_path / "b", "b.jpg", b"\xff\xd8\xff\xda\0\x02"))


@pytest.mark.parametrize("svg, reason", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/a.png"/></svg>', "refers to"),
    (('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
      '<image x:href="file:///etc/passwd"/></svg>'), "refers to"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>', "refers to"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml,&lt;svg/&gt;"/></svg>', "refers to"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://evil.example/x)"/></svg>', "url("),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import "http://evil.example/a.css";</style></svg>',
     "imports"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: url(//evil.example/p) }</style></svg>', "url("),
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "<foreignobject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler"),
    (('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
      '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'), "DOCTYPE"),
    ('<?xml-stylesheet href="http://evil.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
     "style sheet"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "not a well-formed SVG"),
    # issue 12: CSS escapes, comments and text after a child element do not hide a reference
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>a{}<g/>@\\69mport "http://evil.example/a.css";</style></svg>',
     "imports"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:\\75 rl(http://evil.example/x)"/></svg>', "url("),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:image(&quot;http://evil.example/x&quot;)"/></svg>',
     "image("),
])
def test_svg_that_could_reach_outside_is_refused(svg, reason, tmp_path):
    message = error_of(profile_with(tmp_path, "me.svg", svg.encode()))
    assert "basics.photo" in message and reason in message, message


def test_svg_with_internal_references_and_data_images_is_fine():
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (2, 2)).save(buffer, format="PNG")
    data_png = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           f'<style>circle {{ fill: url(#g) }}</style><image xlink:href="{data_png}"/><use href="#g"/></svg>')
    assert check_image(svg.encode()).format == "SVG"


@pytest.mark.parametrize("value", ["https://example.com/me.png", "http://127.0.0.1:9/me.png",
                                   "file:///etc/passwd", "javascript:alert(1)", "data:image/png;base64,AAAA"])
def test_a_photo_given_as_an_address_is_left_out_with_a_warning(value, tmp_path):
    job = prepare(profile_with(tmp_path, value))
    assert job.document.photo is None
    assert any("basics.photo" in w and "not shown" in w for w in job.warnings)
    markup = render(job, "html", tmp_path / "cv.html")[0].data.decode("utf-8")
    assert value not in markup
