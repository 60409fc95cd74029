"""Scalar validation: dates, links, e-mail, phone, tags."""

from __future__ import annotations

import datetime

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from resume_builder.schema.profile import Basics, Experience, SocialProfile
from resume_builder.schema.types import PartialDate, parse_date, parse_day


@pytest.mark.parametrize("value, expected", [
    ("2021", PartialDate(2021)), (2021, PartialDate(2021)), ("2021-04", PartialDate(2021, 4)),
    ("2024-02-29", PartialDate(2024, 2, 29)),
])
def test_dates_parse(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, kind, message", [
    ("2021-13", "date_month", "month 13 does not exist in '2021-13': months run from 01 to 12 (write YYYY-MM, e.g. 2021-03)"),
    ("2021-00", "date_month", "month 0 does not exist in '2021-00': months run from 01 to 12 (write YYYY-MM, e.g. 2021-03)"),
    ("2023-02-29", "date_day", "day 29 does not exist in '2023-02-29': that month has 28 days (or leave the day out: 2023-02)"),
    ("2021-04-31", "date_day", "day 31 does not exist in '2021-04-31': that month has 30 days (or leave the day out: 2021-04)"),
    ("2021-04-00", "date_day", "day 0 does not exist in '2021-04-00': that month has 30 days (or leave the day out: 2021-04)"),
    ("21-04", "date_format", "'21-04' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("April 2021", "date_format", "'April 2021' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2021/04", "date_format", "'2021/04' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("1899", "date_year", "year 1899 is out of range in '1899': write a year from 1900 to 2200"),
    ("2201-01", "date_year", "year 2201 is out of range in '2201-01': write a year from 1900 to 2200"),
    (True, "date_type", "a date must be text like 2021, 2021-04 or 2021-04-15"),
    (3.5, "date_type", "a date must be text like 2021, 2021-04 or 2021-04-15"),
    (None, "date_type", "a date must be text like 2021, 2021-04 or 2021-04-15"),
])
def test_bad_dates_are_rejected(value, kind, message):
    with pytest.raises(PydanticCustomError) as info:
        parse_date(value)
    assert (info.value.type, str(info.value)) == (kind, message)


def test_present_is_only_read_where_allowed():
    assert parse_date(" Present ", allow_present=True) == "present"
    assert parse_date("now", allow_present=True) == parse_date("current", allow_present=True) == "present"
    with pytest.raises(PydanticCustomError) as info:
        parse_date("present")
    assert str(info.value) == "'present' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
    with pytest.raises(PydanticCustomError) as info:
        parse_date("soon", allow_present=True)
    assert str(info.value) == "'soon' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD or 'present'"


@pytest.mark.parametrize("value", ["presnt", "Preset", "PRESENT."])
def test_a_misspelt_present_gets_did_you_mean_where_present_is_allowed(value):
    with pytest.raises(PydanticCustomError) as info:
        parse_date(value, allow_present=True)
    assert (info.value.type, str(info.value)) == ("date_format", f"'{value}' is not a date: did you mean 'present'?")
    with pytest.raises(PydanticCustomError) as info:
        parse_date(value)  # where 'present' is not allowed, it is not suggested
    assert str(info.value) == f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"


@pytest.mark.parametrize("value, expected", [
    ("1900", PartialDate(1900)), ("2200-12-31", PartialDate(2200, 12, 31)), (" 2021-04 ", PartialDate(2021, 4)),
    ("2021-12", PartialDate(2021, 12)), ("2021-01-01", PartialDate(2021, 1, 1)),
])
def test_dates_at_the_edges_parse(value, expected):
    assert parse_date(value) == expected
    assert parse_date(expected) is expected


def test_partial_dates_know_their_first_and_last_day_and_print_as_written():
    assert (PartialDate(2021).earliest(), PartialDate(2021).latest()) == ((2021, 1, 1), (2021, 12, 31))
    assert (PartialDate(2021, 3).earliest(), PartialDate(2021, 3).latest()) == ((2021, 3, 1), (2021, 3, 31))
    assert (PartialDate(2021, 3, 9).earliest(), PartialDate(2021, 3, 9).latest()) == ((2021, 3, 9), (2021, 3, 9))
    assert [str(PartialDate(2021)), str(PartialDate(2021, 3)), str(PartialDate(2021, 3, 9))] == [
        "2021", "2021-03", "2021-03-09"]


