"""A file included more than once: each mistake in it names the include it came through.

The same file can be included from two places (two keys, two list items, or through a file
itself included twice); the "included from" lines under a mistake are the include sites
of that inclusion, not of the first one.
"""

from __future__ import annotations

import pickle

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()

PROFILE = """\
basics: {name: Ann Example}
experience:
  - company: Acme
    position: Engineer
    start: 2020-01
    highlights: {include: parts/points.yaml}
  - company: Beta Works
    position: Developer
    start: 2015-02
    end: 2019-12
    highlights: {include: parts/points.yaml}
"""
POINTS = "- Shipped the tracker\n- {text: 5}\n"


def _validate(folder) -> str:
    result = runner.invoke(app, ["validate", "cv.yaml"])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    return result.output


def _blocks(output: str) -> dict[str, str]:
    """Each error's path → the lines under it."""
    out, key = {}, None
    for line in output.splitlines():
        if line.startswith("error: "):
            key = line.split(": ")[2]
            out[key] = ""
        elif key and line.startswith("  "):
            out[key] += line.strip() + "\n"
    return out


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "points.yaml").write_text(POINTS, encoding="utf-8")
    (tmp_path / "cv.yaml").write_text(PROFILE, encoding="utf-8")
    return tmp_path


def test_two_keys_including_one_file_each_name_their_own_line(folder):
    blocks = _blocks(_validate(folder))
    # the include sites are where 'parts/points.yaml' is written in PROFILE: lines 6 and 11, column 27
    sites = [n + 1 for n, line in enumerate(PROFILE.splitlines()) if "parts/points.yaml" in line]
    column = PROFILE.splitlines()[sites[0] - 1].index("parts/") + 1
    assert sites == [6, 11]
    assert blocks["experience[0].highlights[1].text"] == f"included from cv.yaml:{sites[0]}:{column}\n"
    assert blocks["experience[1].highlights[1].text"] == f"included from cv.yaml:{sites[1]}:{column}\n"


def test_a_file_included_through_a_file_included_twice_names_each_chain(folder):
    (folder / "parts" / "job.yaml").write_text(
        "company: Gamma\nposition: Lead\nstart: 2010-01\nhighlights: {include: points.yaml}\n", encoding="utf-8")
    (folder / "cv.yaml").write_text(
        "basics: {name: Ann Example}\nexperience:\n  - {include: parts/job.yaml}\n  - {include: parts/job.yaml}\n",
        encoding="utf-8")
    blocks = _blocks(_validate(folder))
    # "  - {include: " is 14 characters: the path is at column 15; "highlights: {include: ", 22
    assert blocks["experience[0].highlights[1].text"] == (
        "included from parts/job.yaml:4:23\nincluded from cv.yaml:3:15\n")
    assert blocks["experience[1].highlights[1].text"] == (
        "included from parts/job.yaml:4:23\nincluded from cv.yaml:4:15\n")


def test_a_missing_file_named_in_a_file_included_twice_says_which_inclusion(folder):
    (folder / "parts" / "job.yaml").write_text(
        "company: Gamma\nposition: Lead\nstart: 2010-01\nhighlights: {include: nowhere.yaml}\n", encoding="utf-8")
    (folder / "cv.yaml").write_text(
        "basics: {name: Ann Example}\nexperience:\n  - {include: parts/job.yaml}\n  - {include: parts/job.yaml}\n",
        encoding="utf-8")
    output = _validate(folder)
    # reading stops at the first inclusion, so the first site is the right one here
    assert "parts/job.yaml:4:23: " in output and "included from cv.yaml:3:15" in output


def test_the_name_with_its_sites_is_still_the_name():
    from resume_builder.loading.includes import IncludedFile

    name = IncludedFile("parts/points.yaml", ())
    assert name == "parts/points.yaml" and hash(name) == hash("parts/points.yaml") and f"{name}" == name
    again = pickle.loads(pickle.dumps(name))
    assert again == name and again.sites == ()
