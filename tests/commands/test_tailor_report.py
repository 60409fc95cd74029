"""`tailor` explains the match: importance and inferred terms, the strongest evidence and whether it
survives the variant and the page budget, in text and in JSON (validated by its JSON Schema)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.commands.test_tailor import APP
from tests.conftest import EXAMPLE, REPO
from tests.tailoring.posting_corpus import CORPUS

SCHEMA = json.loads((REPO / "schemas" / "tailor-report.schema.json").read_text(encoding="utf-8"))
SRE = CORPUS / "sre-en.md"
runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(APP, ["tailor", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result


def report(*args: str) -> dict:
    data = json.loads(invoke(*args, "--json").stdout)
    jsonschema.validate(data, SCHEMA)
    return data


def variant_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "v.yaml"
    path.write_text(f"profile: {EXAMPLE.as_posix()}\n{text}", encoding="utf-8")
    return path


@pytest.mark.parametrize("posting", sorted(p.name for p in CORPUS.iterdir() if p.suffix != ".toml"))
def test_json_report_matches_its_schema(posting):
    data = report(str(EXAMPLE), "--job", str(CORPUS / posting))
    assert data["page_budget"] is None
    assert all(k["evidence"] is None or k["evidence"]["survives_variant"] is None for k in data["keywords"])


def test_importance_and_inferred_replace_required():
    data = report(str(EXAMPLE), "--job", str(SRE))
    terms = {k["keyword"]: k for k in data["keywords"]}
    assert terms["Kubernetes"]["importance"] == "required" and terms["Go"]["importance"] == "required"
    assert terms["Vault"]["importance"] == "preferred" and terms["Vault"]["in_posting"] == ["Nice to have"]
    assert terms["Fintech"] == {**terms["Fintech"], "importance": "preferred", "inferred": True, "written": []}
    assert "required" not in terms["Go"]
    assert data["coverage"]["required_total"] == sum(k["importance"] == "required" for k in data["keywords"])
    assert [s["heading"] for s in data["posting"]["sections"] if s["importance"] == "ignored"] == \
        ["About us", "What we offer", "How to apply"]


def test_strongest_evidence_is_work_not_a_claim():
    data = report(str(EXAMPLE), "--job", str(SRE))
    terms = {k["keyword"]: k for k in data["keywords"]}
    kubernetes = terms["Kubernetes"]["evidence"]
    assert (kubernetes["section"], kubernetes["id"], kubernetes["via"]) == ("projects", "argo-workflows", None)
    go = terms["Go"]["evidence"]
    assert (go["id"], go["field"]) == ("jenkins-ci-pipeline", "summary")
    assert go["text"].startswith("Jenkins CI system is implemented")


def test_evidence_lost_to_a_variant_is_reported(tmp_path):
    variant = variant_file(tmp_path, "drop: [jenkins-ci-pipeline]\n")
    data = report("--job", str(SRE), "--variant", str(variant))
    go = {k["keyword"]: k for k in data["keywords"]}["Go"]
    assert go["covered"] is False and go["evidence"]["survives_variant"] is False
    assert go["evidence"]["survives_page_budget"] is None
    assert data["coverage"]["full_profile_percent"] > data["coverage"]["percent"]
    text = " ".join(invoke("--job", str(SRE), "--variant", str(variant)).stdout.split())
    assert "the full profile shows it in projects/jenkins-ci-pipeline summary, cut by the variant" in text
    assert "The full profile covers" in text


def test_text_report_shows_importance_and_sections():
    text = " ".join(invoke(str(EXAMPLE), "--job", str(SRE)).stdout.split())
    assert "Sections: About us (ignored); The role (preferred)" in text
    assert "preferred (inferred)" in text
    assert "required 10 of 13" in text


def test_written_variant_keeps_coverage(tmp_path):
    """The issue's second failure: the written variant dropped the only entry proving Go."""
    before = report(str(EXAMPLE), "--job", str(SRE))
    target = tmp_path / "sre.yaml"
    invoke(str(EXAMPLE), "--job", str(SRE), "--write-variant", str(target))
    after = report("--job", str(SRE), "--variant", str(target))
    assert after["coverage"]["percent"] >= before["coverage"]["percent"]
    assert "Go" in after["covered"] and set(after["covered"]) == set(before["covered"])


@pytest.mark.slow
def test_page_budget_in_the_report():
    data = report(str(EXAMPLE), "--job", str(SRE), "--max-pages", "2")
    budget = data["page_budget"]
    assert budget["max_pages"] == 2 and budget["pages"] <= 2
    assert budget["relevance"]["percent"] is not None and budget["kept"] and budget["cut"]
    kept = {k["keyword"]: k["where"] for k in budget["kept"]}
    assert kept["Go"] == "projects/jenkins-ci-pipeline summary"
    for keyword in data["keywords"]:
        if keyword["evidence"] is not None:
            assert keyword["evidence"]["survives_page_budget"] is not None
    required = [k for k in data["keywords"] if k["importance"] == "required" and k["evidence"]]
    assert all(k["covered"] for k in required)  # no required term lost its only evidence
    text = invoke(str(EXAMPLE), "--job", str(SRE), "--max-pages", "2").stdout
    assert f"Relevance kept: {budget['relevance']['percent']}%" in text
    assert "Kept for the posting:" in text and "Changed and cut:" in text
