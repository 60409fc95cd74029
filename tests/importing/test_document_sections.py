"""Headings of every built-in locale are recognised (the table `check` uses, not a copy)."""

from __future__ import annotations

import pytest

from resume_builder.i18n import _translation, built_in_languages
from resume_builder.importing.document.sections import heading_group


@pytest.mark.parametrize("language", built_in_languages())
def test_every_locale_heading_is_recognised(language: str) -> None:
    headings = (_translation(language) or {}).get("headings", {})
    assert headings
    for key, title in headings.items():
        assert heading_group(title) == key, (language, title)
        assert heading_group(title.upper()) == key, (language, title.upper())


@pytest.mark.parametrize("text", ["Work History", "EMPLOYMENT HISTORY", "Education:", "S K I L L S"])
def test_common_english_variants(text: str) -> None:
    assert heading_group(text) is not None


@pytest.mark.parametrize("text", ["Senior Engineer", "Acme Ltd", "I led the education team for years."])
def test_ordinary_lines_are_not_headings(text: str) -> None:
    assert heading_group(text) is None
