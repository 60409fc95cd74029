"""Every built-in heading of every built-in locale comes out of every theme's PDF whole.

A heading set in capitals or small capitals with letter-spacing was read by pdfminer.six
(what many ATS use) with a space inside it where a kerning pair widened the gap past its
word margin (0.1 of the glyph's height): compact's Polish "UMIEJĘTNOŚCI" came out as
"UMIE JĘTNOŚCI" (E, J). The example is checked in one theme per locale
(test_locales_check.py); here every heading meets every theme in one document per theme and
direction, as custom section titles, which the themes set like the built-in ones.
"""

from __future__ import annotations

import json

import pytest

from resume_builder import pipeline
from resume_builder.checking.checks import check_headings
from resume_builder.checking.extract import extract
from resume_builder.i18n import built_in_languages, labels_for
from tests.checking.builders import builtin_themes

RTL = ("ar", "he")


def _profile(lang: str, titles: list[str]) -> str:
    document = {
        "lang": lang,
        "basics": {"name": "Ada Exemplar", "email": "ada@example.com"},
        "experience": [{"company": "Example Systems", "position": "Engineer", "start": "2020-01"}],
        "custom": [{"id": f"h{index}", "title": title, "items": ["x"]} for index, title in enumerate(titles)],
    }
    return json.dumps(document, ensure_ascii=False)


def _titles(languages) -> list[str]:
    seen: dict[str, None] = {}
    for language in languages:
        for title in labels_for(language).headings.values():
            seen.setdefault(title, None)
    return list(seen)


@pytest.mark.slow
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
@pytest.mark.parametrize("theme", builtin_themes())
def test_every_heading_is_read_whole(theme, direction, tmp_path):
    languages = [lang for lang in built_in_languages() if (lang in RTL) == (direction == "rtl")]
    titles = _titles(languages)
    profile = tmp_path / "headings.json"
    profile.write_text(_profile("ar" if direction == "rtl" else "en", titles), encoding="utf-8")
    job = pipeline.prepare(profile, theme_name=theme)
    target = tmp_path / "headings.pdf"
    (output,) = pipeline.render(job, "pdf", target)
    target.write_bytes(output.data)
    result = check_headings(extract(target), job.document)
    assert result.passed, result.detail
    assert len(titles) > 40 if direction == "ltr" else len(titles) > 15
