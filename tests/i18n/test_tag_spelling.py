"""One spelling per language: a tag the user gives is read in its canonical BCP 47 form.

User trial: ``render --lang DE`` recorded language "DE" (the ``wrote`` line, the PDF's
provenance), and ``render --lang de`` was then refused as another document under the same
default name, ``output/example-de.pdf``; likewise ``--locale de_DE`` (file name ``de-DE``,
message ``de_DE``) against ``--locale de-DE``. Every tag is now normalised as soon as it is
read (:func:`resume_builder.i18n.given_language`, :func:`~resume_builder.i18n.given_locale`,
:func:`~resume_builder.i18n.resolve_locale`; a variant's ``lang:`` where the provenance is
recorded, :func:`resume_builder.pipeline.asked_language`): language lowercase, script
Titlecase, region UPPERCASE, ``-`` between them.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.i18n import check_locale, given_language, given_locale, normalize_tag, resolve_locale
from tests.conftest import EXAMPLE

runner = CliRunner()

SPELLINGS = [
    ("DE", "de"), ("de", "de"), (" De ", "de"), ("de_de", "de-DE"), ("de_DE", "de-DE"), ("DE-de", "de-DE"),
    ("zh_hant_tw", "zh-Hant-TW"), ("ZH-HANT-TW", "zh-Hant-TW"), ("sr_LATN", "sr-Latn"), ("es_419", "es-419"),
    ("EN_gb", "en-GB"), ("pt-br", "pt-BR"),
]


# ------------------------------------------------------------------------------ normalisation


@pytest.mark.parametrize("written, canonical", SPELLINGS)
def test_normalize_tag_gives_the_bcp47_spelling(written, canonical):
    assert normalize_tag(written) == canonical
    assert normalize_tag(canonical) == canonical  # already canonical: unchanged


@pytest.mark.parametrize("written, canonical", SPELLINGS)
def test_a_language_given_is_read_in_its_one_spelling(written, canonical):
    assert given_language(written) == canonical


@pytest.mark.parametrize("written, canonical", SPELLINGS)
def test_a_locale_given_is_read_in_its_one_spelling(written, canonical):
    assert given_locale(written) == canonical


@pytest.mark.parametrize("written, canonical", SPELLINGS)
def test_the_canonical_tag_of_any_spelling(written, canonical):
    from resume_builder.i18n import canonical_tag

    assert canonical_tag(written) == canonical
    assert canonical_tag(None) is None


def test_what_is_no_tag_is_kept_as_written_for_the_message_that_refuses_it():
    assert given_language(" not a language ") == "not a language"
    with pytest.raises(UserError):
        given_language("  ")
    with pytest.raises(UserError):
        given_locale("")


@pytest.mark.parametrize("kwargs, chosen", [
    ({"lang": "DE"}, "de"),
    ({"locale": "de_de"}, "de-DE"),
    ({"locale": "ZH_hant_TW", "lang": "en"}, "zh-Hant-TW"),
    ({"lang": "DE", "profile_locale": "de_ch"}, "de-CH"),  # the profile's regional form of that language
    ({"profile_lang": "PT_br"}, "pt-BR"),
    ({"profile_locale": "EN_gb", "profile_lang": "en"}, "en-GB"),
])
def test_the_locale_resolved_is_in_its_one_spelling(kwargs, chosen):
    assert resolve_locale(**kwargs) == chosen


@pytest.mark.parametrize("written, canonical", [("DE_at", "de-AT"), ("en_gb", "en-GB"), ("ZH_hant", "zh-Hant")])
def test_check_locale_gives_the_one_spelling(written, canonical):
    assert check_locale(written) == canonical


def test_a_render_request_holds_the_one_spelling():
    from resume_builder.pipeline import RenderRequest

    request = RenderRequest(lang="DE", locale="de_de")
    assert (request.lang, request.locale) == ("de", "de-DE")


def test_a_profiles_and_a_letters_tags_are_read_in_their_one_spelling(tmp_path):
    from resume_builder.loading import load_profile
    from resume_builder.schema.letter import Letter

    path = tmp_path / "p.yaml"
    path.write_text("lang: EN\nlocale: en_gb\nbasics:\n  name: Vera Test\n", encoding="utf-8")
    profile = load_profile(path).profile
    assert (profile.lang, profile.locale) == ("en", "en-GB")
    assert Letter.model_validate({"locale": "pt_br", "body": "Hello."}).locale == "pt-BR"


def test_the_provenance_records_one_spelling_whoever_wrote_the_tag():
    """A variant's ``lang: DE`` reaches the recorded provenance as written, not through --lang."""
    from resume_builder.loading import load_profile
    from resume_builder.pipeline import asked_language

    profile = load_profile(EXAMPLE).profile  # lang: en
    assert asked_language(profile, lang="DE", locale=None) == ("de", None)
    assert asked_language(profile, lang="EN", locale=None) == (None, None)  # the profile's own language
    assert asked_language(profile, lang=None, locale="de_de") == (None, "de-DE")


# ------------------------------------------------------------------------------ the command line


def _render(*args):
    return runner.invoke(app, ["render", str(EXAMPLE), *map(str, args)])


