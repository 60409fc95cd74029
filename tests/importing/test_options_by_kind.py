"""`import`'s options that mean nothing for a kind of file say so (newcomer trial: `--group-roles`
on a PDF and `--lines` on a LinkedIn export were silently ignored).

`--lines` promises to print and write nothing: on a LinkedIn export or a JSON Resume file it
is refused (exit 2, nothing written) rather than import anyway. `--group-roles` on a PDF,
DOCX or LinkedIn export changes nothing (those group roles without it): a warning, and the
same profile as without it.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from resume_builder.cli import app
from tests.importing.linkedin_archives import FULL, write_archive

runner = CliRunner()


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Robin Sample", style="Title")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Engineer, Example Ltd, 2019 – 2021")
    document.save(str(path))
    return path


def test_lines_on_a_linkedin_export_is_refused_and_nothing_is_written(tmp_path):
    archive = write_archive(tmp_path / "export.zip", FULL)
    out = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["import", str(archive), "--lines", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and not out.exists()
    assert f"error: --lines prints the lines of a PDF or DOCX résumé; {archive} is LinkedIn's data export" \
        in result.stderr
    assert "import it without --lines" in result.stderr and "Traceback" not in result.output


def test_lines_on_a_json_resume_is_refused(tmp_path):
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": {"name": "Jo Short"}}), encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "--lines"])
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and f"{source} is a JSON Resume or RenderCV file" in result.stderr


def test_group_roles_on_a_linkedin_export_warns_and_changes_nothing(tmp_path):
    archive = write_archive(tmp_path / "export.zip", FULL)
    plain = runner.invoke(app, ["import", str(archive)])
    grouped = runner.invoke(app, ["import", str(archive), "--group-roles"])
    assert plain.exit_code == grouped.exit_code == 0, grouped.output
    assert grouped.stdout == plain.stdout
    assert "--group-roles" not in plain.stderr
    assert ("warning: --group-roles has no effect on LinkedIn's data export: positions in a row at one "
            "company become its roles without it") in grouped.stderr


def test_group_roles_on_a_docx_warns_and_changes_nothing(tmp_path):
    source = _docx(tmp_path / "cv.docx")
    plain = runner.invoke(app, ["import", str(source)])
    grouped = runner.invoke(app, ["import", str(source), "--group-roles"])
    assert plain.exit_code == grouped.exit_code == 0, grouped.output
    assert grouped.stdout == plain.stdout
    assert "warning: --group-roles has no effect on a DOCX résumé (it groups a JSON Resume's work items)" \
        in grouped.stderr


def test_group_roles_on_a_json_resume_and_lines_on_a_docx_say_nothing_more(tmp_path):
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": {"name": "Jo Short"}}), encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "--group-roles"])
    assert result.exit_code == 0 and "warning" not in result.stderr
    listed = runner.invoke(app, ["import", str(_docx(tmp_path / "cv.docx")), "--lines"])
    assert listed.exit_code == 0 and "Robin Sample" in listed.stdout and listed.stderr == ""
