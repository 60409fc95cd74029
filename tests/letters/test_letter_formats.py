"""Every built-in theme renders a letter in every format, saying the same things in the same order;
DOCX with Word's built-in letter styles, no tables or text boxes; same input, same bytes."""

from __future__ import annotations

import io
import shutil
import re
import unicodedata
import zipfile

import docx
import pytest

from resume_builder import letter_pipeline, pipeline
from resume_builder.letter_document import is_letter
from tests.conftest import FIXTURES

# About what documents say, not their fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

PROFILE = FIXTURES / "letters" / "profile.yaml"
THEMES = ("classic", "modern", "compact")
FORMATS = ("pdf", "docx", "html", "md", "txt")


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _in_order(blocks: list[str], text: str) -> list[str]:
    """The blocks not found in ``text`` after the previous one (empty: all there, in order)."""
    haystack, at, missing = _squash(text), 0, []
    for block in blocks:
        found = haystack.find(_squash(block), at)
        if found < 0:
            missing.append(block)
        else:
            at = found + len(_squash(block))
    return missing


@pytest.fixture(scope="module", params=THEMES)
def job(request, monkeypatch_module):
    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", "1772409600")  # 2026-03-02
    return letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=PROFILE, theme=request.param), "short")


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _text_of(fmt: str, data: bytes, tmp_path) -> str:
    if fmt == "pdf":
        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(data))
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    text = data.decode("utf-8")
    if fmt == "html":
        import html as html_module

        body = text[text.index("<body"):]
        return html_module.unescape(re.sub(r"<[^>]+>", " ", body))
    if fmt == "md":
        return re.sub(r"\*\*|\[|\]\([^)]*\)", "", text).replace("\\", "")
    return text


def test_the_document_is_a_letter_with_its_parts(job):
    doc = job.document
    assert is_letter(doc) and doc.sections == ()
    assert doc.date == "March 2, 2026"
    assert [line.plain for line in doc.recipient] == ["Dr Jane Roe", "Head of Reliability", "Northwind Pay",
                                                       "1 Example Street", "London EC1A 1AA"]
    assert doc.subject.plain == "Application: Senior SRE at Northwind Pay"
    assert doc.salutation.plain == "Dear Hiring Manager," and doc.closing.plain == "Yours sincerely,"
    assert doc.paragraphs[0].plain.startswith("I am applying for the Senior SRE role at Northwind Pay; I am Robin")
    assert any(span.bold and span.text == "reliability" for span in doc.paragraphs[0].spans)
    assert doc.signature_name.plain == "Robin Sample"
    assert job.stem == "profile-letter-short"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_theme_and_format_says_the_letter_in_order(job, fmt, tmp_path):
    outputs = pipeline.render(job, fmt, tmp_path / f"letter.{fmt}")
    assert len(outputs) == 1
    blocks = list(job.document.text_blocks())
    assert len(blocks) == 18  # 6 letterhead, date, 5 recipient lines, subject, salutation, 2 paragraphs, closing, signer
    assert _in_order(blocks, _text_of(fmt, outputs[0].data, tmp_path)) == []
    again = pipeline.render(job, fmt, tmp_path / f"letter.{fmt}")
    assert again[0].data == outputs[0].data  # same input, same bytes
    if fmt == "pdf":
        assert outputs[0].pages == 1


