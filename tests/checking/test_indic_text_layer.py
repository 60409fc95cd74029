"""What a Hindi PDF's text layer holds, and what `check` says about it (issue 16).

WeasyPrint writes one ToUnicode entry per glyph, fixed at its first use. The Devanagari
vowel sign ि (U+093F) is drawn before its consonant; its glyph maps to an empty string
(the consonant's glyph carries the ि only where that consonant first appeared with it), so
in the text layer ि is dropped, not written in visual order, and putting marks back in
logical order (as extract.py does for right-to-left lines) cannot recover it. `check` therefore
fails the PDF's text layer, naming the words an ATS cannot read as written, and passes the
DOCX of the same résumé, whose text is exact.
"""

from __future__ import annotations

import pytest

from resume_builder import pipeline
from resume_builder.checking import run_checks
from resume_builder.checking.extract import extract
from tests.checking.builders import docx_available

PROFILE = """\
lang: hi
basics: {name: Asha Example, email: asha@example.com}
summary: मैंने शिक्षा और परियोजना प्रबंधन में काम किया।
experience:
  - company: Example Systems
    position: Engineer
    start: 2020-01
    highlights: [Built the deployment platform]
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hi")
    (folder / "asha.yaml").write_text(PROFILE, encoding="utf-8")
    job = pipeline.prepare(folder / "asha.yaml")
    out = {}
    for fmt in ("pdf", "docx"):
        if fmt == "docx" and not docx_available():
            continue
        (output,) = pipeline.render(job, fmt, folder / f"asha.{fmt}")
        output.path.write_bytes(output.data)
        out[fmt] = output.path
    return job, out


def test_the_pdf_text_layer_drops_the_pre_base_vowel_sign(rendered):
    job, out = rendered
    written = "परियोजना"  # in PROFILE's summary: प र ि य ो ज न ा
    assert written in "".join(job.document.text_blocks())
    layer = extract(out["pdf"]).all_text()
    # Dropped, not put in visual order ("पिरयोजना"): no reordering in extract.py can bring it
    # back. If this fails, WeasyPrint writes the sign now: read it in logical order there and
    # drop the xfail in test_locales_check.py.
    assert written not in layer
    assert written.replace("\u093f", "") in layer and "पिरयोजना" not in layer


def test_check_names_the_words_the_pdf_loses(rendered):
    job, out = rendered
    text_layer = next(c for c in run_checks(out["pdf"], job.document).checks if c.name == "text-layer")
    assert not text_layer.passed
    assert "Devanagari words are not in the PDF's text layer" in text_layer.detail
    assert "'परियोजना'" in text_layer.detail and "send the DOCX" in text_layer.detail
    assert "'Engineer'" not in text_layer.detail  # only Indic words are looked at


def test_the_docx_of_the_same_resume_passes(rendered):
    job, out = rendered
    if "docx" not in out:
        pytest.skip("the DOCX format is not registered")
    text_layer = next(c for c in run_checks(out["docx"], job.document).checks if c.name == "text-layer")
    assert text_layer.passed
