"""`tailor` names the role that proves a term, as the résumé shows it (issue 18).

A company's roles are shown newest first whatever the file's order. Before, evidence found
in several roles named the first in the file (with roles listed oldest first, the oldest
role), and the page budget's "kept for the posting" named the company and an index.
"""

from __future__ import annotations

import json

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.loading import load_profile
from resume_builder.tailoring.fitting import Relevance, fit
from resume_builder.theming import FitLimits, ThemeOptions

# roles listed oldest first: the newest (no end date) is the second in the file
PROFILE = """\
basics: {name: Kit Sample}
experience:
  - id: acme
    company: Acme
    roles:
      - id: acme-dev
        position: Developer
        start: 2016-01
        end: 2019-12
        highlights: [Deployed services to Kubernetes, Wrote Go services]
      - id: acme-lead
        position: Engineering Lead
        start: 2020-01
        highlights: [Ran the Kubernetes platform for 40 services]
"""
POSTING = "# Platform Engineer\n\n## Requirements\n\n- Kubernetes\n- Go\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "p.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "job.md").write_text(POSTING, encoding="utf-8")
    return tmp_path / "p.yaml", tmp_path / "job.md"


def _roles_in_file() -> list[dict]:
    return YAML(typ="safe").load(PROFILE)["experience"][0]["roles"]


def _evidence(profile, posting) -> dict[str, dict]:
    result = CliRunner().invoke(app, ["tailor", str(profile), "--job", str(posting), "--json"])
    assert result.exit_code == 0, result.output
    return {k["keyword"]: k["evidence"] for k in json.loads(result.output)["keywords"] if k["evidence"]}


def test_evidence_in_several_roles_names_the_newest_the_one_shown_first(files):
    current = next(r for r in _roles_in_file() if "end" not in r)
    evidence = _evidence(*files)["Kubernetes"]
    assert evidence["id"] == current["id"]
    assert evidence["text"] == current["highlights"][0]


def test_evidence_only_in_an_older_role_names_that_role(files):
    older = next(r for r in _roles_in_file() if any("Go" in h for h in r["highlights"]))
    evidence = _evidence(*files)["Go"]
    assert evidence["id"] == older["id"] and evidence["title"].startswith(older["position"])


def test_the_page_budget_names_the_role_that_still_shows_a_term(files):
    profile = load_profile(files[0]).profile
    roles = _roles_in_file()
    lead = next(i for i, r in enumerate(roles) if "end" not in r)
    relevance = Relevance({("experience", 0, f"roles[{lead}].highlights[0]"): (3, ("Kubernetes",))},
                          frozenset({"Kubernetes"}))
    result = fit(profile, ThemeOptions(), FitLimits(), 1, lambda p, o: 1, relevance=relevance)
    assert result.kept == {"Kubernetes": f"experience/{roles[lead]['id']} highlights[0]"}
