"""`tailor` command: text and JSON reports, variants, --write-variant, --keywords, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from resume_builder.commands.tailor import tailor
from resume_builder.loading.variants import load_variant_file
from resume_builder.pipeline import select_variant
from tests.conftest import EXAMPLE, JOB_SAMPLE

runner = CliRunner()


def make_app() -> typer.Typer:
    app = typer.Typer()
    app.command("tailor")(tailor)

    @app.callback()
    def _root() -> None:  # keep "tailor" a subcommand, as in the real CLI
        pass

    return app


APP = make_app()


@pytest.fixture(scope="module")
def job() -> Path:
    return JOB_SAMPLE


def invoke(*args: str):
    return runner.invoke(APP, ["tailor", *args])


def test_text_report(job):
    result = invoke(str(EXAMPLE), "--job", str(job))
    assert result.exit_code == 0, result.output
    assert "Web Developer at Larkspur Mapping" in result.stdout
    assert "Keyword coverage: 64%" in result.stdout
    assert "Missing" in result.stdout and "MongoDB" in result.stdout


def test_default_profile_is_the_example(job, monkeypatch):
    monkeypatch.chdir(EXAMPLE.parents[1])
    result = invoke("--job", str(job))
    assert result.exit_code == 0, result.output
    assert "Profile: example.yaml" in result.stdout


def test_json_report(job):
    result = invoke(str(EXAMPLE), "--job", str(job), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["coverage"]["percent"] == 64
    assert data["variant"] is None
    assert "CSS" in data["missing"] and "HTML" in data["covered"]
    assert data["entries"][0]["id"] == "jenkins-ci-pipeline"


def test_with_a_variant(job):
    result = invoke(str(EXAMPLE), "--job", str(job), "--variant", "platform", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["variant"] == "platform"
    assert "HTML" in data["missing"]


def test_write_variant_writes_a_valid_variant_and_refuses_to_overwrite(job, tmp_path):
    target = tmp_path / "variants" / "microsoft.yaml"
    result = invoke(str(EXAMPLE), "--job", str(job), "--write-variant", str(target))
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Starting variant for Web Developer at Larkspur Mapping (full.job.json)")
    assert f"--job {job}" in text  # the path as given, not only the file name
    variant, _ = load_variant_file(target)
    assert variant.drop and "jenkins-ci-pipeline" not in variant.drop
    tailored = select_variant(None, str(target))  # the profile path is relative to the variant file
    assert tailored.base.path.resolve() == EXAMPLE.resolve()
    assert tailored.name == "microsoft" and tailored.stem == "example-microsoft"
    assert "jenkins-ci-pipeline" in [p.id for p in tailored.profile.projects]

    again = invoke(str(EXAMPLE), "--job", str(job), "--write-variant", str(target))
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "pass --force to replace it" in again.stderr
    assert again.stdout == ""  # refused before the report, which would be printed for nothing

    target.write_text("# my edits\n", encoding="utf-8")
    forced = invoke(str(EXAMPLE), "--job", str(job), "--write-variant", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") == text  # replaced by the same starting variant


def test_written_variant_is_usable_by_the_command(job, tmp_path):
    target = tmp_path / "web.yaml"
    assert invoke(str(EXAMPLE), "--job", str(job), "--write-variant", str(target), "--json").exit_code == 0
    result = invoke("--job", str(job), "--variant", str(target), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["variant"] == "web"


def test_write_variant_from_a_variant_keeps_its_settings(job, tmp_path):
    target = tmp_path / "platform-web.yaml"
    result = invoke(str(EXAMPLE), "--job", str(job), "--variant", "platform", "--write-variant", str(target))
    assert result.exit_code == 0, result.output
    variant, _ = load_variant_file(target)
    assert variant.max_highlights == 4 and variant.overrides["basics.headline"].startswith("Platform Engineer")


def test_write_variant_needs_a_yaml_name(job, tmp_path):
    result = invoke(str(EXAMPLE), "--job", str(job), "--write-variant", str(tmp_path / "v.txt"))
    assert result.exit_code == 2 and "must end in .yaml" in result.stderr


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_write_variant_to_a_folder_or_a_fifo_says_what_it_is_and_never_suggests_force(job, tmp_path, force):
    """``--write-variant DIR`` suggested --force, which was then refused too; a FIFO's hint named
    '-o -', which tailor does not have (trial): both are refused before the report, with or without --force."""
    import os

    (tmp_path / "variants").mkdir()
    result = invoke(str(EXAMPLE), "--job", str(job), "--write-variant", str(tmp_path / "variants"), *force)
    assert result.exit_code == 2 and result.stdout == ""
    assert " ".join(result.stderr.split()) == (f"error: {tmp_path / 'variants'}: is a folder, not a file (give the "
                                               f"variant file's name, e.g. {tmp_path / 'variants' / 'sre.yaml'})")
    os.mkfifo(tmp_path / "pipe.yaml")
    result = invoke(str(EXAMPLE), "--job", str(job), "--write-variant", str(tmp_path / "pipe.yaml"), *force)
    assert result.exit_code == 2 and result.stdout == ""
    assert " ".join(result.stderr.split()) == (
        f"error: {tmp_path / 'pipe.yaml'} is a named pipe (FIFO), not a regular file; outputs are only written to "
        "regular files (name a file path)")
    assert sorted(os.listdir(tmp_path)) == ["pipe.yaml", "variants"] and os.listdir(tmp_path / "variants") == []


def test_write_variant_never_replaces_a_file_tailor_reads(job, tmp_path):
    """``--write-variant profile.yaml --force`` replaced the profile being read with a variant,
    and ``-V my.yaml --write-variant my.yaml --force`` the variant file (trial): every file
    tailor reads (the profile, a file it includes, the variant file, the posting, the keyword
    file, through a link too) is refused, --force or not, and left as it was."""
    import shutil

    shutil.copy(EXAMPLE, tmp_path / "example.yaml")
    profile = tmp_path / "example.yaml"
    posting = tmp_path / "job.txt"
    posting.write_text(job.read_text(encoding="utf-8"), encoding="utf-8")
    keywords = tmp_path / "aliases.yaml"
    keywords.write_text("aliases:\n  Kubernetes: [k8s]\n", encoding="utf-8")
    (tmp_path / "main.yaml").write_text("include: example.yaml\n", encoding="utf-8")
    variant = tmp_path / "mine.yaml"
    assert invoke(str(profile), "--job", str(posting), "--write-variant", str(variant)).exit_code == 0
    (tmp_path / "link.yaml").symlink_to("example.yaml")
    cases = [
        ([str(profile)], profile),
        ([str(profile)], posting),
        ([str(profile), "--keywords", str(keywords)], keywords),
        (["-V", str(variant)], variant),
        (["-V", str(variant)], tmp_path / "link.yaml"),  # the profile the variant file names, through a link
        ([str(tmp_path / "main.yaml")], profile),  # a file the profile includes
    ]
    for args, target in cases:
        before = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}
        result = invoke(*args, "--job", str(posting), "--write-variant", str(target), "--force")
        assert result.exit_code == 2 and result.stdout == "", (args, target, result.output)
        assert " ".join(result.stderr.split()) == (
            f"error: {target} is the file being read: writing it would replace the input (choose another output path)")
        assert {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()} == before


def test_keywords_file(tmp_path):
    posting = tmp_path / "job.md"
    posting.write_text("# Platform engineer\n\nRequirements: Backstage, Kubernetes\n", encoding="utf-8")
    extra = tmp_path / "aliases.yaml"
    extra.write_text("aliases:\n  Kubernetes: [Backstage]\n", encoding="utf-8")
    without = json.loads(invoke(str(EXAMPLE), "--job", str(posting), "--json").stdout)
    with_file = json.loads(invoke(str(EXAMPLE), "--job", str(posting), "--json", "--keywords", str(extra)).stdout)
    assert without["coverage"]["total"] == 2 and with_file["coverage"]["total"] == 2  # Platform Eng. + Kubernetes
    mentions = {k["keyword"]: k["mentions"] for k in with_file["keywords"]}
    assert mentions["Kubernetes"] == 2
    assert {k["keyword"]: k["mentions"] for k in without["keywords"]}["Kubernetes"] == 1


@pytest.mark.parametrize("args, expected", [
    (["--variant", "platfrom"], "the profile has no variant 'platfrom' (did you mean 'platform'?)"),
    (["--variant", "missing.yaml"], "missing.yaml: file not found"),
])
def test_user_errors_exit_2(job, args, expected):
    result = invoke(str(EXAMPLE), "--job", str(job), *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_missing_job_file(tmp_path):
    result = invoke(str(EXAMPLE), "--job", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "nope.txt: file not found" in result.stderr


def test_bad_variant_file_is_located(job, tmp_path):
    variant = tmp_path / "v.yaml"
    variant.write_text(f"profile: {EXAMPLE.as_posix()}\nkeep: [argo-workflow]\n", encoding="utf-8")
    result = invoke("--job", str(job), "--variant", str(variant))
    assert result.exit_code == 2
    assert "v.yaml:2:8: keep[0]: no entry has id 'argo-workflow' (did you mean 'argo-workflows'?)" in result.stderr


def test_job_is_required():
    result = invoke(str(EXAMPLE))
    assert result.exit_code == 2 and "--job" in result.output
