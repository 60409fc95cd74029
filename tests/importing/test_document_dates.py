"""Date ranges in the written forms résumés use, in the built-in locales."""

from __future__ import annotations

import pytest

from resume_builder.importing.document.dates import find_range, is_mostly_dates


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Mar 2019 – Present", "2019-03", "present"),
    ("March 2019 - June 2020", "2019-03", "2020-06"),
    ("Sept. 2019 to now", "2019-09", "present"),
    ("03/2019 - 06/2020", "2019-03", "2020-06"),
    ("3/2019 – 12/2020", "2019-03", "2020-12"),
    ("03.2019 – 06.2020", "2019-03", "2020-06"),
    ("2019-03 – 2020-06", "2019-03", "2020-06"),
    ("2019–2021", "2019", "2021"),
    ("2019 - 2021", "2019", "2021"),
    ("since 2020", "2020", "present"),
    ("seit 2020", "2020", "present"),
    ("März 2019 – heute", "2019-03", "present"),
    ("Okt. 2016 – Feb. 2019", "2016-10", "2019-02"),
    ("janv. 2020 – aujourd’hui", "2020-01", "present"),
    ("septiembre 2018 – actualidad", "2018-09", "present"),
    ("Engineer, Acme (2017–2020)", "2017", "2020"),
    ("Data Engineer    Jan 2021 - Present", "2021-01", "present"),
])
def test_written_forms(text: str, start: str, end: str) -> None:
    found = find_range(text)
    assert found is not None and (found.start, found.end) == (start, end)
    assert text[found.span[0]:found.span[1]] == found.text


@pytest.mark.parametrize("text", [
    "Managed 2000 servers in May",  # a number and a month name without a year
    "Reduced costs by 30%",
    "2021 – 2019",  # an end before its start is no range
])
def test_not_ranges(text: str) -> None:
    found = find_range(text)
    assert found is None or found.end is None


def test_a_single_year_is_a_start_without_an_end() -> None:
    found = find_range("Certified in 2018")
    assert found is not None and (found.start, found.end) == ("2018", None)


def test_mostly_dates() -> None:
    assert is_mostly_dates("Mar 2019 – Present")
    assert not is_mostly_dates("Mar 2019 – Present · London, UK")
