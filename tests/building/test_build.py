"""build: expansion, incremental skipping, manifest, failures that do not stop others."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.building.config import BuildConfig, expand, load_config
from resume_builder.cli import app
from resume_builder.errors import UserError
from tests.conftest import REPO, as_from_a_terminal, brief_example

runner = CliRunner()

SMALL = """\
basics:
  name: Sam Sample
  email: sam@example.com
summary: Builds things.
experience:
  - {id: job, company: Acme, position: Engineer, start: 2020-01, tags: [web]}
  - {id: old, company: Old Co, position: Junior, start: 2015, end: 2019, tags: [legacy]}
variants:
  web:
    select: {experience: {any: [web]}}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "me.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "web"]\nformats = ["pdf", "md", "txt"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def test_targets_expand_profiles_variants_formats(project):
    path, config = load_config(None)
    targets = expand(config, project)
    assert [t.output.name for t in targets] == ["me.pdf", "me.md", "me.txt", "me-web.pdf", "me-web.md", "me-web.txt"]


def test_star_expands_declared_variants(project):
    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "variants": ["*"]}]})
    assert [t.output.name for t in expand(config, project)] == ["me-web.pdf"]


def test_an_empty_value_in_the_name_takes_its_dashes_with_it(project):
    """`{profile}-{variant}-{theme}` with the base variant gave me--classic.pdf (newcomer trial)."""
    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "variants": ["", "web"],
                                                      "themes": ["classic"], "formats": ["md"],
                                                      "name": "{profile}-{variant}-{lang}-{theme}"}]})
    assert [t.output.name for t in expand(config, project)] == ["me-classic.md", "me-web-classic.md"]


@pytest.mark.parametrize("name, expected", [
    ("Zoë CV {variant} 履歴書", ["Zoë CV 履歴書.md", "Zoë CV web 履歴書.md"]),
    ("{profile} - {variant} - cv", ["me - cv.md", "me - web - cv.md"]),
    ("{profile} {variant}", ["me.md", "me web.md"]),
    ("{variant} {profile}", ["me.md", "web me.md"]),
    ("{profile}--{variant}--cv", ["me-cv.md", "me--web--cv.md"]),
    ("{profile}_{variant}", ["me.md", "me_web.md"]),  # 'me_.md' before (release trial's note)
    ("{profile}_{variant}_cv", ["me_cv.md", "me_web_cv.md"]),
])
def test_an_empty_value_in_the_name_takes_its_spaces_with_it(project, name, expected):
    """An empty {variant} in 'Zoë CV {variant} 履歴書' gave 'Zoë CV  履歴書.pdf', two spaces
    (release-engineer trial): spaces are tidied as dashes are."""
    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "variants": ["", "web"],
                                                      "formats": ["md"], "name": name}]})
    assert [t.output.name for t in expand(config, project)] == expected


def test_colliding_outputs_are_an_error(project):
    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "themes": ["classic", "classic"],
                                                      "name": "{profile}"}]})
    with pytest.raises(UserError, match="two targets write"):
        expand(config, project)


def test_theme_in_the_name_is_the_theme_used_when_the_target_lists_none(project):
    """`name = "x-{theme}-y"` without `themes` wrote x-y.txt (newcomer trial): {theme} is now
    the theme the render uses: the variant's, else the profile's, else the default."""
    profile = project / "profiles" / "me.yaml"
    profile.write_text(SMALL.replace("  web:\n", "  web:\n    theme: {name: compact}\n"), encoding="utf-8")
    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "variants": ["", "web"],
                                                      "formats": ["txt"], "name": "x-{theme}-{variant}-y"}]})
    assert [t.output.name for t in expand(config, project)] == ["x-classic-y.txt", "x-compact-web-y.txt"]
    profile.write_text("theme: {name: modern}\n" + SMALL, encoding="utf-8")
    targets = expand(config, project)
    assert [t.output.name for t in targets] == ["x-modern-y.txt", "x-modern-web-y.txt"]
    assert [t.theme for t in targets] == [None, None]  # still rendered with the profile's (or variant's) theme


def test_colliding_outputs_name_the_other_target(project):
    """`targets[2]: two targets write .../me-web.pdf` did not say which other target writes it."""
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\n\n[[targets]]\nprofile = "profiles/me.yaml"\nvariants = ["web"]\n\n'
        '[[targets]]\nprofile = "profiles/me.yaml"\nvariants = [""]\nname = "extra"\n\n'
        '[[targets]]\nprofile = "profiles/me.yaml"\nvariants = ["web"]\nname = "{profile}-{variant}"\n',
        encoding="utf-8")
    path, config = load_config(None)
    with pytest.raises(UserError) as raised:
        expand(config, project, source=path)
    message = str(raised.value)
    assert "resume-builder.toml:12:1: targets[2]: two targets write" in message
    assert "me-web.pdf: this one (me.yaml, variant web, pdf) and targets[0] at line 3 (me.yaml, variant web, pdf)" \
        in message


def test_unknown_key_in_build_file_has_did_you_mean(project):
    (project / "resume-builder.toml").write_text('[[targets]]\nprofile = "p.yaml"\nformts = ["pdf"]\n')
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert "did you mean 'formats'" in result.output


def test_a_misspelt_required_key_is_one_problem_at_its_line(project):
    """``profle =`` gave a raw "Field required" for 'profile' and then the did-you-mean, with
    no line, naming the target ``targets.0`` in one and ``targets[0]`` in the other (newcomer trial)."""
    (project / "resume-builder.toml").write_text('out_dir = "out"\n\n[[targets]]\nprofile = "profiles/me.yaml"\n'
                                                  '\n[[targets]]\nprofle = "profiles/me.yaml"\nformats = ["md"]\n')
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert lines == [f"error: resume-builder.toml:7:1: targets[1].profle: unknown key 'profle' "
                     "(did you mean 'profile'?)"]


def test_a_missing_required_key_is_at_its_table(project):
    (project / "resume-builder.toml").write_text('[[targets]]\nprofile = "profiles/me.yaml"\n\n[[targets]]\n'
                                                  'formats = ["md"]\n')
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert f"resume-builder.toml:4:1: targets[1].profile: 'profile' is required" in result.output


