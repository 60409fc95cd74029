"""A variant file's ``profile:`` line names the profile every command renders with it, not
only ``tailor`` (newcomer trial: ``render -V other/variant.yaml`` rendered the default
profile, another person, and from a folder without ``profiles/`` failed with "file not found")."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.commands.common import profile_or_default
from resume_builder.errors import UserError
from tests.conftest import EXAMPLE

runner = CliRunner()

BASE = ("basics:\n  name: Robin Elsewhere\n  email: robin@example.com\n"
        "experience:\n  - company: Far Away Ltd\n    position: Engineer\n    start: 2020-01\n")


@pytest.fixture
def variant(tmp_path, monkeypatch):
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "robin.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "variants").mkdir()
    path = tmp_path / "variants" / "short.yaml"
    path.write_text("profile: ../people/robin.yaml\noverrides:\n  basics.headline: Short and sweet\n", encoding="utf-8")
    work = tmp_path / "elsewhere"  # no profiles/ folder here
    work.mkdir()
    monkeypatch.chdir(work)
    return path


def test_render_with_a_variant_file_renders_the_profile_it_names(variant, tmp_path):
    out = tmp_path / "cv.txt"
    result = runner.invoke(app, ["render", "-V", str(variant), "-f", "txt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Robin Elsewhere" in text and "Short and sweet" in text


def test_the_profile_given_still_wins_over_the_variant_files(variant, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(BASE.replace("Robin Elsewhere", "Sam Given"), encoding="utf-8")
    assert profile_or_default(other, str(variant)) == other
    out = tmp_path / "cv.md"
    result = runner.invoke(app, ["render", str(other), "-V", str(variant), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Sam Given" in out.read_text(encoding="utf-8")


def test_a_variant_file_naming_a_missing_profile_is_a_located_error(variant, tmp_path):
    variant.write_text("profile: ../people/nobody.yaml\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        profile_or_default(None, str(variant))
    assert "base profile '../people/nobody.yaml' not found" in str(info.value)
    result = runner.invoke(app, ["render", "-V", str(variant), "-f", "txt", "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and f"{variant}:1:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.txt").exists()


def test_a_variant_files_profile_that_is_a_dangling_link_a_folder_or_a_fifo_says_what_it_is(variant, tmp_path):
    """``profile:`` naming a symbolic link to a moved profile, a folder or a FIFO said "not found"
    (trial): it says what the path is, at the key, as the profile loader does."""
    import os

    people = tmp_path / "people"
    (people / "moved.yaml").symlink_to("robin-old.yaml")
    (people / "all.yaml").mkdir()
    os.mkfifo(people / "pipe.yaml")
    said = {}
    for name in ("moved.yaml", "all.yaml", "pipe.yaml"):
        variant.write_text(f"profile: ../people/{name}\n", encoding="utf-8")
        with pytest.raises(UserError) as info:
            profile_or_default(None, str(variant))
        said[name] = str(info.value)
    assert said == {
        "moved.yaml": f"{variant}:1:10: profile: base profile '../people/moved.yaml' is a symbolic link to "
                      "'robin-old.yaml', which does not exist (point the link at the profile, or name the profile "
                      "itself)",
        "all.yaml": f"{variant}:1:10: profile: base profile '../people/all.yaml' is a folder (name the profile's "
                    "file, relative to the variant file)",
        "pipe.yaml": f"{variant}:1:10: profile: base profile '../people/pipe.yaml' is a named pipe (FIFO), not a "
                     "regular file (name the profile's file, relative to the variant file)",
    }
    result = runner.invoke(app, ["render", "-V", str(variant), "-f", "txt", "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and said["pipe.yaml"] in " ".join(result.output.split())
    assert not (tmp_path / "x.txt").exists()


def test_a_profile_given_as_a_variant_file_is_said_once(tmp_path):
    """``--variant profiles/example.yaml`` printed eleven "unknown field" errors (newcomer trial)."""
    result = runner.invoke(app, ["render", "--variant", str(EXAMPLE), "-f", "md", "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 2
    assert result.output.count("error:") == 1
    assert "this is a profile (it has basics:), not a variant file (give it as the PROFILE argument" in result.output


def test_a_variant_file_naming_itself_or_no_language_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "me.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "self.yaml").write_text("profile: self.yaml\n", encoding="utf-8")
    (tmp_path / "lang.yaml").write_text("profile: me.yaml\nlang: xx\n", encoding="utf-8")
    named_itself = runner.invoke(app, ["render", "-V", "self.yaml", "-f", "md", "-o", "x.md"])
    assert "self.yaml:1:10: profile: the variant file names itself as its profile" in named_itself.output
    no_language = runner.invoke(app, ["render", "-V", "lang.yaml", "-f", "md", "-o", "x.md"])
    assert "lang.yaml:2:7: lang: 'xx' is not a language" in no_language.output
    assert named_itself.exit_code == no_language.exit_code == 2 and not (tmp_path / "x.md").exists()
