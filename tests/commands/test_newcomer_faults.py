"""Faults a new user found on main: each test failed before its fix (branch fixes1)."""

from __future__ import annotations

import json

import pytest

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


def _render_txt(path, *extra):
    result = runner.invoke(app, ["render", str(path), "-f", "txt", "-o", "-", *extra])
    return result


# 2. a bad or missing date is never shown as something else ------------------------------------

def test_end_before_start_never_reads_as_a_current_job(tmp_path):
    source = _json(tmp_path, {"basics": {"name": "Ada Example"}, "work": [
        {"name": "Acme", "position": "Engineer", "startDate": "2022-05", "endDate": "2021-01"}]})
    result = _render_txt(source)
    assert result.exit_code == 0, result.output
    assert "present" not in result.output and "May 2022" not in result.output
    assert "work[0].endDate" in result.output and "dates are left out" in result.output
    imported = runner.invoke(app, ["import", str(source)])
    experience = imported.output.split("experience:")[1].split("meta:")[0]
    assert "start:" not in experience  # a past job never becomes a current one on import


def test_a_job_with_only_an_end_shows_it_as_an_end(tmp_path):
    source = _json(tmp_path, {"basics": {"name": "Ada Example"}, "work": [
        {"name": "Acme", "position": "Engineer", "endDate": "2020-01"}]})
    result = _render_txt(source)
    assert result.exit_code == 0, result.output
    assert "– Jan 2020" in result.output


# 9. a missing or empty job posting is not a profile -------------------------------------------

def test_missing_or_empty_posting_gets_a_posting_hint(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for posting in (tmp_path / "nope.txt", empty):
        result = runner.invoke(app, ["render", str(EXAMPLE), "--max-pages", "2", "--job", str(posting),
                                     "-o", str(tmp_path / "cv.pdf")])
        assert result.exit_code == 2
        assert "init" not in result.output and "job posting" in result.output, result.output


# 15. a skill titled by its keywords --------------------------------------------------------------

def test_keyword_only_skill_warning_says_what_is_shown(tmp_path):
    source = _json(tmp_path, {"basics": {"name": "Ada Example"}, "skills": [{"keywords": ["Python", "Go"]}]})
    result = _render_txt(source, "--from", "jsonresume")
    assert result.exit_code == 0, result.output
    assert "Python, Go" in result.output
    assert "skills[0] has no name: its keywords are shown without a title" in result.output


# 11. theme option errors name the option as given, in plain words ----------------------------

def test_bad_theme_options_name_the_option_and_the_allowed_values(tmp_path):
    cases = {"phone_format=bogus": ("-O phone_format", "as_written, national, international, e164"),
             "font_size=abc": ("-O font_size", "from 7 to 14"),
             "font_size=100": ("-O font_size", "from 7 to 14"),
             "page_numbers=maybe": ("-O page_numbers", "true, false, yes or no")}
    for option, (name, allowed) in cases.items():
        result = runner.invoke(app, ["render", str(EXAMPLE), "-O", option, "-o", str(tmp_path / "cv.txt")])
        assert result.exit_code == 2
        assert name in result.output and allowed in result.output, result.output
        assert "Input should be" not in result.output


def test_bad_theme_option_in_the_profile_is_located_there(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("basics:\n  name: Ada Example\ntheme:\n  phone_format: bogus\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(profile), "-o", str(tmp_path / "cv.txt")])
    assert result.exit_code == 2
    assert "p.yaml:4:17: theme.phone_format: 'bogus' is not one of the allowed values" in result.output


# 20. a damaged PDF: our message only ----------------------------------------------------------

def test_truncated_pdf_gives_no_stray_library_line(tmp_path, capfd):
    import logging

    from resume_builder.checking import run_checks
    from resume_builder.errors import UserError

    whole = tmp_path / "whole.pdf"
    assert runner.invoke(app, ["render", str(EXAMPLE), "-o", str(whole)]).exit_code == 0
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[:3000])
    capfd.readouterr()
    saved = logging.root.handlers[:]
    logging.root.handlers.clear()  # as in the command-line program: no logging configured
    try:
        try:
            run_checks(cut)
        except UserError as error:
            assert "not a readable PDF" in str(error)
    finally:
        logging.root.handlers[:] = saved
    captured = capfd.readouterr()
    assert "EOF marker" not in captured.err + captured.out


# 13. a Markdown image stays literal text in every format --------------------------------------

@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
def test_markdown_image_stays_literal_in_every_text_format(tmp_path):
    from resume_builder.markdown import parse_inline, plain_text

    written = "Logo ![img](https://x.example/i.png) here"
    assert plain_text(written) == written
    assert all(span.href is None for span in parse_inline(written))
    assert [s.href for s in parse_inline("![x](https://a.example) [y](https://b.example)")] == \
        [None, "https://b.example"]
    profile = tmp_path / "p.yaml"
    profile.write_text(f'basics:\n  name: Ada Example\nsummary: "{written}"\n', encoding="utf-8")
    for fmt in ("txt", "html"):
        result = runner.invoke(app, ["render", str(profile), "-f", fmt, "-o", "-"])
        assert written in result.output, result.output
        assert 'href="https://x.example' not in result.output
    md = runner.invoke(app, ["render", str(profile), "-f", "md", "-o", "-"]).output
    from resume_builder.markdown import commonmark_spans

    line = next(row for row in md.splitlines() if row.startswith("Logo"))
    assert "".join(span.text for span in commonmark_spans(line)) == written


# 17, 18, 19. output names ----------------------------------------------------------------------

def test_readme_names_the_one_page_output_as_written(tmp_path):
    from resume_builder.pipeline import tailored_stem
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert tailored_stem("example", 1, None) == "example-1page"
    assert "`-1page` for `--max-pages 1`" in readme
    assert tailored_stem("example", 2, None) == "example-2pages" and "<profile>-<N>pages" in readme


def test_another_language_gets_its_own_default_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    profile = tmp_path / "cv.yaml"
    profile.write_text("basics:\n  name: Ada Example\nexperience:\n  - company: Acme\n    position: Engineer\n"
                       "    start: 2020-01\n", encoding="utf-8")
    own = runner.invoke(app, ["render", str(profile), "-f", "txt"])
    assert own.exit_code == 0 and "output/cv.txt" in own.output
    german = runner.invoke(app, ["render", str(profile), "-f", "txt", "--lang", "de"])
    assert german.exit_code == 0, german.output
    assert "wrote output/cv-de.txt" in german.output and "language de" in german.output
    assert "BERUFSERFAHRUNG" in (tmp_path / "output" / "cv-de.txt").read_text(encoding="utf-8")
    assert "EXPERIENCE" in (tmp_path / "output" / "cv.txt").read_text(encoding="utf-8")  # not replaced
    same = runner.invoke(app, ["render", str(profile), "-f", "txt", "--lang", "en"])
    assert "wrote output/cv.txt" in same.output  # the profile's own language: its own name


def test_output_file_and_out_dir_together_are_refused(tmp_path):
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "y.txt"), "--out-dir",
                                 str(tmp_path / "od")])
    assert result.exit_code == 2
    assert "give one" in result.output and "od/y.txt" in result.output
    assert not (tmp_path / "y.txt").exists() and not (tmp_path / "od").exists()