@pytest.mark.parametrize("value, expected", [
    ("2026-03-02", datetime.date(2026, 3, 2)), (" 2024-02-29 ", datetime.date(2024, 2, 29)),
    ("1900-01-01", datetime.date(1900, 1, 1)), ("2200-12-31", datetime.date(2200, 12, 31)),
    ("2 March 2026", None), ("2026-03", None), ("20260302", None), ("2026-003-02", None), ("2026/03/02", None),
])
def test_a_day_written_year_first_is_read_and_other_text_is_not(value, expected):
    """A letter's date: YYYY-MM-DD is a day; other text (``2 March 2026``) is kept as written."""
    assert parse_day(value) == expected


@pytest.mark.parametrize("value, kind, message", [
    ("2026-13-01", "date_month", "month 13 does not exist in '2026-13-01': months run from 01 to 12 "
                                 "(write YYYY-MM-DD, e.g. 2026-03-01)"),
    ("2026-00-01", "date_month", "month 0 does not exist in '2026-00-01': months run from 01 to 12 "
                                 "(write YYYY-MM-DD, e.g. 2026-03-01)"),
    ("2026-02-29", "date_day", "day 29 does not exist in '2026-02-29': February 2026 has 28 days"),
    ("2024-02-30", "date_day", "day 30 does not exist in '2024-02-30': February 2024 has 29 days"),
    ("2026-01-32", "date_day", "day 32 does not exist in '2026-01-32': January 2026 has 31 days"),
    ("2026-04-31", "date_day", "day 31 does not exist in '2026-04-31': April 2026 has 30 days"),
    ("2026-12-00", "date_day", "day 0 does not exist in '2026-12-00': December 2026 has 31 days"),
    ("2201-01-01", "date_year", "year 2201 is out of range in '2201-01-01': write a year from 1900 to 2200"),
    ("1899-12-31", "date_year", "year 1899 is out of range in '1899-12-31': write a year from 1900 to 2200"),
    (" 2026-3-2 ", "date_format", "'2026-3-2' is not a date: write YYYY-MM-DD, with two digits for the month "
                                  "and the day (2026-03-02)"),
    ("2026-03-2", "date_format", "'2026-03-2' is not a date: write YYYY-MM-DD, with two digits for the month "
                                 "and the day (2026-03-02)"),
    ("2026-3-02", "date_format", "'2026-3-02' is not a date: write YYYY-MM-DD, with two digits for the month "
                                 "and the day (2026-03-02)"),
])
def test_a_day_that_does_not_exist_is_refused_in_the_words_of_a_whole_day(value, kind, message):
    """parse_day's hints show YYYY-MM-DD and never suggest leaving the day out (a letter's date is a day)."""
    with pytest.raises(PydanticCustomError) as info:
        parse_day(value)
    assert (info.value.type, str(info.value)) == (kind, message)


@pytest.mark.parametrize("start, end", [
    ("2021", "2021-03"), ("2021", "2021-01-01"), ("2021-03", "2021-03-01"), ("2021-03-31", "2021-03"),
    ("2021", "2021"), ("2021-03-05", "2021-03-05"), ("2020-12-31", "2021"),
])
def test_an_end_that_may_fall_after_the_start_is_accepted(start, end):
    """Partial dates stand for a span: the end is wrong only if its *last* day is before the start's *first*."""
    job = Experience(company="C", position="P", start=start, end=end)
    assert (str(job.start), str(job.end)) == (start, end)


@pytest.mark.parametrize("start, end", [
    ("2021-04", "2021-03"), ("2021", "2020-12"), ("2021-03-02", "2021-03-01"), ("2021-01-01", "2020"),
])
def test_an_end_before_the_start_is_rejected_with_both_dates(start, end):
    with pytest.raises(ValidationError) as info:
        Experience(company="C", position="P", start=start, end=end)
    [error] = info.value.errors()
    assert error["type"] == "date_order" and error["loc"] == ("end",)
    assert error["msg"] == f"end {end} is before start {start}: swap them, or correct the one that is wrong"


