"""JSON Resume conformance: we accept exactly what the official schema accepts.

Two corpora: our own small one (tests/fixtures/jsonresume, always run) and the JSON Resume
project's schema test fixtures with the official verdicts (tests/fixtures/jsonresume-suite,
214 documents, MIT, kept in the repository). Both go through the command a user runs,
``validate --from jsonresume``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.schema.jsonresume import official_schema

CORPUS = Path(__file__).parent.parent / "fixtures" / "jsonresume"
SUITE = Path(__file__).parent.parent / "fixtures" / "jsonresume-suite"
runner = CliRunner()


def official_verdict(data) -> str:
    validator = Draft7Validator(official_schema(), format_checker=FormatChecker())
    return "invalid" if any(True for _ in validator.iter_errors(data)) else "valid"


def validate_all(paths: list[Path], *extra: str) -> tuple[dict[str, str], str]:
    """Run ``validate --from jsonresume`` on every file at once: verdict per file, and the output."""
    result = runner.invoke(app, ["validate", "--from", "jsonresume", *extra, *map(str, paths)])
    output = result.output
    verdicts = {}
    for path in paths:
        ok = f"✓ {path} (JSON Resume): valid" in output
        located = re.search(rf"error: {re.escape(str(path))}:\d+:\d+: ", output) is not None
        assert ok != located, f"{path}: neither or both of valid/located error:\n{output}"
        verdicts[str(path)] = "valid" if ok else "invalid"
    assert result.exit_code == (0 if all(v == "valid" for v in verdicts.values()) else 2)
    return verdicts, output


# ----------------------------------------------------------------------------- our own corpus


def test_the_corpus_labels_are_the_official_verdicts():
    for kind in ("valid", "invalid"):
        for path in sorted((CORPUS / kind).glob("*.json")):
            assert official_verdict(json.loads(path.read_text(encoding="utf-8"))) == kind, path.name


def test_every_valid_document_of_ours_is_accepted():
    paths = sorted((CORPUS / "valid").glob("*.json"))
    assert len(paths) >= 10
    verdicts, output = validate_all(paths)
    assert set(verdicts.values()) == {"valid"}, output
    assert "Traceback" not in output


@pytest.mark.parametrize("path", sorted((CORPUS / "invalid").glob("*.json")), ids=lambda p: p.stem)
def test_every_invalid_document_of_ours_is_rejected_with_located_json_resume_messages(path: Path):
    result = runner.invoke(app, ["validate", "--from", "jsonresume", str(path)])
    assert result.exit_code == 2
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").replace("{file}", str(path))
    errors = [line.removeprefix("error: ") for line in result.output.splitlines() if line.startswith("error: ")]
    assert errors == expected.splitlines()


def test_without_from_a_one_section_document_is_read_as_our_profile(tmp_path: Path):
    path = tmp_path / "awards.json"
    path.write_text('{"awards": []}', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and "basics: 'basics' is required" in result.output
    result = runner.invoke(app, ["validate", "--from", "profile", str(path)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["validate", "--from", "jsonresume", str(path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["validate", "--from", "jsonresum", str(path)])
    assert result.exit_code == 2 and "unknown input format 'jsonresum' (did you mean 'jsonresume'?)" in result.output


def test_render_and_check_take_from_too(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Kit Sample", "email": "kit@example.com"},
                                "awards": [{"title": "Best newcomer", "date": "2020", "x-note": "regional"}]}),
                    encoding="utf-8")
    out = tmp_path / "kit.docx"
    result = runner.invoke(app, ["render", str(path), "--from", "jsonresume", "-f", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", str(out), "--profile", str(path), "--from", "jsonresume"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", str(out), "--profile", str(path), "--from", "profile"])
    assert result.exit_code == 2 and "awards[0].x-note: unknown field 'x-note'" in result.output
    result = runner.invoke(app, ["check", str(out), "--profile", str(path)])  # render recorded --from jsonresume
    assert result.exit_code == 0, result.output


# ----------------------------------------------------------------------------- the upstream suite


def upstream_documents(tmp_path: Path) -> tuple[dict[str, str], dict[str, Path]]:
    suite = SUITE
    expected = json.loads((suite / "expected.json").read_text(encoding="utf-8"))
    paths = {}
    for fixture in sorted((suite / "fixtures").glob("*.json")):
        for case, document in json.loads(fixture.read_text(encoding="utf-8")).items():
            key = f"{fixture.name}#{case}"
            if key in expected:
                path = tmp_path / f"{fixture.stem}-{case}.json"
                path.write_text(json.dumps(document, indent=2), encoding="utf-8")
                paths[key] = path
    return expected, paths


def test_upstream_bare_dates_wrapped_as_a_start_date(tmp_path: Path):
    suite = SUITE
    dates = json.loads((suite / "fixtures" / "dates.json").read_text(encoding="utf-8"))
    paths, expected = [], {}
    for case, value in dates.items():
        path = tmp_path / f"dates-{case}.json"
        document = {"work": [{"startDate": value}]}
        path.write_text(json.dumps(document), encoding="utf-8")
        paths.append(path)
        expected[str(path)] = official_verdict(document)
    assert sorted(expected.values()) == ["invalid", "valid", "valid", "valid"]  # as upstream names them
    verdicts, output = validate_all(paths)
    assert verdicts == expected, output


def test_the_official_verdict_on_every_upstream_document(tmp_path: Path):
    expected, paths = upstream_documents(tmp_path)
    assert len(expected) == len(paths) == 214
    assert sum(v == "valid" for v in expected.values()) == 117
    verdicts, output = validate_all(list(paths.values()))
    wrong = {key: verdicts[str(path)] for key, path in paths.items() if verdicts[str(path)] != expected[key]}
    assert wrong == {}, output
    assert "Traceback" not in output
