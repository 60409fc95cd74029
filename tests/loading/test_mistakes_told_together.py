"""One mistake never hides another: a profile or a letter file with several mistakes has
every one reported in the same run, in file order, each at file:line:col (user trial: a bad
``date:`` in a letter file hid its other mistakes, and a 20,001-character summary hid a
1,001-character name, each told only once the first was fixed).

What may still stop a load early is what guards against hostile input, where going on would
cost time or memory without bound: here, a document over the whole-document size limits,
which YAML aliases can reach from a small file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.loading.letters import load_letter, load_letter_file
from tests.conftest import FIXTURES

LETTER_PROFILE = FIXTURES / "letters" / "profile.yaml"

EMPTY = '""'
FIELD = "a field may hold at most 20,000"
LINE = "a one-line field (a name, title, place or keyword) may hold at most 1,000"


def _lines(error: pytest.ExceptionInfo[UserError]) -> list[str]:
    return str(error.value).splitlines()


# ----------------------------------------------------------------------------- letter files


def test_a_bad_date_hides_none_of_the_letter_files_other_mistakes(tmp_path, monkeypatch):
    """The trial's file, through the command: the date, the missing profile and variant file,
    and both placeholder typos, all in one run (the date alone was said, then the rest)."""
    monkeypatch.chdir(tmp_path)
    Path("letter.yaml").write_text(
        "profile: profle.yaml\n"
        "variant: sre-varant.yaml\n"
        "subject: \"Application: {postion}\"\n"
        "date: 2026-02-30\n"
        "body:\n"
        "  - \"Dear team at {compnay}.\"\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["letter", "--letter", "letter.yaml", "-f", "txt", "-o", "-"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: letter.yaml:1:10: profile: profile 'profle.yaml' not found (looked for profle.yaml) "
        "(the path is relative to the letter file)",
        "error: letter.yaml:2:10: variant: variant file 'sre-varant.yaml' not found (looked for sre-varant.yaml) "
        "(the path is relative to the letter file)",
        "error: letter.yaml:3:24: subject: unknown placeholder {postion} (did you mean {position}?)",
        "error: letter.yaml:4:7: date: day 30 does not exist in '2026-02-30': February 2026 has 28 days",
        "error: letter.yaml:6:19: body[0]: unknown placeholder {compnay} (did you mean {company}?)",
        "5 problems found",
    ]


def test_schema_mistakes_come_with_the_placeholders_and_the_variant_the_file_names(tmp_path):
    shutil.copy(LETTER_PROFILE, tmp_path / "profile.yaml")
    letter = tmp_path / "letter.yaml"
    letter.write_text(
        "profile: profile.yaml\n"
        "variant: sr\n"
        "subject: \"Application: {postion}\"\n"
        "date: 2026-13-01\n"
        "colour: blue\n"
        "max_pages: many\n"
        "body:\n"
        "  - \"Dear team at {compnay}.\"\n"
        "  - 42\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter(None, str(letter))
    at = f"{letter}:"
    assert _lines(error) == [
        f"{at}2:10: variant: {tmp_path / 'profile.yaml'} has no variant 'sr' (did you mean 'sre'?)",
        f"{at}3:24: subject: unknown placeholder {{postion}} (did you mean {{position}}?)",
        f"{at}4:7: date: month 13 does not exist in '2026-13-01': months run from 01 to 12 "
        "(write YYYY-MM-DD, e.g. 2026-03-01)",
        f"{at}5:1: colour: unknown field 'colour' (allowed here: body, closing, date, description, locale, "
        "max_pages, name, position, profile, recipient, salutation, signature, subject, variant)",
        f"{at}6:12: max_pages: expected a whole number, found the text 'many'",
        f"{at}8:19: body[0]: unknown placeholder {{compnay}} (did you mean {{company}}?)",
        f"{at}9:5: body[1]: expected text, found the number 42 (put it in quotes to keep it as written: \"42\")",
    ]


def test_the_placeholders_of_a_body_written_as_one_text_are_told_with_a_bad_date(tmp_path):
    shutil.copy(LETTER_PROFILE, tmp_path / "profile.yaml")
    letter = tmp_path / "letter.yaml"
    letter.write_text("profile: profile.yaml\ndate: 2026-02-30\nbody: \"Dear {compnay}.\\n\\nAs {postion}.\"\n",
                      encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter_file(letter)
    assert _lines(error) == [
        f"{letter}:2:7: date: day 30 does not exist in '2026-02-30': February 2026 has 28 days",
        f"{letter}:3:13: body[0]: unknown placeholder {{compnay}} (did you mean {{company}}?)",
        f"{letter}:3:30: body[1]: unknown placeholder {{postion}} (did you mean {{position}}?)",
    ]


def test_a_text_with_its_own_mistake_is_not_searched_for_placeholders(tmp_path):
    """A subject that is two lines is said as such, once; the body's typo is still told."""
    letter = tmp_path / "letter.yaml"
    letter.write_text("profile: profile.yaml\ndate: 2026-02-30\nsubject: \"one {postion}\\ntwo\"\n"
                      "body: [\"Hi {compnay}\"]\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter_file(letter)
    assert _lines(error) == [
        f"{letter}:2:7: date: day 30 does not exist in '2026-02-30': February 2026 has 28 days",
        f"{letter}:3:10: subject: must be a single line of text",
        f"{letter}:4:12: body[0]: unknown placeholder {{compnay}} (did you mean {{company}}?)",
    ]


def test_a_letter_text_over_the_size_limit_is_told_with_the_rest(tmp_path):
    letter = tmp_path / "letter.yaml"
    letter.write_text(f"profile: profile.yaml\ndate: 2026-02-30\ndescription: {'d' * 20_001}\n"
                      "body: [\"Hi {compnay}\"]\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter_file(letter)
    assert _lines(error) == [
        f"{letter}:2:7: date: day 30 does not exist in '2026-02-30': February 2026 has 28 days",
        f"{letter}:3:14: description: this text is 20,001 characters long; {FIELD}",
        f"{letter}:4:12: body[0]: unknown placeholder {{compnay}} (did you mean {{company}}?)",
    ]


# ----------------------------------------------------------------------------- letters in a profile


def _letter_profile(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = LETTER_PROFILE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _at(path: Path, written: str, within: str = "") -> str:
    """``path:line:col`` of ``written`` on the line that holds ``within`` (default: itself)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(index for index, line in enumerate(lines) if (within or written) in line)
    return f"{path}:{row + 1}:{lines[row].index(written) + 1}"


def test_a_bad_date_under_letters_hides_neither_a_placeholder_nor_the_letter_a_variant_names(tmp_path):
    path = _letter_profile(tmp_path, ("    date: 2026-03-02", "    date: 2026-02-30"),
                           ("at {company}\"", "at {compny}\""), ("    letter: short", "    letter: shrt"))
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [
        f"{_at(path, 'shrt')}: variants.sre.letter: the profile has no letter 'shrt' (did you mean 'short'?)",
        f"{_at(path, '2026-02-30')}: letters.short.date: day 30 does not exist in '2026-02-30': "
        "February 2026 has 28 days",
        f"{_at(path, '{compny}')}: letters.short.subject: unknown placeholder {{compny}} "
        "(did you mean {company}?)",
    ]


def test_an_empty_highlight_hides_neither_a_placeholder_nor_the_letter_a_variant_names(tmp_path):
    """The checks of a valid profile's variants and letters ran only when nothing else was wrong."""
    path = _letter_profile(tmp_path, ("highlights: [Ran the on-call rota]", "highlights: [\"\"]"),
                           ("at {company}\"", "at {compny}\""), ("    letter: short", "    letter: shrt"))
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [
        f"{_at(path, EMPTY)}: experience[0].highlights[0]: empty highlight (remove the line or write its text)",
        f"{_at(path, 'shrt')}: variants.sre.letter: the profile has no letter 'shrt' (did you mean 'short'?)",
        f"{_at(path, '{compny}')}: letters.short.subject: unknown placeholder {{compny}} "
        "(did you mean {company}?)",
    ]


# ----------------------------------------------------------------------------- size limits


def test_a_summary_over_the_field_limit_does_not_hide_a_name_over_the_line_limit(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(f"basics:\n  name: {'N' * 1_001}\nsummary: {'s' * 20_001}\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [
        f"{path}:2:9: basics.name: this line is 1,001 characters long; {LINE}",
        f"{path}:3:10: summary: this text is 20,001 characters long; {FIELD}",
    ]


def test_size_and_schema_mistakes_are_told_in_file_order(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"summary": "' + "s" * 20_001 + '",\n "basics": {"name": "' + "N" * 1_001 + '"},\n'
                    ' "skils": []}\n', encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [
        f"{path}:1:13: summary: this text is 20,001 characters long; {FIELD}",
        f"{path}:2:21: basics.name: this line is 1,001 characters long; {LINE}",
        f"{path}:3:2: skils: unknown field 'skils' (did you mean 'skills'?)",
    ]


def test_a_name_over_both_limits_is_said_once_in_the_words_of_its_own(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(f"basics:\n  name: {'N' * 20_001}\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [f"{path}:2:9: basics.name: this line is 20,001 characters long; {LINE}"]


def test_every_list_over_its_limit_is_told_with_the_schemas_mistakes(tmp_path):
    many = ", ".join(["x"] * 1_001)
    path = tmp_path / "p.yaml"
    path.write_text(f"basics:\n  name: A\n  emial: a@example.org\n"
                    f"skills:\n  - name: S\n    keywords: [{many}]\n  - name: T\n    keywords: [{many}]\n",
                    encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [
        f"{path}:3:3: basics.emial: unknown field 'emial' (did you mean 'email'?)",
        f"{path}:6:15: skills[0].keywords: this list has 1,001 items; a list may hold at most 1,000",
        f"{path}:8:15: skills[1].keywords: this list has 1,001 items; a list may hold at most 1,000",
    ]


def test_an_included_files_text_over_the_limit_is_told_with_the_profiles_mistakes(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "projects.yaml").write_text(f"- name: P\n  description: {'d' * 20_001}\n",
                                                      encoding="utf-8")
    path = tmp_path / "main.yaml"
    path.write_text(f"basics:\n  name: {'N' * 1_001}\nprojects: {{include: parts/projects.yaml}}\n",
                    encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [
        f"{path}:2:9: basics.name: this line is 1,001 characters long; {LINE}",
        f"{tmp_path / 'parts' / 'projects.yaml'}:2:16: projects[0].description: this text is 20,001 characters "
        f"long; {FIELD}",
        f"  included from {path}:3:21",
    ]


def test_a_document_over_the_whole_document_limit_still_stops_the_load(tmp_path):
    """The early stop kept on purpose: aliases make a small file any size, and validating it
    would read every copy; the schema's mistake (emial) waits until the size is fixed."""
    long_text = "word " * 3_800  # 19,000 characters, under the field limit
    uses = "\n".join("  - *long" for _ in range(60))
    path = tmp_path / "p.yaml"
    path.write_text(f"basics:\n  name: A\n  emial: a@example.org\nx: &long {long_text}\ninterests:\n{uses}\n",
                    encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert _lines(error) == [
        f"{path}: the document holds 1,158,953 characters of text; a profile may hold at most 1,000,000 "
        "(YAML aliases (*name) that repeat long texts count every time they are used)"]
