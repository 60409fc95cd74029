"""A date after today that reads as a slip is a located warning: ``start: 2030-01`` with
``end: present`` validated in silence (newcomer trial). Today is SOURCE_DATE_EPOCH's day when
it is set (fixed here), else the clock's. Warnings, not errors: an offer accepted for a later
start, or a contract's known end, are real."""

from __future__ import annotations

import datetime

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.loading import load_profile

DAY = datetime.datetime(2026, 3, 15, 12, tzinfo=datetime.timezone.utc)
HEAD = "basics:\n  name: Ann Bee\nexperience:\n  - company: Acme\n    position: Engineer\n"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(DAY.timestamp())))


def _warnings(tmp_path, body: str) -> list[str]:
    profile = tmp_path / "cv.yaml"
    profile.write_text(HEAD + body, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0, result.output
    return [w.replace(str(profile), "cv.yaml") for w in load_profile(profile).warnings]


def test_a_start_in_the_future_with_end_present_is_warned_about(tmp_path):
    assert _warnings(tmp_path, "    start: 2030-01\n    end: present\n") == [
        "cv.yaml:6:12: experience[0].start: start 2030-01 is in the future (today is 2026-03-15), and the end is "
        "'present' (check the year; for an offer accepted for a later start, this is how it is shown)"]


def test_an_end_in_the_future_is_warned_about(tmp_path):
    assert _warnings(tmp_path, "    start: 2020-01\n    end: 2027-06\n") == [
        "cv.yaml:7:10: experience[0].end: end 2027-06 is in the future (today is 2026-03-15) (if it goes on, write "
        "end: present; keep the date if it ends then, as a contract does)"]


def test_roles_and_other_sections_are_checked_too(tmp_path):
    said = _warnings(tmp_path.joinpath(), "    start: 2020-01\n    end: 2021-01\n"
                     "projects:\n  - name: Lantern\n    start: 2029\n    end: present\n")
    assert [w.split(": ")[1] for w in said] == ["projects[0].start"]


@pytest.mark.parametrize("dates", [
    "    start: 2026-03\n    end: present\n",  # this month: not after today
    "    start: 2026\n    end: 2026\n",
    "    start: 2020-01\n    end: 2026-03-15\n",
    "    start: 2020-01\n",
])
def test_today_and_the_past_are_not(tmp_path, dates):
    assert _warnings(tmp_path, dates) == []
