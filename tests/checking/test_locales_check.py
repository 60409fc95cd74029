"""`check` reads the example rendered in every built-in locale, PDF and DOCX (issue 16, item 2).

The example in brief (tests/conftest.py ``brief_example``: every section and kind of entry,
two of its projects, 2 pages instead of 4): what is read is the same in every locale.

Before, it knew only English section headings, so `render --check` and `build` failed for every
non-English résumé. One theme per locale keeps the time down; each locale gets a different
built-in theme in turn, so all three themes are read in RTL and CJK scripts too. Hindi's PDF
passes because its text layer holds the logical text of every Devanagari cluster
(resume_builder/render/cluster_text.py); the Hindi cases below run every theme.
"""

from __future__ import annotations

import pytest

from resume_builder import pipeline
from resume_builder.checking import run_checks
from resume_builder.checking.checks import check_headings
from resume_builder.checking.extract import extract
from resume_builder.i18n import built_in_languages
from tests.checking.builders import builtin_themes, docx_available
from tests.conftest import EXAMPLE, brief_example

LANGUAGES = built_in_languages()
THEMES = builtin_themes()


#: Locales whose PDF is checked in every theme: shaping (reordered vowel signs, conjuncts) is
#: where a PDF's text layer can differ from its text, and each theme sets headings in its own faces.
EVERY_THEME_PDF = {"hi"}


def _cases():
    for index, language in enumerate(LANGUAGES):
        theme = THEMES[index % len(THEMES)]
        for fmt in ("pdf", "docx"):
            for each in (THEMES if fmt == "pdf" and language in EVERY_THEME_PDF else [theme]):
                yield pytest.param(language, each, fmt, id=f"{language}-{each}-{fmt}")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return brief_example(tmp_path_factory.mktemp("locales"))


@pytest.mark.slow
@pytest.mark.usefixtures("cheap_font_subsetting")  # check reads the text, not the embedded fonts
@pytest.mark.parametrize("language, theme, fmt", list(_cases()))
def test_check_passes_on_the_example_in_every_built_in_locale(language, theme, fmt, example, tmp_path):
    if fmt == "docx" and not docx_available():
        pytest.skip("the DOCX format is not registered")
    job = pipeline.prepare(example, theme_name=theme, lang=language)
    target = tmp_path / f"example-{language}.{fmt}"
    (output,) = pipeline.render(job, fmt, target)
    target.write_bytes(output.data)
    report = run_checks(target, job.document)
    assert report.passed, "\n".join(f"{c.name}: {c.detail}" for c in report.failures)


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_headings_of_every_locale_are_standard_without_a_profile(tmp_path):
    """Without --profile, the German example's headings are recognised as standard ones."""
    job = pipeline.prepare(EXAMPLE, lang="de")
    target = tmp_path / "de.docx"
    if not docx_available():
        pytest.skip("the DOCX format is not registered")
    (output,) = pipeline.render(job, "docx", target)
    target.write_bytes(output.data)
    result = check_headings(extract(target), None)
    assert result.passed, result.detail
    assert "Berufserfahrung" in result.detail


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_the_profiles_own_headings_are_accepted(tmp_path):
    """A profile's `headings:` override is the section's heading; check finds it on its own line."""
    profile = tmp_path / "own.yaml"
    profile.write_text("lang: fr\nheadings:\n  experience: Parcours professionnel\n"
                       "basics:\n  name: Camille Exemple\n  email: camille@example.com\n"
                       "experience:\n  - company: Exemple SA\n    position: Ingénieure\n    start: 2020-01\n"
                       "education:\n  - institution: Université Exemple\n    degree: Master\n    end: 2019\n",
                       encoding="utf-8")
    if not docx_available():
        pytest.skip("the DOCX format is not registered")
    job = pipeline.prepare(profile)
    target = tmp_path / "own.docx"
    (output,) = pipeline.render(job, "docx", target)
    target.write_bytes(output.data)
    result = check_headings(extract(target), job.document)
    assert result.passed, result.detail
    assert "Parcours professionnel" in result.detail and "Formation" in result.detail
