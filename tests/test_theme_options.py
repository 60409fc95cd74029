"""Theme options' precedence, stated once (pipeline.theme_options):
theme defaults < the profile's ``theme:`` < the variant's ``theme:`` < the command line (-O)."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.pipeline import RenderRequest, parse_option_overrides, prepare, theme_options
from resume_builder.schema.profile import Profile
from resume_builder.theming import find_theme

PROFILE = """\
basics: {name: Jo Short}
summary: Keeps services up.
skills:
  - {name: Operations, keywords: [Linux]}
education:
  - {institution: TU Example, degree: MSc}
theme:
  name: classic
  font_size: 9
  margins: 12
  accent_color: "#111111"
  section_order: [education, summary, skills]
variants:
  tight:
    theme:
      margins: 14
      accent_color: "#222222"
      section_order: [skills, summary]
"""


def _profile(tmp_path: Path, text: str = PROFILE) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_layer_wins_over_the_one_below(tmp_path):
    path = _profile(tmp_path)
    classic = find_theme("classic")
    defaults = classic.options()
    job = prepare(RenderRequest(profile=path, variant="tight", options={"accent_color": "#333333"}))
    assert job.options.line_height == defaults.line_height  # the theme's default: nobody set it
    assert job.options.font_size == 9  # the profile's, over the theme's
    assert job.options.margins == 14  # the variant's, over the profile's
    assert job.options.accent_color == "#333333"  # the command line's, over the variant's
    assert [s.key for s in job.document.sections][:2] == ["skills", "summary"]  # the variant's order


def test_without_a_variant_or_command_line_the_profile_wins(tmp_path):
    job = prepare(RenderRequest(profile=_profile(tmp_path)))
    assert (job.options.font_size, job.options.margins, job.options.accent_color) == (9, 12, "#111111")
    assert [s.key for s in job.document.sections] == ["education", "summary", "skills"]


def test_theme_options_is_the_one_merge():
    profile = Profile.model_validate({"basics": {"name": "A"}, "summary": "x", "skills": [{"name": "Ops"}]})
    options, order = theme_options(find_theme("classic"), profile, profile_options={"margins": 12, "font_size": 9},
                                   variant_options={"margins": 14}, command_line={"font_size": 11})
    assert (options.margins, options.font_size, order) == (14, 11, None)
    _, order = theme_options(find_theme("classic"), profile, profile_options={"section_order": ["skills"]},
                             variant_options={}, command_line={"section_order": ["summary", "skills"]})
    assert order == ["summary", "skills"]


@pytest.mark.parametrize("layer, line", [("profile", 12), ("variant", 18)])
def test_a_bad_section_order_is_located_where_the_winning_value_is_written(tmp_path, layer, line):
    text = PROFILE.replace("section_order: [education, summary, skills]", "section_order: [education, summry]") \
        if layer == "profile" else PROFILE.replace("section_order: [skills, summary]", "section_order: [skils]")
    path = _profile(tmp_path, text)
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=path, variant="tight" if layer == "variant" else None))
    assert f"me.yaml:{line}:" in str(info.value) and "unknown section" in str(info.value)


def test_the_command_line_section_order_replaces_the_profile_one(tmp_path):
    job = prepare(RenderRequest(profile=_profile(tmp_path), options={"section_order": ["skills", "education"]}))
    assert [s.key for s in job.document.sections][:2] == ["skills", "education"]


def test_a_bad_option_in_a_variant_file_is_located_in_that_file(tmp_path):
    _profile(tmp_path)
    variant = tmp_path / "tight.yaml"
    variant.write_text("profile: me.yaml\ntheme:\n  margins: 99\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(variant=str(variant)))
    assert "tight.yaml:3:" in str(info.value) and "margins" in str(info.value)


def test_a_variants_bad_options_are_named_by_their_path_in_order_as_written(tmp_path):
    """They were named theme.font_size, a key of the profile's own theme block, and came in the
    options' order, not the line's (newcomer trial); in a variant file the path is the file's."""
    path = _profile(tmp_path, PROFILE.replace("      margins: 14\n",
                                              "      margins: huge\n      font_size: big\n      spacing: 0\n")
                    .replace("      section_order: [skills, summary]", "      section_order: [skils]"))
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=path, variant="tight"))
    assert [(str(p.location), p.path) for p in info.value.problems] == [
        (f"{path}:16:16", "variants.tight.theme.margins"), (f"{path}:17:18", "variants.tight.theme.font_size"),
        (f"{path}:18:16", "variants.tight.theme.spacing")]
    variant = tmp_path / "tight.yaml"
    variant.write_text("profile: me.yaml\ntheme:\n  section_order: [skils]\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(variant=str(variant)))
    assert [(str(p.location), p.path) for p in info.value.problems] == [(f"{variant}:3:19", "theme.section_order[0]")]
    _profile(tmp_path, PROFILE.replace("      section_order: [skills, summary]", "      section_order: [skils]"))
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=path, variant="tight"))
    assert [p.path for p in info.value.problems] == ["variants.tight.theme.section_order[0]"]


