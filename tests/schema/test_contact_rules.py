"""Links, e-mail, phone numbers, ids, tags and one-line text: each rule and its exact message."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from resume_builder.limits import MAX_LINE_CHARS
from resume_builder.schema.types import (_check_email, _check_id, _check_link, _check_phone, _check_single_line,
                                         _check_tag, _check_web_url, _host_character, _normalise_tag)


def refusal(check, value) -> tuple[str, str]:
    with pytest.raises(PydanticCustomError) as info:
        check(value)
    return info.value.type, str(info.value)


@pytest.mark.parametrize("value, expected", [
    ("https://example.com", "https://example.com"), (" http://example.com/a?b=1 ", "http://example.com/a?b=1"),
    ("HTTPS://Example.com", "HTTPS://Example.com"), ("http://localhost:8000/cv", "http://localhost:8000/cv"),
])
def test_web_urls(value, expected):
    assert _check_web_url(value) == expected


@pytest.mark.parametrize("value, kind, message", [
    ("example.com", "url_scheme", "'example.com' must be an http:// or https:// address; "
                                  "did you mean 'https://example.com'?"),
    ("ftp://example.com", "url_scheme", "'ftp://example.com' must be an http:// or https:// address"),
    ("localhost", "url_scheme", "'localhost' must be an http:// or https:// address"),
    ("javascript:alert(1)", "url_scheme", "'javascript:alert(1)' must be an http:// or https:// address"),
    ("https://", "url_host", "'https://' is not a valid web address"),
    ("https://exa mple.com", "url_host", "'https://exa mple.com' is not a valid web address"),
    ("https://intranet/cv", "url_host", "'https://intranet/cv' is not a valid web address"),
    ("https://evil.example\\@good.example", "url_host",
     "'https://evil.example\\@good.example' is not a valid web address: a web address has no backslash before its "
     "path; write 'https://host/...' with slashes"),
    ("https://tamsin,example.org", "url_host",
     "'https://tamsin,example.org' is not a valid web address: a host name has no ',' (letters, digits, '-' and "
     "'.' only)"),
])
def test_web_urls_refused(value, kind, message):
    assert refusal(_check_web_url, value) == (kind, message)


@pytest.mark.parametrize("value", ["mailto:ann@example.com", "mailto:ann@example.com?subject=Hi",
                                   "tel:+44 20 7946 0018", "tel:+44-20-7946-0018;ext=12", "https://example.com",
                                   "HTTP://example.com"])
def test_links(value):
    """A tel: link in international form may be written as RFC 3966 has it (``;ext=12``)."""
    assert _check_link(value) == value


@pytest.mark.parametrize("value, kind, message", [
    ("mailto:not-an-address", "email", "'not-an-address' is not a valid email address"),
    ("tel:call me", "phone", "'call me' is not a valid phone number (digits, spaces, + ( ) - . allowed)"),
    ("tel:+call me", "phone", "'+call me' is not a valid phone number (digits, spaces, + ( ) - . allowed)"),
    ("ftp://example.com", "link_scheme", "'ftp://example.com' must be an http(s), mailto: or tel: link"),
    ("example.com", "link_scheme", "'example.com' must be an http(s), mailto: or tel: link"),
    ("https://nohost", "url_host", "'https://nohost' is not a valid web address"),
])
def test_links_refused(value, kind, message):
    assert refusal(_check_link, value) == (kind, message)


@pytest.mark.parametrize("host, wrong", [("bücher.example", ""), ("a_b.example-1.com", ""), ("tamsin,example.org", ","),
                                         ("a!b.example", "!"), ("::ffff:192.0.2.1", ""), ("2001:db8::1", "")])
def test_the_first_character_a_host_name_may_not_hold(host, wrong):
    """An IPv6 address (urlsplit has removed its brackets) is left to the browser."""
    assert _host_character(host) == wrong


@pytest.mark.parametrize("value", ["a@b.co", " first.last+tag@sub.example.org ", "o'neil@example.ie"])
def test_emails(value):
    assert _check_email(value) == value.strip()


@pytest.mark.parametrize("value", ["ann", "ann@", "@example.com", "ann@example", "ann@-example.com", "a b@c.de"])
def test_emails_refused(value):
    assert refusal(_check_email, value) == ("email", f"'{value.strip()}' is not a valid email address")


@pytest.mark.parametrize("value", ["+44 20 7946 0018", "(555) 123-4567", "555.123.4567", "12345",
                                   "+1 555 123 4567 x89", "+1 555 123 4567 ext. 12", "1" * 20])
def test_phones(value):
    assert _check_phone(f" {value} ") == value


@pytest.mark.parametrize("value", ["1234", "1" * 21, "call me", "+44 20 7946 0018!", "-5551234", "5551234-"])
def test_phones_refused(value):
    assert refusal(_check_phone, value) == (
        "phone", f"'{value}' is not a valid phone number (digits, spaces, + ( ) - . allowed)")


@pytest.mark.parametrize("value, ok", [("job-1", True), ("Job_1.a", True), ("9", True), ("-job", False),
                                       ("job 1", False), ("", False), ("jöb", False)])
def test_ids(value, ok):
    if ok:
        assert _check_id(value) == value
    else:
        assert refusal(_check_id, value) == (
            "id", f"id '{value}' may only hold letters, digits, '-', '_' and '.'")


@pytest.mark.parametrize("value, ok", [("ci-cd", True), ("c++", True), ("c#", True), ("a/b", True), ("k8s.io", True),
                                       ("-x", False), ("two words", False), ("Upper", False)])
def test_tags(value, ok):
    if ok:
        assert _check_tag(value) == value
    else:
        assert refusal(_check_tag, value) == ("tag", f"tag '{value}' may only hold letters, digits and - _ . + # /")


def test_tags_are_lowercased_and_trimmed_before_the_check():
    assert _normalise_tag("  CI-CD ") == "ci-cd"
    assert _normalise_tag(5) == 5


def test_one_line_text():
    assert _check_single_line("  Platform Engineer \n") == "Platform Engineer"
    assert refusal(_check_single_line, "one\ntwo") == ("single_line", "must be a single line of text")
    assert _check_single_line(" Platform\tEngineer ") == "Platform\tEngineer"  # a tab is shown as a space
    assert refusal(_check_single_line, " Platform\x0bEngineer") == (
        "control_character", "contains the control character U+000B (at character 9); remove it")
    assert _check_single_line("x" * MAX_LINE_CHARS) == "x" * MAX_LINE_CHARS
    kind, message = refusal(_check_single_line, "x" * (MAX_LINE_CHARS + 1))
    assert kind == "line_length"
    assert message == (f"this line is {MAX_LINE_CHARS + 1:,} characters long; a one-line field (a name, title, "
                       f"place or keyword) may hold at most {MAX_LINE_CHARS:,}")