# 6. {"awards": []}: a hint to --from, and --from recorded for check ----------------------------

def test_json_resume_sections_only_get_the_from_hint(tmp_path):
    source = _json(tmp_path, {"awards": []})
    for command in (["validate"], ["render", "-f", "txt", "-o", "-"], ["export"]):
        result = runner.invoke(app, [*command, str(source)])
        assert result.exit_code == 2
        assert "add --from jsonresume" in result.output, (command, result.output)
    ours = _json(tmp_path, {"skills": []}, "ours.json")
    assert "add --from jsonresume" in runner.invoke(app, ["validate", str(ours)]).output
    assert "add --from jsonresume" not in runner.invoke(app, ["validate", str(EXAMPLE)]).output


def test_render_records_from_so_check_uses_it(tmp_path):
    from resume_builder.checking.origin import read_origin

    source = _json(tmp_path, {"awards": [{"title": "Best Paper"}]})
    pdf = tmp_path / "aw.pdf"
    assert runner.invoke(app, ["render", str(source), "--from", "jsonresume", "-o", str(pdf)]).exit_code == 0
    assert read_origin(pdf).provenance.input_format == "jsonresume"
    result = runner.invoke(app, ["check", str(pdf), "--profile", str(source)])
    assert "'basics' is required" not in result.output and "compared with" in result.output, result.output


# 16. export of a JSON Resume file keeps the document as it was --------------------------------

def test_export_of_a_json_resume_file_keeps_empty_sections_and_adds_no_basics(tmp_path):
    source = _json(tmp_path, {"awards": []})
    result = runner.invoke(app, ["export", "--from", "jsonresume", str(source)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"awards": []}
    full = {"basics": {"name": "Ada Example"}, "projects": [], "work": MINIMAL["work"]}
    source = _json(tmp_path, full, "full.json")
    exported = json.loads(runner.invoke(app, ["export", str(source)]).stdout)
    assert list(exported) == ["basics", "projects", "work"] and exported["projects"] == []


# 7. rendering an exported file gives the résumé it came from --------------------------------

def test_render_of_the_export_equals_render_of_the_original(tmp_path):
    exported = tmp_path / "ex.json"
    assert runner.invoke(app, ["export", str(EXAMPLE), "-o", str(exported)]).exit_code == 0
    assert "resume_builder" in json.loads(exported.read_text(encoding="utf-8"))["meta"]
    original = runner.invoke(app, ["render", str(EXAMPLE), "-f", "txt", "-o", "-"])
    again = runner.invoke(app, ["render", str(exported), "-f", "txt", "-o", "-"])
    assert original.exit_code == again.exit_code == 0
    assert again.stdout == original.stdout


# 10. each warning once (guard: not reproduced on main at 3e898b6) -----------------------------

def test_each_warning_is_printed_once(tmp_path):
    source = _json(tmp_path, {"basics": {"name": "X", "phone": "ask me"},
                              "work": [{"name": "B", "position": "D", "startDate": "2022-05", "endDate": "2021-01"}]})
    awards = _json(tmp_path, {"awards": []}, "awards.json")
    for args in (["render", str(source), "-f", "md", "-o", "-"], ["render", str(source), "-f", "pdf", "-f", "md",
                                                                  "--out-dir", str(tmp_path / "od")],
                 ["import", str(source)], ["export", "--from", "jsonresume", str(awards)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
        assert warnings and len(warnings) == len(set(warnings)), (args, warnings)
