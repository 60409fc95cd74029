"""A label ends as the locale writes it: French puts a no-break space before the colon
("Technologies : Go"), Japanese and Chinese a full-width colon with no space after
("使用技術：Go"), others "Technologies: Go" — the same in every format (visual review: the
French résumé read "Technologies:")."""

from __future__ import annotations

import json

import pytest

from resume_builder import pipeline

PROFILE = {"basics": {"name": "Camille Martin"},
           "experience": [{"company": "Acme", "position": "Ingénieure", "start": "2020-01",
                           "keywords": ["Go", "Kafka"]}],
           "skills": [{"name": "Cloud", "keywords": ["AWS", "GCP"]}]}


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
@pytest.mark.parametrize("lang, field, pair", [
    ("fr", "Technologies\u00a0: Go, Kafka", "Cloud\u00a0: AWS, GCP"),
    ("ja", "使用技術：Go、Kafka", "Cloud：AWS、GCP"),
    ("zh", "技术栈：Go、Kafka", "Cloud：AWS、GCP"),
    ("de", "Technologien: Go, Kafka", "Cloud: AWS, GCP"),
])
def test_every_format_ends_a_label_as_the_locale_writes_it(tmp_path, lang, field, pair):
    from docx import Document as Docx
    from pdfminer.high_level import extract_text

    path = tmp_path / "cv.json"
    path.write_text(json.dumps({**PROFILE, "lang": lang}), encoding="utf-8")
    job = pipeline.prepare(path)
    assert field in list(job.document.text_blocks())
    out = {}
    for fmt in ("txt", "md", "pdf", "docx", "html"):
        (rendered,) = pipeline.render(job, fmt, tmp_path / f"cv.{fmt}")
        (tmp_path / f"cv.{fmt}").write_bytes(rendered.data if isinstance(rendered.data, bytes)
                                             else rendered.data.encode("utf-8"))
    text = (tmp_path / "cv.txt").read_text(encoding="utf-8")
    assert field in text and pair in text
    markdown = (tmp_path / "cv.md").read_text(encoding="utf-8").replace("**", "")
    assert field in markdown and pair in markdown
    pdf = " ".join(extract_text(str(tmp_path / "cv.pdf")).split())
    assert " ".join(field.split()) in pdf.replace("\u00a0", " ") or field in pdf
    docx = "\n".join(p.text for p in Docx(str(tmp_path / "cv.docx")).paragraphs)
    assert field in docx and pair in docx
    import re

    html = re.sub(r"<[^>]+>", "", (tmp_path / "cv.html").read_text(encoding="utf-8"))
    assert field in html and pair in html
