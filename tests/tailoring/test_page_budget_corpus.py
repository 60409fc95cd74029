"""The page budget on real layouts: a 2-page fit of the example for every posting of the corpus
keeps every top-3 ranked highlight, and cuts nothing relevant while irrelevant content remains.

One fit per posting (WeasyPrint layouts), shared by the tests below; page counts of identical
trials are cached by the pipeline, so postings share the tightening layouts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.pipeline import prepare
from resume_builder.tailoring.keywords import builtin_vocabulary
from resume_builder.tailoring.matching import match
from tests.conftest import EXAMPLE
from tests.tailoring.posting_corpus import postings, read

pytestmark = pytest.mark.slow
_FITS: dict[Path, tuple] = {}


def fitted(path: Path):
    if path not in _FITS:
        job = prepare(EXAMPLE, max_pages=2, posting=path)
        report = match(job.loaded.profile, read(path), builtin_vocabulary())
        _FITS[path] = (job, report)
    return _FITS[path]


def texts(profile) -> set[str]:
    return {h.text for section in ("experience", "projects") for e in getattr(profile, section) for h in e.highlights}


@pytest.mark.parametrize("path", postings(), ids=lambda p: p.name)
def test_two_page_fit_keeps_the_top_three_highlights(path):
    job, report = fitted(path)
    assert job.fit is not None and job.fit.pages <= 2
    top = [h for h in report.highlights if h.section in ("experience", "projects")][:3]
    kept = texts(job.profile)
    for item in top:
        entry = next(e for e in getattr(job.loaded.profile, item.section) if e.id == item.entry_id)
        index = int(item.field.split("[")[1].rstrip("]"))
        assert entry.highlights[index].text in kept, f"{path.name}: cut top highlight {item.entry_id} {item.field}"


@pytest.mark.parametrize("path", postings(), ids=lambda p: p.name)
def test_nothing_relevant_goes_while_irrelevant_content_stays(path):
    job, _ = fitted(path)
    cut = job.fit.cut
    if any(c.points for c in cut if c.kind == "highlight"):
        kept_projects = {p.id for p in job.profile.projects}
        assert all(c.points for c in cut if c.kind == "entry" and c.label.split("/")[-1] in kept_projects)
        zero = [c for c in cut if c.points == 0]
        assert zero, "relevant highlights were cut before any irrelevant content"
    assert job.fit.relevance_kept <= job.fit.relevance_total
    assert job.messages[-1].startswith("page budget 2: relevance kept")
