"""A wrapped line of items never starts with their separator.

The contact line (``a@b.org · +44 … · Newcastle upon Tyne · …``), an entry's date line and
compact's run-in lists join items with `` · `` (compact's masthead puts `` | `` after the
headline, its run-in titles `` – ``). With a plain space on each side the line could break
before the separator, and the next line then began with a lone ``·``. A no-break space before
it glues it to the item before, so a wrapped line ends with the separator (as it ends with a
comma), never starts with one. The padding lengths below are those at which each theme broke
before the ``·`` (found by lengthening the location one letter at a time, before the fix).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.checking.extract import extract
from resume_builder.pipeline import prepare, render

PROFILE = """\
basics:
  name: Sam Example
  headline: Site Reliability Engineer
  email: sam.longaddress.for.wrapping@example.org
  phone: "+44 20 7946 0018"
  location: Newcastle upon Tyne, United Kingdom{pad}
  website: https://sam-example.example.org/portfolio
  profiles:
    - network: GitHub
      username: sam-example-with-a-long-handle
      url: https://github.com/sam-example-with-a-long-handle
    - network: LinkedIn
      username: sam-example
      url: https://www.linkedin.com/in/sam-example
experience:
  - company: Example Ltd
    position: Engineer
    start: 2020-01
    highlights:
      - Ran the on-call rota.
"""


@pytest.mark.parametrize(("theme", "pad"), [("classic", 4), ("modern", 2), ("compact", 20)])
def test_a_wrapped_contact_line_ends_with_its_separator_and_never_starts_with_one(theme, pad, tmp_path):
    profile = tmp_path / "sam.yaml"
    profile.write_text(PROFILE.format(pad="q" * pad), encoding="utf-8")
    job = prepare(profile, theme_name=theme)
    (tmp_path / "sam.pdf").write_bytes(render(job, "pdf", tmp_path / "sam.pdf")[0].data)
    lines = [line.strip() for line in extract(tmp_path / "sam.pdf").body]
    contact = [i for i, line in enumerate(lines) if "example.org" in line or "linkedin.com" in line]
    first, last = contact[0], contact[-1]
    assert last > first, lines[:6]  # the contact line wraps
    for line in lines[first:last + 1]:
        assert not line.startswith(("·", "|")), lines[first:last + 1]
    assert lines[first].endswith("·"), lines[first:last + 1]


def test_an_address_or_phone_never_breaks_at_a_hyphen_or_space_in_the_pdf():
    """compact's letter broke ``linkedin.com/in/alex-`` / ``example`` at a line's end in
    LibreOffice; a contact detail is read (and dialled) whole, so in the PDF an address breaks
    only after a "/" and a phone number nowhere (a WORD JOINER, which no reader extracts)."""
    from resume_builder.document import Contact
    from resume_builder.render.wrapping import WJ, contact_breaks

    profile = contact_breaks(Contact("profile", "linkedin.com/in/alex-example", "https://linkedin.com/in/alex-example"))
    assert profile.text == "linkedin.com/in/alex-" + WJ + "example"
    assert contact_breaks(Contact("phone", "+1 555-0100", "tel:+1-555-0100")).text == f"+1 {WJ}555-{WJ}0100"
    place = Contact("location", "Newcastle upon Tyne, UK")
    assert contact_breaks(place) is place  # a place breaks between its words


def test_docx_writes_an_addresss_hyphen_as_a_no_break_hyphen_that_reads_back_as_one(tmp_path):
    """Word's own no-break hyphen (w:noBreakHyphen), not U+2011 in the text: python-docx (and an
    ATS reading as it does) gets "-"."""
    import docx

    profile = tmp_path / "sam.yaml"
    profile.write_text(PROFILE.format(pad=""), encoding="utf-8")
    job = prepare(profile, theme_name="compact")
    (rendered,) = render(job, "docx", tmp_path / "sam.docx")
    rendered.path.write_bytes(rendered.data)
    contact_line = next(p for p in docx.Document(str(rendered.path)).paragraphs if "example.org" in p.text)
    assert "github.com/sam-example-with-a-long-handle" in contact_line.text
    assert "+44 20 7946 0018" in contact_line.text and "\u2011" not in contact_line.text
    xml = contact_line._p.xml
    assert xml.count("<w:noBreakHyphen/>") == contact_line.text.split("Site Reliability Engineer")[1].count("-")
