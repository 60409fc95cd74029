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