def test_present_only_for_end_dates():
    job = Experience(company="C", position="P", start="2021", end="Present")
    assert job.end == "present"
    with pytest.raises(ValidationError):
        Experience(company="C", position="P", start="present")


def test_end_on_same_year_as_start_month_is_fine():
    Experience(company="C", position="P", start="2021-05", end="2021")


@pytest.mark.parametrize("email", ["a@b.co", "first.last+tag@sub.example.org"])
def test_good_emails(email):
    assert Basics(name="A", email=email).email == email


@pytest.mark.parametrize("email", ["a@b", "a b@c.com", "@c.com", "a@@c.com"])
def test_bad_emails(email):
    with pytest.raises(ValidationError):
        Basics(name="A", email=email)


@pytest.mark.parametrize("phone", ["+44 20 7946 0018", "(555) 123-4567", "+1.555.123.4567 ext 12"])
def test_good_phones(phone):
    Basics(name="A", phone=phone)


@pytest.mark.parametrize("phone", ["call me", "12", "+44 20 7946 0018 or 0019"])
def test_bad_phones(phone):
    with pytest.raises(ValidationError):
        Basics(name="A", phone=phone)


@pytest.mark.parametrize("url", ["https://github.com/x", "mailto:a@b.co", "tel:+44 20 7946 0018"])
def test_profile_links_allow_https_mailto_tel(url):
    SocialProfile(network="X", url=url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.org", "github.com/x"])
def test_profile_links_refuse_other_schemes(url):
    with pytest.raises(ValidationError):
        SocialProfile(network="X", url=url)


def test_tags_are_lowercased_and_checked():
    job = Experience(company="C", position="P", start="2021", tags=["Kubernetes", "ci-cd"])
    assert job.tags == ["kubernetes", "ci-cd"]
    with pytest.raises(ValidationError):
        Experience(company="C", position="P", start="2021", tags=["has space"])


def test_highlights_accept_strings_and_nested_points():
    job = Experience(company="C", position="P", start="2021",
                     highlights=["one", {"text": "two", "details": ["a", "b"]}])
    assert [h.text for h in job.highlights] == ["one", "two"]
    assert job.highlights[1].details == ["a", "b"]


def test_names_are_single_lines():
    with pytest.raises(ValidationError):
        Basics(name="Two\nLines")


@pytest.mark.parametrize("url, char", [("https://tamsin,example.org", ","), ("https://exa mple.org", None),
                                       ("https://example.org;x/", ";"), ("http://a!b.example", "!")])
def test_a_host_name_holds_letters_digits_hyphens_and_dots_only(url, char):
    """A comma typed for a dot passed and became a dead link (newcomer trial)."""
    from pydantic import TypeAdapter, ValidationError

    from resume_builder.schema.types import WebUrl

    with pytest.raises(ValidationError) as error:
        TypeAdapter(WebUrl).validate_python(url)
    if char:
        assert f"a host name has no '{char}'" in str(error.value)


@pytest.mark.parametrize("url", ["https://bücher.example/straße", "https://a_b.example.com/x",
                                 "https://example.com:8443/a,b", "https://user@host.example/"])
def test_other_hosts_and_paths_still_pass(url):
    from pydantic import TypeAdapter

    from resume_builder.schema.types import WebUrl

    assert TypeAdapter(WebUrl).validate_python(url) == url


@pytest.mark.parametrize("url", ["https://evil.example\\@good.example", "https://evil.example\\good.example/x"])
def test_a_web_address_with_a_backslash_before_its_path_is_refused(url):
    """A browser reads '\\' as '/' in a web address (WHATWG URL Standard): the first one opens
    evil.example while Python's urlsplit, and every check after it, saw good.example."""
    from pydantic import TypeAdapter, ValidationError

    from resume_builder.schema.types import WebUrl

    with pytest.raises(ValidationError) as error:
        TypeAdapter(WebUrl).validate_python(url)
    assert "no backslash before its path" in str(error.value)
    assert TypeAdapter(WebUrl).validate_python("https://good.example/a\\b") == "https://good.example/a\\b"
