"""Every part of every built-in theme's DOCX, in every built-in locale, is valid against the
ECMA-376 transitional schemas, with run properties in the order Word expects.

Word is stricter than LibreOffice about element order and form. The schemas are vendored in
``tests/fixtures/ooxml/schemas/`` (provenance and licence in its README) and checked by our
own helper, ``tests/ooxml_validation.py``: Markup Compatibility applied first as Word does,
then each XML part validated offline, then the order of ``w:rPr`` children. The first tests
prove the check can fail on a DOCX that Word would refuse.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from resume_builder import letter_pipeline, pipeline
from resume_builder.document import build_document
from resume_builder.i18n import built_in_languages, labels_for
from resume_builder.loading import load_profile
from resume_builder.render.docx import render_docx
from resume_builder.theming import find_theme
from tests.conftest import FIXTURES
from tests.font_stand_ins import cheap_font_subsetting

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "example.yaml"
# Arabic and Hebrew profiles mixing English terms, numbers, C++, an e-mail and a URL.
BIDI = [REPO / "tests" / "checking" / "fixtures" / f"bidi_{language}.yaml" for language in ("ar", "he")]
THEMES = ("classic", "compact", "modern")
# Emoji runs, Vietnamese, Greek and Cyrillic text: the runs and fonts the example lacks.
EXTRA = """\
basics:
  name: Lê Thị Ánh 🚀
  headline: Kỹ sư nền tảng 🛠️ — Ωμέγα — Инженер
  email: le@example.org
summary: "Builds calm platforms 🌐 for **busy** teams ✅ and *writes* 👩🏽‍💻."
"""
# Parts every résumé DOCX has, each of which must have been checked (not merely not failed).
CHECKED_PARTS = ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                 "word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/fontTable.xml",
                 "word/footer1.xml", "word/theme/theme1.xml", "docProps/app.xml")


@pytest.fixture(scope="module")
def example_docx() -> bytes:
    theme = find_theme("classic")
    with cheap_font_subsetting():
        return render_docx(build_document(load_profile(EXAMPLE).profile), theme, theme.options())


def _edited(docx: bytes, part: str, old: str, new: str) -> bytes:
    """``docx`` with the first ``old`` in ``part`` replaced by ``new``."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, blob in members:
            if info.filename == part:
                xml = blob.decode("utf-8")
                assert old in xml, f"{old!r} is not in {part}"
                blob = xml.replace(old, new, 1).encode("utf-8")
            target.writestr(info, blob)
    return out.getvalue()


def test_the_example_is_valid_and_every_part_is_checked(ooxml_validator, example_docx):
    reports = {report.name: report for report in ooxml_validator.check_docx(example_docx)}
    assert not ooxml_validator.problems(example_docx)
    assert [name for name in CHECKED_PARTS if not reports[name].valid] == []
    # Core properties import Dublin Core from the network: reported as unchecked, never as valid.
    assert not reports["docProps/core.xml"].checked and not reports["docProps/core.xml"].valid


BROKEN = {
    # Word 2007 and the Open XML SDK expect run properties in the ECMA-376 sequence: w:b before w:color.
    "misordered run property": ("word/document.xml", "<w:r>",
                                '<w:r><w:rPr><w:color w:val="000000"/><w:b/></w:rPr><w:t>x</w:t></w:r><w:r>',
                                "w:b comes after w:color"),
    "repeated run property": ("word/styles.xml", "<w:rPr>", "<w:rPr><w:i/><w:i/>", "w:i repeats"),
    # (in a run: libxml2 takes seconds to report a stray element among a paragraph's many choices)
    "unknown element": ("word/document.xml", "<w:t>", "<w:sparkle/><w:t>", "w:sparkle"),
    "value out of its type": ("word/numbering.xml", "<w:lvl ", '<w:lvl w:tplc="not-hex" ', "tplc"),
    "unknown attribute in the content types": ("[Content_Types].xml", "<Default ", '<Default Shine="1" ',
                                               "Shine"),
}


@pytest.mark.parametrize("fault", BROKEN, ids=list(BROKEN))
def test_the_check_fails_on_a_docx_word_would_refuse(ooxml_validator, example_docx, fault):
    part, old, new, said = BROKEN[fault]
    problems = ooxml_validator.problems(_edited(example_docx, part, old, new))
    assert list(problems) == [part], problems
    assert any(said in message for message in problems[part]), problems[part]


# The embedded font files are binary parts no schema reads, and subsetting them takes most of
# the time (a new subset per locale); the XML parts that name them are the same with stand-ins.
@pytest.mark.usefixtures("cheap_font_subsetting")
@pytest.mark.parametrize("name", THEMES)
def test_every_part_is_schema_valid_in_every_locale(ooxml_validator, name, tmp_path):
    theme = find_theme(name)
    profile = load_profile(EXAMPLE).profile
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    cases = [(locale, build_document(profile, labels=labels_for(locale))) for locale in built_in_languages()]
    cases.append(("emoji", build_document(load_profile(extra).profile)))
    assert len(cases) > 10
    failures = {}
    for label, doc in cases:
        problems = ooxml_validator.problems(render_docx(doc, theme, theme.options()))
        if problems:
            failures[label] = problems
    assert not failures, failures


def _png(path: Path, size: tuple[int, int]) -> None:
    from PIL import Image

    Image.new("RGB", size, (40, 70, 120)).save(path)


@pytest.mark.usefixtures("cheap_font_subsetting")
@pytest.mark.parametrize("name", THEMES)
def test_drawings_right_to_left_runs_and_letters_are_schema_valid(ooxml_validator, name, tmp_path):
    """What the example lacks: bidi paragraphs and isolated left-to-right runs, a photo and a
    letter's signature image (DrawingML pictures), and the letter's own styles."""
    _png(tmp_path / "me.png", (30, 40))
    _png(tmp_path / "sig.png", (300, 80))
    one_page = (FIXTURES / "profiles" / "one_page.yaml").read_text(encoding="utf-8")
    (tmp_path / "photo.yaml").write_text(one_page.replace("basics:\n", "basics:\n  photo: me.png\n", 1),
                                         encoding="utf-8")
    letters = (FIXTURES / "letters" / "profile.yaml").read_text(encoding="utf-8")
    (tmp_path / "letter.yaml").write_text(
        letters.replace("  generic:\n", "  generic:\n    signature: {name: R. Sample, image: sig.png}\n", 1),
        encoding="utf-8")
    jobs = {path.stem: pipeline.prepare(pipeline.RenderRequest(profile=path, theme=name))
            for path in (*BIDI, tmp_path / "photo.yaml")}
    jobs["letter"] = letter_pipeline.prepare_letter(
        pipeline.RenderRequest(profile=tmp_path / "letter.yaml", theme=name), "generic")
    failures = {}
    for label, job in jobs.items():
        data = pipeline.render(job, "docx", tmp_path / f"{label}.docx")[0].data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = archive.read("word/document.xml")
        assert (b"<w:bidi/>" in document) == label.startswith("bidi"), label
        assert (b"<pic:pic" in document) == (label in ("photo", "letter")), label
        problems = ooxml_validator.problems(data)
        if problems:
            failures[label] = problems
    assert not failures, failures