def _wrote(result) -> str:
    assert result.exit_code == 0, result.output
    return next(line for line in result.output.splitlines() if line.startswith("wrote "))


def test_lang_written_two_ways_is_one_language_txt(tmp_path):
    out = tmp_path / "out"
    first = _wrote(_render("--lang", "DE", "-f", "txt", "--out-dir", out))
    assert first.startswith(f"wrote {out / 'example-de.txt'} ") and "language de)" in first, first
    before = (out / "example-de.txt").read_bytes()
    second = _wrote(_render("--lang", "de", "-f", "txt", "--out-dir", out))
    assert "language de)" in second, second
    assert sorted(p.name for p in out.iterdir()) == ["example-de.txt"]
    assert (out / "example-de.txt").read_bytes() == before


def test_locale_written_two_ways_is_one_locale_txt(tmp_path):
    out = tmp_path / "out"
    first = _wrote(_render("--locale", "de_DE", "-f", "txt", "--out-dir", out))
    assert "example-locale-de-DE.txt" in first and "locale de-DE)" in first, first
    before = (out / "example-locale-de-DE.txt").read_bytes()
    second = _wrote(_render("--locale", "de-DE", "-f", "txt", "--out-dir", out))
    assert "locale de-DE)" in second, second
    assert sorted(p.name for p in out.iterdir()) == ["example-locale-de-DE.txt"]
    assert (out / "example-locale-de-DE.txt").read_bytes() == before


def test_lang_and_locale_written_two_ways_are_one_document_pdf(tmp_path):
    """The trial's refusal: a PDF rendered with ``--lang DE`` is the same document as ``--lang de``
    (and ``--locale de_DE`` as ``de-DE``), recorded with the one spelling."""
    from resume_builder.checking.origin import read_origin

    out = tmp_path / "out"
    _wrote(_render("--lang", "DE", "-f", "pdf", "--out-dir", out))
    assert "language de)" in _wrote(_render("--lang", "de", "-f", "pdf", "--out-dir", out))  # not refused
    recorded = read_origin(out / "example-de.pdf")
    assert recorded.provenance.lang == "de" and recorded.language == "de"

    _wrote(_render("--locale", "de_DE", "-f", "pdf", "--out-dir", out))
    assert "locale de-DE)" in _wrote(_render("--locale", "de-DE", "-f", "pdf", "--out-dir", out))  # not refused
    recorded = read_origin(out / "example-locale-de-DE.pdf")
    assert recorded.provenance.locale == "de-DE" and recorded.language == "de-DE"
    assert sorted(p.name for p in out.iterdir()) == ["example-de.pdf", "example-locale-de-DE.pdf"]


def test_a_variants_lang_written_two_ways_is_one_language(tmp_path):
    from resume_builder.checking.origin import read_origin

    profile = tmp_path / "p.yaml"
    text = ("lang: en\nbasics:\n  name: Vera Test\n  headline: {en: Engineer, de: Ingenieurin}\n"
            "variants:\n  german:\n    lang: DE\n")
    profile.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", str(profile), "-V", "german", "-f", "pdf", "--out-dir", str(out)]
    _wrote(runner.invoke(app, args))
    profile.write_text(text.replace("lang: DE", "lang: de"), encoding="utf-8")
    _wrote(runner.invoke(app, args))  # not refused as another language
    assert read_origin(out / "p-german.pdf").provenance.lang == "de"


def test_a_variants_lang_is_read_in_its_one_spelling():
    from resume_builder.schema.variant import Variant

    assert [Variant.model_validate({"lang": given}).lang for given in ("DE", "de_de", " pt_br ", "de")] == [
        "de", "de-DE", "pt-BR", "de"]


def test_a_build_targets_lang_is_read_in_its_one_spelling():
    """``lang = "DE"`` named its files ``{lang}`` = DE, where --lang DE names them de (trial)."""
    from resume_builder.building.config import TargetSpec

    assert [TargetSpec.model_validate({"profile": "p.yaml", "lang": given}).lang
            for given in ("DE", "de_de", "de")] == ["de", "de-DE", "de"]


def test_a_build_targets_lang_with_an_unknown_region_is_told_at_its_line(tmp_path):
    """``lang = "de-XX"`` failed its target at build time, unlocated, and was not said beside
    another target's ``lang = "iw"`` (trial)."""
    from resume_builder.building.config import check_targets, load_config
    from resume_builder.errors import UserError

    (tmp_path / "me.yaml").write_text("basics: {name: A}\n", encoding="utf-8")
    (tmp_path / "b.toml").write_text('[[targets]]\nprofile = "me.yaml"\nlang = "de-XX"\n[[targets]]\n'
                                     'profile = "me.yaml"\nlang = "iw"\n', encoding="utf-8")
    path, config = load_config(tmp_path / "b.toml")
    with pytest.raises(UserError) as caught:
        check_targets(config, tmp_path, source=path)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}:3:8: targets[0].lang: 'de-XX' is not a language ('XX' is not a country or region code; write e.g. "
        "de-DE, or leave the region out: de)",
        f"{path}:6:8: targets[1].lang: 'iw' is not a language (did you mean 'he'? 'iw' is an old code for Hebrew, "
        "now written 'he')"]
