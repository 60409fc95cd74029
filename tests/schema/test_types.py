"""Scalar validation: dates, links, e-mail, phone, tags."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from resume_builder.schema.profile import Basics, Experience, SocialProfile
from resume_builder.schema.types import PartialDate, parse_date


@pytest.mark.parametrize("value, expected", [
    ("2021", PartialDate(2021)), (2021, PartialDate(2021)), ("2021-04", PartialDate(2021, 4)),
    ("2024-02-29", PartialDate(2024, 2, 29)),
])
def test_dates_parse(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2021-13", "2023-02-29", "21-04", "April 2021", "2021/04", True, 3.5])
def test_bad_dates_are_rejected(value):
    with pytest.raises(Exception):
        parse_date(value)


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