@pytest.mark.parametrize("text, expected", [
    ('out_dir = "out\n[[targets]]\nprofile = "profiles/me.yaml"\n',
     ":1:15: TOML syntax error: Illegal character '\\n' (a quoted text ends on its line: add the closing quote)"),
    ('[[targets]]\nprofile = "profiles/me.yaml"\nthemes = "modern"\n',
     ':3:10: targets[0].themes: expected a list, found the text \'modern\' (write themes = ["modern"])'),
    ('[[targets]]\nprofile = "profiles/me.yaml"\n\nformats = ["pfd"]\n',
     ":4:12: targets[0].formats[0]: unknown format 'pfd' (did you mean 'pdf'?)"),
    ('[[targets]]\nprofile = "profiles/me.yaml"\ndocuments = ["resme"]\n',
     ":3:14: targets[0].documents[0]: the text 'resme' is not one of: resume, letter (did you mean 'resume'?)"),
    ('[[targets]]\nprofile = "profiles/me.yaml"\ncolour = 1\n',
     ":3:1: targets[0].colour: unknown key 'colour' (keys here: profile, variants, formats, themes, lang, name, "
     "documents, letter, posting, max_pages, bundle, zip)"),
    # a language no one speaks failed each target while building (exit 1, no line); "no" was taken for false
    ('[[targets]]\nprofile = "profiles/me.yaml"\nlang = "klingon"\n',
     ":3:8: targets[0].lang: 'klingon' is not a language (write a language code, e.g. en, de, fr, pt-BR)"),
    ('check = "no"\n[[targets]]\nprofile = "profiles/me.yaml"\n',
     ":1:9: check: expected true or false, found the text 'no'"),
    # which key was given twice went unsaid
    ('[[targets]]\nprofile = "profiles/me.yaml"\nprofile = "profiles/me.yaml"\n',
     ":3:1: TOML syntax error: Cannot overwrite a value: 'profile' is given twice (each key may be given once)"),
    # an error tomllib finds at the end of the file had no line: the list left open, else the last line
    ('[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["pdf", # a "[" in a comment\n  "md \\" ]",\n',
     ":3:11: TOML syntax error: Unclosed array: the file ends before the list opened here is closed "
     "(close the list with ])"),
    ('[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["pdf"',
     ":3:11: TOML syntax error: Unclosed array: the file ends before the list opened here is closed"),
    ('[[targets]]\nprofile = "profiles/me.yaml"\nlang = ',
     ":3:8: TOML syntax error: Invalid value (at the end of the file)"),
])
def test_build_file_mistakes_are_at_their_line_in_plain_words(project, text, expected):
    """A TOML syntax error, a text for a list and an unknown format had no line, and the list
    pydantic's "Input should be a valid list" (newcomer trial)."""
    (project / "resume-builder.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert f"error: resume-builder.toml{expected}" in result.output


def test_build_then_noop_then_change(project):
    first = runner.invoke(app, ["build", "-j", "1"])
    assert first.exit_code == 0, first.output
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    files = {e["file"]: e for e in manifest["files"]}
    assert set(files) == {"me.pdf", "me.md", "me.txt", "me-web.pdf", "me-web.md", "me-web.txt"}
    assert files["me.pdf"]["pages"] == 1 and len(files["me.pdf"]["sha256"]) == 64
    second = runner.invoke(app, ["build", "-j", "1"])
    assert "0 built, 6 up to date" in second.output
    profile = project / "profiles" / "me.yaml"
    profile.write_text(profile.read_text().replace("Builds things.", "Builds better things."))
    third = runner.invoke(app, ["build", "-j", "1"])
    assert "6 built, 0 up to date" in third.output


def test_turning_the_check_on_checks_outputs_that_were_up_to_date(project):
    """check = true after a build with check = false: the PDF said 'up to date' and its entry
    kept "check": null for ever (release-engineer trial). The setting counts in what makes a
    checkable output up to date; a Markdown file, which is never checked, stays up to date."""
    def entries() -> dict:
        return {e["file"]: e for e in json.loads((project / "out" / "manifest.json").read_text())["files"]}

    only = ["--only", "me.pdf", "--only", "me.md"]
    first = runner.invoke(app, ["build", "-j", "1", *only])
    assert first.exit_code == 0, first.output
    assert entries()["me.pdf"]["check"] is None
    build_file = project / "resume-builder.toml"
    build_file.write_text(build_file.read_text().replace("check = false", "check = true"), encoding="utf-8")
    second = runner.invoke(app, ["build", "-j", "1", *only])
    assert "1 built, 1 up to date" in second.output, second.output
    assert entries()["me.pdf"]["check"] == {"passed": True, "failed": []}
    assert entries()["me.md"]["check"] is None
    assert "0 built, 2 up to date" in runner.invoke(app, ["build", "-j", "1", *only]).output
    build_file.write_text(build_file.read_text().replace("check = true", "check = false"), encoding="utf-8")
    fourth = runner.invoke(app, ["build", "-j", "1", *only])
    assert "1 built, 1 up to date" in fourth.output, fourth.output
    assert entries()["me.pdf"]["check"] is None  # no verdict kept that this build did not make


def test_an_up_to_date_output_keeps_its_failed_check_and_its_reason(project):
    """A check that fails: the next build (nothing changed) wrote "failed": [] beside
    "passed": false and said 'failed: out/solo.pdf' with no reason (release-engineer trial).
    The manifest is byte for byte the same, and the reason is said again."""
    (project / "profiles" / "solo.yaml").write_text("basics: {name: Solo Person}\n", encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = true\n[[targets]]\nprofile = "profiles/solo.yaml"\nformats = ["pdf"]\n',
        encoding="utf-8")
    first = runner.invoke(app, ["build", "-j", "1", "--clean"])
    assert first.exit_code == 1, first.output
    manifest = (project / "out" / "manifest.json").read_bytes()
    check = json.loads(manifest)["files"][0]["check"]
    assert check["passed"] is False and check["failed"] == ["headings"]
    assert "no sections" in check["reasons"]["headings"]
    second = runner.invoke(app, ["build", "-j", "1"])
    assert second.exit_code == 1, second.output
    assert "0 built, 1 up to date, 1 failed" in second.output
    assert (project / "out" / "manifest.json").read_bytes() == manifest
    assert "ATS check 'headings': the profile has no sections" in second.output


@pytest.mark.parametrize("value", ["253402300800", "99999999999999", "abc", "-1"])
def test_a_bad_source_date_epoch_is_refused_before_anything_is_deleted_or_written(project, monkeypatch, value):
    """Year 10000 gave a traceback; 'abc' was said (twice) only partway through build --clean,
    its outputs deleted, one built, no manifest (release-engineer trial). Now: one message,
    exit 2, the output folder as it was; render too."""
    assert runner.invoke(app, ["build", "-j", "1", "--only", "*.md"]).exit_code == 0
    out = project / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for command in (["build", "-j", "1", "--clean"], ["render", "profiles/me.yaml", "-o", "out/extra.pdf"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.output.count("error:") == 1 and "error: SOURCE_DATE_EPOCH" in result.output, result.output
        assert "Traceback" not in result.output
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert runner.invoke(app, ["build", "--help"]).exit_code == 0  # what does not run anything still works


def test_a_file_name_up_to_the_limit_builds_and_one_over_it_is_at_the_name_line(project):
    """A name of 241 to 255 bytes failed at its write (the temporary name was 14 bytes longer);
    one over the file system's limit is said at the build file's 'name' line, before anything
    is built (release-engineer trial)."""
    from resume_builder.building.config import name_limit

    limit = name_limit(project)
    build_file = project / "resume-builder.toml"
    stem = "y" * (limit - len(".txt"))
    build_file.write_text('out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\n'
                          f'formats = ["md", "txt"]\nname = "{stem}"\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (project / "out" / f"{stem}.txt").is_file() and (project / "out" / f"{stem}.md").is_file()
    build_file.write_text(build_file.read_text().replace(stem, stem + "ü"), encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1", "--clean"])
    assert result.exit_code == 2, result.output
    assert f"resume-builder.toml:6:8: targets[0].name: the name gives a file name of {limit + 1} bytes" in result.output
    assert f"over the file system's limit of {limit} bytes" in result.output
    assert (project / "out" / f"{stem}.txt").is_file()  # nothing deleted (the .md: 1 byte over)


def test_an_interrupted_build_removes_the_temporaries_of_a_long_name(project):
    from resume_builder.building.session import BuildSession
    from resume_builder.output import temporary_prefix

    stem = "z" * 200
    (project / "resume-builder.toml").write_text('out_dir = "out"\ncheck = false\n[[targets]]\n'
                                                 f'profile = "profiles/me.yaml"\nformats = ["png"]\nname = "{stem}"\n',
                                                 encoding="utf-8")
    session = BuildSession.from_config(None, jobs=1)
    session.out_dir.mkdir()
    for page in (f"{stem}-1.png", f"{stem}-2.png"):
        (session.out_dir / f"{temporary_prefix(page)}x1y2z3.tmp").write_bytes(b"half a page")
    (session.out_dir / ".other.txt.x1y2z3.tmp").write_bytes(b"not ours")
    session.interrupted()
    assert sorted(p.name for p in session.out_dir.iterdir()) == [".other.txt.x1y2z3.tmp", "manifest.json"]


def test_an_output_folder_that_is_a_link_is_shown_as_the_build_file_names_it(project, tmp_path_factory):
    """With out/ a symbolic link to a folder elsewhere, the progress lines showed absolute paths
    (other builds show out/…): release-engineer trial."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / "out").symlink_to(elsewhere, target_is_directory=True)
    result = runner.invoke(app, ["build", "-j", "1", "--only", "*.md"])
    assert result.exit_code == 0, result.output
    assert "built       out/me.md (" in result.output and "built       out/me-web.md (" in result.output
    assert "manifest: out/manifest.json" in result.output and str(elsewhere) not in result.output
    assert (elsewhere / "me.md").is_file()


def test_an_output_folder_that_cannot_be_created_says_so(project, monkeypatch):
    """Its parent not writable: it said 'cannot lock the output folder …: Permission denied'."""
    import pathlib

    real_mkdir = pathlib.Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.name == "out":
            raise PermissionError(13, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert "error: cannot create the output folder out: Permission denied" in result.output, result.output
    assert "lock" not in result.output


def test_only_and_clean(project):
    """--clean with --only rebuilds the selected targets from scratch and leaves the others'
    outputs, on disk and in the manifest (it deleted them all: newcomer trial)."""
    result = runner.invoke(app, ["build", "-j", "1", "--only", "*.md"])
    assert "2 built" in result.output
    assert not (project / "out" / "me.pdf").exists()
    md = (project / "out" / "me.md").read_bytes()
    result = runner.invoke(app, ["build", "-j", "1", "--clean", "--only", "me.txt"])
    assert "1 built" in result.output
    assert (project / "out" / "me.md").read_bytes() == md and (project / "out" / "me.txt").is_file()
    listed = {e["file"] for e in json.loads((project / "out" / "manifest.json").read_text())["files"]}
    assert listed == {"me.md", "me-web.md", "me.txt"}
    assert "0 built, 2 up to date" in runner.invoke(app, ["build", "-j", "1", "--only", "*.md"]).output


def test_a_failing_target_does_not_stop_the_others(project):
    (project / "profiles" / "broken.yaml").write_text(SMALL.replace("start: 2015,", "start: 2015-13,"),
                                                      encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = ["profiles/me.yaml", "profiles/broken.yaml"]\n'
        'formats = ["md"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 1
    assert (project / "out" / "me.md").exists()
    assert "failed: out/broken.md" in result.output
    assert "broken.yaml:7:" in result.output  # the profile's own error, at its line
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    assert [e["file"] for e in manifest["files"]] == ["me.md"]


@pytest.mark.parametrize("target, expected", [
    ('profile = "profiles/nobody.yaml"\n',
     ":5:11: targets[0].profile: profile profiles/nobody.yaml not found (give the profile's path relative to the "
     "build file's folder)"),
    ('profile = ["profiles/me.yaml", "profiles"]\n',
     ":5:32: targets[0].profile[1]: profile profiles is a folder"),
    ('profile = "profiles/me.yaml"\nthemes = ["modern", "clasic"]\n',
     ":6:21: targets[0].themes[1]: no theme named 'clasic' (did you mean 'classic'? available: classic, compact, "
     "modern)"),
    ('profile = "profiles/me.yaml"\nvariants = ["", "wbe"]\n',
     ":6:17: targets[0].variants[1]: profiles/me.yaml has no variant 'wbe' (did you mean 'web'? variants there: web)"),
    ('profile = "profiles/me.yaml"\nvariants = ["tailored/web.yaml"]\n',
     ":6:13: targets[0].variants[0]: variant file tailored/web.yaml not found"),
    ('profile = "profiles/me.yaml"\ndocuments = ["resume", "letter"]\nposting = "postings/acme.md"\n',
     ":7:11: targets[0].posting: posting file postings/acme.md not found"),
    ('profile = "profiles/me.yaml"\ndocuments = ["resume", "letter"]\nletter = "nolet"\n',
     ":7:10: targets[0].letter: profiles/me.yaml has no letter 'nolet' (the profile declares no letters)"),
    ('profile = "profiles/me.yaml"\nbundle = true\n',
     ":6:10: targets[0].bundle: profiles/me.yaml declares no letters, so there is no letter to build"),
    ('profile = "profiles/nov.yaml"\nvariants = ["*"]\n',
     ':6:13: targets[0].variants[0]: profiles/nov.yaml declares no variants, so "*" builds nothing'),
])
def test_a_target_naming_what_does_not_exist_is_at_its_line_and_nothing_is_built(project, target, expected):
    """These failed each target at build time with exit 1, after the others were built, and
    said nothing of the build file (newcomer trial): now the build file's mistake, found first."""
    (project / "profiles" / "nov.yaml").write_text(SMALL.split("variants:")[0], encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        f'out_dir = "out"\ncheck = false\n\n[[targets]]\n{target}formats = ["md"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert f"error: resume-builder.toml{expected}" in result.output
    assert "Traceback" not in result.output
    assert not (project / "out").exists()


def test_an_out_dir_inside_a_file_is_at_its_line(project):
    """It had no line: "cannot lock the output folder afile/out: Not a directory"."""
    (project / "afile").write_text("x", encoding="utf-8")
    (project / "resume-builder.toml").write_text('out_dir = "afile/out"\n[[targets]]\nprofile = "profiles/me.yaml"\n',
                                                  encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert result.output.splitlines()[0].split(".toml")[-1] == \
        ":1:11: out_dir: the output folder afile/out would be inside afile, which is a file " \
        "(give a folder; it is made when missing)"
    assert (project / "afile").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("out_dir, make, expected", [
    ("gone", lambda p: (p / "gone").symlink_to("nowhere"),
     "the output folder gone is a symbolic link to 'nowhere', which does not exist (point the link at a folder, or "
     "give another out_dir)"),
    ("pipe", lambda p: os.mkfifo(p / "pipe"),
     "the output folder pipe is a named pipe (FIFO), not a folder (give a folder; it is made when missing)"),
    ("gone/out", lambda p: (p / "gone").symlink_to("nowhere"),
     "the output folder gone/out would be inside gone, a symbolic link to 'nowhere', which does not exist (point the "
     "link at a folder, or give another out_dir)"),
    ("pipe/out", lambda p: os.mkfifo(p / "pipe"),
     "the output folder pipe/out would be inside pipe, which is a named pipe (FIFO), not a folder (give a folder; it "
     "is made when missing)"),
], ids=["dangling link", "fifo", "inside a dangling link", "inside a fifo"])
def test_an_out_dir_that_is_a_link_to_nothing_or_a_fifo_is_said_to_be_one(project, out_dir, make, expected):
    """A link to nothing was "cannot write in gone: it does not exist; nothing was built (make the
    folder writable (a read-only mount? chattr +i? its owner?) ...)", and a FIFO "a file" (trial):
    render --out-dir said each exactly."""
    make(project)
    (project / "resume-builder.toml").write_text(f'out_dir = "{out_dir}"\n[[targets]]\nprofile = "profiles/me.yaml"\n',
                                                  encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 2
    assert result.output.splitlines()[0].split(".toml")[-1] == f":1:11: out_dir: {expected}", result.output
    assert not os.path.lexists(project / "nowhere")  # no folder made through the link


def test_every_missing_input_is_named_at_once_in_line_order(project):
    """A wrong format hid the other mistakes, and an out_dir naming a file said only
    "cannot lock the output folder … File exists" (newcomer trial)."""
    (project / "afile").write_text("x", encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        'out_dir = "afile"\n[[targets]]\nprofile = "profiles/me.yaml"\nthemes = ["nope"]\nformats = ["pfd"]\n\n'
        '[[targets]]\nprofile = "profiles/gone.yaml"\n', encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    lines = [line.split(".toml")[-1] for line in result.output.splitlines()]
    assert lines == [":1:11: out_dir: the output folder afile is a file (give a folder; it is made when missing)",
                     ":4:11: targets[0].themes[0]: no theme named 'nope' (available: classic, compact, modern)",
                     ":5:12: targets[0].formats[0]: unknown format 'pfd' (did you mean 'pdf'?)",
                     ":8:11: targets[1].profile: profile profiles/gone.yaml not found (give the profile's path "
                     "relative to the build file's folder)",
                     "4 problems found"]


def test_two_clean_builds_give_identical_manifests(project):
    assert runner.invoke(app, ["build", "-j", "2"]).exit_code == 0
    first = (project / "out" / "manifest.json").read_bytes()
    shutil.rmtree(project / "out")
    assert runner.invoke(app, ["build", "-j", "2"]).exit_code == 0
    assert (project / "out" / "manifest.json").read_bytes() == first


def test_the_manifest_is_the_same_in_any_folder_and_from_any_working_directory(tmp_path, monkeypatch):
    """The input hashes named a variant file, a letter file and the included files by their
    absolute paths, so the same project built in /tmp/x/b and /tmp/x/b3 wrote two manifests
    (user trial); the README says no byte of the manifest depends on the folder."""
    from tests.conftest import FIXTURES

    def project(folder: Path) -> Path:
        (folder / "apps").mkdir(parents=True)
        (folder / "parts").mkdir()
        profile = (FIXTURES / "letters" / "profile.yaml").read_text(encoding="utf-8")
        (folder / "me.yaml").write_text(profile + "projects: {include: parts/projects.yaml}\n", encoding="utf-8")
        (folder / "parts" / "projects.yaml").write_text("- {name: Lantern, description: A lamp.}\n", encoding="utf-8")
        (folder / "apps" / "short.yaml").write_text("profile: ../me.yaml\nsections: [summary, projects]\n",
                                                    encoding="utf-8")
        (folder / "apps" / "acme.yaml").write_text(
            "profile: ../me.yaml\nrecipient: {company: Northwind Pay}\nbody: [\"Dear {company}.\"]\n", encoding="utf-8")
        shutil.copy(FIXTURES / "postings" / "sre-en.md", folder / "apps" / "posting.md")
        shutil.copytree(FIXTURES / "themes" / "child", folder / "themes" / "mine")  # beside the profile
        (folder / "resume-builder.toml").write_text(
            'out_dir = "out"\ncheck = false\n\n[[targets]]\nprofile = "me.yaml"\nvariants = ["apps/short.yaml"]\n'
            'themes = ["mine"]\nformats = ["md"]\n\n[[targets]]\nprofile = "me.yaml"\nvariants = ["sre"]\n'
            'documents = ["resume", "letter"]\nletter = "apps/acme.yaml"\nposting = "apps/posting.md"\n'
            'max_pages = 2\nformats = ["md", "txt"]\n', encoding="utf-8")
        return folder

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    first, second = project(tmp_path / "x" / "b"), project(tmp_path / "y" / "b3")
    monkeypatch.chdir(first)
    result = runner.invoke(app, ["build", "-j", "1", "--no-server"])
    assert result.exit_code == 0, result.output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(app, ["build", "-j", "1", "--no-server", "-c", str(second / "resume-builder.toml")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((first / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["file"] for entry in manifest["files"]} == {"me-short.md", "me-sre+posting-2pages.md",
                                                             "me-sre+posting-2pages.txt",
                                                             "me-sre-letter.md", "me-sre-letter.txt"}
    assert (second / "out" / "manifest.json").read_bytes() == (first / "out" / "manifest.json").read_bytes()


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_a_theme_beside_the_profile_is_an_input_of_the_build(project):
    """The build hashed ./themes beside the build file only, while a render finds themes beside
    the working directory and beside the profile: an edit to profiles/themes/mine left its
    outputs 'up to date'."""
    shutil.copytree(REPO / "tests" / "fixtures" / "themes" / "child", project / "profiles" / "themes" / "mine")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\nthemes = ["mine"]\n'
        'formats = ["html"]\n', encoding="utf-8")
    assert runner.invoke(app, ["build", "-j", "1", "--no-server"]).exit_code == 0
    style = project / "profiles" / "themes" / "mine" / "templates" / "style.css.j2"
    style.write_text(style.read_text(encoding="utf-8") + "\nh1 { letter-spacing: 3pt; }\n", encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1", "--no-server"])
    assert "built       " in result.output and "me.html" in result.output, result.output
    assert "letter-spacing: 3pt" in (project / "out" / "me.html").read_text(encoding="utf-8")


def test_plain_lines_when_not_a_terminal(project):
    proc = subprocess.run([sys.executable, "-m", "resume_builder", "build", "-j", "2", "--only", "*.txt"],
                          cwd=project, capture_output=True, text=True, env={**__import__("os").environ,
                                                                            "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("built")]
    assert len(lines) == 2


# ----------------------------------------------------------------------------- faults


HOOKS = Path(__file__).resolve().parent / "hooks"
START_METHODS = multiprocessing.get_all_start_methods()


def _build_in_subprocess(project: Path, *args: str, fault: str, start_method: str | None = None):
    """``resume-builder build`` in a fresh interpreter whose every process has ``fault``.

    tests/building/hooks/sitecustomize.py plants the fault in the command and in each worker,
    whatever the start method (fork, spawn or forkserver).
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HOOKS), str(REPO)]), "RB_TEST_FAULT": fault}
    if start_method:
        env["RB_TEST_START_METHOD"] = start_method
    return subprocess.run([sys.executable, "-m", "resume_builder", "build", *args], cwd=project,
                          capture_output=True, text=True, env=env, timeout=600)


def _start_build_in_subprocess(project: Path, *args: str, fault: str) -> subprocess.Popen:
    """As :func:`_build_in_subprocess`, started and not waited for."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HOOKS), str(REPO)]), "RB_TEST_FAULT": fault}
    return subprocess.Popen([sys.executable, "-m", "resume_builder", "build", *args], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_a_target_over_the_timeout_fails_and_the_others_complete(project):
    """big.pdf never finishes by itself; the limit (600 s) is generous so that the others always
    can, on a machine however loaded.

    big.pdf's render runs on a fake clock that jumps to the end of its time limit (the
    ``overrun`` fault, tests/building/hooks/sitecustomize.py): the build's own alarm stops it
    at once, and its message names the build file's limit, so nobody waits it out.
    One build with a single worker (-j 1) and one with two (-j 2), side by side in their own
    copies of the project.
    """
    shutil.copy(project / "profiles" / "me.yaml", project / "profiles" / "big.yaml")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\ntimeout = 600\n[[targets]]\n'
        'profile = ["profiles/me.yaml", "profiles/big.yaml"]\nformats = ["pdf", "md"]\n', encoding="utf-8")
    copies = {}
    for jobs in ("1", "2"):
        copies[jobs] = project.parent / f"jobs-{jobs}"
        shutil.copytree(project, copies[jobs])
    procs = {jobs: _start_build_in_subprocess(folder, "-j", jobs, fault="overrun:big.pdf")
             for jobs, folder in copies.items()}
    try:
        outputs = {jobs: proc.communicate(timeout=600) for jobs, proc in procs.items()}
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    for jobs, (stdout, stderr) in outputs.items():
        output = f"-j {jobs}:\n{stdout}{stderr}"
        assert procs[jobs].returncode == 1, output
        assert "failed: out/big.pdf" in output
        assert "took longer than 600 seconds and was stopped" in output
        out = copies[jobs] / "out"
        assert sorted(p.name for p in out.iterdir()) == ["big.md", "manifest.json", "me.md", "me.pdf"], output
        manifest = json.loads((out / "manifest.json").read_text())
        assert [e["file"] for e in manifest["files"]] == ["big.md", "me.md", "me.pdf"], output


def test_timeout_on_the_command_line_beats_the_build_file(project, monkeypatch):
    """The build file's limit (0.2 s) stops a render; --timeout on the command line replaces it.

    No race against a clock: a render that never ends by itself (it waits until the limit's
    alarm stops it) is stopped by the limit in force, whose message names it, on any machine,
    however loaded (the limit may stop it while it is prepared or rendered: the message is the
    same); a render that ends at once builds under --timeout 0, no limit at all."""
    import time

    from resume_builder import formats

    real_md = formats.renderer("md")
    endless = {"on": True}

    def md(job, path):
        while endless["on"]:
            time.sleep(3600)  # until the limit's alarm stops the render
        return real_md(job, path)

    monkeypatch.setitem(formats.RENDERERS, "md", md)
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\ntimeout = 0.2\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'formats = ["md"]\n', encoding="utf-8")
    too_short = runner.invoke(app, ["build", "-j", "1"])
    assert too_short.exit_code == 1 and "took longer than 0.2 seconds" in too_short.output
    replaced = runner.invoke(app, ["build", "-j", "1", "--timeout", "0.4"])
    assert replaced.exit_code == 1 and "took longer than 0.4 seconds" in replaced.output, replaced.output
    endless["on"] = False
    result = runner.invoke(app, ["build", "-j", "1", "--timeout", "0"])
    assert result.exit_code == 0, result.output
    assert (project / "out" / "me.md").is_file()


@pytest.mark.parametrize("timeout", ["inf", "1e12", "1e999", "86401"])
def test_a_build_file_timeout_past_a_day_is_a_located_mistake(project, timeout):
    """``timeout = inf`` ended in an OverflowError traceback from setitimer (security review)."""
    (project / "resume-builder.toml").write_text(
        f'out_dir = "out"\ncheck = false\ntimeout = {timeout}\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'formats = ["md"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert "resume-builder.toml:3:11: timeout: " in result.output and "give 0 for no limit" in result.output
    assert not (project / "out").exists()


@pytest.mark.parametrize("timeout, words", [("nan", "nan is not a number of seconds"),
                                             ("-1", "-1 seconds is negative; give 0 for no limit")])
def test_a_build_file_timeout_below_zero_or_not_a_number_is_said_so(project, timeout, words):
    """``timeout = nan`` was "out of range: use a number of at least 0.0" (trial)."""
    (project / "resume-builder.toml").write_text(
        f'out_dir = "out"\ncheck = false\ntimeout = {timeout}\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'formats = ["md"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert f"resume-builder.toml:3:11: timeout: {words}" in result.output, result.output
    assert not (project / "out").exists()


@pytest.mark.parametrize("command, closed", [(["build", "-j", "2"], False), (["validate", "profiles/me.yaml"], False),
                                             (["build", "-j", "2"], True)])
def test_a_reader_that_closes_the_pipe_early_ends_the_command_with_141(project, command, closed):
    """``build | head -1``: the build exited 1 (rich's answer to a closed pipe, which the README
    gives to a failure) and its workers went on writing files the manifest never listed (trial).
    Now a closed standard output stops it as Ctrl-C does: the manifest lists what is on disk,
    the workers stop, exit 141 (128 + SIGPIPE), as for any command that prints results.
    ``build >&-`` (``closed``: no standard output at all) ended in an AttributeError traceback
    from the progress line's terminal check, exit 1, nothing built (trial)."""
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "web"]\nthemes = ["classic", "modern", "compact"]\nformats = ["md", "txt", "html"]\n',
        encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    try:
        proc = subprocess.Popen([sys.executable, "-m", "resume_builder", *command], cwd=project,
                                stdout=None if closed else write, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                                preexec_fn=(lambda: os.close(1)) if closed else None)
    finally:
        os.close(write)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 141, stderr
    assert "Traceback" not in stderr
    if command[0] == "build":
        _wait_until_gone(proc.pid)  # its workers stopped with it
        assert "interrupted (standard output closed):" in stderr
        manifest = json.loads((project / "out" / "manifest.json").read_text())
        listed = sorted(entry["file"] for entry in manifest["files"])
        assert listed == sorted(p.name for p in (project / "out").iterdir() if p.name != "manifest.json")


def test_a_build_file_that_is_no_file_is_said_to_be_what_it_is(project):
    """resume-builder.toml as a link to nothing or a folder was "no build file: create
    resume-builder.toml" beside an ls that lists it (trial); `build -c` said what it was."""
    (project / "resume-builder.toml").unlink()
    (project / "resume-builder.toml").symlink_to("gone.toml")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert "resume-builder.toml: is a symbolic link to 'gone.toml', which does not exist" in result.output
    (project / "resume-builder.toml").unlink()
    (project / "resume-builder.toml").mkdir()
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2 and "resume-builder.toml: is a folder, not a file" in result.output


def test_workers_start_weasyprint_only_for_formats_it_lays_out(project):
    """A build of Markdown and text alone imports no WeasyPrint in its workers (about a second
    of CPU each); a PDF, PNG or bundle target does, before its first target."""
    from resume_builder.building.runner import _needs_layout

    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "formats": ["md", "txt",
                                                                                                 "html", "docx"]}]})
    assert not _needs_layout(expand(config, project))
    for fmt in ("pdf", "png"):
        config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "formats": ["md", fmt]}]})
        assert _needs_layout(expand(config, project)), fmt
    code = ("import sys; from resume_builder.building.runner import _warm_up; _warm_up(None, {}); "
            "print('weasyprint' in sys.modules)")
    for layout in (False, True):
        started = subprocess.run([sys.executable, "-c", code.format(layout)], capture_output=True, text=True,
                                 env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
        assert started.stdout.strip() == str(layout), started.stderr


@pytest.mark.slow
@pytest.mark.parametrize("start_method", START_METHODS)
def test_a_worker_that_dies_fails_only_its_own_targets(project, start_method):
    """A worker killed (out of memory, a crash in a C library) takes no other target with it."""
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "web"]\nformats = ["txt", "md"]\n', encoding="utf-8")
    result = _build_in_subprocess(project, "-j", "2", fault="crash:web.txt", start_method=start_method)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "failed: out/me-web.txt" in output and "worker rendering it exited with code 3" in output
    out = project / "out"
    assert (out / "me.txt").is_file() and (out / "me.md").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    assert "me.txt" in [e["file"] for e in manifest["files"]]
    assert not any(p.name.endswith(".tmp") for p in out.iterdir())


@pytest.mark.slow
def test_ctrl_c_stops_the_workers_and_keeps_only_complete_files(tmp_path):
    """SIGINT to the whole process group, as a terminal sends it, while several targets build."""
    import os
    import signal
    import time

    project = tmp_path / "project"
    (project / "profiles").mkdir(parents=True)
    brief_example(project / "profiles")  # every section, 2 pages: any render is cut short alike
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/example.yaml"\n'
        'variants = ["", "platform", "monitoring"]\nformats = ["pdf", "docx", "md"]\n'
        'themes = ["classic", "modern", "compact"]\n', encoding="utf-8")
    out = project / "out"
    out.mkdir()
    # older outputs of targets that will be rebuilt: one replaced but not yet recorded when
    # Ctrl-C comes must not stay listed with its old hash
    older = []
    for name in ("example-classic.pdf", "example-platform-compact.pdf", "example-monitoring-modern.md"):
        (out / name).write_bytes(b"older " + name.encode())
        older.append({"file": name, "sha256": hashlib.sha256(b"older " + name.encode()).hexdigest(),
                      "inputs": "old"})
    (out / "manifest.json").write_text(json.dumps({"files": older}), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "resume_builder", "build", "-j", "2"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, preexec_fn=as_from_a_terminal)
    printed, stderr = _stop_after_first_target(proc, signal.SIGINT)  # the workers warm, the first file done
    assert proc.returncode == 130, printed + stderr
    assert "interrupted:" in stderr and "lists only complete files" in stderr
    assert "Traceback" not in stderr
    _wait_until_gone(proc.pid)  # generously: on a loaded machine the workers take a moment to exit
    with pytest.raises(ProcessLookupError):  # every worker has stopped, none is left behind
        os.killpg(proc.pid, 0)
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.startswith(".") or n.endswith(".tmp")], names
    manifest = json.loads((out / "manifest.json").read_text())
    listed = [entry["file"] for entry in manifest["files"]]
    assert listed and len(listed) < 27
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"], entry["file"]
    # every file left is listed, and counted: it said "0 of 26 targets complete" beside two
    # complete PDFs its manifest did not list (newcomer trial)
    assert sorted(listed) == [n for n in names if n != "manifest.json"]
    fresh = [name for name in listed if not (out / name).read_bytes().startswith(b"older ")]
    assert f"interrupted: {len(fresh)} of 27 targets complete" in stderr, stderr
    _wait_until_gone(proc.pid)  # nothing keeps writing after the command has returned: no process is left
    assert sorted(p.name for p in out.iterdir()) == names


def _many_targets(tmp_path: Path) -> Path:
    """A project of 27 targets (3 variants × 3 themes × PDF, DOCX, Markdown), none built yet."""
    project = tmp_path / "project"
    (project / "profiles").mkdir(parents=True)
    brief_example(project / "profiles")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/example.yaml"\n'
        'variants = ["", "platform", "monitoring"]\nformats = ["pdf", "docx", "md"]\n'
        'themes = ["classic", "modern", "compact"]\n', encoding="utf-8")
    return project


def _listed_as_they_are(out: Path) -> list[str]:
    """The files manifest.json lists, each checked against the file on disk."""
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"], entry["file"]
    return [entry["file"] for entry in manifest["files"]]


def _start_clean_build(tmp_path: Path) -> tuple[Path, subprocess.Popen]:
    """``build --jobs 2 --clean`` of :func:`_many_targets` started in a process group of its own,
    over an output folder holding an older build's file and manifest; (the folder, the process)."""
    project = _many_targets(tmp_path)
    out = project / "out"
    out.mkdir()
    (out / "example-classic.md").write_text("from an older build", encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps({"files": [{"file": "example-classic.md", "sha256": hashlib.sha256(
        b"from an older build").hexdigest(), "inputs": "old"}]}), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "resume_builder", "build", "--jobs", "2", "--clean"],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    return out, proc


def _stop_after_first_target(proc: subprocess.Popen, signum: int) -> tuple[str, str]:
    """Send ``signum`` once ``proc`` (a build) prints its first "built" line: no timer, the
    build says when a target is complete; (what it printed, its stderr). The process group
    is killed if the build is still running afterwards."""
    printed = []
    stderr = ""
    try:
        for line in proc.stdout:
            printed.append(line)
            if line.startswith("built"):
                break
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signum)  # Ctrl-C reaches the whole foreground group
        else:
            proc.send_signal(signum)
        rest, stderr = proc.communicate(timeout=120)
        printed.append(rest)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    return "".join(printed), stderr


def _living_in_group(group: int) -> list[int]:
    """Processes of a process group that are still running, from /proc (Linux). A zombie, a
    process that has exited but is not yet reaped (workers of a build killed with SIGKILL wait
    for init, which may reap them a second later), is not counted."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":  # fields: state, ppid, pgrp, ...
            alive.append(int(stat.parent.name))
    return alive


def _running_in_group(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return bool(_living_in_group(group)) if Path("/proc/self/stat").is_file() else True


def _wait_until_gone(group: int, seconds: float = 120.0) -> None:
    """Wait (generously) until no process of the process group ``group`` runs."""
    import signal
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _running_in_group(group):
            return
        time.sleep(0.05)
    os.killpg(group, signal.SIGKILL)
    pytest.fail(f"processes of the build were still running {seconds:g} s after it was stopped")


@pytest.mark.slow
def test_sigterm_stops_like_ctrl_c_and_writes_the_manifest_of_what_is_complete(tmp_path):
    """SIGTERM to the build alone (a cancelled CI job) during a --clean build: the workers stop,
    only complete files stay, the manifest lists them, exit 143 (it died at once, status -15,
    with no manifest at all: release-engineer trial)."""
    import signal

    out, proc = _start_clean_build(tmp_path)
    printed, stderr = _stop_after_first_target(proc, signal.SIGTERM)
    assert proc.returncode == 143, printed + stderr
    assert "interrupted" in stderr and "lists only complete files" in stderr, stderr
    assert "Traceback" not in stderr
    _wait_until_gone(proc.pid)  # the workers have stopped too
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if n.startswith(".") or n.endswith(".tmp")], names
    listed = _listed_as_they_are(out)
    assert listed and len(listed) < 27
    # a file a worker finished while the rest of its group was cut short is listed too
    assert sorted(listed) == [n for n in names if n != "manifest.json"]
    _wait_until_gone(proc.pid)  # nothing keeps writing after the command has returned: no process is left
    assert sorted(p.name for p in out.iterdir()) == names


@pytest.mark.slow
def test_kill_9_during_a_clean_build_leaves_a_manifest_of_files_as_they_are(tmp_path):
    """--clean deleted the manifest and wrote the next one at the end only: a build killed
    with SIGKILL left outputs and no manifest. Now the manifest is written before the old files
    go and again as each target completes."""
    import signal

    out, proc = _start_clean_build(tmp_path)
    printed, _ = _stop_after_first_target(proc, signal.SIGKILL)  # a target complete, recorded before shown
    _wait_until_gone(proc.pid)  # its workers stop with it
    assert (out / "manifest.json").is_file(), printed
    listed = _listed_as_they_are(out)
    built = [line for line in printed.splitlines() if line.startswith("built")][-1]  # the target it waited for
    assert built.split()[1].removeprefix("out/") in listed
    assert "example-classic.md" not in listed or (out / "example-classic.md").read_text() != "from an older build"


def test_interrupted_lists_only_files_as_they_are_and_removes_temporaries(project):
    from resume_builder.building.session import BuildSession

    session = BuildSession.from_config(None, jobs=1)
    out = session.out_dir
    out.mkdir()
    (out / "me.md").write_text("rebuilt but not recorded", encoding="utf-8")  # replaced after the old manifest
    (out / "me.txt").write_text("as recorded", encoding="utf-8")
    (out / ".me-web.pdf.x1y2.tmp").write_bytes(b"half a PDF")  # a write cut short by SIGKILL
    (out / "unrelated.tmp").write_text("not ours", encoding="utf-8")
    session.previous = {
        "me.md": {"file": "me.md", "sha256": hashlib.sha256(b"as recorded").hexdigest()},
        "me.txt": {"file": "me.txt", "sha256": hashlib.sha256(b"as recorded").hexdigest()},
    }
    session.interrupted()
    manifest = json.loads((out / "manifest.json").read_text())
    assert [e["file"] for e in manifest["files"]] == ["me.txt"]
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "me.md", "me.txt", "unrelated.tmp"]


def test_clean_removes_only_files_inside_the_output_folder(project):
    """manifest.json is a file in the repository: its names must not reach outside out/."""
    out = project / "out"
    out.mkdir()
    (project / "precious.txt").write_text("keep", encoding="utf-8")
    outside = project.parent / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    (out / "old.md").write_text("old", encoding="utf-8")
    (out / "link.md").symlink_to(project / "precious.txt")
    (out / "manifest.json").write_text(json.dumps({"files": [
        {"file": "../precious.txt"}, {"file": str(outside)}, {"file": "old.md"}, {"file": "link.md"},
        {"file": "../../" + outside.name}]}), encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1", "--clean", "--only", "me.md"])
    assert result.exit_code == 0, result.output
    assert (project / "precious.txt").read_text() == "keep" and outside.read_text() == "keep"
    assert not (out / "old.md").exists() and not (out / "link.md").is_symlink()


def test_only_keeps_the_manifest_entries_of_the_other_targets(project):
    """--only builds a subset; the other targets' entries stay (their files are unchanged), so
    the next full build skips them (before: the manifest listed only the --only targets)."""
    import json

    runner.invoke(app, ["build", "-j", "1"])
    manifest = project / "out" / "manifest.json"
    everything = {entry["file"] for entry in json.loads(manifest.read_text())["files"]}
    result = runner.invoke(app, ["build", "-j", "1", "--only", "*.md"])
    assert result.exit_code == 0, result.output
    assert {entry["file"] for entry in json.loads(manifest.read_text())["files"]} == everything
    again = runner.invoke(app, ["build", "-j", "1"])
    assert f"0 built, {len(everything)} up to date" in again.output


@pytest.mark.parametrize("name, folder", [("../notes", "{project}"), ("/tmp/abs-{{profile}}", "/tmp"),
                                          ("sub/../../notes", "{project}")])
def test_a_name_never_writes_outside_the_output_folder(project, name, folder):
    """`name = "../notes"` replaced ./notes.md with the résumé, silently (newcomer trial)."""
    (project / "notes.md").write_text("precious", encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        f'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["md"]\n'
        f'name = "{name}"\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 2
    where = folder.format(project=project)
    assert f"resume-builder.toml:6:8: targets[0].name: the name puts " in result.output
    assert f" in {where}, outside the output folder {project / 'out'} (a name is a file name inside out_dir: " \
           "no '..', no absolute path)" in result.output
    assert (project / "notes.md").read_text(encoding="utf-8") == "precious"
    assert not (project / "out").exists()


def test_build_file_given_as_a_folder_or_binary_is_a_user_error(project):
    """`build -c apps` and `build -c random.toml` ended in tracebacks (newcomer trial)."""
    (project / "apps").mkdir()
    result = runner.invoke(app, ["build", "-c", "apps"])
    assert result.exit_code == 2
    assert "error: apps: is a folder, not a build file (give the build file, e.g. apps/resume-builder.toml)" \
        in result.output
    (project / "random.toml").write_bytes(bytes(range(256)) * 2)
    result = runner.invoke(app, ["build", "-c", "random.toml"])
    assert result.exit_code == 2
    assert "error: random.toml: not a text file (a build file is TOML, in UTF-8)" in result.output


def test_star_on_a_profile_with_errors_fails_its_targets_and_builds_the_others(project):
    """`variants = ["*"]` loaded the profile while reading the build file: its error stopped
    the whole build, exit 2, the other targets not built (newcomer trial)."""
    (project / "profiles" / "broken.yaml").write_text(SMALL.replace("sam@example.com", "nope"), encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/broken.yaml"\nvariants = ["*"]\n'
        'formats = ["md"]\n[[targets]]\nprofile = "profiles/me.yaml"\nformats = ["md"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 1
    assert "failed: out/broken.md" in result.output and "broken.yaml:3:10: basics.email" in result.output
    assert (project / "out" / "me.md").exists()


def test_build_file_mistakes_come_in_line_order(project):
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncolour = "red"\n\n[[targets]]\nprofile = "profiles/me.yaml"\ndocuments = ["cv"]\n',
        encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    lines = [line.split(".toml")[-1][:20] for line in result.output.splitlines()[:2]]
    assert lines == [":2:1: colour: unknow", ":6:14: targets[0].do"]


def test_a_target_that_builds_nothing_or_sets_what_does_nothing_is_a_mistake(project):
    """`formats = []` built nothing with exit 0; `zip` without `bundle` and `lang = ""` were
    ignored (newcomer trial)."""
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\n[[targets]]\nprofile = "profiles/me.yaml"\nformats = []\nzip = true\nlang = ""\n',
        encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    lines = [line.split(".toml")[-1] for line in result.output.splitlines()]
    assert lines == [":4:11: targets[0].formats: formats is empty, so this target builds nothing (leave 'formats' "
                     "out for its default, or name what to build)",
                     ":5:7: targets[0].zip: zip = true without bundle = true does nothing (add bundle = true: zip "
                     "makes the bundle one .zip file)",
                     ":6:8: targets[0].lang: lang is empty (give a language code, e.g. de, or leave 'lang' out)",
                     "3 problems found"]


def test_build_says_the_warnings_render_would_say(project):
    """A target's warnings (a language without built-in words, a variant file written for
    another profile) were dropped by build (newcomer trial)."""
    (project / "apps").mkdir()
    (project / "profiles" / "other.yaml").write_text(SMALL, encoding="utf-8")
    (project / "apps" / "v.yaml").write_text("profile: ../profiles/other.yaml\nmax_highlights: 1\n", encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\nlang = "zh-TW"\n'
        'formats = ["md"]\n[[targets]]\nprofile = "profiles/me.yaml"\nvariants = ["apps/v.yaml"]\nformats = ["md"]\n',
        encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "warning: out/me-zh-TW.md: no built-in translation for 'zh-TW'" in result.output  # named as render --lang names it
    assert f"warning: out/me-v.md: {project / 'apps' / 'v.yaml'}:1:10: v.yaml was written for ../profiles/other.yaml" \
        in result.output


def test_a_json_variant_file_is_read_beside_the_build_file_and_its_edits_rebuild(project, tmp_path, monkeypatch):
    """A .json variant file was neither found relative to the build file nor part of the
    target's input hash (only .yaml/.yml were), so editing it left the output "up to date"."""
    (project / "apps").mkdir()
    variant = project / "apps" / "short.json"
    variant.write_text('{"profile": "../profiles/me.yaml", "sections": ["experience"]}', encoding="utf-8")
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\nvariants = ["apps/short.json"]\n'
        'formats = ["md"]\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # relative to the build file, not the working directory
    config = str(project / "resume-builder.toml")
    assert runner.invoke(app, ["build", "-c", config, "-j", "1"]).exit_code == 0
    assert "Builds things." not in (project / "out" / "me-short.md").read_text(encoding="utf-8")
    variant.write_text('{"profile": "../profiles/me.yaml", "sections": ["summary", "experience"]}',
                       encoding="utf-8")
    result = runner.invoke(app, ["build", "-c", config, "-j", "1"])
    assert "built       " in result.output and "me-short.md" in result.output, result.output
    assert "Builds things." in (project / "out" / "me-short.md").read_text(encoding="utf-8")


def test_only_takes_several_globs_and_paths_from_the_build_file(project):
    """A second --only replaced the first, and 'out/*.md' (the path as the user sees it)
    matched nothing (newcomer trial)."""
    result = runner.invoke(app, ["build", "-j", "1", "--only", "me.md", "--only", "out/me-web.txt"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "out").iterdir() if p.name != "manifest.json") == ["me-web.txt", "me.md"]
    typo = runner.invoke(app, ["build", "-j", "1", "--only", "me.md", "--only", "*.docs"])
    assert typo.exit_code == 2
    assert "--only '*.docs' matches no target" in typo.output and "outputs here: me-web.md," in typo.output


def test_the_manifest_says_the_epoch_of_each_file_and_of_the_build_only_when_they_share_one(project, monkeypatch):
    """A build --only under another SOURCE_DATE_EPOCH made the manifest name that epoch for
    files built under the earlier one (newcomer trial)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert runner.invoke(app, ["build", "-j", "1", "--only", "*.md"]).exit_code == 0
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    assert manifest["source_date_epoch"] == 1600000000
    assert {e["source_date_epoch"] for e in manifest["files"]} == {1600000000}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert runner.invoke(app, ["build", "-j", "1", "--only", "me.md"]).exit_code == 0
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    assert manifest["source_date_epoch"] is None
    assert {e["file"]: e["source_date_epoch"] for e in manifest["files"]} == {"me.md": 1700000000,
                                                                               "me-web.md": 1600000000}


def test_build_never_replaces_a_pdf_it_did_not_make_from_another_document(project):
    """`render me-web.yaml` wrote out/me-web.pdf; a build target named me-web (profile me.yaml,
    variant web) silently replaced it (release trial), where `render` refuses the same. A file
    the build's manifest does not list is replaced only if it records the same document."""
    other = project / "profiles" / "me-web.yaml"
    other.write_text(SMALL.replace("Sam Sample", "Robin Other"), encoding="utf-8")
    result = runner.invoke(app, ["render", str(other), "-f", "pdf", "--out-dir", "out"])
    assert result.exit_code == 0, result.output
    before = (project / "out" / "me-web.pdf").read_bytes()
    result = runner.invoke(app, ["build", "--jobs", "1"])
    assert result.exit_code == 1
    assert (project / "out" / "me-web.pdf").read_bytes() == before
    assert "out/me-web.pdf was rendered from me-web.yaml (Robin Other)" in result.output
    assert "not by this build" in result.output and "another 'name' in the build file" in result.output
    assert (project / "out" / "me.pdf").is_file()  # the other targets are built
    # The same document rendered by `render` first is the build's to replace.
    (project / "out" / "me-web.pdf").unlink()
    result = runner.invoke(app, ["render", "profiles/me.yaml", "--variant", "web", "-f", "pdf", "--out-dir", "out"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
