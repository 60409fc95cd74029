"""Phone numbers that work when clicked, printed and parsed (issue 15, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.checking import run_checks
from resume_builder.phones import format_phone, region_for, tel_uri
from resume_builder.pipeline import prepare, render, write
from resume_builder.render.text import render_markdown
from resume_builder.schema.profile import Basics


@pytest.mark.parametrize(("written", "uri"), [
    ("+44 (0) 20 7946 0000", "tel:+44-20-7946-0000"),  # the trunk 0 is not dialled from abroad
    ("+44 (0) 20 7946 0000 ext. 12", "tel:+44-20-7946-0000;ext=12"),
    ("+44 20 7946 0000 x12", "tel:+44-20-7946-0000;ext=12"),
    ("+44 20 7946 0000 extension 12", "tel:+44-20-7946-0000;ext=12"),
    ("+1 (555) 010-0199", "tel:+1-555-010-0199"),
    ("+49 30 901820", "tel:+49-30-901820"),
])
def test_links_are_rfc_3966_uris(written, uri):
    assert tel_uri(written) == uri


def test_a_national_number_is_read_in_the_profiles_region_else_not_linked():
    assert tel_uri("020 7946 0000", "GB") == "tel:+44-20-7946-0000"
    assert tel_uri("(555) 010-0199 x7", "US") == "tel:+1-555-010-0199;ext=7"
    assert tel_uri("020 7946 0000") is None  # no region known: printed, not linked
    assert region_for("gb") == "GB" and region_for(None, "en_GB") == "GB" and region_for(None, "de") is None
    assert region_for("XX", "pt_BR") == "BR"


@pytest.mark.parametrize(("style", "shown"), [
    ("as_written", "+44 (0) 20 7946 0000 ext. 12"),
    ("national", "020 7946 0000 x12"),
    ("international", "+44 20 7946 0000 x12"),
    ("e164", "+442079460000 ext. 12"),
])
def test_the_printed_form_is_as_written_or_the_format_the_theme_asks_for(style, shown):
    assert format_phone("+44 (0) 20 7946 0000 ext. 12", style) == shown


@pytest.mark.parametrize("phone", ["+44 20 7946 0000 extension 12", "+44 20 7946 0000 #12", "020 7946 0000 ext: 4"])
def test_extensions_written_in_the_usual_ways_are_accepted(phone):
    Basics(name="Kit", phone=phone)


def profile(tmp_path: Path, phone: str, extra: str = "") -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(f'basics:\n  name: Kit Sample\n  email: kit@example.com\n  phone: "{phone}"\n{extra}'
                    "experience:\n  - {company: Harbour Lights Ltd, position: Editor, start: 2019}\n",
                    encoding="utf-8")
    return path


def test_the_document_links_the_number_and_prints_it_as_written(tmp_path: Path):
    job = prepare(profile(tmp_path, "+44 (0) 20 7946 0000 ext. 12"))
    phone = next(c for c in job.document.contacts if c.kind == "phone")
    assert (phone.text, phone.href) == ("+44 (0) 20 7946 0000 ext. 12", "tel:+44-20-7946-0000;ext=12")
    assert "[+44 (0) 20 7946 0000 ext. 12](tel:+44-20-7946-0000;ext=12)" in render_markdown(job.document)
    job = prepare(profile(tmp_path, "020 7946 0000", "  location: {city: Porthaven, country_code: GB}\n"),
                  overrides={"phone_format": "international"})
    phone = next(c for c in job.document.contacts if c.kind == "phone")
    assert (phone.text, phone.href) == ("+44 20 7946 0000", "tel:+44-20-7946-0000")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("phone", ["+44 (0) 20 7946 0000 ext. 12", "+44 20 7946 0000 x12"])
def test_check_finds_a_number_with_an_extension(tmp_path: Path, fmt, phone):
    job = prepare(profile(tmp_path, phone))
    outputs = render(job, fmt, tmp_path / f"kit.{fmt}")
    write(outputs)
    report = run_checks(outputs[0].path, job.document)
    assert report.check("phone").passed, report.check("phone").detail


def test_an_rfc_3966_link_is_a_valid_profile_link():
    from resume_builder.schema.profile import SocialProfile

    assert SocialProfile(network="Desk", url="tel:+44-20-7946-0000;ext=12").url == "tel:+44-20-7946-0000;ext=12"
