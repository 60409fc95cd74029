"""Faults a new user found on main: each test failed before its fix (branch fixes1)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE

runner = CliRunner()

MINIMAL = {"basics": {"name": "Ada Example", "label": "Engineer"},
           "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01"}]}


def _json(tmp_path, data, name="cv.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


# 1. no silent overwrite ----------------------------------------------------------------------

def test_export_refuses_an_existing_file_without_force(tmp_path):
    target = tmp_path / "taken.json"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(target)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["basics"]


def test_export_never_writes_over_its_own_input(tmp_path):
    source = _json(tmp_path, MINIMAL)
    before = source.read_bytes()
    for extra in ([], ["--force"]):
        result = runner.invoke(app, ["export", str(source), "-o", str(source), *extra])
        assert result.exit_code == 2
        assert "being read" in result.output
        assert source.read_bytes() == before


def test_schema_refuses_an_existing_file_without_force(tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 2 and "already exists" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    assert runner.invoke(app, ["schema", "-o", str(target), "--force"]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))


def test_import_never_writes_over_its_own_input_even_with_force(tmp_path):
    source = _json(tmp_path, MINIMAL)
    before = source.read_bytes()
    result = runner.invoke(app, ["import", str(source), "-o", str(source), "--force"])
    assert result.exit_code == 2 and "being read" in result.output
    assert source.read_bytes() == before
