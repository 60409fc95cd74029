"""Located error messages for invalid profiles: every kind of mistake, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from tests.conftest import FIXTURES


def messages(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return caught.value.render().replace(str(path), path.name) + "\n"


def test_broken_profile_reports_every_error_with_location(golden):
    golden("broken.errors.txt", messages(FIXTURES / "broken.yaml"))


def test_every_problem_has_line_and_column():
    with pytest.raises(UserError) as caught:
        load_profile(FIXTURES / "broken.yaml")
    problems = caught.value.problems
    assert len(problems) >= 12
    for problem in problems:
        assert problem.location is not None and problem.location.line and problem.location.column


@pytest.mark.parametrize("text, expected", [
    ("basics:\n  name: A\n  emial: a@b.co\n", "3:3: basics.emial: unknown field 'emial' (did you mean 'email'?)"),
    ("basics:\n  name: A\nexperiance: []\n", "3:1: experiance: unknown field 'experiance' (did you mean 'experience'?)"),
    ("basics: {name: A}\nexperience:\n  - {company: C, position: P, start: 2021-05, end: 2020}\n",
     "experience[0].end: end 2020 is before start 2021-05: swap them, or correct the one that is wrong"),
    ("basics: {name: A}\nexperience:\n  - {company: C, position: P, start: 2021, end: present}\n", None),
    ("basics: {name: A, website: 'http://x'}\n", "'http://x' is not a valid web address"),
    ("basics: {name: A}\nsummary: '[x](file:///etc/passwd)'\n", "link 'file:///etc/passwd' must start with http"),
    ("basics: {name: A}\nsummary: See my [portfolio](jiwoo.dev/work).\n",  # user trial: the address it meant
     "2:29: summary: link 'jiwoo.dev/work' must start with http://, https://, mailto: or tel:; did you mean "
     "'https://jiwoo.dev/work'?"),
    ("basics:\n  profiles:\n    - network: X\n", "2:3: basics.name: 'name' is required"),
])
def test_single_mistakes(tmp_path, text, expected):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    if expected is None:
        load_profile(path)
        return
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert expected in caught.value.render()


def test_duplicate_ids_are_said_with_the_other_mistakes_in_line_order(tmp_path):
    """They came only once every other mistake was fixed, so "N problems found" was one short
    (newcomer trial: two companies whose roles share an id, beside five other mistakes)."""
    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: Sam Sample\n  emial: s@example.org\nexperience:\n  - company: Acme\n"
                    "    roles:\n      - id: acme-dev\n        position: Dev\n        start: 2020-13\n"
                    "  - company: Beta\n    roles:\n      - id: acme-dev\n        position: Dev\n"
                    "        start: 2019-01\ncustom:\n  - id: talks\n    title: Talks\n    entries:\n"
                    "      - {id: acme-dev, title: A talk}\n", encoding="utf-8")
    lines = messages(path).splitlines()
    assert [line.split(": ")[0] + ": " + line.split(": ")[1] for line in lines] == [
        "p.yaml:3:3: basics.emial", "p.yaml:9:16: experience[0].roles[0].start",
        "p.yaml:12:13: experience[1].roles[0].id", "p.yaml:19:14: custom[0].entries[0].id"]
    assert "id 'acme-dev' is already used at line 7" in lines[2] and "at line 7" in lines[3]


def test_duplicate_ids_are_located(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics: {name: A}\nexperience:\n"
                    "  - {id: job, company: C, position: P, start: 2021}\n"
                    "  - {id: job, company: D, position: P, start: 2020}\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert "p.yaml:4:" in caught.value.render()
    assert "id 'job' is already used at line 3" in caught.value.render()


def test_section_order_follows_the_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics: {name: A}\neducation: [{degree: BSc}]\nsummary: hi\n"
                    "custom: [{id: extra, title: Extra, items: [x]}]\nskills: [{name: S}]\n", encoding="utf-8")
    profile = load_profile(path).profile
    assert profile.section_order() == ["education", "summary", "extra", "skills"]


def test_a_profile_of_ours_read_as_json_resume_says_to_drop_the_option(tmp_path):
    """`--from jsonresume` on a profile of ours gave JSON Resume's errors and no way out
    (newcomer trial)."""
    from resume_builder.loading import load_profile as load

    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: A\n  location: London\nexperience:\n  - company: C\n    position: P\n"
                    "    start: 2020\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load(path, input_format="jsonresume")
    assert caught.value.problems[0].hint.endswith(
        "this looks like a resume-builder profile (it has 'experience'): drop --from jsonresume")
    load(path)  # and it is a good profile
