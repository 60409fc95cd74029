"""Lists in the document use the locale's own separator (CLDR list patterns, via Babel).

Before: an Arabic degree read ``بكالوريوس, علوم الحاسوب`` with a Latin comma.
"""

from __future__ import annotations

import pytest

from resume_builder.document import build_document
from resume_builder.i18n import labels_for
from resume_builder.schema.profile import Profile


def _degree_and_keywords(lang: str) -> tuple[str, str]:
    profile = Profile.model_validate({
        "lang": lang, "basics": {"name": "Test Person"},
        # Arabic words in an Arabic profile: between English ones the Latin comma keeps their order
        # (tests/i18n/test_english_pairs_in_rtl_locale.py)
        "education": [{"institution": "U", "degree": "بكالوريوس" if lang == "ar" else "D1",
                       "area": "علوم الحاسوب" if lang == "ar" else "A1", "start": "2010", "end": "2014"}],
        # an Arabic group's line is right to left: its keywords take the Arabic comma (under a
        # Latin name, a left-to-right line, the Latin one: tests/i18n/test_english_pairs_in_rtl_locale.py)
        "skills": [{"name": "مهارات" if lang == "ar" else "S", "keywords": ["K1", "K2"]}],
    })
    doc = build_document(profile)
    sections = {s.key: s for s in doc.sections}
    degree = sections["education"].entries[0].title.plain
    keywords = sections["skills"].entries[0].description.plain
    return degree, keywords


@pytest.mark.parametrize(("lang", "separator"), [("en", ", "), ("de", ", "), ("ar", "، "), ("ja", "、")])
def test_degree_and_keywords_use_the_locale_list_separator(lang, separator):
    assert labels_for(lang).list_separator == separator
    degree, keywords = _degree_and_keywords(lang)
    assert (f"بكالوريوس{separator}علوم الحاسوب" if lang == "ar" else f"D1{separator}A1") in degree
    assert keywords == f"K1{separator}K2"
