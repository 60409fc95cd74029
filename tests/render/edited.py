"""The one-page fixture profile rendered to PDF after an edit: the re-render tests of the
render caches (style reuse, kept draw layouts, emoji images) share it."""

from __future__ import annotations

from pathlib import Path

from resume_builder import pipeline
from tests.conftest import FIXTURES

#: The headline of tests/fixtures/profiles/one_page.yaml; an edit replaces it.
HEADLINE = "Site Reliability Engineer"


def edited_pdf(profile: Path, headline: str, *, replace: tuple[tuple[str, str], ...] = (), **arguments) -> bytes:
    """one_page.yaml with ``headline`` for its headline (and each (old, new) of ``replace``
    applied), written to ``profile`` and rendered to PDF with ``arguments`` for
    ``pipeline.prepare``: the PDF's bytes."""
    text = (FIXTURES / "profiles" / "one_page.yaml").read_text(encoding="utf-8")
    for old, new in replace:
        text = text.replace(old, new)
    profile.write_text(text.replace(HEADLINE, headline, 1), encoding="utf-8")
    job = pipeline.prepare(profile, **arguments)
    return pipeline.render(job, "pdf", profile.with_suffix(".pdf"))[0].data