def test_an_unknown_section_in_section_order_is_named_where_it_was_written(tmp_path):
    """From -O it was said to be theme.section_order[0], a place the user never wrote."""
    path = tmp_path / "me.yaml"
    path.write_text(PROFILE.replace("[education, summary, skills]", "[education, sumary, skills]"), encoding="utf-8")
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=path))
    assert str(info.value) == (f"{path}:12:30: theme.section_order[1]: unknown section 'sumary' "
                               "(did you mean 'summary'?)")
    path.write_text(PROFILE, encoding="utf-8")
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=path, options={"section_order": ["skills", "jobs"]}))
    assert str(info.value) == ("-O section_order: unknown section 'jobs' (sections: awards, certifications, "
                               "education, experience, interests, languages, projects, publications, references, "
                               "skills, summary, volunteering)")


@pytest.mark.parametrize("given, size", [("a4", "A4"), ("LETTER", "Letter"), (" letter ", "Letter"), ("A4", "A4")])
def test_a_page_size_is_a_name_in_any_case(tmp_path, given, size):
    """`-O page_size=a4` was refused: only 'A4' was accepted (newcomer trial)."""
    job = prepare(RenderRequest(profile=_profile(tmp_path), options={"page_size": given}))
    assert job.options.page_size == size
    with pytest.raises(UserError, match="'a5' is not one of the allowed values"):
        prepare(RenderRequest(profile=_profile(tmp_path), options={"page_size": "a5"}))


def test_a_boolean_theme_option_is_not_a_number_in_any_layer(tmp_path):
    """``line_height: true`` in a variant and ``-O spacing=yes`` were read as 1.0 (Python's bool is
    an int), silently, wherever 1 was in range; theme.toml's ``[options]`` too."""
    path = _profile(tmp_path, PROFILE.replace("      margins: 14\n", "      line_height: true\n"))
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=path, variant="tight"))
    assert str(info.value) == (f"{path}:16:20: variants.tight.theme.line_height: true is not a number "
                               "(use a number from 1 to 2)")
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=_profile(tmp_path), options=parse_option_overrides(["spacing=yes"])))
    assert str(info.value) == "-O spacing: true is not a number (use a number from 0.4 to 2)"
    theme = tmp_path / "themes" / "bools"
    theme.mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "bools"\nextends = "classic"\n[options]\nspacing = false\n',
                                      encoding="utf-8")
    with pytest.raises(UserError) as info:
        find_theme(None, theme_dir=theme).options()
    assert str(info.value) == f"{theme}/theme.toml:4:11: options.spacing: false is not a number (use a number from 0.4 to 2)"


@pytest.mark.parametrize("written, said", [
    ("٩", "'٩' is not a number"),  # Python's int() reads other scripts' digits: it was 9
    ("１０", "'１０' is not a number"),  # full-width digits: it was 10
    ("1_0", "'1_0' is not a number"),  # a digit separator: it was 10
    ("inf", "'inf' is not a number"),  # it was "'inf' is out of range"
    ("nan", "'nan' is not a number"),
    ("0x10", "'0x10' is not a number"),
    ("1e400", "'1e400' is out of range"),  # it was "inf is out of range"
    ("1e-400", "'1e-400' is out of range"),  # it was "0.0 is out of range"
])
def test_a_number_option_is_a_number_in_ascii_digits_and_said_as_written(tmp_path, written, said):
    """``-O font_size=٩`` rendered at 9 pt, ``1_0`` at 10 (trial); a profile's quoted ``"1_0"``
    too (pydantic's lax reading). Refused in both, and said as written."""
    with pytest.raises(UserError) as info:
        prepare(RenderRequest(profile=_profile(tmp_path), options=parse_option_overrides([f"font_size={written}"])))
    assert str(info.value) == f"-O font_size: {said} (use a number from 7 to 14)"
    if written.isascii():
        path = _profile(tmp_path, PROFILE.replace("  font_size: 9\n", f'  font_size: "{written}"\n'))
        with pytest.raises(UserError) as info:
            prepare(RenderRequest(profile=path))
        assert str(info.value) == f"{path}:9:14: theme.font_size: {said} (use a number from 7 to 14)"


@pytest.mark.parametrize("written, value", [("10", 10), ("9.5", 9.5), ("+9", 9), (".95e1", 9.5), (" 11 ", 11)])
def test_plain_numbers_are_still_read(tmp_path, written, value):
    assert parse_option_overrides([f"font_size={written}"]) == {"font_size": value}
    path = _profile(tmp_path, PROFILE.replace("  font_size: 9\n", f'  font_size: "{written}"\n'))
    assert prepare(RenderRequest(profile=path)).options.font_size == value
