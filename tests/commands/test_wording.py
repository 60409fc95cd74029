"""What a user reads: help texts with plain metavars, counts with the right plural, no
message that reports a change that did not happen, instructions naming the right file."""

from __future__ import annotations

import re


import pytest
import typer
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.fitting import fit
from resume_builder.theming import FitLimits, ThemeOptions
from resume_builder.wording import count, plural

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)
# Python types, typer's brace/angle notation and maths notation for ranges.
RAW = re.compile(r"<(?:list\[|str>|int|float|path>|bool>)|\{\w+\}|\[x[<>]=|x<=|\w+ range>|list\[")


def test_every_command_is_walked():
    assert {"render", "check", "build", "validate", "tailor", "watch", "themes", "import", "export", "init",
            "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_shows_no_raw_metavars(name):
    result = runner.invoke(app, ([name] if name else []) + ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output), f"{name}: {RAW.search(result.output).group()}\n{result.output}"


@pytest.mark.parametrize("name", COMMANDS)
def test_each_default_is_said_once_and_plainly(name):
    """No "(default: X)" in an option's text when --help adds "[default: X]" too, and no
    whole number shown as a float ("120.0" for the 120 seconds the README names)."""
    command = typer.main.get_command(app).commands[name]
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or param.name == "help":
            continue
        record = param.get_help_record(typer.main.get_command(app).make_context(name, ["--help"], resilient_parsing=True))
        text = record[1] if record else ""
        shown = re.search(r"\[default: ([^;\]]+)", text)
        if shown:
            assert "(default:" not in text.replace("(default: the", ""), (name, param.name, text)
            assert not re.fullmatch(r"\d+\.0", shown.group(1)), (name, param.name, text)


def test_the_command_list_names_every_kind_of_import():
    listing = runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).output
    line = next(line for line in listing.splitlines() if line.strip().startswith("import "))
    assert "JSON Resume" in line and "LinkedIn" in line and "PDF" in line and "DOCX" in line, line


@pytest.mark.parametrize("name", COMMANDS)
def test_every_value_option_has_a_metavar_and_usage_is_plain(name):
    command = typer.main.get_command(app).commands[name]
    for param in command.params:
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        if param.name == "help":
            continue
        assert param.metavar and param.metavar == param.metavar.upper(), (name, param.name, param.metavar)
    usage = runner.invoke(app, [name, "--help"]).output.splitlines()[0]
    assert re.fullmatch(r"Usage: resume-builder \w+ \[OPTIONS\]( \[?[A-Z]+\]?(\.\.\.)?)*", usage), usage


def test_variant_has_the_same_short_option_everywhere():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        for param in command.params:
            if param.name == "variant":
                assert "-V" in param.opts, name


def test_command_list_is_not_cut_off():
    listing = runner.invoke(app, ["--help"], env={"COLUMNS": "100"}).output
    commands = listing[listing.index("Commands:"):].splitlines()[1:]
    assert len([line for line in commands if line.strip()]) == len(COMMANDS)
    assert not any(line.rstrip().endswith("...") for line in commands), listing


def test_range_in_words():
    help_text = runner.invoke(app, ["render", "--help"], env={"COLUMNS": "200"}).output
    assert "[from 1 to 100]" in help_text  # --max-pages


def test_count_and_plural():
    assert count(1, "entry") == "1 entry" and count(2, "entry") == "2 entries" and count(0, "item") == "0 items"
    assert plural("match") == "matches" and plural("day") == "days" and count(1200, "page") == "1,200 pages"


def test_outline_counts_in_singular_and_plural(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: Pat Plural\nprojects:\n  - name: One\nexperience:\n"
                    "  - {company: A, position: B, start: 2020}\n  - {company: C, position: D, start: 2019}\n"
                    "custom:\n  - id: extra\n    title: Extra\n    items: [one]\n", encoding="utf-8")
    out = runner.invoke(app, ["validate", str(path), "--outline"]).output
    assert "Projects: 1 entry\n" in out and "Experience: 2 entries" in out and "Extra: 1 item\n" in out


def test_page_budget_reports_only_what_changed():
    """A theme already at its smallest font size: the font size is not 'tightened 9 → 9'."""
    profile = Profile.model_validate({"basics": {"name": "Sam"}, "experience": [
        {"company": f"C{i}", "position": "P", "start": "2010", "highlights": ["h1", "h2"]} for i in range(3)]})
    limits = FitLimits(min_font_size=9, min_line_height=1.1, min_spacing=0.5)

    def pages(candidate, options):  # fits once the spacing is tightened
        return 1 if options.spacing < 0.75 else 2

    result = fit(profile, ThemeOptions(font_size=9, line_height=1.2, spacing=0.75), limits, 1, pages)
    tightened = [c for c in result.cuts if c.startswith("tightened")]
    assert tightened and "font size" not in tightened[0], result.cuts
    assert "spacing 0.75 →" in tightened[0]


def test_init_names_the_file_it_wrote(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "me.yaml"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "me.yaml").read_text(encoding="utf-8")
    assert "resume-builder validate me.yaml --outline" in text
    assert "profile.yaml" not in text
    assert "resume-builder validate me.yaml" in result.output
    result = runner.invoke(app, ["init", "new dir/ü cv.yaml"])
    assert "resume-builder validate 'new dir/ü cv.yaml' --outline" in \
        (tmp_path / "new dir" / "ü cv.yaml").read_text(encoding="utf-8")
    # the command is not wrapped in quotes of its own: "run 'resume-builder validate 'new dir/ü cv.yaml''"
    assert result.output == "wrote new dir/ü cv.yaml: edit it, then run: resume-builder validate 'new dir/ü cv.yaml'\n"


def test_import_names_the_command_that_checks_its_output_pasteable(tmp_path, monkeypatch):
    from tests.conftest import JSONRESUME_SAMPLE

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["import", str(JSONRESUME_SAMPLE), "-o", "my profile.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == \
        "wrote my profile.yaml: check it with: resume-builder validate 'my profile.yaml'"


@pytest.mark.parametrize("args, words", [
    (["render", "--max-pages", "0"], "Invalid value for '--max-pages': 0 pages is fewer than a page budget may be "
                                     "(1 page); give 1 to 100"),
    (["render", "--max-pages", "two"], "Invalid value for '--max-pages': must be a whole number"),
    (["render", "--timeout", "soon"], "Invalid value for '--timeout': must be a number"),
])
def test_bad_option_values_in_plain_words(args, words):
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert words in result.output and "Input should be" not in result.output, result.output


def test_version_prints_the_version_without_a_command():
    """``--version`` is advertised by ``--help``; it answered "Missing command" (newcomer trial)."""
    from resume_builder import __version__

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"resume-builder {__version__}\n"
    assert "--version" in CliRunner().invoke(app, ["--help"]).output
