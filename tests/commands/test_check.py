"""`resume-builder check`: exit codes, the text and JSON reports, bad input."""

from __future__ import annotations

import json
import os

import pytest
import typer
from typer.testing import CliRunner

from resume_builder.commands.check import check
from tests.checking import builders
from tests.conftest import EXAMPLE

runner = CliRunner()


def cli() -> typer.Typer:
    """The real CLI once `check` is registered there; until then an app with just this command."""
    from resume_builder.cli import app

    if any(command.name == "check" for command in app.registered_commands):
        return app
    local = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    local.callback()(lambda: None)
    local.command("check")(check)
    return local


def invoke(*args: str):
    return runner.invoke(cli(), ["check", *args])


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from resume_builder import pipeline

    folder = tmp_path_factory.mktemp("check-command")
    job = pipeline.prepare(EXAMPLE)
    (pdf,) = pipeline.render(job, "pdf", folder / "example.pdf")
    pdf.path.write_bytes(pdf.data)
    return {
        "example": pdf.path,
        "header": builders.pdf_contact_in_page_header(folder / "header.pdf"),
        "table": builders.docx_two_column_table(folder / "table.docx"),
        "folder": folder,
    }


def test_passing_file_exits_0_with_a_line_per_check(files):
    result = invoke(str(files["example"]), "--profile", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "✓ email: alex@example.com is in the body text" in result.output
    assert "✓ entries:" in result.output
    assert "all 11 checks passed" in result.output
    assert "✗" not in result.output


def test_failing_file_exits_1_and_says_why(files):
    result = invoke(str(files["header"]))
    assert result.exit_code == 1, result.output
    assert "✗ email: 'alex@example.com' appears only in a running page header/footer" in result.output
    assert "1 of 10 checks failed" in result.output


def test_json_report(files):
    result = invoke(str(files["table"]), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"file", "passed", "checks", "pages", "bytes"}
    assert report["file"] == str(files["table"]) and report["passed"] is False
    assert report["bytes"] == files["table"].stat().st_size
    by_name = {c["name"]: c for c in report["checks"]}
    assert by_name["layout"]["passed"] is False and "table" in by_name["layout"]["detail"]
    assert all(set(c) == {"name", "passed", "detail"} for c in report["checks"])


def test_json_report_of_a_passing_pdf_has_pages(files):
    result = invoke(str(files["example"]), "--json", "--profile", str(EXAMPLE), "--variant", "monitoring")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["passed"] is True and report["pages"] >= 1


@pytest.mark.parametrize("content, message", [
    (None, "file not found"),
    (b"just text", "named .pdf but not a PDF: it holds plain text"),
    (b"%PDF-1.7\n1 0 obj <<", "not a readable PDF"),
])
def test_bad_input_exits_2(files, content, message):
    path = files["folder"] / f"bad-{len(content or b'')}.pdf"
    if content is not None:
        path.write_bytes(content)
    result = invoke(str(path))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_folder_or_a_fifo_to_check_is_said_to_be_one(files, tmp_path):
    """``check DIR`` and ``check FIFO`` said only "not a file" (trial): a folder is named as one,
    with the PDF or DOCX inside it to give, and a FIFO as one, unopened."""
    import os

    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "example.pdf").write_bytes(files["example"].read_bytes())
    (tmp_path / "output" / "example.txt").write_text("text", encoding="utf-8")
    result = invoke(str(tmp_path / "output"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{tmp_path / 'output'}: is a folder, not a file (give the PDF or DOCX file inside it, e.g. " \
           f"{tmp_path / 'output' / 'example.pdf'})" in " ".join(result.output.split())
    (tmp_path / "empty").mkdir()
    assert f"{tmp_path / 'empty'}: is a folder, not a file (give the PDF or DOCX file inside it)" \
        in " ".join(invoke(str(tmp_path / "empty")).output.split())
    os.mkfifo(tmp_path / "cv.pdf")
    result = invoke(str(tmp_path / "cv.pdf"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'cv.pdf'}: is a named pipe (FIFO), not a regular file (save it to a file and name that " \
           "file: pipes and devices are not read)" in " ".join(result.output.split())


def test_variant_without_profile_exits_2(files):
    result = invoke(str(files["example"]), "--variant", "platform")
    assert result.exit_code == 2 and "--variant needs --profile" in result.output


def test_bad_profile_exits_2(files, tmp_path):
    result = invoke(str(files["example"]), "--profile", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "missing.yaml" in result.output


def test_checking_against_another_profile_fails_on_entries(files, tmp_path):
    other = tmp_path / "example.yaml"  # the same name in another folder: compared (another name is refused)
    other.write_text(EXAMPLE.read_text(encoding="utf-8").replace("company: Klevu", "company: Elsewhere Ltd"),
                     encoding="utf-8")
    result = invoke(str(files["example"]), "--profile", str(other))
    assert result.exit_code == 1
    assert "✗ entries: Experience #3 (DevOps Manager): company 'Elsewhere Ltd' missing" in result.output


def test_help_describes_exit_codes():
    result = runner.invoke(cli(), ["check", "--help"])
    assert result.exit_code == 0 and "Exit 0" in result.output and "--json" in result.output


def test_render_check_runs_the_ats_check_on_what_it_wrote(tmp_path):
    from typer.testing import CliRunner

    from resume_builder.cli import app

    result = CliRunner().invoke(app, ["render", "-f", "pdf", "-f", "docx", "-f", "md", "--check",
                                      "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.count("checks passed: an ATS can read this file") == 2


@pytest.mark.parametrize("option, message", [("--lang=", "error: the language is empty"),
                                             ("--locale=", "error: the locale is empty")])
def test_an_empty_language_or_locale_is_refused_as_render_refuses_it(files, option, message):
    """check took `--lang=` for no option and compared as recorded, exit 0 (newcomer trial)."""
    result = invoke(str(files["example"]), "--profile", str(EXAMPLE), option)
    assert result.exit_code == 2
    assert message in result.output
