"""A deprecated language code (``iw`` for Hebrew) is refused with the code that replaces it.

User trial: ``--locale iw`` (the old code for Hebrew, still written by Java and older systems)
was refused as "not a known locale", with no word of ``he``. CLDR's language aliases (Babel's
``language_aliases``: ``iw`` → ``he``, ``in`` → ``id``, ``ji`` → ``yi``...) now give the "did
you mean" wherever a language or locale is read: the command line, the profile's ``lang:`` and
``locale:``, a declared variant's and a variant file's ``lang:``, a letter's ``locale:``, a
build target's ``lang`` and the keys of a text in several languages. The code is refused, not
read as its replacement, so each language has one spelling (file names, ``lang`` attributes,
the keys of its texts).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.i18n import UnknownLocale, check_locale, deprecated_alias, is_language_tag

runner = CliRunner()

PROFILE = """\
lang: he
basics:
  name: {he: נועה בן-דוד, en: Noa Ben-David}
  email: noa@example.com
summary: {he: מהנדסת תוכנה, en: Software engineer}
variants:
  english:
    lang: en
letters:
  general:
    body: {he: אני מגישה מועמדות, en: I am applying}
"""

HEBREW = "did you mean 'he'? 'iw' is an old code for Hebrew, now written 'he'"


@pytest.mark.parametrize("old, new", [("iw", "he"), ("iw-IL", "he-IL"), ("iw_il", "he-IL"), ("in", "id"),
                                      ("ji", "yi"), ("mo", "ro"), ("sh", "sr-Latn")])
def test_cldr_gives_the_code_that_replaces_a_deprecated_one(old, new):
    assert deprecated_alias(old) == new
    assert not is_language_tag(old)
    with pytest.raises(UnknownLocale) as caught:
        check_locale(old)
    assert caught.value.hint.startswith(f"did you mean '{new}'?")


@pytest.mark.parametrize("tag", ["he", "en-GB", "no", "xx", "klingon", "1a"])
def test_a_code_in_use_or_unknown_has_no_replacement(tag):
    assert deprecated_alias(tag) is None


def write(tmp_path, text=PROFILE):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("args, said", [
    (["render", "{p}", "--locale", "iw"], f"'iw' is not a known locale ({HEBREW})"),
    (["render", "{p}", "--lang", "iw"], f"'iw' is not a language ({HEBREW})"),
    (["letter", "{p}", "--locale", "iw-IL"], "'iw-IL' is not a known locale (did you mean 'he-IL'?"),
])
def test_the_command_line_says_the_new_code(tmp_path, args, said):
    path = write(tmp_path)
    result = runner.invoke(app, [a.format(p=path) for a in args] + ["--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("old, new, where", [
    ("lang: he\n", "lang: iw\n", "p.yaml:1:7: lang: 'iw' is not a language or locale: " + HEBREW),
    ("lang: he\n", "lang: he\nlocale: iw-IL\n",
     "p.yaml:2:9: locale: 'iw-IL' is not a language or locale: did you mean 'he-IL'?"),
    ("    lang: en\n", "    lang: iw\n", "p.yaml:8:11: variants.english.lang: 'iw' is not a language (" + HEBREW),
    ("  general:\n", "  general:\n    locale: iw\n",
     "p.yaml:11:13: letters.general.locale: 'iw' is not a language or locale: " + HEBREW),
    ("summary: {he:", "summary: {iw:", "summary: expected text, found a mapping (a text in several languages is "
                                       "keyed by language codes; 'iw' is not one: " + HEBREW),
])
def test_a_profile_says_the_new_code_at_its_line(tmp_path, old, new, where):
    path = write(tmp_path, PROFILE.replace(old, new, 1))
    args = ["letter", str(path)] if "letters" in where else ["render", str(path), "-f", "txt", "-o", "-"]
    if "variants" in where:
        args += ["-V", "english"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert where in result.output


def test_a_variant_file_says_the_new_code_at_its_line(tmp_path):
    write(tmp_path)
    variant = tmp_path / "v.yaml"
    variant.write_text("profile: p.yaml\nlang: iw\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(tmp_path / "p.yaml"), "-V", str(variant), "-f", "txt", "-o", "-"])
    assert result.exit_code == 2
    assert f"v.yaml:2:7: lang: 'iw' is not a language ({HEBREW})" in result.output


def test_a_build_target_says_the_new_code(tmp_path, monkeypatch):
    write(tmp_path)
    (tmp_path / "resume-builder.toml").write_text('[[targets]]\nprofile = "p.yaml"\nlang = "iw"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert f":3:8: targets[0].lang: 'iw' is not a language ({HEBREW})" in result.output
