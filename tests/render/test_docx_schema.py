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

from resume_builder.document import build_document
from resume_builder.i18n import built_in_languages, labels_for
from resume_builder.loading import load_profile
from resume_builder.render.docx import render_docx
from resume_builder.theming import find_theme
from tests.font_stand_ins import cheap_font_subsetting

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "profiles" / "example.yaml"
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