@pytest.mark.slow
def test_docx_uses_word_letter_styles_and_no_tables(job, tmp_path):
    data = pipeline.render(job, "docx", tmp_path / "letter.docx")[0].data
    document = docx.Document(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    names = [name for name, _ in styles]
    # compact's letterhead (header.html.j2) runs the headline and the contact details in one line
    masthead = ["Title", "Contact Line"] if job.theme.docx_style.run_in else ["Title", "Subtitle", "Contact Line"]
    assert names[:len(masthead)] == masthead
    assert names[len(masthead):] == ["Date", *["Inside Address"] * 5, "Subject Line", "Salutation", "Body Text", "Body Text",
                         "Closing", "Signature"]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "<w:tbl>" not in xml and "<w:txbxContent" not in xml and "w:tbl " not in xml
    assert document.core_properties.identifier.startswith("profile=profile.yaml")
    assert "document=letter" in document.core_properties.identifier


#: The space below a letter's letterhead in the PDF, in points per unit of the spacing option
#: (letter.css.j2 and compact's letter-theme.css.j2: .letter-page .masthead margin-bottom).
LETTERHEAD_SPACE = {"classic": 20, "modern": 20, "compact": 16}


def test_docx_leaves_the_pdfs_space_under_the_letterhead_and_draws_its_rule(job, tmp_path):
    """The DOCX letter's recipient sat right under the contact line (newcomer trial), and
    classic's hairline under the letterhead was missing."""
    data = pipeline.render(job, "docx", tmp_path / "letter.docx")[0].data
    document = docx.Document(io.BytesIO(data))
    head = next(p for p in document.paragraphs if p.style.name == "Contact Line")
    below = head.paragraph_format.space_after
    wanted = LETTERHEAD_SPACE[job.theme.name] * job.options.spacing
    assert below is not None and below.pt >= wanted - 0.05, (job.theme.name, below, wanted)
    bottom = head._p.find(".//" + docx.oxml.ns.qn("w:bottom"))
    if job.theme.name in ("classic", "compact"):  # classic's letterhead rule, compact's masthead rule
        assert bottom is not None
        assert bottom.get(docx.oxml.ns.qn("w:color")).lower() == job.options.accent_color.lstrip("#").lower()
    else:
        assert bottom is None


#: How each theme's letter-theme.css.j2 sets the subject line: classic in small capitals,
#: modern in capitals (text-transform: uppercase), compact as written.
SUBJECT_CAPS = {"classic": "smallCaps", "modern": "caps", "compact": None}


def test_docx_sets_the_subject_line_in_the_pdfs_capitals(job, tmp_path):
    """The DOCX letter's subject was plain bold in every theme, the PDF's in small capitals
    (classic) or capitals (modern)."""
    data = pipeline.render(job, "docx", tmp_path / "letter.docx")[0].data
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    subject = re.search(r'<w:style [^>]*w:styleId="SubjectLine".*?</w:style>', styles, re.S).group(0)
    found = [tag for tag in ("smallCaps", "caps") if f"<w:{tag}/>" in subject]
    wanted = SUBJECT_CAPS[job.theme.name]
    assert found == ([wanted] if wanted else []), (job.theme.name, found)


def test_markdown_and_text_are_ready_to_paste(job, tmp_path):
    text = pipeline.render(job, "txt", tmp_path / "l.txt")[0].data.decode("utf-8")
    assert "**" not in text and "<" not in text
    paragraph = next(line for line in text.splitlines() if line.startswith("I am applying"))
    assert paragraph.endswith("a reliability engineer.")  # one paragraph per line, never wrapped
    markdown = pipeline.render(job, "md", tmp_path / "l.md")[0].data.decode("utf-8")
    assert markdown.startswith("# Robin Sample\n") and "**reliability**" in markdown
    assert "**Application: Senior SRE at Northwind Pay**" in markdown
    assert "Dr Jane Roe\\\nHead of Reliability\\\n" in markdown  # hard line breaks


def test_html_is_the_themes_letter_template_with_its_masthead(job, tmp_path):
    html = pipeline.render(job, "html", tmp_path / "l.html")[0].data.decode("utf-8")
    assert 'class="letter-page"' in html and 'class="masthead' in html and "Content-Security-Policy" in html
    assert '<h1 class="name">Robin Sample</h1>' in html


def test_the_letter_inherits_the_template_from_the_theme_it_extends(tmp_path):
    """A theme folder that extends classic and has no letter template gets classic's; one with
    its own letter.html.j2 uses it."""
    theme = tmp_path / "mine"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "mine"\ndescription = "x"\napi_version = 1\nextends = "classic"\n',
                                      encoding="utf-8")
    request = pipeline.RenderRequest(profile=PROFILE, theme_dir=theme, formats=("html",))
    job = letter_pipeline.prepare_letter(request, "generic")
    html = pipeline.render(job, "html", tmp_path / "a.html")[0].data.decode("utf-8")
    assert 'class="letter-recipient' not in html and 'class="letter-salutation">Dear Hiring Manager,' in html
    (theme / "templates" / "letter.html.j2").write_text(
        "<!DOCTYPE html><html><head></head><body><p>OWN {{ doc.salutation.plain }}</p></body></html>",
        encoding="utf-8")
    from resume_builder.render import html as html_renderer

    html_renderer.template_environment.cache_clear()
    job = letter_pipeline.prepare_letter(request, "generic")
    html = pipeline.render(job, "html", tmp_path / "b.html")[0].data.decode("utf-8")
    assert "<p>OWN Dear Hiring Manager,</p>" in html


