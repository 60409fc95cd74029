"""The example's rendered HTML, kept as a golden file (refresh: pytest --update-golden).

Fonts are linked rather than embedded so the file stays readable; their folders differ
between machines, so each font URL is shown by file name only.
"""

from __future__ import annotations

import re

from resume_builder.pipeline import RenderRequest, prepare
from resume_builder.render.html import render_html
from tests.conftest import EXAMPLE


def test_example_html_golden(golden, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the fixed default date
    job = prepare(RenderRequest(profile=EXAMPLE))
    markup = render_html(job.document, job.theme, job.options, embed_fonts=False)
    golden("example.html", re.sub(r'url\("file://[^"]*/([^/"]+)"\)', r'url("\1")', markup))
