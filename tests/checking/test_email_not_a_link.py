"""An e-mail address is one contact, never a link: ``check`` without ``--profile`` listed
'jiwoo.park' and 'agnieszka.wroblewska', the addresses' local parts, among the links
(user trial), in PDF and DOCX alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.checking import run_checks
from resume_builder.checking.checks import _urls, check_links
from resume_builder.checking.extract import PDF, Extracted
from tests.checking.builders import docx_available


@pytest.mark.parametrize("text, links", [
    ("jiwoo.park@example.com · +82 2 1234 5678 · jiwoo.dev", ["jiwoo.dev"]),
    ("agnieszka.wroblewska@poczta.example.pl", []),
    ("jörg.müller@beispiel.de · o'brien.s@example.ie", []),  # letters of any script; an apostrophe
    ("medium.com/@alex · https://github.com/alex-example", ["medium.com/@alex", "https://github.com/alex-example"]),
])
def test_an_email_address_is_never_a_link(text, links):
    assert _urls(text) == links
    ex = Extracted(path=Path("x.pdf"), kind=PDF, size=1000, body=["Alex Example", text], pages=1)
    if links:
        assert check_links(ex, None).detail.endswith(", ".join(repr(link) for link in links))
    else:
        assert check_links(ex, None).detail.startswith("no links in the text")


PROFILE = """\
basics:
  name: "Jiwoo Park (박지우)"
  headline: Data Engineer
  email: jiwoo.park@example.com
  phone: "+82 2 1234 5678"
  website: https://jiwoo.dev
experience:
  - {company: Example Corp, position: Data Engineer, start: 2021-03}
education:
  - {institution: KAIST, degree: BSc, area: Computer Science, start: 2014, end: 2018}
"""


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_rendered_resume_passes_without_its_profile(tmp_path, fmt):
    """The whole file, read as an ATS does: the name is the first line, the e-mail address is
    found as one, and the only link is the website."""
    from resume_builder import pipeline

    if fmt == "docx" and not docx_available():
        pytest.skip("the DOCX format is not registered")
    source = tmp_path / "jiwoo.yaml"
    source.write_text(PROFILE, encoding="utf-8")
    (output,) = pipeline.render(pipeline.prepare(source), fmt, tmp_path / f"jiwoo.{fmt}")
    output.path.write_bytes(output.data)
    report = run_checks(output.path)
    assert report.passed, {c.name: c.detail for c in report.failures}
    assert report.check("name").detail == "the first line, 'Jiwoo Park (박지우)', reads as a name"
    assert report.check("email").detail == "jiwoo.park@example.com is in the body text"
    assert report.check("links").detail == "1 link in the body text: 'jiwoo.dev'"
