"""An unknown top-level key that is a field of ``basics`` (``name: Lucía`` at column 0) says
where it goes; one that is a field of a section's entries says which section (newcomer trial:
"unknown field 'name' (allowed here: awards, basics, ...)" gave no way to the fix)."""

from __future__ import annotations

from typer.testing import CliRunner

from resume_builder.cli import app


def _validate(tmp_path, body: str) -> str:
    profile = tmp_path / "cv.yaml"
    profile.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


def test_a_field_of_basics_at_the_top_level_says_it_goes_under_basics(tmp_path):
    said = _validate(tmp_path, "name: Lucía\nbasics:\n  email: lucia@example.com\n")
    assert "cv.yaml:1:1: name: unknown field 'name' (did you mean 'basics.name'? write it under 'basics:', " \
           "indented like its other fields)" in said, said
    assert "'name' is required" not in said and "1 problem" not in said and said.count("error: /") == 1


def test_basics_wins_over_a_near_top_level_name(tmp_path):
    said = _validate(tmp_path, "location: Madrid\nbasics:\n  name: Ann\n")
    assert "did you mean 'basics.location'?" in said, said


def test_a_field_of_a_sections_entries_names_the_section(tmp_path):
    said = _validate(tmp_path, "basics:\n  name: Ann\ncompany: Acme\n")
    assert "unknown field 'company' ('company' is a field of each entry of 'experience': write it in an entry " \
           "there, indented like its other fields)" in said, said


def test_a_typo_of_a_top_level_key_keeps_its_did_you_mean(tmp_path):
    said = _validate(tmp_path, "basics:\n  name: Ann\nprojcts: []\n")
    assert "did you mean 'projects'?" in said, said


def test_a_json_resume_field_name_in_a_profile_names_the_profiles_own(tmp_path):
    """``studyType`` in a profile of ours listed the allowed fields without saying which one
    it meant (fresh trial): a JSON Resume name says this profile's name for the same field."""
    said = _validate(tmp_path, "basics:\n  name: Ann\neducation:\n  - institution: U\n    studyType: BSc\n"
                               "    start: 2010\n")
    assert "cv.yaml:5:5: education[0].studyType: unknown field 'studyType' (did you mean 'degree'? ('studyType' " \
           "is JSON Resume's name for it; a profile writes 'degree'))" in said, said