def test_a_signature_image_is_shown_with_the_photos_limits(tmp_path):
    from PIL import Image

    text = PROFILE.read_text(encoding="utf-8").replace(
        "  generic:\n", "  generic:\n    signature: {name: R. Sample, image: sig.png}\n")
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    Image.new("RGB", (300, 80), (20, 40, 90)).save(tmp_path / "sig.png")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=tmp_path / "profile.yaml"), "generic")
    assert job.document.signature is not None and job.document.signature_name.plain == "R. Sample"
    html = pipeline.render(job, "html", tmp_path / "a.html")[0].data.decode("utf-8")
    assert 'class="letter-signature" src="data:image/png;base64,' in html
    data = pipeline.render(job, "docx", tmp_path / "a.docx")[0].data
    assert "<w:drawing>" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    (tmp_path / "sig.png").write_bytes(b"not an image at all")
    from resume_builder.errors import UserError

    with pytest.raises(UserError) as error:
        letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=tmp_path / "profile.yaml"), "generic")
    assert "letters.generic.signature.image" in str(error.value)
    (tmp_path / "profile.yaml").write_text(text.replace("image: sig.png", "image: ../outside.png"), encoding="utf-8")
    with pytest.raises(UserError):
        letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=tmp_path / "profile.yaml"), "generic")


def test_hostile_letter_text_stays_text_in_every_format(tmp_path):
    """Profile and posting text never becomes markup or template source in a letter."""
    hostile = "<script>alert(1)</script> {{ 7*7 }} &amp; \u202egnp.exe"
    text = PROFILE.read_text(encoding="utf-8").replace(
        "      A letter with locale defaults and no placeholders.",
        "      " + hostile.replace("{{", "{{{{").replace("}}", "}}}}"))
    text = text.replace("  generic:\n", "  generic:\n    subject: \"<b>{recipient.company}</b>\"\n"
                                        "    recipient: {company: \"<i>Evil</i> {basics.email} **Co**\"}\n")
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=tmp_path / "profile.yaml"), "generic")
    assert job.document.subject.plain == "<b><i>Evil</i> {basics.email} **Co**</b>"
    assert job.document.paragraphs[0].plain == "<script>alert(1)</script> {{ 7*7 }} &amp; gnp.exe"
    html = pipeline.render(job, "html", tmp_path / "a.html")[0].data.decode("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "<i>Evil</i>" not in html and "{basics.email} **Co**" in html
    markdown = pipeline.render(job, "md", tmp_path / "a.md")[0].data.decode("utf-8")
    assert "<script>" not in markdown and "\\*\\*Co\\*\\*" in markdown
    xml = zipfile.ZipFile(io.BytesIO(pipeline.render(job, "docx", tmp_path / "a.docx")[0].data)).read(
        "word/document.xml").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in xml and "\u202e" not in xml


def test_a_signature_images_mistakes_name_the_signature_image_and_the_letter_file(tmp_path, monkeypatch):
    """Every refusal of ``signature.image`` called it "the photo" and its folder "the profile's
    folder" (trial): they name the signature image, and the letter file it sits beside."""
    from resume_builder.errors import UserError

    monkeypatch.chdir(tmp_path)
    shutil.copy(PROFILE, tmp_path / "profile.yaml")
    (tmp_path / "apps").mkdir()
    (tmp_path / "apps" / "moved.png").symlink_to("old.png")
    (tmp_path / "apps" / "text.png").write_text("not an image", encoding="utf-8")
    letter = tmp_path / "apps" / "acme-letter.yaml"
    said = {}
    for image in ("sig.png", "../profile.yaml", "moved.png", "text.png"):
        letter.write_text(f"profile: ../profile.yaml\nbody: [Hi]\nsignature: {{name: R. Sample, image: {image}}}\n",
                          encoding="utf-8")
        with pytest.raises(UserError) as error:
            letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=None), "apps/acme-letter.yaml")
        said[image] = error.value.shown()
    where = "apps/acme-letter.yaml:3:37: signature.image: "
    assert said == {
        "sig.png": [f"{where}signature image file 'sig.png' not found (paths are relative to apps)"],
        "../profile.yaml": [f"{where}the signature image '../profile.yaml' is outside the letter file's folder (put "
                            "the signature image beside the letter file)"],
        "moved.png": [f"{where}the signature image 'moved.png' is a symbolic link to 'old.png', which does not exist "
                      "(point the link at the signature image, or name the signature image itself)"],
        "text.png": [f"{where}the signature image 'text.png' is not a PNG, JPEG or SVG image"],
    }
    letter.write_text("profile: ../profile.yaml\nbody: [Hi]\nsignature: {name: R. Sample, image: 'https://x.test/s.png'}\n",
                      encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=None), "apps/acme-letter.yaml")
    assert job.document.signature is None
    assert [w for w in job.warnings if "signature" in w] == [
        "apps/acme-letter.yaml:3:37: signature.image 'https://x.test/s.png' is an address, not a file: the signature "
        "image is not shown (signature images are image files in the letter file's folder; nothing is downloaded)"]
