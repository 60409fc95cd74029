"""What a Hindi PDF's text layer holds, and what `check` says about it (issue 16).

WeasyPrint alone writes one ToUnicode entry per glyph, fixed at its first use: the Devanagari
vowel sign ि (U+093F), drawn before its consonant, mapped to an empty string, so "परियोजना"
read "परयोजना" for every PDF reader. resume_builder/render/cluster_text.py makes the text
layer exact (tests/render/test_cluster_text.py); `check` passes such a PDF, and still fails
the text layer, naming the words, when a PDF loses them (here: drawn with WeasyPrint's own
mapping), while the DOCX of the same résumé, whose text is exact, passes.
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


def test_the_pdf_text_layer_reads_the_pre_base_vowel_sign_in_place(rendered):
    job, out = rendered
    written = "परियोजना"  # in PROFILE's summary: प र ि य ो ज न ा
    assert written in "".join(job.document.text_blocks())
    layer = extract(out["pdf"]).all_text()
    assert written in layer and "शिक्षा" in layer
    text_layer = next(c for c in run_checks(out["pdf"], job.document).checks if c.name == "text-layer")
    assert text_layer.passed, text_layer.detail


def test_check_names_the_words_a_pdf_loses(rendered, tmp_path):
    """A PDF drawn with WeasyPrint's own glyph mapping loses ि: check names the words."""
    from tests.render.test_cluster_text import weasyprint_own_mapping

    job, _out = rendered
    with weasyprint_own_mapping():
        (output,) = pipeline.render(job, "pdf", tmp_path / "own.pdf")
    output.path.write_bytes(output.data)
    text_layer = next(c for c in run_checks(output.path, job.document).checks if c.name == "text-layer")
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
