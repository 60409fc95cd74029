"""Several roles per employer, imported back from every built-in theme's PDF and DOCX.

The employer's "Technologies: …" line sits between its heading and its first role; it was
taken for the next entry's company, and the roles of both employers went to "Unsorted". In
DOCX a role with no highlights ("Intern<tab>dates", Heading 3) followed by the next
employer's heading (Heading 2) was one entry with it. Expected values come from the fixture
file itself (tests/fixtures/profiles/roles.yaml).
"""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from resume_builder import pipeline
from resume_builder.importing.document.build import import_document
from tests.conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")  # the importer reads text, not fonts

PROFILE = FIXTURES / "profiles" / "roles.yaml"


def _jobs(experience: list) -> list:
    """Each employer as (company, location, keywords, [(position, start, end, highlights)])."""
    out = []
    for job in experience:
        roles = job.get("roles") or [job]
        out.append((job["company"], job.get("location"), list(job.get("keywords") or []),
                    [(role["position"], str(role["start"]), str(role["end"]), list(role.get("highlights") or []))
                     for role in roles]))
    return out


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_an_employers_roles_and_technologies_come_back(tmp_path, theme, fmt):
    written = YAML(typ="safe").load(PROFILE.read_text(encoding="utf-8"))
    job = pipeline.prepare(PROFILE, theme_name=theme)
    (rendered,) = pipeline.render(job, fmt, tmp_path / f"roles.{fmt}")
    pipeline.write([rendered])
    result = import_document(rendered.path)
    assert not [c for c in result.data.get("custom", []) if c.get("id") == "unsorted"], result.data.get("custom")
    assert not result.report.defeated, result.report.reasons
    assert _jobs(result.data["experience"]) == _jobs(written["experience"])
