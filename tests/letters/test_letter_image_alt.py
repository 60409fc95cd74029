"""Images in a letter carry alt text, and WeasyPrint's warnings never relay a data: URI in full.

User trial: a letter with ``signature: {image: sig.png}`` rendered to PDF printed
``Image "data:image/png;base64,iVBOR…(the whole file)" has no required alt description``:
the signature <img> had ``alt=""``, and the warning carried the image's whole data: URI.
"""

from __future__ import annotations

import html as html_module
import json
import logging
import re

import pytest

from resume_builder import letter_pipeline, pipeline
from tests.conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

PROFILE = FIXTURES / "letters" / "profile.yaml"
#: The longest run of base64 text a relayed warning may hold.
BOUND = 80
_DATA_URI = re.compile(r"data:[^\s\"']*")


def _png(path, size=(300, 80)) -> None:
    """A PNG with noise in it, so its data: URI is long (tens of kilobytes)."""
    from PIL import Image

    image = Image.effect_noise(size, 80).convert("RGB")
    image.save(path)


def _signed_letter(tmp_path, name: str = "R. Sample", theme: str = "classic", theme_dir=None):
    text = PROFILE.read_text(encoding="utf-8").replace(
        "  generic:\n", f"  generic:\n    signature: {{name: {json.dumps(name)}, image: sig.png}}\n")
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    _png(tmp_path / "sig.png")
    request = (pipeline.RenderRequest(profile=tmp_path / "profile.yaml", theme_dir=theme_dir) if theme_dir
               else pipeline.RenderRequest(profile=tmp_path / "profile.yaml", theme=theme))
    return letter_pipeline.prepare_letter(request, "generic")


def _too_long(warnings: list[str]) -> list[str]:
    return [w[:200] for w in warnings if any(len(uri) > BOUND for uri in _DATA_URI.findall(w))]


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_the_signature_image_has_alt_text_naming_the_signer(tmp_path, theme):
    job = _signed_letter(tmp_path, theme=theme)
    html = pipeline.render(job, "html", tmp_path / "a.html")[0].data.decode("utf-8")
    img = re.search(r'<img class="letter-signature"[^>]*>', html).group()
    assert 'alt="Signature of R. Sample"' in img


def test_the_signers_name_is_escaped_in_the_alt_text(tmp_path):
    job = _signed_letter(tmp_path, name='R. "Bob" <b>Sample</b> & Co')
    html = pipeline.render(job, "html", tmp_path / "a.html")[0].data.decode("utf-8")
    img = re.search(r'<img class="letter-signature"[^>]*>', html).group()
    alt = re.search(r'alt="([^"]*)"', img).group(1)
    assert html_module.unescape(alt) == 'Signature of R. "Bob" <b>Sample</b> & Co'
    assert "<b>" not in img


def test_every_image_a_built_in_theme_emits_has_alt_text(tmp_path):
    """The profile photo too (the person's name), in the letter's masthead."""
    job = _signed_letter(tmp_path)
    html = pipeline.render(job, "html", tmp_path / "a.html")[0].data.decode("utf-8")
    for img in re.findall(r"<img\b[^>]*>", html):
        assert re.search(r'\balt="[^"]+"', img), img[:120]


def test_a_pdf_of_a_signed_letter_warns_of_no_missing_alt_and_no_data_uri(tmp_path):
    job = _signed_letter(tmp_path)
    result = pipeline.render(job, "pdf", tmp_path / "a.pdf")[0]
    assert result.data.startswith(b"%PDF")
    assert not [w[:200] for w in result.warnings if "has no required alt" in w]
    assert not [w[:200] for w in result.warnings if "base64," in w and len(w) > 400]
    assert not _too_long(result.warnings)


def test_a_themes_image_without_alt_is_warned_of_with_its_data_uri_shortened(tmp_path):
    """Whatever WeasyPrint says of a data: URI (here a theme's own <img> with no alt) is relayed
    with the URI shortened to its type and size, never the file's bytes."""
    theme = tmp_path / "mine"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "mine"\ndescription = "x"\napi_version = 1\nextends = "classic"\n',
                                      encoding="utf-8")
    (theme / "templates" / "letter.html.j2").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
        '<p>{{ doc.salutation.plain }}</p><img src="{{ doc.signature.data_url }}"></body></html>',
        encoding="utf-8")
    job = _signed_letter(tmp_path, theme_dir=theme)
    warnings = pipeline.render(job, "pdf", tmp_path / "a.pdf")[0].warnings
    missing = [w for w in warnings if "has no required alt" in w]
    assert missing, [w[:200] for w in warnings]
    assert not _too_long(warnings)
    assert re.search(r'Image "data:image/png;base64,… \(\d+(\.\d)? kB\)" has no required alt description', missing[0])


def test_relayed_weasyprint_messages_shorten_every_data_uri():
    from resume_builder.render import pdf

    long_uri = "data:image/png;base64," + "iVBORw0KGgo" * 20000
    messages: list[str] = []
    with pdf._guarded(None, messages):
        logging.getLogger("weasyprint").error('Image "%s" has no required alt description', long_uri)
        logging.getLogger("weasyprint").warning("Failed to load image at %s and %s", "data:,hello", long_uri)
    assert not _too_long(messages), [m[:200] for m in messages]
    assert messages[0] == 'Image "data:image/png;base64,… (165 kB)" has no required alt description'
    assert messages[1] == "Failed to load image at data:,hello and data:image/png;base64,… (165 kB)"


def test_the_docx_pictures_carry_the_same_alt_text(tmp_path):
    """The DOCX's signature and photo had no description (``wp:docPr`` without ``descr``): Word's
    Alt Text was empty where the PDF's said whose signature and photo they are."""
    import io
    import zipfile

    from PIL import Image

    job = _signed_letter(tmp_path)
    data = pipeline.render(job, "docx", tmp_path / "a.docx")[0].data
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml) == ["Signature of R. Sample"]
    Image.new("RGB", (30, 40), (200, 20, 100)).save(tmp_path / "me.png")
    (tmp_path / "cv.yaml").write_text("basics:\n  name: Jo Photo\n  photo: me.png\n", encoding="utf-8")
    resume = pipeline.prepare(pipeline.RenderRequest(profile=tmp_path / "cv.yaml"))
    data = pipeline.render(resume, "docx", tmp_path / "cv.docx")[0].data
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml) == ["Jo Photo"]
